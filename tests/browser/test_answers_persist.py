"""Answers typed, ticked and picked in a real browser are kept on the device:
across reloads, across the theme's instant navigation, and across tabs."""
from __future__ import annotations

from playwright.sync_api import expect

from .browser_helpers import (
    SAVED_MESSAGE,
    STATUS,
    PageProblems,
    clear_by_keyboard,
    click_label,
    follow_link_instantly,
    footer_previous,
    manifest_field,
    open_page,
    reload,
    saved_value,
    sidebar_link,
    site_pages,
    type_into,
)

NOTE = "Ask about the reading group on Tuesday."
NOTES = "communicate-notes"
ASK_LIKES = "communicate-involve-child-ask-likes"
FREQUENCY = "monitor-update-frequency"
WHEN_I_ASK = "monitor-update-frequency--when-i-ask"
WRITE_DOWN = "monitor-strategies-write-down"


def fill_communicate_and_monitor(page, site) -> None:
    open_page(page, site, "steps/communicate/")
    type_into(page, NOTES, NOTE)
    click_label(page, ASK_LIKES)
    open_page(page, site, "steps/monitor/")
    click_label(page, WHEN_I_ASK)


def expect_communicate_answers(page) -> None:
    expect(page.locator(f"#{NOTES}")).to_have_value(NOTE)
    expect(page.locator(f"#{ASK_LIKES}")).to_be_checked()


def expect_monitor_answer(page) -> None:
    expect(page.locator(f"#{WHEN_I_ASK}")).to_be_checked()
    expect(page.locator(f"#{FREQUENCY}--when-school-sends")).not_to_be_checked()
    expect(page.locator(f"#{FREQUENCY}--without-asking")).not_to_be_checked()


def test_answers_are_restored_after_reload(page, site):
    fill_communicate_and_monitor(page, site)
    assert saved_value(page, site, NOTES) == NOTE
    assert saved_value(page, site, ASK_LIKES) is True
    assert saved_value(page, site, FREQUENCY) == "when-i-ask"
    assert [o["id"] for o in manifest_field(site, FREQUENCY)["options"]] == [
        "when-school-sends", "when-i-ask", "without-asking"]

    reload(page)
    expect_monitor_answer(page)

    open_page(page, site, "steps/communicate/")
    reload(page)
    expect_communicate_answers(page)
    expect(page.locator("#communicate-involve-child-watch-free-time")).not_to_be_checked()


def test_answers_are_restored_and_saved_across_instant_navigation(page, site):
    fill_communicate_and_monitor(page, site)
    open_page(page, site, "steps/communicate/")
    expect_communicate_answers(page)

    # To the next step with the sidebar link: the content is swapped in place.
    follow_link_instantly(page, sidebar_link(page, "M: Monitor progress"), site, "steps/monitor/")
    expect_monitor_answer(page)
    # A field on a page reached by instant navigation is bound: its change is saved.
    click_label(page, WRITE_DOWN)
    expect(page.locator(f"#{WRITE_DOWN}")).to_be_checked()
    assert saved_value(page, site, WRITE_DOWN) is True

    # Back with the footer's "Previous" link.
    follow_link_instantly(page, footer_previous(page), site, "steps/communicate/")
    expect_communicate_answers(page)
    type_into(page, NOTES, " Bring the folder.")
    expect(page.locator(f"#{NOTES}")).to_have_value(NOTE + " Bring the folder.")

    reload(page)
    expect(page.locator(f"#{NOTES}")).to_have_value(NOTE + " Bring the folder.")
    expect(page.locator(f"#{ASK_LIKES}")).to_be_checked()
    open_page(page, site, "steps/monitor/")
    expect(page.locator(f"#{WRITE_DOWN}")).to_be_checked()
    expect_monitor_answer(page)


def test_writing_in_other_ticks_only_its_own_other_box(page, site):
    text_id, box_id = "gratitude-self-care-other-text", "gratitude-self-care-other"
    unrelated_boxes = ["gratitude-child-other", "gratitude-educators-other"]
    open_page(page, site, "steps/gratitude/")
    expect(page.locator(f"#{box_id}")).not_to_be_checked()

    type_into(page, text_id, "Walk the dog")
    expect(page.locator(f"#{text_id}")).to_have_value("Walk the dog")
    expect(page.locator(f"#{box_id}")).to_be_checked()
    for other in unrelated_boxes:
        expect(page.locator(f"#{other}")).not_to_be_checked()
    assert saved_value(page, site, box_id) is True
    assert saved_value(page, site, text_id) == "Walk the dog"

    reload(page)
    expect(page.locator(f"#{text_id}")).to_have_value("Walk the dog")
    expect(page.locator(f"#{box_id}")).to_be_checked()
    for other in unrelated_boxes:
        expect(page.locator(f"#{other}")).not_to_be_checked()

    # Clearing the write-in leaves the box ticked (and saved as ticked).
    clear_by_keyboard(page, text_id)
    expect(page.locator(f"#{text_id}")).to_have_value("")
    expect(page.locator(f"#{box_id}")).to_be_checked()
    reload(page)
    expect(page.locator(f"#{text_id}")).to_have_value("")
    expect(page.locator(f"#{box_id}")).to_be_checked()
    assert saved_value(page, site, text_id) is None
    assert saved_value(page, site, box_id) is True


def test_two_tabs_keep_both_answers_and_see_each_others_changes(context, site):
    tab1, tab2 = context.new_page(), context.new_page()
    open_page(tab1, site, "steps/communicate/")
    open_page(tab2, site, "steps/communicate/")

    type_into(tab1, NOTES, "Typed in tab one")
    click_label(tab2, ASK_LIKES)

    # Each tab shows the other's change without a reload (storage event).
    expect(tab2.locator(f"#{NOTES}")).to_have_value("Typed in tab one")
    expect(tab1.locator(f"#{ASK_LIKES}")).to_be_checked()

    type_into(tab1, NOTES, ", and more")
    expect(tab2.locator(f"#{NOTES}")).to_have_value("Typed in tab one, and more")

    for tab in (tab1, tab2):
        reload(tab)
        expect(tab.locator(f"#{NOTES}")).to_have_value("Typed in tab one, and more")
        expect(tab.locator(f"#{ASK_LIKES}")).to_be_checked()
    assert saved_value(tab1, site, NOTES) == "Typed in tab one, and more"
    assert saved_value(tab1, site, ASK_LIKES) is True


HOSTILE_1 = "<img src=x onerror=alert(1)>"
HOSTILE_2 = '"><script>alert(2)</script>'


def test_hostile_text_is_kept_as_plain_text(page, site):
    problems = PageProblems(page)
    note_text = HOSTILE_1 + "\n" + HOSTILE_2
    fill_in_text = HOSTILE_2 + " " + HOSTILE_1
    fill_in = "connect-values-statement"
    assert manifest_field(site, fill_in)["kind"] == "fill_in"
    assert manifest_field(site, NOTES)["kind"] == "notes"

    open_page(page, site, "steps/communicate/")
    type_into(page, NOTES, note_text)
    open_page(page, site, "steps/connect/")
    type_into(page, fill_in, fill_in_text)
    assert saved_value(page, site, fill_in) == fill_in_text
    assert saved_value(page, site, NOTES) == note_text

    reload(page)
    expect(page.locator(f"#{fill_in}")).to_have_value(fill_in_text)
    assert page.locator("img[src='x']").count() == 0
    # Instant navigation back to the note restores it too.
    follow_link_instantly(page, sidebar_link(page, "O: Openly communicate"), site, "steps/communicate/")
    expect(page.locator(f"#{NOTES}")).to_have_value(note_text)
    assert page.locator("img[src='x']").count() == 0
    reload(page)
    expect(page.locator(f"#{NOTES}")).to_have_value(note_text)
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate(
        "[...document.scripts].filter(s => s.textContent.includes('alert(')).length") == 0
    assert problems.dialogs == []
    assert problems.page_errors == []


def test_status_line_on_pages_with_and_without_fields(page, site):
    pages_with_fields = {field["url"] for field in site.manifest["fields"]}
    assert "about/" not in pages_with_fields
    for path in site_pages(site):
        open_page(page, site, path)
        expected = SAVED_MESSAGE if path in pages_with_fields else ""
        expect(page.locator(STATUS), f"status line on /{path}").to_have_text(expected)
        expect(page.locator(STATUS)).to_have_attribute("role", "status")

    # Also when the pages are reached by instant navigation.
    open_page(page, site, "steps/gratitude/")
    follow_link_instantly(page, sidebar_link(page, "About this toolkit"), site, "about/")
    expect(page.locator(STATUS)).to_have_text("")
    follow_link_instantly(page, sidebar_link(page, "A: Advocate"), site, "steps/advocate/")
    expect(page.locator(STATUS)).to_have_text(SAVED_MESSAGE)


def test_no_console_errors_on_any_page(page, site):
    problems = PageProblems(page)
    for path in site_pages(site):
        open_page(page, site, path)
    assert problems.console_errors == []
    assert problems.page_errors == []
    assert problems.dialogs == []
