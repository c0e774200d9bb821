/* Draws the timeline from the JSON in #timeline-data. Plain DOM and SVG, no network. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var ROW = 24, TOP = 30, LABEL = 430, LEFT = 446, RIGHT = 20, WIDTH = 1100;

  function el(name, attrs, text) {
    var node = document.createElement(name);
    for (var k in attrs || {}) { node.setAttribute(k, attrs[k]); }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function svg(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    for (var k in attrs || {}) { node.setAttribute(k, attrs[k]); }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function day(iso) { var p = iso.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]); }
  function colour(f) { return "var(--" + f + ", #8895a2)"; }
  function short(text, n) { return text.length > n ? text.slice(0, n - 1) + "\u2026" : text; }

  function ticks(lo, hi) {
    var out = [], d = new Date(lo), span = (hi - lo) / DAY, step;
    if (span <= 60) {
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      step = span <= 20 ? 1 : 7;
      while (d.getTime() <= hi) {
        out.push([d.getTime(), MONTHS[d.getUTCMonth()] + " " + d.getUTCDate()]);
        d = new Date(d.getTime() + step * DAY);
      }
      if (step === 1 && out.length > 20) { out = out.filter(function (_, i) { return i % 2 === 0; }); }
      return out;
    }
    if (span <= 800) {
      var every = span <= 400 ? 1 : 3;
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      while (d.getTime() <= hi) {
        if (d.getUTCMonth() % every === 0) {
          out.push([d.getTime(), MONTHS[d.getUTCMonth()] + (d.getUTCMonth() === 0 || out.length === 0 ? " " + d.getUTCFullYear() : "")]);
        }
        d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      }
      return out;
    }
    var years = span / 365.25, ystep = 1;
    [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].some(function (s) { ystep = s; return years / s <= 12; });
    var y = Math.ceil(new Date(lo).getUTCFullYear() / ystep) * ystep;
    for (; Date.UTC(y, 0, 1) <= hi; y += ystep) { out.push([Date.UTC(y, 0, 1), String(y)]); }
    return out;
  }

  function chart(doc, defs, docIndex, showAll) {
    var dated = doc.entries.filter(function (e) { return e.first && (showAll || e.selected); });
    if (!dated.length) { return null; }
    var lo = Infinity, hi = -Infinity;
    dated.forEach(function (e) {
      lo = Math.min(lo, day(e.first)); hi = Math.max(hi, day(e.last) + DAY);
    });
    if (doc.pub_date) { lo = Math.min(lo, day(doc.pub_date)); hi = Math.max(hi, day(doc.pub_date) + DAY); }
    var pad = Math.max((hi - lo) * 0.08, 10 * DAY);
    lo -= pad; hi += pad;
    var height = TOP + dated.length * ROW + 12;
    var x = function (t) { return LEFT + (t - lo) / (hi - lo) * (WIDTH - LEFT - RIGHT); };
    var root = svg("svg", { viewBox: "0 0 " + WIDTH + " " + height, width: WIDTH, height: height,
      role: "img", "aria-label": "timeline of " + doc.label });
    var axis = svg("g", { "class": "axis" });
    ticks(lo, hi).forEach(function (t) {
      var g = svg("g", { "class": "tick" });
      if (x(t[0]) < LEFT) { return; }
      g.appendChild(svg("line", { x1: x(t[0]), x2: x(t[0]), y1: 18, y2: height - 4 }));
      g.appendChild(svg("text", { x: x(t[0]) + 3, y: 13 }, t[1]));
      axis.appendChild(g);
    });
    root.appendChild(axis);
    if (doc.pub_date) {
      var p = svg("g", { "class": "pub" });
      var px = x(day(doc.pub_date));
      p.appendChild(svg("line", { x1: px, x2: px, y1: 18, y2: height - 4 }));
      p.appendChild(svg("text", { x: px + 3, y: 26 }, "published " + doc.pub_date));
      root.appendChild(p);
    }
    dated.forEach(function (e, i) {
      var y = TOP + i * ROW + ROW / 2;
      var x0 = x(day(e.first)), x1 = x(day(e.last) + DAY);
      var c = colour(e.factuality);
      var g = svg("g", { "class": "entry" + (e.selected ? "" : " dim"), "data-entry": e.key });
      g.appendChild(svg("title", {}, e.display + " \u2014 " + e.description));
      var isSpan = e.last !== e.first;
      var gid = "g" + docIndex + "-" + i;
      if (e.open_left) {
        var gl = svg("linearGradient", { id: gid + "l", x1: "0", x2: "1" });
        gl.appendChild(svg("stop", { offset: "0", "stop-color": "#8895a2", "stop-opacity": "0" }));
        gl.appendChild(svg("stop", { offset: "1", "stop-color": "#8895a2", "stop-opacity": "0.7" }));
        defs.appendChild(gl);
        g.appendChild(svg("rect", { x: LEFT, y: y - 3, width: Math.max(x0 - LEFT, 0), height: 6,
          fill: "url(#" + gid + "l)", stroke: "#8895a2", "stroke-dasharray": "3 3", "class": "open-left" }));
      }
      if (e.open_right) {
        var gr = svg("linearGradient", { id: gid + "r", x1: "0", x2: "1" });
        gr.appendChild(svg("stop", { offset: "0", "stop-color": "#8895a2", "stop-opacity": "0.7" }));
        gr.appendChild(svg("stop", { offset: "1", "stop-color": "#8895a2", "stop-opacity": "0" }));
        defs.appendChild(gr);
        g.appendChild(svg("rect", { x: x1, y: y - 3, width: Math.max(WIDTH - RIGHT - x1, 0), height: 6,
          fill: "url(#" + gid + "r)", stroke: "#8895a2", "stroke-dasharray": "3 3", "class": "open-right" }));
      }
      if (isSpan) {
        g.appendChild(svg("rect", { x: x0, y: y - 6, width: Math.max(x1 - x0, 3), height: 12, rx: 3,
          fill: c, "fill-opacity": e.fuzzy ? "0.35" : "0.75", stroke: c,
          "stroke-dasharray": e.fuzzy ? "4 3" : "none", "class": "span" }));
      } else {
        g.appendChild(svg("circle", { cx: (x0 + x1) / 2, cy: y, r: 5.5, fill: e.fuzzy ? "#fff" : c, stroke: c,
          "stroke-width": 2, "stroke-dasharray": e.fuzzy ? "3 2" : "none", "class": "point" }));
      }
      if (i % 2 === 0) {
        g.insertBefore(svg("rect", { x: 0, y: y - ROW / 2, width: WIDTH, height: ROW, "class": "band" }), g.firstChild);
      }
      g.appendChild(svg("text", { x: 8, y: y + 4, "class": "date" }, short(e.display, 22)));
      g.appendChild(svg("text", { x: 150, y: y + 4 }, short(e.description, 44)));
      g.addEventListener("click", function () {
        var card = document.getElementById("card-" + e.key);
        if (card) {
          card.scrollIntoView({ behavior: "smooth", block: "center" });
          card.classList.add("target");
          setTimeout(function () { card.classList.remove("target"); }, 1500);
        }
      });
      root.appendChild(g);
    });
    return root;
  }

  function card(e) {
    var li = el("li", { "class": "card" + (e.selected ? "" : " minor"), id: "card-" + e.key, "data-entry": e.key });
    li.style.setProperty("--c", colour(e.factuality));
    var head = el("div");
    head.appendChild(el("span", { "class": "when" }, e.display));
    if (e.granularity && e.anchor === "time") { head.appendChild(el("span", { "class": "grain" }, e.granularity)); }
    head.appendChild(el("span", { "class": "badge" }, e.factuality));
    li.appendChild(head);
    li.appendChild(el("div", { "class": "desc" }, e.description));
    var s = el("div", { "class": "sentence" });
    e.segments.forEach(function (seg) {
      if (seg[1]) { s.appendChild(el("mark", { "class": seg[1], title: seg[1] }, seg[0])); }
      else { s.appendChild(document.createTextNode(seg[0])); }
    });
    li.appendChild(s);
    return li;
  }

  function legend() {
    var box = el("div", { "class": "legend" });
    [["dot", "a day"], ["span", "a month, quarter or year"], ["open", "open or uncertain bound"]].forEach(function (p) {
      var s = el("span"); s.appendChild(el("i", { "class": p[0] + " shape" })); s.appendChild(document.createTextNode(p[1]));
      box.appendChild(s);
    });
    ["happened", "ongoing", "planned", "expected", "possible", "reported", "negated", "hypothetical"].forEach(function (f) {
      var s = el("span"); var i = el("i", { "class": "dot" }); i.style.background = colour(f);
      s.appendChild(i); s.appendChild(document.createTextNode(f)); box.appendChild(s);
    });
    return box;
  }

  function render() {
    var data = JSON.parse(document.getElementById("timeline-data").textContent);
    var app = document.getElementById("app");
    app.textContent = "";
    var defsHolder = svg("svg", { width: 0, height: 0, style: "position:absolute" });
    var defs = svg("defs");
    defsHolder.appendChild(defs);
    app.appendChild(defsHolder);
    data.documents.forEach(function (doc, n) {
      var sec = el("section", { "class": "doc", "data-doc": String(n) });
      sec.appendChild(el("h2", {}, doc.label));
      sec.appendChild(el("div", { "class": "meta" }, "published " + (doc.pub_date || "unknown") + " (" +
        doc.pub_date_source + ") \u00b7 " + doc.entries.length + " event(s)"));
      doc.warnings.forEach(function (w) { sec.appendChild(el("div", { "class": "warning" }, "warning: " + w)); });
      sec.appendChild(legend());
      var selected = doc.entries.filter(function (e) { return e.first && e.selected; }).length;
      var datedCount = doc.entries.filter(function (e) { return e.first; }).length;
      var box = el("div", { "class": "chart" });
      var draw = function (all) {
        box.textContent = "";
        var drawn = chart(doc, defs, n, all);
        if (drawn) { box.appendChild(drawn); }
      };
      if (datedCount > selected && selected > 0) {
        var label = el("label", { "class": "toggle" });
        var check = el("input", { type: "checkbox" });
        check.addEventListener("change", function () { draw(check.checked); });
        label.appendChild(check);
        label.appendChild(document.createTextNode(" show all " + datedCount + " dated events on the axis (" +
          selected + " timeline-worthy ones shown)"));
        sec.appendChild(label);
      }
      draw(selected === 0);
      if (datedCount) { sec.appendChild(box); }
      var anySelected = doc.entries.some(function (e) { return e.selected; });
      var groups = [
        ["Timeline", function (e) { return e.first && (e.selected || !anySelected); }],
        ["Other events", function (e) { return e.first && anySelected && !e.selected; }],
        ["Without a calendar date", function (e) { return !e.first; }]
      ];
      groups.forEach(function (g) {
        var chosen = doc.entries.filter(g[1]);
        if (!chosen.length) { return; }
        var part = el("div", { "class": "group" });
        part.appendChild(el("h3", {}, g[0] + " (" + chosen.length + ")"));
        var list = el("ol", { "class": "cards" });
        chosen.forEach(function (e) { list.appendChild(card(e)); });
        part.appendChild(list);
        sec.appendChild(part);
      });
      app.appendChild(sec);
    });
    app.setAttribute("data-rendered", "yes");
  }

  render();
})();
