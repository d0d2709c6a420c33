# services.sh - the box's own clients against real servers (issue 16): --then services.
#
#   --then services  (NanoGate only) a real NTP server (chronyd: `local stratum 8`, `allow`, -x so
#                    it never touches the machine's clock) and a real syslog receiver (rsyslogd,
#                    imudp) run in the nat namespace on its inside address, on gwA's WAN segment
#                    (so the capture on nat out0 still sees only IKE and ESP). gwA is told
#                    `ntp-service unicast-server` and `info-center loghost` on its console: its
#                    clock must be set from chronyd (within 5 s of this machine's), and the offline
#                    record of a `reset ike sa` must arrive at rsyslogd as an RFC 5424 message
#                    carrying that date; the tunnel then comes back on traffic.

SVC_ADDR=$NAT_IN

# svc_start: chronyd and rsyslogd in the nat namespace, each with its own files under $RUN_DIR/nat.
svc_start() {
    local dir=$RUN_DIR/nat
    mkdir -p "$dir"
    cat >"$dir/chrony.conf" <<CONF
bindaddress $SVC_ADDR
port 123
cmdport 0
allow $WANA_NET
local stratum 8
pidfile $dir/chronyd.pid
CONF
    # -x: serve the time, never steer the (shared) system clock; -d: foreground, log to stderr.
    ip netns exec "$(ns_of nat)" chronyd -x -d -u root -f "$dir/chrony.conf" >"$dir/chronyd.log" 2>&1 &
    register_pid $! chronyd-nat
    cat >"$dir/rsyslog.conf" <<CONF
global(workDirectory="$dir")
module(load="imudp")
input(type="imudp" address="$SVC_ADDR" port="514")
template(name="raw" type="string" string="%rawmsg%\n")
*.* action(type="omfile" file="$dir/received.log" template="raw")
CONF
    ip netns exec "$(ns_of nat)" rsyslogd -n -f "$dir/rsyslog.conf" -i "$dir/rsyslogd.pid" >"$dir/rsyslogd.log" 2>&1 &
    register_pid $! rsyslogd-nat
    listening() { nsx nat ss -Hlun | grep -q "$SVC_ADDR:123 " && nsx nat ss -Hlun | grep -q "$SVC_ADDR:514 "; }
    wait_for 15 listening
}

# svc_clock_ok: gwA's display clock says SNTP set it from the server, within 5 s of this machine's clock.
svc_clock_ok() {
    local out when now
    out=$(ng_console "display clock")
    printf '%s\n' "$out" >"$RUN_DIR/gwA/display-clock.txt"
    grep -q "set by SNTP from $SVC_ADDR" <<<"$out" || return 1
    when=$(date -u -d "$(sed -n '1s/^\([0-9T:.-]*\)Z .*/\1/p' <<<"$out" | tr T ' ')" +%s 2>/dev/null) || return 1
    now=$(date -u +%s)
    log "gwA clock $when, this machine $now"
    (( when - now <= 5 && now - when <= 5 ))
}

life_services() {
    local msg
    check "chronyd and rsyslogd listen on $SVC_ADDR (UDP 123, 514)" svc_start
    check "gwA takes ntp-service unicast-server $SVC_ADDR" eval '[[ -z $(ng_console "ntp-service unicast-server $SVC_ADDR") ]]'
    check "gwA takes info-center loghost $SVC_ADDR" eval '[[ -z $(ng_console "info-center loghost $SVC_ADDR") ]]'
    check "gwA's clock is set by SNTP from chronyd (display clock, within 5 s of this machine)" wait_for 20 svc_clock_ok
    ng_console "reset ike sa" >"$RUN_DIR/gwA/reset-ike-sa.txt"
    got_offline() { grep -q ' gwA nanogate - IKE - offline ' "$RUN_DIR/nat/received.log" 2>/dev/null; }
    check "rsyslogd received gwA's offline record" wait_for 15 got_offline
    msg=$(grep -m1 ' gwA nanogate - IKE - offline ' "$RUN_DIR/nat/received.log" 2>/dev/null)
    log "received: $msg"
    check "it is RFC 5424 (local0.notice, dated by the SNTP clock): ${msg:0:60}" \
        eval '[[ $msg =~ ^\<133\>1\ 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9:.]+Z\ gwA\ nanogate\ -\ IKE\ -\ offline\ .*reset\ by\ the\ operator ]]'
    up_again() { nsx lanA ping -n -q -c 1 -W 1 "$LANB_HOST" >/dev/null 2>&1 && gw_sas_up; }
    check "the tunnel comes back on traffic after the reset" wait_for 30 up_again
}
