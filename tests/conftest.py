"""Shared fixtures: one real build of the site and booklets, served on 127.0.0.1.

The site is built once per test session with site_url set to the address of
the server that serves it, so the theme's instant navigation is really on in
the browser tests (it only intercepts links listed in sitemap.xml).
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "source" / "home-school-partnership-toolkit.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mkdocs_build(config: Path, site_dir: Path, env: dict | None = None, strict: bool = True):
    """Run `mkdocs build`; return the finished process (stdout and stderr merged)."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(
        command, cwd=config.parent, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


class Site:
    def __init__(self, directory: Path, url: str, log: str):
        self.dir, self.url, self.log = directory, url, log

    @functools.cached_property
    def manifest(self) -> dict:
        return json.loads((self.dir / "assets" / "fields.json").read_text("utf-8"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """The real site and booklets, built once, served at site.url."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", site_dir, env={"SITE_URL": url})
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(site_dir, url, result.stdout + result.stderr)
    server.shutdown()
