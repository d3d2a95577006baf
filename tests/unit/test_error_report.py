"""Runtime macro errors name the page, the line and the faulty text (case 12)."""
import jinja2

from macros.error_report import describe

PAGE = "# Advocate\n\nSome text.\n\nTalk to {{ child_nmae }} today.\n"


def test_undefined_name_reports_line_and_text():
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    try:
        env.from_string(PAGE).render()
    except jinja2.UndefinedError as error:
        message = describe(error, PAGE, "steps/advocate.md")
    assert message.startswith("Macro error in steps/advocate.md, line 5: UndefinedError:")
    assert "'child_nmae' is undefined" in message
    assert message.endswith("Talk to {{ child_nmae }} today.")


def test_error_outside_a_template_names_the_page_only():
    message = describe(ValueError("boom"), PAGE, "steps/advocate.md")
    assert message == "Macro error in steps/advocate.md: ValueError: boom"
