"""Read Word tracked changes back from a DOCX, independently of the code that wrote them.

The helpers parse ``word/document.xml`` with lxml and apply the WordprocessingML rules
for accepting or rejecting every revision:

* accept: drop ``w:del`` content, keep ``w:ins`` content; a paragraph whose mark is
  deleted (``w:pPr/w:rPr/w:del``) joins the next paragraph; ``w:pPrChange`` is dropped.
* reject: drop ``w:ins`` content, keep ``w:del`` content (``w:delText`` becomes text); a
  paragraph whose mark is inserted joins the next paragraph; ``w:pPrChange`` restores
  the old paragraph properties.
"""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    """The Clark name of a ``w:`` tag."""
    return f"{{{W}}}{tag}"


def document_xml(path: Path) -> etree._Element:
    """The parsed ``word/document.xml`` of a DOCX file."""
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def revisions(root: etree._Element) -> list[etree._Element]:
    """Every run-level and paragraph-mark ``w:ins``/``w:del`` element, in document order."""
    return root.xpath("//w:ins | //w:del", namespaces=NS)


def _mark(p: etree._Element, tag: str) -> bool:
    return bool(p.xpath(f"./w:pPr/w:rPr/w:{tag}", namespaces=NS))


def resolve_all(root: etree._Element, mode: str) -> etree._Element:
    """A copy of the document with every revision accepted (``accept``) or rejected."""
    root = copy.deepcopy(root)
    drop, keep = ("del", "ins") if mode == "accept" else ("ins", "del")
    for el in root.xpath(f"//w:{drop}", namespaces=NS):
        parent = el.getparent()
        if parent.tag == q("rPr"):
            continue  # a paragraph mark: handled below
        parent.remove(el)
    for el in root.xpath(f"//w:{keep}", namespaces=NS):
        parent = el.getparent()
        if parent.tag == q("rPr"):
            parent.remove(el)
            continue
        index = parent.index(el)
        for child in list(el):
            parent.insert(index, child)
            index += 1
        parent.remove(el)
    for t in root.xpath("//w:delText", namespaces=NS):
        t.tag = q("t")
    for change in root.xpath("//w:pPrChange", namespaces=NS):
        pPr = change.getparent()
        if mode == "reject":
            old = change.find(q("pPr"))
            old_style = old.find(q("pStyle")) if old is not None else None
            style = pPr.find(q("pStyle"))
            if style is not None:
                pPr.remove(style)
            if old_style is not None:
                pPr.insert(0, old_style)
        pPr.remove(change)
    body = root.find(q("body"))
    paragraphs = body.findall(q("p"))
    for p in paragraphs:
        if not _mark(p, drop):
            continue
        following = p.getnext()
        while following is not None and following.tag != q("p"):
            following = following.getnext()
        assert following is not None, "a removed paragraph mark has no paragraph after it"
        runs = [c for c in p if c.tag != q("pPr")]
        anchor = following.find(q("pPr"))
        index = following.index(anchor) + 1 if anchor is not None else 0
        for run in runs:
            following.insert(index, run)
            index += 1
        body.remove(p)
    for rpr_mark in root.xpath("//w:pPr/w:rPr[not(*)]", namespaces=NS):
        rpr_mark.getparent().remove(rpr_mark)
    return root


def paragraphs(root: etree._Element) -> list[tuple[str, str]]:
    """``(style id, text)`` for every body paragraph, empty ones included.

    A tab reads as ``\\t`` and a page break as ``\\f``. Deleted text (``w:delText``)
    is not text: resolve the revisions first.
    """
    out = []
    for p in root.find(q("body")).findall(q("p")):
        style_el = p.find(f"{q('pPr')}/{q('pStyle')}")
        style = style_el.get(q("val")) if style_el is not None else "Normal"
        text = ""
        for el in p.iter(q("t"), q("tab"), q("br")):
            if el.tag == q("tab"):
                text += "\t"
            elif el.tag == q("br"):
                text += "\f" if el.get(q("type")) == "page" else "\n"
            else:
                text += el.text or ""
        out.append((style, text))
    return out
