"""Does the cost grow linearly? Layout time for 4x the comments, photo time for 4x the photos.

    python benchmarks/scaling.py [--workdir DIR]

Layout: the large workload's text with 2,000 and with 8,000 comments (no photos), laid
out and written (compose + render) in a fresh process each, best of 3. Photos: 10 and
then 40 of the large workload's 4000x3000 photos prepared from an empty cache, best of 3.
Prints the ratios; 4x the work should cost no more than 4x the time.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

LAYOUT = """
import sys, tempfile, time
from pathlib import Path
from booklet.build import prepare
from booklet.compose import compose
from booklet.fit import Trim
from booklet.render import render
from booklet.styles import Styles
booklet, theme, _ = prepare(Path(sys.argv[1]))
styles = Styles(theme, booklet.language)
start = time.perf_counter()
composer = compose(booklet, styles, Path(tempfile.mkdtemp()))
pages = render(composer.flowables, booklet, styles, Path(tempfile.mkdtemp()) / "b.pdf", Trim())
print(time.perf_counter() - start, pages)
"""

PHOTOS = """
import os, sys, tempfile, time
from pathlib import Path
os.environ["BOOKLET_CACHE_DIR"] = tempfile.mkdtemp()
from booklet import photos
files = sorted(Path(sys.argv[1]).glob("photo_*.jpg"))[: int(sys.argv[2])]
start = time.perf_counter()
batch = photos.Batch([(f, 323.15) for f in files], 300, 75, Path(tempfile.mkdtemp()), False)
for f in files:
    batch.get((f, 323.15))
batch.close()
print(time.perf_counter() - start, len(files))
"""


def best(code: str, *args: str) -> tuple[float, str]:
    runs = [subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
            .stdout.split() for _ in range(3)]
    return min(float(r[0]) for r in runs), runs[0][1]


def main(argv: list[str]) -> int:
    work = Path(argv[argv.index("--workdir") + 1]) if "--workdir" in argv else Path(tempfile.gettempdir()) / "booklet-bench"
    for size in ("comments-1x", "comments-4x", "large"):
        subprocess.run([sys.executable, str(HERE / "make_workload.py"), size, str(work / size)], check=True,
                       stdout=subprocess.DEVNULL)
    one, pages_one = best(LAYOUT, str(work / "comments-1x"))
    four, pages_four = best(LAYOUT, str(work / "comments-4x"))
    p10, _ = best(PHOTOS, str(work / "large"), "10")
    p40, _ = best(PHOTOS, str(work / "large"), "40")
    result = {"layout_2000_s": round(one, 3), "layout_8000_s": round(four, 3), "pages": [int(pages_one), int(pages_four)],
              "layout_ratio": round(four / one, 2), "photos_10_s": round(p10, 3), "photos_40_s": round(p40, 3),
              "photos_ratio": round(p40 / p10, 2)}
    print(f"layout: 2,000 comments {one:.2f} s ({pages_one} pages), 8,000 comments {four:.2f} s ({pages_four} pages): "
          f"{four / one:.2f}x")
    print(f"photos: 10 in {p10:.2f} s, 40 in {p40:.2f} s: {p40 / p10:.2f}x")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
