"""Adjust the assembled booklet document for paper and PDF readers.

The pages print with the same component HTML as the site. Here we only do
what belongs to the PDF alone: the document's title and language, removing
what makes no sense on paper (scripts, the booklet download links, the
answer status line), and giving every form field its question as tooltip.
"""
from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

MANIFEST = "assets/fields.json"
# Site-only parts, marked in the templates with this class.
SCREEN_ONLY = ".hsp-screen-only, script, .md-content__button, .headerlink"


def tooltip(field: dict) -> str:
    """What a PDF reader shows and speaks for a field: the question, and the option."""
    if field["kind"] in ("checklist", "other"):
        return f"{field['question']}: {field['label']}"
    if field["kind"] == "write_in":
        return f"{field['question']}: Other, write your own"
    return field["question"]


def without_screen_only(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select(SCREEN_ONLY):
        element.decompose()
    return str(soup)


def for_print(html: str, site_dir: Path, booklet: dict, language: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    fields = {f["id"]: f for f in json.loads((site_dir / MANIFEST).read_text("utf-8"))["fields"]}

    if soup.html is not None:
        soup.html["lang"] = language
    head = soup.head or soup.new_tag("head")
    if soup.head is None:
        soup.html.insert(0, head)
    for title in head.find_all("title"):
        title.decompose()
    title = soup.new_tag("title")
    title.string = booklet["title"]
    head.insert(0, title)

    for element in soup.select(SCREEN_ONLY):
        element.decompose()

    # WeasyPrint names a form field by the input's `name` (our field id) and,
    # with no <form> around it, takes its tooltip (/TU) from `title`.
    for element in soup.select("[data-hsp-field]"):
        field = fields.get(element["name"])
        if field is None:
            raise ValueError(f"booklet: field '{element['name']}' is not in the fields manifest")
        element["title"] = tooltip(field)
    return str(soup)
