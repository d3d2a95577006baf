"""hooks/minify_assets.py, called directly: names, config entries, site files."""
from __future__ import annotations

import hashlib

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from hooks import minify_assets


def _config(tmp_path, css, js):
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(docs), "site_dir": str(tmp_path / "site"),
                      "extra_css": css, "extra_javascript": js})
    errors, warnings = config.validate()
    assert not errors, errors
    config.plugins._current_plugin = "minify_assets"  # set by MkDocs while a hook runs
    return config, docs


def test_names_carry_a_hash_of_the_minified_text():
    name = minify_assets.minified_name("assets/toolkit.js", "a()")
    digest = hashlib.sha384(b"a()").hexdigest()[:6]
    assert name == f"assets/toolkit.{digest}.min.js"
    assert minify_assets.minified_name("assets/toolkit.js", "b()") != name


def test_local_scripts_and_stylesheets_are_minified_and_renamed(tmp_path):
    config, docs = _config(tmp_path, ["assets/site.css", "https://example.org/x.css"],
                           ["assets/site.js"])
    (docs / "assets" / "site.css").write_text("/* why */\np {\n  color: red;\n}\n")
    (docs / "assets" / "site.js").write_text(
        "// why\nconst s = `keep  ${x}  // this`;\nconst r = /a\\/b/g;\n")
    config = minify_assets.on_config(config)
    css_name, remote = config["extra_css"]
    js_name = str(config["extra_javascript"][0])  # a str or an ExtraScriptValue
    assert remote == "https://example.org/x.css", "another host's file is left alone"
    assert css_name.startswith("assets/site.") and css_name.endswith(".min.css")
    assert js_name.startswith("assets/site.") and js_name.endswith(".min.js")

    files = Files([File("assets/site.css", str(docs), config["site_dir"], False),
                   File("assets/site.js", str(docs), config["site_dir"], False)])
    files = minify_assets.on_files(files, config)
    published = {f.src_uri: f for f in files}
    assert set(published) == {css_name, js_name}, "the unminified originals are not published"
    assert published[css_name].content_string == "p{color:red}"
    script = published[js_name].content_string
    assert "// why" not in script and "`keep  ${x}  // this`" in script and "/a\\/b/g" in script


def test_a_listed_file_that_is_missing_stops_the_build(tmp_path):
    config, _ = _config(tmp_path, ["assets/missing.css"], [])
    with pytest.raises(PluginError, match="assets/missing.css"):
        minify_assets.on_config(config)
