#!/usr/bin/env bash
# Rewrites the source list of every .nfproj from the .cs files beside it, so the device projects
# list exactly the sources the host .csproj compiles. Run after adding, moving or removing a file;
# tests/Guard.Tests (NfprojTests) fails when a list is out of date.
#   tests/tools/nfproj-sync.sh           rewrite
#   tests/tools/nfproj-sync.sh --check   only report drift (exit 1)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
check=no; [[ ${1:-} == --check ]] && check=yes
rc=0
while IFS= read -r proj; do
  dir=$(dirname "$proj")
  list=$(cd "$dir" && find . -name '*.cs' -not -path './bin/*' -not -path './obj/*' \
         | sed 's|^\./||' | LC_ALL=C sort \
         | while IFS= read -r f; do printf '    <Compile Include="%s" />\n' "${f//\//\\}"; done)
  new=$(awk -v list="$list" '
    /<!-- sources: begin/ { print; if (list != "") print list; skip=1; next }
    /<!-- sources: end/   { skip=0 }
    !skip { print }' "$proj")
  if [[ "$new" != "$(cat "$proj")" ]]; then
    if [[ $check == yes ]]; then echo "out of date: ${proj#"$top"/}"; rc=1
    else printf '%s\n' "$new" > "$proj"; echo "updated: ${proj#"$top"/}"; fi
  fi
done < <(find "$top" -name '*.nfproj' -not -path '*/bin/*' -not -path '*/obj/*' | LC_ALL=C sort)
exit $rc
