# libreswan.sh - Libreswan 4.10 (Debian bookworm's package) as the peer on gwB (issue #20).
#
# Debian's libreswan conflicts with strongSwan's packages, so it is never installed: its .deb is
# fetched with `apt-get download` (tests/tools/install-packages.sh does it at install time; its
# library dependencies are ordinary packages) and unpacked with `dpkg -x` into a root of its own
# under the suite's work directory. pluto runs from there in netns gwB with everything of its own:
# --config (ipsec.conf), --secretsfile, --nssdir (an empty NSS database made with certutil),
# --rundir (its pid file and whack socket, in the run's state directory), --ipsecdir, --logfile.
#
# The kernel has XFRM but no ESP transform, so pluto cannot install an IPsec SA. lsw_start preloads
# libreswan/xfrm-stub.so: pluto's XFRM_MSG_NEWSA/UPDSA/DELSA are recorded in gwB/xfrm.log (keys
# included) and acknowledged by the kernel as a no-op; policies and SPI allocation reach the kernel
# unchanged. pluto therefore carries on exactly as if its SAs were installed, and
# libreswan/esp-probe.py proves the data path with the recorded keys (see the README).

LSW_VERSION=4.10
LSW_DEB_DIR=${NANOGATE_LIBRESWAN_DEB_DIR:-/var/cache/nanogate-interop}
LSW_ROOT=${TMPDIR:-/tmp}/nanogate-interop/libreswan-$LSW_VERSION
LSW_LIBEXEC=$LSW_ROOT/usr/libexec/ipsec

lsw_ctl() { echo "$STATE/gwB.lsw/pluto.ctl"; }
lsw_whack() { timeout 15 "$LSW_LIBEXEC/whack" --ctlsocket "$(lsw_ctl)" "$@"; }

# lsw_available: the unpacked root (made once per machine, under a lock) and the stub; prints a
# reason when Libreswan cannot run here.
lsw_available() {
    mkdir -p "${LSW_ROOT%/*}"
    (
        flock -w 120 9 || { echo "lock on $LSW_ROOT.lock"; exit 1; }
        if [[ ! -x $LSW_LIBEXEC/pluto ]]; then
            local deb
            deb=$(ls "$LSW_DEB_DIR"/libreswan_"$LSW_VERSION"-*_amd64.deb 2>/dev/null | tail -1)
            if [[ -z $deb ]]; then
                mkdir -p "$LSW_DEB_DIR"
                (cd "$LSW_DEB_DIR" && timeout 300 apt-get download -q libreswan >/dev/null 2>&1)
                deb=$(ls "$LSW_DEB_DIR"/libreswan_"$LSW_VERSION"-*_amd64.deb 2>/dev/null | tail -1)
            fi
            [[ -n $deb ]] || { echo "no libreswan $LSW_VERSION .deb in $LSW_DEB_DIR (tests/tools/install-packages.sh fetches it)"; exit 1; }
            rm -rf "$LSW_ROOT"; mkdir -p "$LSW_ROOT"
            dpkg -x "$deb" "$LSW_ROOT" || { echo "dpkg -x $deb failed"; exit 1; }
        fi
        # (rebuilt when the source is newer, e.g. after a checkout)
        if [[ ! -f $LSW_ROOT/xfrm-stub.so || $HERE/libreswan/xfrm-stub.c -nt $LSW_ROOT/xfrm-stub.so ]]; then
            gcc -O2 -Wall -shared -fPIC -o "$LSW_ROOT/xfrm-stub.so" "$HERE/libreswan/xfrm-stub.c" -ldl ||
                { echo "cannot build xfrm-stub.so (gcc)"; exit 1; }
        fi
        local missing
        missing=$(ldd "$LSW_LIBEXEC/pluto" | awk '/not found/ { print $1 }' | tr '\n' ' ')
        [[ -z $missing ]] || { echo "pluto misses libraries: $missing"; exit 1; }
        command -v certutil >/dev/null || { echo "certutil (libnss3-tools) not installed"; exit 1; }
        python3 -c 'import cryptography' 2>/dev/null || { echo "python3-cryptography not installed"; exit 1; }
    ) 9>"$LSW_ROOT.lock"
}

# Libreswan's names for the strongSwan proposal keywords the scenarios use.
lsw_ike() {
    case $1 in
        aes128-sha256-modp2048) echo 'aes128-sha2_256;modp2048' ;;
        aes256-sha256-modp3072) echo 'aes256-sha2_256;modp3072' ;;
    esac
}
lsw_esp() {
    case ${1%-modp*} in
        aes128-sha256) echo 'aes128-sha2_256' ;;
        aes128gcm16) echo 'aes_gcm128' ;;
        aes256-sha256) echo 'aes256-sha2_256' ;;
    esac
}

# lsw_configure key=value...: $RUN_DIR/gwB/{ipsec.conf,ipsec.secrets} and an empty NSS database.
# Keys as ss_configure: remote_addr (%any for a responder) mode ike esp psk local_id remote_id
# local_ts remote_ts, and dpd_delay dpd_timeout dpd_action salifetime rekeymargin.
lsw_configure() {
    local remote_addr mode=main ike esp psk local_id remote_id local_ts remote_ts
    local dpd_delay="" dpd_timeout=30 dpd_action=clear salifetime=8h rekeymargin=9m
    local "$@"
    local dir=$RUN_DIR/gwB pfs=no espline
    espline=$(lsw_esp "$esp")
    [[ $esp == *-modp* ]] && pfs=yes espline+=";${esp##*-}"
    mkdir -p "$dir/nss" "$STATE/gwB.lsw"
    certutil -N --empty-password -d "sql:$dir/nss" >/dev/null 2>&1 || { log "certutil -N failed"; return 1; }
    cat >"$dir/ipsec.conf" <<CONF
config setup
    # Libreswan 4.10 refuses IKEv1 connections unless this allows them.
    ikev1-policy=accept
    plutodebug=base
    logtime=yes
    uniqueids=yes

conn tun
    ikev2=no
    authby=secret
    aggressive=$([[ $mode == aggressive ]] && echo yes || echo no)
    left=$GWB_WAN
    leftid=@$local_id
    leftsubnet=$local_ts
    leftupdown=%disabled
    right=$remote_addr
    rightid=@$remote_id
    rightsubnet=$remote_ts
    ike=$(lsw_ike "$ike")
    esp=$espline
    pfs=$pfs
    # UDP-encapsulated ESP even without a NAT, as strongSwan's libipsec does: NanoGate's ESP runs
    # in its process over UDP 4500, and the capture checks are the same for both peers.
    encapsulation=yes
    ikelifetime=1h
    salifetime=$salifetime
    rekeymargin=$rekeymargin
    rekeyfuzz=0%
    keyingtries=1
    ${dpd_delay:+dpddelay=$dpd_delay}
    ${dpd_delay:+dpdtimeout=$dpd_timeout}
    ${dpd_delay:+dpdaction=$dpd_action}
    auto=add
CONF
    printf '@%s @%s : PSK "%s"\n' "$local_id" "$remote_id" "$psk" >"$dir/ipsec.secrets"
    chmod 600 "$dir/ipsec.secrets"
}

# lsw_start: pluto in netns gwB (foreground process, registered), then the connection added.
lsw_start() {
    local dir=$RUN_DIR/gwB
    : >"$dir/xfrm.log"
    # Without an ESP transform the kernel answers each ESP-in-UDP datagram on pluto's
    # encapsulation socket with ICMP port unreachable (xfrm4_rcv_encap finds no ESP handler). A
    # gateway with ESP would consume them; drop what only this kernel sends.
    nsx gwB nft -f - <<'NFT' || { log "nft on gwB rejected"; return 1; }
table ip lsw_no_esp {
    chain out {
        type filter hook output priority filter; policy accept;
        icmp type destination-unreachable icmp code port-unreachable drop
    }
}
NFT
    # pluto runs its helpers from the compiled-in /usr/libexec/ipsec: in a private mount namespace
    # a tmpfs over /usr/libexec holds only the unpacked ones.
    ip netns exec "$(ns_of gwB)" unshare -m --propagation private sh -c \
        'mount -t tmpfs none /usr/libexec && mkdir /usr/libexec/ipsec && mount --bind "$1" /usr/libexec/ipsec && shift && exec "$@"' \
        sh "$LSW_LIBEXEC" env LD_PRELOAD="$LSW_ROOT/xfrm-stub.so" LSW_XFRM_LOG="$dir/xfrm.log" \
        /usr/libexec/ipsec/pluto --nofork --config "$dir/ipsec.conf" --secretsfile "$dir/ipsec.secrets" \
        --nssdir "$dir/nss" --rundir "$STATE/gwB.lsw" --dumpdir "$STATE/gwB.lsw" --ipsecdir "$dir" \
        --logfile "$dir/pluto.log" --no-dnssec >"$dir/pluto.out" 2>&1 </dev/null &
    register_pid $! pluto-gwB
    wait_for 10 test -S "$(lsw_ctl)" || { log "pluto on gwB: no whack socket"; return 1; }
    nsx gwB timeout 15 "$LSW_LIBEXEC/addconn" --config "$dir/ipsec.conf" --ctlsocket "$(lsw_ctl)" tun \
        >"$dir/addconn.txt" 2>&1 || { log "addconn on gwB failed: $(tail -3 "$dir/addconn.txt")"; return 1; }
}

# lsw_initiate: pluto initiates (whack returns at once; the scenario polls lsw_up or the reason).
lsw_initiate() { lsw_whack --name tun --initiate --asynchronous >>"$RUN_DIR/gwB/initiate.txt" 2>&1; }

lsw_status() { lsw_whack --status 2>/dev/null; }

# lsw_up: pluto has an established ISAKMP SA and an established IPsec SA, and gave the IPsec SA
# to the kernel (recorded by the stub).
lsw_up() {
    local st; st=$(lsw_status)
    grep -Eq '\((IKE|ISAKMP) SA established\)' <<<"$st" &&
        grep -q 'IPsec SA established' <<<"$st" && grep -q '^newsa\|^updsa' "$RUN_DIR/gwB/xfrm.log"
}
