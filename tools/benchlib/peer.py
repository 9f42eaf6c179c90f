"""The RDF-Connect JavaScript peer, through the kit in shared/peers/rdfc-js: setup.sh installs
it (idempotent) and bench.sh runs one Generate → Pass × d → Sink pipeline, printing one JSON
line whose keys cae's records share."""
import json
import subprocess
import sys
from pathlib import Path


class Peer:
    def __init__(self, kit, folder):
        self.kit = Path(kit)
        self.folder = Path(folder)

    def install(self):
        """Installs the peer into the folder; its progress goes to our standard error."""
        subprocess.run([str(self.kit / "setup.sh"), str(self.folder)], check=True,
                       stdout=sys.stderr)

    def messages(self, workload, count, size, depth, timeout):
        command = [str(self.kit / "bench.sh"), str(self.folder), "--n", str(count),
                   "--size", str(size), "--depth", str(depth), "--timeout", str(timeout)]
        done = subprocess.run(command, capture_output=True, text=True)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        record = json.loads(lines[-1]) if lines else {"exit": done.returncode}
        record = {"engine": "rdfc-js", "workload": workload, **record}
        if done.returncode != 0:
            # The peer exits 0 on some failures; bench.sh checks the Sink's count and says so.
            record.setdefault("error", done.stderr.strip()[-400:] or "bench.sh failed")
            record["msgs_per_s"] = None
        record.pop("engine_version", None)
        return record

    def startup(self, runs):
        records = [self.messages("startup", 1, 100, 0, 120) for _ in range(runs)]
        good = sorted(r["startup_s"] for r in records if "error" not in r and r.get("startup_s"))
        record = {"engine": "rdfc-js", "workload": "startup", "n": 1, "runs": runs,
                  "exit": max(r.get("exit", 1) for r in records)}
        if good:
            record.update(startup_s=good[len(good) // 2], startup_min_s=good[0])
        else:
            record["error"] = records[0].get("error", "no run reached the sink")
        return record
