#!/usr/bin/env bash
# selftest.sh - the negative checks fail when their instrument does not work (issue 23): a missing
# log, a namespace that does not exist, a missing or empty capture, an unreachable charon or pluto.
# Needs no namespace and no root; run.sh runs it first. Exit 0 when every case fails as it must.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
for f in common topology checks strongswan libreswan peer; do . "$HERE/lib/$f.sh"; done
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
RUN_LOG=$dir/selftest.log RUN_DIR=$dir PREFIX=ngi-selftest-none GWB_WAN=203.0.113.2
mkdir -p "$dir/gwB"
bad=0
must_fail() { if "$@" >/dev/null 2>&1; then echo "selftest: passed but must fail: $*"; bad=1; fi; }
must_pass() { "$@" >/dev/null 2>&1 || { echo "selftest: failed but must pass: $*"; bad=1; }; }
must_fail no_match "$dir/no-such.log" 'deleting IKE_SA'
: >"$dir/empty.log"; must_pass no_match "$dir/empty.log" 'deleting IKE_SA'
must_fail ping_fails lanA 10.2.0.10
must_fail capture_no_tunnel_ok "$dir/no-such.pcap"
: >"$dir/empty.pcap"; must_fail capture_no_tunnel_ok "$dir/empty.pcap"
[[ $(pcap_count "$dir/no-such.pcap" ip) == -1 ]] || { echo "selftest: pcap_count of a missing capture is not -1"; bad=1; }
ss_sock() { echo "$dir/no-such.vici"; }
PEER=strongswan must_fail peer_no_child
lsw_whack() { return 1; }
PEER=libreswan must_fail peer_no_child
((bad == 0)) && echo "interop selftest: the negative checks fail without their instruments"
exit $bad
