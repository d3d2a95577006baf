"""Lighthouse (npm `lighthouse` 12.2.3, bench/node_modules) with Debian's Chromium.

Mobile form factor and Lighthouse's default simulated throttling (Slow 4G,
4x CPU slowdown): the scores a phone user would get.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from browser import CHROMIUM_FLAGS, chromium_path

HERE = Path(__file__).resolve().parent
CLI = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices")


def unavailable() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not CLI.is_file():
        return "bench/node_modules is missing (run `make bench`, or `npm ci` in bench/)"
    if chromium_path() is None:
        return "Debian's chromium is not installed"
    return None


def version() -> str:
    try:
        package = json.loads((CLI.parent.parent / "package.json").read_text("utf-8"))
        return package["version"]
    except (OSError, ValueError, KeyError):
        return "?"


def run(url: str, timeout: float = 300) -> dict:
    """One Lighthouse mobile run of `url`. Returns scores (0-100), LCP and TBT
    in ms, CLS, and the ids of the failing accessibility and best-practice
    audits; or {"error": why}."""
    why = unavailable()
    if why:
        return {"error": why}
    with tempfile.TemporaryDirectory(prefix="hsp-lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        command = [
            shutil.which("node"), str(CLI), url,
            "--quiet", "--output=json", f"--output-path={report}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--chrome-flags=" + " ".join(CHROMIUM_FLAGS + [f"--user-data-dir={tmp}/profile"]),
            "--max-wait-for-load=60000",
        ]
        env = {**os.environ, "CHROME_PATH": chromium_path()}
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  env=env, cwd=tmp)
        except subprocess.TimeoutExpired:
            return {"error": f"lighthouse took more than {timeout:.0f} s"}
        if done.returncode != 0 or not report.is_file():
            last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            return {"error": f"lighthouse exited {done.returncode}: {last[0][:200]}"}
        return parse(json.loads(report.read_text("utf-8")))


def parse(lhr: dict) -> dict:
    if lhr.get("runtimeError"):
        return {"error": f"lighthouse: {lhr['runtimeError'].get('message', lhr['runtimeError'])}"}
    audits = lhr["audits"]
    scores = {}
    for name in CATEGORIES:
        score = lhr["categories"].get(name, {}).get("score")
        scores[name] = None if score is None else round(score * 100)

    def value(audit_id):
        return audits.get(audit_id, {}).get("numericValue")

    failing = {}
    for name in ("accessibility", "best-practices"):
        ids = []
        for ref in lhr["categories"].get(name, {}).get("auditRefs", []):
            audit = audits.get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                ids.append(ref["id"])
        failing[name] = ids
    return {
        "scores": scores,
        "lcp_ms": value("largest-contentful-paint"),
        "tbt_ms": value("total-blocking-time"),
        "cls": value("cumulative-layout-shift"),
        "fcp_ms": value("first-contentful-paint"),
        "failing": failing,
        "warnings": lhr.get("runWarnings", []),
        "benchmark_index": lhr.get("environment", {}).get("benchmarkIndex"),
    }


def median_run(url: str, runs: int) -> dict:
    """`runs` Lighthouse runs of `url`; the run with the median performance
    score (all its figures together, as Lighthouse advises), with the spread."""
    results = [run(url) for _ in range(runs)]
    good = [r for r in results if "error" not in r]
    if not good:
        return results[0]
    good.sort(key=lambda r: r["scores"]["performance"] or 0)
    chosen = dict(good[(len(good) - 1) // 2])
    chosen["runs"] = len(good)
    chosen["performance_all"] = [r["scores"]["performance"] for r in good]
    return chosen
