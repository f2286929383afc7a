#!/usr/bin/env python3
"""Rewrites every ```console block of README.md whose first line is `$ coderpath …` with the
command's real output (stdout, then stderr), so the README shows what the program prints.
`tests/readme.rs` checks the same blocks in CI. Commands run from a scratch copy of
`examples/` and `tests/fixtures/` with COLUMNS unset and NO_COLOR=1 (text is then 100
columns, as when piped). A block with a line `…` keeps only the lines above it (an excerpt).
Blocks naming files that do not exist (e.g. a `team/` folder in prose) are left alone.

Usage: cargo build && scripts/update-readme.py
"""
import os, re, shlex, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "debug", "coderpath")


def run(args):
    with tempfile.TemporaryDirectory() as tmp:
        for d in ("examples", "tests/fixtures"):
            shutil.copytree(os.path.join(ROOT, d), os.path.join(tmp, d))
        env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
        env["NO_COLOR"] = "1"
        p = subprocess.run([BIN] + args, cwd=tmp, env=env, capture_output=True, text=True)
        return (p.stdout + p.stderr).rstrip("\n")


def runnable(args):
    paths = [a for a in args if re.search(r"\.(ya?ml|csv)$", a)]
    return all(os.path.exists(os.path.join(ROOT, p)) for p in paths)


def main():
    path = os.path.join(ROOT, "README.md")
    text = open(path, encoding="utf-8").read()
    out, changed = [], 0
    parts = re.split(r"(```console\n.*?\n```)", text, flags=re.S)
    for part in parts:
        m = re.match(r"```console\n\$ coderpath (.*?)\n(.*)\n```$", part, flags=re.S)
        if m and runnable(shlex.split(m.group(1))):
            real = run(shlex.split(m.group(1)))
            shown = m.group(2)
            if "\n…" in "\n" + shown:
                keep = shown.split("\n…")[0].count("\n") + 1
                real = "\n".join(real.split("\n")[:keep]) + "\n…"
            if real != shown:
                changed += 1
            part = f"```console\n$ coderpath {m.group(1)}\n{real}\n```"
        out.append(part)
    open(path, "w", encoding="utf-8").write("".join(out))
    print(f"{changed} block(s) updated", file=sys.stderr)


main()
