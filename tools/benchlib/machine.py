"""What the figures were measured on, and the physical references that need no engine."""
import os
import platform
import subprocess
import time


def _first_line(command):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0] if text else None


def _cpu_model():
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


def describe():
    with open("/proc/meminfo") as info:
        memory_kib = int(info.readline().split()[1])
    return {"machine": {
        "cpus": os.cpu_count(), "cpu": _cpu_model(),
        "memory_gib": round(memory_kib / 2**20, 1), "kernel": platform.release(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "compiler": _first_line(["c++", "--version"]), "node": _first_line(["node", "--version"]),
        "serdi": _first_line(["serdi", "-v"]),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}}


def memcpy_bandwidth(size=256 << 20, rounds=8):
    """GB/s of one copy between two buffers larger than the caches (Python's slice assignment
    is a memmove): what a path that copied each payload once could not beat."""
    source = bytearray(size)
    target = bytearray(size)
    target[:] = source  # touch every page first
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        target[:] = source
        best = min(best, time.perf_counter() - started)
    return {"engine": "memcpy", "workload": "memcpy", "bytes": size,
            "gb_per_s": round(size / best / 1e9, 2)}
