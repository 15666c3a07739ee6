"""Parsed data kept on disk between runs: a font's tables, a hyphenation dictionary.

Parsing them is most of what starting a build costs (25 ms a font face, 100 ms for the
English hyphenation patterns); reading them back is a few milliseconds. An entry is keyed
by the source file's path, size, modification and change times and inode, and by the
parser's version, so a changed or replaced file or a new library parses afresh. Any
trouble with the cache (a read-only home, a damaged entry) only means parsing as if there
were none.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

VERSION = 1


def cache_root() -> Path:
    """$BOOKLET_CACHE_DIR, or the user's cache folder (e.g. ~/.cache/booklet)."""
    if os.environ.get("BOOKLET_CACHE_DIR"):
        return Path(os.environ["BOOKLET_CACHE_DIR"])
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("booklet"))


def _entry(kind: str, source: Path, version: str) -> Path:
    st = source.stat()
    ident = (f"{source.resolve()}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_ino}|"
             f"{version}|{VERSION}")
    return cache_root() / "parsed" / f"{kind}-{hashlib.sha256(ident.encode()).hexdigest()[:32]}.pickle"


def recall(kind: str, source: Path, version: str):
    """What was remembered for this very file, or None (without parsing it)."""
    try:
        with open(_entry(kind, source, version), "rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        return None


def remembered(kind: str, source: Path, version: str, parse):
    """parse(), or what it returned last time for this very file."""
    value = recall(kind, source, version)
    if value is not None:
        return value
    value = parse()
    try:
        entry = _entry(kind, source, version)
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_name(f".{entry.name}.{os.getpid()}")
        with open(tmp, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except (OSError, pickle.PicklingError, AttributeError, TypeError):
        pass
    return value
