/*
 * Site script for every page: the search boxes, the print button and the printed page address.
 *
 * Runs under the pages' Content-Security-Policy (script-src 'self'): no inline code, no eval.
 * Everything shown from the search index is added with DOM APIs (textContent), never innerHTML.
 * The search library (elasticlunr.min.js) and the index (search-index.js, which assigns
 * window.healthkbSearch) load only when a reader first uses search. Both are plain <script src>
 * files, so search works over http, under a subpath and from disk (file://).
 */
(function () {
  "use strict";

  var doc = document;
  var rootEl = doc.documentElement;
  var root = rootEl.getAttribute("data-root") || "";
  var local = rootEl.hasAttribute("data-local");
  var MAX_RESULTS = 10;
  var FIELDS = {
    title: { boost: 4 },
    aliases: { boost: 3 },
    symptoms: { boost: 2 },
    description: { boost: 2 },
    body: { boost: 1 }
  };

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

  var loading = null;
  var index = null;

  function loadScript(file, done, failed) {
    var script = doc.createElement("script");
    script.src = root + file;
    script.onload = done;
    script.onerror = failed;
    doc.head.appendChild(script);
  }

  /** Loads the library and the index once; calls back with the index or null on failure. */
  function withIndex(callback) {
    if (index) {
      callback(index);
      return;
    }
    if (loading) {
      loading.push(callback);
      return;
    }
    loading = [callback];
    function finish(result) {
      index = result;
      var waiting = loading;
      loading = null;
      for (var i = 0; i < waiting.length; i++) {
        waiting[i](result);
      }
    }
    function failed() {
      finish(null);
    }
    loadScript("elasticlunr.min.js", function () {
      loadScript("search-index.js", function () {
        var data = window.healthkbSearch;
        if (!window.elasticlunr || !data || !data.index || !data.docs) {
          failed();
          return;
        }
        finish(buildIndex(data));
      }, failed);
    }, failed);
  }

  /**
   * An elasticlunr index from the generated file's compact postings (see src/render/search.rs):
   * a document's reference is its number in data.docs; a token's postings are gaps between
   * ascending document numbers, where a gap of 0 is one more occurrence in the same document.
   * Term frequency is the square root of the occurrences, as elasticlunr's own addDoc makes it.
   */
  function buildIndex(data) {
    var fields = data.fields;
    var idx = window.elasticlunr(function () {
      for (var f = 0; f < fields.length; f++) {
        this.addField(fields[f]);
      }
      this.setRef("id");
      this.saveDocument(false);
    });
    var store = idx.documentStore;
    for (var d = 0; d < data.docs.length; d++) {
      store.addDoc(String(d), null);
      var lengths = data.lengths[d] || [];
      for (var l = 0; l < fields.length; l++) {
        store.addFieldLength(String(d), fields[l], lengths[l] || 0);
      }
    }
    for (var i = 0; i < fields.length; i++) {
      var tokens = data.index[fields[i]] || {};
      var inverted = idx.index[fields[i]];
      for (var token in tokens) {
        if (Object.prototype.hasOwnProperty.call(tokens, token)) {
          addPostings(inverted, token, tokens[token]);
        }
      }
    }
    idx.docs = data.docs;
    return idx;
  }

  /** Adds one token's gap-coded postings to an elasticlunr inverted index. */
  function addPostings(inverted, token, gaps) {
    var doc_ = -1;
    var count = 0;
    for (var g = 0; g <= gaps.length; g++) {
      if (g < gaps.length && gaps[g] === 0) {
        count++;
        continue;
      }
      if (count > 0) {
        inverted.addToken(token, { ref: String(doc_), tf: Math.sqrt(count) });
      }
      if (g < gaps.length) {
        doc_ += gaps[g];
        count = 1;
      }
    }
  }

  function resultItem(ref, doc_) {
    var item = doc.createElement("li");
    item.className = "result";
    var link = doc.createElement("a");
    link.href = href(ref);
    link.textContent = doc_.t;
    item.appendChild(link);
    var kind = doc.createElement("span");
    kind.className = "result-kind";
    kind.textContent = " " + doc_.k;
    item.appendChild(kind);
    if (doc_.d) {
      var description = doc.createElement("span");
      description.className = "link-desc";
      description.textContent = doc_.d;
      item.appendChild(description);
    }
    return item;
  }

  function show(query, results) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    var shown = 0;
    for (var i = 0; i < results.length && shown < MAX_RESULTS; i++) {
      var entry = index.docs[results[i].ref];
      if (entry) {
        list.appendChild(resultItem(entry.u, entry));
        shown++;
      }
    }
    var message;
    if (shown === 0) {
      message = "No pages found for \u201c" + query + "\u201d. Try another word, or use the A to Z.";
    } else if (shown === 1) {
      message = "1 page found for \u201c" + query + "\u201d.";
    } else {
      message = shown + " pages found for \u201c" + query + "\u201d.";
    }
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
    panel.hidden = false;
    heading.focus();
  }

  function run(query) {
    query = query.trim();
    if (!query) {
      return;
    }
    status.textContent = "Searching\u2026";
    withIndex(function (idx) {
      if (!idx) {
        failedToLoad();
        return;
      }
      var results = idx.search(query, { fields: FIELDS, bool: "OR", expand: true });
      show(query, results);
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
        withIndex(function () {});
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
