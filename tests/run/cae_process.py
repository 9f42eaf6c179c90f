"""Runs `cae run` as a child process for the tests in this folder: pipelines written to a
temporary folder, standard error gathered in the background, standard output read by the test
at its own pace. Waits are generous and only bound a hang; no test measures speed."""
import argparse
import pathlib
import socket
import subprocess
import sys
import tempfile
import threading
import time

# Long enough for a loaded machine and the sanitizer build; only a hang takes this long.
PATIENCE = 120

HEAD = """@prefix rdfc: <https://w3id.org/rdf-connect#> .
@prefix cae:  <https://w3id.org/cae#> .
<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <source>, <show> ] .
<show> a cae:Print ; cae:input <lines> .
"""


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def pipeline(folder, name, source):
    """Writes a pipeline of processor <source>, described by `source` (Turtle), writing channel
    <lines>, into a cae:Print; returns its path."""
    path = pathlib.Path(folder) / name
    path.write_text(HEAD + "<source> " + source + " ; cae:output <lines> .\n")
    return path


class Cae:
    def __init__(self, cae, *args, stdin=subprocess.DEVNULL, prefix=()):
        """`prefix` runs cae through another program, e.g. ("ip", "netns", "exec", NS)."""
        self.proc = subprocess.Popen(list(prefix) + [cae, "run"] + list(args), stdin=stdin,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._stderr = b""
        self._lock = threading.Condition()
        self._reader = threading.Thread(target=self._gather, daemon=True)
        self._reader.start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.kill()

    def _gather(self):
        for line in self.proc.stderr:
            with self._lock:
                self._stderr += line
                self._lock.notify_all()

    def stderr(self):
        with self._lock:
            return self._stderr.decode("utf-8", "replace")

    def wait_for_stderr(self, text):
        """Waits until standard error contains `text`."""
        deadline = time.monotonic() + PATIENCE
        with self._lock:
            while text.encode() not in self._stderr:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None and not self._reader.is_alive():
                    raise AssertionError("no %r on stderr; it holds:\n%s" % (text, self.stderr()))
                self._lock.wait(min(left, 0.1))

    def read_rest(self):
        """Reads standard output to its end; returns it and the exit code."""
        out = self.proc.stdout.read()
        code = self.proc.wait(timeout=PATIENCE)
        self._reader.join(PATIENCE)
        return out.decode("utf-8", "replace"), code

    def wait(self):
        """The exit code, without reading standard output."""
        code = self.proc.wait(timeout=PATIENCE)
        self._reader.join(PATIENCE)
        return code

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def stats_row(stderr, channel):
    """The final --stats table's row of `channel`: messages, bytes, readers, peak queue."""
    for line in stderr.splitlines():
        fields = line.split()
        if len(fields) == 5 and fields[0] == channel:
            return [int(field) for field in fields[1:]]
    raise AssertionError("no --stats row for %s in:\n%s" % (channel, stderr))


def run_tests(tests, argv):
    """Runs each test(cae_path, folder) in a fresh temporary folder; prints one line per test."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--cae", required=True)
    options = parser.parse_args(argv)
    cae = str(pathlib.Path(options.cae).resolve())
    failed = 0
    # A test function left out of the list would pass unseen.
    script = sys.modules["__main__"]
    forgotten = sorted(name for name in vars(script) if name.startswith("test_") and
                       getattr(script, name) not in tests)
    if forgotten:
        print("FAIL: defined but not in the list given to run_tests: %s" % ", ".join(forgotten))
        failed += len(forgotten)
    for test in tests:
        with tempfile.TemporaryDirectory(prefix="cae-run-") as folder:
            try:
                test(cae, folder)
                print("ok   %s" % test.__name__)
            except Exception as error:  # a failed assertion, or a hang cut short
                failed += 1
                print("FAIL %s: %s: %s" % (test.__name__, type(error).__name__, error))
    print("%d passed, %d failed" % (len(tests) + len(forgotten) - failed, failed))
    return 1 if failed else 0
