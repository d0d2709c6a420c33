#!/usr/bin/env python3
"""esp-probe.py - the data path against Libreswan with the keys pluto negotiated (issue #20).

pluto cannot run ESP on this kernel (no ESP transform); xfrm-stub.so records each SA pluto hands
to the kernel in gwB/xfrm.log. This tool does, with those keys, what the kernel would have done:

  send     build ICMP echo requests lanB -> lanA as ESP-in-UDP (RFC 4303, RFC 3948) with pluto's
           newest outbound SA and send them from gwB:4500 to gwA's encapsulation address and port
           (run inside netns gwB; a raw socket, because pluto holds UDP 4500).
  decrypt  read a pcap, take every ESP-in-UDP packet for pluto's inbound SAs, check its ICV
           (HMAC-SHA-256-128, RFC 4868; or the AES-GCM tag, RFC 4106) and decrypt it; print one
           line per packet with the inner IP packet's addresses and ICMP type. Exit 1 if a packet
           for a known SPI fails authentication or none is found.

The CBC IV is random (RFC 3602), the GCM IV is the sequence number (RFC 4106 allows any unique
value). Test code: the keys are those of a throw-away run.
"""
import argparse, os, socket, struct, sys
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def parse_log(path):
    """Every SA line: dict with op, spi, src, dst, encap (sport, dport) and the algorithms."""
    sas = []
    for line in open(path):
        f = line.split()
        if not f or f[0] not in ("newsa", "updsa"):
            continue
        sa = {"op": f[0]}
        for kv in f[1:]:
            k, _, v = kv.partition("=")
            sa[k] = v
        sa["spi"] = int(sa["spi"], 16)
        if "aead" in sa:
            name, icv, key = sa["aead"].split(":")
            sa["aead"] = (bytes.fromhex(key), int(icv) // 8)
        if "enc" in sa:
            sa["enc"] = bytes.fromhex(sa["enc"].split(":")[1])
        if "auth" in sa:
            name, trunc, key = sa["auth"].split(":")
            sa["auth"] = (bytes.fromhex(key), int(trunc) // 8)
        if "encap" in sa:
            t, sp, dp = sa["encap"].split(":")
            sa["encap"] = (int(sp), int(dp))
        sas.append(sa)
    return sas


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(src, dst, proto, payload, ident=0):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0, 64, proto, 0,
                    socket.inet_aton(src), socket.inet_aton(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def echo_request(ident, seq):
    body = b"nanogate-libreswan-probe".ljust(56, b".")
    icmp = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + body
    return icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]


def esp_encrypt(sa, seq, inner):
    """RFC 4303 section 2: SPI, sequence number, IV, payload, padding, pad length, next header
    (4 = IPv4, tunnel mode), ICV."""
    hdr = struct.pack("!II", sa["spi"], seq)
    block = 4 if "aead" in sa else 16
    padlen = (-(len(inner) + 2)) % block
    plain = inner + bytes(range(1, padlen + 1)) + bytes([padlen, 4])
    if "aead" in sa:
        key, icv = sa["aead"]
        iv = struct.pack("!Q", seq)
        ct = AESGCM(key[:-4]).encrypt(key[-4:] + iv, plain, hdr)  # ciphertext || 16-byte tag
        return hdr + iv + ct
    iv = os.urandom(16)
    enc = Cipher(algorithms.AES(sa["enc"]), modes.CBC(iv)).encryptor()
    ct = enc.update(plain) + enc.finalize()
    akey, icv = sa["auth"]
    h = hmac.HMAC(akey, hashes.SHA256()); h.update(hdr + iv + ct)
    return hdr + iv + ct + h.finalize()[:icv]


def esp_decrypt(sa, esp):
    """The inner IP packet, or None when the ICV does not verify."""
    hdr = esp[:8]
    if "aead" in sa:
        key, icv = sa["aead"]
        iv = esp[8:16]
        try:
            plain = AESGCM(key[:-4]).decrypt(key[-4:] + iv, esp[16:], hdr)
        except Exception:
            return None
    else:
        akey, icv = sa["auth"]
        h = hmac.HMAC(akey, hashes.SHA256()); h.update(esp[:-icv])
        if h.finalize()[:icv] != esp[-icv:]:
            return None
        iv = esp[8:24]
        dec = Cipher(algorithms.AES(sa["enc"]), modes.CBC(iv)).decryptor()
        plain = dec.update(esp[24:-icv]) + dec.finalize()
    padlen, nh = plain[-2], plain[-1]
    return plain[:-2 - padlen] if nh == 4 else None


def cmd_send(a):
    out = [sa for sa in parse_log(a.xfrm_log) if sa["src"] == a.src]
    if not out:
        sys.exit("no outbound SA from %s in %s" % (a.src, a.xfrm_log))
    sa = out[-1]
    sport, dport = sa["encap"]
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    for i in range(1, a.count + 1):
        inner = ipv4(a.inner_src, a.inner_dst, 1, echo_request(0x4c53, i), ident=i)
        esp = esp_encrypt(sa, a.first_seq + i - 1, inner)
        udp = struct.pack("!HHHH", sport, dport, 8 + len(esp), 0) + esp  # checksum 0: RFC 3948 3.1
        s.sendto(ipv4(sa["src"], sa["dst"], 17, udp, ident=0x4000 + i), (sa["dst"], 0))
        print("sent ESP spi 0x%08x seq %d %s:%d -> %s:%d: echo request %s -> %s"
              % (sa["spi"], a.first_seq + i - 1, sa["src"], sport, sa["dst"], dport, a.inner_src, a.inner_dst))


def pcap_packets(path):
    data = open(path, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    e = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    linktype = struct.unpack(e + "I", data[20:24])[0]
    off = 24
    while off + 16 <= len(data):
        _, _, incl, orig = struct.unpack(e + "IIII", data[off:off + 16])
        pkt = data[off + 16:off + 16 + incl]
        off += 16 + incl
        if incl < orig:
            continue  # truncated: cannot be authenticated
        if linktype == 1:
            if pkt[12:14] != b"\x08\x00":
                continue
            pkt = pkt[14:]
        elif linktype == 113:
            pkt = pkt[16:]
        elif linktype == 276:
            pkt = pkt[20:]
        yield pkt


def cmd_decrypt(a):
    inbound = {sa["spi"]: sa for sa in parse_log(a.xfrm_log) if sa["dst"] == a.dst}
    ok = bad = 0
    for ip in pcap_packets(a.pcap):
        if len(ip) < 28 or ip[9] != 17:
            continue
        ihl = (ip[0] & 15) * 4
        udp = ip[ihl:]
        dport = struct.unpack("!H", udp[2:4])[0]
        esp = udp[8:]
        if dport != 4500 or len(esp) < 8 or esp[:4] == b"\0\0\0\0":
            continue
        spi, seq = struct.unpack("!II", esp[:8])
        sa = inbound.get(spi)
        if sa is None:
            continue
        inner = esp_decrypt(sa, esp)
        if inner is None:
            bad += 1
            print("FAIL spi 0x%08x seq %d: ICV does not verify with pluto's inbound key" % (spi, seq))
            continue
        ok += 1
        src, dst = socket.inet_ntoa(inner[12:16]), socket.inet_ntoa(inner[16:20])
        what = "proto %d" % inner[9]
        if inner[9] == 1:
            t = inner[(inner[0] & 15) * 4]
            what = {0: "icmp echo reply", 8: "icmp echo request"}.get(t, "icmp type %d" % t)
        print("ok spi 0x%08x seq %d: %s -> %s %s" % (spi, seq, src, dst, what))
    print("decrypted %d, failed %d" % (ok, bad))
    sys.exit(0 if ok > 0 and bad == 0 else 1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("send")
    s.add_argument("--xfrm-log", required=True)
    s.add_argument("--src", required=True)
    s.add_argument("--inner-src", required=True)
    s.add_argument("--inner-dst", required=True)
    s.add_argument("--count", type=int, default=3)
    s.add_argument("--first-seq", type=int, default=1)
    d = sub.add_parser("decrypt")
    d.add_argument("--xfrm-log", required=True)
    d.add_argument("--dst", required=True)
    d.add_argument("--pcap", required=True)
    a = p.parse_args()
    cmd_send(a) if a.cmd == "send" else cmd_decrypt(a)


if __name__ == "__main__":
    main()
