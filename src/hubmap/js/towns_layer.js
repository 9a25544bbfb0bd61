/*
 * L.HubmapTowns: every town of the filtered frame as a circle on one canvas.
 *
 * One Leaflet layer instead of one L.circleMarker per town: towns are projected with plain
 * arithmetic, drawn in one path per colour class, and found under the mouse through a grid
 * of 16 px cells, so 33,000 towns draw in tens of milliseconds.
 *
 * payload = {
 *   towns:   {lat, lon (degrees), n (name), s (index into sc), sc (state codes),
 *             p (population or null)},
 *   colours: {c (class index per town), v (value per town, or [] when categorical),
 *             t (text by town index of the values that are Census codes or bounds),
 *             categorical, pre, suf, dec (value format), pal (colour per class),
 *             lab (label per class), counts (towns per class), order (classes in paint
 *             order), muted (classes that recede), metric (label),
 *             partial (indices of towns whose hub score leaves out a component: squares)},
 *   sel:     index of the selected town, or -1,
 *   hi:      indices of highlighted towns (pinned), drawn with the selected one over all,
 *   fit:     null, or {id, home: [lat, lon, zoom] or null}: move the map before the first
 *            draw, to home or to these towns' bounds, once per id (see beforeAdd)
 * }
 * The last class is "no data", drawn as a hollow grey ring (a shape, not only a colour).
 * Paint order: no data, muted classes (small, "no program known"), then the coloured classes
 * with class 0 last, then the highlighted and selected towns. Coloured dots get a thin light
 * halo, no dark outline. Radius: see L.HubmapTowns.radius and L.HubmapTowns.zoomFactor.
 * Text reaches the page only through textContent.
 *
 * A click on a town fires "click" on this layer with the town's exact centre as `latlng`
 * (streamlit-folium reports it as the last clicked object). `status` says what was drawn:
 * {count, metric, data, draws (paint passes so far), shown (towns on the canvas), zoom (of the
 * last paint)}.
 */
L.HubmapTowns = L.Layer.extend({
    options: {pane: "hubmapTowns", padding: 0.3, cell: 16, halo: "rgba(255,255,255,0.85)",
        mark: "#111111"},

    initialize: function (payload, options) {
        L.setOptions(this, options);
        var towns = payload.towns, n = towns.lat.length;
        this._data = payload;
        this._wx = new Float64Array(n);
        this._wy = new Float64Array(n);
        this._radius = new Float32Array(n);
        this._drawn = new Float32Array(n);
        this._x = new Float32Array(n);
        this._y = new Float32Array(n);
        this._shown = new Uint8Array(n);
        var limit = 85.0511287798, deg = Math.PI / 180;
        for (var i = 0; i < n; i++) {
            var phi = Math.max(-limit, Math.min(limit, towns.lat[i])) * deg;
            this._wx[i] = (towns.lon[i] + 180) / 360;
            this._wy[i] = 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI);
            this._radius[i] = L.HubmapTowns.radius(towns.p[i]);
        }
        var pal = payload.colours.pal, noData = pal.length - 1;
        this._noData = noData;
        this._order = payload.colours.order;
        this._muted = {};
        for (var u = 0; u < payload.colours.muted.length; u++) {
            this._muted[payload.colours.muted[u]] = true;
        }
        this._marked = (payload.hi || []).filter(function (i) { return i >= 0 && i < n; });
        this._partial = new Uint8Array(n);
        var partial = payload.colours.partial || [];
        for (var q = 0; q < partial.length; q++) { this._partial[partial[q]] = 1; }
        // Partial scores in classes of their own, drawn first: under every full score.
        this._byClass = pal.map(function () { return []; });
        this._underClass = pal.map(function () { return []; });
        for (var j = 0; j < n; j++) {
            var into = this._partial[j] ? this._underClass : this._byClass;
            into[Math.min(payload.colours.c[j], noData)].push(j);
        }
        this._hover = -1;
        this.status = {count: n, metric: payload.colours.metric, data: payload, draws: 0,
            shown: 0, zoom: null};
    },

    /* A fit request this map has not done yet moves it before the layer listens to the map
       and draws: the towns appear where they will stay, in one step. The map keeps the
       request's id, so the next layers carrying the same request (a metric or name change)
       leave the user's view alone. */
    beforeAdd: function (map) {
        var fit = this._data.fit;
        if (!fit || map._hubmapFitId === fit.id) { return; }
        map._hubmapFitId = fit.id;
        L.HubmapTowns.basemapAfterPaint(map);
        if (fit.home) {
            map.setView([fit.home[0], fit.home[1]], fit.home[2], {animate: false});
            return;
        }
        var bounds = this.bounds();
        if (bounds) { map.fitBounds(bounds, {animate: false, padding: [24, 24], maxZoom: 12}); }
    },

    /* The towns' bounding box (L.LatLngBounds, degrees), or null without towns. */
    bounds: function () {
        var lat = this._data.towns.lat, lon = this._data.towns.lon, n = lat.length;
        if (!n) { return null; }
        var south = Infinity, west = Infinity, north = -Infinity, east = -Infinity;
        for (var i = 0; i < n; i++) {
            south = Math.min(south, lat[i]);
            north = Math.max(north, lat[i]);
            west = Math.min(west, lon[i]);
            east = Math.max(east, lon[i]);
        }
        return L.latLngBounds([south, west], [north, east]);
    },

    onAdd: function (map) {
        // A pane of its own above the overlays: the region outlines' light fill must never
        // cover the towns (it washed every colour out by 45%).
        if (!map.getPane(this.options.pane)) {
            map.createPane(this.options.pane).style.zIndex = 450;
        }
        this._canvas = L.DomUtil.create("canvas", "hubmap-towns leaflet-zoom-animated");
        this.getPane().appendChild(this._canvas);
        this._tip = L.tooltip({direction: "top", offset: [0, -6], className: "hubmap-tip"});
        // On a narrow map (a phone) the folded legend sits at the top, on the first screen.
        var corner = map.getSize().x < 560 ? "topright" : "bottomright";
        this._legend = L.control({position: corner});
        L.HubmapTowns.describe(map, this._data);
        this._legend.onAdd = L.bind(this._legendBox, this);
        this._legend.addTo(map);
        this._reset();
    },

    /* A removed layer is never added again (a new payload makes a new layer), and
       streamlit-folium keeps a reference to every layer it has shown: free the arrays. */
    onRemove: function (map) {
        L.DomUtil.remove(this._canvas);
        this._legend.remove();
        map.closeTooltip(this._tip);
        map.getContainer().style.cursor = "";
        this._data = this._wx = this._wy = this._radius = this._drawn = this._x = this._y = null;
        this._shown = this._byClass = this._underClass = this._grid = this._canvas = this._partial = null;
        this.status.data = null;
    },

    getEvents: function () {
        var events = {moveend: this._reset, resize: this._reset, zoom: this._onZoom,
            movestart: this._onMouseOut, mousemove: this._onMouseMove,
            mouseout: this._onMouseOut, click: this._onClick};
        if (this._zoomAnimated) { events.zoomanim = this._animateZoom; }
        return events;
    },

    /* Size the canvas to the map plus padding, place it, and draw. */
    _reset: function () {
        var map = this._map, size = map.getSize(), pad = this.options.padding;
        var min = map.containerPointToLayerPoint(size.multiplyBy(-pad)).round();
        var width = Math.round(size.x * (1 + 2 * pad)), height = Math.round(size.y * (1 + 2 * pad));
        // Leaflet's cap too: a 3x canvas of a large map can pass a browser's size limit.
        var ratio = Math.min(2, window.devicePixelRatio || 1), canvas = this._canvas;
        L.DomUtil.setPosition(canvas, min);
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
        canvas.style.width = width + "px";
        canvas.style.height = height + "px";
        this._min = min;
        this._topLeft = map.layerPointToLatLng(min);
        this._origin = map.getPixelOrigin().add(min);
        this._size = [width, height];
        this._ratio = ratio;
        this._draw(map.getZoom());
    },

    _draw: function (zoom) {
        var ctx = this._canvas.getContext("2d"), colours = this._data.colours;
        var scale = this._map.options.crs.scale(zoom), ox = this._origin.x, oy = this._origin.y;
        var factor = L.HubmapTowns.zoomFactor(zoom);
        var width = this._size[0], height = this._size[1], shown = 0, full = 2 * Math.PI;
        ctx.setTransform(this._ratio, 0, 0, this._ratio, 0, 0);
        ctx.clearRect(0, 0, width, height);
        var passes = [this._underClass, this._byClass], light = zoom < 7 ? 0.55 : 0.8;
        for (var o = 0; o < 2 * this._order.length; o++) {
            var k = this._order[o % this._order.length];
            var under = o < this._order.length, members = passes[under ? 0 : 1][k];
            if (!members.length) { continue; }
            var ring = k === this._noData, muted = !!this._muted[k];
            // A partial score recedes: a small, lighter square under the full scores.
            var shrink = muted || under ? 0.6 : 1, least = muted ? 1 : 1.2;
            ctx.beginPath();
            for (var m = 0; m < members.length; m++) {
                var i = members[m], x = this._wx[i] * scale - ox, y = this._wy[i] * scale - oy;
                var r = Math.max(least, this._radius[i] * factor * shrink);
                if (ring) { r = Math.max(1.6, r); }
                this._x[i] = x;
                this._y[i] = y;
                this._drawn[i] = r;
                if (x < -r || y < -r || x > width + r || y > height + r) {
                    this._shown[i] = 0;
                    continue;
                }
                this._shown[i] = 1;
                shown++;
                if (this._partial[i]) {
                    ctx.rect(x - r, y - r, 2 * r, 2 * r);
                } else {
                    ctx.moveTo(x + r, y);
                    ctx.arc(x, y, r, 0, full);
                }
            }
            if (ring) {
                // A hollow ring: its line shrinks with the dot so small rings stay rings;
                // lighter at country scale, where thousands of rings would merge into grey.
                ctx.lineWidth = Math.max(0.9, Math.min(2, 0.35 * this._radiusAt(factor)));
                ctx.strokeStyle = colours.pal[k];
                ctx.globalAlpha = zoom < 6 ? 0.6 : 1;
                ctx.stroke();
                ctx.globalAlpha = 1;
                continue;
            }
            if (under) {
                ctx.globalAlpha = light;
                ctx.fillStyle = colours.pal[k];
                ctx.fill();
                ctx.globalAlpha = 1;
                continue;
            }
            if (!muted && factor >= L.HubmapTowns.zoomFactor(6)) {
                // The halo first, the fill over it: only its outer half shows, so the
                // dot keeps its true colour and neighbours stay apart.
                ctx.lineWidth = 1.5;
                ctx.strokeStyle = this.options.halo;
                ctx.stroke();
            }
            ctx.fillStyle = colours.pal[k];
            ctx.fill();
        }
        this._drawMarks(ctx, full);
        this._factor = factor;
        this._grid = null;
        this.status.draws += 1;
        this.status.shown = shown;
        this.status.zoom = zoom;
    },

    /* A typical town's radius (5,000 people) at this zoom factor, for ring widths. */
    _radiusAt: function (factor) {
        return L.HubmapTowns.radius(5000) * factor;
    },

    /* Highlighted towns, then the selected one, over everything: the dot again in its
       colour, inside a white and a dark ring (read on any colour and in greyscale). */
    _drawMarks: function (ctx, full) {
        var colours = this._data.colours, sel = this._data.sel;
        var marks = this._marked.concat(sel >= 0 ? [sel] : []);
        for (var j = 0; j < marks.length; j++) {
            var i = marks[j];
            if (!this._shown[i]) { continue; }
            var x = this._x[i], y = this._y[i], r = Math.max(3, this._drawn[i]);
            var selected = i === sel, c = colours.c[i];
            ctx.beginPath();
            ctx.arc(x, y, r, 0, full);
            if (c === this._noData) {
                ctx.fillStyle = "#ffffff";
                ctx.fill();
                ctx.lineWidth = 1.5;
                ctx.strokeStyle = colours.pal[c];
                ctx.stroke();
            } else {
                ctx.fillStyle = colours.pal[c];
                ctx.fill();
            }
            ctx.beginPath();
            ctx.arc(x, y, r + (selected ? 4 : 3), 0, full);
            ctx.lineWidth = selected ? 5 : 4;
            ctx.strokeStyle = "#ffffff";
            ctx.stroke();
            ctx.lineWidth = selected ? 2.5 : 1.5;
            ctx.strokeStyle = this.options.mark;
            ctx.stroke();
        }
    },

    /* Scale the last paint while the zoom changes without an animation (a pinch). */
    _onZoom: function () {
        this._animateZoom({zoom: this._map.getZoom(), center: this._map.getCenter()});
    },

    _animateZoom: function (e) {
        var scale = this._map.getZoomScale(e.zoom);
        var offset = this._map._latLngToNewLayerPoint(this._topLeft, e.zoom, e.center);
        L.DomUtil.setTransform(this._canvas, offset, scale);
    },

    /* Towns on the canvas by 16 px cell, built on the first hover after a draw. */
    _cells: function () {
        if (this._grid) { return this._grid; }
        var grid = new Map(), cell = this.options.cell;
        for (var i = 0; i < this._x.length; i++) {
            if (!this._shown[i]) { continue; }
            var key = Math.floor(this._x[i] / cell) * 65536 + Math.floor(this._y[i] / cell);
            var list = grid.get(key);
            if (list) { list.push(i); } else { grid.set(key, [i]); }
        }
        this._grid = grid;
        return grid;
    },

    /* Index of the town drawn under a container point (px), nearest centre first, or -1. */
    townAt: function (containerPoint) {
        if (!this._map || !this._min) { return -1; }
        var p = this._map.containerPointToLayerPoint(containerPoint).subtract(this._min);
        var grid = this._cells(), cell = this.options.cell, best = -1, bestD2 = Infinity;
        var cx = Math.floor(p.x / cell), cy = Math.floor(p.y / cell);
        for (var dx = -1; dx <= 1; dx++) {
            for (var dy = -1; dy <= 1; dy++) {
                var list = grid.get((cx + dx) * 65536 + (cy + dy));
                if (!list) { continue; }
                for (var m = 0; m < list.length; m++) {
                    var i = list[m], ex = this._x[i] - p.x, ey = this._y[i] - p.y;
                    var d2 = ex * ex + ey * ey, reach = this._drawn[i] + 1;
                    if (d2 <= reach * reach && d2 < bestD2) { best = i; bestD2 = d2; }
                }
            }
        }
        return best;
    },

    /* Whether a mouse event happened on the canvas, not on a control above it. */
    _onCanvas: function (e) {
        return !!e.originalEvent && e.originalEvent.target === this._canvas;
    },

    _onMouseMove: function (e) {
        var map = this._map;
        var dragging = map.dragging && map.dragging.moving();
        var i = this._onCanvas(e) && !dragging ? this.townAt(e.containerPoint) : -1;
        if (i === this._hover) { return; }
        this._hover = i;
        map.getContainer().style.cursor = i < 0 ? "" : "pointer";
        if (i < 0) {
            map.closeTooltip(this._tip);
            return;
        }
        var towns = this._data.towns;
        this._tip.setLatLng([towns.lat[i], towns.lon[i]]).setContent(this._tipBox(i));
        map.openTooltip(this._tip);
    },

    _onMouseOut: function () {
        this._hover = -1;
        this._map.closeTooltip(this._tip);
        this._map.getContainer().style.cursor = "";
    },

    _onClick: function (e) {
        var i = this._onCanvas(e) ? this.townAt(e.containerPoint) : -1;
        if (i < 0) { return; }
        var towns = this._data.towns;
        this.fire("click", {latlng: L.latLng(towns.lat[i], towns.lon[i]),
            containerPoint: e.containerPoint, originalEvent: e.originalEvent, index: i});
    },

    _format: function (i) {
        var colours = this._data.colours, v = colours.v[i];
        if (colours.categorical || v === null) { return colours.lab[colours.c[i]]; }
        if (colours.t && Object.prototype.hasOwnProperty.call(colours.t, i)) {
            return colours.t[i];
        }
        // The sign before the prefix, as hubmap.formatting.sign_first: "-$5,000".
        return (v < 0 ? "-" : "") + colours.pre
            + Math.abs(v).toLocaleString("en-US", {maximumFractionDigits: colours.dec})
            + colours.suf + (this._partial[i] ? " (partial: a component has no data)" : "");
    },

    _tipBox: function (i) {
        var towns = this._data.towns, box = document.createElement("div");
        var pop = towns.p[i] === null ? "no data" : towns.p[i].toLocaleString("en-US");
        var state = towns.sc[towns.s[i]];
        L.HubmapTowns.line(box, state ? towns.n[i] + ", " + state : towns.n[i], true);
        L.HubmapTowns.line(box, "Population: " + pop);
        L.HubmapTowns.line(box, this._data.colours.metric + ": " + this._format(i));
        return box;
    },

    /* The legend: the metric as a button that folds it (folded at first on a narrow map,
       then as the user left it), then per class a symbol as drawn, the label, the count
       and a bar of the share. */
    _legendBox: function () {
        var colours = this._data.colours, box = L.DomUtil.create("div", "hubmap-legend");
        var narrow = this._map.getSize().x < 560, total = 0, most = 1;
        for (var c = 0; c < colours.counts.length; c++) {
            total += colours.counts[c];
            most = Math.max(most, colours.counts[c]);
        }
        var toggle = L.DomUtil.create("button", "hubmap-legend-toggle", box);
        toggle.type = "button";
        toggle.textContent = colours.metric;
        var body = L.DomUtil.create("div", "hubmap-legend-body", box);
        body.id = "hubmap-legend-body";
        toggle.setAttribute("aria-controls", body.id);
        var map = this._map;
        var fold = function (open) {
            map._hubmapLegendOpen = open;  // the next layer's legend opens the same way
            body.hidden = !open;
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            toggle.title = open ? "Hide the legend" : "Show the legend";
        };
        fold(map._hubmapLegendOpen === undefined ? !narrow : map._hubmapLegendOpen);
        L.DomEvent.on(toggle, "click", function () { fold(body.hidden); });
        for (var k = 0; k < colours.pal.length; k++) {
            var row = L.DomUtil.create("div", "hubmap-legend-row", body);
            var symbol = L.DomUtil.create("span", "hubmap-legend-symbol", row);
            if (k === this._noData) {
                symbol.style.border = "2px solid " + colours.pal[k];
                symbol.style.background = "transparent";
            } else {
                symbol.style.background = colours.pal[k];
                if (this._muted[k]) { symbol.className += " hubmap-legend-muted"; }
            }
            L.DomUtil.create("span", "hubmap-legend-label", row).textContent = colours.lab[k];
            var count = colours.counts[k], share = total ? count / total : 0;
            var figure = L.DomUtil.create("span", "hubmap-legend-count", row);
            figure.textContent = count.toLocaleString("en-US");
            figure.title = Math.round(share * 100) + "% of the towns shown";
            var bar = L.DomUtil.create("span", "hubmap-legend-bar", row);
            bar.style.width = Math.round(40 * count / most) + "px";
            bar.style.background = k === this._noData ? "transparent" : colours.pal[k];
            if (k === this._noData) { bar.style.border = "1px solid " + colours.pal[k]; }
            bar.setAttribute("aria-hidden", "true");
        }
        var partialCount = (colours.partial || []).length;
        if (partialCount) {
            var note = document.createElement("div"), square = document.createElement("span");
            square.style.cssText = "display:inline-block;width:7px;height:7px;" +
                "margin:0 8px 0 3px;background:#666;opacity:0.6;vertical-align:0";
            note.appendChild(square);
            note.appendChild(document.createTextNode("small square: partial score, " +
                "drawn under the full scores (" + partialCount.toLocaleString("en-US") + ")"));
            body.appendChild(note);
        }
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
    }
});

/* Circle radius (px at zoom 6.5) for a population: 2.5 px at 1,000 people, 1.5 px more
   per tenfold (so the area follows the order of magnitude, not the count: a city does not
   bury its neighbours), at most 8 px; 4 px when unknown (an uploaded place, mostly). */
L.HubmapTowns.radius = function (population) {
    return population ? Math.max(2.5, Math.min(8, 2.5 + 1.5 * Math.log10(population / 1000)))
        : 4;
};

/* How radii grow with the zoom: x0.59 at the whole country (zoom 4), x0.9 at a state (6),
   x2.4 at a town (11 and closer). */
L.HubmapTowns.zoomFactor = function (zoom) {
    return Math.min(2.4, Math.pow(2, 0.3 * (zoom - 6.5)));
};
/* Append a line of plain text (bold if asked) to an element. */
L.HubmapTowns.line = function (parent, text, bold) {
    var el = document.createElement(bold ? "strong" : "div");
    el.textContent = text;
    parent.appendChild(el);
};

/* Name the map for screen readers: the frame's title (same-origin component frame) and the
   container's label say how many towns are shown and by what they are coloured. */
L.HubmapTowns.describe = function (map, payload) {
    var count = payload.towns.lat.length.toLocaleString("en-US");
    var text = "Map of " + count + " towns coloured by " + payload.colours.metric +
        "; the legend and the text summary below the map list the classes";
    var container = map.getContainer();
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", text);
    try {
        if (window.frameElement) { window.frameElement.title = "Map of towns: " + text; }
    } catch (err) { /* a cross-origin frame: the container's label still names the map */ }
};

/* Call `fn` once the frames holding what was drawn so far have been painted. */
L.HubmapTowns.afterPaint = function (fn) {
    requestAnimationFrame(function () {
        requestAnimationFrame(function () { setTimeout(fn, 0); });
    });
};

/* A layer of the basemap (tiles, region outlines), added to the map after the first paint:
   the towns are drawn and shown first, and the tile requests and the outlines' SVG do not
   stand in their way. */
L.HubmapTowns.basemap = function (map, layer) {
    (map._hubmapBasemap = map._hubmapBasemap || []).push(layer);
    L.HubmapTowns.afterPaint(function () { layer.addTo(map); });
};

/* The state and province outlines, in a pane of their own under the towns, added after the
   first paint: `source` is the GeoJSON itself, or the URL of a file the app serves (relative
   to the Streamlit server's root), fetched only then. Without the file the map still works,
   with tiles only. */
L.HubmapTowns.outlines = function (source, map) {
    map.createPane("hubmapRegions").style.zIndex = 350;  /* under overlayPane */
    var add = function (geojson) {
        L.HubmapTowns.basemap(map, L.geoJSON(geojson, {
            pane: "hubmapRegions",
            interactive: false,
            style: {color: "#8c8c8c", weight: 0.8, fillColor: "#ffffff", fillOpacity: 0.45}
        }));
    };
    if (typeof source !== "string") { add(source); return; }
    // The component's frame is served at <server root>/component/<name>/index.html.
    var url = new URL("../../" + source, window.location.href);
    L.HubmapTowns.afterPaint(function () {
        fetch(url).then(function (response) {
            if (!response.ok) { throw new Error(response.status + " " + url); }
            return response.json();
        }).then(add).catch(function (err) { console.warn("hubmap: no outlines:", err); });
    });
};

/* Before a fit moves the map: the basemap layers leave it and come back after the towns at
   the new view are painted (a new view means new tiles and every outline projected again,
   tens of milliseconds the towns would otherwise wait for). */
L.HubmapTowns.basemapAfterPaint = function (map) {
    var shown = (map._hubmapBasemap || []).filter(function (l) { return map.hasLayer(l); });
    if (!shown.length) { return; }
    shown.forEach(function (l) { map.removeLayer(l); });
    L.HubmapTowns.afterPaint(function () {
        shown.forEach(function (l) { if (!map.hasLayer(l)) { l.addTo(map); } });
    });
};

/* The page-wide parts of the map, once per base map: the style of the legend, tiles and
   focus rings; the two-finger gesture on touch screens; the whole country on a phone. */
L.HubmapTowns.setup = function (map, options) {
    L.HubmapTowns.style();
    var container = map.getContainer();
    L.DomUtil.addClass(container, "hubmap-map");
    if (options.defaultView && container.clientWidth < 600) {
        // A phone: zoom out until the lower 48 states fit the width.
        var fit = Math.floor(Math.log2(container.clientWidth * 360 / (256 * 62)));
        if (fit < map.getZoom()) { map.setZoom(Math.max(map.getMinZoom(), fit), {animate: false}); }
    }
    // On a phone, Leaflet's own credit before the tiles' attribution covered the scale's
    // miles ("500 mi" read "500 m"); OpenStreetMap's credit stays (Leaflet's is in the README).
    if (container.clientWidth < 600 && map.attributionControl) {
        map.attributionControl.setPrefix(false);
    }
    // Leaflet focuses the map on a press, and a plain focus() scrolls the page until the
    // whole map shows: the page jumped under the pointer and the click missed its town.
    // Focusing first without scrolling leaves Leaflet nothing to do.
    container.addEventListener("mousedown", function () {
        if (document.activeElement !== container) { container.focus({preventScroll: true}); }
    }, true);
    if (L.Browser.touch) { L.HubmapTowns.twoFingers(map); }
};

/* One finger scrolls the page, two fingers move and zoom the map (the behaviour of the
   gesture-handling plugins for Leaflet; written here from scratch): a single-finger touch
   never reaches Leaflet's dragging, and touch-action lets the browser scroll with it. */
L.HubmapTowns.twoFingers = function (map) {
    var container = map.getContainer(), timer = null;
    L.DomUtil.addClass(container, "hubmap-two-finger");
    var hint = L.DomUtil.create("div", "hubmap-gesture-hint", container);
    hint.textContent = "Use two fingers to move the map";
    hint.setAttribute("aria-hidden", "true");
    var show = function (on) {
        L.DomUtil[on ? "addClass" : "removeClass"](hint, "hubmap-gesture-hint-on");
    };
    var single = function (e) { return e.touches && e.touches.length === 1; };
    container.addEventListener("touchstart", function (e) {
        if (single(e) && !L.HubmapTowns.onControl(e.target)) { e.stopPropagation(); }
        if (!single(e)) { show(false); }
    }, {capture: true, passive: true});
    container.addEventListener("touchmove", function (e) {
        if (!single(e)) { return; }
        e.stopPropagation();
        show(true);
        clearTimeout(timer);
        timer = setTimeout(function () { show(false); }, 1200);
    }, {capture: true, passive: true});
};

/* Whether an element is part of a map control (zoom buttons, legend), not the map. */
L.HubmapTowns.onControl = function (el) {
    return !!(el && el.closest && el.closest(".leaflet-control"));
};

/* The stylesheet of the map frame, added once. */
L.HubmapTowns.style = function () {
    if (document.getElementById("hubmap-style")) { return; }
    var css = [
        ".hubmap-map{background:#f3f3f1}",
        // A light, low-contrast basemap: the tiles in grey at reduced opacity over the
        // light background; the region outlines above them keep the map readable without.
        ".hubmap-map .leaflet-tile-pane{filter:grayscale(1);opacity:.5}",
        ".hubmap-two-finger.leaflet-container{touch-action:pan-x pan-y !important}",
        ".hubmap-gesture-hint{position:absolute;inset:0;z-index:1000;display:flex;" +
            "align-items:center;justify-content:center;background:rgba(0,0,0,.45);" +
            "color:#fff;font:600 16px/1.3 sans-serif;opacity:0;transition:opacity .2s;" +
            "pointer-events:none}",
        ".hubmap-gesture-hint-on{opacity:1}",
        ".hubmap-legend{background:rgba(255,255,255,.94);padding:4px 8px 6px;" +
            "font:12px/1.35 sans-serif;color:#1f1f1f;border-radius:4px;" +
            "box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:270px}",
        ".hubmap-legend-toggle{all:unset;cursor:pointer;font-weight:700;display:block;" +
            "padding:2px 0}",
        ".hubmap-legend-toggle::before{content:'\\25BE  '}",
        ".hubmap-legend-toggle[aria-expanded=false]::before{content:'\\25B8  '}",
        ".hubmap-legend-row{display:flex;align-items:center;gap:6px;white-space:nowrap}",
        ".hubmap-legend-symbol{flex:none;width:11px;height:11px;border-radius:50%;" +
            "box-sizing:border-box}",
        ".hubmap-legend-muted{width:7px;height:7px;margin:0 2px}",
        ".hubmap-legend-label{flex:1}",
        ".hubmap-legend-count{min-width:3.2em;text-align:right;font-variant-numeric:" +
            "tabular-nums}",
        ".hubmap-legend-bar{flex:none;height:7px;box-sizing:border-box;min-width:1px}",
        ".hubmap-map:focus-visible,.hubmap-map .leaflet-control a:focus-visible," +
            ".hubmap-legend-toggle:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}"
    ].join("\n");
    var el = document.createElement("style");
    el.id = "hubmap-style";
    el.textContent = css;
    document.head.appendChild(el);
};
