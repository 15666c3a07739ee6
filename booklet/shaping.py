"""Kerning, ligatures and joined Arabic letters, through reportlab's HarfBuzz shaping, with
the text layer kept true to what was written.

reportlab draws a shaped glyph that has no character of its own (the "fi" ligature, an
Arabic letter's initial form) under a private-use code point, and writes that code point
into the PDF's ToUnicode map, so copying "finish" out of the PDF gave "\ue000nish". Here
each such glyph is remembered with the text it stands for, read from its glyph name
("f_i", "uni0628.init"), and the ToUnicode map gives that text back.

Here too are the faster ways reportlab's line breaking and drawing take through the same
work, each giving the same bytes (PDFs compared byte for byte before and after): words
measured and shaped once per font, a shaped line's text operators built in one pass, and
its font metrics and number formatting remembered.
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

import uharfbuzz
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen import textobject
from reportlab.platypus import paragraph

# private-use code point -> the text it stands for, per font face (by its PDF base name)
_STANDS_FOR: dict[str, dict[int, str]] = {}
# private-use code point -> the glyph's own code, for a glyph given a code of its own to be
# copied out as another letter of its cluster (see _in_typed_order), per font face
_DRAWN: dict[str, dict[int, str]] = {}


def _face_key(face) -> str:
    return (face.name + face.subfontNameX).decode("pdfdoc")


def subset_tag(face_name: bytes, n: int) -> bytes:
    """Six capital letters for subset n of a font, the same in every build."""
    return bytes(65 + b % 26 for b in hashlib.sha256(face_name + b"/%d" % n).digest()[:6])


class ShapedTTFont(ttfonts.TTFont):
    """A TrueType font whose shaped glyphs remember the text they stand for, and which
    measures each distinct word once (line breaking measures the same words over and over:
    220,000 times for a 230-page booklet)."""

    # reportlab's getAscentDescent asks the font first and the face after an AttributeError:
    # 80,000 exceptions in line breaking a 230-page booklet
    ascent = property(lambda self: self.face.ascent)
    descent = property(lambda self: self.face.descent)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._units: dict = {}
        self._hb: dict = {}

    def stringWidth(self, text, size, encoding="utf8"):
        try:
            units = self._units[text]
        except KeyError:
            if isinstance(text, bytes):
                text = text.decode(encoding or "utf8")
            if len(self._units) > 200_000:
                self._units.clear()
            widths, missing = self.face.charWidths, self.face.defaultWidth
            units = self._units[text] = sum([widths.get(ord(ch), missing) for ch in text])
        return 0.001 * size * units          # reportlab's own arithmetic, to the last bit

    def addObjects(self, doc):
        """reportlab's writing of the font's subsets, each with a tag of its own: reportlab
        tags the first subset of every font AAAAAA+, and the PDF standard (9.6.4) wants
        different subsets in one file to have different tags (a print shop's preflight may
        take two subsets with one tag for one font)."""
        reportlab_tag = ttfonts.SUBSETN
        ttfonts.SUBSETN = functools.partial(subset_tag, self.face.name + self.face.subfontNameX)
        try:
            super().addObjects(doc)
        finally:
            ttfonts.SUBSETN = reportlab_tag

    def splitString(self, text, doc, encoding="utf-8"):
        """reportlab's, at C speed for text whose characters all have codes in the first
        subset already (all but the first lines of a booklet): one str.translate."""
        state = self.state.get(doc) if isinstance(text, str) and text else None
        if state is not None:
            known = getattr(self, "_coded", None)
            if known is None or known[0] is not state or known[1] != len(state.assignments):
                table = {code: chr(n) for code, n in state.assignments.items() if n < 256}
                if 32 in table:
                    table[0xA0] = table[32]             # reportlab sets a no-break space as a space
                known = self._coded = (state, len(state.assignments), frozenset(map(chr, table)), table)
            if known[2].issuperset(text):
                return [(0, text.translate(known[3]).encode("latin-1"))]
        return super().splitString(text, doc, encoding)

    def hbFont(self, fontSize=10):
        """HarfBuzz's font at this size: made once a size (reportlab makes one a word)."""
        hb = self._hb.get(fontSize)
        if hb is None:
            hb = self._hb[fontSize] = self._new_hb_font(fontSize)
        return hb

    def _new_hb_font(self, fontSize):
        hb = super().hbFont(fontSize)
        add = self.hbAddPrivate
        known = _STANDS_FOR.setdefault(_face_key(self.face), {})

        def add_private(name, gid, advance):
            code = add(name, gid, advance)
            if code not in known:
                known[code] = glyph_text(self.face, hb, name)
                # reportlab keeps the advance in the font's units; the PDF's widths are in
                # thousandths of an em (a 2048-unit font's "fi" was twice as wide, and every
                # ligature was followed by a step back that split words for text extraction)
                self.face.charWidths[code] = self.face._pdfScale(advance)
                self._units = {}            # a new glyph's width: measure afresh
            return code

        self.hbAddPrivate = add_private
        return hb


_UNI = re.compile(r"uni((?:[0-9A-Fa-f]{4})+)")
_U = re.compile(r"u([0-9A-Fa-f]{4,6})")


def glyph_text(face, hb, name: str) -> str:
    """The text a glyph stands for, from its name as the Adobe Glyph List conventions
    spell it: 'f_f_i' is "ffi", 'uni0628.init' is "ب", 'fi' is the ﬁ ligature, read as "fi"."""
    out = []
    for part in name.split(".")[0].split("_"):
        if m := _UNI.fullmatch(part):
            digits = m.group(1)
            out += [chr(int(digits[i:i + 4], 16)) for i in range(0, len(digits), 4)]
        elif m := _U.fullmatch(part):
            out.append(chr(int(m.group(1), 16)))
        else:
            gid = hb.get_glyph_from_name(part) if part else None
            chars = [c for c in face.glyphToChar.get(gid, []) if not 0xE000 <= c <= 0xF8FF] if gid else []
            out.append(chr(chars[0]) if chars else "\ufffd")
    return unicodedata.normalize("NFKC", "".join(out))


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, mended: characters beyond U+FFFF (emoji, 𝄞) as UTF-16
    surrogate pairs (reportlab wrote five hex digits), and shaped glyphs (ligatures, joined
    Arabic letters) as the text they stand for."""
    stands_for = _STANDS_FOR.get(fontname.split("+", 1)[-1], {})

    def utf16(v):
        text = stands_for.get(v) or (chr(v) if v <= 0x10FFFF else "\ufffd")
        if 0xFB00 <= v <= 0xFDFF or 0xFE70 <= v <= 0xFEFF:
            # a joined Arabic letter, drawn with the font's presentation form of it: copied
            # out, it is the letter as typed; so is a ligature the font also lists as a
            # character (Noto Sans's 'ﬁ', U+FB01: poppler gave 'ﬁnish', which a search for
            # 'finish' does not find)
            text = unicodedata.normalize("NFKC", text)
        if len(text) > 1 and any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
            # a right-to-left ligature (Arabic lam-alef): text extractors reverse a run drawn
            # right to left letter by letter, so its letters are given in drawing order too
            # (else 'الأب' was read back 'األب')
            text = text[::-1]
        return text.encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1), "endcodespacerange", "%d beginbfchar" % len(subset),
        *("<%02X> <%s>" % (i, utf16(v)) for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


# kerning and the standard ligatures (fi, fl; Arabic's are required ones, always on), but
# not reportlab's discretionary ones too: DejaVu Sans, the fallback font and a family a
# layout may name, printed every 'st' of 'story' as the old 'ﬆ' ligature; they are off by
# default in word processors and browsers alike
_FEATURES = dict(kern=True, liga=True)
_reportlab_shape = functools.partial(ttfonts.shapeFragWord, features=_FEATURES)
# right-to-left scripts (Hebrew to Thaana and Arabic's forms; Adlam and the other scripts
# of the planes beyond, whose words were shaped as drawn: an Adlam word came out reversed)
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")


def shape_word(word, *args, **kwargs):
    """reportlab's shaping of one word, where it is safe, and once for each distinct word.

    A word set in more than one font (a fallback font for one character) is shaped by
    reportlab with the first font's glyph ids, which draws wrong glyphs or fails: such a
    word is left unshaped, as are words with callback fragments (reportlab drops them). A
    right-to-left word arrives here in the order it is drawn (styles.visual_order);
    HarfBuzz wants it as typed, and gives it back in drawing order with its letters joined.
    """
    if len(word) == 2 and len(word[1]) == 2:
        frag, text = word[1]
        key = (frag.fontName, frag.fontSize, text, word.__class__)
        known = _SHAPED.get(key)
        if known is None:
            known = _shape_new(word, key, frag, text, args, kwargs)
            if known is None:
                return word
        cls, width, glyphs = known
        return word if cls is None else cls([width, (frag, glyphs)])
    parts = word[1:]
    marks = [hasattr(f, "cbDefn") and not t for f, t, *_ in parts]
    if len(parts) > 1 and marks.count(False) == 1 and not hasattr(parts[marks.index(False)][0], "cbDefn"):
        # a word with a mark beside it (a callback of no text, which reportlab puts into the
        # word it touches: the contents' marks where a title ends, or where a right-to-left
        # one begins) is shaped, the marks kept where they were: it was drawn as it stood,
        # a title's last word unkerned, an Arabic one's letters unjoined
        at = marks.index(False)
        shaped = shape_word(word.__class__([word[0], parts[at]]), *args, **kwargs)
        return shaped.__class__([shaped[0], *parts[:at], *shaped[1:], *parts[at + 1:]])
    if not parts or isinstance(word, ttfonts.ShapedFragWord) or any(hasattr(f, "cbDefn") for f, *_ in parts):
        return word                   # already shaped, or not safe to shape
    if len({f.fontName for f, *_ in parts}) > 1 or any(_RTL.search(t) for _, t, *_ in parts):
        if any(_JOINED_OR_MARKED.search(t) for _, t, *_ in parts):
            return _shaped_apart(word, args, kwargs)
        return word                   # (English in two fonts: unkerned, as before)
    if any(_as_typed(t) for _, t, *_ in parts):
        return word                   # a piece of a split word
    return _reportlab_shape(word, *args, **kwargs)


# scripts that are wrong, not merely unkerned, drawn unshaped: letters joined (Arabic,
# Syriac, Mongolian), conjuncts and vowel signs (Devanagari to Khmer), marks placed on
# their letters (Hebrew points, Thai); not the symbols and emoji, whose variation
# selectors shaping drops
_JOINED_OR_MARKED = re.compile("[\u0590-\u1cff\ua800-\uabff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00011fff"
                               "\U0001e800-\U0001efff]")


def _shaped_apart(word, args, kwargs):
    """A word in pieces of different fonts, or a right-to-left one in pieces, each piece
    shaped on its own. Such a word was drawn unshaped: an Arabic word before a full stop
    outside its italics (the stop in the text's font) in unjoined letters, a Hindi one in
    broken conjuncts; and reportlab shapes a right-to-left word of several pieces in one
    font in the order it is drawn, joining its letters backwards."""
    pieces, width, changed = [], 0.0, False
    for part in word[1:]:
        frag, text = part[0], part[1]
        alone = word.__class__([pdfmetrics.stringWidth(text, frag.fontName, frag.fontSize), (frag, text)])
        shaped = shape_word(alone, *args, **kwargs) if text and not _as_typed(text) else alone
        if shaped is alone or len(shaped) != 2:
            width += alone[0]
            pieces.append(part)
        else:
            changed = True
            width += shaped[0]
            pieces.append((shaped[1][0], shaped[1][1], *part[2:]))
    if not changed:
        return word
    return ttfonts.makeShapedFragWord(word)([width, *pieces])


def _shape_new(word, key, frag, text, args, kwargs):
    """Shape a one-font word and remember how: (class, width, glyphs), or (None, ...) when
    shaping changes nothing. None: leave this word as it is, and do not remember it."""
    if not text or hasattr(frag, "cbDefn") or _as_typed(text):
        return None
    rtl = bool(_RTL.search(text))
    if rtl and (any(ch.isdigit() for ch in text)
                or not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)):
        # bidi sets numbers left to right inside right-to-left text, so such a word in
        # drawing order is not its typed order reversed: it is drawn as bidi ordered it
        return None
    # drawn order back to typed order: reversed, and brackets unmirrored (HarfBuzz mirrors
    # them again in a right-to-left run), so that it draws exactly what bidi ordered
    typed = word.__class__([word[0], (frag, text[::-1].translate(_MIRROR))]) if rtl else word
    shaped = _shape_one(typed, frag, typed[1][1]) if not (args or kwargs) else _reportlab_shape(typed, *args, **kwargs)
    if shaped is not typed and any(_PUA.search(str(part[1])) for part in shaped[1:]):
        _learn_from_clusters(frag, typed[1][1])        # it drew glyphs of no character of their own
    if shaped is not typed and not rtl and len(shaped) == 2 and len(shaped[1]) == 2:
        shaped = _in_typed_order(shaped, frag, typed[1][1])
    if shaped is typed:
        known = (None, 0.0, None)
    elif len(shaped) == 2 and len(shaped[1]) == 2:
        known = (shaped.__class__, shaped[0], shaped[1][1])
    else:
        return None
    if len(_SHAPED) > 100_000:
        _SHAPED.clear()
    _SHAPED[key] = known
    return known


ShapeData, _tuple = ttfonts.ShapeData, tuple.__new__     # a ShapeData made without its Python __new__


def _harfbuzz(hb, text: str, level=uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS):
    """HarfBuzz's buffer for a text shaped as reportlab shapes it: one cluster a character,
    script and direction guessed, kerning and ligatures on. (`level` CHARACTERS: where each
    glyph's letters begin, even in a reordered cluster.)"""
    buffer = uharfbuzz.Buffer()
    buffer.cluster_level = level
    buffer.add_str(str(text))           # (a str itself: HarfBuzz refuses a subclass of str)
    buffer.guess_segment_properties()
    uharfbuzz.shape(hb, buffer, _FEATURES)
    return buffer


def _shape_one(word, frag, text: str):
    """reportlab's shapeFragWord for a word in one font: the same result (class, width,
    glyphs, their positions, to the last bit) and the same private-use codes, without its
    four method calls and a glyph name per glyph. (Its "shaped" flag changes nothing for a
    word in one font: both of its ways out give the same word.)"""
    font = pdfmetrics.getFont(frag.fontName)
    cls = ttfonts.makeShapedFragWord(word)
    try:
        hb = font.hbFont(frag.fontSize)
    except AttributeError:
        return word
    buffer = _harfbuzz(hb, text)
    face = font.face
    to_char, widths, scale = face.glyphToChar, face.charWidths, face._pdfScale
    zero, size, n = scale(0), frag.fontSize / 1000, len(text)
    unscaled = type(scale(1)) is int and scale(1) == 1        # the identity, for a 1000-unit em
    chars, data, width = [], [], 0
    changed = False
    for i, (info, pos) in enumerate(zip(buffer.glyph_infos, buffer.glyph_positions)):
        gid = info.codepoint
        try:
            code = to_char[gid][0]
        except KeyError:
            code = font.hbAddPrivate(hb.glyph_to_string(gid), gid, pos.x_advance)
        glyph_width = widths[code]
        ch = chr(code)
        x_advance, y_advance, x_offset, y_offset = pos.x_advance, pos.y_advance, pos.x_offset, pos.y_offset
        if not unscaled:            # (each by hand, not in a generator: a third of this loop's time)
            x_advance = scale(x_advance) if x_advance else zero
            y_advance = scale(y_advance) if y_advance else zero
            x_offset = scale(x_offset) if x_offset else zero
            y_offset = scale(y_offset) if y_offset else zero
        if x_advance:
            width += x_advance * size
        if not changed:         # a glyph not the letter typed, or not where the font alone puts it
            changed = (i >= n or text[i] != ch or x_advance != glyph_width
                       or x_offset != 0 or y_offset != 0)
        chars.append(ch)
        data.append(_tuple(ShapeData, (info.cluster, x_advance, y_advance, x_offset, y_offset, glyph_width)))
    if not changed:
        return word
    return cls([width, (frag, ttfonts.ShapedStr("".join(chars), shapeData=data))])


_SHAPED: dict = {}
_PUA = re.compile("[\ue000-\uf8ff]")
_SOFT_HYPHENED = getattr(paragraph, "_SHYIndexedStr", ())    # a word typed with soft hyphens


def _as_typed(text) -> bool:
    """Whether a word's text is set as it is, unshaped: shaped already (a piece of a split
    word); holding a private-use code, a glyph shaped before (HarfBuzz has none for it and
    drew an empty box); or typed with soft hyphens (reportlab's own kind of string, which
    HarfBuzz refused, and which keeps where the word may break)."""
    return isinstance(text, (ttfonts.ShapedStr, _SOFT_HYPHENED)) or bool(_PUA.search(text))
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")


paragraph.shapeFragWord = shape_word


_reportlab_format = textobject.PDFTextObject._formatText


def format_text(self, text):
    """The text operators for a run of a line, each word whose marks would split it when
    copied out marked with its text as written (_marked_words)."""
    pieces = _marked_words(self, text) if _JOINED_OR_MARKED.search(text) else None
    if pieces is None:
        return _format_run(self, text)
    return " ".join(f"/Span <</ActualText <FEFF{actual.encode('utf-16-be', 'surrogatepass').hex().upper()}>>> "
                    f"BDC {_format_run(self, piece)} EMC" if actual else _format_run(self, piece)
                    for piece, actual in pieces)


def _marked_words(self, text):
    """A run cut where a word with marks begins and ends, each such word with the text it
    stands for: [(piece, its text or None)], or None when no word has marks.

    poppler (pdftotext, and the viewers built on it: Evince, Okular) starts a new word, and
    often a new line, at a zero-width mark drawn over the letter before it, two marks on
    one letter or a mark raised off the line: Thai 'ผู้ชาย' was copied out 'ผช' and 'ู้ าย' a
    line below. Such a word is marked with its text as written (the PDF's ActualText), which
    poppler and pdfium read instead of its glyphs. Not a right-to-left word: pdfium reads an
    ActualText there in another order than poppler, and reads the glyphs right."""
    data = getattr(text, "__shapeData__", None)
    if data is None or len(data) != len(text) or not _has_mark(data):
        return None
    font = pdfmetrics.getFont(self._fontname)
    stands_for = _STANDS_FOR.get(_face_key(font.face), {})
    pieces, start = [], 0
    for word in re.finditer(r"[^ \xa0]+[ \xa0]?", text):      # (a word and its space: pdfium left
        # out a space between two marked words)
        if not _has_mark(data[word.start():word.end()]):
            continue
        actual = "".join(stands_for.get(ord(ch)) or ch for ch in word.group())
        if _RTL.search(actual):
            continue
        if word.start() > start:
            pieces.append((text[start:word.start()], None))
        pieces.append((text[word.start():word.end()], _sara_am(unicodedata.normalize("NFC", actual))))
        start = word.end()
    if not pieces:
        return None
    if start < len(text):
        pieces.append((text[start:], None))
    return pieces


_SIMPLE = ttfonts._sdSimple.cluster           # a character added to a shaped run unshaped (a space)


def _has_mark(glyphs) -> bool:
    """Whether shaped glyphs include a mark: a glyph of no advance (not a character added
    to the run unshaped, which has none either)."""
    return any(sd.x_advance == 0 and sd.cluster != _SIMPLE for sd in glyphs)


def _sara_am(text: str) -> str:
    """Thai and Lao SARA AM ('ำ'), which the fonts draw as two glyphs, a nikhahit and a sara aa,
    that copy out as those two characters: given back as the letter typed (NFC does not join
    them: Unicode's decomposition of it is only a compatibility one)."""
    return text.replace("\u0e4d\u0e32", "\u0e33").replace("\u0ecd\u0eb2", "\u0eb3")


def _format_run(self, text):
    """reportlab's text operators for a shaped line (one TJ with the kerning in it), the
    same bytes, made without its per-glyph grouping loops (a third of the drawing time).
    Lines with raised or lowered marks (Arabic vowel signs, Indic) are left to reportlab."""
    font = pdfmetrics.getFont(self._fontname)
    data = getattr(text, "__shapeData__", None)
    if (data is None or not font._dynamicFont or not font.shapable or len(data) != len(text)
            or any(sd.y_offset for sd in data)):
        return _reportlab_format(self, text)
    canv = self._canvas
    out = []
    start = 0
    for subset, codes in font.splitString(text, canv._doc):
        if subset != self._curSubset:
            out.append(f"{font.getSubsetInternalName(subset, canv._doc)} {_fp(self._fontsize)} Tf "
                       f"{_fp(self._leading)} TL")
            self._curSubset = subset
        parts = _operands(codes, data[start:start + len(codes)], canv._escape)
        start += len(codes)
        out.append(f"{parts[0]} Tj" if len(parts) == 1 and parts[0][0] == "(" else f"[{' '.join(parts)}] TJ")
    return " ".join(out)


def _fp(*values, known: dict = {}) -> str:
    """reportlab's fp_str, once for each set of numbers: for its text objects (a line's
    position, Td, Tf: most lines move by the same steps) and our kerning steps."""
    try:
        return known[values]
    except KeyError:
        if len(known) > 10_000:
            known.clear()
        text = known[values] = fp_str(*values)
        return text
    except TypeError:                   # a list of numbers
        return fp_str(*values)


textobject.fp_str = _fp

def _set_rise(self, rise):
    """reportlab's setRise, mended twice. Two in a row are one operator, as there; but
    there the second left the rise it had noted at the first, while the PDF had the
    second: the next glyph at the first rise was drawn at the second (a letter after two
    accents moved by HarfBuzz to different heights, as in Zalgo text, stood above or below
    the line). And a run whose first glyph HarfBuzz raises (a combining accent set first, in
    the font of the run before, so no font operator came first) stopped the build with an
    IndexError there, looking at the last operator of a run that had none."""
    operator = f"{_fp(rise)} Ts"
    if self._code and self._code[-1].endswith(" Ts"):
        self._y += self._rise           # the rise before is undone, and replaced
        self._code[-1] = operator
    else:
        self._code.append(operator)
    self._rise = rise
    self._y -= rise


textobject.PDFTextObject.setRise = _set_rise


def _operands(codes: bytes, glyphs, escape) -> list[str]:
    """TJ operands: runs of glyphs, and between them the steps where HarfBuzz moves a glyph
    from where the font alone would put it (kerning, x offsets)."""
    parts, run, shift = [], bytearray(), 0
    for code, sd in zip(codes, glyphs):
        shift -= sd.x_offset                    # the offset before the glyph
        if shift and _fp(shift) != "0":
            if run:
                parts.append(f"({escape(bytes(run))})")
                run = bytearray()
            parts.append(_fp(shift))
        run.append(code)
        shift = sd.width - sd.x_advance + sd.x_offset   # its advance, less the font's own
    if run:
        parts.append(f"({escape(bytes(run))})")
    if shift and _fp(shift) != "0":
        parts.append(_fp(shift))
    return parts


textobject.PDFTextObject._formatText = format_text


def _in_typed_order(shaped, frag, text: str):
    """The shaped word with its glyphs copied out in the order its letters were typed.
    Indic vowel signs are typed after their letter and drawn before it ('कि': ि then क),
    a reph after the letter it is typed before, and text extractors read glyphs in drawing
    order: 'किताब' was copied out (and searched for) as 'िकताब', 'शर्मा' as 'शमार्', Tamil
    'கொ' (drawn ெ, க, ா) as 'ெகா'. Each glyph is then given a code of its own that copies
    out as the letters due at its place (the same glyph drawn, at the same width): 'क' for
    the glyph ि there, 'ि' for the glyph क. A word whose letters cannot be shared out so
    is left as it is."""
    glyphs = shaped[1][1]
    font = pdfmetrics.getFont(frag.fontName)
    letters = _STANDS_FOR.get(_face_key(font.face), {})
    parts = [letters.get(ord(glyph)) or glyph for glyph in glyphs]
    if "".join(parts) == text:
        return shaped                   # (nearly every word: copied out as typed already)
    # (a vowel in parts drawn apart, Tamil ொ or Kannada ೋ, is shared out in its parts,
    # ெ and ா: the same text in canonical order, which searches and copies read as ொ)
    wanted = (_by_characters(font, frag.fontSize, text, glyphs)
              or _by_characters(font, frag.fontSize, unicodedata.normalize("NFD", text), glyphs)
              or _by_clusters(glyphs.__shapeData__, parts, text))
    if wanted is None or len(_DRAWN.get(_face_key(font.face), ())) >= COPIED_MOST:
        return shaped                   # (past COPIED_MOST, a word copies out in drawing order)
    out = "".join(glyph if part == want else _copied_as(font, glyph, want)
                  for glyph, part, want in zip(glyphs, parts, wanted))
    return shaped.__class__([shaped[0], (shaped[1][0], ttfonts.ShapedStr(out, shapeData=glyphs.__shapeData__))])


def _by_characters(font, size: float, text: str, glyphs: str) -> list[str] | None:
    """For each glyph, in drawing order, the letters due there: HarfBuzz, asked to keep
    the characters apart, says where in the text each glyph's letters begin; in typed order
    they spell the word. None when two glyphs begin at one letter (a split vowel)."""
    infos = _harfbuzz(font.hbFont(size), text, uharfbuzz.BufferClusterLevel.CHARACTERS).glyph_infos
    to_glyph = font.face.charToGlyph
    if len(infos) != len(glyphs) or any(info.codepoint != to_glyph.get(ord(glyph)) for info, glyph in zip(infos, glyphs)):
        return None
    starts = sorted(info.cluster for info in infos)
    if starts[0] != 0 or len(set(starts)) != len(starts):
        return None
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def _by_clusters(data, parts: list[str], text: str) -> list[str] | None:
    """For each glyph the letters due there, by HarfBuzz's clusters as shaped (a cluster
    with the one or two after it: the first part of a split vowel, Tamil ொ drawn ெ ... ா,
    is in its letter's cluster, the rest in its own), matched against the letters in
    canonical order (ொ is ெ and ா); None when nothing changes."""
    clusters: dict[int, list[int]] = {}
    for i, glyph in enumerate(data):
        clusters.setdefault(glyph[0], []).append(i)
    starts = sorted(clusters)
    ends = starts[1:] + [len(text)]
    wanted = list(parts)
    n = 0
    while n < len(starts):
        for width in range(3):
            if n + width >= len(starts):
                break
            at = [i for start in starts[n:n + width + 1] for i in clusters[start]]
            here = [parts[i] for i in at]
            typed = text[starts[n]:ends[n + width]]
            if "".join(here) == typed or not all(here) or len(at) > 8:
                break
            order = _shared_out(typed, here) or _shared_out(unicodedata.normalize("NFD", typed), here)
            if order is not None:
                for i, k in zip(at, order):
                    wanted[i] = here[k]
                n += width
                break
        n += 1
    return wanted if wanted != parts else None


def _shared_out(typed: str, parts: list[str]) -> list[int] | None:
    """The order of the parts that spells the typed text, or None."""
    def spell(at: int, used: tuple) -> list[int] | None:
        if at == len(typed):
            return [] if len(used) == len(parts) else None
        for k, part in enumerate(parts):
            if k not in used and typed.startswith(part, at):
                rest = spell(at + len(part), used + (k,))
                if rest is not None:
                    return [k, *rest]
        return None

    return spell(0, ())


COPIED_MOST = 3000      # codes of copies, at most, for a face: reportlab has 6,144 private-use
                        # codes a face, and its own glyphs with no character need some (30,000
                        # random Hindi words took 1,011)


def _copied_as(font, glyph: str, text: str) -> str:
    """A code for the glyph that copies out as `text`: one for each glyph and text."""
    face = font.face
    key = _face_key(face)
    gid = face.charToGlyph[ord(glyph)]
    code = font.hbAddPrivate(f" {gid} {text}", gid, 0)      # (a name no glyph has)
    _STANDS_FOR.setdefault(key, {})[code] = text
    _DRAWN.setdefault(key, {})[code] = _DRAWN.get(key, {}).get(ord(glyph), glyph)
    face.charWidths[code] = face.charWidths[ord(glyph)]
    return chr(code)


def drawn(font_name: str, code: str) -> str:
    """The glyph's own code for a code given to it to be copied out as another letter
    (_in_typed_order); any other code as it is."""
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    return _DRAWN.get(_face_key(face), {}).get(ord(code), code) if face is not None else code


def stands_for(font_name: str, code: str) -> str:
    """The letters a private-use glyph code of a font stands for ('្រ' for Khmer's subscript
    ro), as far as shaping has learnt them, or ''."""
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    return _STANDS_FOR.get(_face_key(face), {}).get(ord(code), "") if face is not None else ""


_FROM_CLUSTERS: set[tuple[str, int]] = set()     # (a face, a code) learnt from HarfBuzz's clusters


def _learn_from_clusters(frag, text: str) -> None:
    """What each private-use glyph of this word stands for, from HarfBuzz's clusters: a
    conjunct such as Devanagari स्त, whose glyph name says nothing, stands for the letters
    of its cluster. (Its name is the fallback: 'f_i' is "fi" in any case.)"""
    font = pdfmetrics.getFont(frag.fontName)
    known = _STANDS_FOR.get(_face_key(font.face), {})
    copied = _DRAWN.get(_face_key(font.face), {})
    private = {font.face.charToGlyph[code]: code for code in known
               if code in font.face.charToGlyph and code not in copied}
    if not private:
        return
    buffer = _harfbuzz(font.hbFont(frag.fontSize), str(text))
    starts = sorted({info.cluster for info in buffer.glyph_infos})
    ends = dict(zip(starts, starts[1:] + [len(text)]))
    glyphs: dict[int, list[int]] = {}
    for info in buffer.glyph_infos:
        glyphs.setdefault(info.cluster, []).append(info.codepoint)
    for start, ids in glyphs.items():
        # the cluster's letters, less those drawn by glyphs of their own (the consonant
        # beside a vowel sign), go to its first private-use glyph
        rest = text[start:ends[start]]
        for gid in ids:
            if gid not in private and font.face.glyphToChar.get(gid):
                rest = rest.replace(chr(font.face.glyphToChar[gid][0]), "", 1)
        first = next((private[gid] for gid in ids if gid in private), None)
        if first is not None and rest:
            # a glyph met in several clusters stands for the fewest letters it was seen with:
            # Khmer's subscript ro, first met in 'ស្ត្រ', copied out 'ព្រះ' as '្ត្រពះ'
            learnt = (_face_key(font.face), first)
            if learnt not in _FROM_CLUSTERS or len(rest) < len(known[first]):
                known[first] = rest
                _FROM_CLUSTERS.add(learnt)


def shaped_width(text: str, font_name: str, size: float) -> float:
    """The width of text (in typed order) as HarfBuzz sets it: kerned, ligatures and joined
    letters included."""
    from reportlab.lib.abag import ABag

    plain = pdfmetrics.stringWidth(text, font_name, size)
    return _reportlab_shape([plain, (ABag(fontName=font_name, fontSize=size), text)])[0]


def _string_width(text, fontName, fontSize, encoding="utf8", fonts=pdfmetrics._fonts):
    """pdfmetrics.stringWidth for reportlab's line breaking (220,000 calls for 230 pages),
    the registered font asked straight away."""
    font = fonts.get(fontName)
    if font is None:
        return pdfmetrics.stringWidth(text, fontName, fontSize, encoding)
    return font.stringWidth(text, fontSize, encoding)


def _ascent_descent(fontName, fontSize=None, known={}):
    """pdfmetrics.getAscentDescent, once for each font and size (80,000 calls)."""
    try:
        return known[fontName, fontSize]
    except KeyError:
        value = known[fontName, fontSize] = pdfmetrics.getAscentDescent(fontName, fontSize)
        return value


paragraph.stringWidth = _string_width
paragraph.getAscentDescent = _ascent_descent
