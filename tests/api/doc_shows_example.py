#!/usr/bin/env python3
"""Checks that a document shows a source file verbatim, in a fenced block right after the line
`<!-- example: PATH -->` (PATH relative to the repository root).

    doc_shows_example.py ROOT DOC.md
"""
import pathlib
import re
import sys


def main():
    root, doc = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    text = doc.read_text()
    blocks = re.findall(r"<!-- example: (\S+) -->\n```\w*\n(.*?)```\n", text, re.S)
    if not blocks:
        print(f"{doc}: no example blocks")
        return 1
    stale = [path for path, shown in blocks if (root / path).read_text() != shown]
    for path in stale:
        print(f"{doc}: the block after 'example: {path}' differs from {path}; copy the file in")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
