// crossbrief report: the citation reader and the charts.
// Article text is untrusted: it is only ever set with textContent, never innerHTML.
(function () {
  "use strict";
  var readJSON = function (id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : {};
  };
  var data = readJSON("cb-reader-data");
  var specs = readJSON("cb-chart-specs");
  var panel = document.getElementById("cb-reader");
  if (!panel) { return; }
  var q = function (sel) { return panel.querySelector(sel); };

  function para(cls, text) {
    var p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    return p;
  }

  function sentenceText(article, index) {
    return (data.sentences || {})[article + "#" + index];
  }

  // The cited sentence with the neighbours the briefing knows, so it reads in context.
  function fillContext(article, index, info) {
    var box = q(".reader-context");
    box.textContent = "";
    var before = sentenceText(article, index - 1);
    var after = sentenceText(article, index + 1);
    if (before) { box.appendChild(para("ctx", "… " + before)); }
    var text = sentenceText(article, index);
    var main = document.createElement("blockquote");
    main.className = "reader-sentence" + (text ? "" : " missing");
    main.textContent = text || ("Sentence " + index + " of “" + (info.title || article) +
      "”: its text is not part of this briefing" + (info.href ? "; open the article to read it." : "."));
    box.appendChild(main);
    if (after) { box.appendChild(para("ctx", after + " …")); }
  }

  // The other citations of the same line: the same claim in other outlets' words.
  var line = null;
  function fillSiblings(article, index) {
    var box = q(".reader-also");
    box.textContent = "";
    var others = line ? Array.prototype.filter.call(line.querySelectorAll("a.cite"), function (c) {
      return !(c.getAttribute("data-article") === article && Number(c.getAttribute("data-sentence")) === index);
    }) : [];
    if (!others.length) { return; }
    box.appendChild(para("also-title", "Also cited for this line"));
    others.forEach(function (c) {
      var a = c.getAttribute("data-article"), i = Number(c.getAttribute("data-sentence"));
      var info = (data.articles || {})[a] || {};
      var item = document.createElement("a");
      item.className = "cite-row";
      item.href = c.getAttribute("href");
      item.setAttribute("data-article", a);
      item.setAttribute("data-sentence", String(i));
      var key = document.createElement("span");
      key.className = "cite";
      key.textContent = c.textContent;
      item.appendChild(key);
      item.appendChild(document.createTextNode(" " + (info.outlet || info.title || a) + ": " +
        (sentenceText(a, i) || "(sentence " + i + ")")));
      box.appendChild(item);
    });
  }

  function openCite(article, index, chip) {
    var info = (data.articles || {})[article] || {key: "?", title: article};
    index = Number(index);
    q(".reader-cite").textContent = info.key + index + " · sentence " + index + " of article " + info.key;
    q(".reader-title").textContent = info.title || "(no headline)";
    q(".reader-meta").textContent = [info.outlet || "unknown outlet", info.published].join(" · ");
    q(".reader-origin").textContent = info.origin ? "⚠ " + info.origin + ": not an independent source" : "";
    fillContext(article, index, info);
    if (chip && !panel.contains(chip)) { line = chip.closest(".cites"); }
    if (!chip) { line = null; }
    fillSiblings(article, index);
    var open = q(".reader-open");
    open.hidden = !info.href;
    if (info.href) { open.href = info.href + "#s" + index; }
    var url = q(".reader-url");
    url.hidden = !info.url;
    if (info.url) { url.href = info.url; }
    document.querySelectorAll(".cite.active").forEach(function (c) { c.classList.remove("active"); });
    if (chip) { chip.classList.add("active"); }
    panel.hidden = false;
    panel.setAttribute("data-article", article);
    panel.setAttribute("data-sentence", String(index));
    q(".reader-close").focus({preventScroll: true});
  }
  window.crossbriefOpenCite = openCite;

  document.addEventListener("click", function (ev) {
    var chip = ev.target.closest ? ev.target.closest("a.cite, a.cite-row") : null;
    if (!chip || ev.ctrlKey || ev.metaKey || ev.shiftKey) { return; }
    ev.preventDefault();
    openCite(chip.getAttribute("data-article"), chip.getAttribute("data-sentence"), chip);
  });
  q(".reader-close").addEventListener("click", function () { panel.hidden = true; });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { panel.hidden = true; } });

  // Charts: Vega-Lite specs drawn as SVG; a mark carrying article + sentence opens the reader.
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var spec = specs[el.getAttribute("data-chart")];
    if (!spec) { return; }
    if (typeof window.vegaEmbed !== "function") {
      el.textContent = "The chart needs the Vega runtime, which did not load.";
      return;
    }
    window.vegaEmbed(el, spec, {actions: false, renderer: "svg"}).then(function (result) {
      el.setAttribute("data-rendered", "true");
      result.view.addEventListener("click", function (event, item) {
        var d = item && item.datum;
        if (d && d.article != null && d.sentence != null) { openCite(d.article, d.sentence, null); }
      });
    }).catch(function (err) {
      el.textContent = "The chart could not be drawn: " + err;
    });
  });
})();
