"""Paragraph markup parsed once per shape (booklet/fastparse.py) gives exactly the
fragments reportlab's own parser gives, for every paragraph of real booklets."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph
from reportlab.platypus.paraparser import ParaParser

from booklet import fastparse
from booklet.build import build
from booklet.model import Span

from conftest import TINY, write_booklet

MANY_SCRIPTS = {**TINY, "comments.yaml": """
    - name: Ann & Bob <the first>
      text: "AT&T, x < y > z; the first office affirms the final waffle."
    - name: דוד
      text: שָׁלוֹם עֲלֵיכֶם, זה תגובה בעברית (עם סוגריים) ומספר 1992.
    - name: محمد
      text: بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ — تعليق بالعربية ١٩٩٢.
    - name: Priya
      text: नमस्ते, यह स्तुति हिन्दी में है। Thai สวัสดีครับ and 中文评论 🏃 𝄞
    - name: "<b>not bold</b>"
      text: "<font name='Courier'>printed as typed</font> &amp; &nbsp; &#65;"
    """}


def _reportlab_frags(text, style, case_sensitive=1):
    parser = ParaParser()
    parser.caseSensitive = case_sensitive
    _, frags, _ = parser.parse(text, style)
    paragraph.textTransformFrags(frags, style)
    return [vars(f) for f in frags]


@pytest.mark.parametrize("content", ["example", "many scripts"])
def test_fragments_are_reportlabs_for_every_paragraph(tmp_path, monkeypatch, content):
    folder = None if content == "example" else write_booklet(tmp_path / "b", MANY_SCRIPTS)
    compared = []

    def compare(self, text, style, bulletText, frags, cleaner):
        fastparse.setup(self, text, style, bulletText, frags, cleaner)
        if frags is None and isinstance(text, str):
            cleaned = cleaner(text)
            fast = fastparse.fragments(cleaned, style, self.caseSensitive)
            assert fast is not None, cleaned          # all of our own markup takes the fast way
            paragraph.textTransformFrags(fast, style)
            assert [vars(f) for f in fast] == _reportlab_frags(cleaned, style, self.caseSensitive), cleaned
            compared.append(cleaned)

    monkeypatch.setattr(paragraph.Paragraph, "_setup", compare)
    build(folder, output=tmp_path / "out.pdf")
    assert len(compared) > (80 if content == "example" else 10)
    if content == "many scripts":
        assert any("AT&amp;T" in text for text in compared)      # cut at entities as reportlab cuts


def test_markup_it_does_not_expect_goes_to_reportlab():
    style = ParagraphStyle("t")
    assert fastparse.fragments("a &nbsp; b", style, 1) is None          # an entity we never make
    assert fastparse.fragments("a &#65; b", style, 1) is None
    assert fastparse.fragments('<para leftIndent="9">x</para>', style, 1) is None   # changes the style
    frags = fastparse.fragments("<b>bold</b> &amp; <i>it</i><br/>next", style, 1)
    assert [f.text for f in frags] == [f["text"] for f in _reportlab_frags(
        "<b>bold</b> &amp; <i>it</i><br/>next", style)]


_STYLES = {}


def _styles():
    if not _STYLES:
        from booklet.styles import Styles
        from booklet.theme import load_theme
        _STYLES["s"] = Styles(load_theme("classic"), "en")
    return _STYLES["s"]


# markup characters, entities written out, spaces of every kind, private-use characters
# (the stand-ins' own), right-to-left and fallback scripts, emoji
_ALPHABET = st.sampled_from(list("ab &<>;\"'/=\t\n\u00a0\u2009\ue000\ue0011#x") + ["&amp;", "&lt;", "<br/>", "<b>",
                            "\u05d0", "\u0628", "\u0915\u094d\u0937", "\u4e2d", "🏃", "ﬁ", "AT&T", "0"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(_ALPHABET, max_size=12).map("".join), st.booleans(), st.booleans()),
                min_size=1, max_size=4),
       st.sampled_from(["comment", "body", "comment_name", "heading", "caption"]), st.sampled_from([1, 1, 12]))
def test_any_text_gives_reportlabs_fragments(spans, style_name, repeat):
    styles = _styles()
    # (repeated: a markup long enough to be parsed in segments, fastparse._in_segments)
    markup = styles.markup([Span(text, bold=b, italic=i) for text, b, i in spans * repeat], style_name, "test")
    style = styles[style_name]
    cleaned = paragraph.cleanBlockQuotedText(markup)
    fast = fastparse.fragments(cleaned, style, 1)
    assert fast is not None                      # our markup always takes the fast way
    paragraph.textTransformFrags(fast, style)
    assert [vars(f) for f in fast] == _reportlab_frags(cleaned, style)


def test_a_long_markup_is_parsed_in_segments_that_come_again(monkeypatch):
    """Right-to-left text has a font tag around each word, so each comment's markup had a
    shape of its own: 2,000 comments in Arabic kept 106,000 fragments (100 MB), each parsed
    whole by reportlab. A long markup is cut where no tag is open, and its segments' shapes
    (a word in its font, a space, a line break) are parsed once and kept; the fragments are
    reportlab's."""
    style = ParagraphStyle("t", fontName="Helvetica")
    monkeypatch.setattr(fastparse, "_templates", {})
    words = " ".join(f'<font name="Courier">w{i} &amp;</font>' for i in range(60)) + "<br/><b>end</b> x"
    assert [vars(f) for f in fastparse.fragments(words, style, 1)] == _reportlab_frags(words, style)
    assert len(fastparse._templates) == 4          # the word in its font, a space, <br/>, <b>...</b>
    other = " ".join(f'<font name="Courier">{i}</font>' for i in range(50))
    assert [vars(f) for f in fastparse.fragments(other, style, 1)] == _reportlab_frags(other, style)
    assert len(fastparse._templates) == 4
    changes_style = words.replace("<b>end</b>", '<para leftIndent="9">end</para>')
    assert fastparse.fragments(changes_style, style, 1) is None                      # (left to reportlab)
