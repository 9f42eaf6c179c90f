#!/usr/bin/env python3
"""pipelines/two-runners.ttl started as two processes with --runner (issue 8, multi-runner
deployment): the reader's process prints what the writer's process emits, and both exit 0. The
example is copied to a scratch folder, its port replaced by a free one.

    two_runners.py --cae PATH_TO_CAE --pipelines DIR
"""
import argparse
import pathlib
import sys
import tempfile

from cae_process import Cae, free_port

EXPECTED = "reader got: hello from the writer process\nreader got: goodbye\n"


def copy_with_port(pipelines, folder):
    text = (pathlib.Path(pipelines) / "two-runners.ttl").read_text()
    assert "47615" in text, "the example's port changed; update this test"
    path = pathlib.Path(folder) / "two-runners.ttl"
    path.write_text(text.replace("47615", str(free_port())))
    return path


def run_pair(cae, path, reader_first):
    """Starts both runners, one after the other, and checks their outputs."""
    order = ["#reader", "#writer"] if reader_first else ["#writer", "#reader"]
    runs = {name: Cae(cae, str(path), "--runner", name) for name in order}
    try:
        out, code = runs["#reader"].read_rest()
        assert code == 0, "reader exit %d:\n%s" % (code, runs["#reader"].stderr())
        assert out == EXPECTED, out
        written, code = runs["#writer"].read_rest()
        assert code == 0, "writer exit %d:\n%s" % (code, runs["#writer"].stderr())
        assert written == "", written
        for name, run in runs.items():
            assert run.stderr() == "", "%s stderr:\n%s" % (name, run.stderr())
    finally:
        for run in runs.values():
            run.kill()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cae", required=True)
    parser.add_argument("--pipelines", required=True)
    options = parser.parse_args()
    cae = str(pathlib.Path(options.cae).resolve())
    failed = 0
    for reader_first in (True, False):
        name = "reader started first" if reader_first else "writer started first"
        with tempfile.TemporaryDirectory(prefix="cae-two-") as folder:
            try:
                run_pair(cae, copy_with_port(options.pipelines, folder), reader_first)
                print("ok   %s" % name)
            except Exception as error:  # a failed assertion, or a hang cut short
                failed += 1
                print("FAIL %s: %s: %s" % (name, type(error).__name__, error))
    print("%d passed, %d failed" % (2 - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
