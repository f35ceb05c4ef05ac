// healthkb serve: reloads this tab when the site is rebuilt, and shows content errors over the
// page until they are fixed. Injected only by `healthkb serve`; never part of a built site.
// Text goes in with textContent only: a problem's message is never read as HTML.
(function () {
  "use strict";
  var version = null;
  var overlay = null;

  // The output file this tab shows: "/a/b/" -> "a/b/index.html".
  function currentFile() {
    var path = location.pathname;
    try { path = decodeURIComponent(path); } catch (e) { /* keep it as it is */ }
    path = path.replace(/^\/+/, "");
    return path === "" || /\/$/.test(path) ? path + "index.html" : path;
  }

  function element(tag, text, css) {
    var node = document.createElement(tag);
    node.textContent = text;
    node.style.cssText = css || "";
    return node;
  }

  function clear() {
    if (overlay) { overlay.remove(); }
    overlay = null;
  }

  function show(problems) {
    clear();
    if (!problems || problems.length === 0) { return; }
    overlay = element("div", "", "position:fixed;left:0;right:0;bottom:0;max-height:60vh;" +
      "overflow:auto;z-index:2147483647;background:#fff4f4;color:#1a1a1a;" +
      "border-top:4px solid #b00020;padding:1em 1.5em;font:15px/1.45 system-ui,sans-serif;" +
      "box-shadow:0 -4px 16px rgba(0,0,0,.2)");
    overlay.id = "healthkb-problems";
    overlay.setAttribute("role", "alert");
    var count = problems.length === 1 ? "1 problem" : problems.length + " problems";
    overlay.appendChild(element("strong", "The site did not rebuild: " + count +
      ". Showing the last good version.", "display:block;margin-bottom:.5em"));
    var list = overlay.appendChild(element("ul", "", "margin:0;padding-left:1.2em"));
    problems.forEach(function (p) {
      var where = p.file + (p.line ? ":" + p.line + (p.column ? ":" + p.column : "") : "");
      var item = list.appendChild(element("li", "", "margin-bottom:.4em"));
      item.appendChild(element("code", where, "font-weight:bold"));
      item.appendChild(document.createTextNode(": " + p.severity + ": " + p.message));
      if (p.hint) { item.appendChild(element("div", "hint: " + p.hint, "color:#555")); }
    });
    var close = overlay.appendChild(element("button", "Hide", "margin-top:.5em"));
    close.type = "button";
    close.addEventListener("click", clear);
    (document.body || document.documentElement).appendChild(overlay);
  }

  var source = new EventSource("/__livereload");
  function on(name, handle) {
    source.addEventListener(name, function (event) {
      var data = {};
      try { data = JSON.parse(event.data); } catch (e) { /* not ours */ }
      handle(data);
    });
  }
  on("hello", function (data) {
    if (version !== null && data.version !== version) { return location.reload(); }
    version = data.version;
    show(data.problems);
  });
  on("reload", function (data) {
    version = data.version;
    clear();
    var paths = data.paths || [];
    var assets = paths.some(function (p) { return !/\.html$/.test(p); });
    if (data.all || assets || paths.indexOf(currentFile()) !== -1) { location.reload(); }
  });
  on("problems", function (data) { show(data.problems); });
  on("ok", function (data) {
    version = data.version;
    clear();
  });
})();
