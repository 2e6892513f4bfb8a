"""PDF rendering through LibreOffice, when it is installed.

The PDF is the DOCX rendering for a printed medium (:data:`~.blocks.PRINT`): a PDF shows
no Word comments in print, so the layout puts the notes of ``--notes comments`` after
each section, as ``--notes inline`` does. LibreOffice then converts that DOCX
(:mod:`.libreoffice`: the profile it keeps, and how a build starts it early).
"""

from __future__ import annotations

from ..assembly.model import Ordinance
from . import RenderOptions
from .blocks import PRINT
from .docx import render as render_docx
from .libreoffice import docx_to_pdf, find_soffice, profile_folder, started_early

__all__ = ["docx_to_pdf", "find_soffice", "profile_folder", "render", "started_early"]


def render(ordinance: Ordinance, options: RenderOptions) -> bytes:
    """Render the ordinance to PDF via its DOCX rendering for print."""
    return docx_to_pdf(render_docx(ordinance, options, PRINT))
