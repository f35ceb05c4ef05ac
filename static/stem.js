/*
 * The search's words and terms in the browser, made exactly as the build makes them (see
 * src/render/search/): a text is split at white space and hyphens, lowercased and stripped of
 * accents (decomposed, NFD, and its combining marks dropped); each word is
 * trimmed of anything but ASCII letters, digits and "_" at its ends, dropped if a stop word, and
 * Porter-stemmed. The stop words and the stemmer are a port of elasticlunr-rs 3.1's English
 * pipeline (src/lang/en.rs, itself rust-stem's port of Martin Porter's C), working on the word's
 * UTF-8 bytes as it does, so the two give the same term for every word. tests/stems.tsv holds
 * words with the term the build gives each; a Rust test checks the build against it and
 * tests/browser/test/stem.test.mjs checks this file.
 *
 * Loaded on the first search (a plain <script src>, so also from file://); defines
 * window.healthkbStem = { words(text), term(word) }. Works in Node too (globalThis).
 */
(function (global) {
  "use strict";

  var STOP = {};
  ("a able about across after all almost also am among an and any are as at be because been " +
    "but by can cannot could dear did do does either else ever every for from get got had has " +
    "have he her hers him his how however i if in into is it its just least let like likely may " +
    "me might most must my neither no nor not of off often on only or other our own rather said " +
    "say says she should since so some than that the their them then there these they this tis " +
    "to too twas us wants was we were what when where which while who whom why will with would " +
    "yet you your").split(" ").forEach(function (w) { STOP[w] = true; });
  STOP[""] = true;

  function bytesOf(text) {
    return Array.prototype.slice.call(new TextEncoder().encode(text));
  }
  function codes(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
      out.push(s.charCodeAt(i));
    }
    return out;
  }

  /** The Porter stemmer on the bytes `b` (lowercase), as en.rs's PorterStemmer does it. */
  function porter(b) {
    var k = b.length;
    var j = 0;
    var A = 97, E = 101, I = 105, O = 111, U = 117, Y = 121, S = 115, L = 108, Z = 122;
    function isVowelByte(c) { return c === A || c === E || c === I || c === O || c === U; }
    function cons(i) {
      var c = b[i];
      if (isVowelByte(c)) return false;
      if (c === Y) return i === 0 ? true : !cons(i - 1);
      return true;
    }
    function m() {
      var n = 0;
      var i = 0;
      for (;;) {
        if (i >= j) return n;
        if (!cons(i)) break;
        i++;
      }
      i++;
      for (;;) {
        for (;;) {
          if (i >= j) return n;
          if (cons(i)) break;
          i++;
        }
        i++;
        n++;
        for (;;) {
          if (i >= j) return n;
          if (!cons(i)) break;
          i++;
        }
        i++;
      }
    }
    function vowelInStem() {
      for (var i = 0; i < j; i++) {
        if (!cons(i)) return true;
      }
      return false;
    }
    function doublec(i) { return i >= 1 && b[i] === b[i - 1] && b[i] < 128 && cons(i); }
    function cvc(i) {
      if (i < 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) return false;
      return b[i] !== 119 && b[i] !== 120 && b[i] !== Y;
    }
    function ends(s) {
      var c = codes(s);
      if (c.length > k) return false;
      for (var i = 0; i < c.length; i++) {
        if (b[k - c.length + i] !== c[i]) return false;
      }
      j = k - c.length;
      return true;
    }
    function setto(s) {
      var c = codes(s);
      for (var i = 0; i < c.length; i++) b[j + i] = c[i];
      k = j + c.length;
    }
    function r(s) { if (m() > 0) setto(s); }
    function step1ab() {
      if (b[k - 1] === S) {
        if (ends("sses")) k -= 2;
        else if (ends("ies")) setto("i");
        else if (b[k - 2] !== S) k -= 1;
      }
      if (ends("eed")) {
        if (m() > 0) k -= 1;
      } else if ((ends("ed") || ends("ing")) && vowelInStem()) {
        k = j;
        if (ends("at")) setto("ate");
        else if (ends("bl")) setto("ble");
        else if (ends("iz")) setto("ize");
        else if (doublec(k - 1)) {
          k -= 1;
          var c = b[k - 1];
          if (c === L || c === S || c === Z) k += 1;
        } else if (m() === 1 && cvc(k - 1)) setto("e");
      }
    }
    function step1c() {
      if (k > 2 && ends("y") && !isVowelByte(b[k - 2])) b[k - 1] = I;
    }
    /* Suffix lists by the letter before the last, tried in order; the first that ends the word
       decides (replaced only when m() > 0). */
    var STEP2 = {
      a: [["ational", "ate"], ["tional", "tion"]],
      c: [["enci", "ence"], ["anci", "ance"]],
      e: [["izer", "ize"]],
      l: [["bli", "ble"], ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"]],
      o: [["ization", "ize"], ["ation", "ate"], ["ator", "ate"]],
      s: [["alism", "al"], ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"]],
      t: [["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"]],
      g: [["logi", "log"]]
    };
    var STEP3 = {
      e: [["icate", "ic"], ["ative", ""], ["alize", "al"]],
      i: [["iciti", "ic"]],
      l: [["ical", "ic"], ["ful", ""]],
      s: [["ness", ""]]
    };
    function suffixes(table, c) {
      var list = Object.prototype.hasOwnProperty.call(table, c) ? table[c] : [];
      for (var i = 0; i < list.length; i++) {
        if (ends(list[i][0])) {
          r(list[i][1]);
          return;
        }
      }
    }
    var STEP4 = {
      a: ["al"], c: ["ance", "ence"], e: ["er"], i: ["ic"], l: ["able", "ible"],
      n: ["ant", "ement", "ment", "ent"], s: ["ism"], t: ["ate", "iti"], u: ["ous"],
      v: ["ive"], z: ["ize"]
    };
    function step4() {
      if (k < 2) return;
      var c = String.fromCharCode(b[k - 2]);
      var matched = false;
      if (c === "o") {
        matched = (ends("ion") && j > 0 && (b[j - 1] === S || b[j - 1] === 116)) || ends("ou");
      } else if (Object.prototype.hasOwnProperty.call(STEP4, c)) {
        for (var i = 0; i < STEP4[c].length && !matched; i++) matched = ends(STEP4[c][i]);
      }
      if (matched && m() > 1) k = j;
    }
    function step5() {
      j = k;
      if (b[k - 1] === E) {
        var a = m();
        if (a > 1 || (a === 1 && !cvc(k - 2))) k -= 1;
      }
      if (b[k - 1] === L && doublec(k - 1) && m() > 1) k -= 1;
    }
    step1ab();
    step1c();
    if (k >= 2) suffixes(STEP2, String.fromCharCode(b[k - 2]));
    suffixes(STEP3, String.fromCharCode(b[k - 1]));
    step4();
    step5();
    return b.slice(0, k);
  }

  /** The term the build makes of one lowercase word, or null for a stop word. */
  function term(word) {
    var trimmed = word.replace(/^[^0-9A-Za-z_]+/, "").replace(/[^0-9A-Za-z_]+$/, "");
    if (STOP[trimmed] === true) {
      return null;
    }
    var b = bytesOf(trimmed);
    if (b.length <= 2) {
      return trimmed;
    }
    for (var i = 0; i < b.length; i++) {
      if (b[i] >= 65 && b[i] <= 90) b[i] += 32;
    }
    return new TextDecoder().decode(new Uint8Array(porter(b)));
  }

  /** A text's words: split at white space and hyphens, lowercased, accents dropped (NFD). */
  function words(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .split(/[\s-]+/).filter(function (w) { return w !== ""; });
  }

  global.healthkbStem = { words: words, term: term };
})(typeof window !== "undefined" ? window : globalThis);
