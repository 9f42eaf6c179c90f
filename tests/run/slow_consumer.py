#!/usr/bin/env python3
"""A fast source into a slow consumer, with a real process (spec/channels.md §3): the test reads
`cae run`'s standard output only once the reader queue has filled, so cae:Print waits for the
pipe, its queue reaches the bound and the source is paused. The queue never goes past its
bound (the --stats table's peak queue), and every message arrives, in order.

    slow_consumer.py --cae PATH_TO_CAE
"""
import re
import sys

from cae_process import Cae, pipeline, run_tests, stats_row

COUNT = 3000
BOUND = 8
PADDING = " " + "." * 1000  # 3 MB in all: more than the pipe and cae's output buffer hold


def test_queue_stays_within_its_bound_and_nothing_is_lost(cae, folder):
    path = pipeline(folder, "slow.ttl",
                    'a cae:Generate ; cae:count %d ; cae:text "{i}%s"' % (COUNT, PADDING))
    with Cae(cae, "--stats", "--queue-messages", str(BOUND), str(path)) as run:
        # The once-a-second stats line shows the full queue while nobody reads the output.
        run.wait_for_stderr(" %d queued," % BOUND)
        out, exit_code = run.read_rest()
        stderr = run.stderr()
    assert exit_code == 0, "exit %d, stderr:\n%s" % (exit_code, stderr)
    lines = out.splitlines()
    assert len(lines) == COUNT, "%d lines of %d" % (len(lines), COUNT)
    for i, line in enumerate(lines):
        assert line == "%d%s" % (i, PADDING), "line %d is %r" % (i, line[:40])
    for queued in re.findall(r" (\d+) queued,", stderr):
        assert int(queued) <= BOUND, "a stats line shows %s queued" % queued
    messages, _, readers, peak = stats_row(stderr, "<lines>")
    assert (messages, readers, peak) == (COUNT, 1, BOUND), stderr


if __name__ == "__main__":
    sys.exit(run_tests([test_queue_stays_within_its_bound_and_nothing_is_lost], sys.argv[1:]))
