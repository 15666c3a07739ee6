"""Photos: upright, sharp enough, small enough, and never black where they were clear."""
from __future__ import annotations

import io
import random
import re
import struct
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

from booklet import photos
from booklet.build import build
from booklet.errors import BookletError

from conftest import TINY, count_pixels, page_texts, pdf_text, rasterise, write_booklet

MM = 72 / 25.4
TEXT_WIDTH = (148 - 19 - 15) * MM            # classic's text area


def photo_booklet(tmp_path, images: dict, layout_lines: str = ""):
    folder = write_booklet(tmp_path / "b", {**TINY,
        "photos.yaml": "".join(f"- file: {name}\n  caption: {name}\n" for name in images),
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: photos\n    file: photos.yaml\n" + layout_lines})
    for name, image in images.items():
        kwargs = image.info.pop("save", {})
        image.save(folder / name, **kwargs)
    return folder


def gallery_booklet(tmp_path, images: dict):
    """A small booklet with a gallery of these images ({file name: (picture, caption)})."""
    folder = write_booklet(tmp_path / "b", {**TINY,
        "gallery.yaml": "".join(f"- file: {name}\n  caption: {caption}\n" for name, (_, caption) in images.items()),
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: gallery\n    file: gallery.yaml\n"})
    for name, (image, _) in images.items():
        image.save(folder / name)
    return folder


def card(w=600, h=800):
    """A test card: red top half, blue bottom half."""
    im = Image.new("RGB", (w, h), "blue")
    ImageDraw.Draw(im).rectangle((0, 0, w, h // 2), fill="red")
    return im


def image_boxes(path) -> list[list[tuple]]:
    """Each page's placed images, as (left, bottom, right, top) in points (pdfium)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [[obj.get_bounds() for obj in page.get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
                for page in pdf]
    finally:
        pdf.close()


def _box(image, test):
    """The bounding box of the pixels that pass test(r, g, b)."""
    mask = Image.new("L", image.size)
    mask.putdata([255 if test(*px) else 0 for px in image.get_flattened_data()])
    return mask.getbbox()


def test_exif_rotated_photo_comes_out_upright(tmp_path):
    upright = card()
    stored = upright.rotate(90, expand=True)              # as a phone stores it, lying on its side
    exif = Image.Exif()
    exif[0x0112] = 6                                      # "turn me 90 degrees clockwise"
    stored.info["save"] = {"exif": exif.tobytes()}
    folder = photo_booklet(tmp_path, {"phone.jpg": stored})
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    page = rasterise(out, result.pages - 1)
    red_box = _box(page, lambda r, g, b: r > 180 and g < 80 and b < 80)
    blue_box = _box(page, lambda r, g, b: b > 180 and r < 80 and g < 80)
    photo = (min(red_box[0], blue_box[0]), red_box[1], max(red_box[2], blue_box[2]), blue_box[3])
    assert photo[3] - photo[1] > photo[2] - photo[0]           # portrait, as it was taken
    assert red_box[3] <= blue_box[1] + 2                       # red on top: upright


def test_photos_are_resampled_to_300_dpi_at_their_placed_size(tmp_path):
    folder = photo_booklet(tmp_path, {"big.jpg": card(5384, 2692), "small.png": card(400, 300)})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    widths = sorted(int(img.image.width) for page in PdfReader(str(out)).pages for img in page.images)
    assert widths == [400, round(TEXT_WIDTH / 72 * 300)]       # the small one is left as it is


def test_photos_are_embedded_as_baseline_jpeg_which_every_printer_reads(tmp_path):
    """A progressive JPEG, as they were, cannot be read by a PostScript level 2 printer and
    cost 10-20 ms a photo to write; a baseline one has the same pixels."""
    import io

    folder = photo_booklet(tmp_path, {"big.jpg": card(3000, 2000)})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    [image] = [img for page in PdfReader(str(out)).pages for img in page.images]
    data = image.indirect_reference.get_object()._data             # the stream as the printer gets it
    assert data[:2] == b"\xff\xd8"
    head = data.split(b"\xff\xda")[0]                              # (before the first scan)
    assert b"\xff\xc0" in head and b"\xff\xc2" not in head         # baseline, not progressive
    assert not Image.open(io.BytesIO(data)).info.get("progressive")


def test_two_phone_photos_share_a_page_and_a_tall_one_keeps_its_size(tmp_path):
    # 4:3 at the column's width is a little taller than half the page: it was alone on its
    # page, the lower half empty. Made half a page tall, two share a page; a portrait photo,
    # which would have to shrink by more than a fifth, keeps its size. Under the section's
    # heading, two are made a little smaller still to share its page (the first was alone
    # over an empty half page, the second alone on the next).

    images = {f"phone{i}.jpg": card(4000, 3000) for i in range(1, 5)}
    images["portrait.jpg"] = card(3000, 4000)
    folder = photo_booklet(tmp_path, images)
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    placed = [page for page in image_boxes(out) if page]
    assert [len(page) for page in placed] == [2, 2, 1]     # two under the heading; a pair; the portrait
    first, second = placed[0]
    assert first[3] - first[1] == pytest.approx(second[3] - second[1])    # the same size, and
    assert first[3] - first[1] > 0.8 * (placed[1][0][3] - placed[1][0][1])    # at most a fifth smaller
    text_h = (210 - 17 - 19) * MM
    bottom = 19 * MM
    heights = [(top - low, right - left) for page in placed for left, low, right, top in page]
    assert all(h <= text_h / 2 - 4 * MM for h, w in heights if w > h)           # half a page, captions too
    assert [round(h) for h, w in heights if h > w] == [round(text_h * 0.6)]     # theme's max_height
    assert all(low > bottom + 6 * MM for page in placed for _, low, _, _ in page)   # room for its caption


def test_cmyk_16_bit_and_transparent_photos(tmp_path):
    cmyk = Image.new("CMYK", (600, 400), (0, 255, 255, 0))     # red, in CMYK
    cmyk.info["save"] = {"format": "JPEG"}
    grey16 = Image.new("I;16", (600, 400), 32768)              # mid grey, 16 bits
    grey_float = Image.new("F", (600, 400), 0.5)               # mid grey, as a float TIFF keeps it (0 to 1)
    grey_float.info["save"] = {"format": "TIFF"}
    clear = Image.new("RGBA", (600, 400), (0, 0, 0, 0))        # transparent...
    ImageDraw.Draw(clear).rectangle((0, 0, 300, 400), fill=(0, 128, 0, 255))   # ...but for a green half
    folder = photo_booklet(tmp_path, {"cmyk.jpg": cmyk, "grey16.png": grey16, "grey.tif": grey_float,
                                     "clear.png": clear})
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    pages = [rasterise(out, i) for i in range(result.pages)]
    reds = sum(count_pixels(p, lambda r, g, b: r > 200 and g < 60 and b < 60) for p in pages)
    greys = sum(count_pixels(p, lambda r, g, b: 110 < r < 145 and abs(r - g) < 4 and abs(g - b) < 4) for p in pages)
    greens = sum(count_pixels(p, lambda r, g, b: g > 100 and r < 40 and b < 40) for p in pages)
    blacks = sum(count_pixels(p, lambda r, g, b: r < 30 and g < 30 and b < 30) for p in pages)
    assert reds > 10_000 and greys > 20_000 and greens > 5_000   # both greys grey
    assert blacks < 2_000                                      # transparency became paper, not black


def matrix_profile(red, green, blue) -> bytes:
    """A minimal ICC v2 display profile: three primaries (XYZ, D50) and a 2.2 gamma."""
    def s15(x):
        return struct.pack(">i", round(x * 65536))

    def xyz(x, y, z):
        return b"XYZ " + bytes(4) + s15(x) + s15(y) + s15(z)

    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, round(2.2 * 256)) + bytes(2)
    tags = [(b"desc", b"desc" + bytes(4) + struct.pack(">I", 5) + b"test\0" + bytes(79)),
            (b"wtpt", xyz(0.9642, 1.0, 0.8249)), (b"rXYZ", xyz(*red)), (b"gXYZ", xyz(*green)),
            (b"bXYZ", xyz(*blue)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    start = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        data += bytes(-len(data) % 4)
        table += signature + struct.pack(">II", start + len(data), len(body))
        data += body
    header = (struct.pack(">I", start + len(data)) + b"none" + bytes([2, 0x10, 0, 0]) + b"mntrRGB XYZ "
              + bytes(12) + b"acsp" + bytes(24) + bytes(4) + s15(0.9642) + s15(1.0) + s15(0.8249) + bytes(48))
    return header + struct.pack(">I", len(tags)) + table + data


def test_a_colour_profile_is_honoured(tmp_path):
    # sRGB's primaries with red and blue exchanged: by this profile, (255, 0, 0) is blue
    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    swapped = matrix_profile(blue, green, red)
    jpeg = Image.new("RGB", (600, 400), (255, 0, 0))
    jpeg.info["save"] = {"format": "JPEG", "icc_profile": swapped}
    png = Image.new("RGBA", (600, 400), (255, 0, 0, 255))
    png.info["save"] = {"icc_profile": swapped}
    damaged = Image.new("RGB", (600, 400), (255, 0, 0))
    damaged.info["save"] = {"format": "JPEG", "icc_profile": b"not a profile" * 10}
    folder = photo_booklet(tmp_path, {"wide.jpg": jpeg, "wide.png": png, "damaged.jpg": damaged})
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)             # (before: the profile was dropped, and red printed)
    pages = [rasterise(out, i) for i in range(result.pages)]
    blues = sum(count_pixels(p, lambda r, g, b: b > 200 and r < 60 and g < 60) for p in pages)
    reds = sum(count_pixels(p, lambda r, g, b: r > 200 and g < 60 and b < 60) for p in pages)
    assert reds > 50_000                           # the damaged profile is ignored: red as stored
    assert blues > 1.5 * reds                      # the two photos with the profile: blue (made a little
                                                   # smaller than the red one to share the heading's page)


def test_classroom_photos_are_grey(tmp_path):
    folder = photo_booklet(tmp_path, {"card.jpg": card()}, layout_lines="layout: classroom\n")
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    page = rasterise(out, result.pages - 3)
    assert count_pixels(page, lambda r, g, b: max(r, g, b) - min(r, g, b) > 12) == 0


def textured(seed: int, w=1600, h=1200):
    rnd = random.Random(seed)
    small = Image.new("RGB", (16, 12))
    small.putdata([tuple(rnd.randrange(256) for _ in range(3)) for _ in range(16 * 12)])
    grain = Image.effect_noise((w, h), 12).convert("RGB")     # sensor-like grain, as in a phone photo
    return Image.blend(small.resize((w, h), Image.BICUBIC), grain, 0.25)


def test_forty_photos_stay_small_and_come_from_the_cache_next_time(tmp_path, monkeypatch):
    images = {f"p{i:02d}.jpg": textured(i) for i in range(40)}
    folder = photo_booklet(tmp_path, images)
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    assert len([img for page in PdfReader(str(out)).pages for img in page.images]) == 40
    assert result.bytes < 8_000_000                             # the stated limit for 40 photos

    def no_work(*args, **kwargs):
        raise AssertionError("a cached photo was processed again")

    monkeypatch.setattr(photos, "_process", no_work)
    again = build(folder, output=tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == out.read_bytes()
    assert again.pages == result.pages


def test_the_pdf_does_not_depend_on_where_the_cache_is(tmp_path, monkeypatch):
    # photos are drawn from the cache folder, and reportlab names an image after the path
    # it is given: two users (or a read-only cache, which falls back to a temporary folder)
    # got different PDFs from the same content
    folder = photo_booklet(tmp_path, {"a.jpg": card(), "b.png": card(300, 200)})
    pdfs = []
    for where in ("one", "two"):
        monkeypatch.setenv("BOOKLET_CACHE_DIR", str(tmp_path / where / "cache"))
        build(folder, output=tmp_path / f"{where}.pdf")
        pdfs.append((tmp_path / f"{where}.pdf").read_bytes())
    assert pdfs[0].count(b"/Subtype /Image") == 2
    assert pdfs[0] == pdfs[1]


def test_a_photo_placed_twice_is_one_image_in_the_pdf(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY,
        "photos.yaml": "- file: a.jpg\n  caption: once\n- file: a.jpg\n  caption: twice\n",
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: photos\n    file: photos.yaml\n"})
    card().save(folder / "a.jpg")
    build(folder, output=tmp_path / "out.pdf")
    assert sum(len(page) for page in image_boxes(tmp_path / "out.pdf")) == 2      # drawn twice
    assert (tmp_path / "out.pdf").read_bytes().count(b"/Subtype /Image") == 1   # stored once


def test_every_photo_is_foreseen_so_none_waits_to_be_prepared(tmp_path, monkeypatch):
    # photos are started on all cores before the fonts are read or any text set, from the
    # widths photos.wanted works out; one it did not foresee would be prepared then and
    # there, holding up the layout
    from booklet.build import prepare
    from booklet.compose import compose
    from booklet.styles import Styles

    folder = photo_booklet(tmp_path, {"wide.jpg": card(900, 300), "tall.jpg": card(300, 900),
                                      "phone.jpg": card(600, 800), "phone2.jpg": card(600, 900)})   # (side by side)
    card(500, 700).save(folder / "cover.jpg")
    card(700, 500).save(folder / "inline.jpg")
    card(600, 900).save(folder / "left.jpg")
    card(600, 800).save(folder / "right.jpg")
    (folder / "gallery.yaml").write_text("- file: wide.jpg\n  caption: g1\n- file: tall.jpg\n  caption: g2\n")
    (folder / "story.md").write_text("# Story\n\nText.\n\n![In the text](inline.jpg)\n\n"
                                     "> ![In a quote](tall.jpg)\n\n- ![In a list](wide.jpg)\n\n"
                                     "![Side](left.jpg)\n\n![by side](right.jpg)\n")
    (folder / "booklet.yaml").write_text((folder / "booklet.yaml").read_text().replace(
        "sections:", "cover:\n  image: cover.jpg\nsections:") + "  - type: gallery\n    file: gallery.yaml\n")
    for layout in ("classic", "modern"):
        booklet, theme, _ = prepare(folder, layout)
        foreseen = photos.wanted(booklet, theme, bleed=3 * MM)
        placed = []

        def record(path, width, *args, **kwargs):
            placed.append((path, round(width, 3)))
            return photos.Prepared(path, 10, 10, 300.0)

        monkeypatch.setattr(photos, "prepare", record)
        compose(booklet, Styles(theme), tmp_path, bleed=3 * MM)
        # cover; tall at two widths (in the quote and alone in the photos section, in the
        # gallery's row); wide (3:1, a panorama: across the gallery's row) at one; inline;
        # the two phone photos side by side, and the story's two
        assert len(set(placed)) == 9
        assert set(placed) == set(foreseen), layout
        from booklet.theme import column_width
        row = column_width(theme, "photos") - theme["page"]["column_gap"]
        for pair in (("phone.jpg", "phone2.jpg"), ("right.jpg", "left.jpg")):
            [four_three], [two_three] = ([w for path, w in placed if path.name == name] for name in pair)
            assert four_three * 4 / 3 == pytest.approx(two_three * 3 / 2, abs=0.01)          # as tall as each other
            if layout == "classic":       # (modern's photos are larger: a 3:4 one keeps its row, page)
                assert four_three + two_three == pytest.approx(row, abs=0.01)              # across the column


def test_new_photos_are_read_and_hashed_by_the_workers_not_before_them(tmp_path, monkeypatch):
    # the main process used to hash every photo (its cache key) before starting any
    # worker: 40 camera photos were half a second with both cores but one idle
    import os

    folder = photo_booklet(tmp_path, {f"p{i}.jpg": textured(i, 400, 300) for i in range(4)})
    hashed_by = tmp_path / "hashed-by"
    real = photos._read_digest

    def read_digest(path):
        with open(hashed_by, "a") as f:
            f.write(f"{os.getpid()}\n")
        return real(path)

    monkeypatch.setattr(photos, "_read_digest", read_digest)
    build(folder, output=tmp_path / "b.pdf")
    pids = hashed_by.read_text().split()
    assert len(pids) == 4
    assert (str(os.getpid()) in pids) == (os.cpu_count() == 1)     # with one core, no workers
    hashed_by.unlink()
    build(folder, output=tmp_path / "again.pdf")           # known now: from the cache, unread
    assert not hashed_by.exists()
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_gallery_that_fits_on_its_page_is_not_pushed_over_by_its_last_gap(tmp_path):
    """Five photos and their heading fit on one page, but the last row carried the gap
    that separates rows, 11 pt, and that took it past the page's end: one photo alone on
    the next page, half a page left empty before it."""
    sizes = [(3000, 2000), (3200, 2000), (2000, 2000), (2400, 3200), (3600, 2400)]
    folder = write_booklet(tmp_path / "b", {**TINY,
        "gallery.yaml": "".join(f"- file: g{i}.jpg\n  caption: Caption {i}\n" for i in range(len(sizes))),
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: gallery\n    file: gallery.yaml\n    title: Family Album\n"})
    for i, (w, h) in enumerate(sizes):
        card(w, h).save(folder / f"g{i}.jpg")
    build(folder, output=tmp_path / "b.pdf")
    texts = [page.extract_text() for page in PdfReader(str(tmp_path / "b.pdf")).pages]
    album = next(i for i, t in enumerate(texts) if "Family Album" in t)
    assert "Caption 4" in texts[album], "the last photo went on to the next page"


HEIC = Path(__file__).parent / "data" / "card.heic"


@pytest.mark.parametrize("name", ["IMG_0001.HEIC", "renamed.jpg"])
def test_an_iphone_heic_photo_is_placed_upright(tmp_path, name):
    """An iPhone saves its photos as HEIC, which Pillow alone cannot read: the photos
    file refused it ('a file ending in .jpg or ...'), and a HEIC renamed .jpg was 'not an
    image that can be read'."""
    folder = photo_booklet(tmp_path, {"wide.jpg": card(800, 600)})
    (folder / name).write_bytes(HEIC.read_bytes())
    (folder / "photos.yaml").write_text(f"- file: {name}\n  caption: From the phone\n")
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    page = rasterise(out, result.pages - 1)
    red_box = _box(page, lambda r, g, b: r > 180 and g < 80 and b < 80)
    blue_box = _box(page, lambda r, g, b: b > 180 and r < 80 and g < 80)
    assert red_box and blue_box and red_box[3] <= blue_box[1] + 2      # there, red on top
    assert blue_box[3] - red_box[1] > blue_box[2] - blue_box[0]         # portrait
    assert "From the phone" in PdfReader(str(out)).pages[result.pages - 1].extract_text()


def test_a_heic_photo_can_be_the_cover(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"].replace(
        "sections:", "cover:\n  image: cover.heic\nsections:")})
    (folder / "cover.heic").write_bytes(HEIC.read_bytes())
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    cover = rasterise(out, 0)
    assert count_pixels(cover, lambda r, g, b: r > 180 and g < 80 and b < 80) > 1000


def test_without_pi_heif_a_heic_photo_is_explained(tmp_path, monkeypatch):
    import sys

    from booklet.errors import BookletError

    monkeypatch.setitem(sys.modules, "pi_heif", None)        # as if it could not be installed
    folder = photo_booklet(tmp_path, {"wide.jpg": card(800, 600)})
    (folder / "IMG_0001.HEIC").write_bytes(HEIC.read_bytes())
    (folder / "photos.yaml").write_text("- file: IMG_0001.HEIC\n  caption: From the phone\n")
    with pytest.raises(BookletError) as e:
        build(folder, output=tmp_path / "b.pdf")
    assert "IMG_0001.HEIC" in str(e.value) and "HEIC photo" in str(e.value) and "JPEG" in str(e.value)


def test_the_same_photo_under_two_names_is_prepared_in_a_file_of_its_own(tmp_path, monkeypatch):
    """Two files with the same picture have the same cache key, and their workers, running
    at once, wrote through one working file: one copied the other's half-written JPEG into
    the cache ('cannot identify image file' when the PDF was written; seen in a full test
    run, nine identical photos). Each job now writes its own working file; here the cache
    cannot be written, so the working files are what the PDF would be given."""
    card(1600, 1200).save(tmp_path / "a.jpg")
    (tmp_path / "b.jpg").write_bytes((tmp_path / "a.jpg").read_bytes())
    (tmp_path / "cache").write_text("not a folder: the cache cannot be written")
    monkeypatch.setenv("BOOKLET_CACHE_DIR", str(tmp_path / "cache"))
    work = tmp_path / "work"
    work.mkdir()
    a = photos.prepare(tmp_path / "a.jpg", 200.0, 300, 85, work)
    b = photos.prepare(tmp_path / "b.jpg", 200.0, 300, 85, work)
    assert a.path != b.path
    for prepared in (a, b):
        with Image.open(prepared.path) as im:
            im.load()


def test_a_pdf_a_drawing_or_a_word_document_given_as_a_picture_is_named_as_what_it_is(tmp_path):
    """A PDF, an SVG drawing or a Word document given as a picture was 'not an image that
    can be read', with the hint to use a JPEG or PNG: what it is, and how to make a
    picture of it, are said."""
    import zipfile

    from booklet.errors import BookletError

    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "# S\n\nWords.\n\n![A](scan.pdf)\n\n![B](logo.svg)\n\n"
                                                                 "![C](letter.docx)\n"})
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n")
    (folder / "logo.svg").write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    with zipfile.ZipFile(folder / "letter.docx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(BookletError) as e:
        build(folder, output=tmp_path / "b.pdf")
    said = str(e.value)
    assert "scan.pdf: this is a PDF, not a picture" in said and "export the page as a PNG or JPEG" in said
    assert "logo.svg: this is a drawing (SVG), not a photo" in said and "save it as a PNG picture" in said
    assert "letter.docx: this is a Word document, not a picture" in said and "'Save as Picture'" in said


def test_gif_and_bmp_photos_are_placed(tmp_path):
    gif = card().quantize(8)                             # a palette image, as GIFs are
    gif.info["save"] = {"save_all": True, "append_images": [card().rotate(180).quantize(8)]}   # animated
    folder = photo_booklet(tmp_path, {"card.gif": gif, "card.bmp": card()})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    placed = []
    for i, boxes in enumerate(image_boxes(out)):
        page = rasterise(out, i)
        for left, low, right, top in boxes:           # (side by side, two upright photos)
            photo = page.crop((round(left), round(page.height - top), round(right), round(page.height - low)))
            placed.append((_box(photo, lambda r, g, b: r > 200 and g < 60 and b < 60),
                           _box(photo, lambda r, g, b: b > 200 and r < 60 and g < 60)))
    assert len(placed) == 2 and all(t and b for t, b in placed)
    assert all(t[3] <= b[1] + 2 for t, b in placed)   # the first frame of the GIF: red above blue


def test_a_story_picture_written_in_other_capitals_is_placed_or_suggested(tmp_path):
    """As a Mac or Windows would find it (it was an error, 'did you mean photo.jpg?')."""
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": TINY["story.md"] + "\n![Us](Photo.JPG)\n"})
    card().save(folder / "photo.jpg")
    build(folder, output=tmp_path / "b.pdf")
    assert (tmp_path / "b.pdf").read_bytes().count(b"/Subtype /Image") == 1
    (folder / "story.md").write_text(TINY["story.md"] + "\n![Us](Photo.JPEG)\n")       # a name that is not there
    with pytest.raises(BookletError) as e:
        build(folder, output=tmp_path / "c.pdf")
    assert "picture 'Photo.JPEG': that file does not exist" in str(e.value)
    assert "hint: did you mean 'photo.jpg'?" in str(e.value)


def test_a_flush_left_caption_starts_at_its_photos_edge(tmp_path):
    # a photo narrower than the column is centred: its caption, set flush left in the
    # modern layout, began at the column's edge, out from under the photo
    import pypdfium2 as pdfium

    folder = photo_booklet(tmp_path, {"tall.jpg": card(3000, 4000)}, "layout: modern\n")
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    pdf = pdfium.PdfDocument(str(out))
    for page in pdf:
        images = [obj.get_bounds() for obj in page.get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
        if images:
            text = page.get_textpage()
            at = text.get_text_range().index("tall.jpg")
            caption_left = text.get_charbox(at)[0]
            photo_left, _, photo_right, _ = images[0]
            assert abs(caption_left - photo_left) < 1.5, (caption_left, photo_left)
            assert photo_right - photo_left < 100 * MM               # (narrower than the column)
            break
    else:
        raise AssertionError("no photo placed")
    pdf.close()


def test_a_photo_alone_on_its_page_sits_in_its_middle(tmp_path):
    # it sat at the top of the page over an empty lower half; and under the section's heading,
    # a photo that the next one could not join sat under the heading over an empty lower
    # half, the next page's photo in the middle of its page: it too is set in the middle of
    # the room below the heading. (A caption of two lines under the upright one: without it,
    # the two share the page, made smaller.)
    import pypdfium2 as pdfium

    folder = photo_booklet(tmp_path, {"first.jpg": card(3000, 3000), "second.jpg": card(3000, 4000)})
    (folder / "photos.yaml").write_text("- file: first.jpg\n  caption: The first one.\n- file: second.jpg\n"
                                        f"  caption: The second one, {'and a few words more ' * 4}to end.\n")
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    placed = [page[0] for page in image_boxes(out) if page]
    assert len(placed) == 2
    top, bottom = (210 - 17) * MM, 19 * MM                          # classic's text area
    under_heading, alone = placed
    pdf = pdfium.PdfDocument(str(out))
    try:
        feet = {}                           # the foot of each photo's caption
        for p in pdf:
            text = p.get_textpage()
            for word in ("The first one", "to end."):
                if word in text.get_text_range():
                    feet[word] = text.get_charbox(text.get_text_range().index(word) + len(word) - 1)[1]
        page = next(p for p in pdf if "Photographs" in p.get_textpage().get_text_range())
        text = page.get_textpage()
        heading = text.get_charbox(text.get_text_range().index("Photographs"))[1]     # its foot
    finally:
        pdf.close()
    above, below = top - alone[3], feet["to end."] - bottom
    assert above > 20 * MM and below > 20 * MM                       # in the middle, not at the top
    assert abs(above - below) < 4 * MM, (above / MM, below / MM)
    above, below = heading - under_heading[3], feet["The first one"] - bottom
    assert above > 20 * MM and below > 20 * MM, (above / MM, below / MM)
    # (the heading keeps its own space after it, 9 mm in classic)
    assert abs((above - 9 * MM) - below) < 4 * MM, (above / MM, below / MM)


@pytest.mark.parametrize("images", [{"first.jpg": (4000, 3000)},
                                    {"first.jpg": (4000, 3000), "second.jpg": (3000, 4000)},
                                    {"first.jpg": (3000, 4000), "second.jpg": (4000, 3000)}])
def test_a_photos_section_that_goes_on_from_the_last_page_does(tmp_path, images):
    # start: continue, one photo, the next section on a new page: measured with its heading,
    # the photo claimed all the height platypus offers a group, and the section went to a
    # page of its own; and its heading had no space above it, under the story's last line.
    # Two photos that do not both fit: platypus moved the heading and both on, whole; and an
    # upright one first, which fits there made a little smaller, went on
    import pypdfium2 as pdfium

    folder = photo_booklet(tmp_path, {name: card(*size) for name, size in images.items()})
    (folder / "booklet.yaml").write_text("title: T\nsections:\n  - type: story\n    file: story.md\n"
                                         "  - type: photos\n    file: photos.yaml\n"
                                         "  - type: questions\n    file: questions.yaml\n")
    (folder / "questions.yaml").write_text("- Why did he go on?\n")
    (tmp_path / "l.yaml").write_text("extends: classic\nsections:\n  photos: {start: continue}\n")
    out = build(folder, str(tmp_path / "l.yaml"), tmp_path / "b.pdf").pdf
    pdf = pdfium.PdfDocument(str(out))
    try:
        texts = [page.get_textpage().get_text_range() for page in pdf]
        [here] = [i for i, t in enumerate(texts) if "Photographs" in t]
        assert "The first paragraph" in texts[here]          # on the story's page
        assert len(image_boxes(out)[here]) == 1               # with its (first) photo
        text = pdf[here].get_textpage()
        story_end = texts[here].index("Photographs") - 2      # (the story's last letter, before a line break)
        gap = text.get_charbox(story_end)[1] - text.get_charbox(texts[here].index("Photographs"))[3]
    finally:
        pdf.close()
    assert gap > 8 * MM, gap / MM                               # (4 mm before, a line and a bit)


def test_a_photos_section_shares_its_pages_out_rather_than_leave_one_photo_alone(tmp_path):
    # a photo, an upright one, a photo and a panorama: as many as fit on each page in turn
    # put the upright one and the next together and left the panorama alone on the last
    # page, a strip across its middle; one photo fewer on the middle page set it with the
    # photo before it, on as many pages. Made a little smaller, the first two share the page
    # under the heading: two pages, not three
    images = {"beach.jpg": card(3200, 2400), "kitchen.jpg": card(2400, 3200), "family.jpg": card(4000, 3000),
              "view.jpg": card(5000, 1500)}
    folder = photo_booklet(tmp_path, images)
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    placed = [page for page in image_boxes(out) if page]
    assert [len(page) for page in placed] == [2, 2]
    with_photos = [i for i, page in enumerate(image_boxes(out)) if page]
    assert "kitchen.jpg" in page_texts(out)[with_photos[0]]             # in their order
    assert "view.jpg" in page_texts(out)[with_photos[1]]
    # two upright photos side by side under the heading, leaving room there, and a square
    # one: made smaller to join them, it left the panorama after it alone on the next page
    images = {"up0.jpg": card(600, 800), "up1.jpg": card(600, 800), "square.jpg": card(700, 700),
              "view.jpg": card(1000, 300)}
    out = build(photo_booklet(tmp_path / "2", images), output=tmp_path / "c.pdf").pdf
    assert [len(page) for page in image_boxes(out) if page] == [2, 2]


@pytest.mark.parametrize("layout, pages", [("classic", [2, 2, 2]), ("modern", [1, 2, 1, 2])])
def test_square_photos_share_their_pages(tmp_path, layout, pages):
    # a square photo at the column's width is too tall for two to share an A5 page: six
    # squares took six pages, each over an empty lower third. Made smaller (to two thirds
    # of their height at the least) two share a page; a caption that takes a line more
    # under a narrower photo is made room for, not a reason to go on alone. In modern
    # (larger photos), the plan counted on a page where that line more did not fit, and
    # set five pages where four would do
    images = {f"sq{i}.jpg": card(700, 700) for i in range(6)}
    folder = photo_booklet(tmp_path, images)
    long = "Fourth square, a longer caption that runs on to a second line perhaps."
    (folder / "photos.yaml").write_text("".join(
        f"- file: sq{i}.jpg\n  caption: {long if i == 3 else f'sq{i}.jpg'}\n" for i in range(6)))
    out = build(folder, layout, output=tmp_path / "b.pdf").pdf
    placed = [page for page in image_boxes(out) if page]
    assert [len(page) for page in placed] == pages
    sizes = sorted(round(box[2] - box[0]) for page in placed for box in page)
    (folder / "photos.yaml").write_text("- sq0.jpg\n")
    [[alone]] = [page for page in image_boxes(build(folder, layout, output=tmp_path / "c.pdf").pdf) if page]
    assert all(size >= 0.66 * (alone[2] - alone[0]) for size in sizes) and sizes[0] < 0.8 * (alone[2] - alone[0])
    assert long in "".join(page_texts(out))


def test_upright_photos_one_after_the_other_stand_side_by_side(tmp_path):
    # a phone's upright photos at the column's width stood one to a page, the lower half of
    # each page empty: four photos, four pages. Two by two they share a row, as tall as each
    # other, each caption under its own photo; all four fit under the section's heading. In
    # modern, whose photos are larger (three quarters of the page), a 3:4 photo keeps its
    # page; a phone's tall 9:16 ones pair there too. A landscape photo keeps its row.
    import pypdfium2 as pdfium

    images = {f"up{i}.jpg": card(600, 800) for i in range(4)}
    images.update({"tall0.jpg": card(540, 960), "tall1.jpg": card(540, 960), "wide.jpg": card(800, 600),
                   "strip.jpg": card(300, 1500), "up4.jpg": card(600, 800)})    # (a strip's caption: too narrow)
    folder = photo_booklet(tmp_path, images)
    out = build(folder, output=tmp_path / "b.pdf").pdf
    placed = [page for page in image_boxes(out) if page]
    assert [len(page) for page in placed[:2]] == [4, 3] and sum(map(len, placed[2:])) == 2
    column = (148 - 2 * 18) * MM                                       # (classic's text width, about)
    rows: dict = {}
    for page, boxes in enumerate(placed):
        for box in boxes:
            rows.setdefault((page, round(box[3])), []).append(box)
    assert [len(row) for row in rows.values()][:4] == [2, 2, 2, 1]    # the landscape photo alone
    assert all(len(row) == 1 for row in list(rows.values())[4:])      # the strip, and the photo after it
    for left, right in (sorted(row) for row in rows.values() if len(row) == 2):
        assert left[1] == pytest.approx(right[1]) and left[2] < right[0]       # as tall, apart
        assert 0.8 * column < right[2] - left[0] < column
    pdf = pdfium.PdfDocument(str(out))
    try:
        index = next(i for i, p in enumerate(pdf) if "up0.jpg" in p.get_textpage().get_text_range())
        text = pdf[index].get_textpage()
        words = text.get_text_range()
        for i in range(4):
            box = text.get_charbox(words.index(f"up{i}.jpg"))
            photo = sorted(placed[0], key=lambda b: (-b[3], b[0]))[i]
            assert photo[0] - 1 <= box[0] <= photo[2] and box[3] < photo[1]    # under its own photo
    finally:
        pdf.close()
    (tmp_path / "l.yaml").write_text("extends: modern\n")
    out = build(folder, str(tmp_path / "l.yaml"), tmp_path / "m.pdf").pdf
    placed = [page for page in image_boxes(out) if page]
    assert [len(page) for page in placed][:3] == [1, 1, 1] and sum(map(len, placed)) == 9
    tops = [round(box[3]) for page in placed for box in page if box[3] - box[1] > 1.5 * (box[2] - box[0])]
    assert len(tops) == 3 and len(set(tops)) == 2           # the two tall ones side by side, the strip alone


def test_upright_pictures_in_a_row_in_a_story_stand_two_by_two_and_none_is_lost(tmp_path):
    """A story's two upright pictures with nothing between them stand side by side, as a
    photos section's do; five in a row are two pairs and one alone, every one printed (the
    first way of pairing them dropped the third and fourth)."""
    names = "ABCDE"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "# S\n\nA few words first.\n\n" + "".join(
        f"![Photo {n}](p{n}.jpg)\n\n" for n in names) + "The last words.\n"})
    for n in names:
        card(600, 800).save(folder / f"p{n}.jpg")
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    assert all(f"Photo {n}" in pdf_text(out) for n in names)
    boxes = [box for page in image_boxes(out) for box in page]
    assert len(boxes) == 5
    rows: dict = {}
    for page, found in enumerate(image_boxes(out)):
        for box in found:
            rows.setdefault((page, round(box[1])), []).append(box)
    assert sorted(len(row) for row in rows.values()) == [1, 2, 2]


def test_photos_in_two_columns_start_from_one_top(tmp_path):

    images = {f"p{i}.jpg": card(4000, 3000) for i in range(5)}       # the first column holds three
    folder = photo_booklet(tmp_path, images, "layout: cols.yaml\n")
    (folder / "cols.yaml").write_text("extends: classic\nsections:\n  photos: {columns: 2}\n")
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    photos = [page for page in image_boxes(out) if page][0]
    left = [b for b in photos if b[0] < 70 * MM]
    right = [b for b in photos if b[0] >= 70 * MM]
    assert left and right
    assert abs(max(b[3] for b in left) - max(b[3] for b in right)) < 1      # the same top


def test_the_preflight_sums_up_sharp_photos_in_one_line_and_names_the_others(tmp_path):
    # forty sharp photos were forty lines of 'ok images ...'
    images = {f"sharp{i}.jpg": card(4000, 3000) for i in range(5)}
    images["soft.jpg"] = card(500, 375)                             # about 110 dpi at its width
    folder = photo_booklet(tmp_path, images)
    result = build(folder, output=tmp_path / "b.pdf")
    checks = [(c.status, c.detail) for c in result.preflight if c.name == "images"]
    assert len(checks) == 2
    assert checks[0][0] == "ok" and checks[0][1].startswith("5 photos placed at 300 dpi or more (the least ")
    assert checks[1][0] == "fail" and checks[1][1].startswith("soft.jpg: ")
    (folder / "photos.yaml").write_text((folder / "photos.yaml").read_text() + "- file: soft.jpg\n")   # twice
    result = build(folder, output=tmp_path / "b.pdf")
    assert [c.detail for c in result.preflight if c.status == "fail"] == [checks[1][1]]
    assert len([w for w in result.warnings if w.startswith("soft.jpg is")]) == 1


def test_many_soft_photos_are_summed_up_with_the_least_sharp_named(tmp_path):
    # a folder of 300 phone photos at 150-200 dpi was 300 warnings and 300 preflight lines:
    # more than four are one warning and one preflight line for each status, naming the
    # four least sharp and how many more; a photo placed twice is counted once
    sizes = {"a.jpg": 700, "b.jpg": 800, "c.jpg": 750, "d.jpg": 900, "e.jpg": 1000, "f.jpg": 380, "g.jpg": 360}
    images = {name: card(width, width * 3 // 4) for name, width in sizes.items()}
    folder = photo_booklet(tmp_path, images)
    (folder / "photos.yaml").write_text((folder / "photos.yaml").read_text() + "- file: b.jpg\n")   # twice
    result = build(folder, output=tmp_path / "b.pdf")
    [warning] = [w for w in result.warnings if "dpi at" in w]
    assert re.fullmatch(r"7 photos are under 300 dpi at their placed size, the least sharp g\.jpg \(\d+ dpi\), "
                        r"f\.jpg \(\d+ dpi\), a\.jpg \(\d+ dpi\), c\.jpg \(\d+ dpi\) and 3 more; 300 dpi "
                        r"prints sharply", warning), warning
    checks = [(c.status, c.detail) for c in result.preflight if c.name == "images"]
    assert [status for status, _ in checks] == ["fail", "warn"]
    assert re.fullmatch(r"2 photos under 150 dpi at their placed size \(300 wanted\), g\.jpg \(\d+ dpi\), "
                        r"f\.jpg \(\d+ dpi\)", checks[0][1]), checks[0][1]
    assert checks[1][1].startswith("5 photos from 150 to 300 dpi at their placed size (300 wanted), the least sharp "
                                   "a.jpg") and checks[1][1].endswith(" and 1 more")
    # four are still named one by one, as before
    for name in ("e.jpg", "f.jpg", "g.jpg"):
        (folder / name).unlink()
    (folder / "photos.yaml").write_text("".join(f"- file: {name}\n" for name in "abcd" for name in [name + ".jpg"]))
    result = build(folder, output=tmp_path / "b.pdf")
    assert len([w for w in result.warnings if "dpi at" in w]) == 4


def test_a_photo_in_the_folder_but_not_in_the_booklet_is_named(tmp_path):
    """Twelve photos in the folder and eleven in photos.yaml: the twelfth was silently not
    in the booklet. Pictures, Markdown files and YAML lists the booklet does not name are
    now warned about, beside booklet.yaml and in its photos' folders (not in preview/,
    where booklet preview puts its pictures)."""
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"] + (
        "  - type: photos\n    file: photos.yaml\n"),
        "photos.yaml": "- file: a.jpg\n- file: photos/b.jpg\n", "notes.md": "# Draft\n",
        "tributes.yaml": "# one entry per tribute\n- from: Ann\n  text: Kind.\n", "mine.yaml": "extends: classic\n"})
    (folder / "photos").mkdir()
    (folder / "preview").mkdir()
    for name in ("a.jpg", "photos/b.jpg", "photos/c.JPG", "forgotten.png", "preview/page-1.png"):
        card(60, 80).save(folder / name, "PNG" if name.endswith(".png") else "JPEG")
    warnings = build(folder, output=tmp_path / "b.pdf").warnings
    assert ("2 pictures in the content folder are not in the booklet: forgotten.png, photos/c.JPG "
            "(name them in photos.yaml, or move them out of the folder)") in warnings
    assert any(w.startswith("notes.md is in the content folder but not in the booklet") for w in warnings)
    assert ("tributes.yaml is in the content folder but not in the booklet (to print it, add a section for it "
            "to booklet.yaml)") in warnings
    assert not any("mine.yaml" in w for w in warnings)                 # a layout, not a list of entries
    assert not any("preview" in w or "a.jpg" in w for w in warnings if "not in the booklet" in w)
    assert not any("not in the booklet" in w for w in build(output=tmp_path / "example.pdf").warnings)
    # ten drafts were ten warnings: one, naming them in the order a file browser shows them
    for i in (1, 2, 10):
        (folder / f"draft {i}.md").write_text("# Draft\n")
        card(60, 80).save(folder / "photos" / f"IMG_{i}.jpg")
    warnings = build(folder, output=tmp_path / "b.pdf").warnings
    assert ("4 files in the content folder are not in the booklet: draft 1.md, draft 2.md, draft 10.md, notes.md "
            "(to print one, add it to booklet.yaml's sections as a story)") in warnings
    assert ("5 pictures in the content folder are not in the booklet: forgotten.png, photos/c.JPG, photos/IMG_1.jpg, "
            "photos/IMG_2.jpg, photos/IMG_10.jpg (name them in photos.yaml, or move them out of the folder)") in warnings


def _text_centre(path, page: int, text: str) -> float:
    """The horizontal centre of a one-line text on a page, in points (pdfium)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        chars = pdf[page].get_textpage()
        start = chars.get_text_range().index(text)
        left = chars.get_charbox(start)[0]
        right = chars.get_charbox(start + len(text) - 1)[2]
        return (left + right) / 2
    finally:
        pdf.close()


def test_a_caption_under_a_photo_as_narrow_as_a_rule_is_not_set_a_letter_a_line(tmp_path):
    folder = photo_booklet(tmp_path, {"strip.jpg": card(40, 3000)})
    (folder / "photos.yaml").write_text("- file: strip.jpg\n  caption: Seen from the stands\n")
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    assert "Seen from the stands" in PdfReader(str(out)).pages[result.pages - 1].extract_text()


def test_a_portrait_photo_in_a_gallery_is_centred_over_its_caption(tmp_path):
    folder = gallery_booklet(tmp_path, {"tall.jpg": (card(600, 900), "Tall one"),
                                        "wide.jpg": (card(900, 600), "Wide one")})
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    page = result.pages - 1
    tall, wide = sorted(image_boxes(out)[page])       # left column first
    assert abs((tall[0] + tall[2]) / 2 - _text_centre(out, page, "Tall one")) < 1.5
    assert abs((wide[0] + wide[2]) / 2 - _text_centre(out, page, "Wide one")) < 1.5
    assert tall[2] - tall[0] < wide[2] - wide[0]          # (it is narrower than its cell)


def test_a_file_name_written_in_another_unicode_form_is_found(tmp_path):
    """A Mac names a file 'café.jpg' with e and a combining accent; typed in photos.yaml
    or the story it is one letter é. It was 'that file does not exist: café.jpg', hint
    'did you mean café.jpg?'."""
    import unicodedata

    folder = photo_booklet(tmp_path, {unicodedata.normalize("NFD", "café.jpg"): card(800, 600)})
    (folder / "photos.yaml").write_text("- file: café.jpg\n  caption: At the café\n", encoding="utf-8")
    (folder / "story.md").write_text("# Story\n\nWords.\n\n![Again](café.jpg)\n", encoding="utf-8")
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    assert sum(len(boxes) for boxes in image_boxes(out)) == 2
    assert not [w for w in result.warnings if "not in the booklet" in w]


def _imported(name: str) -> bool:
    import sys

    return name in sys.modules


@pytest.mark.skipif(__import__("sys").platform != "linux", reason="forking is the default only where it is safe")
def test_photo_workers_start_with_what_this_process_imported():
    """Forked, as Python up to 3.13 does on Linux by default: Python 3.14 starts workers
    from a fresh server process, 0.07 s more on a small booklet's cold build."""
    import tabnanny  # noqa: F401  (something no worker would import by itself)

    with photos.worker_pool(1) as pool:
        assert pool.submit(_imported, "tabnanny").result()


@pytest.mark.parametrize("size, warned", [((4000, 3000), "only 53% of it is shown (its sides are cut off)"),
                                          ((2100, 3000), None)])
def test_a_cover_photo_cut_to_the_page_is_said(tmp_path, size, warned):
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"].replace(
        "sections:", "cover:\n  image: cover.jpg\nsections:")})
    card(*size).save(folder / "cover.jpg")
    result = build(folder, output=tmp_path / "b.pdf")
    said = [w for w in result.warnings if "cover photo" in w]
    if warned:
        assert said == [f"the cover photo cover.jpg is cut to the page's shape: {warned}; a photo of the page's "
                        "shape (upright) shows whole"]
    else:
        assert said == []


def test_a_photo_within_one_percent_of_300_dpi_is_sharp_and_odd_names_are_printed_escaped(tmp_path):
    """A 1,200-pixel phone photo, placed 4 inches wide on a photos page, is 299 dpi: it was
    warned of, as was every photo of a folder of them, though it prints as a 300-dpi one
    does (1,170 pixels, 292 dpi, still is). A file name
    with a line break in it broke the warning in two (an escape sequence coloured the terminal)."""
    import json

    images = {"near.jpg": card(1200, 900), "soft.jpg": card(1170, 878), "two\nlines.jpg": card(300, 225)}
    folder = photo_booklet(tmp_path, images)
    (folder / "photos.yaml").write_text("".join(f"- file: {json.dumps(name)}\n" for name in images))
    result = build(folder, output=tmp_path / "b.pdf")
    low = [w for w in result.warnings if "dpi at its placed size" in w]
    assert [w.split(" is ")[0] for w in low] == ["soft.jpg", "two\\nlines.jpg"]
    checks = [c.detail for c in result.preflight if c.name == "images"]
    assert checks[0].startswith("near.jpg: 299 dpi") and "two\\nlines.jpg: " in checks[2]


@pytest.mark.parametrize("layout", ["classic", "modern", "classroom", "large-print"])
def test_a_gallery_sets_three_rows_to_a_page(tmp_path, layout):
    """A gallery's photos were up to 0.3 of the page tall: a row with an upright photo in
    it was so tall that two rows filled a page, its lower third left empty (twenty photos
    took five pages). Three rows now fit, with two lines of caption under each photo."""
    sizes = [(2000, 3000), (3000, 2000)] * 9
    folder = write_booklet(tmp_path / "b", {**TINY,
        "gallery.yaml": "".join(f"- file: g{i}.jpg\n  caption: Picture number {i}\n" for i in range(len(sizes))),
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: gallery\n    file: gallery.yaml\n"})
    for i, (w, h) in enumerate(sizes):
        card(w, h).save(folder / f"g{i}.jpg")
    build(folder, layout=layout, output=tmp_path / "b.pdf")
    placed = [len(page) for page in image_boxes(tmp_path / "b.pdf") if page]
    assert placed == [6, 6, 6], placed        # the first page too, under the heading (it had four)


@pytest.mark.parametrize("layout", ["classic", "modern", "classroom", "large-print"])
@pytest.mark.parametrize("count, captions", [(7, False), (8, False), (7, True), (13, True), (10, True)])
def test_a_gallerys_last_row_is_not_alone_on_its_page(tmp_path, layout, count, captions):
    """Seven photos were set six on a page and the seventh alone at the top of the next,
    the page otherwise empty. Without words, four rows fit a page at a photo's least size:
    seven or eight photos are one page. With two lines of caption they may not: then the
    last row keeps with the one before it (seven: two rows, and two rows)."""
    sizes = [(2000, 3000), (3000, 2000), (2400, 2400)] * 5
    folder = write_booklet(tmp_path / "b", {**TINY,
        "gallery.yaml": "".join(f"- file: g{i}.jpg\n" + (f"  caption: Picture number {i} of the family album\n"
                                                         if captions else "") for i in range(count)),
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: gallery\n    file: gallery.yaml\n"})
    for i, (w, h) in enumerate(sizes[:count]):
        card(w, h).save(folder / f"g{i}.jpg")
    result = build(folder, layout=layout, output=tmp_path / "b.pdf")
    placed = [len(page) for page in image_boxes(tmp_path / "b.pdf") if page]
    assert sum(placed) == count and placed[-1] >= 3, placed           # two rows at least
    assert len(placed) == 1 or captions, placed
    assert not [w for w in result.warnings if "dpi" in w]       # each prepared for the size it is placed at


def test_a_gallery_rows_photos_stand_on_one_line_and_their_captions_too(tmp_path):
    """A landscape photo beside an upright one in a gallery's row hung from the row's top,
    its caption half a photo higher than its neighbour's. Their feet are on one line now,
    and their captions on the next."""
    import pypdfium2 as pdfium

    folder = gallery_booklet(tmp_path, {"wide.jpg": (card(3000, 2000), "WIDE"), "tall.jpg": (card(2000, 3000), "TALL")})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    [(wide, tall)] = [sorted(page) for page in image_boxes(out) if page]
    assert wide[1] == pytest.approx(tall[1], abs=0.5) and wide[3] < tall[3] - 5       # one foot line
    pdf = pdfium.PdfDocument(str(out))
    try:
        text = next(page.get_textpage() for page in pdf if "WIDE" in page.get_textpage().get_text_range())
        words = text.get_text_range()
        lows = [text.get_charbox(words.index(word))[1] for word in ("WIDE", "TALL")]
    finally:
        pdf.close()
    assert lows[0] == pytest.approx(lows[1], abs=0.5) and lows[0] < wide[1]


def test_a_gallery_of_two_pages_of_two_rows_has_photos_sized_for_two_rows(tmp_path):
    """Seven upright photos with two lines of caption each: four rows, two pages of two
    (three rows and one alone is not allowed, four to a page too small). Sized for three
    rows to a page, their photos left each page's lower third empty."""
    folder = write_booklet(tmp_path / "b", {**TINY,
        "gallery.yaml": "".join(f"- file: g{i}.jpg\n  caption: A caption long enough to need two lines under "
                                f"photo {i}\n" for i in range(7)),
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: gallery\n    file: gallery.yaml\n"})
    for i in range(7):
        card(2000, 3000).save(folder / f"g{i}.jpg")
    result = build(folder, output=tmp_path / "b.pdf")
    placed = [page for page in image_boxes(tmp_path / "b.pdf") if page]
    assert [len(page) for page in placed] == [4, 3]
    text_h = (210 - 17 - 19) * MM
    assert all(top - low > 0.28 * text_h for page in placed for _, low, _, top in page)   # (0.2 before)
    assert not [w for w in result.warnings if "dpi" in w]


def test_gallery_rows_counts_a_panorama_and_a_photo_alone_before_it():
    from booklet.photos import gallery_rows

    wide, tall, pano = (3000, 2000), (2000, 3000), (5000, 1500)
    assert gallery_rows([]) == 0
    assert gallery_rows([wide]) == 1 and gallery_rows([wide, tall]) == 1 and gallery_rows([wide, tall, wide]) == 2
    assert gallery_rows([wide, pano, tall]) == 3 and gallery_rows([wide, tall, pano]) == 2
    assert gallery_rows([pano, pano]) == 2 and gallery_rows([wide, tall, wide, pano, wide]) == 4


def test_a_picture_in_a_paragraph_comes_after_it(tmp_path):
    """'Text before ![](p.jpg) text after.' printed the picture above its own words."""
    from booklet.load import load_booklet
    from booklet.model import Paragraph, Picture

    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "Text before ![us](p.jpg) text after.\n\n# H ![h](p.jpg)\n"})
    card().save(folder / "p.jpg")
    blocks = load_booklet(folder).sections[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Picture", "Heading", "Picture"]
    assert isinstance(blocks[0], Paragraph) and isinstance(blocks[1], Picture) and blocks[1].caption == "us"


def test_pictures_in_a_list_at_a_pages_foot_move_on_with_their_captions_and_bullets(tmp_path):
    """A picture in a list item that did not fit at a page's foot stopped the build
    ('unexpected failure: _FrameBreak.wrap should never be called'); one that fitted only
    without the line above it was split from its caption, the caption alone on the next page."""
    import pypdfium2 as pdfium

    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": ""})
    card(1600, 1200).save(folder / "p.jpg")
    for n in range(0, 40):           # the list at every height on the page
        (folder / "story.md").write_text("Para.\n\n" * n + "- item with ![capli](p.jpg)\n- ![capsolo](p.jpg)\n- last\n\n"
                                         "Text.\n\n- ![capfirst](p.jpg)\n- end\n")
        out = tmp_path / f"b{n}.pdf"
        build(folder, output=out)
        pdf = pdfium.PdfDocument(str(out))
        pages = [page.get_textpage().get_text_range() for page in pdf]
        pdf.close()
        placed = image_boxes(out)
        for caption in ("capli", "capsolo", "capfirst"):     # each caption on a page with a picture, under it
            [page] = [i for i, text in enumerate(pages) if caption in text.split()]
            assert placed[page], (n, caption)
        assert sum(len(p) for p in placed) == 3
        assert sum(text.count("\u2022") for text in pages) == 5, n      # every item's bullet


def test_a_split_list_item_keeps_the_space_it_was_measured_with():
    """A list item's own space above it (0 for a list's first item) is what the frame
    measures it with; split, its pieces took their contents' instead (a photo's line above
    it), and a photo that had fitted with its caption pushed the caption to the next page."""
    from reportlab.platypus import Paragraph
    from reportlab.platypus.flowables import LIIndenter, Spacer

    from booklet.flowables import Together

    photo = Spacer(100, 200)
    photo.spaceBefore = 12
    words = Paragraph("A caption")
    from reportlab.pdfgen.canvas import Canvas

    together = Together([photo, words])
    together.canv = Canvas(io.BytesIO())          # (as a frame gives it)
    item = LIIndenter(together, leftIndent=10, spaceBefore=0, spaceAfter=3)
    item.wrap(300, 1000)
    pieces = item.split(300, 100)              # (it does not fit: an action, then the pieces)
    drawn = [p for p in pieces if isinstance(p, LIIndenter)]
    assert [type(p._flowable) for p in drawn] == [Spacer, Paragraph]
    assert drawn[0].getSpaceBefore() == 0 and drawn[-1].getSpaceAfter() == 3
    from reportlab.platypus.doctemplate import ActionFlowable
    assert isinstance(pieces[0], ActionFlowable)           # done by the frame, not indented and sized


def test_a_list_that_begins_with_a_picture_keeps_the_space_above_it(tmp_path):
    """A picture first in a list lost the line above it that every photo has (the list's
    own space stood for its first item's), and touched a picture just before the list."""
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "Para.\n\n![](p.jpg)\n\n- ![](p.jpg)\n- x\n"})
    card(1600, 500).save(folder / "p.jpg")
    build(folder, output=tmp_path / "b.pdf")
    [(upper, lower)] = [page for page in image_boxes(tmp_path / "b.pdf") if page]
    assert upper[1] - lower[3] >= 8            # a line's space between them (it was none)


def test_a_gallery_caption_under_an_upright_photo_takes_the_cells_width(tmp_path):
    """Under an upright photo in a gallery, a caption was set half a cell wide (two words a
    line in large print), and a long one made its row taller than a page."""
    import pypdfium2 as pdfium

    from booklet.photos import gallery_cell
    from booklet.theme import column_width, load_theme

    caption = "Derek and Jim on the track at Barcelona " * 4 + "END"
    folder = write_booklet(tmp_path / "b", {**TINY, "gallery.yaml": f"- file: tall.jpg\n  caption: {caption}\n",
                                            "booklet.yaml": TINY["booklet.yaml"] + "  - type: gallery\n"
                                            "    file: gallery.yaml\nlayout: large-print\n"})
    Image.new("RGB", (500, 2500), "navy").save(folder / "tall.jpg")
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    theme = load_theme("large-print")
    cell = gallery_cell(theme, column_width(theme, "gallery"))
    pdf = pdfium.PdfDocument(str(out))
    [page] = [p for p in pdf if "END" in p.get_textpage().get_text_range()]
    text = page.get_textpage()
    everything = text.get_text_range()
    start, end = everything.index("Derek"), everything.index("END") + 3     # the caption's letters
    boxes = [text.get_charbox(i) for i in range(start, end) if text.get_text_range(i, 1).strip()]
    assert max(b[2] for b in boxes) - min(b[0] for b in boxes) > 0.8 * cell
    pdf.close()


def test_a_gallery_row_taller_than_a_page_is_set_one_photo_after_the_other(tmp_path):
    """On A6 in large print, a photo with a caption of twenty-five words made a gallery row
    taller than the page: the build stopped ('something on page 3 is taller than a page').
    Such a row is set as the photos section sets photos, each over its words, which may
    go on over the page."""
    caption = ("The stadium in the evening, with the whole crowd standing as father and son came round "
               "the last bend together, the officials stepping aside for them at the LAST")
    folder = write_booklet(tmp_path / "b", {
        **TINY, "a6.yaml": "extends: large-print\npage: {size: A6}\n",
        "gallery.yaml": f"- file: wide.jpg\n  caption: {caption}\n- file: tall.jpg\n  caption: Upright\n"
                        "- file: wide.jpg\n  caption: Short\n- file: tall.jpg\n  caption: Another\n",
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: gallery\n    file: gallery.yaml\nlayout: a6.yaml\n"})
    card(1600, 1200).save(folder / "wide.jpg")
    card(900, 1400).save(folder / "tall.jpg")
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    text = pdf_text(out)
    for words in ("officials stepping aside", "LAST", "Upright", "Short", "Another"):
        assert words in text
    boxes = [page for page in image_boxes(out) if page]
    assert sum(len(page) for page in boxes) == 4
    (x0, _, x1, _), = boxes[0]                  # the first photo on its own, its words under it
    assert x0 > 0 and x1 < 105 * 72 / 25.4


def test_a_folder_of_photos_prints_jfif_and_avif_and_names_the_files_it_does_not_print(tmp_path):
    """A gallery from a folder printed its JPEGs and PNGs and passed over the rest unsaid:
    a JPEG saved from a web page on Windows (.jfif), an AVIF, the school's crest as .svg,
    the order of service as .pdf. The first two are printed; the others are named, with
    what to do. An iPhone's notes on its edits (.aae) and Windows' Thumbs.db are not."""
    from booklet.photos import PANORAMA

    folder = write_booklet(tmp_path / "b", {
        **TINY, "booklet.yaml": TINY["booklet.yaml"] + "  - type: gallery\n    file: album\n"})
    (folder / "album").mkdir()
    card(800, 600).save(folder / "album" / "1.jfif", "JPEG")
    card(600, 800).save(folder / "album" / "2.avif", "AVIF")
    assert 800 < PANORAMA * 600
    (folder / "album" / "crest.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (folder / "album" / "order of service.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "album" / "IMG_0001.AAE").write_text("<plist/>")
    (folder / "album" / "Thumbs.db").write_bytes(b"\0" * 16)
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    assert len(image_boxes(out)[result.pages - 1]) == 2
    said = [w for w in result.warnings if "not photos" in w]
    assert said == ["crest.svg, order of service.pdf in the folder album are not photos a booklet prints (JPEG, PNG, "
                    "HEIC, TIFF, WebP, AVIF, GIF or BMP) and are left out: a picture in another format prints once "
                    "it is saved or exported as JPEG or PNG; move anything else out of the folder"]
    assert not any("AAE" in w or "Thumbs" in w for w in result.warnings)
    for name in ("1.jfif", "2.avif", "order of service.pdf"):
        (folder / "album" / name).unlink()
    with pytest.raises(BookletError) as e:          # (only the crest: said, not 'has no pictures')
        build(folder, output=out)
    assert "album: this folder has no photos a booklet prints (JPEG, PNG, HEIC, TIFF, WebP, AVIF, GIF or BMP), " \
           "only crest.svg" in str(e.value)


def test_a_panorama_in_a_gallery_has_a_row_to_itself(tmp_path):
    """A phone's panorama (4:1) in a gallery cell was a strip 15 mm high beside an empty
    half row. It goes across the row, between the rows of the photos before and after it,
    which keep their order; its caption is under it."""
    folder = write_booklet(tmp_path / "b", {
        **TINY, "gallery.yaml": "- file: a.jpg\n  caption: First\n- file: pano.jpg\n  caption: The whole stand\n"
                                "- file: b.jpg\n  caption: Third\n- file: c.jpg\n  caption: Fourth\n",
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: gallery\n    file: gallery.yaml\n"})
    for name in "abc":
        card(800, 600).save(folder / f"{name}.jpg")
    card(4000, 1000).save(folder / "pano.jpg")
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    page = result.pages - 1
    boxes = sorted(image_boxes(out)[page], key=lambda box: (-box[3], box[0]))   # top to bottom, left to right
    assert len(boxes) == 4
    first, pano, third, fourth = boxes
    widths = [box[2] - box[0] for box in boxes]
    assert widths[1] > 1.9 * widths[0] and abs(widths[2] - widths[0]) < 0.5 and abs(widths[3] - widths[0]) < 0.5
    assert first[1] > pano[3] > pano[1] > third[3]          # its own row, under the first, over the next two
    assert abs(third[1] - fourth[1]) < 0.5 and third[0] < fourth[0]
    assert pano[0] <= first[0] + 0.5 and pano[2] >= fourth[2] - 0.5     # across both columns
    texts = page_texts(out)[page]
    assert texts.index("First") < texts.index("The whole stand") < texts.index("Third") < texts.index("Fourth")


def test_a_photo_alone_in_a_gallery_row_is_centred(tmp_path):
    """An odd photo before a panorama, or the last of an odd number, was set in the row's
    left cell, its right half empty: it is in the row's middle, its caption under it."""
    for names in (("a", "b", "c", "pano"), ("a", "b", "c")):
        folder = write_booklet(tmp_path / "-".join(names), {
            **TINY, "gallery.yaml": "".join(f"- file: {n}.jpg\n  caption: Cap{n}\n" for n in names),
            "booklet.yaml": TINY["booklet.yaml"] + "  - type: gallery\n    file: gallery.yaml\n"})
        for name in "abc":
            card(800, 600).save(folder / f"{name}.jpg")
        card(4000, 1000).save(folder / "pano.jpg")
        out = folder / "b.pdf"
        build(folder, output=out)
        [page] = [i for i, boxes in enumerate(image_boxes(out)) if boxes]
        a, b, c, *pano = sorted(image_boxes(out)[page], key=lambda box: (-box[3], box[0]))
        middle = (a[0] + b[2]) / 2                        # the column's middle, between the first row's two
        assert abs((c[0] + c[2]) / 2 - middle) < 0.5 and abs((c[2] - c[0]) - (a[2] - a[0])) < 0.5, names
        assert b[1] > c[3] > c[1] and all(c[1] > p[3] for p in pano)
        left, right = _word_x(out, page, "Capc")
        assert abs((left + right) / 2 - middle) < 1.0


def _word_x(path, page: int, word: str) -> tuple[float, float]:
    """A word's left and right (points), from pdfium's character boxes."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        text = pdf[page].get_textpage()
        whole = text.get_text_range()
        at = whole.index(word)
        boxes = [text.get_charbox(i) for i in range(at, at + len(word))]
        return min(b[0] for b in boxes), max(b[2] for b in boxes)
    finally:
        pdf.close()


@pytest.mark.parametrize("first, second", [("tall", "wide"), ("wide", "tall")])
def test_a_photo_too_tall_for_the_columns_under_a_heading_goes_to_the_next_page(tmp_path, first, second):
    """A photos section in three columns, its heading low on a page ('continue'): the
    columns under the heading were shorter than an upright photo, which was tried in the
    first and then refused in the second ('something on page 4 is taller than a page').
    A heading with no room under it for its first photo goes on to the next page with it;
    a later photo taller than the columns left goes on to the next page's."""
    folder = write_booklet(tmp_path / "b", {
        **TINY, "cols.yaml": "extends: classroom\nsections:\n  photos: {columns: 3, start: continue}\n",
        "photos.yaml": f"- file: {first}.jpg\n  caption: Photo {first}\n- file: {second}.jpg\n  caption: Photo {second}\n",
        "story.md": "# Story\n\n" + "A paragraph of the story, which goes on for a while. " * 52 + "\n",
        "booklet.yaml": TINY["booklet.yaml"].replace("  - type: comments\n    file: comments.yaml\n", "")
        + "  - type: photos\n    file: photos.yaml\nlayout: cols.yaml\n"})
    card(900, 1400).save(folder / "tall.jpg")
    card(1600, 1200).save(folder / "wide.jpg")
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    pages = page_texts(out)
    heading = next(i for i, text in enumerate(pages) if "Photographs" in text)
    boxes = image_boxes(out)
    assert boxes[heading] and f"Photo {first}" in pages[heading]      # never the heading alone
    assert sum(len(page) for page in boxes) == 2 and f"Photo {second}" in " ".join(pages[heading:])


def test_photos_beside_booklet_yaml_named_as_the_folder_dot(tmp_path):
    """'file: .', the photos in the content folder itself: booklet.yaml, the story and the
    PDF made there were each said to be 'not a photo a booklet prints', at every build."""
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"]
                                            + "  - type: gallery\n    file: .\n"})
    card(900, 600).save(folder / "garden.jpg")
    (folder / "booklet.pdf").write_bytes(b"%PDF-1.4 made before")
    result = build(folder, output=folder / "booklet.pdf")
    assert not [w for w in result.warnings if "not a photo" in w or "are not photos" in w], result.warnings
    assert sum(map(len, image_boxes(result.pdf))) == 1
    (folder / "album").mkdir()                                  # (another folder: told, as before)
    (folder / "album" / "notes.txt").write_text("not a picture")
    card(900, 600).save(folder / "album" / "beach.jpg")
    (folder / "booklet.yaml").write_text(TINY["booklet.yaml"] + "  - type: gallery\n    file: album\n")
    result = build(folder, output=folder / "booklet.pdf")
    assert [w for w in result.warnings if "notes.txt in the folder album is not a photo" in w]


def test_a_folder_of_photos_is_a_section_of_every_picture_in_it(tmp_path, monkeypatch):
    """A family with forty photos had to list each in photos.yaml. A photos or gallery
    section may name a folder: every picture in it, in the order a file browser shows
    them ('IMG_2' before 'IMG_10'), without captions; a broken one is named by itself."""
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"]
                                            + "  - type: gallery\n    file: album\n"})
    (folder / "album").mkdir()
    colours = {"IMG_10.jpg": "blue", "img_2.JPG": "lime", "IMG_1.png": "red"}
    for name, colour in colours.items():
        Image.new("RGB", (900, 600), colour).save(folder / "album" / name, format="PNG" if name.endswith("png") else "JPEG")
    (folder / "album" / "notes.txt").write_text("not a picture")
    (folder / "album" / ".hidden.jpg").write_text("not a picture either")
    result = build(folder, output=tmp_path / "b.pdf")
    assert not any("not in the booklet" in w for w in result.warnings)
    assert [w for w in result.warnings if "notes.txt in the folder album is not a photo" in w]
    page = rasterise(result.pdf, result.pages - 1)
    first_in_rows = []                                  # the photos' colours, in reading order
    for y in range(0, page.height, 4):
        for x in range(0, page.width, 4):
            r, g, b = page.getpixel((x, y))
            colour = "red" if r > 200 and g < 60 else "lime" if g > 200 and r < 60 else "blue" if b > 200 and r < 60 else None
            if colour and colour not in first_in_rows:
                first_in_rows.append(colour)
    assert first_in_rows == ["red", "lime", "blue"]     # IMG_1, img_2, IMG_10
    (folder / "album" / "IMG_3.jpg").write_text("broken")
    with pytest.raises(BookletError) as info:
        build(folder, output=tmp_path / "c.pdf")
    assert str(info.value).startswith(f"{folder / 'album' / 'IMG_3.jpg'}: this is not an image that can be read")
    (folder / "album" / "IMG_3.jpg").unlink()
    Image.new("RGB", (90, 60), "white").save(tmp_path / "outside.jpg")
    (folder / "album" / "IMG_4.jpg").symlink_to(tmp_path / "outside.jpg")     # a link out of the folder
    monkeypatch.chdir(tmp_path)                                               # (the folder named as typed)
    with pytest.raises(BookletError) as info:
        build(Path("b"), output=tmp_path / "c.pdf")
    assert str(info.value) == ("b/album/IMG_4.jpg: the path leaves the folder; keep files inside it\n"
                               "  hint: copy the photo into the folder instead of linking to it")
    for name in list(colours) + ["IMG_4.jpg", "notes.txt"]:
        (folder / "album" / name).unlink()
    with pytest.raises(BookletError) as info:
        build(folder, output=tmp_path / "c.pdf")
    assert "b/album: this folder has no pictures" in str(info.value)
    (folder / "booklet.yaml").write_text(TINY["booklet.yaml"].replace("file: story.md", "file: album"))
    (folder / "album" / "draft.md").write_text("# Draft\n")
    with pytest.raises(BookletError) as info:
        build(Path("b"), output=tmp_path / "c.pdf")
    assert "line 6, field 'sections[1].file': a story section names a file; 'album' is a folder\n  hint: name a " \
           "file in it, e.g. 'album/draft.md'" in str(info.value)


def test_every_broken_picture_of_a_folder_is_named_at_once(tmp_path):
    """A folder of forty photos with two broken ones: the build named the first, and the
    person mended it to be told of the second. Both are named, by make and by check."""
    from typer.testing import CliRunner

    from booklet.cli import app

    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"]
                                            + "  - type: gallery\n    file: album\n"})
    (folder / "album").mkdir()
    card().save(folder / "album" / "IMG_1.jpg")
    (folder / "album" / "IMG_2.jpg").write_bytes(b"")
    (folder / "album" / "IMG_3.jpg").write_text("broken")
    with pytest.raises(BookletError) as info:
        build(folder, output=tmp_path / "b.pdf")
    assert [p.file.name for p in info.value.problems] == ["IMG_2.jpg", "IMG_3.jpg"]
    checked = CliRunner().invoke(app, ["check", str(folder)])
    assert checked.exit_code == 1
    assert "IMG_2.jpg: this picture's file is empty" in checked.output
    assert "IMG_3.jpg: this is not an image that can be read" in checked.output


def test_a_picture_of_many_pages_or_frames_says_only_the_first_is_printed(tmp_path):
    """A letter scanned as one TIFF of three pages printed its first page, and the other two
    were gone unsaid; an animated GIF prints its first frame. Both are said; a picture of
    one page is not."""
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"]
                                            + "  - type: gallery\n    file: album\n"})
    (folder / "album").mkdir()
    pages = [card(), card().transpose(Image.FLIP_TOP_BOTTOM), card()]
    pages[0].save(folder / "album" / "letter.tif", save_all=True, append_images=pages[1:])
    pages[0].convert("P").save(folder / "album" / "wave.gif", save_all=True,
                               append_images=[pages[1].convert("P")], duration=100)
    card().save(folder / "album" / "one.tif")
    result = build(folder, output=tmp_path / "b.pdf")
    said = [w for w in result.warnings if "only the first is printed" in w]
    assert said == ["letter.tif has 3 pages; only the first is printed: to print another, save it as a picture "
                    "of its own and name that too",
                    "wave.gif has 2 frames (it moves); only the first is printed: to print another, save it as a "
                    "picture of its own and name that too"]
    assert sum(len(page) for page in image_boxes(result.pdf)) == 3


def _words_at(path, page: int) -> list[tuple[str, float, float]]:
    """A page's words with their bottom and top (points), from pdfium's character boxes."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        text = pdf[page].get_textpage()
        words, word, low, high = [], "", 1e9, -1e9
        for i in range(text.count_chars()):
            ch = text.get_text_range(i, 1)
            if ch.isspace() or not ch:
                if word:
                    words.append((word, low, high))
                word, low, high = "", 1e9, -1e9
                continue
            left, bottom, right, top = text.get_charbox(i)
            word, low, high = word + ch, min(low, bottom), max(high, top)
        if word:
            words.append((word, low, high))
        return words
    finally:
        pdf.close()


STORY_WORDS = "so the house was never quiet and every one who came to its door was fed "


def test_a_story_photo_at_a_pages_foot_is_made_smaller_or_waits_and_the_text_fills_the_page(tmp_path):
    """An upright photo that did not fit at the foot of a story's page went on to the next,
    the rest of this one left empty (half a page, seen in a memorial booklet): it is made
    smaller to fit, to 60% of its size at the least; else it waits at the top of the next
    page while the paragraphs after it fill this one. Nothing is left out, at every height."""
    folder = _photo_story(tmp_path)
    natural = None
    bottom = 18 * MM                     # classic's text area ends 18 mm above the page's foot
    waited = shrunk = 0
    for n in range(0, 24):               # the photo after 0 .. 23 paragraphs of three lines
        before = "".join(f"{STORY_WORDS * 3}Before{i}\n\n" for i in range(n))       # (the story's first
        after = "".join(f"{STORY_WORDS * 2}After{i}\n\n" for i in range(8))         # letter is a drop cap)
        (folder / "story.md").write_text(f"# Story\n\n{before}![Thecaption](p.jpg)\n\n{after}")
        out = tmp_path / f"b{n}.pdf"
        build(folder, output=out)
        placed = image_boxes(out)
        [page] = [i for i, boxes in enumerate(placed) if boxes]
        [(left, low, right, top)] = placed[page]
        natural = natural or top - low            # (the first: right under the heading, whole)
        assert 0.6 * natural - 0.5 <= top - low <= natural + 0.5, n
        words = _words_at(out, page)
        [caption] = [w for w in words if w[0] == "Thecaption"]
        assert caption[2] <= low, n                                   # under its photo
        text = pdf_text(out)
        assert all(f"Before{i}" in text for i in range(n)) and all(f"After{i}" in text for i in range(8)), n
        if top - low < natural - 0.5:
            shrunk += 1
            assert caption[1] - bottom < 14, n            # made smaller to end its page
        previous = [w for w in _words_at(out, page - 1) if w[1] > bottom - 1]
        if any(w[0].startswith("Before") for w in words) or not previous:
            continue
        # the photo is first on its page: the page before it is full, to its last lines
        # (its text may end a few lines short: a paragraph of four lines is not split)
        waited += any(w[0].startswith("After") for w in previous)
        assert min(w[1] for w in previous) - bottom < 4 * 13, n
    assert waited and shrunk


def _photo_story(tmp_path, width: int = 1200, height: int = 1800) -> Path:
    """The small booklet, a width x height picture p.jpg beside its story."""
    folder = write_booklet(tmp_path / "b", TINY)
    card(width, height).save(folder / "p.jpg")
    return folder


def _story_after(folder, n: int, rest: str) -> Path:
    """The story built with n paragraphs of three lines ('Before0' ...) before `rest`."""
    before = "".join(f"{STORY_WORDS * 3}Before{i}\n\n" for i in range(n))
    (folder / "story.md").write_text(f"# Story\n\n{before}{rest}")
    out = folder.parent / f"b{n}.pdf"
    build(folder, output=out)
    return out


def test_a_second_photo_that_waited_and_does_not_fit_under_the_first_waits_again(tmp_path):
    """Two photos in a row that did not fit at a page's foot wait together for the next
    page's top; where the second did not fit under the first there, it went on to the page
    after, and the first stood alone over an empty half page. It waits again: the words
    after it fill the first one's page, and it opens the next."""
    folder = write_booklet(tmp_path / "b", TINY)
    card(900, 1200).save(folder / "a.jpg")
    card(1000, 1000).save(folder / "b.jpg")
    bottom = 18 * MM
    alone = 0
    for n in range(8, 16):
        out = _story_after(folder, n, "![Firstphoto](a.jpg)\n\n![Secondphoto](b.jpg)\n\n"
                                      + "".join(f"{STORY_WORDS * 4}After{i}\n\n" for i in range(8)))
        placed = image_boxes(out)
        pages = [i for i, boxes in enumerate(placed) if boxes]
        text = pdf_text(out)
        assert all(f"After{i}" in text for i in range(8)) and "Firstphoto" in text and "Secondphoto" in text, n
        if len(pages) == 1:
            continue                            # (both on one page, made smaller)
        first, second = pages
        if first == second - 1 and not any(w[0].startswith("Before") for w in _words_at(out, first)):
            alone += 1                          # the first opens its page, the second the next
            low = min(w[1] for w in _words_at(out, first) if w[1] > bottom - 1)
            assert low - bottom < 4 * 13, (n, (low - bottom) / MM)       # its page filled with words
            assert _words_at(out, second)[0][0] == "Secondphoto", n      # the second opens its page
    assert alone


def test_a_heading_over_a_photo_that_does_not_fit_stays_with_its_words_and_the_photo_waits(tmp_path):
    """A heading low on a page, a photo under it that does not fit there, and then words:
    the heading and its photo went on to the next page, this one's lower part left empty
    (a third of a page in random stories full of photos). The heading stays, with the
    first lines of its words, and the photo opens the next page; never the heading alone
    at a page's foot, nor its photo more than a page after it."""
    folder = _photo_story(tmp_path, 1200, 1600)
    bottom = 18 * MM
    stayed = 0
    for n in range(6, 16):
        out = _story_after(folder, n, f"## Later\n\n![Thecaption](p.jpg)\n\n{STORY_WORDS * 6}After\n\n"
                                      f"{STORY_WORDS * 6}Endwords\n")
        texts = [t.split() for t in page_texts(out)]
        [photo] = [i for i, boxes in enumerate(image_boxes(out)) if boxes]
        [heading] = [i for i, t in enumerate(texts) if "Later" in t]
        assert photo in (heading, heading + 1), n
        words = _words_at(out, heading)
        later = next(w for w in words if w[0] == "Later")
        assert [w for w in words if w[1] < later[1] - 5 and w[1] > bottom - 1], n     # words under the heading
        if photo == heading + 1:                                 # the heading stayed, the photo waited:
            stayed += 1
            assert texts[photo][0] == "Thecaption", n            # it opens the next page
        text = pdf_text(out)
        assert all(w in text for w in ("After", "Endwords", "Thecaption")) and f"Before{n - 1}" in text, n
    assert stayed


def test_in_columns_a_heading_over_a_photo_is_never_left_at_a_columns_foot(tmp_path):
    """In a story set in columns a photo does not wait for the next page's top: a heading
    kept here with its words over it was left alone at the foot of a column, its photo at
    the top of the next."""
    import pypdfium2 as pdfium

    folder = _photo_story(tmp_path, 1200, 1600)
    (tmp_path / "l.yaml").write_text("extends: classic\nsections:\n  story: {columns: 2}\n")
    for n in range(8, 30, 2):
        before = "".join(f"{STORY_WORDS * 3}Before{i}\n\n" for i in range(n))
        (folder / "story.md").write_text(f"# Story\n\n{before}## Later\n\n![Thecaption](p.jpg)\n\n"
                                         f"{STORY_WORDS * 6}After\n")
        out = build(folder, str(tmp_path / "l.yaml"), tmp_path / f"b{n}.pdf").pdf
        pdf = pdfium.PdfDocument(str(out))
        try:
            [(page, text)] = [(i, p.get_textpage()) for i, p in enumerate(pdf)
                              if "Later" in p.get_textpage().get_text_range()]
            chars = text.get_text_range()
            left, low, _, _ = text.get_charbox(chars.index("Later"))
            under = [text.get_charbox(i) for i in range(len(chars)) if chars[i].strip()]
            under = [b for b in under if b[3] < low - 2 and abs(b[0] - left) < 60 and b[1] > 18 * MM]
            photos = [b for b in image_boxes(out)[page] if b[3] < low and b[0] < left + 60 < b[2] + 60]
            assert under or photos, n                   # words or its photo under it, in its column
        finally:
            pdf.close()


def test_a_story_photo_waits_past_a_heading_but_not_the_storys_end(tmp_path):
    """A photo put off to the next page lets the paragraphs and headings after it fill this
    one (one that stopped at a heading left the page's foot empty, half a page in a memorial
    booklet); it opens the next page, and it is set when the story ends."""
    folder = _photo_story(tmp_path)
    bottom = 18 * MM
    waited = 0
    for n in range(0, 16):
        out = _story_after(folder, n, f"![Thecaption](p.jpg)\n\n{STORY_WORDS}After\n\n"
                                      f"## Later\n\n{STORY_WORDS * 4}Lastwords\n\n{STORY_WORDS * 4}Endwords\n")
        texts = page_texts(out)
        [page] = [i for i, boxes in enumerate(image_boxes(out)) if boxes]
        [anchor] = [i for i, text in enumerate(texts) if (f"Before{n - 1}" if n else "Story") in text.split()]
        [after] = [i for i, text in enumerate(texts) if "After" in text.split()]
        assert page in (anchor, anchor + 1), n
        if page > after:
            waited += 1
            assert texts[page].split()[0] == "Thecaption", n              # it opens its page
            previous = [w for w in _words_at(out, page - 1) if w[1] > bottom - 1]
            # the page before is full: what is left is less than a heading and two lines
            assert min(w[1] for w in previous) - bottom < 6 * 13, n
        text = pdf_text(out)
        assert all(w in text for w in ("After", "Later", "Lastwords", "Endwords")), n
        # and a photo after the story's last paragraph, which fits, is still set
        out = _story_after(folder, n, f"![Thecaption](p.jpg)\n\n{STORY_WORDS}After\n")
        assert sum(map(len, image_boxes(out))) == 1, n
        assert "Thecaption" in pdf_text(out) and "After" in pdf_text(out)
    assert waited


def test_a_photo_put_off_does_not_pass_a_heading_over_another_photo(tmp_path):
    """A heading is grouped with what follows it: over a second photo, it does not go
    before the first one waiting for the next page (the heading was left alone at the
    page's foot, its photo on the next page after the first)."""
    folder = _photo_story(tmp_path)
    card(3000, 300).save(folder / "q.jpg")     # (a low one: it fits where the first did not)
    for n in range(0, 14):
        out = _story_after(folder, n, f"![Firstcap](p.jpg)\n\n## Later\n\n![Secondcap](q.jpg)\n\n"
                                      f"{STORY_WORDS * 6}Endwords\n")
        words = pdf_text(out).split()
        assert words.index("Firstcap") < words.index("Later") < words.index("Secondcap"), n
        [later] = [i for i, text in enumerate(page_texts(out)) if "Later" in text.split()]
        assert "Secondcap" in page_texts(out)[later].split(), n
        assert sum(map(len, image_boxes(out))) == 2, n


def test_two_photos_in_a_row_wait_together_and_the_text_after_them_fills_the_page(tmp_path):
    """The first of two photos in a row did not fit at a page's foot: it went on to the next
    page, the second after it, and the rest of the page was left empty (half a page). Both
    wait for the next page's top, in their order, while the words after them fill this one."""
    folder = _photo_story(tmp_path)
    card(1800, 1200).save(folder / "q.jpg")
    bottom = 18 * MM
    waited = 0
    for n in range(0, 14):
        after = "".join(f"{STORY_WORDS * 2}After{i}\n\n" for i in range(10))
        out = _story_after(folder, n, f"![Firstcap](p.jpg)\n\n![Secondcap](q.jpg)\n\n{after}")
        words = pdf_text(out).split()
        assert words.index("Firstcap") < words.index("Secondcap"), n
        assert all(f"After{i}" in words for i in range(10)) and sum(map(len, image_boxes(out))) == 2, n
        texts = page_texts(out)
        [first] = [i for i, text in enumerate(texts) if "Firstcap" in text.split()]
        if first > 2 and "Firstcap" == texts[first].split()[0]:          # it opens its page
            previous = [w for w in _words_at(out, first - 1) if w[1] > bottom - 1]
            waited += any(w[0].startswith("After") for w in previous)
            assert min(w[1] for w in previous) - bottom < 4 * 13, n      # the page before is full
    assert waited


def test_a_photo_before_the_storys_last_words_is_never_set_after_them(tmp_path):
    """A photo that did not fit at a page's foot waited for the next page's top while the
    words after it filled the page; where those were the story's last, the story ended on
    the page before its photo ('He is missed.', then a page with the photo). The photo now
    goes on to the next page before them, the last words under it. (A heading over it
    stays with it: it was left at the foot of the page before.)"""
    folder = _photo_story(tmp_path)
    for rest in (f"![Thecaption](p.jpg)\n\n{STORY_WORDS}Lastwords\n",
                 f"## Later\n\n![Thecaption](p.jpg)\n\n{STORY_WORDS}Lastwords\n"):
        for n in range(0, 24):
            out = _story_after(folder, n, rest)
            texts = [t.split() for t in page_texts(out)]
            [page] = [i for i, boxes in enumerate(image_boxes(out)) if boxes]
            [last] = [i for i, t in enumerate(texts) if "Lastwords" in t]
            assert last >= page, n
            if last == page:
                [(_, low, _, _)] = image_boxes(out)[page]
                assert [w for w in _words_at(out, page) if w[0] == "Lastwords"][0][2] < low, n    # under it
            if "Later" in rest:
                assert "Later" in texts[page] or page == last, n      # the heading with its photo or its words


def test_a_heading_over_a_list_that_opens_with_a_photo_is_not_left_at_the_pages_foot(tmp_path):
    """platypus does not group a heading with a list: over a list whose first item holds a
    photo, the heading was left alone at a page's foot."""
    folder = _photo_story(tmp_path)
    for n in range(0, 14):
        out = _story_after(folder, n, f"## Later\n\n- item ![Itemcap](p.jpg)\n- next\n\n{STORY_WORDS * 4}Endwords\n")
        [later] = [i for i, text in enumerate(page_texts(out)) if "Later" in text.split()]
        assert "item" in page_texts(out)[later].split(), n          # the list begins under it


def test_a_story_photos_caption_is_a_lines_space_above_the_next_paragraph(tmp_path):
    """The paragraph after a photo began right under its caption, as if under a heading."""
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "# S\n\nFirst words.\n\n![Thecaption](p.jpg)\n\n"
                                                                 "Nextpara words.\n"})
    card(1600, 900).save(folder / "p.jpg")
    build(folder, output=tmp_path / "b.pdf")
    words = _words_at(tmp_path / "b.pdf", 2)
    [caption] = [w for w in words if w[0] == "Thecaption"]
    [after] = [w for w in words if w[0] == "Nextpara"]
    assert caption[1] - after[2] >= 9          # classic's caption leading is 12 pt (it was 2 pt)


def test_a_page_after_columns_is_begun_with_its_own_frames(tmp_path, monkeypatch):
    # comments in three columns (begun below their heading, as reportlab's FrameSplitter
    # does, which changes the frames of the body page it is on), then photos that went on
    # from the comments' last page: the body page after them was begun with those three
    # narrow frames, and the photos were set in them, over each other and over a heading
    # cut to 'Ph-'. (A section no longer goes on after one in columns: compose is made to
    # let it here, to test the pages as they begin.)
    import pypdfium2 as pdfium

    from booklet.compose import Composer

    section_start = Composer.section_start
    monkeypatch.setattr(Composer, "section_start", lambda self, section, first, after_columns=False:
                        section_start(self, section, first))

    words = ("the crowd stood as the father and son crossed the finish line together at last " * 6).split()
    folder = photo_booklet(tmp_path, {"first.jpg": card(1600, 1200), "second.jpg": card(1200, 1600)})
    (folder / "comments.yaml").write_text("".join(f"- name: Writer {i}\n  text: {' '.join(words[:n])}\n"
                                                  for i, n in enumerate([79, 61, 29, 39, 24, 15, 66, 20, 49])))
    (folder / "booklet.yaml").write_text("title: T\nsections:\n  - type: comments\n    file: comments.yaml\n"
                                         "  - type: photos\n    file: photos.yaml\n")
    (folder / "photos.yaml").write_text("- first.jpg\n- second.jpg\n")
    (tmp_path / "l.yaml").write_text("extends: large-print\npage: {size: A6}\nsections:\n"
                                     "  comments: {columns: 3, start: right-page}\n  photos: {start: continue}\n")
    out = build(folder, str(tmp_path / "l.yaml"), tmp_path / "b.pdf").pdf
    boxes = image_boxes(out)
    pdf = pdfium.PdfDocument(str(out))
    try:
        [here] = [i for i, page in enumerate(pdf) if "Photographs" in page.get_textpage().get_text_range()]
    finally:
        pdf.close()
    assert boxes[here], "the heading's page has the first photo"
    for page in boxes:
        for i, a in enumerate(page):
            for b in page[i + 1:]:           # (left, bottom, right, top): no two overlap
                assert a[2] <= b[0] + 0.5 or b[2] <= a[0] + 0.5 or a[3] <= b[1] + 0.5 or b[3] <= a[1] + 0.5, (a, b)


def test_photos_are_not_set_mid_page_in_a_frame_narrower_than_they_were_made_for(tmp_path):
    # a photos section's photos are made for its column; mid-page, a narrower frame is
    # another section's column, where the section's plan (heights only) set them anyway,
    # wider than the column. They go on; in a frame as wide as they are, they stay.
    from booklet.flowables import PhotoImage, PhotoPage, PhotoRun

    class Frame:
        _atTop, _aH = 0, 500.0

    run = PhotoRun([[PhotoImage(tmp_path / "a.jpg", 300, 200)]], headed=True)
    run._frame = Frame()
    assert run.split(100, 400) == []
    assert isinstance(run.split(300, 400)[0], PhotoPage)
