"""Time booklet on a benchmark workload, in fresh processes, beside peers if they are there.

    python benchmarks/run.py small|large|tiny [--runs N] [--json] [--workdir DIR]

Each run is a new `python -m booklet make` process, timed from outside, with its peak
memory (the child's maxrss). Cold runs start with an empty cache folder (no prepared
photos, no parsed fonts); warm runs are rebuilds after one comment was changed, with the
cache filled; watch rebuilds are the same edit saved while `booklet make --watch` runs,
timed from saving the file to the rebuilt PDF. Also timed: `booklet --help` and
`booklet layouts`. Prints medians of N runs,
peak memory and PDF size; with --json, one JSON object on the last line.

If ../shared/bench is beside the project, the same kind of workload is rendered by the
raw-reportlab peer, and by the Typst peer when the Python given in $BOOKLET_PEER_PYTHON
(default: this one) can import typst. The benchmark runs without them.
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
    env = {**os.environ, "BOOKLET_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "booklet", "make", str(workload), "-o", str(out), "--quiet"]
    cold = []
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(timed(cmd, env))
    comments = workload / "comments.yaml"
    original = comments.read_text(encoding="utf-8")
    warm = []
    try:
        for i in range(runs):
            # a rebuild after an edit: one comment changed, everything else as before
            comments.write_text(original.replace("text: ", f"text: Edit {i}. ", 1), encoding="utf-8")
            warm.append(timed(cmd, env))
    finally:
        comments.write_text(original, encoding="utf-8")
    return {"cold_s": round(statistics.median(w for w, _ in cold), 3),
            "warm_s": round(statistics.median(w for w, _ in warm), 3),
            "peak_mb": round(max(m for _, m in cold + warm), 1),
            "pdf_mb": round(out.stat().st_size / 1e6, 2)}


def watched(workload: Path, work: Path, runs: int) -> dict:
    """A rebuild in a running `booklet make --watch`: from saving an edited comments file
    to the rebuilt PDF, N times; and the watching process's peak memory."""
    import signal
    import threading

    out = work / "watched.pdf"
    env = {**os.environ, "BOOKLET_CACHE_DIR": str(work / "cache")}
    cmd = [sys.executable, "-m", "booklet", "make", str(workload), "-o", str(out), "--watch"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    builds = threading.Semaphore(0)

    def read():
        for line in proc.stderr:
            if line.startswith("Watching"):
                builds.release()            # printed after each build, good or bad

    threading.Thread(target=read, daemon=True).start()
    comments = workload / "comments.yaml"
    original = comments.read_text(encoding="utf-8")
    times = []
    try:
        if not builds.acquire(timeout=300):
            raise SystemExit("booklet make --watch did not finish its first build")
        for i in range(runs):
            time.sleep(0.5)                 # as a person would: the first build settled
            start = time.perf_counter()
            comments.write_text(original.replace("text: ", f"text: Watched {i}. ", 1), encoding="utf-8")
            if not builds.acquire(timeout=300):
                raise SystemExit("booklet make --watch did not rebuild")
            times.append(time.perf_counter() - start)
    finally:
        comments.write_text(original, encoding="utf-8")
        usage = _stop(proc, signal.SIGINT)
    return {"watch_rebuild_s": round(statistics.median(times), 3), "watch_peak_mb": round(usage.ru_maxrss / 1024, 1)}


def _stop(proc, sig, patience: float = 10.0):
    """Send sig (Ctrl-C) and wait for the process to end; its resource usage. A process
    started in the background by a shell ignores Ctrl-C (so `run.py ... &` waited
    forever): after `patience` seconds it is terminated instead."""
    import signal

    proc.send_signal(sig)
    deadline = time.monotonic() + patience
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if not pid and time.monotonic() > deadline:
            proc.send_signal(signal.SIGTERM)
            pid, status, usage = os.wait4(proc.pid, 0)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return usage
        time.sleep(0.05)


def startup(runs: int) -> dict:
    """`booklet --help` and `booklet layouts`: what a command costs before any work, run as
    a user runs them (the `booklet` script installed beside this Python, if there is one).
    They take a tenth of a second, so each is run four times as often as a build is: medians
    of five came out 0.07 to 0.12 s in the same hour."""
    script = Path(sys.executable).with_name("booklet")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "booklet"]
    out = {}
    for name, args in (("help_s", ["--help"]), ("layouts_s", ["layouts"])):
        out[name] = round(statistics.median(timed([*command, *args])[0] for _ in range(4 * runs)), 3)
    return out


def peers(size: str, work: Path, runs: int) -> list[dict]:
    """The peers from ../shared/bench, print-ready (--dpi300), if they are there."""
    if not PEER.is_dir() or size == "tiny":
        return []
    python = os.environ.get("BOOKLET_PEER_PYTHON", sys.executable)
    data = work / f"peer-{size}"
    if not (data / "content.json").exists():
        subprocess.run([python, str(PEER / "make_workload.py"), size, str(data)], check=True,
                       stdout=subprocess.DEVNULL)
    found = []
    tools = [("raw reportlab", "render_reportlab.py", ["--via-files"]), ("Typst", "render_typst.py", [])]
    for tool, script, extra in tools:
        if tool == "Typst" and subprocess.run([python, "-c", "import typst"], capture_output=True).returncode:
            continue
        out = work / f"peer-{script}.pdf"
        cmd = [python, str(PEER / script), str(data), str(out), "--dpi300", *extra]
        results = [timed(cmd, {**os.environ, "RL_useA85": "0"}) for _ in range(runs)]
        found.append({"tool": tool, "s": round(statistics.median(w for w, _ in results), 3),
                      "peak_mb": round(max(m for _, m in results), 1), "pdf_mb": round(out.stat().st_size / 1e6, 2)})
    return found


def uncompiled() -> str | None:
    """A warning when the booklet the runs import has no compiled bytecode (an editable
    install with PYTHONDONTWRITEBYTECODE set): every run would compile its modules, 0.06 s
    or so that a user's `pip install .` does not pay."""
    code = ("import booklet, importlib.util, os; "
            "print(os.path.exists(importlib.util.cache_from_source(booklet.__file__)), booklet.__file__)")
    found, origin = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                   check=True).stdout.strip().split(" ", 1)
    if found == "True":
        return None
    return (f"note: {Path(origin).parent} has no compiled bytecode, so every run compiles it; "
            "time the README's install (pip install .) for a user's numbers")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("tiny", "small", "large"):
        print(__doc__)
        return 2
    size = argv[0]
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    work = Path(argv[argv.index("--workdir") + 1]) if "--workdir" in argv else Path(tempfile.gettempdir()) / "booklet-bench"
    work = work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    # every command runs in the work folder: `python -m booklet` run from a checkout would
    # import the checkout's booklet, not the one installed
    os.chdir(work)
    warning = uncompiled()
    if warning:
        print(warning, file=sys.stderr)
    workload = work / size
    subprocess.run([sys.executable, str(HERE / "make_workload.py"), size, str(workload)], check=True,
                   stdout=subprocess.DEVNULL)
    result = {"workload": size, "runs": runs, "booklet": {**ours(workload, work, runs), **watched(workload, work, runs)},
              **startup(runs)}
    result["peers"] = peers(size, work, runs)
    b = result["booklet"]
    print(f"{size}: booklet cold {b['cold_s']} s, warm (one comment changed) {b['warm_s']} s, "
          f"peak {b['peak_mb']} MB, PDF {b['pdf_mb']} MB; --help {result['help_s']} s, "
          f"layouts {result['layouts_s']} s (medians of {runs})")
    print(f"{size}: rebuild in a running 'make --watch' after one comment changed {b['watch_rebuild_s']} s "
          f"(from saving the file to the PDF written), watching process peak {b['watch_peak_mb']} MB")
    for other in result["peers"]:
        print(f"{size}: {other['tool']} {other['s']} s ({other['s'] and b['cold_s'] / other['s']:.2f}x), "
              f"peak {other['peak_mb']} MB, PDF {other['pdf_mb']} MB")
    if "--json" in argv:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
