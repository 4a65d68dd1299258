/* The checks and the YAML writer of the "Proposer une fiche" form, without the page
   (form.js uses them; tests/test_form_rules.py runs them with node, beside the Python
   checks). No rule is written here: the patterns, limits and messages come from the
   form's data (assets/form-data.js, made by macros/form_rules.py and
   macros/form_messages.py from the model's own rules). This file only says in which
   order a kind of value is checked, as macros/values.py does. */
(function (global) {
  "use strict";
  function makeRules(DATA, LANG) {
    var R = DATA.rules, WORDS = DATA.words[LANG];
    function compile(spec) {
      var source = spec[0].replace(/\\q\{(\w+)\}/g, function (all, name) { return R.classes[name]; });
      return new RegExp(source, spec[1]);
    }
    var SPACE = "[" + R.space + "]";
    var EDGES = new RegExp("^" + SPACE + "+|" + SPACE + "+$", "gu");
    var P = {
      id: compile(R.id.pattern), email: compile(R.email.pattern), start: compile(R.url.start),
      forbidden: compile(R.url.forbidden), separators: compile(R.phone.separators),
      national: compile(R.phone.national), international: compile(R.phone.international),
      date: compile(R.date.pattern), number: compile(R.number), placeholder: compile(R.placeholder),
      hidden: compile(R.text.hidden), invisible: compile(R.text.invisible),
      triggers: compile(R.typography.triggers), url: compile(R.typography.url)
    };
    var TYPOGRAPHY = R.typography.rules.map(function (rule) { return [compile(rule), rule[2]]; });

    /* macros/typography.py french_text: the rules, web addresses kept as they are */
    function french(text) {
      text = String(text);
      if (!P.triggers.test(text)) return text;
      var urls = text.match(P.url) || [];
      return text.split(P.url).map(function (part, index) {
        part = TYPOGRAPHY.reduce(function (done, rule) { return done.replace(rule[0], function () { return rule[1]; }); }, part);
        return part + (index < urls.length ? urls[index] : "");
      }).join("");
    }
    /* A template of the catalogue, in the page's language (French with French
       typography), filled in as Python's str.format does: the values as they are. */
    function say(key, values) {
      var template = WORDS[key];
      if (template === undefined) throw new Error("no words for " + key);
      if (LANG === "fr") template = french(template);
      return template.replace(/\{\{|\}\}|\{(\w+)\}/g, function (all, name) {
        if (!name) return all[0];
        return String(values[name]);
      });
    }
    function chars(text) { return Array.from(text); }  // code points, as Python counts
    function strip(text) { return String(text).replace(EDGES, ""); }
    function quoted(text, maximum) {
      var all = chars(String(text)), most = maximum || R.quoted;
      return all.length <= most ? all.join("") : all.slice(0, most).join("") + "…";
    }
    function code(char) {
      var hex = char.codePointAt(0).toString(16).toUpperCase();
      return "U+" + "0000".slice(hex.length) + hex;
    }
    function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f"); }
    function limit(value, maximum, what) {
      var length = chars(value).length;
      if (length <= maximum) return "";
      return say("too_long", {what: say("what_" + what), length: thousands(length), maximum: thousands(maximum)});
    }
    function visible(text) {
      return String(text).replace(P.invisible, function (c) {
        return "\\u" + ("0000" + c.codePointAt(0).toString(16)).slice(-Math.max(4, c.codePointAt(0).toString(16).length));
      });
    }
    function hidden(text) { var found = P.hidden.exec(text); return found ? found[0] : null; }

    var check = {
      /* values.check_text */
      text: function (value) {
        value = strip(value);
        var long = limit(value, R.text.max, "text");
        if (long) return long;
        if (!value) return say("text_empty");
        var odd = hidden(value);
        return odd ? say("deceptive", {message: say("hidden", {code: code(odd)}), hint: say("hidden_hint")}) : "";
      },
      /* values.check_id */
      id: function (value) {
        if (!P.id.test(value)) return say("id", {value: quoted(visible(value))});
        return limit(value, R.id.max, "id");
      },
      /* values.check_url */
      url: function (value) {
        value = strip(value);
        var long = limit(value, R.url.max, "url");
        if (long) return long;
        var lower = value.toLowerCase();
        if (R.url.refused.some(function (s) { return lower.indexOf(s) === 0; })) return say("url_scheme", {scheme: value.split(":")[0]});
        var match = P.start.exec(value);
        if (!match || P.forbidden.test(value)) return say("url", {value: quoted(value)});
        var odd = hidden(value);
        if (odd) return say("url_hidden", {code: code(odd)});
        var host = match[1].split("@").pop().split(":")[0];
        if (host.indexOf(".") === -1 || host[0] === "." || host[host.length - 1] === ".") return say("url_host", {host: quoted(host)});
        return "";
      },
      /* values.check_email */
      email: function (value) {
        value = strip(value);
        var long = limit(value, R.email.max, "email");
        if (long) return long;
        if (P.email.test(value)) return "";
        var accented = chars(value).filter(function (c) { return c.codePointAt(0) > 127; });
        return accented.length ? say("email_accent", {value: quoted(value), character: accented[0]}) : say("email", {value: quoted(value)});
      },
      /* values.check_phone */
      phone: function (value) {
        value = strip(value);
        var long = limit(value, R.phone.max, "phone");
        if (long) return long;
        var digits = value.replace(P.separators, "");
        return P.national.test(digits) || P.international.test(digits) ? "" : say("phone", {value: quoted(value)});
      },
      /* dates.PartialDate.parse */
      date: function (value) {
        var text = strip(value), m = P.date.exec(text);
        if (!m) return say("date", {value: text});
        var year = parseInt(m[1], 10), month = m[2] ? parseInt(m[2], 10) : null, day = m[3] ? parseInt(m[3], 10) : null;
        if (!(year >= R.date.first && year <= R.date.last)) return say("year", {year: year});
        if (month !== null && (month < 1 || month > 12)) return say("month", {month: month, value: text});
        if (day !== null) {
          var last = new Date(Date.UTC(year, month, 0)).getUTCDate();
          if (day < 1 || day > last) return say("day", {day: day, value: text, last: last});
        }
        return "";
      },
      /* model._day: a date to the day */
      day: function (value) {
        var wrong = check.date(value);
        if (wrong) return wrong;
        var m = P.date.exec(strip(value));
        if (m[3]) return "";
        var iso = m[1] + (m[2] ? "-" + ("0" + parseInt(m[2], 10)).slice(-2) : "");
        return say("full_day", {value: iso});
      },
      /* model._excerpt */
      excerpt: function (value) {
        var wrong = check.text(value);
        if (wrong) return wrong;
        value = strip(value);
        return chars(value).length < R.excerpt.min ? say("excerpt", {value: value}) : "";
      },
      /* unfilled.unfilled: what a template still holds */
      placeholder: function (value) {
        var found = P.placeholder.exec(value);
        if (!found) return "";
        return say(/example/i.test(found[0]) ? "example" : "template", {value: quoted(value)});
      },
      /* how a number is written in a record (values.NUMBER); its bounds are the schema's */
      number: function (value, integer) {
        if (!P.number.test(value)) {
          if (integer) return say("integer");
          return value.indexOf(",") !== -1 ? say("hinted", {message: say("number"), hint: say("comma")}) : say("number");
        }
        return integer && value.indexOf(".") !== -1 ? say("integer") : "";
      }
    };
    /* a date's first and last day (dates.PartialDate.first_day, last_day), ISO */
    function firstDay(text) { var m = P.date.exec(text); return m[1] + "-" + pad(m[2] || 1) + "-" + pad(m[3] || 1); }
    function lastDay(text) {
      var m = P.date.exec(text);
      if (m[3]) return m[1] + "-" + pad(m[2]) + "-" + pad(m[3]);
      var month = m[2] ? +m[2] : 12;
      return m[1] + "-" + pad(month) + "-" + new Date(Date.UTC(+m[1], month, 0)).getUTCDate();
    }
    function pad(n) { return ("0" + parseInt(n, 10)).slice(-2); }

    /* --- YAML, as the templates write it: what YAML reads back unchanged -------- */
    var PLAIN = /^[A-Za-z0-9][A-Za-z0-9/_.+-]*$/;
    var RESERVED = /^(y|n|yes|no|on|off|true|false|null|~|[-+]?(\.inf|\.nan)|[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+|[0-9]+(:[0-5]?[0-9])+|\d{4}-\d\d?-\d\d?([Tt ].*)?)$/i;
    function quote(text) {
      return "\"" + String(text).replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
        var named = {"\\": "\\\\", "\"": "\\\"", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\u0085": "\\N", "\u2028": "\\L", "\u2029": "\\P"};
        if (named[c]) return named[c];
        var hex = c.charCodeAt(0).toString(16);
        return c.charCodeAt(0) < 256 ? "\\x" + ("0" + hex).slice(-2) : "\\u" + ("000" + hex).slice(-4);
      }) + "\"";
    }
    function scalar(value) {
      if (value && value.raw !== undefined) return value.raw;
      if (value && value.plain !== undefined) {
        var text = String(value.plain);
        return PLAIN.test(text) && (!RESERVED.test(text) || value.date) ? text : quote(text);
      }
      if (value && value.number !== undefined) return String(Number(value.number));
      return quote(String(value));
    }
    function textLines(text, indent) {
      // several lines (paragraphs) as a block, like the templates say; otherwise a quoted string
      var pad = new Array(indent + 3).join(" ");
      if (text.indexOf("\n") !== -1 && !/[\t\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/.test(text)
          && !/^\s/.test(text) && !/[ ]\n|[ ]$/.test(text)) {
        return ["|"].concat(text.split("\n").map(function (line) { return line ? pad + line : ""; }));
      }
      return [quote(text)];
    }
    function emit(key, value, indent) {
      var pad = new Array(indent + 1).join(" ");
      if (value === undefined) return [];
      if (typeof value === "string") {
        var lines = textLines(value, indent);
        return [pad + key + ": " + lines[0]].concat(lines.slice(1));
      }
      if (value.text) {
        var out = [pad + key + ":"];
        ["fr", "en"].forEach(function (lang) { if (value.text[lang]) out = out.concat(emit(lang, value.text[lang], indent + 2)); });
        return out;
      }
      if (value.flow) return [pad + key + ": [" + value.flow.map(function (v) { return scalar({plain: v}); }).join(", ") + "]"];
      if (value.period) {
        var end = value.period.end ? ", end: " + scalar({plain: value.period.end, date: true}) : "";
        return [pad + key + ": {start: " + scalar({plain: value.period.start, date: true}) + end + "}"];
      }
      if (value.object) {
        var keys = Object.keys(value.object);
        var simple = keys.every(function (k) { var v = value.object[k]; return v && (v.plain !== undefined || v.number !== undefined || v.raw !== undefined); });
        if (simple) {  // like the templates: coordinates: {lat: 49.0464, lon: 3.403, precision: commune}
          return [pad + key + ": {" + keys.map(function (k) { return k + ": " + scalar(value.object[k]); }).join(", ") + "}"];
        }
        return [pad + key + ":"].concat(mapping(value.object, indent + 2));
      }
      if (value.list) {
        var lines2 = [pad + key + ":"];
        value.list.forEach(function (item) {
          if (item && item.object) {
            var inner = mapping(item.object, indent + 4);
            inner[0] = pad + "  - " + inner[0].slice(indent + 4);
            lines2 = lines2.concat(inner);
          } else {
            lines2.push(pad + "  - " + (typeof item === "string" ? quote(item) : scalar(item)));
          }
        });
        return lines2;
      }
      return [pad + key + ": " + scalar(value)];
    }
    function mapping(object, indent) {
      return Object.keys(object).reduce(function (lines, key) { return lines.concat(emit(key, object[key], indent)); }, []);
    }
    // a web address as the content writes it: plain (`- https://…`) when YAML reads it back unchanged
    function urlValue(text) { return /^https?:\/\/\S+$/.test(text) && !/[:,\]}]$/.test(text) ? {raw: text} : text; }

    /* --- an excerpt against its source's fingerprint (macros/provenance.py, fingerprints.py) ---
       The steps, the « […] » pattern, the token pattern and the sizes are the form's data
       (macros/form_rules.py, excerpt_rules): only their mechanics are written here. */
    var EX = R.excerpt;
    var STEPS = EX.normalising.map(function (step) {
      if (step[0] === "sub") return ["sub", compile(step[1]), step[2]];
      if (step[0] === "map") return ["map", chars(step[1]), step[2]];
      return step;
    });
    var GAP = compile(EX.gap), TOKEN = compile(EX.token), SIZES = EX.sizes;
    /* provenance.normalise: the steps of provenance.NORMALISING, in their order */
    function normalise(text) {
      text = String(text);
      STEPS.forEach(function (step) {
        if (step[0] === "form") text = text.normalize(step[1]);
        else if (step[0] === "map") text = chars(text).map(function (c) { return step[1].indexOf(c) === -1 ? c : step[2]; }).join("");
        else if (step[0] === "drop") text = text.split(step[1]).join("");
        else if (step[0] === "sub") text = text.replace(step[1], step[2]);
        else if (step[0] === "strip") text = strip(text);
        else throw new Error("unknown step " + step[0]);
      });
      return text;
    }
    /* fingerprints.tokens: [start, end] of each token (a word, or a sign alone) */
    function tokens(text) {
      return Array.from(text.matchAll(TOKEN), function (m) { return [m.index, m.index + m[0].length]; });
    }
    /* provenance.parts: the normalised parts around « […] » */
    function parts(excerpt) { return String(excerpt).split(GAP).map(normalise).filter(Boolean); }
    /* fingerprints.shingles */
    function shingles(text, size) {
      var found = tokens(text);
      if (found.length <= size) return found.length ? [text.slice(found[0][0], found[found.length - 1][1])] : [];
      var out = [];
      for (var i = 0; i + size <= found.length; i += 1) out.push(text.slice(found[i][0], found[i + size - 1][1]));
      return out;
    }
    /* provenance.too_short: the first part too short to be verified, or null */
    function tooShort(excerpt) {
      var short = parts(excerpt).filter(function (part) { return tokens(part).length < SIZES[0]; });
      return short.length ? short[0] : null;
    }
    /* what fingerprints.Fingerprint.holds hashes for one part: its shingles, or null when
       the part cannot be found (too short) */
    function partShingles(part) {
      var count = tokens(part).length;
      if (count < SIZES[0]) return null;
      var size = Math.min(count, SIZES[SIZES.length - 1]);
      return SIZES.indexOf(size) === -1 ? null : shingles(part, size);
    }
    function hexBytes(hex) {
      var out = new Uint8Array(hex.length / 2);
      for (var i = 0; i < out.length; i += 1) out[i] = parseInt(hex.substr(2 * i, 2), 16);
      return out;
    }
    /* a published fingerprint (fingerprints.Fingerprint.published), ready to be asked;
       null when it is not of the format this form reads */
    function loadPrint(data, subtle) {
      if (!data || data.format !== EX.format || data.hash !== EX.hash || data.bytes !== EX.bytes ||
          String(data.shingles) !== String(SIZES)) return null;
      var binary = atob(data.hashes), hashes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i += 1) hashes[i] = binary.charCodeAt(i);
      if (hashes.length !== data.count * EX.bytes) return null;
      var key = subtle.importKey("raw", hexBytes(data.salt), {name: "HMAC", hash: "SHA-256"}, false, ["sign"]);
      return {subtle: subtle, key: key, hashes: hashes, seen: new Map()};
    }
    /* whether the sorted hashes hold these bytes (binary search) */
    function among(hashes, digest) {
      var width = EX.bytes, low = 0, high = hashes.length / width;
      while (low < high) {
        var middle = (low + high) >> 1, at = middle * width, order = 0;
        for (var i = 0; i < width && !order; i += 1) order = hashes[at + i] - digest[i];
        if (!order) return true;
        if (order < 0) low = middle + 1; else high = middle;
      }
      return false;
    }
    function shingleHeld(print, shingle) {
      if (print.seen.has(shingle)) return print.seen.get(shingle);
      var found = print.key.then(function (key) {
        return print.subtle.sign("HMAC", key, new TextEncoder().encode(shingle));
      }).then(function (signed) { return among(print.hashes, new Uint8Array(signed, 0, EX.bytes)); });
      if (print.seen.size > 5000) print.seen.clear();
      print.seen.set(shingle, found);
      return found;
    }
    /* provenance.SourcePrint.holds: every part found (a Promise of true or false) */
    function holds(print, excerpt) {
      var all = parts(excerpt).map(partShingles);
      if (all.some(function (found) { return found === null; })) return Promise.resolve(false);
      var asked = [].concat.apply([], all).map(function (shingle) { return shingleHeld(print, shingle); });
      return Promise.all(asked).then(function (found) { return found.every(Boolean); });
    }
    /* provenance._short: an excerpt in a message, on one line, cut after 69 characters */
    function shortened(text, size) {
      size = size || 70;
      var all = chars(strip(text).split(new RegExp(SPACE + "+", "u")).join(" "));
      return all.length <= size ? all.join("") : all.slice(0, size - 1).join("") + "…";
    }

    return {say: say, french: french, strip: strip, quoted: quoted, check: check, firstDay: firstDay, lastDay: lastDay,
            yaml: {quote: quote, scalar: scalar, emit: emit, mapping: mapping, urlValue: urlValue},
            excerpts: {normalise: normalise, tokens: tokens, parts: parts, shingles: shingles, tooShort: tooShort,
                       load: loadPrint, holds: holds, shortened: shortened, sizes: SIZES}};
  }
  global.QIC_RULES = makeRules;
  if (typeof module !== "undefined" && module.exports) module.exports = makeRules;
})(typeof window !== "undefined" ? window : globalThis);
