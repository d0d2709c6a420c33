# topology.sh - five network namespaces in a row, unique to this run.
#
#   lanA 10.1.0.10 -eth0--lan0- gwA 10.1.0.1 | 192.168.100.2 -wan0--in0- nat 192.168.100.1 | 203.0.113.1
#        -out0--wan0- gwB 203.0.113.2 | 10.2.0.1 -lan0--eth0- lanB 10.2.0.10
#
# The namespace names are "$PREFIX-<node>"; every one this run creates is written to
# $STATE/namespaces. Veths are created directly inside their namespaces, so no interface name is
# ever used in the root namespace. nat has no route to 10.x and gwB's only route to 10.1.0.0/24
# is the tunnel, so a lanA<->lanB ping can only succeed inside ESP.

LANA_HOST=10.1.0.10 GWA_LAN=10.1.0.1  LANA_NET=10.1.0.0/24
GWA_WAN=192.168.100.2 NAT_IN=192.168.100.1 WANA_NET=192.168.100.0/24
NAT_OUT=203.0.113.1 GWB_WAN=203.0.113.2
GWB_LAN=10.2.0.1 LANB_HOST=10.2.0.10 LANB_NET=10.2.0.0/24
NAT_PORTS=40000-49999
NODES=(lanA gwA nat gwB lanB)

ns_of() { echo "$PREFIX-$1"; }
# nsx NODE COMMAND...: run in a node's namespace (foreground only; background processes are started
# with a direct "ip netns exec ... &" so $! is the process itself, not a subshell).
nsx() { local n=$1; shift; ip netns exec "$PREFIX-$n" "$@"; }

topo_ns_add() {
    local ns; ns=$(ns_of "$1")
    ip netns add "$ns" || die "cannot create namespace $ns (name taken?)"
    echo "$ns" >>"$STATE/namespaces"
    nsx "$1" ip link set lo up || die "cannot bring up lo in $ns"
    nsx "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 \
        net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 || die "sysctl failed in $ns"
}

# topo_link NODE1 IF1 ADDR1 NODE2 IF2 ADDR2
topo_link() {
    ip link add "$2" netns "$(ns_of "$1")" type veth peer name "$5" netns "$(ns_of "$4")" ||
        die "cannot create veth $1/$2 - $4/$5"
    nsx "$1" ip addr add "$3" dev "$2" && nsx "$1" ip link set "$2" up || die "cannot address $1/$2"
    nsx "$4" ip addr add "$6" dev "$5" && nsx "$4" ip link set "$5" up || die "cannot address $4/$5"
}

# topo_up NAT_MODE(none|preserve|change) PORT_FORWARD(yes|no)
topo_up() {
    local nat_mode=$1 forward=$2 n
    for n in "${NODES[@]}"; do topo_ns_add "$n"; done
    for n in gwA nat gwB; do nsx "$n" sysctl -qw net.ipv4.ip_forward=1 || die "cannot enable forwarding in $n"; done
    # The veths are created up; disable_ipv6 above was set before they existed, and "default"
    # covers them.
    topo_link lanA eth0 "$LANA_HOST/24" gwA lan0 "$GWA_LAN/24"
    topo_link gwA wan0 "$GWA_WAN/24" nat in0 "$NAT_IN/24"
    topo_link nat out0 "$NAT_OUT/24" gwB wan0 "$GWB_WAN/24"
    topo_link gwB lan0 "$GWB_LAN/24" lanB eth0 "$LANB_HOST/24"
    nsx lanA ip route add default via "$GWA_LAN" || die "cannot route lanA"
    nsx lanB ip route add default via "$GWB_LAN" || die "cannot route lanB"
    nsx gwA ip route add default via "$NAT_IN" || die "cannot route gwA"
    nsx gwB ip route add default via "$NAT_OUT" || die "cannot route gwB"
    topo_nat "$nat_mode" "$forward"
    echo "nat=$nat_mode forward=$forward" >"$STATE/topology"
}

# The NAT box. preserve: masquerade keeps source ports when it can (500->500, 4500->4500).
# change: masquerade into 40000-49999, random (a port range needs an l4proto match).
# none: plain routing, everything forwarded. In the NAT modes nothing unsolicited gets in from
# out0 except what the optional port-forward (UDP 500/4500 -> gwA) lets in.
topo_nat() {
    local mode=$1 forward=$2 masq="" dnat="" fwd_policy=accept
    case $mode in
        none) ;;
        preserve) masq="oifname \"out0\" ip saddr $WANA_NET masquerade" ;;
        change) masq="oifname \"out0\" ip saddr $WANA_NET meta l4proto { tcp, udp } masquerade to :$NAT_PORTS random" ;;
        *) die "unknown NAT mode $mode" ;;
    esac
    [[ $mode != none ]] && fwd_policy=drop
    [[ $forward == yes ]] && dnat="iifname \"out0\" ip daddr $NAT_OUT udp dport { 500, 4500 } dnat to $GWA_WAN"
    nsx nat nft -f - <<NFT || die "nft ruleset rejected"
table ip interop {
    chain pre {
        type nat hook prerouting priority dstnat; policy accept;
        $dnat
    }
    chain post {
        type nat hook postrouting priority srcnat; policy accept;
        $masq
    }
    chain forward_filter {
        type filter hook forward priority filter; policy $fwd_policy;
        ct state established,related accept
        iifname "in0" oifname "out0" accept
        ct status dnat accept
    }
}
NFT
}

# A persistent TUN device in gwA for a gateway under test that opens one by name (IFF_TUN|IFF_NO_PI)
# instead of creating its own: up, MTU 1400, and the route to lanB through it.
topo_gwa_tun() {
    nsx gwA ip tuntap add dev "$1" mode tun || die "cannot create TUN $1 in gwA"
    nsx gwA ip link set "$1" mtu 1400 up
    nsx gwA ip route add "$LANB_NET" dev "$1" src "$GWA_LAN"
}

# capture_start NODE IFACE FILE: tcpdump writing a pcap. -Z root because tcpdump otherwise drops to
# user tcpdump and cannot write the run directory; --immediate-mode so the last packets are not
# still in the ring buffer when it is stopped. 128 bytes per packet are enough for every check
# (the ISAKMP header behind the non-ESP marker ends at byte 74) and keep iperf3 runs small.
capture_start() {
    local node=$1 ifc=$2 file=$3
    ip netns exec "$(ns_of "$node")" tcpdump -i "$ifc" -n -s 128 -U -Z root --immediate-mode \
        -w "$file" >"$file.log" 2>&1 </dev/null &
    register_pid $! "capture-$node-$ifc"
    wait_for 5 grep -q "listening on" "$file.log" || die "tcpdump on $node/$ifc did not start"
}
