#!/bin/sh
# Puts plotly.js (npm package plotly.js-dist-min) into the kernel jar's resources, at build time.
#   fetch-plotly.sh VERSION WORK_DIR DEST_FILE
# Runs `npm pack` (from npm's cache when it has the package) into WORK_DIR, unpacks
# package/plotly.min.js and copies it to DEST_FILE. Never fails the build: without npm, or offline
# with an empty npm cache, it prints a warning and the notebook renderer falls back to plotly.js
# from its public CDN (charts then need a network connection to draw).
version="$1"; work="$2"; dest="$3"
if [ -s "$dest" ]; then
  exit 0
fi
warn() {
  echo "[WARNING] plotly.js $version not bundled ($1): charts will load it from https://cdn.plot.ly/plotly-$version.min.js"
  exit 0
}
command -v npm >/dev/null 2>&1 || warn "npm not found"
mkdir -p "$work" || warn "cannot create $work"
cd "$work" || warn "cannot enter $work"
tgz="plotly.js-dist-min-$version.tgz"
if [ ! -s "$tgz" ]; then
  npm pack --prefer-offline --silent "plotly.js-dist-min@$version" >npm-pack.log 2>&1 || warn "npm pack failed, see $work/npm-pack.log"
fi
tar -xzf "$tgz" package/plotly.min.js || warn "cannot unpack $tgz"
mkdir -p "$(dirname "$dest")" && cp package/plotly.min.js "$dest" || warn "cannot copy to $dest"
echo "[INFO] plotly.js $version bundled: $dest ($(wc -c <"$dest") bytes)"
