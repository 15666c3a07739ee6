"""A story written in LibreOffice or OpenOffice Writer (.odt, OpenDocument text), read as
the blocks a Markdown story makes: what wordfile.py reads from Word, from Writer's XML.

Writer's content.xml holds the text: headings (text:h with their outline level), paragraphs
(text:p), lists (text:list, nested as written), tables, notes (text:note, in place),
links (text:a), pictures (draw:frame > draw:image, the file in Pictures/). Bold and italic
come from the automatic styles Writer makes for words set so (T1, P1), and from the named
text styles (Strong Emphasis); a named paragraph style's own look (a heading's) is the
layout's. Text is mixed with its elements (an element's text, then each child and the
text after it), and runs of spaces are one space, as the format says (text:s is more).
"""
from __future__ import annotations

import posixpath
import re

from .errors import Problems, printable
from .markdown import is_verse
from .model import Heading, ListBlock, Paragraph, Rule, Span
from .wordfile import (LIST_STYLE, SUPERSCRIPT, Package, Reading, Unreadable, _attr, _int, _reading, _trimmed,
                       _verse, headings_typed, linked, read_story)

SAVE_AGAIN = "open it in LibreOffice Writer and save it again (.odt), or save it as a Word document (.docx)"
SPACES = re.compile(r"[ \t\r\n]+")
INDEXES = ("table-of-content", "alphabetical-index", "illustration-index", "object-index", "table-index",
           "user-index", "bibliography")
SKIPPED = ("tracked-changes", "annotation", "annotation-end", "soft-page-break", "sequence-decls",
           "variable-decls", "user-field-decls", "dde-connection-decls", "forms", "bookmark", "bookmark-start",
           "bookmark-end", "reference-mark", "reference-mark-start", "reference-mark-end", "change", "change-start",
           "change-end", "toc-mark", "toc-mark-start", "toc-mark-end", "alphabetical-index-mark",
           "alphabetical-index-mark-start", "alphabetical-index-mark-end", "user-index-mark", "note-citation",
           "title", "desc", "hidden-paragraph", "hidden-text", "deletion")


class Style:
    """A paragraph or text style: its parent, the name a person sees, its outline level,
    and the bold, italic and capitals it sets (None: says nothing of them)."""

    def __init__(self, el, automatic: bool):
        self.parent = _attr(el, "parent-style-name")
        self.shown = (_attr(el, "display-name") or _attr(el, "name", "")).replace("_20_", " ").lower()
        self.outline = _attr(el, "default-outline-level")
        self.automatic = automatic
        props = next((c for c in el if c.tag == "text-properties"), None)
        weight, style, transform = (_attr(props, k) for k in ("font-weight", "font-style", "text-transform"))
        size = _attr(props, "font-size", "")
        self.size = float(size[:-2]) if size.endswith("pt") and size[:-2].replace(".", "", 1).isdigit() else None
        self.bold = None if weight is None else (weight == "bold" or weight.isdigit() and int(weight) >= 600)
        self.italic = None if style is None else style in ("italic", "oblique")
        self.caps = None if transform is None else transform == "uppercase"
        self.hidden = _attr(props, "display") == "none"


class OdtReader(Reading):
    def __init__(self, package: Package, problems: Problems, warnings: list[str]):
        super().__init__(package, problems, warnings)
        self.content = package.xml("content.xml")
        if self.content is None:
            raise Unreadable("it has no text in it (no content.xml)")
        self.styles_part = package.xml("styles.xml")
        self.styles: dict[str, Style] = {}
        self.lists: dict[str, dict[int, tuple[bool, int]]] = {}     # list style -> level -> (ordered, start)
        for root, automatic in ((self.styles_part, False), (self.content, True)):
            for group in (root if root is not None else []):
                if group.tag not in ("styles", "automatic-styles"):
                    continue
                for el in group:
                    name = _attr(el, "name")
                    if el.tag == "style" and name:
                        self.styles[name] = Style(el, automatic or group.tag == "automatic-styles")
                    elif el.tag == "list-style" and name:
                        self.lists[name] = _list_levels(el)
        self.span_sizes: list[float] = []      # the type sizes set on the paragraph being read

    def words(self, el) -> str:
        return " ".join(_plain(el).split()) if el is not None else ""

    def chain(self, name: str | None):
        seen = set()
        while name and name in self.styles and name not in seen:
            seen.add(name)
            yield self.styles[name]
            name = self.styles[name].parent

    def setting(self, name: str | None, what: str, named_too: bool):
        """Bold, italic or caps set by a style: its automatic styles' say (words set so by
        hand), and a named style's only when `named_too` (a text style: Strong Emphasis)."""
        for style in self.chain(name):
            if not style.automatic and not named_too:
                return None
            value = getattr(style, what)
            if value is not None:
                return value
        return None

    def read(self) -> list:
        body = next((c for c in self.content if c.tag == "body"), None)
        text = next((c for c in body if c.tag == "text"), None) if body is not None else None
        if text is None:
            kinds = {c.tag for c in body} if body is not None else set()
            raise Unreadable("it is not a text document (a spreadsheet or a presentation?)" if kinds
                             else "it has no body of text")
        self.changes = any(c.tag == "tracked-changes" for c in text)
        blocks = headings_typed(self.blocks(text), self.sizes)
        if self.notes:
            blocks += [Rule(), ListBlock(True, 1, self.notes, notes=True)]
        return blocks

    def furniture(self) -> None:
        parts: dict[str, list[str]] = {"header": [], "footer": []}
        pictures: dict[str, set] = {"header": set(), "footer": set()}     # (the first page's too: one logo)
        for el in self.styles_part.iter() if self.styles_part is not None else []:
            kind = el.tag.split("-")[0]
            if kind in parts and el.tag in (kind, kind + "-left", kind + "-first"):
                parts[kind].append(self.words(el))
                pictures[kind].update(_attr(image, "href", "") for image in el.iter("image"))
        comments = sum(1 for el in self.content.iter("annotation"))
        self.report({kind: " ".join(w for w in words if w) for kind, words in parts.items()}, comments,
                    {kind: len(images) for kind, images in pictures.items()})

    # --- blocks ---------------------------------------------------------------------------

    def blocks(self, container) -> list:
        """Paragraphs, headings, lists, tables and frames of the text, a section, a cell, a
        note or a text box, as blocks; short lines gathered as verse, captions to pictures."""
        out: list = []
        lines: list[Paragraph] = []
        for el in container:
            tag = el.tag
            if tag in ("p", "h"):
                self.paragraph, self.element = self.paragraph + 1, el
                kind, made = self.para(el)
                self.before = self.words(el) or self.before
                self.take(out, lines, kind, made)
                continue
            if tag in ("section", "index-body"):
                _verse(lines, out)
                out += self.blocks(el)
                continue
            if tag in SKIPPED or tag not in ("list", "numbered-paragraph", "table", "frame") + INDEXES:
                continue
            self.paragraph, self.element = self.paragraph + 1, el
            self.before = self.words(el) or self.before
            _verse(lines, out)
            if tag in ("list", "numbered-paragraph"):
                listed = self.listing(el, 0)
                target = out
                for _ in range(self.depth(el)):     # ('List Bullet 2', from Word: a list of its own)
                    if not (target and isinstance(target[-1], ListBlock) and target[-1].items):
                        break
                    target = target[-1].items[-1]
                if listed is not None:
                    target.append(listed)
            elif tag == "table":
                self.table(el, out)
            elif tag == "frame":                    # (a picture or a text box anchored to the page)
                self.frame(el, out)
            elif self.words(el):
                self.leave_out("Writer's table of contents or index (with Writer's page numbers; a layout with "
                               "a contents page makes its own) is")
        _verse(lines, out)
        return out

    def depth(self, listing) -> int:
        """How deep a list is meant to be set by its first paragraph's style: 'List Bullet 2'
        (a document from Word, as Writer opens it, has such a list on its own after the
        list it belongs in)."""
        first = next(listing.iter("p"), None)
        shown = [style.shown for style in self.chain(_attr(first, "style-name"))]
        return next((int(m.group(1)) - 1 for m in map(LIST_STYLE.match, shown) if m), 0)

    def para(self, el) -> tuple:
        name = _attr(el, "style-name")
        shown = [style.shown for style in self.chain(name)]
        if any(s.hidden for s in self.chain(name)):
            return None, []
        after: list = []
        self.span_sizes = [s.size for s in self.chain(name) if s.size][:1]
        spans = _trimmed(self.spans(el, after, name))
        level = None
        if el.tag == "h":
            level = _level(_attr(el, "outline-level"))
        elif "title" in shown:
            level = 1
        elif "subtitle" in shown:
            level = 2
        elif any(s.outline for s in self.chain(name)):
            level = _level(next(s.outline for s in self.chain(name) if s.outline))
        kind = None
        if level is None and any(n in ("quotations", "quote", "intense quote", "block text") for n in shown):
            kind = "quote"
        elif level is None and any(n in CAPTIONS for n in shown):
            kind = "caption"
        made: list = []
        if spans and level:
            made.append(Heading(level, spans))
        elif spans:
            made.append(Paragraph(spans, preformatted=is_verse("".join(s.text for s in spans))))
            if self.span_sizes:
                self.sizes[id(made[-1])] = max(self.span_sizes)
        return kind, made + after

    def spans(self, el, after: list, style: str | None, bold=None, italic=None, caps=None) -> list[Span]:
        """The text of a paragraph or a span in it: its own text, then each element and the
        text after it."""
        def setting(what, outer):
            value = self.setting(style, what, el.tag == "span")
            return outer if value is None else value
        b, i, c = setting("bold", bold), setting("italic", italic), setting("caps", caps)
        if el.tag == "span" and any(s.hidden for s in self.chain(style)):
            return []
        if el.tag == "span" and (el.text or "").strip():
            self.span_sizes += [s.size for s in self.chain(style) if s.size][:1]
        out: list[Span] = []

        def text(words: str | None) -> None:
            if words:
                words = SPACES.sub(" ", words)
                out.append(Span(words.upper() if c else words, bool(b), bool(i)))

        text(el.text)
        for child in el:
            tag = child.tag
            if tag == "s":
                out.append(Span(" " * max(1, min(_int(_attr(child, "c", "1")), 100)), bool(b), bool(i)))
            elif tag == "tab":
                out.append(Span(" ", bool(b), bool(i)))
            elif tag == "line-break":
                out.append(Span("\n", bool(b), bool(i)))
            elif tag == "span":
                out += self.spans(child, after, _attr(child, "style-name"), b, i, c)
            elif tag == "a":
                start = len(out)
                out += self.spans(child, after, _attr(child, "style-name"), b, i, c)
                linked(out, start, _attr(child, "href", ""), _attr(child, "title", ""))
            elif tag == "note":
                out.append(Span(self.note(child), bool(b), bool(i)))
            elif tag == "ruby":                     # (a reading set over a word: it ran into the word)
                for part in child:
                    if part.tag == "ruby-base":
                        out += self.spans(part, after, style, b, i, c)
                    elif part.tag == "ruby-text":
                        out += _reading("".join(part.itertext()))
            elif tag == "frame":
                self.frame(child, after)
            elif tag in ("custom-shape", "rect", "ellipse", "g"):       # (a shape: only its words)
                after.extend(self.blocks(child))
            elif tag not in SKIPPED:                  # (fields: a date, a page number, a caption's number)
                out += self.spans(child, after, style, b, i, c)
            text(child.tail)
        return out

    def note(self, el) -> str:
        body = next((c for c in el if c.tag == "note-body"), None)
        if body is None:
            return ""
        note = self.aside(body)
        self.notes.append(note or [Paragraph([Span(" ")])])
        return str(len(self.notes)).translate(SUPERSCRIPT)

    def frame(self, el, after: list) -> None:
        """draw:frame: a picture, a text box (its paragraphs, a caption's picture too), or an
        object (a chart, a formula: named, not printed)."""
        for child in el:
            if child.tag == "image":
                target = _attr(child, "href", "")
                if not target or "://" in target or target.startswith(("..", "/")):
                    if any(c.tag == "binary-data" for c in child):
                        self.leave_out("a picture written into the text itself (base64) is")
                    else:
                        self.leave_out("a picture linked from another file (not saved in the document) is")
                    return                        # (a frame's other images are stand-ins for it)
                picture = self.embedded(posixpath.normpath(target).lstrip("/"))
                if picture is not None:
                    after.append(picture)
                return
            if child.tag == "text-box":
                after.extend(self.blocks(child))
                return
            if child.tag in ("object", "object-ole", "plugin", "applet"):
                self.leave_out("a chart, formula or embedded object is")
                return

    def listing(self, el, level: int, style: str | None = None) -> ListBlock | None:
        """text:list: its items, each its blocks (a list inside one among them, which takes
        its style from the outermost); numbered as its list style says, going on from the
        list before when Writer says it does."""
        style = _attr(el, "style-name") or style
        ordered, start = self.lists.get(style, {}).get(level + 1, (False, 1))
        key = (style, level)
        if not _true(_attr(el, "continue-numbering")) and not _attr(el, "continue-list"):
            self.counts[key] = 0
        items = []
        for item in el:
            if item.tag not in ("list-item", "list-header"):
                continue
            restart = _attr(item, "start-value")
            if restart is not None:
                self.counts[key] = _int(restart, 1) - start - len(items)
            blocks: list = []
            for child in item:
                if child.tag == "list":
                    inner = self.listing(child, level + 1, style)
                    blocks += [inner] if inner is not None else []
                else:
                    blocks += self.blocks([child])
            items.append(blocks or [Paragraph([Span(" ")])])
        if not items:
            return None
        first = start + self.counts.get(key, 0)
        self.counts[key] = self.counts.get(key, 0) + len(items)
        return ListBlock(ordered, max(0, min(first, 999_999_999)), items)

    def table(self, el, out: list) -> None:
        where = self.where_now()
        rows: list[list[list]] = []
        header = False
        for row, in_header in _rows(el):
            cells = []
            for cell in row:
                if cell.tag == "covered-table-cell":
                    cells.append([])
                elif cell.tag == "table-cell":
                    cells.append(self.blocks(cell))
            if cells:
                header = header or in_header and not rows
                rows.append(cells)
        self.tabulate(out, rows, where, header, [], "Writer")


CAPTIONS = ("caption", "illustration", "figure", "drawing", "table", "text", "figure caption", "image caption",
            "table caption")


def _rows(table, in_header: bool = False):
    """A table's rows, with whether each is a header row (repeated on each page)."""
    for el in table:
        if el.tag == "table-row":
            yield [c for c in el if c.tag in ("table-cell", "covered-table-cell")], in_header
        elif el.tag in ("table-header-rows", "table-rows", "table-row-group"):
            yield from _rows(el, in_header or el.tag == "table-header-rows")


def _list_levels(el) -> dict[int, tuple[bool, int]]:
    levels = {}
    for lvl in el:
        if lvl.tag.startswith("list-level-style-"):
            ordered = lvl.tag == "list-level-style-number" and (_attr(lvl, "num-format", "1") or "") != ""
            levels[_int(_attr(lvl, "level", "1"), 1)] = (ordered, max(0, min(_int(_attr(lvl, "start-value", "1"), 1),
                                                                           999_999_999)))
    return levels


def _plain(el) -> str:
    """An element's words, without its notes and comments, for reports."""
    parts = [el.text or ""]
    for child in el:
        if child.tag not in ("note", "annotation", "tracked-changes"):
            parts.append(_plain(child))
        parts.append(child.tail or "")
    return " ".join(parts)


def _level(text) -> int:
    return min(max(_int(text, 1), 1), 6)


def _true(text) -> bool:
    return (text or "").lower() == "true"


def read(path, problems: Problems, warnings: list[str]) -> list:
    """The story in an .odt file as blocks; what is wrong with the file is a problem, what
    is left out a warning."""
    return read_story(path, problems, warnings, lambda: _reader(path, problems, warnings), "OpenDocument text",
                      SAVE_AGAIN)


def _reader(path, problems: Problems, warnings: list[str]) -> OdtReader:
    package = Package(path, "an OpenDocument text (.odt)")
    kind = (package.read("mimetype") or b"").decode("ascii", "replace").strip()
    if kind and kind != "application/vnd.oasis.opendocument.text":
        raise Unreadable(f"it is not a text document: it is a {printable(kind.rsplit('.', 1)[-1], 30)}")
    if b"encryption-data" in (package.read("META-INF/manifest.xml") or b""):
        raise Unreadable("it is protected by a password")
    return OdtReader(package, problems, warnings)
