#!/usr/bin/env python3
"""Runs `cae check` on every document of the W3C Turtle suite (registered in tests/rdf/meson.build).

usage: w3c_turtle_check.py CAE SUITE_DIR

Positive syntax and evaluation documents must load (exit 0). Negative syntax documents must give
exit 2 and a `FILE:LINE:COL: error: ... [syntax]` line. No document may crash cae or keep it busy
past the timeout. The unit test tests/rdf/test_w3c_turtle.cpp checks statement counts and
positions on the same documents.
"""
import re
import subprocess
import sys
from pathlib import Path

# One manifest entry: `<#name> rdf:type rdft:Kind ; ... mf:action <file> ; ... .`
ENTRY = re.compile(r"^<#([^>]+)>\s+rdf:type\s+rdft:(\w+)\s*;(.*?)^\s*\.\s*$", re.M | re.S)
ACTION = re.compile(r"mf:action\s+<([^>]+)>")
POSITIVE = {"TestTurtleEval", "TestTurtlePositiveSyntax"}
NEGATIVE = {"TestTurtleNegativeSyntax", "TestTurtleNegativeEval"}
TIMEOUT_SECONDS = 10


def entries(manifest: Path):
    for name, kind, body in ENTRY.findall(manifest.read_text(encoding="utf-8")):
        action = ACTION.search(body)
        yield name, kind, action.group(1) if action else None


def problem(cae: str, suite: Path, kind: str, action: str):
    """What is wrong with cae's answer on one document, or None."""
    try:
        run = subprocess.run([cae, "check", "--quiet", action], cwd=suite, capture_output=True,
                             timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return f"no answer within {TIMEOUT_SECONDS} s"
    stderr = run.stderr.decode("utf-8", errors="replace").strip()
    if run.returncode < 0:
        return f"killed by signal {-run.returncode}"
    if kind in POSITIVE:
        return None if run.returncode == 0 else f"exit {run.returncode}: {stderr}"
    if run.returncode != 2:
        return f"exit {run.returncode} instead of 2: {stderr}"
    syntax_error = re.compile(rf"^{re.escape(action)}:\d+:\d+: error: .+ \[syntax\]$", re.M)
    return None if syntax_error.search(stderr) else f"no syntax error line: {stderr}"


def main() -> int:
    cae, suite = str(Path(sys.argv[1]).resolve()), Path(sys.argv[2])
    counts = {}
    failures = []
    for name, kind, action in entries(suite / "manifest.ttl"):
        if kind not in POSITIVE | NEGATIVE or action is None:
            failures.append(f"{name}: unknown test kind {kind} or no action")
            continue
        counts[kind] = counts.get(kind, 0) + 1
        found = problem(cae, suite, kind, action)
        if found:
            failures.append(f"{name} ({kind}, {action}): {found}")
    for failure in failures:
        print(failure)
    print(f"{sum(counts.values())} documents ({', '.join(f'{n} {k}' for k, n in sorted(counts.items()))}), "
          f"{len(failures)} failures")
    return 1 if failures or not counts else 0


if __name__ == "__main__":
    sys.exit(main())
