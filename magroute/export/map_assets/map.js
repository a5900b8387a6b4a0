// magroute plan map: draws the JSON in #plan-data as SVG. No libraries, no network.
// Every piece of user text reaches the page through textContent or setAttribute, never
// innerHTML, so a site name holding markup is shown as those characters.
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var KM_PER_UNIT = 111.32; // one map unit is one degree of latitude
  var MIN_UPP = 0.00002; // map units per screen pixel: ~2 m ...
  var MAX_UPP = 0.2; // ... to ~22 km
  var NEAR_UPP = 0.006; // closer than ~670 m/px: pickup numbers are shown

  var data = JSON.parse(document.getElementById("plan-data").textContent);
  var kx = Math.cos((data.lat0 * Math.PI) / 180);
  var svg = document.getElementById("svg");
  var mapBox = document.getElementById("map");
  var items = []; // clickable things: {title, kind, rows, color, x, y, route}
  var scaled = []; // marker groups kept at a constant size on screen: [element, x, y, far scale]
  var routeParts = []; // per route: the SVG elements to show or hide with it
  var view = { cx: 0, cy: 0, u: 0.03 };
  var selected = null;

  function X(lon) { return lon * kx; }
  function Y(lat) { return -lat; }
  function r4(v) { return Math.round(v * 1e4) / 1e4; }

  function svgEl(tag, attrs, parent) {
    var e = document.createElementNS(SVG_NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function htmlEl(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (parent) parent.appendChild(e);
    return e;
  }
  function tooltip(parent, text) { svgEl("title", {}, parent).textContent = text; }

  function flatPath(flat, close) {
    var d = [];
    for (var i = 0; i + 1 < flat.length; i += 2) {
      d.push((i ? "L" : "M") + r4(X(flat[i])) + " " + r4(Y(flat[i + 1])));
    }
    return d.join("") + (close ? "Z" : "");
  }

  // ---------------------------------------------------------------- layers
  var gStates = svgEl("g", { id: "states" }, svg);
  var gUnserved = svgEl("g", { id: "unserved" }, svg);
  var gRoutes = svgEl("g", { id: "routes-layer" }, svg);
  var gPauses = svgEl("g", { id: "pauses" }, svg);
  var gStops = svgEl("g", { id: "stops" }, svg);
  var gHubs = svgEl("g", { id: "hubs" }, svg);
  var gSelection = svgEl("g", { id: "selection" }, svg);

  data.states.forEach(function (s) {
    var d = s.rings.map(function (ring) { return flatPath(ring, true); }).join("");
    if (d) tooltip(svgEl("path", { class: "state", d: d }, gStates), s.name);
  });

  function marker(parent, x, y, cls, far) {
    var g = svgEl("g", { class: cls }, parent);
    scaled.push([g, x, y, far]);
    return g;
  }
  function clickable(g, item) {
    g.setAttribute("data-i", String(items.length));
    items.push(item);
  }

  data.unserved.forEach(function (u, i) {
    var x = X(u.lon), y = Y(u.lat);
    var g = marker(gUnserved, x, y, "unserved", 0.75);
    g.setAttribute("data-index", String(i));
    svgEl("circle", { r: 4.5 }, g);
    tooltip(g, u.title + " (unserved)");
    clickable(g, { title: u.title, kind: "Unserved site", rows: u.rows, color: "#8d8d8d", x: x, y: y });
  });

  data.routes.forEach(function (r, i) {
    var d = flatPath(r.track, false);
    var hit = svgEl("path", { class: "route-hit", d: d, "data-route-id": r.id }, gRoutes);
    var line = svgEl("path", { class: "route", d: d, stroke: r.color, "data-route-id": r.id }, gRoutes);
    if (r.dash) line.setAttribute("stroke-dasharray", r.dash);
    tooltip(hit, "Route " + r.id + " · " + r.label);
    var xs = [], ys = [];
    for (var k = 0; k + 1 < r.track.length; k += 2) { xs.push(X(r.track[k])); ys.push(Y(r.track[k + 1])); }
    var item = { title: r.title, kind: "Route", rows: r.rows, color: r.color, route: i, bounds: bounds(xs, ys) };
    clickable(hit, item);
    routeParts.push({ elements: [hit, line], item: item });
  });

  data.stops.forEach(function (s) {
    var r = data.routes[s.route];
    var x = X(s.lon), y = Y(s.lat);
    var g;
    if (s.kind === "pickup") {
      g = marker(gStops, x, y, "stop", 0.65);
      svgEl("circle", { r: 8, fill: r.color }, g);
      svgEl("text", { class: "num", y: 3.5 }, g).textContent = String(s.n);
      tooltip(g, s.n + " · " + s.title + " (" + r.id + ")");
    } else if (s.kind === "unload") {
      // A trip's unload at the hub: a frame in the route's colour around the hub's square.
      g = marker(gStops, x, y, "stop unload", 0.85);
      svgEl("rect", { x: -12, y: -12, width: 24, height: 24, rx: 3, stroke: r.color }, g);
      tooltip(g, s.title + " (" + r.id + ")");
    } else {
      g = marker(gPauses, x, y, "stop pause", 0.8);
      svgEl("circle", { r: s.kind === "rest" ? 4 : 3, stroke: r.color }, g);
      tooltip(g, s.title + " (" + r.id + ")");
    }
    g.setAttribute("data-kind", s.kind);
    g.setAttribute("data-route-id", r.id);
    var kind = s.kind === "pickup" ? "Pickup " + s.n + " · route " + r.id
      : s.kind === "unload" ? "Unload " + s.n + " · route " + r.id : s.title;
    clickable(g, { title: s.title, kind: kind, rows: s.rows, color: r.color, x: x, y: y, route: s.route });
    routeParts[s.route].elements.push(g);
  });

  data.hubs.forEach(function (h) {
    var x = X(h.lon), y = Y(h.lat);
    var g = marker(gHubs, x, y, h.primary ? "hub primary" : "hub", 0.85);
    var half = h.primary ? 8 : 6;
    svgEl("rect", { x: -half, y: -half, width: 2 * half, height: 2 * half, rx: 2 }, g);
    svgEl("text", { class: "hub-label", x: half + 4, y: 4 }, g).textContent = h.title;
    tooltip(g, h.title + " (hub)");
    clickable(g, { title: h.title, kind: h.primary ? "Plant (hub)" : "Hub", rows: h.rows,
                   color: "#222", x: x, y: y });
  });

  // ---------------------------------------------------------------- view
  function bounds(xs, ys) {
    if (!xs.length) return null;
    return { x0: Math.min.apply(null, xs), x1: Math.max.apply(null, xs),
             y0: Math.min.apply(null, ys), y1: Math.max.apply(null, ys) };
  }
  // The plan's routes and hubs; unserved sites only when nothing was served (they may be spread
  // over all of India, and the "India" button shows them).
  function planBounds() {
    var xs = [], ys = [];
    var layers = routeParts.length ? ["stop", "hub"] : ["unserved", "hub"];
    scaled.forEach(function (m) {
      if (layers.some(function (c) { return m[0].classList.contains(c); })) { xs.push(m[1]); ys.push(m[2]); }
    });
    routeParts.forEach(function (p) {
      var b = p.item.bounds;
      if (b) { xs.push(b.x0, b.x1); ys.push(b.y0, b.y1); }
    });
    return bounds(xs, ys) || indiaBounds();
  }
  function indiaBounds() {
    var xs = [], ys = [];
    data.states.forEach(function (s) {
      s.rings.forEach(function (ring) {
        for (var i = 0; i + 1 < ring.length; i += 2) { xs.push(X(ring[i])); ys.push(Y(ring[i + 1])); }
      });
    });
    return bounds(xs, ys) || { x0: X(68), x1: X(97.5), y0: Y(37.5), y1: Y(6) };
  }

  function size() {
    return { w: Math.max(svg.clientWidth, 1), h: Math.max(svg.clientHeight, 1) };
  }

  function fit(b) {
    var s = size();
    var pad = 0.08;
    var w = Math.max(b.x1 - b.x0, 0.02) * (1 + 2 * pad);
    var h = Math.max(b.y1 - b.y0, 0.02) * (1 + 2 * pad);
    setView((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2, Math.max(w / s.w, h / s.h));
  }

  // The view is a centre and a scale; the viewBox follows from them and the window's size, so
  // a resized window keeps what it showed.
  function setView(cx, cy, u) {
    view = { cx: cx, cy: cy, u: Math.min(Math.max(u, MIN_UPP), MAX_UPP) };
    schedule();
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(render);
  }

  function render() {
    pending = false;
    var s = size(), u = view.u;
    var vb = [view.cx - (u * s.w) / 2, view.cy - (u * s.h) / 2, u * s.w, u * s.h];
    svg.setAttribute("viewBox", vb.join(" "));
    var near = u < NEAR_UPP;
    svg.classList.toggle("near", near);
    scaled.forEach(function (m) {
      var k = near ? u : u * m[3];
      m[0].setAttribute("transform", "translate(" + m[1] + " " + m[2] + ") scale(" + k + ")");
    });
    var sel = gSelection.firstChild;
    if (sel) sel.setAttribute("transform", sel.getAttribute("data-at") + " scale(" + u + ")");
    renderScale(u);
  }

  function renderScale(u) {
    var kmPerPx = u * KM_PER_UNIT;
    var steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000];
    var km = steps[0];
    steps.forEach(function (s) { if (s / kmPerPx <= 120) km = s; });
    document.getElementById("scale-bar").style.width = Math.round(km / kmPerPx) + "px";
    document.getElementById("scale-text").textContent = km < 1 ? km * 1000 + " m" : km + " km";
  }

  function zoomAt(factor, px, py) {
    var s = size();
    if (px === undefined) { px = s.w / 2; py = s.h / 2; }
    var u = Math.min(Math.max(view.u / factor, MIN_UPP), MAX_UPP);
    // keep the point under the cursor where it is
    var wx = view.cx + (px - s.w / 2) * view.u, wy = view.cy + (py - s.h / 2) * view.u;
    setView(wx - (px - s.w / 2) * u, wy - (py - s.h / 2) * u, u);
  }

  // ---------------------------------------------------------------- interaction
  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var rect = svg.getBoundingClientRect();
    var step = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
    zoomAt(Math.exp(-step * 0.002), e.clientX - rect.left, e.clientY - rect.top);
  }, { passive: false });

  var drag = null;
  var dragged = false;
  svg.addEventListener("pointerdown", function (e) {
    if (e.button !== 0) return;
    drag = { id: e.pointerId, x: e.clientX, y: e.clientY, cx: view.cx, cy: view.cy, moving: false };
    dragged = false;
  });
  svg.addEventListener("pointermove", function (e) {
    if (!drag || e.pointerId !== drag.id) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moving && dx * dx + dy * dy < 16) return;
    if (!drag.moving) {
      // Capture only once it is a drag: capturing on pointerdown would retarget the click
      // of a plain tap to the svg and no marker could be clicked.
      drag.moving = true;
      svg.setPointerCapture(e.pointerId);
      svg.classList.add("dragging");
    }
    setView(drag.cx - dx * view.u, drag.cy - dy * view.u, view.u);
  });
  function endDrag(e) {
    if (!drag || e.pointerId !== drag.id) return;
    dragged = drag.moving;
    drag = null;
    svg.classList.remove("dragging");
  }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);

  svg.addEventListener("click", function (e) {
    if (dragged) { dragged = false; return; }
    var t = e.target.closest ? e.target.closest("[data-i]") : null;
    if (t) show(items[Number(t.getAttribute("data-i"))]);
    else hidePopup();
  });

  document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(2); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(0.5); });
  document.getElementById("fit").addEventListener("click", function () { fit(planBounds()); });
  document.getElementById("india").addEventListener("click", function () { fit(indiaBounds()); });
  document.getElementById("popup-close").addEventListener("click", hidePopup);
  document.addEventListener("keydown", function (e) {
    if (e.target && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) return;
    if (e.key === "+" || e.key === "=") zoomAt(2);
    else if (e.key === "-" || e.key === "_") zoomAt(0.5);
    else if (e.key === "0") fit(planBounds());
    else if (e.key === "Escape") hidePopup();
  });
  window.addEventListener("resize", schedule);

  // ---------------------------------------------------------------- popup
  var popup = document.getElementById("popup");

  function show(item) {
    selected = item;
    document.getElementById("popup-kind").textContent = item.kind;
    document.getElementById("popup-kind").style.borderColor = item.color;
    document.getElementById("popup-title").textContent = item.title;
    var dl = document.getElementById("popup-rows");
    dl.replaceChildren();
    item.rows.forEach(function (row) {
      htmlEl("dt", "", row[0], dl);
      htmlEl("dd", "", row[1], dl);
    });
    popup.hidden = false;
    gSelection.replaceChildren();
    if (item.x !== undefined) {
      var g = svgEl("g", { "data-at": "translate(" + item.x + " " + item.y + ")" }, gSelection);
      svgEl("circle", { r: 13, class: "ring" }, g);
    }
    highlight(item.route === undefined ? null : item.route);
    schedule();
  }

  function hidePopup() {
    selected = null;
    popup.hidden = true;
    gSelection.replaceChildren();
    highlight(null);
  }

  function highlight(route) {
    svg.classList.toggle("focus", route !== null);
    routeParts.forEach(function (p, i) {
      p.elements.forEach(function (e) { e.classList.toggle("hl", i === route); });
    });
  }

  // ---------------------------------------------------------------- side panel
  document.getElementById("title").textContent = data.title;
  document.getElementById("subtitle").textContent = data.subtitle;
  document.getElementById("attribution").textContent =
    data.attribution + ". Offline map drawn by magroute: no tiles, no network.";
  var summary = document.getElementById("summary");
  data.summary.forEach(function (row) {
    var isNet = row[0] === "Net value" || row[0] === "Margin";
    htmlEl("dt", isNet ? "net" : "", row[0], summary);
    htmlEl("dd", isNet ? "net" : "", row[1], summary);
  });

  var routeList = document.getElementById("routes");
  var boxes = [];
  function setRouteVisible(i, on) {
    boxes[i].checked = on;
    routeParts[i].elements.forEach(function (e) { e.classList.toggle("hidden", !on); });
    if (!on && selected && selected.route === i) hidePopup();
  }
  if (!data.routes.length) htmlEl("li", "empty", "No routes in this plan.", routeList);
  data.routes.forEach(function (r, i) {
    var li = htmlEl("li", "route-item", null, routeList);
    var label = htmlEl("label", "", null, li);
    var box = htmlEl("input", "", null, label);
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-route-id", r.id);
    box.addEventListener("change", function () { setRouteVisible(i, box.checked); });
    boxes.push(box);
    var swatch = svgEl("svg", { class: "swatch", width: 24, height: 8, viewBox: "0 0 24 8" }, label);
    var stroke = svgEl("line", { x1: 1, y1: 4, x2: 23, y2: 4, stroke: r.color }, swatch);
    if (r.dash) stroke.setAttribute("stroke-dasharray", r.dash);
    var name = htmlEl("button", "route-name", r.id, li);
    name.type = "button";
    name.title = "Zoom to route " + r.id;
    name.addEventListener("click", function () {
      setRouteVisible(i, true);
      var b = routeParts[i].item.bounds;
      if (b) fit(b);
      show(routeParts[i].item);
    });
    htmlEl("span", "vehicle", r.label, li).title = r.label + " (" + r.vehicle + ")";
    htmlEl("div", "meta", r.pickups + (r.pickups === 1 ? " stop · " : " stops · ") +
           (r.trips > 1 ? r.trips + " trips · " : "") + Math.round(r.km).toLocaleString("en-IN") +
           " km · " + r.value, li);
    li.addEventListener("mouseenter", function () { if (!selected) highlight(i); });
    li.addEventListener("mouseleave", function () { if (!selected) highlight(null); });
  });
  document.getElementById("all-routes").addEventListener("click", function () {
    data.routes.forEach(function (_, i) { setRouteVisible(i, true); });
  });
  document.getElementById("no-routes").addEventListener("click", function () {
    data.routes.forEach(function (_, i) { setRouteVisible(i, false); });
  });

  var layers = document.getElementById("layers");
  function layerToggle(text, cls, group) {
    var label = htmlEl("label", "", null, htmlEl("li", "layer", null, layers));
    var box = htmlEl("input", "", null, label);
    box.type = "checkbox";
    box.checked = true;
    htmlEl("span", cls, null, label);
    htmlEl("span", "", text, label);
    box.addEventListener("change", function () { group.classList.toggle("hidden", !box.checked); });
  }
  layerToggle("Unserved sites (" + data.unserved.length + ")", "dot unserved-dot", gUnserved);
  layerToggle("Rests and breaks", "dot pause-dot", gPauses);
  layerToggle("Hubs (" + data.hubs.length + ")", "dot hub-dot", gHubs);
  layerToggle("State outlines", "dot state-dot", gStates);

  fit(planBounds());
  render();
  document.body.setAttribute("data-map-ready", "1");
})();
