"""Page loads in Debian's Chromium (Playwright): transfer sizes and layout shifts.

Every load is a phone (the screen Lighthouse's mobile run emulates: 412 x 823
CSS px, touch) in a new browser profile, so nothing is cached or stored unless
the benchmark puts it there.
"""
from __future__ import annotations

import json
import shutil

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

PHONE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": ("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
                   "(KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36"),
}

# Lighthouse's mobile conditions ("Slow 4G" and a 4x slower CPU), applied for real.
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1638.4 * 1024 / 8,
           "uploadThroughput": 675 * 1024 / 8}
CPU_SLOWDOWN = 4


def chromium_path() -> str | None:
    return shutil.which("chromium")


class Browser:
    def __init__(self):
        from playwright.sync_api import sync_playwright

        executable = chromium_path()
        if executable is None:
            raise RuntimeError("Debian's chromium is not installed (scripts/system-deps.sh test)")
        self._playwright = sync_playwright().start()
        try:
            self.browser = self._playwright.chromium.launch(executable_path=executable,
                                                            args=CHROMIUM_FLAGS)
        except Exception:
            self._playwright.stop()
            raise
        self.version = self.browser.version

    def close(self):
        self.browser.close()
        self._playwright.stop()

    # ---- transfer ---------------------------------------------------------------
    def cold_load(self, server, url: str) -> list:
        """Load `url` in a new profile; return what the server sent for it
        (everything up to the moment the network has been quiet for a while,
        so the theme's fetches after load, e.g. the search index, count too)."""
        server.wait_quiet(0.3, 5)
        server.take_log()
        context = self.browser.new_context(**PHONE)
        try:
            page = context.new_page()
            page.goto(url, wait_until="load", timeout=60_000)
            server.wait_quiet(1.0, 20)
        finally:
            context.close()
        return server.take_log()

    # ---- layout shifts ----------------------------------------------------------
    def layout_shift(self, url: str, seed_url: str | None, fields: list[dict] | None,
                     slow: bool = True) -> dict:
        """CLS of one cold load of `url` (no HTTP cache) on a phone screen, with
        `slow`: throttled like Lighthouse's phone (Slow 4G, CPU / 4), else at
        full speed. With `fields` (the fields manifest), first save an answer
        to every field in this profile's storage, as a returning reader has."""
        context = self.browser.new_context(**PHONE)
        try:
            page = context.new_page()
            seeded = None
            if fields is not None:
                page.goto(seed_url, wait_until="load", timeout=60_000)
                seeded = page.evaluate(SEED_JS, fields)
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            if slow:
                cdp.send("Network.emulateNetworkConditions", SLOW_4G)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            page.goto(url, wait_until="load", timeout=120_000)
            try:
                page.wait_for_load_state("networkidle", timeout=30_000)
            except Exception:
                pass
            page.wait_for_timeout(1500)
            result = page.evaluate(CLS_JS)
            if seeded is not None:
                result["restored"] = page.evaluate(RESTORED_JS, seeded)
            return result
        finally:
            context.close()


# Save one answer per field, in the key format of docs/assets/toolkit.js.
SEED_JS = """(fields) => {
  const scope = (window.__md_scope || new URL(".", location.href)).pathname;
  const prefix = scope + "hsp:v1:";
  const words = "A saved answer long enough to fill the width of its box and run on to a second line, " +
                "so that restoring it would show any jump in the layout.";
  const seeded = {};
  for (const f of fields) {
    let v = words;
    if (f.type === "checkbox") v = true;
    else if (f.type === "radio") v = f.options[f.options.length - 1].id;
    else if (f.type === "textarea") v = Array(8).fill(words).join("\\n");
    seeded[f.id] = v;
    localStorage.setItem(prefix + f.id, JSON.stringify({v: v, t: new Date().toISOString()}));
  }
  return seeded;
}"""

# How many of the page's fields show their saved answer.
RESTORED_JS = """(seeded) => {
  const names = new Set(), ok = new Set();
  for (const el of document.querySelectorAll("[data-hsp-field]")) {
    if (!(el.name in seeded)) continue;
    const v = seeded[el.name];
    names.add(el.name);
    if (el.type === "checkbox" ? el.checked === (v === true)
        : el.type === "radio" ? (el.value === v && el.checked)
        : el.value === v) ok.add(el.name);
  }
  return {fields: names.size, restored: ok.size};
}"""

# CLS as Chrome and Lighthouse define it: the largest session window of shifts
# (gaps under 1 s, windows at most 5 s). Nothing here types or clicks, so every
# shift counts: Chrome flags the first ones after a page load as "recent input"
# when the screen size is emulated (crbug.com/1302667); Lighthouse counts those
# too, and a reader's phone, which emulates nothing, would see them.
CLS_JS = """async () => {
  const entries = await new Promise((resolve) => {
    const seen = [];
    const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
    observer.observe({type: "layout-shift", buffered: true});
    setTimeout(() => { observer.disconnect(); resolve(seen); }, 300);
  });
  const describe = (n) => {
    if (!n) return "(removed node)";
    if (n.nodeType !== 1) return n.nodeName;
    let s = n.tagName.toLowerCase();
    if (n.id) s += "#" + n.id;
    if (typeof n.className === "string" && n.className.trim())
      s += "." + n.className.trim().split(/\\s+/).join(".");
    return s;
  };
  let cls = 0, win = 0, first = 0, last = 0;
  const shifts = [];
  for (const e of entries) {
    if (win && e.startTime - last < 1000 && e.startTime - first < 5000) win += e.value;
    else { win = e.value; first = e.startTime; }
    last = e.startTime;
    cls = Math.max(cls, win);
    shifts.push({value: e.value, time: Math.round(e.startTime), input: e.hadRecentInput,
                 sources: (e.sources || []).map((s) => describe(s.node) + " " +
                   Math.round(s.previousRect.y) + "→" + Math.round(s.currentRect.y))});
  }
  return {cls: cls, shifts: shifts};
}"""


def load_fields(site_dir) -> list[dict] | None:
    manifest = site_dir / "assets" / "fields.json"
    if not manifest.is_file():
        return None
    return json.loads(manifest.read_text("utf-8"))["fields"]
