/* Several records in one contribution, for the "Proposer une fiche" form (form.js).

   A contributor keeps each record written in the form ("Ajouter à ma contribution");
   this browser keeps them (localStorage, when it can) and the form offers them in its
   reference fields (« Sites concernés », organisations, contacts…), labelled « proposé
   dans ce navigateur ». GitHub's "new file" address carries one file only: the kept
   files are listed in order (a record after the ones it names), each with its GitHub
   button and its text to copy, and the steps that put them in one pull request.

   What is read back from the storage is never trusted: a record is kept only if its
   kind is one of the form's, its id passes the model's id rule (form-rules.js, from
   values.check_id) and its text is a file the form writes; the rest is ignored, the
   number kept is capped, and every stored text is shown as text, never as HTML.
   Every word comes from macros/form_messages.py. form.js calls QIC_PROPOSALS once. */
(function () {
  "use strict";
  var STORE = "qic-proposals";
  var MAX_RECORDS = 20;  // kept at most: a contribution, not a database
  var MAX_FILE = 200000;  // characters of one kept file
  var MAX_NAME = 300;  // characters of a kept record's name, as shown in the lists

  window.QIC_PROPOSALS = function (options) {
    var DATA = options.data, RULES = options.rules, LANG = options.lang, say = RULES.say, CHECK = RULES.check;
    var KINDS = options.kinds, SCHEMA_NAMES = options.schemaNames, REPO = options.repo, BRANCH = options.branch;
    var el = options.el;

    /* --- the storage: validated on every read ------------------------------------- */
    var storage = null;
    try {  // private modes and locked-down browsers may refuse it, or throw on access
      storage = window.localStorage;
      storage.setItem(STORE + "-test", "1");
      storage.removeItem(STORE + "-test");
    } catch (e) {
      storage = null;
    }
    var memory = {records: [], branch: ""};  // when the browser keeps nothing, the page does

    function header(kind) { return "# yaml-language-server: $schema=../../schemas/" + SCHEMA_NAMES[kind] + ".schema.json\n"; }
    function validId(kind, id) {
      return typeof id === "string" && !CHECK.id(id) && (DATA.rules.id.reserved[kind] || []).indexOf(id) === -1;
    }
    function cleanName(value, fallback) {
      if (typeof value !== "string") return fallback;
      var text = value.replace(/\s+/g, " ").trim();  // one line: shown in a list
      if (!text) return fallback;
      return Array.from(text).length > MAX_NAME ? Array.from(text).slice(0, MAX_NAME).join("") + "…" : text;
    }
    function cleanRecord(item) {
      if (!item || typeof item !== "object" || Array.isArray(item)) return null;
      var kind = item.kind, id = item.id, text = item.yaml;
      if (typeof kind !== "string" || KINDS.indexOf(kind) === -1 || !validId(kind, id)) return null;
      if (typeof text !== "string" || text.length > MAX_FILE || text.indexOf(header(kind)) !== 0) return null;
      var fr = cleanName(item.fr, id);
      return {kind: kind, id: id, fr: fr, en: cleanName(item.en, ""), yaml: text};  // no English: the French shown
    }
    function read() {
      if (!storage) return memory;
      var raw = null;
      try { raw = storage.getItem(STORE); } catch (e) { return memory; }
      var data = null;
      try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
      var found = {records: [], branch: ""};
      if (!data || typeof data !== "object") return found;
      var seen = {};
      (Array.isArray(data.records) ? data.records : []).forEach(function (item) {
        var record = found.records.length < MAX_RECORDS ? cleanRecord(item) : null;
        if (!record || seen[record.kind + "/" + record.id]) return;
        seen[record.kind + "/" + record.id] = true;
        found.records.push(record);
      });
      found.branch = branchOf(data.branch) ? data.branch : "";
      return found;
    }
    function write(state) {
      memory = state;
      if (!storage) return;
      try { storage.setItem(STORE, JSON.stringify(state)); } catch (e) { storage = null; }
    }

    /* --- the branch a contributor's pull request comes from ---------------------------
       The address of its page (https://github.com/OWNER/NAME/tree/BRANCH), on the same
       host as the repository; the next files' buttons open GitHub on that branch. */
    function branchOf(value) {
      if (typeof value !== "string" || !REPO || value.length > 400) return null;
      var url, home;
      try { url = new URL(value.trim()); home = new URL(REPO); } catch (e) { return null; }
      if (url.origin !== home.origin || url.username || url.password) return null;
      var parts = url.pathname.match(/^\/([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})\/tree\/([A-Za-z0-9._\/-]{1,200})$/);
      if (!parts || /^\.+$/.test(parts[2])) return null;
      var branch = parts[3].replace(/\/$/, "");
      if (!branch || branch.indexOf("..") !== -1 || branch.indexOf("//") !== -1 || branch.charAt(0) === "/") return null;
      return {base: home.origin + "/" + parts[1] + "/" + parts[2], branch: branch};
    }

    function origin() { try { return new URL(REPO).origin; } catch (e) { return ""; } }

    /* --- what form.js asks ---------------------------------------------------------- */
    function records() { return read().records; }
    function published(kind, id) { return (DATA.records[kind] || []).some(function (row) { return row[0] === id; }); }
    function proposed(kind, id) { return records().some(function (r) { return r.kind === kind && r.id === id; }); }
    // the rows of a reference field's choices, as DATA.records has them, then the proposed ones
    function rows(kind) {
      var extra = records().filter(function (r) { return r.kind === kind && !published(kind, r.id); })
        .map(function (r) { return [r.id, r.fr, r.en || r.fr, true]; });
      return (DATA.records[kind] || []).concat(extra);
    }
    // a chosen reference: "" when published, a note when proposed here, an error when neither
    function refer(kind, id) {
      if (!id || published(kind, id)) return {error: "", note: ""};
      if (proposed(kind, id)) return {error: "", note: say("proposed_reference", {id: id, kind: kind})};
      return {error: say("unknown_reference", {value: id, kind: kind}), note: ""};
    }

    /* --- the order of the files: a record after those it names ------------------------ */
    function targets(schema, found) {
      if (!schema || typeof schema !== "object") return found;
      if (typeof schema["x-references"] === "string") found[schema["x-references"]] = true;
      Object.keys(schema).forEach(function (key) { targets(schema[key], found); });
      return found;
    }
    var rank = {};
    function rankOf(kind, seen) {
      if (rank[kind] !== undefined) return rank[kind];
      if (seen[kind]) return 0;  // a cycle: no order to keep
      seen[kind] = true;
      var named = Object.keys(targets(DATA.schemas[kind], {})).filter(function (k) { return k !== kind && DATA.schemas[k]; });
      rank[kind] = named.reduce(function (most, k) { return Math.max(most, rankOf(k, seen) + 1); }, 0);
      return rank[kind];
    }
    function ordered(list) {
      return list.map(function (r, index) { return [rankOf(r.kind, {}), index, r]; })
        .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
        .map(function (triple) { return triple[2]; });
    }
    function pathOf(record) { return "content/" + record.kind + "/" + record.id + ".yml"; }

    /* --- the panel: the files of the contribution, in order, and the steps ------------- */
    var title = el("h2", {id: "qic-proposals-title", text: say("contribution")});
    var said = el("p", {"class": "qic-status", id: "qic-proposals-status", role: "status", "aria-live": "polite"});
    var intro = el("p", {"class": "qic-help", id: "qic-proposals-intro"});
    var stepsTitle = el("h3", {id: "qic-proposals-steps-title", text: say("steps_title")});
    var steps = el("ol", {"class": "qic-steps", id: "qic-proposals-steps", "aria-labelledby": "qic-proposals-steps-title"});
    var listTitle = el("h3", {id: "qic-proposals-files-title", text: say("files_title")});
    var list = el("ol", {"class": "qic-proposals", id: "qic-proposals-files", "aria-labelledby": "qic-proposals-files-title"});
    var branchId = "qic-proposals-branch";
    var branchInput = el("input", {type: "url", id: branchId, name: "branch", spellcheck: "false", autocomplete: "off",
                                   placeholder: origin() ? origin() + "/…/tree/…" : null,
                                   "aria-describedby": branchId + "-help " + branchId + "-error"});
    var branchError = el("p", {"class": "qic-error", id: branchId + "-error", hidden: true});
    var branchBox = el("div", {"class": "qic-field"}, [
      el("label", {"for": branchId, text: say("branch_label")}),
      el("p", {"class": "qic-help", id: branchId + "-help", text: say("branch_hint")}),
      branchInput, branchError]);
    var forget = el("button", {type: "button", "class": "md-button qic-forget", text: say("forget")});
    var panel = el("section", {"class": "qic-contribution", id: "qic-contribution", "aria-labelledby": "qic-proposals-title"},
                   [title, said, intro, stepsTitle, steps, listTitle, list, REPO ? branchBox : null,
                    el("p", {}, [forget])]);

    function copyText(text, done) {
      var ok = function () { said.textContent = done; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(ok, function () { said.textContent = say("copy_failed"); });
      } else {
        var area = el("textarea", {readonly: true, "aria-hidden": "true", "class": "qic-offscreen"});
        area.value = text;
        document.body.appendChild(area);
        area.select();
        try { document.execCommand("copy"); ok(); } catch (e) { said.textContent = say("copy_failed"); }
        area.remove();
      }
    }
    function newFileUrl(base, branch, record) {
      var url = base + "/new/" + branch + "?filename=" + encodeURIComponent(pathOf(record)).replace(/%2F/g, "/");
      var full = url + "&value=" + encodeURIComponent(record.yaml);
      return full.length > options.urlLimit ? url : full;
    }

    function render() {
      var state = read();
      var files = ordered(state.records);
      panel.hidden = !files.length;
      list.textContent = "";
      steps.textContent = "";
      intro.textContent = say(storage ? "contribution_intro" : "contribution_memory", {count: files.length});
      var branch = branchOf(state.branch);
      if (document.activeElement !== branchInput) branchInput.value = state.branch || "";
      files.forEach(function (record, index) {
        var path = pathOf(record);
        // in French as the French pages write it; on the English page, the French name when there is no English one
        var name = LANG === "en" ? record.en || record.fr : RULES.french(record.fr);
        var item = el("li", {"class": "qic-proposal", "data-path": path});
        item.appendChild(el("p", {"class": "qic-proposal-title"}, [
          el("code", {"class": "qic-filename", text: path}), " — ", el("span", {text: name, lang: LANG === "en" && !record.en ? "fr" : null}),
          " ", el("span", {"class": "qic-help", text: "(" + say("kind_" + record.kind) + ")"})]));
        var actions = el("p", {"class": "qic-actions"});
        var url = index === 0 && REPO ? newFileUrl(REPO, BRANCH, record) : index > 0 && branch ? newFileUrl(branch.base, branch.branch, record) : "";
        if (url) {
          actions.appendChild(el("a", {"class": "md-button" + (index === 0 ? " md-button--primary" : ""), href: url,
                                       rel: "noopener", target: "_blank", "data-role": "open",
                                       text: say("open_file", {number: index + 1})}));
          actions.appendChild(document.createTextNode(" "));
        }
        var copy = el("button", {type: "button", "class": "md-button", "data-role": "copy", text: say("copy_file", {number: index + 1})});
        copy.addEventListener("click", function () { copyText(record.yaml, say("copied_file", {path: path})); });
        actions.appendChild(copy);
        actions.appendChild(document.createTextNode(" "));
        var remove = el("button", {type: "button", "class": "md-button", "data-role": "remove", text: say("remove_file", {number: index + 1})});
        remove.addEventListener("click", function () {
          var now = read();
          write({records: now.records.filter(function (r) { return !(r.kind === record.kind && r.id === record.id); }), branch: now.branch});
          render();
          said.textContent = say("removed_file", {path: path});
          (list.querySelector("button") || forget).focus();
        });
        actions.appendChild(remove);
        item.appendChild(actions);
        var areaId = "qic-proposal-text-" + (index + 1);
        var area = el("textarea", {id: areaId, "class": "qic-yaml", readonly: true, rows: 8, spellcheck: "false"});
        area.value = record.yaml;  // a value, never markup
        item.appendChild(el("details", {}, [el("summary", {text: say("show_file", {number: index + 1})}),
                                            el("label", {"for": areaId, "class": "qic-visually-hidden", text: say("file", {path: path})}),
                                            area]));
        list.appendChild(item);
      });
      var first = files[0] ? pathOf(files[0]) : "";
      [REPO ? say("step_first", {path: first}) : say("step_first_no_repo", {path: first}),
       files.length > 1 ? say("step_next") : null,
       files.length > 1 && REPO ? say("step_branch") : null,
       say("step_end")].forEach(function (text) { if (text) steps.appendChild(el("li", {text: text})); });
    }

    branchInput.addEventListener("change", function () {
      var value = branchInput.value.trim();
      var ok = !value || branchOf(value);
      branchError.hidden = !!ok;
      branchError.textContent = ok ? "" : say("branch_wrong");
      if (ok) branchInput.removeAttribute("aria-invalid"); else branchInput.setAttribute("aria-invalid", "true");
      var now = read();
      write({records: now.records, branch: ok ? value : ""});
      render();
      if (ok && value) said.textContent = say("branch_kept");
    });
    forget.addEventListener("click", function () {
      write({records: [], branch: ""});
      if (storage) { try { storage.removeItem(STORE); } catch (e) { storage = null; } }
      render();
      said.textContent = say("forgotten");
    });
    render();

    return {
      panel: panel,
      rows: rows,
      refer: refer,
      proposed: proposed,
      count: function () { return records().length; },
      // keep a record written in the form (replacing one of the same kind and id): "" or why not
      keep: function (record) {
        var clean = cleanRecord(record);
        if (!clean) return say("keep_refused");
        var now = read();
        var others = now.records.filter(function (r) { return !(r.kind === clean.kind && r.id === clean.id); });
        if (others.length >= MAX_RECORDS) return say("keep_full", {count: MAX_RECORDS});
        write({records: others.concat([clean]), branch: now.branch});
        render();
        var count = read().records.length;
        said.textContent = say("kept", {path: pathOf(clean), count: count});
        return "";
      },
      render: render
    };
  };
})();
