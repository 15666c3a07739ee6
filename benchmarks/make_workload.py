"""Write a benchmark booklet in our own content format.

    python benchmarks/make_workload.py small|large|tiny|comments-1x|comments-4x DIR

small: the bundled example (story, quotes, tributes, timeline, its 37 chosen comments
       plus the rest) with 2 photos of 4000x3000; about a dozen A5 pages.
large: the story five times, 2,000 comments, 40 photos of 4000x3000; about 230 pages.
tiny:  for the tests: 1 small photo.
comments-1x, comments-4x: the large text with 2,000 or 8,000 comments and no photos
       (for benchmarks/scaling.py).
Photos are made with Pillow (photo-like: colour fields, texture, grain), and kept if
they are already there, so a second run is quick.
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml
from PIL import Image, ImageChops, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "redmond-1992"
SIZES = {"tiny": (1, 1, 1, (400, 300)), "small": (1, 1, 2, (4000, 3000)), "large": (5, 40, 40, (4000, 3000)),
         # for scaling.py: the large workload's text with 1x and 4x the comments, no photos
         "comments-1x": (5, 40, 0, (4000, 3000)), "comments-4x": (5, 160, 0, (4000, 3000))}


def make_photo(path: Path, seed: int, size) -> None:
    if path.exists():
        return
    w, h = size
    rnd = random.Random(seed)
    small = Image.new("RGB", (8, 6))
    small.putdata([tuple(rnd.randrange(256) for _ in range(3)) for _ in range(48)])
    base = small.resize((w, h), Image.BICUBIC)
    mid = Image.new("L", (max(2, w // 20), max(2, h // 20)))
    mid.putdata([rnd.randrange(256) for _ in range(mid.width * mid.height)])
    mid = mid.resize((w, h), Image.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    grain = Image.effect_noise((w, h), 7 + seed % 4)
    image = Image.blend(base, Image.merge("RGB", (mid, mid, mid)), 0.35)
    image = ImageChops.add(image, Image.merge("RGB", (grain, grain, grain)), scale=1.0, offset=-128)
    image.save(path, "JPEG", quality=90)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in SIZES:
        print(__doc__)
        return 2
    size, out = argv[1], Path(argv[2])
    story_times, comment_times, n_photos, photo_size = SIZES[size]
    out.mkdir(parents=True, exist_ok=True)
    for name in ("quotes.yaml", "tributes.yaml", "timeline.yaml", "questions.yaml"):
        shutil.copy(EXAMPLE / name, out / name)
    story = (EXAMPLE / "story.md").read_text(encoding="utf-8")
    body = story.split("\n", 1)[1]
    (out / "story.md").write_text("# The Race\n" + body * story_times, encoding="utf-8")
    comments = [c for c in yaml.safe_load((EXAMPLE / "comments.yaml").read_text(encoding="utf-8")) if c["text"].strip()]
    if comment_times > 1:
        comments = [{"name": f"{c['name']} #{k + 1}", "text": f"{c['text']} ({k + 1}.{i + 1})"}
                    for k in range(comment_times) for i, c in enumerate(comments)]
    (out / "comments.yaml").write_text(yaml.safe_dump(comments, allow_unicode=True, sort_keys=False), encoding="utf-8")
    photos = []
    for i in range(n_photos):
        name = f"photo_{i:03d}.jpg"
        make_photo(out / name, 1000 + i, photo_size)
        photos.append({"file": name, "caption": f"Photograph {i + 1}"})
    (out / "photos.yaml").write_text(yaml.safe_dump(photos, sort_keys=False), encoding="utf-8")
    booklet = {
        "title": "Derek & Jim Redmond", "subtitle": "A benchmark booklet", "language": "en-GB",
        "sections": [{"type": "story", "file": "story.md"}, {"type": "quotes", "file": "quotes.yaml"},
                     {"type": "timeline", "file": "timeline.yaml"}, {"type": "tributes", "file": "tributes.yaml"},
                     *([{"type": "photos", "file": "photos.yaml"}] if photos else []),
                     # every comment printed, as the peers print them (the copies differ only by a number)
                     {"type": "comments", "file": "comments.yaml",
                      "select": {"drop_duplicates": False, "near_duplicates": False}}],
    }
    (out / "booklet.yaml").write_text(yaml.safe_dump(booklet, allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(f"{size}: {len(comments)} comments, {n_photos} photos -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
