// The plotly.js bundle zzcheck serves from static/vendor/ (no CDN). Only what the app draws:
// core (which always brings `scatter`), the radar chart (`scatterpolar`) and the
// distributions of the analytics pages (`bar`, `box`). All are SVG traces: no WebGL, no
// regl shader code generation, so the bundle needs no CSP 'unsafe-eval' (build.sh checks it).
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/scatterpolar'),
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/box'),
]);

module.exports = Plotly;
