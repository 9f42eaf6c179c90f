#!/usr/bin/env python3
"""The WebSocket transport between two `cae run` processes on 127.0.0.1 (spec/channels.md §7
"ws", §8), which speak its `cae.v1` subprotocol: order and end of stream, a writer started
before its reader, backpressure from a slow far reader, a connection cut mid-stream by a real
TCP proxy, nothing listening, messages above the size limit on either side, and handshakes
carrying an Origin header. Plain WebSocket peers are covered by interop.py.

    ws_transport.py --cae PATH_TO_CAE
"""
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


def reader_pipeline(folder, port):
    """<feed>, a WebSocket ingress end on `port`, printed line by line to standard output."""
    path = folder + "/reader.ttl"
    with open(path, "w") as out:
        out.write(HEAD + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <show> ] .
<show> a cae:Print ; cae:input <feed> .
<feed> a conn:WsReaderChannel ; conn:wsPort %d .
""" % port)
    return path


def writer_pipeline(folder, port, generate, source="a cae:Generate"):
    """cae:Generate with the settings `generate` (Turtle) writing <out>, a WebSocket egress end
    to `port`."""
    path = folder + "/writer.ttl"
    with open(path, "w") as out:
        out.write(HEAD + """<> a rdfc:Pipeline ;
  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor <source> ] .
<source> %s ; %s ; cae:output <out> .
<out> a conn:WsWriterChannel ; conn:wsUrl "ws://127.0.0.1:%d/" .
""" % (source, generate, port))
    return path


def test_messages_arrive_in_order_and_the_stream_ends(cae, folder):
    port = free_port()
    with Cae(cae, reader_pipeline(folder, port)) as reader, \
            Cae(cae, writer_pipeline(folder, port, 'cae:count 2000 ; cae:text "{i}"')) as writer:
        assert writer.wait() == 0, writer.stderr()
        out, code = reader.read_rest()
        assert code == 0, reader.stderr()
    assert out.splitlines() == [str(i) for i in range(2000)], out[-200:]


def test_a_writer_started_first_waits_for_the_reader(cae, folder):
    port = free_port()
    with Cae(cae, writer_pipeline(folder, port, 'cae:count 50 ; cae:text "{i}"')) as writer:
        time.sleep(0.5)  # time for refused attempts; the order of starts is all that matters
        with Cae(cae, reader_pipeline(folder, port)) as reader:
            assert writer.wait() == 0, writer.stderr()
            out, code = reader.read_rest()
            assert code == 0, reader.stderr()
    assert out.splitlines() == [str(i) for i in range(50)], out


def test_a_slow_far_reader_pauses_the_writer(cae, folder):
    """The far reader's output is not read until the writer's own queue is full: its cae:Print
    then waits for the pipe, its queue fills, the ingress end stops reading its socket, the
    socket buffers fill and the writer's egress queue reaches its bound."""
    port, count, bound = free_port(), 20000, 8
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


def test_a_cut_connection_is_resumed_without_loss_or_duplicates(cae, folder):
    port, count = free_port(), 20_000
    generate = 'cae:count %d ; cae:text "{i}"' % count
    run = run_through_proxy(cae, {1: ("to_reader", 100_000)}, port, reader_pipeline(folder, port),
                            lambda proxy_port: writer_pipeline(folder, proxy_port, generate))
    assert run.writer_code == 0 and "reconnected" in run.writer_err, run.writer_err
    assert run.reader_code == 0, run.reader_err
    assert "resuming the stream" in run.reader_err, run.reader_err
    assert run.connections >= 2
    assert run.out.splitlines() == [str(i) for i in range(count)], run.out[-200:]


def test_an_upstream_failure_reaches_the_reader_as_an_error_close(cae, folder):
    port = free_port()
    upstream_failure_reaches_the_reader(
        cae, "ws", reader_pipeline(folder, port),
        writer_pipeline(folder, port, 'cae:path "missing.txt"', source="a cae:ReadFile"))


def test_a_draining_reader_ends_its_stream_and_fails_the_writer(cae, folder):
    """The reader's Close 1001 tells the writer; when the connection's reset overtakes it, the
    writer tries to reconnect until --reconnect-timeout."""
    port = free_port()
    writer_err = draining_reader_fails_the_writer(
        cae, "ws", reader_pipeline(folder, port),
        writer_pipeline(folder, port, 'cae:count 100000000 ; cae:text "{i}"'),
        writer_args=("--reconnect-timeout", "1"))
    assert "(the reader closed with status 1001: the reader is shutting down)" in writer_err or \
        "no reconnect within 1 s" in writer_err, writer_err


def test_nothing_listening_fails_after_the_connect_timeout(cae, folder):
    port = free_port()
    with Cae(cae, "--connect-timeout", "1", writer_pipeline(folder, port, "cae:count 3")) as run:
        code = run.wait()
        stderr = run.stderr()
    assert code == 1, stderr
    expected = "channel <out> (ws, ws://127.0.0.1:%d/): cannot connect within 1 s" % port
    assert expected in stderr and "[runtime]" in stderr, stderr


def test_a_message_above_the_readers_limit_is_refused_with_1009(cae, folder):
    port = free_port()
    generate = 'cae:count 3 ; cae:size 5000'
    with Cae(cae, "--max-message-bytes", "1000", reader_pipeline(folder, port)) as reader, \
            Cae(cae, "--reconnect-timeout", "1", writer_pipeline(folder, port, generate)) as writer:
        reader_code, writer_code = reader.wait(), writer.wait()
        reader_err, writer_err = reader.stderr(), writer.stderr()
    assert reader_code == 1, reader_err
    assert "channel <feed> (ws, ws://127.0.0.1:%d/): the writer sent a message of 5000 bytes, " \
           "above --max-message-bytes (1000 bytes)" % port in reader_err, reader_err
    # The reader sends Close 1009 and drops the connection; with the writer's unread bytes in
    # its socket the drop is a reset, which may reach the writer before the Close does. Either
    # way the writer never got its end of stream acknowledged, so it fails.
    assert writer_code == 1, writer_err
    assert "(the reader closed with status 1009: message too large)" in writer_err or \
        "no reconnect within 1 s" in writer_err, writer_err


def test_a_message_above_the_writers_limit_fails_the_writer(cae, folder):
    port = free_port()
    with Cae(cae, reader_pipeline(folder, port)) as reader, \
            Cae(cae, "--max-message-bytes", "1000",
                writer_pipeline(folder, port, "cae:count 1 ; cae:size 5000")) as writer:
        writer_code, writer_err = writer.wait(), writer.stderr()
        # The reader gets an error close, or no connection at all if the writer failed first;
        # either way it has seen no end of stream, and leaving the block stops it.
    assert writer_code == 1, writer_err
    assert "<source> wrote a message of 5000 bytes, above --max-message-bytes (1000 bytes); " \
           "write it as a stream instead" in writer_err, writer_err


def handshake(port, extra_header):
    """Sends a WebSocket opening handshake; returns the status line of the answer."""
    request = ("GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               "Sec-WebSocket-Version: 13\r\n%s\r\n" % (port, extra_header))
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(request.encode())
        answer = b""
        while b"\r\n" not in answer:
            part = connection.recv(4096)
            if not part:
                break
            answer += part
    return answer.split(b"\r\n")[0].decode("latin-1")


def test_a_handshake_with_an_origin_is_refused(cae, folder):
    port = free_port()
    with Cae(cae, "--log-level", "debug", reader_pipeline(folder, port)) as reader:
        reader.wait_for_stderr("listening on")
        refused = handshake(port, "Origin: http://example.org\r\n")
        accepted = handshake(port, "")
        reader.kill()
    assert " 101 " not in refused, refused
    assert " 101 " in accepted, accepted


if __name__ == "__main__":
    sys.exit(run_tests([
        test_messages_arrive_in_order_and_the_stream_ends,
        test_a_writer_started_first_waits_for_the_reader,
        test_a_slow_far_reader_pauses_the_writer,
        test_a_cut_connection_is_resumed_without_loss_or_duplicates,
        test_an_upstream_failure_reaches_the_reader_as_an_error_close,
        test_a_draining_reader_ends_its_stream_and_fails_the_writer,
        test_nothing_listening_fails_after_the_connect_timeout,
        test_a_message_above_the_readers_limit_is_refused_with_1009,
        test_a_message_above_the_writers_limit_fails_the_writer,
        test_a_handshake_with_an_origin_is_refused,
    ], sys.argv[1:]))
