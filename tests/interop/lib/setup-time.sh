# setup-time.sh - tunnel setup time from the captures (issue 19): first IKE packet to the last
# quick-mode packet, read from each scenario's capture on the NAT's outside (nat-out0.pcap).
# Costs no scenario time: the samples are the scenarios the suite ran anyway. Compared on one
# path only: main mode, port-changing NAT, gwA initiating, no PFS, strongSwan 5.9 on gwB, so
# the strongSwan<->strongSwan and NanoGate<->strongSwan figures differ only in who runs gwA.

# setup_messages PCAP: one line "TOTAL MM2 MM3 MM4 MM5 MM6 QM1 QM2 QM3" in milliseconds: the
# total (MM1 to QM3) and each message's distance from the one before it (the time its sender
# took: gwB answers MM2/MM4/MM6/QM2, gwA sends MM3/MM5/QM1/QM3). Fails without all nine.
setup_messages() {
    tcpdump -nn -tt -r "$1" 'udp port 500 or udp port 4500' 2>/dev/null | awk '
        / isakmp: phase 1 [IR] ident/ { if (m < 6) mm[++m] = $1; next }
        / oakley-quick/ { if (m == 6 && q < 3) qm[++q] = $1 }
        END {
            if (m < 6 || q < 3) exit 1
            for (i = 1; i <= 6; i++) t[i] = mm[i]
            for (i = 1; i <= 3; i++) t[6 + i] = qm[i]
            printf "%.1f", (t[9] - t[1]) * 1000
            for (i = 2; i <= 9; i++) printf " %.1f", (t[i] - t[i - 1]) * 1000
            printf "\n"
        }'
}

# setup_stats: reads numbers (one per line); prints "median MIN-MAX n" (the median of an even
# count is the mean of the middle two).
setup_stats() {
    sort -g | awk '{ v[++n] = $1 } END {
        if (n == 0) exit 1
        med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        printf "%.1f %.1f-%.1f %d\n", med, v[1], v[n], n }'
}

# setup_report SUITE_DIR: reads the selected "name<TAB>args" lines on stdin; prints the setup
# time of each gwA implementation (median, range, runs) and the median time per message.
setup_report() {
    local suite=$1 name args impl pcap row
    local -A rows=()
    while IFS=$'\t' read -r name args; do
        [[ " $args " == *" --mode main "* && " $args " == *" --nat change "* ]] || continue
        [[ " $args " == *" --initiator B "* || " $args " == *" --pfs yes "* || " $args " == *" --expect "* ]] && continue
        [[ " $args " == *" --peer "* && " $args " != *" --peer strongswan "* ]] && continue
        [[ " $args " == *" --crypto "* && " $args " != *" --crypto dotnet "* ]] && continue
        impl=$(sed -n 's/.*--impl \([a-z]*\).*/\1/p' <<<"$args")
        pcap=$suite/${name//\//_}/nat-out0.pcap
        [[ -n $impl && -s $pcap ]] || continue
        row=$(setup_messages "$pcap") || continue
        rows[$impl]+="$row"$'\n'
    done
    local label s total per col msg
    local -a msgs=(MM2 MM3 MM4 MM5 MM6 QM1 QM2 QM3)
    local -A med=()
    for impl in strongswan nanogate; do
        label=$([[ $impl == strongswan ]] && echo "strongSwan<->strongSwan" || echo "NanoGate<->strongSwan")
        if [[ -z ${rows[$impl]:-} ]]; then
            echo "setup time ($label): no sample in this run"
            continue
        fi
        read -r s r n < <(printf '%s' "${rows[$impl]}" | awk '{ print $1 }' | setup_stats)
        med[$impl]=$s
        per=""
        for col in 2 3 4 5 6 7 8 9; do
            msg=${msgs[col - 2]}
            per+=" $msg $(printf '%s' "${rows[$impl]}" | awk -v c="$col" '{ print $c }' | setup_stats | cut -d' ' -f1)"
        done
        echo "setup time ($label, main mode, NAT change, gwA initiates, no PFS; MM1 to QM3 on the wire): median $s ms, range $r ms, $n runs"
        echo "  median ms since the previous message:$per"
    done
    if [[ -n ${med[strongswan]:-} && -n ${med[nanogate]:-} ]]; then
        awk -v a="${med[nanogate]}" -v b="${med[strongswan]}" 'BEGIN { if (b > 0) printf "setup time ratio NanoGate/strongSwan (medians): %.2f\n", a / b }'
    fi
}
