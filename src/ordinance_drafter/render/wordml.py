"""WordprocessingML as text: escaping, runs and paragraphs.

The DOCX writer and the redline build each paragraph as a :class:`WordPara` (its style,
properties and runs) and write it as text, instead of building python-docx's objects one
by one (which cost most of a build's time). Bookmarks, REF fields, comment anchors and
tracked changes are markers placed around runs.
"""

from __future__ import annotations

import re

# What lxml escapes, so that the text reads back exactly as it was given.
ILLEGAL_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BREAKS_RE = re.compile(r"(\t|\r|\n)")


def esc(text: str) -> str:
    """Escape element text."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def attr(text: str) -> str:
    """Escape an attribute value (always written in double quotes)."""
    text = esc(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\t", "&#9;")


def style_id(name: str) -> str:
    """The style id of one of the renderer's named styles (or Header, Footer, Table Grid)."""
    return name.replace(" ", "")


def twips(points: float) -> int:
    """Points as twentieths of a point, rounded as python-docx rounds them."""
    return round(int(points * 12700) / 635)


def inch_twips(inches: float) -> int:
    """Inches as twentieths of a point."""
    return round(int(inches * 914400) / 635)


def _t(text: str, tag: str = "w:t") -> str:
    """A ``w:t`` (or ``w:delText``) element; leading or trailing spaces are kept."""
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<{tag}{space}>{esc(text)}</{tag}>"


def _content(text: str, tag: str = "w:t") -> str:
    """A run's content: text, with each tab a ``w:tab`` and each line break a ``w:br``."""
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return _t(text, tag) if text else ""
    out = []
    for piece in _BREAKS_RE.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            out.append(_t(piece, tag))
    return "".join(out)


def run_xml(
    text: str = "",
    style: str | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
    deleted: bool = False,
) -> str:
    """One ``w:r``: text in a named character style, optionally bold or italic.

    ``deleted`` text (inside a tracked deletion) is ``w:delText``.
    """
    props = f'<w:rStyle w:val="{style_id(style)}"/>' if style else ""
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    content = _content(text, "w:delText" if deleted else "w:t")
    if not props and not content:
        return "<w:r/>"
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{content}</w:r>"


class WordRun:
    """A run of a paragraph, with the markers placed just before and after it.

    Bookmarks and comment ranges are markers around runs; a marker placed later goes
    next to the run (inside earlier markers), as Word and python-docx place them.
    """

    __slots__ = ("after", "before", "xml")

    def __init__(self, xml: str) -> None:
        self.before = ""
        self.xml = xml
        self.after = ""

    def mark(self, before: str, after: str) -> None:
        """Put ``before`` immediately before the run and ``after`` immediately after it."""
        self.before += before
        self.after = after + self.after


class WordPara:
    """A paragraph being laid out: its style, its properties and its runs."""

    __slots__ = ("align", "keep_next", "page_break", "runs", "space_before", "style", "tracked")

    def __init__(self, style: str, text: str = "") -> None:
        self.style = style
        self.runs: list[WordRun] = []
        self.keep_next: bool | None = None
        self.page_break = False
        self.space_before: float | None = None
        self.align = ""
        # Properties written last: a tracked paragraph mark (w:rPr) and a tracked
        # formatting change (w:pPrChange), in that order (the redline's).
        self.tracked = ""
        if text:
            self.add(text)

    def add(
        self, text: str, style: str | None = None, *, bold: bool = False, italic: bool = False
    ) -> WordRun:
        """Add a run of text and return it."""
        run = WordRun(run_xml(text, style, bold=bold, italic=italic))
        self.runs.append(run)
        return run

    def field(self, instruction: str, cached: str, style: str | None = None) -> None:
        """Add a Word field (e.g. ``PAGE``) with its cached result."""
        props = f'<w:rPr><w:rStyle w:val="{style_id(style)}"/></w:rPr>' if style else ""
        for content in (
            '<w:fldChar w:fldCharType="begin"/>',
            f'<w:instrText xml:space="preserve"> {esc(instruction)} </w:instrText>',
            '<w:fldChar w:fldCharType="separate"/>',
        ):
            self.runs.append(WordRun(f"<w:r>{props}{content}</w:r>"))
        self.add(cached, style)
        self.runs.append(WordRun(f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>'))

    def xml(self) -> str:
        """The paragraph as WordprocessingML."""
        props = f'<w:pStyle w:val="{style_id(self.style)}"/>'
        if self.keep_next is not None:
            props += "<w:keepNext/>" if self.keep_next else '<w:keepNext w:val="0"/>'
        if self.page_break:
            props += "<w:pageBreakBefore/>"
        if self.space_before is not None:
            props += f'<w:spacing w:before="{twips(self.space_before)}"/>'
        if self.align:
            props += f'<w:jc w:val="{self.align}"/>'
        props += self.tracked
        runs = "".join(f"{r.before}{r.xml}{r.after}" for r in self.runs)
        return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"
