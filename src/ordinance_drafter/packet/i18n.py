"""The community summary in other languages: its strings as a gettext catalog (Babel).

Every sentence of the community summary is a gettext message: the template's own (written
as ``_("...")`` in ``community-summary.md.j2``) and each provision's ``packet.residents``.
:func:`template_catalog` collects them into a ``.pot`` file for a translator;
:func:`load_translation` reads a translator's ``.po`` file back (or the library's own
Spanish one) and checks it before anything is written: every message the summary needs is
translated, and every translation keeps the message's ``%(name)s`` placeholders.

Messages are filled in with ``%(name)s`` placeholders by a plain substitution, never by
``str.format`` or ``%``, so that a translation file cannot reach into the values.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from jinja2.ext import babel_extract

from ..errors import DrafterError, TemplateError
from ..library.loader import Library

DOMAIN = "community-summary"
TEMPLATE = "community-summary.md.j2"
#: Words of the page furniture, also messages.
FURNITURE = ("DRAFT", "Page {} of {}")
_PLACEHOLDER_RE = re.compile(r"%\((\w+)\)s")
_LANG_RE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


class TranslationError(DrafterError):
    """A translation is missing, unreadable or breaks a placeholder."""


def placeholders(text: str) -> set[str]:
    """The ``%(name)s`` placeholders of a message."""
    return set(_PLACEHOLDER_RE.findall(text))


def fill(text: str, values: dict[str, Any], where: str) -> str:
    """Put the values into a message's placeholders."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise TemplateError(f"{where}: the message uses %({name})s, which has no value.")
        return str(values[name])

    return _PLACEHOLDER_RE.sub(one, text)


def messages(library: Library) -> list[tuple[str, list[tuple[str, int]]]]:
    """Every message of the community summary with where it comes from, in order."""
    found: dict[str, list[tuple[str, int]]] = {}
    path = library.root / "packet" / TEMPLATE
    with path.open("rb") as handle:
        for lineno, _func, message, _comments in babel_extract(handle, ("_",), [], {}):
            text = message if isinstance(message, str) else message[0]
            found.setdefault(text, []).append((f"packet/{TEMPLATE}", lineno))
    for clause in library.clauses.values():
        for line in clause.spec.packet.residents:
            rel = f"provisions/{clause.id}/clause.yaml"
            found.setdefault(line.text, []).append((rel, 0))
    for text in FURNITURE:
        found.setdefault(text, []).append(("packet/packet.yaml", 0))
    return list(found.items())


def template_catalog(library: Library) -> bytes:
    """The ``.pot`` file of the community summary's messages."""
    catalog = Catalog(
        project="Ordinance Drafter clause library",
        version=library.version,
        domain=DOMAIN,
        fuzzy=False,
        creation_date=dt.datetime(2026, 1, 1),
    )
    for text, locations in messages(library):
        flags = ["python-format"] if placeholders(text) else []
        catalog.add(text, locations=[(p, n or None) for p, n in locations], flags=flags)
    out = io.BytesIO()
    write_po(out, catalog, width=88, omit_header=False, sort_output=False)
    return out.getvalue()


@dataclass
class Translation:
    """A language's messages, or English (no catalog)."""

    language: str = "en"
    catalog: dict[str, str] = field(default_factory=dict)
    source: str = ""

    @property
    def official(self) -> bool:
        return self.language == "en"

    def gettext(self, text: str) -> str:
        return self.catalog.get(text, text) if self.catalog else text

    def date(self, day: dt.date) -> str:
        """A date written as the language writes it (ISO where Babel has no locale)."""
        if self.official:
            return f"{day.strftime('%B')} {day.day}, {day.year}"
        try:
            return format_date(day, format="long", locale=Locale.parse(self.language))
        except (UnknownLocaleError, ValueError):
            return day.isoformat()


def check_language(language: str) -> str:
    """A language code such as ``es``, ``so``, ``hmn`` or ``pt_BR``."""
    if not _LANG_RE.match(language):
        raise TranslationError(
            f"--language {language!r}: not a language code. Give a code such as es (Spanish), "
            "so (Somali), hmn (Hmong) or pt_BR."
        )
    return language.replace("-", "_")


def _po_path(library: Library, language: str, folder: Path | None) -> Path:
    if folder is None:
        return library.root / "packet" / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    for candidate in (
        folder / language / "LC_MESSAGES" / f"{DOMAIN}.po",
        folder / f"{language}.po",
        folder / f"{DOMAIN}.{language}.po",
    ):
        if candidate.is_file():
            return candidate
    return folder / f"{language}.po"


def load_translation(
    library: Library, language: str, folder: Path | None, needed: Iterable[str]
) -> Translation:
    """Read the ``.po`` file of ``language`` and check it against the messages needed.

    Raises:
        TranslationError: No file, an unreadable file, a message not translated, or a
            translation that drops or adds a placeholder.
    """
    language = check_language(language)
    if language == "en":
        return Translation()
    path = _po_path(library, language, folder)
    if not path.is_file():
        where = f"in {folder}" if folder else "in the clause library"
        raise TranslationError(
            f"--language {language}: no translation {where} (looked for {path}). Give "
            f"--translations DIR, a folder with {language}.po or "
            f"{language}/LC_MESSAGES/{DOMAIN}.po translated from the template the packet "
            f"writes ({DOMAIN}.pot)."
        )
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=None, domain=DOMAIN)
    except Exception as exc:  # Babel raises several kinds on a malformed file
        raise TranslationError(f"{path}: not a readable gettext .po file ({exc}).") from None
    table: dict[str, str] = {}
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or message.fuzzy:
            continue
        text = message.string if isinstance(message.string, str) else ""
        if text:
            table[message.id] = text
    missing = [m for m in needed if m not in table]
    if missing:
        first = missing[0][:80]
        raise TranslationError(
            f"{path}: {len(missing)} message(s) of the community summary are not translated "
            f"(or are marked fuzzy), for example {first!r}. Translate them from {DOMAIN}.pot; "
            "a summary in two languages at once would mislead its readers."
        )
    for msgid, text in table.items():
        if placeholders(msgid) != placeholders(text):
            want = ", ".join(sorted(f"%({n})s" for n in placeholders(msgid))) or "none"
            raise TranslationError(
                f"{path}: the translation of {msgid[:60]!r} must keep the placeholders "
                f"{want} exactly as they are (it has "
                f"{', '.join(sorted(f'%({n})s' for n in placeholders(text))) or 'none'})."
            )
    return Translation(language, table, str(path))
