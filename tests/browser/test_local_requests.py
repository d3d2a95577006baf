"""Nothing leaves the site: every page only asks its own server for anything."""
from __future__ import annotations

from .browser_helpers import open_page, site_pages


def test_every_page_requests_only_its_own_server(context, site):
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for path in site_pages(site):
        open_page(page, site, path)
    assert site.url.startswith("http://127.0.0.1:")
    assert requests, "no requests recorded"
    assert site.url + "steps/gratitude/" in requests
    foreign = [url for url in requests
               if not url.startswith((site.url, "data:", "blob:"))]
    assert foreign == []


# ---- Using the site, not only opening it (case 17) ---------------------------------------
def foreign_requests(requests: list[str], site) -> list[str]:
    return [url for url in requests if not url.startswith((site.url, "data:", "blob:"))]


def use_everything(page, site, tmp_path) -> None:
    """Search, instant navigation, both colour schemes, answers, save to a file,
    load it back, the booklet link: everything a reader can do."""
    import re

    from playwright.sync_api import expect

    from .browser_helpers import click_label, follow_link_instantly, sidebar_link, type_into

    open_page(page, site, "")
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("gratitude")
    expect(page.locator(".md-search-result__item a").first).to_be_visible()
    page.locator(".md-search-result__item a").first.click()
    expect(page).to_have_url(re.compile(r"/steps/gratitude/"))
    click_label(page, "gratitude-child-effort")
    follow_link_instantly(page, sidebar_link(page, "C: Connect with your values"),
                          site, "steps/connect/")
    type_into(page, "connect-values-statement", "a calmer school day")
    page.click("label[for='__palette_1']")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.click("label[for='__palette_0']")
    follow_link_instantly(page, sidebar_link(page, "My notes"), site, "my-notes/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Save my answers to a file").click()
    saved = tmp_path / "answers.json"
    download.value.save_as(saved)
    page.once("dialog", lambda dialog: dialog.accept())
    page.set_input_files("[data-hsp-import]", str(saved))
    expect(page.locator("[data-hsp-message]")).to_contain_text("Loaded")
    with page.expect_download() as booklet:
        page.get_by_role("link", name="US Letter paper").click()
    assert booklet.value.suggested_filename == "booklet-letter.pdf"


def test_using_the_site_requests_only_its_own_server(context, site, tmp_path):
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    use_everything(page, site, tmp_path)
    assert site.url + "search/search_index.json" in requests
    assert any(url.endswith(".woff2") for url in requests)
    assert foreign_requests(requests, site) == []


# What the site keeps in the browser, by kind, and the words of the About page
# that name each kind (docs/about.md, "What your browser keeps for this site").
STORED_KINDS = {
    "hsp:v1:": "Your answers.",
    "hsp:meta:last-export": "The date you last saved your answers to a file",
    ".__palette": "Light or dark colours",
}


def test_about_page_names_everything_the_site_keeps(context, site, tmp_path):
    """After using everything, the browser holds only what the About page
    lists, only in local storage (no cookies, session storage, databases,
    caches or service workers), and the page says how to delete it."""
    from urllib.parse import urlparse

    page = context.new_page()
    use_everything(page, site, tmp_path)
    kept = page.evaluate("""async () => ({
        local: Object.keys(localStorage), session: Object.keys(sessionStorage),
        databases: (await indexedDB.databases()).map(d => d.name),
        caches: await caches.keys(),
        workers: (await navigator.serviceWorker.getRegistrations()).length})""")
    assert context.cookies() == []
    assert kept["session"] == [] and kept["databases"] == [] and kept["caches"] == []
    assert kept["workers"] == 0
    scope = urlparse(site.url).path
    unknown = [key for key in kept["local"]
               if not any(key.startswith(scope + kind) for kind in STORED_KINDS)]
    assert unknown == [], "the About page must say what these are and how to delete them"
    assert {kind for kind in STORED_KINDS
            if any(key.startswith(scope + kind) for key in kept["local"])} == set(STORED_KINDS)

    about = (site.dir / "about" / "index.html").read_text("utf-8")
    for words in [*STORED_KINDS.values(), "local storage", "never sent",
                  "no cookies", "Delete all my answers", "cookies and site data",
                  "Downloads", "How to delete what is kept"]:
        assert words in about, words
