/*
 * Site script for every page: the search boxes, the print button and the printed page address.
 *
 * Runs under the pages' Content-Security-Policy (script-src 'self'): no inline code, no eval.
 * Everything shown from the search index is added with DOM APIs (textContent), never innerHTML.
 * The stemmer (elasticlunr.min.js) and the search index's manifest (search/index.js) load only
 * when a reader first uses search, and each query loads only the index shards of its words. All
 * are plain <script src> files, so search works over http, under a subpath and from disk (file://).
 */
(function () {
  "use strict";

  var doc = document;
  var rootEl = doc.documentElement;
  var root = rootEl.getAttribute("data-root") || "";
  var local = rootEl.hasAttribute("data-local");

  /** The link to a page given by its URL from the site root, like the generator writes it. */
  function href(url) {
    var link = root + url;
    if (link === "") {
      link = "./";
    }
    if (local && link.charAt(link.length - 1) === "/") {
      link += "index.html";
    }
    return link;
  }

  /* Marks the page as scripted (the tests read it; nothing is styled by it). */
  rootEl.setAttribute("data-site-js", "ran");

  /* Print button: a real button, in the HTML from the start (hidden by CSS without scripts). */
  var printButtons = doc.querySelectorAll("[data-print]");
  for (var p = 0; p < printButtons.length; p++) {
    printButtons[p].addEventListener("click", function () {
      window.print();
    });
  }

  /* Printed address: the real address when served over http(s). */
  var address = doc.querySelector("[data-print-address]");
  var canonical = doc.querySelector("link[rel=canonical]");
  if (address && !canonical && /^https?:$/.test(window.location.protocol)) {
    address.textContent = window.location.href.split("#")[0];
  }

  /* Search. */
  var forms = doc.querySelectorAll("form[data-search]");
  var panel = doc.getElementById("search-panel");
  var heading = doc.getElementById("search-heading");
  var list = doc.getElementById("search-results");
  var status = doc.getElementById("search-status");
  var closeButton = doc.getElementById("search-close");
  if (!forms.length || !panel || !heading || !list || !status) {
    return;
  }

  /*
   * The index is split into files under search/ (see src/render/search/): a manifest naming the
   * shards, shards of terms with precomputed weights, and chunks of display data. Each file calls
   * a function on window.healthkbSearch, defined here, so it loads as a plain <script src>.
   */
  var MAX_RESULTS = 10;
  /* How much a match counts, against the exact word (or another spelling of it). */
  var PREFIX = 0.5;
  var TYPO = 0.3;
  /* Shortest word completed as a prefix, and shortest word checked for one-letter typos. */
  var PREFIX_FROM = 3;
  var TYPO_FROM = 4;
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  var manifest = null;
  var shards = {};
  var chunks = {};
  var loaded = {};
  var pipeline = null;
  window.healthkbSearch = {
    manifest: function (m) { manifest = m; },
    shard: function (s) { shards[s.n] = s; },
    docs: function (c) { chunks[c.n] = c.d; }
  };

  /** An object's own property, never one inherited (a term may be named "constructor"). */
  function own(object, key) {
    return object && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }

  /** Loads one script once; calls back with true once it ran, false if it failed. */
  function load(file, callback) {
    var entry = loaded[file];
    if (entry === true || entry === false) {
      callback(entry);
      return;
    }
    if (entry) {
      entry.push(callback);
      return;
    }
    loaded[file] = [callback];
    var script = doc.createElement("script");
    script.src = root + file;
    function done(ok) {
      var waiting = loaded[file];
      loaded[file] = ok;
      for (var i = 0; i < waiting.length; i++) {
        waiting[i](ok);
      }
    }
    script.onload = function () { done(true); };
    script.onerror = function () { done(false); };
    doc.head.appendChild(script);
  }

  /** Loads every file in `files` (in parallel); calls back with true if all ran. */
  function loadAll(files, callback) {
    var left = files.length;
    var ok = true;
    if (!left) {
      callback(true);
      return;
    }
    for (var i = 0; i < files.length; i++) {
      load(files[i], function (result) {
        ok = ok && result;
        left--;
        if (left === 0) {
          callback(ok);
        }
      });
    }
  }

  /** Loads the stemmer (elasticlunr.js, for the same pipeline as the build) and the manifest. */
  function withManifest(callback) {
    loadAll(["elasticlunr.min.js", "search/index.js"], function (ok) {
      var e = window.elasticlunr;
      if (!ok || !e || !manifest || !manifest.keys) {
        callback(false);
        return;
      }
      if (!pipeline) {
        pipeline = new e.Pipeline();
        pipeline.add(e.trimmer, e.stopWordFilter, e.stemmer);
      }
      callback(true);
    });
  }

  /** The term the build made of one lowercase word, or null for a stop word. */
  function stem(word) {
    var out = pipeline.run([word]);
    return out.length && out[0] ? out[0] : null;
  }

  /** The number of the shard that holds `term`: the last whose first key is not after it. */
  function shardOf(term) {
    var keys = manifest.keys;
    var low = 0;
    var high = keys.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (keys[mid] <= term) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  function shardFile(term) {
    return "search/" + shardOf(term) + ".js";
  }

  /** A term's postings (document gap, weight, ...) if its shard is loaded. */
  function postings(term) {
    return own(own(shards[shardOf(term)], "t"), term);
  }

  /** Other spellings of a term that the index holds (anaemia for anemia). */
  function otherSpellings(term) {
    return own(own(shards[shardOf(term)], "a"), term) || [];
  }

  /** Every string one edit from `word`: a letter dropped, swapped with the next, changed or added. */
  function oneEditFrom(word) {
    var out = [];
    var i;
    var c;
    for (i = 0; i < word.length; i++) {
      out.push(word.slice(0, i) + word.slice(i + 1));
      if (i + 1 < word.length) {
        out.push(word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2));
      }
      for (c = 0; c < LETTERS.length; c++) {
        out.push(word.slice(0, i) + LETTERS.charAt(c) + word.slice(i + 1));
      }
    }
    for (i = 0; i <= word.length; i++) {
      for (c = 0; c < LETTERS.length; c++) {
        out.push(word.slice(0, i) + LETTERS.charAt(c) + word.slice(i));
      }
    }
    return out;
  }

  /** The query's words: each lowercase word and its term, stop words left out. */
  function queryWords(query) {
    var tokens = window.elasticlunr.tokenizer(query);
    var words = [];
    var seen = {};
    for (var i = 0; i < tokens.length; i++) {
      var term = stem(tokens[i]);
      if (term && !own(seen, term)) {
        seen[term] = true;
        words.push({ word: tokens[i], term: term });
      }
    }
    return words;
  }

  /**
   * The terms a query word matches, with how much each counts: the word's own term and its
   * other spellings fully, longer terms it begins less, and terms of one-letter typos of it
   * (found among the loaded shards' terms) least.
   */
  function matches(w) {
    var found = {};
    function add(term, factor) {
      if (postings(term) && !(own(found, term) >= factor)) {
        found[term] = factor;
      }
    }
    function addWithSpellings(term, factor) {
      add(term, factor);
      var others = otherSpellings(term);
      for (var o = 0; o < others.length; o++) {
        add(others[o], factor);
      }
    }
    addWithSpellings(w.term, 1);
    var shard = shards[shardOf(w.term)];
    if (w.word.length >= PREFIX_FROM && shard) {
      for (var t in shard.t) {
        if (own(shard.t, t) && t !== w.term && t.indexOf(w.term) === 0) {
          add(t, PREFIX);
        }
      }
    }
    if (w.word.length >= TYPO_FROM) {
      var edits = oneEditFrom(w.word);
      for (var e = 0; e < edits.length; e++) {
        var term = stem(edits[e]);
        if (term && term !== w.term) {
          addWithSpellings(term, TYPO);
        }
      }
    }
    return found;
  }

  /**
   * Ranks every document for the query's words. A document's score for one word is its best
   * matching term's weight (precomputed at build time) times how much that match counts; the
   * scores add up over words, times the square of the share of the words it matches.
   */
  function rank(words) {
    var scores = {};
    var matched = {};
    for (var i = 0; i < words.length; i++) {
      var found = matches(words[i]);
      var best = {};
      for (var term in found) {
        if (!own(found, term)) {
          continue;
        }
        var list = postings(term);
        var d = 0;
        for (var p = 0; p + 1 < list.length; p += 2) {
          d += list[p];
          var value = list[p + 1] * found[term];
          if (!(best[d] >= value)) {
            best[d] = value;
          }
        }
      }
      for (var key in best) {
        if (own(best, key)) {
          scores[key] = (scores[key] || 0) + best[key];
          matched[key] = (matched[key] || 0) + 1;
        }
      }
    }
    var results = [];
    for (var docKey in scores) {
      if (own(scores, docKey)) {
        var share = matched[docKey] / words.length;
        results.push({ doc: Number(docKey), score: scores[docKey] * share * share });
      }
    }
    results.sort(function (a, b) {
      return b.score - a.score || a.doc - b.doc;
    });
    return results.slice(0, MAX_RESULTS);
  }

  /** What to show for a document: from a loaded shard, or a loaded display chunk. */
  function view(number) {
    for (var n in shards) {
      var found = own(own(shards[n], "d"), String(number));
      if (found) {
        return found;
      }
    }
    var chunk = chunks[Math.floor(number / manifest.chunk)];
    return chunk ? chunk[number % manifest.chunk] : undefined;
  }

  /**
   * Searches for `query` and calls back with the views of the best pages ([url, title, kind,
   * description]), or null if a file could not load. Loads the shards of the query's terms, then
   * those of their other spellings, then any display chunk the best results need.
   */
  function search(query, callback) {
    withManifest(function (ok) {
      if (!ok) {
        callback(null);
        return;
      }
      var words = queryWords(query);
      var files = [];
      for (var i = 0; i < words.length; i++) {
        files.push(shardFile(words[i].term));
      }
      loadAll(files, function (ok) {
        if (!ok) {
          callback(null);
          return;
        }
        var more = [];
        for (var i = 0; i < words.length; i++) {
          var others = otherSpellings(words[i].term);
          for (var o = 0; o < others.length; o++) {
            more.push(shardFile(others[o]));
          }
        }
        loadAll(more, function (ok) {
          if (!ok) {
            callback(null);
            return;
          }
          var results = rank(words);
          var missing = [];
          for (var r = 0; r < results.length; r++) {
            if (!view(results[r].doc)) {
              missing.push("search/d" + Math.floor(results[r].doc / manifest.chunk) + ".js");
            }
          }
          loadAll(missing, function (ok) {
            if (!ok) {
              callback(null);
              return;
            }
            var views = [];
            for (var r = 0; r < results.length; r++) {
              var found = view(results[r].doc);
              if (found) {
                views.push(found);
              }
            }
            callback(views);
          });
        });
      });
    });
  }

  var KINDS = { A: "Article", S: "Symptom" };

  function resultItem(entry) {
    var item = doc.createElement("li");
    item.className = "result";
    var link = doc.createElement("a");
    link.href = href(entry[0]);
    link.textContent = entry[1];
    item.appendChild(link);
    var kind = doc.createElement("span");
    kind.className = "result-kind";
    kind.textContent = " " + (KINDS[entry[2]] || "");
    item.appendChild(kind);
    if (entry[3]) {
      var description = doc.createElement("span");
      description.className = "link-desc";
      description.textContent = entry[3];
      item.appendChild(description);
    }
    return item;
  }

  /**
   * Shows or hides the links to the A to Z and the symptom finder (the home page's #finder)
   * offered after the results when a search found nothing or could not load.
   */
  function offerElsewhere(shown) {
    var para = doc.getElementById("search-elsewhere");
    if (!para && shown) {
      para = doc.createElement("p");
      para.id = "search-elsewhere";
      var links = [["a-z/", "", "Browse the A to Z"], ["", "#finder", "find pages by symptom"]];
      for (var i = 0; i < links.length; i++) {
        var link = doc.createElement("a");
        link.href = href(links[i][0]) + links[i][1];
        link.textContent = links[i][2];
        if (i > 0) {
          para.appendChild(doc.createTextNode(" or "));
        }
        para.appendChild(link);
      }
      para.appendChild(doc.createTextNode("."));
      list.parentNode.insertBefore(para, list.nextSibling);
    }
    if (para) {
      para.hidden = !shown;
    }
  }

  function show(query, views) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    for (var i = 0; i < views.length; i++) {
      list.appendChild(resultItem(views[i]));
    }
    var message;
    if (views.length === 0) {
      message = "No pages found for \u201c" + query + "\u201d. Try another word, the A to Z or the symptom finder.";
    } else if (views.length === 1) {
      message = "1 page found for \u201c" + query + "\u201d.";
    } else {
      message = views.length + " pages found for \u201c" + query + "\u201d.";
    }
    offerElsewhere(views.length === 0);
    heading.textContent = message;
    status.textContent = message;
    panel.hidden = false;
    heading.focus();
  }

  function failedToLoad() {
    var message = "Search could not load. Use the A to Z to find a page.";
    heading.textContent = message;
    status.textContent = message;
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    offerElsewhere(true);
    panel.hidden = false;
    heading.focus();
  }

  function run(query) {
    query = query.trim();
    if (!query) {
      return;
    }
    status.textContent = "Searching\u2026";
    search(query, function (views) {
      if (!views) {
        failedToLoad();
        return;
      }
      show(query, views);
    });
  }

  for (var f = 0; f < forms.length; f++) {
    var form = forms[f];
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var input = this.querySelector("input[name=q]");
      if (input) {
        run(input.value);
      }
    });
    var input = form.querySelector("input[name=q]");
    if (input) {
      /* Start loading early, so results come at once. */
      input.addEventListener("focus", function () {
        withManifest(function () {});
      });
    }
  }

  function closePanel() {
    panel.hidden = true;
    status.textContent = "";
    var input = doc.getElementById("site-search-q");
    if (input) {
      input.focus();
    }
  }

  if (closeButton) {
    closeButton.addEventListener("click", closePanel);
  }
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      closePanel();
    }
  });
})();
