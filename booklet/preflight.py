"""Preflight: the finished PDF and what went into it in; a short list of checks out, the
way a print shop would look at the file before printing it."""
from __future__ import annotations

from dataclasses import dataclass

from .errors import printable
from .theme import SAFE, in_margins, least_margins     # (SAFE: text this close to the trimmed edge risks being cut)

MM = 72 / 25.4


@dataclass
class Check:
    name: str
    status: str        # ok, warn or fail
    detail: str

    def __str__(self) -> str:
        return f"  {self.status:<5} {self.name:<11} {self.detail}"


def preflight(pages: int, theme, trim, images, styles, asked: bool = False) -> list[Check]:
    """`asked`: the page count is the one --fit N asked for."""
    return [_pages(pages, bool(trim.bleed or trim.crop_marks), asked), _trim(theme, trim), _fonts(styles.fonts_used),
            *_images(images), _characters(styles.missing), _safe_area(theme, styles.overflowing)]


def _pages(pages: int, print_shop: bool = False, asked: bool = False) -> Check:
    sheets, blanks = -(-pages // 4), -pages % 4
    if pages % 4 == 0:
        return Check("pages", "ok", f"{pages} pages, a multiple of 4: {sheets} sheet{'s' * (sheets != 1)} "
                                    "per copy, printed two to a side")
    blank_pages = f"{blanks} blank page{'s' * (blanks != 1)}"
    # (after --fit N with N not a multiple of 4, '--fit avoids it' would send them round in a circle)
    remedy = f"--fit {pages + blanks} (or --fit alone)" if asked else "--fit"
    if print_shop:           # the shop, not we, would pad the file: it may ask for it done
        return Check("pages", "warn", f"{pages} pages: a print shop folds a multiple of 4, and will add "
                                      f"{blank_pages} or ask you to; {remedy} lands on a multiple of 4 itself")
    return Check("pages", "warn", f"{pages} pages: a folded booklet needs a multiple of 4, so "
                                  f"{blank_pages} will be added "
                                  f"({sheets} sheet{'s' * (sheets != 1)} per copy); {remedy} avoids it")


def _trim(theme, trim) -> Check:
    w, h = theme["page"]["size"]
    size = f"trim {w / MM:.0f} x {h / MM:.0f} mm"
    if trim.bleed:
        return Check("trim", "ok", f"{size}, bleed {trim.bleed / MM:g} mm" + (", crop marks" if trim.crop_marks else ""))
    if trim.crop_marks:
        return Check("trim", "ok", f"{size}, crop marks, no bleed (a print shop wants --bleed 3mm where "
                                   "colour or a photo reaches the edge)")
    return Check("trim", "ok", f"{size}, no bleed (fine for your own printer; a print shop wants --bleed 3mm)")


def _fonts(names: list[str]) -> Check:
    """Every font the PDF uses is a TrueType face that reportlab embeds as a subset; one of
    the 14 standard PDF fonts (Helvetica...) would be left to the printer's own copy."""
    from reportlab.pdfbase import pdfmetrics

    unembedded = [name for name in names if not getattr(pdfmetrics.getFont(name), "_dynamicFont", 0)]
    if unembedded:
        return Check("fonts", "fail", "not embedded: " + ", ".join(unembedded))
    if len(names) == 1:
        return Check("fonts", "ok", "1 font, embedded and subset")
    return Check("fonts", "ok", f"{len(names)} fonts, all embedded and subset")


def _images(images) -> list[Check]:
    if not images:
        return [Check("images", "ok", "no photos")]
    from .photos import dpi_text, least_sharp, sharp, unsharp

    good = [(path, dpi) for path, dpi in images if sharp(dpi)]
    out = []
    if len(good) == 1:
        out.append(Check("images", "ok", f"{printable(good[0][0].name)}: {good[0][1]:.0f} dpi at its placed size"))
    elif good:              # one line for them all: forty photos were forty lines of 'ok'
        least = min(dpi for _, dpi in good)
        out.append(Check("images", "ok", f"{len(good)} photos placed at 300 dpi or more (the least {least:.0f} dpi)"
                         if least >= 300 else f"{len(good)} photos placed at 300 dpi, to within 1%, or more "
                         f"(the least {least:.0f} dpi)"))
    named, count = unsharp(images)           # (placed twice at one size: once)
    if count == len(named):
        return out + [Check("images", "warn" if dpi >= 150 else "fail",
                            f"{name}: {dpi_text(dpi)} dpi at its placed size (300 wanted)") for name, dpi in named]
    for status, least, under in (("fail", 0.0, 150.0), ("warn", 150.0, None)):
        named, count = unsharp(images, least, under)
        if count == 1:
            out.append(Check("images", status, f"{named[0][0]}: {dpi_text(named[0][1])} dpi at its placed size "
                                               "(300 wanted)"))
        elif count:
            out.append(Check("images", status, f"{count} photos {'under 150' if under else 'from 150 to 300'} dpi at "
                                               f"their placed size (300 wanted), {least_sharp(named, count)}"))
    return out


def _characters(missing: dict) -> Check:
    if not missing:
        return Check("characters", "ok", "every character has a font")
    from .build import group_missing

    parts = [chars[0] if len(chars) == 1 else f"{len(chars)} {kind}" for kind, chars, _ in group_missing(missing)]
    return Check("characters", "fail", "no font for " + ", ".join(dict.fromkeys(parts)))


def _safe_area(theme, overflowing: list) -> Check:
    """Text set within 3 mm of the trimmed edge may be cut off. All text is set inside the
    margins, except the running heads and folios, which sit in them, and except a line
    wider than its column (a word nothing could break): check those."""
    if overflowing:
        page, points, text = overflowing[0]
        more = f", and {len(overflowing) - 1} more line{'s' * (len(overflowing) > 2)}" if len(overflowing) > 1 else ""
        return Check("safe area", "fail", f"a line on page {page} runs {points / MM:.0f} mm past its column, "
                                          f"into the margin or off the page: '{printable(text, 50)}'{more} (a space in it lets it break)")
    m = theme["page"]["margins"]
    (down, up), (top, bottom) = in_margins(theme), least_margins(theme)
    closest = {"margins": (min(m.values()), f" (margins of at least {SAFE / MM:.0f} mm mend it)")}
    if theme["running_head"]:
        closest["running heads"] = (min(down - theme.style("running_head")["size"], m["outer"]), _wider("top", top, m))
    if theme["folio"] != "none":
        closest["page numbers"] = (min(up, m["outer"]), _wider("bottom", bottom, m))
    near = [f"{what} {value / MM:.1f} mm from the edge{fix}" for what, (value, fix) in closest.items()
            if value < SAFE - 0.01]
    if near:
        return Check("safe area", "fail", "; ".join(near))
    return Check("safe area", "ok", "all text at least 3 mm inside the trim")


def _wider(side: str, needed: float, m: dict) -> str:
    """How to move a running head or page number 3 mm in: the margin it sits in, made at
    least so wide (an outer margin too narrow is said as the margins' own)."""
    return f" (a {side} margin of at least {needed / MM:.0f} mm mends it)" if m[side] < needed - 0.01 else ""


def failed(checks: list[Check]) -> bool:
    return any(c.status != "ok" for c in checks)
