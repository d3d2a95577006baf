"""Render one booklet edition with WeasyPrint (runs in a worker process)."""
from __future__ import annotations

import logging
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

PAPER = {"letter": "letter", "A4": "A4"}

# Options mkdocs-with-pdf cannot pass: real form fields, and a tagged PDF that
# declares PDF/UA-1 (WeasyPrint's variant adds the XMP metadata with the
# PDF/UA identifier and the document title, /DisplayDocTitle, /MarkInfo and
# the structure tree; it implies pdf_tags and PDF 1.7).
PDF_OPTIONS = {"pdf_forms": True, "pdf_tags": True, "pdf_variant": "pdf/ua-1"}

# WeasyPrint logs and carries on where the booklet would silently come out
# wrong: a link to an anchor that does not exist (case 04), a font, image or
# stylesheet that failed to load (WeasyPrint then draws with a system font
# or nothing), an image without alt text, a missing document language. Those
# fail the build. Its notes on CSS it ignores (screen-only properties of the
# site's stylesheet such as `cursor`) do not.
HARMLESS = ("Ignored `",)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if not message.startswith(HARMLESS):
            self.messages.append(message)


# This worker's fonts, loaded ahead by warm_up (one edition per worker).
_ready: dict = {}


def warm_up(stylesheets: list[str]) -> None:
    """Load the fonts of the site's stylesheets (files in the built site)
    while the main process is still building the site. WeasyPrint decodes and
    registers every @font-face of a document before laying it out (eight
    faces, 0.03-0.1 s here); done ahead, on the core the site build leaves free, the
    edition starts with them. WeasyPrint keys each face by its descriptors,
    source URL included, so the document's own <link> to the same file finds
    them already loaded. Anything that fails here fails again, and is
    reported, when the edition renders."""
    font_config = FontConfiguration()
    for path in stylesheets:
        try:
            CSS(filename=path, font_config=font_config)
        except Exception:  # noqa: BLE001 (reported by edition(), see above)
            pass
    _ready["font_config"] = font_config


def one_radio_group_per_question(document, pdf) -> None:
    """WeasyPrint 70 lists each radio button as a field of its own as well as
    a kid of its group, with the group's name again (so readers see
    "q.q" fields and may treat the buttons as separate). Keep only the group
    in the form's field list, with unnamed buttons under it."""
    if "AcroForm" not in pdf.catalog:
        return  # a document without fields
    objects = {obj.reference: obj for obj in pdf.objects if hasattr(obj, "reference")}
    fields = pdf.catalog["AcroForm"]["Fields"]
    kept = []
    for reference in fields:
        field = objects.get(reference)
        if field is not None and "Parent" in field:
            field.pop("T", None)
            field.pop("TU", None)
            continue
        kept.append(reference)
    fields[:] = kept


def edition(html: str, site_dir: str, edition: dict) -> int:
    """Write site_dir/<edition file>; return its size in bytes."""
    paper = edition["paper"]
    if paper not in PAPER:
        raise ValueError(f"booklet: unknown paper '{paper}' (use one of {', '.join(PAPER)})")
    # A user stylesheet: !important lets it win over the document's own @page size.
    page_size = CSS(string=f"@page {{ size: {PAPER[paper]} portrait !important; }}")
    target = Path(site_dir) / edition["file"]
    problems = _Collect()
    weasyprint_log = logging.getLogger("weasyprint")
    # mkdocs-with-pdf sets WeasyPrint's logger to ERROR (unless its `verbose`
    # option is on), which would hide every warning listed above.
    level = weasyprint_log.level
    weasyprint_log.setLevel(logging.WARNING)
    weasyprint_log.addHandler(problems)
    font_config = _ready.pop("font_config", None) or FontConfiguration()
    try:
        HTML(string=html, base_url=str(Path(site_dir).resolve()) + "/").write_pdf(
            target, stylesheets=[page_size], finisher=one_radio_group_per_question,
            font_config=font_config, **PDF_OPTIONS)
    finally:
        weasyprint_log.removeHandler(problems)
        weasyprint_log.setLevel(level)
    if problems.messages:
        target.unlink(missing_ok=True)
        raise ValueError(f"{edition['file']}: WeasyPrint reported: " + "; ".join(
            dict.fromkeys(problems.messages)))
    return target.stat().st_size
