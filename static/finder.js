/*
 * The symptom finder on the home page (docs/design.md, "The symptom finder"). The reader ticks
 * terms of every taxonomy with `finder = true` (a further one's checkboxes carry
 * data-finder-set); articles rank by how many ticked terms they cover, then by title. An
 * emergency sign shows the emergency card at once; a polite live region and the summary bar say
 * how many match. Data (src/render/finder.rs): finder/index.js, then per ticked term its parts
 * (finder/s/<slug>.<k>.js or finder/t/<taxonomy>/<slug>.<k>.js) and the chunks of the results
 * shown (finder/a/<k>.js), each a plain <script src> (file://, subpaths, script-src 'self').
 * Everything shown is added with DOM APIs (textContent), never innerHTML.
 */
(function () {
  "use strict";

  var doc = document;
  var index = window.healthkbFinder;
  var parts = (window.healthkbFinderParts = window.healthkbFinderParts || {});
  var form = doc.querySelector("form[data-finder]");
  var output = doc.querySelector("[data-finder-output]");
  var status = doc.querySelector("[data-finder-status]");
  var results = doc.querySelector("[data-finder-results]");
  var card = doc.querySelector("[data-finder-emergency]");
  var cardList = doc.querySelector("[data-finder-emergency-list]");
  var count = doc.querySelector("[data-finder-count]");
  var note = doc.querySelector("[data-finder-note]");
  var bar = doc.querySelector("[data-finder-bar]");
  var call = doc.querySelector("[data-finder-call]");
  var jumpLink = doc.querySelector("[data-finder-jump-link]");
  if (!index || !index.s || !form || !output || !status || !results || !card || !cardList) {
    return;
  }
  var rootEl = doc.documentElement;
  var root = rootEl.getAttribute("data-root") || "";
  var local = rootEl.hasAttribute("data-local");
  var shown = index.top || 20;
  var lang = rootEl.lang || "en-GB";
  /* The texts before any tick, as the page has them. */
  var startText = status.textContent;
  var noneText = count ? count.textContent : "";

  /* The first position of each chunk, and one past the last. */
  var chunkStart = [0];
  (index.a || []).forEach(function (size) {
    chunkStart.push(chunkStart[chunkStart.length - 1] + size);
  });

  /* Each term by key ("s/<slug>" or "t/<taxonomy>/<slug>"): name, emergency, parts, page. */
  var own = function (o, k) {
    return o && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
  };
  var symptoms = {};
  var boxKeys = [];
  var boxes = form.querySelectorAll("input[type=checkbox]");
  for (var b = 0; b < boxes.length; b++) {
    var set = boxes[b].getAttribute("data-finder-set");
    var group = (set ? own(index.t, set) : index) || { s: {} };
    var slug = boxes[b].value;
    var key = (set ? "t/" + set + "/" : "s/") + slug;
    boxKeys.push(key);
    var label = form.querySelector('label[for="' + boxes[b].id + '"]');
    var name = slug;
    if (label) {
      var copy = label.cloneNode(true);
      var notes = copy.querySelectorAll(".tag-note");
      for (var n = 0; n < notes.length; n++) {
        notes[n].parentNode.removeChild(notes[n]);
      }
      name = copy.textContent.replace(/\s+/g, " ").trim() || name;
    }
    symptoms[key] = {
      name: name,
      emergency: !!boxes[b].closest(".finder-group-emergency"),
      parts: own(group.s, slug),
      page: group.p + slug + "/",
    };
  }

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

  /** The form's data-text-NAME (i18n/*.ftl), each {key} replaced by values[key]. */
  function wording(name, values) {
    var value = form.getAttribute("data-text-" + name) || "";
    return value.replace(/\{(\w+)\}/g, function (whole, key) {
      var v = own(values, key);
      return v === undefined ? whole : v.toLocaleString(lang);
    });
  }

  var and = " " + wording("and") + " ";

  /** The suffix of a text's form for `n`. */
  function numberForm(n) {
    return n === 1 ? "-one" : "-many";
  }

  /** "a", "a and b", "a, b and c". */
  function listText(names) {
    if (names.length < 2) {
      return names.join("");
    }
    return names.slice(0, -1).join(", ") + and + names[names.length - 1];
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  /** The keys of the ticked terms (below, `slugs` are such keys). */
  function ticked() {
    var slugs = [];
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].checked && symptoms[boxKeys[i]].parts !== undefined) {
        slugs.push(boxKeys[i]);
      }
    }
    return slugs;
  }

  /* Loading parts: one <script> per key, shared by everyone waiting for it. */
  var waiting = {};

  function load(key, done) {
    if (parts[key] !== undefined) {
      done(true);
      return;
    }
    if (waiting[key]) {
      waiting[key].push(done);
      return;
    }
    waiting[key] = [done];
    var script = doc.createElement("script");
    script.src = root + "finder/" + key.split("/").map(encodeURIComponent).join("/") + ".js";
    script.onload = script.onerror = function () {
      var callbacks = waiting[key];
      delete waiting[key];
      script.parentNode.removeChild(script);
      for (var i = 0; i < callbacks.length; i++) {
        callbacks[i](parts[key] !== undefined);
      }
    };
    doc.head.appendChild(script);
  }

  /** Loads every key, then calls `done` with true if all arrived. */
  function loadAll(keys, done) {
    var left = keys.length;
    var ok = true;
    if (left === 0) {
      done(true);
      return;
    }
    keys.forEach(function (key) {
      load(key, function (arrived) {
        ok = ok && arrived;
        left -= 1;
        if (left === 0) {
          done(ok);
        }
      });
    });
  }

  function partKeys(slug) {
    var keys = [];
    for (var k = 0; k < symptoms[slug].parts; k++) {
      keys.push(slug + "." + k);
    }
    return keys;
  }

  /** The positions of a term's articles, ascending, from its loaded parts (gaps undone). */
  var positionsCache = {};
  function positions(slug) {
    if (!positionsCache[slug]) {
      var all = [];
      partKeys(slug).forEach(function (key) {
        var sum = 0;
        var gaps = parts[key];
        for (var i = 0; i < gaps.length; i++) {
          sum += gaps[i];
          all.push(sum);
        }
      });
      positionsCache[slug] = all;
    }
    return positionsCache[slug];
  }

  function has(sorted, value) {
    var lo = 0;
    var hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < sorted.length && sorted[lo] === value;
  }

  /** Articles by how many of `slugs` they cover, then by title: { top, total }. */
  function rank(slugs) {
    var covers = new Uint16Array(index.n);
    var touched = [];
    slugs.forEach(function (slug) {
      var list = positions(slug);
      for (var i = 0; i < list.length; i++) {
        if (covers[list[i]] === 0) {
          touched.push(list[i]);
        }
        covers[list[i]] += 1;
      }
    });
    touched.sort(function (x, y) {
      return covers[y] - covers[x] || x - y;
    });
    return { top: touched.slice(0, shown), total: touched.length };
  }

  function chunkOf(position) {
    var lo = 0;
    var hi = chunkStart.length - 1;
    while (hi - lo > 1) {
      var mid = (lo + hi) >> 1;
      if (chunkStart[mid] <= position) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  function article(position) {
    var k = chunkOf(position);
    var chunk = parts["a/" + k];
    return chunk ? chunk[position - chunkStart[k]] : null;
  }

  function say(message, emergency) {
    if (emergency.length) {
      message = wording("emergency", { message: message });
    }
    /* Only a changed text is written, so the live region speaks once per change. */
    if (status.textContent !== message) {
      status.textContent = message;
    }
  }

  /** The note under the results: `text` and a link to each ticked symptom's page. */
  function showNote(text, slugs) {
    if (!note) {
      return;
    }
    clear(note);
    note.hidden = !text;
    if (!text) {
      return;
    }
    note.appendChild(doc.createTextNode(text + " "));
    slugs.forEach(function (slug, i) {
      if (i > 0) {
        note.appendChild(doc.createTextNode(i === slugs.length - 1 ? and : ", "));
      }
      var link = doc.createElement("a");
      link.href = href(symptoms[slug].page);
      link.textContent = symptoms[slug].name;
      note.appendChild(link);
    });
    note.appendChild(doc.createTextNode("."));
  }

  function showJump(total) {
    if (jumpLink) {
      jumpLink.hidden = total === 0;
      jumpLink.textContent = wording("jump" + numberForm(total), { count: total });
    }
  }

  function showResults(slugs, emergency, ranking) {
    clear(results);
    ranking.top.forEach(function (position) {
      var entry = article(position);
      if (!entry) {
        return;
      }
      var names = slugs
        .filter(function (slug) {
          return has(positions(slug), position);
        })
        .map(function (slug) {
          return symptoms[slug].name;
        });
      var item = doc.createElement("li");
      item.className = "result";
      var link = doc.createElement("a");
      link.href = href(entry[1]);
      link.textContent = entry[0];
      item.appendChild(link);
      var match = doc.createElement("span");
      match.className = "result-match";
      match.textContent = wording("covers" + numberForm(slugs.length), {
        covered: names.length,
        count: slugs.length,
        names: listText(names),
      });
      item.appendChild(match);
      var description = doc.createElement("span");
      description.className = "link-desc";
      description.textContent = entry[2];
      item.appendChild(description);
      results.appendChild(item);
    });
    var message = wording("matches" + numberForm(ranking.total) + numberForm(slugs.length), {
      total: ranking.total,
      count: slugs.length,
    });
    var more = ranking.total > ranking.top.length;
    if (more) {
      message += " " + wording("first", { count: ranking.top.length });
    }
    if (count) {
      count.textContent = message;
    }
    showNote(more ? wording("note-more") : "", slugs);
    say(message, emergency);
    showJump(ranking.total);
  }

  function showProblem(slugs, emergency) {
    clear(results);
    var message = wording("failed");
    if (count) {
      count.textContent = message;
    }
    showNote(wording("note-failed"), slugs);
    say(message + " " + wording("failed-links"), emergency);
    showJump(0);
  }

  var generation = 0;

  function update() {
    generation += 1;
    var mine = generation;
    var slugs = ticked();
    var emergency = slugs
      .filter(function (slug) {
        return symptoms[slug].emergency;
      })
      .map(function (slug) {
        return symptoms[slug].name;
      });

    /* The emergency card and the number to call come first, before any download. */
    card.hidden = emergency.length === 0;
    cardList.textContent = listText(emergency);
    if (bar) {
      bar.classList.toggle("finder-bar-emergency", emergency.length > 0);
    }
    if (call) {
      call.hidden = emergency.length === 0;
    }

    if (slugs.length === 0) {
      clear(results);
      showNote("", slugs);
      if (count) {
        count.textContent = noneText;
      }
      say(startText, emergency);
      showJump(0);
      return;
    }
    var keys = [];
    slugs.forEach(function (slug) {
      keys = keys.concat(partKeys(slug));
    });
    var loading = function () {
      if (mine !== generation) {
        return;
      }
      if (count) {
        count.textContent = wording("loading-names", {
          names: listText(slugs.map(function (slug) { return symptoms[slug].name; })),
        });
      }
      say(wording("loading"), emergency);
    };
    var waitingAlready = false;
    keys.forEach(function (key) {
      waitingAlready = waitingAlready || parts[key] === undefined;
    });
    if (waitingAlready) {
      loading();
    }
    loadAll(keys, function (ok) {
      if (mine !== generation) {
        return;
      }
      if (!ok) {
        showProblem(slugs, emergency);
        return;
      }
      var ranking = rank(slugs);
      var chunks = {};
      ranking.top.forEach(function (position) {
        chunks["a/" + chunkOf(position)] = true;
      });
      var chunkKeys = Object.keys(chunks);
      if (!waitingAlready && chunkKeys.some(function (key) { return parts[key] === undefined; })) {
        loading();
      }
      loadAll(chunkKeys, function (arrived) {
        if (mine !== generation) {
          return;
        }
        if (arrived) {
          showResults(slugs, emergency, ranking);
        } else {
          showProblem(slugs, emergency);
        }
      });
    });
  }

  if (jumpLink) {
    /* Move focus with the view, so a screen reader goes on from the results. */
    jumpLink.addEventListener("click", function (event) {
      var title = doc.getElementById("finder-results");
      if (title) {
        event.preventDefault();
        title.scrollIntoView();
        title.focus({ preventScroll: true });
      }
    });
  }
  form.addEventListener("change", update);
  form.addEventListener("reset", function () {
    window.setTimeout(update, 0);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
  });
  /* Browsers may restore ticks when the reader comes back to the page. */
  window.addEventListener("pageshow", update);
  update();
})();
