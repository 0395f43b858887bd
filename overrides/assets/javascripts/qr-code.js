/* QR codes made in the browser, for the handout builder's printed blocks (handout-builder.js).

   The builder page carries each drill's address, not its QR code: 600 codes drawn in the page
   weighed more than everything else on it (issue 20). This file makes the same code the build
   makes (macros/qr_codes.py, with segno): byte mode, error correction level M raised to Q or H
   when the data still fits in the same version, the mask with the lowest penalty score as the
   standard scores it (ISO/IEC 18004:2015, 7.8.3; the format and version areas light while
   scoring), and the same path: each run of dark modules in a row as "M<x> <y>.5h<length>", with
   a quiet zone of 4 modules. tests/test_handout_builder.py compares it with the build's codes.

   Written for this project from the standard. No request, no storage: it only computes. */
(function (global) {
  "use strict";

  var BORDER = 4;
  // Error correction levels as the format information numbers them.
  var LEVEL_BITS = { M: 0, Q: 3, H: 2 };
  // For each level, versions 1 to 40: the number of blocks, and error correction codewords per block.
  var BLOCKS = {
    M: [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
    Q: [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
    H: [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81]
  };
  var EC_PER_BLOCK = {
    M: [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
    Q: [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    H: [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]
  };
  var EMPTY = 2; // a module not yet set: the data's region

  // --- Arithmetic in GF(256), modulo x^8 + x^4 + x^3 + x^2 + 1 ---------------------------------
  var EXP = new Array(512);
  var LOG = new Array(256);
  (function () {
    var value = 1;
    for (var i = 0; i < 255; i += 1) {
      EXP[i] = value;
      LOG[value] = i;
      value <<= 1;
      if (value & 256) value ^= 0x11d;
    }
    for (var j = 255; j < 512; j += 1) EXP[j] = EXP[j - 255];
  })();

  function times(a, b) {
    return a && b ? EXP[LOG[a] + LOG[b]] : 0;
  }

  // The error correction codewords of one block: the remainder of data(x) * x^n by the generator.
  function errorCodewords(data, n) {
    var generator = [1];
    for (var i = 0; i < n; i += 1) {
      var next = new Array(generator.length + 1).fill(0);
      for (var k = 0; k < generator.length; k += 1) {
        next[k] ^= generator[k];
        next[k + 1] ^= times(generator[k], EXP[i]);
      }
      generator = next;
    }
    var rest = data.concat(new Array(n).fill(0));
    for (var d = 0; d < data.length; d += 1) {
      var factor = rest[d];
      if (!factor) continue;
      for (var g = 0; g < generator.length; g += 1) rest[d + g] ^= times(generator[g], factor);
    }
    return rest.slice(data.length);
  }

  // --- The symbol's fixed parts -------------------------------------------------------------------
  function alignmentPositions(version) {
    if (version === 1) return [];
    var count = Math.floor(version / 7) + 2;
    var last = version * 4 + 10;
    var step = version === 32 ? 26 : Math.ceil((last - 6) / (count - 1) / 2) * 2;
    var positions = [6];
    for (var i = count - 2; i >= 0; i -= 1) positions.splice(1, 0, last - (count - 2 - i) * step);
    return positions;
  }

  // A matrix with the finder, separator, timing and alignment patterns set, and the format and
  // version areas reserved (light); EMPTY everywhere the data goes.
  function functionMatrix(version) {
    var size = version * 4 + 17;
    var m = [];
    for (var r = 0; r < size; r += 1) m.push(new Array(size).fill(EMPTY));
    function set(row, col, value) {
      if (row >= 0 && row < size && col >= 0 && col < size) m[row][col] = value;
    }
    [[0, 0], [0, size - 7], [size - 7, 0]].forEach(function (corner) {
      for (var dr = -1; dr <= 7; dr += 1) {
        for (var dc = -1; dc <= 7; dc += 1) {
          var ring = Math.max(Math.abs(dr - 3), Math.abs(dc - 3));
          set(corner[0] + dr, corner[1] + dc, ring === 2 || ring === 4 ? 0 : 1);
        }
      }
    });
    for (var i = 0; i < 9; i += 1) { // format areas
      m[8][i] = 0; m[i][8] = 0;
      if (i < 8) { m[8][size - 1 - i] = 0; m[size - 1 - i][8] = 0; }
    }
    if (version >= 7) { // version areas
      for (var a = 0; a < 6; a += 1) {
        for (var b = size - 11; b < size - 8; b += 1) { m[a][b] = 0; m[b][a] = 0; }
      }
    }
    for (var t = 8; t < size - 8; t += 1) { // timing
      m[6][t] = t % 2 === 0 ? 1 : 0;
      m[t][6] = m[6][t];
    }
    var centres = alignmentPositions(version);
    centres.forEach(function (row) {
      centres.forEach(function (col) {
        var first = centres[0];
        var last = centres[centres.length - 1];
        if ((row === first && col === first) || (row === first && col === last) || (row === last && col === first)) return;
        for (var dr = -2; dr <= 2; dr += 1) {
          for (var dc = -2; dc <= 2; dc += 1) {
            m[row + dr][col + dc] = Math.max(Math.abs(dr), Math.abs(dc)) === 1 ? 0 : 1;
          }
        }
      });
    });
    return m;
  }

  function dataModules(version) {
    var count = 0;
    functionMatrix(version).forEach(function (row) {
      row.forEach(function (value) { if (value === EMPTY) count += 1; });
    });
    return count;
  }

  // --- Data ---------------------------------------------------------------------------------------
  function bytesOf(text) {
    var latin = /^[\u0000-\u00ff]*$/.test(text); // segno's default: ISO-8859-1 if it can, else UTF-8
    if (latin) return Array.prototype.map.call(text, function (c) { return c.charCodeAt(0); });
    return Array.from(new TextEncoder().encode(text));
  }

  function dataCodewords(version, level) {
    var total = Math.floor(dataModules(version) / 8);
    return total - BLOCKS[level][version - 1] * EC_PER_BLOCK[level][version - 1];
  }

  function bitsNeeded(bytes, version) {
    return 4 + (version < 10 ? 8 : 16) + 8 * bytes.length;
  }

  function codewords(bytes, version, level) {
    var capacity = dataCodewords(version, level) * 8;
    var bits = [];
    function put(value, length) {
      for (var i = length - 1; i >= 0; i -= 1) bits.push((value >>> i) & 1);
    }
    put(4, 4); // byte mode
    put(bytes.length, version < 10 ? 8 : 16);
    bytes.forEach(function (b) { put(b, 8); });
    put(0, Math.min(4, capacity - bits.length)); // terminator
    // Then zeros to the next whole codeword, as segno writes them: a whole codeword of zeros when
    // the data already ends on one (decoders stop at the terminator; the build's codes have it).
    put(0, Math.min(8 - (bits.length % 8), capacity - bits.length));
    var pad = [0xec, 0x11];
    for (var p = 0; bits.length < capacity; p += 1) put(pad[p % 2], 8);
    var data = [];
    for (var i = 0; i < bits.length; i += 8) data.push(parseInt(bits.slice(i, i + 8).join(""), 2));
    // Blocks: the short ones first, the long ones with one data codeword more.
    var blocks = BLOCKS[level][version - 1];
    var ec = EC_PER_BLOCK[level][version - 1];
    var short = Math.floor(data.length / blocks);
    var longs = data.length % blocks;
    var dataBlocks = [];
    var ecBlocks = [];
    for (var b = 0, at = 0; b < blocks; b += 1) {
      var length = short + (b >= blocks - longs ? 1 : 0);
      var block = data.slice(at, at + length);
      at += length;
      dataBlocks.push(block);
      ecBlocks.push(errorCodewords(block, ec));
    }
    var out = [];
    [dataBlocks, ecBlocks].forEach(function (group) {
      var longest = Math.max.apply(null, group.map(function (g) { return g.length; }));
      for (var k = 0; k < longest; k += 1) {
        group.forEach(function (g) { if (k < g.length) out.push(g[k]); });
      }
    });
    return out;
  }

  function place(m, words) {
    var size = m.length;
    var bits = [];
    words.forEach(function (w) { for (var i = 7; i >= 0; i -= 1) bits.push((w >>> i) & 1); });
    var index = 0;
    for (var right = size - 1; right > 0; right -= 2) {
      if (right === 6) right = 5;
      var upwards = ((right + 1) & 2) === 0;
      for (var v = 0; v < size; v += 1) {
        var row = upwards ? size - 1 - v : v;
        for (var z = 0; z < 2; z += 1) {
          var col = right - z;
          if (m[row][col] === EMPTY) m[row][col] = index < bits.length ? bits[index++] : 0;
        }
      }
    }
  }

  var MASKS = [
    function (i, j) { return (i + j) % 2 === 0; },
    function (i) { return i % 2 === 0; },
    function (i, j) { return j % 3 === 0; },
    function (i, j) { return (i + j) % 3 === 0; },
    function (i, j) { return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0; },
    function (i, j) { return ((i * j) % 2) + ((i * j) % 3) === 0; },
    function (i, j) { return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0; },
    function (i, j) { return (((i + j) % 2) + ((i * j) % 3)) % 2 === 0; }
  ];

  // --- The penalty score of a masked symbol (ISO/IEC 18004:2015, 7.8.3.1) ------------------------
  var FINDER_LIKE = [1, 0, 1, 1, 1, 0, 1];

  function finderLike(line) {
    var n = line.length;
    var score = 0;
    var from = 0;
    for (;;) {
      var at = -1;
      for (var s = from; s + 7 <= n && at === -1; s += 1) {
        var same = true;
        for (var k = 0; k < 7 && same; k += 1) same = line[s + k] === FINDER_LIKE[k];
        if (same) at = s;
      }
      if (at === -1) return score;
      var before = line.slice(Math.max(at - 4, 0), at).every(function (x) { return x === 0; });
      var after = line.slice(at + 7, Math.min(at + 11, n)).every(function (x) { return x === 0; });
      if (at === 0 || at === n - 7 || before || after) {
        score += 40;
        from = at + 7;
      } else {
        from = at + 4;
      }
    }
  }

  function penalty(m) {
    var n = m.length;
    var score = 0;
    var dark = 0;
    for (var i = 0; i < n; i += 1) {
      var rowRun = 0;
      var colRun = 0;
      var column = [];
      for (var j = 0; j < n; j += 1) {
        dark += m[i][j];
        column.push(m[j][i]);
        if (j > 0 && m[i][j] === m[i][j - 1]) rowRun += 1;
        else { if (rowRun >= 5) score += rowRun - 2; rowRun = 1; }
        if (j > 0 && m[j][i] === m[j - 1][i]) colRun += 1;
        else { if (colRun >= 5) score += colRun - 2; colRun = 1; }
        if (i > 0 && j > 0 && m[i][j] === m[i][j - 1] && m[i][j] === m[i - 1][j] && m[i][j] === m[i - 1][j - 1]) score += 3;
      }
      if (rowRun >= 5) score += rowRun - 2;
      if (colRun >= 5) score += colRun - 2;
      score += finderLike(m[i]) + finderLike(column);
    }
    return score + 10 * Math.floor(Math.abs((dark / (n * n)) * 100 - 50) / 5);
  }

  // --- Format and version information -------------------------------------------------------------
  function bch(value, generator, degree) {
    var rest = value << degree;
    for (var bit = 31; bit >= degree; bit -= 1) {
      if ((rest >>> bit) & 1) rest ^= generator << (bit - degree);
    }
    return (value << degree) | rest;
  }

  function addFormat(m, level, mask) {
    var size = m.length;
    var info = bch((LEVEL_BITS[level] << 3) | mask, 0x537, 10) ^ 0x5412;
    for (var i = 0; i < 8; i += 1) {
      var low = (info >>> i) & 1;
      var high = (info >>> (14 - i)) & 1;
      m[i < 6 ? i : i + 1][8] = low;
      m[8][i < 6 ? i : i + 1] = high;
      m[8][size - 1 - i] = low;
      m[size - 1 - i][8] = high;
    }
    m[size - 8][8] = 1; // the dark module
  }

  function addVersion(m, version) {
    if (version < 7) return;
    var size = m.length;
    var info = bch(version, 0x1f25, 12);
    for (var i = 0; i < 18; i += 1) {
      var bit = (info >>> i) & 1;
      var a = Math.floor(i / 3);
      var b = size - 11 + (i % 3);
      m[b][a] = bit;
      m[a][b] = bit;
    }
  }

  // --- The code -----------------------------------------------------------------------------------
  // The QR code that opens text: {size: modules across, quiet zone included; path: the SVG path}.
  function qrCode(text) {
    var bytes = bytesOf(String(text));
    var version = 1;
    while (version <= 40 && dataCodewords(version, "M") * 8 < bitsNeeded(bytes, version)) version += 1;
    if (version > 40) throw new RangeError("too long for a QR code");
    var level = "M";
    ["Q", "H"].some(function (higher) { // a higher level, while the data fits in the same version
      if (dataCodewords(version, higher) * 8 < bitsNeeded(bytes, version)) return true;
      level = higher;
      return false;
    });
    var base = functionMatrix(version);
    var data = base.map(function (row) { return row.slice(); });
    place(data, codewords(bytes, version, level));
    var best = null;
    var bestScore = Infinity;
    MASKS.forEach(function (mask, number) {
      var m = data.map(function (row, i) {
        return row.map(function (value, j) { return base[i][j] === EMPTY && mask(i, j) ? value ^ 1 : value; });
      });
      var score = penalty(m);
      if (score < bestScore) {
        bestScore = score;
        best = { matrix: m, mask: number };
      }
    });
    addFormat(best.matrix, level, best.mask);
    addVersion(best.matrix, version);
    var runs = [];
    best.matrix.forEach(function (row, y) {
      for (var x = 0; x < row.length;) {
        if (!row[x]) { x += 1; continue; }
        var start = x;
        while (x < row.length && row[x]) x += 1;
        runs.push("M" + (start + BORDER) + " " + (y + BORDER) + ".5h" + (x - start));
      }
    });
    return { size: best.matrix.length + 2 * BORDER, path: runs.join("") };
  }

  global.handoutQrCode = qrCode;
})(window);
