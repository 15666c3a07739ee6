"""Personalised copies: one booklet per row of a recipients file (`make --each names.csv`).

A row's fields fill the `{column}` placeholders anywhere in the content ("Presented to
{name}" in the dedication, say). The values are data: they are printed literally, never read
as markup. Copies are built on all cores, or combined into one file to print.
"""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import BookletError, Problem, Problems, printable
from .output import check_output, check_print_files, write_file
from .yamlfile import decode

PLACEHOLDER = re.compile(r"\{([^{}\n]{1,40})\}")
NAMED = re.compile(r"\{\s*([^\W\d][\w ]{0,38})\}")      # {name}, {first name}; not {1992}, {:-)}
MAX_ROWS = 5000


@dataclass
class Recipients:
    path: Path
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]     # (line in the file, {column: value})
    warnings: list[str] = field(default_factory=list)


def read_recipients(path: Path) -> Recipients:
    """A CSV file with a header row, as Excel, LibreOffice or Google Sheets write it
    (comma or semicolon, with or without a byte-order mark)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BookletError(Problem("the recipients file does not exist", file=path,
                                   hint="give a .csv file with a header row, e.g. name,class")) from None
    except OSError as e:
        raise BookletError(Problem(f"cannot read the recipients file ({e.strerror})", file=path)) from None
    said: list[str] = []
    text = decode(raw, path, hint="in your spreadsheet, save as 'CSV UTF-8'", windows=said)
    if not text.strip():
        raise BookletError(Problem("the recipients file is empty", file=path,
                                   hint="the first line names the columns, e.g. name,class; then a row per copy"))
    first = text.splitlines()[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems = Problems()
    header = next(reader)
    columns = [c.strip() for c in header]
    for i, column in enumerate(columns, 1):
        if not column:
            problems.add(f"column {i} has no name in the header row", file=path, line=1,
                         hint="the first line names every column, e.g. name,class")
        elif columns.index(column) != i - 1:
            problems.add(f"two columns are called '{printable(column)}'", file=path, line=1)
    rows = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue                                          # blank lines between rows
        if len(cells) > len(columns):
            problems.add(f"this row has {len(cells)} cells but the header names {len(columns)} columns",
                         file=path, line=line, hint="a comma inside a name needs the name in \"double quotes\"")
            continue
        cells += [""] * (len(columns) - len(cells))
        rows.append((line, {c: v.strip() for c, v in zip(columns, cells)}))
    if not rows and not problems:
        problems.add("there is a header row but no rows under it", file=path,
                     hint="add one line per copy, e.g. Ada Lovelace,6B")
    if len(rows) > MAX_ROWS:
        problems.add(f"{len(rows)} rows is more than the {MAX_ROWS} copies booklet makes at once", file=path,
                     hint="split the file")
    problems.check()
    return Recipients(path, columns, rows, said)


def check_placeholders(content_dir: Path, recipients: Recipients) -> list[str]:
    """Placeholders in the content that no column fills: an error when it is a likely typo of
    a column ({nmae}), a warning otherwise (braces can be meant literally)."""
    from .schema import did_you_mean

    problems, warnings, used = Problems(), list(recipients.warnings), set()
    for file in sorted(content_dir.rglob("*")):
        if file.suffix.lower() not in (".yaml", ".yml", ".md", ".markdown", ".txt") or not file.is_file():
            continue
        try:
            lines = file.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue                                          # the loader reports unreadable files
        for number, text in enumerate(lines, 1):
            for m in PLACEHOLDER.finditer(text):
                name = m.group(1).strip()
                if name in recipients.columns:
                    used.add(name)
                    continue
                guess = did_you_mean(name, recipients.columns)
                where = dict(file=file.relative_to(content_dir), line=number)
                if guess:
                    problems.add(f"{{{printable(name)}}} is not a column of {recipients.path.name}; {guess}",
                                 hint=f"the columns are {', '.join(recipients.columns)}", **where)
                else:
                    warnings.append(f"{where['file']} line {number}: {{{printable(name)}}} is not a column of "
                                    f"{recipients.path.name}; it is printed as it stands")
    problems.check()
    if not used:
        warnings.append(f"no {{column}} of {recipients.path.name} is used in the content, so every copy is the "
                        f"same; write e.g. {{{recipients.columns[0]}}} in booklet.yaml's dedication")
    for line, row in recipients.rows:
        for column in sorted(used):
            if not row[column]:
                warnings.append(f"{recipients.path.name} line {line}: '{column}' is empty")
    return warnings


def unfilled(booklet) -> list[str]:
    """booklet.yaml's {column}s in a booklet made without --each: printed as typed, and
    said, so that 'Presented to {name}' is not sent to the printer by mistake."""
    from .build import listed

    out = []
    for key in ("title", "subtitle", "dedication", "cover.note", "closing"):
        text = booklet.cover.note if key == "cover.note" else getattr(booklet, key)
        names = list(dict.fromkeys(m.group(0) for m in NAMED.finditer(text or "")))
        if names:
            line = booklet.where.get(key, {}).get("line")
            out.append(f"booklet.yaml{f' line {line}' if line else ''}: {printable(listed(names, 'and'))} "
                       f"{'are' if len(names) > 1 else 'is'} "
                       f"filled in only for copies made with --each (booklet make FOLDER --each names.csv); "
                       f"without that, {'they are' if len(names) > 1 else 'it is'} printed as typed")
    return out


def fill(text: str, row: dict[str, str]) -> str:
    """`text` with each {column} replaced by the row's value, other braces left alone."""
    if "{" not in text:
        return text
    return PLACEHOLDER.sub(lambda m: row.get(m.group(1).strip(), m.group(0)), text)


def file_name(output: Path, index: int, count: int, row: dict[str, str], columns: list[str]) -> Path:
    """Where one copy goes: `-o "copies/{name}.pdf"` fills the pattern; otherwise
    booklet-01-ada-lovelace.pdf beside the output. Names are made safe for any file system."""
    if PLACEHOLDER.search(output.name):
        stem = _safe(fill(output.stem, row)) or f"{index:0{len(str(count))}d}"
        if stem in WINDOWS_DEVICES:       # (a pupil called Con: 'con.pdf' is the console on Windows)
            stem += f"-{index:0{len(str(count))}d}"
        return output.with_name(stem + ".pdf")
    label = _safe(row[columns[0]])
    number = f"{index:0{len(str(count))}d}"
    return output.with_name(f"{output.stem}-{number}" + (f"-{label}" if label else "") + ".pdf")


# names Windows keeps for its devices, whatever follows the dot: no file can have them
WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


def _safe(text: str) -> str:
    words = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return re.sub(r"-+", "-", words).strip("-")[:60]


def build_copies(content_dir, layout, output: Path, options, recipients: Recipients, combine: bool = False,
                 progress=None) -> tuple[list, list[str]]:
    """Build a copy per row; returns (results, warnings). The first copy is built alone (it
    finds content errors once and fills the photo cache), the rest on all cores."""
    from .build import build

    output = Path(output)
    if combine:
        check_output(output)                 # the copies are built elsewhere, then joined here
        if options.impose:
            check_print_files(output)
    count = len(recipients.rows)
    names = [file_name(output, i, count, row, recipients.columns) for i, (_, row) in enumerate(recipients.rows, 1)]
    seen = {}
    for (line, _), name in zip(recipients.rows, names):
        if name in seen:
            raise BookletError(Problem(f"two rows would both be written to {name.name} (lines {seen[name]} and "
                                       f"{line})", file=recipients.path,
                                       hint="use -o with a column that differs, e.g. -o 'copies/{name}.pdf'"))
        seen[name] = line
    with tempfile.TemporaryDirectory(prefix="booklet-copies-") as tmp:
        targets = [Path(tmp) / f"{i}.pdf" for i in range(count)] if combine else names
        jobs = [(content_dir, layout, target, replace(options, fields=row))
                for target, (_, row) in zip(targets, recipients.rows)]
        try:
            results = [build(*jobs[0])]
        except BookletError as e:
            raise _in_copy(e, recipients, 0) from None
        if progress:
            progress(1, count)
        rest = _build_rest(jobs[1:], progress, count)
        failed = [_in_copy(r, recipients, i) for i, r in enumerate(rest, 1) if isinstance(r, BookletError)]
        if failed:                           # each said with its row; the copies that could be made are
            problems = [p for e in failed for p in e.problems]
            made = count - len(failed)
            problems[-1] = replace(problems[-1], hint=(problems[-1].hint + "; " if problems[-1].hint else "")
                                   + f"the other {made} cop{'y was' if made == 1 else 'ies were'} made")
            raise BookletError(problems)
        results += rest
        if combine:
            combined = _combine([r.pdf for r in results], output)
            if options.impose:
                from .impose import guide
                from .output import write_file

                printed = output.with_name(output.stem + "-print.pdf")
                _combine([r.print_pdf for r in results], printed, pad=False)
                first = results[0]           # (on the same sheet; a long name may make a copy longer)
                text = guide(replace(first.imposed, path=printed), first.pages, copies=[r.sheets for r in results])
                write_file(output.with_name(output.stem + "-print.txt"), lambda f: f.write(text.encode("utf-8")))
            return results, combined
    return results, []


def _in_copy(e: BookletError, recipients: Recipients, index: int) -> BookletError:
    """A copy's problems, each saying which row's copy it is (a name too long for the cover
    is the row's, not booklet.yaml's)."""
    line, row = recipients.rows[index]
    label = printable(row[recipients.columns[0]], 30)
    return BookletError([replace(p, message=f"{p.message} (in the copy for {recipients.path.name} line {line}"
                                            f"{': ' + label if label else ''})") for p in e.problems])


def _build_one(job):
    """A copy's result, or the problem that stopped it (the other copies go on)."""
    from .build import build

    try:
        return build(*job)
    except BookletError as e:
        return e


def _build_rest(jobs, progress, count) -> list:
    workers = min(os.cpu_count() or 1, len(jobs))
    if workers < 2:
        out = []
        for job in jobs:
            out.append(_build_one(job))
            if progress:
                progress(len(out) + 1, count)
        return out
    from concurrent.futures import as_completed

    from .photos import worker_pool

    with worker_pool(workers) as pool:
        futures = {pool.submit(_build_one, job): i for i, job in enumerate(jobs)}
        out = [None] * len(jobs)
        for done, future in enumerate(as_completed(futures), 2):
            out[futures[future]] = future.result()
            if progress:
                progress(done, count)
    return out


def _combine(pdfs: list[Path], target: Path, pad: bool = True) -> list[str]:
    """The copies one after another in one PDF. With `pad`, each copy gets an even number of
    pages so that every copy starts on a fresh sheet when printed on both sides."""
    from pypdf import PdfReader, PdfWriter

    writer, blanks = PdfWriter(), 0
    for pdf in pdfs:
        reader = PdfReader(str(pdf))
        for page in reader.pages:
            writer.add_page(page)
        if pad and len(reader.pages) % 2:
            box = reader.pages[-1].mediabox
            writer.add_blank_page(float(box.width), float(box.height))
            blanks += 1
    first = PdfReader(str(pdfs[0]))
    writer.add_metadata({"/Title": (first.metadata or {}).get("/Title", "booklet"), "/Creator": "booklet"})
    write_file(target, writer.write)
    return [f"{blanks} blank page{'s' * (blanks != 1)} added so that each copy starts on a new sheet"] \
        if blanks else []
