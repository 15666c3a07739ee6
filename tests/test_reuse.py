"""What a rebuild in the same process keeps (comment paragraphs already broken into lines)
changes nothing in the PDF, and photos are read only when the PDF is written."""
from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import paragraph

from booklet.build import build
from booklet.flowables import draw_photo, reuse

from conftest import TINY, write_booklet


WORDS = ("race track father son finish line crowd stands brave limp hamstring gold relay "
         "Barcelona summer cheer tears pride courage stadium runner lane arm shoulder").split()


def _comments(n: int, edited: int | None = None) -> str:
    out = []
    for i in range(n):
        words = " ".join(WORDS[(i * 7 + k * k) % len(WORDS)] for k in range(6 + i % 9))
        text = f"Comment number {i}: {words}."
        if i == edited:
            text = "Edited, " + text + " And a few more words, so that the lines break differently."
        out.append(f"- name: Reader {i}\n  text: \"{text}\"\n")
    return "".join(out)


def test_a_rebuild_breaks_only_the_changed_comment_and_gives_the_same_pdf(tmp_path, monkeypatch):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": _comments(60)})
    broken = []
    original = paragraph.Paragraph.breakLines

    def counting(self, width):
        broken.append(self.text if isinstance(getattr(self, "text", None), str) else "")
        return original(self, width)

    monkeypatch.setattr(paragraph.Paragraph, "breakLines", counting)
    monkeypatch.setattr(reuse, "enabled", True)           # as `make --watch` does
    build(folder, output=tmp_path / "first.pdf")
    assert len({t for t in broken if "Comment number" in t}) > 50
    (folder / "comments.yaml").write_text(_comments(60, edited=7), encoding="utf-8")
    broken.clear()
    build(folder, output=tmp_path / "watched.pdf")
    comments_broken = [t for t in broken if "Comment number" in t]
    assert any("Edited," in t for t in comments_broken)
    assert 1 <= len(comments_broken) <= 3                 # the edited one (once per width it met)

    monkeypatch.setattr(reuse, "enabled", False)          # a build from scratch
    reuse.previous, reuse.current = {}, {}
    build(folder, output=tmp_path / "fresh.pdf")
    assert (tmp_path / "watched.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes()


def test_one_off_builds_keep_nothing_between_layouts(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": _comments(10)})
    build(folder, output=tmp_path / "out.pdf")
    assert not reuse.enabled and not reuse.current        # memory goes back after each build


def test_a_photo_is_read_when_the_pdf_is_written_not_when_drawn(tmp_path):
    from PIL import Image

    from booklet.flowables import PhotoCanvas

    Image.new("RGB", (40, 30), "red").save(tmp_path / "p.jpg")
    asked = []

    def file():
        asked.append(True)
        return tmp_path / "p.jpg"

    c = PhotoCanvas(str(tmp_path / "out.pdf"))
    draw_photo(c, file, 10, 10, 40, 30)
    draw_photo(c, file, 60, 10, 40, 30)                   # the same photo twice: one image
    c.showPage()
    assert asked == []                                    # drawn, not yet read
    c.save()
    assert asked == [True]
    data = (tmp_path / "out.pdf").read_bytes()
    assert data.count(b"/Subtype /Image") == 1 and b"/DCTDecode" in data
    assert isinstance(c, Canvas)
