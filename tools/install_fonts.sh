#!/usr/bin/env bash
# The faces the work report's PDF embeds (sifa/reports/fonts.py), from Debian's packages. Run as root on a
# Debian/Ubuntu machine; anywhere else it says what to install and exits without failing the build (the PDF then
# falls back to the reader's own Song face).
set -uo pipefail
PACKAGES=(fonts-arphic-gbsn00lp fonts-wqy-zenhei fonts-arphic-gkai00mp fonts-arphic-uming)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "== installing the report's PDF fonts: ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
    || echo "the PDF fonts could not be installed: PDFs will use the reader's Song face"
else
  echo "PDF fonts missing (${missing[*]}): install them with apt-get as root for embedded GB/T 9704 faces"
fi
exit 0
