/*
 * Worksheet answers: saved in this browser as you type, restored on every
 * visit, listed on "My notes", saved to and loaded from a file.
 *
 * Storage: one localStorage key per answer, "<site path>hsp:v1:<field id>",
 * holding {"v": value, "t": time saved}. The site path in front keeps two
 * sites on one origin apart (the theme does the same). One key per answer
 * means two tabs editing different answers never overwrite each other.
 *
 * - Saved on every input/change, synchronously: closing the tab right after
 *   typing loses nothing.
 * - Listeners sit on the document once. The theme's instant navigation swaps
 *   the page without reloading; after each swap (document$) we only restore
 *   the new page's fields, so nothing is ever bound twice.
 * - If storage throws (blocked, private mode, full), answers stay in memory
 *   for the visit, can still be saved to a file, and the page says so. A
 *   failed write leaves the earlier saved answer as it was.
 * - Typed text is only ever set as a value or textContent, never as HTML.
 */
(function () {
  "use strict";

  var FIELD = "[data-hsp-field]";
  var ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
  var FORMAT = "hsp-answers", VERSION = 1, MAX_FILE = 1024 * 1024;
  var WEEK = 7 * 24 * 3600 * 1000;
  var scope = (window.__md_scope || new URL(".", location.href)).pathname;
  var PREFIX = scope + "hsp:v1:";
  var LAST_EXPORT = scope + "hsp:meta:last-export";
  var base = (window.__md_scope || new URL(".", location.href)).href;

  // ---- The answer store ------------------------------------------------------
  var memory = {}; // this visit's answers: all of them when storage fails
  var storageWorks = true;
  var askedToPersist = false;

  function storage() {
    return window.localStorage; // may throw (SecurityError) or be null
  }

  // Run a storage action. A failure means answers are not being kept; only a
  // successful write shows they are again (reads can work while writes fail).
  function attempt(action, writes) {
    try {
      action(storage());
      if (writes) storageWorks = true;
    } catch (e) {
      storageWorks = false;
    }
  }

  function isEmpty(value) {
    return value === null || value === undefined || value === false || value === "";
  }

  function write(id, value) {
    if (isEmpty(value)) delete memory[id];
    else memory[id] = value;
    attempt(function (s) {
      if (isEmpty(value)) s.removeItem(PREFIX + id);
      else s.setItem(PREFIX + id, JSON.stringify({ v: value, t: new Date().toISOString() }));
    }, true);
    if (!askedToPersist && storageWorks && navigator.storage && navigator.storage.persist) {
      askedToPersist = true; // ask the browser not to delete our storage on its own
      navigator.storage.persist().catch(function () {});
    }
  }

  // Every answer, by id: what storage holds, with this visit's memory on top.
  function allAnswers() {
    var answers = {};
    attempt(function (s) {
      for (var i = 0; i < s.length; i++) {
        var key = s.key(i);
        if (key && key.indexOf(PREFIX) === 0) {
          try {
            var entry = JSON.parse(s.getItem(key));
            if (entry && "v" in entry) answers[key.slice(PREFIX.length)] = entry.v;
          } catch (e) { /* not ours: leave it alone */ }
        }
      }
    });
    for (var id in memory) answers[id] = memory[id];
    return answers;
  }

  // Replace every answer with `answers` (used by import, clear and undo).
  function replaceAll(answers) {
    var old = allAnswers();
    for (var id in old) if (!(id in answers)) write(id, null);
    for (id in answers) write(id, answers[id]);
  }

  function meta(key, value) {
    var result = null;
    attempt(function (s) {
      if (value !== undefined) s.setItem(key, value);
      result = s.getItem(key);
    }, value !== undefined);
    return result;
  }

  // ---- Fields on the page ------------------------------------------------------
  function fields() {
    return Array.prototype.slice.call(document.querySelectorAll(FIELD));
  }

  function show(el, value) {
    if (el.type === "checkbox") el.checked = value === true;
    else if (el.type === "radio") el.checked = value === el.value;
    else if (el.value !== (value || "")) el.value = value || "";
  }

  function restore() {
    var answers = allAnswers();
    fields().forEach(function (el) {
      show(el, answers[el.name]);
    });
    showStatus();
    renderNotes();
    document.documentElement.setAttribute("data-hsp-restored", location.pathname);
  }

  function save(el) {
    if (el.type === "radio" && !el.checked) return; // its checked sibling saves
    write(el.name, el.type === "checkbox" ? el.checked : el.value);
    // Writing in an "Other" box ticks its checkbox; clearing it does not untick.
    var box = document.getElementById(el.getAttribute("data-hsp-other-for"));
    if (box && el.value !== "" && !box.checked) {
      box.checked = true;
      write(box.name, true);
    }
    showStatus();
  }

  // ---- Status line (a live region present from the start) -------------------------
  function showStatus() {
    var status = document.querySelector("[data-hsp-status]");
    if (!status) return;
    var hasFields = !!document.querySelector(FIELD);
    var text = !hasFields ? "" : !storageWorks
      ? "Your answers can't be saved in this browser. They will be lost when you close " +
        "this page. To keep them, save them to a file."
      : location.protocol === "file:"
      // Browsers give each file its own storage: answers stay with this page only.
      ? "You opened this page as a file, so its answers are saved with this page only. " +
        "Other pages and My notes can't see them. Open the toolkit from its web address instead."
      : "Your answers are saved on this device as you type. They are not sent anywhere.";
    if (status.textContent !== text) status.textContent = text; // announce changes only
    status.classList.toggle("hsp-status--problem", !storageWorks && hasFields);
    var rescue = document.querySelector("[data-hsp-rescue]");
    if (rescue) rescue.hidden = storageWorks || !hasFields;
  }

  // ---- Save to a file, load from a file -----------------------------------------------
  function exportAnswers() {
    var now = new Date();
    var file = { format: FORMAT, version: VERSION, exported: now.toISOString(), answers: allAnswers() };
    var blob = new Blob([JSON.stringify(file, null, 2)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "my-toolkit-answers-" + now.toISOString().slice(0, 10) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    meta(LAST_EXPORT, now.toISOString());
    renderNotes();
  }

  // Check a file's text; return its answers, or throw an Error saying what is wrong.
  function checkImport(text, manifest) {
    var data, known = {};
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Error("This file is not a saved answers file (it is not JSON).");
    }
    if (!data || typeof data !== "object" || data.format !== FORMAT ||
        typeof data.version !== "number") {
      throw new Error("This file is not a saved answers file from this toolkit.");
    }
    if (data.version > VERSION) {
      throw new Error("This file comes from a newer version of the toolkit. " +
        "Open it on the site where you saved it.");
    }
    var answers = data.answers;
    if (!answers || typeof answers !== "object" || Array.isArray(answers)) {
      throw new Error("This file has no answers in it.");
    }
    ((manifest && manifest.fields) || []).forEach(function (f) { known[f.id] = f; });
    Object.keys(answers).forEach(function (id) {
      var value = answers[id], f = known[id], type = f ? f.type : null;
      var ok = ID.test(id) && (
        type === "checkbox" ? value === true || value === false :
        type === "radio" ? f.options.some(function (o) { return o.id === value; }) :
        type ? typeof value === "string" :
        typeof value === "string" || typeof value === "boolean");
      if (!ok) {
        throw new Error('This file has an answer that does not fit its question ("' +
          String(id).slice(0, 60) + '"). Nothing was changed.');
      }
    });
    return answers;
  }

  function importFile(input, manifest) {
    var file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > MAX_FILE) {
      return say("This file is too big to be a saved answers file (over 1 MB). Nothing was changed.");
    }
    file.text().then(function (text) {
      var incoming = checkImport(text, manifest), current = allAnswers();
      var ids = Object.keys(incoming), added = 0, replaced = 0;
      ids.forEach(function (id) {
        if (!(id in current)) added++;
        else if (JSON.stringify(current[id]) !== JSON.stringify(incoming[id])) replaced++;
      });
      if (!window.confirm("Load " + ids.length + " answers from this file? This adds " + added +
          " and replaces " + replaced + " of the answers you have now.")) return;
      var merged = {};
      for (var id in current) merged[id] = current[id];
      for (id in incoming) merged[id] = incoming[id];
      change(merged, "Loaded " + ids.length + " answers from the file.");
    }).catch(function (error) {
      say(error.message);
    });
  }

  // Make a change to all answers, with an undo button in the message.
  function change(answers, message) {
    var before = allAnswers();
    replaceAll(answers);
    restore();
    say(message, function () {
      replaceAll(before);
      restore();
      say("Undone. Your answers are back as they were.");
    });
  }

  function clearAll() {
    if (!window.confirm("Delete all your answers from this browser?")) return;
    change({}, "All your answers were deleted from this browser.");
  }

  // ---- Messages (a live region present from the start) -----------------------------------
  function say(text, undo) {
    var box = document.querySelector("[data-hsp-message]");
    if (!box) return window.alert(text);
    box.textContent = text;
    if (undo) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = "Undo";
      button.addEventListener("click", function () { button.remove(); undo(); });
      box.appendChild(document.createTextNode(" "));
      box.appendChild(button);
    }
  }

  // ---- "My notes" -----------------------------------------------------------------------------
  var manifestRequest = null;

  function manifest() {
    manifestRequest = manifestRequest || fetch(base + "assets/fields.json").then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
    return manifestRequest;
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function renderNotes() {
    var list = document.querySelector("[data-hsp-answers]");
    if (!list) return;
    manifest().then(function (m) {
      drawNotes(list, m, allAnswers());
    }).catch(function () {
      list.textContent = "";
      list.appendChild(backupLine());
      list.appendChild(el("p", "Your answers can't be listed here right now. Please reload the page."));
    });
  }

  // When the answers were last saved to a file, and a reminder when that is long ago.
  // Drawn with the list, in the same frame, so nothing already in sight moves.
  function backupLine() {
    var line = el("p", backupText(), "hsp-backup hsp-screen-only");
    line.setAttribute("data-hsp-backup", "");
    return line;
  }

  function backupText() {
    var last = meta(LAST_EXPORT), has = Object.keys(allAnswers()).length > 0;
    var when = last ? new Date(last).toLocaleDateString() : "never";
    var text = "Last saved to a file: " + when + ".";
    if (has && (!last || Date.now() - new Date(last) > WEEK)) {
      text += " Your browser may delete your answers, for example after a week without a visit. " +
        "Save them to a file now to keep a copy.";
    }
    return text;
  }

  // One section per step: each question with its answer, in toolkit order.
  function drawNotes(list, m, answers) {
    var known = {}, steps = {}, out = document.createDocumentFragment(), last = null;
    m.fields.forEach(function (f) { known[f.id] = f; });
    m.steps.forEach(function (s) { steps[s.id] = s; });
    m.fields.forEach(function (f) {
      if (f.type === "checkbox" || f.kind === "write_in" || isEmpty(answers[f.id])) return;
      entry(f.step, f.url, f.question).appendChild(el("p", f.type === "radio"
        ? optionLabel(f, answers[f.id]) : answers[f.id], "hsp-answer"));
    });
    // Checklists: the ticked options, by their wording, under their question.
    m.fields.forEach(function (f) {
      if (f.type !== "checkbox" || answers[f.id] !== true) return;
      var ul = entry(f.step, f.url, f.question, "ul");
      var text = f.label;
      var other = answers[f.id + "-text"];
      if (f.kind === "other" && other) text += ": " + other;
      ul.appendChild(el("li", text));
    });

    function entry(step, url, question, tag) {
      var key = step + "|" + question + "|" + (tag || "");
      var section = out.querySelector('[data-step="' + step + '"]');
      if (!section) {
        section = el("section");
        section.setAttribute("data-step", step);
        var h2 = el("h2"), a = el("a", steps[step].letter + ": " + steps[step].title);
        a.href = base + url;
        h2.appendChild(a);
        section.appendChild(h2);
        out.appendChild(section);
      }
      var item = section.querySelector('[data-q="' + CSS.escape(key) + '"]');
      if (!item) {
        item = el("div", null, "hsp-answer-item");
        item.setAttribute("data-q", key);
        item.appendChild(el("h3", question));
        if (tag) item.appendChild(el(tag));
        section.appendChild(item);
      }
      return tag ? item.querySelector(tag) : item;
    }

    // Sections in step order, and questions in toolkit order, whatever came first.
    var sections = Array.prototype.slice.call(out.children);
    var order = m.steps.map(function (s) { return s.id; });
    sections.sort(function (a, b) {
      return order.indexOf(a.dataset.step) - order.indexOf(b.dataset.step);
    });
    var position = {};
    m.fields.forEach(function (f, i) {
      var key = f.step + "|" + f.question + "|";
      if (!(key in position)) position[key] = i;
      if (!((key + "ul") in position)) position[key + "ul"] = i;
    });
    sections.forEach(function (section) {
      var items = Array.prototype.slice.call(section.querySelectorAll(".hsp-answer-item"));
      items.sort(function (a, b) { return position[a.dataset.q] - position[b.dataset.q]; });
      items.forEach(function (item) { section.appendChild(item); });
      out.appendChild(section);
    });

    // Answers whose question is no longer in the toolkit: kept, shown, deletable.
    var orphans = Object.keys(answers).filter(function (id) { return !known[id]; }).sort();
    if (orphans.length) {
      var section = el("section", null, "hsp-orphans");
      section.appendChild(el("h2", "Answers to questions no longer in the toolkit"));
      section.appendChild(el("p", "These questions were changed or taken out. " +
        "Your answers are kept until you delete them."));
      orphans.forEach(function (id) {
        var item = el("div", null, "hsp-answer-item");
        item.appendChild(el("h3", id));
        item.appendChild(el("p", String(answers[id]), "hsp-answer"));
        var button = el("button", "Delete this answer", "md-button");
        button.type = "button";
        button.setAttribute("aria-label", "Delete this answer: " + id); // contains the visible label
        button.addEventListener("click", function () {
          write(id, null);
          renderNotes();
          say("The answer was deleted.");
        });
        item.appendChild(button);
        section.appendChild(item);
      });
      out.appendChild(section);
    }

    list.textContent = "";
    list.appendChild(backupLine());
    if (!out.children.length) {
      var empty = el("p", "You have no answers yet. ");
      var start = el("a", "Start with step C: Connect with your values.");
      start.href = base + "steps/connect/";
      empty.appendChild(start);
      list.appendChild(empty);
    } else {
      list.appendChild(out);
    }
  }

  function optionLabel(f, value) {
    var option = (f.options || []).filter(function (o) { return o.id === value; })[0];
    return option ? option.label : value;
  }

  // ---- Wiring ------------------------------------------------------------------------------------
  function onEdit(event) {
    var target = event.target;
    if (!target || !target.matches) return;
    if (target.matches(FIELD)) save(target);
    else if (target.matches("[data-hsp-import]") && event.type === "change") {
      manifest().catch(function () { return null; }).then(function (m) { importFile(target, m); });
    }
  }

  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-hsp-action]");
    if (!button) return;
    var action = button.getAttribute("data-hsp-action");
    if (action === "export") exportAnswers();
    else if (action === "clear") clearAll();
    else if (action === "print") window.print();
  });

  // Another tab changed an answer: show it here too.
  window.addEventListener("storage", function (event) {
    if (event.key === null || event.key.indexOf(scope + "hsp:") === 0) {
      if (event.key && event.key.indexOf(PREFIX) === 0) delete memory[event.key.slice(PREFIX.length)];
      restore();
    }
  });

  // Back/forward cache: the page comes back as it was left; read answers again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) restore();
  });

  // For the browser tests of the import checker.
  window.hspToolkit = { checkImport: checkImport };

  // The theme's document$ replays the current page and fires after every
  // instant navigation. Without the theme's script, restore once on load.
  // Opened from disk (file:), the theme may never signal; then restore on load.
  var signalled = false;
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { signalled = true; restore(); });
  }
  window.addEventListener("load", function () { if (!signalled) restore(); });
})();
