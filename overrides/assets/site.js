/* Small enhancements; every page works without them.
   1. E-mail addresses are written "user [arobase] domain" in the HTML (against
      harvesters) and become ordinary mailto links here.
   2. The resource catalogue can be narrowed by type, language, publisher and
      topic, shown as a table (sortable by column) or as cards; the choice is
      kept in the address (?type=video&vue=fiches) to be shared. Without
      JavaScript, the table and the cards are both shown. */
(function () {
  "use strict";
  var reverse = function (text) { return text.split("").reverse().join(""); };
  document.querySelectorAll(".qic-email[data-u][data-d]").forEach(function (node) {
    var address = reverse(node.dataset.u) + "@" + reverse(node.dataset.d);
    var link = document.createElement("a");
    link.href = "mailto:" + address;
    link.textContent = address;
    node.replaceWith(link);
  });

  var form = document.getElementById("qic-filters");
  var list = document.getElementById("qic-resources");
  if (!form || !list) return;
  var cards = Array.prototype.slice.call(list.querySelectorAll(".qic-resource"));
  var rows = Array.prototype.slice.call(list.querySelectorAll(".qic-resource-row"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var views = Array.prototype.slice.call(form.querySelectorAll("input[name=vue]"));
  var status = form.querySelector("[role=status]");
  var params = new URLSearchParams(window.location.search);
  selects.forEach(function (select) {
    var wanted = params.get(select.name);
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
  });
  views.forEach(function (radio) { radio.checked = radio.value === (params.get("vue") || "tableau"); });

  function matches(item, select) {
    if (!select.value) return true;
    var values = (item.getAttribute("data-" + select.name) || "").split(" ");
    return values.indexOf(select.value) !== -1;
  }

  function apply() {
    var shown = 0;
    cards.concat(rows).forEach(function (item) {
      var visible = selects.every(function (select) { return matches(item, select); });
      item.hidden = !visible;
      if (visible && item.classList.contains("qic-resource")) shown += 1;
    });
    // a group (its heading, its note) shows only while one of its items does
    list.querySelectorAll("tbody, .qic-cards").forEach(function (group) {
      var items = group.querySelectorAll(".qic-resource, .qic-resource-row");
      var empty = items.length && !group.querySelector(".qic-resource:not([hidden]), .qic-resource-row:not([hidden])");
      group.hidden = !!empty;
      var note = group.previousElementSibling;
      if (note && !note.classList.contains("qic-resource-list__note")) note = null;
      if (note) note.hidden = !!empty;
      // « Sans lien connu (16) » counts what the filters leave of its group
      var visible = group.querySelectorAll(".qic-resource:not([hidden]), .qic-resource-row:not([hidden])").length;
      [group, note].forEach(function (holder) {
        if (!holder) return;
        holder.querySelectorAll(".qic-group-count").forEach(function (count) { count.textContent = visible; });
      });
    });
    // nothing to show: the status says so, without an empty table heading
    list.hidden = shown === 0;
    var view = (views.filter(function (radio) { return radio.checked; })[0] || {}).value || "tableau";
    list.querySelectorAll(".qic-view").forEach(function (part) {
      part.hidden = !part.classList.contains("qic-view--" + view);
    });
    var total = form.dataset.total;
    status.textContent = shown === 0 ? form.dataset.none
      : (shown === 1 ? form.dataset.one : form.dataset.many).replace("{n}", shown).replace("{total}", total);
    var query = new URLSearchParams();
    selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
    if (view !== "tableau") query.set("vue", view);
    var search = query.toString();
    history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
  }

  // the table sorts by any column: a click on its heading, again for the reverse order
  var table = list.querySelector(".qic-resource-table");
  if (table) {
    var headings = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    headings.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "qic-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        table.querySelectorAll("tbody").forEach(function (body) {
          var sorted = Array.prototype.slice.call(body.querySelectorAll(".qic-resource-row"));
          sorted.sort(function (a, b) {
            var x = a.cells[column].dataset.value, y = b.cells[column].dataset.value;
            var order = th.dataset.sort === "year" ? Number(x) - Number(y) : x.localeCompare(y, document.documentElement.lang);
            return ascending ? order : -order;
          });
          sorted.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }

  // a link to one card (#ressource-…, from a site page or the table) shows the cards
  function showCardOfHash() {
    if (window.location.hash.indexOf("#ressource-") !== 0) return;
    views.forEach(function (radio) { radio.checked = radio.value === "fiches"; });
    apply();
    var card = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (card) card.scrollIntoView();
  }

  form.hidden = false;
  window.addEventListener("hashchange", showCardOfHash);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
  showCardOfHash();
})();

/* 4. Print: the page's address and today's date in the heading printed above
      the page (the HTML holds the published address, when known). */
(function () {
  "use strict";
  var address = document.querySelector("[data-qic-print=address]");
  var date = document.querySelector("[data-qic-print=date]");
  if (!address || !date) return;
  function fill() {
    address.textContent = window.location.href.split("#")[0].split("?")[0];
    date.textContent = date.dataset.label + " " + new Date().toLocaleDateString(document.documentElement.lang,
      { day: "numeric", month: "long", year: "numeric" });
  }
  fill();
  window.addEventListener("beforeprint", fill);
})();

/* 3. Search page: Pagefind's interface, on the index of the page's language
      (Pagefind keeps one index per <html lang>); ?q=… starts a search. */
(function () {
  "use strict";
  var box = document.getElementById("qic-search");
  if (!box || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#qic-search",
    bundlePath: box.dataset.bundle,
    showImages: false,
    showSubResults: true,
    resetStyles: false,
    autofocus: true,
    // the page's own wording (macros/templates/strings.yml, search_ui_*)
    translations: Object.assign(JSON.parse(box.dataset.translations || "{}"), { placeholder: box.dataset.placeholder })
  });
  var input = box.querySelector("input");
  if (input) input.setAttribute("aria-label", box.dataset.placeholder);  // a name, not just a title
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();

/* 5. Calendar: a link to a past event (#evenement-…, from a site page or the
      history) opens its folded summary and sources. */
(function () {
  "use strict";
  function openEventOfHash() {
    if (window.location.hash.indexOf("#evenement-") !== 0) return;
    var event = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var more = event && event.querySelector("details.qic-event__more");
    if (more) more.open = true;
  }
  window.addEventListener("hashchange", openEventOfHash);
  openEventOfHash();
})();
