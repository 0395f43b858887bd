// Filter the drill index by level and body area. Runs only where the index is.
// Without JavaScript every drill stays listed; nothing typed or chosen leaves the page.
(function () {
  "use strict";

  function setUp(root) {
    var filter = root.querySelector(".drill-filter");
    var items = Array.prototype.slice.call(root.querySelectorAll(".drill-index__item"));
    if (!filter || filter.dataset.ready) return;
    filter.dataset.ready = "yes";
    var level = filter.querySelector('[data-filter="level"]');
    var target = filter.querySelector('[data-filter="target"]');
    var count = filter.querySelector(".drill-filter__count");

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var targets = (item.dataset.targets || "").split("|");
        var match = (!level.value || item.dataset.level === level.value) &&
                    (!target.value || targets.indexOf(target.value) !== -1);
        item.hidden = !match;
        if (match) shown += 1;
      });
      // The words come from the page (data-words, in the page's language: macros/strings.py).
      var words = count.dataset.words || "Showing {shown} of {total} drills.";
      count.textContent = words.replace("{shown}", String(shown)).replace("{total}", String(items.length));
    }

    level.addEventListener("change", apply);
    target.addEventListener("change", apply);
    filter.hidden = false;
    apply();
  }

  function start() { setUp(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
