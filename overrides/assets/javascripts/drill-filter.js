// Filter the drill index by level, body area and floor work, all three together. Runs only where
// the index is. Without JavaScript every drill stays listed; nothing typed or chosen leaves the page.
(function () {
  "use strict";

  function setUp(root) {
    var filter = root.querySelector(".drill-filter");
    var items = Array.prototype.slice.call(root.querySelectorAll(".drill-index__item"));
    if (!filter || filter.dataset.ready) return;
    filter.dataset.ready = "yes";
    // Each <select data-filter="NAME"> keeps the drills whose data-NAME holds its value
    // (data-targets for "target": a list joined by "|"); an empty value keeps every drill.
    var selects = Array.prototype.slice.call(filter.querySelectorAll("select[data-filter]"));
    var count = filter.querySelector(".drill-filter__count");

    function values(item, name) {
      if (name === "target") return (item.dataset.targets || "").split("|");
      return [item.dataset[name] || ""];
    }

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var match = selects.every(function (select) {
          return !select.value || values(item, select.dataset.filter).indexOf(select.value) !== -1;
        });
        item.hidden = !match;
        if (match) shown += 1;
      });
      // The words come from the page (data-words, in the page's language: macros/strings.py).
      var words = count.dataset.words || "Showing {shown} of {total} drills.";
      var text = words.replace("{shown}", String(shown)).replace("{total}", String(items.length));
      if (!shown && count.dataset.none) text += " " + count.dataset.none;
      count.textContent = text;
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    filter.hidden = false;
    apply();
  }

  function start() { setUp(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
