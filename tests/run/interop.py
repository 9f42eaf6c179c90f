#!/usr/bin/env python3
"""cae and the JavaScript runner (@rdfc/js-runner 1.0.0) joined by a WebSocket channel and by
an HTTP channel, both ways: a cae source feeding a JavaScript sink, and a JavaScript source
feeding a cae sink. Every message must arrive, in order.

The runner is installed with npm into NPM_DIR (kept between runs, so only the first run
downloads it). The JavaScript processors are ours: tests/run/interop/processors.js. The runner's
own WebSocket shapes (channels/ws.ttl) are swapped relative to its code, so its documents import
interop/ws-channels.ttl instead.

The runner's WebSocket reader never reports an end, so the JavaScript sink is stopped once its
file holds every message. Its WebSocket writer ends with a normal Close, which cae takes as
end of stream: the cae sink ends by itself, exit code 0. Over HTTP the runner knows no end of
stream: cae's last request (header Cae-End-Of-Stream, empty body) reaches the JavaScript sink as
one more, empty, message; the other way, the runner's HTTP writer POSTs each message with a
chunked body and sends no end, so the cae sink is stopped with SIGINT once it has printed every
message (it drains and exits 130).

    interop.py --cae PATH_TO_CAE --npm-dir NPM_DIR
Exits 77 (skipped) when node or npm is missing.
"""
import argparse
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from cae_process import Cae, PATIENCE, free_port

HERE = pathlib.Path(__file__).resolve().parent / "interop"
RUNNER = "@rdfc/js-runner@1.0.0"
COUNT = 200

JS_HEAD = """@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix conn: <https://w3id.org/conn#> .
@prefix t: <https://w3id.org/cae/interop-test#> .
<> owl:imports <%(runner)s/ontology.ttl>, <%(here)s/ws-channels.ttl>,
  <%(runner)s/channels/http.ttl>, <%(here)s/processors.ttl> .
"""

CAE_HEAD = """@prefix rdfc: <https://w3id.org/rdf-connect#> .
@prefix cae:  <https://w3id.org/cae#> .
@prefix conn: <https://w3id.org/conn#> .
"""


def install_runner(npm_dir):
    """The runner's package folder, installed with npm unless an earlier run did."""
    package = npm_dir / "node_modules" / "@rdfc" / "js-runner"
    if not (package / "package.json").exists():
        npm_dir.mkdir(parents=True, exist_ok=True)
        (npm_dir / "package.json").write_text('{"private": true}\n')
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(npm_dir),
                        RUNNER], check=True, timeout=600, stdout=subprocess.DEVNULL)
    return package


def expected():
    return ["message %d" % i for i in range(COUNT)]


class JsRunner:
    """`js-runner DOCUMENT` in the background, output gathered in a file."""

    def __init__(self, runner, folder, document):
        self.log = open(folder / (document.stem + ".log"), "w+")
        self.proc = subprocess.Popen(["node", str(runner / "bin" / "js-runner.js"),
                                      str(document)], cwd=folder, stdout=self.log,
                                     stderr=subprocess.STDOUT)

    def output(self):
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.log.close()


def wait_for_lines(path, count, runner):
    """Waits until the file at `path` has `count` lines; returns them."""
    deadline = time.monotonic() + PATIENCE
    lines = []
    while time.monotonic() < deadline:
        lines = path.read_text().splitlines() if path.exists() else []
        if len(lines) >= count:
            return lines
        if runner.proc.poll() is not None:
            break
        time.sleep(0.1)
    raise AssertionError("the JavaScript sink wrote %d of %d lines; its output:\n%s"
                         % (len(lines), count, runner.output()))


def cae_to_js(cae, runner, folder, js_channel, cae_channel, extra=()):
    """A cae:Generate writing `cae_channel` (Turtle, %(port)d for the port) into a JavaScript
    t:Record reading `js_channel`; the JavaScript sink must record every message, then `extra`."""
    port = free_port()
    received = folder / "received.txt"
    sink = folder / "js-sink.ttl"
    sink.write_text(JS_HEAD % {"runner": runner, "here": HERE} + """
<sink> a t:Record ; t:input <in> ; t:path "%s" .
<in> %s .
""" % (received, js_channel % {"port": port}))
    source = folder / "cae-source.ttl"
    source.write_text(CAE_HEAD + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <source> ] .
<source> a cae:Generate ; cae:count %d ; cae:text "message {i}" ; cae:output <out> .
<out> %s .
""" % (COUNT, cae_channel % {"port": port}))
    js = JsRunner(runner, folder, sink)
    try:
        # cae retries until the JavaScript side listens (--connect-timeout).
        with Cae(cae, str(source)) as run:
            code = run.wait()
            assert code == 0, run.stderr() + js.output()
        lines = wait_for_lines(received, COUNT + len(extra), js)
    finally:
        js.stop()
    assert lines == expected() + list(extra), lines[:5] + lines[-5:]


def cae_to_js_over_ws(cae, runner, folder):
    cae_to_js(cae, runner, folder,
              'a conn:WsReaderChannel ; conn:wsPort %(port)d ; conn:wsHost "127.0.0.1"',
              'a conn:WsWriterChannel ; conn:wsUrl "ws://127.0.0.1:%(port)d"')


def cae_to_js_over_http(cae, runner, folder):
    cae_to_js(cae, runner, folder,
              'a conn:HttpReaderChannel ; conn:httpPort %(port)d ; conn:httpEndpoint "127.0.0.1"',
              'a conn:HttpWriterChannel ; conn:httpEndpoint "http://127.0.0.1:%(port)d/" ; '
              'conn:httpMethod "POST"',
              extra=[""])


def js_to_cae_over_ws(cae, runner, folder):
    port = free_port()
    sink = folder / "cae-sink.ttl"
    sink.write_text(CAE_HEAD + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <show> ] .
<show> a cae:Print ; cae:input <in> .
<in> a conn:WsReaderChannel ; conn:wsPort %d .
""" % port)
    source = folder / "js-source.ttl"
    source.write_text(JS_HEAD % {"runner": runner, "here": HERE} + """
<source> a t:Numbered ; t:count %d ; t:output <out> .
<out> a conn:WsWriterChannel ; conn:wsUrl "ws://127.0.0.1:%d" .
""" % (COUNT, port))
    with Cae(cae, "--log-level", "debug", str(sink)) as run:
        run.wait_for_stderr("listening on")
        js = JsRunner(runner, folder, source)
        try:
            out, code = run.read_rest()
            assert code == 0, run.stderr() + js.output()
        finally:
            js.stop()
    assert out.splitlines() == expected(), out[:200]


def js_to_cae_over_http(cae, runner, folder):
    port = free_port()
    sink = folder / "cae-sink.ttl"
    sink.write_text(CAE_HEAD + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <show> ] .
<show> a cae:Print ; cae:input <in> .
<in> a conn:HttpReaderChannel ; conn:httpPort %d .
""" % port)
    source = folder / "js-source.ttl"
    source.write_text(JS_HEAD % {"runner": runner, "here": HERE} + """
<source> a t:Numbered ; t:count %d ; t:output <out> .
<out> a conn:HttpWriterChannel ; conn:httpEndpoint "http://127.0.0.1:%d/" ;
  conn:httpMethod "POST" .
""" % (COUNT, port))
    with Cae(cae, "--log-level", "debug", str(sink)) as run:
        run.wait_for_stderr("listening on")
        js = JsRunner(runner, folder, source)
        try:
            lines = []
            while len(lines) < COUNT:
                line = run.proc.stdout.readline()
                assert line, "cae ended early:\n" + run.stderr() + js.output()
                lines.append(line.decode().rstrip("\n"))
            run.proc.send_signal(signal.SIGINT)
            rest, code = run.read_rest()
            assert code == 130, run.stderr() + js.output()
        finally:
            js.stop()
    assert lines == expected() and rest == "", lines[:5] + lines[-5:] + [rest[:200]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cae", required=True)
    parser.add_argument("--npm-dir", required=True)
    options = parser.parse_args()
    if shutil.which("node") is None or shutil.which("npm") is None:
        print("skipped: node and npm are needed")
        return 77
    runner = install_runner(pathlib.Path(options.npm_dir).resolve())
    cae = str(pathlib.Path(options.cae).resolve())
    failed = 0
    for test in [cae_to_js_over_ws, js_to_cae_over_ws, cae_to_js_over_http,
                 js_to_cae_over_http]:
        with tempfile.TemporaryDirectory(prefix="cae-interop-") as folder:
            try:
                test(cae, runner, pathlib.Path(folder))
                print("ok   %s" % test.__name__)
            except Exception as error:
                failed += 1
                print("FAIL %s: %s: %s" % (test.__name__, type(error).__name__, error))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
