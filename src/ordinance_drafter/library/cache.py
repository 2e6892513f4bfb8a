"""What the tool keeps between runs in the user's cache folder, like Python's .pyc files.

Two things are kept, both keyed by a hash of the text they come from, so an edited file is
never served stale: compiled clause templates (one file each, see
:func:`ordinance_drafter.templating._compile_code`) and, for the built-in clause library,
its parsed YAML and compiled templates in one file (:class:`LibraryCache`).
``ORDINANCE_DRAFTER_NO_CACHE=1`` turns both off; a missing or read-only cache folder only
means the work is done every time.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import marshal
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


# More compiled templates than a library has (the built-in one has some 300 template
# texts): the cache is cut back to those the run used.
MAX_TEMPLATES = 1500


class LibraryCache:
    """What is kept of one clause library between runs: parsed YAML and compiled templates.

    Building PyYAML's Python objects is most of the time it takes to load a library, and
    reading some 160 compiled templates one file at a time was a good part of a draft's.
    Both are kept in one file per library folder, each entry with a hash of the text it
    comes from, and used again while the text is the same. The tool keeps one only for its
    built-in library, so the many small libraries of a test run leave nothing behind (they
    use the per-template files of :func:`ordinance_drafter.templating._compile_code`).

    Args:
        root: The library folder.
    """

    def __init__(self, root: Path) -> None:
        import yaml

        folder = cache_dir()
        name = hashlib.sha1(str(root).encode("utf-8")).hexdigest()[:16]
        self.file = folder / "library" / f"{name}.pickle" if folder else None
        self.salt = f"{yaml.__version__}|{sys.version}|{pickle.HIGHEST_PROTOCOL}|v1"
        self.entries: dict[str, tuple[str, bytes]] = {}
        self.codes: dict[str, bytes] = {}
        self.used: set[str] = set()  # the templates this run asked for
        self.changed = False
        self._at_exit = False
        if self.file is not None:
            with contextlib.suppress(Exception):  # a missing, old or damaged cache is ignored
                stored = pickle.loads(self.file.read_bytes())
                if stored["salt"] == self.salt:
                    self.entries, self.codes = stored["entries"], stored["codes"]

    def parse(self, text: str, path: Path, parse: Callable[[str], Any]) -> Any:
        """The data of YAML ``text`` read from ``path``: kept, or ``parse(text)``."""
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
        kept = self.entries.get(str(path))
        if kept is not None and kept[0] == digest:
            return pickle.loads(kept[1])
        data = parse(text)
        self.entries[str(path)] = (digest, pickle.dumps(data, pickle.HIGHEST_PROTOCOL))
        self._changed()
        return data

    def code(self, digest: str, compile_: Callable[[], Any]) -> Any:
        """The compiled template whose source has hash ``digest``: kept, or ``compile_()``."""
        self.used.add(digest)
        kept = self.codes.get(digest)
        if kept is not None:
            with contextlib.suppress(ValueError, EOFError, TypeError):
                return marshal.loads(kept)
        code = compile_()
        self.codes[digest] = marshal.dumps(code)
        self._changed()
        return code

    def _changed(self) -> None:
        self.changed = True
        if not self._at_exit:  # templates compile during a draft, after loading ends
            atexit.register(self.save)
            self._at_exit = True

    def save(self) -> None:
        """Write the cache file if anything was parsed or compiled afresh."""
        if self.changed and self.file is not None:
            if len(self.codes) > MAX_TEMPLATES:  # old versions of edited templates pile up
                self.codes = {k: v for k, v in self.codes.items() if k in self.used}
            stored = {"salt": self.salt, "entries": self.entries, "codes": self.codes}
            write_atomically(self.file, pickle.dumps(stored, pickle.HIGHEST_PROTOCOL))
        self.changed = False
