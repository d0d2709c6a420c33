# peer.sh - the real peer on gwB, pluggable (issue #20): PEER=strongswan (charon with
# kernel-libipsec, lib/strongswan.sh) or PEER=libreswan (pluto 4.10, lib/libreswan.sh). The
# scenario calls peer_*; each dispatches to the peer's own way of configuring, starting, asking
# and checking. gwB always holds the reference configuration (a negative scenario changes gwB).

peer_available() { [[ $PEER == strongswan ]] || lsw_available; }

# peer_configure REMOTE_ADDR: the scenario's gwB configuration (IKE_B, ESP_B, PSK_B, ...).
peer_configure() {
    if [[ $PEER == strongswan ]]; then
        ss_configure gwB local_addr="$GWB_WAN" remote_addr="$1" mode="$MODE" ike="$IKE_B" \
            esp="$ESP_B" psk="$PSK_B" local_id="$ID_B" remote_id="$ID_A" local_ts="$LANB_NET" \
            remote_ts="$TS_B_REMOTE" "${SS_B_OPTS[@]}"
    else
        lsw_configure remote_addr="$1" mode="$MODE" ike="$IKE_B" esp="$ESP_B" psk="$PSK_B" \
            local_id="$ID_B" remote_id="$ID_A" local_ts="$LANB_NET" remote_ts="$TS_B_REMOTE" "${LSW_B_OPTS[@]}"
    fi
}
peer_start() { if [[ $PEER == strongswan ]]; then ss_start gwB; else lsw_start; fi; }
peer_initiate() { if [[ $PEER == strongswan ]]; then ss_initiate gwB "$1"; else lsw_initiate; fi; }
peer_up() { if [[ $PEER == strongswan ]]; then ss_up gwB; else lsw_up; fi; }
peer_sas_ok() { if [[ $PEER == strongswan ]]; then gwb_sas_ok; else lsw_sas_ok; fi; }
peer_refused() { if [[ $PEER == strongswan ]]; then gwb_refused "$1"; else lsw_refused "$1"; fi; }
peer_no_child() {
    if [[ $PEER == strongswan ]]; then
        ! ss_list gwB | tee "$RUN_DIR/gwB/list-sas.txt" | grep -q INSTALLED
    else
        lsw_status >"$RUN_DIR/gwB/whack-status.txt"
        ! grep -q 'IPsec SA established' "$RUN_DIR/gwB/whack-status.txt" && ! grep -q '^newsa\|^updsa' "$RUN_DIR/gwB/xfrm.log"
    fi
}

# ---- Libreswan's checks ------------------------------------------------------------------------

# lsw_sas_ok: pluto's view (whack --status) has an ISAKMP SA and an IPsec SA established, the SA
# pluto gave the kernel is ESP in UDP encapsulation (type 2, ESPINUDP) with the expected
# algorithms, and gwA is where the NAT mode puts it.
lsw_sas_ok() {
    local st sa want peer
    st=$(lsw_status); printf '%s\n' "$st" >"$RUN_DIR/gwB/whack-status.txt"
    grep -Eq '\((IKE|ISAKMP) SA established\)' <<<"$st" || { log "gwB: no ISAKMP SA established"; return 1; }
    grep -q 'IPsec SA established' <<<"$st" || { log "gwB: no IPsec SA established"; return 1; }
    sa=$(grep -E '^(newsa|updsa)' "$RUN_DIR/gwB/xfrm.log" | grep " src=$GWB_WAN " | tail -1)
    [[ -n $sa ]] || { log "gwB: no outbound SA given to the kernel"; return 1; }
    case $ESP_B in
        aes128-sha256*) want=' enc=(aes|cbc\(aes\)):[0-9a-f]{32}( |$)' ;;
        aes128gcm16*) want=' aead=rfc4106\(gcm\(aes\)\):128:[0-9a-f]{40}( |$)' ;;
    esac
    # CBC: AES-128 with HMAC-SHA-256 truncated to 128 bits (RFC 4868); GCM: a 16-byte key with its
    # 4-byte salt (RFC 4106) and no auth algorithm.
    if [[ $ESP_B == aes128gcm16* ]]; then
        grep -Eq "$want" <<<"$sa" && ! grep -q ' auth=' <<<"$sa"
    else
        grep -Eq "$want" <<<"$sa" && grep -Eq ' auth=hmac\(sha256\):128:[0-9a-f]{64}( |$)' <<<"$sa"
    fi || { log "gwB: outbound SA is not $ESP_B: $(cut -c1-60 <<<"$sa")"; return 1; }
    # PFS (RFC 2409 5.5): pluto's quick mode carries its own KE payload, 256 bytes for MODP-2048;
    # without PFS it carries none.
    local qm
    qm=$(sed -n '/responding to Quick Mode\|initiating Quick Mode/,$p' "$RUN_DIR/gwB/pluto.log")
    if [[ $ESP_B == *-modp2048 ]]; then
        grep -q 'emitting 256 raw bytes of keyex value' <<<"$qm" ||
            { log "gwB: no MODP-2048 KE payload in its quick mode (no PFS)"; return 1; }
    else
        ! grep -q 'raw bytes of keyex value' <<<"$qm" || { log "gwB: a KE payload in quick mode without PFS"; return 1; }
    fi
    peer=$(sed -n 's/.* dst=\([0-9.]*\) .*encap=2:4500:\([0-9]*\).*/\1 \2/p' <<<"$sa")
    log "gwB sends ESP to gwA at $peer"
    set -- $peer
    [[ $# -eq 2 ]] || { log "gwB: the outbound SA has no UDP encapsulation"; return 1; }
    case $(nat_ports) in
        none) [[ $1 == "$GWA_WAN" && $2 == 4500 ]] ;;
        preserve) [[ $1 == "$NAT_OUT" && $2 == 4500 ]] ;;
        change) [[ $1 == "$NAT_OUT" && $2 -ge 40000 && $2 -le 49999 ]] ;;
    esac || { log "gwB sees gwA at $peer, not what NAT mode $NAT ($(nat_ports)) predicts"; return 1; }
}

# lsw_refused REASON: pluto's log shows the tunnel failed for the reason the negative scenario set
# up. As responder pluto refuses by itself; as initiator (init-B) it shows gwA's refusal: the
# notify gwA sent, or (wrong PSK) its message 5 never answered with a message 6.
lsw_refused() {
    local pattern
    if [[ $INITIATOR == A ]]; then
        case $1 in
            psk) pattern='probable authentication failure \(mismatch of preshared secrets\?\)' ;;
            p1) pattern='no acceptable Oakley Transform|NO_PROPOSAL_CHOSEN' ;;
            p2|pfs) pattern='no acceptable Proposal|NO_PROPOSAL_CHOSEN' ;;
            ts) pattern='cannot respond to IPsec SA request because no connection is known' ;;
        esac
    else
        case $1 in
            psk) pattern='STATE_MAIN_I3: retransmission|AUTHENTICATION_FAILED|INVALID_HASH_INFORMATION' ;;
            p1) pattern='NO_PROPOSAL_CHOSEN' ;;
            p2|pfs) pattern='NO_PROPOSAL_CHOSEN' ;;
            ts) pattern='INVALID_ID_INFORMATION|NO_PROPOSAL_CHOSEN' ;;
        esac
    fi
    grep -Eq "$pattern" "$RUN_DIR/gwB/pluto.log" && ! grep -q '(IKE SA established).*STATE_MAIN_I4\|IPsec SA established' "$RUN_DIR/gwB/pluto.log"
}

# lsw_datapath: the data path with pluto's keys (libreswan/esp-probe.py; pluto cannot run ESP
# here). gwB sends ICMP echo requests lanB -> lanA as ESP built with pluto's newest outbound SA;
# they must reach lanA (a capture on lanA's eth0), and lanA's replies must come back from NanoGate
# as ESP that pluto's inbound SA authenticates and decrypts (a full-size capture on gwB's wan0).
lsw_datapath() {
    local pcap_a=$RUN_DIR/lanA-eth0.pcap pcap_b=$RUN_DIR/gwB-wan0-esp.pcap out=$RUN_DIR/esp-probe.txt n
    capture_start lanA eth0 "$pcap_a"
    ip netns exec "$(ns_of gwB)" tcpdump -i wan0 -n -s 0 -U -Z root --immediate-mode -w "$pcap_b" \
        'udp port 4500 and udp[8:4] != 0' >"$pcap_b.log" 2>&1 </dev/null &
    register_pid $! capture-gwB-wan0
    wait_for 5 grep -q "listening on" "$pcap_b.log" || { log "tcpdump on gwB/wan0 did not start"; return 1; }
    nsx gwB timeout 20 python3 "$HERE/libreswan/esp-probe.py" send --xfrm-log "$RUN_DIR/gwB/xfrm.log" \
        --src "$GWB_WAN" --inner-src "$LANB_HOST" --inner-dst "$LANA_HOST" --count 3 \
        --first-seq "${LSW_SEQ:-1}" >>"$out" 2>&1 || log "esp-probe send failed: $(tail -2 "$out")"
    LSW_SEQ=$(( ${LSW_SEQ:-1} + 3 ))
    sleep 1.5
    stop_label capture-lanA-eth0; stop_label capture-gwB-wan0
    n=$(pcap_count "$pcap_a" "icmp and src $LANB_HOST and dst $LANA_HOST and icmp[icmptype] == icmp-echo")
    log "lanA received $n of 3 echo requests sent as ESP with gwB's outbound keys"
    timeout 30 python3 "$HERE/libreswan/esp-probe.py" decrypt --xfrm-log "$RUN_DIR/gwB/xfrm.log" \
        --dst "$GWB_WAN" --pcap "$pcap_b" >>"$out" 2>&1
    local replies; replies=$(grep -c "^ok .*: $LANA_HOST -> $LANB_HOST icmp echo reply" "$out")
    log "gwB's inbound keys decrypt $replies echo replies from NanoGate ($(tail -1 "$out"))"
    [[ $n -ge 3 && $replies -ge 3 ]] && ! grep -q '^FAIL' "$out"
}

# ---- the life of a tunnel against Libreswan (--then) -------------------------------------------
LSW_B_OPTS=()
lsw_life_check() { [[ $THEN == none ]]; }
