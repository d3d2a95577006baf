"""When the browser will not keep answers (storage blocked or full), the
fields still work, nothing breaks, and the page says plainly that answers
are not being kept."""
from __future__ import annotations

from playwright.sync_api import expect

from .browser_helpers import (
    NOT_SAVED_WORDS,
    SAVED_MESSAGE,
    STATUS,
    PageProblems,
    click_label,
    follow_link_instantly,
    footer_next,
    footer_previous,
    open_page,
    reload,
    saved_raw,
    saved_value,
    type_into,
)

# Cookies and site data blocked: touching window.localStorage throws.
BLOCK_STORAGE = """
Object.defineProperty(window, 'localStorage', {
  get() { throw new DOMException('blocked', 'SecurityError'); }
});
"""

# Storage full: every write throws. The real setItem is kept to put back later.
FILL_STORAGE = """
window.__hspRealSetItem = Storage.prototype.setItem;
Storage.prototype.setItem = function () {
  throw new DOMException('full', 'QuotaExceededError');
};
"""
UNFILL_STORAGE = "() => { Storage.prototype.setItem = window.__hspRealSetItem; }"

NOTES = "communicate-notes"
ASK_LIKES = "communicate-involve-child-ask-likes"
WHEN_I_ASK = "monitor-update-frequency--when-i-ask"


def expect_not_saved_status(page) -> None:
    expect(page.locator(STATUS)).to_contain_text(NOT_SAVED_WORDS)


# ---- (i) storage blocked --------------------------------------------------------
def test_blocked_storage_fields_still_work_and_status_says_not_saved(context, site):
    context.add_init_script(BLOCK_STORAGE)
    page = context.new_page()
    open_page(page, site, "steps/communicate/")
    expect_not_saved_status(page)

    type_into(page, NOTES, "Typed without storage")
    click_label(page, ASK_LIKES)
    expect(page.locator(f"#{NOTES}")).to_have_value("Typed without storage")
    expect(page.locator(f"#{ASK_LIKES}")).to_be_checked()
    expect_not_saved_status(page)

    # Kept in memory for this visit: instant navigation away and back.
    follow_link_instantly(page, footer_next(page), site, "steps/monitor/")
    expect_not_saved_status(page)
    click_label(page, WHEN_I_ASK)
    expect(page.locator(f"#{WHEN_I_ASK}")).to_be_checked()
    follow_link_instantly(page, footer_previous(page), site, "steps/communicate/")
    expect(page.locator(f"#{NOTES}")).to_have_value("Typed without storage")
    expect(page.locator(f"#{ASK_LIKES}")).to_be_checked()
    expect_not_saved_status(page)


# ---- (ii) storage full --------------------------------------------------------------
def test_full_storage_keeps_earlier_answer_and_recovers(context, site):
    page = context.new_page()
    problems = PageProblems(page)
    open_page(page, site, "steps/communicate/")
    type_into(page, NOTES, "Saved before")
    before = saved_raw(page, site, NOTES)
    assert saved_value(page, site, NOTES) == "Saved before"

    context.add_init_script(FILL_STORAGE)
    reload(page)
    expect(page.locator(f"#{NOTES}")).to_have_value("Saved before")

    type_into(page, NOTES, ", then more")
    click_label(page, ASK_LIKES)
    expect(page.locator(f"#{NOTES}")).to_have_value("Saved before, then more")
    expect(page.locator(f"#{ASK_LIKES}")).to_be_checked()
    expect_not_saved_status(page)
    # The failed writes left the earlier saved answer exactly as it was.
    assert saved_raw(page, site, NOTES) == before
    assert saved_value(page, site, ASK_LIKES) is None

    # Storage works again: the next change is saved and the status says so.
    page.evaluate(UNFILL_STORAGE)
    type_into(page, NOTES, "!")
    expect(page.locator(STATUS)).to_have_text(SAVED_MESSAGE)
    assert saved_value(page, site, NOTES) == "Saved before, then more!"
    assert problems.page_errors == []


def test_full_storage_fields_work_without_page_errors(context, site):
    context.add_init_script(FILL_STORAGE)
    page = context.new_page()
    problems = PageProblems(page)
    open_page(page, site, "steps/monitor/")
    click_label(page, WHEN_I_ASK)
    expect(page.locator(f"#{WHEN_I_ASK}")).to_be_checked()
    expect_not_saved_status(page)
    follow_link_instantly(page, footer_previous(page), site, "steps/communicate/")
    type_into(page, NOTES, "Not kept")
    expect(page.locator(f"#{NOTES}")).to_have_value("Not kept")
    expect_not_saved_status(page)
    assert saved_value(page, site, NOTES) is None
    assert problems.page_errors == []


def test_full_storage_newer_answer_survives_instant_navigation(context, site):
    """The status promises unsaved answers "stay only until you close this
    page", so leaving and coming back by a link must show what was typed last,
    not the older answer still in storage."""
    page = context.new_page()
    open_page(page, site, "steps/communicate/")
    type_into(page, NOTES, "Saved before")

    context.add_init_script(FILL_STORAGE)
    reload(page)
    type_into(page, NOTES, ", then more")
    expect_not_saved_status(page)

    follow_link_instantly(page, footer_next(page), site, "steps/monitor/")
    follow_link_instantly(page, footer_previous(page), site, "steps/communicate/")
    expect(page.locator(f"#{NOTES}")).to_have_value("Saved before, then more")


def test_blocked_storage_raises_no_uncaught_error(context, site):
    context.add_init_script(BLOCK_STORAGE)
    page = context.new_page()
    problems = PageProblems(page)
    open_page(page, site, "steps/communicate/")
    type_into(page, NOTES, "Typed without storage")
    click_label(page, ASK_LIKES)
    follow_link_instantly(page, footer_next(page), site, "steps/monitor/")
    click_label(page, WHEN_I_ASK)
    expect_not_saved_status(page)
    assert problems.page_errors == []
