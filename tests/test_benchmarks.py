"""The benchmark generator and runner work (at a tiny size; timings belong to the benchmark)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_runner_builds_the_tiny_workload_and_reports_json(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "tiny", "--runs", "2", "--json",
                             "--workdir", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["workload"] == "tiny" and report["runs"] == 2
    ours = report["booklet"]
    assert ours["cold_s"] > 0 and ours["warm_s"] > 0 and ours["peak_mb"] > 10 and ours["pdf_mb"] > 0
    assert (tmp_path / "tiny" / "booklet.yaml").is_file() and (tmp_path / "tiny" / "photo_000.jpg").is_file()
    assert (tmp_path / "booklet.pdf").is_file()
    assert ours["watch_rebuild_s"] > 0 and ours["watch_peak_mb"] > 10
    assert report["help_s"] > 0 and report["layouts_s"] > 0
    assert "Edit" not in (tmp_path / "tiny" / "comments.yaml").read_text()     # the edits are undone
    assert "Watched" not in (tmp_path / "tiny" / "comments.yaml").read_text()


def test_a_watcher_that_ignores_ctrl_c_is_stopped_all_the_same():
    """Started from a shell in the background (run.py ... &), a process ignores Ctrl-C: the
    runner waited for the watching booklet to end, for ever."""
    import importlib.util
    import signal

    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    deaf = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    usage = run._stop(deaf, signal.SIGINT, patience=0.5)     # (it returns once the process has ended)
    assert usage.ru_maxrss > 0
