"""Documentation that is generated or checked from the schemas, so it cannot drift."""
from __future__ import annotations

from pathlib import Path

from booklet.load import BOOKLET, ITEM_SCHEMAS, SECTION
from booklet.reference import theme_reference
from booklet.schema import Field, Record
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


def test_the_layouts_list_is_the_layouts(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from booklet import cli
    from booklet.theme import listing

    assert (ROOT / "layouts" / "list.txt").read_text(encoding="utf-8") == "\n".join(listing()) + "\n", \
        "run: python -c \"from booklet.theme import listing; print(*listing(), sep=chr(10))\" > layouts/list.txt"
    result = CliRunner().invoke(cli.app, ["layouts"])
    assert result.output.startswith("\n".join(listing()) + "\n\nUse one with:")
    # a list that does not name the layouts there are (one added) is worked out instead
    for path in (ROOT / "layouts").glob("*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "list.txt").write_text((ROOT / "layouts" / "list.txt").read_text(encoding="utf-8"))
    (tmp_path / "mine.yaml").write_text("extends: classic\ndescription: One of our own\n")
    monkeypatch.setattr("booklet.resources.data_dir", lambda name: tmp_path if name == "layouts" else ROOT / name)
    monkeypatch.setattr("booklet.theme.data_dir", lambda name: tmp_path if name == "layouts" else ROOT / name)
    result = CliRunner().invoke(cli.app, ["layouts"])
    assert "mine         A5           One of our own" in result.output


def test_every_layout_key_is_described():
    reference = theme_reference()
    for key in [*keys(THEME), *keys(STYLE)]:
        assert f"`{key}`" in reference


def test_every_content_key_is_in_the_content_readme():
    readme = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    for record in (BOOKLET, SECTION, *ITEM_SCHEMAS.values()):
        for key in keys(record):
            assert f"{key.split('.')[-1]}`" in readme, key


def test_the_content_readme_names_each_choices_default_as_the_code_has_it():
    """The table called 'track' the cover art's default while the code drew 'frame'."""
    from booklet.schema import Choice

    readme = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip().strip("`"): line for line in readme.splitlines() if line.startswith("| `")}
    checked = 0
    for record in (BOOKLET, SECTION, *ITEM_SCHEMAS.values()):
        for key in keys(record):
            field = record
            for part in key.split("."):
                field = (field.type if isinstance(field, Field) else field).fields[part]
            if not isinstance(field.type, Choice) or key not in rows or "default" not in rows[key]:
                continue
            said = rows[key].split("default")[0]
            last = max(field.type.options, key=lambda option: said.rfind(f"`{option}`"))
            assert last == field.default, \
                f"content/README.md's row for `{key}` calls {last!r} the default; the code's is {field.default!r}"
            checked += 1
    assert checked
