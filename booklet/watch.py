"""`make --watch`: build again whenever a content or layout file changes.

watchfiles gives the file system's own change events, debounced, so saving a file once
rebuilds once. What the build writes (the PDF, the print PDF and guide, its temporary
files), hidden files, editor backups and preview pictures are not changes to react to.
"""
from __future__ import annotations

from pathlib import Path

IGNORED_SUFFIXES = (".tmp", ".swp", ".swx", "~", ".part", ".crdownload")


def watched_paths(content_dir: Path, layout: str | None) -> list[Path]:
    paths = [content_dir.resolve()]
    if layout and Path(layout).suffix.lower() in (".yaml", ".yml") and Path(layout).is_file():
        folder = Path(layout).resolve().parent      # the layout, and a layout it extends beside it
        if not any(folder == p or folder.is_relative_to(p) for p in paths):
            paths.append(folder)
    return paths


def make_filter(outputs: list[Path]):
    from watchfiles import DefaultFilter

    written = {p.resolve() for p in outputs}
    default = DefaultFilter()

    def interesting(change, path: str) -> bool:
        p = Path(path)
        # (~$story.docx: Word's lock file, made when the document is opened; .~lock: Writer's)
        if p.resolve() in written or p.name.startswith((".", "~$")) or p.name.endswith(IGNORED_SUFFIXES):
            return False
        if "preview" in p.parts[:-1] or "__pycache__" in p.parts:
            return False
        return default(change, path)

    return interesting


def watch(paths: list[Path], outputs: list[Path], rebuild, stop_event=None, debounce_ms: int = 300) -> None:
    """Call `rebuild(changed_paths)` after each burst of changes, until Ctrl-C or `stop_event`."""
    import logging

    from watchfiles import watch as file_changes

    logging.getLogger("watchfiles").setLevel(logging.ERROR)   # we say "Stopped watching" ourselves
    for changes in file_changes(*paths, watch_filter=make_filter(outputs), stop_event=stop_event,
                                debounce=debounce_ms, raise_interrupt=False):
        changed = settled(changes)
        if changed:
            rebuild(changed)


def settled(changes) -> list[Path]:
    """The paths that changed, without the ones made and removed within the same burst: an
    editor's or sed's temporary file, written and renamed over the real one."""
    from watchfiles import Change

    made = {p for change, p in changes if change == Change.added}
    gone = {p for change, p in changes if change == Change.deleted}
    return sorted({Path(p) for _, p in changes if not (p in made and p in gone and not Path(p).exists())})
