#!/usr/bin/env python3
"""The file transport with real `cae run` processes (spec/channels.md §7 "file", §8): egress ends
append or replace, ingress ends follow appends and rewrites until a signal, and no path or
symbolic link leads outside the file root. Between a cae writer and a cae reader: order, a slow
reader (backpressure, bounded blocks), a reader stopped and restarted while the writer writes,
a writer that never waits for readers, the message limit, and a folder that does not exist.

    file_transport.py --cae PATH_TO_CAE
"""
import os
import pathlib
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

from cae_process import PATIENCE, Cae, run_tests, stats_row

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


# Between two cae processes. The reader prints each message after a "|" (data never holds one),
# so its output tells the messages apart however the appended bytes were cut into blocks.
BLOCK = 64 * 1024


def cae_writer(folder, source, settings, name="write.ttl"):
    """A pipeline whose processor <gen>, described by `source`, writes a conn:FileWriterChannel."""
    path = pathlib.Path(folder) / name
    path.write_text(PREFIXES + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <gen> ] .
<gen> %s ; cae:output <out> .
<out> a conn:FileWriterChannel ; %s .
""" % (source, settings))
    return str(path)


def cae_reader(folder, settings, name="read.ttl"):
    """cae:Print prints each message of a conn:FileReaderChannel as "|" + message + newline."""
    path = pathlib.Path(folder) / name
    path.write_text(PREFIXES + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <show> ] .
<show> a cae:Print ; cae:prefix "|" ; cae:input <in> .
<in> a conn:FileReaderChannel ; %s .
""" % settings)
    return str(path)


def numbered(first, end, padding=""):
    return "".join("%d%s\n" % (i, padding) for i in range(first, end))


def generate(count, padding=""):
    return 'a cae:Generate ; cae:count %d ; cae:text "{i}%s\\n"' % (count, padding)


def messages_of(raw):
    """The messages in a reader's output: "|" + message + newline each."""
    assert raw[:1] in (b"", b"|"), raw[:40]
    parts = raw.split(b"|")[1:]
    assert all(part.endswith(b"\n") for part in parts), "a message cut short"
    return [part[:-1] for part in parts]


def read_messages(run, expected):
    """Reads the reader's standard output until its messages hold the bytes `expected`, and
    checks that they hold them exactly once, in order; returns the messages."""
    fd = run.proc.stdout.fileno()
    raw = bytearray()
    bars = 0  # messages begun; each adds "|" and a newline to the bytes it holds
    deadline = time.monotonic() + PATIENCE
    while len(raw) - 2 * bars < len(expected) or not raw.endswith(b"\n"):
        left = deadline - time.monotonic()
        assert left > 0, "%d of %d bytes after %d s" % (len(raw) - 2 * bars, len(expected),
                                                       PATIENCE)
        if not select.select([fd], [], [], min(left, 1))[0]:
            continue
        block = os.read(fd, BLOCK)
        assert block, "cae ended early; stderr:\n%s" % run.stderr()
        raw += block
        bars += block.count(b"|")
    messages = messages_of(bytes(raw))
    assert b"".join(messages) == expected.encode(), "the bytes differ from what was written"
    return messages


def wait_for_content(path, expected):
    """Waits until the file holds `expected` (a writer not waiting for any reader)."""
    deadline = time.monotonic() + PATIENCE
    while not path.exists() or path.read_text() != expected:
        assert time.monotonic() < deadline, "the file never held what was written"
        time.sleep(0.01)


def test_cae_to_cae_lines_arrive_once_in_order(cae, folder):
    target = pathlib.Path(folder) / "feed.txt"
    reading = 'conn:filePath "feed.txt" ; conn:fileReadFirstContent true'
    with Cae(cae, cae_reader(folder, reading)) as reader:
        wait_until_created(reader, target)
        with Cae(cae, cae_writer(folder, generate(5000), 'conn:filePath "feed.txt"')) as writer:
            assert writer.wait() == 0, writer.stderr()
        read_messages(reader, numbered(0, 5000))
        assert interrupted(reader) == ""


def test_a_slow_reader_takes_every_byte_in_bounded_blocks(cae, folder):
    target = pathlib.Path(folder) / "feed.txt"
    padding, count, bound = " " + "." * 1000, 20_000, 4  # about 20 MB
    reading = 'conn:filePath "feed.txt" ; conn:fileReadFirstContent true'
    with Cae(cae, "--stats", "--queue-messages", str(bound), cae_reader(folder, reading)) as reader:
        wait_until_created(reader, target)
        # Nobody reads the reader's output yet: its pipe and queue fill up, its ingress end
        # stops reading, and the writer, which waits for no reader, writes the whole file.
        writer_doc = cae_writer(folder, generate(count, padding), 'conn:filePath "feed.txt"')
        with Cae(cae, writer_doc) as writer:
            assert writer.wait() == 0, writer.stderr()
        expected = numbered(0, count, padding)
        assert target.stat().st_size == len(expected)
        messages = read_messages(reader, expected)
        reader.proc.send_signal(signal.SIGINT)
        rest, code = reader.read_rest()
        stderr = reader.stderr()
    assert rest == "" and code == 130, "exit %d, stderr:\n%s" % (code, stderr)
    assert max(len(message) for message in messages) <= BLOCK, "a block above 64 KiB"
    sent, size, _, peak = stats_row(stderr, "<in>")
    assert sent == len(messages) and size == len(expected), stderr
    assert peak <= bound, stderr
    for queued in re.findall(r" (\d+) queued,", stderr):
        assert int(queued) <= bound, "a stats line shows %s queued" % queued


def feed(writer, text):
    writer.proc.stdin.write(text.encode())
    writer.proc.stdin.flush()


def test_a_reader_restarted_while_the_writer_writes_loses_nothing(cae, folder):
    target = pathlib.Path(folder) / "feed.txt"
    reading = 'conn:filePath "feed.txt" ; conn:fileReadFirstContent true'
    lines = 'a cae:Stdin ; cae:mode "lines" ; cae:keepLineEnds true'
    with Cae(cae, cae_reader(folder, reading, "first.ttl")) as first:
        wait_until_created(first, target)
        with Cae(cae, cae_writer(folder, lines, 'conn:filePath "feed.txt"'),
                 stdin=subprocess.PIPE) as writer:
            feed(writer, numbered(0, 1000))
            read_messages(first, numbered(0, 1000))
            assert interrupted(first) == ""
            assert writer.proc.poll() is None, "the writer stopped with its reader"
            feed(writer, numbered(1000, 2000))  # while no reader runs
            wait_for_content(target, numbered(0, 2000))
            with Cae(cae, cae_reader(folder, reading, "second.ttl")) as second:
                feed(writer, numbered(2000, 3000))  # while the second reader starts
                writer.proc.stdin.close()
                assert writer.wait() == 0, writer.stderr()
                read_messages(second, numbered(0, 3000))
                assert interrupted(second) == ""


def test_the_writer_waits_for_no_reader(cae, folder):
    target = pathlib.Path(folder) / "feed.txt"
    with Cae(cae, cae_writer(folder, generate(500), 'conn:filePath "feed.txt"')) as writer:
        assert writer.wait() == 0, writer.stderr()
    assert target.read_text() == numbered(0, 500)
    reading = 'conn:filePath "feed.txt" ; conn:fileReadFirstContent true'
    with Cae(cae, cae_reader(folder, reading, "all.ttl")) as everything:
        read_messages(everything, numbered(0, 500))
        assert interrupted(everything) == ""
    # Without conn:fileReadFirstContent a late reader takes only what is appended after it.
    reading = cae_reader(folder, 'conn:filePath "feed.txt"', "late.ttl")
    with Cae(cae, "--log-level", "debug", reading) as late:
        # An append before the end took the file's size would count as present: wait for it.
        late.wait_for_stderr("following the file from byte %d" % len(numbered(0, 500)))
        with target.open("a") as out:
            out.write("late\n")
        assert read_messages(late, "late\n") == [b"late\n"]
        late.proc.send_signal(signal.SIGINT)
        rest, code = late.read_rest()
        assert rest == "" and code == 130, "exit %d, stderr:\n%s" % (code, late.stderr())


def test_append_mode_cuts_blocks_at_the_message_limit(cae, folder):
    target = pathlib.Path(folder) / "feed.txt"
    reading = 'conn:filePath "feed.txt" ; conn:fileReadFirstContent true'
    with Cae(cae, "--max-message-bytes", "100", cae_reader(folder, reading)) as reader:
        wait_until_created(reader, target)
        padding = " " + "x" * 300  # every line above the limit
        writer_doc = cae_writer(folder, generate(50, padding), 'conn:filePath "feed.txt"')
        with Cae(cae, writer_doc) as writer:
            assert writer.wait() == 0, writer.stderr()
        messages = read_messages(reader, numbered(0, 50, padding))
        assert max(len(message) for message in messages) <= 100
        assert interrupted(reader) == ""


def test_replace_mode_fails_on_a_file_above_the_message_limit(cae, folder):
    target = pathlib.Path(folder) / "state.txt"
    reading = 'conn:filePath "state.txt" ; conn:fileOnReplace true'
    with Cae(cae, "--max-message-bytes", "1000", cae_reader(folder, reading)) as reader:
        wait_until_created(reader, target)
        writing = 'conn:filePath "state.txt" ; conn:fileOnReplace true'
        with Cae(cae, cae_writer(folder, "a cae:Generate ; cae:count 1 ; cae:size 5000",
                                 writing)) as writer:
            assert writer.wait() == 0, writer.stderr()
        out, code = reader.read_rest()
        stderr = reader.stderr()
    assert code == 1 and out == "", "exit %d, stderr:\n%s" % (code, stderr)
    expected = (r"^{0}read\.ttl:\d+:\d+: error: channel <in> \(file, {0}state\.txt\): the file "
                r"holds 5000 bytes, above --max-message-bytes \(1000 bytes\); in replace mode the "
                r"whole file is one message \[runtime\]$").format(shown(folder))
    assert re.search(expected, stderr, re.M), stderr


def shown(folder):
    """How error lines show a path beneath `folder`: relative to the working directory when it
    lies beneath it, else absolute (a pattern for either)."""
    return r"(?:%s/)?" % re.escape(str(folder))


def test_a_missing_folder_is_a_runtime_error_at_open(cae, folder):
    for settings, name in [('conn:filePath "missing/out.txt" ; conn:fileOnReplace true', "replace"),
                           ('conn:filePath "missing/out.txt"', "append")]:
        with Cae(cae, cae_writer(folder, generate(3), settings, name + ".ttl")) as writer:
            code = writer.wait()
            stderr = writer.stderr()
        assert code == 1, "exit %d, stderr:\n%s" % (code, stderr)
        what = "missing" if name == "replace" else "missing/out.txt"
        expected = (r"^{0}{1}\.ttl:\d+:\d+: error: channel <out> \(file, {0}missing/out\.txt\): "
                    r"cannot open {2}: No such file or directory \[runtime\]$").format(
                        shown(folder), name, re.escape(what))
        assert re.search(expected, stderr, re.M), stderr
    with Cae(cae, cae_reader(folder, 'conn:filePath "missing/in.txt"')) as reader:
        out, code = reader.read_rest()
        stderr = reader.stderr()
    assert code == 1 and out == "", "exit %d, stderr:\n%s" % (code, stderr)
    expected = (r"^{0}read\.ttl:\d+:\d+: error: channel <in> \(file, {0}missing/in\.txt\): "
                r"cannot open missing/in\.txt: No such file or directory \[runtime\]$").format(
                    shown(folder))
    assert re.search(expected, stderr, re.M), stderr


TESTS = [
    test_egress_append_truncates_then_appends,
    test_egress_replace_keeps_the_last_message,
    test_ingress_follows_appends_and_restarts_after_shrinking,
    test_ingress_replace_emits_each_whole_content,
    test_symlink_out_of_the_root_is_refused_at_open,
    test_cae_to_cae_lines_arrive_once_in_order,
    test_a_slow_reader_takes_every_byte_in_bounded_blocks,
    test_a_reader_restarted_while_the_writer_writes_loses_nothing,
    test_the_writer_waits_for_no_reader,
    test_append_mode_cuts_blocks_at_the_message_limit,
    test_replace_mode_fails_on_a_file_above_the_message_limit,
    test_a_missing_folder_is_a_runtime_error_at_open,
]

if __name__ == "__main__":
    sys.exit(run_tests(TESTS, sys.argv[1:]))
