"""PDF rendering through LibreOffice, when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..assembly.model import Ordinance
from ..errors import MissingDependencyError, OutputError
from . import RenderOptions
from .docx import render as render_docx

CANDIDATES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    """The LibreOffice executable, or ``None`` if it is not installed."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def docx_to_pdf(docx_bytes: bytes, timeout: int = 180) -> bytes:
    """Convert DOCX bytes to PDF bytes with LibreOffice in headless mode.

    Raises:
        MissingDependencyError: LibreOffice is not installed.
        OutputError: The conversion failed.
    """
    soffice = find_soffice()
    if soffice is None:
        raise MissingDependencyError(
            "PDF output needs LibreOffice, which is not installed. Install it (on Debian or "
            "Ubuntu: sudo apt-get install libreoffice-writer-nogui), or write DOCX with "
            "--format docx and convert it in Word."
        )
    with tempfile.TemporaryDirectory(prefix="ordinance-pdf-") as tmp:
        work = Path(tmp)
        src = work / "draft.docx"
        src.write_bytes(docx_bytes)
        profile = (work / "profile").as_uri()
        try:
            result = subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(src),
                ],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise OutputError(
                f"LibreOffice did not finish converting the draft to PDF within {timeout} s."
            ) from None
        pdf = work / "draft.pdf"
        if result.returncode != 0 or not pdf.is_file():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()[:300]
            raise OutputError(f"LibreOffice could not convert the draft to PDF: {detail}")
        return pdf.read_bytes()


def render(ordinance: Ordinance, options: RenderOptions) -> bytes:
    """Render the ordinance to PDF via its DOCX rendering."""
    return docx_to_pdf(render_docx(ordinance, options))
