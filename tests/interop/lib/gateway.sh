# gateway.sh - the gateway under test in namespace gwA, pluggable.
#
#   GW_IMPL=strongswan  a second charon (the baseline, and what proves the harness)
#   GW_IMPL=nanogate    $NANOGATE_CMD run --board linux --config FILE --console-socket SOCK
#
# Each implementation provides: gw_<impl>_available (prints a reason when not), gw_<impl>_start,
# gw_<impl>_initiate SECONDS (gwA is the initiator; returns within SECONDS), gw_<impl>_sas_up (its own view of the SAs), and
# gw_<impl>_reason REASON (its error record names REASON). The scenario calls gw_* which dispatch.
#
# The scenario sets: MODE, IKE_A (the gwA IKE proposal, strongSwan syntax), ESP_A, PSK_A,
# ID_A, ID_B, and INITIATOR (A or B).

gw_available() { "gw_${GW_IMPL}_available"; }
gw_start()     { "gw_${GW_IMPL}_start"; }
gw_initiate()  { "gw_${GW_IMPL}_initiate" "$1"; }
gw_sas_up()    { "gw_${GW_IMPL}_sas_up"; }
gw_reason()    { "gw_${GW_IMPL}_reason" "$1"; }

# ---- strongSwan ---------------------------------------------------------------------------------

gw_strongswan_available() { [[ -x $CHARON ]] || { echo "charon not installed"; return 1; }; }

gw_strongswan_start() {
    # LIFE_A (a CHILD SA lifetime, seconds) as NanoGate applies it: rekey at 90 % of it.
    local -a life=()
    [[ -n ${LIFE_A:-} ]] && life=(child_rekey=$((LIFE_A * 9 / 10))s child_life=${LIFE_A}s)
    ss_configure gwA local_addr="$GWA_WAN" remote_addr="$GWB_WAN" mode="$MODE" ike="$IKE_A" \
        esp="$ESP_A" psk="$PSK_A" local_id="$ID_A" remote_id="$ID_B" \
        local_ts="$LANA_NET" remote_ts="$LANB_NET" "${life[@]}"
    ss_start gwA
}
gw_strongswan_initiate() { ss_initiate gwA "$1"; }
gw_strongswan_sas_up() { ss_list gwA >"$RUN_DIR/gwA/list-sas.txt"; ss_up gwA; }

# What charon logs, as initiator, when gwB refuses (these are the strongSwan wordings, found by
# running the negative scenarios; the nanogate side must use the operator words instead).
gw_strongswan_reason() {
    local pattern
    case $1 in
        psk) pattern='decryption failed\?|AUTHENTICATION_FAILED|INVALID_HASH_INFORMATION' ;;
        p1) pattern='received NO_PROPOSAL_CHOSEN error notify' ;;
        p2|pfs) pattern='received NO_PROPOSAL_CHOSEN error notify' ;;
        ts) pattern='received INVALID_ID_INFORMATION error notify' ;;
    esac
    grep -Eq "$pattern" "$RUN_DIR/gwA/charon.log"
}

# ---- NanoGate -----------------------------------------------------------------------------------

# NANOGATE_CMD overrides the command (word-split; no shell syntax); the default is the Release
# build output of the host firmware.
nanogate_cmd() {
    local -a cmd
    if [[ -n ${NANOGATE_CMD:-} ]]; then
        read -r -a cmd <<<"$NANOGATE_CMD"
    else
        cmd=(dotnet "$REPO/firmware/Host/bin/Release/net10.0/nanogate.dll")
    fi
    printf '%s\n' "${cmd[@]}"
}

gw_nanogate_available() {
    local -a cmd; mapfile -t cmd < <(nanogate_cmd)
    if [[ -z ${NANOGATE_CMD:-} && ! -f ${cmd[1]} ]]; then
        echo "nanogate.dll not built (dotnet build -c Release first)"; return 1
    fi
    # "help" lists the commands and ends with "key exchange: NAME". The NanoGate scenarios need
    # "run" among the commands and a key exchange (ikev1); until then they are NOT-RUN.
    local help rc
    help=$(timeout 30 "${cmd[@]}" help 2>&1); rc=$?
    if ((rc != 0)); then
        echo "'${cmd[*]} help' failed (exit $rc): $(head -1 <<<"$help")"; return 1
    fi
    if ! grep -Eq '[[|]run[]|]|^[[:space:]]*run([[:space:]]|$)' <<<"$help" || ! grep -q '^key exchange: ikev1' <<<"$help"; then
        echo "nanogate has no IKE key exchange yet"; return 1
    fi
}

# CLI names for the strongSwan proposal keywords the scenarios use.
ng_ike_lines() {
    case $1 in
        aes128-sha256-modp2048) printf ' encryption-algorithm aes-128\n authentication-algorithm sha2-256\n dh group14\n' ;;
        aes256-sha256-modp3072) printf ' encryption-algorithm aes-256\n authentication-algorithm sha2-256\n dh group15\n' ;;
        *) die "no NanoGate CLI for IKE proposal $1" ;;
    esac
}
ng_esp_lines() {
    case ${1%-modp2048} in
        aes128-sha256) printf ' esp encryption-algorithm aes-128\n esp authentication-algorithm sha2-256\n' ;;
        aes128gcm16) printf ' esp encryption-algorithm aes-gcm-128\n' ;;
        aes256-sha256) printf ' esp encryption-algorithm aes-256\n esp authentication-algorithm sha2-256\n' ;;
        *) die "no NanoGate CLI for ESP proposal $1" ;;
    esac
}

# The startup configuration (the appliance CLI, one command per line, a leading space = inside
# the view opened by the line above).
ng_write_config() {
    local pfs=""
    [[ $ESP_A == *-modp2048 ]] && pfs=" pfs dh-group14"
    {
        echo "sysname gwA"
        echo "interface wan address $GWA_WAN/24 gateway $NAT_IN"
        echo "interface lan tun ike0 address $GWA_LAN/24"
        echo "ike proposal 10"
        ng_ike_lines "$IKE_A"
        [[ -n ${NG_IKE_LIFE:-} ]] && echo " sa duration $NG_IKE_LIFE"
        echo "ike peer gwB"
        echo " exchange-mode $MODE"
        echo " pre-shared-key simple $PSK_A"
        echo " remote-address $GWB_WAN"
        echo " local-id fqdn $ID_A"
        echo " remote-id fqdn $ID_B"
        echo " ike-proposal 10"
        echo " nat traversal"
        echo " dpd interval ${NG_DPD_INTERVAL:-30} retry ${NG_DPD_RETRY:-15}"
        echo "ipsec proposal p1"
        ng_esp_lines "$ESP_A"
        echo "ipsec policy to-gwB"
        echo " ike-peer gwB"
        echo " proposal p1"
        [[ -n $pfs ]] && echo "$pfs"
        [[ -n ${LIFE_A:-} ]] && echo " sa duration time-based $LIFE_A"
        echo " local-subnet $LANA_NET"
        echo " remote-subnet $LANB_NET"
    } >"$1"
}

gw_nanogate_start() {
    mkdir -p "$RUN_DIR/gwA"
    ng_write_config "$RUN_DIR/gwA/startup.cfg"
    topo_gwa_tun ike0
    ng_launch nanogate.log
}

# ng_launch LOGFILE: start the process on the existing configuration and TUN device (also used to
# restart it: the TUN device is persistent, the console socket of a killed process is removed).
ng_launch() {
    local dir=$RUN_DIR/gwA
    local -a cmd
    mapfile -t cmd < <(nanogate_cmd)
    NG_CONSOLE=$STATE/gwA.console
    rm -f "$NG_CONSOLE"
    DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 ip netns exec "$(ns_of gwA)" "${cmd[@]}" run \
        --board linux --config "$dir/startup.cfg" --console-socket "$NG_CONSOLE" --crypto "${CRYPTO:-dotnet}" \
        >"$dir/$1" 2>&1 </dev/null &
    register_pid $! nanogate-gwA
    wait_for 20 test -S "$NG_CONSOLE" || { log "nanogate: no console socket after 20 s"; return 1; }
}

# ng_console COMMAND: one console command, output on stdout.
ng_console() {
    local -a cmd; mapfile -t cmd < <(nanogate_cmd)
    # The console's "No console password is set" notice (stderr, docs/CLI.md "Console login") is
    # not the command's output: checks read only what the command printed and its errors.
    timeout 15 "${cmd[@]}" console --socket "$NG_CONSOLE" -c "$1" 2>&1 | grep -v '^Info: No console password is set'
    return "${PIPESTATUS[0]}"
}

# As initiator NanoGate negotiates by itself (at start or on the first packet for the policy); the
# scenario sends a ping from lanA every second while it waits.
gw_nanogate_initiate() { :; }

# "display ike sa" (Huawei layout): a line for the peer with flag RD (ready) in phase 1 and one in
# phase 2, e.g.
#     Conn-ID   Peer                  VPN             Flag(s)       Phase
#     1         203.0.113.2:4500      gwB             RD|ST         v1:1
#     1001      203.0.113.2:4500      gwB             RD|ST         v1:2
gw_nanogate_sas_up() {
    local out; out=$(ng_console "display ike sa")
    printf '%s\n' "$out" >"$RUN_DIR/gwA/display-ike-sa.txt"
    grep -Eq "$GWB_WAN(:[0-9]+)?[[:space:]].*RD.*[[:space:]](v1:)?1[[:space:]]*\$" <<<"$out" &&
        grep -Eq "$GWB_WAN(:[0-9]+)?[[:space:]].*RD.*[[:space:]](v1:)?2[[:space:]]*\$" <<<"$out"
}

# The error record ("display ike error-info") names the reason in the operators' words
# (the design notes, "Errors people can act on").
gw_nanogate_reason() {
    local pattern out
    case $1 in
        psk) pattern='authentication failed|pre-shared key mismatch' ;;
        p1) pattern='phase1 proposal mismatch' ;;
        p2|pfs) pattern='phase2 proposal or pfs mismatch' ;;
        ts) pattern='flow mismatch' ;;
    esac
    out=$(ng_console "display ike error-info")
    printf '%s\n' "$out" >"$RUN_DIR/gwA/display-ike-error-info.txt"
    grep -Eiq "$pattern" <<<"$out"
}
