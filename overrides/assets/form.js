/* The "Proposer une fiche" form (page proposer/): one form per kind of record,
   built from the JSON Schemas that macros/model.py produces (published by
   macros/downloads.py in assets/form-data.js, with the ids and names of the
   published records). It writes the YAML file as the templates would, checks
   the values as the contributor types (with the words of `macros.cli check`,
   which stays the authority) and opens GitHub's "create new file" page (or its
   editor, for a change to an existing record). No library, no request to a
   third party; without JavaScript the page points to the contribution guide. */
(function () {
  "use strict";
  var root = document.getElementById("qic-form");
  if (!root || !window.QIC_FORM) return;
  var DATA = window.QIC_FORM;
  var LANG = root.getAttribute("data-lang") === "en" ? "en" : "fr";
  var REPO = root.getAttribute("data-repo") || "";
  while (REPO.slice(-1) === "/") REPO = REPO.slice(0, -1);  // not /\/+$/: quadratic on many slashes
  var BRANCH = ((root.getAttribute("data-edit-uri") || "").match(/^\/?edit\/([^/]+)\//) || [])[1] || "main";
  var CONTENT_URL = root.getAttribute("data-content") || "";
  var KINDS = ["sites", "events", "resources", "contacts", "organisations", "history"];
  var SCHEMA_NAMES = {sites: "site", events: "event", resources: "resource", contacts: "contact",
                      organisations: "organisation", history: "history", phases: "phase", sources: "source"};
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
  var DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
  var URL_LIMIT = 8000;  // beyond, GitHub may refuse the address: the text is copied instead

  /* --- French typography ----------------------------------------------------------
     The rules macros/typography.py applies to the text of the French pages, for the
     words this script writes in the browser: a narrow no-break space (U+202F) before
     ; ! ? and a no-break space (U+00A0) before : where a space already stands, U+202F
     inside « », the typographic apostrophe ’. Web addresses in the text are kept. */
  var NNBSP = "\u202f", NBSP = "\u00a0";
  // a scheme of at most 64 characters, as in typography.py: unbounded, « a.a.a.… » would be
  // read again to its end from each of its letters (quadratic time)
  var TEXT_URL = /((?:\b[a-z][a-z0-9+.-]{0,63}:\/\/|\bwww\.|\bmailto:)[^\s<>«»"]*[^\s<>«».,;:!?)"'])/i;
  var TYPOGRAPHY = [
    [/(?<![ \t\r\n])[ \t\r\n]+(?=[;!?])/g, NNBSP],
    [/(?<![ \t\r\n])[ \t\r\n]+(?=:)/g, NBSP],
    [/«[ \t\r\n]+/g, "«" + NNBSP],
    [/(?<![ \t\r\n])[ \t\r\n]+»/g, NNBSP + "»"],
    [/«(?=[^\s\u00a0\u202f])/g, "«" + NNBSP],
    [/(?<=[^\s\u00a0\u202f])»/g, NNBSP + "»"],
    [/(?<=[\p{L}\p{N}_])'|'(?=[\p{L}\p{N}_])/gu, "’"]
  ];
  function french(text) {
    if (!/[;:!?«»']/.test(text)) return text;
    // split() with a capturing group: the addresses are at the odd places, left as they are
    return String(text).split(TEXT_URL).map(function (part, index) {
      if (index % 2) return part;
      return TYPOGRAPHY.reduce(function (done, rule) { return done.replace(rule[0], rule[1]); }, part);
    }).join("");
  }
  // French text of the published data (the schemas' titles and descriptions, the records' names)
  function local(text) { return LANG === "fr" && text ? french(text) : text; }
  /* The form's words in the page's language; the French ones with French typography.
     Values put into them ({0}, {1}…: what the contributor typed, field names, paths)
     are inserted afterwards, as they are. */
  function t(fr, en) {
    var values = Array.prototype.slice.call(arguments, 2);
    var text = LANG === "en" ? en : french(fr);
    return values.length ? text.replace(/\{(\d)\}/g, function (all, n) { return String(values[+n]); }) : text;
  }

  /* --- words ------------------------------------------------------------------ */
  // [one record, "choose …" for several]
  var KIND_WORDS = {
    sites: [t("Un site", "A site"), t("les sites concernés", "the sites concerned")],
    events: [t("Un événement", "An event"), t("les événements concernés", "the events concerned")],
    resources: [t("Une ressource", "A resource"), t("les ressources concernées", "the resources concerned")],
    contacts: [t("Un contact", "A contact"), t("les contacts concernés", "the contacts concerned")],
    organisations: [t("Une organisation", "An organisation"), t("les organisations concernées", "the organisations concerned")],
    history: [t("Une étape de l'histoire apprenante", "A learning-history entry"), t("les étapes concernées", "the entries concerned")],
    phases: [t("Une phase", "A phase"), t("les phases concernées", "the phases concerned")],
    sources: [t("Un document source", "A source document"), t("les documents sources", "the source documents")]
  };
  // labels of the fields ("kind.field" first, then "field"); the schemas only
  // have French descriptions: a field unknown here takes its description's start
  var LABELS = {
    "name": ["Nom", "Name"], "sites.kind": ["Type de site", "Kind of site"],
    "organisations.kind": ["Nature de l'organisation", "Kind of organisation"],
    "region": ["Région", "Region"], "departement": ["Département", "Département"],
    "commune": ["Commune", "Municipality"], "country": ["Pays", "Country"],
    "neighbourhood": ["Quartier prioritaire", "Priority neighbourhood"], "coordinates": ["Coordonnées", "Coordinates"],
    "lat": ["Latitude", "Latitude"], "lon": ["Longitude", "Longitude"],
    "precision": ["Ce que le point désigne", "What the point shows"], "phases": ["Phases", "Phases"],
    "summary": ["Présentation", "Summary"], "resources.summary": ["Résumé", "Summary"],
    "collective": ["Collectif local", "Local collective"], "challenge": ["Défi prioritaire", "Priority challenge"],
    "organisations": ["Organisations", "Organisations"], "contacts": ["Contacts", "Contacts"],
    "resources": ["Ressources", "Resources"], "events": ["Événements", "Events"],
    "continuum": ["Continuum de la coopération", "Cooperation continuum"], "date": ["Date", "Date"],
    "level": ["Position", "Level"], "source": ["Source", "Source"],
    "last_checked": ["Vérifié le", "Last checked on"], "sources": ["Sources", "Sources"],
    "title": ["Titre", "Title"], "url": ["Adresse web", "Web address"], "type": ["Type", "Type"],
    "language": ["Langue", "Language"], "publisher": ["Éditeur", "Publisher"], "year": ["Année", "Year"],
    "topics": ["Notions abordées", "Topics"], "contacts.topics": ["Pour quelles questions", "Ask about"],
    "timezone": ["Fuseau horaire", "Time zone"], "place": ["Lieu", "Place"],
    "organisers": ["Organisateurs", "Organisers"], "phase": ["Phase", "Phase"],
    "short_name": ["Sigle", "Acronym"], "website": ["Site web", "Website"], "description": ["Description", "Description"],
    "role": ["Fonction", "Role"], "organisation": ["Organisation", "Organisation"], "email": ["E-mail", "E-mail"],
    "phone": ["Téléphone", "Phone"], "public": ["Publier ce contact sur le site", "Publish this contact on the site"],
    "story": ["Récit", "Story"], "lessons": ["Enseignements", "Lessons"], "text": ["Enseignement", "Lesson"],
    "testimonials": ["Témoignages", "Testimonials"], "quote": ["Citation", "Quote"],
    "speaker": ["Qui parle", "Speaker"], "topic": ["Notion", "Topic"], "sites": ["Sites concernés", "Sites concerned"],
    "start": ["Début", "Start"], "end": ["Fin", "End"],
    "note": ["Note publiée avec les sources", "Note published with the sources"]
  };
  var ITEM_LABELS = {continuum: ["Position", "Position"], lessons: ["Enseignement", "Lesson"],
                     testimonials: ["Témoignage", "Testimonial"]};
  var ITEM_WORDS = {continuum: t("une position", "a position"), lessons: t("un enseignement", "a lesson"),
                    testimonials: t("un témoignage", "a testimonial"), sources: t("une source", "a source")};
  var VALUE_LABELS = {FR: ["France", "France"], CA: ["Canada", "Canada"], US: ["États-Unis", "United States"],
                      NZ: ["Nouvelle-Zélande", "New Zealand"], AU: ["Australie", "Australia"],
                      fr: ["français", "French"], en: ["anglais", "English"],
                      commune: ["la commune", "the municipality"], territoire: ["le territoire entier", "the whole area"],
                      quartier: ["le quartier", "the neighbourhood"]};
  var SHORT_TEXTS = ["name", "title", "role", "speaker", "place", "neighbourhood"];

  function labelOf(kind, key, schema) {
    var known = LABELS[kind + "." + key] || LABELS[key];
    if (LANG === "en" && schema["x-title-en"]) return schema["x-title-en"];
    if (LANG === "fr" && schema.title) return local(schema.title);
    if (known) return LANG === "en" ? known[1] : local(known[0]);
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
    var known = DATA.labels[value] || VALUE_LABELS[value];
    return known ? value + " — " + (LANG === "en" ? known[1] : local(known[0])) : value;
  }

  /* --- messages (the check's words, macros/content.py and macros/model.py) ---- */
  var M = {
    missing: function (key) { return t("champ obligatoire manquant : « {0} »", "required field missing: “{0}”", key); },
    slug: function (v) {
      return t("identifiant « {0} » invalide : minuscules sans accents, chiffres et tirets (ex. chateau-thierry)",
               "identifier “{0}” is invalid: lower case without accents, digits and hyphens (e.g. chateau-thierry)", v);
    },
    url: function (v) {
      return t("adresse web « {0} » invalide : elle doit commencer par https:// (ou http://) et ne contenir aucune espace",
               "web address “{0}” is invalid: it must start with https:// (or http://) and contain no space", v);
    },
    host: function (h) { return t("nom de domaine « {0} » invalide dans l'adresse", "invalid domain name “{0}” in the address", h); },
    scheme: function (s) { return t("adresse refusée : le schéma « {0}: » n'est pas permis", "address refused: “{0}:” is not allowed", s); },
    emailAccent: function (v, c) {
      return t("adresse e-mail « {0} » invalide : caractère accentué « {1} » (les adresses s'écrivent sans accents)",
               "e-mail address “{0}” is invalid: accented character “{1}” (addresses have no accents)", v, c);
    },
    email: function (v) {
      return t("adresse e-mail « {0} » invalide (forme attendue : prenom.nom@domaine.fr)",
               "e-mail address “{0}” is invalid (expected: first.last@domain.org)", v);
    },
    phone: function (v) {
      return t("numéro de téléphone « {0} » invalide : 10 chiffres (06 21 79 34 27) ou format international (+33 6 21 79 34 27)",
               "phone number “{0}” is invalid: 10 digits (06 21 79 34 27) or international format (+33 6 21 79 34 27)", v);
    },
    dateFormat: function (v) {
      return t("date « {0} » mal écrite : utilisez AAAA, AAAA-MM ou AAAA-MM-JJ (ex. 2022-10 pour octobre 2022)",
               "date “{0}” is badly written: use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-10 for October 2022)", v);
    },
    year: function (y) { return t("année {0} hors de la période plausible (1900–2100)", "year {0} outside the plausible period (1900–2100)", y); },
    month: function (m, v) { return t("mois {0} impossible dans « {1} » (1 à 12)", "month {0} impossible in “{1}” (1 to 12)", m, v); },
    day: function (d, v, last) {
      return t("jour {0} impossible dans « {1} » : ce mois a {2} jours",
               "day {0} impossible in “{1}”: this month has {2} days", d, v, last);
    },
    fullDay: function (v) { return t("date complète attendue (AAAA-MM-JJ), pas « {0} »", "full date expected (YYYY-MM-DD), not “{0}”", v); },
    future: function (v) { return t("date de vérification {0} dans le futur", "check date {0} is in the future", v); },
    order: function (a, b) { return t("la fin ({1}) précède le début ({0})", "the end ({1}) comes before the start ({0})", a, b); },
    noStart: function () { return t("période sans début : ajoutez « start: »", "period without a start: add the start"); },
    number: function (comma) {
      return comma ? t("nombre attendu (ex. 50.42) — conseil : écrivez les décimales avec un point, pas une virgule",
                       "number expected (e.g. 50.42) — hint: write decimals with a point, not a comma")
                   : t("nombre attendu (ex. 50.42)", "number expected (e.g. 50.42)");
    },
    integer: function () { return t("nombre entier attendu", "whole number expected"); },
    tooSmall: function (b) { return t("valeur trop petite (limite : {0})", "value too small (limit: {0})", b); },
    tooBig: function (b) { return t("valeur trop grande (limite : {0})", "value too large (limit: {0})", b); },
    // macros/model.py: Citation._one_target, _excerpt; macros/provenance.py: check_excerpts
    oneTarget: function () {
      return t("indiquez soit « source » (identifiant d'une fiche de content/sources/), soit « url » (adresse web), pas les deux",
               "give either “source” (the identifier of a record of content/sources/) or “url” (a web address), not both");
    },
    excerpt: function (v) {
      return t("extrait « {0} » trop court : citez au moins quelques mots de la source, mot pour mot",
               "excerpt “{0}” is too short: quote at least a few words of the source, word for word", v);
    },
    noExcerpt: function (id) {
      return t("source « {0} » citée sans extrait — conseil : ajoutez le passage de la source qui appuie la fiche, mot pour mot",
               "source “{0}” cited without an excerpt — hint: add the passage of the source that supports the record, word for word", id);
    },
    duplicate: function (kind, id) {
      return t("identifiant « {1} » en double : content/{0}/{1}.yml existe déjà (choisissez un autre nom, ou proposez une modification de cette fiche)",
               "duplicate identifier “{1}”: content/{0}/{1}.yml already exists (choose another name, or suggest a change to that record)", kind, id);
    },
    enFirst: function () { return t("texte français manquant : la traduction anglaise accompagne un texte français",
                                    "French text missing: the English translation goes with a French text"); }
  };

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
  function fold(text) {
    var plain = String(text).replace(/œ/g, "oe").replace(/Œ/g, "OE").replace(/æ/g, "ae").replace(/Æ/g, "AE").replace(/ß/g, "ss")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
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

  /* --- value checks ------------------------------------------------------------- */
  function checkDate(text) {
    var m = DATE.exec(text);
    if (!m) return M.dateFormat(text);
    var year = +m[1], month = m[2] ? +m[2] : null, day = m[3] ? +m[3] : null;
    if (year < 1900 || year > 2100) return M.year(year);
    if (month !== null && (month < 1 || month > 12)) return M.month(month, text);
    if (day !== null) {
      var last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      if (day < 1 || day > last) return M.day(day, text, last);
    }
    return "";
  }
  function checkUrl(value) {
    var lower = value.toLowerCase();
    var bad = ["javascript:", "data:", "vbscript:", "file:"].filter(function (s) { return lower.indexOf(s) === 0; })[0];
    if (bad) return M.scheme(bad.slice(0, -1));
    var m = /^https?:\/\/([^/\s?#]+)(?:[/?#]\S*)?$/.exec(value);  // as model.py: linear
    if (!m) return M.url(value);
    var host = m[1].split("@").pop().split(":")[0];
    if (host.indexOf(".") === -1 || host[0] === "." || host[host.length - 1] === ".") return M.host(host);
    return "";
  }
  function checkString(key, schema, value) {
    if (schema.minLength && !value.trim()) return M.missing(key);
    if (placeholder(value)) return placeholder(value);
    if (schema.format === "email") {
      if (EMAIL.test(value)) return "";
      var accented = Array.prototype.filter.call(value, function (c) { return c.charCodeAt(0) > 127; });
      return accented.length ? M.emailAccent(value, accented[0]) : M.email(value);
    }
    if (schema.pattern === "^https?://") return checkUrl(value);
    if (schema.pattern === "^\\d{4}-\\d{2}-\\d{2}$") {
      var wrong = checkDate(value);
      if (wrong) return wrong;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return M.fullDay(value);
      if (key === "last_checked" && value > today()) return M.future(value);
      return "";
    }
    if (schema.pattern && schema.pattern === SLUG.source) return SLUG.test(value) ? "" : M.slug(value);
    if ((schema.examples || []).indexOf("06 21 79 34 27") !== -1 || key === "phone") {
      var digits = value.replace(/[\s.\-()]/g, "");
      return (/^0[1-9]\d{8}$/.test(digits) || /^\+[1-9]\d{7,14}$/.test(digits)) ? "" : M.phone(value);
    }
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) return local(schema.patternErrorMessage) || M.dateFormat(value);
    return "";
  }
  // what a copied template still holds (macros/content.py, PLACEHOLDERS: refused by the check)
  var PLACEHOLDER = /[ÀA][ -]COMPL[ÉE]TER|https?:\/\/(?:www\.)?example\.(?:org|com|net)\b/i;
  function placeholder(value) {
    var found = PLACEHOLDER.exec(value);
    if (!found) return "";
    var example = /example/i.test(found[0]);
    return example ? t("adresse d'exemple encore à remplacer : « {0} »", "example address still to be replaced: “{0}”", value.slice(0, 60))
                   : t("texte du modèle encore à remplacer : « {0} »", "template text still to be replaced: “{0}”", value.slice(0, 60));
  }
  function known(kind, id) { return (DATA.records[kind] || []).some(function (row) { return row[0] === id; }); }

  /* --- widgets: each has el, get() (undefined when empty), set(value), check(show) -> errors */
  var leaves = [];  // every input with its own message, in page order

  function fieldBox(label, help, required, controlId) {
    var box = el("div", {"class": "qic-field"});
    var labelNode = el("label", {"for": controlId}, [label, required ? el("span", {"class": "qic-required", text: t(" (obligatoire)", " (required)")}) : null]);
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
                 [el("legend", {}, [label, required ? el("span", {"class": "qic-required", text: t(" (obligatoire)", " (required)")}) : null])]);
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
        return choicesWidget(key, label, help, schema, DATA.records[target].map(function (row) {
          return [row[0], row[0] + " — " + (LANG === "en" ? row[2] : local(row[1]))];
        }), t("Choisissez ", "Choose ") + KIND_WORDS[target][1] + ".");
      }
      return stringsWidget(kind, key, label, help, schema, item);
    }
    if (schema.enum) return selectWidget(key, label, help, !optional, schema, schema.enum.map(function (v) { return [v, valueLabel(v)]; }));
    if (schema.type === "string" && referenceOf(schema)) {
      var to = referenceOf(schema);
      return selectWidget(key, label, help, !optional, schema, DATA.records[to].map(function (row) {
        return [row[0], row[0] + " — " + (LANG === "en" ? row[2] : local(row[1]))];
      }));
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
    else if (schema.pattern === "^\\d{4}-\\d{2}-\\d{2}$") { extra.placeholder = t("AAAA-MM-JJ", "YYYY-MM-DD"); }
    else if (key === "phone") { type = "tel"; }
    var input = el("input", Object.assign({type: type, id: id, name: key, required: required, spellcheck: type === "text" ? null : "false"}, extra));
    if (key === "last_checked") input.value = today();
    var read = function () { return input.value.trim(); };
    var leaf = makeLeaf(input, frame.box, frame.helpId, function () {
      var value = read();
      if (!value) return required ? M.missing(key) : "";
      if (schema.type === "number" || schema.type === "integer") {
        if (!/^[-+]?\d+(\.\d+)?$/.test(value)) return schema.type === "integer" ? M.integer() : M.number(value.indexOf(",") !== -1);
        if (schema.type === "integer" && value.indexOf(".") !== -1) return M.integer();
        var n = Number(value);
        // JSON Schema's bounds (pydantic's own "ge"/"le" are read too, should a schema carry them)
        var min = [schema.minimum, schema.ge].filter(function (b) { return b !== undefined; })[0];
        var max = [schema.maximum, schema.le].filter(function (b) { return b !== undefined; })[0];
        // the check writes a decimal field's bound as Python does: 90.0
        var bound = function (b) { return schema.type === "number" && Number.isInteger(b) ? b + ".0" : String(b); };
        if (min !== undefined && n < min) return M.tooSmall(bound(min));
        if (max !== undefined && n > max) return M.tooBig(bound(max));
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
        return schema.pattern === "^\\d{4}-\\d{2}-\\d{2}$" && DATE.test(value) ? {plain: value} : value;
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
      var words = code === "fr" ? t("En français", "In French")
        : isName ? t("En anglais (facultatif : vide, le même nom vaut pour les deux langues)", "In English (optional: when empty, the same name stands for both languages)")
        : t("En anglais (traduction, facultative)", "In English (translation, optional)");
      var frame = fieldBox(words, "", code === "fr" && required, id);
      var control = multiline
        ? el("textarea", {id: id, name: key + "." + code, rows: rich ? 6 : 3, lang: code})
        : el("input", {type: "text", id: id, name: key + "." + code, lang: code});
      inputs[code] = control;
      leafs.push(makeLeaf(control, frame.box, set.querySelector(".qic-help") ? set.querySelector(".qic-help").id : null, function () {
        var fr = inputs.fr.value.trim(), en = inputs.en ? inputs.en.value.trim() : "";
        if (code === "fr" && !fr && !en && required) return M.missing(key);  // the check's words: the field is left out
        if (code === "fr" && !fr && en) return M.enFirst();
        return placeholder(inputs[code].value.trim());
      }));
      row.appendChild(frame.box);
    });
    if (rich) set.appendChild(el("p", {"class": "qic-help", text: t("Markdown permis : *italique*, **gras**, [texte du lien](https://…), listes à tirets.",
                                                                  "Markdown allowed: *italic*, **bold**, [link text](https://…), bulleted lists.")}));
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
    modes.appendChild(el("span", {}, [single, el("label", {"for": single.id, text: t("une date", "one date")})]));
    modes.appendChild(el("span", {}, [period, el("label", {"for": period.id, text: t("une période (début et fin)", "a period (start and end)")})]));
    set.appendChild(modes);
    var hint = t("Aussi précise que la source, pas plus : une année (2025), un mois (2025-09) ou un jour (2025-09-30).",
                 "As precise as the source, no more: a year (2025), a month (2025-09) or a day (2025-09-30).");
    set.appendChild(el("p", {"class": "qic-help", text: hint}));
    var parts = {};
    var leafs = [];
    var row = el("div", {"class": "qic-langs"});
    set.appendChild(row);
    [["start", t("Date (ou début de la période)", "Date (or start of the period)")], ["end", t("Fin de la période", "End of the period")]].forEach(function (pair) {
      var id = nextId(key + "-" + pair[0]);
      var frame = fieldBox(pair[1], "", pair[0] === "start" && required, id);
      var input = el("input", {type: "text", id: id, name: key + "." + pair[0], inputmode: "numeric", placeholder: t("AAAA, AAAA-MM ou AAAA-MM-JJ", "YYYY, YYYY-MM or YYYY-MM-DD"), spellcheck: "false"});
      parts[pair[0]] = {input: input, box: frame.box};
      leafs.push(makeLeaf(input, frame.box, null, function () {
        var value = input.value.trim();
        if (pair[0] === "end" && !period.checked) return "";
        if (!value) {
          if (pair[0] === "start" && parts.end.input.value.trim() && period.checked) return M.noStart();
          return pair[0] === "start" && required ? M.missing(key) : "";
        }
        var wrong = checkDate(value);
        if (wrong) return wrong;
        if (pair[0] === "end") {
          var start = parts.start.input.value.trim();
          if (start && !checkDate(start) && lastDay(value) < firstDay(start)) return M.order(start, value);
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
        return {plain: start};
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
  function firstDay(text) { var m = DATE.exec(text); return m[1] + "-" + (m[2] || "01") + "-" + (m[3] || "01"); }
  function lastDay(text) {
    var m = DATE.exec(text);
    if (m[3]) return text;
    var month = m[2] ? +m[2] : 12;
    var last = new Date(Date.UTC(+m[1], month, 0)).getUTCDate();
    return m[1] + "-" + (month < 10 ? "0" : "") + month + "-" + last;
  }

  function selectWidget(key, label, help, required, schema, options) {
    var id = nextId(key);
    var frame = fieldBox(label, help, required, id);
    var select = el("select", {id: id, name: key, required: required});
    var hasDefault = schema["default"] !== undefined;
    if (!hasDefault) select.appendChild(el("option", {value: "", text: required ? t("— choisissez —", "— choose —") : t("— non renseigné —", "— not given —")}));
    options.forEach(function (pair) { select.appendChild(el("option", {value: pair[0], text: pair[1]})); });
    if (hasDefault) select.value = schema["default"];
    var leaf = makeLeaf(select, frame.box, frame.helpId, function () { return !select.value && required ? M.missing(key) : ""; });
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

  function choicesWidget(key, label, help, schema, options, prompt) {
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
      set.insertBefore(el("div", {"class": "qic-field"}, [el("label", {"for": filterId, text: t("Filtrer la liste", "Filter the list")}), filter, count]), list);
      filter.addEventListener("input", function () {
        var words = fold(filter.value).split(" ").filter(Boolean);
        var shown = 0;
        boxes().forEach(function (box) {
          var text = fold(box.value + " " + box.parentNode.textContent);
          var visible = words.every(function (w) { return text.indexOf(w) !== -1; }) || box.checked;
          box.parentNode.hidden = !visible;
          if (visible) shown += 1;
        });
        count.textContent = words.length ? shown + t(" sur ", " of ") + options.length : "";
      });
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
      check: function () { return 0; }
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
    var addButton = el("button", {type: "button", "class": "md-button qic-add", text: t("Ajouter ", "Add ") + itemWord});
    set.appendChild(addButton);
    function add(value) {
      var item = makeItem(items.length);
      var box = el("div", {"class": "qic-item"});
      box.appendChild(item.el);
      var remove = el("button", {type: "button", "class": "md-button qic-remove", text: t("Retirer ", "Remove ") + itemWord});
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
        status.textContent = visible ? M.missing(key) : "";  // an empty list is left out of the file
        return errors + (empty ? 1 : 0);
      }
    };
  }

  function stringsWidget(kind, key, label, help, schema, item) {
    var word = ITEM_WORDS[key] || t("un élément", "an item");
    var widget = repeatable(key, label, help, schema, function (index) {
      return inputWidget(kind, key, label + " " + (index + 1), index === 0 ? helpOf(item) : "", false, item);
    }, word);
    if (schema.minItems) widget.add();
    return widget;
  }

  // a web address as the content writes it: plain (`- https://…`) when YAML reads it back unchanged
  function urlValue(text) { return /^https?:\/\/\S+$/.test(text) && !/[:,\]}]$/.test(text) ? {raw: text} : text; }

  /* One citation: a source record chosen by its title, or a web address; and the
     passages of it that support the record (macros/model.py, Citation). */
  function citationWidget(key, label, help, required, schema) {
    var set = group(label, help, required);
    var target = citationTarget(schema);
    var name = nextId(key + "-mode");
    var modes = el("div", {"class": "qic-modes"});
    var byRecord = el("input", {type: "radio", name: name, id: name + "-source", value: "source", checked: true});
    var byUrl = el("input", {type: "radio", name: name, id: name + "-url", value: "url"});
    modes.appendChild(el("span", {}, [byRecord, el("label", {"for": byRecord.id, text: t("un document source de la liste", "a source document from the list")})]));
    modes.appendChild(el("span", {}, [byUrl, el("label", {"for": byUrl.id, text: t("une page web publique", "a public web page")})]));
    set.appendChild(modes);

    var selectId = nextId(key + "-source");
    var recordFrame = fieldBox(t("Document source", "Source document"),
                               t("Les documents de content/sources/, par leur identifiant et leur titre.",
                                 "The documents of content/sources/, by identifier and title."), false, selectId);
    var select = el("select", {id: selectId, name: "source"});
    select.appendChild(el("option", {value: "", text: t("— choisissez un document —", "— choose a document —")}));
    (DATA.records[target] || []).forEach(function (row) {
      select.appendChild(el("option", {value: row[0], text: row[0] + " — " + (LANG === "en" ? row[2] : local(row[1]))}));
    });
    var warning = el("p", {"class": "qic-warning", id: selectId + "-warning", hidden: true});
    var urlId = nextId(key + "-url");
    var urlFrame = fieldBox(t("Adresse de la page web", "Address of the web page"), "", false, urlId);
    var urlInput = el("input", {type: "url", id: urlId, name: "url", placeholder: "https://…", spellcheck: "false"});

    var excerpts = [];  // [{input, box}]
    var excerptList = el("div", {"class": "qic-excerpts"});
    var excerptHelpId = nextId(key + "-excerpts") + "-help";
    var excerptHelp = el("p", {"class": "qic-help", id: excerptHelpId,
                               text: t("Recopiez mot pour mot le passage qui appuie la fiche (au moins quelques mots ; « […] » saute un passage), un extrait par case. La vérification de la pull request cherche chaque extrait dans le document (dans l'empreinte de son texte, qui n'est pas publié).",
                                       "Copy word for word the passage that supports the record (at least a few words; “[…]” skips a passage), one excerpt per box. The pull request's check looks for each excerpt in the document (in its text's fingerprint: the text is not published).")});
    var addExcerptButton = el("button", {type: "button", "class": "md-button qic-add-excerpt", text: t("Ajouter un extrait", "Add an excerpt")});
    function anyExcerpt() { return excerpts.some(function (e) { return e.input.value.trim(); }); }
    function typed() { return byRecord.checked ? select.value : urlInput.value.trim(); }

    var leafs = [];
    leafs.push(makeLeaf(select, recordFrame.box, recordFrame.helpId, function () {
      if (!byRecord.checked || select.value) return "";
      return required ? M.missing(key) : anyExcerpt() ? M.oneTarget() : "";
    }));
    select.setAttribute("aria-describedby", select.getAttribute("aria-describedby") + " " + warning.id);
    recordFrame.box.appendChild(warning);
    leafs.push(makeLeaf(urlInput, urlFrame.box, null, function () {
      if (!byUrl.checked) return "";
      var value = urlInput.value.trim();
      if (!value) return required ? M.missing(key) : anyExcerpt() ? M.oneTarget() : "";
      return placeholder(value) || checkUrl(value);
    }));
    set.appendChild(recordFrame.box);
    set.appendChild(urlFrame.box);
    var excerptsBox = el("div", {"class": "qic-field"}, [el("p", {"class": "qic-sublabel", text: t("Extraits cités", "Quoted excerpts")}), excerptHelp, excerptList, addExcerptButton]);
    set.appendChild(excerptsBox);

    function addExcerpt(text) {
      var id = nextId(key + "-excerpt");
      var frame = fieldBox(t("Extrait ", "Excerpt ") + (excerpts.length + 1) + t(" (mot pour mot)", " (word for word)"), "", false, id);
      frame.box.classList.add("qic-excerpt");
      var input = el("textarea", {id: id, name: "excerpt", rows: 3});
      var entry = {input: input, box: frame.box};
      entry.leaf = makeLeaf(input, frame.box, excerptHelpId, function () {
        var value = input.value.trim();
        if (!value) return "";
        if (placeholder(value)) return placeholder(value);
        return Array.from(value).length < 12 ? M.excerpt(value) : "";  // the model counts characters, not UTF-16 units
      });
      var remove = el("button", {type: "button", "class": "md-button qic-remove-excerpt", text: t("Retirer cet extrait", "Remove this excerpt")});
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

    function refreshWarning() {
      // a source cited without its words is accepted by the check, with a warning: shown, not counted
      var warn = byRecord.checked && select.value && !anyExcerpt() ? M.noExcerpt(select.value) : "";
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
        return leafs.concat(excerpts.map(function (e) { return e.leaf; }))
          .reduce(function (n, leaf) { return n + leaf.check(show); }, 0);
      }
    };
  }

  function citationsWidget(key, label, help, schema, item) {
    var widget = repeatable(key, label, help, schema, function (index) {
      return citationWidget(key, t("Source ", "Source ") + (index + 1),
                            index === 0 ? t("Chaque fait de la fiche vient d'une source : choisissez le document source (ou donnez l'adresse d'une page web publique), puis recopiez les passages qui appuient la fiche.",
                                            "Every fact of the record comes from a source: choose the source document (or give the address of a public web page), then copy the passages that support the record.") : "",
                            false, item);
    }, ITEM_WORDS[key] || t("une source", "a source"));
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
    var word = ITEM_WORDS[key] || t("un élément", "an item");
    return repeatable(key, label, help, schema, function (index) {
      var words = ITEM_LABELS[key] ? (LANG === "en" ? ITEM_LABELS[key][1] : local(ITEM_LABELS[key][0])) : (local(item.title) || label);
      return objectWidget(kind, key, words + " " + (index + 1), "", item, defs, true);
    }, word);
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

  /* --- YAML, as the templates write it ------------------------------------------ */
  var PLAIN = /^[A-Za-z0-9][A-Za-z0-9/_.+-]*$/;
  var RESERVED = /^(y|n|yes|no|on|off|true|false|null|~)$/i;
  function quote(text) {
    return "\"" + text.replace(/[\\"\u0000-\u001f\u007f\u0085\u2028\u2029]/g, function (c) {
      var named = {"\\": "\\\\", "\"": "\\\"", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\u0085": "\\N", "\u2028": "\\L", "\u2029": "\\P"};
      if (named[c]) return named[c];
      var code = c.charCodeAt(0).toString(16);
      return "\\x" + (code.length < 2 ? "0" : "") + code;
    }) + "\"";
  }
  function scalar(value) {
    if (value && value.raw !== undefined) return value.raw;
    if (value && value.plain !== undefined) {
      return PLAIN.test(value.plain) && !RESERVED.test(value.plain) ? value.plain : quote(value.plain);
    }
    if (value && value.number !== undefined) return String(Number(value.number));
    return quote(String(value));
  }
  function textLines(text, indent) {
    // several lines (paragraphs) as a block, like the templates say; otherwise a quoted string
    var pad = new Array(indent + 3).join(" ");
    if (text.indexOf("\n") !== -1 && !/[\t\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029]/.test(text)
        && !/^\s/.test(text)) {
      return ["|"].concat(text.split("\n").map(function (line) { return line.trim() ? pad + line.trimEnd() : ""; }));
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
      ["fr", "en"].forEach(function (code) { if (value.text[code]) out = out.concat(emit(code, value.text[code], indent + 2)); });
      return out;
    }
    if (value.flow) return [pad + key + ": [" + value.flow.map(function (v) { return scalar({plain: v}); }).join(", ") + "]"];
    if (value.period) {
      var end = value.period.end ? ", end: " + scalar({plain: value.period.end}) : "";
      return [pad + key + ": {start: " + scalar({plain: value.period.start}) + end + "}"];
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

  /* --- the page ------------------------------------------------------------------ */
  var params = new URLSearchParams(window.location.search);
  // ?kind=…&id=… (the « Proposer une modification » link of each record): only a known kind
  // and an id the model accepts (SLUG, at most 80 characters) are taken; anything else (an
  // id like ../../../other/repo/blob/main/README.md%23, which would make the GitHub button
  // open another repository) is ignored, and the form starts empty
  var askedId = params.get("id") || "";
  var editing = SLUG.test(askedId) && askedId.length <= 80 && KINDS.concat(["phases"]).indexOf(params.get("kind")) !== -1
    ? askedId : null;
  var current = {kind: null, widgets: [], idEdited: false};

  var chooser = el("fieldset", {"class": "qic-kinds"}, [el("legend", {text: t("Quel type de fiche ?", "What kind of record?")})]);
  var kindsList = el("div", {"class": "qic-choices qic-kind-choices"});
  chooser.appendChild(kindsList);
  KINDS.forEach(function (kind) {
    var id = "qic-kind-" + kind;
    kindsList.appendChild(el("div", {"class": "qic-choice"}, [
      el("input", {type: "radio", name: "qic-kind", id: id, value: kind}),
      el("label", {"for": id, text: KIND_WORDS[kind][0]})]));
  });
  var intro = el("p", {"class": "qic-help qic-kind-help", id: "qic-kind-description"});
  var fileBox = el("div", {"class": "qic-file"});
  var fieldsBox = el("div", {"class": "qic-fields"});
  var form = el("form", {"class": "qic-form-body", novalidate: true, "aria-labelledby": "qic-form-title"},
                [el("h2", {id: "qic-form-title", text: t("La fiche", "The record")}), intro, fileBox, fieldsBox]);
  var status = el("p", {"class": "qic-status", role: "status", "aria-live": "polite", id: "qic-status"});
  var check = el("button", {type: "button", "class": "md-button", text: t("Vérifier la fiche", "Check the record")});
  var resultTitle = el("h2", {id: "qic-result-title", text: t("Le fichier à proposer", "The file to suggest")});
  var fileName = el("p", {"class": "qic-filename"});
  var output = el("textarea", {id: "qic-yaml", "class": "qic-yaml", readonly: true, rows: 16, spellcheck: "false",
                               "aria-labelledby": "qic-result-title", "aria-describedby": "qic-next"});
  var copy = el("button", {type: "button", "class": "md-button", text: t("Copier le texte", "Copy the text")});
  // a new tab: the form keeps what was typed while the contributor signs in on GitHub
  var github = el("a", {"class": "md-button md-button--primary qic-github", id: "qic-github", href: "#", rel: "noopener", target: "_blank"});
  var next = el("p", {id: "qic-next", "class": "qic-help"});
  var result = el("section", {"class": "qic-result", "aria-labelledby": "qic-result-title"},
                  [resultTitle, status, el("p", {"class": "qic-actions"}, [check, " ", copy, " ", github]), fileName, output, next]);
  root.textContent = "";
  root.appendChild(chooser);
  root.appendChild(form);
  root.appendChild(result);
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
    var frame = fieldBox(t("Nom du fichier (identifiant de la fiche)", "File name (the record's identifier)"),
                         t("Minuscules sans accents, chiffres et tirets ; proposé d'après le nom ou le titre, modifiable. Les autres fiches citent celle-ci par ce nom.",
                           "Lower case without accents, digits and hyphens; suggested from the name or title, and editable. Other records cite this one by this name."),
                         true, "qic-id");
    idInput = el("input", {type: "text", id: "qic-id", name: "id", required: true, spellcheck: "false", autocomplete: "off", readonly: editing ? true : null});
    idLeaf = makeLeaf(idInput, frame.box, frame.helpId, function () {
      var value = idInput.value.trim();
      if (!value) return M.missing(t("nom du fichier", "file name"));
      if (!SLUG.test(value)) return M.slug(value);
      if (!editing && known(kind, value)) return M.duplicate(kind, value);
      return "";
    });
    idInput.addEventListener("input", function () { current.idEdited = idInput.value.trim() !== ""; });
    fileBox.appendChild(frame.box);
    current.widgets = buildFields(kind, schema, schema.$defs || {}, fieldsBox);
    if (record) {
      current.widgets.forEach(function (pair) { if (record[pair[0]] !== undefined) pair[1].set(record[pair[0]]); });
    }
    if (editing) idInput.value = editing;
    form.hidden = false;
    result.hidden = false;
    update(false);
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
    var stamp = first && !checkDate(String(first)) ? String(first) : "";
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
    fileName.textContent = t("Fichier : ", "File: ") + path;
    var url = "";
    if (REPO) {
      url = editing ? REPO + "/edit/" + BRANCH + "/" + path
                    : REPO + "/new/" + BRANCH + "?filename=" + encodeURIComponent(path).replace(/%2F/g, "/") + "&value=" + encodeURIComponent(text);
    }
    github.hidden = !REPO;
    github.setAttribute("href", url || "#");
    github.textContent = (editing ? t("Ouvrir l'éditeur de GitHub pour ce fichier", "Open GitHub's editor for this file")
                                  : t("Proposer ce fichier sur GitHub", "Suggest this file on GitHub"))
      + t(" (nouvel onglet)", " (new tab)");
    github.setAttribute("data-errors", String(errors));
    var tooLong = url.length > URL_LIMIT;
    if (!REPO) {
      next.textContent = t("Copiez ce texte, puis, sur GitHub, créez le fichier {0} (bouton « Add file », puis « Create new file ») et collez-le : le guide de contribution explique la suite.",
                           "Copy this text, then on GitHub create the file {0} (“Add file”, then “Create new file”) and paste it: the contribution guide explains the rest.", path);
    } else if (editing) {
      next.textContent = t("Copiez ce texte, ouvrez l'éditeur de GitHub, remplacez tout le contenu du fichier (Ctrl+A puis Ctrl+V), puis « Commit changes… » et « Propose changes ». Les commentaires du fichier (lignes « # ») ne sont pas repris ici.",
                           "Copy this text, open GitHub's editor, replace the whole file (Ctrl+A then Ctrl+V), then “Commit changes…” and “Propose changes”. The file's comments (lines starting with “#”) are not kept here.");
    } else if (tooLong) {
      next.textContent = t("Fiche longue : GitHub ne recevra pas tout le texte par le bouton. Copiez-le, ouvrez GitHub avec le bouton, puis remplacez le contenu par le texte copié.",
                           "Long record: GitHub will not receive the whole text through the button. Copy it, open GitHub with the button, then replace the content with the copied text.");
      github.setAttribute("href", REPO + "/new/" + BRANCH + "?filename=" + encodeURIComponent(path).replace(/%2F/g, "/"));
    } else {
      next.textContent = t("Le bouton ouvre GitHub avec ce fichier déjà rempli (un compte GitHub est nécessaire) : cliquez sur « Commit changes… », puis « Propose changes », puis « Create pull request ». Sans droit d'écriture, GitHub crée d'abord votre copie du dépôt (fork). La vérification relit la fiche et l'équipe la relit avant publication.",
                           "The button opens GitHub with this file filled in (a GitHub account is needed): click “Commit changes…”, then “Propose changes”, then “Create pull request”. Without write access, GitHub first makes your copy of the repository (a fork). The check reads the record again and the team reviews it before publication.");
    }
    var said = errors
      ? (errors === 1 ? t("1 erreur à corriger.", "1 error to fix.") : errors + t(" erreurs à corriger.", " errors to fix."))
        + (showAll ? "" : t(" Les messages apparaissent sous chaque champ.", " Messages appear under each field."))
      : t("Aucune erreur trouvée : la fiche est prête à être proposée.", "No error found: the record is ready to be suggested.");
    status.className = "qic-status" + (errors ? " qic-status--errors" : " qic-status--ok");
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
    var done = function () { status.textContent = t("Texte copié.", "Text copied."); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(output.value).then(done, function () { document.execCommand("copy"); done(); });
    else { document.execCommand("copy"); done(); }
  });
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
                    [t("Modification de la fiche ", "Change to the record ") + "content/" + wanted + "/" + editing + ".yml. "]);
    var fresh = el("a", {href: window.location.pathname, text: t("Proposer plutôt une nouvelle fiche", "Suggest a new record instead")});
    banner.appendChild(fresh);
    root.insertBefore(banner, form);
    status.textContent = t("Chargement de la fiche…", "Loading the record…");
    fetch(CONTENT_URL).then(function (response) { return response.json(); }).then(function (data) {
      var record = ((data.records || {})[wanted] || {})[editing];
      if (!record) throw new Error("missing");
      start(wanted, record);
    }).catch(function () {
      start(wanted, null);
      status.textContent = t("Fiche introuvable dans les données publiées : le formulaire part de zéro ; ouvrez le fichier sur GitHub pour le modifier.",
                             "Record not found in the published data: the form starts empty; open the file on GitHub to change it.");
    });
  } else if (wanted && KINDS.indexOf(wanted) !== -1) {
    document.getElementById("qic-kind-" + wanted).checked = true;
    start(wanted, null);
  }
})();
