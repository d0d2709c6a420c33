#!/usr/bin/env bash
# mutation.sh - mutation testing with Stryker.NET (issue 23): small bugs put into the code one at a
# time, each of which the tests must notice. The tool is pinned in .config/dotnet-tools.json
# (dotnet tool restore). Scores and survivors of the full run: docs/TESTING.md.
#
#   tests/mutation.sh [TARGET...]              full run of the named targets (default: all), one at a time
#   tests/mutation.sh --changed [BASE] [--break N]
#                                              the lines changed since BASE (default: the parent of the
#                                              newest commit that changed a portable .cs file) in the
#                                              MUTATION_MAX_FILES (1) most changed portable .cs files, at
#                                              most MUTATION_MAX_LINES (40) statement lines each, against the file's
#                                              own test classes (<Type>*Tests, else those naming the type).
#                                              Fails below N % killed (default 60) or after MUTATION_LIMIT s
#                                              (900; about 2-3 min on an idle 2-core machine).
#   tests/mutation.sh --list                   the targets
#
# Targets (test project: source project, files mutated):
#   esp        Esp.Tests: esp/*.cs                       (data path, replay, padding, SAs)
#   esp-path   Esp.Tests less the allocation and lifetime classes: EspInbound.cs, EspOutbound.cs, ReplayWindow.cs
#   nat        Nat.Tests + Ike.Tests: nat/*.cs           (NAT-D, port 4500, keepalives)
#   ike-keys   Ike.Tests: ike/Keymat.cs, IpsecKeymat.cs, IvChain.cs, ProtectedMessage.cs, QuickModePayloads.cs
#   ike-wire   Ike.Tests: ike/Wire/*.cs
#   ike-dpd    Ike.Tests: ike/DeadPeerDetection.cs, Informational.cs (the gateway DPD tests in Firmware.Tests are not run: slow)
#   ike        Ike.Tests: ike/**/*.cs                    (all of it: slow)
#   hal-crypto Hal.Tests: hal/Crypto/**/*.cs
#   cli        Firmware.Tests: firmware/Core/Cli/CommandTree.cs, Config/ConfigValidator.cs
# Each run: nice, one test process (-c 1), reports (html, json) in $MUTATION_OUT/<target> (default
# /tmp/nanogate-mutation), one line "mutation: <target>: <score> % killed ..." per target.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
OUT=${MUTATION_OUT:-${TMPDIR:-/tmp}/nanogate-mutation}
MAX_FILES=${MUTATION_MAX_FILES:-1}
LIMIT=${MUTATION_LIMIT:-900}
MAX_LINES=${MUTATION_MAX_LINES:-40}

# name|test projects (comma)|source project|mutate globs (comma)|test filter
TARGETS=(
    "esp|tests/Esp.Tests|NanoGate.Esp.csproj|esp/**/*.cs|"
    "esp-path|tests/Esp.Tests|NanoGate.Esp.csproj|esp/EspInbound.cs,esp/EspOutbound.cs,esp/ReplayWindow.cs|FullyQualifiedName!~Allocation&FullyQualifiedName!~Lifetime"
    "nat|tests/Nat.Tests,tests/Ike.Tests|NanoGate.Nat.csproj|nat/**/*.cs|"
    "ike-keys|tests/Ike.Tests|NanoGate.Ike.csproj|ike/Keymat.cs,ike/IpsecKeymat.cs,ike/IvChain.cs,ike/ProtectedMessage.cs,ike/QuickModePayloads.cs|"
    "ike-wire|tests/Ike.Tests|NanoGate.Ike.csproj|ike/Wire/**/*.cs|"
    "ike-dpd|tests/Ike.Tests|NanoGate.Ike.csproj|ike/DeadPeerDetection.cs,ike/Informational.cs|"
    "ike|tests/Ike.Tests|NanoGate.Ike.csproj|ike/**/*.cs|"
    "hal-crypto|tests/Hal.Tests|NanoGate.Hal.csproj|hal/Crypto/**/*.cs|"
    "cli|tests/Firmware.Tests|NanoGate.Firmware.csproj|firmware/Core/Cli/CommandTree.cs,firmware/Core/Config/ConfigValidator.cs|FullyQualifiedName~Cli"
)

# stryker NAME TESTPROJECTS SOURCEPROJECT MUTATE FILTER [BREAK]: one Stryker run; prints the score line.
stryker() {
    local name=$1 tests=$2 project=$3 mutate=$4 filter=$5 brk=${6:-0} dir=$OUT/$1 args=() t m score rc home
    rm -rf "$dir"; mkdir -p "$dir"
    home=$(dirname "$(git ls-files "*/$project" | head -1)")
    IFS=, read -r -a tps <<<"$tests"
    for t in "${tps[@]}"; do args+=(--test-project "$PWD/$t/$(basename "$(ls "$t"/*.csproj)")"); done
    IFS=, read -r -a ms <<<"$mutate"
    for m in "${ms[@]}"; do args+=(--mutate "**/${m#"$home"/}"); done   # (globs are matched inside the project)
    [[ -n $filter ]] && args+=(--test-case-filter "$filter")
    echo "::: mutation $name: $mutate against ${tests//,/ + }${filter:+ (tests: $filter)}"
    # Run from the source project's folder (several test projects need that).
    (cd "$home" &&
        nice timeout "$LIMIT" dotnet dotnet-stryker --skip-version-check --configuration Release -c 1 \
            --break-at "$brk" -r Json -r Html -r ClearText -r Progress -O "$dir" "${args[@]}") >"$dir/stryker.log" 2>&1
    rc=$?
    score=$(sed -nE 's/.*The final mutation score is ([0-9.]+|NaN) %.*/\1/p' "$dir/stryker.log" | tail -1)
    summary "$name" "$dir" "${score:-none}"
    if [[ $rc -eq 124 ]]; then echo "mutation: $name: stopped after $LIMIT s (MUTATION_LIMIT)"; return 1; fi
    if [[ $rc -ne 0 ]]; then echo "mutation: $name: Stryker failed (exit $rc), below the break threshold $brk % or a build error; see $dir/stryker.log"; return 1; fi
    [[ -n $score ]] || { echo "mutation: $name: no score; see $dir/stryker.log"; return 1; }
}

# summary NAME DIR SCORE: counts from the JSON report and the surviving mutants, one per line.
summary() {
    local json; json=$(ls "$2"/reports/mutation-report.json 2>/dev/null | head -1)
    if [[ -z $json ]] || ! command -v python3 >/dev/null; then echo "mutation: $1: $3 % killed"; return 0; fi
    python3 - "$1" "$3" "$json" <<'PY'
import json, sys
name, score, path = sys.argv[1:4]
report = json.load(open(path))
counts, survivors = {}, []
for file, data in sorted(report["files"].items()):
    for m in data["mutants"]:
        counts[m["status"]] = counts.get(m["status"], 0) + 1
        if m["status"] in ("Survived", "NoCoverage"):
            loc = m["location"]["start"]
            survivors.append(f'    {m["status"]:10} {file.split("/work/")[-1]}:{loc["line"]} {m["mutatorName"]}: {m.get("replacement", "")[:80]}')
print(f"mutation: {name}: {score} % killed ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})")
print("\n".join(survivors))
PY
}

run_target() { # NAME [BREAK]
    local entry
    for entry in "${TARGETS[@]}"; do
        if [[ ${entry%%|*} == "$1" ]]; then
            IFS='|' read -r name tests project mutate filter <<<"$entry"
            filter=${entry#*|*|*|*|}
            stryker "$name" "$tests" "$project" "$mutate" "$filter" "${2:-0}"
            return
        fi
    done
    echo "mutation: unknown target $1 (see --list)"; return 1
}

# changed_files BASE: portable .cs files (esp, nat, ike, hal, firmware/Core) changed since BASE.
# The one with most lines added or changed first, at most MAX_FILES.
changed_files() {
    git diff --numstat --diff-filter=AM "$1" -- 'esp/*.cs' 'nat/*.cs' 'ike/*.cs' 'hal/*.cs' 'firmware/Core/*.cs' 2>/dev/null |
        grep -v '/obj/\|/bin/\|AssemblyInfo\|Assembly\.cs$' | awk '$1 > 0 { print $1, $3 }' | sort -rn | head -"$MAX_FILES" | cut -d' ' -f2
}

# changed_spans BASE FILE: the lines FILE gained or changed since BASE, as "first count" pairs.
changed_spans() {
    git diff -U0 "$1" -- "$2" | sed -nE 's/^@@ -[^ ]+ \+([0-9]+)(,([0-9]+))? @@.*/\1 \3/p' | awk '{ print $1, ($2 == "" ? 1 : $2) }'
}

# to_spans FILE: "first count" line ranges on stdin as Stryker mutate spans ({start..end}, character
# offsets into FILE), the first MAX_LINES lines of them.
to_spans() {
    python3 -c '
import sys
path, left = sys.argv[1], int(sys.argv[2])
lines = open(path, encoding="utf-8-sig").read().split("\n")
starts, offset = [], 0
for line in lines:
    starts.append(offset); offset += len(line) + 1
starts.append(offset)

# Only statements inside member bodies count (indented 12 or more in the block-namespace layout
# C# 9 forces; not a comment, not a lone brace): usings, fields and doc comments hold no mutant,
# and a new file whose first 40 changed lines were its head left Stryker nothing to score.
def code(n):
    text = lines[n - 1]
    body = text.strip()
    return len(text) - len(text.lstrip(" ")) >= 12 and body not in ("", "{", "}", "};") and not body.startswith("//")

spans = []
for pair in sys.stdin.read().split("\n"):
    if not pair.strip(): continue
    first, count = map(int, pair.split())
    for n in range(first, min(first + count, len(lines) + 1)):
        if left <= 0: break
        if not code(n): continue
        left -= 1
        if spans and spans[-1][1] == starts[n - 1] - 1:
            spans[-1][1] = starts[n] - 1
        else:
            spans.append([starts[n - 1], starts[n] - 1])
print("".join("{%d..%d}" % (a, b) for a, b in spans))' "$1" "$MAX_LINES"
}

# changed_run BASE BREAK: the changed lines of each changed file against the tests that mention its type.
changed_run() {
    local base=$1 brk=$2 files f type tests project filter failed=0 t c spans
    if [[ -n $base ]]; then
        mapfile -t files < <(changed_files "$base")
    else
        # A shallow clone has no parent to compare with: ReplayWindow.Check, a fixed small sample.
        echo "mutation: no history to find the last code change in; checking esp/ReplayWindow.cs Check()"
        files=(esp/ReplayWindow.cs)
    fi
    [[ ${#files[@]} -gt 0 ]] || { echo "mutation: no portable .cs line changed since $base"; return 1; }
    for f in "${files[@]}"; do
        type=$(basename "$f" .cs)
        case $f in
            esp/*) tests=tests/Esp.Tests project=NanoGate.Esp.csproj ;;
            nat/*) tests=tests/Nat.Tests,tests/Ike.Tests project=NanoGate.Nat.csproj ;;
            ike/*) tests=tests/Ike.Tests project=NanoGate.Ike.csproj ;;
            hal/*) tests=tests/Hal.Tests project=NanoGate.Hal.csproj ;;
            firmware/Core/*) tests=tests/Firmware.Tests project=NanoGate.Firmware.csproj ;;
        esac
        # The type's own test classes (files named <Type>*Tests.cs), else those whose source names
        # the type, else all of the projects' tests.
        filter=""
        IFS=, read -r -a tps <<<"$tests"
        for t in "${tps[@]}"; do
            for c in $(find "$t" -name "${type}*Tests.cs" -not -path '*/obj/*' -not -path '*/bin/*'); do
                filter+="${filter:+|}FullyQualifiedName~.$(basename "$c" .cs)."
            done
        done
        if [[ -z $filter ]]; then
            for t in "${tps[@]}"; do
                for c in $(grep -rlw --include='*.cs' "$type" "$t" | grep -v '/obj/\|/bin/'); do
                    filter+="${filter:+|}FullyQualifiedName~.$(basename "$c" .cs)."
                done
            done
        fi
        if [[ -n $base ]]; then
            spans=$(changed_spans "$base" "$f" | to_spans "$f")
            echo "mutation: $f, the lines changed since $(git rev-parse --short "$base"): $spans"
        else
            spans=$(grep -n 'public DropReason Check' "$f" | cut -d: -f1 | awk '{ print $1, 27 }' | to_spans "$f")
        fi
        stryker "changed-$type" "$tests" "$project" "$f$spans" "$filter" "$brk" || failed=1
    done
    return $failed
}

# last_code_change: the parent of the newest commit (first-parent history) that changed a portable .cs file.
last_code_change() {
    local c; c=$(git log --first-parent -1 --format=%H -- 'esp/*.cs' 'nat/*.cs' 'ike/*.cs' 'hal/*.cs' 'firmware/Core/*.cs')
    [[ -n $c ]] && git rev-parse -q --verify "$c~1" 2>/dev/null
}

case ${1:-} in
    --list) for e in "${TARGETS[@]}"; do echo "${e%%|*}"; done; exit 0 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
esac
dotnet tool restore >/dev/null || { echo "mutation: dotnet tool restore failed (dotnet-stryker, .config/dotnet-tools.json)"; exit 1; }
if [[ ${1:-} == --changed ]]; then
    shift; base=$(last_code_change) brk=60
    [[ $# -gt 0 && $1 != --break ]] && { base=$1; shift; }
    [[ ${1:-} == --break ]] && brk=$2
    changed_run "$base" "$brk"; exit $?
fi
targets=("$@"); [[ ${#targets[@]} -gt 0 ]] || targets=(esp nat ike-keys ike-wire ike-dpd hal-crypto cli)
failed=0
for t in "${targets[@]}"; do run_target "$t" || failed=1; done
exit $failed
