"""MkDocs hook that turns the site into the printable booklet PDFs.

Division of work:
- mkdocs-with-pdf assembles every page into one HTML document with a cover
  (booklet/templates/cover.html.j2), a table of contents and links rewritten
  to jump inside the document.
- booklet/prepare.py adjusts it for print: each page as the plugin collects
  it (screen-only parts removed, step pages marked with their letter), then
  the whole document (title, language, field tooltips, and the print styles:
  the site's own stylesheets plus booklet/templates/booklet.scss, nothing
  from Material or the plugin).
- This hook renders that document with WeasyPrint (booklet/render.py), once
  per paper size (`extra.booklet.editions` in mkdocs.yml), with the options
  the plugin does not pass: fillable form fields (`pdf_forms`), a tagged
  PDF/UA-1 document for screen readers, a base URL and the page size. Each
  edition has its own worker process, started as soon as the site's assets
  are written so it loads the fonts while the pages are still being built
  (`_Editions`).

The seam: mkdocs-with-pdf 0.9.3 (its last release) ends its post-build step
with `HTML(string=...).render().write_pdf(path)` and offers no option or hook
for the rendering itself. We replace the `HTML` name in its generator module
with `_CaptureHTML`, which keeps the assembled document instead of rendering
it; our own on_post_build (hooks run after plugins) then renders each
edition in its own process, so the editions render side by side.

`mkdocs serve` skips the booklet to keep previews fast (set BOOKLET=1 to
build it there too); `mkdocs build` always makes it, and any failure in the
booklet step fails the build.
"""
from __future__ import annotations

import logging
import os
import re
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs loads a hook as a lone file; make the `booklet` package importable
# (the render workers import it too).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from booklet import prepare, render  # noqa: E402
from macros.registry import STEPS  # noqa: E402

log = logging.getLogger("mkdocs.hooks.booklet")

_state: dict = {"command": None, "html": None}


class _Editions:
    """One worker process per edition, so the editions render side by side.

    The workers start (and warm up: render.warm_up) once the site's assets
    are in site_dir, before its pages are rendered: the site build uses one
    core, and the other is free until the booklet is ready to render."""

    def __init__(self):
        self.workers: list[ProcessPoolExecutor] = []

    def start(self, config) -> None:
        if self.workers:
            return
        site_dir = Path(config["site_dir"]).resolve()
        # The ones the booklet links (prepare.stylesheets), so their fonts are the same.
        stylesheets = [str(site_dir / href) for href in prepare.site_stylesheets(config["extra_css"])]
        for _ in config["extra"]["booklet"]["editions"]:
            worker = ProcessPoolExecutor(max_workers=1)
            self.workers.append(worker)
            worker.submit(render.warm_up, stylesheets)

    def render(self, html: str, config) -> list[Future]:
        self.start(config)
        site_dir = str(config["site_dir"])
        return [worker.submit(render.edition, html, site_dir, edition)
                for worker, edition in zip(self.workers, config["extra"]["booklet"]["editions"])]

    def close(self) -> None:
        for worker in self.workers:
            worker.shutdown(wait=True, cancel_futures=True)
        self.workers.clear()


_editions = _Editions()
HEAD_RE = re.compile(r"<head\b.*?</head>", re.DOTALL | re.IGNORECASE)


class _CaptureHTML:
    """Stands in for weasyprint.HTML inside mkdocs-with-pdf: keeps the document."""

    def __init__(self, string: str, **_ignored):
        _state["html"] = string

    def render(self, **_ignored):
        return self

    def write_pdf(self, *_args, **_kwargs):
        return None  # the real rendering happens in on_post_build below


def _clone_marked_as_html(clone_element):
    """mkdocs-with-pdf keeps a detached copy of each page's <article>. With
    beautifulsoup4 4.13+, a detached copy does not know it is HTML, and every
    CSS selector run on it (the plugin's and ours) then searches the whole
    copy again for each element it looks at (bs4 reads the unknown
    `is_xml` attribute as a search for an <is_xml> child): 0.5 s per build.
    Saying so on the copy's root makes those lookups immediate."""
    def clone_marked_as_html(element):
        copy = clone_element(element)
        if getattr(copy, "known_xml", False) is None:
            copy.known_xml = False
        return copy

    clone_marked_as_html.marks_html = True
    return clone_marked_as_html


class _ErrorCounter(logging.Handler):
    """Counts errors logged by mkdocs-with-pdf (it logs and carries on)."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


_errors = _ErrorCounter()


def booklet_enabled() -> bool:
    return _state["command"] != "serve" or os.environ.get("BOOKLET") == "1"


def on_startup(command, dirty):
    _state["command"] = command


def on_config(config):
    plugin = config.plugins.get("with-pdf")
    if plugin is None:
        raise PluginError("booklet: the with-pdf plugin must be listed in mkdocs.yml")
    if not booklet_enabled():
        plugin.enabled = False
        log.info("Booklet skipped under 'mkdocs serve' (set BOOKLET=1 to build it).")
        return config
    import mkdocs_with_pdf.generator as generator

    generator.HTML = _CaptureHTML
    if not getattr(generator.clone_element, "marks_html", False):
        generator.clone_element = _clone_marked_as_html(generator.clone_element)
    # The cover lists the seven steps; one list of them, in macros/registry.py.
    config["extra"]["booklet"]["steps"] = [
        {"id": step, "letter": letter, "title": title} for step, letter, title in STEPS]
    _hand_pages_to_the_booklet(plugin.generator)
    _state["html"] = None
    _editions.close()  # none should be left from an earlier build; never reuse them
    _errors.messages.clear()
    with_pdf_log = logging.getLogger("mkdocs.with-pdf")
    if _errors not in with_pdf_log.handlers:
        with_pdf_log.addHandler(_errors)
    return config


def _hand_pages_to_the_booklet(pdf_generator) -> None:
    """Let mkdocs-with-pdf collect each page, then adjust the article it
    keeps for the booklet (on the page object, as `pdf-article`): without its
    screen-only parts (booklet download links, the status line), and with a
    step page marked with its step and letter (from the page's front matter).
    Working on the plugin's own copy saves parsing every page a second time.
    The page written to the site is left as it is."""
    collect_page = pdf_generator.on_post_page

    def on_post_page(output_content, page, pdf_path):
        collect_page(_head_and_article(output_content), page, pdf_path)
        article = getattr(page, "pdf-article", None)  # None for an excluded page
        if article is not None:
            prepare.booklet_page(article, page.meta, STEPS, page.title)
        return output_content

    pdf_generator.on_post_page = on_post_page


def _head_and_article(html: str) -> str:
    """The page cut down to what mkdocs-with-pdf keeps of it: its <head>
    (the plugin takes the first page's) and its <article>. The plugin parses
    and walks the whole page it is given, several times over; without the
    theme's navigation, header and footer that costs a quarter as much."""
    head = HEAD_RE.search(html)
    start, end = html.find("<article"), html.rfind("</article>")
    if head is None or start < 0 or end < start:
        return html  # not a theme page as we know it: the plugin gets it all
    return (f"<!doctype html><html>{head.group(0)}<body>"
            f"{html[start:end + len('</article>')]}</body></html>")


def on_post_build(config):
    if not booklet_enabled():
        return
    if _errors.messages:
        raise PluginError("booklet: assembling the booklet failed: " + "; ".join(_errors.messages))
    if not _state["html"]:
        raise PluginError("booklet: mkdocs-with-pdf produced no document to render")
    booklet = config["extra"]["booklet"]
    site_dir = Path(config["site_dir"])
    try:
        html = prepare.for_print(_state["html"], site_dir=site_dir, booklet=booklet,
                                 language=config["theme"]["language"],
                                 extra_css=[str(css) for css in config["extra_css"]])
    except Exception as error:
        raise PluginError(f"booklet: preparing the document for print failed: {error}") from error
    try:
        rendering = _editions.render(html, config)
        # While the editions render: can the booklet's fonts show every character?
        prepare.check_glyphs_of(html, site_dir)
        for edition, size in zip(booklet["editions"], rendering):
            log.info(f"Booklet {edition['name']}: {edition['file']} ({size.result() // 1024} KB)")
    except Exception as error:  # name the stage: the build must not pass without it
        raise PluginError(f"booklet: rendering the PDF failed: {error}") from error
    finally:
        _editions.close()


def on_pre_template(template, template_name, config):
    """The theme's own templates (404 page, sitemap) are rendered right after
    the site's assets are copied, before any page: start the workers."""
    if booklet_enabled():
        _editions.start(config)
    return template


def on_build_error(error):
    _editions.close()
