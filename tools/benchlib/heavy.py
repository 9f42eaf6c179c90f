"""The two workloads that move gigabytes: RDF conversion against serdi, and a slow consumer fed
by a fast producer. Each measures cae and a physical reference on the same bytes."""
import fcntl
import filecmp
import time

from . import pipelines
from .cae_workloads import sparse_file
from .runs import run



def _timed(engine, workload, finished, input_bytes):
    record = {"engine": engine, "workload": workload, "input_bytes": input_bytes,
              "exit": finished.exit, "wall_s": round(finished.wall_s, 3),
              "cpu_s": round(finished.cpu_s, 3), "peak_rss_mib": round(finished.peak_rss_mib, 1)}
    if finished.exit == 0 and finished.wall_s > 0:
        record["mb_per_s"] = round(input_bytes / finished.wall_s / 1e6, 1)
    else:
        record["error"] = finished.stderr.decode(errors="replace").strip()[-400:]
    return record


def rdf_conversion(bench, generator, size):
    """N-Triples → Turtle → N-Triples, cae's ConvertRdf against serdi on the same file. Both
    directions read the same input (serdi's Turtle for the way back), and the round trips must
    give the same bytes."""
    scratch = bench.scratch
    source = scratch / "data.nt"
    made = run([str(generator), "--bytes", str(size), "--output", str(source)], timeout=3600)
    if made.exit != 0:
        raise RuntimeError(f"gen_ntriples failed: {made.stderr.decode(errors='replace')}")
    records = []
    for workload, syntax_in, syntax_out, given, ours, theirs in (
            ("rdf-nt-to-ttl", "ntriples", "turtle", "data.nt", "cae.ttl", "serdi.ttl"),
            ("rdf-ttl-to-nt", "turtle", "ntriples", "serdi.ttl", "cae.nt", "serdi.nt")):
        reference = run(["serdi", "-i", syntax_in, "-o", syntax_out, str(scratch / given)],
                        stdout_path=scratch / theirs, timeout=3600)
        size_in = (scratch / given).stat().st_size
        records.append(_timed("serdi", workload, reference, size_in))
        document = bench.document(workload, pipelines.convert(given, ours, syntax_in, syntax_out))
        records.append(_timed("cae", workload, run([bench.cae, "run", str(document)],
                                                   timeout=3600), size_in))
    same = (scratch / "cae.nt").exists() and filecmp.cmp(scratch / "cae.nt", scratch / "serdi.nt",
                                                         shallow=False)
    records[-1]["same_output_as_serdi"] = same
    for name in ("data.nt", "cae.ttl", "serdi.ttl", "cae.nt", "serdi.nt"):
        (scratch / name).unlink(missing_ok=True)
    return records


class SlowReader:
    """Reads a pipe at no more than `rate` bytes per second, counting what arrives."""

    def __init__(self, rate):
        self.rate = rate
        self.received = 0

    def __call__(self, pipe):
        # A 1 MiB pipe: as large as the messages, so neither side wakes up per 64 KiB.
        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
        started = time.monotonic()
        while chunk := pipe.read1(1 << 20):
            self.received += len(chunk)
            ahead = self.received / self.rate - (time.monotonic() - started)
            if ahead > 0:
                time.sleep(ahead)


def slow_consumer(bench, size, rate):
    """ReadFile streams `size` bytes in fresh 1 MiB buffers to Print, whose output is read at
    `rate` bytes/s: peak RSS shows whether backpressure holds. `cat` of the same bytes into the
    same reader is the reference."""
    source = sparse_file(bench.scratch / "zeros.bin", size)
    document = bench.document("slow-consumer", pipelines.slow_consumer(source.name))
    records = []
    for engine, command in (("cat", ["cat", str(source)]),
                            ("cae", [bench.cae, "run", str(document)])):
        reader = SlowReader(rate)
        finished = run(command, consume=reader, timeout=3600)
        record = _timed(engine, "slow-consumer", finished, size)
        record.update(received=reader.received, reader_mb_per_s=round(rate / 1e6))
        if finished.exit == 0 and reader.received < size:
            record["error"] = f"only {reader.received} of {size} bytes arrived"
        records.append(record)
    source.unlink()
    return records
