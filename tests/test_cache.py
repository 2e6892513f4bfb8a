"""What is kept between runs: Jinja2's bytecode cache of the compiled clause templates.

Each test loads fresh libraries (one environment each, as separate runs would) with a
private cache folder, and counts how often Jinja2 compiles a template from source.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import bc_magic

from ordinance_drafter.answers.resolve import resolve
from ordinance_drafter.answers.schema import Answers, JurisdictionAnswers
from ordinance_drafter.library.loader import Library, builtin_library_path
from ordinance_drafter.library.templates import cache_folder
from ordinance_drafter.pipeline import draft_ordinance, render_bytes
from ordinance_drafter.render import RenderOptions

CONTEXT = {"jur": {"name": "Northfield", "Kind": "City"}, "variant": "", "part": ""}
ANSWERS = Answers(
    jurisdiction=JurisdictionAnswers(name="Rice", kind="county", state="MN", jail="county"),
    preset="comprehensive",
)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder for the test; caching on."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("ORDINANCE_DRAFTER_NO_CACHE", raising=False)
    return tmp_path / "xdg" / "ordinance-drafter" / "templates"


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every template Jinja2 compiles from source."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(str(name))
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def render_some(library: Library) -> bytes:
    """A comprehensive draft (every template it uses, files and YAML texts), as Markdown."""
    ordinance = draft_ordinance(library, resolve(ANSWERS, library, "test"))
    return render_bytes(ordinance, "md", RenderOptions(notes="inline"))


def test_the_cache_folder_follows_platformdirs(cache_home: Path):
    """The user's cache folder, as platformdirs gives it (XDG_CACHE_HOME on Linux)."""
    assert cache_folder() == cache_home


def test_a_second_run_loads_compiled_templates_instead_of_compiling(cache_home, compiles):
    """The first library compiles and stores; a fresh one compiles nothing, same result."""
    library = Library(builtin_library_path())
    first = render_some(library)
    compiled = len(compiles)
    sections = draft_ordinance(library, resolve(ANSWERS, library, "test")).sections
    assert compiled > 2 * len(sections)  # every section's text and note, and more
    assert len(list(cache_home.iterdir())) == compiled  # each stored once
    assert render_some(Library(builtin_library_path())) == first
    assert len(compiles) == compiled  # nothing compiled the second time


def test_an_edited_template_is_compiled_again(tmp_path, cache_home, compiles):
    """The cache is keyed by the template's text: an edit is never served stale."""
    from conftest import build_clause_library

    lib = build_clause_library(tmp_path / "lib", {"provisions/purpose/text.md.j2": "One.\n"})
    assert Library(lib).clauses["purpose"].text_template.render(CONTEXT) == "One."
    (lib / "provisions/purpose/text.md.j2").write_text("Two.\n", encoding="utf-8")
    before = len(compiles)
    assert Library(lib).clauses["purpose"].text_template.render(CONTEXT) == "Two."
    assert len(compiles) == before + 1


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not a cache file", None],
    ids=["empty", "garbage", "right-header-damaged-body"],
)
def test_a_damaged_cache_file_means_compiling_afresh(cache_home, compiles, garbage):
    """Damaged files are ignored (and replaced), never an error or wrong text."""
    expected = render_some(Library(builtin_library_path()))
    for path in cache_home.iterdir():
        # None: Jinja2's own header, then garbage where the checksum and code should be.
        path.write_bytes(bc_magic + b"\x00garbage" if garbage is None else garbage)
    before = len(compiles)
    assert render_some(Library(builtin_library_path())) == expected
    assert len(compiles) > before
    again = len(compiles)
    assert render_some(Library(builtin_library_path())) == expected
    assert len(compiles) == again  # the damaged files were replaced by good ones


def test_a_cache_folder_that_cannot_be_made_means_no_cache(cache_home, compiles):
    """A file where the folder should be: templates compile every time, nothing fails."""
    cache_home.parent.mkdir(parents=True)
    cache_home.write_text("in the way")
    expected = render_some(Library(builtin_library_path()))
    before = len(compiles)
    assert render_some(Library(builtin_library_path())) == expected
    assert len(compiles) == 2 * before


def test_a_read_only_or_vanished_folder_means_no_cache(cache_home, compiles):
    """Writing fails (the folder is read-only, or removed during the run): no cache, no error."""
    library = Library(builtin_library_path())
    assert library.env.bytecode_cache is not None  # the cache folder exists now
    cache_home.chmod(0o500)
    try:
        expected = render_some(library)
    finally:
        cache_home.chmod(0o700)
    if os.geteuid() != 0:  # root writes to read-only folders; the next check covers it
        assert not list(cache_home.iterdir())
    for path in cache_home.iterdir():
        path.unlink()
    library = Library(builtin_library_path())
    assert library.env.bytecode_cache is not None
    cache_home.rmdir()
    assert render_some(library) == expected
    assert not cache_home.exists()


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch, compiles):
    """ORDINANCE_DRAFTER_NO_CACHE=1: nothing is read from or written to a cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("ORDINANCE_DRAFTER_NO_CACHE", "1")
    assert cache_folder() is None
    expected = render_some(Library(builtin_library_path()))
    before = len(compiles)
    assert render_some(Library(builtin_library_path())) == expected
    assert len(compiles) == 2 * before
    assert not (tmp_path / "xdg").exists()


def test_a_full_disk_leaves_no_cache_file(cache_home: Path, monkeypatch: pytest.MonkeyPatch):
    """ENOSPC half-way through each cache write: the draft is the same, and the cache folder
    holds no file at all (no partial cache file, no temporary file)."""
    import errno

    from jinja2.bccache import Bucket

    expected = render_some(Library(builtin_library_path()))
    for stale in cache_home.iterdir():
        stale.unlink()
    real = Bucket.write_bytecode

    def half_then_full(self, f):
        real(self, f)
        f.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Bucket, "write_bytecode", half_then_full)
    assert render_some(Library(builtin_library_path())) == expected
    assert list(cache_home.iterdir()) == []


def test_a_stop_during_a_cache_write_leaves_no_partial_file(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
):
    """A real SIGINT while a cache file is written: held until the write ends, then raised;
    every file left in the cache folder is complete."""
    import signal

    from jinja2.bccache import Bucket

    real = Bucket.write_bytecode

    def interrupted(self, f):
        os.kill(os.getpid(), signal.SIGINT)
        real(self, f)

    monkeypatch.setattr(Bucket, "write_bytecode", interrupted)
    with pytest.raises(KeyboardInterrupt):
        render_some(Library(builtin_library_path()))
    monkeypatch.undo()
    kept = list(cache_home.iterdir())
    assert len(kept) == 1 and kept[0].suffix == ".cache"  # the one write that ran, whole
    data = kept[0].read_bytes()
    assert data.startswith(bc_magic) and len(data) > len(bc_magic) + 20
