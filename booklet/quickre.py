"""Patterns that reportlab and PyYAML compile as they are imported, compiled quickly.

Python's re compiler goes through a character range below U+FFFF one character at a time,
in Python, and with IGNORECASE works out each one's other case too. reportlab's pattern
for web addresses (to break a long one at a slash) has the range ¡-\\uffff five times,
case-insensitive; its text splitter has ⺀-\\uffff; PyYAML's check for unprintable
characters has two long ranges: 35 ms of every build, before a line is set. Each is
written here the other way round, as the characters it leaves out (a handful, all below
U+0100 or beyond U+FFFF), with the cases spelled out where reportlab's ignored them: A-Z
beside a-z, and with an ASCII letter the characters Python's case-insensitive matching
also takes for it (İ ı ſ K). Each matches exactly the same characters as the pattern it
stands for (tests compare them over all 1.1 million code points, and whole web addresses).
Should reportlab's or PyYAML's patterns change, theirs are compiled as before.
"""
from __future__ import annotations

import re
from contextlib import contextmanager

_FOLDED = "\u0130\u0131\u017f\u212a"        # what re.IGNORECASE also matches with i, s and k
_ASTRAL = "\\U00010000-\\U0010ffff"
# pieces of reportlab's web-address pattern, case-insensitive -> the same set, case-sensitive
PIECES = {
    r"[a-z0-9\.\-\+]": rf"[a-zA-Z0-9\.\-\+{_FOLDED}]",
    r"[0-9a-f:\.]": r"[0-9a-fA-F:\.]",
    "[a-z\xa1-\uffff0-9]": f"[^\\x00-/:-@\\[-`{{-\\xa0{_ASTRAL}]",
    "[a-z\xa1-\uffff0-9-]": f"[^\\x00-,./:-@\\[-`{{-\\xa0{_ASTRAL}]",
    "[a-z\xa1-\uffff-]": f"[^\\x00-,.-@\\[-`{{-\\xa0{_ASTRAL}]",
    "xn--[a-z0-9]": f"[xX][nN]--[a-zA-Z0-9{_FOLDED}]",
    "localhost": "[lL][oO][cC][aA][lL][hH][oO][sS\u017f][tT]",
}
# reportlab 4 and 5's pattern, as in reportlab/platypus/paragraph.py
URI = ('(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)'
       '(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9]'
       '(?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}(?<!-))*'
       '\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))(?::\\d{2,5})?'
       '(?:[/?#][^\\s]*)?\\Z')


def cased(pattern: str) -> str:
    """reportlab's web-address pattern with its pieces spelled out, for matching without
    re.IGNORECASE."""
    for caseless, spelled in PIECES.items():
        pattern = pattern.replace(caseless, spelled)
    return pattern


# (pattern, flags) as the library compiles it -> the pattern compiled in its place
QUICK = {
    (URI, re.IGNORECASE): cased(URI),
    # reportlab/lib/textsplit.py: a CJK character
    ("([\u2e80-\uffff])", re.UNICODE): f"([^\\x00-\\u2e7f{_ASTRAL}])",
    # yaml/reader.py: a character YAML does not allow
    ("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]", 0):
        "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x84\\x86-\\x9f\\ud800-\\udfff\\ufffe\\uffff]",
}


@contextmanager
def quick_patterns():
    """While importing reportlab or PyYAML: their slow patterns compiled the quick way."""
    compile_ = re.compile

    def compile_quickly(pattern, flags=0):
        quick = QUICK.get((pattern, flags)) if isinstance(pattern, str) else None
        return compile_(quick, 0) if quick is not None else compile_(pattern, flags)

    re.compile = compile_quickly
    try:
        yield
    finally:
        re.compile = compile_


def import_platypus() -> None:
    """Import reportlab.platypus, its patterns compiled the quick way. The first time, the
    objects alive then (the modules' classes and functions, most of them) are frozen out of
    the garbage collector's sight: its full collections, which the layout's many objects set
    off, walked them all every time (a small booklet: 12-15 ms of its 0.28-0.34 s of CPU,
    medians of 8 alternated builds). Frozen objects are still freed when nothing holds them."""
    import gc
    import sys

    first = "reportlab.platypus" not in sys.modules
    with quick_patterns():
        import reportlab.platypus  # noqa: F401
    if first:
        gc.freeze()
