"""The macros module as mkdocs-macros uses it, with a fake env (no site build)."""
import json

import macros
from macros.registry import STEP_IDS


class FakeFile:
    def __init__(self, src_path):
        self.src_path = src_path


class FakePage:
    def __init__(self, src_path, url, step=None):
        self.file, self.url = FakeFile(src_path), url
        self.meta = {"step": step} if step else {}


class FakeEnv:
    def __init__(self, site_dir):
        self.variables, self.macros, self.page = {}, {}, None
        self.conf = {"site_dir": str(site_dir), "extra": {"booklet": {"editions": [
            {"file": "booklet-letter.pdf", "name": "US Letter"},
            {"file": "booklet-a4.pdf", "name": "A4"}]}}}

    def macro(self, function, name=None):
        self.macros[name or function.__name__] = function
        return function


def test_define_env_registers_components_and_writes_manifest(tmp_path):
    env = FakeEnv(tmp_path)
    macros.define_env(env)
    assert {"fill_in", "notes", "choice", "checklist", "booklet_links"} <= set(env.macros)

    env.page = FakePage("steps/gratitude.md", "steps/gratitude/", "gratitude")
    env.macros["notes"]("gratitude-notes", "Notes")
    env.page = FakePage("steps/connect.md", "steps/connect/", "connect")
    env.macros["fill_in"]("connect-values", "I want")
    env.macros["notes"]("connect-notes", "More")
    macros.on_post_build(env)

    manifest = json.loads((tmp_path / "assets" / "fields.json").read_text("utf-8"))
    assert manifest["version"] == 1
    assert [s["id"] for s in manifest["steps"]] == list(STEP_IDS)
    # Toolkit order: by step, then place on the page, whatever order pages were built in.
    assert [(f["id"], f["order"]) for f in manifest["fields"]] == [
        ("connect-values", 0), ("connect-notes", 1), ("gratitude-notes", 2)]
    assert manifest["fields"][0] == {
        "id": "connect-values", "type": "text", "kind": "fill_in", "question": "I want",
        "page": "steps/connect.md", "url": "steps/connect/", "step": "connect",
        "lines": 2, "order": 0}


def test_each_build_starts_a_fresh_registry(tmp_path):
    env = FakeEnv(tmp_path)
    macros.define_env(env)
    env.page = FakePage("index.md", "")
    env.macros["notes"]("start-notes", "Notes")
    macros.define_env(env)  # mkdocs serve rebuilds: the same id is fine again
    env.macros["notes"]("start-notes", "Notes")


def test_booklet_links_are_relative_to_the_page(tmp_path):
    env = FakeEnv(tmp_path)
    macros.define_env(env)
    env.page = FakePage("steps/connect.md", "steps/connect/")
    assert 'href="../../booklet-letter.pdf"' in env.macros["booklet_links"]()
    env.page = FakePage("index.md", "")
    links = env.macros["booklet_links"]()
    assert 'href="booklet-letter.pdf"' in links and 'href="booklet-a4.pdf"' in links
    assert "US Letter paper" in links and "A4 paper" in links
