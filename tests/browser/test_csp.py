"""Secure by default: a Content-Security-Policy in every page (hooks/csp.py)
that lets scripts run only from the site itself, and text people type is only
ever shown as text.

- Build: one policy, the same on every page, first in <head> (before any
  script or stylesheet); script-src is 'self' plus the sha256 of exactly the
  inline scripts the pages have; no 'unsafe-inline', no 'unsafe-eval'; no
  inline event handlers, style attributes or javascript: links anywhere.
- Browser: no policy violation while using the whole site (every page,
  search, instant navigation, the colour-scheme switch, saving to and loading
  from a file); the policy is really enforced (an injected inline script, eval
  and a style attribute are refused); typed HTML stays text everywhere.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from playwright.sync_api import expect

from hooks import csp

from .browser_helpers import (
    PageProblems,
    click_label,
    follow_link_instantly,
    open_page,
    sidebar_link,
    site_pages,
    storage_key,
    type_into,
)

TOOLKIT_JS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "toolkit.js"
JS_TYPES = csp.JS_TYPES


# ---- The built pages ------------------------------------------------------------------
def built_pages(site) -> dict[str, BeautifulSoup]:
    return {str(p.relative_to(site.dir)): BeautifulSoup(p.read_text("utf-8"), "html.parser")
            for p in sorted(site.dir.rglob("*.html"))}


def policy_of(soup: BeautifulSoup) -> dict[str, list[str]]:
    metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1
    return {d.split()[0]: d.split()[1:] for d in metas[0]["content"].split(";") if d.strip()}


def test_every_page_has_the_same_policy_first_in_head(site):
    pages = built_pages(site)
    assert {"index.html", "my-notes/index.html", "404.html"} <= set(pages)
    policies = set()
    for name, soup in pages.items():
        head = [el for el in soup.head.children if getattr(el, "name", None)]
        assert head[0].name == "meta" and head[0].get("charset"), name
        assert head[1].get("http-equiv") == "Content-Security-Policy", (
            f"{name}: the policy must come before any script or stylesheet")
        policies.add(head[1]["content"])
    assert len(policies) == 1, "instant navigation keeps the first page's policy: all must match"


def test_policy_lets_scripts_run_only_from_the_site(site):
    policy = policy_of(built_pages(site)["index.html"])
    scripts = policy["script-src"]
    assert scripts[0] == "'self'"
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", s) for s in scripts[1:]), scripts
    assert policy["default-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["font-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["worker-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    every_source = [s for sources in policy.values() for s in sources]
    for loose in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'",
                  "*", "http:", "https:", "blob:"):
        assert loose not in every_source
    assert not [s for s in every_source if "." in s or "//" in s], "no other host is allowed"


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_policy_hashes_exactly_the_inline_scripts_of_all_pages(site):
    pages = built_pages(site)
    inline = set()
    for soup in pages.values():
        for script in soup.find_all("script"):
            if script.get("src") is None and (script.get("type") or "").lower() in JS_TYPES:
                inline.add(sha256(script.string or ""))
    # The theme's inline scripts hold the path back to the site root: they differ by depth.
    assert len(inline) > 4
    assert set(policy_of(pages["index.html"])["script-src"][1:]) == inline


def test_no_inline_handlers_style_attributes_or_javascript_links(site):
    found = []
    for name, soup in built_pages(site).items():
        for el in soup.find_all(True):
            for attribute, value in el.attrs.items():
                if attribute.startswith("on") or attribute == "style":
                    found.append(f"{name}: <{el.name} {attribute}>")
                if attribute in ("href", "src", "action") and \
                        str(value).strip().lower().startswith("javascript:"):
                    found.append(f"{name}: <{el.name} {attribute}={value}>")
        found += [f"{name}: <style>" for _ in soup.find_all("style")]
    assert found == []


def test_the_build_stops_on_what_the_policy_would_block(tmp_path):
    """An author's onclick=, style="..." or <style> would silently stop working
    under the policy: the hook fails the build instead, naming the page."""
    page = tmp_path / "page" / "index.html"
    page.parent.mkdir()
    page.write_text('<html><head><meta charset="utf-8"></head><body>'
                    '<p style="color:red"><a href="#" onclick="go()">x</a></p></body></html>')
    with pytest.raises(PluginError) as error:
        csp.on_post_build({"site_dir": str(tmp_path)})
    assert "page/index.html" in str(error.value)
    assert "onclick" in str(error.value) and "style" in str(error.value)


def test_the_hook_writes_one_policy_even_when_run_twice(tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<!doctype html><html><head>\n<meta charset="utf-8">\n<title>t</title>'
                    "<script>var a=1</script></head><body>"
                    '<script type="application/json">{"not": "run"}</script></body></html>')
    csp.on_post_build({"site_dir": str(tmp_path)})
    csp.on_post_build({"site_dir": str(tmp_path)})
    soup = BeautifulSoup(page.read_text(), "html.parser")
    assert policy_of(soup)["script-src"] == ["'self'", sha256("var a=1")]


def test_toolkit_js_never_writes_html_or_evaluates_text():
    """Typed text reaches the page only as .value or .textContent."""
    source = TOOLKIT_JS.read_text("utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)
    for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                  "eval(", "new Function", "setAttribute(\"style\"", "setAttribute('style'",
                  ".onclick", "javascript:", "createContextualFragment", "DOMParser"):
        assert risky not in code, risky


# ---- In the browser -------------------------------------------------------------------
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', event => {
  window.hspCspViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') +
                         ' at ' + event.documentURI + ':' + event.lineNumber);
});
"""


@pytest.fixture
def watched(context):
    """A page whose CSP violations (events and console reports) are collected."""
    violations: list[str] = []
    context.expose_function("hspCspViolation", lambda text: violations.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text or "Refused to" in m.text else None)
    page.hsp_violations = violations
    return page


def test_no_policy_violation_while_using_the_whole_site(watched, site, tmp_path):
    page, page_errors = watched, []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    pages = site_pages(site)
    assert "my-notes/" in pages
    for path in pages + ["404.html"]:
        open_page(page, site, path)

    # Search runs in a web worker; a result opens by instant navigation.
    open_page(page, site, "")
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("gratitude")
    result = page.locator(".md-search-result__item a").first
    expect(result).to_be_visible()
    page.evaluate("window.__hspMarker = 1")
    result.click()
    expect(page).to_have_url(re.compile(r"/steps/gratitude/"))
    assert page.evaluate("window.__hspMarker") == 1, "the search result reloaded the page"

    # Instant navigation, and the fields restored after it.
    open_page(page, site, "steps/connect/")
    type_into(page, "connect-values-statement", "a calmer school day")
    follow_link_instantly(page, sidebar_link(page, "M: Monitor progress"), site, "steps/monitor/")
    click_label(page, "monitor-update-frequency--when-i-ask")
    follow_link_instantly(page, sidebar_link(page, "C: Connect with your values"),
                          site, "steps/connect/")
    expect(page.locator("#connect-values-statement")).to_have_value("a calmer school day")

    # The colour-scheme switch, both ways.
    page.click("label[for='__palette_1']")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.click("label[for='__palette_0']")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")

    # Save to a file (a blob: download) and load it back.
    follow_link_instantly(page, sidebar_link(page, "My notes"), site, "my-notes/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Save my answers to a file").click()
    saved = tmp_path / "answers.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text())["answers"]["connect-values-statement"] == \
        "a calmer school day"
    page.once("dialog", lambda dialog: dialog.accept())
    page.set_input_files("[data-hsp-import]", str(saved))
    expect(page.locator("[data-hsp-message]")).to_contain_text("Loaded")

    assert page.hsp_violations == []
    assert page_errors == []


def test_the_policy_is_enforced(watched, site):
    """What an attacker's injected markup would try: all refused."""
    page = watched
    open_page(page, site, "steps/gratitude/")
    ran = page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = 1';
        document.head.append(s);
        return window.__injected === 1; }""")
    assert ran is False
    # Text run as code later (the way eval works; the test tool's own calls are exempt).
    page.evaluate("() => { setTimeout('window.__evaluated = 1', 0); }")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__evaluated") is None
    colour = page.evaluate("""() => {
        const p = document.querySelector('article p');
        p.setAttribute('style', 'color: rgb(255, 0, 0)');
        return getComputedStyle(p).color; }""")
    assert colour != "rgb(255, 0, 0)"
    assert any("script-src" in v and "inline" in v for v in page.hsp_violations)
    assert any("script-src" in v and "eval" in v for v in page.hsp_violations)
    assert any("style-src" in v for v in page.hsp_violations)


HOSTILE = [
    '<img src=x onerror="window.__xss=1">',
    '"><script>window.__xss=2</script>',
    "<b onmouseover=window.__xss=3>bold?</b>",
]


def test_typed_html_is_shown_as_text_everywhere(watched, site, tmp_path):
    page, problems = watched, PageProblems(watched)
    open_page(page, site, "steps/connect/")
    type_into(page, "connect-values-statement", HOSTILE[0])
    open_page(page, site, "steps/communicate/")
    type_into(page, "communicate-notes", HOSTILE[1] + "\n" + HOSTILE[2])
    open_page(page, site, "steps/gratitude/")
    type_into(page, "gratitude-child-other-text", HOSTILE[2])
    # An answer to a question no longer in the toolkit, as loaded from a file.
    page.evaluate("([key, value]) => localStorage.setItem(key, JSON.stringify({v: value, t: ''}))",
                  [storage_key(site, "old-question"), HOSTILE[1]])

    open_page(page, site, "my-notes/")
    answers = page.locator("[data-hsp-answers]")
    expect(answers).to_contain_text(HOSTILE[0])
    expect(answers).to_contain_text(HOSTILE[1])
    expect(answers).to_contain_text("Something else: " + HOSTILE[2])
    assert answers.locator("img, script, b, [onerror], [onmouseover]").count() == 0
    answers.hover()
    assert page.evaluate("window.__xss") is None
    assert problems.dialogs == []
    assert page.hsp_violations == []
