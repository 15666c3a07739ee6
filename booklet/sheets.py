"""A spreadsheet's first sheet as rows of text, for import-comments: Excel's .xlsx (what
Microsoft Forms and Google Sheets download) and LibreOffice Calc's .ods. A form's answers
need not be saved as CSV first.

Each cell is the text it holds; a number as written without a needless '.0'; a date as
2024-03-05 14:22 (an .xlsx keeps dates as numbers of days, told apart by their format; an
.ods keeps the text it shows). Read with wordfile's Package: parts held to a size, no
document type declarations.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

from .errors import BookletError, Problem
from .wordfile import Package, Unreadable, _attr, _child, _int

MAX_COLUMNS = 200            # of a sheet read: a form's answers have a few dozen
DATE_FORMATS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47,
                50, 51, 52, 53, 54, 55, 56, 57, 58}      # Excel's own numbers for its date and time formats
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def rows(path: Path) -> list[tuple[int, list[str]]]:
    """The first sheet's rows that hold something, each with its number in the sheet."""
    what = "an Excel workbook (.xlsx)" if path.suffix.lower() != ".ods" else "a Calc spreadsheet (.ods)"
    try:
        package = Package(path, what)
        return _ods(package) if path.suffix.lower() == ".ods" else _xlsx(package)
    except Unreadable as e:
        raise BookletError(Problem(f"this spreadsheet cannot be read: {e}", file=path,
                                   hint="open it in your spreadsheet program and save it again, or save it as "
                                        "CSV")) from None
    except RecursionError:
        raise BookletError(Problem("this spreadsheet cannot be read: its parts are nested thousands deep",
                                   file=path)) from None


def _xlsx(package: Package) -> list[tuple[int, list[str]]]:
    main = next((t for kind, t in package.relationships("").values() if kind.endswith("/officeDocument")),
                "xl/workbook.xml")
    workbook = package.xml(main)
    if workbook is None:
        raise Unreadable("it has no workbook in it (no xl/workbook.xml)")
    rels = package.relationships(main)
    sheet = next(workbook.iter("sheet"), None)
    target = rels.get(_attr(sheet, "id"), ("", ""))[1] if sheet is not None else ""
    part = package.xml(target) if target else None
    if part is None:
        raise Unreadable("it has no sheet in it")
    kinds = {kind.rsplit("/", 1)[-1]: t for kind, t in rels.values()}
    strings = _shared_strings(package.xml(kinds["sharedStrings"])) if "sharedStrings" in kinds else []
    dates = _date_styles(package.xml(kinds["styles"])) if "styles" in kinds else set()
    properties = _child(workbook, "workbookPr")
    epoch = datetime(1904, 1, 1) if _attr(properties, "date1904", "0") in ("1", "true") else datetime(1899, 12, 30)
    out = []
    for number, row in enumerate(part.iter("row"), 1):
        number = _int(_attr(row, "r"), number)
        cells: list[str] = []
        for cell in (c for c in row if c.tag == "c"):
            column = _column(_attr(cell, "r", "")) if _attr(cell, "r") else len(cells)
            if column >= MAX_COLUMNS:
                break
            value = _xlsx_value(cell, strings, dates, epoch)
            cells += [""] * (column - len(cells)) + [value] if column >= len(cells) else []
        if any(c.strip() for c in cells):
            out.append((number, cells))
    return out


def _xlsx_value(cell, strings: list[str], dates: set[int], epoch: datetime) -> str:
    kind, v = _attr(cell, "t", "n"), _child(cell, "v")
    text = v.text or "" if v is not None else ""
    if kind == "s":
        index = _int(text, -1)
        return strings[index] if 0 <= index < len(strings) else ""
    if kind == "inlineStr":
        return "".join(t.text or "" for t in _child(cell, "is").iter("t")) if _child(cell, "is") is not None else ""
    if kind == "n" and text and _int(_attr(cell, "s"), -1) in dates:
        try:
            when = epoch + timedelta(seconds=round(float(text) * 86400))     # (kept to the nearest second)
        except (ValueError, OverflowError):
            return text
        return when.strftime("%Y-%m-%d") if when.time() == datetime.min.time() else when.strftime("%Y-%m-%d %H:%M")
    if kind == "n" and re.fullmatch(r"-?\d+\.0+", text):
        return text.split(".")[0]
    if kind == "b":
        return "TRUE" if text == "1" else "FALSE"
    return text


def _shared_strings(root) -> list[str]:
    """The workbook's strings, in order: an item's text, or its runs' texts (not the
    phonetic guides some Japanese sheets add under it)."""
    out = []
    for item in root if root is not None else []:
        if item.tag == "si":
            out.append("".join(t.text or "" for part in item if part.tag in ("t", "r")
                               for t in ([part] if part.tag == "t" else part.iter("t"))))
    return out


def _date_styles(root) -> set[int]:
    """The cell styles (by their number) that show a number as a date or a time."""
    if root is None:
        return set()
    custom = {}
    for fmt in root.iter("numFmt"):
        code = _QUOTED.sub("", _attr(fmt, "formatCode", "")).lower()
        custom[_int(_attr(fmt, "numFmtId"), -1)] = bool(re.search(r"[ydhs]|m{1,5}(?![a-z])", code)) and "0" not in code
    xfs = _child(root, "cellXfs")
    return {k for k, xf in enumerate(xf for xf in (xfs if xfs is not None else []) if xf.tag == "xf")
            if (n := _int(_attr(xf, "numFmtId"), 0)) in DATE_FORMATS or custom.get(n, False)}


def _column(ref: str) -> int:
    """'C7' -> 2."""
    n = 0
    for ch in ref:
        if not ch.isalpha():
            break
        n = n * 26 + ord(ch.upper()) - 64
        if n > MAX_COLUMNS:
            return MAX_COLUMNS
    return max(n - 1, 0)


def _ods(package: Package) -> list[tuple[int, list[str]]]:
    if (package.read("mimetype") or b"").strip() not in (b"", b"application/vnd.oasis.opendocument.spreadsheet"):
        raise Unreadable("it is not a spreadsheet")
    content = package.xml("content.xml")
    table = next(content.iter("table"), None) if content is not None else None
    if table is None:
        raise Unreadable("it has no sheet in it")
    out, number = [], 0
    for row in _ods_rows(table):
        repeat = max(1, _int(_attr(row, "number-rows-repeated"), 1))
        cells: list[str] = []
        for cell in row:
            if cell.tag not in ("table-cell", "covered-table-cell"):
                continue
            value = "\n".join(_ods_text(p) for p in cell if p.tag == "p")
            times = max(1, _int(_attr(cell, "number-columns-repeated"), 1))
            if value.strip():          # (empty cells repeat to the sheet's edge: 16,384 of them)
                cells += [value] * min(times, MAX_COLUMNS - len(cells))
            else:
                cells += [""] * min(times, MAX_COLUMNS - len(cells))
            if len(cells) >= MAX_COLUMNS:
                break
        if any(c.strip() for c in cells):      # (Calc writes equal rows one after another once, repeated)
            out += [(number + k + 1, cells) for k in range(min(repeat, 100_000))]
        number += repeat                       # (the empty rows down to the sheet's foot: a million)
    return out


def _ods_rows(el):
    for child in el:
        if child.tag == "table-row":
            yield child
        elif child.tag in ("table-header-rows", "table-rows", "table-row-group"):
            yield from _ods_rows(child)


def _ods_text(el) -> str:
    parts = [el.text or ""]
    for child in el:
        if child.tag == "s":
            parts.append(" " * max(1, min(_int(_attr(child, "c"), 1), 100)))
        elif child.tag == "tab":
            parts.append("\t")
        elif child.tag == "line-break":
            parts.append("\n")
        elif child.tag != "annotation":
            parts.append(_ods_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
