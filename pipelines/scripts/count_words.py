"""A processor in Python, run by cae:RunCommand (pipelines/python-command.ttl): reads one
message per line on standard input and writes one JSON object per line on standard output.
Flushing after each line lets each message go on at once instead of when the buffer fills."""
import json
import sys

for line in sys.stdin:
    text = line.rstrip("\n")
    print(json.dumps({"text": text, "words": len(text.split())}), flush=True)
print("count_words: input ended", file=sys.stderr)
