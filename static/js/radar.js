/* Draws the charts of a page with the local plotly.js bundle; no inline script needed.
 *
 * Markup (the figure comes from zzcheck/charts.py, embedded with the figure_json filter):
 *   <link rel="stylesheet" id="plotly.js-style-global" class="no-inline-styles"
 *         href="{{ vendor_url('plotly.css') }}">   (plotly's CSS without an inline <style>)
 *   <script src="{{ vendor_url('plotly.min.js') }}" defer></script>
 *   <script src="{{ url_for('static', filename='js/radar.js') }}" defer></script>
 *   <div class="chart" data-radar="fig-result" role="img" aria-label="…">fallback text</div>
 *   <script type="application/json" id="fig-result">{{ figure|figure_json }}</script>
 * The element's content (a fallback without JavaScript) is replaced by the chart; once drawn
 * the element gets data-radar-ready="true" (browser tests wait for it). In a container
 * narrower than NARROW pixels a polar chart gets smaller fonts and margins, to fit a phone.
 */
(function () {
  "use strict";

  var CONFIG = { responsive: true, displaylogo: false, displayModeBar: false };
  var NARROW = 480;
  var NARROW_SIDE_MARGIN = 88;

  function fitNarrow(layout, width) {
    if (width >= NARROW || !layout.polar) {
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

  function shrinkTicks(axis, size) {
    if (axis) {
      axis.tickfont = Object.assign({}, axis.tickfont, { size: size });
    }
  }

  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-radar"));
    if (!source || !window.Plotly) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    var layout = fitNarrow(figure.layout || {}, element.clientWidth);
    element.textContent = "";
    window.Plotly.newPlot(element, figure.data, layout, CONFIG).then(function () {
      element.setAttribute("data-radar-ready", "true");
    });
  }

  function drawAll() {
    var elements = document.querySelectorAll("[data-radar]");
    for (var i = 0; i < elements.length; i += 1) {
      try {
        draw(elements[i]);
      } catch (error) {
        // One broken chart must not stop the others; its fallback text stays.
        window.console.error("radar.js:", error);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
