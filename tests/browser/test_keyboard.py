"""Keyboard alone: every field of every step can be reached with Tab, used
with Space, the arrow keys and typing, shows a focus ring that stands out,
is not hidden under the header, and the answers are saved.

The focus ring is measured on screenshots: the pixels that change when the
field gets keyboard focus must change by at least 3:1 (contrast) and cover
at least the area of a 2 CSS px line around the field (WCAG 2.4.7, and the
area and contrast of 2.4.13). Radio buttons follow the browser's own model
(case 24): Tab enters the group once, the arrow keys choose, Tab leaves.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from macros.registry import STEP_IDS

from .browser_helpers import (
    PageProblems,
    open_page,
    reload,
    saved_value,
)
from .test_accessibility import DARK_TOGGLE, changed_pixels, crop

STEP_PAGES = [f"steps/{step}/" for step in STEP_IDS]
MAX_TABS = 80  # from the top of a page to its first field: header, menu, contents

ACTIVE = """() => { const el = document.activeElement;
  return el ? {id: el.id, type: el.type || '', tag: el.tagName.toLowerCase(),
                name: el.name || '', checked: !!el.checked} : null; }"""

# Focus not hidden (WCAG 2.4.11): the middle of the focused field is the field
# itself, not the sticky header or anything else laid over it, once the
# theme's fades have finished (the search box dims the page while open).
NOT_OBSCURED = """async () => {
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const el = document.activeElement, r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 12));
  return hit === el || el.contains(hit) || [...(el.labels || [])].includes(hit) ||
         'under ' + (hit ? hit.tagName.toLowerCase() + '.' + hit.className : 'nothing');
}"""


def fields_in_order(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('[data-hsp-field]')].map(el => ({
        id: el.id, name: el.name, type: el.type, value: el.value,
        box: (r => r.width * r.height > 0)(el.getBoundingClientRect())}))""")


def tab_to_next_field(page, fields_left: set[str]) -> dict:
    """Press Tab until a field has focus (links on the way are fine)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active and active["id"] in fields_left:
            return active
    raise AssertionError(f"no field reached with {MAX_TABS} presses of Tab")


def ring_is_visible(before, after, size) -> bool:
    """Changed by 3:1 or more over at least a 2 px line around the field."""
    width, height = size
    return changed_pixels(before, after) >= 2 * 2 * (width + height)


@pytest.mark.parametrize("path", STEP_PAGES)
def test_every_field_of_a_step_by_keyboard_alone(page, site, path):
    problems = PageProblems(page)
    open_page(page, site, path)
    fields = fields_in_order(page)
    assert fields, f"no fields on {path}"
    assert all(f["box"] for f in fields), "a field is hidden (write-ins must show from the start)"

    # Each field as it looks without focus, to compare with its focus ring.
    unfocused = {f["id"]: crop(page, f"#{f['id']}")[0] for f in fields}
    page.evaluate("window.scrollTo(0, 0); document.activeElement.blur()")

    expected: dict[str, object] = {}
    left = [f["id"] for f in fields]
    radio_groups_done = set()
    no_ring, hidden = [], []
    while left:
        active = tab_to_next_field(page, set(left))
        field = next(f for f in fields if f["id"] == active["id"])
        if field["type"] == "radio":
            # Tab enters the group once, at its first radio (none is chosen yet).
            group = [f for f in fields if f["name"] == field["name"]]
            assert field["name"] not in radio_groups_done, "Tab entered a radio group twice"
            assert active["id"] == group[0]["id"], "Tab skipped into the middle of a group"
        else:
            assert active["id"] == left[0], f"focus went to #{active['id']}, not #{left[0]}"

        # Where the browser scrolled it to (before crop() scrolls it to the middle).
        seen = page.evaluate(NOT_OBSCURED)
        if seen is not True:
            hidden.append(f"#{active['id']} ({seen})")
        box = page.evaluate("() => { const r = document.activeElement.getBoundingClientRect(); "
                            "return [r.width, r.height]; }")
        if not ring_is_visible(unfocused[active["id"]], crop(page, f"#{active['id']}")[0], box):
            no_ring.append(active["id"])

        if field["type"] == "checkbox":
            page.keyboard.press("Space")
            assert page.evaluate(ACTIVE)["checked"], f"Space did not tick #{field['id']}"
            expected[field["id"]] = True
            left.remove(field["id"])
        elif field["type"] == "radio":
            # Down arrow moves to the next option and chooses it, then Up comes back
            # one and chooses that: exactly one chosen, the keyboard way.
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowUp")
            chosen = page.evaluate(f"""() => [...document.querySelectorAll(
                'input[name="{field["name"]}"]:checked')].map(el => el.value)""")
            assert chosen == [group[1]["value"]], f"arrow keys chose {chosen} in {field['name']}"
            assert page.evaluate(ACTIVE)["id"] == group[1]["id"]
            expected[field["name"]] = group[1]["value"]
            radio_groups_done.add(field["name"])
            for f in group:
                left.remove(f["id"])
        elif field["type"] == "textarea":
            page.keyboard.type("First line typed")
            page.keyboard.press("Enter")
            page.keyboard.type("second line")
            expected[field["id"]] = "First line typed\nsecond line"
            left.remove(field["id"])
        else:
            page.keyboard.type(f"Typed into {field['id']}")
            expected[field["id"]] = f"Typed into {field['id']}"
            left.remove(field["id"])

    assert no_ring == [], f"no visible focus ring on {no_ring}"
    assert hidden == [], f"focused but hidden under something else: {hidden}"

    for field_id, value in expected.items():
        assert saved_value(page, site, field_id) == value, field_id
    reload(page)
    for field_id, value in expected.items():
        if value is True:
            expect(page.locator(f"#{field_id}")).to_be_checked()
        elif any(f["name"] == field_id and f["type"] == "radio" for f in fields):
            expect(page.locator(f"input[name='{field_id}'][value='{value}']")).to_be_checked()
        else:
            expect(page.locator(f"#{field_id}")).to_have_value(value)
    assert problems.page_errors == []
    assert problems.console_errors == []


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  // The colour-scheme switch is a hidden radio; its icon (the label after it) shows focus.
  const shown = el.classList.contains('md-option') ? el.nextElementSibling : el;
  const s = getComputedStyle(shown);
  return {what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' +
                (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40),
          body: el === document.body,
          ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 &&
                s.outlineColor !== 'rgba(0, 0, 0, 0)'};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_everything_reached_by_tab_shows_a_focus_ring(browser, site, scheme):
    """Links, buttons and the theme's controls too, on every page: a solid
    ring at least 2 px wide (the fields are measured on pixels above)."""
    context = browser.new_context()
    page = context.new_page()
    missing = {}
    try:
        open_page(page, site, "")
        if scheme == "dark":
            page.click(DARK_TOGGLE)
        for path in [""] + STEP_PAGES + ["closing/", "my-notes/", "about/"]:
            open_page(page, site, path)
            page.evaluate("document.activeElement.blur()")
            seen = []
            for _ in range(150):
                page.keyboard.press("Tab")
                state = page.evaluate(FOCUS_STYLE)
                if state["body"]:
                    break
                if not state["ring"]:
                    seen.append(state["what"])
            if seen:
                missing[path or "/"] = seen
    finally:
        context.close()
    assert missing == {}


def test_skip_link_and_colour_switch_work_by_keyboard(page, site):
    open_page(page, site, "steps/gratitude/")
    page.keyboard.press("Tab")
    expect(page.locator(".md-skip")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(site.url + "steps/gratitude/#show-gratitude")
    # The theme's instant navigation updates the address first and follows
    # the link a moment later; only then does Tab start from the heading.
    expect(page.locator(":target")).to_have_id("show-gratitude")
    # The first field comes soon after the skip: no trip through the menu.
    visited = []
    for presses in range(1, 6):
        page.keyboard.press("Tab")
        visited.append(page.evaluate(ACTIVE))
        if visited[-1]["id"] == "gratitude-self-care-mindful":
            break
    else:
        raise AssertionError(f"the skip link does not lead to the content; Tab went to {visited}")

    open_page(page, site, "")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)["id"] == "__palette_0"
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    reload(page)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_my_notes_buttons_by_keyboard(page, site):
    """Save to a file with the keyboard: focus the button, press Enter."""
    open_page(page, site, "steps/connect/")
    page.focus("#connect-values-statement")
    page.keyboard.type("a calmer school day")
    open_page(page, site, "my-notes/")
    save = page.get_by_role("button", name="Save my answers to a file")
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if save.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached 'Save my answers to a file'")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.startswith("my-toolkit-answers-")
    # The file input is reached by Tab too (it is visually hidden, its label shows focus).
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('[data-hsp-import]')")
    assert page.evaluate("getComputedStyle(document.activeElement.closest('label')).outlineStyle") \
        != "none"


# The focused element (for the colour-scheme switch: its icon) is on the screen
# and on top: not off to the side in a closed menu, not under the header, not
# in a hidden box. Measured once the theme's slides and fades have finished.
IN_SIGHT = """async () => {
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const el = document.activeElement;
  if (el === document.body) return null;
  const shown = el.classList.contains('md-option') ? el.nextElementSibling : el;
  const r = shown.getClientRects()[0] || shown.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + Math.min(r.height / 2, 12);
  const onScreen = r.width > 0 && r.height > 0 && x >= 0 && x <= innerWidth && y >= 0 && y <= innerHeight;
  const hit = onScreen && document.elementFromPoint(x, y);
  const ok = !!hit && (hit === shown || shown.contains(hit) || hit.contains(shown) ||
                       [...(el.labels || [])].some(l => l === hit || l.contains(hit)));
  return {ok, what: el.tagName.toLowerCase() + ' ' +
          (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)};
}"""


@pytest.mark.parametrize("width", [320, 1280])
def test_focus_is_never_out_of_sight(browser, site, width):
    """Tab through whole pages, then Shift+Tab back: at 320 px the theme's menu
    drawer and its panes slide in for the link in focus (WCAG 2.4.7, 2.4.11)."""
    context = browser.new_context(viewport={"width": width, "height": 640})
    page = context.new_page()
    unseen = {}
    try:
        for path in ["", "steps/communicate/", "my-notes/"]:
            open_page(page, site, path)
            for key in ("Tab", "Shift+Tab"):
                for _ in range(150):
                    page.keyboard.press(key)
                    state = page.evaluate(IN_SIGHT)
                    if state is None:
                        break
                    if not state["ok"]:
                        unseen.setdefault(f"{path or '/'} {key}", []).append(state["what"])
    finally:
        context.close()
    assert unseen == {}
