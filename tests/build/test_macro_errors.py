"""Case 12: a mistake in a page stops the build, names the page and line, and
publishes nothing broken. Built with the project's real configuration."""
import os

import pytest

from tests.conftest import ROOT, mkdocs_build

HEAD = "# Advocate worksheet\n\nImagine your child's ideal classroom.\n\n## Physical environment\n\n"
FAULTS = {
    "missing bracket": '{{ notes("advocate-physical", "Physical environment" }}',
    "misspelt macro": '{{ ntoes("advocate-physical", "Physical environment") }}',
    "undefined variable": "Talk to {{ child_nmae }} about their dream classroom.",
    "missing include": '{% include "snippets/advocate-intro.md" %}',
    "unknown parameter": '{{ notes("advocate-physical", "Physical environment", rows=4) }}',
    "malformed id": '{{ notes("Advocate_Physical", "Physical environment") }}',
    "repeated id": '{{ notes("advocate-physical", "One") }}\n\n{{ notes("advocate-physical", "Two") }}',
}


def make_project(tmp_path, line7):
    """A small project using the real mkdocs.yml, macros, hooks and theme overrides."""
    for part in ("macros", "booklet", "overrides", "hooks"):
        os.symlink(ROOT / part, tmp_path / part)
    docs = tmp_path / "docs"
    (docs / "advocate").mkdir(parents=True)
    (docs / "assets").mkdir()
    for asset in (ROOT / "docs" / "assets").iterdir():
        os.symlink(asset, docs / "assets" / asset.name)
    (docs / "index.md").write_text("# Start\n\nHello.\n")
    (docs / "advocate" / "worksheet.md").write_text(HEAD + line7 + "\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
                      "nav:\n  - index.md\n  - advocate/worksheet.md\n")
    return config


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_fails_the_build_and_names_the_place(tmp_path, fault):
    config = make_project(tmp_path, FAULTS[fault])
    site_dir = tmp_path / "site"
    result = mkdocs_build(config, site_dir, strict=False)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert "advocate/worksheet.md" in log
    if fault not in ("repeated id",):
        assert "line 7" in log.lower() or "line 7" in log, log
    assert not list(site_dir.rglob("*.pdf")), "no booklet may be written"
    for html in site_dir.rglob("*.html"):
        text = html.read_text("utf-8")
        assert "Macro" not in text and "{{" not in text and "{%" not in text


def test_the_fixed_page_builds(tmp_path):
    config = make_project(tmp_path, '{{ notes("advocate-physical", "Physical environment") }}')
    result = mkdocs_build(config, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "advocate" / "worksheet" / "index.html").read_text("utf-8")
    assert 'id="advocate-physical"' in html
    assert (tmp_path / "site" / "booklet-letter.pdf").exists()
