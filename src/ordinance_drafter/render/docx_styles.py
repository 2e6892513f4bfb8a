"""The DOCX styles, read from ``styles.yaml``, as the ``w:style`` elements of ``styles.xml``.

Every part of a draft has a named paragraph style defined in the document, so an attorney
can restyle the whole draft in one place (Home > Styles in Word); headings carry real
outline levels, so Word's navigation pane lists the sections. The styles are data
(``styles.yaml``, beside this module, shipped in the package), read once per process.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from .wordml import inch_twips, style_id, twips

try:  # the C loader is several times faster; both are "safe" loaders
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

STYLES_FILE = Path(__file__).with_name("styles.yaml")
_DATA: dict[str, Any] = yaml.load(STYLES_FILE.read_text(encoding="utf-8"), Loader=_Loader)

#: The text font, and that of every style that names none.
FONT: str = _DATA["font"]
#: Paragraph styles by name (see the keys at the top of ``styles.yaml``).
STYLES: dict[str, dict[str, Any]] = _DATA["paragraph"]
#: Character styles by name.
CHARACTER_STYLES: dict[str, dict[str, Any]] = _DATA["character"]
#: The font of the header and footer.
HEADER_STYLE: dict[str, Any] = _DATA["header"]


def _on_off(tag: str, value: bool) -> str:
    return f"<w:{tag}/>" if value else f'<w:{tag} w:val="0"/>'


def _fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}"/>'


def _border_xml(color: str) -> str:
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="4" w:color="{color}"/>'
        for side in ("top", "left", "bottom", "right")
    )
    return f"<w:pBdr>{sides}</w:pBdr>"


def _paragraph_style_xml(name: str, cfg: dict[str, Any]) -> str:
    """One of :data:`STYLES` as a ``w:style`` element.

    A style based on another of ours (``base`` in :data:`STYLES`) sets only what it
    changes; the others set every font and spacing property, so that Word's defaults
    never show through.
    """
    inherited = "base" in cfg and cfg["base"] in STYLES
    ppr = _on_off("keepNext", bool(cfg.get("keep") or "outline" in cfg))
    if cfg.get("together") or "outline" in cfg:
        ppr += "<w:keepLines/>"
    if cfg.get("page_break"):
        ppr += "<w:pageBreakBefore/>"
    if cfg.get("no_numbers"):
        ppr += "<w:suppressLineNumbers/>"
    if cfg.get("border"):
        # A different border colour keeps adjacent boxes (disclaimer, warnings) apart.
        ppr += _border_xml("A6A6A6" if cfg["border"] is True else cfg["border"])
    if "shade" in cfg:
        ppr += f'<w:shd w:val="clear" w:color="auto" w:fill="{cfg["shade"]}"/>'
    if "hanging" in cfg:
        # A tab stop at the hanging indent puts the text after "(a)<tab>" on the indent.
        ppr += f'<w:tabs><w:tab w:pos="{inch_twips(cfg["left"])}" w:val="left"/></w:tabs>'
    spacing = ""
    if "before" in cfg or not inherited:
        spacing += f' w:before="{twips(cfg.get("before", 0))}"'
    if "after" in cfg or not inherited:
        spacing += f' w:after="{twips(cfg.get("after", 6))}"'
    if spacing:
        ppr += f"<w:spacing{spacing}/>"
    ind = ""
    if "left" in cfg:
        ind += f' w:left="{inch_twips(cfg["left"])}"'
    if "right" in cfg:
        ind += f' w:right="{inch_twips(cfg["right"])}"'
    if "hanging" in cfg:
        ind += f' w:hanging="{inch_twips(cfg["hanging"])}"'
    elif not inherited:
        ind += ' w:firstLine="0"'
    if ind:
        ppr += f"<w:ind{ind}/>"
    align = {"center": "center", "justify": "both", "right": "right"}.get(cfg.get("align", ""))
    if align or not inherited:
        ppr += f'<w:jc w:val="{align or "left"}"/>'
    if "outline" in cfg:
        ppr += f'<w:outlineLvl w:val="{cfg["outline"]}"/>'
    rpr = ""
    if "font" in cfg or not inherited:
        rpr += _fonts(cfg.get("font", FONT))
    if "bold" in cfg or not inherited:
        rpr += _on_off("b", cfg.get("bold", False))
    rpr += _on_off("i", cfg.get("italic", False)) + _on_off("caps", cfg.get("caps", False))
    if "color" in cfg or not inherited:
        rpr += f'<w:color w:val="{cfg.get("color", "000000")}"/>'
    if "size" in cfg or not inherited:
        rpr += f'<w:sz w:val="{round(cfg.get("size", 12) * 2)}"/>'
    base = style_id(cfg.get("base", "Normal"))
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id(name)}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{base}"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _character_style_xml(name: str, cfg: dict[str, Any]) -> str:
    """One of :data:`CHARACTER_STYLES` as a ``w:style`` element."""
    # Word lists the comment and line-number styles itself; keep them out of the gallery.
    quick = "" if name in ("Comment Reference", "Line Number") else "<w:qFormat/>"
    rpr = _fonts(cfg["font"]) if "font" in cfg else ""
    if "bold" in cfg:
        rpr += _on_off("b", cfg["bold"])
    if "italic" in cfg:
        rpr += _on_off("i", cfg["italic"])
    if "size" in cfg:
        rpr += f'<w:sz w:val="{round(cfg["size"] * 2)}"/>'
    return (
        f'<w:style w:type="character" w:customStyle="1" w:styleId="{style_id(name)}">'
        f'<w:name w:val="{name}"/>{quick}{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}</w:style>'
    )


def _restyle(styles: str, sid: str, extra: str) -> str:
    """Add properties (``w:pPr``, ``w:rPr``) to the end of one of the template's styles."""
    match = re.search(rf'<w:style [^>]*w:styleId="{sid}">(.*?)</w:style>', styles)
    if match is None or "<w:rPr>" in match.group(1):
        raise RuntimeError(f"python-docx's template has no plain '{sid}' style to add fonts to")
    return styles[: match.end(1)] + extra + styles[match.end(1) :]


#: The table styles a draft uses: Word's default ("Table Normal") and the grid its tables
#: are drawn in (see ``docx._table``).
TABLE_STYLES = ("TableNormal", "TableGrid")

_TABLE_STYLE_RE = re.compile(
    r'<w:style w:type="table"[^>]*w:styleId="([^"]+)"[^>]*>.*?</w:style>', re.S
)


def _keep_used_table_style(match: re.Match[str]) -> str:
    """python-docx's template defines 100 table styles (Light Shading, Medium Grid ...),
    four fifths of its styles part; a draft keeps the two it uses. Word offers its
    built-in table styles from the latent-style list whether or not a document defines
    them, so nothing is lost to the attorney, and every DOCX is smaller and faster to
    write."""
    return match.group(0) if match.group(1) in TABLE_STYLES else ""


@functools.lru_cache(maxsize=1)
def styles_xml(template: bytes) -> bytes:
    """``word/styles.xml``: the template's built-in styles, restyled, plus every named style.

    Args:
        template: The ``word/styles.xml`` of python-docx's blank document.
    """
    styles = _TABLE_STYLE_RE.sub(_keep_used_table_style, template.decode("utf-8"))
    all_fonts = "".join(f' w:{a}="{FONT}"' for a in ("ascii", "hAnsi", "cs", "eastAsia"))
    styles = _restyle(
        styles,
        "Normal",
        f'<w:pPr><w:widowControl/></w:pPr><w:rPr><w:rFonts{all_fonts}/><w:sz w:val="24"/></w:rPr>',
    )
    header = _fonts(HEADER_STYLE["font"]) + f'<w:sz w:val="{HEADER_STYLE["size"] * 2}"/>'
    for sid in ("Header", "Footer"):
        styles = _restyle(styles, sid, f"<w:rPr>{header}</w:rPr>")
    ours = [_paragraph_style_xml(name, cfg) for name, cfg in STYLES.items()]
    ours += [_character_style_xml(name, cfg) for name, cfg in CHARACTER_STYLES.items()]
    head, _, tail = styles.rpartition("</w:styles>")
    return (head + "".join(ours) + "</w:styles>" + tail).encode("utf-8")
