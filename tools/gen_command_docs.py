#!/usr/bin/env python3
"""Fills the examples of docs/commands.md with the real output of the commands they show.

    gen_command_docs.py --cae build/cae [--check] [DOC]

DOC (default docs/commands.md, relative to the source tree) marks each example with
    <!-- example DIR: ARG ARG ... -->  ...  <!-- end example -->
where DIR is a folder relative to the source tree to run in, and the ARGs follow `cae` (shell-like
quoting). Everything between the markers is replaced by a console block: the command, then what
it writes (standard error first, then standard output), then its exit status when not 0.
Without --check the file is rewritten; with --check nothing is written and the exit status is 1
(with a diff) when the file is stale.
"""
import argparse
import difflib
import pathlib
import re
import shlex
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = re.compile(r"(<!-- example (?P<dir>[^:]+): (?P<args>.*?) -->\n)(?P<body>.*?)(<!-- end example -->)",
                     re.S)


def run(cae, folder, args):
    proc = subprocess.run([cae] + args, cwd=ROOT / folder, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    text = "$ cae %s\n%s%s" % (" ".join(shlex.quote(a) for a in args), proc.stderr, proc.stdout)
    if proc.returncode:
        text += "(exit status %d)\n" % proc.returncode
    return "```console\n%s```\n" % text


def fill(cae, text):
    def example(match):
        body = run(cae, match.group("dir"), shlex.split(match.group("args")))
        return match.group(1) + body + match.group(5)
    return EXAMPLE.sub(example, text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cae", required=True)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("doc", nargs="?", default=str(ROOT / "docs" / "commands.md"))
    options = parser.parse_args()
    cae = str(pathlib.Path(options.cae).resolve())
    path = pathlib.Path(options.doc)
    current = path.read_text(encoding="utf-8")
    filled = fill(cae, current)
    if not options.check:
        path.write_text(filled, encoding="utf-8")
        return 0
    if filled == current:
        return 0
    sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), filled.splitlines(True),
                                               str(path), "with real output"))
    print("%s is stale; run tools/gen_command_docs.py --cae build/cae" % path)
    return 1


if __name__ == "__main__":
    sys.exit(main())
