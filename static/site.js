/*
 * Site script for every page: the search boxes, the print button and the printed page address.
 *
 * Runs under the pages' Content-Security-Policy (script-src 'self'): no inline code, no eval.
 * Everything shown from the search index is added with DOM APIs (textContent), never innerHTML.
 * The stemmer (stem.js) and the search index's manifest (search/index.js) load only
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
   * shards, and shards of terms with precomputed weights and what to show for each term's best
   * pages. Each file calls a function on window.healthkbSearch, defined here, so it loads as a
   * plain <script src>. The words of a query are made by stem.js, a port of the build's pipeline.
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
  var loaded = {};
  var stemmer = null;
  window.healthkbSearch = {
    manifest: function (m) { manifest = m; },
    shard: function (s) { shards[s.n] = s; }
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

  /**
   * Loads every file in `files` in parallel, then calls `next()` if all ran, or `failed()` if
   * any did not. Every step of a search loads through this.
   */
  function loadThen(files, failed, next) {
    var left = files.length;
    var ok = true;
    if (!left) {
      next();
      return;
    }
    for (var i = 0; i < files.length; i++) {
      load(files[i], function (result) {
        ok = ok && result;
        left--;
        if (left === 0) {
          if (ok) {
            next();
          } else {
            failed();
          }
        }
      });
    }
  }

  /** Loads the stemmer (stem.js, the build's pipeline) and the manifest. */
  function withManifest(failed, next) {
    loadThen(["stem.js", "search/index.js"], failed, function () {
      stemmer = window.healthkbStem;
      if (!stemmer || !manifest || !manifest.keys || !manifest.kinds) {
        failed();
        return;
      }
      next();
    });
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

  /**
   * One query's view of the index: only the shards loaded for it count, so its results do not
   * depend on what earlier queries loaded.
   */
  function Query(query) {
    this.words = [];
    this.active = {};
    var tokens = stemmer.words(query);
    var seen = {};
    for (var i = 0; i < tokens.length; i++) {
      var term = stemmer.term(tokens[i]);
      if (term && !own(seen, term)) {
        seen[term] = true;
        this.words.push({ word: tokens[i], term: term });
      }
    }
  }

  /** The files of the shards of `terms` not yet part of the query, made part of it. */
  Query.prototype.take = function (terms) {
    var files = [];
    for (var i = 0; i < terms.length; i++) {
      var n = shardOf(terms[i]);
      if (!own(this.active, n)) {
        this.active[n] = true;
        files.push("search/" + n + ".js");
      }
    }
    return files;
  };

  /** The query's shard that holds `term`, if it has it. */
  Query.prototype.shard = function (term) {
    var n = shardOf(term);
    return own(this.active, n) ? shards[n] : undefined;
  };

  /**
   * A term's postings (document gap, weight, ...) if the query's shards hold it: in its own
   * shard, or (its best pages only) as a copy in a shard that lists it as one first-letter typo
   * from a key there.
   */
  Query.prototype.postings = function (term) {
    var list = own(own(this.shard(term), "t"), term);
    if (list) {
      return list;
    }
    for (var n in this.active) {
      var copy = own(this.active, n) && own(own(shards[n], "c"), term);
      if (copy) {
        return copy;
      }
    }
    return undefined;
  };

  /** Other spellings of a term that the index holds (anaemia for anemia). */
  Query.prototype.otherSpellings = function (term) {
    return own(own(this.shard(term), "a"), term) || [];
  };

  /**
   * Terms of titles, other names and symptoms that `key` is with their first letter dropped
   * ("hingl" for "shingl"), if the query's shards hold it.
   */
  Query.prototype.firstLetter = function (key) {
    return own(own(this.shard(key), "f"), key) || [];
  };

  /**
   * The keys under which the index lists the names one first-letter typo from a word: its own
   * term (the first letter dropped: "hingles") and the term of the word without its first
   * letter (changed: "xciatica"; added: "asciatica" is "sciatica").
   */
  function firstLetterKeys(w) {
    if (w.word.length < TYPO_FROM) {
      return [];
    }
    var keys = [w.term];
    var rest = stemmer.term(w.word.slice(1));
    if (rest && rest !== w.term) {
      keys.push(rest);
    }
    return keys;
  }

  /** What to show for a document, from the query's shards. */
  Query.prototype.view = function (number) {
    for (var n in this.active) {
      var found = own(this.active, n) && own(own(shards[n], "d"), String(number));
      if (found) {
        return found;
      }
    }
    return undefined;
  };

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

  /**
   * The terms a query word matches, with how much each counts: the word's own term and its
   * other spellings fully, longer terms it begins less, and terms of one-letter typos of it
   * (found among the query's shards) least.
   */
  Query.prototype.matches = function (w) {
    var q = this;
    var found = {};
    function add(term, factor) {
      if (q.postings(term) && !(own(found, term) >= factor)) {
        found[term] = factor;
      }
    }
    function addWithSpellings(term, factor) {
      add(term, factor);
      var others = q.otherSpellings(term);
      for (var o = 0; o < others.length; o++) {
        add(others[o], factor);
      }
    }
    addWithSpellings(w.term, 1);
    var shard = q.shard(w.term);
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
        var term = stemmer.term(edits[e]);
        if (term && term !== w.term) {
          addWithSpellings(term, TYPO);
        }
      }
      var keys = firstLetterKeys(w);
      for (var k = 0; k < keys.length; k++) {
        var names = q.firstLetter(keys[k]);
        for (var n = 0; n < names.length; n++) {
          addWithSpellings(names[n], TYPO);
        }
      }
    }
    return found;
  };

  /**
   * A term's best documents, as the build chose those whose display data its shard carries:
   * the `manifest.top` heaviest, ties to the earlier document.
   */
  function best(list, into) {
    var docs = [];
    var d = 0;
    for (var p = 0; p + 1 < list.length; p += 2) {
      d += list[p];
      docs.push([d, list[p + 1]]);
    }
    docs.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    for (var i = 0; i < docs.length && i < manifest.top; i++) {
      into[docs[i][0]] = true;
    }
  }

  /**
   * Ranks documents for the query's words. A document's score for one word is its best
   * matching term's weight (precomputed at build time) times how much that match counts; the
   * scores add up over words, times the square of the share of the words it matches. The
   * documents ranked are each matching term's best (whose display data the query's shards
   * carry): for one word these hold its whole top ten.
   */
  Query.prototype.rank = function () {
    var words = this.words;
    var scores = {};
    var matched = {};
    var candidates = {};
    for (var i = 0; i < words.length; i++) {
      var found = this.matches(words[i]);
      var top = {};
      for (var term in found) {
        if (!own(found, term)) {
          continue;
        }
        var list = this.postings(term);
        best(list, candidates);
        var d = 0;
        for (var p = 0; p + 1 < list.length; p += 2) {
          d += list[p];
          var value = list[p + 1] * found[term];
          if (!(top[d] >= value)) {
            top[d] = value;
          }
        }
      }
      for (var key in top) {
        if (own(top, key)) {
          scores[key] = (scores[key] || 0) + top[key];
          matched[key] = (matched[key] || 0) + 1;
        }
      }
    }
    var results = [];
    for (var docKey in candidates) {
      if (own(candidates, docKey) && own(scores, docKey)) {
        var share = matched[docKey] / words.length;
        results.push({ doc: Number(docKey), score: scores[docKey] * share * share });
      }
    }
    results.sort(function (a, b) {
      return b.score - a.score || a.doc - b.doc;
    });
    var views = [];
    for (var r = 0; r < results.length && views.length < MAX_RESULTS; r++) {
      var view = this.view(results[r].doc);
      if (view) {
        views.push(view);
      }
    }
    return views;
  };

  /** True if `object` has no own keys. */
  function isEmpty(object) {
    for (var key in object) {
      if (own(object, key)) {
        return false;
      }
    }
    return true;
  }

  /**
   * For each word that matched nothing yet, loads the shard of its term without its first letter
   * ("asciatica": "sciatica"; "xciatica": "ciatica", which lists "sciatica" with a copy of its
   * best pages), then calls `next`: one more request, only for such words. A dropped first
   * letter ("hingles") needs none: its own shard lists "shingles".
   */
  function withFirstLetters(q, failed, next) {
    var keys = [];
    for (var i = 0; i < q.words.length; i++) {
      if (isEmpty(q.matches(q.words[i]))) {
        keys = keys.concat(firstLetterKeys(q.words[i]).slice(1));
      }
    }
    loadThen(q.take(keys), failed, next);
  }

  /**
   * Searches for `query` and calls back with the views of the best pages ([url, title, kind,
   * description]), or null if a file could not load. Loads the shards of the query's terms
   * (one request each, in parallel), then those of their other spellings if elsewhere, then,
   * for a word that matched nothing, the shard of its term without its first letter.
   */
  function search(query, callback) {
    function failed() {
      callback(null);
    }
    withManifest(failed, function () {
      var q = new Query(query);
      var terms = [];
      for (var i = 0; i < q.words.length; i++) {
        terms.push(q.words[i].term);
      }
      loadThen(q.take(terms), failed, function () {
        var others = [];
        for (var i = 0; i < terms.length; i++) {
          others = others.concat(q.otherSpellings(terms[i]));
        }
        loadThen(q.take(others), failed, function () {
          withFirstLetters(q, failed, function () {
            callback(q.rank());
          });
        });
      });
    });
  }

  function resultItem(entry) {
    var item = doc.createElement("li");
    item.className = "result";
    var link = doc.createElement("a");
    link.href = href(entry[0]);
    link.textContent = entry[1];
    item.appendChild(link);
    var kind = doc.createElement("span");
    kind.className = "result-kind";
    kind.textContent = " " + (manifest.kinds[entry[2]] || "");
    item.appendChild(kind);
    if (entry[3]) {
      var description = doc.createElement("span");
      description.className = "link-desc";
      description.textContent = entry[3];
      item.appendChild(description);
    }
    return item;
  }

  /** Whether the home page has the finder: the manifest says `"finder": false` if not. */
  function hasFinder() {
    return !!manifest && manifest.finder !== false;
  }

  /**
   * Shows or hides the links offered after the results when a search found nothing or could not
   * load: the A to Z, and the home page's #finder if it has one (known once the manifest loaded).
   */
  function offerElsewhere(shown) {
    var para = doc.getElementById("search-elsewhere");
    if (!para && shown) {
      para = doc.createElement("p");
      para.id = "search-elsewhere";
      var links = [["a-z/", "", text("browse")]];
      if (hasFinder()) {
        links.push(["", "#finder", text("finder")]);
      }
      for (var i = 0; i < links.length; i++) {
        var link = doc.createElement("a");
        link.href = href(links[i][0]) + links[i][1];
        link.textContent = links[i][2];
        if (i > 0) {
          para.appendChild(doc.createTextNode(" " + text("or") + " "));
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

  /** Text `name` from the panel's data-text-NAME (i18n/*.ftl), with {query} and {count}. */
  function text(name, query, count) {
    var value = panel.getAttribute("data-text-" + name) || "";
    return value.replace("{query}", function () { return query; }).replace("{count}", count);
  }

  function show(query, views) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    for (var i = 0; i < views.length; i++) {
      list.appendChild(resultItem(views[i]));
    }
    var n = views.length;
    var message = text(n ? (n === 1 ? "one" : "many") : hasFinder() ? "none-finder" : "none", query, n);
    offerElsewhere(views.length === 0);
    heading.textContent = message;
    status.textContent = message;
    panel.hidden = false;
    heading.focus();
  }

  function failedToLoad() {
    var message = text("failed");
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
    status.textContent = text("searching");
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
        withManifest(function () {}, function () {});
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
