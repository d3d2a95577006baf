"""Issue 3: "My notes", saving to and loading from a file, clearing, undo,
orphaned answers, the backup reminder, closing the tab right after typing."""
from __future__ import annotations

import datetime
import json

import pytest
from playwright.sync_api import expect

from .browser_helpers import click_label, open_page, reload, storage_key, type_into

NOTES = "my-notes/"
LIST = "[data-hsp-answers]"
MESSAGE = "[data-hsp-message]"
BACKUP = "[data-hsp-backup]"


def fill_some_answers(page, site):
    """Answers on four steps, entered as a person would."""
    open_page(page, site, "steps/connect/")
    type_into(page, "connect-values-statement", "a calmer school day – más tranquilidad")
    open_page(page, site, "steps/monitor/")
    click_label(page, "monitor-update-frequency--when-i-ask")
    open_page(page, site, "steps/gratitude/")
    click_label(page, "gratitude-child-effort")
    type_into(page, "gratitude-child-other-text", "Packing her bag herself")
    open_page(page, site, "steps/advocate/")
    type_into(page, "advocate-physical", "Quieter seat near the front")
    page.keyboard.press("Enter")
    page.keyboard.type("Visual timetable")


EXPECTED = {
    "connect-values-statement": "a calmer school day – más tranquilidad",
    "monitor-update-frequency": "when-i-ask",
    "gratitude-child-effort": True,
    "gratitude-child-other": True,
    "gratitude-child-other-text": "Packing her bag herself",
    "advocate-physical": "Quieter seat near the front\nVisual timetable",
}


def saved(page, site):
    """Every answer in localStorage, by id."""
    prefix = storage_key(site, "")
    entries = page.evaluate(
        """prefix => Object.keys(localStorage).filter(k => k.startsWith(prefix))
             .map(k => [k.slice(prefix.length), JSON.parse(localStorage.getItem(k)).v])""",
        prefix)
    return dict(entries)


def open_notes(page, site):
    open_page(page, site, NOTES)
    expect(page.locator(LIST)).not_to_contain_text("needs JavaScript")


def export(page):
    with page.expect_download() as download:
        page.click(".hsp-actions [data-hsp-action=export]")
    path = download.value.path()
    return download.value.suggested_filename, json.loads(open(path, encoding="utf-8").read())


def load_file(page, content, name="answers.json", accept=True):
    """Choose a file in "Load answers from a file"; answer the confirmation."""
    messages = []

    def answer(dialog):
        messages.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.on("dialog", answer)
    if isinstance(content, (dict, list)):
        content = json.dumps(content)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    page.set_input_files("[data-hsp-import]",
                         files=[{"name": name, "mimeType": "application/json", "buffer": data}])
    return messages


def answers_file(answers, version=1):
    return {"format": "hsp-answers", "version": version,
            "exported": "2026-12-01T10:00:00.000Z", "answers": answers}


# ---- My notes -----------------------------------------------------------------------
def test_empty_state_says_how_to_begin(page, site):
    open_notes(page, site)
    # Below the line about the last backup (drawn with the list).
    expect(page.locator(f"{LIST} > p").last).to_have_text(
        "You have no answers yet. Start with step C: Connect with your values.")
    page.locator(LIST).get_by_role("link").click()
    expect(page).to_have_url(site.url + "steps/connect/")


def test_every_answer_under_its_question_in_toolkit_order(page, site):
    fill_some_answers(page, site)
    open_notes(page, site)
    sections = page.locator(f"{LIST} section")
    expect(sections.locator("h2")).to_have_text([
        "C: Connect with your values", "M: Monitor progress", "A: Advocate", "S: Show gratitude"])
    connect = sections.nth(0)
    expect(connect.locator("h3")).to_have_text(["I want our partnership with the school to be about"])
    expect(connect.locator(".hsp-answer")).to_have_text(["a calmer school day – más tranquilidad"])
    # The chosen option and the ticked boxes by their wording, not their ids.
    expect(sections.nth(1).locator(".hsp-answer")).to_have_text(["Whenever I ask for it"])
    expect(sections.nth(3).locator("li")).to_have_text(
        ["Effort", "Something else: Packing her bag herself"])
    # Line breaks in notes are kept.
    assert sections.nth(2).locator(".hsp-answer").inner_text() == (
        "Quieter seat near the front\nVisual timetable")
    # Each step's heading links back to the step.
    sections.nth(2).locator("h2 a").click()
    expect(page).to_have_url(site.url + "steps/advocate/")


def test_printout_is_a_clean_list(page, site):
    fill_some_answers(page, site)
    open_notes(page, site)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".hsp-actions",
                   ".hsp-booklet-links"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(f"{LIST} h2").first).to_be_visible()
    expect(page.locator(f"{LIST} .hsp-answer").first).to_be_visible()


# ---- Save to a file ---------------------------------------------------------------------
def test_export_holds_every_answer_with_version_and_date(page, site):
    fill_some_answers(page, site)
    open_notes(page, site)
    name, data = export(page)
    today = datetime.date.today().isoformat()
    assert name == f"my-toolkit-answers-{today}.json"
    assert data["format"] == "hsp-answers" and data["version"] == 1
    assert data["exported"].startswith(today)
    assert data["answers"] == EXPECTED


# ---- Load from a file --------------------------------------------------------------------
def test_import_confirms_counts_then_restores_exactly_and_undo(page, site, context):
    fill_some_answers(page, site)
    open_notes(page, site)
    _, data = export(page)
    # Browser storage deleted (as Safari may do): everything is empty.
    page.evaluate("localStorage.clear()")
    open_page(page, site, "steps/connect/")
    expect(page.locator("#connect-values-statement")).to_have_value("")
    # Someone then writes a different answer before loading the file.
    type_into(page, "connect-values-statement", "something new")
    open_notes(page, site)
    messages = load_file(page, data)
    expect(page.locator(MESSAGE)).to_contain_text("Loaded 6 answers from the file.")
    assert messages == ["Load 6 answers from this file? This adds 5 and replaces 1 "
                        "of the answers you have now."]
    assert saved(page, site) == EXPECTED
    # Loading the same file again changes nothing and duplicates nothing.
    load_file(page, data)
    assert saved(page, site) == EXPECTED
    # Undo brings back what was there before that last load (the same), then the first.
    page.locator(MESSAGE).get_by_role("button", name="Undo").click()
    expect(page.locator(MESSAGE)).to_have_text("Undone. Your answers are back as they were.")
    assert saved(page, site) == EXPECTED
    open_page(page, site, "steps/advocate/")
    assert page.input_value("#advocate-physical") == EXPECTED["advocate-physical"]
    open_page(page, site, "steps/gratitude/")
    expect(page.locator("#gratitude-child-other")).to_be_checked()
    expect(page.locator("#gratitude-child-other-text")).to_have_value("Packing her bag herself")


def test_undo_of_an_import_brings_back_replaced_answers(page, site):
    open_page(page, site, "steps/connect/")
    type_into(page, "connect-values-statement", "mine")
    open_notes(page, site)
    load_file(page, answers_file({"connect-values-statement": "from the file",
                                  "advocate-notes": "new"}))
    expect(page.locator(MESSAGE)).to_contain_text("Loaded 2 answers")
    assert saved(page, site) == {"connect-values-statement": "from the file", "advocate-notes": "new"}
    page.locator(MESSAGE).get_by_role("button", name="Undo").click()
    expect(page.locator(MESSAGE)).to_contain_text("Undone.")
    assert saved(page, site) == {"connect-values-statement": "mine"}


def test_cancelled_import_changes_nothing(page, site):
    open_page(page, site, "steps/connect/")
    type_into(page, "connect-values-statement", "mine")
    open_notes(page, site)
    load_file(page, answers_file({"connect-values-statement": "other"}), accept=False)
    page.wait_for_timeout(300)
    assert saved(page, site) == {"connect-values-statement": "mine"}


REFUSALS = {
    "not JSON": (b"this is not json {", "This file is not a saved answers file (it is not JSON)."),
    "other JSON": ({"name": "something else"},
                   "This file is not a saved answers file from this toolkit."),
    "a list": ([1, 2, 3], "This file is not a saved answers file from this toolkit."),
    "newer version": (answers_file({"connect-values-statement": "x"}, version=2),
                      "This file comes from a newer version of the toolkit. "
                      "Open it on the site where you saved it."),
    "wrong type for a checkbox": (answers_file({"gratitude-child-effort": "yes"}),
                                  'This file has an answer that does not fit its question '
                                  '("gratitude-child-effort"). Nothing was changed.'),
    "unknown radio option": (answers_file({"monitor-update-frequency": "daily"}),
                             'This file has an answer that does not fit its question '
                             '("monitor-update-frequency"). Nothing was changed.'),
    "number for a note": (answers_file({"advocate-notes": 42}),
                          'This file has an answer that does not fit its question '
                          '("advocate-notes"). Nothing was changed.'),
    "bad id": (answers_file({"<img src=x>": "x"}),
               'This file has an answer that does not fit its question '
               '("<img src=x>"). Nothing was changed.'),
    "no answers": ({"format": "hsp-answers", "version": 1},
                   "This file has no answers in it."),
    "too big": (b" " * (1024 * 1024 + 1),
                "This file is too big to be a saved answers file (over 1 MB). Nothing was changed."),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_bad_files_are_refused_and_nothing_changes(page, site, case):
    content, message = REFUSALS[case]
    open_page(page, site, "steps/connect/")
    type_into(page, "connect-values-statement", "mine")
    open_notes(page, site)
    before = page.evaluate("JSON.stringify(localStorage)")
    dialogs = load_file(page, content)
    expect(page.locator(MESSAGE)).to_have_text(message)
    assert dialogs == [] and page.evaluate("JSON.stringify(localStorage)") == before
    assert page.locator("img[src=x]").count() == 0


def test_import_checker_accepts_orphans_and_each_type(page, site):
    open_notes(page, site)
    result = page.evaluate("""() => fetch('../assets/fields.json').then(r => r.json()).then(m =>
        window.hspToolkit.checkImport(JSON.stringify({format: 'hsp-answers', version: 1,
          answers: {'gratitude-child-effort': false, 'monitor-update-frequency': 'when-i-ask',
                    'advocate-notes': 'a\\nb', 'gone-question': 'kept', 'gone-box': true}}), m))""")
    assert result == {"gratitude-child-effort": False, "monitor-update-frequency": "when-i-ask",
                      "advocate-notes": "a\nb", "gone-question": "kept", "gone-box": True}


# ---- Clear all -------------------------------------------------------------------------------------
def test_clear_all_asks_first_and_can_be_undone(page, site):
    fill_some_answers(page, site)
    open_notes(page, site)
    dialogs = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.click("[data-hsp-action=clear]")
    assert dialogs == ["Delete all your answers from this browser?"]
    assert saved(page, site) == EXPECTED
    page.once("dialog", lambda d: d.accept())
    page.click("[data-hsp-action=clear]")
    expect(page.locator(MESSAGE)).to_contain_text("All your answers were deleted from this browser.")
    assert saved(page, site) == {}
    expect(page.locator(LIST)).to_contain_text("You have no answers yet.")
    page.locator(MESSAGE).get_by_role("button", name="Undo").click()
    assert saved(page, site) == EXPECTED
    expect(page.locator(f"{LIST} section")).to_have_count(4)


# ---- Orphans ------------------------------------------------------------------------------------------
def test_orphaned_answers_are_kept_shown_exported_and_deletable(page, site):
    open_page(page, site, "steps/connect/")
    type_into(page, "connect-values-statement", "mine")
    page.evaluate("""key => {
        localStorage.setItem(key + 'old-question', JSON.stringify({v: 'an old answer', t: 'x'}));
        localStorage.setItem(key + 'old-box', JSON.stringify({v: true, t: 'x'}));
    }""", storage_key(site, ""))
    open_notes(page, site)
    orphans = page.locator(".hsp-orphans")
    expect(orphans.locator("h2")).to_have_text("Answers to questions no longer in the toolkit")
    expect(orphans.locator("h3")).to_have_text(["old-box", "old-question"])
    expect(orphans.locator(".hsp-answer")).to_have_text(["true", "an old answer"])
    _, data = export(page)
    assert data["answers"]["old-question"] == "an old answer" and data["answers"]["old-box"] is True
    orphans.get_by_role("button", name="Delete this answer: old-question").click()
    expect(orphans.locator("h3")).to_have_text(["old-box"])
    assert saved(page, site) == {"connect-values-statement": "mine", "old-box": True}


# ---- Backups and persistent storage ------------------------------------------------------------------
def test_backup_reminder_and_last_export_date(page, site):
    open_notes(page, site)
    expect(page.locator(BACKUP)).to_have_text("Last saved to a file: never.")
    open_page(page, site, "steps/connect/")
    type_into(page, "connect-values-statement", "mine")
    open_notes(page, site)
    expect(page.locator(BACKUP)).to_contain_text("Last saved to a file: never. Your browser may "
                                                 "delete your answers")
    export(page)
    today = page.evaluate("new Date().toLocaleDateString()")
    expect(page.locator(BACKUP)).to_have_text(f"Last saved to a file: {today}.")
    # Eight days later the reminder comes back.
    page.evaluate("""key => localStorage.setItem(key,
        new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString())""",
                  storage_key(site, "").replace("hsp:v1:", "hsp:meta:last-export"))
    reload(page)
    expect(page.locator(BACKUP)).to_contain_text("Save them to a file now to keep a copy.")


def test_asks_the_browser_to_keep_storage(context, site):
    context.add_init_script("""
        window.__persistCalls = 0;
        if (navigator.storage) navigator.storage.persist = () => {
            window.__persistCalls++; return Promise.resolve(true); };
    """)
    page = context.new_page()
    open_page(page, site, "steps/connect/")
    assert page.evaluate("window.__persistCalls") == 0
    type_into(page, "connect-values-statement", "ab")
    assert page.evaluate("window.__persistCalls") == 1


# ---- Closing the tab right after typing -------------------------------------------------------------
def test_closing_the_tab_right_after_a_keystroke_keeps_it(context, site):
    page = context.new_page()
    open_page(page, site, "steps/connect/")
    page.click("#connect-values-statement")
    page.keyboard.type("last word")
    page.close()  # at once: well within 50 ms of the last keystroke
    again = context.new_page()
    open_page(again, site, "steps/connect/")
    expect(again.locator("#connect-values-statement")).to_have_value("last word")


# ---- Storage that fails: answers can still be saved to a file ------------------------------------------
BLOCKED = """Object.defineProperty(window, 'localStorage', {
    get() { throw new DOMException('blocked', 'SecurityError'); } });"""


def test_without_storage_answers_can_still_be_exported(context, site):
    context.add_init_script(BLOCKED)
    page = context.new_page()
    page.goto(site.url + "steps/gratitude/")
    click_label(page, "gratitude-child-time")
    type_into(page, "gratitude-child-other-text", "Thank you for trying")
    rescue = page.locator("[data-hsp-rescue] button")
    expect(rescue).to_be_visible()
    with page.expect_download() as download:
        rescue.click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["answers"] == {"gratitude-child-time": True, "gratitude-child-other": True,
                               "gratitude-child-other-text": "Thank you for trying"}


# ---- Typed text is only ever text ---------------------------------------------------------------------------
HOSTILE = ['<img src=x onerror=alert(1)>', '"><script>alert(2)</script>']


def test_hostile_text_stays_text_everywhere(page, site):
    alerts = []
    page.on("dialog", lambda d: (alerts.append(d.type), d.accept()))
    open_page(page, site, "steps/advocate/")
    type_into(page, "advocate-notes", HOSTILE[0])
    open_page(page, site, "steps/gratitude/")
    type_into(page, "gratitude-self-care-other-text", HOSTILE[1])
    for path in ("", "steps/connect/", "steps/communicate/", "steps/monitor/",
                 "steps/problem-solve/", "steps/advocate/", "steps/see-it-through/",
                 "steps/gratitude/", "closing/", "about/", NOTES):
        open_page(page, site, path)
        assert page.locator("img[src=x]").count() == 0
    expect(page.locator(f"{LIST} .hsp-answer")).to_have_text([HOSTILE[0]])
    expect(page.locator(f"{LIST} li")).to_have_text([f"Something else: {HOSTILE[1]}"])
    _, data = export(page)
    assert data["answers"]["advocate-notes"] == HOSTILE[0]
    page.evaluate("localStorage.clear()")
    reload(page)
    load_file(page, data)
    expect(page.locator(f"{LIST} .hsp-answer")).to_have_text([HOSTILE[0]])
    assert page.locator("img[src=x]").count() == 0 and page.locator("article script").count() == 0
    assert alerts == ["confirm"]  # only our own "Load … answers?" question


# ---- Opened from disk (case 23) --------------------------------------------------------------------------------
def test_opened_from_disk_says_answers_stay_with_the_page(page, site):
    url = (site.dir / "steps" / "connect" / "index.html").as_uri()
    page.goto(url)
    expect(page.locator("[data-hsp-status]")).to_contain_text(
        "You opened this page as a file, so its answers are saved with this page only.")
    type_into(page, "connect-values-statement", "from disk")
    page.goto(url)
    expect(page.locator("#connect-values-statement")).to_have_value("from disk")
