"""Time booklet on a benchmark workload, in fresh processes, beside a peer if one is there.

    python benchmarks/run.py small|large|tiny [--runs N] [--json] [--workdir DIR]

Each run is a new `python -m booklet make` process, timed from outside, with its peak
memory (the child's maxrss). The first run is cold for the photo cache (a fresh, empty
cache folder); the others are warm. Prints the median wall time, peak memory and PDF
size; with --json, one JSON object on the last line. If ../shared/bench is beside the
project, the raw-reportlab peer renders the same kind of workload for comparison.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEER = HERE.parents[1] / "shared" / "bench"


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak MB of one command, run as a fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss / 1024


def ours(workload: Path, work: Path, runs: int) -> dict:
    out = work / "booklet.pdf"
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "BOOKLET_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "booklet", "make", str(workload), "-o", str(out)]
    cold_wall, cold_mem = timed(cmd, env)
    warm = [timed(cmd, env) for _ in range(max(1, runs - 1))]
    return {"cold_s": round(cold_wall, 3), "cold_peak_mb": round(cold_mem, 1),
            "warm_s": round(statistics.median(w for w, _ in warm), 3),
            "peak_mb": round(max([cold_mem] + [m for _, m in warm]), 1),
            "pdf_mb": round(out.stat().st_size / 1e6, 2)}


def peer(size: str, work: Path, runs: int) -> dict | None:
    """The raw-reportlab peer from ../shared/bench, print-ready (--dpi300), if it is there."""
    if not PEER.is_dir() or size == "tiny":
        return None
    data = work / f"peer-{size}"
    if not (data / "content.json").exists():
        subprocess.run([sys.executable, str(PEER / "make_workload.py"), size, str(data)], check=True,
                       stdout=subprocess.DEVNULL)
    out = work / "peer.pdf"
    cmd = [sys.executable, str(PEER / "render_reportlab.py"), str(data), str(out), "--dpi300", "--via-files"]
    env = {**os.environ, "RL_useA85": "0"}
    results = [timed(cmd, env) for _ in range(runs)]
    return {"tool": "raw reportlab (shared/bench)", "s": round(statistics.median(w for w, _ in results), 3),
            "peak_mb": round(max(m for _, m in results), 1), "pdf_mb": round(out.stat().st_size / 1e6, 2)}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("tiny", "small", "large"):
        print(__doc__)
        return 2
    size = argv[0]
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    work = Path(argv[argv.index("--workdir") + 1]) if "--workdir" in argv else Path(tempfile.gettempdir()) / "booklet-bench"
    work.mkdir(parents=True, exist_ok=True)
    workload = work / size
    subprocess.run([sys.executable, str(HERE / "make_workload.py"), size, str(workload)], check=True,
                   stdout=subprocess.DEVNULL)
    result = {"workload": size, "runs": runs, "booklet": ours(workload, work, runs)}
    other = peer(size, work, runs)
    if other:
        result["peer"] = other
    b = result["booklet"]
    print(f"{size}: booklet cold {b['cold_s']} s ({b['cold_peak_mb']} MB), warm median {b['warm_s']} s, "
          f"peak {b['peak_mb']} MB, PDF {b['pdf_mb']} MB")
    if other:
        print(f"{size}: {other['tool']} median {other['s']} s, peak {other['peak_mb']} MB, PDF {other['pdf_mb']} MB")
    if "--json" in argv:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
