/*
 * Worksheet answers: saved in this browser as you type, restored on every visit.
 *
 * - One localStorage key per answer: "<site path>hsp:v1:<field id>", holding
 *   {"v": value, "t": time saved}. The site's path in front keeps two sites on
 *   one origin apart (the theme does the same for its own keys).
 * - Saved on every input/change, synchronously, so closing the tab right
 *   after typing loses nothing.
 * - Listeners sit on the document once; the theme's instant navigation swaps
 *   the page content without reloading, so after each swap (document$) we
 *   only restore the new page's fields. Nothing is ever bound twice.
 * - If storage throws (blocked, private mode, full), answers stay in memory
 *   for this visit and the page says plainly that they are not being kept.
 * - Typed text is only ever set as a field's value, never as HTML.
 */
(function () {
  "use strict";

  var FIELD = "[data-hsp-field]";
  var scope = (window.__md_scope || new URL(".", location.href)).pathname;
  var PREFIX = scope + "hsp:v1:";

  // ---- The answer store ---------------------------------------------------
  var memory = {}; // every answer of this visit, so nothing typed is lost
  var storageWorks = true;

  function storage() {
    return window.localStorage; // may throw (SecurityError) or be null
  }

  function read(id) {
    try {
      var raw = storage().getItem(PREFIX + id);
      if (raw !== null) {
        var entry = JSON.parse(raw);
        if (entry && typeof entry === "object" && "v" in entry) return entry.v;
      }
    } catch (e) {
      storageWorks = false;
    }
    return Object.prototype.hasOwnProperty.call(memory, id) ? memory[id] : null;
  }

  function write(id, value) {
    var empty = value === null || value === false || value === "";
    if (empty) delete memory[id];
    else memory[id] = value;
    try {
      if (empty) storage().removeItem(PREFIX + id);
      else storage().setItem(PREFIX + id, JSON.stringify({ v: value, t: new Date().toISOString() }));
      storageWorks = true;
    } catch (e) {
      // A failed write leaves the earlier saved answer as it was.
      storageWorks = false;
    }
    showStatus();
  }

  // ---- Fields on the page -------------------------------------------------
  function valueOf(el) {
    if (el.type === "checkbox") return el.checked;
    if (el.type === "radio") return el.checked ? el.value : undefined;
    return el.value;
  }

  function show(el, value) {
    if (el.type === "checkbox") el.checked = value === true;
    else if (el.type === "radio") el.checked = value === el.value;
    else if (el.value !== (value || "")) el.value = value || "";
  }

  function fieldsOf(root) {
    return Array.prototype.slice.call(root.querySelectorAll(FIELD));
  }

  function restore() {
    fieldsOf(document).forEach(function (el) {
      show(el, read(el.name));
    });
    showStatus();
  }

  function save(el) {
    var value = valueOf(el);
    if (value === undefined) return; // an unticked radio: its checked sibling saves
    write(el.name, value);
    // Writing in an "Other" box ticks its checkbox (clearing it does not untick).
    var otherFor = el.getAttribute("data-hsp-other-for");
    if (otherFor && value !== "") {
      var box = document.getElementById(otherFor);
      if (box && !box.checked) {
        box.checked = true;
        write(box.name, true);
      }
    }
  }

  function onEdit(event) {
    var el = event.target;
    if (el && el.matches && el.matches(FIELD)) save(el);
  }

  // ---- Status line ----------------------------------------------------------
  var lastStatus = null;

  function showStatus() {
    var status = document.querySelector("[data-hsp-status]");
    if (!status) return;
    var text = "";
    if (document.querySelector(FIELD)) {
      text = storageWorks
        ? "Your answers are saved on this device as you type. They are not sent anywhere."
        : "Your answers can't be saved in this browser. They stay only until you close this page.";
    }
    status.classList.toggle("hsp-status--problem", !storageWorks);
    // Only touch the live region when the message changes, so it is announced once.
    if (status.textContent !== text || lastStatus !== status) status.textContent = text;
    lastStatus = status;
  }

  // ---- Wiring -----------------------------------------------------------------
  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);

  // Another tab saved an answer: show it here too.
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf(PREFIX) !== 0) {
      if (event.key === null) restore(); // the other tab cleared everything
      return;
    }
    var id = event.key.slice(PREFIX.length);
    delete memory[id];
    fieldsOf(document).forEach(function (el) {
      if (el.name === id) show(el, read(id));
    });
  });

  // Back/forward cache: the page comes back as it was left; re-read answers.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) restore();
  });

  // The theme's document$ replays the current page and fires after every
  // instant navigation. Without the theme's script, restore once on load.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(restore);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restore);
  } else {
    restore();
  }
})();
