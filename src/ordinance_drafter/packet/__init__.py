"""The adoption packet: the documents a council or board needs beside the ordinance.

From the same answers and clause library as the ordinance, :func:`build_packet` writes a
staff report, a community summary, an adoption checklist, a summary for publication
(where the state allows one), a staff card, a sheriff's directive (where the sheriff runs
the jail) and a certification designation (with U and T visa certification). Their
wording is data: templates in ``clauses/packet/`` and each provision's ``packet:`` block.
Each document is laid out in the ordinance's blocks and styles and drawn by the same DOCX
writer (:func:`ordinance_drafter.render.docx.draw`).
"""

from .build import Document, PacketOptions, build_packet, planned_documents

__all__ = ["Document", "PacketOptions", "build_packet", "planned_documents"]
