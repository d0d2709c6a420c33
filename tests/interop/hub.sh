#!/usr/bin/env bash
# hub.sh - the hub scenario (issue 17): N strongSwan branches, each in its own namespaces behind
# its own NAT, to one NanoGate hub (the Linux board) at once. Run by scenario.sh when its
# arguments name --hub N (scenarios.list: hub/...), with the same contract: one line per check,
# "PASS|FAIL|NOT-RUN NAME (reason)" also in RUN_DIR/result; exit 0 pass, 1 fail, 3 not run, 2 setup error.
#
#   tests/interop/hub.sh [--hub N] [--name NAME] [--run-dir DIR] [--keep] [--limit SECONDS]
#
#   lanH 10.2.0.10 - hub 10.2.0.1 | 203.0.113.2 --- inet 203.0.113.1 | 198.51.10i.1 --- nat-i 198.51.10i.2 |
#        192.168.10i.1 --- br-i 192.168.10i.2 | 10.1i.0.1 --- lan-i 10.1i.0.10          (i = 1..N, N <= 8)
#
# Odd branches sit behind a port-preserving masquerade, even ones behind a port-changing one
# (40000-49999, random), as topology.sh's preserve and change. Branches 1-2 negotiate AES-CBC
# ESP, the rest AES-GCM; all main mode, MODP-2048, PSK with FQDN identities. Every branch is told
# to initiate at the same moment; then every lan-i pings lanH and lanH pings every lan-i, all at
# the same time, each checked on its own. inet has no route to 10.x: the pings cross only in ESP.
set -uo pipefail
exec </dev/null
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
for f in common topology strongswan gateway checks; do . "$HERE/lib/$f.sh"; done

BRANCHES=4 NAME="" RUN_DIR="" KEEP=0 UP_TIMEOUT=20
while [[ $# -gt 0 ]]; do
    case $1 in
        --hub) BRANCHES=$2; shift ;;
        --name) NAME=$2; shift ;;
        --run-dir) RUN_DIR=$2; shift ;;
        --keep) KEEP=1 ;;
        --limit) shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[[ $(id -u) -eq 0 ]] || { echo "hub.sh needs root (network namespaces)" >&2; exit 2; }
[[ $BRANCHES =~ ^[1-8]$ ]] || { echo "--hub takes 1 to 8 branches" >&2; exit 2; }
[[ -n $NAME ]] || NAME="hub/strongswan-$BRANCHES"
if [[ -z $RUN_DIR ]]; then
    mkdir -p "${TMPDIR:-/tmp}/nanogate-interop"
    RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/nanogate-interop/$(date +%Y%m%d-%H%M%S)-XXXX")
fi
RUN_LOG=$RUN_DIR/scenario.log
mkdir -p "$RUN_DIR/hub"
tmp=${TMPDIR:-/tmp}; ((${#tmp} > 40)) && tmp=/tmp
STATE=$(mktemp -d "$tmp/ngi.XXXXXX") || die "cannot create a state directory"
ln -sfn "$STATE" "$RUN_DIR/state"
: >>"$STATE/namespaces"; : >>"$STATE/procs"
PREFIX=ngi$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
echo "$PREFIX" >"$STATE/prefix"
NODES=(hub lanH inet)
for ((i = 1; i <= BRANCHES; i++)); do NODES+=("nat$i" "br$i" "lan$i"); done

finish() { local line="$1 $NAME${2:+ ($2)}"; echo "$line" >"$RUN_DIR/result"; say "$line"; }
cleanup() {
    if ((KEEP)); then
        local IFS=,
        say "kept: namespaces $PREFIX-{${NODES[*]}}; stop with: $HERE/scenario.sh --down $RUN_DIR"
    else
        teardown_state "$STATE" && rm -rf "$STATE"
    fi
}
trap cleanup EXIT
trap 'log "signal: stopping"; [[ -f $RUN_DIR/result ]] || finish FAIL "interrupted"; exit 143' INT TERM

HUB_WAN=203.0.113.2 INET_HUB=203.0.113.1 HUB_LAN=10.2.0.1 LANH_HOST=10.2.0.10 LANH_NET=10.2.0.0/24
HUB_ID=hub.interop.test
nat_out() { echo "198.51.10$1.2"; }
inet_of() { echo "198.51.10$1.1"; }
br_wan() { echo "192.168.10$1.2"; }
nat_in() { echo "192.168.10$1.1"; }
br_lan() { echo "10.1$1.0.1"; }
lan_host() { echo "10.1$1.0.10"; }
lan_net() { echo "10.1$1.0.0/24"; }
nat_kind() { (($1 % 2)) && echo preserve || echo change; }
esp_of() { (($1 <= 2)) && echo aes128-sha256 || echo aes128gcm16; }
psk_of() { echo "interop-hub-psk-$1-not-secret"; }

# The NAT of branch I: masquerade like topology.sh (preserve or change), nothing unsolicited in.
hub_nat() {
    local i=$1 masq
    if [[ $(nat_kind "$i") == preserve ]]; then
        masq="oifname \"out0\" ip saddr 192.168.10$i.0/24 masquerade"
    else
        masq="oifname \"out0\" ip saddr 192.168.10$i.0/24 meta l4proto { tcp, udp } masquerade to :$NAT_PORTS random"
    fi
    nsx "nat$i" nft -f - <<NFT || die "nft ruleset rejected on nat$i"
table ip interop {
    chain post {
        type nat hook postrouting priority srcnat; policy accept;
        $masq
    }
    chain forward_filter {
        type filter hook forward priority filter; policy drop;
        ct state established,related accept
        iifname "in0" oifname "out0" accept
    }
}
NFT
}

hub_topology() {
    local n i
    for n in "${NODES[@]}"; do topo_ns_add "$n"; done
    for n in hub inet; do nsx "$n" sysctl -qw net.ipv4.ip_forward=1 || die "cannot enable forwarding in $n"; done
    topo_link lanH eth0 "$LANH_HOST/24" hub lan0 "$HUB_LAN/24"
    topo_link hub wan0 "$HUB_WAN/24" inet h0 "$INET_HUB/24"
    nsx lanH ip route add default via "$HUB_LAN" || die "cannot route lanH"
    nsx hub ip route add default via "$INET_HUB" || die "cannot route hub"
    for ((i = 1; i <= BRANCHES; i++)); do
        for n in "nat$i" "br$i"; do nsx "$n" sysctl -qw net.ipv4.ip_forward=1 || die "cannot enable forwarding in $n"; done
        topo_link "nat$i" out0 "$(nat_out "$i")/24" inet "n$i" "$(inet_of "$i")/24"
        topo_link "br$i" wan0 "$(br_wan "$i")/24" "nat$i" in0 "$(nat_in "$i")/24"
        topo_link "lan$i" eth0 "$(lan_host "$i")/24" "br$i" lan0 "$(br_lan "$i")/24"
        nsx "lan$i" ip route add default via "$(br_lan "$i")" || die "cannot route lan$i"
        nsx "br$i" ip route add default via "$(nat_in "$i")" || die "cannot route br$i"
        nsx "nat$i" ip route add default via "$(inet_of "$i")" || die "cannot route nat$i"
        hub_nat "$i"
    done
    # The hub's TUN (NanoGate's LAN side): every branch LAN is routed into it.
    nsx hub ip tuntap add dev ike0 mode tun || die "cannot create TUN ike0 in hub"
    nsx hub ip link set ike0 mtu 1400 up
    for ((i = 1; i <= BRANCHES; i++)); do nsx hub ip route add "$(lan_net "$i")" dev ike0 src "$HUB_LAN"; done
}

hub_config() {
    local i
    echo "sysname hub"
    echo "interface wan address $HUB_WAN/24 gateway $INET_HUB"
    echo "interface lan tun ike0 address $HUB_LAN/24"
    echo "ike proposal 10"
    ng_ike_lines aes128-sha256-modp2048
    echo "ipsec proposal cbc"
    ng_esp_lines aes128-sha256
    echo "ipsec proposal gcm"
    ng_esp_lines aes128gcm16
    for ((i = 1; i <= BRANCHES; i++)); do
        echo "ike peer br$i"
        echo " exchange-mode main"
        echo " pre-shared-key simple $(psk_of "$i")"
        echo " remote-address $(nat_out "$i")"
        echo " local-id fqdn $HUB_ID"
        echo " remote-id fqdn br$i.interop.test"
        echo " ike-proposal 10"
        echo " nat traversal"
        echo "ipsec policy to-br$i"
        echo " ike-peer br$i"
        [[ $(esp_of "$i") == aes128gcm16 ]] && echo " proposal gcm" || echo " proposal cbc"
        echo " local-subnet $LANH_NET"
        echo " remote-subnet $(lan_net "$i")"
    done
}

hub_start() {
    local -a cmd
    mapfile -t cmd < <(nanogate_cmd)
    hub_config >"$RUN_DIR/hub/startup.cfg"
    NG_CONSOLE=$STATE/hub.console
    DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 ip netns exec "$(ns_of hub)" "${cmd[@]}" run \
        --board linux --config "$RUN_DIR/hub/startup.cfg" --console-socket "$NG_CONSOLE" \
        >"$RUN_DIR/hub/nanogate.log" 2>&1 </dev/null &
    register_pid $! nanogate-hub
    wait_for 20 test -S "$NG_CONSOLE" || { log "nanogate: no console socket after 20 s"; return 1; }
}

branch_start() {
    local i=$1
    ss_configure "br$i" local_addr="$(br_wan "$i")" remote_addr="$HUB_WAN" mode=main ike=aes128-sha256-modp2048 \
        esp="$(esp_of "$i")" psk="$(psk_of "$i")" local_id="br$i.interop.test" remote_id="$HUB_ID" \
        local_ts="$(lan_net "$i")" remote_ts="$LANH_NET"
    ss_start "br$i"
}

# all_up: every branch's charon has its IKE SA and CHILD SA.
all_up() { local i; for ((i = 1; i <= BRANCHES; i++)); do ss_up "br$i" || return 1; done; }

# hub_sees I: "display ike sa" has phase 1 and phase 2 ready with branch I's NAT address and the
# port its NAT kind gives (4500 kept, or one of 40000-49999).
hub_sees() {
    local i=$1 port='4500' file=$RUN_DIR/hub/display-ike-sa.txt
    [[ $(nat_kind "$i") == change ]] && port='4[0-9]{4}'
    grep -Eq "$(nat_out "$i"):$port[[:space:]].*RD.*[[:space:]](v1:)?1[[:space:]]*\$" "$file" &&
        grep -Eq "$(nat_out "$i"):$port[[:space:]].*RD.*[[:space:]](v1:)?2[[:space:]]*\$" "$file"
}

say "scenario: $NAME ($BRANCHES strongSwan branches behind NATs, one NanoGate hub)"
say "run dir: $RUN_DIR"
if ! why=$(gw_nanogate_available); then finish NOT-RUN "$why"; exit 3; fi
[[ -x $CHARON ]] || { finish NOT-RUN "charon not installed"; exit 3; }

t0=$SECONDS
hub_topology
capture_start inet h0 "$RUN_DIR/inet-h0.pcap"
hub_start || { finish FAIL "the NanoGate hub did not start"; exit 1; }
for ((i = 1; i <= BRANCHES; i++)); do
    branch_start "$i" || { finish FAIL "branch $i (strongSwan) did not start"; exit 1; }
done
log "topology, hub and $BRANCHES branches up after $((SECONDS - t0)) s"

# All branches initiate at the same moment (swanctl --initiate in parallel).
t_init=$(date +%s%N)
initiators=()
for ((i = 1; i <= BRANCHES; i++)); do ss_initiate "br$i" 15 & initiators+=($!); done
if wait_for "$UP_TIMEOUT" all_up; then
    say "  ok    all $BRANCHES tunnels up $(( ($(date +%s%N) - t_init) / 1000000 )) ms after the branches were started together"
else
    say "  FAIL  not every tunnel up within $UP_TIMEOUT s"; CHECK_FAILS=1
fi
wait "${initiators[@]}"
for ((i = 1; i <= BRANCHES; i++)); do
    check "br$i (swanctl --list-sas): IKEv1 ESTABLISHED, CHILD INSTALLED in UDP, $(esp_of "$i")" ss_up "br$i"
done
ng_console "display ike sa" >"$RUN_DIR/hub/display-ike-sa.txt"
for ((i = 1; i <= BRANCHES; i++)); do
    check "hub shows br$i's IKE and IPsec SAs from $(nat_out "$i") (NAT $(nat_kind "$i"))" hub_sees "$i"
done

# Every branch pings the hub's LAN and the hub's LAN pings every branch, all at once.
declare -A ping_pid=()
for ((i = 1; i <= BRANCHES; i++)); do
    nsx "lan$i" ping -n -q -c 5 -i 0.2 -W 1 -w 6 "$LANH_HOST" >"$RUN_DIR/ping-lan$i-to-lanH.txt" 2>&1 &
    ping_pid[up$i]=$!
    nsx lanH ping -n -q -c 5 -i 0.2 -W 1 -w 6 "$(lan_host "$i")" >"$RUN_DIR/ping-lanH-to-lan$i.txt" 2>&1 &
    ping_pid[down$i]=$!
done
for ((i = 1; i <= BRANCHES; i++)); do
    check "ping lan$i -> lanH through the tunnel (alongside the others)" wait "${ping_pid[up$i]}"
    check "ping lanH -> lan$i through the tunnel (alongside the others)" wait "${ping_pid[down$i]}"
done
ng_console "display ike statistics" >"$RUN_DIR/hub/display-ike-statistics.txt"

# The internet saw only IKE and ESP in UDP between the NATs and the hub: no ICMP, no 10.x.
stop_label capture-inet-h0
inet_clean() {
    local f=$RUN_DIR/inet-h0.pcap esp other i
    other=$(pcap_count "$f" 'ip and not (udp port 500 or udp port 4500)')
    log "inet h0: $other packets other than IKE and ESP in UDP"
    ((other == 0)) || return 1
    for ((i = 1; i <= BRANCHES; i++)); do
        esp=$(pcap_count "$f" "src host $(nat_out "$i") and udp port 4500 and udp[8:4] != 0")
        log "inet h0: $esp ESP-in-UDP packets from br$i's NAT"
        ((esp >= 10)) || return 1
    done
}
check "capture between the internet and the hub: ESP in UDP from every branch NAT (10 pings each), nothing but IKE and ESP" inet_clean

if ((CHECK_FAILS == 0)); then
    finish PASS "$((SECONDS - t0)) s"; exit 0
fi
finish FAIL "$CHECK_FAILS checks failed; see $RUN_DIR/scenario.log"; exit 1
