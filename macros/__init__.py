"""mkdocs-macros entry point: registers the worksheet components.

mkdocs.yml names this package (`module_name: macros`). The macros plugin
calls define_env() once per build, so each build starts a fresh registry,
and on_post_build() once the pages are written, to save the fields manifest.
"""
from __future__ import annotations

import functools

import mkdocs_macros.context

from .components import Components, PageContext, render, render_booklet_links
from .error_report import install as install_error_report
from .registry import Registry

__all__ = ["define_env", "on_post_build"]


def define_env(env) -> None:
    install_error_report()
    _git_info_once_per_process()
    registry = Registry()
    env.variables["hsp_registry"] = registry

    def current_page() -> PageContext:
        return PageContext.from_mkdocs_page(env.page)

    for name, function in Components(registry, current_page).macros().items():
        env.macro(function, name)

    @env.macro
    def my_notes() -> str:
        """The answer list and its buttons (save, load, print, delete) on "My notes"."""
        return render("my_notes")

    @env.macro
    def booklet_links() -> str:
        """Links to every booklet edition, relative to the current page."""
        page = current_page()
        return render_booklet_links(env.conf["extra"]["booklet"]["editions"], page.url)


def _git_info_once_per_process() -> None:
    """mkdocs-macros runs twelve `git` commands on every build to offer a
    `git` variable to pages (about 25 ms, a tenth of the rebuild budget under
    `mkdocs serve`). No page of ours uses it; ask git once per process."""
    info = mkdocs_macros.context.get_git_info
    if not hasattr(info, "cache_info"):
        mkdocs_macros.context.get_git_info = functools.cache(info)


def on_post_build(env) -> None:
    env.variables["hsp_registry"].write_manifest(env.conf["site_dir"])
