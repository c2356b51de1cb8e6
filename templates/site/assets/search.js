/* Search over every report, in the browser: the index (search-index.js, loaded
   before this script) lists each section of each page with its text. Runs the
   same from disk (file://), from a downloaded preview and from a server.
   Every word asked for must appear; sections whose headings hold them come first. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var index = window.yjsreportSearchIndex || [];
  var root = form.getAttribute("data-root") || "";
  var LIMIT = 50;

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019]/g, "'").replace(/[\u2013\u2014]/g, "-");
  }
  var folded = index.map(function (e) {
    return { head: fold(e[1] + " " + e[2]), body: fold(e[3]) };
  });

  function snippet(text, word) {
    var at = fold(text).indexOf(word);
    if (at < 0) { return text.slice(0, 200); }
    var start = Math.max(0, at - 80);
    if (start > 0) { start = text.indexOf(" ", start) + 1 || start; }  // from a whole word
    var end = Math.min(text.length, at + 160);
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function show(query) {
    list.textContent = "";
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) { status.textContent = ""; return; }
    var found = [];
    folded.forEach(function (f, i) {
      var score = 0;
      for (var w = 0; w < words.length; w++) {
        var inHead = f.head.indexOf(words[w]) >= 0;
        if (!inHead && f.body.indexOf(words[w]) < 0) { return; }
        score += inHead ? 2 : 1;
      }
      found.push({ entry: index[i], score: score, order: i });
    });
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    var shown = found.slice(0, LIMIT);
    status.textContent = found.length === 0
      ? "No sections match \u2018" + query + "\u2019."
      : found.length + (found.length === 1 ? " section matches" : " sections match") +
        " \u2018" + query + "\u2019" +
        (found.length > LIMIT ? "; the first " + LIMIT + " are listed." : ".");
    shown.forEach(function (hit) {
      var e = hit.entry;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + e[0];
      link.textContent = e[2] && e[2] !== e[1] ? e[1] + ": " + e[2] : e[1];
      var text = document.createElement("p");
      text.textContent = snippet(e[3], words[0]);
      item.appendChild(link);
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) { input.value = asked; show(asked); }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    try {  // keep the query in the address, for the back button and bookmarks
      window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    } catch (ignored) { /* some browsers refuse this on file:// pages */ }
  });
})();
