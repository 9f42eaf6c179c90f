"""cae's side of each workload: documents from pipelines.py run by the `cae` binary, figures in
the peer kit's JSON vocabulary (n, size, depth, wall_s, msgs_per_s, startup_s, exit, ...)."""
import json
import os
from pathlib import Path

from . import pipelines
from .runs import median, run


class CaeBench:
    def __init__(self, cae, scratch, repeat):
        self.cae = str(cae)
        self.scratch = Path(scratch)
        self.repeat = repeat

    def _document(self, name, text):
        path = self.scratch / f"{name}.ttl"
        path.write_text(text)
        return path

    def _totals(self, finished):
        """The JSON line cae:Count wrote through cae:Print, or None."""
        for line in finished.stdout.decode(errors="replace").splitlines():
            if line.startswith("{"):
                return json.loads(line)
        return None

    def _chain_once(self, document, rss=True):
        finished = run([self.cae, "run", str(document)], rss=rss)
        totals = self._totals(finished)
        record = {"exit": finished.exit, "wall_s": round(finished.wall_s, 4),
                  "cpu_s": round(finished.cpu_s, 4)}
        if finished.peak_rss_mib is not None:
            record["peak_rss_mib"] = round(finished.peak_rss_mib, 1)
        if finished.exit != 0 or totals is None:
            record["error"] = finished.stderr.decode(errors="replace").strip()[-400:]
            return record
        record["messages"] = totals["messages"]
        record["bytes"] = totals["bytes"]
        record["startup_s"] = (totals["first_ns"] - finished.started_ns) / 1e9
        span = (totals["last_ns"] - totals["first_ns"]) / 1e9
        record["msgs_per_s"] = (totals["messages"] - 1) / span if totals["messages"] > 1 else None
        return record

    def messages(self, workload, count, size, depth):
        """Generate → Pass × depth → Count: the best of `repeat` runs by throughput."""
        document = self._document(f"chain-{count}-{size}-{depth}",
                                  pipelines.chain(count, size, depth))
        runs = [self._chain_once(document) for _ in range(self.repeat)]
        good = [r for r in runs if "error" not in r]
        best = max(good, key=lambda r: r["msgs_per_s"] or 0) if good else runs[0]
        record = {"engine": "cae", "workload": workload, "n": count, "size": size,
                  "depth": depth, "runs": len(runs), **best}
        if best.get("msgs_per_s"):
            record["msgs_per_s"] = round(best["msgs_per_s"])
            record["hop_msgs_per_s"] = round(best["msgs_per_s"] * (depth + 1))
            record["payload_gb_per_s"] = round(best["msgs_per_s"] * size / 1e9, 3)
        if "startup_s" in record:
            record["startup_s"] = round(record["startup_s"], 5)
        return record

    def startup(self, runs):
        """Process start → first message at the sink, one 100-byte message, `runs` times."""
        document = self._document("startup", pipelines.chain(1, 100, 0))
        results = [self._chain_once(document, rss=False) for _ in range(runs)]
        good = [r["startup_s"] for r in results if "error" not in r]
        record = {"engine": "cae", "workload": "startup", "n": 1, "runs": runs,
                  "exit": max(r["exit"] for r in results)}
        if len(good) < runs:
            record["error"] = next(r["error"] for r in results if "error" in r)
        if good:
            record.update(startup_s=round(median(good), 5), startup_min_s=round(min(good), 5),
                          wall_s=round(median([r["wall_s"] for r in results]), 4))
        return record

    def check_large(self, processors):
        """`cae check` on a generated pipeline of `processors` processors."""
        document = self._document(f"check-{processors}", pipelines.long_chain(processors))
        results = [run([self.cae, "check", str(document)]) for _ in range(self.repeat)]
        record = {"engine": "cae", "workload": f"check-{processors // 1000}k",
                  "processors": processors, "exit": max(r.exit for r in results),
                  "wall_s": round(median([r.wall_s for r in results]), 4),
                  "peak_rss_mib": round(max(r.peak_rss_mib for r in results), 1)}
        if record["exit"] != 0:
            record["error"] = results[0].stderr.decode(errors="replace")[-400:]
        return record

    def document(self, name, text):
        return self._document(name, text)


def sparse_file(path, size):
    """A file of `size` zero bytes that takes no disk space: reading it costs no disk I/O."""
    with open(path, "wb") as out:
        out.truncate(size)
    os.utime(path)
    return path
