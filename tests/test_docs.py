"""Documentation that is generated or checked from the schemas, so it cannot drift."""
from __future__ import annotations

from pathlib import Path

from booklet.load import BOOKLET, ITEM_SCHEMAS, SECTION
from booklet.reference import theme_reference
from booklet.schema import Record
from booklet.theme import STYLE, THEME

ROOT = Path(__file__).resolve().parents[1]


def keys(record: Record, prefix=""):
    for key, field in record.fields.items():
        assert field.doc.strip(), f"{prefix}{key} has no description"
        yield f"{prefix}{key}"
        if isinstance(field.type, Record) and field.type is not STYLE:
            yield from keys(field.type, f"{prefix}{key}.")


def test_layout_reference_is_generated_from_the_schema():
    assert (ROOT / "layouts" / "README.md").read_text(encoding="utf-8") == theme_reference(), \
        "run: python -m booklet.reference > layouts/README.md"


def test_every_layout_key_is_described():
    reference = theme_reference()
    for key in [*keys(THEME), *keys(STYLE)]:
        assert f"`{key}`" in reference


def test_every_content_key_is_in_the_content_readme():
    readme = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    for record in (BOOKLET, SECTION, *ITEM_SCHEMAS.values()):
        for key in keys(record):
            assert f"{key.split('.')[-1]}`" in readme, key
