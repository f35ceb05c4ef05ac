/*
 * The symptom finder on the home page. The reader ticks symptoms; articles are ranked by how many
 * of the ticked symptoms they cover (then by title). Ticking an emergency-level symptom shows the
 * emergency card at once. The count is announced through a polite live region.
 *
 * Data comes from finder-data.js (window.healthkbFinder), generated at build time. Without
 * scripts the form stays hidden and a link to the symptom list is shown instead.
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
  var fallback = doc.querySelector("[data-finder-fallback]");
  var jump = doc.querySelector("[data-finder-jump]");
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
    if (emergency.length) {
      message = "Emergency sign ticked: call " + number + " now. " + message;
    }
    status.textContent = message;
    if (jump && jumpLink) {
      jump.hidden = slugs.length === 0;
      jumpLink.textContent = "See " + plural(ranked.length, "matching article", "matching articles");
    }
  }

  form.hidden = false;
  output.hidden = false;
  if (fallback) {
    fallback.hidden = true;
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
