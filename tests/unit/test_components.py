"""Each component's HTML: labels, legends, hints, ids, escaping, registry entries."""
import textwrap

from bs4 import BeautifulSoup


def block(text):
    """Stands in for the body of a {% call %} block."""
    return lambda: textwrap.dedent(text)


def html(markup):
    assert "\n\n" not in markup, "a blank line would end Markdown's raw HTML block"
    assert all(line == line.lstrip() for line in markup.splitlines()), "no indentation"
    return BeautifulSoup(markup, "html.parser")


def label_of(soup, element):
    return soup.find("label", attrs={"for": element["id"]})


def test_fill_in_has_label_hint_and_field(components, registry):
    soup = html(components["fill_in"]("connect-values", "I want our partnership to be about",
                                      hint="Finish the sentence."))
    field = soup.find("input")
    assert field["type"] == "text" and field["id"] == field["name"] == "connect-values"
    assert label_of(soup, field).get_text() == "I want our partnership to be about"
    assert field["aria-describedby"] == "connect-values-hint"
    assert soup.find(id="connect-values-hint").get_text() == "Finish the sentence."
    f = registry.fields["connect-values"]
    assert (f.type, f.kind, f.page, f.step) == ("text", "fill_in", "steps/connect.md", "connect")


def test_notes_without_hint_has_no_describedby(components, registry):
    soup = html(components["notes"]("connect-notes", "Notes", lines=5))
    area = soup.find("textarea")
    assert area["rows"] == "5" and area["name"] == "connect-notes"
    assert not area.has_attr("aria-describedby") and soup.find(class_="hsp-hint") is None
    assert label_of(soup, area).get_text() == "Notes"
    assert registry.fields["connect-notes"].lines == 5


def test_choice_is_one_radio_group_under_a_legend(components, registry):
    soup = html(components["choice"]("monitor-updates", "How often do you get updates?",
                                     caller=block("""\
                                         - sent: Whenever the school sends them
                                         - asked: Whenever I ask
                                         - often: Often enough without asking
                                     """)))
    fieldset = soup.find("fieldset")
    assert fieldset.find().name == "legend"
    assert fieldset.legend.get_text() == "How often do you get updates?"
    radios = soup.find_all("input", type="radio")
    assert {r["name"] for r in radios} == {"monitor-updates"}
    assert [r["value"] for r in radios] == ["sent", "asked", "often"]
    assert [label_of(soup, r).get_text() for r in radios] == [
        "Whenever the school sends them", "Whenever I ask", "Often enough without asking"]
    assert len({r["id"] for r in radios}) == 3
    assert registry.fields["monitor-updates"].options == [
        {"id": "sent", "label": "Whenever the school sends them"},
        {"id": "asked", "label": "Whenever I ask"},
        {"id": "often", "label": "Often enough without asking"}]


GRATITUDE = """\
    - time: Time
      hint: "Thanks for making time."
    - effort: Effort
    - other: Something else
"""


def test_checklist_groups_hints_and_other_write_in(components, registry):
    soup = html(components["checklist"]("communicate-involve", "Ways to involve your child",
                                        hint="Tick all you want to try.", caller=block("""\
        - group: Learn what they like
          hint: Start here.
          - ask: Ask what they like
            hint: For example, at dinner.
          - watch: Notice what they choose
        - group: Offer choices
          - goals: Personal goals
        - other: Something else
    """)))
    outer = soup.find("fieldset")
    assert outer.legend.get_text() == "Ways to involve your child"
    assert outer["aria-describedby"] == "communicate-involve-hint"
    groups = outer.find_all("fieldset", class_="hsp-group")
    assert [g.legend.get_text() for g in groups] == ["Learn what they like", "Offer choices"]
    assert soup.find(id=groups[0]["aria-describedby"]).get_text() == "Start here."
    boxes = soup.find_all("input", type="checkbox")
    assert [b["id"] for b in boxes] == ["communicate-involve-ask", "communicate-involve-watch",
                                       "communicate-involve-goals", "communicate-involve-other"]
    assert all(b["name"] == b["id"] for b in boxes)
    ask = boxes[0]
    assert soup.find(id=ask["aria-describedby"]).get_text() == "For example, at dinner."
    assert [label_of(soup, b).get_text() for b in boxes] == [
        "Ask what they like", "Notice what they choose", "Personal goals", "Something else"]
    # The write-in: visible, in the same fieldset, right after its Other box (case 25).
    write_in = soup.find("input", type="text")
    assert write_in["id"] == "communicate-involve-other-text"
    assert write_in["data-hsp-other-for"] == "communicate-involve-other"
    assert not write_in.has_attr("hidden") and write_in.find_parent("fieldset") is outer
    assert write_in.find_previous("input") is boxes[-1]
    name = label_of(soup, write_in).get_text()
    assert "Other" in name and "Ways to involve your child" in name
    f = registry.fields["communicate-involve-ask"]
    assert (f.type, f.kind, f.label, f.group, f.question) == (
        "checkbox", "checklist", "Ask what they like", "Learn what they like",
        "Ways to involve your child")
    assert registry.fields["communicate-involve-other"].kind == "other"
    assert registry.fields["communicate-involve-other-text"].kind == "write_in"


def test_repeated_option_labels_stay_apart(components):
    """Case 24: the same options under two questions have different ids and names."""
    child = html(components["checklist"]("gratitude-child", "Thank your child for their",
                                         caller=block(GRATITUDE)))
    teachers = html(components["checklist"]("gratitude-teachers", "Thank teachers for their",
                                            caller=block(GRATITUDE)))
    ids = [e["id"] for soup in (child, teachers) for e in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    names = [label_of(s, s.find("input", type="text")).get_text() for s in (child, teachers)]
    assert names[0] != names[1]


def test_text_is_escaped(components):
    soup = html(components["checklist"]("connect-x", 'Pick <b>one</b> "now"', caller=block("""\
        - a: <script>alert(1)</script>
          hint: <img src=x onerror=alert(2)>
        - b: Fine
    """)))
    assert soup.find("script") is None and soup.find("img") is None and soup.find("b") is None
    assert soup.find("label", attrs={"for": "connect-x-a"}).get_text() == "<script>alert(1)</script>"
    assert soup.legend.get_text() == 'Pick <b>one</b> "now"'


def test_whitespace_in_questions_is_folded(components, registry):
    components["notes"]("connect-n", "  A question\n   over two lines ")
    assert registry.fields["connect-n"].question == "A question over two lines"
