"""The booklet on paper: what a print designer checks, page by page.

- Nothing within 12.7 mm (0.5 in) of the paper's edge, so printers that
  cannot print to the edge lose nothing (case 09); black and white only.
- Text in the text area at least 11 pt; running header and footer at least 9 pt.
- No heading, question or group title left alone at the foot of a page, and
  every answer space on the same page as its question; a group of options on
  one page with its title (case 06).
- Writing space: one ruled line per line of the answer, 9 mm apart (at least
  8 mm); boxes to tick at least 4 mm.

Pages are rendered with poppler's pdftoppm and read with pdftotext (the
poppler-utils package, installed by scripts/system-deps.sh test).
"""
import math
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

MM = 72 / 25.4  # points per millimetre
EDITIONS = ("booklet-letter.pdf", "booklet-a4.pdf")
EDGE_MM = 12.7
# The page box's margins in booklet/templates/booklet.scss (top, bottom), in mm:
# text between them is the text area, text outside is the running header/footer.
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 25, 24
LINE_PITCH_MM = 9
DPI = 72


def words(text: str) -> str:
    return " ".join(text.split())


class Booklet:
    def __init__(self, path: Path, tmp: Path):
        self.path = path
        self.pdf = PdfReader(path)
        self.tmp = tmp

    @property
    def page_refs(self):
        return [page.indirect_reference for page in self.pdf.pages]

    def page_text(self, number: int) -> str:
        return words(self.pdf.pages[number].extract_text())

    def images(self) -> list[Image.Image]:
        prefix = self.tmp / self.path.stem
        subprocess.run(["pdftoppm", "-r", str(DPI), "-hide-annotations", str(self.path),
                        str(prefix)], check=True)
        return [Image.open(p).convert("RGB") for p in sorted(self.tmp.glob(f"{self.path.stem}-*.ppm"))]

    def widgets(self):
        """(field id, page index, rect in points as x1, y1, x2, y2 with y up, field)."""
        refs = {ref.idnum: n for n, ref in enumerate(self.page_refs)}
        for ref in self.pdf.trailer["/Root"]["/AcroForm"]["/Fields"]:
            field = ref.get_object()
            kids = [k.get_object() for k in field.get("/Kids", [])] or [field]
            for widget in kids:
                x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
                rect = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
                yield str(field["/T"]), refs[widget.raw_get("/P").idnum], rect, field


@pytest.fixture(scope="module", params=EDITIONS)
def booklet(request, site, tmp_path_factory):
    return Booklet(site.dir / request.param, tmp_path_factory.mktemp(Path(request.param).stem))


@pytest.fixture(scope="module")
def images(booklet):
    return booklet.images()


def test_nothing_printed_near_the_paper_edge(booklet, images):
    for number, image in enumerate(images, start=1):
        edge = math.floor(EDGE_MM / 25.4 * DPI) - 1  # less one pixel of anti-aliasing
        gray = image.convert("L")
        w, h = gray.size
        for name, box in (("top", (0, 0, w, edge)), ("bottom", (0, h - edge, w, h)),
                          ("left", (0, 0, edge, h)), ("right", (w - edge, 0, w, h))):
            darkest = gray.crop(box).getextrema()[0]
            assert darkest >= 250, f"page {number}: something printed within {EDGE_MM} mm of the {name} edge"


def test_black_and_white_only(booklet, images):
    for number, image in enumerate(images, start=1):
        r, g, b = image.split()
        # The largest difference between two colour channels anywhere on the page.
        spread = max(ImageChops.difference(x, y).getextrema()[1] for x, y in ((r, g), (g, b), (r, b)))
        assert spread <= 20, f"page {number} has colour (channels differ by {spread}/255)"


def _mult(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def test_text_sizes(booklet):
    for number, page in enumerate(booklet.pdf.pages, start=1):
        height = float(page.mediabox.height)
        runs = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                m = _mult(tm, cm)
                runs.append((text.strip(), size * math.hypot(m[2], m[3]), m[5]))

        page.extract_text(visitor_text=visit)
        for text, size, baseline in runs:
            in_text_area = MARGIN_BOTTOM_MM * MM < baseline < height - MARGIN_TOP_MM * MM
            smallest = 11 if in_text_area else 9
            assert size >= smallest - 0.05, f"page {number}: {text!r} is {size:.1f} pt"


# ---- Page breaks --------------------------------------------------------------------

def _keep_with_next(site) -> set[str]:
    """Headings, questions and group titles of every page: each must be
    followed on its own page by what it introduces."""
    from bs4 import BeautifulSoup

    texts = set()
    for html in site.dir.rglob("index.html"):
        article = BeautifulSoup(html.read_text("utf-8"), "html.parser").find("article")
        if article is None:
            continue
        for element in article.select("h1, h2, h3, h4, h5, h6, legend, .hsp-label"):
            text = words(element.get_text(" "))
            if len(text) > 3:
                texts.add(text)
    return texts


def _last_lines(booklet) -> list[tuple[str, float]]:
    """The last line of the text area of every page and its bottom, in points
    from the top of the page (pdftotext's layout)."""
    from bs4 import BeautifulSoup

    out = subprocess.run(["pdftotext", "-bbox-layout", str(booklet.path), "-"],
                         check=True, capture_output=True, text=True).stdout
    last_lines = []
    for page in BeautifulSoup(out, "html.parser").find_all("page"):
        height = float(page["height"])
        lines = [line for line in page.find_all("line")
                 if float(line["ymax"]) < height - MARGIN_BOTTOM_MM * MM
                 and float(line["ymin"]) > MARGIN_TOP_MM * MM]
        if not lines:
            last_lines.append(("", 0))
            continue
        bottom = max(float(line["ymax"]) for line in lines)
        row = sorted((line for line in lines if float(line["ymax"]) > bottom - 2),
                     key=lambda line: float(line["xmin"]))
        text = words(" ".join(w.get_text() for line in row for w in line.find_all("word")))
        last_lines.append((text, bottom))
    return last_lines


def test_no_heading_or_question_alone_at_the_foot_of_a_page(booklet, site):
    keep = _keep_with_next(site)
    last_lines = _last_lines(booklet)
    assert len(last_lines) == len(booklet.pdf.pages)
    # A page that ends with writing space or boxes to tick ends with an answer.
    lowest_widget = {}
    for _, page, (x1, y1, x2, y2), _ in booklet.widgets():
        lowest_widget[page] = min(lowest_widget.get(page, y1), y1)
    for index, (line, bottom) in list(enumerate(last_lines))[2:]:  # after cover and contents
        height = float(booklet.pdf.pages[index].mediabox.height)
        if index in lowest_widget and height - lowest_widget[index] > bottom:
            continue
        stranded = [text for text in keep if len(line) > 3 and text.endswith(line)]
        assert not stranded, f"page {index + 1} ends with {stranded[0]!r}"


def test_every_answer_space_is_on_the_page_of_its_question(booklet, site):
    manifest = {f["id"]: f for f in site.manifest["fields"]}
    pages_of = {}
    for field_id, page, rect, _ in booklet.widgets():
        pages_of.setdefault(field_id, set()).add(page)
    texts = {}

    def text(page):
        if page not in texts:
            texts[page] = booklet.page_text(page)
        return texts[page]

    first_of_checklist, pages_of_group = {}, {}
    for field_id, field in manifest.items():
        pages = pages_of[field_id]
        assert len(pages) == 1, f"{field_id} is split across pages {sorted(pages)}"
        page = next(iter(pages))
        where = f"{field_id} (page {page + 1})"
        if field["kind"] in ("fill_in", "notes", "choice"):
            assert words(field["question"]) in text(page), f"{where}: its question is on another page"
        elif field["kind"] in ("checklist", "other"):
            assert words(field["label"]) in text(page), where
            first_of_checklist.setdefault((field["page"], field["question"]), page)
            if field.get("group"):
                pages_of_group.setdefault((field["page"], field["question"], field["group"]),
                                          set()).add(page)
                assert words(field["group"]) in text(page), f"{where}: its group title is on another page"
        elif field["kind"] == "write_in":
            other = field_id.removesuffix("-text")
            assert pages_of[other] == pages, f"{where}: the write-in is not with its box"
    for (_, question), page in first_of_checklist.items():
        assert words(question) in text(page), f"checklist {question!r} starts away from its question"
    for (_, _, group), pages in pages_of_group.items():
        assert len(pages) == 1, f"group {group!r} is split across pages"


# ---- Writing space --------------------------------------------------------------------

def test_writing_space_and_boxes(booklet, site, images):
    manifest = {f["id"]: f for f in site.manifest["fields"]}
    for field_id, page_index, rect, _ in booklet.widgets():
        field = manifest[field_id]
        page = booklet.pdf.pages[page_index]
        width = float(page.mediabox.width)
        x1, y1, x2, y2 = rect
        assert x1 >= EDGE_MM * MM and x2 <= width - EDGE_MM * MM, f"{field_id} is outside the margins"
        if field["type"] in ("checkbox", "radio"):
            assert x2 - x1 >= 4 * MM and y2 - y1 >= 4 * MM, f"{field_id}: box smaller than 4 mm"
            continue
        lines = field["lines"]
        assert (y2 - y1) / MM == pytest.approx(lines * LINE_PITCH_MM, abs=0.5), field_id
        assert x2 - x1 >= 100 * MM, f"{field_id}: writing line shorter than 10 cm"
        # The ruled lines really are drawn: one per line, LINE_PITCH_MM apart.
        image = images[page_index].convert("L")
        scale = DPI / 72
        top = (float(page.mediabox.height) - y2) * scale
        box = image.crop((round(x1 * scale) + 4, math.floor(top) - 1,
                          round(x2 * scale) - 4, math.ceil(top + (y2 - y1) * scale) + 1))
        column = box.resize((1, box.height), Image.Resampling.BOX)  # each row's mean
        rows = [column.getpixel((0, y)) for y in range(box.height)]
        ruled = [y for y, value in enumerate(rows) if value < 200]
        centres = []
        for y in ruled:
            if centres and y - centres[-1][-1] <= 1:
                centres[-1].append(y)
            else:
                centres.append([y])
        centres = [sum(c) / len(c) for c in centres]
        assert len(centres) == lines, f"{field_id}: {len(centres)} ruled lines drawn, {lines} wanted"
        for a, b in zip(centres, centres[1:]):
            pitch_mm = (b - a) / scale / MM
            assert pitch_mm >= 8, f"{field_id}: lines {pitch_mm:.1f} mm apart"
