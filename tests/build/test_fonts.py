"""The site's web fonts arrive before the first layout and only once.

On a slow phone, text first drawn in a fallback font wraps again when the
web font arrives and moves the page (layout shift). The benchmark measures
that (bench/, CLS rows); these checks keep the two things that prevent it.
"""
import re
from pathlib import Path

import pytest
import tinycss2
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
STYLESHEET = ROOT / "docs" / "assets" / "toolkit.css"
PAGES = ["index.html", "steps/connect/index.html", "my-notes/index.html", "about/index.html"]


def font_faces(rules, media="all"):
    """(media, style, weight, src file, set of code points) for each @font-face."""
    for rule in rules:
        if rule.type != "at-rule" or rule.content is None:
            continue
        if rule.lower_at_keyword == "media":
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            yield from font_faces(inner, tinycss2.serialize(rule.prelude).strip())
        elif rule.lower_at_keyword == "font-face":
            props = {d.lower_name: tinycss2.serialize(d.value).strip()
                     for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                              skip_whitespace=True)
                     if d.type == "declaration"}
            yield (media, props.get("font-style", "normal"), props.get("font-weight", "400"),
                   re.search(r'url\("?([^")]+)', props["src"]).group(1),
                   code_points(props.get("unicode-range", "U+0-10FFFF")))


def code_points(unicode_range: str) -> set[int]:
    points: set[int] = set()
    for part in unicode_range.split(","):
        first, _, last = part.strip()[2:].partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def test_faces_of_one_style_and_weight_never_share_a_character():
    """Two faces that both cover a character make a browser still waiting for
    the preferred one fetch the other too, and draw the text once more."""
    rules = tinycss2.parse_stylesheet(STYLESHEET.read_text("utf-8"), skip_comments=True,
                                      skip_whitespace=True)
    faces = list(font_faces(rules))
    assert len(faces) >= 2
    for i, (media, style, weight, src, points) in enumerate(faces):
        for other_media, other_style, other_weight, other_src, other_points in faces[i + 1:]:
            if (style, weight) != (other_style, other_weight):
                continue
            if "all" not in (media, other_media) and media != other_media:
                continue  # one for screen, one for print: never both in use
            shared = points & other_points
            assert not shared, (f"{src} and {other_src} ({style} {weight}) both cover "
                                f"{len(shared)} characters, e.g. U+{min(shared):04X}")


@pytest.mark.parametrize("path", PAGES)
def test_font_files_are_asked_for_before_the_stylesheets(site, path):
    """overrides/main.html preloads the small faces first, so on a slow phone
    they arrive before the stylesheets and the first layout has them."""
    soup = BeautifulSoup((site.dir / path).read_text("utf-8"), "html.parser")
    links = soup.head.find_all("link")
    preloads = [i for i, l in enumerate(links) if "preload" in l.get("rel", [])
                and l.get("as") == "font"]
    sheets = [i for i, l in enumerate(links) if "stylesheet" in l.get("rel", [])]
    assert len(preloads) == 2 and sheets
    assert max(preloads) < min(sheets)
    page_dir = (site.dir / path).parent
    rules = tinycss2.parse_stylesheet(STYLESHEET.read_text("utf-8"), skip_comments=True,
                                      skip_whitespace=True)
    preferred = {Path(src).name for media, style, weight, src, points in font_faces(rules)
                 if ord("a") in points and style == "normal" and media in ("all", "screen")}
    for i in preloads:
        link = links[i]
        assert link.get("crossorigin") is not None  # else the browser fetches the font twice
        target = (page_dir / link["href"]).resolve()
        assert target.is_file(), link["href"]
        # The face the stylesheet uses for ordinary text, not another one.
        assert target.name in preferred, f"{target.name} is not the face used for plain text"
