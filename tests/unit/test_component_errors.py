"""Every mistake in a component call stops the build with the page and the id."""
import pytest

from macros.components import PageContext
from macros.registry import ComponentError

from .test_components import block


def fails(match, call, *args, **kwargs):
    with pytest.raises(ComponentError, match=match) as error:
        call(*args, **kwargs)
    assert "steps/connect.md" in str(error.value)
    return str(error.value)


@pytest.mark.parametrize("bad_id", ["", None, "Values", "values_statement", "1st", "a--b",
                                    "-a", "a-", "a b", "x" * 61])
def test_malformed_or_missing_id(components, bad_id):
    fails("field id", components["notes"], bad_id, "Notes")


def test_repeated_id_names_both_pages(components, page):
    components["notes"]("connect-notes", "Notes")
    page.context = PageContext("steps/advocate.md", "steps/advocate/", "advocate")
    with pytest.raises(ComponentError) as error:
        components["fill_in"]("connect-notes", "Again")
    message = str(error.value)
    assert "steps/advocate.md" in message and "first on steps/connect.md" in message
    assert "'connect-notes'" in message


def test_checklist_item_id_colliding_with_a_field(components):
    components["notes"]("connect-list-a", "Notes")
    fails("connect-list-a", components["checklist"], "connect-list", "Q", caller=block("- a: A"))


def test_unknown_parameter_is_named(components):
    message = fails("unexpected keyword argument 'rows'", components["notes"],
                    "connect-notes", "Notes", rows=3)
    assert "connect-notes" in message and "lines" in message


def test_missing_question(components):
    fails("question", components["notes"], "connect-notes")


@pytest.mark.parametrize("lines", [0, 11, "4", True, 2.5])
def test_lines_out_of_range(components, lines):
    fails("lines", components["notes"], "connect-notes", "Notes", lines=lines)


def test_empty_question_text(components):
    fails("question", components["fill_in"], "connect-a", "   ")


@pytest.mark.parametrize("body, why", [
    ("- a: A\nnonsense", "expected '- id: label'"),
    ("- a:", "label is empty"),
    ("- group: G\n  - a: A\n- b: B\n  - c: C", "under a '- group:' line"),
    ("- group: G", "has no options"),
    ("- other: Else\n- a: A", "must be the last"),
    ("hint: lonely", "indented under"),
    ("- a: A\n  hint: one\n  hint: two", "only one hint"),
    ("", "empty"),
    ("- Bad_Id: A", "item id"),
])
def test_bad_checklist_body(components, body, why):
    message = fails(why, components["checklist"], "connect-list", "Q", caller=block(body))
    assert "connect-list" in message


def test_checklist_without_block(components):
    fails("write the options in a block", components["checklist"], "connect-list", "Q")


@pytest.mark.parametrize("body, why", [
    ("- only: One", "at least two"),
    ("- a: A\n- a: Again", "used twice"),
    ("- group: G\n  - a: A\n  - b: B", "groups are not allowed"),
    ("- a: A\n- other: Else", "'other' is not allowed"),
])
def test_bad_choice_body(components, body, why):
    fails(why, components["choice"], "connect-pick", "Q", caller=block(body))


def test_unknown_step_in_front_matter():
    class File:
        src_path = "steps/x.md"

    class Page:
        meta = {"step": "connnect"}
        file = File()
        url = "steps/x/"

    with pytest.raises(ComponentError, match="steps/x.md: front matter 'step: connnect'"):
        PageContext.from_mkdocs_page(Page())
