# life.sh - the life of an established tunnel (issue #6): what happens after it came up.
#
#   --then dpd      gwB (strongSwan) probes with DPD every 5 s while nothing else is sent; its
#                   R_U_THERE must all be answered and the SAs stay.
#   --then rekey-b  short CHILD SA lifetimes, gwB's rekey comes first (rekey_time 30 s); a ping
#                   every 0.2 s runs across the rekey and the old SAs' expiry.
#   --then rekey-a  the same with gwA's lifetime the shorter one, so gwA rekeys first.
#   --then dpd-dead gwA (NanoGate only, dpd interval 10 retry 2) probes the idle gwB, which must
#                   answer; then gwB drops every datagram: gwA must declare it dead (dpd timeout)
#                   within 10 + 3 x 2 s and, once gwB is back, bring the tunnel up again (action
#                   restart).
#   --then reauth   gwA (NanoGate only) has a 60 s ISAKMP SA lifetime: at 90 % it runs a new main
#                   mode and deletes the old ISAKMP SA; the IPsec SAs must move over (strongSwan
#                   adopts them) with no ping lost.
#   --then junk     (NanoGate only) from the NAT box, on gwA's WAN segment, empty, truncated and
#                   random datagrams go to gwA's UDP 500 and 4500 (tests/UdpJunk) while lanA pings
#                   lanB every 0.2 s: no echo may be lost, gwA counts the empty ones and keeps its
#                   SAs (issue 13: one empty datagram used to stop a socket for good).
#   --then services (lib/services.sh) gwA's SNTP client and syslog export against chronyd and rsyslogd.
#   --then restart  gwA is killed (SIGKILL, as a power cut) and started again; its new phase 1
#                   carries INITIAL-CONTACT, so gwB must end with one IKE SA and one CHILD SA.
#
# life_configure runs before the gateways are configured (it sets LIFE_A, the gwA CHILD SA
# lifetime, and SS_B_OPTS, extra ss_configure keys for gwB); life_check runs after the tunnel
# checks and before the capture check. Every wait is bounded; each check logs what it saw.

THEN=none
LIFE_A=""
SS_B_OPTS=()
DPD_DELAY=5 DPD_WAIT=22
REKEY_PING=0 REKEY_B_AT=0

life_configure() {
    case $THEN in
        none) ;;
        dpd)
            # dpd_timeout 15 s: a probe left unanswered clears the SA within the wait below.
            SS_B_OPTS=(dpd_delay=${DPD_DELAY}s dpd_timeout=15s dpd_action=clear) ;;
        rekey-b)
            # gwB rekeys at 30 s and its SA expires at 60 s; gwA's own lifetime is 120 s (the
            # CLI's minimum), so gwB is first whichever side proposed.
            LIFE_A=120
            SS_B_OPTS=(child_rekey=30s child_life=60s)
            REKEY_PING=75 ;;
        rekey-a)
            # gwA's 120 s (its quick mode initiator rekeys at 82-85 %: about 100 s) against gwB's
            # 300 s: gwA is first.
            LIFE_A=120
            SS_B_OPTS=(child_rekey=300s child_life=330s)
            REKEY_PING=130 ;;
        restart|junk|services) ;;
        reauth)
            NG_IKE_LIFE=60 ;;
        dpd-dead)
            # gwB sends no probes of its own (it still answers them); gwA probes after 10 s idle.
            NG_DPD_INTERVAL=10 NG_DPD_RETRY=2
            SS_B_OPTS=(dpd_delay=0s) ;;
        *) die "unknown --then $THEN" ;;
    esac
}

life_check() {
    case $THEN in
        none) ;;
        dpd) life_dpd ;;
        rekey-a|rekey-b) life_rekey ;;
        restart) life_restart ;;
        dpd-dead) life_dpd_dead ;;
        reauth) life_reauth ;;
        junk) life_junk ;;
        services) life_services ;;
    esac
}

# ---- what gwB (strongSwan) shows ----------------------------------------------------------------

# ss_counts: "IKE_SAS CHILD_SAS" in gwB's swanctl --list-sas (an IKE SA line starts in column 0,
# a CHILD SA line is indented: "  net: #2, reqid 1, INSTALLED, ...").
ss_counts() {
    local sas; sas=$(ss_list gwB)
    printf '%s\n' "$sas" >"$RUN_DIR/gwB/list-sas.txt"
    printf '%s %s\n' "$(grep -Ec '^[^ ].*: #[0-9]+, [A-Z_]+, IKEv1' <<<"$sas")" \
        "$(grep -Ec '^ +net: #[0-9]+, ' <<<"$sas")"
}
ss_one_pair() { [[ $(ss_counts) == "1 1" ]]; }

# ss_installed_spis: "IN OUT" (8 hex digits each, as swanctl prints them) of each INSTALLED CHILD
# SA of gwB, one line per SA, in the order listed.
ss_installed_spis() {
    ss_list gwB | awk '
        /^ +net: #[0-9]+, / { inst = ($0 ~ /INSTALLED/); in_spi = ""; next }
        inst && $1 == "in" { in_spi = $2; sub(/,$/, "", in_spi); next }
        inst && $1 == "out" { o = $2; sub(/,$/, "", o); print in_spi, o; inst = 0 }'
}

# ss_established_spis: "IN OUT" from each "CHILD_SA net{N} established with SPIs IN_i OUT_o" line
# of gwB's charon log, oldest first.
ss_established_spis() {
    sed -n 's/.*CHILD_SA net{[0-9]*} established with SPIs \([0-9a-f]*\)_i \([0-9a-f]*\)_o.*/\1 \2/p' \
        "$RUN_DIR/gwB/charon.log"
}

# ---- what gwA shows -----------------------------------------------------------------------------

# gwa_spi_pairs: "OUT IN" (8 lower-case hex digits) per SA pair gwA shows: NanoGate's
# "display ipsec sa" ("SPI: 3456 (0x00000d80)" under [Outbound ESP SAs] / [Inbound ESP SAs]),
# or strongSwan's list-sas (its "in" is gwA's inbound), whatever the state (INSTALLED, REKEYED).
gwa_spi_pairs() {
    if [[ $GW_IMPL == nanogate ]]; then
        ng_console "display ipsec sa" | tee "$RUN_DIR/gwA/display-ipsec-sa.txt" | awk '
            /\[Outbound ESP SAs\]/ { sect = "out"; next }
            /\[Inbound ESP SAs\]/ { sect = "in"; next }
            $1 == "SPI:" { h = $3; gsub(/[()]/, "", h); sub(/^0x/, "", h); h = tolower(h)
                           while (length(h) < 8) h = "0" h
                           if (sect == "out") o = h; else if (o != "") { print o, h; o = "" } }'
    else
        ss_list gwA | awk '
            /^ +net: #[0-9]+, / { c = 1; next }
            c && $1 == "in" { i = $2; sub(/,$/, "", i); next }
            c && $1 == "out" { o = $2; sub(/,$/, "", o); print o, i; c = 0 }'
    fi
}

# ---- dpd ----------------------------------------------------------------------------------------

# gwB (strongSwan, IKEv1) sends R_U_THERE after dpd_delay without inbound traffic. The tunnel
# checks just sent pings; from here nothing is sent for DPD_WAIT s, so at least 3 probes go out.
life_dpd() {
    local sent acked stats
    say "  ..    $DPD_WAIT s without traffic (gwB dpd_delay $DPD_DELAY s, dpd_timeout 15 s, dpd_action clear)"
    sleep "$DPD_WAIT"
    dpd_counts() {
        sent=$(grep -c 'sending DPD request' "$RUN_DIR/gwB/charon.log")
        acked=$(grep -c 'parsed INFORMATIONAL_V1 request [0-9]* \[ HASH N(DPD_ACK) \]' "$RUN_DIR/gwB/charon.log")
    }
    # A probe sent as the wait ends gets its ACK a moment later: wait (bounded) for it, then count every one.
    wait_for 3 eval 'dpd_counts; ((acked >= sent))'; dpd_counts
    log "gwB: $sent R_U_THERE sent, $acked R_U_THERE_ACK received"
    check "gwB sent DPD R_U_THERE and every one was answered ($sent sent, $acked acked)" \
        eval '((sent >= 3 && acked == sent))'
    check "gwB did not declare gwA dead" no_match "$RUN_DIR/gwB/charon.log" "invalid DPD sequence|DPD check timed out|closing expired|restarting CHILD_SA|deleting IKE_SA"
    check "gwB still has one IKE SA ESTABLISHED and one CHILD SA INSTALLED ($(ss_counts))" \
        eval 'ss_one_pair && gwb_sas_ok'
    check "gwA ($GW_IMPL) still shows the IKE and IPsec SAs" gw_sas_up
    check "ping lanA -> lanB after the probes" ping_ok lanA "$LANB_HOST"
    check "ping lanB -> lanA after the probes" ping_ok lanB "$LANA_HOST"
    if [[ $GW_IMPL == nanogate ]]; then
        stats=$(ng_console "display ike statistics")
        printf '%s\n' "$stats" >"$RUN_DIR/gwA/display-ike-statistics.txt"
        # "Peer's R-U-THERE answered : A": gwA answered at least every ACK gwB logged, and declared nobody dead.
        answered=$(sed -nE "s#^ *Peer's R-U-THERE answered *: *([0-9]+).*#\\1#p" <<<"$stats")
        check "gwA counts the DPD answers (${answered:-none} answered, gwB got $acked ACKs)" \
            eval '[[ -n $answered && $answered -ge $acked ]]'
        check "gwA declared no DPD timeout" grep -Eq '^ *DPD timeouts *: *0$' <<<"$stats"
    fi
}

# ---- rekey --------------------------------------------------------------------------------------

# A ping from lanA every 0.2 s for REKEY_PING s across the rekey (and the old SAs' expiry); then
# gwB must show two CHILD SAs established with different SPIs, list the newest pair as INSTALLED,
# gwA must hold the same pair (its outbound SPI is gwB's inbound), and no echo may be lost.
life_rekey() {
    local count=$((REKEY_PING * 5)) out sent recv est newest first pairs lost
    say "  ..    ping lanA -> lanB every 0.2 s for $REKEY_PING s across the rekey (gwA lifetime ${LIFE_A} s, gwB ${SS_B_OPTS[*]})"
    # -D timestamps and -O "no answer yet" lines place any loss against the logs.
    out=$(nsx lanA timeout $((REKEY_PING + 30)) ping -n -D -O -i 0.2 -W 2 -c "$count" "$LANB_HOST" 2>&1)
    printf '%s\n' "$out" >"$RUN_DIR/ping-rekey.txt"
    read -r sent recv < <(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' <<<"$out")
    lost=$(( ${sent:-0} - ${recv:-0} ))
    log "rekey ping: ${sent:-?} sent, ${recv:-?} received; unanswered: $(grep -o 'no answer yet for icmp_seq=[0-9]*' <<<"$out" | grep -o '[0-9]*$' | tr '\n' ' ')"
    est=$(ss_established_spis)
    log "gwB CHILD SAs established (in out): $(tr '\n' ';' <<<"$est")"
    first=$(head -1 <<<"$est") newest=$(tail -1 <<<"$est")
    check "gwB rekeyed: $(grep -c . <<<"$est") CHILD SAs established, the newest with other SPIs than the first" \
        eval '[[ $(grep -c . <<<"$est") -ge 2 && -n $newest && ${newest%% *} != ${first%% *} && ${newest##* } != ${first##* } ]]'
    local side=B; [[ $THEN == rekey-a ]] && side=A
    check "the first rekey was started by gw$side" rekey_first_by $side
    check "gwB lists the newest pair ($newest) as INSTALLED" eval 'ss_installed_spis | grep -x "$newest" >/dev/null'
    pairs=$(gwa_spi_pairs)
    log "gwA SA pairs (out in): $(tr '\n' ';' <<<"$pairs")"
    # gwA's outbound SPI is gwB's inbound one and the other way round.
    check "gwA ($GW_IMPL) holds the same pair (out ${newest%% *}, in ${newest##* })" \
        eval 'grep -qx "${newest%% *} ${newest##* }" <<<"$pairs"'
    check "ping across the rekey: ${recv:-?} of ${sent:-?} answered, $lost lost" \
        eval '[[ -n $sent && $sent -ge $count && $lost -eq 0 ]]'
    check "gwA ($GW_IMPL) shows no pair that gwB has deleted ($(grep -c . <<<"$pairs") pairs)" gwa_pairs_known
    # gwA rekeyed first, so the old pair is gwA's to delete (make-before-break, then a Delete
    # payload); gwB's own lifetime (330 s) would keep it far beyond this scenario otherwise.
    if [[ $THEN == rekey-a ]]; then
        check "gwB lists only the newest CHILD SA: gwA deleted the old one (IKE CHILD: $(ss_counts))" \
            eval '[[ $(ss_counts) == "1 1" ]] && ss_installed_spis | grep -x "$newest" >/dev/null'
    fi
    check "gwB IKE SA still ESTABLISHED ($(ss_counts))" eval 'grep -q "ESTABLISHED, IKEv1" "$RUN_DIR/gwB/list-sas.txt"'
    check "ping lanB -> lanA after the rekey" ping_ok lanB "$LANA_HOST"
}

# rekey_first_by SIDE: the first quick mode after the one that built the tunnel was started by
# gwA or gwB (gwB's log: "generating QUICK_MODE request N [ HASH SA No ..." when gwB starts one,
# "parsed QUICK_MODE request N [ HASH SA No ..." when gwA does; [ HASH ] alone is message 3).
rekey_first_by() {
    local second
    second=$(grep -Eo '(generating|parsed) QUICK_MODE request [0-9]+ \[ HASH SA No' "$RUN_DIR/gwB/charon.log" | sed -n 2p)
    log "gwB log, second quick mode: ${second:-none}"
    case $1 in
        A) [[ $second == parsed* ]] ;;
        B) [[ $second == generating* ]] ;;
    esac
}

# ss_all_spis: "IN OUT" of every CHILD SA gwB lists, whatever its state (INSTALLED, REKEYED, ...).
ss_all_spis() {
    ss_list gwB | awk '
        /^ +net: #[0-9]+, / { c = 1; next }
        c && $1 == "in" { i = $2; sub(/,$/, "", i); next }
        c && $1 == "out" { o = $2; sub(/,$/, "", o); print i, o; c = 0 }'
}

# gwa_pairs_known: every pair gwA still shows is one gwB still has (gwA dropped what gwB deleted:
# a Delete payload acted on, RFC 2408 3.15 / the pair's own expiry).
gwa_pairs_known() {
    local b o i; b=$(ss_all_spis)
    log "gwB CHILD SAs (in out), any state: $(tr '\n' ';' <<<"$b")"
    while read -r o i; do
        [[ -z $o ]] && continue
        grep -qx "$o $i" <<<"$b" || { log "gwA still shows out $o in $i, which gwB no longer has"; return 1; }
    done <<<"$pairs"
}

# ---- restart ------------------------------------------------------------------------------------

# kill_label LABEL: SIGKILL the registered processes with that label (a crash, no goodbye).
kill_label() {
    local pid st label i
    while read -r pid st label; do
        [[ $label == "$1" ]] || continue
        same_process "$pid" "$st" || continue
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null   # reaps our own child quietly (no "Killed" line from bash)
        for ((i = 0; i < 50; i++)); do same_process "$pid" "$st" || break; sleep 0.1; done
    done <"$STATE/procs"
}

life_restart() {
    local t
    say "  ..    killing gwA ($GW_IMPL) with SIGKILL and starting it again"
    if [[ $GW_IMPL == nanogate ]]; then
        kill_label nanogate-gwA
        check "gwA restarted" ng_launch nanogate-2.log
    else
        kill_label charon-gwA
        rm -f "$STATE/gwA.run/charon.vici"
        check "gwA restarted" ss_start gwA
        gw_initiate 15
    fi
    # NanoGate negotiates on traffic: a ping a second from lanA until a ping gets through.
    t=$(date +%s%N)
    again() { nsx lanA ping -n -q -c 1 -W 1 "$LANB_HOST" >/dev/null 2>&1; }
    if wait_for 30 again; then
        say "  ok    traffic crosses again $(( ($(date +%s%N) - t) / 1000000 )) ms after the restart"
    else
        say "  FAIL  traffic does not cross within 30 s of the restart"; CHECK_FAILS=$((CHECK_FAILS + 1))
    fi
    # charon: "destroying duplicate IKE_SA for peer 'gwA.interop.test', received INITIAL_CONTACT"
    check "gwB got INITIAL-CONTACT in the new phase 1 and destroyed the old IKE SA" \
        eval 'grep -q "destroying duplicate IKE_SA for peer .*, received INITIAL_CONTACT" "$RUN_DIR/gwB/charon.log"'
    # strongSwan deletes the old SAs on INITIAL-CONTACT; give it a few seconds.
    check "gwB ends with exactly one IKE SA and one CHILD SA" wait_for 10 ss_one_pair
    log "gwB SAs (IKE CHILD): $(ss_counts)"
    check "gwB: IKEv1 ESTABLISHED, CHILD INSTALLED in UDP, $ESP_B" gwb_sas_ok
    check "gwA ($GW_IMPL) shows the IKE and IPsec SAs" gw_sas_up
    check "ping lanA -> lanB after the restart" ping_ok lanA "$LANB_HOST"
    check "ping lanB -> lanA after the restart" ping_ok lanB "$LANA_HOST"
}

# ---- dpd-dead -----------------------------------------------------------------------------------

# gwA (NanoGate) probes gwB with R_U_THERE after 10 s without anything from it; strongSwan answers
# with R_U_THERE_ACK. Then gwB's namespace drops every datagram (a dead box: no answer, no ICMP):
# after 3 unanswered probes 2 s apart gwA declares it dead, records "dpd timeout", removes the SAs
# and starts phase 1 again; when gwB is back that restart (or its retransmissions) brings the
# tunnel up without any traffic from the LAN.
life_dpd_dead() {
    local probes acks stats t dead back
    say "  ..    16 s without traffic: gwA probes gwB (dpd interval 10 retry 2)"
    sleep 16
    probes=$(grep -c 'parsed INFORMATIONAL_V1 request [0-9]* \[ HASH N(DPD) \]' "$RUN_DIR/gwB/charon.log")
    acks=$(grep -c 'generating INFORMATIONAL_V1 request [0-9]* \[ HASH N(DPD_ACK) \]' "$RUN_DIR/gwB/charon.log")
    log "gwB: $probes R_U_THERE received, $acks R_U_THERE_ACK sent"
    check "gwB received gwA's R_U_THERE and answered each ($probes received, $acks answered)" \
        eval '((probes >= 1 && acks >= probes))'
    stats=$(ng_console "display ike statistics")
    printf '%s\n' "$stats" >"$RUN_DIR/gwA/display-ike-statistics-probing.txt"
    check "gwA's probes were answered: no DPD timeout" grep -Eq '^ *DPD timeouts *: *0$' <<<"$stats"
    check "gwA still shows the IKE and IPsec SAs" gw_sas_up

    nsx gwB nft -f - <<'NFT' || die "cannot block gwB"
table inet life_dead {
    chain in { type filter hook input priority -300; policy drop; }
    chain out { type filter hook output priority -300; policy drop; }
}
NFT
    say "  ..    gwB drops everything now"
    t=$(date +%s%N)
    is_dead() { ng_console "display ike statistics" | grep -Eq '^ *DPD timeouts *: *1$'; }
    if wait_for 40 is_dead; then dead=$(( ($(date +%s%N) - t) / 1000000 )); fi
    check "gwA declared gwB dead ${dead:+after $dead ms }(idle 10 s + 3 probes x 2 s = 16 s, plus the idle time already passed)" \
        eval '[[ -n $dead && $dead -le 26000 ]]'
    check "gwA recorded it as a dpd timeout" eval 'ng_console "display ike error-info" | tee "$RUN_DIR/gwA/error-info.txt" | grep "error reason: dpd timeout" >/dev/null'

    nsx gwB nft delete table inet life_dead
    say "  ..    gwB answers again; gwA's restart must bring the tunnel back"
    t=$(date +%s%N)
    up_again() { gw_sas_up && nsx lanA ping -n -q -c 1 -W 1 "$LANB_HOST" >/dev/null 2>&1; }
    if wait_for 60 up_again; then back=$(( ($(date +%s%N) - t) / 1000000 )); fi
    check "the tunnel is back ${back:+$back ms }after gwB returned (dpd action restart)" eval '[[ -n $back ]]'
    check "ping lanB -> lanA after the restart" ping_ok lanB "$LANA_HOST"
}

# ---- reauth -------------------------------------------------------------------------------------

# gwA's ISAKMP SA lives 60 s; gwA (its initiator) renews it at 54 s with a new main mode (no
# INITIAL-CONTACT: not a first contact), then deletes the old one with a Delete (RFC 2408 §4.8).
# strongSwan must keep the CHILD SA (IKEv1: it adopts the children of the IKE SA it replaces), and
# a ping every 0.2 s across the whole of it loses nothing.
life_reauth() {
    local count=$((75 * 5)) out sent recv lost first ike_spis
    first=$(ss_installed_spis | head -1)
    say "  ..    ping lanA -> lanB every 0.2 s for 75 s across gwA's phase 1 re-authentication (lifetime 60 s)"
    out=$(nsx lanA timeout 110 ping -n -D -O -i 0.2 -W 2 -c "$count" "$LANB_HOST" 2>&1)
    printf '%s\n' "$out" >"$RUN_DIR/ping-reauth.txt"
    read -r sent recv < <(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' <<<"$out")
    lost=$(( ${sent:-0} - ${recv:-0} ))
    ike_spis=$(grep -c 'IKE_SA [a-zA-Z0-9_-]*\[[0-9]*\] established between' "$RUN_DIR/gwB/charon.log")
    log "gwB: $ike_spis IKE_SA established lines; $(grep -c 'adopting' "$RUN_DIR/gwB/charon.log") adopting lines"
    check "gwB established a second IKE SA with gwA ($ike_spis in its log)" eval '((ike_spis >= 2))'
    check "gwB took it as a re-authentication and adopted the CHILD SA" \
        eval 'grep -q "detected reauth of existing IKE_SA, adopting 1 children" "$RUN_DIR/gwB/charon.log"'
    check "gwB got gwA's Delete for the old ISAKMP SA" \
        eval 'grep -Eq "received DELETE for IKE_SA|deleting IKE_SA .* by request|received DELETE for ISAKMP_SA" "$RUN_DIR/gwB/charon.log"'
    check "ping across the re-authentication: ${recv:-?} of ${sent:-?} answered, $lost lost" \
        eval '[[ -n $sent && $sent -ge $count && $lost -eq 0 ]]'
    check "gwB ends with one IKE SA and one CHILD SA ($(ss_counts))" wait_for 10 ss_one_pair
    check "gwB's CHILD SA is still the first pair ($first): moved, not renegotiated" eval 'ss_installed_spis | grep -x "$first" >/dev/null'
    check "gwA (nanogate) shows one IKE SA, established again" \
        eval '[[ $(ng_console "display ike sa" | tee "$RUN_DIR/gwA/display-ike-sa-reauth.txt" | grep -c "v1:1") -eq 1 ]]'
    check "ping lanB -> lanA after the re-authentication" ping_ok lanB "$LANA_HOST"
}

# ---- junk ---------------------------------------------------------------------------------------

# 40 rounds of 8 hostile datagrams to each of gwA's ports (a round every 0.25 s) during 50 pings.
life_junk() {
    local out sent recv lost stats empty jpid jrc=0 rounds=40
    say "  ..    junk to gwA UDP 500/4500 from the NAT box while lanA pings lanB every 0.2 s for 10 s"
    nsx nat timeout 60 dotnet "$REPO/tests/UdpJunk/bin/Release/net10.0/NanoGate.UdpJunk.dll" \
        --to "$GWA_WAN:500" --to "$GWA_WAN:4500" --rounds $rounds --interval-ms 250 --seed "$RANDOM" \
        >"$RUN_DIR/junk.log" 2>&1 &
    jpid=$!
    out=$(nsx lanA timeout 40 ping -n -D -O -i 0.2 -W 2 -c 50 "$LANB_HOST" 2>&1)
    printf '%s\n' "$out" >"$RUN_DIR/ping-junk.txt"
    wait "$jpid" || jrc=$?
    read -r sent recv < <(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' <<<"$out")
    lost=$(( ${sent:-0} - ${recv:-0} ))
    check "the junk sender ran: $(tail -1 "$RUN_DIR/junk.log")" eval '[[ $jrc -eq 0 ]] && grep -q "datagrams sent" "$RUN_DIR/junk.log"'
    check "ping during the junk: ${recv:-?} of ${sent:-?} answered, $lost lost" \
        eval '[[ -n $sent && $sent -ge 50 && $lost -eq 0 ]]'
    stats=$(ng_console "display ipsec statistics")
    printf '%s\n' "$stats" >"$RUN_DIR/gwA/display-ipsec-statistics.txt"
    empty=$(sed -nE 's/^ *empty-datagram *: *([0-9]+).*/\1/p' <<<"$stats")
    check "gwA counted every empty datagram on 4500 (empty-datagram: ${empty:-none}, $rounds sent)" \
        eval '[[ -n $empty && $empty -ge $rounds ]]'
    check "gwA ($GW_IMPL) still shows the IKE and IPsec SAs" gw_sas_up
    check "gwB still has one IKE SA and one CHILD SA ($(ss_counts))" eval 'ss_one_pair && gwb_sas_ok'
    check "ping lanB -> lanA after the junk" ping_ok lanB "$LANA_HOST"
}
