#!/bin/sh
# What the browser tests need from the system, installed when missing (`make test` runs this):
# Debian's chromium (Playwright's own browser download is not used), a Java runtime for the Nu
# HTML Checker, and Thai and Korean fonts so screenshots show those scripts, not empty boxes.
# Installing needs root and apt-get. Without them: in CI (CI=true) a missing browser is an
# error; locally the browser tests skip and say why.
set -eu
CHROMIUM=${AKMN_CHROMIUM:-/usr/bin/chromium}
missing=""
[ -x "$CHROMIUM" ] || missing="$missing chromium"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
if command -v fc-list >/dev/null 2>&1; then
  [ -n "$(fc-list :lang=th 2>/dev/null)" ] || missing="$missing fonts-noto-core"
  [ -n "$(fc-list :lang=ko 2>/dev/null)" ] || missing="$missing fonts-nanum"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing:$missing"
  apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
  exit 0
fi
echo "cannot install$missing (needs root and apt-get): apt-get install -y$missing" >&2
if [ "${CI:-}" = true ] && [ ! -x "$CHROMIUM" ]; then
  exit 1
fi
echo "the browser tests that need them will be skipped" >&2
