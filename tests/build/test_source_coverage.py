"""The site asks for everything the source toolkit asks the reader to mark or write,
and says it in its own words."""
import collections
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, SOURCE

# Each place the source asks the reader to mark or write: words that anchor it
# in the source, our checklist/field id, and how many fields it holds there.
SOURCE_PLACES = [
    ("complete this statement", "connect-values-statement", "fill_in", 1),
    ("Mark the ways in which you want to try to involve your child", "communicate-involve-child", "checklist", 15),
    ("1. Your child's strengths/preferences:", "communicate-meeting-strengths", "notes", 1),
    ("2. Situations/skills that are challenging", "communicate-meeting-challenges", "notes", 1),
    ("3. What types of supports are helpful", "communicate-meeting-supports", "notes", 1),
    ("4. What you hope to work toward:", "communicate-meeting-hopes", "notes", 1),
    ("Family stressors (e.g., loss", "communicate-notes", "notes", 1),
    ("How often do you currently get updates", "monitor-update-frequency", "choice", 1),
    ("Which of these progress-monitoring strategies", "monitor-strategies", "checklist", 3),
    ("identify 1-2 actions", "problem-actions", "checklist", 5),
    ("Physical environment?", "advocate-physical", "notes", 1),
    ("Academic instruction?", "advocate-teaching", "notes", 1),
    ("Social/emotional support?", "advocate-social", "notes", 1),
    ("Daily routine/structure?", "advocate-routine", "notes", 1),
    ("Behavioral support?", "advocate-behavior", "notes", 1),
    ("Other considerations?", "advocate-other", "notes", 1),
    ("Other considerations?\n\nNotes:", "advocate-notes", "notes", 1),
    ("Could any of the individuals below", "advocate-helpers", "checklist", 2),
    ("How will you see these partnership efforts through", "seeit-home", "checklist", 8),
    ("practice self-care", "gratitude-self-care", "checklist", 7),
    ("show gratitude to your child?", "gratitude-child", "checklist", 5),
    ("show gratitude to your child’s educator(s)?", "gratitude-educators", "checklist", 5),
]


@pytest.fixture(scope="module")
def source():
    if not SOURCE.exists():
        pytest.skip(f"source toolkit not found at {SOURCE}")
    return SOURCE.read_text("utf-8")


def test_source_places_are_real(source):
    for anchor, *_ in SOURCE_PLACES:
        assert anchor in source, anchor


@pytest.mark.parametrize("anchor, field_id, kind, count", SOURCE_PLACES)
def test_each_source_place_has_its_fields(site, anchor, field_id, kind, count):
    fields = site.manifest["fields"]
    if kind == "checklist":
        boxes = [f for f in fields if f["type"] == "checkbox" and f["id"].startswith(field_id + "-")]
        assert len(boxes) == count
    else:
        [field] = [f for f in fields if f["id"] == field_id]
        assert field["kind"] == kind


def test_field_totals_match_the_source(site):
    """67 places: 50 checkboxes (3 "Other"), 3 write-ins, 12 notes, 1 fill-in, 1 choice of 3."""
    fields = site.manifest["fields"]
    kinds = collections.Counter(f["kind"] for f in fields)
    assert len(fields) == 67
    assert sum(1 for f in fields if f["type"] == "checkbox") == 50
    assert kinds == {"checklist": 47, "other": 3, "write_in": 3, "notes": 12, "fill_in": 1,
                     "choice": 1}
    [choice] = [f for f in fields if f["kind"] == "choice"]
    assert len(choice["options"]) == 3
    # every step has something to fill in, except none
    assert {f["step"] for f in fields} == {s["id"] for s in site.manifest["steps"]}


def wording_overlap(path):
    tool = ROOT.parent / "shared" / "tools" / "wording_overlap.py"
    result = subprocess.run([sys.executable, str(tool), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("0 run")


def test_no_wording_copied_from_the_source(source):
    wording_overlap(ROOT / "docs")


def test_no_wording_copied_in_the_built_pages(source, site, tmp_path):
    """The Markdown check skips text inside macro calls; the built pages have it all.
    Only each page's article is checked: the menu lists the seven step names, which
    are the toolkit's own names and must stay as they are."""
    for html in site.dir.rglob("*.html"):
        article = BeautifulSoup(html.read_text("utf-8"), "html.parser").find("article")
        if article:
            name = str(html.relative_to(site.dir)).replace("/", "_")
            (tmp_path / name).write_text(str(article), "utf-8")
    wording_overlap(tmp_path)
