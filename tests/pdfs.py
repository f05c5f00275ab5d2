"""Reading a slip or report back as a person and a scanner would: the words of its pages with
pypdf, its size, and the codes zbarimg decodes on a ``pdftoppm -png`` render of its first page."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import require


def _reader(pdf: bytes | Path) -> PdfReader:
    return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def pdf_text(pdf: bytes | Path) -> str:
    """The words of every page (a file or its bytes), white space folded to single spaces."""
    return " ".join(" ".join((page.extract_text() or "").split()) for page in _reader(pdf).pages)


def page_text(pdf: bytes | Path, index: int = 0) -> str:
    """The words of one page, white space folded to single spaces."""
    return " ".join((_reader(pdf).pages[index].extract_text() or "").split())


def page_size(pdf: bytes | Path, index: int = 0) -> tuple[float, float]:
    """Width and height of one page, in points."""
    box = _reader(pdf).pages[index].mediabox
    return (float(box.width), float(box.height))


def scanned_codes(pdf: bytes | Path, tmp_path: Path, symbology: str | None = None) -> list[str]:
    """What a scanner reads on page 1 rendered at 200 dpi (kept as ``tmp_path / "page.png"``):
    every code, or only those of ``symbology`` ("qrcode", "code128")."""
    require(
        bool(shutil.which("zbarimg") and shutil.which("pdftoppm")),
        "zbar-tools and poppler-utils (apt-get install zbar-tools poppler-utils)",
    )
    if isinstance(pdf, bytes):
        source = tmp_path / "slip.pdf"
        source.write_bytes(pdf)
    else:
        source = pdf
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", source, tmp_path / "page"], check=True
    )
    return codes_in_picture(tmp_path / "page.png", symbology)


def codes_in_picture(png: Path, symbology: str | None = None) -> list[str]:
    """What zbarimg reads on a picture: every code, or only those of ``symbology``."""
    only = ["-Sdisable", f"-S{symbology}.enable"] if symbology else []
    found = subprocess.run(
        ["zbarimg", "-q", "--raw", *only, png], capture_output=True, text=True, check=False
    )
    return found.stdout.split()
