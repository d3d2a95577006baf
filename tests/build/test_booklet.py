"""The booklet editions: real PDFs whose form fields match the site's fields."""
import pytest
from pypdf import PdfReader

from booklet.prepare import tooltip

EDITIONS = {"booklet-letter.pdf": (612, 792), "booklet-a4.pdf": (595.28, 841.89)}
RADIO = 1 << 15
MULTILINE = 1 << 12


@pytest.fixture(scope="module", params=EDITIONS)
def edition(request, site):
    path = site.dir / request.param
    return request.param, path, PdfReader(path)


def test_is_a_pdf_with_cover_contents_and_steps(edition):
    name, path, pdf = edition
    assert path.read_bytes().startswith(b"%PDF-")
    assert len(pdf.pages) >= 12
    cover = " ".join(pdf.pages[0].extract_text().split())
    assert "Home–School Partnership Toolkit Seven steps" in cover
    assert "C Connect with your values" in cover and "S Show gratitude" in cover
    assert "Contents" in pdf.pages[1].extract_text()
    text = "\n".join(p.extract_text() for p in pdf.pages)
    for title in ("Connect with your values", "Openly communicate", "Monitor progress",
                  "Problem solve", "Advocate", "See it through", "Show gratitude",
                  "Closing thoughts", "About this toolkit"):
        assert title in text


def test_page_size(edition):
    name, _, pdf = edition
    width, height = EDITIONS[name]
    for page in pdf.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.5)


def test_document_title(edition):
    assert edition[2].metadata.title == "Home–School Partnership Toolkit"


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
        assert str(pdf_field["/TU"]) == tooltip(field)
        if field["type"] == "checkbox":
            assert pdf_field["/FT"] == "/Btn" and not flags & RADIO
        elif field["type"] == "radio":
            assert pdf_field["/FT"] == "/Btn" and flags & RADIO
            assert [str(o) for o in pdf_field["/Opt"]] == [o["id"] for o in field["options"]]
            assert len(pdf_field["/Kids"]) == len(field["options"])
        elif field["type"] == "textarea":
            assert pdf_field["/FT"] == "/Tx" and flags & MULTILINE
        else:
            assert pdf_field["/FT"] == "/Tx"
