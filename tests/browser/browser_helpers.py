"""Small helpers shared by the browser tests (real clicks, keystrokes, reloads)."""
from __future__ import annotations

import json
from urllib.parse import urlparse
from xml.etree import ElementTree

from playwright.sync_api import Locator, Page, expect

# The pages the toolkit has always had, relative to site.url. The tests visit
# every page in the built sitemap (see site_pages), which must include these.
PAGES = (
    "",
    "steps/connect/",
    "steps/communicate/",
    "steps/monitor/",
    "steps/problem-solve/",
    "steps/advocate/",
    "steps/see-it-through/",
    "steps/gratitude/",
    "closing/",
    "about/",
)

SAVED_MESSAGE = "Your answers are saved on this device as you type. They are not sent anywhere."
NOT_SAVED_WORDS = "can't be saved"

STATUS = "[data-hsp-status]"
FIELD = "[data-hsp-field]"


def site_pages(site) -> list[str]:
    """Every page of the built site, from its sitemap.xml, relative to site.url."""
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text.strip() for loc in
                 ElementTree.parse(site.dir / "sitemap.xml").findall(".//s:loc", namespace)]
    outside = [url for url in locations if not url.startswith(site.url)]
    assert outside == [], f"sitemap.xml lists pages outside {site.url}"
    pages = [url[len(site.url):] for url in locations]
    missing = [path for path in PAGES if path not in pages]
    assert missing == [], f"pages missing from sitemap.xml: {missing}"
    return pages


# ---- Loading pages ----------------------------------------------------------
def wait_until_answers_restored(page: Page) -> None:
    """toolkit.js marks <html> with the page's path once it has restored its fields."""
    expect(page.locator("html")).to_have_attribute("data-hsp-restored", urlparse(page.url).path)


def open_page(page: Page, site, path: str) -> None:
    """A full page load. Waits for the network to settle, so the theme has
    fetched sitemap.xml and its instant navigation is armed."""
    page.goto(site.url + path)
    page.wait_for_load_state("networkidle")
    wait_until_answers_restored(page)


def reload(page: Page) -> None:
    page.reload()
    page.wait_for_load_state("networkidle")
    wait_until_answers_restored(page)


def follow_link_instantly(page: Page, link: Locator, site, path: str) -> None:
    """Click one of the site's own links and check the theme swapped the
    content in place: a marker set on window before the click survives only
    if there was no full page load."""
    page.evaluate("window.__hspMarker = 1")
    page.evaluate("document.querySelector('[data-hsp-status]').dataset.hspOld = '1'")
    link.click()
    expect(page).to_have_url(site.url + path)
    # The old content is gone and the new page's content is in.
    expect(page.locator(f"{STATUS}:not([data-hsp-old])")).to_have_count(1)
    assert page.evaluate("window.__hspMarker") == 1, (
        f"clicking the link to {path} reloaded the page instead of instant navigation"
    )
    wait_until_answers_restored(page)


def sidebar_link(page: Page, title: str) -> Locator:
    return page.locator(".md-sidebar--primary").get_by_role("link", name=title, exact=True)


def footer_next(page: Page) -> Locator:
    return page.locator("a.md-footer__link--next")


def footer_previous(page: Page) -> Locator:
    return page.locator("a.md-footer__link--prev")


# ---- Real input -------------------------------------------------------------
def type_into(page: Page, field_id: str, text: str) -> None:
    """Click into a text field and type at its end, key by key."""
    page.click(f"#{field_id}")
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def clear_by_keyboard(page: Page, field_id: str) -> None:
    page.click(f"#{field_id}")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")


def click_label(page: Page, input_id: str) -> None:
    """Tick a checkbox or pick a radio the way people do: by its label."""
    page.click(f"label[for='{input_id}']")


# ---- What is saved ----------------------------------------------------------
def storage_key(site, field_id: str) -> str:
    return urlparse(site.url).path + "hsp:v1:" + field_id


def saved_raw(page: Page, site, field_id: str) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", storage_key(site, field_id))


def saved_value(page: Page, site, field_id: str):
    """The saved answer ("v"), or None when nothing is saved for the field."""
    raw = saved_raw(page, site, field_id)
    return None if raw is None else json.loads(raw)["v"]


def manifest_field(site, field_id: str) -> dict:
    """The field's entry in fields.json (fails clearly if the content changed)."""
    for field in site.manifest["fields"]:
        if field["id"] == field_id:
            return field
    raise AssertionError(f"no field {field_id!r} in site/assets/fields.json")


# ---- Problems a page reports ----------------------------------------------------
class PageProblems:
    """Console errors, uncaught errors and dialogs (alert/confirm) of one page."""

    def __init__(self, page: Page):
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.url = lambda: page.url
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(
            f"{page.url}: {error.name}: {error.message}"))
        page.on("dialog", self._on_dialog)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{self.url()}: {message.text}")

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()
