"""Reference documentation generated from the schemas: layouts/README.md is this output.

Regenerate with:  python -m booklet.reference > layouts/README.md
"""
from __future__ import annotations

from .schema import REQUIRED, UNITS, Color, Field, Length, Record
from .theme import PAGE_SIZES, STYLE, THEME, PageSize

INTRO = """\
# Layouts

A layout (a theme) says how a booklet looks: page size, margins, fonts, colours, text
styles and how each section is laid out. Pick one with `booklet make --layout NAME`, or
write your own YAML file and pass its path. A layout file starts from classic, or from
the layout its `extends` names, and changes only what differs:

```yaml
# my-layout.yaml
extends: classic
page:
  size: Letter
styles:
  body: {size: 11.5}
```

Lengths take units `mm`, `cm`, `in` or `pt` (a bare number is points). Colours are a name
(`black`, `navy`...), `#rrggbb`, `rgb(r, g, b)` with values from 0 to 255, or
`cmyk(c, m, y, k)` with values from 0 to 1. Relative
file paths (fonts) are read from the layout file's own folder. A default below applies
where no layout in the chain sets the key; `booklet layouts classic` shows classic's own
values in full.

This reference is generated from the schema in `booklet/theme.py`
(`python -m booklet.reference > layouts/README.md`); a test fails when they differ.
"""


def _default(f: Field) -> str:
    if f.default is REQUIRED:
        return "required"
    if isinstance(f.type, Length):
        return f"{f.default / UNITS['mm']:g}mm"
    if isinstance(f.type, PageSize):
        w, h = (round(v / UNITS["mm"], 1) for v in f.default)
        return next((name for name, size in PAGE_SIZES.items() if size == (w, h)), f"{w:g}mm x {h:g}mm")
    if isinstance(f.type, Color):
        return "#" + "".join(f"{round(v * 255):02x}" for v in f.default[1:])
    if f.default is None or isinstance(f.default, (dict, tuple)):
        return ""
    if isinstance(f.default, bool):
        return "true" if f.default else "false"
    if isinstance(f.default, float):
        return f"{f.default:g}"
    return str(f.default)


def _rows(record: Record, prefix: str = "") -> list[str]:
    rows = []
    for key, f in record.fields.items():
        name = f"{prefix}{key}"
        if isinstance(f.type, Record) and f.type is not STYLE:
            rows.append(f"| `{name}` | | | {f.doc} |")
            rows += _rows(f.type, name + ".")
        elif f.type is STYLE:
            rows.append(f"| `{name}` | a style (below) | | {f.doc} |")
        else:
            rows.append(f"| `{name}` | {f.type.name} | {_default(f)} | {f.doc} |")
    return rows


def theme_reference() -> str:
    lines = [INTRO, "## Keys", "", "| key | value | default | what it does |", "|---|---|---|---|"]
    lines += _rows(THEME)
    lines += ["", "## A style", "", "Each entry under `styles` takes these keys:", "",
              "| key | value | default | what it does |", "|---|---|---|---|"]
    lines += _rows(STYLE)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(theme_reference(), end="")
