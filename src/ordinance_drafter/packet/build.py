"""Render the packet's documents: templates -> markup -> layout -> DOCX bytes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..answers.resolve import Resolved
from ..assembly.model import Ordinance
from ..errors import TemplateError
from ..library.loader import Library
from ..library.packetspec import DocumentEntry
from ..render.blocks import Block, Layout, Part, Run
from ..render.docx import draw
from ..render.docx_package import core_properties, draft_stamp, page_furniture
from .context import Builder
from .i18n import FURNITURE, Translation, fill, load_translation, messages, template_catalog
from .markup import COMPACT, REGULAR, parse


@dataclass(frozen=True)
class PacketOptions:
    """What to write besides the English documents.

    Attributes:
        language: A language code for a translated community summary (``es``, ``so`` ...),
            or empty for none.
        translations: The folder of the translator's ``.po`` files (``None``: the library's
            own, which has Spanish).
    """

    language: str = ""
    translations: Path | None = None


@dataclass(frozen=True)
class Document:
    """One file of the packet: its name's suffix (``staff-report.docx``) and its bytes."""

    id: str
    suffix: str
    title: str
    data: bytes


def planned_documents(
    library: Library, resolved: Resolved, ordinance: Ordinance
) -> tuple[list[DocumentEntry], list[str]]:
    """The documents this draft gets, and a sentence for each that it does not."""
    builder = Builder(library, resolved, ordinance)
    ctx = builder.context()
    chosen, skipped = [], []
    for entry in library.packet.documents:
        where = f"{library.root / 'packet' / 'packet.yaml'}: documents[{entry.id}]"
        if not entry.when or library.evaluate(entry.when, ctx, where):
            chosen.append(entry)
        elif entry.why_not:
            text = library.compile_string(entry.why_not, where + ".why_not").render(ctx)
            skipped.append(" ".join(text.split()))
    return chosen, skipped


def _statement(library: Library, ctx: dict[str, Any], entry: DocumentEntry) -> Block:
    jur = ctx["jur"]
    if entry.compact:
        text = (
            f"Model {entry.title.lower()} for review by {jur.the_attorney}; not legal advice "
            f"(Ordinance Drafter, clause library {library.version})."
        )
        return Block("Card Small", (Run(text),))
    text = (
        f"MODEL DOCUMENT — NOT LEGAL ADVICE. Ordinance Drafter wrote this {entry.title.lower()} "
        f"from the answers and its model clause library (version {library.version}), with the "
        f"draft ordinance. It is a model for review by {jur.the_attorney}, who must check it "
        "against current federal, state and local law before it is used."
    )
    return Block("Ordinance Disclaimer", (Run(text),))


def _render(library: Library, entry: DocumentEntry, ctx: dict[str, Any]) -> str:
    path = library.root / "packet" / entry.template
    if not path.is_file():
        raise TemplateError(f"{path}: the packet template for '{entry.id}' is missing.")
    return library.compile(path).render(ctx)


def _draw(
    library: Library,
    entry: DocumentEntry,
    ctx: dict[str, Any],
    ordinance: Ordinance,
    words: Translation,
    title: str,
) -> bytes:
    text = _render(library, entry, ctx)
    where = str(library.root / "packet" / entry.template)
    items = parse(text, COMPACT if entry.compact else REGULAR, where)
    if not entry.translatable:
        items.insert(
            1 if items and isinstance(items[0], Block) else 0, _statement(library, ctx, entry)
        )
    laid = Layout((Part(entry.id, "packet", tuple(items), columns=entry.columns),), "none")
    meta = ordinance.metadata
    draft_word, page_words = (words.gettext(t) for t in FURNITURE)
    header, footer = page_furniture(meta.draft_date, draft=draft_word, page=page_words)
    if not words.official:
        day = dt.date.fromisoformat(meta.draft_date)
        header = header.replace(ctx["draft_date"], words.date(day))
    stamp = draft_stamp(meta.draft_date)
    core = core_properties(
        [
            ("dc:title", f"{ordinance.jurisdiction_name}: {title}"[:255]),
            ("dc:subject", "Adoption packet (model, for attorney review)"),
            ("dc:creator", meta.notes_author[:255]),
            ("cp:lastModifiedBy", meta.notes_author[:255]),
            ("cp:revision", "1"),
        ],
        stamp,
        [("cp:category", "Adoption packet — draft"), ("cp:version", meta.library_version)],
    )
    return draw(laid, header=header, footer=footer, core=core, stamp=stamp)


def _community_context(builder: Builder, ctx: dict[str, Any], words: Translation) -> dict[str, Any]:
    where = "community summary"

    def gettext(message: str, **values: Any) -> str:
        return fill(words.gettext(message), values, where)

    def say(message: str, values: dict[str, Any], **names: Any) -> str:
        # ``names``: the jurisdiction's name as the template words it in this language.
        return fill(words.gettext(message), {**values, **names}, where)

    lines = builder.residents()
    complaints = builder.resolved.choices.get("complaints")
    office = ""
    if complaints is not None:
        office = str(complaints.values.get("office") or "")
    return {
        **ctx,
        "_": gettext,
        "say": say,
        "translation": words,
        "changes": [(t, v) for t, changed, v in lines if changed],
        "stays": [(t, v) for t, changed, v in lines if not changed],
        "complaints_office": office,
    }


def build_packet(
    library: Library, resolved: Resolved, ordinance: Ordinance, options: PacketOptions
) -> tuple[list[Document], list[str]]:
    """Every document of the packet, in memory (nothing is written here).

    Returns:
        The documents (each a DOCX, plus the community summary's ``.pot`` template), and a
        sentence for each document the draft does not get.

    Raises:
        TemplateError: A packet template fails.
        TranslationError: The translation asked for is missing or does not fit.
    """
    builder = Builder(library, resolved, ordinance)
    ctx = builder.context()
    ctx["timedelta"] = lambda days: dt.timedelta(days=int(days))
    ctx["clerk"] = _form_role(library, builder, "attest")
    ctx["signer"] = _form_role(library, builder, "signers")
    chosen, skipped = planned_documents(library, resolved, ordinance)
    translated: Translation | None = None
    if options.language and options.language != "en":
        needed = [text for text, _where in messages(library)]
        translated = load_translation(library, options.language, options.translations, needed)
    docs: list[Document] = []
    english = Translation()
    for entry in chosen:
        if entry.translatable:
            data = _draw(
                library,
                entry,
                _community_context(builder, ctx, english),
                ordinance,
                english,
                entry.title,
            )
            docs.append(Document(entry.id, f"{entry.id}.docx", entry.title, data))
            if translated is not None:
                data = _draw(
                    library,
                    entry,
                    _community_context(builder, ctx, translated),
                    ordinance,
                    translated,
                    f"{entry.title} ({translated.language}, unofficial translation)",
                )
                docs.append(
                    Document(
                        entry.id,
                        f"{entry.id}.{translated.language}.docx",
                        f"{entry.title} ({translated.language})",
                        data,
                    )
                )
            docs.append(
                Document(
                    entry.id, f"{entry.id}.pot", "Translation template", template_catalog(library)
                )
            )
            continue
        data = _draw(library, entry, ctx, ordinance, english, entry.title)
        docs.append(Document(entry.id, f"{entry.id}.docx", entry.title, data))
    return docs, skipped


def _form_role(library: Library, builder: Builder, attr: str) -> str:
    """The first signer or attester of the jurisdiction's form, rendered (e.g. City Clerk)."""
    roles = getattr(builder.form, attr, ()) or ()
    if not roles:
        return "Clerk" if attr == "attest" else "Presiding officer"
    where = f"{library.root / 'forms.yaml'}: {builder.form.id}.{attr}"
    role = roles[0] if isinstance(roles[0], str) else getattr(roles[0], "role", str(roles[0]))
    template = library.compile_string(role, where)
    return " ".join(template.render({"jur": builder.resolved.jurisdiction}).split())
