/* Draws the cartesian charts of a page (bars, boxes, lines) with the local plotly.js bundle;
 * the sibling of radar.js (which draws [data-radar]), with no inline script either.
 *
 * Markup (the figure comes from zzcheck/analytics/charts.py, embedded with figure_json):
 *   <div class="chart" data-chart="fig-box" role="img" aria-label="…">fallback text</div>
 *   <script type="application/json" id="fig-box">{{ figure|figure_json }}</script>
 * The fallback is replaced by the chart; then the element gets data-chart-ready="true".
 * In a container narrower than NARROW pixels fonts and margins shrink to fit a phone.
 */
(function () {
  "use strict";

  var CONFIG = { responsive: true, displaylogo: false, displayModeBar: false };
  var NARROW = 480;

  function fitNarrow(layout, width) {
    if (width >= NARROW) {
      return layout;
    }
    var margin = layout.margin || {};
    layout.margin = { l: Math.min(margin.l || 0, 40), r: 8, t: Math.min(margin.t || 0, 16), b: margin.b || 0 };
    layout.font = Object.assign({}, layout.font, { size: 11 });
    return layout;
  }

  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source || !window.Plotly) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    var layout = fitNarrow(figure.layout || {}, element.clientWidth);
    element.textContent = "";
    window.Plotly.newPlot(element, figure.data, layout, CONFIG).then(function () {
      element.setAttribute("data-chart-ready", "true");
    });
  }

  function drawAll() {
    var elements = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < elements.length; i += 1) {
      try {
        draw(elements[i]);
      } catch (error) {
        // One broken chart must not stop the others; its fallback text stays.
        window.console.error("charts.js:", error);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
