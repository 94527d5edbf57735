#!/usr/bin/python3
"""What a student who has a record file can do to it (docs/record-format.md,
threat model), for tests/e2e/trust_cli.sh:

  forge_record.py IN OUT pass            the summary says passed, score 100, and
                                         every hash is recomputed (SHA-256 is
                                         public); the old seal is kept
  forge_record.py IN OUT pass-drop       the same, and the seal's signature is
                                         removed (a seal as paja writes without
                                         a key)
  forge_record.py IN OUT pass-sign KEY   the same, signed with the student's own
                                         Ed25519 KEY (openssl pkeyutl), naming
                                         that key's fingerprint
  forge_record.py IN OUT pass-claim KEY ID   signed with KEY but naming key id ID
  forge_record.py IN OUT pass-cut        the same, with the seal cut off
                                         (looks like a crash)
"""
import hashlib
import json
import subprocess
import sys
import tempfile

GENESIS = "0" * 64
SUFFIX = 72  # ,"h":"<64 hex>"}


def chain(prev, body):
    return hashlib.sha256((prev + "\n").encode() + body).hexdigest()


def rehash(lines):
    prev = GENESIS
    out = []
    for line in lines:
        body = line[:-SUFFIX]
        h = chain(prev, body)
        out.append(body + b',"h":"' + h.encode() + b'"}')
        prev = h
    return out, prev


def sign(key, head):
    with tempfile.NamedTemporaryFile() as msg, tempfile.NamedTemporaryFile() as sig:
        msg.write(b"paja-seal/2\n" + head.encode())
        msg.flush()
        subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", key, "-rawin", "-in", msg.name, "-out", sig.name],
                       check=True)
        return open(sig.name, "rb").read().hex()


def fingerprint(key):
    der = subprocess.run(["openssl", "pkey", "-in", key, "-pubout", "-outform", "DER"], check=True,
                         capture_output=True).stdout
    return hashlib.sha256(der[-32:]).hexdigest()[:16]


def main():
    src, dst, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    lines = open(src, "rb").read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    seal = lines.pop() if b'"k":"seal"' in lines[-1] else None
    for i, line in enumerate(lines):
        if b'"k":"summary"' in line:
            o = json.loads(line)
            o["result"] = "passed"
            o["score"] = 100
            o.pop("h")
            lines[i] = json.dumps(o, separators=(",", ":"), ensure_ascii=False).encode() + b',"h":"' + b"0" * 64 + b'"}'
    lines, head = rehash(lines)
    if mode != "pass-cut" and seal is not None:
        o = json.loads(seal)
        o["head"] = head
        o.pop("h")
        if mode in ("pass-drop", "pass-sign", "pass-claim"):
            for k in ("alg", "sig", "key_id", "hmac"):
                o.pop(k, None)
        if mode in ("pass-sign", "pass-claim"):
            o["alg"] = "ed25519"
            o["sig"] = sign(sys.argv[4], head)
            o["key_id"] = sys.argv[5] if mode == "pass-claim" else fingerprint(sys.argv[4])
        body = json.dumps(o, separators=(",", ":")).encode()
        lines.append(body[:-1] + b',"h":"' + chain(head, body[:-1]).encode() + b'"}')
    open(dst, "wb").write(b"\n".join(lines) + b"\n")


main()
