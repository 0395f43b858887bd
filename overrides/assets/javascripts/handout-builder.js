/* The handout builder (handouts/builder/): choose drills for one patient, set how much, print.
   Plain JavaScript; its one library is lean-qr (vendor/lean-qr), for the QR codes. The builder page
   loads this file itself, so it runs there only.
   (Material's instant navigation, which would not run it, is not turned on in mkdocs.yml.)

   Privacy: what is typed about the patient (name, date, therapist, notes) lives in this tab's
   page only. It is never stored, sent, or put in the address. A copied link holds only the
   drills, their order and their doses, after "#", which browsers never send to a server.

   The drill data comes from the build (macros/handout_builder.py) in the page's JSON block: each
   drill's name, dose and printed words and pictures. A drill's printed block is a copy of the
   page's pattern block (a <template> made by the same template as the program handouts), filled
   in with textContent and attributes only; its QR code is made here, with lean-qr. Nothing is
   fetched: every drill's data arrives with the page. */
(function () {
  "use strict";

  // lean-qr, loaded just before this file, wrote what it exports into window.exports
  // (lean-qr-exports.js): taken here, and the page-wide name removed.
  var leanQr = window.exports;
  delete window.exports;
  var QR_BORDER = 4; // modules of quiet zone around a code, as the standard asks and the build draws

  // The QR code that opens url, drawn as the build draws its codes (macros/qr_codes.py): each run
  // of dark modules in a row as "M<x> <y>.5h<length>", in a box of size x size modules. Error
  // correction at least M, as the build's (lean-qr raises it when the code's size has room).
  function qrCode(url) {
    var code = leanQr.generate(url, { minCorrectionLevel: leanQr.correction.M });
    var size = code.size + 2 * QR_BORDER;
    var runs = [];
    for (var y = 0; y < code.size; y += 1) {
      for (var x = 0; x < code.size; x += 1) {
        if (!code.get(x, y)) continue;
        var start = x;
        while (x + 1 < code.size && code.get(x + 1, y)) x += 1;
        runs.push("M" + (start + QR_BORDER) + " " + (y + QR_BORDER) + ".5h" + (x + 1 - start));
      }
    }
    return { size: size, path: runs.join("") };
  }

  var DOSE_FIELDS = ["sets", "reps", "hold_seconds", "per_day"];
  // The pattern block's drill id (macros/handout_builder.py PATTERN_ID), replaced by each drill's.
  var PATTERN_ID = "PATTERN";
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

  // holds: the drill holds (a stretch), so sets alone are "times"; otherwise "sets" (dose_phrase's holds).
  function dosePhrase(words, dose, eachSide, holds) {
    var parts = [];
    var holding = holds === undefined ? Boolean(dose.hold_seconds) : holds;
    if (dose.sets && dose.reps) {
      parts.push(sayPiece(words.sets_of_reps, dose.sets, { sets: dose.sets, reps: dose.reps }));
    } else if (dose.sets && !holding) {
      parts.push(sayPiece(words.sets, dose.sets, {}));
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

  // The sheet's options a link carries, each with the values it may take (the page's own papers
  // are checked again when a link is read: see fromFragment).
  var LINK_OPTIONS = { size: ["regular", "large"], paper: ["letter", "a4"], weeks: ["1", "2"] };

  // The link's "#" part: lang=<code> when the sheet is printed in another language than the page's,
  // then the print size, the paper and the weeks of boxes (size=large&paper=a4&weeks=2), then
  // drill=<id>.<sets>.<reps>.<hold>.<per day>.<each side 1 or 0> for each drill, in order.
  function toFragment(chosen, language, options) {
    var parts = language ? ["lang=" + language] : [];
    Object.keys(LINK_OPTIONS).forEach(function (name) {
      if (options && options[name]) parts.push(name + "=" + options[name]);
    });
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
  // papers: the papers the page offers (a link's paper=<name> must be one of them).
  function fromFragment(hash, drills, languages, papers) {
    var found = [];
    var seen = new Set();
    var ignored = [];
    var language = null;
    var options = new Map(); // "size", "paper", "weeks" -> the value the link asks for
    var text = String(hash).replace(/^#/, "");
    if (text.length > MAX_FRAGMENT) return { chosen: [], ignored: ["(a very long link)"], language: null, options: options };
    var parts = text.split("&");
    var first = /^lang=([a-z]{2})$/.exec(parts[0] || "");
    if (first && languages.has(first[1])) {
      language = first[1];
      parts = parts.slice(1);
    }
    parts.forEach(function (part) {
      if (part === "") return;
      var option = /^(size|paper|weeks)=([a-z0-9]{1,10})$/.exec(part);
      if (option) {
        var allowed = option[1] === "paper" && papers ? papers : LINK_OPTIONS[option[1]];
        if (options.has(option[1]) || allowed.indexOf(option[2]) === -1) ignored.push(shown(part));
        else options.set(option[1], option[2]);
        return;
      }
      var item = readPart(part, drills);
      if (item && language && !languages.get(language).has(item.id)) item = null; // not in that language
      if (!item || seen.has(item.id)) {
        ignored.push(shown(part));
        return;
      }
      seen.add(item.id);
      found.push(item);
    });
    return { chosen: found, ignored: ignored, language: language, options: options };
  }

  // The note about a link's left-out parts, in plain words.
  function ignoredNote(ignored, opened) {
    if (!ignored.length) return "";
    var named = ignored.slice(0, MAX_NOTED).map(function (part) { return "\u201c" + part + "\u201d"; });
    var more = ignored.length - named.length;
    return say_("ignored", { parts: named.join(", ") }) + (more ? counted(more, "ignored_more") : "") +
      say_(opened ? "ignored_opened" : "ignored_none");
  }

  // --- Pages: how many sheets of paper the sheet takes -----------------------------------------
  // The paper's size and the print margins (overrides/assets/stylesheets/print.css @page), in mm.
  var PAPERS = { letter: [215.9, 279.4], a4: [210, 297] };
  var MARGINS = { top: 10, right: 10, bottom: 12, left: 10 };
  var PX_PER_MM = 96 / 25.4;

  function pageHeight(paper) {
    return (PAPERS[paper][1] - MARGINS.top - MARGINS.bottom) * PX_PER_MM;
  }

  // A block's height with its margins: on paper each takes its margins' room too (the urgent-care box's).
  function outerHeight(block) {
    var style = getComputedStyle(block);
    return block.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
  }

  // Pages for a sheet laid out at the paper's width: the header on page 1, then each drill and the
  // urgent-care box whole (print.css never splits one), then the footer once, kept whole; the clinic's
  // line (running) ends every page.
  function countPages(headerHeight, blockHeights, footerHeight, runningHeight, height) {
    var room = height - runningHeight;
    var pages = 1;
    var used = headerHeight;
    blockHeights.concat(footerHeight ? [footerHeight] : []).forEach(function (drill) {
      if (used + drill > room && used > 0) {
        pages += 1;
        used = 0;
      }
      used += drill;
      while (used > room) { // taller than a page: Chromium then splits it
        pages += 1;
        used -= room;
      }
    });
    return pages;
  }

  // --- Dose warnings ---------------------------------------------------------------------------
  // What is wrong with a row's dose fields: a field the data would refuse (out of its range, not a
  // whole number), or no count at all (no sets and no reps). values: field -> [typed text, bad input].
  function doseProblems(values, ranges) {
    var problems = [];
    DOSE_FIELDS.forEach(function (field) {
      var text = values[field][0].trim();
      if ((text !== "" || values[field][1]) && wholeNumber(text, field) === null) {
        problems.push({ field: field, range: ranges.get(field) });
      }
    });
    var counted = ["sets", "reps"].some(function (field) { return wholeNumber(values[field][0], field) !== null; });
    if (!counted) problems.push({ field: null });
    return problems;
  }

  // --- The calendar reminder (RFC 5545), made in the browser ----------------------------------
  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  // Lines of at most 75 bytes of UTF-8, continued on a line that starts with a space.
  function icsFold(line) {
    var encoder = new TextEncoder();
    var out = [];
    var current = "";
    var bytes = 0;
    Array.from(line).forEach(function (char) {
      var size = encoder.encode(char).length;
      if (bytes + size > (out.length ? 74 : 75)) {
        out.push(current);
        current = "";
        bytes = 0;
      }
      current += char;
      bytes += size;
    });
    out.push(current);
    return out.join("\r\n ");
  }

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function icsDate(date, utc) {
    if (utc) {
      return date.getUTCFullYear() + two(date.getUTCMonth() + 1) + two(date.getUTCDate()) + "T" +
        two(date.getUTCHours()) + two(date.getUTCMinutes()) + two(date.getUTCSeconds()) + "Z";
    }
    return date.getFullYear() + two(date.getMonth() + 1) + two(date.getDate()) + "T" +
      two(date.getHours()) + two(date.getMinutes()) + "00";
  }

  // A daily event from today (or tomorrow, if the time has passed), at the local time chosen,
  // lasting 20 minutes, with a pop-up at the time. lines: what to do, one line per drill.
  function icsCalendar(title, details, lines, time, now) {
    var parts = /^(\d{2}):(\d{2})$/.exec(time || "") || [null, "09", "00"];
    var start = new Date(now.getFullYear(), now.getMonth(), now.getDate(), Number(parts[1]), Number(parts[2]));
    if (start < now) start.setDate(start.getDate() + 1);
    var uid = (window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(now.getTime())) + "@handout-builder";
    var description = [details].concat(lines).join("\n");
    return [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Patient education site//Handout builder//EN",
      "CALSCALE:GREGORIAN",
      "BEGIN:VEVENT",
      "UID:" + uid,
      "DTSTAMP:" + icsDate(now, true),
      "DTSTART:" + icsDate(start, false),
      "DURATION:PT20M",
      "RRULE:FREQ=DAILY",
      "SUMMARY:" + icsText(title),
      "DESCRIPTION:" + icsText(description),
      "TRANSP:TRANSPARENT",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      "DESCRIPTION:" + icsText(title),
      "TRIGGER:PT0M",
      "END:VALARM",
      "END:VEVENT",
      "END:VCALENDAR"
    ].map(icsFold).join("\r\n") + "\r\n";
  }

  // The data's columns (macros/handout_builder.py columns: each field's values in one list) as rows,
  // one object per drill.
  function asRows(columns) {
    var keys = Object.keys(columns || {});
    var count = keys.length ? columns[keys[0]].length : 0;
    var found = [];
    for (var i = 0; i < count; i += 1) {
      var row = {};
      keys.forEach(function (key) { row[key] = columns[key][i]; });
      found.push(row);
    }
    return found;
  }

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "yes";
    var data = JSON.parse(document.getElementById("handout-builder-data").textContent);
    messages = data.messages || {};
    var drills = new Map();
    asRows(data.drills).forEach(function (drill) { drills.set(drill.id, drill); });
    // A photo in the data is named by its place among the page's photos (loaded with it): its
    // fallback file, and its WebP copy if it has one (the one the browser loaded, if it takes WebP).
    var photoFiles = Array.prototype.map.call(root.querySelectorAll(".handout-builder__photos picture"), function (picture) {
      var source = picture.querySelector("source");
      return { src: picture.querySelector("img").getAttribute("src"), webp: source ? source.getAttribute("srcset") : "" };
    });
    (data.figures || []).forEach(function (figure) {
      if (typeof figure.photo !== "number") return;
      figure.src = photoFiles[figure.photo].src;
      figure.webp = photoFiles[figure.photo].webp;
    });
    // Each sheet language's printed blocks, in data order: a block's drill is the one at its place
    // unless the data names it (a language without every drill), its name the drill's unless the
    // data gives its own, and its pictures are records of data.figures, named by their place there.
    var drillIds = Array.from(drills.keys());
    var sheetBlocks = new Map();
    Object.keys(data.blocks || {}).forEach(function (language) {
      sheetBlocks.set(language, asRows(data.blocks[language]).map(function (block, place) {
        block.id = block.id || drillIds[place];
        block.name = block.name || drills.get(block.id).name;
        block.figures = block.figures.map(function (place) { return data.figures[place]; });
        return block;
      }));
    });
    Object.keys(data.dose_ranges).forEach(function (field) { doseRanges.set(field, data.dose_ranges[field]); });

    var page = root.parentNode; // the previews and the templates are beside the controls
    var rowTemplate = page.querySelector("[data-row-template]");
    var noteTemplates = new Map(); // sheet language -> the <template> of a drill's note
    page.querySelectorAll("template[data-note-template]").forEach(function (template) {
      noteTemplates.set(template.dataset.sheetLanguage, template);
    });
    // One preview per language a sheet can be printed in; the page's language first.
    var previews = new Map();
    page.querySelectorAll("[data-builder-sheet][data-sheet-language]").forEach(function (article) {
      previews.set(article.dataset.sheetLanguage, article);
    });
    var pageLanguage = previews.keys().next().value;
    var sheetLanguage = pageLanguage;
    var preview = previews.get(sheetLanguage);
    var languages = new Map(); // sheet language -> Set of the drill ids it has
    sheetBlocks.forEach(function (list, language) {
      var ids = list.map(function (block) { return block.id; });
      if (previews.has(language)) languages.set(language, new Set(ids));
    });
    var languageField = root.querySelector("[data-sheet-language-choice]");
    var rowList = root.querySelector("[data-rows]");
    var search = root.querySelector("[data-search]");
    var linkField = root.querySelector("[data-link]");
    var status = root.querySelector("[data-status]");
    var linkStatus = root.querySelector("[data-link-status]");
    var linkNote = root.querySelector("[data-link-note]");
    var blocks = new Map(); // "<language> <drill id>" -> its printed words and pictures (data.blocks)
    sheetBlocks.forEach(function (list, language) {
      list.forEach(function (block) { blocks.set(language + " " + block.id, block); });
    });
    var patterns = new Map(); // sheet language -> the <template> of the pattern block
    page.querySelectorAll("template[data-drill-pattern]").forEach(function (template) {
      patterns.set(template.dataset.sheetLanguage, template);
    });
    var choices = makePicker(page, root.querySelector("[data-picker]"));
    var swapTemplate = page.querySelector("template[data-swap-template]");
    var measure = root.querySelector("[data-measure]");
    var pagesNote = root.querySelector("[data-pages]");
    var options = { size: "regular", paper: root.querySelector('[data-option="paper"]:checked').value };

    var chosen = []; // [{id, dose: {sets, reps, hold_seconds, per_day}, eachSide, note}], in print order
    var rows = new Map(); // drill id -> its <li> in the list of chosen drills

    function say(message) {
      status.textContent = message;
    }

    function indexOf(id) {
      for (var i = 0; i < chosen.length; i += 1) if (chosen[i].id === id) return i;
      return -1;
    }

    // The dose in a sheet language's words; sets alone as "times" or "sets" to suit the drill.
    function itemPhrase(item, language) {
      var holds = Boolean(drills.get(item.id).hold_seconds || item.dose.hold_seconds);
      return dosePhrase(data.dose_words[language], item.dose, item.eachSide, holds);
    }

    function fillSheet() {
      var rest = preview.querySelector(".handout-sheet__drills--rest");
      if (rest) rest.remove();
      var list = preview.querySelector(".handout-sheet__drills");
      list.replaceChildren();
      chosen.forEach(function (item, index) {
        var block = drillBlock(sheetLanguage, item.id);
        block.querySelector(".handout-drill__number").textContent = index + 1 + ".";
        var dose = block.querySelector(".handout-drill__dose");
        var phrase = itemPhrase(item, sheetLanguage);
        fillHold(block, data.dose_words[sheetLanguage], item.dose);
        if (item.note) {
          // Under the drill, after its tick boxes: a line of its own, never run on after "Sun".
          var note = noteTemplates.get(sheetLanguage).content.cloneNode(true);
          note.querySelector("[data-note-text]").textContent = item.note;
          block.querySelector(".handout-drill").appendChild(note);
        }
        if (phrase) dose.replaceChildren(dose.querySelector("strong"), " " + phrase);
        else dose.remove();
        list.appendChild(block);
      });
      placeUrgentCare(preview);
      preview.querySelector("[data-sheet-empty]").hidden = chosen.length > 0;
    }

    // Large print has the urgent-care box after the first drill, as the large-print handout pages do
    // (handout_sheet.html): page 1 holds the first drill, and the last page the closing message with
    // the last drill. The drills after it go on in a second list, numbered on from 2. The regular
    // sheet has it where the template puts it: first in the footer, after the drills.
    function placeUrgentCare(article) {
      var frame = article.querySelector(".handout-sheet__frame");
      var first = frame.querySelector(".handout-sheet__drills");
      var rest = frame.querySelector(".handout-sheet__drills--rest");
      if (rest) {
        while (rest.firstElementChild) first.appendChild(rest.firstElementChild);
        rest.remove();
      }
      var urgent = frame.querySelector(".urgent-care");
      var footer = frame.querySelector(".handout-footer");
      if (urgent && footer) footer.prepend(urgent);
      if (!urgent || options.size !== "large" || first.children.length < 2) return;
      first.after(urgent);
      rest = first.cloneNode(false);
      rest.classList.add("handout-sheet__drills--rest");
      rest.setAttribute("start", "2");
      while (first.children.length > 1) rest.appendChild(first.children[1]);
      urgent.after(rest);
    }

    // A drill's printed block in a sheet language: a copy of the pattern, filled in from the data.
    function drillBlock(language, id) {
      var info = blocks.get(language + " " + id);
      var words = data.sheet_words[language];
      var block = patterns.get(language).content.cloneNode(true);
      // The pattern's id, wherever it stands in an id or a reference to one, becomes the drill's.
      block.querySelectorAll("[id], [aria-labelledby]").forEach(function (element) {
        ["id", "aria-labelledby"].forEach(function (name) {
          var value = element.getAttribute(name);
          if (value) element.setAttribute(name, value.split(PATTERN_ID).join(id));
        });
      });
      var name = block.querySelector(".handout-drill__name");
      name.replaceChildren(name.querySelector(".handout-drill__number"), " " + info.name);
      labelled(block, ".handout-drill__summary", info.summary);
      labelled(block, ".handout-drill__position", info.position);
      labelled(block, ".handout-drill__requires", info.requires.join(", "));
      labelled(block, ".handout-drill__easier", info.easier.length ? fill(words.easier_text, {
        names: info.easier.join(" " + words.or + " ")
      }) : "");
      var around = data.drill_urls[language];
      var url = info.url || around[0] + info.id + around[1];
      var code = qrCode(url);
      var qr = block.querySelector(".qr-code");
      qr.setAttribute("viewBox", "0 0 " + code.size + " " + code.size);
      qr.querySelector("path").setAttribute("d", code.path);
      qr.querySelector("title").textContent = fill(words.qr, { name: info.name, url: url });
      block.querySelector(".handout-drill__qr-label").textContent = info.video ? words.qr_label_video : words.qr_label;
      fillFigures(block, info.figures);
      var steps = block.querySelector(".handout-drill__steps");
      var stepPattern = steps.querySelector("li");
      steps.replaceChildren.apply(steps, lines(info.steps.map(function (step) {
        var li = stepPattern.cloneNode(true);
        if (Array.isArray(step)) {
          var hold = li.querySelector("[data-hold]");
          hold.textContent = step[1];
          li.replaceChildren(step[0], hold, step[2]);
        } else {
          li.replaceChildren(step);
        }
        return li;
      })));
      var cautions = block.querySelector(".handout-drill__cautions");
      if (info.cautions.length) {
        var list = cautions.querySelector("ul");
        var cautionPattern = list.querySelector("li");
        list.replaceChildren.apply(list, lines(info.cautions.map(function (caution) {
          var li = cautionPattern.cloneNode(true);
          li.textContent = caution;
          return li;
        })));
      } else {
        cautions.remove();
      }
      return block;
    }

    // A "<strong>Label:</strong> words" line of the pattern: its words, or no line without them.
    function labelled(block, selector, text) {
      var line = block.querySelector(selector);
      if (text) line.replaceChildren(line.querySelector("strong"), " " + text);
      else line.remove();
    }

    // Elements one a line, as the template writes them: inline ones ("When to stop" runs its items on
    // in a line) keep the space between them.
    function lines(elements) {
      var out = [];
      elements.forEach(function (element) { out.push("\n", element); });
      return out.concat("\n");
    }

    function fill(text, values) {
      return text.replace(/\{(\w+)\}/g, function (match, key) {
        return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
      });
    }

    // A photo pattern's <picture> showing a photo: its WebP <source> (made here, the pattern has
    // none) before its fallback, as the copy loaded with the page, so the browser takes the file it
    // has already loaded and asks for nothing. Returns the <img>.
    function showPhoto(pattern, figure) {
      var image = pattern.querySelector("img");
      var source = pattern.querySelector("source");
      if (figure.webp) {
        if (!source) {
          source = document.createElement("source");
          source.setAttribute("type", "image/webp");
          image.parentNode.insertBefore(source, image);
        }
        source.setAttribute("srcset", figure.webp);
      } else if (source) {
        source.remove();
      }
      image.setAttribute("src", figure.src);
      return image;
    }

    // The start and end pictures: a drawn one shows its <symbol> (drawn once on the page), a photo
    // its one file (loaded with the page); each named by its own alt, with its caption if any.
    function fillFigures(block, figures) {
      var place = block.querySelector(".handout-drill__figures");
      if (!figures.length) {
        if (place) {
          place.parentNode.classList.remove("handout-drill__body--figures");
          place.remove();
        }
        return;
      }
      var drawnPattern = place.querySelector(".drill-figure:not(.drill-figure--file)");
      var photoPattern = place.querySelector(".drill-figure--file");
      place.replaceChildren.apply(place, lines(figures.map(function (figure) {
        var shown = (figure.src ? photoPattern : drawnPattern).cloneNode(true);
        if (figure.src) {
          var image = showPhoto(shown, figure);
          image.setAttribute("alt", figure.alt);
          image.setAttribute("width", figure.width);
          image.setAttribute("height", figure.height);
          shown.classList.toggle("drill-figure--drawing", Boolean(figure.drawing));
        } else {
          var svg = shown.querySelector("svg");
          var size = [figure.width, figure.height];
          svg.setAttribute("class", "figure figure--print figure--" + figure.view);
          svg.setAttribute("viewBox", "0 0 " + size.join(" "));
          svg.setAttribute("width", size[0]);
          svg.setAttribute("height", size[1]);
          svg.setAttribute("aria-label", figure.alt);
          svg.querySelector("title").textContent = figure.alt;
          var use = svg.querySelector("use");
          use.setAttribute("href", "#" + figure.symbol);
          use.setAttribute("width", size[0]);
          use.setAttribute("height", size[1]);
        }
        var caption = shown.querySelector(".drill-figure__caption");
        if (figure.caption) caption.textContent = figure.caption;
        else caption.remove();
        return shown;
      })));
    }

    // --- The picker: every drill to choose, by group, with its first picture --------------------------
    // Made here from the data (each drill's name, and its printed pictures as the page's language
    // prints them, else another's), from the page's two patterns. Returns the checkboxes.
    function makePicker(page, place) {
      var groupPattern = page.querySelector("template[data-group-template]").content.firstElementChild;
      var choicePattern = page.querySelector("template[data-choice-template]").content.firstElementChild;
      var thumbs = new Map(); // drill id -> its first picture
      sheetBlocks.forEach(function (list) {
        list.forEach(function (block) {
          if (block.figures.length && !thumbs.has(block.id)) thumbs.set(block.id, block.figures[0]);
        });
      });
      var inPrograms = new Set();
      Object.keys(data.programs).forEach(function (program) {
        data.programs[program].forEach(function (id) { inPrograms.add(id); });
      });
      var boxes = [];
      data.groups.forEach(function (pair, index) {
        var ids = pair[1] === null
          ? Array.from(drills.keys()).filter(function (id) { return !inPrograms.has(id); })
          : data.programs[pair[1]];
        var group = groupPattern.cloneNode(true);
        group.querySelector("legend").textContent = pair[0];
        var list = group.querySelector("ul");
        ids.forEach(function (id) {
          var choice = choicePattern.cloneNode(true);
          var box = choice.querySelector("[data-choose]");
          box.id = "handout-builder-choose-" + (index + 1) + "-" + id;
          box.value = id;
          var label = choice.querySelector("label");
          label.htmlFor = box.id;
          label.querySelector(".handout-builder__choice-name").textContent = drills.get(id).name;
          thumbnail(label, thumbs.get(id));
          boxes.push(box);
          list.appendChild(choice);
        });
        place.appendChild(group);
      });
      return boxes;
    }

    // A choice's thumbnail: its pattern for a drawn picture (its symbol) or a photo (its file),
    // filled in; the other pattern goes, and so does the empty box kept for a drill with no picture.
    function thumbnail(label, figure) {
      var drawn = label.querySelector(".drill-figure--thumb:not(.drill-figure--file)");
      var photo = label.querySelector(".drill-figure--file");
      var kept = figure ? (figure.src ? photo : drawn) : null;
      [drawn, photo].forEach(function (pattern) { if (pattern && pattern !== kept) pattern.remove(); });
      if (!kept) return;
      label.querySelector(".handout-builder__no-picture").remove();
      if (figure.src) {
        var image = showPhoto(kept, figure);
        image.setAttribute("width", figure.width);
        image.setAttribute("height", figure.height);
        kept.classList.toggle("drill-figure--drawing", Boolean(figure.drawing));
        return;
      }
      var svg = kept.querySelector("svg");
      svg.setAttribute("class", "figure figure--thumb figure--" + figure.view);
      svg.setAttribute("viewBox", "0 0 " + figure.width + " " + figure.height);
      svg.setAttribute("width", figure.width);
      svg.setAttribute("height", figure.height);
      var use = svg.querySelector("use");
      use.setAttribute("href", "#" + figure.symbol);
      use.setAttribute("width", figure.width);
      use.setAttribute("height", figure.height);
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
        row.querySelector("[data-row-dose]").textContent = itemPhrase(item, sheetLanguage) || say_("no_dose");
        showWarnings(item);
        showSwaps(item);
      });
      showWarningsSummary();
      root.querySelector("[data-rows-empty]").hidden = chosen.length > 0;
      choices.forEach(function (box) {
        box.checked = indexOf(box.value) !== -1;
        // A drill not translated completely is never printed in that language: it cannot be chosen.
        var missing = !languages.get(sheetLanguage).has(box.value);
        box.disabled = missing;
        // (a site in one language has no such note: every drill is in its one sheet language)
        var note = box.closest("[data-choice]").querySelector("[data-not-in-language]");
        if (note) note.hidden = !missing;
      });
      showLink();
      fillSheet();
      showPages();
    }

    // The link to these drills, with the sheet's language and options (never the patient's details).
    function showLink() {
      var address = window.location.href.split("#")[0];
      var asked = sheetLanguage === pageLanguage ? null : sheetLanguage;
      var carried = { size: options.size, paper: options.paper, weeks: weeksField ? weeksField.value : "" };
      linkField.value = chosen.length ? address + toFragment(chosen, asked, carried) : "";
      linkStatus.textContent = "";
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

    // A drill as it is first chosen: its own default dose, no note.
    function newItem(id) {
      var drill = drills.get(id);
      var dose = {};
      DOSE_FIELDS.forEach(function (field) { dose[field] = drill[field]; });
      return { id: id, dose: dose, eachSide: drill.each_side, note: "" };
    }

    function add(id) {
      if (indexOf(id) !== -1 || !drills.has(id)) return;
      var drill = drills.get(id);
      var item = newItem(id);
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
      var papers = Array.prototype.map.call(root.querySelectorAll('[data-option="paper"]'), function (radio) {
        return radio.value;
      });
      var result = fromFragment(hash, drills, languages, papers);
      linkNote.textContent = ignoredNote(result.ignored, result.chosen.length > 0);
      if (!result.chosen.length) return; // nothing usable: what is chosen stays as it is
      setLanguage(result.language || pageLanguage);
      // The print size, the paper and the weeks of boxes, as the link was copied with them.
      ["size", "paper"].forEach(function (name) {
        if (!result.options.has(name)) return;
        options[name] = result.options.get(name);
        root.querySelectorAll('[data-option="' + name + '"]').forEach(function (radio) {
          radio.checked = radio.value === options[name];
        });
      });
      if (weeksField && result.options.has("weeks")) weeksField.value = result.options.get("weeks");
      applyOptions();
      if (weeksField) showWeeks();
      chosen.slice().forEach(function (item) { remove(item.id); });
      result.chosen.forEach(function (item) {
        chosen.push(item);
        rowList.appendChild(makeRow(item));
      });
      update();
      say(counted(result.chosen.length, "opened"));
    }

    // --- Dose warnings: a row says what its dose lacks or what the data would refuse ------------
    function showWarnings(item) {
      var row = rows.get(item.id);
      var values = {};
      DOSE_FIELDS.forEach(function (field) {
        var input = row.querySelector('[data-dose="' + field + '"]');
        values[field] = [input.value, input.validity.badInput];
      });
      var problems = doseProblems(values, doseRanges);
      var warning = row.querySelector("[data-dose-warning]");
      warning.id = "handout-builder-" + item.id + "-warning";
      DOSE_FIELDS.forEach(function (field) {
        var input = row.querySelector('[data-dose="' + field + '"]');
        var bad = problems.some(function (problem) { return problem.field === field; });
        if (bad) {
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-describedby", warning.id);
        } else {
          input.removeAttribute("aria-invalid");
          input.removeAttribute("aria-describedby");
        }
      });
      warning.textContent = problems.map(function (problem) {
        if (!problem.field) return say_("no_count");
        return say_("out_of_range", {
          field: data.field_names[problem.field], low: problem.range[0], high: problem.range[1]
        });
      }).join(" ");
      warning.hidden = problems.length === 0;
      item.warned = problems.length > 0;
    }

    // Before printing: the drills whose dose has a warning, by name.
    function showWarningsSummary() {
      var summary = root.querySelector("[data-warnings-summary]");
      var names = chosen.filter(function (item) { return item.warned; })
        .map(function (item) { return drills.get(item.id).name; });
      summary.textContent = names.length ? say_("check_doses", { names: names.join(", ") }) : "";
      summary.hidden = names.length === 0;
    }

    // --- Easier and harder versions: one button each, swapping the drill in its place ------------
    function swapChoices(item) {
      var drill = drills.get(item.id);
      var found = [];
      [["easier", drill.easier || []], ["harder", drill.harder || []]].forEach(function (pair) {
        pair[1].forEach(function (id) {
          // Not one already on the sheet, nor one the sheet's language does not have.
          if (drills.has(id) && indexOf(id) === -1 && languages.get(sheetLanguage).has(id)) {
            found.push({ way: pair[0], id: id });
          }
        });
      });
      return found;
    }

    function showSwaps(item) {
      var place = rows.get(item.id).querySelector("[data-swaps]");
      var found = swapChoices(item);
      var wanted = found.map(function (choice) { return choice.way + " " + choice.id; }).join(",");
      place.hidden = found.length === 0;
      if (place.dataset.shown === wanted) return; // unchanged: the focus stays where it is
      place.dataset.shown = wanted;
      place.replaceChildren();
      found.forEach(function (choice) {
        var button = swapTemplate.content.firstElementChild.cloneNode(true);
        button.dataset.swap = choice.id;
        button.dataset.way = choice.way;
        button.querySelector("[data-swap-label]").textContent = say_("swap_" + choice.way);
        button.querySelector("[data-swap-name]").textContent = drills.get(choice.id).name;
        button.querySelector("[data-swap-for]").textContent = say_("swap_for", { name: drills.get(item.id).name });
        place.appendChild(button);
      });
    }

    // The new drill takes the old one's place and its own default dose (a hold and a count do not
    // translate); the note for the patient stays. The focus goes to the button that swaps back.
    function swap(id, newId) {
      var index = indexOf(id);
      if (index === -1 || !drills.has(newId) || indexOf(newId) !== -1) return;
      var old = chosen[index];
      var item = newItem(newId);
      item.note = old.note;
      chosen[index] = item;
      var oldRow = rows.get(id);
      var newRow = makeRow(item);
      rowList.replaceChild(newRow, oldRow);
      rows.delete(id);
      update();
      say(say_("swapped", { name: drills.get(newId).name }));
      var back = newRow.querySelector('[data-swap="' + id + '"]') || newRow.querySelector("[data-remove]");
      back.focus();
    }

    // --- Sheet options: print size and paper, on the preview and in the print styles -------------
    function applyOptions() {
      root.dataset.paper = options.paper;
      root.dataset.size = options.size;
      previews.forEach(function (article) {
        article.querySelector(".handout-sheet").classList.toggle("handout-sheet--large-print", options.size === "large");
        placeUrgentCare(article);
      });
      showLink();
      showPages();
    }

    // --- How many pages: the sheet laid out at the paper's width, out of sight, then counted -------
    function showPages() {
      if (!chosen.length) {
        measure.replaceChildren();
        pagesNote.textContent = say_("pages_none");
        pagesNote.dataset.pages = "0";
        return;
      }
      var copy = preview.querySelector(".handout-sheet").cloneNode(true);
      copy.querySelectorAll("[id]").forEach(function (element) { element.removeAttribute("id"); });
      measure.className = "handout-builder__measure handout-builder__measure--" + options.paper;
      measure.replaceChildren(copy);
      var frame = copy.querySelector(".handout-sheet__frame");
      var footer = copy.querySelector(".handout-footer");
      var running = copy.querySelector(".handout-sheet__running");
      // Each drill and the urgent-care box between them (large print): blocks the printer never splits.
      // The regular sheet's box is in the footer, counted with it.
      var drillHeights = Array.prototype.map.call(
        copy.querySelectorAll(".handout-sheet__drill, .handout-sheet__frame > .urgent-care"),
        outerHeight
      );
      var header = frame.getBoundingClientRect().top - copy.getBoundingClientRect().top;
      var footerHeight = footer ? outerHeight(footer) : 0;
      var runningHeight = running ? running.getBoundingClientRect().height : 0;
      var pages = countPages(header, drillHeights, footerHeight, runningHeight, pageHeight(options.paper));
      measure.replaceChildren();
      pagesNote.textContent = counted(pages, "pages");
      pagesNote.dataset.pages = String(pages);
    }

    // --- Start from a program: its drills, in order, each with its own dose ----------------------
    function loadProgram() {
      var select = root.querySelector("[data-program-choice]");
      var ids = select.value && Object.prototype.hasOwnProperty.call(data.programs, select.value)
        ? data.programs[select.value] : null;
      if (!ids) {
        say(say_("choose_program"));
        select.focus();
        return;
      }
      var usable = ids.filter(function (id) { return drills.has(id) && languages.get(sheetLanguage).has(id); });
      chosen.slice().forEach(function (item) { remove(item.id); });
      usable.forEach(function (id) {
        var item = newItem(id);
        chosen.push(item);
        rowList.appendChild(makeRow(item));
      });
      update();
      var title = select.options[select.selectedIndex].text;
      say(say_("loaded", { title: title, count: usable.length }));
    }

    // --- A daily reminder for the patient's calendar: an .ics file made here, never sent ---------
    function makeReminder() {
      var status = root.querySelector("[data-reminder-status]");
      if (!chosen.length) {
        status.textContent = say_("choose_first");
        return;
      }
      var words = data.reminder_words[sheetLanguage];
      var titleField = root.querySelector("[data-reminder-title]");
      var title = titleField.value.trim() || words.title;
      var sheetNames = sheetDrillNames();
      var lines = chosen.map(function (item, index) {
        var phrase = itemPhrase(item, sheetLanguage);
        var name = sheetNames.get(item.id) || drills.get(item.id).name;
        return index + 1 + ". " + name + (phrase ? ": " + phrase : "");
      });
      var text = icsCalendar(title, words.details, lines, root.querySelector("[data-reminder-time]").value, new Date());
      var file = "home-exercises.ics";
      var url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
      var link = document.createElement("a");
      link.href = url;
      link.download = file;
      link.hidden = true;
      root.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      status.textContent = say_("reminder_made", { file: file });
    }

    // Each drill's name as the sheet's language prints it (from its printed block's data).
    function sheetDrillNames() {
      var found = new Map();
      (sheetBlocks.get(sheetLanguage) || []).forEach(function (block) { found.set(block.id, block.name); });
      return found;
    }

    // Weeks of boxes to tick under each drill: every block has two rows, the sheets show as many as
    // chosen (data-tracker-weeks, handout.css); the clinic's tracker_weeks is chosen at the start.
    var weeksField = root.querySelector("[data-tracker-weeks-choice]");
    function showWeeks() {
      previews.forEach(function (article) {
        article.querySelector(".handout-sheet").dataset.trackerWeeks = weeksField.value;
      });
      showLink();
      showPages(); // two weeks of boxes make each drill taller
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
      } else if (box.matches("[data-option]")) {
        options[box.dataset.option] = box.value;
        applyOptions();
      }
    });

    // Each choice's drill name in lower case, as the search compares it (read once from its label).
    var searchNames = new Map();
    root.querySelectorAll("[data-choice]").forEach(function (choice) {
      searchNames.set(choice, choice.querySelector(".handout-builder__choice-name").textContent.toLowerCase());
    });
    search.addEventListener("input", function () {
      var words = search.value.trim().toLowerCase();
      var matching = new Set();
      root.querySelectorAll("[data-choice]").forEach(function (choice) {
        choice.hidden = words !== "" && searchNames.get(choice).indexOf(words) === -1;
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
      } else if (button.dataset.swap) {
        swap(id, button.dataset.swap);
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
      field.addEventListener("input", function () {
        fillPatient();
        showPages(); // notes under the heading take room on page 1
      });
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

    var loadButton = root.querySelector("[data-load-program]");
    if (loadButton) loadButton.addEventListener("click", loadProgram);
    root.querySelector("[data-reminder]").addEventListener("click", makeReminder);
    // The sheet's layout changes with the fonts and the window: count its pages again.
    window.addEventListener("resize", showPages);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(showPages);

    window.addEventListener("hashchange", function () { restore(window.location.hash); });

    root.querySelector("[data-today]").value = today(data.date_locales[sheetLanguage]);
    applyOptions();
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
