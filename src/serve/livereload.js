// healthkb serve: reloads this tab when the site is rebuilt, and shows content errors over the
// page until they are fixed. Injected only by `healthkb serve`; never part of a built site.
(function () {
  "use strict";

  var version = null;
  var overlay = null;

  // The output file this tab shows: "/a/b/" -> "a/b/index.html".
  function currentFile() {
    var path = location.pathname;
    try {
      path = decodeURIComponent(path);
    } catch (e) {
      // keep it as it is
    }
    path = path.replace(/^\/+/, "");
    if (path === "" || path.charAt(path.length - 1) === "/") {
      path += "index.html";
    }
    return path;
  }

  function element(tag, text, style) {
    var node = document.createElement(tag);
    if (text) {
      node.textContent = text;
    }
    for (var key in style) {
      node.style[key] = style[key];
    }
    return node;
  }

  function clear() {
    if (overlay && overlay.parentNode) {
      overlay.parentNode.removeChild(overlay);
    }
    overlay = null;
  }

  function location_of(p) {
    var where = p.file;
    if (p.line) {
      where += ":" + p.line;
      if (p.column) {
        where += ":" + p.column;
      }
    }
    return where;
  }

  function show(problems) {
    clear();
    if (!problems || problems.length === 0) {
      return;
    }
    overlay = element("div", "", {
      position: "fixed", left: "0", right: "0", bottom: "0", maxHeight: "60vh",
      overflow: "auto", zIndex: "2147483647", background: "#fff4f4", color: "#1a1a1a",
      borderTop: "4px solid #b00020", padding: "1em 1.5em", font: "15px/1.45 system-ui, sans-serif",
      boxShadow: "0 -4px 16px rgba(0,0,0,.2)"
    });
    overlay.id = "healthkb-problems";
    overlay.setAttribute("role", "alert");
    var count = problems.length === 1 ? "1 problem" : problems.length + " problems";
    overlay.appendChild(element("strong", "The site did not rebuild: " + count +
      ". Showing the last good version.", { display: "block", marginBottom: ".5em" }));
    var list = element("ul", "", { margin: "0", paddingLeft: "1.2em" });
    problems.forEach(function (p) {
      var item = element("li", "", { marginBottom: ".4em" });
      item.appendChild(element("code", location_of(p), { fontWeight: "bold" }));
      item.appendChild(document.createTextNode(": " + p.severity + ": " + p.message));
      if (p.hint) {
        item.appendChild(element("div", "hint: " + p.hint, { color: "#555" }));
      }
      list.appendChild(item);
    });
    overlay.appendChild(list);
    var close = element("button", "Hide", { marginTop: ".5em" });
    close.type = "button";
    close.addEventListener("click", clear);
    overlay.appendChild(close);
    (document.body || document.documentElement).appendChild(overlay);
  }

  function parse(event) {
    try {
      return JSON.parse(event.data);
    } catch (e) {
      return {};
    }
  }

  var source = new EventSource("/__livereload");
  source.addEventListener("hello", function (event) {
    var data = parse(event);
    if (version !== null && data.version !== version) {
      location.reload();
      return;
    }
    version = data.version;
    show(data.problems);
  });
  source.addEventListener("reload", function (event) {
    var data = parse(event);
    version = data.version;
    clear();
    var paths = data.paths || [];
    var assets = paths.some(function (p) { return !/\.html$/.test(p); });
    if (data.all || assets || paths.indexOf(currentFile()) !== -1) {
      location.reload();
    }
  });
  source.addEventListener("problems", function (event) {
    show(parse(event).problems);
  });
  source.addEventListener("ok", function (event) {
    version = parse(event).version;
    clear();
  });
})();
