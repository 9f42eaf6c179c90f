"""A TCP proxy on 127.0.0.1 that cuts chosen connections part way, for the transports'
reconnect tests: what the writer sent before the cut may or may not have reached the reader,
so the transport must resend without loss or duplicates."""
import socket
import threading

from cae_process import Cae


class CuttingProxy:
    """Forwards 127.0.0.1:port to target_port. `cuts` maps a connection's number (1 for the
    first) to (direction, bytes): that connection is cut once it has carried so many bytes
    towards the reader ("to_reader") or back to the writer ("to_writer"); "silent" cuts only
    the writer's side after so many bytes towards the reader and leaves the reader's side open
    and quiet, as a peer that vanished without a word. The others are forwarded whole."""

    def __init__(self, target_port, cuts):
        self.target_port = target_port
        self.cuts = cuts
        self.connections = 0
        self.silent = []  # reader-side sockets left open by "silent" cuts
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(4)
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:  # the reader is not up yet: the writer tries again
                client.close()
                continue
            self.connections += 1
            direction, limit = self.cuts.get(self.connections, (None, None))
            spare = None
            if direction == "silent":
                self.silent.append(upstream)
                spare = upstream
            threading.Thread(target=self._pump, daemon=True,
                             args=(client, upstream, limit if direction in ("to_reader", "silent")
                                   else None, spare)).start()
            threading.Thread(target=self._pump, daemon=True,
                             args=(upstream, client, limit if direction == "to_writer" else None,
                                   spare)).start()

    @staticmethod
    def _pump(source, sink, limit, spare):
        """Forwards source to sink; at the end closes both but `spare`."""
        carried = 0
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if limit is not None and carried + len(data) >= limit:
                    sink.sendall(data[:limit - carried])
                    break
                carried += len(data)
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            if end is spare:
                continue
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            end.close()

    def close(self):
        self.server.close()
        for end in self.silent:
            end.close()


class CutRun:
    """What a reader and a writer run through a CuttingProxy left behind."""

    def __init__(self, out, reader_code, reader_err, writer_code, writer_err, connections):
        self.out = out
        self.reader_code = reader_code
        self.reader_err = reader_err
        self.writer_code = writer_code
        self.writer_err = writer_err
        self.connections = connections


def run_through_proxy(cae, cuts, reader_port, reader_path, writer_path_for):
    """Starts the reader (listening on reader_port), then the writer made by
    writer_path_for(proxy_port), both at --log-level info, with a CuttingProxy between them;
    waits for both to end."""
    proxy = CuttingProxy(reader_port, cuts)
    try:
        with Cae(cae, "--log-level", "info", reader_path) as reader:
            with Cae(cae, "--log-level", "info", writer_path_for(proxy.port)) as writer:
                writer_code = writer.wait()
                writer_err = writer.stderr()
            out, reader_code = reader.read_rest()
            reader_err = reader.stderr()
    finally:
        proxy.close()
    return CutRun(out, reader_code, reader_err, writer_code, writer_err, proxy.connections)
