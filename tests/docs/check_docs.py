#!/usr/bin/env python3
"""The docs check (ctest docs/check_docs): what docs/ and README.md promise, tried.

1. Every JSON code block of docs/*.md and resources/examples/*/README.md that is a flow, or a part
   of one (an endpoint, a `"mapping": [...]` fragment, a `write` object...), is completed into a
   whole flow and must pass `flowdeck validate` AND docs/flow.schema.json (python3-jsonschema,
   an independent validator). Blocks that are not flows (metrics, messages, editor settings) are
   listed as skipped, by reason.
2. Every example flow (resources/examples/**/*.flow.json, tests/data/flows/valid/*.flow.json)
   passes both as well.
3. Every `flowdeck COMMAND ...` line of the docs' code blocks names only options that
   `flowdeck COMMAND --help` lists; `flowdeck --help`, `--version` and `help` exit 0; an unknown
   command prints the usage and exits 2; without a display `flowdeck` says so and exits 1.

Usage: check_docs.py --flowdeck PATH --root SOURCE_DIR
"""
import argparse
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema

FLOW_KEYS = {"flowdeck", "name", "description", "source", "destination", "mapping", "filters", "trigger",
             "errorHandling"}
SOURCE_ONLY = {"read", "tables", "chunkSize", "group", "startFrom"}
DESTINATION_ONLY = {"write", "partition", "createTopics", "gzip", "roll"}
CONNECTION_KEYS = {"host", "port", "user", "password", "database", "tls", "socket", "connectTimeout"}

BASE_FLOW = {
    "flowdeck": 1,
    "name": "docs-snippet",
    "source": {"type": "file", "path": "accounts.csv"},
    "destination": {"type": "mysql", "connection": {"host": "127.0.0.1", "user": "root", "database": "test"},
                    "table": "t", "write": {"mode": "insert"}},
}

failures = []


def fail(what, detail):
    failures.append(f"{what}: {detail}")
    print(f"FAIL {what}: {detail}")


def parse_block(text):
    """The block as JSON values: itself, or `{...}` around a fragment, or each line so wrapped."""
    for candidate in (text, "{" + text + "}"):
        try:
            return [json.loads(candidate)]
        except ValueError:
            pass
    lines = [line for line in text.splitlines() if line.strip()]
    try:
        return [json.loads(line) for line in lines]  # JSON Lines: one value per line
    except ValueError:
        pass
    values = []
    for line in text.splitlines():
        line = line.strip().rstrip(",")
        if line.startswith('"'):
            try:
                values.append(json.loads("{" + line + "}"))
            except ValueError:
                return []
    return values


def as_flow(value):
    """A whole flow made from a documented value, or (None, reason) when it is not a flow."""
    if not isinstance(value, dict):
        return None, "not an object"
    keys = set(value)
    if "flowdeck" in keys:
        return value, None
    flow = copy.deepcopy(BASE_FLOW)
    if keys <= FLOW_KEYS:
        if value.get("destination", {}).get("type") == "kafka" and "source" not in value:
            flow["source"] = {"type": "mysql", "connection": BASE_FLOW["destination"]["connection"],
                              "tables": ["test.*"], "read": "cdc"}
        flow.update(value)
        return flow, None
    if value.get("type") in ("file", "mysql", "kafka"):
        role = "destination" if keys & DESTINATION_ONLY or (value["type"] == "kafka" and "group" not in keys) \
            else "source"
        if role == "source" and keys & DESTINATION_ONLY:
            return None, "endpoint with keys of both roles"
        flow[role] = value
        if role == "source" and value["type"] == "kafka":
            flow["trigger"] = {"type": "continuous"}
        return flow, None
    if keys == {"write"}:
        flow["destination"]["write"] = value["write"]
        return flow, None
    if keys == {"connection"}:
        flow["destination"]["connection"] = value["connection"]
        return flow, None
    if keys and keys <= CONNECTION_KEYS:
        flow["destination"]["connection"].update(value)
        return flow, None
    return None, "not a flow (keys: " + ", ".join(sorted(keys)[:6]) + ")"


def environment_for(text):
    """Values for the ${NAME} references without a default, as a user would export them."""
    env = dict(os.environ)
    for name in re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", text):
        if name not in env:
            env[name] = "4000" if "PORT" in name else "1000" if "ROWS" in name else "value"
    env["FLOWDECK_KEYCHAIN"] = "off"
    return env


def check_flow(flowdeck, validator, where, flow, folder, index):
    text = json.dumps(flow, indent=2)
    path = os.path.join(folder, f"snippet-{index}.flow.json")
    with open(path, "w") as f:
        f.write(text)
    run = subprocess.run([flowdeck, "validate", path], capture_output=True, text=True, env=environment_for(text))
    if run.returncode != 0:
        fail(where, "flowdeck validate: " + (run.stderr or run.stdout).strip().replace("\n", " | "))
    errors = sorted(validator.iter_errors(flow), key=lambda e: list(e.path))
    for e in errors[:3]:
        fail(where, "schema: " + "/".join(str(p) for p in e.path) + ": " + e.message[:200])
    return run.returncode == 0 and not errors


def check_doc_snippets(root, flowdeck, validator, folder):
    files = sorted(glob.glob(os.path.join(root, "docs", "*.md"))) + sorted(
        glob.glob(os.path.join(root, "resources", "examples", "*", "README.md")))
    checked = skipped = index = 0
    for doc in files:
        text = open(doc, encoding="utf-8").read()
        for m in re.finditer(r"```json\n(.*?)```", text, re.S):
            line = text.count("\n", 0, m.start()) + 2
            where = f"{os.path.relpath(doc, root)}:{line}"
            values = parse_block(m.group(1))
            if not values:
                fail(where, "a json block that is not JSON, nor a fragment of an object")
                continue
            for value in values:
                flow, reason = as_flow(value)
                if flow is None:
                    skipped += 1
                    print(f"skip {where}: {reason}")
                    continue
                index += 1
                checked += 1
                check_flow(flowdeck, validator, where, flow, folder, index)
    print(f"{checked} documented flow snippets checked, {skipped} json blocks are not flows")
    if checked < 20:
        fail("docs", f"only {checked} flow snippets found: the extraction is broken")


def check_examples(root, flowdeck, validator):
    paths = sorted(glob.glob(os.path.join(root, "resources", "examples", "**", "*.flow.json"), recursive=True))
    paths += sorted(glob.glob(os.path.join(root, "tests", "data", "flows", "valid", "*.flow.json")))
    for path in paths:
        where = os.path.relpath(path, root)
        text = open(path, encoding="utf-8").read()
        run = subprocess.run([flowdeck, "validate", path], capture_output=True, text=True, env=environment_for(text))
        if run.returncode != 0:
            fail(where, "flowdeck validate: " + run.stderr.strip().replace("\n", " | "))
        for e in list(validator.iter_errors(json.loads(text)))[:3]:
            fail(where, "schema: " + "/".join(str(p) for p in e.path) + ": " + e.message[:200])
    print(f"{len(paths)} example flows checked")
    if len(paths) < 5:
        fail("examples", "fewer than 5 example flows found")


def command_lines(root):
    """(where, command, options) of every `flowdeck COMMAND ...` line in the docs' code blocks."""
    files = [os.path.join(root, "README.md")] + sorted(glob.glob(os.path.join(root, "docs", "*.md")))
    for doc in files:
        text = open(doc, encoding="utf-8").read()
        for m in re.finditer(r"```[a-z]*\n(.*?)```", text, re.S):
            for offset, line in enumerate(m.group(1).splitlines()):
                line = re.split(r"(?<=\S)\s{3,}", line.strip())[0]  # without a description column
                match = re.match(r"^\s*(?:\$ )?(?:\S*/)?flowdeck\s+([a-z][a-z-]*)(.*)$", line)
                if not match:
                    continue
                rest = re.split(r"\s{3,}|#", match.group(2))[0]
                options = re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])\b", rest)
                where = f"{os.path.relpath(doc, root)}:{text.count(chr(10), 0, m.start()) + 2 + offset}"
                yield where, match.group(1), options


def check_commands(root, flowdeck):
    helps = {}
    count = 0
    for where, command, options in command_lines(root):
        if command not in helps:
            run = subprocess.run([flowdeck, command, "--help"], capture_output=True, text=True)
            helps[command] = (run.returncode, run.stdout + run.stderr)
        code, text = helps[command]
        if code != 0:
            fail(where, f"'flowdeck {command} --help' exits {code}: is '{command}' a command?")
            continue
        for option in options:
            count += 1
            if option not in ("--help", "-h") and not re.search(r"(?<![\w-])" + re.escape(option) + r"\b", text):
                fail(where, f"'flowdeck {command}' documents {option}, which '--help' does not list")
    print(f"{count} documented command options checked against --help")
    for args in (["--help"], ["--version"], ["help"]):
        run = subprocess.run([flowdeck] + args, capture_output=True, text=True)
        if run.returncode != 0 or not run.stdout:
            fail("flowdeck " + " ".join(args), f"exit {run.returncode}")
    usage = subprocess.run([flowdeck, "--help"], capture_output=True, text=True).stdout
    for where, command, options in command_lines(root):
        if f"  {command} " not in usage and f"  {command}\n" not in usage:
            fail(where, f"'flowdeck --help' does not list the command '{command}'")
        for option in options:
            if command in ("run", "tail", "sandbox", "history", "broker") and option not in usage \
                    and option not in ("--help", "-h", "-X", "--property", "--json", "--timeout", "--dir", "--port"):
                fail(where, f"'flowdeck --help' does not show {option} of '{command}'")
    bogus = subprocess.run([flowdeck, "bogus"], capture_output=True, text=True, timeout=60)
    if bogus.returncode != 2 or "Usage:" not in bogus.stderr:
        fail("flowdeck bogus", f"expected usage and exit 2, got exit {bogus.returncode}")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    nodisplay = subprocess.run([flowdeck], capture_output=True, text=True, timeout=60, env=env)
    if nodisplay.returncode != 1 or "no display" not in nodisplay.stderr:
        fail("flowdeck (no display)", f"expected a message and exit 1, got exit {nodisplay.returncode}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--flowdeck", required=True)
    parser.add_argument("--root", required=True)
    args = parser.parse_args()
    schema = json.load(open(os.path.join(args.root, "docs", "flow.schema.json"), encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    with tempfile.TemporaryDirectory() as folder:
        check_doc_snippets(args.root, args.flowdeck, validator, folder)
    check_examples(args.root, args.flowdeck, validator)
    check_commands(args.root, args.flowdeck)
    if failures:
        print(f"\n{len(failures)} problem(s):")
        for f in failures:
            print("  " + f)
        return 1
    print("docs check: everything documented validates and runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
