"""The site's web fonts arrive before the first layout and only once.

On a slow phone, text first drawn in a fallback font wraps again when the
web font arrives and moves the page (layout shift). The benchmark measures
that (bench/, CLS rows); these checks keep the two things that prevent it.
"""
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from booklet.font_faces import font_faces

ROOT = Path(__file__).resolve().parents[2]
STYLESHEET = ROOT / "docs" / "assets" / "toolkit.css"
PAGES = ["index.html", "steps/connect/index.html", "my-notes/index.html", "about/index.html"]


def test_faces_of_one_style_and_weight_never_share_a_character():
    """Two faces that both cover a character make a browser still waiting for
    the preferred one fetch the other too, and draw the text once more."""
    faces = font_faces(STYLESHEET.read_text("utf-8"))
    assert len(faces) >= 2
    for i, face in enumerate(faces):
        for other in faces[i + 1:]:
            if (face.style, face.weight) != (other.style, other.weight):
                continue
            if not (face.applies_to("screen") and other.applies_to("screen")) and \
                    not (face.applies_to("print") and other.applies_to("print")):
                continue  # one for the screen, one for print: never both in use
            shared = face.code_points & other.code_points
            assert not shared, (f"{face.src} and {other.src} ({face.style} {face.weight}) both "
                                f"cover {len(shared)} characters, e.g. U+{min(shared):04X}")


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
    preferred = {Path(face.src).name for face in font_faces(STYLESHEET.read_text("utf-8"))
                 if ord("a") in face.code_points and face.style == "normal"
                 and face.applies_to("screen")}
    for i in preloads:
        link = links[i]
        assert link.get("crossorigin") is not None  # else the browser fetches the font twice
        target = (page_dir / link["href"]).resolve()
        assert target.is_file(), link["href"]
        # The face the stylesheet uses for ordinary text, not another one.
        assert target.name in preferred, f"{target.name} is not the face used for plain text"


def test_the_faces_the_booklet_loads_are_quick_to_open():
    """WeasyPrint opens every face the booklet's stylesheet declares for each
    edition; a WOFF2 file with transformed glyphs takes it about 13 ms to undo
    in pure Python, an untransformed one about 1 ms (scripts/untransform_fonts.py)."""
    from fontTools.ttLib import TTFont

    faces = [face for face in font_faces(STYLESHEET.read_text("utf-8")) if face.applies_to("print")]
    assert faces
    for face in faces:
        font = TTFont(STYLESHEET.parent / face.src, lazy=True)
        transformed = set(font.flavorData.transformedTables) if font.flavor == "woff2" else set()
        assert not transformed, (f"{face.src} stores {', '.join(sorted(transformed))} transformed: "
                                 f"run scripts/untransform_fonts.py on it")
