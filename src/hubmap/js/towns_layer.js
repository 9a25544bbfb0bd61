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
 *             lab (label per class), counts (towns per class), metric (label),
 *             partial (indices of towns whose hub score leaves out a component: squares)},
 *   sel:     index of the selected town, or -1,
 *   fit:     null, or {id, home: [lat, lon, zoom] or null}: move the map before the first
 *            draw, to home or to these towns' bounds, once per id (see beforeAdd)
 * }
 * The last class is "no data"; it is drawn first so coloured towns stay on top.
 * Text reaches the page only through textContent.
 *
 * A click on a town fires "click" on this layer with the town's exact centre as `latlng`
 * (streamlit-folium reports it as the last clicked object). `status` says what was drawn:
 * {count, metric, data, draws (paint passes so far), shown (towns on the canvas), zoom (of the
 * last paint)}.
 */
L.HubmapTowns = L.Layer.extend({
    options: {pane: "overlayPane", padding: 0.3, cell: 16, stroke: "#333333"},

    initialize: function (payload, options) {
        L.setOptions(this, options);
        var towns = payload.towns, n = towns.lat.length;
        this._data = payload;
        this._wx = new Float64Array(n);
        this._wy = new Float64Array(n);
        this._radius = new Float32Array(n);
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
        this._order = [noData];
        for (var k = 0; k < noData; k++) { this._order.push(k); }
        this._byClass = pal.map(function () { return []; });
        for (var j = 0; j < n; j++) {
            this._byClass[Math.min(payload.colours.c[j], noData)].push(j);
        }
        this._partial = new Uint8Array(n);
        var partial = payload.colours.partial || [];
        for (var q = 0; q < partial.length; q++) { this._partial[partial[q]] = 1; }
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
        this._canvas = L.DomUtil.create("canvas", "hubmap-towns leaflet-zoom-animated");
        this.getPane().appendChild(this._canvas);
        this._tip = L.tooltip({direction: "top", offset: [0, -6], className: "hubmap-tip"});
        this._legend = L.control({position: "bottomright"});
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
        this._data = this._wx = this._wy = this._radius = this._x = this._y = null;
        this._shown = this._byClass = this._grid = this._canvas = this._partial = null;
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
        var factor = zoom <= 4 ? 0.6 : (zoom <= 6 ? 0.8 : 1);
        var width = this._size[0], height = this._size[1], shown = 0, full = 2 * Math.PI;
        ctx.setTransform(this._ratio, 0, 0, this._ratio, 0, 0);
        ctx.clearRect(0, 0, width, height);
        ctx.lineWidth = 0.5;
        ctx.strokeStyle = this.options.stroke;
        this._factor = factor;
        for (var o = 0; o < this._order.length; o++) {
            var k = this._order[o], members = this._byClass[k];
            if (!members.length) { continue; }
            ctx.beginPath();
            for (var m = 0; m < members.length; m++) {
                var i = members[m], x = this._wx[i] * scale - ox, y = this._wy[i] * scale - oy;
                var r = this._radius[i] * factor;
                this._x[i] = x;
                this._y[i] = y;
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
            ctx.globalAlpha = 0.85;
            ctx.fillStyle = colours.pal[k];
            ctx.fill();
            ctx.globalAlpha = 1;
            ctx.stroke();
        }
        var sel = this._data.sel;
        if (sel >= 0 && this._shown[sel]) {
            ctx.beginPath();
            ctx.arc(this._x[sel], this._y[sel], this._radius[sel] * factor + 6, 0, full);
            ctx.lineWidth = 3;
            ctx.strokeStyle = "#d7191c";
            ctx.stroke();
        }
        this._grid = null;
        this.status.draws += 1;
        this.status.shown = shown;
        this.status.zoom = zoom;
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
                    var d2 = ex * ex + ey * ey, reach = this._radius[i] * this._factor + 1;
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
        return colours.pre + v.toLocaleString("en-US", {maximumFractionDigits: colours.dec})
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

    _legendBox: function () {
        var colours = this._data.colours, box = L.DomUtil.create("div", "hubmap-legend");
        box.style.cssText = "background:rgba(255,255,255,0.92);padding:6px 8px;" +
            "font:12px/1.35 sans-serif;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3)";
        L.HubmapTowns.line(box, colours.metric, true);
        for (var k = 0; k < colours.pal.length; k++) {
            var row = document.createElement("div"), swatch = document.createElement("span");
            swatch.style.cssText = "display:inline-block;width:11px;height:11px;" +
                "margin-right:6px;border:1px solid #555;border-radius:50%;vertical-align:-1px";
            swatch.style.background = colours.pal[k];
            row.appendChild(swatch);
            var count = colours.counts[k].toLocaleString("en-US");
            row.appendChild(document.createTextNode(colours.lab[k] + " (" + count + ")"));
            box.appendChild(row);
        }
        var partialCount = (colours.partial || []).length;
        if (partialCount) {
            var note = document.createElement("div"), square = document.createElement("span");
            square.style.cssText = "display:inline-block;width:10px;height:10px;" +
                "margin-right:6px;border:1px solid #555;vertical-align:-1px";
            note.appendChild(square);
            note.appendChild(document.createTextNode("square: partial score (" +
                partialCount.toLocaleString("en-US") + ")"));
            box.appendChild(note);
        }
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
    }
});

/* Circle radius (px at zoom 7 and closer) for a population; 5 px when unknown (an
   uploaded place, mostly: small dots would hide the few places a user brings). */
L.HubmapTowns.radius = function (population) {
    return population ? Math.max(3, Math.min(10, 1.6 * Math.log10(population) - 1.5)) : 5;
};

/* Append a line of plain text (bold if asked) to an element. */
L.HubmapTowns.line = function (parent, text, bold) {
    var el = document.createElement(bold ? "strong" : "div");
    el.textContent = text;
    parent.appendChild(el);
};
