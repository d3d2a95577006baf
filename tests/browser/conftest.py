"""Browser fixtures: one headless Chromium for the session, a fresh context
(so a fresh, empty localStorage) for every test.

The site itself comes from the session fixture `site` in tests/conftest.py.
"""
from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

expect.set_options(timeout=5_000)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (`playwright install` cannot download browsers here)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: run `scripts/system-deps.sh test`", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    """A new browser profile for one test: nothing saved from other tests."""
    context = browser.new_context()
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
