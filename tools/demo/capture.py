#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Packet capture of the demo, and what it proves.

    capture.py capture PCAP READY IFACE...
        capture every frame on the IFACEs (AF_PACKET, both directions)
        into PCAP (pcap format, Ethernet) until SIGTERM or SIGINT (then
        what is queued is read too); creates READY once every socket is
        bound.

    capture.py summary PCAP --bti ADDR... --gc ADDR --ps ADDR --number FILE
                       [--prompt FILE] [--dtmf FILE]
        count the control (TCP) and media (UDP) packets each way between
        the BTI and the GC and PS, and check that no control packet
        carries the work order number (the digits of FILE, as ASCII or as
        one octet per digit) and that no media packet carries a payload
        in clear: a frame of the prompt the BTI received (--prompt: raw
        G.711 payloads, 160 octets each), an RFC 4733 event the BTI sent
        (--dtmf: one payload a line, hex), or, without those files, a
        telephone-event of 4 octets (a bare RFC 4733 payload, no tag).
        Exit status 1 when something was found in clear.

Only the Python standard library; no tcpdump needed. AF_PACKET sees a
frame after the netfilter hooks on the way out and before them on the
way in, so both directions are seen as they are on the wire.
"""

import argparse
import ipaddress
import select
import signal
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003


def capture(pcap, ready, ifaces):
    socks = []
    for name in ifaces:
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                          socket.htons(ETH_P_ALL))
        s.bind((name, 0))
        socks.append(s)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    with open(pcap, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        out.flush()
        with open(ready, "w") as r:
            r.write("ready\n")
        drained = False
        while not drained:
            # After the signal, read what is queued until nothing is left.
            try:
                rd, _, _ = select.select(socks, [], [], 0 if stop else 0.2)
            except InterruptedError:
                continue
            drained = bool(stop) and not rd
            for s in rd:
                data = s.recv(65535)
                now = time.time()
                sec = int(now)
                out.write(struct.pack("<IIII", sec, int((now - sec) * 1e6),
                                      len(data), len(data)))
                out.write(data)
            out.flush()
    return 0


def frames(pcap):
    with open(pcap, "rb") as f:
        head = f.read(24)
        if len(head) < 24 or struct.unpack("<I", head[:4])[0] != 0xA1B2C3D4:
            raise SystemExit(f"{pcap}: not a pcap file of capture.py")
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                return
            _, _, incl, _ = struct.unpack("<IIII", rec)
            yield f.read(incl)


def ipv4(frame):
    """(proto, src, dst, l4 payload) of an IPv4 TCP/UDP frame, else None."""
    if len(frame) < 34 or frame[12:14] != b"\x08\x00":
        return None
    ip = frame[14:]
    ihl = (ip[0] & 0x0F) * 4
    total = struct.unpack("!H", ip[2:4])[0]
    proto = ip[9]
    src = str(ipaddress.IPv4Address(ip[12:16]))
    dst = str(ipaddress.IPv4Address(ip[16:20]))
    l4 = ip[ihl:total]
    if proto == 6 and len(l4) >= 20:
        return "tcp", src, dst, l4[(l4[12] >> 4) * 4:]
    if proto == 17 and len(l4) >= 8:
        return "udp", src, dst, l4[8:]
    return None


def read_lines(path):
    with open(path) as f:
        return [ln.strip() for ln in f if ln.strip()]


def summary(a):
    number = read_lines(a.number)[0].rstrip("#")
    needles = [number.encode(), bytes(int(c) for c in number)]
    prompt = set()
    if a.prompt:
        with open(a.prompt, "rb") as f:
            data = f.read()
        prompt = {data[i:i + 160] for i in range(0, len(data) - 159, 160)}
    dtmf = set(bytes.fromhex(h) for h in read_lines(a.dtmf)) if a.dtmf else set()
    names = {b: "BTI" for b in a.bti}
    names.update({a.gc: "GC", a.ps: "PS"})
    count = {}
    other = 0
    ctl_payloads = 0
    ctl_clear = []
    media_clear = []
    for fr in frames(a.pcap):
        p = ipv4(fr)
        if not p or p[1] not in names or p[2] not in names:
            other += 1
            continue
        proto, src, dst, pay = p
        key = (proto, names[src], names[dst])
        count[key] = count.get(key, 0) + 1
        if proto == "tcp" and pay:
            ctl_payloads += 1
            if any(n in pay for n in needles):
                ctl_clear.append(f"{names[src]} -> {names[dst]}")
        elif proto == "udp" and len(pay) >= 12 and pay[0] >> 6 == 2:
            cc = pay[0] & 0x0F
            body = pay[12 + 4 * cc:]
            pt = pay[1] & 0x7F
            why = None
            if any(f in body for f in prompt):
                why = "a prompt frame"
            elif any(d in body for d in dtmf):
                why = "a DTMF event it sent"
            elif not dtmf and pt == 101 and len(body) == 4:
                why = "a bare telephone-event"
            if why:
                media_clear.append(f"{names[src]} -> {names[dst]}: {why}")

    def n(proto, s, d):
        return count.get((proto, s, d), 0)

    print(f"capture: {sum(count.values())} IPv4 packets between BTI, GC and PS"
          f" ({other} other frames: ARP, IPv6 ...)")
    for proto, what in (("tcp", "control (TCP)"), ("udp", "media (UDP)  ")):
        for peer in ("GC", "PS"):
            if proto == "udp" and peer == "GC":
                continue
            print(f"  {what} BTI -> {peer}: {n(proto, 'BTI', peer):4d}"
                  f"   {peer} -> BTI: {n(proto, peer, 'BTI'):4d}")
    ok = True
    if ctl_clear:
        ok = False
        print(f"  FAIL: the work order number is in {len(ctl_clear)} control"
              f" packets: {', '.join(ctl_clear)}")
    else:
        print(f"  control: the work order number is in none of the"
              f" {ctl_payloads} control packets with data (neither as ASCII"
              f" nor as digit octets)")
    media = n("udp", "BTI", "PS") + n("udp", "PS", "BTI")
    if media_clear:
        ok = False
        print(f"  FAIL: {len(media_clear)} media packets in clear: "
              + "; ".join(media_clear[:5]))
    elif media == 0:
        print("  media: NO media packet crossed the wire: the call carried"
              " no prompt and no DTMF, so this capture proves nothing about"
              " them.")
    else:
        what = []
        if prompt:
            what.append(f"any of the {len(prompt)} prompt frames the BTI received")
        what.append("a DTMF event the BTI sent" if dtmf else
                    "a bare telephone-event (plain RFC 4733 DTMF)")
        print(f"  media: none of the {media} media packets carries "
              + " nor ".join(what) + " in clear")
    return 0 if ok else 1


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "capture":
        return capture(sys.argv[2], sys.argv[3], sys.argv[4:])
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["summary"])
    ap.add_argument("pcap")
    ap.add_argument("--bti", action="append", required=True,
                    help="an address of the BTI (repeat: one per link)")
    ap.add_argument("--gc", required=True)
    ap.add_argument("--ps", required=True)
    ap.add_argument("--number", required=True)
    ap.add_argument("--prompt")
    ap.add_argument("--dtmf")
    return summary(ap.parse_args())


if __name__ == "__main__":
    sys.exit(main())
