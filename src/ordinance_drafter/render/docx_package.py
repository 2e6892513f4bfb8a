"""The DOCX package: python-docx's blank template as data, the draft's parts, one zip.

* The parts every Word document needs (theme, fonts, settings, numbering, the built-in
  styles) are python-docx's blank template, read as data without importing python-docx;
  :func:`~.docx_styles.styles_xml` adds the named styles to its styles.
* :func:`package` zips the parts once, with fixed entry times, so that the same answers
  give the same bytes.
* The header says DRAFT with the draft date; the footer has "Page X of Y" as live fields.
  Document properties hold the title, subject and keywords, and a custom property part
  (``docProps/custom.xml``) records the clause library version and the answers fingerprint.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from ..assembly.model import Metadata, Ordinance
from ..errors import DrafterError
from . import RenderOptions, long_date
from .docx_styles import styles_xml
from .wordml import ILLEGAL_XML_RE, WordPara, esc

XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CUSTOM_PROPERTIES_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id Office uses for user-defined properties.
_USER_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

# A cover for a long draft sets its title and list of parts in two columns so that it
# stays on one page, then runs the sources table the full width. The columns are a section
# of their own: package() writes the section break in place of this marker, and the rest of
# the document continues on the same page ("continuous") in one column. (LibreOffice
# balances the columns only when the columns section is the document's first.)
COVER_COLUMNS_END = "<!--cover-columns-end-->"

# The parts of python-docx's blank template that every draft carries, with their content
# types. The XML ones are compacted (no indentation) as python-docx writes them; the
# others are copied as they are. Its stylesWithEffects part, a Word 2010 leftover that
# would list none of our styles, is left out; Word rebuilds it when it needs it.
_TEMPLATE_PARTS: dict[str, tuple[str, bool]] = {
    "word/document.xml": (f"{_WML}.document.main+xml", True),
    "word/styles.xml": (f"{_WML}.styles+xml", True),
    "word/settings.xml": (f"{_WML}.settings+xml", True),
    "word/webSettings.xml": (f"{_WML}.webSettings+xml", False),
    "word/fontTable.xml": (f"{_WML}.fontTable+xml", False),
    "word/theme/theme1.xml": ("application/vnd.openxmlformats-officedocument.theme+xml", False),
    "customXml/item1.xml": ("application/xml", False),
    "customXml/itemProps1.xml": (
        "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
        False,
    ),
    "word/numbering.xml": (f"{_WML}.numbering+xml", True),
    "docProps/app.xml": (
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        False,
    ),
    "docProps/thumbnail.jpeg": ("image/jpeg", False),
}
_DEFAULT_TYPES = {
    "jpeg": "image/jpeg",
    "rels": "application/vnd.openxmlformats-package.relationships+xml",
    "xml": "application/xml",
}


def _compact(xml: bytes) -> bytes:
    """An XML part without indentation, behind the declaration python-docx writes."""
    text = xml.decode("utf-8")
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2 :]
    text = re.sub(r">\s+<", "><", text.strip())
    # Attributes on their own lines, as in python-docx's header and comment templates.
    text = re.sub(r"<[^>]*\n[^>]*>", lambda m: _one_line(m.group(0)), text)
    return (XML_DECLARATION + text).encode("utf-8")


def _one_line(tag: str) -> str:
    return " ".join(tag.split()).replace(" />", "/>").replace(" >", ">")


@functools.lru_cache(maxsize=1)
def template() -> dict[str, bytes]:
    """python-docx's blank document and part templates, read as data (once per process).

    The files are read from python-docx's package folder without importing python-docx,
    whose object model a build does not need.
    """
    spec = importlib.util.find_spec("docx")
    if spec is None or spec.origin is None:  # pragma: no cover - python-docx is a dependency
        raise DrafterError("python-docx is not installed; reinstall ordinance-drafter.")
    folder = Path(spec.origin).parent / "templates"
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(folder / "default.docx") as blank:
        for name, (_type, xml) in _TEMPLATE_PARTS.items():
            data = blank.read(name)
            parts[name] = _compact(data) if xml else data
    for name in ("header", "footer", "comments"):
        parts[name] = _compact((folder / f"default-{name}.xml").read_bytes())
    return parts


def _root(part: str) -> str:
    """The opening tag of a template part's root element (its namespace declarations)."""
    text = template()[part].decode("utf-8")
    start = len(XML_DECLARATION)
    tag = text[start : text.index(">", start) + 1]
    return tag[:-2] + ">" if tag.endswith("/>") else tag  # the empty comments template


def _relationships(rels: Iterable[tuple[str, str, str]]) -> bytes:
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in rels
    )
    return (
        f'{XML_DECLARATION}<Relationships xmlns="{_PACKAGE_REL}">{items}</Relationships>'
    ).encode()


def _content_types(parts: Iterable[tuple[str, str]]) -> bytes:
    defaults = "".join(
        f'<Default Extension="{ext}" ContentType="{kind}"/>'
        for ext, kind in sorted(_DEFAULT_TYPES.items())
    )
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="{kind}"/>'
        for name, kind in sorted(parts)
        if _DEFAULT_TYPES.get(name.rpartition(".")[2]) != kind
    )
    return (
        f'{XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types">{defaults}{overrides}</Types>'
    ).encode()


def _next_rid(used: set[str]) -> str:
    """The first free relationship id, as python-docx numbers new relationships."""
    n = 1
    while f"rId{n}" in used:
        n += 1
    used.add(f"rId{n}")
    return f"rId{n}"


def zip_parts(
    parts: Iterable[tuple[str, bytes]],
    stamp: dt.datetime,
    *,
    fixed: Sequence[tuple[str, bytes]] = (),
) -> bytes:
    """Zip the parts with fixed entry times, so equal answers give equal bytes.

    ``fixed`` parts come first: the parts that many drafts have alike (the styles, the
    theme, the relationships of a package of one shape). They are compressed once per
    process and copied into each package, which then gets ``parts`` appended: a batch of
    drafts compresses only what is its own.
    """
    when = (max(stamp.year, 1980), stamp.month, stamp.day, 12, 0, 0)
    out = io.BytesIO(_zipped(tuple(fixed), when) if fixed else b"")
    with zipfile.ZipFile(out, "a" if fixed else "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts:
            _add(package, name, data, when)
    return out.getvalue()


@functools.lru_cache(maxsize=16)
def _zipped(parts: tuple[tuple[str, bytes], ...], when: tuple[int, ...]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts:
            _add(package, name, data, when)
    return out.getvalue()


def _add(package: zipfile.ZipFile, name: str, data: bytes, when: tuple[int, ...]) -> None:
    info = zipfile.ZipInfo(name, date_time=when)  # type: ignore[arg-type]
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    package.writestr(info, data)


def package(
    body: str,
    *,
    header: str,
    footer: str,
    core: str,
    stamp: dt.datetime,
    comments: str | None = None,
    custom: bytes | None = None,
    line_numbers: bool = False,
    track_changes: bool = False,
) -> bytes:
    """Write the DOCX package: the template's parts plus the draft's own.

    Args:
        body: The body's paragraphs and tables (WordprocessingML).
        header: The header's paragraphs.
        footer: The footer's paragraphs.
        core: The core properties' elements (title, subject ...).
        stamp: The time written into the zip entries.
        comments: The ``w:comment`` elements, if the draft has comments.
        custom: The custom properties part, if any.
        line_numbers: Number the lines in the margin, restarting on each page.
        track_changes: Turn Word's Track Changes on (a redline), so that later edits are
            tracked too.
    """
    blank = template()
    used = {"rId1", "rId2", "rId3", "rId5", "rId6", "rId7", "rId8"}
    comments_rid = _next_rid(used) if comments is not None else ""
    header_rid, footer_rid = _next_rid(used), _next_rid(used)
    word_rels = [
        ("rId3", f"{_REL}/styles", "styles.xml"),
        ("rId5", f"{_REL}/settings", "settings.xml"),
        ("rId6", f"{_REL}/webSettings", "webSettings.xml"),
        ("rId7", f"{_REL}/fontTable", "fontTable.xml"),
        ("rId8", f"{_REL}/theme", "theme/theme1.xml"),
        ("rId1", f"{_REL}/customXml", "../customXml/item1.xml"),
        ("rId2", f"{_REL}/numbering", "numbering.xml"),
    ]
    if comments is not None:
        word_rels.append((comments_rid, f"{_REL}/comments", "comments.xml"))
    word_rels += [
        (header_rid, f"{_REL}/header", "header1.xml"),
        (footer_rid, f"{_REL}/footer", "footer1.xml"),
    ]

    def section_properties(cols: str, start: str = "", side: int = 1440) -> str:
        return (
            '<w:sectPr w:rsidR="00FC693F" w:rsidRPr="0006063C" w:rsidSect="00034616">'
            f'<w:headerReference w:type="default" r:id="{header_rid}"/>'
            f'<w:footerReference w:type="default" r:id="{footer_rid}"/>'
            + start
            + '<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" '
            f'w:right="{side}" w:bottom="1440" w:left="{side}" w:header="720" w:footer="720" '
            'w:gutter="0"/>'
            + (
                '<w:lnNumType w:countBy="1" w:restart="newPage" w:distance="360"/>'
                if line_numbers
                else ""
            )
            + cols
            + '<w:docGrid w:linePitch="360"/></w:sectPr>'
        )

    sect = section_properties('<w:cols w:space="720"/>')
    if COVER_COLUMNS_END in body:  # the cover's list of parts is a two-column section
        # with side margins of 0.75 inch (the ordinance's are 1 inch), to stay on a page
        props = section_properties('<w:cols w:num="2" w:space="360"/>', side=1080)
        body = body.replace(
            COVER_COLUMNS_END, f'<w:p><w:pPr><w:spacing w:after="0"/>{props}</w:pPr></w:p>'
        )
        sect = section_properties('<w:cols w:space="720"/>', '<w:type w:val="continuous"/>')
    document = f"{_root('word/document.xml')}<w:body>{body}{sect}</w:body></w:document>"
    package_rels = [
        ("rId3", f"{_PACKAGE_REL}/metadata/core-properties", "docProps/core.xml"),
        ("rId4", f"{_REL}/extended-properties", "docProps/app.xml"),
        ("rId1", f"{_REL}/officeDocument", "word/document.xml"),
        ("rId2", f"{_PACKAGE_REL}/metadata/thumbnail", "docProps/thumbnail.jpeg"),
    ]
    if custom is not None:
        package_rels.append(("rId5", f"{_REL}/custom-properties", "docProps/custom.xml"))
    core_ns = (
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    )
    # The parts every draft of this shape has alike (compressed once: see zip_parts), in
    # the package's order after [Content_Types].xml, and the draft's own.
    fixed: list[tuple[str, bytes]] = [
        ("_rels/.rels", _relationships(package_rels)),
        ("docProps/app.xml", blank["docProps/app.xml"]),
        ("word/_rels/document.xml.rels", _relationships(word_rels)),
        ("word/styles.xml", styles_xml(blank["word/styles.xml"])),
        ("word/settings.xml", _settings(track_changes)),
    ]
    for name in (
        "word/webSettings.xml",
        "word/fontTable.xml",
        "word/theme/theme1.xml",
        "customXml/item1.xml",
    ):
        fixed.append((name, blank[name]))
    fixed += [
        (
            "customXml/_rels/item1.xml.rels",
            _relationships([("rId1", f"{_REL}/customXmlProps", "itemProps1.xml")]),
        ),
        ("customXml/itemProps1.xml", blank["customXml/itemProps1.xml"]),
        ("word/numbering.xml", blank["word/numbering.xml"]),
        ("docProps/thumbnail.jpeg", blank["docProps/thumbnail.jpeg"]),
    ]
    own: list[tuple[str, bytes]] = [
        (
            "docProps/core.xml",
            _xml_bytes(f"{XML_DECLARATION}<cp:coreProperties {core_ns}>{core}</cp:coreProperties>"),
        ),
        ("word/document.xml", _xml_bytes(XML_DECLARATION + document)),
    ]
    types = {name: kind for name, (kind, _xml) in _TEMPLATE_PARTS.items()}
    types["docProps/core.xml"] = "application/vnd.openxmlformats-package.core-properties+xml"
    if comments is not None:
        text = f"{XML_DECLARATION}{_root('comments')}{comments}</w:comments>"
        own.append(("word/comments.xml", _xml_bytes(text)))
        types["word/comments.xml"] = f"{_WML}.comments+xml"
    own += [
        ("word/header1.xml", _xml_bytes(f"{XML_DECLARATION}{_root('header')}{header}</w:hdr>")),
        ("word/footer1.xml", _xml_bytes(f"{XML_DECLARATION}{_root('footer')}{footer}</w:ftr>")),
    ]
    types["word/header1.xml"] = f"{_WML}.header+xml"
    types["word/footer1.xml"] = f"{_WML}.footer+xml"
    if custom is not None:
        own.append(("docProps/custom.xml", custom))
        types["docProps/custom.xml"] = CUSTOM_PROPERTIES_TYPE
    # [Content_Types].xml first: tools that tell a DOCX by its first entry look for it.
    fixed.insert(0, ("[Content_Types].xml", _content_types(types.items())))
    return zip_parts(own, stamp, fixed=fixed)


# The control characters XML 1.0 cannot hold (tab, line feed and return it can), as bytes.
_CONTROL_BYTES = bytes(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))


def _xml_bytes(text: str) -> bytes:
    """``text`` in UTF-8, checked for what a Word document cannot hold (ILLEGAL_XML_RE):
    control characters, U+FFFE and U+FFFF (in UTF-8 EF BF BE and EF BF BF), and lone
    surrogates (which UTF-8 cannot encode). The bytes are checked, not the text: a search
    for a set of characters over the whole draft cost more than encoding it.

    Raises:
        DrafterError: Naming the first such character.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = b""
    else:
        clean = len(data.translate(None, _CONTROL_BYTES)) == len(data)
        if clean and b"\xef\xbf\xbe" not in data and b"\xef\xbf\xbf" not in data:
            return data
    bad = ILLEGAL_XML_RE.search(text)
    code = ord(bad.group()) if bad else 0xFFFD
    raise DrafterError(
        f"The draft contains the control character U+{code:04X}, which a "
        "Word document cannot hold. Remove it from the answers or the clause library."
    )


def _settings(track_changes: bool) -> bytes:
    """The template's settings, with ``w:trackRevisions`` when changes are tracked."""
    settings = template()["word/settings.xml"]
    if not track_changes:
        return settings
    # CT_Settings is a sequence: trackRevisions comes before defaultTabStop.
    head, found, tail = settings.partition(b"<w:defaultTabStop ")
    if not found:  # pragma: no cover - python-docx's template has one
        raise RuntimeError("python-docx's template settings have no w:defaultTabStop")
    return head + b"<w:trackRevisions/>" + found + tail


def draft_stamp(draft_date: str) -> dt.datetime:
    """Noon on the draft date: the fixed time of properties, comments and zip entries."""
    return dt.datetime.combine(dt.date.fromisoformat(draft_date), dt.time(12, 0))


# -- page furniture and properties ----------------------------------------------------


def header_footer(
    ordinance: Ordinance, options: RenderOptions, head: str | None = None
) -> tuple[str, str]:
    """The header ("DRAFT — date", or ``head``: the layout's running head) and footer
    ("Page X of Y") paragraphs."""
    return page_furniture(
        ordinance.metadata.draft_date, confidential=options.confidential, head=head
    )


def page_furniture(
    draft_date: str,
    *,
    confidential: bool = False,
    draft: str = "DRAFT",
    page: str = "Page {} of {}",
    head: str | None = None,
) -> tuple[str, str]:
    """The header ("DRAFT — date") and footer ("Page X of Y") of any document in the house
    style; ``draft`` and ``page`` are their words (a translation gives its own). ``head``
    replaces the header's text (empty: none, as on the council copy)."""
    header = WordPara("Header")
    header.align = "right"
    text = f"{draft} — {long_date(draft_date)}" if head is None else head
    if text:
        header.add(text, bold=True)
    if confidential:
        header.add(" — Confidential attorney work product", italic=True)
    footer = WordPara("Footer")
    footer.align = "center"
    before, _, after = page.partition("{}")
    middle, _, end = after.partition("{}")
    footer.add(before)
    footer.field("PAGE", "1")
    footer.add(middle)
    footer.field("NUMPAGES", "1")
    if end:
        footer.add(end)
    return header.xml(), footer.xml()


def custom_properties(meta: Metadata, notes: str, council_copy: bool = False) -> dict[str, str]:
    """The custom document properties a draft carries (File > Properties > Custom)."""
    copy = {"OrdinanceDrafterCopy": "council"} if council_copy else {}
    return {
        "OrdinanceDrafterLibrary": meta.library_name,
        "OrdinanceDrafterLibraryVersion": meta.library_version,
        "OrdinanceDrafterAnswersFingerprint": meta.answers_fingerprint,
        "OrdinanceDrafterProvisions": ", ".join(meta.provisions),
        "OrdinanceDrafterDraftDate": meta.draft_date,
        "OrdinanceDrafterNotes": notes,
        **copy,
    }


def custom_xml(props: dict[str, str]) -> bytes:
    """The custom properties part."""
    items = "".join(
        f'<property fmtid="{_USER_FMTID}" pid="{pid}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(props.items(), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{items}</Properties>'
    ).encode()


def core_xml(ordinance: Ordinance, stamp: dt.datetime, council_copy: bool = False) -> str:
    """The core properties: title, subject, author, keywords, description, dates.

    The council copy's subject and category do not call it a model or a draft (it
    assumes the attorney's review); the description still says what made it.
    """
    meta = ordinance.metadata
    subject, category = (
        ("Separation ordinance (council copy)", "Ordinance — council copy")
        if council_copy
        else ("Model separation ordinance (draft for attorney review)", "Model ordinance — draft")
    )
    comments = (
        f"Generated by Ordinance Drafter. Clause library: {meta.library_name} "
        f"{meta.library_version}. Answers fingerprint: {meta.answers_fingerprint}. "
        f"Provisions: {', '.join(meta.provisions)}."
    )
    # A core property holds at most 255 characters; a long provision list is cut (the
    # custom properties keep it whole).
    return core_properties(
        [
            ("dc:title", f"{ordinance.jurisdiction_name}: {ordinance.title}"[:255]),
            ("dc:subject", subject),
            ("dc:creator", meta.notes_author[:255]),
            ("cp:keywords", ", ".join(meta.keywords)[:255]),
            ("dc:description", comments if len(comments) <= 255 else comments[:254] + "…"),
            ("cp:lastModifiedBy", meta.notes_author[:255]),
            ("cp:revision", "1"),
        ],
        stamp,
        [("cp:category", category), ("cp:version", meta.library_version)],
    )


def core_properties(
    elements: Iterable[tuple[str, str]], stamp: dt.datetime, after: Iterable[tuple[str, str]]
) -> str:
    """Core property elements: ``elements``, the created and modified times, ``after``."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    xml = "".join(f"<{tag}>{esc(value)}</{tag}>" for tag, value in elements)
    for tag in ("dcterms:created", "dcterms:modified"):
        xml += f'<{tag} xsi:type="dcterms:W3CDTF">{when}</{tag}>'
    return xml + "".join(f"<{tag}>{esc(value)}</{tag}>" for tag, value in after)
