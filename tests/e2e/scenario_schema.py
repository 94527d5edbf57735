#!/usr/bin/env python3
"""scenario_schema.py SOURCE_DIR — keeps scenarios/schema.json in step with
the loader: the schema is valid JSON Schema; every shipped scenario and the
guide's example validate against it; a file with misspelt keys does not;
and the key lists the loader accepts (the *_KEYS arrays in
engine/scenario/scenario_load*.c) are exactly the properties the schema
allows. Exits 77 (skipped) when python3-jsonschema or python3-yaml is
missing."""
import json, re, sys, pathlib

try:
    import jsonschema, yaml
except ImportError:
    print("python3-jsonschema or python3-yaml not installed; skipping")
    sys.exit(77)

# YAML 1.2 booleans (only true/false), as libyaml-based paja and editors'
# YAML 1.2 language servers read them; PyYAML's 1.1 rules would turn the key
# "on" into True.
class Yaml12Loader(yaml.SafeLoader):
    pass
Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
def load(text):
    return yaml.load(text, Loader=Yaml12Loader)

src = pathlib.Path(sys.argv[1])
schema = json.loads((src / "scenarios/schema.json").read_text())
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
fails = 0

def errors_of(doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.path))

for f in sorted(src.glob("scenarios/*/scenario.yaml")):
    errs = errors_of(load(f.read_text()))
    for e in errs:
        print(f"FAIL {f}: {'/'.join(map(str, e.path))}: {e.message}")
    fails += bool(errs)

guide = (src / "scenarios/README.md").read_text()
# Every scenario in the guide (its small and its worked example), not the
# playthroughs beside them.
examples = [b for b in re.findall(r"```yaml\n(.*?)```", guide, re.S) if re.search(r"^rubric:", b, re.M)]
if len(examples) < 2:
    print(f"FAIL the guide has {len(examples)} complete scenario examples, expected 2")
    fails += 1
for i, example in enumerate(examples):
    for e in errors_of(load(example)):
        print(f"FAIL guide example {i + 1}: {'/'.join(map(str, e.path))}: {e.message}")
        fails += 1
for f in [src / "tests/data/every-action/scenario.yaml"]:
    for e in errors_of(load(f.read_text())):
        print(f"FAIL {f}: {'/'.join(map(str, e.path))}: {e.message}")
        fails += 1

bad = load((src / "tests/data/scenarios/unknown-keys/scenario.yaml").read_text())
if not errors_of(bad):
    print("FAIL unknown-keys/scenario.yaml validates but has misspelt keys")
    fails += 1

# Key lists in the loader versus properties in the schema.
code = "".join((src / "engine/scenario" / n).read_text() for n in ("scenario_load.c", "scenario_load_steps.c"))
def keys(name):
    m = re.search(r"\b" + name + r"\[\]\s*=\s*\{([^}]*)\}", code)
    return set(re.findall(r'"([^"]+)"', m.group(1)))
d = schema["definitions"]
pairs = {
    "TOP_KEYS": set(schema["properties"]),
    "OBJECT_KEYS": set(d["object"]["properties"]),
    "STEP_KEYS": set(d["step"]["properties"]),
    "GROUP_KEYS": set(d["group"]["properties"]),
}
for name, props in pairs.items():
    if keys(name) != props:
        print(f"FAIL {name} in the loader {sorted(keys(name))} != schema {sorted(props)}")
        fails += 1
# The unnamed KEYS arrays, by the function they are in.
for func, dname in (("load_rules", "rule"), ("load_variants", "variant"), ("load_rubric", "rubric"),
                    ("load_effects", "effect"), ("read_match", "match")):
    body = re.search(r"\n(?:void|bool|static void) " + func + r"\(.*?\n}\n", code, re.S).group(0)
    m = re.search(r"KEYS\[\]\s*=\s*\{([^}]*)\}", body)
    got = set(re.findall(r'"([^"]+)"', m.group(1)))
    if got != set(d[dname]["properties"]):
        print(f"FAIL {func} keys {sorted(got)} != schema {dname} {sorted(d[dname]['properties'])}")
        fails += 1

if fails:
    sys.exit(1)
print("schema: in step with the loader; shipped scenarios and the guide example validate")
