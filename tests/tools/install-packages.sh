#!/usr/bin/env bash
# The Debian packages the test command needs, installed once (one `apt-get update`, one
# `apt-get install -y`) before any suite runs. Each suite still checks for what it uses and fails
# loudly when it is missing; this step only makes sure a fresh machine has it.
#   tests/tools/install-packages.sh          install what is missing (needs root)
#   tests/tools/install-packages.sh --list   print the list
set -uo pipefail

PACKAGES=(
    # network namespaces and the tools the interop suite and the root board tests drive
    iproute2 iputils-ping nftables tcpdump iperf3 procps
    # strongSwan 5.9, the reference peer (tests/interop)
    strongswan-charon strongswan-swanctl libcharon-extra-plugins libstrongswan-extra-plugins
    # Wireshark's dissector for the capture export check (tests/tools/capture-check.sh)
    tshark
    # the native crypto component's C against Debian's mbedTLS (native/c)
    gcc make libmbedtls-dev
    # the PSTN suite's pty pair (tests/Pstn.Tests/PtyLinkTests.cs)
    socat
)

if [[ ${1:-} == --list ]]; then printf '%s\n' "${PACKAGES[@]}"; exit 0; fi
if [[ $(id -u) -ne 0 ]]; then
    echo "install-packages: not root: cannot install; the suites that need root will say what is missing"
    exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then echo "install-packages: all ${#PACKAGES[@]} present"; exit 0; fi
echo "install-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
timeout 600 apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null || { echo "install-packages: apt-get update failed"; exit 1; }
timeout 1200 apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}" >/dev/null ||
    { echo "install-packages: apt-get install ${missing[*]} failed"; exit 1; }
echo "install-packages: done"
