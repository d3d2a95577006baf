"""A strict build of the real site: every page, every field, no macro leftovers."""
import re

import pytest
from bs4 import BeautifulSoup

PAGES = {
    "index.html": "Home–School Partnership Toolkit",
    "steps/connect/index.html": "Connect with your values",
    "steps/communicate/index.html": "Openly communicate",
    "steps/monitor/index.html": "Monitor progress",
    "steps/problem-solve/index.html": "Problem solve",
    "steps/advocate/index.html": "Advocate",
    "steps/see-it-through/index.html": "See it through",
    "steps/gratitude/index.html": "Show gratitude",
    "closing/index.html": "Closing thoughts",
    "about/index.html": "About this toolkit",
}


def page(site, path):
    return BeautifulSoup((site.dir / path).read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("path, title", PAGES.items())
def test_every_page_is_built_with_its_title(site, path, title):
    soup = page(site, path)
    assert soup.find("h1").get_text(strip=True) == title


def test_no_macro_errors_or_leftover_syntax(site):
    for html in site.dir.rglob("*.html"):
        text = html.read_text("utf-8")
        for bad in ("Macro Syntax Error", "Macro Rendering Error", "Traceback", "{{", "{%"):
            assert bad not in text, f"{bad!r} in {html.relative_to(site.dir)}"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_links_to_both_booklets(site, path):
    soup = page(site, path)
    hrefs = {a["href"].rsplit("/", 1)[-1] for a in soup.select(".hsp-booklet-links a")}
    assert hrefs == {"booklet-letter.pdf", "booklet-a4.pdf"}


def test_start_page_links_every_step(site):
    hrefs = {a["href"] for a in page(site, "index.html").select("article a[href]")}
    for step in ("connect", "communicate", "monitor", "problem-solve", "advocate",
                 "see-it-through", "gratitude"):
        assert f"steps/{step}/" in hrefs


def test_every_field_in_the_manifest_is_on_its_page_once(site):
    by_page = {}
    for field in site.manifest["fields"]:
        by_page.setdefault(field["url"], []).append(field)
    for url, fields in by_page.items():
        soup = page(site, url + "index.html")
        names = [e["name"] for e in soup.select("[data-hsp-field]")]
        expected = [f["id"] for f in fields]
        # radios: one name per option
        assert sorted(set(names)) == sorted(expected), url
        ids = [e["id"] for e in soup.find_all(id=True)]
        assert len(ids) == len(set(ids)), f"duplicate ids on {url}"


def test_every_input_has_a_label(site):
    for path in PAGES:
        soup = page(site, path)
        for element in soup.select("[data-hsp-field]"):
            label = soup.find("label", attrs={"for": element["id"]})
            assert label and label.get_text(strip=True), f"{element['id']} on {path}"


def test_manifest_is_in_toolkit_order(site):
    steps = [s["id"] for s in site.manifest["steps"]]
    fields = site.manifest["fields"]
    assert [f["order"] for f in fields] == list(range(len(fields)))
    positions = [steps.index(f["step"]) for f in fields]
    assert positions == sorted(positions)
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", f["id"]) for f in fields)


@pytest.mark.parametrize("path", PAGES)
def test_search_dialog_has_a_name(site, path):
    dialog = page(site, path).find("div", class_="md-search")
    assert dialog["role"] == "dialog" and dialog["aria-label"] == "Search"


@pytest.mark.parametrize("path", PAGES)
def test_status_line_is_in_the_page_from_the_start(site, path):
    """No layout shift when the script starts: the usual message is already there."""
    status = page(site, path).find(attrs={"data-hsp-status": True}).get_text(strip=True)
    has_fields = bool(page(site, path).select("[data-hsp-field]"))
    assert status == ("Your answers are saved on this device as you type. They are not sent "
                      "anywhere." if has_fields else "")


def test_our_script_and_styles_are_published_minified_under_content_hashes(site):
    """hooks/minify_assets.py: the theme links the hashed names, the files
    behind them are the minified text, and the commented sources are not
    published."""
    from hooks.minify_assets import minified_name
    assets = site.dir / "assets"
    assert not (assets / "toolkit.js").exists() and not (assets / "toolkit.css").exists()
    soup = page(site, "steps/connect/index.html")
    links = [l["href"] for l in soup.select("link[rel=stylesheet]") if "toolkit" in l["href"]]
    scripts = [s["src"] for s in soup.select("script[src]") if "toolkit" in s["src"]]
    assert len(links) == 1 and len(scripts) == 1
    for href, source in ((links[0], "toolkit.css"), (scripts[0], "toolkit.js")):
        published = (site.dir / "steps" / "connect" / href).resolve()
        text = published.read_text("utf-8")
        assert published.name == minified_name(f"assets/{source}", text).rsplit("/", 1)[-1]
        assert "/*" not in text, f"{source}: comments left in"
