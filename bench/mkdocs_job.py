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
        REBUILDS "stdin": after the first build, print a line and rebuild once
        per "rebuild" line read (so the caller can take turns with another site).

The caller times the whole process for a cold build; the rebuilds are timed here
(wall and CPU seconds).
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
    try:
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
        if log_file:
            lines = Path(log_file).read_text("utf-8").splitlines()
            result["editions"] = [json.loads(line) for line in lines]
    finally:
        if log_file:
            os.unlink(log_file)
    return result


def serve(config_file: str, site_dir: str, rebuilds: int | None) -> dict:
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
    def rebuild() -> dict:
        start, cpu = time.perf_counter(), time.process_time()
        again = get_config()
        again.site_url = serve_url
        mkdocs_build(again, serve_url=serve_url, dirty=False)
        return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu}

    try:
        start = time.perf_counter()
        mkdocs_build(config, serve_url=serve_url, dirty=False)
        first = time.perf_counter() - start
        times = []
        if rebuilds is None:  # driven by the caller, one rebuild per line
            print(json.dumps({"first": first}), flush=True)
            for line in sys.stdin:
                if line.strip() != "rebuild":
                    break
                print(json.dumps(rebuild()), flush=True)
        else:
            times = [rebuild() for _ in range(rebuilds)]
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
        result = serve(config_file, site_dir, None if argv[3] == "stdin" else int(argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
