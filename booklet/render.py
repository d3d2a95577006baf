"""Render one booklet edition with WeasyPrint (runs in a worker process)."""
from __future__ import annotations

from pathlib import Path

from weasyprint import CSS, HTML

PAPER = {"letter": "letter", "A4": "A4"}

# Options mkdocs-with-pdf cannot pass: real form fields and a tagged PDF.
PDF_OPTIONS = {"pdf_forms": True, "pdf_tags": True}


def edition(html: str, site_dir: str, edition: dict) -> int:
    """Write site_dir/<edition file>; return its size in bytes."""
    paper = edition["paper"]
    if paper not in PAPER:
        raise ValueError(f"booklet: unknown paper '{paper}' (use one of {', '.join(PAPER)})")
    page_size = CSS(string=f"@page {{ size: {PAPER[paper]} portrait; }}")
    target = Path(site_dir) / edition["file"]
    HTML(string=html, base_url=str(Path(site_dir).resolve()) + "/").write_pdf(
        target, stylesheets=[page_size], **PDF_OPTIONS
    )
    return target.stat().st_size
