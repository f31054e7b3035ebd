/* Draws the charts of a page with the local plotly.js bundle; no inline script needed.
 * Two kinds: polar charts ([data-radar], from zzcheck/charts.py) and the programme area's
 * cartesian charts ([data-chart]: bars, boxes, lines, from zzcheck/analytics/charts.py).
 *
 * Markup (the figure is embedded with the figure_json filter):
 *   <link rel="stylesheet" id="plotly.js-style-global" class="no-inline-styles"
 *         href="{{ vendor_url('plotly.css') }}">   (plotly's CSS without an inline <style>)
 *   <script src="{{ vendor_url('plotly.min.js') }}" defer></script>
 *   <script src="{{ url_for('static', filename='js/radar.js') }}" defer></script>
 *   <div class="chart" data-radar="fig-result" role="img" aria-label="…"></div>
 *   <p class="chart-fallback">fallback text</p>
 *   <script type="application/json" id="fig-result">{{ figure|figure_json }}</script>
 * The fallback (for a page without JavaScript) is a sibling, not inside role="img", where
 * screen readers would never read it; it is hidden once the chart is drawn. Once drawn
 * the element gets data-radar-ready="true" (data-chart-ready for [data-chart]; browser tests
 * wait for it). In a container narrower than NARROW pixels fonts and margins shrink to fit a
 * phone (a polar chart also gets a height that keeps it round).
 */
(function () {
  "use strict";

  var CONFIG = { responsive: true, displaylogo: false, displayModeBar: false };
  var NARROW = 480;
  var NARROW_SIDE_MARGIN = 88;

  function fitPolar(layout, width) {
    if (!layout.polar) {
      return layout;
    }
    var margin = layout.margin || {};
    var top = Math.min(margin.t || 0, 48);
    var bottom = layout.showlegend ? margin.b || 0 : Math.min(margin.b || 0, 48);
    layout.margin = { l: NARROW_SIDE_MARGIN, r: NARROW_SIDE_MARGIN, t: top, b: bottom };
    layout.height = width - 2 * NARROW_SIDE_MARGIN + top + bottom;
    layout.font = Object.assign({}, layout.font, { size: 12 });
    shrinkTicks(layout.polar.angularaxis, 11);
    shrinkTicks(layout.polar.radialaxis, 10);
    return layout;
  }

  function fitCartesian(layout) {
    var margin = layout.margin || {};
    layout.margin = { l: Math.min(margin.l || 0, 40), r: 8, t: Math.min(margin.t || 0, 16), b: margin.b || 0 };
    layout.font = Object.assign({}, layout.font, { size: 11 });
    return layout;
  }

  function shrinkTicks(axis, size) {
    if (axis) {
      axis.tickfont = Object.assign({}, axis.tickfont, { size: size });
    }
  }

  var KINDS = [
    { attribute: "data-radar", fitNarrow: fitPolar },
    { attribute: "data-chart", fitNarrow: fitCartesian },
  ];

  function draw(element, kind) {
    var source = document.getElementById(element.getAttribute(kind.attribute));
    if (!source || !window.Plotly) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    var layout = figure.layout || {};
    var width = element.clientWidth;
    if (width < NARROW) {
      layout = kind.fitNarrow(layout, width);
    }
    element.textContent = "";
    window.Plotly.newPlot(element, figure.data, layout, CONFIG).then(function () {
      var fallback = element.nextElementSibling;
      if (fallback && fallback.classList.contains("chart-fallback")) {
        fallback.hidden = true;
      }
      element.setAttribute(kind.attribute + "-ready", "true");
    });
  }

  function drawAll() {
    KINDS.forEach(function (kind) {
      var elements = document.querySelectorAll("[" + kind.attribute + "]");
      for (var i = 0; i < elements.length; i += 1) {
        try {
          draw(elements[i], kind);
        } catch (error) {
          // One broken chart must not stop the others; its fallback text stays.
          window.console.error("radar.js:", error);
        }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
