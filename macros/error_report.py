"""Build errors that say where the mistake is: page, line and the faulty text.

With `on_error_fail: true` the macros plugin stops the build on any error,
but its message for errors raised while rendering (an unknown macro, an
undefined name, a missing include, our ComponentError) gives no line number
and a long traceback. Its `format_error` is a singledispatch function, meant
to be specialised by error type; we register a handler for runtime errors
that finds the line from the Jinja template frame in the traceback.
Syntax errors keep the plugin's own handler, which already names the line.
"""
from __future__ import annotations

from mkdocs_macros import errors as macros_errors

_installed = False


def template_line(error: BaseException) -> int | None:
    """The line of the page being rendered where `error` was raised."""
    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def describe(error: BaseException, markdown: str, page_path: str) -> str:
    line = template_line(error)
    where = f"{page_path}, line {line}" if line else page_path
    text = ""
    if line:
        lines = markdown.splitlines()
        if 0 < line <= len(lines):
            text = f"\n    {lines[line - 1].strip()}"
    return f"Macro error in {where}: {type(error).__name__}: {error}{text}"


def install() -> None:
    global _installed
    if _installed:
        return

    @macros_errors.format_error.register(Exception)
    def _runtime_error(error: Exception, markdown: str, page) -> str:
        return describe(error, markdown, page.file.src_path)

    _installed = True
