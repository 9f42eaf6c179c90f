"""The two workloads that move gigabytes: RDF conversion against serdi, and a slow consumer fed
by a fast producer. Each measures cae and a physical reference on the same bytes."""
import fcntl
import filecmp
import time
from pathlib import Path

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


CONVERTERS = Path(__file__).resolve().parent.parent / "bench-pipelines"


def _serdi(workload, syntax_in, syntax_out, source, target, bulk):
    command = ["serdi", *(["-b"] if bulk else []), "-i", syntax_in, "-o", syntax_out, str(source)]
    finished = run(command, stdout_path=target, timeout=3600)
    return _timed("serdi-bulk" if bulk else "serdi", workload, finished, source.stat().st_size)


def _cae(bench, workload, source, target):
    """tools/bench-pipelines/<workload>.ttl: ReadFile (stream) → ConvertRdf → WriteFile, its
    paths given by CAE_BENCH_INPUT and CAE_BENCH_OUTPUT."""
    document = CONVERTERS / f"{workload.removeprefix('rdf-')}.ttl"
    command = [bench.cae, "run", "--file-root", str(bench.scratch), str(document)]
    finished = run(command, timeout=3600, env={"CAE_BENCH_INPUT": str(source),
                                                "CAE_BENCH_OUTPUT": str(target)})
    return _timed("cae", workload, finished, source.stat().st_size)


def rdf_conversion(bench, generator, size):
    """N-Triples → Turtle → N-Triples: cae's ConvertRdf against serdi, plain and with -b (bulk
    output), on the same files. The way back reads serdi's Turtle, and cae's output must equal
    serdi's byte for byte in both directions."""
    scratch = bench.scratch
    source = scratch / "data.nt"
    made = run([str(generator), "--bytes", str(size), "--output", str(source)], timeout=3600)
    if made.exit != 0:
        raise RuntimeError(f"gen_ntriples failed: {made.stderr.decode(errors='replace')}")
    records = []
    for workload, syntax_in, syntax_out, given, ours, theirs in (
            ("rdf-nt-to-ttl", "ntriples", "turtle", "data.nt", "cae.ttl", "serdi.ttl"),
            ("rdf-ttl-to-nt", "turtle", "ntriples", "serdi.ttl", "cae.nt", "serdi.nt")):
        for bulk in (False, True):
            records.append(_serdi(workload, syntax_in, syntax_out, scratch / given,
                                  scratch / theirs, bulk))
        records.append(_cae(bench, workload, scratch / given, scratch / ours))
        same = (scratch / ours).exists() and filecmp.cmp(scratch / ours, scratch / theirs,
                                                         shallow=False)
        records[-1]["same_output_as_serdi"] = same
        if not same:
            records[-1].setdefault("error", "the output differs from serdi's")
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
