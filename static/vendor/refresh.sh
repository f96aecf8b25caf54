#!/bin/sh
# Re-download the pinned browser code from the npm registry and replace our
# copies. Usage:
#   static/vendor/refresh.sh                      # both, at the pinned versions
#   static/vendor/refresh.sh socket.io-client [VERSION]
#   static/vendor/refresh.sh lit-html [VERSION]
# Needs npm and tar. Review the diff and update README.md (versions, hashes)
# before committing.
set -eu

SOCKET_IO_VERSION="4.8.4"
LIT_HTML_VERSION="3.3.3"
# The lit-html modules the pages import (each with the modules it imports).
LIT_HTML_FILES="lit-html.js directive.js directive-helpers.js async-directive.js
directives/repeat.js directives/live.js directives/ref.js directives/class-map.js
directives/keyed.js"

HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

unpack () { # package version -> unpacked in $WORK/$1/package
    mkdir -p "$WORK/$1"
    (cd "$WORK/$1" && npm pack --silent "$1@$2" >/dev/null && tar xzf ./*.tgz)
}

socket_io () {
    VERSION="${1:-$SOCKET_IO_VERSION}"
    DEST="$HERE/socket.io-client"
    unpack socket.io-client "$VERSION"
    FROM="$WORK/socket.io-client/package"
    mkdir -p "$DEST"
    cp "$FROM/dist/socket.io.esm.min.js" "$DEST/socket.io.esm.min.js"
    cp "$FROM/dist/socket.io.esm.min.js.map" "$DEST/socket.io.esm.min.js.map"
    cp "$FROM/LICENSE" "$DEST/LICENSE"
    printf '%s\n' "$VERSION" > "$DEST/VERSION"
    echo "socket.io-client $VERSION copied to $DEST"
    echo "sha256: $(sha256sum "$DEST/socket.io.esm.min.js" | cut -d' ' -f1)"
}

lit_html () {
    VERSION="${1:-$LIT_HTML_VERSION}"
    DEST="$HERE/lit-html"
    unpack lit-html "$VERSION"
    FROM="$WORK/lit-html/package"
    rm -rf "$DEST"
    mkdir -p "$DEST/directives"
    for FILE in $LIT_HTML_FILES; do
        cp "$FROM/$FILE" "$DEST/$FILE"
        cp "$FROM/$FILE.map" "$DEST/$FILE.map"
    done
    cp "$FROM/LICENSE" "$DEST/LICENSE"
    printf '%s\n' "$VERSION" > "$DEST/VERSION"
    echo "lit-html $VERSION copied to $DEST"
    (cd "$DEST" && for FILE in $LIT_HTML_FILES; do sha256sum "$FILE"; done)
}

case "${1:-all}" in
    socket.io-client) socket_io "${2:-}" ;;
    lit-html) lit_html "${2:-}" ;;
    all) socket_io ""; lit_html "" ;;
    *) echo "usage: $0 [socket.io-client|lit-html [VERSION]]" >&2; exit 2 ;;
esac
