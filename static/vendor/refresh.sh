#!/bin/sh
# Re-download the pinned Socket.IO browser client from the npm registry and
# replace our copy. Usage: static/vendor/refresh.sh [VERSION]   (default 4.8.4)
# Needs npm and tar. Review the diff and update README.md before committing.
set -eu

VERSION="${1:-4.8.4}"
HERE="$(cd "$(dirname "$0")" && pwd)"
DEST="$HERE/socket.io-client"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm pack --silent "socket.io-client@$VERSION" >/dev/null
tar xzf "socket.io-client-$VERSION.tgz"

mkdir -p "$DEST"
cp package/dist/socket.io.esm.min.js "$DEST/socket.io.esm.min.js"
cp package/dist/socket.io.esm.min.js.map "$DEST/socket.io.esm.min.js.map"
cp package/LICENSE "$DEST/LICENSE"
printf '%s\n' "$VERSION" > "$DEST/VERSION"

echo "socket.io-client $VERSION copied to $DEST"
echo "sha256: $(sha256sum "$DEST/socket.io.esm.min.js" | cut -d' ' -f1)"
