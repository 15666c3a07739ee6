"""reportlab's layout modules, imported 27 ms sooner.

reportlab.platypus.paragraph compiles, as it is imported, a pattern for web addresses (to
break a long one at a slash), case-insensitive and with the range ¡-\\uffff in it five
times: Python works out the other case of each of those 65,000 characters, every time,
which was a twentieth of building a small booklet. Here the same pattern is compiled with
its cases spelled out: A-Z beside a-z, and beside the ASCII letters the four characters
Python's case-insensitive matching also takes for them (İ ı ſ K); ¡-\\uffff holds the other
case of every character in it already. It matches exactly the same text as reportlab's
(tests compare them character by character and on addresses); should reportlab's pattern
ever change, reportlab's own is used.
"""
from __future__ import annotations

import re
import sys

_FOLDED = "\u0130\u0131\u017f\u212a"        # what re.IGNORECASE also matches with i, s and k
_CASES = {
    r"[a-z0-9\.\-\+]": rf"[a-zA-Z0-9\.\-\+{_FOLDED}]",
    r"[0-9a-f:\.]": r"[0-9a-fA-F:\.]",
    "[a-z\xa1-\uffff0-9]": "[a-zA-Z\xa1-\uffff0-9]",
    "[a-z\xa1-\uffff0-9-]": "[a-zA-Z\xa1-\uffff0-9-]",
    "[a-z\xa1-\uffff-]": "[a-zA-Z\xa1-\uffff-]",
    "xn--[a-z0-9]": f"[xX][nN]--[a-zA-Z0-9{_FOLDED}]",
    "localhost": "[lL][oO][cC][aA][lL][hH][oO][sS\u017f][tT]",
}
# reportlab 4 and 5's pattern, as it is in reportlab/platypus/paragraph.py
URI = ('(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)'
       '(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9]'
       '(?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}(?<!-))*'
       '\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))(?::\\d{2,5})?'
       '(?:[/?#][^\\s]*)?\\Z')


def cased(pattern: str) -> str:
    """The pattern with its cases spelled out, for matching without re.IGNORECASE."""
    for caseless, spelled in _CASES.items():
        pattern = pattern.replace(caseless, spelled)
    return pattern


def import_platypus() -> None:
    """Import reportlab.platypus, its web-address pattern compiled the quick way."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    compile_ = re.compile

    def compile_quickly(pattern, flags=0):
        if pattern == URI and flags == re.IGNORECASE:
            return compile_(cased(URI))
        return compile_(pattern, flags)

    re.compile = compile_quickly
    try:
        import reportlab.platypus  # noqa: F401
    finally:
        re.compile = compile_
