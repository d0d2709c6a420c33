#!/usr/bin/env bash
# Wireshark check of the capture export (issue 8): runs the demo with the branch capturing
# (nanogate demo --capture DIR, once with AES-CBC + HMAC-SHA2-256 ESP, once with AES-GCM-128) and
# asserts with tshark, fed only the exported ikev1_decryption_table and esp_sa, that
#   - the pcap opens and holds main mode 1..6 and quick mode 1..3,
#   - MM5/MM6 and quick mode decrypt (ID payloads with both WAN addresses, HASH first in QM),
#   - every ESP packet decrypts with a good ICV to the pinged ICMP packets, both directions,
#   - and without the key files none of that is readable (the keys did it).
# Installs tshark with apt-get when it is missing (needs root then); never skips.
# Usage: tests/tools/capture-check.sh [path/to/nanogate.dll]   (default: the Release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
nanogate=${1:-firmware/Host/bin/Release/net10.0/nanogate.dll}

if ! command -v tshark >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "capture-check: FAILED: tshark is not installed and installing it needs root" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  apt-get update -qq
  apt-get install -y -qq tshark >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
expect() { # description expected actual
  if [[ "$2" == "$3" ]]; then
    echo "  ok    $1 ($3)"
  else
    echo "  FAIL  $1: expected $2, got $3"
    failures=$((failures + 1))
  fi
}

# tshark fields, one line per frame: exchange type; payload types; ID addresses; ICV good; ip.src (outer[,inner]); ICMP type
dissect() { # home pcap
  HOME=$1 tshark -n -r "$2" -o esp.enable_encryption_decode:TRUE -o esp.enable_authentication_check:TRUE \
    -T fields -E separator=';' -e isakmp.exchangetype -e isakmp.typepayload -e isakmp.id.data.ipv4_addr \
    -e esp.icv_good -e ip.src -e icmp.type 2>"$work/tshark.err"
}

count() { grep -c -E "$1" <<<"$2" || true; }

echo "capture-check: $(tshark --version 2>/dev/null | head -1)"
for esp in aes-128 aes-gcm-128; do
  dir=$work/$esp
  echo "capture-check: nanogate demo --capture DIR --esp $esp"
  if ! dotnet "$nanogate" demo --capture "$dir" --esp "$esp" >"$work/demo.log" 2>&1; then
    cat "$work/demo.log"
    echo "  FAIL  the demo failed"
    failures=$((failures + 1))
    continue
  fi

  for f in capture.pcap ikev1_decryption_table esp_sa; do
    [[ -s $dir/$f ]] || { echo "  FAIL  $f was not exported"; failures=$((failures + 1)); }
  done

  keys=$work/home-keys-$esp
  mkdir -p "$keys/.config/wireshark"
  cp "$dir/ikev1_decryption_table" "$dir/esp_sa" "$keys/.config/wireshark/"
  out=$(dissect "$keys" "$dir/capture.pcap") || { cat "$work/tshark.err"; echo "  FAIL  tshark could not read the capture"; failures=$((failures + 1)); continue; }
  if grep -q -i -E "uat|esp_sa|ikev1_decryption_table" "$work/tshark.err"; then
    cat "$work/tshark.err"
    echo "  FAIL  tshark complained about the key tables"
    failures=$((failures + 1))
  fi

  esp_packets=$(count '^;;;[01];' "$out")
  expect "main mode messages" 6 "$(count '^2;' "$out")"
  expect "quick mode messages" 3 "$(count '^32;' "$out")"
  expect "MM5 decrypted: ID 192.168.1.2" 1 "$(count '^2;5,8[^;]*;192\.168\.1\.2;' "$out")"
  expect "MM6 decrypted: ID 203.0.113.2" 1 "$(count '^2;5,8[^;]*;203\.0\.113\.2;' "$out")"
  expect "quick mode decrypted: HASH payload first" 3 "$(count '^32;8' "$out")"
  [[ $esp_packets -gt 0 ]] || { echo "  FAIL  no ESP packet in the capture"; failures=$((failures + 1)); }
  expect "ESP packets with a good ICV" "$esp_packets" "$(count '^;;;1;' "$out")"
  expect "ESP packets decrypted to ICMP" "$esp_packets" "$(count '^;;;1;[^;]*,10\.[12]\.0\.[0-9]+;[08]$' "$out")"
  [[ $(count '^;;;1;192\.168\.1\.2,10\.1\.0\.10;8$' "$out") -gt 0 ]] && echo "  ok    outbound echo request 10.1.0.10 -> 10.2.0.20 decrypted" \
    || { echo "  FAIL  no outbound echo request decrypted"; failures=$((failures + 1)); }
  [[ $(count '^;;;1;203\.0\.113\.2,10\.2\.0\.20;0$' "$out") -gt 0 ]] && echo "  ok    inbound echo reply 10.2.0.20 -> 10.1.0.10 decrypted" \
    || { echo "  FAIL  no inbound echo reply decrypted"; failures=$((failures + 1)); }

  # Control: the same file without the key tables shows no decrypted IKE payload and no ICMP.
  none=$work/home-none-$esp
  mkdir -p "$none/.config/wireshark"
  out=$(dissect "$none" "$dir/capture.pcap")
  expect "without keys: decrypted ID payloads" 0 "$(count '^2;5' "$out")"
  expect "without keys: ICMP packets" 0 "$(count ';[08]$' "$out")"
done

if [[ $failures -gt 0 ]]; then
  echo "capture-check: FAILED ($failures)"
  exit 1
fi
echo "capture-check: ok"
