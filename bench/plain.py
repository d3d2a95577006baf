"""The baseline: the same Markdown as a plain mkdocs-material site.

Same pages, same nav, same theme settings and Markdown extensions, and the
theme's own search; none of our parts: no macros plugin (component calls are
rendered away to the plain text of their questions, hints and options), no
with-pdf plugin, no hook, no overrides, no extra CSS, JavaScript or fonts.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import jinja2.meta
import yaml
from mkdocs.utils.yaml import yaml_load

from macros import option_list

# Our own assets in docs/: the plain site does without them.
OUR_ASSETS = ("assets/toolkit.js", "assets/toolkit.css", "assets/fonts")


def load_config(config_file: Path) -> dict:
    """The real mkdocs.yml as a dict (!ENV tags resolved as MkDocs does)."""
    with open(config_file, encoding="utf-8") as f:
        return yaml_load(f)


def nav_pages(nav) -> list[str]:
    """Source paths of the pages in `nav`, in order."""
    pages = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            pages += nav_pages(value)
        elif isinstance(value, str) and not value.startswith(("http:", "https:")):
            pages.append(value)
    return pages


def page_url(src: str) -> str:
    """The page's URL path relative to the site root (use_directory_urls)."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _paragraph(text) -> str:
    return f"\n\n{' '.join(str(text).split())}\n\n" if text else ""


def _text_field(id, question, hint=None, lines=None):
    return _paragraph(question) + _paragraph(hint)


def _options(id, question, hint=None, caller=None):
    parsed = option_list.parse(str(caller()) if caller else "")
    lines = []
    for group in parsed.groups:
        indent = ""
        if group.title:
            lines.append(f"- {group.title}" + (f" ({group.hint})" if group.hint else ""))
            indent = "    "
        for o in group.options:
            lines.append(f"{indent}- {o.label}" + (f" ({o.hint})" if o.hint else ""))
    if parsed.other:
        lines.append(f"- {parsed.other.label}")
    return _paragraph(question) + _paragraph(hint) + "\n".join(lines) + "\n\n"


def render_markdown(text: str, extra: dict, config: dict, unknown: set) -> str:
    """Render the page's Jinja like the macros plugin, with plain-text stand-ins
    for our components; any other name (a macro the plain site has no stand-in
    for) renders as nothing and is added to `unknown`."""
    env = jinja2.Environment(keep_trailing_newline=True)
    env.globals.update(extra)
    env.globals.update(config=config, fill_in=_text_field, notes=_text_field,
                       choice=_options, checklist=_options, booklet_links=lambda: "")
    for name in jinja2.meta.find_undeclared_variables(env.parse(text)):
        if name not in env.globals:
            unknown.add(name)
            env.globals[name] = lambda *args, **kwargs: ""
    return env.from_string(text).render()


def make(root: Path, target: Path, site_url: str) -> tuple[Path, list[str]]:
    """Write the plain project into `target` (served at `site_url`); return its
    mkdocs.yml and the names it did not know (rendered as nothing)."""
    config = load_config(root / "mkdocs.yml")
    docs_src = root / config.get("docs_dir", "docs")
    docs = target / "docs"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(docs_src, docs, ignore=shutil.ignore_patterns("__pycache__"))
    for asset in OUR_ASSETS:
        path = docs / asset
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    unknown: set = set()
    extra = {k: v for k, v in (config.get("extra") or {}).items()}
    for md in docs.rglob("*.md"):
        md.write_text(render_markdown(md.read_text("utf-8"), extra, config, unknown), "utf-8")

    theme = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    plugins = [p for p in config.get("plugins", []) if p == "search" or
               (isinstance(p, dict) and "search" in p)]
    plain = {
        "site_name": config["site_name"],
        "site_description": config.get("site_description"),
        "site_url": site_url,
        "copyright": config.get("copyright"),
        "nav": config.get("nav"),
        "theme": theme,
        "markdown_extensions": config.get("markdown_extensions", []),
        "plugins": plugins,
        "extra": {"generator": (config.get("extra") or {}).get("generator", True)},
    }
    config_file = target / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(plain, sort_keys=False, allow_unicode=True), "utf-8")
    return config_file, sorted(unknown)
