"""What booklet keeps between runs (parsed fonts, hyphenation patterns) changes nothing in
the PDF, and a damaged cache only costs time."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from booklet.build import build
from booklet.preflight import _fonts


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("BOOKLET_CACHE_DIR", str(cache))
    return cache / "parsed"


def _fresh_process_state(monkeypatch):
    """Forget what this process has loaded, as a new run would."""
    import pyphen
    from booklet import fonts

    monkeypatch.setattr(fonts, "_loaded", set())
    fonts.register.cache_clear()
    monkeypatch.setattr(pyphen, "hdcache", {})


def test_parsed_fonts_and_hyphenation_are_kept_and_give_the_same_pdf(own_cache, tmp_path, monkeypatch):
    _fresh_process_state(monkeypatch)
    build(output=tmp_path / "first.pdf")
    kept = sorted(p.name.split("-")[0] for p in own_cache.iterdir())
    assert kept.count("font") >= 4 and kept.count("hyphenation") == 1
    _fresh_process_state(monkeypatch)
    build(output=tmp_path / "second.pdf")
    assert (tmp_path / "first.pdf").read_bytes() == (tmp_path / "second.pdf").read_bytes()


def test_a_damaged_cache_entry_is_parsed_again(own_cache, tmp_path, monkeypatch):
    _fresh_process_state(monkeypatch)
    build(output=tmp_path / "first.pdf")
    for entry in own_cache.iterdir():
        entry.write_bytes(b"not a pickle")
    _fresh_process_state(monkeypatch)
    build(output=tmp_path / "second.pdf")
    assert (tmp_path / "first.pdf").read_bytes() == (tmp_path / "second.pdf").read_bytes()


def test_preflight_fails_a_font_that_would_not_be_embedded():
    from booklet import fonts

    regular = fonts.register("GentiumBookPlus").face()
    assert _fonts([regular]).status == "ok"
    check = _fonts([regular, "Helvetica"])
    assert check.status == "fail" and check.detail == "not embedded: Helvetica"



def _niceness(*args) -> int:
    return os.nice(0)


@pytest.mark.skipif(not hasattr(os, "nice") or (os.cpu_count() or 1) < 2
                    or __import__("multiprocessing").get_start_method() != "fork",
                    reason="no worker processes here, or workers that would not see the test's stand-in")
def test_photo_workers_give_way_to_the_layout(own_cache, tmp_path, monkeypatch):
    """The photos are prepared in worker processes while this one sets the text: the
    workers run at a lower priority, so that the layout, which the PDF waits for, does not
    share its core with them."""
    from PIL import Image

    from booklet import photos

    for name in ("a.jpg", "b.jpg"):
        Image.new("RGB", (40, 30), "red").save(tmp_path / name)
    monkeypatch.setattr(photos, "prepare", _niceness)
    batch = photos.Batch([(tmp_path / "a.jpg", 100.0), (tmp_path / "b.jpg", 100.0)], 300, 90, tmp_path, False)
    try:
        assert batch.pool is not None
        assert {batch.get(job) for job in batch.futures} == {os.nice(0) + 5} or os.nice(0) >= 15
    finally:
        batch.close()


def test_a_face_is_read_as_reportlab_reads_it():
    """Our reading of a TrueType face's character map, metrics and glyph positions (a table
    at a time: a cold build's fonts in 19 ms instead of 34) gives every attribute reportlab's
    gives, to the value and in the same order, for every bundled face (character maps of
    formats 4 and 12, a CJK face of 50,000 glyphs, fewer advance widths than glyphs)."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    from booklet.fonts import _extract_info
    from booklet.resources import data_dir

    class Face(TTFontFace):
        extractInfo = _extract_info

    faces = sorted(Path(data_dir("fonts")).glob("*/*.ttf"))
    assert len(faces) > 60
    for path in faces:
        theirs, ours = vars(TTFontFace(str(path))), vars(Face(str(path)))
        assert theirs.keys() == ours.keys(), path
        for key, value in theirs.items():
            if key == "_pdfScale":
                assert value(1000) == ours[key](1000)
            elif isinstance(value, dict):
                assert list(value.items()) == list(ours[key].items()), (path, key)
            else:
                assert value == ours[key], (path, key)
