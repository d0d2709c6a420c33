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
# peer_no_child: the peer answered (charon through vici: --stats and --list-sas succeed; pluto:
# whack --status lists its connection) and shows no CHILD SA. An unreachable daemon is a failure.
peer_no_child() {
    if [[ $PEER == strongswan ]]; then
        ss_swanctl gwB --stats >"$RUN_DIR/gwB/stats.txt" 2>&1 && grep -q 'uptime' "$RUN_DIR/gwB/stats.txt" ||
            { log "gwB: charon did not answer swanctl --stats"; return 1; }
        ss_swanctl gwB --list-sas >"$RUN_DIR/gwB/list-sas.txt" 2>&1 || { log "gwB: swanctl --list-sas failed"; return 1; }
        no_match "$RUN_DIR/gwB/list-sas.txt" INSTALLED
    else
        lsw_status >"$RUN_DIR/gwB/whack-status.txt" && [[ -s $RUN_DIR/gwB/whack-status.txt ]] ||
            { log "gwB: pluto did not answer whack --status"; return 1; }
        no_match "$RUN_DIR/gwB/whack-status.txt" 'IPsec SA established' && no_match "$RUN_DIR/gwB/xfrm.log" '^(newsa|updsa)'
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
    # and nothing got further than the refusal allows: no IPsec SA; with a wrong PSK, no ISAKMP SA
    local further='IPsec SA established'
    [[ $1 == psk ]] && further='SA established'
    grep -Eq "$pattern" "$RUN_DIR/gwB/pluto.log" && no_match "$RUN_DIR/gwB/pluto.log" "$further"
}

# lsw_datapath: the data path with pluto's keys (libreswan/esp-probe.py; pluto cannot run ESP
# here). gwB sends ICMP echo requests lanB -> lanA as ESP built with pluto's newest outbound SA;
# they must reach lanA (a capture on lanA's eth0), and lanA's replies must come back from NanoGate
# as ESP that pluto's inbound SA authenticates and decrypts (a full-size capture on gwB's wan0).
lsw_datapath() {
    LSW_PROBE=$(( ${LSW_PROBE:-0} + 1 ))
    local pcap_a=$RUN_DIR/lanA-eth0-$LSW_PROBE.pcap pcap_b=$RUN_DIR/gwB-wan0-esp-$LSW_PROBE.pcap
    local out=$RUN_DIR/esp-probe-$LSW_PROBE.txt n in_spi
    # the replies must come under pluto's newest inbound SA (the one gwA must use now)
    in_spi=$(grep -E '^(newsa|updsa)' "$RUN_DIR/gwB/xfrm.log" | grep " dst=$GWB_WAN " | tail -1 | sed 's/.*spi=\([0-9a-f]*\).*/\1/')
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
    local replies; replies=$(grep -c "^ok spi 0x$in_spi seq [0-9]*: $LANA_HOST -> $LANB_HOST icmp echo reply" "$out")
    log "gwB's newest inbound SA (0x$in_spi) decrypts $replies echo replies from NanoGate ($(tail -1 "$out"))"
    [[ $n -ge 3 && $replies -ge 3 ]] && ! grep -q '^FAIL' "$out"
}

# ---- the life of a tunnel against Libreswan (--then) -------------------------------------------
# dpd:     pluto probes (dpddelay 5 s, dpdtimeout 15 s, dpdaction clear); NanoGate must answer.
# dpd-a:   NanoGate probes after 10 s idle (dpd interval 10 retry 2); pluto must answer.
# rekey-b: pluto rekeys the IPsec SA at 30 s (salifetime 60 s, rekeymargin 30 s); NanoGate's own
#          lifetime is 120 s, so pluto is first.
LSW_B_OPTS=()
lsw_life_configure() {
    case $THEN in
        none) ;;
        dpd) LSW_B_OPTS=(dpd_delay=${DPD_DELAY}s dpd_timeout=15s dpd_action=clear) ;;
        dpd-a) NG_DPD_INTERVAL=10 NG_DPD_RETRY=2 ;;
        rekey-b) LIFE_A=120 LSW_B_OPTS=(salifetime=60s rekeymargin=30s) ;;
    esac
}
lsw_life_check() {
    case $THEN in
        none) ;;
        dpd) lsw_life_dpd ;;
        dpd-a) lsw_life_dpd_a ;;
        rekey-b) lsw_life_rekey ;;
    esac
}

# lsw_counts: "IKE IPSEC", the established SAs in whack --status.
lsw_counts() {
    local st; st=$(lsw_status)
    echo "$(grep -Ec '\((IKE|ISAKMP) SA established\)' <<<"$st") $(grep -c '(IPsec SA established)' <<<"$st")"
}
ng_stats() { ng_console "display ike statistics" | tee "$RUN_DIR/gwA/display-ike-statistics$1.txt"; }

# pluto (IKEv1, RFC 3706) sends R_U_THERE after dpddelay; the kernel's SA counters it would read
# to skip probes on a busy tunnel do not exist here, so it probes every 5 s whatever the traffic.
lsw_life_dpd() {
    local log=$RUN_DIR/gwB/pluto.log sent acked stats answered
    say "  ..    $DPD_WAIT s: gwB probes (dpddelay $DPD_DELAY s, dpdtimeout 15 s, dpdaction clear)"
    sleep "$DPD_WAIT"
    lsw_dpd_counts() {
        sent=$(grep -c 'DPD: sending R_U_THERE' "$log")
        acked=$(grep -Ec 'DPD: R_U_THERE_ACK, seqno received: ([0-9]+) expected: \1 ' "$log")
    }
    # A probe sent as the wait ends gets its ACK a moment later: wait (bounded) for it, then count every one.
    wait_for 3 eval 'lsw_dpd_counts; ((acked >= sent))'; lsw_dpd_counts
    log "gwB: $sent R_U_THERE sent, $acked R_U_THERE_ACK with the expected sequence number"
    check "gwB sent DPD R_U_THERE and every one was answered ($sent sent, $acked acked)" \
        eval '((sent >= 3 && acked == sent))'
    check "gwB did not declare gwA dead" no_match "$log" "No response from peer|declaring peer dead|unexpected R_U_THERE_ACK|DPD: .*seqno received: ([0-9]+) expected: [0-9]+ .*mismatch|deleting state"
    check "gwB still has one ISAKMP SA and one IPsec SA established ($(lsw_counts))" eval '[[ $(lsw_counts) == "1 1" ]] && lsw_sas_ok'
    check "gwA (nanogate) still shows the IKE and IPsec SAs" gw_sas_up
    stats=$(ng_stats -dpd)
    answered=$(sed -nE "s#^ *Peer's R-U-THERE answered *: *([0-9]+).*#\\1#p" <<<"$stats")
    check "gwA counts the DPD answers (${answered:-none} answered, gwB got $acked ACKs)" eval '[[ -n $answered && $answered -ge $acked ]]'
    check "gwA declared no DPD timeout" grep -Eq '^ *DPD timeouts *: *0$' <<<"$stats"
    check "the data path with gwB's keys after the probes" lsw_datapath
}

# NanoGate probes after 10 s without traffic; pluto must answer each R_U_THERE with an ACK.
lsw_life_dpd_a() {
    local log=$RUN_DIR/gwB/pluto.log probes acks stats sent
    say "  ..    16 s without traffic: gwA probes gwB (dpd interval 10 retry 2)"
    sleep 16
    probes=$(grep -c 'DPD: received R_U_THERE seq' "$log")
    acks=$(grep -c 'Notify Message Type: v1N_R_U_THERE_ACK' "$log")
    log "gwB: $probes R_U_THERE received, $acks R_U_THERE_ACK sent"
    check "gwB received gwA's R_U_THERE and answered each ($probes received, $acks answered)" eval '((probes >= 1 && acks >= probes))'
    stats=$(ng_stats -dpd-a)
    sent=$(sed -nE 's#^ *DPD R-U-THERE sent/acked *: *([0-9]+)/.*#\1#p' <<<"$stats")
    check "gwA counts its probes (${sent:-none} sent, gwB received $probes) and no DPD timeout" \
        eval '[[ -n $sent && $sent -ge $probes ]] && grep -Eq "^ *DPD timeouts *: *0\$" <<<"$stats"'
    check "gwB still has one ISAKMP SA and one IPsec SA established ($(lsw_counts))" eval '[[ $(lsw_counts) == "1 1" ]]'
    check "gwA (nanogate) still shows the IKE and IPsec SAs" gw_sas_up
    check "the data path with gwB's keys after the probes" lsw_datapath
}

# pluto's IPsec SA lives 60 s and pluto rekeys it at 30 s (rekeymargin 30 s, rekeyfuzz 0);
# NanoGate's lifetime is 120 s. At 60 s pluto deletes the old SA (a Delete, RFC 2408 3.15), and
# NanoGate must then hold exactly the new pair.
lsw_life_rekey() {
    local log=$RUN_DIR/gwB/pluto.log out_spis pair_b pairs_a
    say "  ..    waiting for gwB's rekey (30 s) and the old SA's expiry (60 s)"
    check "gwB started a quick mode to replace its IPsec SA, and it was established" \
        wait_for 45 eval 'grep -q "sent Quick Mode request, to replace #" "$log" && [[ $(grep -c "IPsec SA established" "$log") -ge 2 ]]'
    check "gwB deleted the old IPsec SA at its expiry and told gwA" \
        wait_for 40 grep -Eq 'deleting state \(STATE_QUICK_R2\).*sending notification' "$log"
    sleep 2
    out_spis=$(grep -E '^(newsa|updsa)' "$RUN_DIR/gwB/xfrm.log" | grep " src=$GWB_WAN " | awk '{ print $2 }' | sort -u | wc -l)
    # gwA's pair is "OUT IN": its outbound is pluto's inbound (the SA to gwB), its inbound pluto's outbound.
    pair_b="$(grep -E '^(newsa|updsa)' "$RUN_DIR/gwB/xfrm.log" | grep " dst=$GWB_WAN " | tail -1 | sed 's/.*spi=\([0-9a-f]*\).*/\1/') $(grep -E '^(newsa|updsa)' "$RUN_DIR/gwB/xfrm.log" | grep " src=$GWB_WAN " | tail -1 | sed 's/.*spi=\([0-9a-f]*\).*/\1/')"
    pairs_a=$(gwa_spi_pairs | sort -u)
    log "gwB: $out_spis outbound SAs; newest pair as gwA should hold it: $pair_b; gwA holds: $(tr '\n' ';' <<<"$pairs_a")"
    check "gwB keyed two different SAs" eval '((out_spis >= 2))'
    check "gwA holds exactly gwB's newest pair ($pair_b), and not the deleted one" eval '[[ $pairs_a == "$pair_b" ]]'
    check "gwB still has one ISAKMP SA and one IPsec SA established ($(lsw_counts))" eval '[[ $(lsw_counts) == "1 1" ]]'
    check "gwA (nanogate) still shows the IKE and IPsec SAs" gw_sas_up
    check "the data path with gwB's new keys" lsw_datapath
}
