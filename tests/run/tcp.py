#!/usr/bin/env python3
"""The tcp transport between two `cae run` processes on 127.0.0.1 (spec/channels.md §7 "tcp"):
order and end of stream, backpressure across the wire, a connection cut mid-stream by a real
TCP proxy, a reader that never comes up, a message above the size limit, an error close, and a
non-loopback listener refused without --allow-public-listen.

    tcp.py --cae PATH_TO_CAE
"""
import re
import sys

from cae_process import Cae, free_port, run_tests, stats_row
from cutting_proxy import run_through_proxy

PREFIXES = """@prefix rdfc: <https://w3id.org/rdf-connect#> .
@prefix cae:  <https://w3id.org/cae#> .
"""


def reader_doc(folder, port, host=None, name="reader.ttl"):
    """A pipeline printing what arrives on tcp channel <feed>."""
    setting = ' ; cae:tcpHost "%s"' % host if host else ""
    path = "%s/%s" % (folder, name)
    with open(path, "w") as out:
        out.write(PREFIXES + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <show> ] .
<show> a cae:Print ; cae:input <feed> .
<feed> a cae:TcpReaderChannel ; cae:tcpPort %d%s .
""" % (port, setting))
    return path


def writer_doc(folder, port, source, host=None, name="writer.ttl"):
    """A pipeline whose processor <gen>, described by `source`, writes tcp channel <feed>."""
    setting = ' ; cae:tcpHost "%s"' % host if host else ""
    path = "%s/%s" % (folder, name)
    with open(path, "w") as out:
        out.write(PREFIXES + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <gen> ] .
<gen> %s ; cae:output <feed> .
<feed> a cae:TcpWriterChannel ; cae:tcpPort %d%s .
""" % (source, port, setting))
    return path


def numbers(count, padding=""):
    return 'a cae:Generate ; cae:count %d ; cae:text "{i}%s"' % (count, padding)


def check_lines(out, count, padding=""):
    lines = out.splitlines()
    assert len(lines) == count, "%d lines of %d" % (len(lines), count)
    for i, line in enumerate(lines):
        assert line == "%d%s" % (i, padding), "line %d is %r" % (i, line[:40])


def test_messages_arrive_in_order_and_end_of_stream_ends_the_reader(cae, folder):
    port = free_port()
    with Cae(cae, reader_doc(folder, port)) as reader:
        with Cae(cae, writer_doc(folder, port, numbers(100_000))) as writer:
            assert writer.wait() == 0, writer.stderr()
        out, code = reader.read_rest()
    assert code == 0, reader.stderr()
    check_lines(out, 100_000)


def test_writer_started_first_waits_for_the_reader(cae, folder):
    port = free_port()
    with Cae(cae, writer_doc(folder, port, numbers(500))) as writer:
        with Cae(cae, reader_doc(folder, port)) as reader:
            out, code = reader.read_rest()
            assert code == 0, reader.stderr()
        assert writer.wait() == 0, writer.stderr()
    check_lines(out, 500)


def test_a_slow_far_reader_pauses_the_writer(cae, folder):
    port = free_port()
    count, bound, padding = 3000, 8, " " + "." * 1000
    with Cae(cae, "--queue-messages", str(bound), reader_doc(folder, port)) as reader:
        with Cae(cae, "--stats", "--queue-messages", str(bound),
                 writer_doc(folder, port, numbers(count, padding))) as writer:
            # Nobody reads the reader's output yet: the pipe, the reader's queue, the sockets
            # and the writer's kept frames fill up, then the writer's own queue.
            writer.wait_for_stderr(" %d queued," % bound)
            out, code = reader.read_rest()
            assert writer.wait() == 0, writer.stderr()
            stderr = writer.stderr()
    assert code == 0, reader.stderr()
    check_lines(out, count, padding)
    for queued in re.findall(r" (\d+) queued,", stderr):
        assert int(queued) <= bound, "a stats line shows %s queued" % queued
    messages, _, _, peak = stats_row(stderr, "<feed>")
    assert messages == count and peak <= bound, stderr


def test_a_stream_arrives_chunk_by_chunk(cae, folder):
    port = free_port()
    content = "".join("line %d of a file sent as one stream\n" % i for i in range(80_000))
    with open("%s/input.txt" % folder, "w") as out:
        out.write(content)
    path = "%s/stream-reader.ttl" % folder
    with open(path, "w") as out:
        out.write(PREFIXES + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <write> ] .
<write> a cae:WriteFile ; cae:input <feed> ; cae:path "output.txt" .
<feed> a cae:TcpReaderChannel ; cae:tcpPort %d .
""" % port)
    source = 'a cae:ReadFile ; cae:path "input.txt" ; cae:mode "stream" ; cae:chunkSize 4096'
    with Cae(cae, "--max-message-bytes", "100000", path) as reader:
        with Cae(cae, "--max-message-bytes", "100000", "--stats",
                 writer_doc(folder, port, source)) as writer:
            assert writer.wait() == 0, writer.stderr()
            stderr = writer.stderr()
        assert reader.wait() == 0, reader.stderr()
    with open("%s/output.txt" % folder) as result:
        assert result.read() == content
    # One stream: one message, far above the plain-message limit, in bounded chunks.
    assert stats_row(stderr, "<feed>")[:2] == [1, len(content)], stderr


def test_a_cut_connection_is_resumed_without_loss_or_duplicates(cae, folder):
    port, count = free_port(), 20_000
    run = run_through_proxy(cae, {1: ("to_reader", 100_000)}, port, reader_doc(folder, port),
                            lambda proxy_port: writer_doc(folder, proxy_port, numbers(count)))
    assert run.writer_code == 0 and "reconnected" in run.writer_err, run.writer_err
    assert run.reader_code == 0, run.reader_err
    assert run.connections >= 2
    check_lines(run.out, count)


def test_a_writer_back_on_a_new_connection_replaces_a_silent_one(cae, folder):
    """The proxy drops the writer's side of the first connection and keeps the reader's side
    open and quiet: the reader sees a second connection while the first still looks alive."""
    port, count = free_port(), 20_000
    run = run_through_proxy(cae, {1: ("silent", 100_000)}, port, reader_doc(folder, port),
                            lambda proxy_port: writer_doc(folder, proxy_port, numbers(count)))
    assert run.writer_code == 0 and "reconnected" in run.writer_err, run.writer_err
    assert run.reader_code == 0, run.reader_err
    assert "the writer came back on a new connection; dropping the old one" in run.reader_err, \
        run.reader_err
    check_lines(run.out, count)


def test_a_reader_that_never_comes_up_fails_the_writer(cae, folder):
    port = free_port()
    path = writer_doc(folder, port, numbers(3))
    with Cae(cae, "--connect-timeout", "1", path) as writer:
        code = writer.wait()
        stderr = writer.stderr()
    assert code == 1, stderr
    expected = (r"writer\.ttl:\d+:\d+: error: channel <feed> \(tcp, 127\.0\.0\.1:%d\): cannot "
                r"connect within 1 s: connection refused \[runtime\]" % port)
    assert re.search(expected, stderr), stderr


def test_a_message_above_the_limit_is_a_fatal_error_of_the_writer(cae, folder):
    port = free_port()
    path = writer_doc(folder, port, numbers(2, "x" * 200))
    with Cae(cae, "--max-message-bytes", "100", path) as writer:
        code = writer.wait()
        stderr = writer.stderr()
    assert code == 1, stderr
    assert ("channel <feed> (tcp, 127.0.0.1:%d): a message of 201 bytes from <gen> is above "
            "--max-message-bytes (100 bytes); send it as a stream" % port) in stderr, stderr


def test_a_message_above_the_readers_limit_fails_the_reader(cae, folder):
    port = free_port()
    with Cae(cae, "--max-message-bytes", "100", reader_doc(folder, port)) as reader:
        path = writer_doc(folder, port, numbers(2, "x" * 200))
        with Cae(cae, "--reconnect-timeout", "1", path) as writer:
            out, code = reader.read_rest()
            assert code == 1, reader.stderr()
            assert ("channel <feed> (tcp, 127.0.0.1:%d): the writer sent a message of 201 bytes, "
                    "above --max-message-bytes (100 bytes)" % port) in reader.stderr()
            assert out == ""
            # The reader is gone: the writer gives up after --reconnect-timeout.
            assert writer.wait() == 1, writer.stderr()
            assert "connection lost before end of stream" in writer.stderr(), writer.stderr()


def test_an_upstream_failure_reaches_the_reader_as_an_error_close(cae, folder):
    port = free_port()
    with Cae(cae, reader_doc(folder, port)) as reader:
        path = writer_doc(folder, port, 'a cae:ReadFile ; cae:path "missing.txt"')
        with Cae(cae, path) as writer:
            assert writer.wait() == 1, writer.stderr()
        _, code = reader.read_rest()
    assert code == 1, reader.stderr()
    assert re.search(r"reader\.ttl:\d+:\d+: error: channel <feed> \(tcp, 127\.0\.0\.1:\d+\): the "
                     r"writer closed the stream with an error: <gen> failed: ", reader.stderr()), \
        reader.stderr()


def test_a_public_listener_needs_the_operators_consent(cae, folder):
    port = free_port()
    with Cae(cae, reader_doc(folder, port, host="0.0.0.0")) as reader:
        code = reader.wait()
        stderr = reader.stderr()
    assert code == 2, stderr
    assert "or pass --allow-public-listen [bad-value]" in stderr, stderr


if __name__ == "__main__":
    sys.exit(run_tests([
        test_messages_arrive_in_order_and_end_of_stream_ends_the_reader,
        test_writer_started_first_waits_for_the_reader,
        test_a_slow_far_reader_pauses_the_writer,
        test_a_stream_arrives_chunk_by_chunk,
        test_a_cut_connection_is_resumed_without_loss_or_duplicates,
        test_a_writer_back_on_a_new_connection_replaces_a_silent_one,
        test_a_reader_that_never_comes_up_fails_the_writer,
        test_a_message_above_the_limit_is_a_fatal_error_of_the_writer,
        test_a_message_above_the_readers_limit_fails_the_reader,
        test_an_upstream_failure_reaches_the_reader_as_an_error_close,
        test_a_public_listener_needs_the_operators_consent,
    ], sys.argv[1:]))
