"""What the tool keeps between runs in the user's cache folder, like Python's .pyc files.

Two things are kept, both keyed by a hash of the text they come from, so an edited file is
never served stale: compiled clause templates (:func:`ordinance_drafter.templating.
_compile_code`) and the parsed YAML of the built-in clause library (:class:`YamlCache`).
``ORDINANCE_DRAFTER_NO_CACHE=1`` turns both off; a missing or read-only cache folder only
means the work is done every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

_FOLDERS: dict[tuple[str | None, ...], Path | None] = {}


def cache_dir() -> Path | None:
    """The tool's cache folder, or ``None`` when caching is off."""
    env = os.environ
    key = (env.get("ORDINANCE_DRAFTER_NO_CACHE"), env.get("XDG_CACHE_HOME"), env.get("HOME"))
    if key not in _FOLDERS:
        if key[0]:
            _FOLDERS[key] = None
        else:
            base = key[1] or os.path.join(os.path.expanduser("~"), ".cache")
            _FOLDERS[key] = Path(base) / "ordinance-drafter"
    return _FOLDERS[key]


def write_atomically(path: Path, data: bytes) -> None:
    """Write a cache file through a temporary file; a failure leaves no cache, not a bad one."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)


class YamlCache:
    """The parsed YAML files of one clause library, kept between runs.

    Building PyYAML's Python objects is most of the time it takes to load a library. A
    file's parsed data is kept with a hash of its text and used again while the text is
    the same. One cache file per library folder; the tool keeps one only for its built-in
    library, so the many small libraries of a test run leave nothing behind.

    Args:
        root: The library folder.
    """

    def __init__(self, root: Path) -> None:
        import yaml

        folder = cache_dir()
        name = hashlib.sha1(str(root).encode("utf-8")).hexdigest()[:16]
        self.file = folder / "yaml" / f"{name}.pickle" if folder else None
        self.salt = f"{yaml.__version__}|{sys.version}|{pickle.HIGHEST_PROTOCOL}|v1"
        self.entries: dict[str, tuple[str, bytes]] = {}
        self.changed = False
        if self.file is not None:
            with contextlib.suppress(Exception):  # a missing, old or damaged cache is ignored
                stored = pickle.loads(self.file.read_bytes())
                if stored["salt"] == self.salt:
                    self.entries = stored["entries"]

    def parse(self, text: str, path: Path, parse: Callable[[str], Any]) -> Any:
        """The data of YAML ``text`` read from ``path``: kept, or ``parse(text)``."""
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
        kept = self.entries.get(str(path))
        if kept is not None and kept[0] == digest:
            return pickle.loads(kept[1])
        data = parse(text)
        self.entries[str(path)] = (digest, pickle.dumps(data, pickle.HIGHEST_PROTOCOL))
        self.changed = True
        return data

    def save(self) -> None:
        """Write the cache file if anything was parsed afresh."""
        if self.changed and self.file is not None:
            stored = {"salt": self.salt, "entries": self.entries}
            write_atomically(self.file, pickle.dumps(stored, pickle.HIGHEST_PROTOCOL))
        self.changed = False
