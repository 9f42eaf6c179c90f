"""Issue 6's performance goals, each read off the run's records."""


def _get(records, engine, workload, key):
    record = next((r for r in records if r.get("engine") == engine
                   and r.get("workload") == workload), None)
    if record is None or "error" in record:
        return None
    return record.get(key)


def _hop_rates(records):
    rates = [_get(records, "cae", f"small-d{d}", "hop_msgs_per_s") for d in (0, 1, 4, 8)]
    return [r for r in rates if r is not None]


def _rdf_ratio(records):
    ratios = []
    for workload in ("rdf-nt-to-ttl", "rdf-ttl-to-nt"):
        ours = _get(records, "cae", workload, "wall_s")
        serdi = [_get(records, engine, workload, "wall_s") for engine in ("serdi", "serdi-bulk")]
        serdi = [t for t in serdi if t]
        if ours and serdi:
            ratios.append(min(serdi) / ours)  # against the faster serdi
    return min(ratios) if len(ratios) == 2 else None


def _no_copy(records):
    """1 MiB messages move faster than memcpy could copy them: no copy on the way."""
    rate = _get(records, "cae", "payload-1MiB", "payload_gb_per_s")
    memcpy = _get(records, "memcpy", "memcpy", "gb_per_s")
    if rate is None or memcpy is None:
        return None
    return rate / memcpy


# name, target text, how to read the value, how to show it, whether it meets the target
GOALS = [
    ("small messages per hop", "≥ 10 M msg/s (slowest of d = 0, 1, 4, 8)",
     lambda r: min(_hop_rates(r)) if _hop_rates(r) else None,
     lambda v: f"{v / 1e6:.1f} M msg/s", lambda v: v >= 10e6),
    ("small messages at depth 8", "≥ 1 M msg/s",
     lambda r: _get(r, "cae", "small-d8", "msgs_per_s"),
     lambda v: f"{v / 1e6:.2f} M msg/s", lambda v: v >= 1e6),
    ("1 MiB messages at memory speed", "no copy: faster than one memcpy",
     _no_copy, lambda v: f"{v:.0f}× memcpy bandwidth", lambda v: v >= 1),
    ("startup to first message", "≤ 5 ms",
     lambda r: _get(r, "cae", "startup", "startup_s"),
     lambda v: f"{v * 1000:.2f} ms (median)", lambda v: v <= 0.005),
    ("RDF conversion", "≥ 0.8 × serdi (slower direction, faster of serdi and serdi -b)", _rdf_ratio,
     lambda v: f"{v:.2f} × serdi", lambda v: v >= 0.8),
    ("slow consumer fed 10 GiB", "peak RSS < 64 MiB",
     lambda r: (_get(r, "cae", "slow-consumer", "peak_rss_mib"),
                _get(r, "cae", "slow-consumer", "received")),
     lambda v: f"{v[0]:.1f} MiB ({v[1] / 2**30:.2f} GiB fed)", lambda v: v[0] < 64),
    ("`cae check`, 10,000 processors", "< 1 s",
     lambda r: _get(r, "cae", "check-10k", "wall_s"),
     lambda v: f"{v:.3f} s", lambda v: v < 1),
]


def goal_table(records):
    rows = ["| goal | target | reached | met |", "|---|---|---|---|"]
    for name, target, read, show, meets in GOALS:
        value = read(records)
        if value is None or (isinstance(value, tuple) and None in value):
            rows.append(f"| {name} | {target} | not measured in this run | – |")
        else:
            rows.append(f"| {name} | {target} | {show(value)} | {'yes' if meets(value) else 'no'} |")
    return "\n".join(rows)
