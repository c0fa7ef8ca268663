#!/usr/bin/env bash
# Vendor YASGUI (for its YASQE SPARQL editor) from the npm registry into
# service/pages/static/vendor/yasgui/, so the query page needs no CDN at run time.
#
# Reproducible: the version and the registry's integrity hash are pinned below; the tarball
# is checked against the hash before anything is copied. To upgrade, change both pins
# (`npm view @zazuko/yasgui@X.Y.Z dist.integrity`), run this script, and run
# tests/test_query_page.py and tests/test_query_page_browser.py.
#
# Needs: npm, tar, sha512sum/sha256sum, base64, xxd. Network: the npm registry only.
set -euo pipefail

PACKAGE="@zazuko/yasgui"
VERSION="4.6.2"
INTEGRITY="sha512-Zw45KdPoAE1KRaAoxIHdQqeJxvaVG1oQdntw0hy0ktX35Zu8ZccuOLrXCLwR+GU+0xMzLw8Mjw6BkSZV2vUuQw=="
FILES=(yasgui.min.js yasgui.min.css)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/service/pages/static/vendor/yasgui"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
TARBALL="$(npm pack --silent "$PACKAGE@$VERSION")"
ACTUAL="sha512-$(sha512sum "$TARBALL" | cut -d' ' -f1 | xxd -r -p | base64 -w0)"
if [[ "$ACTUAL" != "$INTEGRITY" ]]; then
  echo "refresh_vendor: integrity mismatch for $PACKAGE@$VERSION: $ACTUAL" >&2
  exit 1
fi
tar -xzf "$TARBALL"

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
  their SHA-256 sums are in \`SHA256SUMS\` (checked by \`tests/test_query_page.py\`).
  Source maps are not vendored (a browser's developer tools may ask for
  \`yasgui.min.js.map\` and get a 404; nothing else does).
- Licence: MIT (\`"license": "MIT"\` in the package's package.json; the package ships no
  licence file, so \`LICENSE\` here is the MIT text naming Triply and Zazuko, as the upstream
  README does). The bundle also contains the package's dependencies and theirs (e.g.
  CodeMirror 5 inside \`@zazuko/yasqe\`), each under its own open-source licence as
  declared on its npm registry page. The direct ones:
$DEPENDENCIES
- Used by: \`service/pages/templates/query.html\` and \`service/pages/static/query.js\`,
  which use only the YASQE editor (\`window.Yasqe\`) with the remote autocompleters
  (LOV \`class\` / \`property\`) switched off, so the page talks to this service only.
- Refresh: \`scripts/refresh_vendor.sh\` (edit VERSION and INTEGRITY at its top).
README
echo "Vendored $PACKAGE@$VERSION into $DEST"
