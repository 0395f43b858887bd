/* The handout builder (handouts/builder/): choose drills for one patient, set how much, print.
   Plain JavaScript, no library. The builder page loads this file itself, so it runs there only.
   (Material's instant navigation, which would not run it, is not turned on in mkdocs.yml.)

   Privacy: what is typed about the patient (name, date, therapist, notes) lives in this tab's
   page only. It is never stored, sent, or put in the address. A copied link holds only the
   drills, their order and their doses, after "#", which browsers never send to a server.

   The drill data and each drill's printed block come from the build (macros/handout_builder.py):
   a JSON block, and one <template> per drill made by the same template as the program handouts. */
(function () {
  "use strict";

  var DOSE_FIELDS = ["sets", "reps", "hold_seconds", "per_day"];
  var MAX_NUMBER = 999;

  function count(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // The dose in words, from the table macros/dose.py says every dose with (DOSE_WORDS), which
  // the page carries in its data block: the same steps as dose_phrase there (tests compare the two).
  // A numbered piece has words for some numbers ("1", "2") and "other"; "{name}" is a number.
  function sayPiece(forms, number, numbers) {
    var words = Object.prototype.hasOwnProperty.call(forms, String(number)) ? forms[String(number)] : forms.other;
    return words.replace(/\{(\w+)\}/g, function (match, name) {
      return String(name === "n" ? number : numbers[name]);
    });
  }

  function dosePhrase(words, dose, eachSide) {
    var parts = [];
    if (dose.sets && dose.reps) {
      parts.push(sayPiece(words.sets_of_reps, dose.sets, { sets: dose.sets, reps: dose.reps }));
    } else if (dose.reps || dose.sets) {
      parts.push(sayPiece(words.times, dose.reps || dose.sets, {}));
    }
    if (dose.hold_seconds) parts.push(sayPiece(words.hold_seconds, dose.hold_seconds, {}));
    if (dose.per_day) parts.push(sayPiece(words.per_day, dose.per_day, {}));
    if (eachSide) parts.push(words.each_side);
    var phrase = parts.join(words.joiner);
    return phrase.charAt(0).toUpperCase() + phrase.slice(1);
  }

  // A whole number from 1 to 999, or null for anything else (empty, 0, 2.5, "abc").
  function wholeNumber(text) {
    var value = Number(text);
    return /^\d+$/.test(String(text).trim()) && value >= 1 && value <= MAX_NUMBER ? value : null;
  }

  function today() {
    return new Date().toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  }

  // The link's "#" part: drill=<id>.<sets>.<reps>.<hold>.<per day>.<each side 1 or 0>, in order.
  function toFragment(chosen) {
    return "#" + chosen.map(function (item) {
      var numbers = DOSE_FIELDS.map(function (field) { return item.dose[field] || ""; });
      return "drill=" + [item.id].concat(numbers, [item.eachSide ? 1 : 0]).join(".");
    }).join("&");
  }

  function fromFragment(hash, drills) {
    var found = [];
    var unknown = 0;
    hash.replace(/^#/, "").split("&").forEach(function (part) {
      if (part.indexOf("drill=") !== 0) return;
      var values = part.slice(6).split(".");
      var drill = drills[values[0]];
      if (!drill) {
        unknown += 1;
        return;
      }
      if (found.some(function (item) { return item.id === drill.id; })) return;
      var dose = {};
      DOSE_FIELDS.forEach(function (field, index) { dose[field] = wholeNumber(values[index + 1] || ""); });
      found.push({ id: drill.id, dose: dose, eachSide: values[5] === "1", note: "" });
    });
    return { chosen: found, unknown: unknown };
  }

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "yes";
    var data = JSON.parse(document.getElementById("handout-builder-data").textContent);
    var drills = {};
    data.drills.forEach(function (drill) { drills[drill.id] = drill; });

    var page = root.parentNode; // the preview and the templates are beside the controls
    var rowTemplate = page.querySelector("[data-row-template]");
    var noteTemplate = page.querySelector("[data-note-template]");
    var preview = page.querySelector("[data-preview]");
    var rowList = root.querySelector("[data-rows]");
    var search = root.querySelector("[data-search]");
    var linkField = root.querySelector("[data-link]");
    var status = root.querySelector("[data-status]");
    var linkStatus = root.querySelector("[data-link-status]");
    var choices = Array.prototype.slice.call(root.querySelectorAll("[data-choose]"));

    var chosen = []; // [{id, dose: {sets, reps, hold_seconds, per_day}, eachSide, note}], in print order
    var rows = {}; // drill id -> its <li> in the list of chosen drills

    function say(message) {
      status.textContent = message;
    }

    function indexOf(id) {
      for (var i = 0; i < chosen.length; i += 1) if (chosen[i].id === id) return i;
      return -1;
    }

    function fillSheet() {
      var list = preview.querySelector(".handout-sheet__drills");
      list.replaceChildren();
      chosen.forEach(function (item, index) {
        var block = page.querySelector('[data-drill-block="' + item.id + '"]').content.cloneNode(true);
        block.querySelector(".handout-drill__number").textContent = index + 1 + ".";
        var dose = block.querySelector(".handout-drill__dose");
        var phrase = dosePhrase(data.dose_words, item.dose, item.eachSide);
        if (item.note) {
          // At the end of the "Days done" row, where the sheet has room: a short note adds no line.
          var note = noteTemplate.content.cloneNode(true);
          note.querySelector("[data-note-text]").textContent = item.note;
          block.querySelector(".week-tracker").appendChild(note);
        }
        if (phrase) dose.replaceChildren(dose.querySelector("strong"), " " + phrase);
        else dose.remove();
        list.appendChild(block);
      });
      preview.querySelector("[data-preview-empty]").hidden = chosen.length > 0;
    }

    function fillPatient() {
      var values = {};
      root.querySelectorAll("[data-patient]").forEach(function (field) {
        values[field.dataset.patient] = field.value.trim();
      });
      var lines = {
        ".write-on--1 .write-on__line": values.name,
        ".write-on--2 .write-on__line": values.date,
        ".write-on--3 .write-on__line": values.therapist
      };
      Object.keys(lines).forEach(function (selector) {
        preview.querySelector(selector).textContent = lines[selector];
      });
      preview.querySelector("[data-general-notes-text]").textContent = values.notes;
      preview.querySelector("[data-general-notes]").hidden = !values.notes;
    }

    function update() {
      chosen.forEach(function (item, index) {
        var row = rows[item.id];
        row.querySelector("[data-row-number]").textContent = index + 1 + ".";
        row.querySelector('[data-move="up"]').disabled = index === 0;
        row.querySelector('[data-move="down"]').disabled = index === chosen.length - 1;
        row.querySelector("[data-row-dose]").textContent = dosePhrase(data.dose_words, item.dose, item.eachSide) || "no dose set";
      });
      root.querySelector("[data-rows-empty]").hidden = chosen.length > 0;
      choices.forEach(function (box) { box.checked = indexOf(box.value) !== -1; });
      var address = window.location.href.split("#")[0];
      linkField.value = chosen.length ? address + toFragment(chosen) : "";
      linkStatus.textContent = "";
      fillSheet();
    }

    function makeRow(item) {
      var row = rowTemplate.content.firstElementChild.cloneNode(true);
      var drill = drills[item.id];
      row.querySelectorAll("[data-row-name]").forEach(function (span) {
        span.textContent = span.classList.contains("handout-builder__hidden-text") ? " " + drill.name : drill.name;
      });
      row.querySelectorAll("label[data-for]").forEach(function (label) {
        var id = "handout-builder-" + item.id + "-" + label.dataset.for;
        label.htmlFor = id;
        label.parentNode.querySelector("input").id = id;
      });
      DOSE_FIELDS.forEach(function (field) {
        row.querySelector('[data-dose="' + field + '"]').value = item.dose[field] || "";
      });
      row.querySelector('[data-dose="each_side"]').checked = item.eachSide;
      row.querySelector("[data-note]").value = item.note;
      row.dataset.row = item.id;
      rows[item.id] = row;
      return row;
    }

    function add(id) {
      if (indexOf(id) !== -1) return;
      var drill = drills[id];
      var dose = {};
      DOSE_FIELDS.forEach(function (field) { dose[field] = drill[field]; });
      var item = { id: id, dose: dose, eachSide: drill.each_side, note: "" };
      chosen.push(item);
      rowList.appendChild(makeRow(item));
      update();
      say(drill.name + " added as number " + chosen.length + ".");
    }

    function remove(id) {
      var index = indexOf(id);
      if (index === -1) return;
      chosen.splice(index, 1);
      rows[id].remove();
      delete rows[id];
      update();
      say(drills[id].name + " removed.");
      return index;
    }

    function move(id, step) {
      var index = indexOf(id);
      var other = index + step;
      if (index === -1 || other < 0 || other >= chosen.length) return;
      var item = chosen[index];
      chosen[index] = chosen[other];
      chosen[other] = item;
      // Move the neighbour, not this row, so the button pressed keeps the focus.
      var row = rows[id];
      var neighbour = rows[chosen[index].id];
      if (step < 0) rowList.insertBefore(neighbour, row.nextSibling);
      else rowList.insertBefore(neighbour, row);
      update();
      say(drills[id].name + " is now number " + (other + 1) + " of " + chosen.length + ".");
    }

    function restore(hash) {
      var result = fromFragment(hash, drills);
      if (!result.chosen.length && !result.unknown) return;
      chosen.slice().forEach(function (item) { remove(item.id); });
      result.chosen.forEach(function (item) {
        chosen.push(item);
        rowList.appendChild(makeRow(item));
      });
      update();
      var message = "Opened from a link: " + count(result.chosen.length, "drill", "drills") + ".";
      if (result.unknown) message += " " + count(result.unknown, "drill", "drills") + " in the link could not be found on this site.";
      say(message);
    }

    // Choosing, in the list of all drills
    root.addEventListener("change", function (event) {
      var box = event.target;
      if (box.matches("[data-choose]")) {
        if (box.checked) add(box.value);
        else remove(box.value);
      }
    });

    search.addEventListener("input", function () {
      var words = search.value.trim().toLowerCase();
      var shown = {};
      root.querySelectorAll("[data-choice]").forEach(function (choice) {
        choice.hidden = words !== "" && choice.dataset.name.indexOf(words) === -1;
        if (!choice.hidden) shown[choice.querySelector("[data-choose]").value] = true;
      });
      root.querySelectorAll("[data-group]").forEach(function (group) {
        group.hidden = !group.querySelector("[data-choice]:not([hidden])");
      });
      var found = Object.keys(shown).length;
      root.querySelector("[data-search-status]").textContent = words === "" ? "" :
        found ? count(found, "drill matches", "drills match") + "." : "No drill has that in its name.";
    });

    // Order, dose and note, in the list of chosen drills
    rowList.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var id = button.closest("[data-row]").dataset.row;
      if (button.dataset.move) {
        move(id, button.dataset.move === "up" ? -1 : 1);
        if (button.disabled) {
          // First or last now: keep the focus in this row, on a button that still works.
          (rows[id].querySelector("[data-move]:not([disabled])") || rows[id].querySelector("[data-remove]")).focus();
        }
      } else if (button.hasAttribute("data-remove")) {
        var index = remove(id);
        var next = chosen[Math.min(index, chosen.length - 1)];
        if (next) rows[next.id].querySelector("[data-remove]").focus();
        else search.focus();
      }
    });

    rowList.addEventListener("input", function (event) {
      var field = event.target;
      var item = chosen[indexOf(field.closest("[data-row]").dataset.row)];
      if (field.matches("[data-note]")) item.note = field.value.trim();
      else if (field.dataset.dose === "each_side") item.eachSide = field.checked;
      else if (field.dataset.dose) item.dose[field.dataset.dose] = wholeNumber(field.value);
      update();
    });

    // The patient: shown on the sheet, nowhere else
    root.querySelectorAll("[data-patient]").forEach(function (field) {
      field.addEventListener("input", fillPatient);
    });

    root.querySelector("[data-copy-link]").addEventListener("click", function () {
      if (!chosen.length) {
        linkStatus.textContent = "Choose at least one drill first.";
        return;
      }
      linkField.select(); // if copying is not allowed, the link is ready to copy by hand
      var copied = navigator.clipboard ? navigator.clipboard.writeText(linkField.value) : Promise.reject();
      copied.then(function () {
        linkStatus.textContent = "Link copied. Paste it where you keep your programs.";
      }, function () {
        linkStatus.textContent = "This browser did not let the page copy. The link above is selected: " +
          "press Ctrl+C (Command+C on a Mac) to copy it.";
      });
    });

    window.addEventListener("hashchange", function () { restore(window.location.hash); });

    root.querySelector("[data-today]").value = today();
    update();
    fillPatient();
    restore(window.location.hash);
  }

  function start() {
    var root = document.querySelector("[data-handout-builder]");
    if (root) setUp(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
