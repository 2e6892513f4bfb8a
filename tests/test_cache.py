"""What is kept between runs: parsed YAML, used again only while the file's text is the same."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from ordinance_drafter.library import cache as _cache
from ordinance_drafter.library.cache import LibraryCache
from ordinance_drafter.library.loader import Library, builtin_library_path


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """A private cache folder for the test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ORDINANCE_DRAFTER_NO_CACHE", raising=False)
    return tmp_path / "cache" / "ordinance-drafter"


def test_parsed_yaml_is_kept_and_reused_until_the_text_changes(tmp_path, cache_home):
    """A second reader gets the kept data; an edited file is parsed again."""
    source = tmp_path / "a.yaml"
    source.write_text("title: One\nitems: [1, 2]\nas_of: 2026-11-25\n", encoding="utf-8")
    expected = {"title": "One", "items": [1, 2], "as_of": dt.date(2026, 11, 25)}
    parsed: list[str] = []

    def parse(text: str) -> object:
        parsed.append(text)
        import yaml

        return yaml.safe_load(text)

    first = LibraryCache(tmp_path)
    assert first.parse(source.read_text(), source, parse) == expected
    first.save()
    assert len(list((cache_home / "library").iterdir())) == 1

    again = LibraryCache(tmp_path)
    data = again.parse(source.read_text(), source, parse)
    assert data == expected and len(parsed) == 1
    data["items"].append(3)  # the caller's copy is its own
    assert again.parse(source.read_text(), source, parse)["items"] == [1, 2]

    source.write_text("title: Two\n", encoding="utf-8")
    assert LibraryCache(tmp_path).parse(source.read_text(), source, parse) == {"title": "Two"}
    assert len(parsed) == 2


def test_a_damaged_cache_file_is_ignored(tmp_path, cache_home):
    """Garbage in the cache folder means parsing afresh, not an error."""
    cache = LibraryCache(tmp_path)
    assert cache.file is not None
    cache.file.parent.mkdir(parents=True)
    cache.file.write_bytes(b"not a pickle")
    assert LibraryCache(tmp_path).parse("a: 1\n", tmp_path / "a.yaml", lambda t: {"a": 1}) == {
        "a": 1
    }


def test_only_the_built_in_library_is_cached(tmp_path, cache_home):
    """Loading a copied library leaves no cache file; the built-in one leaves one."""
    copy = tmp_path / "lib"
    shutil.copytree(builtin_library_path(), copy)
    Library(copy)
    assert not (cache_home / "library").exists()
    built_in = Library(builtin_library_path())
    assert len(list((cache_home / "library").iterdir())) == 1
    again = Library(builtin_library_path())
    assert again.clauses.keys() == built_in.clauses.keys()
    assert again.presets == built_in.presets


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    """ORDINANCE_DRAFTER_NO_CACHE=1 means nothing is read from or written to a cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("ORDINANCE_DRAFTER_NO_CACHE", "1")
    assert _cache.cache_dir() is None
    Library(builtin_library_path())
    assert not (tmp_path / "cache").exists()


def test_compiled_templates_are_kept_with_the_library(tmp_path, cache_home):
    """A template compiled once is served from the library's cache file the next time."""
    calls: list[int] = []

    def compile_() -> object:
        calls.append(1)
        return compile("x = 1", "<t>", "exec")

    first = LibraryCache(tmp_path)
    first.code("digest", compile_)
    first.save()
    namespace: dict[str, object] = {}
    exec(LibraryCache(tmp_path).code("digest", compile_), namespace)
    assert namespace["x"] == 1 and len(calls) == 1


def test_old_templates_do_not_pile_up(tmp_path, cache_home, monkeypatch):
    """Past the limit, saving keeps only the templates this run used."""
    monkeypatch.setattr(_cache, "MAX_TEMPLATES", 2)
    cache = LibraryCache(tmp_path)
    for digest in ("a", "b", "c"):
        cache.code(digest, lambda: compile("1", "<t>", "eval"))
    cache.save()
    later = LibraryCache(tmp_path)
    later.code("c", lambda: compile("1", "<t>", "eval"))
    later.code("d", lambda: compile("1", "<t>", "eval"))
    later.save()
    assert set(LibraryCache(tmp_path).codes) == {"c", "d"}
