"""Running one measured process: wall time, CPU time and peak RSS from wait4, all timestamps on
CLOCK_MONOTONIC (time.monotonic_ns), the clock cae:Count's timing and the peer's Sink use."""
import os
import signal
import subprocess
import threading
import tempfile
import time
from pathlib import Path
from dataclasses import dataclass


@dataclass
class Finished:
    exit: int
    started_ns: int
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    stdout: bytes
    stderr: bytes


def run(command, cwd=None, timeout=600, consume=None, stdout_path=None, rss=True, env=None):
    """Runs `command`; `consume(pipe)` may read its standard output instead of this function
    (for the slow consumer), or `stdout_path` receive it. The child is reaped with wait4, so its
    CPU time is its own.

    Peak RSS comes from GNU time in between: a child started straight from this process would
    inherit Python's own high-water mark (Linux carries it across exec). Without `rss` the
    command starts directly, one exec sooner, for startup timing."""
    with tempfile.NamedTemporaryFile(prefix="cae-bench-rss-") as rss_file:
        if rss:
            command = ["/usr/bin/time", "-f", "%M", "-o", rss_file.name, *command]
        finished = _run(command, cwd, timeout, consume, stdout_path, env)
        if rss:
            text = Path(rss_file.name).read_text().split()
            finished.peak_rss_mib = int(text[-1]) / 1024 if text else None
    return finished


def _run(command, cwd, timeout, consume, stdout_path, env):
    sink = open(stdout_path, "wb") if stdout_path else subprocess.PIPE
    started = time.monotonic_ns()
    child = subprocess.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.PIPE,
                             start_new_session=True, env=None if env is None else
                             {**os.environ, **env})
    if stdout_path:
        sink.close()
    errors = []
    reader = threading.Thread(target=lambda: errors.append(child.stderr.read()))
    reader.start()
    killer = threading.Timer(timeout, lambda: os.killpg(child.pid, signal.SIGKILL))
    killer.start()
    try:
        out = b"" if consume is None else None
        if consume is not None:
            consume(child.stdout)
        elif child.stdout is not None:
            out = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        killer.cancel()
    ended = time.monotonic_ns()
    reader.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    return Finished(exit=child.returncode, started_ns=started, wall_s=(ended - started) / 1e9,
                    cpu_s=usage.ru_utime + usage.ru_stime, peak_rss_mib=None,
                    stdout=out or b"", stderr=errors[0] if errors else b"")


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
