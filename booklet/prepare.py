"""Adjust the assembled booklet document for paper and PDF readers.

The pages print with the same component HTML as the site. Here we only do
what belongs to the PDF alone:

- per page (`booklet_page`, on the article mkdocs-with-pdf keeps of it):
  remove what makes no sense on paper (scripts, the booklet download links,
  the answer status line, a rule left dangling at the end of the page) and
  mark a step page with its step and letter, for the step opener and the
  running header;
- on the whole document (`for_print`): the document's title and language,
  the print styles (ours only, see `stylesheets`), the step letters in the
  contents, every form field's question as its tooltip, and multi-line
  fields for answers with more than one ruled line;
- `check_glyphs_of`: the booklet's own fonts can show every character of
  the text (run by the hook while the editions render).
"""
from __future__ import annotations

import functools
import json
import logging
import unicodedata
from pathlib import Path

import sass
from bs4 import BeautifulSoup

from booklet.font_faces import font_faces

log = logging.getLogger("mkdocs.hooks.booklet")

MANIFEST = "assets/fields.json"
# Site-only parts, marked in the templates with this class.
SCREEN_ONLY = ".hsp-screen-only, script, .md-content__button, .headerlink"
# The booklet's print design (compiled here, see `stylesheets`).
BOOKLET_SCSS = Path(__file__).resolve().parent / "templates" / "booklet.scss"


def tooltip(field: dict) -> str:
    """What a PDF reader shows and speaks for a field: the question, and the option."""
    if field["kind"] in ("checklist", "other"):
        return f"{field['question']}: {field['label']}"
    if field["kind"] == "write_in":
        return f"{field['question']}: Other, write your own"
    return field["question"]


def for_booklet_page(html: str, meta: dict, steps=(), title: str | None = None) -> str:
    """booklet_page on a whole page of the site (its <article>)."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article")
    if article is not None:
        booklet_page(article, meta, steps, title)
    return str(soup)


def booklet_page(article, meta: dict, steps=(), title: str | None = None) -> None:
    """One page of the site (its <article> element, changed in place) as the
    booklet takes it.

    Screen-only parts go. Its title (h1) gets `data-hsp-running-title`, the
    running header of its pages: the page's name in the site's navigation
    (`title`, e.g. "Start here"), or for a step its letter and name. A step
    page (front matter `step:` and `letter:`) also gets `data-hsp-step` and
    `data-hsp-letter` on its article, and `data-hsp-letter` and
    `data-hsp-step-label` ("Step 1 of 7", from `steps`, the registry's STEPS)
    on its title: the print styles turn them into the step opener.
    """
    for element in article.select(SCREEN_ONLY):
        element.decompose()
    # A rule that only separated the page from its (screen-only) "Next step"
    # link would print as a stray line at the end of the page.
    while True:
        last = _last_child_element(article)
        if last is None or last.name != "hr":
            break
        last.decompose()
    heading = article.find("h1")
    if heading is None:
        return
    heading["data-hsp-running-title"] = " ".join((title or heading.get_text()).split())
    step, letter = (meta or {}).get("step"), (meta or {}).get("letter")
    if step and letter:
        article["data-hsp-step"] = str(step)
        article["data-hsp-letter"] = str(letter)
        heading["data-hsp-letter"] = str(letter)
        heading["data-hsp-running-title"] = f"{letter} · {' '.join(heading.get_text().split())}"
        order = [s[0] for s in steps]
        if step in order:
            heading["data-hsp-step-label"] = f"Step {order.index(step) + 1} of {len(order)}"


def _last_child_element(element):
    for child in reversed(element.contents):
        if getattr(child, "name", None):
            return child
        if str(child).strip():
            return None  # text after the last element
    return None


def booklet_css() -> str:
    css = sass.compile(filename=str(BOOKLET_SCSS), output_style="compact")
    # Sass starts non-ASCII output with @charset, which means nothing inside a
    # <style> element (WeasyPrint warns about it).
    return css.removeprefix('@charset "UTF-8";').lstrip("\ufeff")


def site_stylesheets(extra_css) -> list[str]:
    """The site's own stylesheets (never another host's), relative to site_dir."""
    return [str(css).lstrip("/") for css in extra_css if "://" not in str(css)]


def stylesheets(soup: BeautifulSoup, extra_css: list[str]) -> None:
    """Print with our styles only.

    mkdocs-with-pdf brings Material's stylesheets (the site's) and its own
    print styles (a serif body font, red heading rules, dotted borders, an
    8 pt contents page). Their fonts are not the site's (WeasyPrint picks
    system fonts such as Liberation Sans and DejaVu Serif), their dotted
    borders are drawn dot by dot (hundreds of KB), and parsing Material's
    CSS costs time on every edition. The booklet keeps the site's own
    stylesheets (`extra_css`: fonts and the components' print styles) and
    adds its print design after them.
    """
    head = soup.head
    for element in head.select("style, link[rel~=stylesheet]"):
        element.decompose()
    for href in site_stylesheets(extra_css):
        head.append(soup.new_tag("link", rel="stylesheet", href=href))
    style = soup.new_tag("style")
    style.string = booklet_css()
    head.append(style)


def for_print(html: str, site_dir: Path, booklet: dict, language: str,
              extra_css: list[str] | None = None) -> str:
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
    stylesheets(soup, extra_css or [])

    for element in soup.select(SCREEN_ONLY):
        element.decompose()

    # The contents page: each title in a span (the print styles mask the
    # entry's row of dots behind it); a step's entry shows its letter, like
    # its opener.
    for link in soup.select("#doc-toc a[href^='#']"):
        title_span = soup.new_tag("span", attrs={"class": "hsp-toc-title"})
        for child in list(link.contents):
            title_span.append(child.extract())
        link.append(title_span)
        target = soup.find(id=link["href"][1:])
        if target is not None and target.get("data-hsp-letter"):
            link.parent["data-hsp-letter"] = target["data-hsp-letter"]
            link.parent["class"] = link.parent.get("class", []) + ["hsp-toc-step"]

    # WeasyPrint names a form field by the input's `name` (our field id) and,
    # with no <form> around it, takes its tooltip (/TU) from `title`.
    for element in soup.select("[data-hsp-field]"):
        field = fields.get(element["name"])
        if field is None:
            raise ValueError(f"booklet: field '{element['name']}' is not in the fields manifest")
        element["title"] = tooltip(field)
        # An answer with more than one ruled line on paper is a multi-line,
        # wrapping field on screen: WeasyPrint makes that from a textarea.
        if element.name == "input" and element.get("type") == "text" and (field.get("lines") or 1) > 1:
            # A new tag, not a renamed one: a renamed <input> would still be
            # written as a void element (<textarea/>), and an HTML parser reads
            # everything after an unclosed <textarea> as its text.
            attributes = {k: v for k, v in element.attrs.items()
                          if k not in ("type", "value", "autocomplete")}
            textarea = soup.new_tag("textarea", attrs={**attributes, "rows": str(field["lines"])})
            element.replace_with(textarea)

    return str(soup)


# ---- Every character has a glyph in the booklet's own fonts (case 07) --------------

def check_glyphs_of(html: str, site_dir: Path) -> None:
    """check_glyphs on the document for_print made (the hook runs it while
    the editions render)."""
    soup = BeautifulSoup(html, "html.parser")
    check_glyphs(soup, print_fonts(soup, Path(site_dir)))


def print_fonts(soup: BeautifulSoup, site_dir: Path) -> list[tuple[Path, frozenset[int]]]:
    """The font files WeasyPrint loads for the booklet, each with the
    characters its @font-face rule lets it draw: the rules of the document's
    own stylesheets (the site's files it links, its <style>) that apply to
    print. Faces for the screen only (the site has some) do not count, nor
    fonts from another host."""
    sheets = []
    for link in soup.select("head link[rel~=stylesheet][href]"):
        path = site_dir / link["href"].lstrip("/")
        if "://" not in link["href"] and path.is_file():
            sheets.append((path.parent, path.read_text("utf-8")))
    sheets += [(site_dir, style.get_text()) for style in soup.select("style")]
    return [((base / face.src).resolve(), face.code_points)
            for base, css in sheets for face in font_faces(css)
            if face.applies_to("print") and "://" not in face.src]


def check_glyphs(soup: BeautifulSoup, fonts: list[tuple[Path, frozenset[int]]]) -> None:
    """Warn (which fails a --strict build) naming every character of the
    booklet's text that the booklet's own fonts cannot show: WeasyPrint
    would silently draw it with whatever font the build machine has, or as
    a box, so the booklet would differ from one machine to the next."""
    covered: set[int] = set()
    for path, points in fonts:
        if path.is_file():  # a missing file: WeasyPrint reports it, failing the build
            covered |= _cmap(str(path), path.stat().st_mtime_ns) & points
    if not covered:
        raise ValueError("booklet: its stylesheets load none of the site's fonts for print "
                         "(@font-face rules outside @media screen, files in the site)")
    text = soup.body.get_text() if soup.body else ""
    for element in soup.select("[title]"):
        text += element["title"]
    missing = sorted({c for c in text if not _ignorable(c) and ord(c) not in covered})
    if missing:
        names = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in missing)
        log.warning("booklet: the booklet's fonts (the site's @font-face rules for print) "
                    f"have no glyph for: {names}")


def _ignorable(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")


@functools.lru_cache(maxsize=32)
def _cmap(path: str, _mtime_ns: int) -> frozenset[int]:
    """The characters a font file has a glyph for (cached while it is unchanged)."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()
