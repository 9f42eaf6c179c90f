#!/usr/bin/env python3
"""The file transport with real `cae run` processes (spec/channels.md §7 "file", §8): egress ends
append or replace, ingress ends follow appends and rewrites until a signal, and no path or
symbolic link leads outside the file root.

    file_transport.py --cae PATH_TO_CAE
"""
import os
import pathlib
import signal
import sys
import tempfile
import time

from cae_process import PATIENCE, Cae, run_tests

PREFIXES = """@prefix rdfc: <https://w3id.org/rdf-connect#> .
@prefix cae:  <https://w3id.org/cae#> .
@prefix conn: <https://w3id.org/conn#> .
"""
DRAINING = "cae: info: SIGINT: stopping the sources and draining\n"


def writer_pipeline(folder, settings):
    """cae:Emit writes "one", "two", "three" to a conn:FileWriterChannel."""
    path = pathlib.Path(folder) / "write.ttl"
    path.write_text(PREFIXES + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <say> ] .
<say> a cae:Emit ; cae:text "one", "two", "three" ; cae:output <out> .
<out> a conn:FileWriterChannel ; %s .
""" % settings)
    return path


def reader_pipeline(folder, settings):
    """cae:Print prints what a conn:FileReaderChannel emits, one message a line."""
    path = pathlib.Path(folder) / "read.ttl"
    path.write_text(PREFIXES + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <show> ] .
<show> a cae:Print ; cae:input <in> .
<in> a conn:FileReaderChannel ; %s .
""" % settings)
    return path


def finished(run):
    out, code = run.read_rest()
    assert code == 0, "exit %d, stderr:\n%s" % (code, run.stderr())
    assert run.stderr() == "", run.stderr()
    return out


def test_egress_append_truncates_then_appends(cae, folder):
    target = pathlib.Path(folder) / "out.txt"
    target.write_text("what an earlier run left")
    with Cae(cae, str(writer_pipeline(folder, 'conn:filePath "out.txt"'))) as run:
        finished(run)
    assert target.read_text() == "onetwothree", target.read_text()


def test_egress_replace_keeps_the_last_message(cae, folder):
    settings = 'conn:filePath "sub/out.txt" ; conn:fileOnReplace true'
    (pathlib.Path(folder) / "sub").mkdir()
    with Cae(cae, str(writer_pipeline(folder, settings))) as run:
        finished(run)
    sub = pathlib.Path(folder) / "sub"
    assert (sub / "out.txt").read_text() == "three"
    assert sorted(p.name for p in sub.iterdir()) == ["out.txt"], "a temporary file is left"


def next_line(run):
    line = run.proc.stdout.readline().decode()
    assert line, "cae ended early; stderr:\n%s" % run.stderr()
    return line


def interrupted(run):
    run.proc.send_signal(signal.SIGINT)
    rest, code = run.read_rest()
    assert code == 130, "exit %d, stderr:\n%s" % (code, run.stderr())
    assert run.stderr() == DRAINING, run.stderr()
    return rest


def wait_until_created(run, path):
    """The ingress end creates its missing file when it opens; waits for that."""
    deadline = time.monotonic() + PATIENCE
    while not path.exists():
        assert run.proc.poll() is None, "cae ended early; stderr:\n%s" % run.stderr()
        assert time.monotonic() < deadline, "cae never created %s" % path
        time.sleep(0.01)


def test_ingress_follows_appends_and_restarts_after_shrinking(cae, folder):
    source = pathlib.Path(folder) / "in.txt"
    settings = 'conn:filePath "in.txt" ; conn:fileReadFirstContent true'
    with Cae(cae, str(reader_pipeline(folder, settings))) as run:
        wait_until_created(run, source)
        with source.open("a") as out:
            out.write("first")
        assert next_line(run) == "first\n"
        with source.open("a") as out:
            out.write("second")
        assert next_line(run) == "second\n"
        source.write_text("new")  # shorter: read again from the start
        assert next_line(run) == "new\n"
        assert interrupted(run) == ""


def test_ingress_replace_emits_each_whole_content(cae, folder):
    source = pathlib.Path(folder) / "state.txt"
    source.write_text("version 1")
    settings = ('conn:filePath "state.txt" ; conn:fileOnReplace true ; '
                'conn:fileReadFirstContent true')
    with Cae(cae, str(reader_pipeline(folder, settings))) as run:
        assert next_line(run) == "version 1\n"
        for version in ["version 2 is longer", "v3"]:
            temporary = source.with_name("state.tmp")
            temporary.write_text(version)
            os.replace(temporary, source)  # as writers that never show half a file do
            assert next_line(run) == version + "\n"
        assert interrupted(run) == ""


def test_symlink_out_of_the_root_is_refused_at_open(cae, folder):
    with tempfile.TemporaryDirectory(prefix="cae-outside-") as outside:
        (pathlib.Path(folder) / "link").symlink_to(outside, target_is_directory=True)
        with Cae(cae, str(writer_pipeline(folder, 'conn:filePath "link/out.txt"'))) as run:
            out, code = run.read_rest()
        assert code == 1, "exit %d, stderr:\n%s" % (code, run.stderr())
        assert "a symbolic link leads outside the file root" in run.stderr(), run.stderr()
        assert "[runtime]" in run.stderr(), run.stderr()
        assert not (pathlib.Path(outside) / "out.txt").exists(), "cae wrote outside the root"


TESTS = [
    test_egress_append_truncates_then_appends,
    test_egress_replace_keeps_the_last_message,
    test_ingress_follows_appends_and_restarts_after_shrinking,
    test_ingress_replace_emits_each_whole_content,
    test_symlink_out_of_the_root_is_refused_at_open,
]

if __name__ == "__main__":
    sys.exit(run_tests(TESTS, sys.argv[1:]))
