# checks.sh - what a scenario asserts. Each check prints one "  ok|FAIL  what" line and returns
# non-zero on failure; check_fail counts failures for the scenario verdict.

CHECK_FAILS=0
check() { # check "what" COMMAND...
    local what=$1; shift
    if "$@"; then say "  ok    $what"; else say "  FAIL  $what"; CHECK_FAILS=$((CHECK_FAILS + 1)); fi
    return 0
}

# What gwA's address and ports look like from outside: none (192.168.100.2:500/4500), preserve
# (203.0.113.1:500/4500) or change (203.0.113.1:40000-49999). When gwB initiates through the
# port-forward the flows are inbound, so their ports stay 500/4500 even behind the changing NAT.
nat_ports() {
    if [[ $NAT == change && $INITIATOR == B ]]; then echo preserve; else echo "$NAT"; fi
}

# gwB's view: an IKEv1 SA ESTABLISHED, its CHILD SA INSTALLED as tunnel over UDP with the expected
# ESP transform, and gwA seen at the address/port the NAT mode predicts.
gwb_sas_ok() {
    local sas want_esp peer
    sas=$(ss_list gwB); printf '%s\n' "$sas" >"$RUN_DIR/gwB/list-sas.txt"
    grep -q 'ESTABLISHED, IKEv1' <<<"$sas" || { log "gwB: no ESTABLISHED IKEv1 SA"; return 1; }
    case $ESP_B in
        aes128-sha256*) want_esp='ESP:AES_CBC-128/HMAC_SHA2_256_128' ;;
        aes128gcm16*) want_esp='ESP:AES_GCM_16-128' ;;
    esac
    [[ $ESP_B == *-modp2048 ]] && want_esp+='/MODP_2048'
    grep -Eq "INSTALLED, TUNNEL-in-UDP, $want_esp(,|\$)" <<<"$sas" ||
        { log "gwB: no CHILD SA INSTALLED, TUNNEL-in-UDP, $want_esp"; return 1; }
    peer=$(sed -n "s/^ *remote '[^']*' @ \([0-9.]*\)\[\([0-9]*\)\].*/\1 \2/p" <<<"$sas" | head -1)
    log "gwB sees gwA at $peer"
    set -- $peer
    case $(nat_ports) in
        none) [[ $1 == "$GWA_WAN" && $2 == 4500 ]] ;;
        preserve) [[ $1 == "$NAT_OUT" && $2 == 4500 ]] ;;
        change) [[ $1 == "$NAT_OUT" && $2 -ge 40000 && $2 -le 49999 ]] ;;
    esac || { log "gwB sees gwA at $peer, not what NAT mode $NAT ($(nat_ports)) predicts"; return 1; }
}

# ping_ok FROM_NODE TO_ADDR: every one of 3 echo requests answered within 5 s.
ping_ok() { nsx "$1" ping -n -q -c 3 -i 0.2 -W 1 -w 5 "$2" >>"$RUN_LOG" 2>&1; }
# ping_fails FROM_NODE TO_ADDR: the namespace works, ping ran and sent at least 3 echo requests
# (-w keeps it sending while none is answered), and none was answered (1 of 3 is not a failure to
# reach; a namespace error is not a refusal).
ping_fails() {
    local out sent got
    nsx "$1" true 2>>"$RUN_LOG" || { log "ping_fails: namespace of $1 is not usable"; return 1; }
    out=$(nsx "$1" ping -n -q -c 3 -i 0.5 -W 1 -w 3 "$2" 2>&1)
    printf '%s\n' "$out" >>"$RUN_LOG"
    sent=$(sed -nE 's/^([0-9]+) packets transmitted, ([0-9]+) received.*/\1/p' <<<"$out")
    got=$(sed -nE 's/^([0-9]+) packets transmitted, ([0-9]+) received.*/\2/p' <<<"$out")
    [[ -n $sent && $sent -ge 3 && $got == 0 ]] || { log "ping_fails: ${sent:-no} requests sent, ${got:-no summary} answered"; return 1; }
}

# pcap_count PCAP BPF_FILTER: number of captured packets matching a tcpdump filter; -1 (which
# fails both "none" and "some") when the capture cannot be read.
pcap_count() {
    local out
    out=$(timeout 30 tcpdump -r "$1" -n "$2" 2>>"$RUN_LOG") || { log "capture: tcpdump -r $1 failed"; echo -1; return 1; }
    grep -c . <<<"$out"
}

# BPF for the capture checks. UDP payload starts at udp[8]. On port 4500 a payload starting with
# four zero bytes is IKE behind the non-ESP marker (RFC 3948), anything else is ESP (the SPI).
# The ISAKMP exchange type is byte 18 of the ISAKMP header (RFC 2408 3.1).
BPF_LEAK='ip and (icmp or net 10.0.0.0/8 or not (udp port 500 or udp port 4500))'
BPF_ESP='udp port 4500 and udp[8:4] != 0'
bpf_exchange() { echo "(udp port 500 and udp[26] == $1) or (udp port 4500 and udp[8:4] == 0 and udp[30] == $1)"; }

# The capture on nat's outside: only UDP 500/4500 (IKE and ESP-in-UDP), no ICMP, no 10.x address,
# ESP packets present, the phase 1 exchange type the scenario asked for (2 identity protection =
# main mode, 4 aggressive), and gwA's public address/ports as the NAT mode predicts.
capture_ok() {
    local pcap=$1 n want=2 other=4 src ports bad
    n=$(pcap_count "$pcap" "$BPF_LEAK")
    [[ $n -eq 0 ]] || { log "capture: $n packets other than UDP 500/4500 or with ICMP/10.x"; return 1; }
    n=$(pcap_count "$pcap" "$BPF_ESP")
    [[ $n -gt 0 ]] || { log "capture: no ESP packet"; return 1; }
    [[ $MODE == aggressive ]] && want=4 other=2
    [[ $(pcap_count "$pcap" "$(bpf_exchange $want)") -gt 0 && $(pcap_count "$pcap" "$(bpf_exchange $other)") -eq 0 ]] ||
        { log "capture: phase 1 is not exchange type $want"; return 1; }
    src=$NAT_OUT; [[ $NAT == none ]] && src=$GWA_WAN
    # "IP 203.0.113.1.45310 > 203.0.113.2.500: ..." -> "203.0.113.1 45310"
    ports=$(timeout 30 tcpdump -r "$pcap" -n "ip dst $GWB_WAN and udp" 2>/dev/null |
        awk '{ a = $3; p = a; sub(/\.[0-9]+$/, "", a); sub(/.*\./, "", p); print a, p }' | sort -u)
    log "capture: gwA side seen as: $(tr '\n' ' ' <<<"$ports")"
    bad=$(awk -v src="$src" -v nat="$(nat_ports)" '
        $1 != src { print; next }
        nat == "change" && ($2 < 40000 || $2 > 49999) { print; next }
        nat != "change" && $2 != 500 && $2 != 4500 { print }' <<<"$ports")
    [[ -n $ports && -z $bad ]] || { log "capture: unexpected gwA source $bad"; return 1; }
}

# gwb_refused REASON: gwB's charon log shows the refusal the negative scenario set up, so the
# tunnel failed for that reason on the wire (not because gwA never tried).
gwb_refused() {
    local pattern
    case $1 in
        psk) pattern='decryption failed\?|AUTHENTICATION_FAILED|INVALID_HASH_INFORMATION' ;;
        p1) pattern='no proposal found' ;;
        p2|pfs) pattern='no matching proposal found, sending NO_PROPOSAL_CHOSEN' ;;
        ts) pattern='no matching CHILD_SA config found' ;;
    esac
    grep -Eq "$pattern" "$RUN_DIR/gwB/charon.log"
}

# No leak even when the tunnel is down: nothing but IKE on the wire, no ESP, no ICMP, no 10.x.
# The capture must be readable and hold the IKE exchange (gwA's and gwB's messages) first:
# an empty or broken capture shows no leak either.
capture_no_tunnel_ok() {
    local n ike="(udp port 500 and udp[8:4] != 0) or (udp port 4500 and udp[8:4] == 0)"
    n=$(pcap_count "$1" "($ike) and src $GWB_WAN")
    [[ $n -gt 0 ]] || { log "capture: no IKE message from gwB ($n): the capture does not show the exchange"; return 1; }
    n=$(pcap_count "$1" "($ike) and dst $GWB_WAN")
    [[ $n -gt 0 ]] || { log "capture: no IKE message to gwB ($n): the capture does not show the exchange"; return 1; }
    n=$(pcap_count "$1" "($BPF_LEAK) or ($BPF_ESP)")
    [[ $n -eq 0 ]] || { log "capture: $n packets other than IKE"; return 1; }
}

# iperf3 NODE_FROM ADDR_TO SECONDS: one TCP stream; prints receiver Mbit/s.
iperf_mbits() {
    local from=$1 to=$2 secs=$3 out
    rm -f "$RUN_DIR/iperf-server.log"
    ip netns exec "$(ns_of lanB)" iperf3 -s -1 -B "$to" >"$RUN_DIR/iperf-server.log" 2>&1 </dev/null &
    register_pid $! iperf3-server
    # (its output to a file is buffered, so look for the listening socket instead)
    wait_for 5 eval "nsx lanB ss -Htln 'sport = :5201' | grep 5201 >/dev/null" || { log "iperf3 server did not start"; return 1; }
    out=$(nsx "$from" timeout $((secs + 15)) iperf3 -c "$to" -t "$secs" -P 1 -f m 2>&1)
    printf '%s\n' "$out" >>"$RUN_DIR/iperf.txt"
    stop_label iperf3-server
    awk '/receiver/ { print $(NF - 2); found = 1 } END { exit !found }' <<<"$out"
}
