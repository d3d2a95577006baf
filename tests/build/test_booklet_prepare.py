"""Preparing the booklet for print (booklet/prepare.py) and rendering it
(booklet/render.py), on small documents: each kind of fault, made on purpose."""
import logging
from pathlib import Path

import pytest
import tinyhtml5
from pypdf import PdfReader

from booklet import prepare, render
from macros.registry import STEPS

PAGE = """<html><head><title>Page</title>
<link rel="stylesheet" href="assets/stylesheets/main.css"><style>h1 {{ color: red }}</style>
</head><body><article class="md-content__inner md-typeset">{body}</article></body></html>"""


def test_a_step_page_is_marked_with_its_letter_and_loses_screen_only_parts():
    body = ('<h1 id="x">Connect with your values</h1><p>Text.</p>'
            '<p class="hsp-screen-only">Booklet links</p><script>x()</script>'
            '<hr><p class="hsp-screen-only"><a href="../communicate/">Next step</a></p>')
    html = prepare.for_booklet_page(PAGE.format(body=body), {"step": "connect", "letter": "C"},
                                    STEPS, "C: Connect with your values")
    article = tinyhtml5.parse(html).find(".//{*}article")
    assert article.get("data-hsp-step") == "connect" and article.get("data-hsp-letter") == "C"
    h1 = article.find("{*}h1")
    assert h1.get("data-hsp-letter") == "C"
    assert h1.get("data-hsp-step-label") == f"Step 1 of {len(STEPS)}"
    assert h1.get("data-hsp-running-title") == "C · Connect with your values"
    assert "Next step" not in html and "Booklet links" not in html and "<script" not in html
    assert article.find("{*}hr") is None, "a rule left dangling at the end of the page"


def test_another_page_is_named_as_in_the_navigation():
    html = prepare.for_booklet_page(PAGE.format(body="<h1>Home–School Partnership Toolkit</h1><hr><p>x</p>"),
                                    {}, STEPS, "Start here")
    article = tinyhtml5.parse(html).find(".//{*}article")
    assert article.get("data-hsp-step") is None
    assert article.find("{*}h1").get("data-hsp-running-title") == "Start here"
    assert article.find("{*}hr") is not None, "a rule between paragraphs stays"


def _site_css(site) -> str:
    """The site's stylesheet as built (minified, its name hashed)."""
    [css] = site.dir.glob("assets/toolkit.*.min.css")
    return css.relative_to(site.dir).as_posix()


def _for_print(site, body):
    return prepare.for_print(PAGE.format(body=body), site_dir=site.dir,
                             booklet={"title": "The Booklet"}, language="en",
                             extra_css=[_site_css(site)])


def test_a_fill_in_with_two_lines_becomes_a_textarea_without_swallowing_the_page(site):
    field = next(f for f in site.manifest["fields"] if f["kind"] == "fill_in")
    assert field["lines"] > 1
    body = (f'<input class="hsp-input hsp-lines-{field["lines"]}" type="text" id="{field["id"]}" '
            f'name="{field["id"]}" autocomplete="off" data-hsp-field>'
            '<h2 id="after">What comes after</h2>')
    document = tinyhtml5.parse(_for_print(site, body))
    textarea = document.find(".//{*}textarea")
    assert textarea is not None and textarea.get("name") == field["id"]
    assert textarea.get("title") == prepare.tooltip(field)
    assert not (textarea.text or "").strip(), "the rest of the page was read as the field's text"
    assert document.find(".//{*}h2").get("id") == "after"


def test_print_styles_are_the_sites_own_and_the_booklets_only(site):
    html = _for_print(site, "<h1>Title</h1>")
    head = tinyhtml5.parse(html).find("{*}head")
    links = [link.get("href") for link in head.findall("{*}link") if link.get("rel") == "stylesheet"]
    assert links == [_site_css(site)]
    styles = [style.text for style in head.findall("{*}style")]
    assert styles == [prepare.booklet_css()]
    assert "@charset" not in styles[0]
    assert head.find("{*}title").text == "The Booklet"
    assert tinyhtml5.parse(html).get("lang") == "en"


def test_a_field_missing_from_the_manifest_stops_the_build(site):
    with pytest.raises(ValueError, match="not-a-field"):
        _for_print(site, '<input type="checkbox" name="not-a-field" data-hsp-field>')


def test_characters_the_booklet_font_cannot_show_are_named(site, caplog):
    """Case 07: WeasyPrint would draw them with whatever font the machine has
    (or as boxes), silently; the build warns, which fails `mkdocs build --strict`."""
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.booklet"):
        prepare.check_glyphs_of(
            _for_print(site, "<p>Home–School “quotes” ‘single’ … Niño, façade, Łódź — fine.</p>"), site.dir)
    assert not caplog.records, caplog.text
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.booklet"):
        prepare.check_glyphs_of(_for_print(site, "<p>中文：家校合作 and العربية</p>"), site.dir)
    assert "U+4E2D" in caplog.text and "U+0627" in caplog.text
    assert "U+0020" not in caplog.text


def test_only_the_faces_the_booklet_loads_count_for_its_glyphs(tmp_path, caplog):
    """A face for the screen only (the site's @media screen) is never loaded
    by WeasyPrint: the characters only it has are missing from the booklet."""
    fonts = Path(__file__).resolve().parents[2] / "docs" / "assets" / "fonts"
    (tmp_path / "fonts").symlink_to(fonts)
    face = ('@font-face {{ font-family: "A"; src: url("fonts/atkinson-hyperlegible-{}-400-normal.woff2")'
            ' format("woff2"); unicode-range: {}; }}')
    (tmp_path / "print.css").write_text(
        face.format("latin", "U+0000-00FF")
        + "@media screen {" + face.format("latin-ext", "U+0100-017F") + "}", "utf-8")
    html = ('<html><head><link rel="stylesheet" href="print.css"></head>'
            "<body><p>Niño in Łódź</p></body></html>")
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.booklet"):
        prepare.check_glyphs_of(html, tmp_path)
    assert "U+0141" in caplog.text and "U+017A" in caplog.text  # Ł, ź
    assert "U+00F1" not in caplog.text  # ñ: in the print face
    caplog.clear()
    (tmp_path / "print.css").write_text(face.format("latin", "U+0000-007F"), "utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.booklet"):
        prepare.check_glyphs_of(html, tmp_path)
    assert "U+00F1" in caplog.text, "a glyph outside its face's unicode-range was counted"


def test_a_booklet_without_its_fonts_stops_the_build(tmp_path):
    html = ('<html><head><link rel="stylesheet" href="print.css"></head>'
            "<body><p>Text</p></body></html>")
    (tmp_path / "print.css").write_text("@media screen { @font-face { font-family: A; "
                                        'src: url("x.woff2"); } }', "utf-8")
    with pytest.raises(ValueError, match="none of the site's fonts for print"):
        prepare.check_glyphs_of(html, tmp_path)


# ---- Rendering ----------------------------------------------------------------------

def _render(tmp_path, body, paper="A4"):
    (tmp_path / "assets").mkdir(exist_ok=True)
    html = f'<html lang="en"><head><title>T</title></head><body>{body}</body></html>'
    edition = {"file": "out.pdf", "paper": paper, "name": paper}
    return render.edition(html, str(tmp_path), edition), tmp_path / "out.pdf"


def test_render_writes_the_paper_size_asked_for(tmp_path):
    size, path = _render(tmp_path, '<h1 id="a">Hello</h1><p><a href="#a">back</a></p>', "letter")
    page = PdfReader(path).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((612, 792), abs=0.5)
    assert size == path.stat().st_size


@pytest.mark.parametrize("body, reported", [
    ('<p><a href="#nowhere">a link to a missing heading</a></p>', "No anchor #nowhere"),
    ('<img src="assets/missing.png" alt="x">', "missing.png"),
    # Logged as a warning, not an error: hidden if the logger is turned down.
    ('<style>@media screen and (max-width: 10em) { p { color: red } }</style><p>x</p>',
     "Invalid media type"),
])
@pytest.mark.parametrize("logger_level", [logging.NOTSET, logging.ERROR], ids=["as-is", "turned-down"])
def test_what_weasyprint_reports_fails_the_build(tmp_path, body, reported, logger_level):
    """Also when WeasyPrint's logger was turned down to ERROR, as
    mkdocs-with-pdf does on startup in every real build (that hid a
    warning once: a media query WeasyPrint cannot read)."""
    weasyprint_log = logging.getLogger("weasyprint")
    before = weasyprint_log.level
    weasyprint_log.setLevel(logger_level)
    try:
        with pytest.raises(ValueError, match=reported):
            _render(tmp_path, body)
        assert weasyprint_log.level == logger_level, "render left WeasyPrint's logger changed"
    finally:
        weasyprint_log.setLevel(before)
    assert not (tmp_path / "out.pdf").exists(), "a broken booklet was left in the site"


def _site_with_stylesheet(tmp_path):
    """A site folder with the real stylesheet and fonts; a page that links it."""
    source = Path(__file__).resolve().parents[2] / "docs" / "assets" / "toolkit.css"
    (tmp_path / "assets").mkdir(exist_ok=True)
    (tmp_path / "assets" / "toolkit.css").write_text(source.read_text("utf-8"), "utf-8")
    (tmp_path / "assets" / "fonts").symlink_to(source.parent / "fonts")
    return ('<html lang="en"><head><title>T</title><link rel="stylesheet" href="assets/toolkit.css">'
            '</head><body><p>Text and <strong>bold</strong></p></body></html>')


def test_the_site_stylesheet_reads_cleanly_in_weasyprint(tmp_path):
    """The booklet prints with the site's own stylesheet: every rule in it
    must be one WeasyPrint can read (it reads media types only, so a
    combined query like `screen and (max-width: …)` would be dropped with a
    warning)."""
    html = _site_with_stylesheet(tmp_path)
    render.edition(html, str(tmp_path), {"file": "out.pdf", "paper": "A4", "name": "A4"})


def test_an_edition_uses_the_fonts_its_worker_loaded_ahead(tmp_path, monkeypatch):
    """booklet/hook.py warms each render worker up while the site builds:
    the edition must then find the fonts loaded and not decode them again."""
    import weasyprint.text.fonts
    html = _site_with_stylesheet(tmp_path)
    render.warm_up([str(tmp_path / "assets" / "toolkit.css")])
    decoded = []
    real = weasyprint.text.fonts.woff2.decompress
    monkeypatch.setattr(weasyprint.text.fonts.woff2, "decompress",
                        lambda *a, **k: decoded.append(1) or real(*a, **k))
    render.edition(html, str(tmp_path), {"file": "out.pdf", "paper": "A4", "name": "A4"})
    assert not decoded, f"{len(decoded)} font files decoded again while rendering"
    # Without a warm-up (the next edition in this process), it loads them itself.
    render.edition(html, str(tmp_path), {"file": "out.pdf", "paper": "A4", "name": "A4"})
    assert decoded


def test_a_warm_up_that_found_nothing_changes_nothing(tmp_path):
    """A stylesheet missing at warm-up (or one that fails) is not an error
    there; the edition reports it, as without a warm-up."""
    render.warm_up([str(tmp_path / "assets" / "no-such.css")])
    (tmp_path / "assets").mkdir()
    html = ('<html lang="en"><head><title>T</title><link rel="stylesheet" href="assets/no-such.css">'
            '</head><body><p>Text</p></body></html>')
    with pytest.raises(ValueError, match="no-such.css"):
        render.edition(html, str(tmp_path), {"file": "out.pdf", "paper": "A4", "name": "A4"})


def test_accented_latin_prints_in_the_booklets_own_font(tmp_path):
    """Case 07: every Latin letter the glyph check lets through is drawn with
    the site's font in the PDF, regular and bold, never a system font."""
    html = _site_with_stylesheet(tmp_path).replace(
        "</head>", f"<style>{prepare.booklet_css()}</style></head>").replace(
        "<p>Text and <strong>bold</strong></p>",
        "<p>Home–School “what matters most” ‘single’ … Niño, façade, naïve, crème brûlée, "
        "Łódź, Dvořák, Ærø</p><p><strong>Łódź, Dvořák, Ærø — bold</strong></p>")
    render.edition(html, str(tmp_path), {"file": "out.pdf", "paper": "A4", "name": "A4"})
    reader = PdfReader(tmp_path / "out.pdf")
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1]
             for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts == {"Atkinson-Hyperlegible", "Atkinson-Hyperlegible-Bold"}, fonts
    text = reader.pages[0].extract_text()
    assert "Łódź, Dvořák, Ærø" in text and "Niño, façade" in text
