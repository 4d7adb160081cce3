/* The M3P directory: the open listings are in the page's HTML; this script filters them in the
 * browser (works over file://), with counts that follow the other filters; state in the URL
 * fragment. */
(function () {
  "use strict";
  var data = window.VC_DIRECTORY;
  var root = document.getElementById("vc-directory");
  if (!data || !root) return;
  root.classList.add("vc-js");
  var base = root.getAttribute("data-base") || "";
  var home = root.getAttribute("data-home") || base;  // the generated pages in its language
  var open = data.listings.filter(function (l) { return !l.archived; });
  var facetsBox = document.getElementById("vc-dir-facets");
  var list = document.getElementById("vc-dir-results");
  var status = document.getElementById("vc-dir-status");
  var qmin = document.getElementById("vc-qmin");
  var qmax = document.getElementById("vc-qmax");
  var more = document.getElementById("vc-dir-more");
  var first = document.getElementById("vc-dir-first");
  var PAGE = 50, showing = PAGE;  // listings shown; "Show more" adds a page
  var _ = window.VCDom._, ngettext = window.VCDom.ngettext;
  var FACETS = [
    ["kind", _("Offer or demand"), function (l) { return [l.kind]; }],
    ["supply", _("How often"), function (l) { return [l.t_once_min === null ? "regular" : "once"]; }],
    ["material", _("Material"), function (l) { return l.materials; }],
    ["form", _("Form"), function (l) { return l.forms; }],
    ["origin", _("Origin"), function (l) { return l.origins; }],
    ["ewc", _("Waste code"), function (l) { return l.ewc; }],
    ["country", _("Country"), function (l) { return [l.country]; }]
  ];
  var state = { facets: {}, qmin: "", qmax: "" };
  // Every value a facet has among the open listings: shown whatever the other filters leave
  // (a value with no result is shown with its 0, unavailable, never removed).
  var VALUES = {};
  FACETS.forEach(function (f) {
    var all = {};
    open.forEach(function (l) { f[2](l).forEach(function (v) { if (v) all[v] = true; }); });
    VALUES[f[0]] = Object.keys(all);
  });

  // The values' words: the page's own in its language (pages/kinds.py), else the data's.
  var labelsBox = document.getElementById("vc-labels");
  var pageLabels = labelsBox ? JSON.parse(labelsBox.textContent).values || {} : {};
  function label(key, value) {
    return (pageLabels[key] || {})[value] || (data.labels[key] || {})[value] || value;
  }

  /* A listing's facts, as outputs/opendata.py listing_facts writes them on the page. */
  function tonnes(t) {
    return window.VCDom.number(t >= 10 ? Math.round(t) : Number(t.toPrecision(3)));
  }
  function facts(l) {
    var once = l.t_once_min !== null;
    var low = once ? l.t_once_min : l.t_per_month_min, high = once ? l.t_once_max : l.t_per_month_max;
    var amount = l.kind === "offer" ? tonnes(low) :
      tonnes(low) + "\u2013" + (high === null ? "\u2026" : tonnes(high));
    var quantity = once ? _("%(amount)s t, once", { amount: amount })
                        : _("%(amount)s t/month", { amount: amount });
    var place = [l.city, label("country", l.country)].filter(Boolean).join(", ");
    return [l.organisation, place, l.materials.map(function (m) { return label("material", m); }).join(", "),
            quantity, _("valid until %(date)s", { date: l.valid_until })].filter(Boolean);
  }

  // The range is tonnes per month: a one-off lot or need has no monthly figure, so it passes
  // only while no range is set (the "How often" filter chooses between the two).
  function inQuantity(l) {
    if (state.qmin === "" && state.qmax === "") return true;
    if (l.t_per_month_min === null) return false;
    var lo = state.qmin === "" ? 0 : parseFloat(state.qmin);
    var hi = state.qmax === "" ? Infinity : parseFloat(state.qmax);
    var max = l.t_per_month_max === null ? Infinity : l.t_per_month_max;
    return max >= lo && l.t_per_month_min <= hi;
  }

  function passes(l, except) {
    return inQuantity(l) && FACETS.every(function (f) {
      var chosen = state.facets[f[0]];
      if (!chosen || f[0] === except) return true;
      var have = f[2](l);
      return chosen.some(function (v) { return have.indexOf(v) >= 0; });
    });
  }

  var el = window.VCDom.el;  // dom.js

  function render() {
    facetsBox.textContent = "";
    FACETS.forEach(function (f) {
      var counts = {};
      open.forEach(function (l) {
        if (passes(l, f[0])) f[2](l).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      var chosen = state.facets[f[0]] || [];
      var values = VALUES[f[0]].concat(chosen.filter(function (v) { return VALUES[f[0]].indexOf(v) < 0; }));
      if (!values.length) return;
      values.sort(function (a, b) { return (counts[b] || 0) - (counts[a] || 0) || label(f[0], a).localeCompare(label(f[0], b)); });
      var box = el("fieldset", { "class": "vc-facet", "data-facet": f[0] });
      box.appendChild(el("legend", {}, f[1]));
      values.forEach(function (v) {
        var id = "vc-d-" + f[0] + "-" + v.replace(/[^A-Za-z0-9_-]/g, "_");
        var lab = el("label", { "for": id });
        var input = el("input", { type: "checkbox", id: id, value: v, "data-facet": f[0] });
        input.checked = chosen.indexOf(v) >= 0;
        if (!counts[v] && !input.checked) {
          input.disabled = true;
          lab.className = "vc-facet--none";
        }
        lab.appendChild(input);
        lab.appendChild(document.createTextNode(" " + label(f[0], v) + " "));
        lab.appendChild(el("span", { "class": "vc-facet__count" }, "(" + (counts[v] || 0) + ")"));
        box.appendChild(lab);
      });
      facetsBox.appendChild(box);
    });
    var shown = open.filter(function (l) { return passes(l); });
    renderList(shown.slice(0, showing));
    more.hidden = shown.length <= showing;
    if (first) first.hidden = true;
    if (map) drawMap(shown);
    followLinks();
    status.textContent = ngettext("%(num)s open listing", "%(num)s open listings", shown.length,
                                  { num: shown.length });
    chipsFor();
    root.setAttribute("data-ready", "true");
  }

  /* The listings shown, as the page's HTML writes them (pages/kinds.py, directory.html): the
   * page holds the first ones, the data every one. */
  function renderList(listings) {
    list.textContent = "";
    listings.forEach(function (l) {
      var li = el("li", { "class": "vc-result", "data-id": l.id, "data-kind": l.kind });
      var h = el("h2", { "class": "vc-result__title" });
      h.appendChild(el("a", { href: base + l.url }, l.title));
      li.appendChild(h);
      var meta = el("p", { "class": "vc-card__meta" });
      meta.appendChild(el("span", { "class": "vc-badge" }, label("kind", l.kind)));
      if (l.example) {
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", { "class": "vc-badge vc-badge--example" }, _("Example")));
      }
      facts(l).forEach(function (fact) {
        meta.appendChild(document.createTextNode(" \u00b7 " + fact));
      });
      li.appendChild(meta);
      list.appendChild(li);
    });
  }

  more.addEventListener("click", function () {
    showing += PAGE;
    render();
    var next = list.children[showing - PAGE];
    if (next) next.querySelector("a").focus();
  });

  /* The active filters as chips above the results, each removable, and a clear-all: what is
   * chosen stays in view where the finger is, also with the filters' panel closed. */
  var chips = document.getElementById("vc-dir-chips");
  var clear = document.getElementById("vc-dir-clear");
  var toggle = document.getElementById("vc-dir-toggle");
  var panel = document.getElementById("vc-dir-panel");

  function chip(text, remove) {
    var li = el("li", { "class": "vc-chip" });
    var button = el("button", { type: "button", "class": "vc-chip__remove",
                                "aria-label": _("Remove the filter %(filter)s", { filter: text }) },
                        text + " \u00d7");
    button.addEventListener("click", function () { remove(); render(); write(); });
    li.appendChild(button);
    chips.appendChild(li);
  }

  function chipsFor() {
    chips.textContent = "";
    var n = 0;
    FACETS.forEach(function (f) {
      (state.facets[f[0]] || []).forEach(function (v) {
        n++;
        chip(f[1] + ": " + label(f[0], v), function () {
          var rest = state.facets[f[0]].filter(function (x) { return x !== v; });
          if (rest.length) state.facets[f[0]] = rest; else delete state.facets[f[0]];
        });
      });
    });
    if (state.qmin !== "" || state.qmax !== "") {
      n++;
      chip(_("Quantity: %(from)s–%(to)s t/month", { from: state.qmin || "0", to: state.qmax || "\u2026" }), function () {
        state.qmin = state.qmax = qmin.value = qmax.value = "";
      });
    }
    clear.hidden = n < 2;
    toggle.textContent = n ? _("Filters (%(num)s)", { num: n }) : _("Filters");
  }

  clear.addEventListener("click", function () {
    state.facets = {};
    state.qmin = state.qmax = qmin.value = qmax.value = "";
    render();
    write();
  });
  // On a phone the filters are a panel that opens and closes (CSS keeps it open on a desktop).
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var opened = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(opened));
    panel.setAttribute("data-open", String(opened));
  });

  /* The map: the listings of the current filter as points, each where the build placed it on
   * the map (`at`, pages/basemap.py: places), listings at one place spread on a spiral as
   * pages/maps.py spreads them. */
  var map = document.getElementById("vc-dir-map");
  var SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  var full = map && map.getAttribute("viewBox");  // every open listing: the page's own view

  /* The map zoomed to the points of the current filter (as far in as a fifth of the whole,
   * the whole's proportions kept), or the whole when no point is shown. */
  function zoom(points) {
    var whole = full.split(" ").map(Number);
    if (!points.length) { map.setAttribute("viewBox", full); return; }
    var xs = points.map(function (p) { return p[0]; }), ys = points.map(function (p) { return p[1]; });
    var w = Math.max(Math.max.apply(null, xs) - Math.min.apply(null, xs), whole[2] / 5) * 1.3;
    var h = Math.max(Math.max.apply(null, ys) - Math.min.apply(null, ys), whole[3] / 5) * 1.3;
    if (w / h > whole[2] / whole[3]) h = w * whole[3] / whole[2]; else w = h * whole[2] / whole[3];
    var cx = (Math.max.apply(null, xs) + Math.min.apply(null, xs)) / 2;
    var cy = (Math.max.apply(null, ys) + Math.min.apply(null, ys)) / 2;
    map.setAttribute("viewBox", [cx - w / 2, cy - h / 2, w, h].map(function (v) {
      return v.toFixed(1); }).join(" "));
  }

  function drawMap(shown) {
    var layer = map.querySelector(".vc-map__points");
    map.setAttribute("viewBox", full);  // points are sized for the whole map
    var size = map.viewBox.baseVal.width / 90;  // smaller than a listing map's: many points
    var drawn = [];
    var seen = {}, offers = 0, demands = 0, places = {};
    layer.textContent = "";
    shown.forEach(function (l) {
      var at = l.at;
      if (!at) return;
      drawn.push(at);
      var key = Math.round(at[0] / size) + "," + Math.round(at[1] / size);
      var n = seen[key] = key in seen ? seen[key] + 1 : 0;
      var x = at[0] + size * 3 * Math.sqrt(n) * Math.cos(n * 2.39996);
      var y = at[1] + size * 3 * Math.sqrt(n) * Math.sin(n * 2.39996);
      var where = [l.city, label("country", l.country)].filter(Boolean).join(", ");
      var name = (l.kind === "offer" ? "Offer: " : "Demand: ") + l.title + (where ? ", " + where : "");
      // The list beside the map has the same links: the points stay out of the tab order.
      var a = svg("a", { href: base + l.url, "class": "vc-map__point vc-map__point--" + l.kind,
                         "data-id": l.id, "aria-label": name, tabindex: "-1" });
      var title = svg("title", {});
      title.textContent = name;
      a.appendChild(title);
      a.appendChild(l.kind === "offer"
        ? svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: size.toFixed(1) })
        : svg("rect", { x: (x - size * 0.9).toFixed(1), y: (y - size * 0.9).toFixed(1),
                        width: (size * 1.8).toFixed(1), height: (size * 1.8).toFixed(1) }));
      layer.appendChild(a);
      if (l.kind === "offer") offers++; else demands++;
      places[l.country] = (places[l.country] || 0) + 1;
    });
    zoom(drawn);
    var countries = Object.keys(places).sort().map(function (c) {
      return label("country", c) + " " + places[c];
    });
    document.getElementById("vc-dir-map-d").textContent = (countries.length ?
      _("%(offers)s offers and %(demands)s demands of the current filter on the map, by " +
        "country: %(countries)s.", { offers: offers, demands: demands, countries: countries.join(", ") }) :
      _("%(offers)s offers and %(demands)s demands of the current filter on the map.",
        { offers: offers, demands: demands })) + " " +
      _("The list beside the map has the same listings.");
  }

  /* "Follow this filter": the alert feed of the current filter, when one exists (one material,
   * country or waste code, of offers, demands or both; outputs/feeds.py names them). */
  var alerts = JSON.parse(document.getElementById("vc-dir-alerts").textContent);
  var followBox = document.getElementById("vc-dir-follow");

  function keyPart(value) {
    return value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "none";
  }

  function followLinks() {
    var chosen = Object.keys(state.facets);
    var terms = chosen.filter(function (k) { return k === "material" || k === "country" || k === "ewc"; });
    var kinds = state.facets.kind || ["offer", "demand"];
    var feeds = [];
    var single = terms.every(function (k) { return state.facets[k].length === 1; });
    // One material, country or waste code, or a material in a country (outputs/feeds.py).
    var named = terms.length === 1 ? terms[0] + "-" + keyPart(state.facets[terms[0]][0]) :
      terms.length === 2 && state.facets.material && state.facets.country ?
        "material-" + keyPart(state.facets.material[0]) + "-country-" +
        keyPart(state.facets.country[0]) : null;
    if (named && single && kinds.length &&
        chosen.length === terms.length + (state.facets.kind ? 1 : 0) &&
        state.qmin === "" && state.qmax === "") {
      kinds.forEach(function (kind) {
        var key = (kind === "offer" ? "offers" : "demands") + "-" + named;
        if (key in alerts) feeds.push(key);
      });
    }
    followBox.textContent = "";
    followBox.hidden = !feeds.length;
    if (!feeds.length) return;
    followBox.appendChild(document.createTextNode(_("Follow this filter in a feed reader") + " ("));
    followBox.appendChild(el("a", { href: home + "alerts.html" }, _("how")));
    followBox.appendChild(document.createTextNode("): "));
    feeds.forEach(function (key, n) {
      if (n) followBox.appendChild(document.createTextNode(" · "));
      followBox.appendChild(document.createTextNode(alerts[key] + " ("));
      followBox.appendChild(el("a", { href: base + "feeds/" + key + ".rss.xml", type: "application/rss+xml" }, "RSS"));
      followBox.appendChild(document.createTextNode(" · "));
      followBox.appendChild(el("a", { href: base + "feeds/" + key + ".atom.xml", type: "application/atom+xml" }, "Atom"));
      followBox.appendChild(document.createTextNode(")"));
    });
  }

  function write() {
    var params = new URLSearchParams();
    Object.keys(state.facets).forEach(function (k) {
      state.facets[k].forEach(function (v) { params.append(k, v); });
    });
    if (state.qmin !== "") params.set("qmin", state.qmin);
    if (state.qmax !== "") params.set("qmax", state.qmax);
    var hash = params.toString();
    if (("#" + hash) !== location.hash) history.pushState(null, "", location.pathname + (hash ? "#" + hash : "#"));
  }

  function read() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    state.facets = {};
    FACETS.forEach(function (f) {
      // A value as the data has it, whatever its case (#country=pl is PL).
      var v = params.getAll(f[0]).map(function (given) {
        var low = given.toLowerCase();
        return VALUES[f[0]].filter(function (k) { return k.toLowerCase() === low; })[0] || given;
      });
      if (v.length) state.facets[f[0]] = v;
    });
    state.qmin = params.get("qmin") || "";
    state.qmax = params.get("qmax") || "";
    qmin.value = state.qmin;
    qmax.value = state.qmax;
    render();
  }

  facetsBox.addEventListener("change", function (e) {
    var key = e.target.getAttribute("data-facet");
    if (!key) return;
    var values = (state.facets[key] || []).filter(function (v) { return v !== e.target.value; });
    if (e.target.checked) values.push(e.target.value);
    if (values.length) state.facets[key] = values; else delete state.facets[key];
    showing = PAGE;
    render();
    write();
    var again = document.getElementById(e.target.id);
    if (again) again.focus();
  });
  [qmin, qmax].forEach(function (input) {
    input.addEventListener("input", function () {
      state.qmin = qmin.value; state.qmax = qmax.value; render();
    });
    input.addEventListener("change", write);
  });
  window.addEventListener("popstate", read);
  read();
})();
