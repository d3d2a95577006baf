"""The @font-face rules of a stylesheet: which file covers which characters,
for which medium.

Used by the booklet's glyph check (prepare.check_glyphs: only the faces
WeasyPrint loads for print count) and by tests/build/test_fonts.py (the
site's faces never overlap).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import tinycss2

ALL_CHARACTERS = "U+0-10FFFF"


@dataclass(frozen=True)
class FontFace:
    media: frozenset[str]  # media types it applies to; {"all"} outside any @media
    style: str
    weight: str
    src: str  # the first url() of its src, as written
    code_points: frozenset[int]

    def applies_to(self, medium: str) -> bool:
        return "all" in self.media or medium in self.media


def font_faces(css: str) -> list[FontFace]:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return list(_faces(rules, frozenset({"all"})))


def _faces(rules, media):
    for rule in rules:
        if rule.type != "at-rule" or rule.content is None:
            continue
        if rule.lower_at_keyword == "media":
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            types = frozenset(part.strip().lower()
                              for part in tinycss2.serialize(rule.prelude).split(","))
            yield from _faces(inner, types)
        elif rule.lower_at_keyword == "font-face":
            declarations = tinycss2.parse_declaration_list(
                rule.content, skip_comments=True, skip_whitespace=True)
            props = {d.lower_name: tinycss2.serialize(d.value).strip()
                     for d in declarations if d.type == "declaration"}
            url = re.search(r'url\(\s*["\']?([^"\')]+)', props.get("src", ""))
            if url is None:
                continue  # local() only: not one of our files
            yield FontFace(media, props.get("font-style", "normal"),
                           props.get("font-weight", "400"), url.group(1),
                           code_points(props.get("unicode-range", ALL_CHARACTERS)))


def code_points(unicode_range: str) -> frozenset[int]:
    """U+0000-00FF, U+0131, U+4?? -> the code points they name."""
    points: set[int] = set()
    for part in unicode_range.split(","):
        part = part.strip().upper().removeprefix("U+")
        if "?" in part:
            first, last = part.replace("?", "0"), part.replace("?", "F")
        else:
            first, _, last = part.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(points)
