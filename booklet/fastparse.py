"""Paragraph markup parsed once for each shape, not once for each paragraph.

reportlab parses every paragraph's markup with Python's html.parser, which for 2,000
comments was a tenth of the build. Our markup is made by styles.py, and paragraphs of one
kind have the same tags around different text: a comment is always the name in its font, a
line break, then the words, with a fallback font around the odd character. So the markup
is split into its tags and its texts; the tags alone, with a numbered stand-in for each
text, are parsed by reportlab once (and kept); each paragraph's fragments are copies of
those with its own texts put in.

The fragments are exactly reportlab's: a text is cut where reportlab's parser cuts it (at
each &amp; &lt; &gt;), and anything this module does not expect (an entity of another
kind, a tag that makes a fragment of its own with text, a <para> tag that changes the
style) goes to reportlab's parser as before. tests/test_fastparse.py compares the two on
every paragraph of the example and of a booklet in many scripts.
"""
from __future__ import annotations

import re

from reportlab.platypus import paragraph
from reportlab.platypus.paraparser import ParaParser

_reportlab_setup = paragraph.Paragraph._setup
_TAG = re.compile(r"(<[^>]*>)")
_ENTITY = re.compile(r"(&(?:amp|lt|gt);)")
_UNESCAPE = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_STAND_IN = "\ue000{}\ue001"            # in the shape only, which has tags and stand-ins but no
                                        # text: whatever the texts hold is never taken for one
_templates: dict = {}
# pieces (texts and tags): a markup longer is parsed in segments (_in_segments), each kept,
# not whole. Right-to-left text has a font tag around each word (its letters are in the
# fallback font, the spaces in the text's), so a comment's shape was its own: 2,000
# comments in Arabic kept 106,000 fragments (100 MB) and parsed each comment whole
LONGEST_KEPT = 40


def fragments(text: str, style, case_sensitive: int):
    """reportlab's fragments for this markup (cleaned as reportlab cleans it), or None to
    leave it to reportlab's parser."""
    pieces = _TAG.split(text)
    texts = pieces[0::2]
    if "&" in text and any("&" in t and _ENTITY.sub("", t).count("&") for t in texts):
        return None                                      # an entity we do not make
    shape = "".join(_STAND_IN.format(i // 2) if i % 2 == 0 and p else p for i, p in enumerate(pieces))
    if len(pieces) > LONGEST_KEPT:
        template = _in_segments(pieces, style, case_sensitive)
    else:
        template = _kept(shape, style, case_sensitive)
    if template is None:
        return None
    out = []
    for frag, index in template:
        if index is None:
            out.append(frag.clone())
            continue
        for part in _ENTITY.split(texts[index]):     # reportlab's parser cuts a text at each entity
            if part:
                out.append(frag.clone(text=_UNESCAPE.get(part, part)))
    return out


def _kept(shape: str, style, case_sensitive: int):
    """The template for a shape, parsed once and kept."""
    key = (shape, id(style), case_sensitive)
    known = _templates.get(key)
    if known is None or known[0] is not style:
        known = _templates[key] = (style, _template(shape, style, case_sensitive))
        if len(_templates) > 2000:
            _templates.clear()
    return known[1]


def _in_segments(pieces: list[str], style, case_sensitive: int):
    """The template of a long markup (pieces: texts and tags, alternately) made of its
    segments' templates: it is cut where no tag is open ('<font name="F">word</font>', ' ',
    '<br/>'), and each segment's shape, which comes again and again, is parsed once and kept.
    Right-to-left text has a font tag around each word: each comment's markup had a shape
    of its own, parsed by reportlab whole (2,000 comments in Arabic: a quarter of the build)."""
    out, segment, texts, depth = [], [], [], 0
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            if piece:
                segment.append(_STAND_IN.format(len(texts)))
                texts.append(i // 2)
        else:
            segment.append(piece)
            depth += -1 if piece.startswith("</") else 0 if piece.endswith("/>") else 1
        if depth < 0:
            return None
        if depth == 0 and segment:
            template = _kept("".join(segment), style, case_sensitive)
            if template is None:
                return None
            out += [(frag, None if index is None else texts[index]) for frag, index in template]
            segment, texts = [], []
    return out if depth == 0 and not segment else None


def _template(shape: str, style, case_sensitive: int):
    """[(fragment, which text goes into it or None)] for markup of this shape, or None."""
    parser = ParaParser()
    parser.caseSensitive = case_sensitive
    parsed_style, frags, bullet = parser.parse(shape, style)
    if frags is None or bullet or parsed_style is not style:
        return None
    out, seen = [], set()
    for frag in frags:
        text = getattr(frag, "text", "")
        m = re.fullmatch("\ue000(\\d+)\ue001", text)
        if m and int(m.group(1)) not in seen and not getattr(frag, "greek", 0):
            seen.add(int(m.group(1)))
            out.append((frag, int(m.group(1))))
        elif text == "" or hasattr(frag, "cbDefn"):
            out.append((frag, None))               # a line break, an anchor
        else:
            return None                             # a tag that made text of its own
    return out


def setup(self, text, style, bulletText, frags, cleaner):
    if frags is None and cleaner is paragraph.cleanBlockQuotedText and isinstance(text, str):
        cleaned = cleaner(text)
        frags = fragments(cleaned, style, self.caseSensitive)
        if frags is not None:
            paragraph.textTransformFrags(frags, style)
            self.text, self.frags, self.style, self.bulletText, self.debug = cleaned, frags, style, bulletText, 0
            return
    _reportlab_setup(self, text, style, bulletText, frags, cleaner)


paragraph.Paragraph._setup = setup
