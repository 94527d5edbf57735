/* app_cmd_key.c — `paja key new`: the Ed25519 key pair that seals session
 * records (record.h, docs/record-format.md). */
#define LOG_TAG "app"
#include "app.h"

#include "record.h"

#include <stdio.h>
#include <string.h>

const char APP_KEY_HELP[] =
    "usage: paja key new [-o FILE]\n"
    "\n"
    "Makes the key pair that seals session records (Ed25519): the private key\n"
    "to FILE (default paja-seal.key in the current folder), readable only by\n"
    "you (mode 0600), and the public key beside it (FILE with .pub in place of\n"
    ".key). Prints the key's fingerprint, which paja verify and the report name\n"
    "for every record it sealed. Never overwrites a key.\n"
    "\n"
    "Keep the private key on the school PCs, readable only by the account paja\n"
    "records under (records.signing_key in /etc/paja/paja.conf); give teachers\n"
    "the public key (records.public_key, or paja verify --key FILE.pub): it\n"
    "checks seals but cannot make them.\n"
    "\n"
    "example:\n"
    "  sudo paja key new -o /etc/paja/seal.key\n";

int app_cmd_key(int argc, char **argv)
{
    const char *out = "paja-seal.key";
    bool is_new = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(APP_KEY_HELP, stdout);
            return APP_EXIT_OK;
        } else if (!strcmp(a, "new") && !is_new) {
            is_new = true;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            if (i + 1 >= argc || !argv[i + 1][0]) {
                fprintf(stderr, "paja key: %s needs a file name\n", a);
                return APP_EXIT_USAGE;
            }
            out = argv[++i];
        } else {
            fprintf(stderr, "paja key: unexpected '%s'\nTry 'paja help key'.\n", a);
            return APP_EXIT_USAGE;
        }
    }
    if (!is_new) {
        fprintf(stderr, "paja key: say what to do: paja key new [-o FILE]\n");
        return APP_EXIT_USAGE;
    }
    char pub[4200];
    size_t n = strlen(out);
    if (n > 4 && !strcmp(out + n - 4, ".key")) snprintf(pub, sizeof pub, "%.*s.pub", (int)(n - 4), out);
    else snprintf(pub, sizeof pub, "%s.pub", out);
    struct rec_key k;
    char err[1024];
    if (!rec_key_generate(out, pub, &k, err, sizeof err)) {
        fprintf(stderr, "paja key: %s\n", err);
        return APP_EXIT_USAGE;
    }
    memset(k.bytes, 0, sizeof k.bytes);
    printf("private key: %s (readable only by you)\n", out);
    printf("public key:  %s\n", pub);
    printf("fingerprint: %s\n", k.id);
    return APP_EXIT_OK;
}
