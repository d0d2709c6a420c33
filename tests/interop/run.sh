#!/usr/bin/env bash
# run.sh - the interop suite (issue #9): every scenario in scenarios.list, each in its own
# network namespaces, bounded and torn down; one PASS/FAIL/NOT-RUN line per scenario and a
# closing line "interop: N passed, M failed, K not run".
#
#   tests/interop/run.sh [--list] [PATTERN...]     PATTERN: shell glob on scenario names,
#                                                  e.g. 'strongswan/*' or '*negative*'
# Needs root. Installs missing packages with apt-get. Expects the host build done (the NanoGate
# side runs $NANOGATE_CMD, default dotnet firmware/Host/bin/Release/net10.0/nanogate.dll).
# Exit 0 only when every selected scenario ran and passed: a NOT-RUN fails the suite like a FAIL.
# Each scenario is killed after INTEROP_SCENARIO_LIMIT s (90) or the --limit its line names.
set -uo pipefail
exec </dev/null
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/common.sh"

SCENARIO_LIMIT=${INTEROP_SCENARIO_LIMIT:-90}   # seconds per scenario (unless its line says --limit N), then it is killed
SUITE_LIMIT=${INTEROP_SUITE_LIMIT:-1200}       # no scenario starts after this many seconds
PACKAGES=(strongswan-charon strongswan-swanctl libcharon-extra-plugins libstrongswan-extra-plugins
          nftables iproute2 iputils-ping tcpdump iperf3
          # Libreswan's libraries and tools (its own .deb is unpacked, not installed: lib/libreswan.sh)
          libnss3-tools libunbound8 libldns3 libevent-core-2.1-7 libevent-pthreads-2.1-7 libcurl3-nss
          python3-cryptography gcc)

list_only=0 patterns=()
for a in "$@"; do
    case $a in
        --list) list_only=1 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) patterns+=("$a") ;;
    esac
done

# name<TAB>args for each selected scenario
selected() {
    local name rest p
    while read -r name rest; do
        [[ -z $name || $name == \#* ]] && continue
        if [[ ${#patterns[@]} -gt 0 ]]; then
            for p in "${patterns[@]}"; do [[ $name == $p ]] && break; done
            [[ $name == $p ]] || continue
        fi
        printf '%s\t%s\n' "$name" "$rest"
    done <"$HERE/scenarios.list"
}
if ((list_only)); then selected | cut -f1; exit 0; fi

if [[ $(id -u) -ne 0 ]]; then
    echo "interop: needs root (it creates network namespaces and runs charon); run as root"
    echo "interop: 0 passed, 1 failed, 0 not run"
    exit 1
fi

install_missing() {
    local p missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    echo "interop: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 apt-get update -q >/dev/null || { echo "interop: apt-get update failed"; return 1; }
    timeout 900 apt-get install -y -q "${missing[@]}" >/dev/null ||
        { echo "interop: apt-get install ${missing[*]} failed"; return 1; }
}
if ! install_missing; then
    echo "interop: 0 passed, 1 failed, 0 not run"
    exit 1
fi

mkdir -p "${TMPDIR:-/tmp}/nanogate-interop"
SUITE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/nanogate-interop/suite-$(date +%Y%m%d-%H%M%S)-XXXX")
RUN_LOG=$SUITE_DIR/suite.log
echo "interop: run directory $SUITE_DIR"

# Scenarios that fail today because of a known NanoGate defect whose fix is under way elsewhere
# (issue #20, fixes 1 and 2 on the ike branch). They assert the correct behaviour and still count
# as FAIL; the suite marks them so a reader can tell them from a regression. Remove a line when
# its scenario passes.
KNOWN_FAILURES=(
    "libreswan/negative/wrong-psk|#20 fix 1: as initiator the wrong PSK is named only after the retransmission budget (Libreswan answers a bad MM5 with no notify, it resends MM4)"
    "libreswan/negative/wrong-psk/init-B|#20 fix 2: as responder a bad MM5 is recorded as 'malformed payload', not as a PSK mismatch"
)
known_failure() { local k; for k in "${KNOWN_FAILURES[@]}"; do [[ ${k%%|*} == "$1" ]] && { echo "${k#*|}"; return 0; }; done; return 1; }

passed=0 failed=0 not_run=0 known=0 child="" current="" interrupted=0
declare -a lines=()

on_signal() {
    interrupted=1
    [[ -n $child ]] && kill -TERM "$child" 2>/dev/null
}
trap on_signal INT TERM

report() { # VERDICT NAME REASON
    local line="$1 $2${3:+ ($3)}"
    echo "$line"; lines+=("$line"); log "$line"
    local why
    if [[ $1 == FAIL ]] && why=$(known_failure "$2"); then
        known=$((known + 1)); line="    known NanoGate defect, expected to pass after the ike merge: $why"
        echo "$line"; lines+=("$line"); log "$line"
    fi
    case $1 in
        PASS) passed=$((passed + 1)) ;;
        FAIL) failed=$((failed + 1)) ;;
        NOT-RUN) not_run=$((not_run + 1)) ;;
    esac
}

t_suite=$SECONDS
while IFS=$'\t' read -r name args; do
    if ((interrupted)); then report NOT-RUN "$name" "interrupted"; continue; fi
    if ((SECONDS - t_suite > SUITE_LIMIT)); then report NOT-RUN "$name" "suite time limit ${SUITE_LIMIT} s reached"; continue; fi
    dir=$SUITE_DIR/${name//\//_}
    read -r -a argv <<<"$args"
    # A scenario that runs longer by design (the rekey ones) names its own limit: --limit N.
    limit=$SCENARIO_LIMIT
    for ((i = 0; i < ${#argv[@]} - 1; i++)); do [[ ${argv[i]} == --limit ]] && limit=${argv[i + 1]}; done
    # timeout runs the scenario in its own process group: TERM after the limit (the scenario's
    # trap tears down), KILL 15 s later; the teardown below covers even a KILL.
    timeout -k 15 "$limit" "$HERE/scenario.sh" --name "$name" --run-dir "$dir" "${argv[@]}" \
        >"$dir.out" 2>&1 &
    child=$!
    wait "$child"; rc=$?
    # wait returns early when a signal arrives; wait again (bounded by timeout -k) for the exit.
    while kill -0 "$child" 2>/dev/null; do wait "$child"; rc=$?; done
    child=""
    teardown_state "$dir/state"
    state=$(readlink "$dir/state") && [[ $state == */ngi.* ]] && rm -rf "$state"
    result=$(cat "$dir/result" 2>/dev/null)
    if [[ $rc -eq 124 || $rc -eq 137 ]]; then
        report FAIL "$name" "timed out after $limit s; see $dir"
    elif ((interrupted)); then
        report NOT-RUN "$name" "interrupted"
    elif [[ -n $result ]]; then
        verdict=${result%% *} reason=""
        [[ $result == *"("*")" ]] && reason=${result#*(} && reason=${reason%)}
        report "$verdict" "$name" "$reason"
        [[ $verdict == FAIL ]] && grep '^  FAIL' "$dir.out" | sed 's/^/      /'
    else
        report FAIL "$name" "no result (exit $rc); see $dir.out"
    fi
done < <(selected)

# Throughput: both tunnels measured in this run, and their ratio.
ss_mbits=$(cat "$SUITE_DIR/strongswan_throughput/throughput" 2>/dev/null)
ng_mbits=$(cat "$SUITE_DIR/nanogate_throughput/throughput" 2>/dev/null)
if [[ -n $ss_mbits || -n $ng_mbits ]]; then
    line="throughput lanA->lanB (iperf3 -t 5, 1 TCP stream): strongSwan<->strongSwan ${ss_mbits:-not measured}"
    line+="${ss_mbits:+ Mbit/s}, NanoGate<->strongSwan ${ng_mbits:-not measured}${ng_mbits:+ Mbit/s}"
    [[ -n $ss_mbits && -n $ng_mbits ]] &&
        line+=$(awk -v a="$ng_mbits" -v b="$ss_mbits" 'BEGIN { printf ", ratio NanoGate/strongSwan %.2f", a / b }')
    echo "$line"; log "$line"
fi
echo "interop: logs, configs and captures in $SUITE_DIR ($((SECONDS - t_suite)) s)"
echo "interop: $passed passed, $failed failed, $not_run not run"
((known > 0)) && echo "interop: $known of the failures are known NanoGate defects (KNOWN_FAILURES in run.sh)"
((interrupted)) && exit 130
# Every scenario must run and pass: a NOT-RUN (a gateway that cannot start, the time limit, an
# interrupt) fails the suite like a FAIL.
((failed == 0 && not_run == 0 && passed > 0))
