"""Theme styles to reportlab ParagraphStyles, and user text to safe paragraph markup.

User text is data: every character is escaped before it reaches reportlab's markup
parser, and the only tags in the markup are the ones written here (<b>, <i>, <font>,
<br/>). A character the style's font lacks is set in the fallback font; a character no
font has is reported, never dropped silently.
"""
from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from functools import cache
from pathlib import Path

from reportlab.lib import textsplit
from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import paragraph

from . import fonts
from .errors import BookletError, Problem
from .model import Span
from .theme import Theme
from .words import capitals, for_language, written_right_to_left

CJK = "Droid Sans Fallback"
NASKH = "NotoNaskhArabic"
# languages written in the Arabic script with letters the fallback font lacks in most of their
# words (Urdu's ہ and ے, as in ہے): all their Arabic letters in Noto Naskh Arabic, not a word
# in one face beside a word in the other
NASKH_FIRST = dict.fromkeys(("ur", "pnb"), True)
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
EXTRA_FALLBACKS = ("Symbola", CJK)
# scripts of South and South-East Asia, Ethiopia and more (Syriac, Thaana, Tibetan, Cherokee,
# Mongolian, Adlam): one Noto font each, read only when a character of its range appears
# (HarfBuzz shaping forms their conjuncts, vowel signs and joined letters)
SCRIPT_FONTS = [
    ((0x0900, 0x097F), "NotoSansDevanagari"), ((0xA8E0, 0xA8FF), "NotoSansDevanagari"),
    ((0x0980, 0x09FF), "NotoSansBengali"), ((0x0A00, 0x0A7F), "NotoSansGurmukhi"),
    ((0x0A80, 0x0AFF), "NotoSansGujarati"), ((0x0B80, 0x0BFF), "NotoSansTamil"),
    ((0x0C00, 0x0C7F), "NotoSansTelugu"), ((0x0C80, 0x0CFF), "NotoSansKannada"),
    ((0x0D00, 0x0D7F), "NotoSansMalayalam"), ((0x0D80, 0x0DFF), "NotoSansSinhala"),
    ((0x0E00, 0x0E7F), "NotoSansThai"), ((0x0E80, 0x0EFF), "NotoSansLao"),
    ((0x1000, 0x109F), "NotoSansMyanmar"), ((0x1200, 0x139F), "NotoSansEthiopic"),
    ((0x1780, 0x17FF), "NotoSansKhmer"),
    ((0x0B00, 0x0B7F), "NotoSansOriya"), ((0x1C50, 0x1C7F), "NotoSansOlChiki"),
    ((0x0700, 0x074F), "NotoSansSyriac"), ((0x0860, 0x086F), "NotoSansSyriac"),
    ((0x0780, 0x07BF), "NotoSansThaana"), ((0x0F00, 0x0FFF), "NotoSerifTibetan"),
    ((0x13A0, 0x13FF), "NotoSansCherokee"), ((0xAB70, 0xABBF), "NotoSansCherokee"),
    ((0x1800, 0x18AF), "NotoSansMongolian"), ((0x1E900, 0x1E95F), "NotoSansAdlam"),
    ((0xA980, 0xA9DF), "NotoSansJavanese"), ((0x1C00, 0x1C4F), "NotoSansLepcha"),
    ((0xA000, 0xA4CF), "NotoSansYi"), ((0xABC0, 0xABFF), "NotoSansMeeteiMayek"),
    ((0xAAE0, 0xAAFF), "NotoSansMeeteiMayek"), ((0x11100, 0x1114F), "NotoSansChakma"),
    ((0x10D00, 0x10D3F), "NotoSansHanifiRohingya"), ((0x1B00, 0x1B7F), "NotoSansBalinese"),
    ((0x1B80, 0x1BBF), "NotoSansSundanese"), ((0x1CC0, 0x1CCF), "NotoSansSundanese"),
    ((0x1A20, 0x1AAF), "NotoSansTaiTham"), ((0x1950, 0x197F), "NotoSansTaiLe"),
    ((0x1980, 0x19DF), "NotoSansNewTaiLue"), ((0xAA00, 0xAA5F), "NotoSansCham"),
    ((0x1BC0, 0x1BFF), "NotoSansBatak"), ((0x1A00, 0x1A1F), "NotoSansBuginese"),
    ((0xA500, 0xA63F), "NotoSansVai"), ((0xA6A0, 0xA6FF), "NotoSansBamum"), ((0x16800, 0x16A3F), "NotoSansBamum"),
    ((0x1900, 0x194F), "NotoSansLimbu"), ((0xA900, 0xA92F), "NotoSansKayahLi"),
    ((0x104B0, 0x104FF), "NotoSansOsage"), ((0xAA80, 0xAADF), "NotoSansTaiViet"),
    ((0xA880, 0xA8DF), "NotoSansSaurashtra"), ((0x1700, 0x171F), "NotoSansTagalog"),
    ((0x16A0, 0x16FF), "NotoSansRunic"), ((0x10330, 0x1034F), "NotoSansGothic"),
    ((0x2C00, 0x2C5F), "NotoSansGlagolitic"), ((0x1E000, 0x1E02F), "NotoSansGlagolitic"),
    ((0x0800, 0x083F), "NotoSansSamaritan"), ((0x0840, 0x085F), "NotoSansMandaic"),
    ((0x118A0, 0x118FF), "NotoSansWarangCiti"),
    # the Arabic script's letters the fallback font lacks: Urdu's ہ ے ۃ and its full stop ۔
    ((0x0600, 0x06FF), NASKH), ((0x0750, 0x077F), NASKH), ((0x08A0, 0x08FF), NASKH),
    ((0xFB50, 0xFDFF), NASKH), ((0xFE70, 0xFEFF), NASKH),
    # Chinese, Japanese and Korean from one font: Symbola, the first last resort, has a
    # few ideographs (中) in its own style, which stood out among their neighbours
    ((0x1100, 0x11FF), CJK), ((0x2E80, 0x33FF), CJK), ((0x3400, 0x4DBF), CJK), ((0x4E00, 0x9FFF), CJK),
    ((0xAC00, 0xD7AF), CJK), ((0xF900, 0xFAFF), CJK), ((0xFF00, 0xFFEF), CJK),
]

ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER, "justify": TA_JUSTIFY}


def shrinkage(alignment: int) -> float:
    """How much of each space reportlab may take to fit one more word on a line: a justified
    line is drawn with its spaces narrowed to its width (5%, reportlab's default); any other
    is drawn as it is, and its last word ran up to a point past the column's edge."""
    return 0.05 if alignment == TA_JUSTIFY else 0.0

# reportlab breaks a web address at a slash, and then cannot break what is left (it is
# a piece of a split word, which its long-word splitting passes over): the rest of a
# long address ran past the margin and off the page. Without that, an address that fits
# on a line moves to the next one whole, and a longer one is split where the line is
# full, like any word longer than a line (splitLongWords), with no hyphen added.
_reportlab_uri_split_pairs, paragraph._uri_split_pairs = paragraph._uri_split_pairs, lambda uri: None
_reportlab_split_frag_word = paragraph._splitFragWord
_URL_LIKE = ("://", "www.", "/")
_BREAK_AFTER, _BREAK_BEFORE = "/", ".?&=#_-~"
_LEAST_FULL = 0.5          # a line broken early at a slash is at least this full
# Chinese and Japanese, which have no spaces, are split where the line is full, except
# that a line does not start with a closing mark (，。」) nor end with an opening one (「（):
# the letter before moves down with it (reportlab's kinsoku lists, and the full-width marks)
_NO_START = frozenset(textsplit.ALL_CANNOT_START + "，．：；！？…〉》〗〙〛｝")
_NO_END = frozenset(textsplit.ALL_CANNOT_END)
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Thai and Lao have no spaces between words either, and no dictionary here to find them:
# a line ends where a syllable surely ends (_syllable_break) or where it is full, but not
# inside a syllable's letters written apart: it does not end with a vowel written before its
# consonant (เ แ โ ใ ไ), nor start with one written after it (ะ า ำ, and ๆ ฯ), nor break
# after ั or ็, which join the next consonant to the syllable ('วั' / 'ฒนธรรม' was printed)
_THAI_LAO = re.compile("[\u0e00-\u0eff]")
_LEADING_THAI = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
_NO_END_THAI = _LEADING_THAI | frozenset("\u0e31\u0e47\u0eb1\u0ebb")
_NO_START_THAI = frozenset("\u0e30\u0e32\u0e33\u0e45\u0e46\u0e2f\u0eb0\u0eb2\u0eb3\u0ec6\u0eaf")
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd]")   # written on a letter
_ENDS_SYLLABLE = frozenset("\u0e30\u0e33\u0e46\u0e2f\u0eb0\u0eb3\u0ec6\u0eaf")
_SYLLABLE_FULL = 0.75      # a Thai line broken early, where a syllable surely ends, is at least this full


def _syllable_break(chars, first: int, end: int) -> int | None:
    """The last place in (first, end] where a Thai or Lao syllable surely begins: before a
    vowel written ahead of its consonant, or after ะ, ำ or ๆ."""
    for j in range(end, first, -1):
        if chars[j][2] in _LEADING_THAI or chars[j - 1][2] in _ENDS_SYLLABLE:
            return j
    return None


# vowel signs drawn before the letter they follow in the text (ि, េ, ေ ...): after shaping,
# they come before it, and a line must not end with one
_PRE_BASE = frozenset("\u093f\u09bf\u09c7\u09c8\u0a3f\u0abf\u0b47\u0bc6\u0bc7\u0bc8\u0d46\u0d47\u0d48"
                      "\u0dd9\u0dda\u0ddb\u1031\u103c\u17c1\u17c2\u17c3")
_PRE_BASE_GLYPH = "\u17d2\u179a"     # Khmer's subscript ro, a glyph of its own drawn before its letter


def _PRIVATE(ch: str) -> bool:
    """A private-use character: no agreed meaning, and the codes shaping draws its glyphs under."""
    return "\ue000" <= ch <= "\uf8ff"


def _shaped(frag, ch: str) -> str | None:
    """The letters a shaped glyph with no character of its own (a private-use code) stands
    for, as far as shaping has learnt them ('' if not); None for any other character."""
    if not _PRIVATE(ch):
        return None
    from .shaping import stands_for

    return stands_for(frag.fontName, ch)


def _joined(frag, ch: str) -> bool:
    """A glyph that belongs with the one before it: a mark written on a letter (a vowel
    sign, a tone), or a shaped glyph with no character of its own that stands for one (a
    subscript letter, the second half of a conjunct; not a ligature such as 'fi')."""
    letters = _shaped(frag, ch)
    ch = ch if letters is None else letters[:1]
    return bool(ch) and unicodedata.category(ch)[0] == "M" and ch not in _PRE_BASE


def _joins_next(frag, ch: str) -> bool:
    """A glyph that belongs with the one after it: a vowel drawn before its letter (Khmer's
    subscript ro too, a glyph of its own), a joiner, or a virama or coeng that joins the
    next letter to this one (not Myanmar's asat, which ends a syllable)."""
    letters = _shaped(frag, ch)
    if letters is not None:
        return _PRE_BASE_GLYPH in letters
    return ch in _PRE_BASE or ch == "\u200d" or (unicodedata.combining(ch) == 9 and ch != "\u103a")


def _inside_cluster(chars, cut: int) -> bool:
    """Whether a line break before chars[cut] (glyphs, as shaped) would cut a letter from
    its marks or split a conjunct: a Khmer line began with a subscript letter cut from the
    letter it sits under, another ended with the first half of the vowel ោ, or with the
    subscript ro drawn before the letter it belongs to."""
    (frag, _, here), (frag_before, _, before) = chars[cut], chars[cut - 1]
    return _joins_next(frag_before, before) or (_joined(frag, here) and not _joins_next(frag, here)) or \
        _killed(chars, cut)


# signs that silence the letter they are written on, which then ends the syllable before it
# (Myanmar's asat, Khmer's bantoc, Thai's and Lao's cancellation marks): 'သ' / 'ည်', 'ရ' / 'ត់'
_KILLERS = frozenset("\u103a\u17cb\u0e4c\u0ecc")


def _killed(chars, cut: int) -> bool:
    """Whether the letter at chars[cut] is silenced by a sign after it (past a tone mark)."""
    for j in range(cut + 1, min(cut + 3, len(chars))):
        if chars[j][2] in _KILLERS:
            return True
        if unicodedata.category(chars[j][2])[0] != "M":
            return False
    return False


def _inside_syllable(chars, cut: int) -> bool:
    """Whether a Thai or Lao line break before chars[cut] would split a syllable's letters."""
    if chars[cut][2] in _NO_START_THAI or _MARKS.match(chars[cut][2]):
        return True
    j = cut - 1
    while j > 0 and _MARKS.match(chars[j][2]) and chars[j][2] not in _NO_END_THAI:
        j -= 1                          # (past the tone marks on the letter before)
    return chars[j][2] in _NO_END_THAI or chars[cut - 1][2] in _NO_END_THAI


def _as_drawn(chars: list) -> list:
    """(fragment, width, character) with each glyph as itself: a glyph that copies out as
    another letter of its cluster (the vowel sign ि drawn before क) is the vowel sign here;
    an empty fragment (markup around nothing) is a word joiner, a character like any other
    (looked at for a break beside it, '' stopped the build: 'combining() argument must be a
    unicode character')."""
    if all(c and not _PRIVATE(c) for _, _, c in chars):
        return chars
    from .shaping import drawn

    return [(g, cw, "\u2060" if not c else drawn(g.fontName, c) if _PRIVATE(c) else c)
            for g, cw, c in chars]


def split_long_word(w, max_width, max_widths, lineno):
    """reportlab's splitting of a word longer than a line, except that a web address (or a
    path) is split after a slash or before a dot, ?, &, = or the like, where a reader
    expects it to go on, rather than between any two letters where the line is full;
    unless that would leave the line less than half full. The pieces are built as
    reportlab builds them (classes, clones, widths, a piece for each change of fragment);
    only where they are cut differs. Other words go to reportlab's."""
    given = list(paragraph._fragWordIter(w))             # (fragment, width, character)
    chars = _as_drawn(given)                               # where to break: by the glyphs drawn
    text = "".join(c for _, _, c in chars)
    # Each way of breaking applies from where the word first shows it, not to the whole word:
    # reportlab sets the part of a paragraph before a page break again, with the word cut
    # short there, and its lines must come out as they did (a Thai word whose only '-' came
    # after the page break broke otherwise in the part: 'Splitting error').
    # a web address: from its '://', 'www.' or first '/'
    url_at = min((text.find(mark) + len(mark) for mark in _URL_LIKE if mark in text), default=None)
    # where a web address proper begins ('https://', 'www.'): a break before it is inside it
    address_at = max(text.find("://") + 3, text.find("www.") + 4) if "://" in text or "www." in text else 0
    # a long compound ('Barcelona-1992-semi-final', which reportlab does not hyphenate for
    # its digits) breaks after one of its hyphens, not where the line is full: a line
    # began with '-semi-final'
    hyphen_at = text.find("-", 1, len(text) - 1)
    hyphen_at = hyphen_at if hyphen_at > 0 else None
    kinsoku_at = next((m.end() for m in _CJK.finditer(text)), None)
    syllables_at = next((m.end() for m in _THAI_LAO.finditer(text)), None)
    clusters_at = next((k for k, (g, _, ch) in enumerate(chars)
                        if not ch.isascii() and (_joined(g, ch) or _joins_next(g, ch))), None)
    if any(hasattr(g, "cbDefn") for g, _, _ in chars) or \
            (url_at, hyphen_at, kinsoku_at, syllables_at, clusters_at) == (None,) * 5:
        if text.isalpha() and all(ord(c) < 0x250 for c in text) and given == chars:
            return _split_with_hyphens(w, given, max_width, max_widths, lineno)
        return _reportlab_split_frag_word(w, max_width, max_widths, lineno)
    widths = [cw for _, cw, _ in chars]

    def good_break(first, end):       # the last place in [first, end) a reader expects a break
        after, before = (_BREAK_AFTER, _BREAK_BEFORE) if url else ("-", "")
        for j in range(end - 1, first - 1, -1):
            if chars[j][2] == "/" and j + 1 < len(chars) and chars[j + 1][2] == "/":
                continue                      # not between the two slashes of '://'
            if chars[j][2] in after:
                return j + 1
            if chars[j][2] in before and j > first:
                return j
        return None

    last = len(max_widths) - 1
    room, next_room = max_width, max_widths[min(last, lineno + 1)]
    cuts, start, used = set(), 0, 0.0
    for i, cw in enumerate(widths):
        # (reportlab's test: a word that cannot start on this line starts on the next)
        if used + cw > room and (i > start or cw <= next_room):
            url, hyphenated, kinsoku, syllables, clusters = (
                at is not None and at <= i for at in (url_at, hyphen_at, kinsoku_at, syllables_at, clusters_at))
            hyphenated = hyphenated and not url
            best = good_break(start, i) if url or hyphenated else None
            cut = best if best is not None and (hyphenated or sum(widths[start:best]) >= room * _LEAST_FULL) else i
            if syllables and cut == i:
                best = _syllable_break(chars, start, i)
                cut = best if best is not None and sum(widths[start:best]) >= room * _SYLLABLE_FULL else cut
            if hyphenated and cut == i and chars[i][2] == "-" and not cuts:
                cut = 0        # 'Olympic' fits what is left of the line, 'Olympic-' not: all on the next
            if cut < address_at and not cuts and max_width < max_widths[min(last, lineno)]:
                cut = 0        # a line ended '(h', the next began 'ttps://': the address starts the next
            while kinsoku and cut - 1 > start and (chars[cut][2] in _NO_START or chars[cut - 1][2] in _NO_END):
                cut -= 1
            while syllables and cut - 1 > start and _inside_syllable(chars, cut):
                cut -= 1
            while clusters and cut - 1 > start and _inside_cluster(chars, cut):
                cut -= 1
            cuts.add(cut)
            start, used = cut, sum(widths[cut:i])
            lineno += 1
            room, next_room = next_room, max_widths[min(last, lineno + 1)]
        used += cw
    return _pieces(w, given, cuts)


def _pieces(w, given, cuts: set[int], hyphens: bool = False) -> list:
    """The word cut before each character numbered in `cuts`, in pieces built as reportlab
    builds them (a piece for each change of fragment, clones, widths); with `hyphens`, a
    piece that has letters in it ends with a hyphen (reportlab's hyphenated piece, whose
    hyphen it takes off when it joins the pieces again)."""
    pieces, part, piece_text, piece_width, f = [], [], "", 0, w[1][0]
    for k, (g, cw, c) in enumerate(given):           # reportlab's loop, cutting at the cuts
        if g is not f or k in cuts:
            f = f.clone()
            hyphen = "-" if hyphens and k in cuts and piece_width > 0 else ""
            if hasattr(f, "text"):
                f.text = piece_text + hyphen
            part.append((f, piece_text + hyphen))
            if k in cuts:
                if hyphen:
                    width = piece_width + pdfmetrics.stringWidth("-", f.fontName, f.fontSize)
                    pieces.append(paragraph._SplitFragHY([width] + part))
                else:
                    pieces.append(paragraph._SplitFrag([piece_width] + part))
                part, piece_width = [], 0
            piece_text, f = "", g
        piece_width += cw
        piece_text += c
    part.append((f, piece_text))
    tail = paragraph._SplitFragHS if isinstance(w, paragraph._HSFrag) else paragraph._SplitFragH
    pieces.append(tail([piece_width] + part))
    return pieces


paragraph._splitFragWord = split_long_word


def _split_with_hyphens(w, given, max_width, max_widths, lineno):
    """A word of Latin letters wider than a line with nowhere to hyphenate that fits (a long
    word in a table's narrow column): cut where the line is full, as reportlab cuts it, but
    with a hyphen at each cut and room kept for it. Cut bare ('Sup' / 'erca' / 'lifra'), it
    read as words of their own."""
    last, count = len(max_widths) - 1, len(given)
    room, next_room = max_width, max_widths[min(last, lineno + 1)]
    cuts, used = set(), 0.0
    for k, (g, cw, c) in enumerate(given):
        hyphen = pdfmetrics.stringWidth("-", g.fontName, g.fontSize) if k < count - 1 else 0
        if used + cw + hyphen > room and (used > 0 or cw + hyphen <= next_room):
            cuts.add(k)       # (with nothing on the line yet, the word starts the next: no hyphen)
            used = 0.0
            room, next_room = next_room, max_widths[min(last, lineno + len(cuts) + 1)]
        used += cw
    return _pieces(w, given, cuts, hyphens=True)


class LongWordsOnly:
    """The hyphenator of a style set ragged: a word is hyphenated only when it is wider than
    a whole line (a German compound in a narrow column), which reportlab otherwise cut
    between any two letters with no hyphen ('...aufgabenübe' / 'rtragungsgesetz'). A word
    that fits a line goes whole to the next one, as ragged text has it."""

    def __init__(self, breaks):
        self.breaks = breaks

    def __call__(self, word: str):
        return self.breaks(word)

    def __repr__(self):               # (the same for the same language: see flowables.Reuse)
        return f"LongWordsOnly({self.breaks!r})"


_reportlab_hyphenate_frag_word, _reportlab_hyphenate_word = paragraph._hyphenateFragWord, paragraph._hyphenateWord


def _kind(word) -> type:
    """reportlab's class of a frag word: a shaped word is of a subclass made for it, whose
    name is ShapedFragWord whatever it was (a shaped _SplitFragLL was not taken for one)."""
    return next((k for k in type(word).__mro__ if k.__module__ == paragraph.__name__), list)


def _hyphenate_frag_word(hyphenator, FW, newWidth, maxWidth, *rest, **options):
    if isinstance(hyphenator, LongWordsOnly) and FW[0] <= maxWidth:
        hyphenator = None                   # (as before: a web address may still break)
    found = _reportlab_hyphenate_frag_word(hyphenator, FW, newWidth, maxWidth, *rest, **options)
    whole = _kind(FW) is paragraph._SplitFragLL or not isinstance(FW, (paragraph._SplitFrag, paragraph._SHYWord))
    if not found and isinstance(hyphenator, LongWordsOnly) and newWidth > FW[0] + 1e-6 and whole \
            and _reportlab_hyphenate_frag_word(hyphenator, FW, FW[0], maxWidth, *rest, **options):
        # a word wider than a line, after others on one, with no syllable fitting what is
        # left of it: reportlab cut it between any two letters to fill the line ('crowd s' /
        # 'tanding'). It begins the next line instead, where it is hyphenated ('stand-').
        # So does the first part of a paragraph split at a page's foot whose last line ended
        # inside a word three lines long: reportlab joins its pieces into one word again
        # (_SplitFragLL), which it never breaks: it ran 44 mm past the column.
        return [[0, (FW[1][0].clone(text=""), "")], FW]
    if found and isinstance(found[0], paragraph._SplitFragHY) and isinstance(hyphenator, LongWordsOnly) \
            and newWidth > FW[0] + 1e-6 and not isinstance(FW, (paragraph._SplitFrag, paragraph._SHYWord)):
        fresh = _reportlab_hyphenate_frag_word(hyphenator, FW, FW[0], maxWidth, *rest, **options)
        if fresh and not isinstance(fresh[0], paragraph._SplitFragHY):
            # a compound wider than a line, after others on one, was hyphenated inside a part
            # ('Elizabeth Mont-' / 'gomery-Fitzwilliam'): it begins the next line, where it
            # breaks at its own hyphen ('Montgomery-' / 'Fitzwilliam')
            return [[0, (FW[1][0].clone(text=""), "")], FW]
    if found is None and _kind(FW) in (paragraph._SplitFrag, paragraph._SplitFragHS, paragraph._SplitFragLL) \
            and FW[0] > maxWidth:
        # what is left of a word hyphenated once ('x-' of 'x-aaaa...'), wider than a line
        # and with nowhere left to hyphenate: reportlab cuts no word it has cut before, and
        # it ran on past the column, off the page. Cut as a long word is.
        found = paragraph._splitFragWord(FW, maxWidth - (newWidth - FW[0]), [maxWidth], 0)
        if len(found) < 2:
            found = None      # (one letter wider than the line, as the same came back cut again forever)
    return found


def _hyphenate_word(hyphenator, fontName, fontSize, w, ww, newWidth, maxWidth, *rest, **options):
    """The same for a paragraph of one font, set unshaped (a layout with shaping off)."""
    if isinstance(hyphenator, LongWordsOnly) and ww <= maxWidth:
        hyphenator = None
    found = _reportlab_hyphenate_word(hyphenator, fontName, fontSize, w, ww, newWidth, maxWidth, *rest, **options)
    if not found and isinstance(hyphenator, LongWordsOnly) and newWidth > ww + 1e-6 \
            and not isinstance(w, paragraph._SplitWord) \
            and _reportlab_hyphenate_word(hyphenator, fontName, fontSize, w, ww, ww, maxWidth, *rest, **options):
        return [paragraph._SplitWordH(""), paragraph._SplitWordEnd(w)]       # (as above)
    if found and isinstance(found[0], paragraph._SplitWordHY) and isinstance(hyphenator, LongWordsOnly) \
            and newWidth > ww + 1e-6 and not isinstance(w, paragraph._SplitWord):
        fresh = _reportlab_hyphenate_word(hyphenator, fontName, fontSize, w, ww, ww, maxWidth, *rest, **options)
        if fresh and not isinstance(fresh[0], paragraph._SplitWordHY):
            return [paragraph._SplitWordH(""), paragraph._SplitWordEnd(w)]   # (as above: at its own hyphen)
    if not found and type(w) is paragraph._SplitWordEnd and ww > maxWidth:
        found = paragraph._splitWord(w, newWidth - ww, [maxWidth], 0, fontName, fontSize)
        if len(found) < 2:
            found = None      # (as above)
    return found


paragraph._hyphenateFragWord, paragraph._hyphenateWord = _hyphenate_frag_word, _hyphenate_word
_reportlab_hy_gen_pair = paragraph._hyGenPair


def _hy_gen_pair(hyphenator, s, ww, newWidth, maxWidth, fontName, fontSize, *rest):
    """reportlab's choice of where to hyphenate a word at a line's end; and for a word
    with a ligature ('finish', 'different', 'Schiff'), which reportlab never hyphenated:
    shaped, its 'fi' is one glyph of no letter, and the word was not 'letters'. The
    patterns are asked about its letters, and it breaks between glyphs only."""
    found = _reportlab_hy_gen_pair(hyphenator, s, ww, newWidth, maxWidth, fontName, fontSize, *rest)
    if found is None and ww <= maxWidth:
        found = _at_a_slash(str(s), ww, newWidth, maxWidth, fontName, fontSize, *rest[:1])   # (uriWasteReduce)
    text = str(s)
    if found is not None:
        return _still_shaped(s, found)
    if not hyphenator or not (any(map(_PRIVATE, text)) or text.endswith("-")):
        return found
    from .shaping import stands_for

    before = paragraph._hy_pfx_pat.match(text)     # (punctuation around it, as reportlab takes it off)
    pfx = before.group(0) if before else ""
    if text.endswith("-"):
        # what is left of a word broken at a page's end, its hyphen kept: reportlab could
        # hyphenate it once, and what remained, still wider than the line, ran past it
        sfx = "-"
    else:
        after = paragraph._hy_sfx_pat.search(text[len(pfx):])
        sfx = after.group(0) if after else ""
    core = text[len(pfx):len(text) - len(sfx)]
    letters = [stands_for(fontName, c) if _PRIVATE(c) else c for c in core]
    shortest = rest[2] if len(rest) > 2 else paragraph.hyphenationMinWordLength
    if "" in letters or not paragraph._hy_letters_pat.match("".join(letters)) or len("".join(letters)) < shortest:
        return None
    starts, at = [], 0                    # where each glyph's letters begin
    for piece in letters:
        starts.append(at)
        at += len(piece)
    hyphen = paragraph.stringWidth("-", fontName, fontSize)
    for head, _ in hyphenator("".join(letters)):
        if not head or head.endswith("-"):
            continue
        k = bisect.bisect_right(starts, len(head)) - 1      # the glyph the break is in, or before
        cut = len(head) - starts[k]
        # inside a ligature ('dif-ferent', 'of-fice': 'ff', 'ffi' one glyph), its letters are
        # set apart on either side, unjoined (the word was not hyphenated at all there)
        h = pfx + core[:k] + (letters[k][:cut] if cut else "")
        t = (letters[k][cut:] + core[k + 1:] if cut else core[k:]) + sfx
        width = paragraph.stringWidth(h, fontName, fontSize)
        if newWidth - ww + width + hyphen <= maxWidth:
            rest = paragraph.stringWidth(t, fontName, fontSize) if cut else ww - width
            return "-", hyphen, width, rest, h, t
    return None


paragraph._hyGenPair = _hy_gen_pair


def _still_shaped(s, found: tuple) -> tuple:
    """A shaped word broken at its own hyphen or a web address's slash, in two pieces of
    the shaped word: reportlab cut its text there as plain text, and a line holding either
    piece was drawn unshaped, its kerning lost ('not-to-' / 'encouraging')."""
    jc, hylen, hw, tw, h, t = found
    if (isinstance(s, ttfonts.ShapedStr) and not isinstance(h, ttfonts.ShapedStr) and not jc
            and h + t == str(s)):
        return jc, hylen, hw, tw, s[:len(h)], s[len(h):]
    return found


def _at_a_slash(text: str, ww, newWidth, maxWidth, fontName, fontSize, waste: float = 0.3):
    """A web address that fits a line, but not what is left of this one, is broken after
    a slash when moving it whole would leave more than `waste` of this line empty (the
    style's uriWasteReduce: 30%, and 15% in justified text, whose gaps then grew by a word's
    width), and only where what goes on fits the next line (reportlab cannot break it again:
    see _reportlab_uri_split_pairs); after its '://' only if no later slash will do, as the
    Chicago Manual allows. In reportlab's form: (hyphen, its width, the first part's width,
    the rest's, the first part, the rest)."""
    before = newWidth - ww
    if not waste or before > (1 - waste) * maxWidth or "://" not in text:    # (reportlab's pattern wants a scheme)
        return None
    lead = paragraph._hy_pfx_pat.match(text)
    pfx = lead.group(0) if lead else ""
    trail = paragraph._hy_sfx_pat.search(text[len(pfx):])
    sfx = trail.group(0) if trail else ""
    core = text[len(pfx):len(text) - len(sfx)]
    for head, tail in _reportlab_uri_split_pairs(core) or ():       # the longest first part first
        head, tail = pfx + head, tail + sfx
        width = paragraph.stringWidth(head, fontName, fontSize)
        if before + width <= maxWidth and paragraph.stringWidth(tail, fontName, fontSize) <= maxWidth:
            return "", 0, width, ww - width, head, tail
    return None


# A word with a soft hyphen in it, followed by a space, is of a kind reportlab counts as
# already split (_SHYWordHS is a _SplitFragHS), so when a part of it between two soft
# hyphens is longer than a whole line, it is never split as a long word: it ran off the
# page. The same for what is left of such a word after a break at a soft hyphen. Such a
# word is made an ordinary word (its soft hyphens are not in its text), which is split
# like any other word longer than a line; one whose parts each fit a line still breaks
# at its soft hyphens.
_reportlab_frag_words, _reportlab_shyphenate = paragraph._getFragWords, paragraph._SHYWord.shyphenate


def _ordinary(word, kind):
    return kind([word[0]] + [(f, str(t)) for f, t in word[1:]])


def _unbreakable(word, max_width) -> bool:
    """Whether a part of a soft-hyphened word between soft hyphens is wider than a line."""
    part = widest = 0.0
    for f, t in word[1:]:
        if hasattr(f, "cbDefn"):
            continue
        cuts = [0, *getattr(t, "_shyIndices", ()), len(t)]
        for n, (a, b) in enumerate(zip(cuts, cuts[1:])):
            if n:                             # a soft hyphen: the part before it ends, with its hyphen
                widest = max(widest, part + paragraph.stringWidth("-", f.fontName, f.fontSize))
                part = 0.0
            part += paragraph.stringWidth(t[a:b], f.fontName, f.fontSize)
    return max(widest, part) > max_width


def frag_words(frags, max_width=None):
    words = _reportlab_frag_words(frags, max_width)
    if max_width is None:              # (reportlab's minWidth, for a table's unset column widths)
        return words
    for i, w in enumerate(words):
        if isinstance(w, paragraph._SHYWord) and w[0] > max_width and _unbreakable(w, max_width):
            words[i] = _ordinary(w, paragraph._HSFrag if isinstance(w, paragraph._HSFrag) else list)
    return words


def shyphenate(self, new_width, max_width):
    pieces = _reportlab_shyphenate(self, new_width, max_width)
    if pieces and pieces[1][0] > max_width and _unbreakable(pieces[1], max_width):
        return pieces[0], _ordinary(pieces[1], paragraph._HSFrag)   # what is left cannot break
    return pieces


paragraph._getFragWords, paragraph._SHYWord.shyphenate = frag_words, shyphenate


def _rejoin_split_frag_words(pieces):
    """reportlab's _rejoinSplitFragWords, which puts a word broken across two lines back
    together when a paragraph is split between pages, keeping a hyphen that is part of
    the word. reportlab stripped every trailing hyphen when joining: 'well-' and 'known'
    became 'wellknown', the first part of the paragraph no longer fitted the lines it was
    measured on, and the build stopped ('Splitting error') in 28 of 30 stories with
    hyphenated words. Only a hyphen added at the break (a _SplitFragHY's) is taken off."""
    out, width, last_style = [0], 0.0, None
    for piece in pieces:
        width += piece[0]
        added = isinstance(piece, paragraph._SplitFragHY)
        for part in piece[1:]:
            style, text = part
            if added and part is piece[-1]:
                width -= paragraph.stringWidth(text[-1], style.fontName, style.fontSize) + 1e-8
                text = _unsplit(text, drop_hyphen=True)       # the hyphen the break added: that one
            if last_style is style:
                out[-1] = (style, _unsplit(out[-1][1], text))
            else:
                out.append((style, text))
                last_style = style
    out[0] = width
    return paragraph._reconstructSplitFrags(piece)(out)


def _unsplit(head, tail="", drop_hyphen=False):
    """reportlab's _shyUnsplit (the two parts of a word, one string again, soft hyphens'
    places kept), which stripped every hyphen off the end of the first part: 'ex-' and a
    soft hyphen became 'ex' (and 'ex-' + 'wife' 'exwife'). Only the hyphen a break added
    is dropped, when asked."""
    text = head[:-1] if drop_hyphen and head.endswith("-") else head
    places = list(getattr(head, "_shyIndices", ()))
    if hasattr(tail, "_shyIndices"):
        at = places[-1] if places else len(text)
        places += [i + at for i in tail._shyIndices]
    text = text + tail
    return paragraph._SHYIndexedStr(text, places) if places or isinstance(head, paragraph._SHYIndexedStr) else text


paragraph._rejoinSplitFragWords = _rejoin_split_frag_words


def color(value: tuple) -> Color:
    return CMYKColor(*value[1:]) if value[0] == "cmyk" else Color(*value[1:])


def color_attr(value: tuple) -> str:
    """A theme colour as a value for a <font color=...> attribute (our own values only): a
    name registered with reportlab's colour parser, which looks a name up at once where it
    parses "cmyk(...)" by trying one grammar after another (0.1 ms for every comment)."""
    from reportlab.lib.colors import toColor

    name = _COLOR_NAMES.get(value)
    if name is None:
        name = _COLOR_NAMES[value] = f"booklet-colour-{len(_COLOR_NAMES)}"
        toColor.extraColorsNS[name] = color(value)
    return name


_COLOR_NAMES: dict[tuple, str] = {}


def hyphenation_language(language: str) -> str:
    """The pyphen dictionary for a language tag such as en-GB ('' when there is none)."""
    import pyphen

    tag = language.replace("-", "_")
    for candidate in (tag, tag.split("_")[0]):
        if candidate in pyphen.LANGUAGES:
            return candidate
    return next((name for name in pyphen.LANGUAGES if name.split("_")[0] == tag.split("_")[0]), "")


def _one_font_a_word(placed: list) -> list:
    """A word whose letters are all in one fallback font gets its punctuation in that font
    too, when the font has it: "(مرحبا)" is then one run in one font, which can be shaped
    (its letters joined), where a bracket in the main font would split it."""
    out, word = [], []

    def settle():
        # (letters in two fallback fonts, one of which has them all, as an Urdu word whose
        # ہ only Noto Naskh Arabic has: all in that one, its letters joined across)
        fonts = list(dict.fromkeys(font for ch, font in word if ch.isalnum()))
        if fonts and None not in fonts:
            for font in fonts:
                face = pdfmetrics.getFont(font).face.charToGlyph
                if all(ord(ch) in face for ch, _ in word):
                    word[:] = [(ch, font) for ch, _ in word]
                    break
        out.extend(word)
        word.clear()

    for ch, font in placed:
        if ch.isspace():
            settle()
            out.append((ch, font))
        else:
            word.append((ch, font))
    settle()
    # a space between two words in one fallback font is set in it too: drawn in the main
    # font between them, it was left out by pdfium's text extraction after a word that ends
    # with a mark ('में पिता' came out 'मेंपिता'); so is one after such a word before a word
    # in another font ('दे 🙏' came out 'दे🙏'). Not in right-to-left text, whose words
    # extractors put in order run by run.
    for i, (ch, font) in enumerate(out):
        if ch == " " and font is None and 0 < i < len(out) - 1:
            (left, before), (right, after) = out[i - 1], out[i + 1]
            if (before is not None and (before == after or unicodedata.category(left) in ("Mn", "Mc"))
                    and 32 in pdfmetrics.getFont(before).face.charToGlyph
                    and not {unicodedata.bidirectional(left), unicodedata.bidirectional(right)} & {"R", "AL"}):
                out[i] = (ch, before)
    return out


def escape(text: str) -> str:
    """Text as reportlab paragraph markup shows it literally: & < > escaped. (What
    xml.sax.saxutils.escape does, without importing urllib and email with it: 20 ms.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_TONES = (0x1F3FB, 0x1F3FF)          # EMOJI MODIFIER FITZPATRICK TYPE-1-2 to TYPE-6

# emoji that a phone's colour font draws as one picture and the black-and-white emoji font
# (Symbola) as their parts: a country's flag is two regional-indicator letters (🇬🇧: G B),
# a region's flag a black flag and invisible tag letters (🏴 'gbsct' for Scotland), a family
# or a profession emoji joined by U+200D (👨‍👩‍👧)
FLAG = re.compile("[\U0001F1E6-\U0001F1FF]{2}")
REGION_FLAG = re.compile("\U0001F3F4([\U000E0020-\U000E007E]+)\U000E007F?")
_EMOJI = "[\u2600-\u27BF\U0001F300-\U0001FAFF]"
_JOINED = re.compile(f"{_EMOJI}[\uFE0F\U0001F3FB-\U0001F3FF]*(?:\u200D{_EMOJI}[\uFE0F\U0001F3FB-\U0001F3FF]*)+")
_TAGS = (0xE0020, 0xE007F)           # TAG SPACE to CANCEL TAG: invisible, a region's flag's letters
# a keycap (1️⃣): the black-and-white emoji font draws its box around the digit before it,
# a fifth of an em wider on each side, over the spaces beside it ('Top③moments'): a
# no-break space each side of it makes room (reportlab breaks lines at a narrow one)
KEYCAP = re.compile("[0-9#*]\uFE0F?\u20E3")

# accents on one letter: Vietnamese typed apart (as a Mac saves it) has two, and no
# language more than three from these blocks; 'Zalgo' text, a joke of the web, stacks dozens
# on each letter, which print over the lines above and below and the words beside them
MOST_MARKS = 3
_MARK = "[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_STACKED = re.compile(f"({_MARK}{{{MOST_MARKS}}}){_MARK}+")


def unstacked(text: str) -> str:
    """The text with at most MOST_MARKS combining accents on a letter: the rest left out."""
    return _STACKED.sub(r"\1", text)


def _CONTROL(ch: str) -> bool:
    """A control character other than a line break or a tab: drawn by no font (Gentium maps
    U+0000 to an empty glyph, and it vanished unsaid)."""
    return (ch < " " and ch not in "\n\t") or "\x7f" <= ch <= "\x9f"


def _covers(font, text: str) -> bool:
    """Whether the font has every character of the text (private-use and control ones
    count as missing)."""
    have = font.face.charToGlyph
    return all(ch in "\n\t" or (ord(ch) in have and not _PRIVATE(ch) and not _CONTROL(ch)) for ch in set(text))


def load_hyphenation(name: str) -> None:
    """The hyphenation patterns reportlab will ask pyphen for: read from our cache when
    they were read before, and read by hyphen.py (5x faster than pyphen) when not."""
    import pyphen

    from .hyphen import hyph_dict
    from .memo import remembered

    path = pyphen.LANGUAGES[name]
    if path not in pyphen.hdcache:
        pyphen.hdcache[path] = remembered("hyphenation", path, f"{pyphen.__version__}-filed",
                                          lambda: hyph_dict(path))


HYPHENATE_LONGEST = 100    # letters: no word of any language is longer; a longer "word" is broken where it must


@cache
def hyphenator(language: str):
    """Where pyphen would hyphenate a word, as reportlab asks for it at every line, for a
    word of at most HYPHENATE_LONGEST letters: never before a hyphen the word has, and
    after one first. A 10,000-character run without a space (a pasted row of '-a-a-a')
    was hyphenated afresh at each of its 170 lines: 1.8 s, and 20 s at 40,000 characters.
    A longer one breaks at its hyphens, or where the line is full."""
    import pyphen

    iterate = pyphen.Pyphen(lang=language).iterate

    def breaks(word: str) -> list[tuple[str, str]]:
        if len(word) > HYPHENATE_LONGEST:
            return []
        out = []
        for head, tail in iterate(word):
            if tail.startswith("-"):
                # pyphen offers 'father' / '-and-son', to which reportlab adds a hyphen:
                # 'father-' at a line's end and '-and-son' on the next. The break is after
                # the word's own hyphen instead.
                head, tail = head + "-", tail[1:]
            if head and tail and (head, tail) not in out:
                out.append((head, tail))
        # a compound breaks at its own hyphens first, then at a syllable: reportlab takes the
        # first break that fits, and set 'Mont-' / 'gomery-Fitzwilliam' in a title
        own = [(word[:i + 1], word[i + 1:]) for i in range(len(word) - 2, 0, -1)
               if word[i] == "-" and word[i - 1] != "-" and word[i + 1] != "-"]
        return own + [pair for pair in out if pair not in own]

    return breaks


def has_right_to_left(text: str) -> bool:
    """Whether any letter of the text reads right to left (Hebrew, Arabic)."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in set(text))


def right_to_left(text: str, in_right_to_left: bool = False) -> bool:
    """Whether a text reads right to left: its first letter with a direction is Hebrew or
    Arabic, or, in a booklet written right to left (`in_right_to_left`), any letter is: there
    'Sebastian Coe, שחקן' is a Hebrew line that starts with a name, as a Hebrew page shows it."""
    if text.isascii():
        return False
    if in_right_to_left:
        return has_right_to_left(text)
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


def visual_order(text: str, base: str | None = None) -> str:
    """Hebrew and Arabic in the order they are drawn, right to left (python-bidi); PDF text
    extractors (pypdf, poppler) read such runs back into the order they were typed.
    `base`: the paragraph's direction, L or R, when the text is a piece of it (by default,
    the text's own first letter decides)."""
    if text.isascii() or not (has_right_to_left(text)
                              or _EXPLICIT.search(text)):
        return text
    return "".join(ch for ch, _ in drawing_order(text, base))


# marks that set a run's direction themselves (an override, an embedding, an isolate): in a
# comment with no Hebrew or Arabic letter, 'abc \u202egnp.exe\u202c' was printed 'abc gnp.exe',
# and copied out of the PDF with the marks in it; a screen shows 'abc exe.png', as the same
# marks did in a comment with a Hebrew word
_EXPLICIT = re.compile("[\u202a-\u202e\u2066-\u2069]")


def drawing_order(text: str, base: str | None = None) -> list[tuple[str, int]]:
    """Each character of the text in the order it is drawn (mirrored where bidi mirrors
    it: '(' in right-to-left text is drawn as ')'), with where it was in the text, so
    that what it was typed with (bold, italic) goes with it. Embedding marks are dropped."""
    # python-bidi's pure-Python algorithm (its default, Rust, one leaves brackets
    # unmirrored), step by step as its get_display() takes them, to keep each one's place
    from bidi import algorithm as bidi

    # it knows the older embedding marks, not the isolates (Unicode 6.3) that web pages
    # wrap names in: a comment with one stopped the build ('AssertionError: LRI not
    # allowed here'); each is read as the embedding mark nearest to it
    text = text.translate(_ISOLATES)
    storage = bidi.get_empty_storage()
    storage["base_level"] = bidi.PARAGRAPH_LEVELS[base] if base else bidi.get_base_level(text)
    storage["base_dir"] = ("L", "R")[storage["base_level"]]
    bidi.get_embedding_levels(text, storage)
    for i, ch in enumerate(storage["chars"]):
        ch["at"] = i
        if not ch["type"]:
            ch["type"] = ch["orig"] = _unassigned_class(ch["ch"])
        elif ch["ch"] == "\u200c" or ch["ch"] == "\u200d" and i and text[i - 1].isalpha():
            # the joiners steer how letters join (Persian writes 'پیام‌ها' with a zero-width
            # non-joiner): python-bidi removed them with the embedding marks, and the letters
            # either side joined. Kept, each goes with the letter before it, as a mark does.
            # (One between emoji still goes: their parts are printed side by side.)
            ch["type"] = ch["orig"] = "NSM"
    for step in (bidi.explicit_embed_and_overrides, bidi.resolve_weak_types, bidi.resolve_neutral_types,
                 bidi.resolve_implicit_levels, bidi.reorder_resolved_levels, bidi.apply_mirroring):
        step(storage, False)
    return [(ch["ch"], ch["at"]) for ch in storage["chars"]]


def _unassigned_class(ch: str) -> str:
    """The direction Unicode gives a character this Python does not know yet (an emoji newer
    than its Unicode: U+1FAE8 in a Hebrew comment stopped the build, 'AssertionError: not
    allowed here'): neutral among symbols and emoji, right to left in the blocks of Hebrew
    and Arabic, else left to right (DerivedBidiClass.txt, much simplified)."""
    at = ord(ch)
    if 0x2000 <= at <= 0x2BFF or 0x1F000 <= at <= 0x1FBFF:
        return "ON"
    if 0x0590 <= at <= 0x08FF or 0xFB1D <= at <= 0xFEFF or 0x10800 <= at <= 0x10FFF or 0x1E800 <= at <= 0x1EFFF:
        return "R"
    return "L"


# a word processor's line and page breaks (Shift+Enter is a vertical tab in Word), pasted
# into a story or a comment, had no glyph: left out with a warning and a failed preflight
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_ISOLATES = str.maketrans({"\u2066": "\u202a", "\u2067": "\u202b", "\u2068": "\u202a", "\u2069": "\u202c"})


class Styles:
    """The theme's text styles, ready for platypus, plus the fonts behind them."""

    def __init__(self, theme: Theme, language: str = "en"):
        self.theme = theme
        self.leftward = written_right_to_left(language)        # the booklet is written right to left
        self.language = language
        self.naskh_first = for_language(NASKH_FIRST, language, False)
        hyphenation = hyphenation_language(language) if theme["typography"]["hyphenate"] else ""
        if hyphenation:
            load_hyphenation(hyphenation)
            hyphenation = hyphenator(hyphenation)
        roles = theme["fonts"]
        self.families = {}
        for role, ref in roles.items():
            try:
                self.families[role] = fonts.register(ref)
            except BookletError as e:     # a font file of the layout's own that cannot be read
                raise BookletError([Problem(f"{Path(p.file).name}: {p.message}" if p.file else p.message,
                                            **theme.where(f"fonts.{role}"), hint=p.hint)
                                    for p in e.problems]) from None
        self.fallback = self.families["fallback"]
        self.paragraph: dict[str, ParagraphStyle] = {}
        self.missing: dict[str, set[str]] = {}  # character -> where it was used, for the report
        self._widths: dict[tuple, float] = {}   # (text, style, look, naskh) -> its width (width())
        self._decided: dict[tuple, dict] = {}   # (font, weight, naskh) -> {character: (its font,)} (_place)
        self.toned: dict[int, set[str]] = {}    # an emoji skin tone left out -> where
        self.in_parts: dict[str, set[str]] = {}  # an emoji printed as its parts (a flag) -> where
        self.stacked: set[str] = set()          # where accents stacked past MOST_MARKS were left out
        self.fonts_used: list[str] = []         # what the PDF uses, set when it is written
        self.overflowing: list = []             # lines wider than their room, set then too
        self._extra = None
        self.stand_ins: dict[str, tuple] = {}   # family -> (it, weights its regular face stands in for)
        for name, spec in theme["styles"].items():
            family = self.family(spec["font"], f"styles.{name}.font")
            self._note(family, spec["bold"], spec["italic"])
            self.paragraph[name] = ParagraphStyle(
                name, fontName=family.face(spec["bold"], spec["italic"]), fontSize=spec["size"],
                leading=spec["leading"], textColor=color(spec["color"]), alignment=ALIGN[spec["align"]],
                spaceShrinkage=shrinkage(ALIGN[spec["align"]]),
                spaceBefore=spec["space_before"], spaceAfter=spec["space_after"],
                firstLineIndent=spec["indent_first"], leftIndent=spec["indent_left"],
                rightIndent=spec["indent_right"], allowWidows=0, allowOrphans=0,
                # a number before a paragraph (a question's) in its own type: reportlab's is 10 pt
                # Helvetica, which beside large print's 16 pt was too small for its readers
                bulletFontName=family.face(spec["bold"], spec["italic"]), bulletFontSize=spec["size"],
                # justified text is hyphenated (pyphen) so it needs no wide gaps; long words and
                # web addresses break rather than run into the margin
                hyphenationLang=hyphenation if spec["align"] == "justify" else
                LongWordsOnly(hyphenation) if hyphenation else "",
                # (a web address is broken at a slash rather than moved whole to the next line
                # when that leaves this one more than this share empty: _at_a_slash)
                embeddedHyphenation=1, uriWasteReduce=0.15 if spec["align"] == "justify" else 0.3, splitLongWords=1,
                shaping=1 if theme["typography"]["shaping"] else 0,
            )

    def family(self, ref: str, field: str) -> fonts.Family:
        if ref in self.families:
            return self.families[ref]
        try:
            self.families[ref] = fonts.register(ref)
        except BookletError as e:
            raise BookletError([Problem(p.message, **self.theme.where(field), hint=p.hint)
                                for p in e.problems]) from None
        return self.families[ref]

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.paragraph[name]

    def markup(self, spans: list[Span] | str, style: str, where: str = "", ordered: bool = False,
               naskh: bool | None = None) -> str:
        """Paragraph markup for user text in a style: escaped, with fallback fonts where needed.
        `ordered`: the text is already in drawing order (see right_to_left_lines). `naskh`:
        its Arabic letters in Noto Naskh Arabic (wants_naskh, of the text, when not given)."""
        if isinstance(spans, str):
            spans = [Span(spans)]
        if naskh is None:
            naskh = self.wants_naskh("".join(span.text for span in spans))
        spec = self.theme.style(style)
        # each piece is put in drawing order in the paragraph's direction: ' مرحبا a' after an
        # italic word, ordered as if it began a paragraph, put its 'a' before the Arabic
        base = "R" if self.reads_right_to_left("".join(span.text for span in spans)) else "L"
        out = []
        for span in spans:
            text = span.text.translate(_LINE_BREAKS)
            text = capitals(text, self.language) if spec["uppercase"] else text
            text = text if ordered else visual_order(text, base)
            if _STACKED.search(text):
                text = unstacked(text)
                self.stacked.add(where)
            main, weight = self._face(style, span)
            body = self._runs(text, main, weight, where, naskh)
            if main.fontName != self.paragraph[style].fontName:
                body = f'<font name="{main.fontName}">{body}</font>'   # bold, italic or code, by name
            out.append(body)
        return "".join(out)

    def _face(self, style: str, span: Span):
        """The font a span is set in, in a style (its bold, italic or code face), and its
        weight (bold, italic)."""
        spec = self.theme.style(style)
        bold, italic = span.bold or spec["bold"], span.italic or spec["italic"]
        if span.code:
            family = self.families["sans"]
        elif bold != spec["bold"] or italic != spec["italic"]:
            family = self.family(spec["font"], "")
        else:
            return pdfmetrics.getFont(self.paragraph[style].fontName), (bold, italic)
        self._note(family, bold, italic)
        return pdfmetrics.getFont(family.face(bold, italic)), (bold, italic)

    def _note(self, family: fonts.Family, bold: bool, italic: bool) -> None:
        """Remember a weight asked of a family that has no face for it (a layout's own
        .ttf file with no -Bold beside it): its text prints in the regular face, said so."""
        if family.lacks(bold, italic):
            self.stand_ins.setdefault(family.name, (family, set()))[1].add((bold, italic))

    def _extras(self) -> list:
        """The last resorts, loaded only when a character needs them: symbols and emoji,
        then Chinese, Japanese and Korean."""
        if self._extra is None:
            self._extra = [pdfmetrics.getFont(fonts.register(name).face()) for name in EXTRA_FALLBACKS]
        return self._extra

    def _script_font(self, code: int, bold: bool = False) -> str:
        """The Noto font for a character of a script in SCRIPT_FONTS that has it (its bold
        face, where it has one), or ''."""
        for (low, high), name in SCRIPT_FONTS:
            if low <= code <= high:
                font = pdfmetrics.getFont(fonts.register(name).face(bold))
                return font.fontName if code in font.face.charToGlyph else ""
        return ""

    def _place(self, text: str, main, weight: tuple, where: str, naskh: bool = False):
        """For each character, the font it is set in (None: the main one), switching to a
        fallback font for characters the main font lacks; or, when the main font has them
        all, the escaped text at once. (The fallback's regular face stands for its
        coverage; a face is read only if used.)"""
        have = main.face.charToGlyph
        if _covers(main, text):                            # one font
            return escape(text).replace("\n", "<br/>")
        if "\u20e3" in text:
            text = KEYCAP.sub(lambda m: f"\xa0{m.group()}\xa0", text)
        spare = pdfmetrics.getFont(self.fallback.face()).face.charToGlyph
        for pattern in (FLAG, REGION_FLAG, _JOINED):
            for found in pattern.finditer(text):
                self.in_parts.setdefault(found.group(), set()).add(where)
        placed: list[tuple[str, str | None]] = []          # (character, font; None: the main one)
        # a character's font, found once for each font and weight (a Hebrew comment's 27
        # letters, each looked up a hundred times); not one that is said or depends on its
        # neighbour (a control, a private-use or a missing character, a skin tone, a tag)
        decided = self._decided.setdefault((main.fontName, weight, naskh), {})
        for ch in text:
            known = decided.get(ch)
            if known is not None:
                placed.append((ch, known[0]))
                continue
            code = ord(ch)
            if _CONTROL(ch):
                self.missing.setdefault(f"U+{code:04X} (a control or unassigned character)", set()).add(where)
                continue
            if _PRIVATE(ch):          # no agreed meaning, and shaping draws ligatures under these codes
                self.missing.setdefault(f"U+{code:04X} (a private-use character)", set()).add(where)
                continue
            if _TONES[0] <= code <= _TONES[1] and code not in have and placed \
                    and unicodedata.category(placed[-1][0]) == "So":
                # a skin tone after an emoji: the black-and-white emoji font (Symbola) would set
                # it beside the emoji as a grey square, which in print looks like a fault
                self.toned.setdefault(code, set()).add(where)
                continue
            if _TAGS[0] <= code <= _TAGS[1] and code not in have and placed and placed[-1][0] == "\U0001F3F4":
                continue              # a region's name after its black flag, drawn by no bundled font
            if ch in "\n\t" or code in have or unicodedata.category(ch) == "Zs":
                font = None
            elif naskh and _ARABIC_LETTER.match(ch) and (font := self._script_font(code, weight[0])):
                pass
            elif code in spare:
                font = self.fallback.face(*weight)      # its bold or italic, if that has it too
                if code not in pdfmetrics.getFont(font).face.charToGlyph:
                    font = self.fallback.face()         # (DejaVu Sans Oblique has no Arabic)
            else:
                font = self._script_font(code, weight[0]) or next(
                    (f.fontName for f in self._extras() if code in f.face.charToGlyph), "")
                if not font:
                    category = unicodedata.category(ch)
                    if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
                        name = "a control or unassigned character" if category != "Cf" else \
                            unicodedata.name(ch, "a format character")
                        self.missing.setdefault(f"U+{code:04X} ({name})", set()).add(where)
                        continue
                    self.missing.setdefault(f"U+{code:04X} {unicodedata.name(ch, '')} '{ch}'", set()).add(where)
                    placed.append((ch, None))
                    continue
            if not (_TONES[0] <= code <= _TONES[1] or _TAGS[0] <= code <= _TAGS[1]):
                decided[ch] = (font,)
            placed.append((ch, font))
        return _one_font_a_word(placed)

    def reads_right_to_left(self, text: str) -> bool:
        """Whether a paragraph of this text is set right to left in this booklet (right_to_left)."""
        return right_to_left(text, self.leftward)

    def plain(self, text: str, style: str) -> bool:
        """Whether the text can be drawn as it is in the style's own font: it has every
        character, and none is read right to left (no fallback font or reordering needed)."""
        # any Hebrew or Arabic letter needs ordering, not only a first one: 'Derek שלום' in a
        # font with Hebrew (DejaVu Sans) was drawn in the order it was typed, read backwards
        return _covers(pdfmetrics.getFont(self.paragraph[style].fontName), text) and not has_right_to_left(text)

    def width(self, text: str, style: str, where: str = "", look: Span | None = None,
              naskh: bool | None = None) -> float:
        """How wide the text is set in a style, fallback fonts included (before kerning);
        with `look`, in its bold, italic or code face; `naskh` as markup() has it. (A word's
        width is measured once: a comment's words and spaces are measured to break it into
        lines, right_to_left_lines; a character no font has is said where markup() sets it.)"""
        if naskh is None:
            naskh = self.wants_naskh(text)
        key = (text, style, look and (look.bold, look.italic, look.code), naskh)
        known = self._widths.get(key)
        if known is None:
            if len(self._widths) > 100_000:
                self._widths.clear()
            known = self._widths[key] = self._width(text, style, where, look, naskh)
        return known

    def wants_naskh(self, text: str) -> bool:
        """Whether a text's Arabic letters are all set in Noto Naskh Arabic: in an Urdu
        booklet, or where the text has a letter the fallback font lacks (an Urdu comment in
        any booklet: ہ, ے), so that its words are not set some in one face, some in the other."""
        if self.fallback.name != "DejaVuSans":
            return False                    # (a layout's own fallback font is used as it asks)
        if self.naskh_first:
            return True
        if not _ARABIC_LETTER.search(text):
            return False
        have = pdfmetrics.getFont(self.fallback.face()).face.charToGlyph
        return any(ord(ch) not in have for ch in _ARABIC_LETTER.findall(text))

    def _width(self, text: str, style: str, where: str, look: Span | None, naskh: bool = False) -> float:
        main, weight = self._face(style, look or Span(""))
        size = self.paragraph[style].fontSize
        text = unstacked(text) if _STACKED.search(text) else text
        measure = pdfmetrics.stringWidth
        if self.paragraph[style].shaping:
            from .shaping import shaped_width as measure      # joined Arabic is much narrower
        placed = self._place(text, main, weight, where, naskh)
        if isinstance(placed, str):
            return measure(text, main.fontName, size)
        return sum(measure("".join(ch for ch, _ in run), font or main.fontName, size)
                   for font, run in itertools.groupby(placed, key=lambda p: p[1]))

    def right_to_left_lines(self, spans: list[Span], style: str, width: float, where: str = "",
                            ends: list[bool] | None = None, naskh: bool | None = None) -> list[Span]:
        """A right-to-left text broken into lines of at most `width` here, each line then put
        in drawing order, its bold and italic words kept: spans for markup(ordered=True).
        Put in drawing order whole, a paragraph of several lines would be broken by
        reportlab from its last words and read bottom line first; put in order span by
        span, its words ran together. A line break the text has (a poem's, or Shift+Enter's
        in a word processor) ends a line here too. Every line is ordered in the paragraph's
        direction, a line that starts with an English word too. `ends`, when given, gets for
        each line whether it ends where the text does or breaks (not where it was full)."""
        text = "".join(s.text for s in spans).translate(_LINE_BREAKS)    # (one character for one)
        looks = [(s.bold, s.italic, s.code) for s in spans for _ in s.text]
        naskh = self.wants_naskh(text) if naskh is None else naskh

        spans_of = {look: Span("", *look) for look in set(looks)}

        def wide(start: int, end: int) -> float:
            total = 0.0
            while start < end:                  # (each run of one look: bold, italic, code)
                run = start + 1
                while run < end and looks[run] == looks[start]:
                    run += 1
                total += self.width(text[start:run], style, where, spans_of[looks[start]], naskh)
                start = run
            return total

        lines, start = [], 0
        for given in text.split("\n"):
            line_start = end = at = start       # the line's start, its last word's end, this word's start
            used = 0.0                          # the line's width so far
            for word in given.split(" "):
                # (each word measured once, as reportlab measures a line: its words and the
                # spaces between them; measuring the line again for each word was 0.01 s a
                # comment, 30 s for 2,000 comments in Hebrew)
                this = wide(at, at + len(word))
                if end == line_start:            # (the line's first word)
                    used = this
                elif used + wide(at - 1, at) + this > width:      # (with the space before it)
                    lines.append((line_start, end))
                    ends is not None and ends.append(False)
                    line_start, used = at, this
                else:
                    used += wide(at - 1, at) + this
                end, at = at + len(word), at + len(word) + 1
            lines.append((line_start, end))
            ends is not None and ends.append(True)
            start += len(given) + 1
        out = []
        for start, end in lines:
            if out:
                out.append(Span("\n"))
            placed = drawing_order(text[start:end], "R")
            for look, run in itertools.groupby(placed, key=lambda p: looks[start + p[1]]):
                out.append(Span("".join(ch for ch, _ in run), *look))
        return out

    def _runs(self, text: str, main, weight: tuple, where: str, naskh: bool = False) -> str:
        placed = self._place(text, main, weight, where, naskh)
        if isinstance(placed, str):
            return placed
        out = []
        for font, run in itertools.groupby(placed, key=lambda p: p[1]):
            s = escape("".join(ch for ch, _ in run)).replace("\n", "<br/>")
            out.append(f'<font name="{font}">{s}</font>' if font else s)
        return "".join(out)
