#!/usr/bin/env python3
"""`cae run` and signals, with real processes (spec/channels.md §6): the first SIGINT or SIGTERM
drains the run (sources stop, what they produced is processed and printed) and exits 130 or
143; a second signal aborts the drain at once.

    signals.py --cae PATH_TO_CAE
"""
import signal
import subprocess
import sys

from cae_process import Cae, pipeline, run_tests, stats_row

ENDLESS = 1000000000
DRAINING = "cae: info: %s: stopping the sources and draining\n"


def numbered_lines(out, text=""):
    """Checks that `out` is the lines "0<text>", "1<text>", … complete and in order."""
    assert out.endswith("\n"), "the last line is cut: %r" % out[-40:]
    lines = out.splitlines()
    for i, line in enumerate(lines):
        assert line == "%d%s" % (i, text), "line %d is %r" % (i, line[:40])
    return len(lines)


def drain_ticks(cae, folder, sig, name, code):
    ticks = pipeline(folder, "ticks.ttl",
                     "a cae:Generate ; cae:count %d ; cae:intervalMs 2" % ENDLESS)
    with Cae(cae, str(ticks)) as run:
        first = run.proc.stdout.readline()
        assert first == b"0\n", first
        run.proc.send_signal(sig)
        rest, exit_code = run.read_rest()
        assert exit_code == code, "exit %d, stderr:\n%s" % (exit_code, run.stderr())
        numbered_lines(first.decode() + rest)
        assert run.stderr() == DRAINING % name, run.stderr()


def test_sigint_drains_and_exits_130(cae, folder):
    drain_ticks(cae, folder, signal.SIGINT, "SIGINT", 130)


def test_sigterm_drains_and_exits_143(cae, folder):
    drain_ticks(cae, folder, signal.SIGTERM, "SIGTERM", 143)


def test_drain_prints_everything_the_sources_produced(cae, folder):
    # The source outruns standard output, so at the signal the queue and the output buffer hold
    # a backlog; every message the channel accepted must still be printed, whole.
    padding = " " + "." * 200
    flood = pipeline(folder, "flood.ttl",
                     'a cae:Generate ; cae:count %d ; cae:text "{i}%s"' % (ENDLESS, padding))
    with Cae(cae, "--stats", str(flood)) as run:
        first = run.proc.stdout.readline()
        run.proc.send_signal(signal.SIGTERM)
        rest, exit_code = run.read_rest()
        assert exit_code == 143, "exit %d, stderr:\n%s" % (exit_code, run.stderr())
        printed = numbered_lines(first.decode() + rest, padding)
        accepted = stats_row(run.stderr(), "<lines>")[0]
        assert printed == accepted, "printed %d of %d messages" % (printed, accepted)


def test_second_signal_aborts_the_drain(cae, folder):
    # Nobody reads standard output any more, so the drain cannot end; without the abort the
    # run would wait out the hour-long --drain-timeout.
    flood = pipeline(folder, "blocked.ttl",
                     "a cae:Generate ; cae:count %d ; cae:size 10000" % ENDLESS)
    with Cae(cae, "--drain-timeout", "3600", str(flood)) as run:
        run.proc.stdout.readline()
        run.proc.send_signal(signal.SIGINT)
        run.wait_for_stderr(DRAINING % "SIGINT")
        run.proc.send_signal(signal.SIGINT)
        exit_code = run.wait()
        assert exit_code == 130, "exit %d, stderr:\n%s" % (exit_code, run.stderr())
        assert "cae: drain aborted after " in run.stderr(), run.stderr()
        assert ": a second signal (SIGINT) arrived; " in run.stderr(), run.stderr()


def test_signal_ends_a_run_reading_a_pipe(cae, folder):
    # cae:Stdin on a pipe that never ends: the drain stops reading it.
    path = pipeline(folder, "stdin.ttl", "a cae:Stdin")
    with Cae(cae, str(path), stdin=subprocess.PIPE) as run:
        run.proc.stdin.write(b"hello\nworld\n")
        run.proc.stdin.flush()
        assert run.proc.stdout.readline() == b"hello\n"
        run.proc.send_signal(signal.SIGTERM)
        rest, exit_code = run.read_rest()
        run.proc.stdin.close()
        assert exit_code == 143, "exit %d, stderr:\n%s" % (exit_code, run.stderr())
        assert rest == "world\n", rest


if __name__ == "__main__":
    sys.exit(run_tests([
        test_sigint_drains_and_exits_130,
        test_sigterm_drains_and_exits_143,
        test_drain_prints_everything_the_sources_produced,
        test_second_signal_aborts_the_drain,
        test_signal_ends_a_run_reading_a_pipe,
    ], sys.argv[1:]))
