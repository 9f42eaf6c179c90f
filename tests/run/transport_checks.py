"""Checks that every network transport passes the same way between two `cae run` processes;
each test script calls them with its own pipelines (reader on `port`, writer to it)."""
import re
import signal

from cae_process import Cae


def upstream_failure_reaches_the_reader(cae, transport, reader_path, writer_path):
    """The writer's source fails (cae:ReadFile of a missing file): the reader's run fails with
    the writer's error close, naming its channel."""
    with Cae(cae, reader_path) as reader:
        with Cae(cae, writer_path) as writer:
            assert writer.wait() == 1, writer.stderr()
        _, code = reader.read_rest()
        stderr = reader.stderr()
    assert code == 1, stderr
    assert re.search(r"reader\.ttl:\d+:\d+: error: channel <feed> \(%s, [^)]*\): the writer closed "
                     r"the stream with an error: .*<source> failed: " % transport, stderr), stderr


def draining_reader_fails_the_writer(cae, transport, reader_path, writer_path, writer_args=()):
    """SIGINT makes the reader deliver what it holds and close its channel normally; the
    writer, with messages left to send, fails naming its channel. Returns its standard error."""
    with Cae(cae, reader_path) as reader, Cae(cae, *writer_args, writer_path) as writer:
        first = reader.proc.stdout.readline().decode()
        reader.proc.send_signal(signal.SIGINT)
        rest, code = reader.read_rest()
        assert code == 130, reader.stderr()
        assert writer.wait() == 1, writer.stderr()
        writer_err = writer.stderr()
    lines = (first + rest).splitlines()
    assert lines == [str(i) for i in range(len(lines))], lines[-3:]
    assert "channel <out> (%s, " % transport in writer_err, writer_err
    return writer_err
