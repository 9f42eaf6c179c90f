#!/usr/bin/env python3
"""A pipeline split across two hosts: two network namespaces joined by a veth pair, the reading
half of a tcp channel in one (listening on its veth address, so with --allow-public-listen),
the writing half in the other. Every message arrives, in order. Needs CAP_NET_ADMIN: skipped
(exit 77) only when the namespaces cannot be made.

    tcp_netns.py --cae PATH_TO_CAE
"""
import os
import subprocess
import sys
import tempfile

from cae_process import Cae, PATIENCE
from tcp import check_lines, numbers, reader_doc, writer_doc

SKIP = 77
SUFFIX = str(os.getpid())
READER_NS, WRITER_NS = "cae-r" + SUFFIX, "cae-w" + SUFFIX
READER_IF, WRITER_IF = "caer" + SUFFIX, "caew" + SUFFIX
READER_IP, WRITER_IP = "10.231.0.1", "10.231.0.2"
PORT = 9000
COUNT = 20_000


def ip(*args, ns=None):
    command = (["ip", "netns", "exec", ns, "ip"] if ns else ["ip"]) + list(args)
    subprocess.run(command, check=True, capture_output=True, timeout=PATIENCE)


def make_namespaces():
    ip("netns", "add", READER_NS)
    ip("netns", "add", WRITER_NS)
    ip("link", "add", READER_IF, "netns", READER_NS, "type", "veth",
       "peer", "name", WRITER_IF, "netns", WRITER_NS)
    for ns, interface, address in ((READER_NS, READER_IF, READER_IP),
                                   (WRITER_NS, WRITER_IF, WRITER_IP)):
        ip("addr", "add", address + "/24", "dev", interface, ns=ns)
        ip("link", "set", interface, "up", ns=ns)
        ip("link", "set", "lo", "up", ns=ns)


def remove_namespaces():
    for ns in (READER_NS, WRITER_NS):
        subprocess.run(["ip", "netns", "del", ns], capture_output=True, timeout=PATIENCE)


def main(argv):
    cae = os.path.abspath(argv[argv.index("--cae") + 1])
    try:
        make_namespaces()
    except (OSError, subprocess.CalledProcessError) as error:
        remove_namespaces()
        print("skip: cannot make network namespaces: %s" % error)
        return SKIP
    try:
        with tempfile.TemporaryDirectory(prefix="cae-netns-") as folder:
            reader_path = reader_doc(folder, PORT, host=READER_IP)
            writer_path = writer_doc(folder, PORT, numbers(COUNT), host=READER_IP)
            with Cae(cae, "--allow-public-listen", reader_path,
                     prefix=("ip", "netns", "exec", READER_NS)) as reader:
                with Cae(cae, writer_path, prefix=("ip", "netns", "exec", WRITER_NS)) as writer:
                    code = writer.wait()
                    assert code == 0, "writer exit %d:\n%s" % (code, writer.stderr())
                out, code = reader.read_rest()
                assert code == 0, "reader exit %d:\n%s" % (code, reader.stderr())
            check_lines(out, COUNT)
        print("ok   %d messages crossed from %s to %s in order" % (COUNT, WRITER_NS, READER_NS))
        return 0
    except AssertionError as error:
        print("FAIL %s" % error)
        return 1
    finally:
        remove_namespaces()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
