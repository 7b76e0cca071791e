#!/usr/bin/env bash
# Re-vendor the front-end libraries into web/static/ from the npm registry.
# The app serves everything itself: no page may load anything from a CDN.
#  - nhsuk-frontend: compiled from its Sass without the Frutiger @font-face (the font is
#    licensed for NHS domains and served from assets.nhs.uk), with assets under ./assets/.
#  - vis-network: the "peer" UMD build with vis-data and the CSS file, for the pyvis network
#    views. (The standalone build injects its CSS as <style> elements, which the app's
#    Content-Security-Policy forbids.)
# Usage: web/static/vendor.sh [nhsuk-frontend version] [vis-network version]
set -euo pipefail
NHSUK_VERSION="${1:-10.6.1}"
VIS_VERSION="${2:-9.1.13}"
SASS_VERSION="1.108.2"
STATIC="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --save-exact \
  "nhsuk-frontend@$NHSUK_VERSION" "vis-network@$VIS_VERSION" "sass@$SASS_VERSION" >/dev/null

cat > nhsuk.scss <<'SCSS'
@use "nhsuk-frontend/dist/nhsuk" with (
  $nhsuk-font-family: (arial, sans-serif),
  $nhsuk-include-font-face: false,
  $nhsuk-assets-path: "assets/"
);
SCSS
NHSUK_OUT="$STATIC/nhsuk"
rm -rf "$NHSUK_OUT/assets" "$NHSUK_OUT"/*.css "$NHSUK_OUT"/*.js
mkdir -p "$NHSUK_OUT"
npx sass --no-source-map --style=compressed --quiet-deps --silence-deprecation=import \
  --load-path=node_modules nhsuk.scss "$NHSUK_OUT/nhsuk-frontend.min.css"
cp node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.js "$NHSUK_OUT/"
cp -r node_modules/nhsuk-frontend/dist/nhsuk/assets "$NHSUK_OUT/assets"
rm -f "$NHSUK_OUT/assets/manifest.json"  # its icon paths assume the site root

VIS_OUT="$STATIC/vis-network"
rm -rf "$VIS_OUT" && mkdir -p "$VIS_OUT"
cp node_modules/vis-network/peer/umd/vis-network.min.js "$VIS_OUT/"
cp node_modules/vis-data/peer/umd/vis-data.min.js "$VIS_OUT/"
VIS_DATA_VERSION="$(node -p 'require("./node_modules/vis-data/package.json").version')"
cp node_modules/vis-network/styles/vis-network.min.css "$VIS_OUT/"
cp node_modules/vis-network/LICENSE-MIT node_modules/vis-network/LICENSE-APACHE-2.0 "$VIS_OUT/"

cat > "$NHSUK_OUT/README.md" <<MD
# NHS.UK frontend (vendored)

- Package: nhsuk-frontend $NHSUK_VERSION, from the npm registry.
- Licence: MIT (code), © NHS England; see https://github.com/nhsuk/nhsuk-frontend (LICENSE).
  Documentation is under the Open Government Licence v3.0.
- Built by \`web/static/vendor.sh\`: the CSS is compiled from the package's Sass with
  \`\$nhsuk-include-font-face: false\` (Frutiger is licensed for NHS sites and loads from
  assets.nhs.uk, so pages use Arial, the documented fallback) and
  \`\$nhsuk-assets-path: "assets/"\`, so icons load from this folder. JS and images are copied
  unchanged from \`dist/nhsuk/\`.
- Do not edit these files by hand: run \`web/static/vendor.sh\` again.
MD
cat > "$VIS_OUT/README.md" <<MD
# vis-network (vendored)

- Packages: vis-network $VIS_VERSION and its peer vis-data $VIS_DATA_VERSION ("peer" UMD
  builds, loaded in that order: vis-data.min.js, vis-network.min.js) and
  vis-network.min.css, from the npm registry.
- Licence: Apache-2.0 OR MIT (both texts in this folder).
- Used by \`web/network.py\`, which builds the networks with pyvis but renders them with the
  app's own template so that nothing loads from a CDN. Re-vendor with \`web/static/vendor.sh\`.
MD

# Fail loudly if a CDN or other remote URL slipped into what the pages load.
if grep -lE 'url\((["'"'"'])?https?:' "$NHSUK_OUT"/*.css "$VIS_OUT"/*.css; then
  echo "vendor.sh: a stylesheet still refers to a remote URL" >&2
  exit 1
fi
echo "nhsuk-frontend $NHSUK_VERSION and vis-network $VIS_VERSION vendored into $STATIC"
