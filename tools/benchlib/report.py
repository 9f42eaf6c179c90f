"""Side-by-side ratios and the Markdown summary (BENCHMARKS.md) made from the records."""
import json

PEER = "rdfc-js"


def _find(records, engine, workload):
    return next((r for r in records if r.get("engine") == engine
                 and r.get("workload") == workload), None)


def _workloads(records, engine):
    return [r["workload"] for r in records if r.get("engine") == engine]


def _ratio(better, worse):
    """How many times `better` beats `worse`, rounded; None when either is missing."""
    if not better or not worse:
        return None
    return round(better / worse, 2)


def comparisons(records):
    """One line per workload both sides ran: startup and wall times compare as times (lower is
    better), message workloads as msgs/s (higher is better)."""
    lines = []
    for workload in _workloads(records, "cae"):
        ours = _find(records, "cae", workload)
        for other, metric in ((PEER, "startup_s" if workload == "startup" else "msgs_per_s"),
                              ("serdi", "wall_s"), ("serdi-bulk", "wall_s"),
                              ("cat", "peak_rss_mib")):
            theirs = _find(records, other, workload)
            if theirs is None:
                continue
            a, b = ours.get(metric), theirs.get(metric)
            lower_is_better = metric != "msgs_per_s"
            line = {"compare": workload, "against": other, "metric": metric, "cae": a,
                    other: b, "ratio": _ratio(b, a) if lower_is_better else _ratio(a, b)}
            if "error" in theirs:
                line[f"{other}_error"] = theirs["error"].splitlines()[-1][:200]
            lines.append(line)
    return lines


def _si(value, unit):
    """3 significant digits with an SI prefix; a unit given as " msg/s" keeps its space."""
    for factor, prefix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= factor:
            return f"{value / factor:.3g} {prefix}{unit}"
    return f"{value:.3g} {unit.strip()}"


def _seconds(value):
    return f"{value * 1000:.3g} ms" if value < 1 else f"{value:.3g} s"


def _cell(record, workload):
    """What one engine reached on one workload, as the table shows it."""
    if record is None:
        return "–"
    if "error" in record:
        return f"**failed**: {record['error'].splitlines()[-1][:120]}"
    if workload == "startup":
        return f"{_seconds(record['startup_s'])} (median of {record['runs']})"
    if "msgs_per_s" in record and record["msgs_per_s"]:
        text = _si(record["msgs_per_s"], " msg/s")
        if record.get("depth"):
            text += f" ({_si(record['msgs_per_s'] * (record['depth'] + 1), ' msg/s')} per hop)"
        if record.get("size", 0) >= 1024:
            text += f", {_si(record['msgs_per_s'] * record['size'], 'B/s')}"
        return text
    if "mb_per_s" in record:
        return (f"{_seconds(record['wall_s'])}, {record['mb_per_s']:.0f} MB/s, "
                f"peak RSS {record['peak_rss_mib']:.0f} MiB")
    return f"{_seconds(record['wall_s'])}"


def _reference(records, workload):
    found = [f"{engine}: {_cell(record, workload)}" for engine in ("serdi", "serdi-bulk", "cat")
             if (record := _find(records, engine, workload))]
    if found:
        return "; ".join(found)
    memcpy = _find(records, "memcpy", "memcpy")
    if workload.startswith("payload") and memcpy:
        return f"memcpy {memcpy['gb_per_s']} GB/s"
    return "–"


def _compared(lines, workload):
    shown = [f"{line['ratio']:g}× {line['against']} ({line['metric']})" for line in lines
             if line["compare"] == workload and line["ratio"] is not None]
    return "; ".join(shown) or "–"


def _table(records):
    lines = comparisons(records)
    rows = ["| workload | cae | rdfc-js peer | cae vs other | physical reference |",
            "|---|---|---|---|---|"]
    for workload in _workloads(records, "cae"):
        rows.append(f"| {workload} | {_cell(_find(records, 'cae', workload), workload)} | "
                    f"{_cell(_find(records, PEER, workload), workload)} | "
                    f"{_compared(lines, workload)} | {_reference(records, workload)} |")
    return "\n".join(rows)


def markdown(records, argv):
    from .goals import goal_table  # the goals read the same records

    facts = next(r["machine"] for r in records if "machine" in r)
    machine = (f"{facts['cpus']} × {facts['cpu']}, {facts['memory_gib']} GiB, Linux "
               f"{facts['kernel']}, {facts['compiler']}, Node.js {facts['node']}, "
               f"{facts['serdi']}; load average {facts['load_average']} at the start; "
               f"{facts['date']}")
    raw = "\n".join(json.dumps(r) for r in records + comparisons(records))
    command = " ".join(["tools/bench", *argv])
    return f"""# Benchmarks

Written by `{command}`: every figure below comes from that one run, cae and the peer side by side
on the same machine. Do not edit by hand; run the command again. docs/benchmarks.md explains each
workload, how it is measured, and the smaller tools (`bench_channels`, `bench_resolve`).

**Machine:** {machine}.

## Side by side

{_table(records)}

"cae vs other": how many times better cae is than the peer (or than serdi for the RDF
workloads, where 1× means as fast as serdi), by the metric named. msg/s is measured at the sink
from its first to its last message, as the peer kit does; startup is process start to the first
message at the sink. A failed run is reported as a failure, never as zero. Payload B/s counts
the bytes each message refers to: cae:Generate writes one shared buffer, so rates far above
memcpy show that no stage copies the payload, not a bandwidth. Wall-clock figures depend on the
load average given above.

## Goals (issue 6)

{goal_table(records)}

## Raw records

```
{raw}
```
"""
