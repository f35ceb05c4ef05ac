/*
 * The symptom finder on the home page. The reader ticks symptoms; articles are ranked by how many
 * of the ticked symptoms they cover (then by title). Ticking an emergency-level symptom shows the
 * emergency card at once, and the summary bar (sticky at the bottom of the screen while the
 * list is in view) says how many articles match, with a link to them and, for an emergency sign,
 * the number to call. The summary is announced through a polite live region.
 *
 * Data comes from finder-data.js (window.healthkbFinder), generated at build time. The form is
 * in the HTML from the start (nothing moves when this runs); without scripts CSS hides it and a
 * link to the symptom list is shown instead.
 * Everything shown is added with DOM APIs (textContent), never innerHTML.
 */
(function () {
  "use strict";

  var doc = document;
  var data = window.healthkbFinder;
  var form = doc.querySelector("form[data-finder]");
  var output = doc.querySelector("[data-finder-output]");
  var status = doc.querySelector("[data-finder-status]");
  var results = doc.querySelector("[data-finder-results]");
  var card = doc.querySelector("[data-finder-emergency]");
  var cardList = doc.querySelector("[data-finder-emergency-list]");
  var count = doc.querySelector("[data-finder-count]");
  var bar = doc.querySelector("[data-finder-bar]");
  var call = doc.querySelector("[data-finder-call]");
  var jumpLink = doc.querySelector("[data-finder-jump-link]");
  if (!data || !form || !output || !status || !results || !card || !cardList) {
    return;
  }
  var rootEl = doc.documentElement;
  var root = rootEl.getAttribute("data-root") || "";
  var local = rootEl.hasAttribute("data-local");
  var number = form.getAttribute("data-emergency-number") || "";

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

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  /** "a", "a and b", "a, b and c". */
  function listText(names) {
    if (names.length < 2) {
      return names.join("");
    }
    return names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function ticked() {
    var boxes = form.querySelectorAll("input[type=checkbox][name=symptom]");
    var slugs = [];
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].checked && data.symptoms[boxes[i].value]) {
        slugs.push(boxes[i].value);
      }
    }
    return slugs;
  }

  function update() {
    var slugs = ticked();
    var covered = {};
    var emergency = [];
    for (var s = 0; s < slugs.length; s++) {
      var symptom = data.symptoms[slugs[s]];
      if (symptom.l === "emergency") {
        emergency.push(symptom.n);
      }
      for (var a = 0; a < symptom.a.length; a++) {
        var article = symptom.a[a];
        (covered[article] = covered[article] || []).push(symptom.n);
      }
    }
    var ranked = Object.keys(covered).map(Number);
    ranked.sort(function (x, y) {
      return covered[y].length - covered[x].length || x - y;
    });

    card.hidden = emergency.length === 0;
    cardList.textContent = listText(emergency);

    clear(results);
    ranked.forEach(function (i) {
      var article = data.articles[i];
      if (!article) {
        return;
      }
      var item = doc.createElement("li");
      item.className = "result";
      var link = doc.createElement("a");
      link.href = href(article.u);
      link.textContent = article.t;
      item.appendChild(link);
      var match = doc.createElement("span");
      match.className = "result-match";
      match.textContent =
        "Covers " + covered[i].length + " of your " + plural(slugs.length, "symptom", "symptoms") +
        ": " + listText(covered[i]);
      item.appendChild(match);
      var description = doc.createElement("span");
      description.className = "link-desc";
      description.textContent = article.d;
      item.appendChild(description);
      results.appendChild(item);
    });

    var message;
    if (slugs.length === 0) {
      message = "Tick a symptom to see the articles about it.";
    } else {
      message = plural(ranked.length, "article matches", "articles match") + " the " +
        plural(slugs.length, "symptom", "symptoms") + " you ticked.";
    }
    if (count) {
      count.textContent = slugs.length === 0 ? "No symptoms ticked yet." : message;
    }
    if (emergency.length) {
      message = "Emergency sign ticked: call " + number + " now. " + message;
    }
    /* Only a changed text is written, so the live region speaks once per change. */
    if (status.textContent !== message) {
      status.textContent = message;
    }
    if (bar) {
      bar.classList.toggle("finder-bar-emergency", emergency.length > 0);
    }
    if (call) {
      call.hidden = emergency.length === 0;
    }
    if (jumpLink) {
      jumpLink.hidden = ranked.length === 0;
      jumpLink.textContent = "See " + plural(ranked.length, "matching article", "matching articles");
    }
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
