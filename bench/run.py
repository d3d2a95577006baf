#!/usr/bin/env python3
"""Speed and size benchmark: the toolkit next to a plain mkdocs-material site
built from the same Markdown, checked against the budgets in the README.

    make bench                          # or: .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --fast   # 1 repetition, Lighthouse on one page (CI)

Prints one table to stdout (progress goes to stderr). Exits 0 when the
benchmark ran to the end, whatever the figures: budgets are reported, never
enforced by the exit code. Exits 1 only if a build fails or the benchmark
itself breaks.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

import browser as browser_mod  # noqa: E402
import lighthouse  # noqa: E402
import plain  # noqa: E402
from server import Server  # noqa: E402

JOB = HERE / "mkdocs_job.py"
REBUILDS = 10  # rebuilds per round under `mkdocs serve`: short and noisy, so take many
KB = 1024

# ---- The budgets (README, "Benchmark and budgets") ---------------------------------
BUDGET_OUR_JS = 5 * KB            # our JavaScript on a page, gzip
BUDGET_STEP_PAGE = 110 * KB       # a step page's cold load, gzip, fonts included
BUDGET_PERFORMANCE = 98           # Lighthouse mobile
BUDGET_ACCESSIBILITY = 100
BUDGET_CLS = 0.0                  # as shown with two decimals: 0.00
BUDGET_SITE_ONLY = 1.3            # rebuild on edit (mkdocs serve) vs the plain site's
BUDGET_FULL = 6.0                 # mkdocs build with both booklets vs the plain build


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


class BuildFailed(Exception):
    pass


def run_job(args: list[str], cwd: Path, env: dict) -> tuple[float, float, dict]:
    """Run bench/mkdocs_job.py in a fresh Python; return (wall seconds, CPU
    seconds of it and its worker processes, its JSON)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(JOB), *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise BuildFailed(f"{' '.join(map(str, args[:2]))} failed:\n{tail}")
    return seconds, cpu, json.loads(done.stdout.strip().splitlines()[-1])


class Rebuilder:
    """A `mkdocs serve`-like process that rebuilds its site when asked."""

    def __init__(self, config: Path, site_dir: Path, env: dict):
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(
            [sys.executable, str(JOB), "serve", str(config), str(site_dir), "stdin"],
            cwd=config.parent, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.log, text=True)
        self._read()  # the first build

    def _read(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            self.log.seek(0)
            tail = "\n".join(self.log.read().strip().splitlines()[-15:])
            raise BuildFailed(f"serve {self.process.args[3]} failed:\n{tail}")
        return json.loads(line)

    def rebuild(self) -> dict:
        self.process.stdin.write("rebuild\n")
        self.process.stdin.flush()
        return self._read()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=60)
        self.log.close()


def built(site_dir: Path, ext: str) -> set[str]:
    return {p.relative_to(site_dir).as_posix() for p in site_dir.rglob(f"*.{ext}")}


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ---- measuring --------------------------------------------------------------------
def measure_builds(reps: int, plain_config: Path, work: Path, toolkit_env: dict,
                   plain_env: dict) -> dict:
    """Cold builds, plain and toolkit in turn, `reps` rounds; then rebuilds as
    under `mkdocs serve`, the two sites' serve processes taking turns."""
    toolkit_config = ROOT / "mkdocs.yml"
    runs = {"cold_plain": [], "cold_full": [], "cold_site": [], "warm_plain": [], "warm_site": []}
    cpu = {key: [] for key in runs}
    editions: dict = {}
    for rep in range(reps):
        progress(f"cold builds, round {rep + 1} of {reps}")
        jobs = (("cold_plain", ["build", plain_config, work / "plain-site"], plain_config.parent,
                 plain_env),
                ("cold_full", ["build", toolkit_config, work / "toolkit-site", "--editions"], ROOT,
                 toolkit_env),
                ("cold_site", ["serve", toolkit_config, work / "toolkit-serve", 0], ROOT,
                 toolkit_env))
        for key, args, cwd, env in jobs:
            seconds, used, result = run_job(args, cwd, env)
            runs[key].append(seconds)
            cpu[key].append(used)
            for e in result.get("editions", []):
                editions.setdefault(e["file"], {"name": e["name"], "seconds": []})
                editions[e["file"]]["seconds"].append(e["seconds"])
    progress(f"rebuilds as under mkdocs serve, {reps * REBUILDS} each, taking turns")
    plain_serve = Rebuilder(plain_config, work / "plain-serve", plain_env)
    try:
        toolkit_serve = Rebuilder(toolkit_config, work / "toolkit-serve", toolkit_env)
        try:
            for n in range(reps * REBUILDS):
                order = [("warm_plain", plain_serve), ("warm_site", toolkit_serve)]
                for key, process in (order if n % 2 == 0 else order[::-1]):
                    result = process.rebuild()
                    runs[key].append(result["seconds"])
                    cpu[key].append(result["cpu"])
        finally:
            toolkit_serve.close()
    finally:
        plain_serve.close()
    for file, edition in editions.items():
        path = work / "toolkit-site" / file
        edition["bytes"] = path.stat().st_size if path.is_file() else None
    return {**runs, "cpu": cpu, "editions": editions}


def kind_of(sent) -> str:
    t = sent.content_type
    if t == "text/html":
        return "html"
    if t == "text/css":
        return "css"
    if "javascript" in t:
        return "js"
    if t.startswith("font/") or sent.path.endswith((".woff2", ".woff", ".ttf")):
        return "fonts"
    return "other"


def summarise_load(log, own_js: set, own_css: set) -> dict:
    by_kind = {"html": 0, "css": 0, "js": 0, "fonts": 0, "other": 0}
    own = {"js": 0, "css": 0}
    for sent in log:
        by_kind[kind_of(sent)] += sent.body_bytes
        rel = sent.path.lstrip("/")
        if rel in own_js:
            own["js"] += sent.body_bytes
        elif rel in own_css:
            own["css"] += sent.body_bytes
    return {"total": sum(by_kind.values()) - by_kind["other"], "all": sum(by_kind.values()),
            "by_kind": by_kind, "own": own,
            "requests": len(log), "files": sorted({s.path for s in log}),
            "errors": sorted({f"{s.status} {s.path}" for s in log if s.status >= 400})}


def measure_pages(pages: list[str], servers: dict, sites: dict, own_js: set, own_css: set,
                  lighthouse_pages: list[str], lighthouse_runs: int, fast: bool) -> dict:
    result = {"transfer": {}, "cls": {}, "lighthouse": {}, "errors": {}}
    if not pages:
        return result
    try:
        chromium = browser_mod.Browser()
    except Exception as error:  # no Chromium or Playwright: say why, carry on
        result["errors"]["browser"] = f"{type(error).__name__}: {error}".splitlines()[0]
        chromium = None
    if chromium is not None:
        result["chromium"] = chromium.version
        try:
            for name in ("plain", "toolkit"):
                for path in pages:
                    progress(f"cold load, {name} /{path}")
                    log = chromium.cold_load(servers[name], servers[name].url + path)
                    result["transfer"][(name, path)] = summarise_load(log, own_js, own_css)
            fields = browser_mod.load_fields(sites["toolkit"])
            for path in pages:
                progress(f"layout shifts, /{path}")
                url, entry = servers["toolkit"].url + path, {}
                for speed in ("fast", "slow"):
                    slow = speed == "slow"
                    entry[f"toolkit_empty_{speed}"] = chromium.layout_shift(url, None, None, slow)
                    if fields is not None:
                        entry[f"toolkit_saved_{speed}"] = chromium.layout_shift(
                            url, servers["toolkit"].url, fields, slow)
                    if not fast:
                        entry[f"plain_empty_{speed}"] = chromium.layout_shift(
                            servers["plain"].url + path, None, None, slow)
                result["cls"][path] = entry
        except Exception as error:
            result["errors"]["browser"] = f"{type(error).__name__}: {error}".splitlines()[0]
            traceback.print_exc(file=sys.stderr)
        finally:
            chromium.close()
    why = lighthouse.unavailable()
    for path in lighthouse_pages:
        for name in ("plain", "toolkit"):
            if why:
                result["lighthouse"][(name, path)] = {"error": why}
                continue
            progress(f"lighthouse, {name} /{path}")
            try:
                result["lighthouse"][(name, path)] = lighthouse.median_run(
                    servers[name].url + path, lighthouse_runs)
            except Exception as error:
                result["lighthouse"][(name, path)] = {"error": f"{type(error).__name__}: {error}"}
    return result


# ---- the table --------------------------------------------------------------------
class Table:
    HEAD = ("measure", "plain", "toolkit", "ratio", "budget", "result")

    def __init__(self):
        self.rows: list[tuple] = []
        self.counts = {"pass": 0, "FAIL": 0, "not measured": 0}

    def row(self, measure, plain_value="", toolkit_value="", ratio="", budget="", ok=None,
            result=None):
        if result is None:
            result = "" if ok is None and not budget else \
                "not measured" if ok is None else "pass" if ok else "FAIL"
        if result in self.counts:
            self.counts[result] += 1
        self.rows.append((measure, plain_value, toolkit_value, ratio, budget, result))

    def render(self) -> str:
        widths = [max(len(str(r[i])) for r in [self.HEAD, *self.rows]) for i in range(6)]

        def line(cells):
            return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"

        out = [line(self.HEAD), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        out += [line(r) for r in self.rows]
        return "\n".join(out)


def s(seconds) -> str:
    return "—" if seconds is None else f"{seconds:.2f} s"


def kb(size) -> str:
    return "—" if size is None else f"{size / KB:.1f} KB"


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def x(value) -> str:
    return "—" if value is None else f"{value:.2f}×"


def cls_text(value) -> str:
    return "—" if value is None else f"{value:.3f}"


def cls_ok(value):
    return None if value is None else round(value, 2) <= BUDGET_CLS


def build_rows(table: Table, builds: dict, notes: list[str]) -> None:
    m = {key: median(builds[key]) for key in
         ("cold_plain", "cold_full", "cold_site", "warm_plain", "warm_site")}
    cpu = {key: median(values) for key, values in builds["cpu"].items()}

    def t(key):
        return "—" if m[key] is None else f"{m[key]:.2f} s (cpu {cpu[key]:.2f})"

    r = ratio(m["cold_full"], m["cold_plain"])
    table.row("build: `mkdocs build`, site + both booklets", t("cold_plain"), t("cold_full"),
              x(r), f"≤ {BUDGET_FULL:g}×", None if r is None else r <= BUDGET_FULL)
    r = ratio(m["warm_site"], m["warm_plain"])
    table.row("build: site only, rebuild on edit (`mkdocs serve`)", t("warm_plain"),
              t("warm_site"), x(r), f"≤ {BUDGET_SITE_ONLY:g}×",
              None if r is None else r <= BUDGET_SITE_ONLY)
    table.row("build: site only, first build (new process)", t("cold_plain"), t("cold_site"),
              x(ratio(m["cold_site"], m["cold_plain"])), "", None, "info")
    stage = None if m["cold_full"] is None or m["cold_site"] is None \
        else m["cold_full"] - m["cold_site"]
    table.row("booklet step (full build − site-only first build)", "", s(stage), "", "", None,
              "info")
    for file, e in sorted(builds["editions"].items()):
        table.row(f"booklet {e['name']} ({file}): render, size", "",
                  f"{s(median(e['seconds']))}, {kb(e['bytes'])}", "", "", None, "info")
    if not builds["editions"]:
        notes.append("booklet editions: no per-edition times were recorded")


def page_rows(table: Table, pages: list[str], measured: dict, step_pages: set,
              lighthouse_pages: list[str], notes: list[str]) -> None:
    transfer, cls, lh = measured["transfer"], measured["cls"], measured["lighthouse"]
    browser_error = measured["errors"].get("browser")
    for path in pages:
        label = "/" + path
        p, t = transfer.get(("plain", path)), transfer.get(("toolkit", path))
        is_step = path in step_pages
        if t is None:
            table.row(f"{label} cold load, gzip", "", "", "",
                      f"≤ {BUDGET_STEP_PAGE // KB} KB" if is_step else "", None,
                      "not measured" if is_step else f"not measured: {browser_error}")
            if is_step:
                notes.append(f"{label}: transfer not measured: {browser_error}")
        else:
            r = ratio(t["total"], p["total"] if p else None)
            table.row(f"{label} cold load: HTML+CSS+JS+fonts, gzip",
                      kb(p["total"]) if p else "—", kb(t["total"]), x(r),
                      f"≤ {BUDGET_STEP_PAGE // KB} KB" if is_step else "",
                      t["total"] <= BUDGET_STEP_PAGE if is_step else None,
                      None if is_step else "info")

            def split(d):
                k = d["by_kind"]
                return (" · ".join(f"{k[n] / KB:.1f}" for n in ("html", "css", "js", "fonts"))
                        + f" | {k['other'] / KB:.1f} | {d['all'] / KB:.1f} ({d['requests']})")

            table.row("  html · css · js · fonts | other | all (requests), KB",
                      split(p) if p else "—", split(t), "", "", None, "info")
            own = t["own"]
            table.row("  our JS · our CSS, gzip", "—", f"{kb(own['js'])} · {kb(own['css'])}", "",
                      f"JS ≤ {BUDGET_OUR_JS // KB} KB", own["js"] <= BUDGET_OUR_JS)
            for name, d in (("plain", p), ("toolkit", t)):
                if d and d["errors"]:
                    notes.append(f"{label} ({name}): error responses: {', '.join(d['errors'])}")
        c = cls.get(path)
        if c is not None:
            def value(key):
                return c.get(key, {}).get("cls")

            def pair(who):
                return " · ".join(
                    "/".join(cls_text(value(f"{who}_{state}_{speed}")) for speed in ("fast", "slow"))
                    for state in (("empty",) if who == "plain" else ("empty", "saved")))

            measured_values = [v for k in c if k.startswith("toolkit") for v in [value(k)]
                               if v is not None]
            worst = max(measured_values) if measured_values else None
            shown = pair("toolkit")
            restored = c.get("toolkit_saved_slow", {}).get("restored") or {}
            if restored.get("fields"):
                shown += f" ({restored['restored']}/{restored['fields']} restored)"
            table.row("  CLS fast/slow: no answers · saved answers",
                      pair("plain") if "plain_empty_slow" in c else "—", shown, "", "0.00",
                      cls_ok(worst))
            if restored.get("fields") and restored["restored"] < restored["fields"]:
                notes.append(f"{label}: only {restored['restored']} of {restored['fields']} fields "
                             "showed their saved answer: the restore check is incomplete")
            # Each distinct shift once, with the loads it happened in.
            seen: dict[str, list[str]] = {}
            for key in sorted(k for k in c if k.startswith("toolkit")):
                _, state, speed = key.split("_")
                for sh in c[key].get("shifts", []):
                    if sh["value"] >= 0.0005:
                        what = f"{sh['value']:.3f} ({', '.join(sh['sources'][:3])})"
                        seen.setdefault(what, []).append(
                            f"{speed}/{'saved' if state == 'saved' else 'empty'} {sh['time']} ms")
            for what, where in seen.items():
                notes.append(f"{label}: shift {what} in: {', '.join(where)}")
        elif browser_error:
            table.row("  CLS fast/slow: no answers · saved answers", "", "", "", "0.00", None,
                      "not measured")
        if path in lighthouse_pages:
            lp, lt = lh.get(("plain", path), {}), lh.get(("toolkit", path), {})

            def scores(d):
                if "error" in d:
                    return "not run"
                sc = d["scores"]
                text = " · ".join("—" if sc[k] is None else str(sc[k]) for k in lighthouse.CATEGORIES)
                spread = d.get("performance_all") or []
                if len(spread) > 1:
                    text += f" (perf {min(spread)}–{max(spread)} in {len(spread)} runs)"
                return text

            def metrics(d):
                if "error" in d:
                    return "not run"
                return (f"{d['lcp_ms'] / 1000:.2f} s · {d['tbt_ms']:.0f} ms · "
                        f"{cls_text(d['cls'])}")

            if "error" in lt:
                ok_scores = ok_cls = None
                notes.append(f"{label}: Lighthouse not run: {lt['error']}")
            else:
                sc = lt["scores"]
                ok_scores = (sc["performance"] or 0) >= BUDGET_PERFORMANCE and \
                    (sc["accessibility"] or 0) >= BUDGET_ACCESSIBILITY
                ok_cls = cls_ok(lt["cls"])
                for cat, ids in lt["failing"].items():
                    if ids:
                        notes.append(f"{label}: Lighthouse {cat} audits failing: {', '.join(ids)}")
            if "error" in lp and "error" not in lt:
                notes.append(f"{label} (plain): Lighthouse not run: {lp['error']}")
            table.row("  Lighthouse mobile: perf · a11y · best pr.", scores(lp), scores(lt), "",
                      f"≥ {BUDGET_PERFORMANCE} · {BUDGET_ACCESSIBILITY} · —", ok_scores)
            table.row("  Lighthouse LCP · TBT · CLS", metrics(lp), metrics(lt), "",
                      "CLS 0.00", ok_cls)


def make_table(builds, measured, pages, step_pages, lighthouse_pages, own_js, own_css,
               notes, site_dir: Path) -> Table:
    table = Table()
    if builds.get("error"):
        table.row("builds", "", "", "", "", None, "not measured")
        notes.append(builds["error"])
    else:
        build_rows(table, builds, notes)
    for rel in sorted(own_js | own_css):
        path = site_dir / rel
        if path.is_file():
            data = path.read_bytes()
            table.row(f"our file {rel}, as served: raw → gzip", "", f"{kb(len(data))} → "
                      f"{kb(len(gzip.compress(data, 6, mtime=0)))}", "", "", None, "info")
    page_rows(table, pages, measured, step_pages, lighthouse_pages, notes)
    indexes = [d.get("benchmark_index") for d in measured["lighthouse"].values()
               if d.get("benchmark_index")]
    if indexes:
        notes.append(f"Lighthouse benchmarkIndex of this machine: {min(indexes):.0f}–{max(indexes):.0f} "
                     "(its CPU speed score; lower means slower, which raises TBT and lowers "
                     "performance scores)")
    return table


# ---- main -------------------------------------------------------------------------
def versions(chromium: str | None) -> str:
    def v(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"
    node = shutil.which("node")
    node_v = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip() \
        if node else "none"
    return (f"mkdocs {v('mkdocs')}, mkdocs-material {v('mkdocs-material')}, "
            f"weasyprint {v('weasyprint')}, chromium {chromium or '?'}, "
            f"lighthouse {lighthouse.version() if lighthouse.CLI.is_file() else 'not installed'}, "
            f"node {node_v}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true",
                        help="1 repetition, Lighthouse on one step page, no plain-site CLS (CI)")
    parser.add_argument("--reps", type=int, help="build repetitions (median); default 3, fast 1")
    parser.add_argument("--lighthouse", default=None,
                        help="pages for Lighthouse: 'all', 'none' or a comma list of paths "
                             "like steps/communicate/ (default all; fast: one step page)")
    parser.add_argument("--lighthouse-runs", type=int, default=1,
                        help="Lighthouse runs per page; the median run is shown (default 1)")
    parser.add_argument("--builds-only", action="store_true",
                        help="only the build rows (no page loads, no Lighthouse)")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    if os.environ.get("CI") == "true" and not args.fast and args.reps is None:
        progress("CI=true: pass --fast for the short run")
    reps = args.reps or (1 if args.fast else 3)

    load_start = os.getloadavg()
    started = time.time()
    work = Path(tempfile.mkdtemp(prefix="hsp-bench-"))
    servers = {"plain": Server(), "toolkit": Server()}
    notes: list[str] = []
    try:
        progress(f"work folder {work}")
        plain_config, unknown = plain.make(ROOT, work / "plain", servers["plain"].url)
        if unknown:
            notes.append("plain site: rendered as nothing (no plain stand-in): "
                         + ", ".join(unknown))
        config = plain.load_config(ROOT / "mkdocs.yml")
        page_files = plain.nav_pages(config.get("nav"))
        pages = [plain.page_url(src) for src in page_files]
        step_pages = {plain.page_url(src) for src in page_files if src.startswith("steps/")}

        base_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        base_env.pop("BOOKLET", None)
        toolkit_env = {**base_env, "SITE_URL": servers["toolkit"].url}
        try:
            builds = measure_builds(reps, plain_config, work, toolkit_env, base_env)
        except BuildFailed as error:
            print(f"bench: a build failed, nothing to measure:\n{error}", file=sys.stderr)
            return 1

        sites = {"plain": work / "plain-site", "toolkit": work / "toolkit-site"}
        # Our JavaScript and CSS: what the toolkit's site has and the plain
        # mkdocs-material site has not (as built: minified or renamed files too).
        own_js, own_css = (built(sites["toolkit"], ext) - built(sites["plain"], ext)
                           for ext in ("js", "css"))
        for name, server in servers.items():
            server.serve(sites[name])
        if args.lighthouse in (None, "") and args.fast:
            fields = browser_mod.load_fields(sites["toolkit"]) or []
            counts = {p: sum(1 for f in fields if plain.page_url(f["page"]) == p)
                      for p in step_pages}
            lighthouse_pages = [max(sorted(counts), key=counts.get)] if counts else pages[:1]
        elif args.lighthouse in (None, "", "all"):
            lighthouse_pages = pages
        elif args.lighthouse == "none":
            lighthouse_pages = []
        else:
            lighthouse_pages = [p.strip().lstrip("/") for p in args.lighthouse.split(",")]
        if args.builds_only:
            pages, lighthouse_pages = [], []
        measured = measure_pages(pages, servers, sites, own_js, own_css, lighthouse_pages,
                                 args.lighthouse_runs, args.fast)

        table = make_table(builds, measured, pages, step_pages, lighthouse_pages, own_js, own_css,
                           notes, sites["toolkit"])
        load_end = os.getloadavg()
        print(f"Benchmark, {time.strftime('%Y-%m-%d %H:%M')}: {os.cpu_count()} cores, "
              f"load average {load_start[0]:.1f} at start, {load_end[0]:.1f} at end; "
              f"{reps} build repetition(s), medians; {platform.python_version()} Python")
        print(versions(measured.get("chromium")))
        print("Sizes: bytes sent by a local server that gzips text (level 6) like a static host; "
              "KB = 1024 bytes, headers not counted; 'other' is what the page fetches besides "
              "HTML, CSS, JS and fonts (search index, sitemap, favicon, fields manifest). CLS: cold loads on a phone screen, 'fast' at "
              "full speed, 'slow' with Slow 4G and CPU / 4; 'saved answers': every field of the "
              "site has an answer in storage.")
        print()
        print(table.render())
        print()
        c = table.counts
        print(f"Budgets: {c['pass']} pass, {c['FAIL']} FAIL, {c['not measured']} not measured. "
              f"Timings are noisy on a busy machine; they never fail the run. "
              f"({time.time() - started:.0f} s)")
        for note in notes:
            print(f"- {note}")
        if args.json:
            raw = {"builds": builds, "measured": {k: ({"/".join(kk) if isinstance(kk, tuple) else kk: vv
                                                         for kk, vv in v.items()} if isinstance(v, dict) else v)
                                                    for k, v in measured.items()},
                   "counts": c, "notes": notes}
            args.json.write_text(json.dumps(raw, indent=1, default=str), "utf-8")
        return 0
    finally:
        for server in servers.values():
            server.close()
        if args.keep:
            progress(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
