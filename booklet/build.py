"""The pipeline, stage by stage: content folder and layout in, PDF booklet out.

load → validate → select comments → smart typography → theme → compose → render
→ (impose for printing) → preflight.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BookletError, Problem, places_text, printable, some
from .load import load_booklet
from .output import check_output, check_print_files, write_file
from .resources import content_folder, data_dir
from .select import select_comments, tally
from .theme import load_theme
from .typography import map_text, smarten_booklet
from .validate import validate
from .words import written_right_to_left


@dataclass
class Options:
    """How to build, beyond the content and the layout: mostly for printing."""
    bleed: float = 0.0              # points of bleed around each page, for a print shop
    crop_marks: bool = False
    allow_low_res: bool = False     # build even with photos under 150 dpi
    impose: str | None = None       # "saddle": also write <name>-print.pdf
    sheet: str | None = None        # a4, letter, a3 or tabloid; by default from the page size
    creep: float = 0.0              # points per sheet; positive moves inner pages outward
    fit: int | str | None = None    # "auto": a multiple of 4 pages; a number: exactly that many
    fields: dict | None = None      # a personalised copy: {column: value} for the content's {column}s


@dataclass
class Result:
    pdf: Path
    pages: int
    bytes: int
    layout: str
    warnings: list[str] = field(default_factory=list)
    print_pdf: Path | None = None
    guide: str = ""
    sheets: int = 0
    imposed: object = None                              # impose.Imposed, with --impose
    fitted: list[str] = field(default_factory=list)     # what --fit changed
    selected: list[str] = field(default_factory=list)   # what comment selection left out
    preflight: list = field(default_factory=list)


def prepare(content_dir: Path | None = None, layout: str | None = None, typography: bool = True,
            fields: dict | None = None):
    """Everything short of layout: the content loaded, checked and selected, and the theme."""
    folder = content_folder(content_dir)
    try:
        booklet = load_booklet(folder)
    except BookletError as e:
        if also := _layout_problems(layout, folder):      # said with the content's, all at once
            raise BookletError(e.problems + also) from e
        raise
    if fields:
        from .copies import fill
        booklet = map_text(booklet, lambda text: fill(text, fields))
    warnings = validate(booklet)
    if not fields:
        from .copies import unfilled
        warnings += unfilled(booklet)
    booklet = select_comments(booklet)
    if booklet.smart_typography and typography:
        booklet = smarten_booklet(booklet)
    if layout:                        # --layout: a name, or a file from where the command runs
        theme = load_theme(layout)
    else:                             # booklet.yaml's: a file beside it
        theme = load_theme(booklet.layout or "classic", folder, booklet.where.get("layout"))
    return booklet, theme, warnings + theme.warnings


def _layout_problems(layout: str | None, folder: Path) -> list:
    """The problems of the layout, --layout's or else booklet.yaml's, when the content has
    problems of its own (a layout name mistyped was said only once those were mended)."""
    from .yamlfile import load

    where = None
    if not layout:
        try:
            root = load(folder / "booklet.yaml")
        except BookletError:
            return []                 # (booklet.yaml's own problem is said already)
        node = root.value.get("layout") if root.kind == "map" else None
        if node is None or node.kind != "str" or not node.value.strip():
            return []
        layout, where = node.value, root.where("layout")
    try:
        load_theme(layout, folder if where else None, where)
    except BookletError as e:
        return e.problems
    return []


def build(content_dir: Path | None = None, layout: str | None = None,
          output: Path = Path("booklet.pdf"), options: Options = Options()) -> Result:
    if options.impose and (options.bleed or options.crop_marks):
        raise BookletError(Problem("--impose is for printing it yourself, --bleed and --crop-marks are for a "
                                   "print shop; choose one", hint="a print shop imposes the pages itself"))
    check_output(Path(output))
    if options.impose:
        check_print_files(Path(output))
    booklet, theme, warnings = prepare(content_dir, layout, fields=options.fields)

    # reportlab is imported only when we render, after the photos are started (fit.lay_out)
    from .fit import Adjustments, Trim, fit_pages, lay_out
    from .preflight import preflight

    output = Path(output)
    trim = Trim(options.bleed, options.crop_marks)
    with tempfile.TemporaryDirectory(prefix="booklet-") as workdir:
        if options.fit:
            pages, composer, fitted = fit_pages(booklet, theme, Path(workdir), trim, output, options)
        else:
            pages, composer = lay_out(booklet, theme, Path(workdir), trim, output, Adjustments(), options)
            fitted = []
    result = Result(output, pages, output.stat().st_size, theme.name,
                    warnings + composer.warnings + missing_glyphs(composer.styles) + stand_in_faces(composer.styles)
                    + skin_tones(composer.styles) + emoji_in_parts(composer.styles)
                    + stacked_marks(composer.styles),
                    fitted=fitted,
                    selected=[line for s in booklet.sections if s.kind == "comments" if (line := tally(s))])
    from .photos import dpi_text, least_sharp, unsharp

    named, count = unsharp(composer.images)          # (a photo placed twice at one size: once)
    if count > len(named):
        result.warnings.append(f"{count} photos are under 300 dpi at their placed size, "
                               f"{least_sharp(named, count)}; 300 dpi prints sharply")
    else:
        result.warnings += [f"{name} is {dpi_text(dpi)} dpi at its placed size; 300 dpi prints sharply"
                            for name, dpi in named]
    if options.impose:
        from .impose import guide, impose

        print_pdf = output.with_name(output.stem + "-print.pdf")
        imposed = impose(output, print_pdf, options.sheet, options.creep,
                         back_cover=bool(booklet.closing), rtl=written_right_to_left(booklet.language))
        result.print_pdf, result.sheets, result.imposed = print_pdf, imposed.sheets, imposed
        result.guide = guide(imposed, pages)
        write_file(output.with_name(output.stem + "-print.txt"), lambda f: f.write(result.guide.encode("utf-8")))
    result.preflight = preflight(pages, theme, trim, composer.images, composer.styles,
                                 asked=isinstance(options.fit, int))
    return result


def skin_tones(styles) -> list[str]:
    """A warning where emoji had a skin tone, which the black-and-white emoji font cannot show."""
    if not styles.toned:
        return []
    codes = ", ".join(f"U+{code:04X}" for code in sorted(styles.toned))
    where = set().union(*styles.toned.values())
    return [f"emoji with a skin tone ({codes}) print without it, in black and white (used in {places_text(where)})"]


# the regions whose flags are written with tag letters, by the letters (Unicode's RGI list)
REGIONS = {"gbeng": "England", "gbsct": "Scotland", "gbwls": "Wales"}


def emoji_in_parts(styles) -> list[str]:
    """Warnings where emoji that a phone shows as one picture print as their parts: a flag as
    its two letters, a region's flag as a black flag, a family as its people side by side."""
    from .styles import FLAG, REGION_FLAG

    flags, regions, joined = {}, {}, {}
    for found, where in styles.in_parts.items():
        if FLAG.fullmatch(found):
            letters = "".join(chr(ord(ch) - 0x1F1E6 + ord("A")) for ch in found)
            flags.setdefault(f"{found} as {letters[0]} {letters[1]}", set()).update(where)
        elif tags := REGION_FLAG.fullmatch(found):
            code = "".join(chr(ord(ch) - 0xE0000) for ch in tags.group(1))
            regions.setdefault(REGIONS.get(code, f"{code[:2]}-{code[2:]}".upper()), set()).update(where)
        else:
            joined.setdefault(found, set()).update(where)
    out = []
    if flags:
        out.append(f"flags print as their two letters, each in a box, as the black-and-white emoji font "
                   f"has no flags ({some(sorted(flags), 6)}; used in {places_text(set().union(*flags.values()))})")
    if regions:
        names = sorted(regions)
        which = f"flag of {names[0]} prints as a black flag" if len(names) == 1 else \
            f"flags of {', '.join(names[:-1])} and {names[-1]} print as black flags"
        out.append(f"the {which}, as the black-and-white emoji font has no such flag "
                   f"(used in {places_text(set().union(*regions.values()))})")
    if joined:
        out.append(f"emoji joined into one picture on a phone ({some(sorted(joined), 6, ' ')}) print as their parts, "
                   f"side by side (used in {places_text(set().union(*joined.values()))})")
    return out


def stacked_marks(styles) -> list[str]:
    """A warning where accents were stacked on a letter past what any language writes."""
    if not styles.stacked:
        return []
    from .styles import MOST_MARKS

    return [f"accents stacked more than {MOST_MARKS} on one letter (as 'Zalgo' text is written) would print over "
            f"the lines around them: only the first {MOST_MARKS} are kept (in {places_text(styles.stacked)})"]


def stand_in_faces(styles) -> list[str]:
    """One warning per font family asked for a bold or italic it does not have (a layout's
    own .ttf file alone in its folder): that text prints in the regular face."""
    out = []
    for family, weights in styles.stand_ins.values():
        kinds = [(kind, suffix) for kind, suffix, weight in WEIGHTS if weight in weights]
        names = [kind for kind, _ in kinds]
        lacking = f"no {listed(names, 'or')} face"
        effect = f"{listed(names, 'and')} text prints in its regular face"
        regular = family.files[family.styles["regular"]]
        if data_dir("fonts") in regular.parents:
            out.append(f"the font family {family.name} has {lacking}: {effect}")
            continue
        wanted = listed([f"{family.name}-{suffix}.ttf" for _, suffix in kinds], "and")
        out.append(f"{printable(regular.name)} has {lacking} beside it: {effect}; to have "
                   f"{'it' if len(kinds) == 1 else 'them'}, put {printable(wanted)} in the folder "
                   f"{printable(str(regular.parent))}")
    return out


def listed(items: list[str], word: str) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


WEIGHTS = (("bold", "Bold", (True, False)), ("italic", "Italic", (False, True)),
           ("bold italic", "BoldItalic", (True, True)))


def missing_glyphs(styles) -> list[str]:
    """One warning per character no font has, or per script when several of its letters
    are missing in the same places (a comment in Tibetan is one line, not forty)."""
    out = []
    for kind, chars, where in group_missing(styles.missing):
        places = places_text(where)
        left_out = chars[0].endswith(")")           # (a control or private-use character: not drawn)
        if len(chars) == 1:
            out.append(f"no bundled font has the character {chars[0]}, used in {places};"
                       + (" it is left out" if left_out else " it prints as an empty box"))
        elif left_out:
            out.append(f"no bundled font has {len(chars)} {kind} ({chars[0].split()[0]} to "
                       f"{chars[-1].split()[0]}), used in {places}; they are left out")
        else:
            shown = " ".join(c.rsplit(" ", 1)[-1].strip("'") for c in chars[:10]) + (" …" if len(chars) > 10 else "")
            out.append(f"no bundled font has {len(chars)} {kind} ({shown}; "
                       f"{chars[0].split()[0]} to {chars[-1].split()[0]}), used in {places}; "
                       "they print as empty boxes")
    return out


def group_missing(missing: dict) -> list[tuple[str, list[str], frozenset]]:
    """(kind, characters, where used) from Styles.missing: the letters of one script
    together ('Tibetan characters'), with every place any of them is used (a Tibetan story
    of three paragraphs was a warning for each set of lines); and the characters of one kind
    that are left out, used in the same places ('private-use characters': fifty in a comment
    were fifty warnings); invisible, each elsewhere is said where it is."""
    groups: dict = {}
    for ch, where in sorted(missing.items()):
        if ch.endswith(")"):                        # 'U+E000 (a private-use character)'
            key = (ch.split(" ", 1)[1].strip("()").removeprefix("a ") + "s", frozenset(where))
        else:                                       # "U+0F40 TIBETAN LETTER KA 'ཀ'"
            script = ch.split()[1] if len(ch.split()) > 2 else ch
            key = ((script if len(script) <= 3 else script.title()) + " characters", None)    # (CJK, not Cjk)
        chars, used = groups.setdefault(key, ([], set()))
        chars.append(ch)
        used.update(where)
    return [(kind, chars, frozenset(used)) for (kind, _), (chars, used) in groups.items()]
