"""Theme styles to reportlab ParagraphStyles, and user text to safe paragraph markup.

User text is data: every character is escaped before it reaches reportlab's markup
parser, and the only tags in the markup are the ones written here (<b>, <i>, <font>,
<br/>). A character the style's font lacks is set in the fallback font; a character no
font has is reported, never dropped silently.
"""
from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics

from . import fonts
from .errors import BookletError, Problem
from .model import Span
from .theme import Theme

ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER, "justify": TA_JUSTIFY}


def color(value: tuple) -> Color:
    return CMYKColor(*value[1:]) if value[0] == "cmyk" else Color(*value[1:])


def color_attr(value: tuple) -> str:
    """A theme colour as a value for a <font color=...> attribute (our own values only)."""
    if value[0] == "cmyk":
        return "cmyk({:.4f},{:.4f},{:.4f},{:.4f})".format(*value[1:])
    return "#" + "".join(f"{round(v * 255):02x}" for v in value[1:])


class Styles:
    """The theme's text styles, ready for platypus, plus the fonts behind them."""

    def __init__(self, theme: Theme):
        self.theme = theme
        roles = theme["fonts"]
        try:
            self.families = {role: fonts.register(ref) for role, ref in roles.items()}
        except BookletError as e:
            raise BookletError([Problem(p.message, file=p.file or theme.file, field="fonts", hint=p.hint)
                                for p in e.problems]) from None
        self.fallback = self.families["fallback"]
        self.paragraph: dict[str, ParagraphStyle] = {}
        self.missing: dict[str, set[str]] = {}  # character -> where it was used, for the report
        for name, spec in theme["styles"].items():
            family = self.family(spec["font"], f"styles.{name}.font")
            self.paragraph[name] = ParagraphStyle(
                name, fontName=family.face(spec["bold"], spec["italic"]), fontSize=spec["size"],
                leading=spec["leading"], textColor=color(spec["color"]), alignment=ALIGN[spec["align"]],
                spaceBefore=spec["space_before"], spaceAfter=spec["space_after"],
                firstLineIndent=spec["indent_first"], leftIndent=spec["indent_left"],
                rightIndent=spec["indent_right"], allowWidows=0, allowOrphans=0,
            )

    def family(self, ref: str, field: str) -> fonts.Family:
        if ref in self.families:
            return self.families[ref]
        try:
            self.families[ref] = fonts.register(ref)
        except BookletError as e:
            raise BookletError([Problem(p.message, file=self.theme.file, field=field, hint=p.hint)
                                for p in e.problems]) from None
        return self.families[ref]

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.paragraph[name]

    def markup(self, spans: list[Span] | str, style: str, where: str = "") -> str:
        """Paragraph markup for user text in a style: escaped, with fallback fonts where needed."""
        if isinstance(spans, str):
            spans = [Span(spans)]
        spec = self.theme.style(style)
        out = []
        for span in spans:
            bold, italic = span.bold or spec["bold"], span.italic or spec["italic"]
            text = span.text.upper() if spec["uppercase"] else span.text
            main = pdfmetrics.getFont(self.paragraph[style].fontName)
            if bold != spec["bold"] or italic != spec["italic"]:
                family = self.family(spec["font"], "")
                main = pdfmetrics.getFont(family.face(bold, italic))
            body = self._runs(text, main, self.fallback.face(bold, italic), where)
            if span.code:
                body = f'<font name="{self.families["sans"].face(bold, italic)}">{body}</font>'
            if span.bold and not spec["bold"]:
                body = f"<b>{body}</b>"
            if span.italic and not spec["italic"]:
                body = f"<i>{body}</i>"
            out.append(body)
        return "".join(out)

    def _runs(self, text: str, main, fallback_name: str, where: str) -> str:
        """Escape text, switching to the fallback font for characters the main font lacks."""
        have = main.face.charToGlyph
        spare = pdfmetrics.getFont(fallback_name).face.charToGlyph
        out, run, in_fallback = [], [], False

        def flush():
            if run:
                s = escape("".join(run)).replace("\n", "<br/>")
                out.append(f'<font name="{fallback_name}">{s}</font>' if in_fallback else s)
                run.clear()

        for ch in text:
            code = ord(ch)
            if ch in "\n\t" or code in have or unicodedata.category(ch) in ("Zs",):
                need_fallback = False
            elif code in spare:
                need_fallback = True
            else:
                if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
                    self.missing.setdefault(f"U+{code:04X} (a control or unassigned character)", set()).add(where)
                    continue
                self.missing.setdefault(f"U+{code:04X} {unicodedata.name(ch, '')} '{ch}'", set()).add(where)
                need_fallback = False
            if need_fallback != in_fallback:
                flush()
                in_fallback = need_fallback
            run.append(ch)
        flush()
        return "".join(out)
