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
  // Each dose field's lowest and highest number, from the page's data block (the data's own ranges).
  var doseRanges = new Map();
  // A link's "#" part longer than this is no link the builder made (a few hundred drills fit).
  var MAX_FRAGMENT = 20000;
  // How many parts a note about a link names, and how much of each it shows.
  var MAX_NOTED = 5;
  var NOTED_LENGTH = 40;

  // Ids, doses and anything else that comes from the data or a link are looked up in Maps,
  // never on plain objects: "#drill=__proto__" or "#drill=constructor" must find nothing.
  // (The dose words below are looked up by a whole number within its field's range, own properties only.)

  // The script's words come from the page (its data block: macros/strings.py, "builder.script.*"),
  // in the page's language. "{name}" in a message is filled in from values.
  var messages = {};

  function say_(key, values) {
    var text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
    return text.replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? String(values[name]) : match;
    });
  }

  function counted(n, key) {
    return say_(key + (n === 1 ? "_one" : "_other"), { count: n });
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

  // The step that holds says how long, from the dose set here (the block's [data-hold]: the words of
  // DOSE_WORDS hold_for, as macros/dose.py fills them in); with no hold set, the drill's own stays.
  function fillHold(block, words, dose) {
    if (!dose.hold_seconds) return;
    block.querySelectorAll("[data-hold]").forEach(function (hold) {
      hold.textContent = sayPiece(words.hold_for, dose.hold_seconds, {});
    });
  }

  // A whole number within the field's range, or null for anything else (empty, 0, 2.5, "abc", too many).
  function wholeNumber(text, field) {
    var range = doseRanges.get(field);
    var value = Number(text);
    return range && /^\d+$/.test(String(text).trim()) && value >= range[0] && value <= range[1] ? value : null;
  }

  function today(locale) {
    return new Date().toLocaleDateString(locale || "en-US", { year: "numeric", month: "long", day: "numeric" });
  }

  // The link's "#" part: drill=<id>.<sets>.<reps>.<hold>.<per day>.<each side 1 or 0>, in order,
  // after lang=<code> when the sheet is printed in another language than the page's.
  function toFragment(chosen, language) {
    var parts = language ? ["lang=" + language] : [];
    return "#" + parts.concat(chosen.map(function (item) {
      var numbers = DOSE_FIELDS.map(function (field) { return item.dose[field] || ""; });
      return "drill=" + [item.id].concat(numbers, [item.eachSide ? 1 : 0]).join(".");
    })).join("&");
  }

  // A part of a link, as a note may show it: decoded when it can be, and cut short.
  function shown(part) {
    var text = part;
    try {
      text = decodeURIComponent(part);
    } catch (error) {
      // "%E0%A4%A" and the like: shown as written
    }
    text = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "");
    return text.length > NOTED_LENGTH ? text.slice(0, NOTED_LENGTH) + "\u2026" : text;
  }

  // One "drill=<id>.<sets>.<reps>.<hold>.<per day>.<each side>" part, or null if it is not one.
  function readPart(part, drills) {
    var match = /^drill=([a-z0-9-]+)((?:\.[0-9]*){0,5})$/.exec(part);
    if (!match || !drills.has(match[1])) return null;
    var values = match[2].split(".").slice(1);
    var dose = new Map();
    for (var i = 0; i < DOSE_FIELDS.length; i += 1) {
      var text = values[i] || "";
      var number = text === "" ? null : wholeNumber(text, DOSE_FIELDS[i]);
      if (text !== "" && number === null) return null; // 0, or more than the data allows: not a dose the builder writes
      dose.set(DOSE_FIELDS[i], number);
    }
    var side = values[4] || "";
    if (side !== "" && side !== "0" && side !== "1") return null;
    var item = { id: match[1], dose: {}, eachSide: side === "1", note: "" };
    DOSE_FIELDS.forEach(function (field) { item.dose[field] = dose.get(field); });
    return item;
  }

  // What a link asks for: the sheet's language, the drills it names, in order, and the parts that
  // were not understood (unknown ids, bad numbers, a drill not in the sheet's language, anything
  // else), which are left out. languages: Map of sheet language -> Set of the drill ids it has.
  function fromFragment(hash, drills, languages) {
    var found = [];
    var seen = new Set();
    var ignored = [];
    var language = null;
    var text = String(hash).replace(/^#/, "");
    if (text.length > MAX_FRAGMENT) return { chosen: [], ignored: ["(a very long link)"], language: null };
    var parts = text.split("&");
    var first = /^lang=([a-z]{2})$/.exec(parts[0] || "");
    if (first && languages.has(first[1])) {
      language = first[1];
      parts = parts.slice(1);
    }
    parts.forEach(function (part) {
      if (part === "") return;
      var item = readPart(part, drills);
      if (item && language && !languages.get(language).has(item.id)) item = null; // not in that language
      if (!item || seen.has(item.id)) {
        ignored.push(shown(part));
        return;
      }
      seen.add(item.id);
      found.push(item);
    });
    return { chosen: found, ignored: ignored, language: language };
  }

  // The note about a link's left-out parts, in plain words.
  function ignoredNote(ignored, opened) {
    if (!ignored.length) return "";
    var named = ignored.slice(0, MAX_NOTED).map(function (part) { return "\u201c" + part + "\u201d"; });
    var more = ignored.length - named.length;
    return say_("ignored", { parts: named.join(", ") }) + (more ? counted(more, "ignored_more") : "") +
      say_(opened ? "ignored_opened" : "ignored_none");
  }

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "yes";
    var data = JSON.parse(document.getElementById("handout-builder-data").textContent);
    messages = data.messages || {};
    var drills = new Map();
    data.drills.forEach(function (drill) { drills.set(drill.id, drill); });
    Object.keys(data.dose_ranges).forEach(function (field) { doseRanges.set(field, data.dose_ranges[field]); });

    var page = root.parentNode; // the previews and the templates are beside the controls
    var rowTemplate = page.querySelector("[data-row-template]");
    var noteTemplates = new Map(); // sheet language -> the <template> of a drill's note
    page.querySelectorAll("template[data-note-template]").forEach(function (template) {
      noteTemplates.set(template.dataset.sheetLanguage, template);
    });
    // One preview per language a sheet can be printed in; the page's language first.
    var previews = new Map();
    page.querySelectorAll("[data-preview][data-sheet-language]").forEach(function (article) {
      previews.set(article.dataset.sheetLanguage, article);
    });
    var pageLanguage = previews.keys().next().value;
    var sheetLanguage = pageLanguage;
    var preview = previews.get(sheetLanguage);
    var languages = new Map(); // sheet language -> Set of the drill ids it has
    Object.keys(data.sheet_drills || {}).forEach(function (language) {
      if (previews.has(language)) languages.set(language, new Set(data.sheet_drills[language]));
    });
    var languageField = root.querySelector("[data-sheet-language-choice]");
    var rowList = root.querySelector("[data-rows]");
    var search = root.querySelector("[data-search]");
    var linkField = root.querySelector("[data-link]");
    var status = root.querySelector("[data-status]");
    var linkStatus = root.querySelector("[data-link-status]");
    var linkNote = root.querySelector("[data-link-note]");
    var blocks = new Map(); // "<language> <drill id>" -> the <template> of its printed block
    page.querySelectorAll("template[data-drill-block]").forEach(function (template) {
      blocks.set(template.dataset.sheetLanguage + " " + template.dataset.drillBlock, template);
    });
    var choices = Array.prototype.slice.call(root.querySelectorAll("[data-choose]"));

    var chosen = []; // [{id, dose: {sets, reps, hold_seconds, per_day}, eachSide, note}], in print order
    var rows = new Map(); // drill id -> its <li> in the list of chosen drills

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
        var block = blocks.get(sheetLanguage + " " + item.id).content.cloneNode(true);
        block.querySelector(".handout-drill__number").textContent = index + 1 + ".";
        var dose = block.querySelector(".handout-drill__dose");
        var phrase = dosePhrase(data.dose_words[sheetLanguage], item.dose, item.eachSide);
        fillHold(block, data.dose_words[sheetLanguage], item.dose);
        if (item.note) {
          // At the end of the "Days done" row, where the sheet has room: a short note adds no line.
          var note = noteTemplates.get(sheetLanguage).content.cloneNode(true);
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
      previews.forEach(function (sheet) {
        Object.keys(lines).forEach(function (selector) {
          sheet.querySelector(selector).textContent = lines[selector];
        });
        sheet.querySelector("[data-general-notes-text]").textContent = values.notes;
        sheet.querySelector("[data-general-notes]").hidden = !values.notes;
      });
    }

    function update() {
      chosen.forEach(function (item, index) {
        var row = rows.get(item.id);
        row.querySelector("[data-row-number]").textContent = index + 1 + ".";
        row.querySelector('[data-move="up"]').disabled = index === 0;
        row.querySelector('[data-move="down"]').disabled = index === chosen.length - 1;
        row.querySelector("[data-row-dose]").textContent =
          dosePhrase(data.dose_words[sheetLanguage], item.dose, item.eachSide) || say_("no_dose");
      });
      root.querySelector("[data-rows-empty]").hidden = chosen.length > 0;
      choices.forEach(function (box) {
        box.checked = indexOf(box.value) !== -1;
        // A drill not translated completely is never printed in that language: it cannot be chosen.
        var missing = !languages.get(sheetLanguage).has(box.value);
        box.disabled = missing;
        box.closest("[data-choice]").querySelector("[data-not-in-language]").hidden = !missing;
      });
      var address = window.location.href.split("#")[0];
      var asked = sheetLanguage === pageLanguage ? null : sheetLanguage;
      linkField.value = chosen.length ? address + toFragment(chosen, asked) : "";
      linkStatus.textContent = "";
      fillSheet();
    }

    function makeRow(item) {
      var row = rowTemplate.content.firstElementChild.cloneNode(true);
      var drill = drills.get(item.id);
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
      rows.set(item.id, row);
      return row;
    }

    function add(id) {
      if (indexOf(id) !== -1 || !drills.has(id)) return;
      var drill = drills.get(id);
      var dose = {};
      DOSE_FIELDS.forEach(function (field) { dose[field] = drill[field]; });
      var item = { id: id, dose: dose, eachSide: drill.each_side, note: "" };
      chosen.push(item);
      rowList.appendChild(makeRow(item));
      update();
      say(say_("added", { name: drill.name, number: chosen.length }));
    }

    function remove(id) {
      var index = indexOf(id);
      if (index === -1) return;
      chosen.splice(index, 1);
      rows.get(id).remove();
      rows.delete(id);
      update();
      say(say_("removed", { name: drills.get(id).name }));
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
      var row = rows.get(id);
      var neighbour = rows.get(chosen[index].id);
      if (step < 0) rowList.insertBefore(neighbour, row.nextSibling);
      else rowList.insertBefore(neighbour, row);
      update();
      say(say_("moved", { name: drills.get(id).name, number: other + 1, count: chosen.length }));
    }

    // The sheet's language: its preview shows, its drills can be chosen, and a drill it does not
    // have is taken off the sheet (never printed in another language), saying so.
    function setLanguage(language) {
      if (!languages.has(language) || language === sheetLanguage) return;
      var oldDate = today(data.date_locales[sheetLanguage]);
      var dateField = root.querySelector("[data-today]");
      preview.hidden = true;
      sheetLanguage = language;
      preview = previews.get(language);
      preview.hidden = false;
      if (languageField) languageField.value = language;
      if (dateField.value === oldDate) dateField.value = today(data.date_locales[language]);
      var missing = chosen.filter(function (item) { return !languages.get(language).has(item.id); });
      missing.forEach(function (item) { remove(item.id); });
      fillPatient();
      update();
      var names = missing.map(function (item) { return drills.get(item.id).name; }).join(", ");
      say(missing.length ? say_("left_off", { names: names }) : "");
    }

    function restore(hash) {
      var result = fromFragment(hash, drills, languages);
      linkNote.textContent = ignoredNote(result.ignored, result.chosen.length > 0);
      if (!result.chosen.length) return; // nothing usable: what is chosen stays as it is
      setLanguage(result.language || pageLanguage);
      chosen.slice().forEach(function (item) { remove(item.id); });
      result.chosen.forEach(function (item) {
        chosen.push(item);
        rowList.appendChild(makeRow(item));
      });
      update();
      say(counted(result.chosen.length, "opened"));
    }

    // Weeks of boxes to tick under each drill: every block has two rows, the sheets show as many as
    // chosen (data-tracker-weeks, handout.css); the clinic's tracker_weeks is chosen at the start.
    var weeksField = root.querySelector("[data-tracker-weeks-choice]");
    function showWeeks() {
      previews.forEach(function (article) {
        article.querySelector(".handout-sheet").dataset.trackerWeeks = weeksField.value;
      });
    }
    if (weeksField) {
      weeksField.addEventListener("change", showWeeks);
      showWeeks();
    }

    // Choosing, in the list of all drills
    root.addEventListener("change", function (event) {
      var box = event.target;
      if (box.matches("[data-choose]")) {
        if (box.checked) add(box.value);
        else remove(box.value);
      } else if (box === languageField) {
        setLanguage(box.value);
      }
    });

    search.addEventListener("input", function () {
      var words = search.value.trim().toLowerCase();
      var matching = new Set();
      root.querySelectorAll("[data-choice]").forEach(function (choice) {
        choice.hidden = words !== "" && choice.dataset.name.indexOf(words) === -1;
        if (!choice.hidden) matching.add(choice.querySelector("[data-choose]").value);
      });
      root.querySelectorAll("[data-group]").forEach(function (group) {
        group.hidden = !group.querySelector("[data-choice]:not([hidden])");
      });
      var found = matching.size;
      root.querySelector("[data-search-status]").textContent = words === "" ? "" :
        found ? counted(found, "matches") : say_("no_match");
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
          var kept = rows.get(id);
          (kept.querySelector("[data-move]:not([disabled])") || kept.querySelector("[data-remove]")).focus();
        }
      } else if (button.hasAttribute("data-remove")) {
        var index = remove(id);
        var next = chosen[Math.min(index, chosen.length - 1)];
        if (next) rows.get(next.id).querySelector("[data-remove]").focus();
        else search.focus();
      }
    });

    rowList.addEventListener("input", function (event) {
      var field = event.target;
      var item = chosen[indexOf(field.closest("[data-row]").dataset.row)];
      if (field.matches("[data-note]")) item.note = field.value.trim();
      else if (field.dataset.dose === "each_side") item.eachSide = field.checked;
      else if (field.dataset.dose) item.dose[field.dataset.dose] = wholeNumber(field.value, field.dataset.dose);
      update();
    });

    // The patient: shown on the sheet, nowhere else
    root.querySelectorAll("[data-patient]").forEach(function (field) {
      field.addEventListener("input", fillPatient);
    });

    root.querySelector("[data-copy-link]").addEventListener("click", function () {
      if (!chosen.length) {
        linkStatus.textContent = say_("choose_first");
        return;
      }
      linkField.select(); // if copying is not allowed, the link is ready to copy by hand
      var copied = navigator.clipboard ? navigator.clipboard.writeText(linkField.value) : Promise.reject();
      copied.then(function () {
        linkStatus.textContent = say_("copied");
      }, function () {
        linkStatus.textContent = say_("not_copied");
      });
    });

    window.addEventListener("hashchange", function () { restore(window.location.hash); });

    root.querySelector("[data-today]").value = today(data.date_locales[sheetLanguage]);
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
