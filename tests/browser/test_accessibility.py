"""WCAG 2.2 AA on every page, in the light and the dark colour scheme.

- axe-core (pinned in tests/browser/axe/package.json, installed by `make test`
  with `npm ci`) finds no violation of the WCAG 2.0/2.1/2.2 A and AA rules on
  any page, nor with the pages in use (answers ticked and typed, search open,
  "My notes" listing answers, storage blocked). axe is injected with
  page.evaluate, which the site's Content-Security-Policy does not block.
- What axe does not measure: field borders, boxes to tick and the focus ring
  against the page (non-text contrast, 3:1), measured here on screenshots.
- No horizontal scrolling at 320 px wide, nor at 1280 px with 200 % zoom.
- Boxes, buttons and links to tap are at least 24 x 24 CSS px.
- Every field's accessible name contains its visible label.
- The text is set in Atkinson Hyperlegible, served from the site.
Keyboard use and the focus ring of every field: test_keyboard.py.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from .browser_helpers import (
    click_label,
    open_page,
    site_pages,
    storage_key,
    type_into,
)

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Tagged "experimental" in axe, so not run by tag alone: WCAG 2.5.3 Label in Name.
EXTRA_RULES = ["label-content-name-mismatch"]

SCHEMES = ("light", "dark-toggle", "dark-preference")
DARK_TOGGLE = "label[for='__palette_1']"  # "Switch to dark mode" in the header


# ---- axe ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make test`, or "
                    "`cd tests/browser/axe && npm ci`", pytrace=False)
    return AXE.read_text("utf-8")


def run_axe(page, axe_source: str) -> list[dict]:
    """axe's violations on the page as it is now, each with its first nodes."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    # Colours measured mid-transition (a button fading to its focus colour) are neither.
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
    return page.evaluate(
        """async ([tags, extra]) => {
             const rules = Object.fromEntries(extra.map(id => [id, {enabled: true}]));
             const result = await axe.run(document, {
               runOnly: {type: 'tag', values: tags}, rules, resultTypes: ['violations']});
             return result.violations.map(v => ({
               rule: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
               nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' +
                                                   n.failureSummary.replace(/\\s+/g, ' '))}));
           }""",
        [WCAG_TAGS, EXTRA_RULES],
    )


def every_page(site) -> list[str]:
    pages = site_pages(site)
    assert "my-notes/" in pages
    return pages + ["404.html"]


@pytest.fixture(params=SCHEMES)
def scheme_page(request, browser, site):
    """A page in one colour scheme: light (the default), dark chosen with the
    header's switch (kept for the next pages), or dark because the device
    prefers it (no choice saved)."""
    scheme = request.param
    context = browser.new_context(color_scheme="dark" if scheme == "dark-preference" else "light")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.hsp_scheme = scheme
    open_page(page, site, "")
    if scheme == "dark-toggle":
        page.click(DARK_TOGGLE)
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", "default" if scheme == "light" else "slate")
    yield page
    context.close()


def open_in_scheme(page, site, path: str) -> None:
    open_page(page, site, path)
    expected = "default" if page.hsp_scheme == "light" else "slate"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)


def report(found: dict[str, list[dict]]) -> str:
    return json.dumps(found, indent=1, ensure_ascii=False)


def test_axe_finds_no_violation_on_any_page(scheme_page, site, axe_source):
    page, found = scheme_page, {}
    for path in every_page(site):
        open_in_scheme(page, site, path)
        violations = run_axe(page, axe_source)
        if violations:
            found[path or "/"] = violations
    assert found == {}, report(found)


def test_axe_finds_no_violation_with_the_pages_in_use(scheme_page, site, axe_source):
    """Answers ticked, chosen and typed; search open with results; "My notes"
    with answers and a message with an Undo button; a page where the browser
    blocks storage. (An answer to a removed question: the next test.)"""
    page, found = scheme_page, {}

    def check(name: str) -> None:
        violations = run_axe(page, axe_source)
        if violations:
            found[name] = violations

    open_in_scheme(page, site, "steps/monitor/")
    click_label(page, "monitor-update-frequency--when-i-ask")
    click_label(page, "monitor-strategies-write-down")
    check("steps/monitor/ answered")
    open_in_scheme(page, site, "steps/gratitude/")
    click_label(page, "gratitude-child-effort")
    type_into(page, "gratitude-child-other-text", "Packing her bag herself")
    check("steps/gratitude/ answered")
    open_in_scheme(page, site, "steps/communicate/")
    type_into(page, "communicate-notes", "Ask about the reading group.")
    check("steps/communicate/ answered")

    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("gratitude")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    check("search results")
    page.keyboard.press("Escape")

    open_in_scheme(page, site, "my-notes/")
    expect(page.locator("[data-hsp-answers] h2").first).to_be_visible()
    check("my-notes/ with answers")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete all my answers").click()
    expect(page.get_by_role("button", name="Undo")).to_be_visible()
    check("my-notes/ after deleting, with Undo")

    page.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('blocked', 'SecurityError'); } });""")
    page.goto(site.url + "steps/gratitude/")
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-hsp-rescue]")).to_be_visible()
    check("steps/gratitude/ with storage blocked")
    assert found == {}, report(found)


def test_axe_finds_no_violation_with_an_answer_to_a_removed_question(page, site, axe_source):
    """Its "Delete this answer" button is named with its visible text (WCAG 2.5.3)."""
    open_page(page, site, "")
    page.evaluate("key => localStorage.setItem(key, JSON.stringify({v: 'kept', t: ''}))",
                  storage_key(site, "old-question-removed"))
    open_page(page, site, "my-notes/")
    expect(page.locator(".hsp-orphans button")).to_be_visible()
    assert run_axe(page, axe_source) == []


# ---- Non-text contrast: what axe does not measure -----------------------------------
def luminance(rgb) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def crop(page, selector: str, margin: int = 8) -> tuple[Image.Image, tuple[int, int, int]]:
    """A screenshot of the element with `margin` CSS px around it, and the page
    background next to it (top-left corner of the crop)."""
    box = page.evaluate(
        """([selector, margin]) => {
             const el = document.querySelector(selector);
             el.scrollIntoView({block: 'center'});
             const r = el.getBoundingClientRect();
             return {x: r.left + scrollX - margin, y: r.top + scrollY - margin,
                     width: r.width + 2 * margin, height: r.height + 2 * margin};
           }""", [selector, margin])
    png = page.screenshot(clip=box, full_page=True, animations="disabled", caret="hide")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image, image.getpixel((1, 1))


def strongest_edge(image: Image.Image, background) -> float:
    """The highest contrast of any pixel against the background."""
    return max(contrast(pixel, background) for pixel in set(image.get_flattened_data()))


def changed_pixels(before: Image.Image, after: Image.Image, ratio: float = 3.0) -> int:
    """How many pixels changed colour by at least `ratio` (contrast)."""
    return sum(1 for a, b in zip(before.get_flattened_data(), after.get_flattened_data()) if contrast(a, b) >= ratio)


CONTROLS = {
    "text field": "#connect-values-statement",
    "note box": "#communicate-notes",
    "checkbox": "#gratitude-child-time",
    "radio button": "#monitor-update-frequency--when-i-ask",
}
CONTROL_PAGES = {
    "#connect-values-statement": "steps/connect/",
    "#communicate-notes": "steps/communicate/",
    "#gratitude-child-time": "steps/gratitude/",
    "#monitor-update-frequency--when-i-ask": "steps/monitor/",
}


def test_field_borders_boxes_and_checked_marks_stand_out(scheme_page, site):
    """WCAG 1.4.11: each control's outline, and its ticked or chosen state,
    at least 3:1 against the page, in both schemes (case 18)."""
    page, weak = scheme_page, {}
    for name, selector in CONTROLS.items():
        open_in_scheme(page, site, CONTROL_PAGES[selector])
        page.evaluate("s => document.querySelector(s).blur()", selector)
        image, background = crop(page, selector, margin=4)
        if strongest_edge(image, background) < 3:
            weak[name] = round(strongest_edge(image, background), 2)
        if name in ("checkbox", "radio button"):
            page.click(selector)
            page.evaluate("s => document.querySelector(s).blur()", selector)
            checked, _ = crop(page, selector, margin=4)
            if strongest_edge(checked, background) < 3:
                weak[name + " (ticked)"] = round(strongest_edge(checked, background), 2)
            # The tick or dot is plain to see: many pixels change by 3:1 or more.
            side = min(image.size)
            assert changed_pixels(image, checked) >= side, f"{name}: ticked looks like unticked"
    assert weak == {}, f"controls under 3:1 against the page ({page.hsp_scheme}): {weak}"


# ---- Reflow ------------------------------------------------------------------------
LONG_WORD = "https://example.org/" + "a-very-long-address-without-any-spaces-" * 4


@pytest.mark.parametrize("width, zoom", [(320, 1), (640, 2)],
                         ids=["320px", "1280px-at-200%"])
def test_no_horizontal_scrolling(browser, site, width, zoom):
    """WCAG 1.4.10: at 320 CSS px, and at 1280 px zoomed to 200 % (640 CSS px
    on a screen with 2 device pixels per CSS px), nothing scrolls sideways,
    on any page, nor on "My notes" listing a long answer without spaces."""
    context = browser.new_context(viewport={"width": width, "height": 720 // zoom},
                                  device_scale_factor=zoom)
    page = context.new_page()
    too_wide = {}

    def measure(name: str) -> None:
        sizes = page.evaluate("""() => ({
            scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
            wide: [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 &&
                           e.getClientRects().length)
              .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className)})""")
        if sizes["scroll"] > sizes["inner"]:
            too_wide[name] = sizes

    try:
        for path in every_page(site):
            open_page(page, site, path)
            measure(path or "/")
        open_page(page, site, "steps/communicate/")
        type_into(page, "communicate-notes", LONG_WORD)
        measure("steps/communicate/ with a long word")
        open_page(page, site, "my-notes/")
        expect(page.locator(".hsp-answer").first).to_be_visible()
        measure("my-notes/ with a long word")
    finally:
        context.close()
    assert too_wide == {}, report(too_wide)


# ---- Target size ---------------------------------------------------------------------
TARGETS = ("input[type=checkbox], input[type=radio], button, .md-button, "
           "label:has(> input[type=file]), .md-content a")


@pytest.mark.parametrize("width", [1280, 320])
def test_targets_are_at_least_24_px(browser, site, width):
    """WCAG 2.5.8: boxes, buttons and links in the content are at least 24 x 24
    CSS px; links inside a sentence are exempt (their size is the text's)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    small = {}
    try:
        for path in every_page(site):
            open_page(page, site, path)
            found = page.evaluate(
                """selector => [...document.querySelector('.md-content').querySelectorAll(selector)]
                  .filter(el => el.getClientRects().length && !el.closest('[hidden]'))
                  .filter(el => {
                    if (el.tagName !== 'A' || el.classList.contains('md-button')) return true;
                    // Inline in a sentence: text of its own block around it.
                    const block = el.closest('p, li, td, dd');
                    return !(block && block.textContent.trim() !== el.textContent.trim());
                  })
                  .map(el => {const r = el.getBoundingClientRect();
                              return [el.id || el.textContent.trim().slice(0, 40),
                                      Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10]})
                  .filter(([, w, h]) => w < 24 || h < 24)""",
                TARGETS)
            if found:
                small[path or "/"] = found
    finally:
        context.close()
    assert small == {}, report(small)


# ---- Label in name -------------------------------------------------------------------
ROLES = {"checkbox": "checkbox", "radio": "radio", "text": "textbox", "textarea": "textbox"}


def test_every_field_is_named_by_its_visible_label(page, site):
    """WCAG 2.5.3: the accessible name of every field contains the words of
    its visible label (Playwright computes the name as browsers do)."""
    wrong = []
    fields = site.manifest["fields"]
    for url in sorted({f["url"] for f in fields}):
        open_page(page, site, url)
        for field in page.evaluate(
                """() => [...document.querySelectorAll('[data-hsp-field]')].map(el => ({
                     id: el.id, type: el.type,
                     label: [...el.labels].map(l => l.innerText).join(' ').trim()}))"""):
            assert field["label"], f"{url}: #{field['id']} has no visible label"
            named = page.get_by_role(ROLES[field["type"]], name=field["label"])
            ids = named.evaluate_all("els => els.map(el => el.id)")
            if field["id"] not in ids:
                wrong.append(f"{url}#{field['id']}: visible label {field['label']!r}")
    assert len(fields) > 50
    assert wrong == []


def test_buttons_of_my_notes_are_named_by_their_text(page, site):
    open_page(page, site, "steps/connect/")
    type_into(page, "connect-values-statement", "a calmer school day")
    open_page(page, site, "my-notes/")
    for text in ("Save my answers to a file", "Print my answers", "Delete all my answers"):
        expect(page.get_by_role("button", name=text)).to_have_count(1)
    # The file input is named by the button-like label around it.
    expect(page.get_by_label("Load answers from a file")).to_have_count(1)


# ---- The typeface ----------------------------------------------------------------------
def test_text_and_fields_use_atkinson_hyperlegible_from_the_site(page, site):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_page(page, site, "steps/gratitude/")
    page.evaluate("document.fonts.ready.then(() => true)")
    for selector in ("article p", ".hsp-legend", ".hsp-option-label", "#gratitude-child-other-text"):
        family = page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).fontFamily")
        assert family.startswith('"Atkinson Hyperlegible"'), (selector, family)
    # The small subset files serve the text; the fuller ones stay unloaded, so
    # document.fonts.check() (which wants every matching face) would say false.
    assert page.evaluate("""[...document.fonts].some(f =>
        f.family.includes('Atkinson Hyperlegible') && f.status === 'loaded')""")
    fonts = [url for url in requests if url.endswith(".woff2")]
    assert fonts and all(url.startswith(site.url + "assets/fonts/atkinson-hyperlegible")
                         for url in fonts)
