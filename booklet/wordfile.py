"""A story written in Word (.docx, as Word, Google Docs, Pages and LibreOffice save it),
read as the blocks a Markdown story makes (model.py).

A family's eulogy is most often a Word document. We read what a booklet prints: headings
(Word's Heading and Title styles), paragraphs with bold and italic, line breaks, bulleted
and numbered lists, quotes (the Quote styles), tables, footnotes and endnotes (set after
the story, as a Markdown story's notes), links (printed with their address) and the
pictures in the text, each placed after its paragraph (with the Caption-styled line under
it as its caption). What a booklet cannot print is named in a warning, never dropped
unsaid: pictures in drawing formats (.emf), linked pictures, embedded objects, symbols
from symbol fonts, the header and footer, reviewers' comments.

The document is data: its text is printed as written (never read as markup); the file is a
zip of XML, read with limits on each part's size and with no document type declarations
(which could expand entities or name other files). Tracked changes read as accepted.

What any word processor's file needs is here too, for odtfile.py (Writer), rtffile.py
(Rich Text) and sheets.py (spreadsheets): Package (a zip of XML parts, held to a size),
Reading (notes, pictures kept as files, what is left out and where, paragraphs gathered
into lists, quotes, verse and captioned pictures, tables) and read_story.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
import re
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

from .errors import Problems, printable, some
from .markdown import MAX_COLUMNS, TITLE_LIKE, VERSE_LINE, columns, is_verse, link_note
from .model import BlockQuote, Heading, ListBlock, Paragraph, Picture, Rule, Span, TableBlock

LARGEST_PART = 64 * 1024 * 1024      # bytes of one part, unpacked (a 300-page novel's text is ~5 MB)
LARGEST_DOCUMENT = 1024 * 1024 * 1024     # bytes of all the parts read, pictures too
PRINTED = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SAVE_AGAIN = "open it in Word (or LibreOffice) and save it again as a Word document (.docx)"


class Unreadable(Exception):
    """The file is not a Word document we can read; the message says why."""


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _attr(el, name: str, default=None):
    """An attribute by its local name (w:val, r:id, r:embed), whichever namespace it is in:
    Word writes 'transitional' names, 'strict' documents others. (Of no element: the default.)"""
    for key, value in el.attrib.items() if el is not None else ():
        if _local(key) == name:
            return value
    return default


def _on(el) -> bool:
    """A toggle such as <w:b/> or <w:b w:val="0"/>."""
    return el is not None and _attr(el, "val", "true").lower() not in ("0", "false", "off", "none")


def _child(el, name: str):
    return next((c for c in el if c.tag == name), None) if el is not None else None


class Package:
    """An open zip of XML parts (a .docx, an .odt): its parts read on demand, each held to
    a size, parsed with its tags' namespaces taken off (a tag is 'p', 'r', 't'), so both
    kinds of Word XML read alike. `what` names the kind of file in reports."""

    def __init__(self, path: Path, what: str):
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
            names = self.zip.namelist()
        except zipfile.BadZipFile:
            with open(path, "rb") as f:
                head = f.read(8)
            if head.startswith(b"\xd0\xcf\x11\xe0"):       # an OLE file: Word 97-2003, or encrypted
                raise Unreadable("it is an older Word document (.doc), or one protected by a password") from None
            raise Unreadable(f"it is not {what}: that is a zip file, and this one is not") from None
        self.names = set(names)
        self.unpacked = 0

    def read(self, name: str) -> bytes | None:
        if name not in self.names:
            return None
        info = self.zip.getinfo(name)
        if info.file_size > LARGEST_PART:
            raise Unreadable(f"its part {printable(name)} is {info.file_size // 2**20} MB unpacked, "
                             f"more than the {LARGEST_PART // 2**20} MB a story's text can be")
        try:
            with self.zip.open(info) as f:
                data = f.read(LARGEST_PART + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as e:
            # (RuntimeError: an encrypted member; NotImplementedError: a compression we lack)
            raise Unreadable(f"its part {printable(name)} cannot be unpacked ({printable(str(e), 80)})") from None
        if len(data) > LARGEST_PART:
            raise Unreadable(f"its part {printable(name)} unpacks to more than {LARGEST_PART // 2**20} MB")
        self.unpacked += len(data)
        if self.unpacked > LARGEST_DOCUMENT:
            raise Unreadable(f"it unpacks to more than {LARGEST_DOCUMENT // 2**20:,} MB")
        return data

    def xml(self, name: str):
        """The part parsed, or None if the document has no such part."""
        data = self.read(name)
        if data is None:
            return None
        if any(mark.encode(code) in data for mark in ("<!DOCTYPE", "<!ENTITY")
               for code in ("utf-8", "utf-16-le", "utf-16-be")):
            raise Unreadable(f"its part {printable(name)} declares a document type, which word processors never write")
        try:
            root = ElementTree.fromstring(data)
        except ElementTree.ParseError as e:
            raise Unreadable(f"its part {printable(name)} is damaged ({e})") from None
        for el in root.iter():
            if isinstance(el.tag, str):
                el.tag = _local(el.tag)
        return root

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id -> (type, target), the target as a name in the zip
        (or, for an external one, as written)."""
        folder, name = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        out = {}
        for rel in root if root is not None else []:
            target = _attr(rel, "Target", "")
            if _attr(rel, "TargetMode", "") != "External":
                target = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(folder, target))
            out[_attr(rel, "Id", "")] = (_attr(rel, "Type", ""), target)
        return out


class Document(Package):
    """An open .docx: its main part, and that part's relationships (its pictures, links,
    styles, numbering, notes)."""

    def __init__(self, path: Path):
        super().__init__(path, "a Word document (.docx)")
        self.main = self._main_part()
        self.rels = self.relationships(self.main)

    def _main_part(self) -> str:
        rels = self.relationships("")
        for kind, target in rels.values():
            if kind.endswith("/officeDocument"):
                return target
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise Unreadable("it has no document text in it (no word/document.xml)")

    def part_of(self, kind: str) -> str | None:
        """The main document's related part of a type ('styles', 'numbering', 'footnotes')."""
        return next((target for t, target in self.rels.values() if t.endswith("/" + kind)), None)


class Styles:
    """Paragraph and character styles by id: a heading's level, a quote, a list, bold or
    italic, found through the styles they are based on. Word names its own styles in English
    ('heading 1') in every language; the ids are translated ('berschrift1')."""

    def __init__(self, root):
        self.by_id = {}
        for style in root.iter("style") if root is not None else []:
            self.by_id[_attr(style, "styleId", "")] = style

    def chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = _child(style, "basedOn")
            style_id = _attr(based, "val")

    def names(self, style_id: str | None) -> list[str]:
        out = [_attr(_child(s, "name"), "val", "").lower() for s in self.chain(style_id)]
        return out or [(style_id or "").lower()]

    def find(self, style_id: str | None, props: str, name: str):
        """The first setting `name` in the styles' pPr or rPr, nearest style first."""
        for style in self.chain(style_id):
            found = _child(_child(style, props), name)
            if found is not None:
                return found
        return None


HEADING = re.compile(r"^(?:heading|überschrift|titre|título|titolo|kop)\s*(\d)$")
TABLE_OF_CONTENTS = re.compile(r"^(?:toc \d|toc heading|table of figures)$")
SYMBOL_FONTS = ("wingdings", "wingdings 2", "wingdings 3", "webdings", "symbol", "marlett", "zapf dingbats")
LIST_STYLE = re.compile(r"^list (?:bullet|number|continue|paragraph)\s*(\d)$")


class Reading:
    """What reading a word processor's document keeps track of, whatever its format: the
    notes, the pictures kept as files, what is left out and where, and how paragraphs are
    gathered into lists, quotes, verse and captioned pictures."""

    def __init__(self, package: Package, problems: Problems, warnings: list[str]):
        self.package, self.problems, self.warnings = package, problems, warnings
        self.file = package.path
        self.notes: list[list] = []            # footnotes and endnotes, in the order they are referred to
        self.kept: dict[str, Path] = {}        # pictures' parts -> their files
        self.left_out: dict[str, list[str]] = {}     # what is not printed -> where
        self.paragraph = 0                     # the paragraph being read, from 1, for reports
        self.element = None                    # and its XML
        self.before = ""                       # the words of the last paragraph that had some
        self.changes = False
        self.numbering: dict = {}              # a list's id -> (the list it numbers, {level: (ordered, start)},
        #                                        the levels it starts again)
        self.counts: dict = {}                 # (list, level) -> items numbered so far
        self.list_of: dict = {}                # id(ListBlock) -> the list it was made for
        self.started: set = set()              # (list id, level) that have started their list again
        self.sizes: dict[int, float] = {}      # id(Paragraph) -> its largest type size, where it is set

    def words(self, el) -> str:
        """The words of an element, for a report."""
        return " ".join(" ".join(_texts(el)).split()) if el is not None else ""

    # --- what is left out -----------------------------------------------------------------

    def leave_out(self, what: str) -> None:
        self.left_out.setdefault(what, []).append(self.where_now())

    def where_now(self) -> str:
        """The paragraph being read, for a report: its number and its first words (Word
        numbers no paragraphs: the words are what finds it)."""
        words = self.words(self.element)
        if words:
            return f"paragraph {self.paragraph}, '{printable(words, 40)}'"
        return f"paragraph {self.paragraph}" + (f", after '{printable(self.before, 40)}'" if self.before else "")

    def report(self, furniture: dict[str, str], comments: int, pictures: dict[str, int] | None = None) -> None:
        """Warnings for what was left out; `furniture`: the header's and footer's words,
        `pictures`: how many pictures each holds (a church's crest, a school's logo)."""
        name = printable(self.file.name)
        for what, where in self.left_out.items():
            self.warnings.append(f"{name}: {what} not printed (in {some(list(dict.fromkeys(where)), 4, '; ')})")
        if self.changes:
            self.warnings.append(f"{name} has tracked changes: it is printed as if they were accepted "
                                 "(deleted words left out); accept or reject them in your word processor to be sure")
        for kind, text in furniture.items():
            if any(ch.isalpha() for ch in text):      # (a page number alone is the layout's to set)
                self.warnings.append(f"{name}: its {kind} ('{printable(text, 60)}') is not printed; a booklet's "
                                     "running heads and page numbers are set by its layout")
        for kind, count in (pictures or {}).items():
            if count:
                self.warnings.append(f"{name}: {'the picture' if count == 1 else f'the {count} pictures'} in its "
                                     f"{kind} {'is' if count == 1 else 'are'} not printed (to print a logo or a crest, "
                                     "put it in the document's text, or make it the cover's image in booklet.yaml)")
        if comments:
            self.warnings.append(f"{name}: its {comments} review comment{'s' * (comments > 1)} (in the margin) "
                                 f"{'are' if comments > 1 else 'is'} not printed")

    # --- paragraphs into blocks -------------------------------------------------------------

    def take(self, out: list, lines: list, kind, made: list) -> None:
        """One paragraph's blocks, added to `out`: a short plain one to `lines` (verse, if
        more follow), a caption to the picture before it (or in it), a list item or a quote
        to the one before it."""
        if kind is None and len(made) == 1 and isinstance(made[0], Paragraph) and _short(made[0]):
            lines.append(made[0])
            return
        _verse(lines, out)
        if kind == "caption":
            text = "".join(s.text for b in made if isinstance(b, Paragraph) for s in b.spans).strip()
            pictures = [b for b in made if isinstance(b, Picture)]
            if pictures and text:                # (LibreOffice's: the picture in its caption's paragraph)
                pictures[0].caption = pictures[0].caption or text
                made = pictures
            elif out and isinstance(out[-1], Picture) and not out[-1].caption:
                out[-1].caption = text
                made = pictures
        self.place(out, kind, made)

    def place(self, out: list, kind, made: list) -> None:
        """A list item to the list before it (a deeper one to that list's last item), a
        quote to the quote before it; `self.numbering` says how each list numbers."""
        if isinstance(kind, tuple):       # ('item', numId, its level there, how deep it is set, ordered)
            _, num, ilvl, level, ordered = kind
            source, levels, again = self.numbering.get(num, (f"num {num}", {}, set()))
            ordered, start = levels.get(ilvl, (ordered, 1))
            if ilvl in again and (num, ilvl) not in self.started:
                self.started.add((num, ilvl))
                self.counts[(source, ilvl)] = 0     # (this numId starts its list again)
            target = out
            for _ in range(level):                          # down to the list for this level
                if not (target and isinstance(target[-1], ListBlock) and target[-1].items):
                    break
                target = target[-1].items[-1]
            last = target[-1] if target and isinstance(target[-1], ListBlock) else None
            if last is None or last.ordered != ordered or self.list_of.get(id(last)) != source \
                    or (num, ilvl) in self.started and self.counts.get((source, ilvl)) == 0:
                # (a numbered list goes on numbering where it left off, as Word numbers it)
                last = ListBlock(ordered, start + self.counts.get((source, ilvl), 0) if ordered else 1, [])
                self.list_of[id(last)] = source
                target.append(last)
            self.counts[(source, ilvl)] = self.counts.get((source, ilvl), 0) + 1
            for deeper in [k for k in self.counts if k[0] == source and k[1] > ilvl]:
                del self.counts[deeper]            # (a level starts again under each item above it)
            last.items.append(made or [Paragraph([Span(" ")])])
            return
        if kind == "quote":
            if out and isinstance(out[-1], BlockQuote):
                out[-1].blocks.extend(made)
            else:
                out.append(BlockQuote(list(made)))
            return
        out.extend(made)

    def tabulate(self, out: list, rows: list[list[list]], where: str, repeated: bool, align: list[str],
                 program: str) -> None:
        """A table's rows of cells of blocks, added to `out`: a TableBlock (each cell's
        paragraphs as its lines; the first row a header when the word processor repeats it
        on each page or its words are bold), then the pictures in its cells; a table of one
        column (a box drawn round some text) as its blocks."""
        columns = max((len(r) for r in rows), default=0)
        if columns <= 1:
            out.extend(b for row in rows for cell in row for b in cell)
            return
        pictures = [b for row in rows for cell in row for b in cell if isinstance(b, Picture)]
        cells = [[[sp for k, lines in enumerate(_lines(cell)) for sp in ([Span("\n")] if k else []) + lines]
                  for cell in row] for row in rows]
        if columns > MAX_COLUMNS:
            self.problems.add(f"a table of {columns} columns (at {where}); a booklet's page has room for "
                              f"{MAX_COLUMNS} at most", file=self.file,
                              hint=f"split it into narrower tables in {program}, or make it a list")
        elif any(spans for row in cells for spans in row):
            out.append(TableBlock(cells, (align + ["left"] * columns)[:columns],
                                  header=repeated or _all_bold([sp for spans in cells[0] for sp in spans])))
        out.extend(pictures)

    def aside(self, container) -> list:
        """The blocks of a note or a text box, read without counting their paragraphs as
        the story's (reports name the story's paragraph they are in)."""
        here = self.paragraph, self.element
        try:
            return self.blocks(container)
        finally:
            self.paragraph, self.element = here

    def embedded(self, part: str) -> Picture | None:
        """A picture saved in the document as `part`; one in a drawing format is named as
        left out."""
        ending = posixpath.splitext(part)[1].lower()
        if ending not in PRINTED:
            self.leave_out(f"a picture in a drawing format ({printable(ending or 'no ending', 12)}, not a photo) is")
            return None
        return self.keep(part, ending)

    def keep(self, part: str, ending: str) -> Picture | None:
        """A picture part of the document as a Picture, its file kept (read once)."""
        if part not in self.kept:
            data = self.package.read(part)
            if not data:
                self.leave_out("a picture missing from the file is" if data is None else "a picture with nothing in it is")
                return None
            self.kept[part] = _kept(data, f"{self.file.name} picture {len(self.kept) + 1}{ending}")
        return Picture(self.kept[part], "")


class Reader(Reading):
    """Walks a .docx's body into our blocks."""

    def __init__(self, doc: Document, problems: Problems, warnings: list[str]):
        super().__init__(doc, problems, warnings)
        self.doc = doc
        self.styles = Styles(self._part("styles"))
        self.numbering = self._numbering(self._part("numbering"))
        self.note_parts = {kind: self._notes(kind) for kind in ("footnotes", "endnotes")}
        self.reading: set[int] = set()         # the notes being read
        self.run_sizes: list[float] = []       # the type sizes set on the paragraph's runs
        self.fields: list[list] = []           # the fields being read: [their code, where their words start]

    def _part(self, kind: str):
        name = self.doc.part_of(kind)
        return self.doc.xml(name) if name else None

    def _numbering(self, root) -> dict:
        """numId -> (its list: the abstractNum it numbers by, {level: (ordered, start)}, the
        levels it starts again) from numbering.xml. Word numbers a list by its abstractNum:
        paragraphs of two numIds that share one are one list (LibreOffice writes them so),
        unless a numId says to start again (startOverride)."""
        if root is None:
            return {}
        abstract = {}
        for a in root.iter("abstractNum"):
            levels = {}
            for lvl in a.iter("lvl"):
                ordered = _attr(_child(lvl, "numFmt"), "val", "decimal") not in ("bullet", "none")
                levels[_int(_attr(lvl, "ilvl", "0"))] = (ordered, _start(_child(lvl, "start")) if ordered else 1)
            abstract[_attr(a, "abstractNumId")] = levels
        out = {}
        for num in root.iter("num"):
            ref = _child(num, "abstractNumId")
            source = _attr(ref, "val")
            levels, again = dict(abstract.get(source, {})), set()
            for override in num.iter("lvlOverride"):
                start = _child(override, "startOverride")
                level = _int(_attr(override, "ilvl", "0"))
                if start is not None and level in levels:
                    levels[level] = (levels[level][0], _start(start))
                    again.add(level)
            out[_attr(num, "numId")] = (f"abstract {source}" if source in abstract else f"num {_attr(num, 'numId')}",
                                        levels, again)
        return out

    def _notes(self, kind: str) -> dict:
        root = self._part(kind)
        if root is None:
            return {}
        return {_attr(n, "id"): n for n in root if n.tag in ("footnote", "endnote")
                and _attr(n, "type", "normal") == "normal"}

    def furniture(self) -> None:
        """Warnings for what was left out, the header, the footer and review comments."""
        comments = self._part("comments")
        self.report({kind: " ".join(t for part in self._related(kind) for t in _texts(part)).strip()
                     for kind in ("header", "footer")},
                    sum(1 for c in comments if c.tag == "comment") if comments is not None else 0,
                    # (a picture is drawn, and again for older readers: one reference to it)
                    {kind: len({(id(part), _attr(el, "embed") or _attr(el, "id") or _attr(el, "link"))
                                for part in self._related(kind) for el in part.iter()
                                if el.tag in ("blip", "imagedata")}) for kind in ("header", "footer")})

    def _related(self, kind: str):
        for t, target in self.doc.rels.values():
            if t.endswith("/" + kind):
                part = self.doc.xml(target)
                if part is not None:
                    yield part

    # --- the body -------------------------------------------------------------------------

    def read(self) -> list:
        root = self.doc.xml(self.doc.main)
        body = _child(root, "body") if root is not None else None
        if body is None:
            raise Unreadable("it has no body of text")
        blocks = headings_typed(self.blocks(body), self.sizes)
        if self.notes:
            blocks += [Rule(), ListBlock(True, 1, self.notes, notes=True)]
        return blocks

    def blocks(self, container) -> list:
        """Block elements (paragraphs, tables) of a body, a cell or a note, as our blocks;
        list items and quotes gathered, and short lines typed one to a paragraph (a poem,
        a hymn, an order of service) kept together as lines."""
        out: list = []
        lines: list[Paragraph] = []            # short paragraphs one after another
        initial: list[Span] = []               # Word's drop cap: a paragraph of its own, in a frame
        for el in _block_elements(container):
            self.paragraph, self.element = self.paragraph + 1, el
            if el.tag == "p":
                kind, made = self.para(el)
                self.before = self.words(el) or self.before
                frame = _child(_child(el, "pPr"), "framePr")
                if _attr(frame, "dropCap", "none") in ("drop", "margin") and made and isinstance(made[0], Paragraph):
                    initial = made[0].spans        # ('I', then 'n the summer': the word is one)
                    continue
                if initial and made and isinstance(made[0], (Paragraph, Heading)):
                    made[0].spans = _trimmed(initial + made[0].spans)
                initial = []
                self.take(out, lines, kind, made)
                continue
            self.before = self.words(el) or self.before
            _verse(lines, out)
            if el.tag == "tbl":
                self.table(el, out)
            elif el.tag == "altChunk":
                self.leave_out("a part pasted in from another file (an 'alt chunk') is")
            elif el.tag == "sdt":
                self.leave_out(f"an empty form field's prompt ('{printable(_prompt(el), 40)}') is")
        _verse(lines, out)
        return out

    def para(self, p) -> tuple:
        """One paragraph: (its kind, its blocks: the paragraph or heading, then the pictures
        and text boxes in it)."""
        props = _child(p, "pPr")
        style = _attr(_child(props, "pStyle"), "val")
        names = self.styles.names(style)
        if any(TABLE_OF_CONTENTS.match(n) for n in names):
            if "".join(_texts(p)).strip():
                self.leave_out("Word's table of contents (with Word's page numbers; a layout with a "
                               "contents page makes its own) is")
            return None, []
        after: list = []
        self.fields = []               # (a field's code and words are in one paragraph, or not read)
        self.run_sizes: list[float] = []
        # (a paragraph style's own bold or italic is left to the layout: a heading's, a quote's)
        spans = _trimmed(self.spans(p, after))
        level = _heading_level(props, names, self.styles, style)
        kind = None
        numbers = _child(props, "numPr")
        if numbers is None:
            numbers = self.styles.find(style, "pPr", "numPr")
        if level is None and numbers is not None and _attr(_child(numbers, "numId"), "val", "0") != "0":
            level_of_list = max(0, min(_int(_attr(_child(numbers, "ilvl"), "val", "0")), 8))
            kind = ("item", _attr(_child(numbers, "numId"), "val"), level_of_list, level_of_list, True)
        elif level is None and any(n.startswith(("list bullet", "list number")) for n in names):
            kind = ("item", None, 0, 0, any(n.startswith("list number") for n in names))
        if kind and kind[0] == "item":          # 'List Bullet 2': a list inside a list, whatever its numbering
            deeper = next((int(m.group(1)) - 1 for m in map(LIST_STYLE.match, names) if m), 0)
            kind = (*kind[:3], max(kind[3], deeper), kind[4])
        elif any(n in ("quote", "intense quote", "block text") for n in names):
            kind = "quote"
        elif "caption" in names:
            kind = "caption"
        made: list = []
        if spans and level:
            made.append(Heading(level, spans))
        elif spans:        # (a paragraph of short lines, broken with Shift+Enter, is verse)
            made.append(Paragraph(spans, preformatted=is_verse("".join(s.text for s in spans))))
            if self.run_sizes:
                self.sizes[id(made[-1])] = max(self.run_sizes)
        return kind, made + after

    def spans(self, container, after: list) -> list[Span]:
        """The text of a paragraph (or of a link, a field, a change inside one)."""
        out: list[Span] = []
        for el in container:
            tag = el.tag
            if tag == "r":
                self.field(el, out)
                out += self.run(el, after)
            elif tag == "hyperlink":
                start = len(out)
                out += self.spans(el, after)
                rid = _attr(el, "id")
                linked(out, start, self.doc.rels.get(rid, ("", ""))[1] if rid else "", _attr(el, "tooltip", ""))
            elif tag in ("ins", "moveTo"):
                self.changes = True
                out += self.spans(el, after)
            elif tag in ("del", "moveFrom"):
                self.changes = True
            elif tag in ("smartTag", "customXml", "fldSimple", "dir", "bdo", "sdtContent"):
                out += self.spans(el, after)
            elif tag == "sdt" and _prompt(el):
                self.leave_out(f"an empty form field's prompt ('{printable(_prompt(el), 40)}') is")
            elif tag == "sdt":
                content = _child(el, "sdtContent")
                if content is not None:
                    out += self.spans(content, after)
            elif tag in ("oMath", "oMathPara"):
                out.append(Span("".join(t.text or "" for t in el.iter("t"))))
            elif tag == "ruby":                     # (a reading set over a word: its word was left out)
                base, reading = _child(el, "rubyBase"), _child(el, "rt")
                out += self.spans(base, after) if base is not None else []
                out += _reading("".join(t.text or "" for t in reading.iter("t")) if reading is not None else "")
        return out

    def field(self, r, out: list[Span]) -> None:
        """A field's code in a run ({ HYPERLINK "https://..." }, as Word types a link made
        by hand): its address printed after the words it shows, as a link's is."""
        for el in r:
            if el.tag == "fldChar" and _attr(el, "fldCharType") == "begin":
                self.fields.append(["", len(out)])
            elif el.tag == "fldChar" and _attr(el, "fldCharType") == "separate" and self.fields:
                self.fields[-1][1] = len(out)
            elif el.tag == "fldChar" and _attr(el, "fldCharType") == "end" and self.fields:
                code, start = self.fields.pop()
                linked(out, start, *hyperlink_field(code))
            elif el.tag == "instrText" and self.fields:
                self.fields[-1][0] += el.text or ""

    def run(self, r, after: list) -> list[Span]:
        props = _child(r, "rPr")
        size = _attr(_child(props, "sz"), "val")
        if size is not None and any(el.tag == "t" and (el.text or "").strip() for el in r):
            self.run_sizes.append(_int(size) / 2)
        if _on(_child(props, "vanish")):
            return []                              # hidden text: hidden in Word too
        char_style = _attr(_child(props, "rStyle"), "val")
        b, i, caps = (_on(_child(props, k) if _child(props, k) is not None else self.styles.find(char_style, "rPr", k))
                      for k in ("b", "i", "caps"))
        fonts = _child(props, "rFonts")
        symbols = _attr(fonts, "ascii", "")
        out = []
        for el in r:
            tag = el.tag
            text = None
            if tag == "t" and symbols.lower() in SYMBOL_FONTS and (el.text or "").strip():
                # ('J' in Wingdings is a smiling face: the letter would be printed)
                self.leave_out(f"text in the {printable(symbols, 20)} font ('{printable(el.text, 20)}', pictures "
                               "of its own, not letters) is")
            elif tag == "t":
                text = (el.text or "").upper() if caps else el.text or ""
            elif tag in ("tab", "ptab"):
                text = " "
            elif tag in ("br", "cr"):                 # (a line, column or page break: a new line)
                text = "\n"
            elif tag == "noBreakHyphen":
                text = "\u2011"
            elif tag == "softHyphen":
                text = "\u00ad"
            elif tag == "sym":
                text = self.symbol(el)
            elif tag in ("footnoteReference", "endnoteReference"):
                text = self.note(el, tag[:-len("Reference")] + "s")
            elif tag in ("drawing", "pict", "AlternateContent", "object"):
                self.drawing(el, after)
            if text:
                out.append(Span(text, b, i))
        return out

    def symbol(self, el) -> str:
        """<w:sym>: a character of a symbol font, by code. Codes from F020 are the font's own
        (Wingdings' and Symbol's pictures and Greek), not Unicode: named, not printed."""
        code = _attr(el, "char", "")
        try:
            value = int(code, 16)
        except ValueError:
            value = 0xF000
        if 0xF000 <= value <= 0xF0FF or value < 0x20 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            font = _attr(el, "font", "a symbol font")
            self.leave_out(f"a symbol from the {printable(font, 40)} font (code {printable(code, 8)}) is")
            return ""
        return chr(value)

    def note(self, el, kind: str) -> str:
        body = self.note_parts[kind].get(_attr(el, "id"))
        if body is None or id(body) in self.reading:
            return ""                      # (a note that refers to itself would never end)
        self.reading.add(id(body))
        note = self.aside(body)
        self.notes.append(note or [Paragraph([Span(" ")])])
        self.reading.discard(id(body))
        return str(len(self.notes)).translate(SUPERSCRIPT)

    def drawing(self, el, after: list) -> None:
        """A picture, a text box or an object in a run: pictures and text boxes' paragraphs
        placed after the paragraph; anything else named as left out."""
        if el.tag == "AlternateContent":             # the same drawing twice: Word's way, then an older one
            choice = _child(el, "Choice")
            if choice is None:
                choice = _child(el, "Fallback")
            for child in choice if choice is not None else []:
                self.drawing(child, after)
            return
        boxes = list(_outside_boxes(el, ("txbxContent",)))      # (every one of a group: only the first was read)
        for box in boxes:
            after.extend(self.aside(box))
        images = [(_attr(pic, "embed"), _attr(pic, "link")) if pic.tag == "blip" else (_attr(pic, "id"), None)
                  for pic in _outside_boxes(el, ("blip", "imagedata"))]      # (a box's own are read with its words)
        if not images and not boxes:         # (a shape, a line: decoration, not words)
            if el.tag == "object" or any(_attr(g, "uri", "").endswith(("/chart", "/diagram"))
                                         for g in el.iter("graphicData")):
                self.leave_out("a chart, diagram or embedded object is")
            return
        for embed, link in images:
            if embed is None and link:
                self.leave_out("a picture linked from another file (not saved in the document) is")
                continue
            picture = self.picture(embed)
            if picture is not None:
                after.append(picture)

    def picture(self, rid: str | None) -> Picture | None:
        kind, target = self.doc.rels.get(rid, ("", "")) if rid else ("", "")
        if not target:
            return None
        if "://" in target:                  # (an embedded picture's part is in the file; this one is not)
            self.leave_out("a picture linked from another file (not saved in the document) is")
            return None
        return self.embedded(target)

    def table(self, tbl, out: list) -> None:
        """A table (see tabulate), its columns aligned as their first row under the header
        is (times and sums on the right)."""
        where = self.where_now()
        rows: list[list[list]] = []        # rows of cells of blocks
        sides: list[list[str]] = []        # and of their alignments
        for tr in _within(tbl, "tr"):
            row, side = [], []
            for tc in _within(tr, "tc"):
                span = _child(_child(tc, "tcPr"), "gridSpan")
                row.append(self.blocks(tc))     # (a cell merged with the one above is empty, or says why not)
                jc = next((_child(_child(p, "pPr"), "jc") for p in tc if p.tag == "p"), None)
                side.append(ALIGN.get(_attr(jc, "val", ""), "left"))
                more = min(_int(_attr(span, "val", "1"), 1), MAX_COLUMNS + 1) - 1
                row += [[] for _ in range(more)]
                side += ["left"] * more
            if row:
                rows.append(row)
                sides.append(side)
        first = next(_within(tbl, "tr"), None)
        repeated = _on(_child(_child(first, "trPr"), "tblHeader"))
        self.tabulate(out, rows, where, repeated, sides[1] if len(sides) > 1 else sides[0] if sides else [], "Word")


ALIGN = {"right": "right", "end": "right", "center": "center"}
VERSE_LINES = 3          # short paragraphs one after another that are lines of verse


def _short(paragraph: Paragraph) -> bool:
    """A short line that may be one of a poem's (a title typed in bold is not)."""
    return all(columns(line) <= VERSE_LINE for line in "".join(s.text for s in paragraph.spans).split("\n")) \
        and not _all_bold(paragraph.spans)


def _all_bold(spans: list[Span]) -> bool:
    words = [s for s in spans if s.text.strip()]
    return bool(words) and all(s.bold for s in words)


def headings_typed(blocks: list, sizes: dict[int, float]) -> list:
    """A document with no heading styles (TextEdit and WordPad have none; many a Word user
    makes a title bold and large): a short paragraph of one line, not ending as a sentence
    does, set all in bold or larger than the text, is a heading: the first at the top of
    level 1, the others of level 2. `sizes`: id(paragraph) -> its largest type size."""
    if any(isinstance(b, Heading) for b in blocks):
        return blocks
    counted: dict[float, int] = {}
    for b in blocks:
        if isinstance(b, Paragraph) and id(b) in sizes:
            size = sizes[id(b)]
            counted[size] = counted.get(size, 0) + sum(len(s.text) for s in b.spans)
    body = max(counted, key=counted.get) if counted else None
    out = []
    for k, b in enumerate(blocks):
        text = "".join(s.text for s in b.spans).strip() if isinstance(b, Paragraph) else ""
        size = sizes.get(id(b))
        larger = body is not None and size is not None and size >= 1.15 * body
        if text and not b.preformatted and len(text) <= TITLE_LIKE and "\n" not in text \
                and text[-1] not in ".,;:" and (_all_bold(b.spans) or larger) \
                and not (body is not None and size is not None and size < body) and k + 1 < len(blocks):
            level = 1 if not out else 2
            out.append(Heading(level, [replace(s, bold=False) for s in b.spans] if _all_bold(b.spans) else b.spans))
        else:
            out.append(b)
    return out


def _verse(lines: list[Paragraph], out: list) -> None:
    """Short paragraphs gathered by Reader.blocks, added to `out`: three or more as one
    paragraph of lines (set line by line, flush left, as a Markdown story's verse is),
    fewer as they are. `lines` is emptied."""
    if len(lines) >= VERSE_LINES:
        spans = [sp for k, line in enumerate(lines) for sp in ([Span("\n")] if k else []) + line.spans]
        out.append(Paragraph(spans, preformatted=True))
    else:
        out.extend(lines)
    lines.clear()


def _start(el) -> int:
    """A list's first number (<w:start w:val="5"/>), as markdown-it takes one: 0 to 9 digits."""
    return max(0, min(_int(_attr(el, "val", "1"), 1), 999_999_999))


def _int(text, default: int = 0) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def _heading_level(props, names: list[str], styles: Styles, style: str | None) -> int | None:
    outline = _child(props, "outlineLvl")
    if outline is None:
        outline = styles.find(style, "pPr", "outlineLvl")
    for name in names:
        m = HEADING.match(name)
        if m:
            return min(max(int(m.group(1)), 1), 6)
        if name == "title":
            return 1
        if name == "subtitle":
            return 2
    if outline is not None:
        level = _int(_attr(outline, "val"), 9)
        if level < 9:
            return min(level + 1, 6)
    return None


def _block_elements(container):
    """The paragraphs and tables of a container, through content controls and custom XML."""
    for el in container:
        if el.tag in ("p", "tbl", "altChunk") or el.tag == "sdt" and _prompt(el):
            yield el
        elif el.tag in ("sdt", "customXml", "sdtContent", "ins", "moveTo"):
            yield from _block_elements(_child(el, "sdtContent") if el.tag == "sdt" else el)


def _prompt(sdt) -> str:
    """The prompt a form field (a content control) shows while nothing is typed in it
    ('Click or tap here to enter text.', '[Name of the deceased]'), or ''. Word prints
    it greyed out; a template's prompts are not what a family wrote."""
    if not _on(_child(_child(sdt, "sdtPr"), "showingPlcHdr")):
        return ""
    return " ".join(" ".join(_texts(sdt)).split()) or " "


def _reading(text: str) -> list[Span]:
    """A word's reading (Japanese furigana, set small over it in print) after it, in
    brackets: 礼門（れいもん）."""
    if not text.strip():
        return []
    wide = any(ch >= "\u3000" for ch in text)
    return [Span(f"（{text}）" if wide else f" ({text})")]


def _outside_boxes(el, tags: tuple[str, ...]):
    """The elements of these tags in a drawing, and its text boxes' contents, but not what is
    inside those (a box's words, a box or a picture in them, are read with the box)."""
    for child in el:
        if child.tag in tags:
            yield child
        if child.tag != "txbxContent":
            yield from _outside_boxes(child, tags)


def _within(el, tag: str):
    """A table's rows or a row's cells, through content controls and custom XML."""
    for child in el if el is not None else []:
        if child.tag == tag:
            yield child
        elif child.tag in ("sdt", "customXml"):
            yield from _within(_child(child, "sdtContent") if child.tag == "sdt" else child, tag)


def _lines(blocks: list) -> list[list[Span]]:
    """The text of a table cell's blocks, a paragraph a line."""
    out = []
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            out.append(block.spans)
        elif isinstance(block, BlockQuote):
            out += _lines(block.blocks)
        elif isinstance(block, ListBlock):
            for n, item in enumerate(block.items, block.start):
                mark = f"{n}. " if block.ordered else "• "
                out += [[Span(mark)] + spans for spans in _lines(item)[:1]] + _lines(item)[1:]
        elif isinstance(block, TableBlock):
            out += [[sp for cell in row for sp in cell + [Span("  ")]] for row in block.rows]
    return out


def linked(spans: list[Span], start: int, address: str, tip: str = "") -> None:
    """A link's address printed after the words it shows (spans[start:]), unless those
    words are the address; an e-mail address without its 'mailto:'; a place in the
    document itself (no '://') not at all. Its screen tip (the words a screen shows over
    it) before the address, as a Markdown link's title is: it was left out."""
    address = address[len("mailto:"):] if address.startswith("mailto:") else address if "://" in address else ""
    shown = "".join(s.text for s in spans[start:]).strip()
    note = link_note(shown, tip, address.strip() if shown.rstrip("/") != address.strip().rstrip("/") else "")
    if note:
        spans.append(Span(note))


_HYPERLINK = re.compile(r'\s*HYPERLINK\s+"([^"]+)"(?:[^"]*?\\o\s+"([^"]*)")?')


def hyperlink_field(code: str) -> tuple[str, str]:
    """A HYPERLINK field's address and screen tip ('HYPERLINK "https://..." \\o "tip"'), as
    Word and TextEdit write a link made by hand."""
    m = _HYPERLINK.search(code)
    return (m.group(1), m.group(2) or "") if m else ("", "")


def _trimmed(spans: list[Span]) -> list[Span]:
    """Spans without the spaces and line breaks a paragraph begins or ends with, and those
    set alike one after another joined: Word cuts its runs anywhere (where a word was
    spell-checked or typed another day), and '{name}' cut into '{', 'name', '}' was filled
    in no copy made with --each."""
    joined: list[Span] = []
    for s in spans:
        if joined and s.text and (s.bold, s.italic, s.code, s.link) == \
                (joined[-1].bold, joined[-1].italic, joined[-1].code, joined[-1].link):
            joined[-1] = replace(joined[-1], text=joined[-1].text + s.text)
        elif s.text:
            joined.append(s)
    spans = joined
    while spans and not spans[0].text.strip():
        spans.pop(0)
    while spans and not spans[-1].text.strip():
        spans.pop()
    if spans:
        spans[0] = replace(spans[0], text=spans[0].text.lstrip())
        spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip())
    return spans


def _texts(root):
    for el in root.iter():
        if el.tag == "t" and el.text:
            yield el.text


def _kept(data: bytes, name: str) -> Path:
    """A picture from the document as a file of its own, for the photo pipeline: in the
    cache, in a folder named by its bytes (the same picture is one file however often it is
    read), else in a temporary folder."""
    from .memo import cache_root
    digest = hashlib.sha256(data).hexdigest()[:24]
    for root in (cache_root() / "documents", Path(tempfile.gettempdir()) / f"booklet-documents-{os.getuid()}"):
        path = root / digest / name
        try:
            if not path.is_file() or path.stat().st_size != len(data):
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f".{name}.{os.getpid()}")
                tmp.write_bytes(data)
                os.replace(tmp, path)
            return path
        except OSError:
            continue
    raise Unreadable("its pictures could not be saved to be printed (no writable cache or temporary folder)")


def read(path: Path, problems: Problems, warnings: list[str]) -> list:
    """The story in a .docx file as blocks; what is wrong with the file is a problem, what
    is left out a warning."""
    return read_story(path, problems, warnings, lambda: Reader(Document(path), problems, warnings),
                      "Word document", SAVE_AGAIN)


def read_story(path: Path, problems: Problems, warnings: list[str], reader, what: str, hint: str) -> list:
    """A word processor's story as blocks, by reader() (which may raise Unreadable); what is
    wrong with the file is a problem naming `what` it is, with `hint`."""
    try:
        reading = reader()
        blocks = reading.read()
        reading.furniture()
    except Unreadable as e:
        problems.add(f"this {what} cannot be read: {e}", file=path, hint=hint)
        return []
    except RecursionError:                 # (word processors nest their XML a few levels deep, not thousands)
        problems.add(f"this {what} cannot be read: its parts are nested thousands deep", file=path, hint=hint)
        return []
    except OSError as e:
        problems.add(f"cannot be read: {printable(e.strerror or str(e))}", file=path)
        return []
    if not blocks:
        warnings.append(f"{printable(path.name)}: the document has no text in it")
    return blocks
