#!/usr/bin/env python3
"""The HTTP transport between two `cae run` processes on 127.0.0.1 (spec/channels.md §7
"http"): order and end of stream, backpressure from a slow far reader (its answers wait), a
request and an answer cut by a real TCP proxy (sent again, taken once), nothing listening, a
message above the reader's size limit (413, with a Content-Length or chunked), what the reader
answers to methods it does not take, chunked bodies, and several requests on one connection.

    http_transport.py --cae PATH_TO_CAE
"""
import http.client
import socket
import sys
import time

from cae_process import Cae, free_port, run_tests, stats_row
from cutting_proxy import run_through_proxy
from transport_checks import (draining_reader_fails_the_writer,
                              upstream_failure_reaches_the_reader)

HEAD = """@prefix rdfc: <https://w3id.org/rdf-connect#> .
@prefix cae:  <https://w3id.org/cae#> .
@prefix conn: <https://w3id.org/conn#> .
"""


def reader_pipeline(folder, port, settings=""):
    """<feed>, an HTTP ingress end on `port` with more `settings` (Turtle), printed line by line
    to standard output."""
    path = folder + "/reader.ttl"
    with open(path, "w") as out:
        out.write(HEAD + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <show> ] .
<show> a cae:Print ; cae:input <feed> .
<feed> a conn:HttpReaderChannel ; conn:httpPort %d ; conn:responseCode 202 %s .
""" % (port, settings))
    return path


def writer_pipeline(folder, port, generate, source="a cae:Generate"):
    """cae:Generate with the settings `generate` (Turtle) writing <out>, an HTTP egress end to
    `port` that PUTs each message."""
    path = folder + "/writer.ttl"
    with open(path, "w") as out:
        out.write(HEAD + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <source> ] .
<source> %s ; %s ; cae:output <out> .
<out> a conn:HttpWriterChannel ; conn:httpEndpoint "http://127.0.0.1:%d/in" ;
  conn:httpMethod "PUT" .
""" % (source, generate, port))
    return path


def test_messages_arrive_in_order_and_the_stream_ends(cae, folder):
    port = free_port()
    with Cae(cae, reader_pipeline(folder, port)) as reader, \
            Cae(cae, writer_pipeline(folder, port, 'cae:count 500 ; cae:text "{i}"')) as writer:
        assert writer.wait() == 0, writer.stderr()
        out, code = reader.read_rest()
        assert code == 0, reader.stderr()
    assert out.splitlines() == [str(i) for i in range(500)], out[-200:]


def test_a_slow_far_reader_pauses_the_writer(cae, folder):
    """The far reader's output is not read until the writer's own queue is full: its cae:Print
    then waits for the pipe, its queue fills, its answers wait, and the writer's egress queue
    reaches its bound."""
    port, count, bound = free_port(), 3000, 8
    padding = " " + "." * 1000
    generate = 'cae:count %d ; cae:text "{i}%s"' % (count, padding)
    with Cae(cae, "--queue-messages", str(bound), reader_pipeline(folder, port)) as reader, \
            Cae(cae, "--stats", "--queue-messages", str(bound),
                writer_pipeline(folder, port, generate)) as writer:
        writer.wait_for_stderr(" %d queued," % bound)
        out, code = reader.read_rest()
        assert code == 0, reader.stderr()
        assert writer.wait() == 0, writer.stderr()
        stderr = writer.stderr()
    lines = out.splitlines()
    assert len(lines) == count, "%d lines of %d" % (len(lines), count)
    for i, line in enumerate(lines):
        assert line == "%d%s" % (i, padding), "line %d is %r" % (i, line[:40])
    messages, _, readers, peak = stats_row(stderr, "<out>")
    assert (messages, readers, peak) == (count, 1, bound), stderr


def slow_reader_peak(cae, folder, settings, until):
    """Runs a reader whose standard output is not read until `until(reader)` returns, so its
    cae:Print blocks, and a writer of 3,000 padded messages; returns the reader's peak queue."""
    port, count = free_port(), 3000
    generate = 'cae:count %d ; cae:text "{i} %s"' % (count, "." * 1000)
    with Cae(cae, "--stats", "--queue-messages", "8",
             reader_pipeline(folder, port, settings)) as reader, \
            Cae(cae, writer_pipeline(folder, port, generate)) as writer:
        until(reader)
        out, code = reader.read_rest()
        assert code == 0, reader.stderr()
        assert writer.wait() == 0, writer.stderr()
        stderr = reader.stderr()
    assert len(out.splitlines()) == count, out[-200:]
    return stats_row(stderr, "<feed>")[3]


def test_wait_handled_answers_once_the_reader_has_taken_the_message(cae, folder):
    # Without it the answer goes once the message is queued: the reader's queue fills.
    assert slow_reader_peak(cae, folder, "", lambda run: run.wait_for_stderr(" 8 queued,")) == 8
    # With it the next request comes only once the last message left the queue. The pause
    # lets the standard output pipe fill, so that cae:Print blocks.
    peak = slow_reader_peak(cae, folder, "; conn:waitHandled true", lambda run: time.sleep(1))
    assert peak == 1, peak


def test_a_cut_request_or_answer_is_sent_again_and_taken_once(cae, folder):
    """Connection 30 is cut inside its request's headers, connection 60 after the reader took
    its message but before the answer reached the writer."""
    port, count = free_port(), 100
    generate = 'cae:count %d ; cae:text "{i}"' % count
    run = run_through_proxy(cae, {30: ("to_reader", 20), 60: ("to_writer", 0)}, port,
                            reader_pipeline(folder, port),
                            lambda proxy_port: writer_pipeline(folder, proxy_port, generate))
    assert run.writer_code == 0 and "sending it again" in run.writer_err, run.writer_err
    assert run.reader_code == 0, run.reader_err
    assert "came again; answered without taking it twice" in run.reader_err, run.reader_err
    assert run.out.splitlines() == [str(i) for i in range(count)], run.out[-200:]


def test_an_upstream_failure_reaches_the_reader_as_an_error_close(cae, folder):
    port = free_port()
    upstream_failure_reaches_the_reader(
        cae, "http", reader_pipeline(folder, port),
        writer_pipeline(folder, port, 'cae:path "missing.txt"', source="a cae:ReadFile"))


def test_a_draining_reader_ends_its_stream_and_fails_the_writer(cae, folder):
    """The writer is answered 410 while the reader still runs, then finds nobody listening."""
    port = free_port()
    writer_err = draining_reader_fails_the_writer(
        cae, "http", reader_pipeline(folder, port),
        writer_pipeline(folder, port, 'cae:count 100000000 ; cae:text "{i}"'),
        writer_args=("--reconnect-timeout", "1"))
    assert "the reader answered 410" in writer_err or "no reconnect within 1 s" in writer_err, \
        writer_err


def test_nothing_listening_fails_after_the_connect_timeout(cae, folder):
    port = free_port()
    with Cae(cae, "--connect-timeout", "1", writer_pipeline(folder, port, "cae:count 3")) as run:
        code = run.wait()
        stderr = run.stderr()
    assert code == 1, stderr
    expected = "channel <out> (http, http://127.0.0.1:%d/in): cannot connect within 1 s" % port
    assert expected in stderr and "[runtime]" in stderr, stderr


def test_a_message_above_the_readers_limit_gets_413(cae, folder):
    port = free_port()
    with Cae(cae, "--max-message-bytes", "1000", reader_pipeline(folder, port)) as reader, \
            Cae(cae, writer_pipeline(folder, port, "cae:count 3 ; cae:size 5000")) as writer:
        reader_code, writer_code = reader.wait(), writer.wait()
        reader_err, writer_err = reader.stderr(), writer.stderr()
    assert reader_code == 1, reader_err
    assert "channel <feed> (http, http://127.0.0.1:%d/): the writer sent a message above " \
           "--max-message-bytes (1000 bytes)" % port in reader_err, reader_err
    assert writer_code == 1, writer_err
    assert "the reader answered 413" in writer_err, writer_err


def request(port, method, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, "/", body=body, headers=headers or {})
        return connection.getresponse().status
    finally:
        connection.close()


def raw_exchange(port, data, answers):
    """Sends `data` on one connection; returns the statuses of the first `answers` answers (the
    reader's answers have no body)."""
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(data)
        while received.count(b"\r\n\r\n") < answers:
            more = sock.recv(4096)
            if not more:
                break
            received += more
    return [int(line.split()[1]) for line in received.split(b"\r\n")
            if line.startswith(b"HTTP/1.1 ")]


def test_the_reader_answers_405_and_takes_chunked_bodies(cae, folder):
    port = free_port()
    with Cae(cae, "--log-level", "debug", reader_pipeline(folder, port)) as reader:
        reader.wait_for_stderr("listening on")
        assert request(port, "GET") == 405
        # http.client sends an iterable body chunked.
        assert request(port, "POST", body=iter([b"chun", b"ked"])) == 202
        # Three requests in one write on one connection, answered in order; header names in any
        # case. The PUT has neither Content-Length nor chunked encoding: an empty body, an empty
        # message.
        statuses = raw_exchange(port, b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n"
                                b"first"
                                b"PUT / HTTP/1.1\r\nHost: a\r\n\r\n"
                                b"POST / HTTP/1.1\r\nhost: a\r\ncae-END-of-STREAM: ok\r\n"
                                b"content-length: 0\r\n\r\n", 3)
        assert statuses == [202, 202, 202], statuses
        out, code = reader.read_rest()
        assert code == 0, reader.stderr()
    assert out == "chunked\nfirst\n\n", out


def test_a_chunked_body_above_the_limit_gets_413(cae, folder):
    port = free_port()
    with Cae(cae, "--log-level", "debug", "--max-message-bytes", "1000",
             reader_pipeline(folder, port)) as reader:
        reader.wait_for_stderr("listening on")
        chunk = b"320\r\n" + b"." * 800 + b"\r\n"
        statuses = raw_exchange(port, b"POST / HTTP/1.1\r\nHost: a\r\n"
                                b"Transfer-Encoding: chunked\r\n\r\n" + chunk + chunk +
                                b"0\r\n\r\n", 1)
        assert statuses == [413], statuses
        code = reader.wait()
        stderr = reader.stderr()
    assert code == 1, stderr
    assert "channel <feed> (http, http://127.0.0.1:%d/): the writer sent a message above " \
           "--max-message-bytes (1000 bytes)" % port in stderr, stderr


if __name__ == "__main__":
    sys.exit(run_tests([
        test_messages_arrive_in_order_and_the_stream_ends,
        test_a_slow_far_reader_pauses_the_writer,
        test_wait_handled_answers_once_the_reader_has_taken_the_message,
        test_a_cut_request_or_answer_is_sent_again_and_taken_once,
        test_an_upstream_failure_reaches_the_reader_as_an_error_close,
        test_a_draining_reader_ends_its_stream_and_fails_the_writer,
        test_nothing_listening_fails_after_the_connect_timeout,
        test_a_message_above_the_readers_limit_gets_413,
        test_the_reader_answers_405_and_takes_chunked_bodies,
        test_a_chunked_body_above_the_limit_gets_413,
    ], sys.argv[1:]))
