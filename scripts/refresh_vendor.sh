#!/usr/bin/env bash
# Vendor from the npm registry what the project uses from it, so nothing needs a CDN:
# - YASGUI (for its YASQE SPARQL editor) into service/pages/static/vendor/yasgui/, so the
#   query page needs no CDN at run time;
# - axe-core (the accessibility rules engine) into tests/a11y/vendor/axe-core/, for the
#   accessibility test (tests/pages/test_accessibility_browser.py) only: it is never served;
# - Chart.js (the query page's bar and timeline charts) into service/pages/static/vendor/chartjs/;
# - Swagger UI (the /docs page) into service/pages/static/vendor/swagger-ui/.
#
# Usage: scripts/refresh_vendor.sh [yasgui] [axe-core] [chartjs] [swagger-ui]   (no argument: all)
#
# Reproducible: the version and the registry's integrity hash are pinned below; the tarball
# is checked against the hash before anything is copied. To upgrade, change both pins
# (`npm view @zazuko/yasgui@X.Y.Z dist.integrity`), run this script, and run
# tests/pages/test_query_page.py and tests/pages/test_query_page_browser.py; for axe-core the pins are
# AXE_VERSION and AXE_INTEGRITY, and the tests are tests/pages/test_accessibility*.py.
#
# Needs: npm, tar, sha512sum/sha256sum, base64, xxd. Network: the npm registry only.
set -euo pipefail

PACKAGE="@zazuko/yasgui"
VERSION="4.6.2"
INTEGRITY="sha512-Zw45KdPoAE1KRaAoxIHdQqeJxvaVG1oQdntw0hy0ktX35Zu8ZccuOLrXCLwR+GU+0xMzLw8Mjw6BkSZV2vUuQw=="
FILES=(yasgui.min.js yasgui.min.css)

AXE_PACKAGE="axe-core"
AXE_VERSION="4.14.1"
AXE_INTEGRITY="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
AXE_FILES=(axe.min.js LICENSE LICENSE-3RD-PARTY.txt)

CHART_PACKAGE="chart.js"
CHART_VERSION="4.6.1"
CHART_INTEGRITY="sha512-hJyniucsFmq//EvXYvJ6c6mahPoI3kaxdjVH8awTaJ/fDNWeSqqqArixMJWkWNN6fcYvPU3HneSANFNYtRi61g=="
CHART_FILES=(dist/chart.umd.min.js LICENSE.md)

SWAGGER_PACKAGE="swagger-ui-dist"
SWAGGER_VERSION="5.35.0"
SWAGGER_INTEGRITY="sha512-U06rpMtW9V3XPGOBeamTUSr0Z09jMX4IJuANpE/EZbAhw0G8CgwrzU4YmXkn/h0wCDNsXdGarTNNHC3sU8yVUQ=="
SWAGGER_FILES=(swagger-ui-bundle.js swagger-ui.css favicon-32x32.png LICENSE NOTICE swagger-ui-bundle.js.LICENSE.txt)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# fetch PACKAGE VERSION INTEGRITY: `npm pack` into its own folder of $WORK, check the
# registry's integrity hash, unpack; leaves the shell in that folder (package/ inside).
fetch() {
  local package="$1" version="$2" integrity="$3" tarball actual
  mkdir -p "$WORK/$package" && cd "$WORK/$package"
  tarball="$(npm pack --silent "$package@$version")"
  actual="sha512-$(sha512sum "$tarball" | cut -d' ' -f1 | xxd -r -p | base64 -w0)"
  if [[ "$actual" != "$integrity" ]]; then
    echo "refresh_vendor: integrity mismatch for $package@$version: $actual" >&2
    exit 1
  fi
  tar -xzf "$tarball"
}

vendor_yasgui() {
DEST="$ROOT/service/pages/static/vendor/yasgui"
fetch "$PACKAGE" "$VERSION" "$INTEGRITY"

# The page must not fetch anything from another host at run time: no remote fonts,
# stylesheets or scripts in what it loads.
if grep -Eq '@import|url\((["'"'"']?)(https?:)?//' package/build/yasgui.min.css; then
  echo "refresh_vendor: yasgui.min.css loads remote resources; refusing" >&2
  exit 1
fi

mkdir -p "$DEST"
rm -f "$DEST"/*
for file in "${FILES[@]}"; do
  cp "package/build/$file" "$DEST/$file"
done
echo "$VERSION" > "$DEST/VERSION"
(cd "$DEST" && sha256sum "${FILES[@]}" > SHA256SUMS)

# The npm package ships no licence file; its package.json says "license": "MIT" and the
# upstream README says "This is a fork from Zazuko from software written by Triply. This code
# is released under the MIT license." The text below is the MIT licence with those holders.
cat > "$DEST/LICENSE" <<'LICENSE'
MIT License

Copyright (c) Triply B.V. (original YASGUI) and Zazuko GmbH (the @zazuko/yasgui fork)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENSE

DEPENDENCIES="$(node -e 'const p=require("./package/package.json");console.log(Object.entries(p.dependencies).map(([n,v])=>`- \`${n}\` ${v}`).join("\n"))')"
cat > "$DEST/README.md" <<README
# Vendored: $PACKAGE $VERSION

- Source: the npm registry, \`npm pack $PACKAGE@$VERSION\`
  (<https://www.npmjs.com/package/$PACKAGE>, upstream <https://github.com/rdfjs/Yasgui>).
- Integrity (npm \`dist.integrity\`, checked before copying): \`$INTEGRITY\`
- Files: \`${FILES[*]}\`, copied unchanged from the package's \`build/\` folder;
  their SHA-256 sums are in \`SHA256SUMS\` (checked by \`tests/pages/test_query_page.py\`).
  Source maps are not vendored (a browser's developer tools may ask for
  \`yasgui.min.js.map\` and get a 404; nothing else does).
- Licence: MIT (\`"license": "MIT"\` in the package's package.json; the package ships no
  licence file, so \`LICENSE\` here is the MIT text naming Triply and Zazuko, as the upstream
  README does). The bundle also contains the package's dependencies and theirs (e.g.
  CodeMirror 5 inside \`@zazuko/yasqe\`), each under its own open-source licence as
  declared on its npm registry page. The direct ones:
$DEPENDENCIES
- Used by: \`service/pages/templates/query.html\` and \`service/pages/static/query.js\`,
  which use the YASQE editor (\`window.Yasqe\`) and its \`getQueryType\`; the remote
  completers (LOV \`class\` / \`property\`, prefix.cc) are replaced by local forks that
  read the graph's prefixes, classes and properties, so the page talks to this service
  only. YASR (results) is in the bundle but not used: the page's table shows labels.
- Refresh: \`scripts/refresh_vendor.sh\` (edit VERSION and INTEGRITY at its top).
README
echo "Vendored $PACKAGE@$VERSION into $DEST"
}

vendor_axe() {
local dest="$ROOT/tests/a11y/vendor/axe-core"
fetch "$AXE_PACKAGE" "$AXE_VERSION" "$AXE_INTEGRITY"
mkdir -p "$dest"
rm -f "$dest"/*
for file in "${AXE_FILES[@]}"; do
  cp "package/$file" "$dest/$file"
done
echo "$AXE_VERSION" > "$dest/VERSION"
(cd "$dest" && sha256sum "${AXE_FILES[@]}" > SHA256SUMS)
cat > "$dest/README.md" <<README
# Vendored: $AXE_PACKAGE $AXE_VERSION

- Source: the npm registry, \`npm pack $AXE_PACKAGE@$AXE_VERSION\`
  (<https://www.npmjs.com/package/$AXE_PACKAGE>, upstream <https://github.com/dequelabs/axe-core>).
- Integrity (npm \`dist.integrity\`, checked before copying): \`$AXE_INTEGRITY\`
- Files: \`${AXE_FILES[*]}\`, copied unchanged from the package; their SHA-256 sums are in
  \`SHA256SUMS\` (checked by \`tests/pages/test_accessibility.py\`).
- Licence: MPL-2.0 (\`LICENSE\`, from the package); the bundled third-party code is listed
  with its licences in \`LICENSE-3RD-PARTY.txt\` (from the package). Unmodified.
- Used by: \`tests/pages/test_accessibility_browser.py\`, which injects \`axe.min.js\` into headless
  Chromium and runs the WCAG 2.0/2.1 A and AA rules on every page kind. It is test tooling:
  not served by the service, not in the wheel.
- Refresh: \`scripts/refresh_vendor.sh axe-core\` (edit AXE_VERSION and AXE_INTEGRITY at its top).
README
echo "Vendored $AXE_PACKAGE@$AXE_VERSION into $dest"
}

# vendor_plain PACKAGE VERSION INTEGRITY DEST LICENCE USED_BY FILE...: copy the files (paths
# inside the package) unchanged into DEST (flat), with VERSION, SHA256SUMS and a README.
vendor_plain() {
local package="$1" version="$2" integrity="$3" dest="$4" licence="$5" used_by="$6"
shift 6
local files=("$@") names=() file
fetch "$package" "$version" "$integrity"
mkdir -p "$dest"
rm -f "$dest"/*
for file in "${files[@]}"; do
  cp "package/$file" "$dest/$(basename "$file")"
  names+=("$(basename "$file")")
done
echo "$version" > "$dest/VERSION"
(cd "$dest" && sha256sum "${names[@]}" > SHA256SUMS)
cat > "$dest/README.md" <<README
# Vendored: $package $version

- Source: the npm registry, \`npm pack $package@$version\`
  (<https://www.npmjs.com/package/$package>).
- Integrity (npm \`dist.integrity\`, checked before copying): \`$integrity\`
- Files: \`${names[*]}\`, copied unchanged from the package; their SHA-256 sums are in
  \`SHA256SUMS\` (checked by \`tests/pages/test_query_page.py\`).
- Licence: $licence
- Used by: $used_by
- Refresh: \`scripts/refresh_vendor.sh\` (edit the version and integrity pins at its top).
README
echo "Vendored $package@$version into $dest"
}

vendor_chartjs() {
vendor_plain "$CHART_PACKAGE" "$CHART_VERSION" "$CHART_INTEGRITY" \
  "$ROOT/service/pages/static/vendor/chartjs" \
  "MIT (\`LICENSE.md\`, from the package)." \
  "\`service/pages/static/query.js\` (the bar and timeline views of query results)." \
  "${CHART_FILES[@]}"
}

vendor_swagger() {
vendor_plain "$SWAGGER_PACKAGE" "$SWAGGER_VERSION" "$SWAGGER_INTEGRITY" \
  "$ROOT/service/pages/static/vendor/swagger-ui" \
  "Apache-2.0 (\`LICENSE\` and \`NOTICE\`, from the package; bundled third-party licences in \`swagger-ui-bundle.js.LICENSE.txt\`)." \
  "\`service/pages/docs.py\` (the OpenAPI page at /docs, with the remote validator badge off)." \
  "${SWAGGER_FILES[@]}"
}

targets=("$@")
(( ${#targets[@]} )) || targets=(yasgui axe-core chartjs swagger-ui)
for target in "${targets[@]}"; do
  case "$target" in
    yasgui) vendor_yasgui ;;
    axe-core) vendor_axe ;;
    chartjs) vendor_chartjs ;;
    swagger-ui) vendor_swagger ;;
    *) echo "refresh_vendor: unknown target '$target' (yasgui, axe-core, chartjs, swagger-ui)" >&2; exit 2 ;;
  esac
done
