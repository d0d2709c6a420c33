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
    # Libreswan 4.10, the second peer (tests/interop, issue #20): its own package conflicts with
    # strongSwan's, so only its libraries and tools are installed; the .deb itself is fetched below
    # and unpacked by the suite into a root of its own. python3-cryptography runs its ESP probe.
    libnss3 libnss3-tools libnspr4 libunbound8 libldns3 libevent-core-2.1-7 libevent-pthreads-2.1-7
    libcurl3-nss libldap-2.5-0 libcap-ng0 libaudit1 python3-cryptography
    # Wireshark's dissector for the capture export check (tests/tools/capture-check.sh)
    tshark
    # the native crypto component's C against Debian's mbedTLS (native/c)
    gcc make libmbedtls-dev
    # the real NTP server and syslog receiver of the interop services scenario (tests/interop/lib/services.sh)
    chrony rsyslog
    # the PSTN suite's pty pair (tests/Pstn.Tests/PtyLinkTests.cs)
    socat
)

# Where the suite finds libreswan's .deb (tests/interop/lib/libreswan.sh reads the same variable).
LIBRESWAN_DEB_DIR=${NANOGATE_LIBRESWAN_DEB_DIR:-/var/cache/nanogate-interop}

if [[ ${1:-} == --list ]]; then printf '%s\n' "${PACKAGES[@]}" "libreswan (apt-get download only)"; exit 0; fi
if [[ $(id -u) -ne 0 ]]; then
    echo "install-packages: not root: cannot install; the suites that need root will say what is missing"
    exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
have_deb() { compgen -G "$LIBRESWAN_DEB_DIR/libreswan_*_amd64.deb" >/dev/null; }
if [[ ${#missing[@]} -eq 0 ]] && have_deb; then echo "install-packages: all ${#PACKAGES[@]} present, and libreswan's .deb"; exit 0; fi
export DEBIAN_FRONTEND=noninteractive
timeout 600 apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null || { echo "install-packages: apt-get update failed"; exit 1; }
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "install-packages: installing ${missing[*]}"
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
    timeout 1200 apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}" >/dev/null ||
        { echo "install-packages: apt-get install ${missing[*]} failed"; exit 1; }
fi
if ! have_deb; then
    # Downloaded, never installed: Debian's libreswan conflicts with strongswan-libcharon.
    echo "install-packages: fetching libreswan's .deb into $LIBRESWAN_DEB_DIR"
    mkdir -p "$LIBRESWAN_DEB_DIR"
    (cd "$LIBRESWAN_DEB_DIR" && timeout 600 apt-get -o DPkg::Lock::Timeout=600 download -q libreswan >/dev/null 2>&1) && have_deb ||
        { echo "install-packages: apt-get download libreswan failed"; exit 1; }
fi
echo "install-packages: done"
