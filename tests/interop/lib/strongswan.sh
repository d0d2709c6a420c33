# strongswan.sh - a private strongSwan 5.9 charon per gateway namespace.
#
# charon's pid file (/var/run/charon.pid) is compiled in, so two charons on one host collide.
# Each charon therefore runs in its own mount namespace with a per-gateway directory bound over
# /run. It reads its own strongswan.conf (STRONGSWAN_CONF) with an explicit plugin list in which
# kernel-libipsec comes before kernel-netlink: this kernel has no XFRM ESP, so ESP runs in user
# space over a TUN device (ipsec0), and libipsec can only do UDP-encapsulated ESP. swanctl talks to
# each charon over its own vici socket (--uri).

CHARON=${CHARON:-/usr/lib/ipsec/charon}
SS_PLUGINS="random nonce openssl pem pkcs1 pubkey aes sha1 sha2 hmac gcm gmp kernel-libipsec kernel-netlink socket-default vici"

ss_sock() { echo "unix://$STATE/$1.run/charon.vici"; }

# ss_swanctl NODE COMMAND ARGS...: swanctl against that node's charon, bounded. (swanctl wants
# the command first, options after it.)
ss_swanctl() { local n=$1 c=$2; shift 2; timeout 25 swanctl "$c" --uri "$(ss_sock "$n")" "$@"; }

# ss_configure NODE key=value...: writes $RUN_DIR/NODE/{strongswan,swanctl}.conf.
# Keys: local_addr remote_addr (%any for a responder that accepts anyone) mode (main|aggressive)
#       ike esp (strongSwan proposal syntax; esp with a DH group = PFS) psk local_id remote_id
#       local_ts remote_ts start_action (none|trap|start)
#       dpd_delay dpd_timeout (IKEv1: idle seconds before R_U_THERE, and how long without an
#       answer before dpd_action) dpd_action (clear|restart)
#       child_rekey child_life (CHILD SA rekey_time and life_time; rekey 0 = never)
ss_configure() {
    local node=$1; shift
    local local_addr remote_addr mode=main ike esp psk local_id remote_id local_ts remote_ts start_action=none
    local dpd_delay=30s dpd_timeout=150s dpd_action=clear child_rekey=0 child_life=""
    local "$@"
    local dir=$RUN_DIR/$node aggressive=no
    [[ $mode == aggressive ]] && aggressive=yes
    mkdir -p "$dir" "$STATE/$node.run"
    cat >"$dir/strongswan.conf" <<CONF
charon {
    load_modular = no
    load = $SS_PLUGINS
    # IKEv1 aggressive mode with PSK is refused by a strongSwan responder without this.
    i_dont_care_about_security_and_use_aggressive_mode_psk = yes
    retransmit_tries = 3
    retransmit_timeout = 2.0
    filelog {
        charon {
            path = $dir/charon.log
            time_format = %H:%M:%S
            # the reason checks read the log while charon runs
            flush_line = yes
            default = 1
            ike = 2
            cfg = 2
            knl = 1
        }
    }
    syslog {
    }
    plugins {
        vici {
            socket = $(ss_sock "$node")
        }
    }
}
CONF
    cat >"$dir/swanctl.conf" <<CONF
connections {
    tun {
        version = 1
        aggressive = $aggressive
        local_addrs = $local_addr
        remote_addrs = $remote_addr
        proposals = $ike
        dpd_delay = $dpd_delay
        dpd_timeout = $dpd_timeout
        rekey_time = 0
        local {
            auth = psk
            id = $local_id
        }
        remote {
            auth = psk
            id = $remote_id
        }
        children {
            net {
                mode = tunnel
                local_ts = $local_ts
                remote_ts = $remote_ts
                esp_proposals = $esp
                start_action = $start_action
                dpd_action = $dpd_action
                rekey_time = $child_rekey
                ${child_life:+life_time = $child_life}
                rand_time = 0
            }
        }
    }
}
secrets {
    ike-interop {
        id-local = $local_id
        id-remote = $remote_id
        secret = 0x$(to_hex "$psk")
    }
}
CONF
}

# ss_start NODE: start charon in the node's namespace and load its swanctl.conf.
ss_start() {
    local node=$1 dir=$RUN_DIR/$1
    ip netns exec "$(ns_of "$node")" unshare -m --propagation private sh -c \
        'mount --bind "$1" /run && STRONGSWAN_CONF="$2" exec "$3"' \
        sh "$STATE/$node.run" "$dir/strongswan.conf" "$CHARON" >"$dir/charon.out" 2>&1 </dev/null &
    register_pid $! "charon-$node"
    wait_for 10 test -S "$STATE/$node.run/charon.vici" || { log "charon on $node: no vici socket"; return 1; }
    ss_swanctl "$node" --load-all --file "$dir/swanctl.conf" >"$dir/load.txt" 2>&1 ||
        { log "swanctl --load-all on $node failed: $(tail -3 "$dir/load.txt")"; return 1; }
}

# ss_initiate NODE [SECONDS]: swanctl --initiate, returning when the CHILD SA is up or failed, or
# after SECONDS (default 15; charon carries on negotiating in the background).
ss_initiate() { ss_swanctl "$1" --initiate --child net --timeout "${2:-15}" >>"$RUN_DIR/$1/initiate.txt" 2>&1; }
ss_list() { ss_swanctl "$1" --list-sas 2>/dev/null; }

# ss_up NODE: an IKEv1 IKE SA is ESTABLISHED and its CHILD SA is INSTALLED in tunnel mode over UDP.
ss_up() {
    local sas; sas=$(ss_list "$1")
    grep -q 'ESTABLISHED, IKEv1' <<<"$sas" && grep -q 'INSTALLED, TUNNEL-in-UDP' <<<"$sas"
}
ss_wait_up() { wait_for "$2" ss_up "$1"; }
