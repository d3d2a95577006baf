"""One MkDocs job, run by bench/run.py in a fresh process; prints one JSON line.

    mkdocs_job.py build CONFIG SITE_DIR [--editions]
        What `mkdocs build` does. With --editions, also records how long each
        booklet edition took to render (booklet.render.edition is wrapped with a
        timer; the hook's worker processes write one line each to a file).
    mkdocs_job.py serve CONFIG SITE_DIR REBUILDS
        What `mkdocs serve` does, without the HTTP server: the first build, then
        REBUILDS rebuilds exactly as serve runs them after an edit (the config
        is loaded again, plugins' on_startup is not called again). Under serve,
        booklet/hook.py skips the booklet: this is the site-only build.

The caller times the whole process for a cold build; the rebuilds are timed here.
"""
from __future__ import annotations

import functools
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time_editions(log_file: str) -> None:
    sys.path.insert(0, str(ROOT))
    from booklet import render

    original = render.edition

    @functools.wraps(original)
    def edition(html, site_dir, edition_config):
        start = time.perf_counter()
        size = original(html, site_dir, edition_config)
        seconds = time.perf_counter() - start
        with open(log_file, "a", encoding="utf-8") as f:
            f.write(json.dumps({"file": edition_config["file"], "name": edition_config["name"],
                                "seconds": seconds, "bytes": size}) + "\n")
        return size

    render.edition = edition  # pickled by name into the workers (fork): the timed one


def build(config_file: str, site_dir: str, editions: bool) -> dict:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    result: dict = {}
    log_file = None
    if editions:
        fd, log_file = tempfile.mkstemp(prefix="hsp-bench-editions-", suffix=".jsonl")
        os.close(fd)
        _time_editions(log_file)
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config, dirty=False)
    finally:
        config.plugins.on_shutdown()
    if log_file:
        lines = Path(log_file).read_text("utf-8").splitlines()
        result["editions"] = [json.loads(line) for line in lines]
        os.unlink(log_file)
    return result


def serve(config_file: str, site_dir: str, rebuilds: int) -> dict:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.livereload import _serve_url
    from urllib.parse import urlsplit

    def get_config():
        return load_config(config_file=config_file, site_dir=site_dir)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    serve_url = _serve_url(host, port, urlsplit(config.site_url or "/").path)
    config.site_url = serve_url
    try:
        start = time.perf_counter()
        mkdocs_build(config, serve_url=serve_url, dirty=False)
        first = time.perf_counter() - start
        times = []
        for _ in range(rebuilds):
            start = time.perf_counter()
            again = get_config()
            again.site_url = serve_url
            mkdocs_build(again, serve_url=serve_url, dirty=False)
            times.append(time.perf_counter() - start)
    finally:
        config.plugins.on_shutdown()
    return {"first": first, "rebuilds": times}


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    mode, config_file, site_dir = argv[:3]
    if mode == "build":
        result = build(config_file, site_dir, editions="--editions" in argv[3:])
    elif mode == "serve":
        result = serve(config_file, site_dir, int(argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
