/* Small enhancements; every page works without them.
   1. E-mail addresses are written "user [arobase] domain" in the HTML (against
      harvesters) and become ordinary mailto links here.
   2. The resource catalogue can be narrowed by type, language, publisher and
      topic; the choice is kept in the address (?type=video) to be shared. */
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
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var status = form.querySelector("[role=status]");
  var params = new URLSearchParams(window.location.search);
  selects.forEach(function (select) {
    var wanted = params.get(select.name);
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
  });

  function matches(card, select) {
    if (!select.value) return true;
    var values = (card.getAttribute("data-" + select.name) || "").split(" ");
    return values.indexOf(select.value) !== -1;
  }

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = selects.every(function (select) { return matches(card, select); });
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    var total = form.dataset.total;
    status.textContent = shown === 0 ? form.dataset.none
      : (shown === 1 ? form.dataset.one : form.dataset.many).replace("{n}", shown).replace("{total}", total);
    var query = new URLSearchParams();
    selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
    var search = query.toString();
    history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
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
