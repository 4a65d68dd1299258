/* The "Proposer une fiche" form (page proposer/): one form per kind of record,
   built from the JSON Schemas that macros/model.py produces (published by
   macros/downloads.py in assets/form-data.js, with the ids and names of the
   published records). It writes the YAML file as the templates would, checks
   each value once its field is left (or on "check"), looks for each excerpt in the
   published fingerprint of its source's text as it is typed (donnees/empreintes/,
   macros/fingerprints.py) and opens GitHub's "create new file" page
   (or its editor, for a change to an existing record). Its rules, messages and
   words are not written here: the checks' patterns and the typography come from
   the Python rules (macros/form_rules.py), every word from macros/form_messages.py,
   and the order of each check from form-rules.js. `macros.cli check` stays the
   authority. No library, no request to a third party (the fingerprints are the
   site's own files); without JavaScript the page points to the contribution guide. */
(function () {
  "use strict";
  var root = document.getElementById("qic-form");
  if (!root || !window.QIC_FORM || !window.QIC_RULES) return;
  var DATA = window.QIC_FORM;
  var LANG = root.getAttribute("data-lang") === "en" ? "en" : "fr";
  var RULES = window.QIC_RULES(DATA, LANG);
  var CHECK = RULES.check, YAML = RULES.yaml, say = RULES.say;
  var REPO = root.getAttribute("data-repo") || "";
  while (REPO.slice(-1) === "/") REPO = REPO.slice(0, -1);  // not /\/+$/: quadratic on many slashes
  var BRANCH = ((root.getAttribute("data-edit-uri") || "").match(/^\/?edit\/([^/]+)\//) || [])[1] || "main";
  var CONTENT_URL = root.getAttribute("data-content") || "";
  var PRINTS_URL = root.getAttribute("data-fingerprints") || "";  // the folder of donnees/empreintes/
  var GUIDE = root.getAttribute("data-guide") || (REPO ? REPO + "/blob/" + BRANCH + "/CONTRIBUTING.md" : "");
  var KINDS = ["sites", "events", "resources", "contacts", "organisations", "history"];
  var SCHEMA_NAMES = {sites: "site", events: "event", resources: "resource", contacts: "contact",
                      organisations: "organisation", history: "history", phases: "phase", sources: "source"};
  var DAY = "^\\d{4}-\\d{2}-\\d{2}$", URL = "^https?://";  // the schemas' patterns name the kinds of value
  var URL_LIMIT = 8000;  // beyond, GitHub may refuse the address: the text is copied instead
  var SHORT_TEXTS = ["name", "title", "role", "speaker", "place", "neighbourhood"];
  // [proposals] several records in one contribution: form-proposals.js, set up with the page below
  // (without it, the form proposes one record at a time, from the published ones)
  var PROPOSALS = null;
  function referenceRows(kind) { return PROPOSALS ? PROPOSALS.rows(kind) : DATA.records[kind] || []; }
  function rowLabel(row) {  // a record offered in a reference field: published, or proposed here (row[3])
    return row[0] + " — " + (LANG === "en" ? row[2] : local(row[1])) + (row[3] ? " (" + say("proposed_here") + ")" : "");
  }
  function referenceNote(box, target, described) {
    // under a reference field: the note for a record proposed in this browser; the errors for an unknown one
    var note = el("p", {"class": "qic-warning qic-proposed-note", id: nextId("proposed"), hidden: true});
    box.appendChild(note);
    described.setAttribute("aria-describedby", [described.getAttribute("aria-describedby"), note.id].filter(Boolean).join(" "));
    return function (values) {
      var errors = [], notes = [];
      values.forEach(function (value) {
        var said = PROPOSALS ? PROPOSALS.refer(target, value) : {error: "", note: ""};
        if (said.error) errors.push(said.error);
        if (said.note) notes.push(said.note);
      });
      note.hidden = !notes.length;
      if (note.textContent !== notes.join(" ")) note.textContent = notes.join(" ");
      return errors;
    };
  }
  // [/proposals]

  // French text of the published data (the schemas' titles and descriptions, the records' names)
  function local(text) { return LANG === "fr" && text ? RULES.french(text) : text; }
  function word(key) { return DATA.words[LANG][key] !== undefined ? say(key) : null; }

  function labelOf(kind, key, schema) {
    if (LANG === "en" && schema["x-title-en"]) return schema["x-title-en"];
    if (LANG === "fr" && schema.title) return local(schema.title);
    var known = word("label_" + kind + "." + key) || word("label_" + key);
    if (known) return known;
    var description = schema.description || key;
    return local(description.split(/ \(| : | ; |\. |\.$|, /)[0]) || key;
  }
  function helpOf(schema) {
    // [text, its language when it differs from the page's]: the schemas' descriptions are French
    if (LANG === "en" && schema["x-description-en"]) return [schema["x-description-en"], null];
    return [local(schema.description || ""), LANG === "en" ? "fr" : null];
  }
  function helpParagraph(id, help) {
    var pair = Array.isArray(help) ? help : [help, null];
    return pair[0] ? el("p", {"class": "qic-help", id: id, lang: pair[1], text: pair[0]}) : null;
  }
  function hasHelp(help) { return Array.isArray(help) ? !!help[0] : !!help; }
  function valueLabel(value) {
    var known = DATA.labels[value];
    var text = known ? (LANG === "en" ? known[1] : local(known[0])) : word("value_" + value);
    return text ? value + " — " + text : value;
  }
  function missing(key) { return say("missing", {field: key}); }

  /* --- small helpers ------------------------------------------------------------ */
  var counter = 0;
  function nextId(part) { counter += 1; return "qic-f-" + part + "-" + counter; }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); });
    return node;
  }
  function fold(text) {  // names.id_from's spelling of letters no decomposition turns into ASCII
    var spelled = DATA.rules.spelled;
    var plain = Array.from(String(text).toLowerCase()).map(function (c) { return spelled[c] || c; }).join("")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    return plain.replace(/[^a-z0-9]+/g, " ").trim();
  }
  function slugify(text) { return fold(text).split(" ").filter(Boolean).join("-"); }
  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function resolve(schema, defs) {
    // {$ref} -> the definition (its sibling description wins); anyOf [X, null] -> X, optional
    var node = schema, optional = false;
    if (node.anyOf) {
      var kept = node.anyOf.filter(function (s) { return s.type !== "null"; });
      optional = kept.length < node.anyOf.length;
      if (kept.length === 1) node = Object.assign({}, kept[0], {description: schema.description || kept[0].description});
      else node = Object.assign({}, node, {anyOf: kept});
    }
    if (node.$ref) {
      var name = node.$ref.split("/").pop();
      node = Object.assign({}, defs[name], {description: node.description || defs[name].description, refName: name});
    }
    return {schema: node, optional: optional};
  }
  function isText(s) { return s.type === "object" && s.properties && s.properties.fr && s.properties.en; }
  // the folder of content/ a field names a record of (the model declares it: "x-references")
  function referenceOf(schema) {
    var target = schema && schema["x-references"];
    return target && DATA.records[target] ? target : null;
  }
  // a citation (macros/model.py, Cited): a source record's id, a web address, or a block with excerpts
  function isCitation(schema) {
    return !!(schema.anyOf && schema.anyOf.some(function (s) { return s.type === "object" && s.properties && s.properties.excerpts; }));
  }
  function citationTarget(schema) {
    var block = schema.anyOf.filter(function (s) { return s.type === "object" && s.properties && s.properties.source; })[0];
    return (block && referenceOf(block.properties.source)) || "sources";
  }

  /* --- value checks: the kind of value a schema names, checked by form-rules.js ---- */
  function checkString(key, schema, value) {
    if (schema.minLength && !value.trim()) return missing(key);
    var wrong = CHECK.placeholder(value);
    if (wrong) return wrong;
    if (schema.format === "email") return CHECK.email(value);
    if (schema.pattern === URL) return CHECK.url(value);
    if (schema.pattern === DAY) {
      wrong = CHECK.day(value);
      if (!wrong && key === "last_checked" && value > today()) return say("future", {value: value});
      return wrong;
    }
    if (schema.pattern === DATA.rules.id.schema) return CHECK.id(value);
    if (key === "phone") return CHECK.phone(value);
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) return local(schema.patternErrorMessage) || say("date", {value: value});
    return schema.type === "string" ? CHECK.text(value) : "";
  }
  function known(kind, id) { return (DATA.records[kind] || []).some(function (row) { return row[0] === id; }); }

  /* --- excerpts against their source's fingerprint ----------------------------------
     Each source's fingerprint is fetched once, when an excerpt of that source is first
     checked; the verdict of an excerpt comes later (Web Crypto is asynchronous): until
     then it counts as no error, and the form checks again when it comes. The check of
     the pull request stays the authority: where the fingerprint cannot be had (a copy
     of the site opened as files, no network), the form says the check will be done there. */
  var EXCERPTS = RULES.excerpts;
  var prints = {};  // source id -> Promise of its fingerprint (null: none to be had)
  var verdicts = new Map();  // source id + "\n" + excerpt -> "pending" | "found" | "absent" | "unchecked"
  var checking = 0;
  function sourceInfo(id) {
    return DATA.sources && Object.prototype.hasOwnProperty.call(DATA.sources, id) ? DATA.sources[id] : null;
  }
  function printOf(id) {
    if (!prints[id]) {
      var subtle = window.crypto && window.crypto.subtle;
      prints[id] = !PRINTS_URL || !subtle ? Promise.resolve(null)
        : fetch(PRINTS_URL + encodeURIComponent(id) + ".json").then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        }).then(function (data) { return EXCERPTS.load(data, subtle); });
      prints[id] = prints[id].catch(function () { return null; });
    }
    return prints[id];
  }
  /* the verdict on an excerpt of a source record: "none" (nothing to check it with),
     "pending", "found", "absent", or "unchecked" (the fingerprint could not be had) */
  function excerptVerdict(id, text) {
    var info = sourceInfo(id);
    if (!info || !info.fingerprint) return "none";
    var key = id + "\n" + text;
    if (verdicts.has(key)) return verdicts.get(key);
    if (verdicts.size > 500) verdicts.delete(verdicts.keys().next().value);  // the oldest
    verdicts.set(key, "pending");
    checking += 1;
    root.dataset.checking = "true";  // read by the tests: a verdict is on its way
    printOf(id).then(function (print) {
      return print ? EXCERPTS.holds(print, text).then(function (found) { return found ? "found" : "absent"; }) : "unchecked";
    }).catch(function () { return "unchecked"; }).then(function (verdict) {
      verdicts.set(key, verdict);
      checking -= 1;
      update(false);
      if (!checking) delete root.dataset.checking;
    });
    return "pending";
  }

  /* --- widgets: each has el, get() (undefined when empty), set(value), check(show) -> errors */
  var leaves = [];  // every input with its own message, in page order

  function fieldBox(label, help, required, controlId) {
    var box = el("div", {"class": "qic-field"});
    var labelNode = el("label", {"for": controlId}, [label, required ? el("span", {"class": "qic-required", text: say("required")}) : null]);
    box.appendChild(labelNode);
    var helpId = null;
    if (hasHelp(help)) {
      helpId = controlId + "-help";
      box.appendChild(helpParagraph(helpId, help));
    }
    return {box: box, helpId: helpId};
  }
  function group(label, help, required) {
    var id = nextId("g");
    var set = el("fieldset", {"class": "qic-group", "aria-describedby": hasHelp(help) ? id + "-help" : null},
                 [el("legend", {}, [label, required ? el("span", {"class": "qic-required", text: say("required")}) : null])]);
    if (hasHelp(help)) set.appendChild(helpParagraph(id + "-help", help));
    return set;
  }
  function makeLeaf(control, box, helpId, validate) {
    var errorNode = el("p", {"class": "qic-error", id: control.id + "-error", hidden: true});
    box.appendChild(control);
    box.appendChild(errorNode);
    control.setAttribute("aria-describedby", [helpId, errorNode.id].filter(Boolean).join(" "));
    var state = {touched: false, dirty: false, message: ""};
    var leaf = {
      control: control,
      check: function (show) {
        state.message = validate();
        if (show) state.touched = true;
        var visible = state.touched && state.message;
        errorNode.hidden = !visible;
        errorNode.textContent = visible ? state.message : "";
        if (visible) control.setAttribute("aria-invalid", "true"); else control.removeAttribute("aria-invalid");
        return state.message ? 1 : 0;
      },
      touch: function () { state.touched = true; },
      message: function () { return state.message; },
      shown: function () { return !!(state.touched && state.message); },
      alive: function () { return document.body.contains(control); }
    };
    // a message shows once the field was typed in and left (then it follows each key), or on "check"
    control.addEventListener("input", function () { state.dirty = true; });
    control.addEventListener("blur", function () { if (state.dirty || state.touched) { state.touched = true; leaf.check(false); } });
    control.addEventListener("change", function () { state.touched = true; leaf.check(false); });
    leaves.push(leaf);
    return leaf;
  }

  function build(kind, key, raw, defs, required) {
    var resolved = resolve(raw, defs);
    var schema = resolved.schema;
    var label = labelOf(kind, key, raw);
    var help = helpOf(raw);
    var optional = !required || resolved.optional;
    if (isCitation(schema)) return citationWidget(key, label, help, !optional, schema);
    if (schema.anyOf && schema.anyOf.some(function (s) { return s.$ref; }) && schema.anyOf.some(function (s) { return s.type === "string"; })) {
      var ref = schema.anyOf.filter(function (s) { return s.$ref; })[0];
      return textWidget(kind, key, label, help, !optional, resolve(ref, defs).schema, true);
    }
    if (schema.anyOf && schema.anyOf.some(function (s) { return s.type === "object" && s.properties && s.properties.start; })) {
      return whenWidget(key, label, help, !optional);
    }
    if (isText(schema)) return textWidget(kind, key, label, help, !optional, schema, false);
    if (schema.type === "object" && schema.properties) return objectWidget(kind, key, label, help, schema, defs, !optional);
    if (schema.type === "array") {
      var item = resolve(schema.items || {}, defs).schema;
      if (isCitation(item)) return citationsWidget(key, label, help, schema, item);
      if (item.type === "object") return listWidget(kind, key, label, help, schema, item, defs);
      if (item.enum) return choicesWidget(key, label, help, schema, item.enum.map(function (v) { return [v, valueLabel(v)]; }));
      var target = referenceOf(item);
      if (target) {
        return choicesWidget(key, label, help, schema, referenceRows(target).map(function (row) {
          return [row[0], rowLabel(row)];
        }), say("choose", {what: say("choose_" + target)}), target);
      }
      return stringsWidget(kind, key, label, help, schema, item);
    }
    if (schema.enum) return selectWidget(key, label, help, !optional, schema, schema.enum.map(function (v) { return [v, valueLabel(v)]; }));
    if (schema.type === "string" && referenceOf(schema)) {
      var to = referenceOf(schema);
      return selectWidget(key, label, help, !optional, schema, referenceRows(to).map(function (row) {
        return [row[0], rowLabel(row)];
      }), to);
    }
    if (schema.type === "boolean") return boolWidget(key, label, help, schema);
    return inputWidget(kind, key, label, help, !optional, schema);
  }

  function inputWidget(kind, key, label, help, required, schema) {
    var id = nextId(key);
    var frame = fieldBox(label, help, required, id);
    var type = "text", extra = {};
    if (schema.type === "number" || schema.type === "integer") { extra.inputmode = schema.type === "integer" ? "numeric" : "decimal"; }
    else if (schema.format === "email") { type = "email"; extra.autocomplete = "off"; }
    else if (schema.pattern === "^https?://") { type = "url"; extra.placeholder = "https://…"; }
    else if (schema.pattern === "^\\d{4}-\\d{2}-\\d{2}$") { extra.placeholder = say("day_placeholder"); }
    else if (key === "phone") { type = "tel"; }
    var input = el("input", Object.assign({type: type, id: id, name: key, required: required, spellcheck: type === "text" ? null : "false"}, extra));
    if (key === "last_checked") input.value = today();
    var read = function () { return input.value.trim(); };
    var leaf = makeLeaf(input, frame.box, frame.helpId, function () {
      var value = read();
      if (!value) return required ? missing(key) : "";
      if (schema.type === "number" || schema.type === "integer") {
        var wrong = CHECK.number(value, schema.type === "integer");
        if (wrong) return wrong;
        var n = Number(value);
        // JSON Schema's bounds (pydantic's own "ge"/"le" are read too, should a schema carry them)
        var min = [schema.minimum, schema.ge].filter(function (b) { return b !== undefined; })[0];
        var max = [schema.maximum, schema.le].filter(function (b) { return b !== undefined; })[0];
        // the check writes a decimal field's bound as Python does: 90.0
        var bound = function (b) { return schema.type === "number" && Number.isInteger(b) ? b + ".0" : String(b); };
        if (min !== undefined && n < min) return say("bound", {message: say("too_small"), bound: bound(min)});
        if (max !== undefined && n > max) return say("bound", {message: say("too_big"), bound: bound(max)});
        return "";
      }
      return checkString(key, schema, value);
    });
    return {
      el: frame.box, input: input,
      get: function () {
        var value = read();
        if (!value) return undefined;
        if ((schema.type === "number" || schema.type === "integer") && /^[-+]?\d+(\.\d+)?$/.test(value)) return {number: value};
        return schema.pattern === DAY && !CHECK.date(value) ? {plain: value, date: true} : value;
      },
      set: function (value) { input.value = value === undefined || value === null ? "" : String(value); },
      check: function (show) { return leaf.check(show); }
    };
  }

  function textWidget(kind, key, label, help, required, schema, isName) {
    var set = group(label, help, required);
    var rich = /RichText/.test(schema.refName || "");
    var multiline = rich || SHORT_TEXTS.indexOf(key) === -1;
    var row = el("div", {"class": "qic-langs"});
    set.appendChild(row);
    var inputs = {};
    var leafs = [];
    ["fr", "en"].forEach(function (code) {
      var id = nextId(key + "-" + code);
      var words = code === "fr" ? say("in_french")
        : isName ? say("in_english_name")
        : say("in_english");
      var frame = fieldBox(words, "", code === "fr" && required, id);
      var control = multiline
        ? el("textarea", {id: id, name: key + "." + code, rows: rich ? 6 : 3, lang: code})
        : el("input", {type: "text", id: id, name: key + "." + code, lang: code});
      inputs[code] = control;
      leafs.push(makeLeaf(control, frame.box, set.querySelector(".qic-help") ? set.querySelector(".qic-help").id : null, function () {
        var fr = inputs.fr.value.trim(), en = inputs.en ? inputs.en.value.trim() : "";
        if (code === "fr" && !fr && !en && required) return missing(key);  // the check's words: the field is left out
        if (code === "fr" && !fr && en) return say("en_first");
        var value = inputs[code].value;
        return value.trim() ? CHECK.placeholder(value.trim()) || CHECK.text(value) : "";
      }));
      row.appendChild(frame.box);
    });
    if (rich) set.appendChild(el("p", {"class": "qic-help", text: say("markdown")}));
    return {
      el: set, input: inputs.fr,
      get: function () {
        var fr = inputs.fr.value.trim(), en = inputs.en.value.trim();
        if (!fr && !en) return undefined;
        if (isName && (!en || en === fr)) return fr;
        var value = {};  // nothing empty is written (a missing French text has its message)
        if (fr) value.fr = fr;
        if (en) value.en = en;
        return {text: value};
      },
      set: function (value) {
        if (value === undefined || value === null) return;
        if (typeof value === "string") { inputs.fr.value = value; inputs.en.value = ""; return; }
        inputs.fr.value = value.fr || "";
        inputs.en.value = value.en && !(isName && value.en === value.fr) ? value.en : "";
      },
      check: function (show) { return leafs.reduce(function (n, leaf) { return n + leaf.check(show); }, 0); }
    };
  }

  function whenWidget(key, label, help, required) {
    var set = group(label, help, required);
    var name = nextId(key + "-mode");
    var modes = el("div", {"class": "qic-modes"});
    var single = el("input", {type: "radio", name: name, id: name + "-one", value: "one", checked: true});
    var period = el("input", {type: "radio", name: name, id: name + "-period", value: "period"});
    modes.appendChild(el("span", {}, [single, el("label", {"for": single.id, text: say("one_date")})]));
    modes.appendChild(el("span", {}, [period, el("label", {"for": period.id, text: say("a_period")})]));
    set.appendChild(modes);
    var hint = say("date_hint");
    set.appendChild(el("p", {"class": "qic-help", text: hint}));
    var parts = {};
    var leafs = [];
    var row = el("div", {"class": "qic-langs"});
    set.appendChild(row);
    [["start", say("date_start")], ["end", say("date_end")]].forEach(function (pair) {
      var id = nextId(key + "-" + pair[0]);
      var frame = fieldBox(pair[1], "", pair[0] === "start" && required, id);
      var input = el("input", {type: "text", id: id, name: key + "." + pair[0], inputmode: "numeric", placeholder: say("date_placeholder"), spellcheck: "false"});
      parts[pair[0]] = {input: input, box: frame.box};
      leafs.push(makeLeaf(input, frame.box, null, function () {
        var value = input.value.trim();
        if (pair[0] === "end" && !period.checked) return "";
        if (!value) {
          if (pair[0] === "start" && parts.end.input.value.trim() && period.checked) return say("no_start");
          return pair[0] === "start" && required ? missing(key) : "";
        }
        var wrong = CHECK.date(value);
        if (wrong) return wrong;
        if (pair[0] === "end") {
          var start = parts.start.input.value.trim();
          if (start && !CHECK.date(start) && lastDay(value) < firstDay(start)) return say("order", {start: start, end: value});
        }
        return "";
      }));
      row.appendChild(frame.box);
    });
    function sync() { parts.end.box.hidden = !period.checked; }
    single.addEventListener("change", sync);
    period.addEventListener("change", sync);
    sync();
    return {
      el: set, input: parts.start.input,
      get: function () {
        var start = parts.start.input.value.trim(), end = parts.end.input.value.trim();
        if (!start && !(period.checked && end)) return undefined;
        if (period.checked && end && end !== start) return {period: {start: start, end: end}};
        return {plain: start, date: true};
      },
      set: function (value) {
        if (value === undefined || value === null) return;
        if (typeof value === "object") {
          parts.start.input.value = String(value.start || "");
          parts.end.input.value = value.end ? String(value.end) : "";
          period.checked = true;
        } else {
          parts.start.input.value = String(value);
        }
        sync();
      },
      check: function (show) { return leafs.reduce(function (n, leaf) { return n + leaf.check(show); }, 0); }
    };
  }
  var firstDay = RULES.firstDay, lastDay = RULES.lastDay;

  function selectWidget(key, label, help, required, schema, options, target) {
    var id = nextId(key);
    var frame = fieldBox(label, help, required, id);
    var select = el("select", {id: id, name: key, required: required});
    var hasDefault = schema["default"] !== undefined;
    if (!hasDefault) select.appendChild(el("option", {value: "", text: required ? say("choose_one") : say("not_given")}));
    options.forEach(function (pair) { select.appendChild(el("option", {value: pair[0], text: pair[1]})); });
    if (hasDefault) select.value = schema["default"];
    var referred = null;  // [proposals] a reference field: the record named must be published or proposed here
    var leaf = makeLeaf(select, frame.box, frame.helpId, function () {
      if (!select.value) return required ? missing(key) : "";
      return referred ? referred(select.value ? [select.value] : []).join(" ") : "";
    });
    if (target) referred = referenceNote(frame.box, target, select);
    return {
      el: frame.box, input: select,
      get: function () { return select.value ? {plain: select.value} : undefined; },
      set: function (value) {
        if (value === undefined || value === null) return;
        if (!select.querySelector('option[value="' + CSS.escape(String(value)) + '"]')) select.appendChild(el("option", {value: value, text: String(value)}));
        select.value = String(value);
      },
      check: function (show) { return leaf.check(show); }
    };
  }

  function boolWidget(key, label, help, schema) {
    var id = nextId(key);
    var box = el("div", {"class": "qic-field qic-check"});
    var input = el("input", {type: "checkbox", id: id, name: key, "aria-describedby": hasHelp(help) ? id + "-help" : null});
    box.appendChild(input);
    box.appendChild(el("label", {"for": id, text: label}));
    if (hasHelp(help)) box.appendChild(helpParagraph(id + "-help", help));
    return {
      el: box, input: input,
      get: function () { return {raw: input.checked ? "true" : "false"}; },
      set: function (value) { input.checked = value === true; },
      check: function () { return 0; }
    };
  }

  function choicesWidget(key, label, help, schema, options, prompt, target) {
    var set = group(label, help, !!schema.minItems);
    if (prompt) set.appendChild(el("p", {"class": "qic-help", text: prompt}));
    var list = el("div", {"class": "qic-choices"});
    set.appendChild(list);
    function add(value, text) {
      var id = nextId(key + "-" + value);
      var input = el("input", {type: "checkbox", id: id, name: key, value: value});
      list.appendChild(el("div", {"class": "qic-choice"}, [input, el("label", {"for": id, text: text})]));
      return input;
    }
    options.forEach(function (pair) { add(pair[0], pair[1]); });
    function boxes() { return Array.prototype.slice.call(list.querySelectorAll("input")); }
    if (options.length > 12) {  // a long list (many sites…) gets a filter, as the resource catalogue has
      var filterId = nextId(key + "-filter");
      var filter = el("input", {type: "search", id: filterId, "class": "qic-filter", autocomplete: "off"});
      var count = el("span", {"class": "qic-help", role: "status"});
      set.insertBefore(el("div", {"class": "qic-field"}, [el("label", {"for": filterId, text: say("filter")}), filter, count]), list);
      filter.addEventListener("input", function () {
        var words = fold(filter.value).split(" ").filter(Boolean);
        var shown = 0;
        boxes().forEach(function (box) {
          var text = fold(box.value + " " + box.parentNode.textContent);
          var visible = words.every(function (w) { return text.indexOf(w) !== -1; }) || box.checked;
          box.parentNode.hidden = !visible;
          if (visible) shown += 1;
        });
        count.textContent = words.length ? say("shown_of", {shown: shown, total: options.length}) : "";
      });
    }
    // [proposals] a reference field: the records named must be published or proposed here
    var referred = target ? referenceNote(set, target, set) : null;
    var unknown = target ? el("p", {"class": "qic-error", id: nextId(key + "-refs") + "-error", hidden: true}) : null;
    if (unknown) {
      set.appendChild(unknown);
      set.setAttribute("aria-describedby", [set.getAttribute("aria-describedby"), unknown.id].join(" "));
    }
    var order = [];  // the order of the choices, kept: a change to a record only shows what changed
    list.addEventListener("change", function (event) {
      var value = event.target.value;
      order = order.filter(function (v) { return v !== value; });
      if (event.target.checked) order.push(value);
    });
    return {
      el: set, input: boxes()[0],
      get: function () {
        var chosen = boxes().filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        chosen.sort(function (a, b) {
          var i = order.indexOf(a), j = order.indexOf(b);
          return (i === -1 ? 1e9 : i) - (j === -1 ? 1e9 : j);
        });
        return chosen.length ? {flow: chosen} : undefined;
      },
      set: function (values) {
        (values || []).forEach(function (value) {
          var box = boxes().filter(function (b) { return b.value === value; })[0] || add(value, value);
          box.checked = true;
          if (order.indexOf(value) === -1) order.push(value);
        });
      },
      check: function () {
        if (!referred) return 0;
        var errors = referred(boxes().filter(function (b) { return b.checked; }).map(function (b) { return b.value; }));
        unknown.hidden = !errors.length;
        if (unknown.textContent !== errors.join(" ")) unknown.textContent = errors.join(" ");
        return errors.length;
      }
    };
  }

  function repeatable(key, label, help, schema, makeItem, itemWord) {
    var set = group(label, help, !!schema.minItems);
    var list = el("div", {"class": "qic-items"});
    set.appendChild(list);
    var items = [];
    var status = el("p", {"class": "qic-error", id: nextId(key + "-list") + "-error", hidden: true});
    set.appendChild(status);
    set.setAttribute("aria-describedby", [set.getAttribute("aria-describedby"), status.id].filter(Boolean).join(" "));
    var shown = false;  // once shown, the message stays until the list has an item
    var addButton = el("button", {type: "button", "class": "md-button qic-add", text: say("add", {what: itemWord})});
    set.appendChild(addButton);
    function add(value) {
      var item = makeItem(items.length);
      var box = el("div", {"class": "qic-item"});
      box.appendChild(item.el);
      var remove = el("button", {type: "button", "class": "md-button qic-remove", text: say("remove", {what: itemWord})});
      remove.addEventListener("click", function () {
        items.splice(items.indexOf(item), 1);
        box.remove();
        leaves = leaves.filter(function (leaf) { return leaf.alive(); });
        addButton.focus();
        root.dispatchEvent(new Event("input"));
      });
      box.appendChild(remove);
      list.appendChild(box);
      items.push(item);
      if (value !== undefined) item.set(value);
      return item;
    }
    addButton.addEventListener("click", function () {
      var item = add();
      if (item.input) item.input.focus();
      root.dispatchEvent(new Event("input"));
    });
    return {
      el: set, add: add,
      get: function () {
        var values = items.map(function (item) { return item.get(); }).filter(function (v) { return v !== undefined; });
        return values.length ? {list: values} : undefined;
      },
      set: function (values) {
        (values || []).forEach(function (value) {
          var blank = items.filter(function (item) { return item.get() === undefined; })[0];
          if (blank) blank.set(value); else add(value);
        });
      },
      check: function (show) {
        var errors = items.reduce(function (n, item) { return n + item.check(show); }, 0);
        var empty = schema.minItems && !items.some(function (item) { return item.get() !== undefined; });
        if (show) shown = true;
        var visible = empty && shown;
        status.hidden = !visible;
        status.textContent = visible ? missing(key) : "";  // an empty list is left out of the file
        return errors + (empty ? 1 : 0);
      }
    };
  }

  function stringsWidget(kind, key, label, help, schema, item) {
    var widget = repeatable(key, label, help, schema, function (index) {
      return inputWidget(kind, key, label + " " + (index + 1), index === 0 ? helpOf(item) : "", false, item);
    }, word("add_" + key) || say("add_item"));
    if (schema.minItems) widget.add();
    return widget;
  }

  /* One citation: a source record chosen by its title, or a web address; and the
     passages of it that support the record (macros/model.py, Citation). */
  function citationWidget(key, label, help, required, schema) {
    var set = group(label, help, required);
    var target = citationTarget(schema);
    var name = nextId(key + "-mode");
    var modes = el("div", {"class": "qic-modes"});
    var byRecord = el("input", {type: "radio", name: name, id: name + "-source", value: "source", checked: true});
    var byUrl = el("input", {type: "radio", name: name, id: name + "-url", value: "url"});
    modes.appendChild(el("span", {}, [byRecord, el("label", {"for": byRecord.id, text: say("by_record")})]));
    modes.appendChild(el("span", {}, [byUrl, el("label", {"for": byUrl.id, text: say("by_url")})]));
    set.appendChild(modes);

    var selectId = nextId(key + "-source");
    var recordFrame = fieldBox(say("source_document"),
                               say("source_document_hint"), false, selectId);
    var select = el("select", {id: selectId, name: "source"});
    select.appendChild(el("option", {value: "", text: say("choose_document")}));
    referenceRows(target).forEach(function (row) {
      select.appendChild(el("option", {value: row[0], text: rowLabel(row)}));
    });
    var warning = el("p", {"class": "qic-warning", id: selectId + "-warning", hidden: true});
    // the chosen document's public address (its record's url), or that none is known
    var address = el("p", {"class": "qic-help qic-source-address", id: selectId + "-address", hidden: true});
    var urlId = nextId(key + "-url");
    var urlFrame = fieldBox(say("web_page"), "", false, urlId);
    var urlInput = el("input", {type: "url", id: urlId, name: "url", placeholder: "https://…", spellcheck: "false"});

    var excerpts = [];  // [{input, box}]
    var excerptList = el("div", {"class": "qic-excerpts"});
    var excerptHelpId = nextId(key + "-excerpts") + "-help";
    var excerptHelp = el("p", {"class": "qic-help", id: excerptHelpId,
                               text: say("excerpts_hint")});
    var addExcerptButton = el("button", {type: "button", "class": "md-button qic-add-excerpt", text: say("add_excerpt")});
    function anyExcerpt() { return excerpts.some(function (e) { return e.input.value.trim(); }); }
    function typed() { return byRecord.checked ? select.value : urlInput.value.trim(); }

    var leafs = [];
    leafs.push(makeLeaf(select, recordFrame.box, recordFrame.helpId, function () {
      if (!byRecord.checked || select.value) return "";
      return required ? missing(key) : anyExcerpt() ? say("one_target") : "";
    }));
    select.setAttribute("aria-describedby", select.getAttribute("aria-describedby") + " " + address.id + " " + warning.id);
    recordFrame.box.appendChild(address);
    recordFrame.box.appendChild(warning);
    function refreshAddress() {
      var info = byRecord.checked && select.value ? sourceInfo(select.value) : null;
      var url = info && info.url;
      var shown = address.getAttribute("data-url");
      if (!info) { address.hidden = true; address.removeAttribute("data-url"); return; }
      if (shown === (url || "")) { address.hidden = false; return; }
      address.textContent = "";
      if (url) {
        address.appendChild(document.createTextNode(say("source_address") + " "));
        address.appendChild(el("a", {href: url, target: "_blank", rel: "noopener", text: url}));
        address.appendChild(document.createTextNode(" " + say("new_tab")));
      } else {
        address.appendChild(document.createTextNode(say("source_no_address")));
      }
      address.setAttribute("data-url", url || "");
      address.hidden = false;
    }
    leafs.push(makeLeaf(urlInput, urlFrame.box, null, function () {
      if (!byUrl.checked) return "";
      var value = urlInput.value.trim();
      if (!value) return required ? missing(key) : anyExcerpt() ? say("one_target") : "";
      return CHECK.placeholder(value) || CHECK.url(value);
    }));
    set.appendChild(recordFrame.box);
    set.appendChild(urlFrame.box);
    var excerptsBox = el("div", {"class": "qic-field"}, [el("p", {"class": "qic-sublabel", text: say("excerpts")}), excerptHelp, excerptList, addExcerptButton]);
    set.appendChild(excerptsBox);

    function addExcerpt(text) {
      var id = nextId(key + "-excerpt");
      var frame = fieldBox(say("excerpt_label", {number: excerpts.length + 1}), "", false, id);
      frame.box.classList.add("qic-excerpt");
      var input = el("textarea", {id: id, name: "excerpt", rows: 3});
      // the verdict of the excerpt check, as soon as the typing pauses (not an error message:
      // a refused excerpt's message is the leaf's, shown as the others are)
      var verdictNode = el("p", {"class": "qic-excerpt-check", id: id + "-check", hidden: true});
      var entry = {input: input, box: frame.box, verdict: verdictNode, state: "none"};
      entry.leaf = makeLeaf(input, frame.box, excerptHelpId, function () {
        var value = input.value.trim();
        entry.state = "none";
        if (!value) return "";
        var wrong = CHECK.placeholder(value) || CHECK.excerpt(value);
        if (wrong || !byRecord.checked || !select.value) return wrong;
        // (lookedFor, below, says which excerpts go on to the fingerprint: the same steps)
        // provenance._check_citations: a part too short for any fingerprint, then the source's
        var short = EXCERPTS.tooShort(value);
        if (short !== null) {
          return say("hinted", {message: say("excerpt_short", {part: EXCERPTS.shortened(short)}),
                                hint: say("excerpt_short_hint", {count: EXCERPTS.sizes[0]})});
        }
        entry.state = excerptVerdict(select.value, value);
        if (entry.state !== "absent") return "";
        return say("hinted", {message: say("excerpt_absent", {source: select.value, excerpt: EXCERPTS.shortened(value)}),
                              hint: say("excerpt_absent_hint")});
      });
      var described = input.getAttribute("aria-describedby").split(" ");  // the help, then the message
      described.splice(described.length - 1, 0, verdictNode.id);
      input.setAttribute("aria-describedby", described.join(" "));
      frame.box.insertBefore(verdictNode, input.nextSibling);
      var remove = el("button", {type: "button", "class": "md-button qic-remove-excerpt", text: say("remove_excerpt")});
      remove.addEventListener("click", function () {
        excerpts.splice(excerpts.indexOf(entry), 1);
        frame.box.remove();
        leaves = leaves.filter(function (leaf) { return leaf.alive(); });
        addExcerptButton.focus();
        root.dispatchEvent(new Event("input"));
      });
      frame.box.appendChild(remove);
      excerptList.appendChild(frame.box);
      excerpts.push(entry);
      if (text !== undefined) input.value = text;
      return entry;
    }
    addExcerptButton.addEventListener("click", function () {
      addExcerpt().input.focus();
      root.dispatchEvent(new Event("input"));
    });
    addExcerpt();  // one box to start with: a source is cited with its words

    // Whether an excerpt's verdict line shows is decided as it is typed (showVerdict), its
    // words when the verdict comes: the line does not appear after the pause in typing, and
    // the page does not move under the pointer then.
    var VERDICT_WORDS = {pending: "excerpt_checking", found: "excerpt_found", absent: "excerpt_not_found",
                         unchecked: "excerpt_unchecked"};
    function lookedFor(value) {  // an excerpt to be looked for in the chosen source's fingerprint
      value = value.trim();
      if (!value || !byRecord.checked || !select.value) return false;
      if (CHECK.placeholder(value) || CHECK.excerpt(value) || EXCERPTS.tooShort(value) !== null) return false;
      var info = sourceInfo(select.value);
      return !!(info && info.fingerprint);
    }
    function showVerdict(entry, state) {
      var node = entry.verdict;
      // a refused excerpt whose message is shown: that message says it, not twice
      var words = state === "absent" && entry.leaf.shown() ? null : VERDICT_WORDS[state];
      if (!words) { node.hidden = true; node.textContent = ""; return; }
      if (state === "pending" && !node.hidden) return;  // the last verdict stays until the next one
      node.className = "qic-excerpt-check" + (state === "found" ? " qic-excerpt-check--found"
        : state === "absent" ? " qic-excerpt-check--absent" : "");
      if (node.textContent !== say(words)) node.textContent = say(words);
      node.hidden = false;
    }
    function refreshVerdicts() { excerpts.forEach(function (entry) { showVerdict(entry, entry.state); }); }
    set.addEventListener("input", function (event) {
      var entry = excerpts.filter(function (e) { return e.input === event.target; })[0];
      if (entry) showVerdict(entry, lookedFor(entry.input.value) ? "pending" : "none");
    });
    function refreshWarning() {
      refreshAddress();
      // a source cited without its words is accepted by the check, with a warning: shown, not counted
      var warn = byRecord.checked && select.value && !anyExcerpt() ? say("hinted", {message: say("no_excerpt", {source: select.value}), hint: say("no_excerpt_hint")}) : "";
      warning.hidden = !warn;
      if (warning.textContent !== warn) warning.textContent = warn;
    }
    // at once, not after the pause in typing: the page does not move under the pointer later
    set.addEventListener("input", refreshWarning);
    set.addEventListener("change", refreshWarning);
    function sync() {
      recordFrame.box.hidden = !byRecord.checked;
      urlFrame.box.hidden = !byUrl.checked;
      refreshWarning();
    }
    byRecord.addEventListener("change", sync);
    byUrl.addEventListener("change", sync);
    sync();
    return {
      el: set, input: select,
      get: function () {
        var chosen = typed();
        var words = excerpts.map(function (e) { return e.input.value.trim(); }).filter(Boolean);
        if (!chosen) return undefined;
        var value = byRecord.checked ? {plain: chosen} : urlValue(chosen);
        if (!words.length) return value;
        var block = {};
        block[byRecord.checked ? "source" : "url"] = value;
        block.excerpts = {list: words};
        return {object: block};
      },
      set: function (value) {
        if (value === undefined || value === null) return;
        if (typeof value === "string") value = /^[a-z]+:/i.test(value) ? {url: value} : {source: value};
        if (value.url) {
          byUrl.checked = true;
          urlInput.value = value.url;
        } else if (value.source) {
          byRecord.checked = true;
          if (!select.querySelector('option[value="' + CSS.escape(value.source) + '"]')) select.appendChild(el("option", {value: value.source, text: value.source}));
          select.value = value.source;
        }
        (value.excerpts || []).forEach(function (text, index) {
          if (index < excerpts.length && !excerpts[index].input.value.trim()) excerpts[index].input.value = text;
          else addExcerpt(text);
        });
        sync();
      },
      check: function (show) {
        refreshWarning();
        var errors = leafs.concat(excerpts.map(function (e) { return e.leaf; }))
          .reduce(function (n, leaf) { return n + leaf.check(show); }, 0);
        refreshVerdicts();
        return errors;
      }
    };
  }

  function citationsWidget(key, label, help, schema, item) {
    var widget = repeatable(key, label, help, schema, function (index) {
      return citationWidget(key, say("source_label", {number: index + 1}),
                            index === 0 ? say("sources_hint") : "",
                            false, item);
    }, word("add_" + key) || say("add_sources"));
    if (schema.minItems) widget.add();
    return widget;
  }

  function objectWidget(kind, key, label, help, schema, defs, required) {
    var set = group(label, help, required);
    var children = buildFields(kind, schema, defs, set);
    return {
      el: set, input: children.length ? children[0][1].input : null,
      get: function () {
        var value = {};
        var any = false;
        children.forEach(function (pair) {
          var v = pair[1].get();
          if (v !== undefined) { value[pair[0]] = v; any = true; }
        });
        return any ? {object: value} : undefined;
      },
      set: function (value) { children.forEach(function (pair) { if (value && value[pair[0]] !== undefined) pair[1].set(value[pair[0]]); }); },
      check: function (show) { return children.reduce(function (n, pair) { return n + pair[1].check(show); }, 0); }
    };
  }

  function listWidget(kind, key, label, help, schema, item, defs) {
    var itemWord = word("add_" + key) || say("add_item");
    return repeatable(key, label, help, schema, function (index) {
      var words = word("item_" + key) || local(item.title) || label;
      return objectWidget(kind, key, words + " " + (index + 1), "", item, defs, true);
    }, itemWord);
  }

  function buildFields(kind, schema, defs, parent) {
    var required = schema.required || [];
    var keys = Object.keys(schema.properties);
    if (keys.indexOf("note") !== -1 && keys.indexOf("sources") !== -1) {  // the note goes with the sources
      keys = keys.filter(function (k) { return k !== "note"; });
      keys.splice(keys.indexOf("sources"), 0, "note");
    }
    return keys.map(function (key) {
      var widget = build(kind, key, schema.properties[key], defs, required.indexOf(key) !== -1);
      widget.el.setAttribute("data-field", key);
      parent.appendChild(widget.el);
      return [key, widget];
    });
  }

  /* --- YAML, as the templates write it (form-rules.js) --------------------------- */
  var emit = YAML.emit, urlValue = YAML.urlValue;

  /* --- the page ------------------------------------------------------------------ */
  var params = new URLSearchParams(window.location.search);
  // ?kind=…&id=… (the « Proposer une modification » link of each record): only a known kind
  // and an id the model accepts (values.check_id, from form-rules.js) are taken; anything else
  // (an id like ../../../other/repo/blob/main/README.md%23, which would make the GitHub button
  // open another repository) is ignored, and the form starts empty
  var askedId = params.get("id") || "";
  var editing = askedId && !CHECK.id(askedId) && KINDS.concat(["phases"]).indexOf(params.get("kind")) !== -1
    ? askedId : null;
  var current = {kind: null, widgets: [], idEdited: false};
  // &field=… (the « Ce qui manque » page's links): the field to fill in, found only among the
  // record's own fields by its key ("place"), or a text's language by its name ("title.en");
  // any other value is ignored
  var askedField = editing ? params.get("field") || "" : "";

  var chooser = el("fieldset", {"class": "qic-kinds"}, [el("legend", {text: say("what_kind")})]);
  var kindsList = el("div", {"class": "qic-choices qic-kind-choices"});
  chooser.appendChild(kindsList);
  KINDS.forEach(function (kind) {
    var id = "qic-kind-" + kind;
    kindsList.appendChild(el("div", {"class": "qic-choice"}, [
      el("input", {type: "radio", name: "qic-kind", id: id, value: kind}),
      el("label", {"for": id, text: say("kind_" + kind)})]));
  });
  var intro = el("p", {"class": "qic-help qic-kind-help", id: "qic-kind-description"});
  var fileBox = el("div", {"class": "qic-file"});
  var fieldsBox = el("div", {"class": "qic-fields"});
  var form = el("form", {"class": "qic-form-body", novalidate: true, "aria-labelledby": "qic-form-title"},
                [el("h2", {id: "qic-form-title", text: say("the_record")}), intro, fileBox, fieldsBox]);
  var status = el("p", {"class": "qic-status", role: "status", "aria-live": "polite", id: "qic-status"});
  var check = el("button", {type: "button", "class": "md-button", text: say("check")});
  var resultTitle = el("h2", {id: "qic-result-title", text: say("the_file")});
  var fileName = el("p", {"class": "qic-filename"});
  var output = el("textarea", {id: "qic-yaml", "class": "qic-yaml", readonly: true, rows: 16, spellcheck: "false",
                               "aria-labelledby": "qic-result-title", "aria-describedby": "qic-next"});
  var copy = el("button", {type: "button", "class": "md-button", text: say("copy")});
  // a new tab: the form keeps what was typed while the contributor signs in on GitHub
  var github = el("a", {"class": "md-button md-button--primary qic-github", id: "qic-github", href: "#", rel: "noopener", target: "_blank"});
  var next = el("p", {id: "qic-next", "class": "qic-help"});
  // [proposals] the records kept in this browser, offered in the reference fields, and their files in order
  PROPOSALS = window.QIC_PROPOSALS ? window.QIC_PROPOSALS({data: DATA, rules: RULES, lang: LANG, kinds: KINDS,
    schemaNames: SCHEMA_NAMES, repo: REPO, branch: BRANCH, el: el, urlLimit: URL_LIMIT}) : null;
  var keep = PROPOSALS ? el("button", {type: "button", "class": "md-button", id: "qic-keep", text: say("keep")}) : null;
  var result = el("section", {"class": "qic-result", "aria-labelledby": "qic-result-title"},
                  [resultTitle, status, el("p", {"class": "qic-actions"}, [check, " ", copy, " ", github, keep ? " " : null, keep]),
                   fileName, output, next]);
  root.textContent = "";
  root.appendChild(chooser);
  root.appendChild(form);
  root.appendChild(result);
  if (PROPOSALS) root.appendChild(PROPOSALS.panel);  // [/proposals]
  form.hidden = true;
  result.hidden = true;

  var idInput, idLeaf;
  function start(kind, record) {
    current = {kind: kind, widgets: [], idEdited: !!editing};
    leaves = [];
    fieldsBox.textContent = "";
    fileBox.textContent = "";
    var schema = DATA.schemas[kind];
    intro.textContent = LANG === "en" && schema["x-description-en"] ? schema["x-description-en"] : local(schema.description);
    if (LANG === "en" && !schema["x-description-en"]) intro.setAttribute("lang", "fr"); else intro.removeAttribute("lang");
    var frame = fieldBox(say("file_name"),
                         say("file_name_hint"),
                         true, "qic-id");
    idInput = el("input", {type: "text", id: "qic-id", name: "id", required: true, spellcheck: "false", autocomplete: "off", readonly: editing ? true : null});
    idLeaf = makeLeaf(idInput, frame.box, frame.helpId, function () {
      var value = idInput.value.trim();
      if (!value) return missing(say("file_name_field"));
      var wrong = CHECK.id(value);
      if (wrong) return wrong;
      if (!editing && (DATA.rules.id.reserved[kind] || []).indexOf(value) !== -1) return say("reserved", {id: value});
      if (!editing && known(kind, value)) return say("duplicate", {kind: kind, id: value});
      return "";
    });
    idInput.addEventListener("input", function () { current.idEdited = idInput.value.trim() !== ""; });
    fileBox.appendChild(frame.box);
    current.widgets = buildFields(kind, schema, schema.$defs || {}, fieldsBox);
    if (record) {
      current.widgets.forEach(function (pair) { if (record[pair[0]] !== undefined) pair[1].set(record[pair[0]]); });
    }
    if (editing) idInput.value = editing;
    if (keep) keep.hidden = !!editing;  // [proposals] a change to a published record goes alone
    form.hidden = false;
    result.hidden = false;
    update(false);
  }

  /* brings the asked field into view, marked, with the focus on its first control */
  function showAskedField() {
    var key = askedField.split(".")[0];
    var pair = current.widgets.filter(function (p) { return p[0] === key; })[0];
    if (!pair) return;
    var box = pair[1].el;
    var controls = Array.prototype.filter.call(box.querySelectorAll("input, select, textarea, button"), function (c) {
      return c.getClientRects().length > 0;  // shown (not in a hidden part)
    });
    var named = controls.filter(function (c) { return c.getAttribute("name") === askedField; })[0];
    if (askedField !== key && !named) return;  // "title.en": only the name of one of the field's controls
    var control = named || (pair[1].input && controls.indexOf(pair[1].input) !== -1 ? pair[1].input : controls[0]);
    box.classList.add("qic-asked");
    var note = el("p", {"class": "qic-asked-note", id: nextId("asked"), text: say("asked_field")});
    box.insertBefore(note, box.firstChild.nextSibling);
    if (control) {
      control.setAttribute("aria-describedby", [note.id, control.getAttribute("aria-describedby")].filter(Boolean).join(" "));
      control.focus({preventScroll: true});
    }
    box.scrollIntoView({block: "start"});
  }

  function suggestedId() {
    var values = {};
    current.widgets.forEach(function (pair) { values[pair[0]] = pair[1]; });
    var named = values.name || values.title;
    var text = named && named.get();
    var base = slugify(typeof text === "string" ? text : text && text.text ? text.text.fr : "");
    if (!base) return "";
    var date = values.date && values.date.get();
    var first = date ? (date.plain || (date.period && date.period.start) || "") : "";
    var stamp = first && !CHECK.date(String(first)) ? String(first) : "";
    if (current.kind === "history" && stamp) return stamp.slice(0, 7).replace(/-$/, "") + "-" + base;
    if (current.kind === "events" && stamp && !/-\d{4}$/.test(base)) return base + "-" + stamp.slice(0, 4);
    return base;
  }

  function yamlText() {
    var kind = current.kind;
    var lines = ["# yaml-language-server: $schema=../../schemas/" + SCHEMA_NAMES[kind] + ".schema.json"];
    current.widgets.forEach(function (pair) { lines = lines.concat(emit(pair[0], pair[1].get(), 0)); });
    return lines.join("\n") + "\n";
  }

  function update(showAll) {
    if (!current.kind) return;
    if (!current.idEdited && !editing) idInput.value = suggestedId();
    var errors = idLeaf.check(showAll) + current.widgets.reduce(function (n, pair) { return n + pair[1].check(showAll); }, 0);
    var kind = current.kind, id = idInput.value.trim() || "…";
    var path = "content/" + kind + "/" + id + ".yml";
    var text = yamlText();
    output.value = text;
    fileName.textContent = say("file", {path: path});
    var url = "";
    if (REPO) {
      url = editing ? REPO + "/edit/" + BRANCH + "/" + path
                    : REPO + "/new/" + BRANCH + "?filename=" + encodeURIComponent(path).replace(/%2F/g, "/") + "&value=" + encodeURIComponent(text);
    }
    github.hidden = !REPO;
    github.setAttribute("href", url || "#");
    github.textContent = editing ? say("open_editor") : say("suggest");
    github.setAttribute("data-errors", String(errors));
    var tooLong = url.length > URL_LIMIT;
    if (!REPO) {
      next.textContent = say("next_no_repo", {path: path});
    } else if (editing) {
      next.textContent = say("next_edit");
    } else if (tooLong) {
      next.textContent = say("next_long");
      github.setAttribute("href", REPO + "/new/" + BRANCH + "?filename=" + encodeURIComponent(path).replace(/%2F/g, "/"));
    } else {
      next.textContent = say("next");
    }
    if (PROPOSALS && !editing && PROPOSALS.count()) {  // [proposals] with the others, in one pull request
      next.appendChild(document.createTextNode(" " + say("next_contribution")));
    }
    if (GUIDE) {  // the contribution guide, as a link
      next.appendChild(document.createTextNode(" "));
      next.appendChild(el("a", {href: GUIDE, text: say("guide")}));
      next.appendChild(document.createTextNode("."));
    }
    // the form speaks when spoken to: it counts the messages it shows (a field once left,
    // or every field after "check"), and says nothing of the fields not reached yet
    var shown = Array.prototype.filter.call(root.querySelectorAll(".qic-error"), function (node) {
      return !node.hidden && node.textContent && !node.closest(".qic-contribution");  // [proposals] not the record's
    }).length;
    var said = shown
      ? (shown === 1 ? say("one_error") : say("errors", {count: shown})) + (showAll ? "" : say("messages_below"))
      : errors ? say("not_yet") : say("no_error");
    status.className = "qic-status" + (shown ? " qic-status--errors" : errors ? "" : " qic-status--ok");
    if (status.textContent !== said) status.textContent = said;  // the same words are not read out again
    return errors;
  }

  function showAllErrors() {
    var errors = update(true);
    if (errors) {
      var first = leaves.filter(function (leaf) { return leaf.alive() && leaf.message(); })[0];
      if (first) first.control.focus();
    }
    return errors;
  }

  var pending = null;
  form.addEventListener("input", function () {
    // after a pause in typing, so the summary is not read out on every key
    if (pending) clearTimeout(pending);
    root.dataset.pending = "true";  // read by the tests: the form has not caught up yet
    pending = setTimeout(function () { pending = null; update(false); delete root.dataset.pending; }, 250);
  });
  form.addEventListener("change", function () { update(false); });
  root.addEventListener("input", function (event) { if (event.target === root) update(false); });
  form.addEventListener("submit", function (event) { event.preventDefault(); showAllErrors(); });
  check.addEventListener("click", showAllErrors);
  github.addEventListener("click", function (event) {
    if (showAllErrors() && !editing) event.preventDefault();
  });
  copy.addEventListener("click", function () {
    output.select();
    var done = function () { status.textContent = say("copied"); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(output.value).then(done, function () { document.execCommand("copy"); done(); });
    else { document.execCommand("copy"); done(); }
  });
  // [proposals] keep the record in this browser's contribution, then start the next one
  if (keep) keep.addEventListener("click", function () {
    if (showAllErrors()) return;
    var values = {};
    current.widgets.forEach(function (pair) { values[pair[0]] = pair[1]; });
    var named = (values.name || values.title) && (values.name || values.title).get();
    var fr = typeof named === "string" ? named : named && named.text ? named.text.fr : "";
    var en = named && named.text && named.text.en ? named.text.en : "";
    var why = PROPOSALS.keep({kind: current.kind, id: idInput.value.trim(), fr: fr, en: en, yaml: yamlText()});
    if (why) { status.textContent = why; return; }
    current = {kind: null, widgets: [], idEdited: false};
    leaves = [];
    fieldsBox.textContent = "";
    fileBox.textContent = "";
    form.hidden = true;
    result.hidden = true;
    Array.prototype.forEach.call(kindsList.querySelectorAll("input"), function (radio) { radio.checked = false; });
    var heading = document.getElementById("qic-proposals-title");
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  });
  // [/proposals]
  kindsList.addEventListener("change", function (event) {
    if (event.target.name === "qic-kind") {
      editing = null;
      start(event.target.value, null);
    }
  });

  var wanted = params.get("kind");
  if (editing) {
    var radio = document.getElementById("qic-kind-" + wanted);
    if (radio) radio.checked = true;
    chooser.hidden = true;
    var banner = el("p", {"class": "qic-editing", role: "status"},
                    [say("editing", {path: "content/" + wanted + "/" + editing + ".yml"})]);
    var fresh = el("a", {href: window.location.pathname, text: say("new_instead")});
    banner.appendChild(fresh);
    root.insertBefore(banner, form);
    status.textContent = say("loading");
    fetch(CONTENT_URL).then(function (response) { return response.json(); }).then(function (data) {
      var record = ((data.records || {})[wanted] || {})[editing];
      if (!record) throw new Error("missing");
      start(wanted, record);
      if (askedField) showAskedField();
    }).catch(function () {
      start(wanted, null);
      status.textContent = say("not_found");
    });
  } else if (wanted && KINDS.indexOf(wanted) !== -1) {
    document.getElementById("qic-kind-" + wanted).checked = true;
    start(wanted, null);
  }
})();
