#!/usr/bin/env bash
# Build static/vendor/plotly.min.js from entry.js with esbuild (versions pinned in
# package-lock.json), refuse a bundle that would need CSP 'unsafe-eval', print its size, and
# copy plotly's stylesheet to static/vendor/plotly.css: a page that links it as
#   <link rel="stylesheet" id="plotly.js-style-global" class="no-inline-styles" href="…">
# stops plotly from injecting a <style> element, so CSP needs no style-src 'unsafe-inline'.
#   ./build.sh            build and check the served bundle
#   ./build.sh --measure  also print the size of core + scatterpolar alone, for comparison
#   PLOTLY_BUNDLE_OUT=DIR ./build.sh   write to DIR instead (e.g. to compare with the served files)
# Needs node ≥ 20 and npm (dependencies go to ./node_modules, which git ignores).
# After a plotly.js upgrade, set PLOTLY_JS_VERSION in zzcheck/charts.py to the new version.
set -euo pipefail
cd "$(dirname "$0")"
OUT=${PLOTLY_BUNDLE_OUT:-../../static/vendor}/plotly.min.js
VERSION=$(node -p "require('./package-lock.json').packages['node_modules/plotly.js'].version")

[ -x node_modules/.bin/esbuild ] || npm ci --no-audit --no-fund --ignore-scripts

# The options of plotly.js's own esbuild-config.js, minus its plugins: the only CSS a trace
# imports is maplibre's (map traces, not bundled), and no SVG trace needs glslify.
esbuild_bundle() {  # esbuild_bundle OUTFILE ENTRY
  node_modules/.bin/esbuild "$2" --bundle --minify --format=iife --global-name=Plotly \
    --target=es2016 --define:global=window --define:define.amd=false \
    --define:process.env.NODE_DEBUG=false --loader:.css=empty --legal-comments=eof \
    --banner:js="/*! plotly.js v$VERSION (MIT license, (c) Plotly, Inc.), zzcheck bundle: core, scatter, scatterpolar, bar, box; recipe in bench/plotly-bundle */" \
    --log-level=warning --outfile="$1"
}

sizes() {  # sizes LABEL FILE: raw and gzip -9 bytes
  printf '%-28s %9d bytes raw, %8d bytes gzipped\n' "$1" "$(stat -c%s "$2")" "$(gzip -9c "$2" | wc -c)"
}

mkdir -p "$(dirname "$OUT")"
esbuild_bundle "$OUT" entry.js
if grep -nE 'new Function|[^A-Za-z0-9_$.]eval\(' "$OUT" >/dev/null; then
  echo "build.sh: $OUT contains eval/new Function: a CSP without 'unsafe-eval' would break it" >&2
  exit 1
fi
cp node_modules/plotly.js/dist/plotly.css "$(dirname "$OUT")/plotly.css"
sizes "served ($VERSION)" "$OUT"

if [ "${1:-}" = "--measure" ]; then
  trap 'rm -f measure-entry.js measure-out.js' EXIT
  printf "var P=require('plotly.js/lib/core');\nP.register([require('plotly.js/lib/scatterpolar')]);\nmodule.exports=P;\n" >measure-entry.js
  esbuild_bundle measure-out.js measure-entry.js
  sizes "core + scatterpolar only" measure-out.js
  sizes "python plotly full bundle" "$(../../.venv/bin/python -c 'import plotly, os; print(os.path.join(os.path.dirname(plotly.__file__), "package_data", "plotly.min.js"))')"
fi
