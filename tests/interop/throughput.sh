#!/usr/bin/env bash
# throughput.sh - tunnel throughput per gateway pair on the interop topology (issue 19):
# strongSwan<->strongSwan, NanoGate<->NanoGate and NanoGate<->strongSwan (gwA<->gwB), through the
# port-changing NAT, AES-GCM-128 ESP in UDP, IKE aes128-sha256-modp2048. Each pair gets its own
# namespaces; for each stream count, iperf3 from lanA to lanB, and each gateway's CPU time over
# the run (utime + stime of charon or the nanogate process, /proc/PID/stat).
#
#   tests/interop/throughput.sh [--seconds N] [--streams "1 4"] [--pairs "ss-ss ng-ng ng-ss"]
#
# Prints one line per pair and stream count: Mbit/s, each side's CPU in cores (CPU seconds per
# wall second), Mbit/s per core of each side, and the ratio to strongSwan<->strongSwan at the
# same stream count; the machine's load average before and after. run.sh calls it short
# (--seconds 2 --streams 1); the long form is the benchmark (docs/PERFORMANCE.md). Needs root,
# strongSwan, iperf3, and the Release build of nanogate.dll. Exit 0 when every pair was measured.
set -uo pipefail
exec </dev/null
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
for f in common topology strongswan gateway; do . "$HERE/lib/$f.sh"; done

SECONDS_EACH=5 STREAMS="1 4" PAIRS="ss-ss ng-ng ng-ss"
while [[ $# -gt 0 ]]; do
    case $1 in
        --seconds) SECONDS_EACH=$2; shift ;;
        --streams) STREAMS=$2; shift ;;
        --pairs) PAIRS=$2; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[[ $(id -u) -eq 0 ]] || { echo "throughput.sh needs root (network namespaces)" >&2; exit 2; }

mkdir -p "${TMPDIR:-/tmp}/nanogate-interop"
TOP_DIR=$(mktemp -d "${TMPDIR:-/tmp}/nanogate-interop/throughput-$(date +%Y%m%d-%H%M%S)-XXXX")
RUN_LOG=$TOP_DIR/throughput.log
MODE=main IKE_A=aes128-sha256-modp2048 IKE_B=$IKE_A ESP_A=aes128gcm16 ESP_B=$ESP_A
PSK_A='interop-psk-not-secret' PSK_B=$PSK_A ID_A=gwA.interop.test ID_B=gwB.interop.test
STATE="" CLK_TCK=$(getconf CLK_TCK)

cleanup() { [[ -n $STATE ]] && teardown_state "$STATE" && rm -rf "$STATE"; STATE=""; }
trap cleanup EXIT
trap 'exit 143' INT TERM

# cpu_ticks PID: utime + stime of the process (all its threads), in clock ticks.
cpu_ticks() {
    local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
    stat=${stat##*) }
    set -- $stat
    echo $(( ${12} + ${13} ))
}
pid_of() { awk -v l="$1" '$3 == l { p = $1 } END { print p }' "$STATE/procs"; }

# ng_start NODE: NanoGate on gwA or gwB, mirrored configurations (gwB answers gwA through the NAT).
ng_start() {
    local node=$1 dir=$RUN_DIR/$1 wan gw lan remote lnet rnet peer sub
    mkdir -p "$dir"
    if [[ $node == gwA ]]; then
        wan=$GWA_WAN gw=$NAT_IN lan=$GWA_LAN remote=$GWB_WAN lnet=$LANA_NET rnet=$LANB_NET peer=gwB
    else
        wan=$GWB_WAN gw=$NAT_OUT lan=$GWB_LAN remote=$NAT_OUT lnet=$LANB_NET rnet=$LANA_NET peer=gwA
    fi
    {
        echo "sysname $node"
        echo "interface wan address $wan/24 gateway $gw"
        echo "interface lan tun ike0 address $lan/24"
        echo "ike proposal 10"
        ng_ike_lines "$IKE_A"
        echo "ike peer $peer"
        echo " exchange-mode main"
        echo " pre-shared-key simple $PSK_A"
        echo " remote-address $remote"
        if [[ $node == gwA ]]; then echo " local-id fqdn $ID_A"; echo " remote-id fqdn $ID_B"
        else echo " local-id fqdn $ID_B"; echo " remote-id fqdn $ID_A"; fi
        echo " ike-proposal 10"
        echo " nat traversal"
        echo "ipsec proposal p1"
        ng_esp_lines "$ESP_A"
        echo "ipsec policy to-$peer"
        echo " ike-peer $peer"
        echo " proposal p1"
        echo " local-subnet $lnet"
        echo " remote-subnet $rnet"
    } >"$dir/startup.cfg"
    nsx "$node" ip tuntap add dev ike0 mode tun || return 1
    nsx "$node" ip link set ike0 mtu 1400 up
    [[ $node == gwB ]] && nsx gwB ip route del "$LANA_NET" 2>/dev/null
    nsx "$node" ip route add "$rnet" dev ike0 src "$lan"
    local -a cmd; mapfile -t cmd < <(nanogate_cmd)
    sub=$STATE/$node.console
    DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 ip netns exec "$(ns_of "$node")" "${cmd[@]}" run \
        --board linux --config "$dir/startup.cfg" --console-socket "$sub" --crypto dotnet \
        >"$dir/nanogate.log" 2>&1 </dev/null &
    register_pid $! "nanogate-$node"
    wait_for 20 test -S "$sub"
}

ss_node_start() { # NODE
    if [[ $1 == gwA ]]; then
        ss_configure gwA local_addr="$GWA_WAN" remote_addr="$GWB_WAN" mode=main ike="$IKE_A" esp="$ESP_A" \
            psk="$PSK_A" local_id="$ID_A" remote_id="$ID_B" local_ts="$LANA_NET" remote_ts="$LANB_NET"
    else
        ss_configure gwB local_addr="$GWB_WAN" remote_addr=%any mode=main ike="$IKE_B" esp="$ESP_B" \
            psk="$PSK_B" local_id="$ID_B" remote_id="$ID_A" local_ts="$LANB_NET" remote_ts="$LANA_NET"
    fi
    ss_start "$1"
}

# iperf_run STREAMS: Mbit/s at the receiver (the SUM line with several streams).
iperf_run() {
    ip netns exec "$(ns_of lanB)" iperf3 -s -1 -B "$LANB_HOST" >"$RUN_DIR/iperf-server-$1.log" 2>&1 </dev/null &
    register_pid $! iperf3-server
    wait_for 5 eval "nsx lanB ss -Htln 'sport = :5201' | grep 5201 >/dev/null" || return 1
    nsx lanA timeout $((SECONDS_EACH + 15)) iperf3 -c "$LANB_HOST" -t "$SECONDS_EACH" -P "$1" -f m >"$RUN_DIR/iperf-$1.txt" 2>&1
    stop_label iperf3-server
    awk '/receiver/ { v = $(NF - 2); found = 1 } END { print v; exit !found }' "$RUN_DIR/iperf-$1.txt"
}

declare -A RESULT=()
# run_pair PAIR: ss-ss, ng-ng or ng-ss (gwA-gwB).
run_pair() {
    local pair=$1 a b s pa pb ta0 tb0 ta1 tb1 t0 t1 mbits wall ca cb
    a=${pair%-*} b=${pair#*-}
    RUN_DIR=$TOP_DIR/$pair; mkdir -p "$RUN_DIR/gwA" "$RUN_DIR/gwB"
    local tmp=${TMPDIR:-/tmp}; ((${#tmp} > 40)) && tmp=/tmp
    STATE=$(mktemp -d "$tmp/ngi.XXXXXX"); : >>"$STATE/namespaces"; : >>"$STATE/procs"
    PREFIX=ngt$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n'); echo "$PREFIX" >"$STATE/prefix"
    topo_up change no
    if [[ $b == ss ]]; then ss_node_start gwB; else ng_start gwB; fi || { log "$pair: gwB did not start"; cleanup; return 1; }
    if [[ $a == ss ]]; then ss_node_start gwA && ss_initiate gwA 15; else ng_start gwA; fi || { log "$pair: gwA did not start"; cleanup; return 1; }
    wait_for 20 eval "nsx lanA ping -n -q -c 1 -W 1 $LANB_HOST" || { log "$pair: no tunnel"; cleanup; return 1; }
    pa=$(pid_of "$([[ $a == ss ]] && echo charon-gwA || echo nanogate-gwA)")
    pb=$(pid_of "$([[ $b == ss ]] && echo charon-gwB || echo nanogate-gwB)")
    for s in $STREAMS; do
        ta0=$(cpu_ticks "$pa") tb0=$(cpu_ticks "$pb") t0=$(date +%s%N)
        mbits=$(iperf_run "$s") || mbits=""
        ta1=$(cpu_ticks "$pa") tb1=$(cpu_ticks "$pb") t1=$(date +%s%N)
        [[ -n $mbits ]] || { log "$pair: iperf3 -P $s failed"; continue; }
        # CPU in cores over the iperf3 run (the wall time includes iperf3's start, a few 10 ms).
        wall=$(( (t1 - t0) / 1000000 ))
        ca=$(awk -v d=$((ta1 - ta0)) -v h="$CLK_TCK" -v w="$wall" 'BEGIN { printf "%.2f", d / h / (w / 1000) }')
        cb=$(awk -v d=$((tb1 - tb0)) -v h="$CLK_TCK" -v w="$wall" 'BEGIN { printf "%.2f", d / h / (w / 1000) }')
        RESULT[$pair,$s]="$mbits $ca $cb"
    done
    diagnostics
    cleanup
}

# diagnostics: where packets were lost, for the reader of the logs: each gateway's interface and
# UDP counters (RcvbufErrors), and NanoGate's own drop counters.
diagnostics() {
    local node; local -a cmd; mapfile -t cmd < <(nanogate_cmd)
    for node in gwA gwB; do
        { nsx "$node" ip -s link show; nsx "$node" cat /proc/net/snmp; } >"$RUN_DIR/$node/counters.txt" 2>&1
        [[ -S $STATE/$node.console ]] &&
            timeout 15 "${cmd[@]}" console --socket "$STATE/$node.console" -c "display ipsec statistics" >"$RUN_DIR/$node/ipsec-statistics.txt" 2>&1
    done
}

name_of() { case $1 in ss-ss) echo "strongSwan<->strongSwan" ;; ng-ng) echo "NanoGate<->NanoGate" ;; ng-ss) echo "NanoGate<->strongSwan" ;; esac; }

load0=$(cut -d' ' -f1-3 /proc/loadavg)
fails=0
for p in $PAIRS; do run_pair "$p" || fails=$((fails + 1)); done
load1=$(cut -d' ' -f1-3 /proc/loadavg)

echo "throughput (iperf3 lanA->lanB, ${SECONDS_EACH} s, AES-GCM-128 ESP in UDP, NAT change; $(nproc) cores, load average $load0 before, $load1 after):"
for s in $STREAMS; do
    for p in $PAIRS; do
        r=${RESULT[$p,$s]:-}
        if [[ -z $r ]]; then echo "  $(name_of "$p") $s stream(s): not measured"; fails=$((fails + 1)); continue; fi
        read -r m ca cb <<<"$r"
        line=$(awk -v m="$m" -v a="$ca" -v b="$cb" -v n="$(name_of "$p")" -v s="$s" 'BEGIN {
            printf "  %-24s %d stream(s): %7.0f Mbit/s; CPU gwA %.2f, gwB %.2f cores; Mbit/s per core gwA %s, gwB %s",
                n, s, m, a, b, (a > 0 ? sprintf("%.0f", m / a) : "-"), (b > 0 ? sprintf("%.0f", m / b) : "-") }')
        base=${RESULT[ss-ss,$s]:-}
        if [[ -n $base && $p != ss-ss ]]; then
            line+=$(awk -v m="$m" -v b="${base%% *}" 'BEGIN { if (b > 0) printf "; ratio to strongSwan<->strongSwan %.2f", m / b }')
        fi
        echo "$line"; log "$line"
    done
done
echo "throughput: logs in $TOP_DIR"
((fails == 0))
