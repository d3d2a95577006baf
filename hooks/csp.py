"""MkDocs hook: a Content-Security-Policy in every built page.

The site is plain static files that can go on any host, so the policy cannot
rely on HTTP headers; it is a <meta http-equiv="Content-Security-Policy">
written into each page after the build, as the first element of <head> after
<meta charset> (a meta policy only covers what comes after it).

Scripts run only from the site itself ('self'), plus the theme's few small
inline scripts, allowed one by one by the sha256 of their text. Those differ
from page to page (they hold the path back to the site root, and 404.html
uses the site's absolute path), and the theme's instant navigation keeps the
first page's policy while it swaps in the next page's content and runs that
page's inline scripts. So every page carries the same policy, with the hashes
of the inline scripts of ALL pages.

No 'unsafe-inline', no 'unsafe-eval': the theme and toolkit.js need neither.
Styles come only from the site's own stylesheets (style-src 'self'); the
theme sets sizes and positions from its script through the CSSOM
(element.style.x = ...), which a policy does not block.

The build fails if a page has something the policy would block and that a
browser would then silently drop: an inline event handler (onclick=...), a
javascript: link, a style="..." attribute or a <style> element.
"""
from __future__ import annotations

import base64
import hashlib
import html as html_lib
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.csp")

# Script types a browser executes; anything else (application/json, ...) is data.
JS_TYPES = {
    "", "module", "text/javascript", "application/javascript", "application/ecmascript",
    "text/ecmascript", "application/x-javascript", "text/jscript", "text/livescript",
}

# Every directive but script-src. 'self' is the page's own origin. data: images
# are the theme's icons in its stylesheet (mask images written as data: URLs).
DIRECTIVES = (
    ("default-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

# Starts with a literal, so a search skips quickly through a whole page (a
# leading \s* made this the slowest step of every rebuild).
META_RE = re.compile(
    r"""<meta\s+http-equiv=["']?Content-Security-Policy["']?[^>]*>""", re.IGNORECASE
)
HEAD_RE = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
CHARSET_RE = re.compile(r"\s*<meta\s+charset=[^>]*>", re.IGNORECASE)


# A regular-expression scan rather than html.parser: it is several times
# faster, and this runs on every page after every edit under `mkdocs serve`.
# Script bodies and comments are taken out before tags are read, so markup
# inside a script's text or a comment never counts as a tag.
SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
TAG_RE = re.compile(
    r"""<([a-zA-Z][^\s/>]*)((?:\s*[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?)*)\s*/?>""")
ATTRIBUTE_RE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
# Only a tag whose attributes (lower-cased) contain one of these needs a closer
# look (plain substring tests: far faster than a regular expression per tag).
SUSPECT_MARKS = (" on", "\non", "\ton", "\ron", "\fon", "style", "javascript:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction")


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in ATTRIBUTE_RE.finditer(text):
        name = match.group(1).lower()
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        found.setdefault(name, html_lib.unescape(value))
    return found


class _PageScan:
    """The inline executable scripts of one page, and what the policy forbids."""

    def __init__(self, html: str):
        self.inline_scripts: list[str] = []
        self.problems: list[str] = []
        html = COMMENT_RE.sub("", html)
        for match in SCRIPT_RE.finditer(html):
            attributes = _attributes(match.group(1))
            executable = attributes.get("type", "").strip().lower() in JS_TYPES
            if executable and "src" not in attributes:
                self.inline_scripts.append(match.group(2))
        for match in TAG_RE.finditer(SCRIPT_RE.sub(self._script_tag_only, html)):
            tag = match.group(1).lower()
            if tag == "style":
                self.problems.append("<style> element")
            attributes = match.group(2).lower()
            if any(mark in attributes for mark in SUSPECT_MARKS):
                self._check(tag, _attributes(match.group(2)))

    @staticmethod
    def _script_tag_only(match) -> str:
        return f"<script{match.group(1)}></script>"

    def _check(self, tag: str, attributes: dict[str, str]) -> None:
        for name, value in attributes.items():
            if name.startswith("on"):
                self.problems.append(f"inline event handler <{tag} {name}=...>")
            elif name == "style":
                self.problems.append(f'style attribute <{tag} style="{value}">')
            elif name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL <{tag} {name}=...>")


def script_hash(text: str) -> str:
    """The CSP source for one inline script: sha256 of its text as the browser
    sees it (UTF-8, line breaks normalised to LF by the HTML parser)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def scan(html: str) -> _PageScan:
    # The policy already written by an earlier run must not count as content.
    return _PageScan(without_policy(html))


def without_policy(html: str) -> str:
    """The page without any policy meta, and without the line break and
    indent insert_meta put before it."""
    match = META_RE.search(html)
    while match:
        start = len(html[:match.start()].rstrip())
        html = html[:start] + html[match.end():]
        match = META_RE.search(html, start)
    return html


def policy(hashes: set[str]) -> str:
    script_src = " ".join(["'self'", *sorted(hashes)])
    directives = [DIRECTIVES[0], ("script-src", script_src), *DIRECTIVES[1:]]
    return "; ".join(f"{name} {value}" for name, value in directives)


def insert_meta(html: str, content: str) -> str:
    """The page with exactly one CSP meta, first in <head> after <meta charset>."""
    html = without_policy(html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    head = HEAD_RE.search(html)
    if head is None:
        raise PluginError("csp: a page has no <head> to put the policy in")
    position = head.end()
    charset = CHARSET_RE.match(html, position)
    if charset:
        position = charset.end()
    return html[:position] + "\n      " + meta + html[position:]


@event_priority(-100)  # after every other plugin and hook has written its files
def on_post_build(config, **kwargs) -> None:
    site_dir = Path(config["site_dir"])
    pages = sorted(site_dir.rglob("*.html"))
    texts, hashes, problems = {}, set(), []
    for path in pages:
        text = path.read_text("utf-8")
        page = scan(text)
        texts[path] = text
        hashes.update(script_hash(s) for s in page.inline_scripts)
        problems += [f"{path.relative_to(site_dir)}: {p}" for p in page.problems]
    if problems:
        raise PluginError(
            "csp: these would be blocked by the Content-Security-Policy "
            "(use the stylesheet, toolkit.js or an attribute instead):\n  "
            + "\n  ".join(problems)
        )
    content = policy(hashes)
    for path, text in texts.items():
        path.write_text(insert_meta(text, content), "utf-8")
    log.info("csp: policy with %d inline script hashes written into %d pages",
             len(hashes), len(pages))
