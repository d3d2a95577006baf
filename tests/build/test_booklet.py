"""The booklet editions: real PDFs whose form fields match the site's fields,
tagged for screen readers, with their own fonts, within the size budget.

Print layout (margins, text sizes, page breaks, writing space) is checked in
test_booklet_layout.py; the print preparation itself in test_booklet_prepare.py.
"""
import re

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from booklet.prepare import tooltip
from macros.registry import STEPS

# (width, height) in points of every page of each edition.
EDITIONS = {"booklet-letter.pdf": (612, 792), "booklet-a4.pdf": (595.28, 841.89)}
SIZE_BUDGET = 600 * 1024  # bytes, per edition
RADIO = 1 << 15
MULTILINE = 1 << 12
TITLE = "Home–School Partnership Toolkit"


@pytest.fixture(scope="module", params=EDITIONS)
def edition(request, site):
    path = site.dir / request.param
    return request.param, path, PdfReader(path)


def words(text: str) -> str:
    return " ".join(text.split())


def test_is_a_pdf_with_cover_contents_and_steps(edition):
    name, path, pdf = edition
    assert path.read_bytes().startswith(b"%PDF-")
    assert len(pdf.pages) >= 12
    cover = words(pdf.pages[0].extract_text())
    assert f"{TITLE} Seven steps" in cover
    for _, letter, title in STEPS:
        assert f"{letter} {title}" in cover
    assert "Contents" in pdf.pages[1].extract_text()
    text = "\n".join(p.extract_text() for p in pdf.pages)
    for title in [title for _, _, title in STEPS] + ["Closing thoughts", "About this toolkit"]:
        assert title in text


def test_page_size(edition):
    name, _, pdf = edition
    width, height = EDITIONS[name]
    for page in pdf.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.5)


def test_document_title(edition):
    assert edition[2].metadata.title == TITLE


def test_form_fields_match_the_manifest_one_to_one(edition, site):
    _, _, pdf = edition
    top_level = [ref.get_object() for ref in pdf.trailer["/Root"]["/AcroForm"]["/Fields"]]
    pdf_fields = {str(f["/T"]): f for f in top_level}
    assert len(pdf_fields) == len(top_level), "a field name is used twice"
    manifest = {f["id"]: f for f in site.manifest["fields"]}
    assert set(pdf_fields) == set(manifest)
    for field_id, field in manifest.items():
        pdf_field = pdf_fields[field_id]
        flags = int(pdf_field.get("/Ff", 0))
        assert str(pdf_field["/TU"]) == tooltip(field), field_id
        if field["type"] == "checkbox":
            assert pdf_field["/FT"] == "/Btn" and not flags & RADIO, field_id
        elif field["type"] == "radio":
            # One field for the question; its buttons are unnamed kids.
            assert pdf_field["/FT"] == "/Btn" and flags & RADIO, field_id
            assert [str(o) for o in pdf_field["/Opt"]] == [o["id"] for o in field["options"]]
            kids = [kid.get_object() for kid in pdf_field["/Kids"]]
            assert len(kids) == len(field["options"])
            assert all("/T" not in kid for kid in kids), field_id
        else:
            assert pdf_field["/FT"] == "/Tx", field_id
            # Notes, and any answer with more than one ruled line (the fill-in
            # sentence), are multi-line fields that wrap; a write-in is one line.
            multiline = field["type"] == "textarea" or (field.get("lines") or 1) > 1
            assert bool(flags & MULTILINE) == multiline, field_id


def test_tagged_pdf_ua_with_title_and_language(edition, site):
    _, _, pdf = edition
    root = pdf.trailer["/Root"]
    assert str(root["/MarkInfo"]["/Marked"]).lower() == "true"
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]) == "en"
    assert str(root["/ViewerPreferences"]["/DisplayDocTitle"]).lower() == "true"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfuaid:part="1"|<pdfuaid:part>1</pdfuaid:part>', xmp)
    assert TITLE in xmp
    # Every widget and link is in the structure tree (a screen reader reaches
    # it in reading order), and every page's tab order follows the structure.
    for number, page in enumerate(pdf.pages, start=1):
        assert page.get("/Tabs") == "/S", f"page {number}"
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            assert "/StructParent" in annotation, f"untagged {annotation['/Subtype']} on page {number}"


def test_headings_are_tagged_in_reading_order(edition):
    _, _, pdf = edition
    tags = []

    def walk(element):
        element = element.get_object()
        tag = str(element.get("/S", ""))
        if tag in ("/H1", "/H2", "/H3"):
            tags.append(tag)
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, IndirectObject) and "/S" in kid.get_object():
                walk(kid)

    walk(pdf.trailer["/Root"]["/StructTreeRoot"])
    # The cover title, Contents, and each page of the site open with an H1.
    assert tags.count("/H1") >= 2 + len(STEPS) + 3
    assert tags[0] == "/H1"


def test_a_bookmark_for_every_step(edition):
    _, _, pdf = edition
    top = [item for item in pdf.outline if not isinstance(item, list)]
    titles = [str(item.title) for item in top]
    pages = [pdf.get_destination_page_number(item) for item in top]
    for _, letter, title in STEPS:
        assert f"{letter}: {title}" in titles
    assert "Contents" in titles
    assert pages == sorted(pages), "bookmarks out of order"


def test_every_font_is_embedded_and_is_the_booklets_own(edition):
    _, _, pdf = edition
    fonts = {}

    def collect(resources):
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if "/Resources" in xobject:
                collect(xobject["/Resources"])

    for page in pdf.pages:
        collect(page.get("/Resources"))
    collect(pdf.trailer["/Root"]["/AcroForm"].get("/DR"))
    assert fonts
    for name, font in fonts.items():
        # A system font here means some text fell back from the site's font
        # (Material's or the PDF plugin's font stacks, or a missing glyph).
        assert "AtkinsonHyperlegible" in name.replace("-", ""), f"{name} is not the booklet's font"
        descendants = font.get("/DescendantFonts")
        descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
        assert any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
            f"{name} is not embedded"


def test_text_is_real_and_searchable(edition, site):
    _, _, pdf = edition
    text = words(" ".join(page.extract_text() for page in pdf.pages))
    for field in site.manifest["fields"]:
        question = words(field["question"])
        assert question in text, f"question of {field['id']} is not searchable text"


def test_links_jump_inside_the_booklet(edition):
    """Links between pages are GoTo links inside the PDF (case 04); links out
    go to public https addresses, never to the build machine."""
    _, _, pdf = edition
    names = set()
    dests = pdf.trailer["/Root"].get("/Names", {}).get("/Dests")
    if dests is not None:
        array = dests.get_object()["/Names"]
        names = {str(array[i]) for i in range(0, len(array), 2)}
    internal = 0
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation["/Subtype"] != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and action.get("/S") == "/URI":
                uri = str(action["/URI"])
                assert uri.startswith("https://"), uri
            else:
                destination = annotation.get("/Dest") or action.get("/D")
                if isinstance(destination, str) or hasattr(destination, "original_bytes"):
                    assert str(destination) in names, f"no destination {destination}"
                internal += 1
    assert internal > 0


def test_size_budget(edition):
    name, path, pdf = edition
    size = path.stat().st_size
    if size > SIZE_BUDGET:
        biggest = sorted(
            ((len(page.get_contents().get_data()), number)
             for number, page in enumerate(pdf.pages, start=1)), reverse=True)[:3]
        pytest.fail(f"{name} is {size // 1024} KB, over {SIZE_BUDGET // 1024} KB; largest page "
                    f"drawings (bytes, page): {biggest}")


def _step_pages(pdf) -> list[tuple[str, str, int, int]]:
    """(letter, title, first page, last page) of each step, 0-based, from the bookmarks."""
    top = [item for item in pdf.outline if not isinstance(item, list)]
    starts = [(str(item.title), pdf.get_destination_page_number(item)) for item in top]
    steps = []
    for _, letter, title in STEPS:
        index = [t for t, _ in starts].index(f"{letter}: {title}")
        first = starts[index][1]
        last = (starts[index + 1][1] - 1) if index + 1 < len(starts) else len(pdf.pages) - 1
        steps.append((letter, title, first, last))
    return steps


def test_every_step_opens_a_page_with_its_letter(edition):
    _, _, pdf = edition
    for number, (letter, title, first, _) in enumerate(_step_pages(pdf), start=1):
        text = words(pdf.pages[first].extract_text())
        assert f"{letter} STEP {number} OF {len(STEPS)} {title}" in text, f"page {first + 1}: {text[:120]}"


def test_running_header_and_page_number_on_every_page_after_the_cover(edition):
    _, _, pdf = edition
    total = len(pdf.pages)
    assert "Page 1 of" not in pdf.pages[0].extract_text(), "the cover has no page number"
    for index in range(1, total):
        assert f"Page {index + 1} of {total}" in words(pdf.pages[index].extract_text()), f"page {index + 1}"
    for letter, title, first, last in _step_pages(pdf):
        for index in range(first, last + 1):
            assert f"{letter} · {title}" in words(pdf.pages[index].extract_text()), \
                f"page {index + 1} has no running header for {title}"


def test_contents_page_lists_every_step_with_its_page_number(edition):
    _, _, pdf = edition
    contents = words(pdf.pages[1].extract_text())
    for letter, title, first, _ in _step_pages(pdf):
        assert re.search(rf"{re.escape(title)}[ .]*{first + 1}\b", contents), f"{title} p. {first + 1}"


def test_screen_only_parts_are_not_printed(edition):
    _, _, pdf = edition
    text = words(" ".join(page.extract_text() for page in pdf.pages))
    for screen_only in ("Next step:", "Back to the start page", "Printable booklet (PDF):",
                        "Booklet for US Letter paper"):
        assert screen_only not in text
