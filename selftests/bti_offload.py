#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""UDP offloads and path MTU, for bti_offload.sh.

    bti_offload.py gso-send LOCAL REMOTE SIZE HEX...
        send the HEX datagrams (all SIZE octets but the last, which may be
        shorter) as one UDP_SEGMENT send of SIZE-octet segments, from a
        socket with IP(V6)_MTU_DISCOVER $BTI_PMTUDISC if that is set
    bti_offload.py recv LOCAL COUNT TIMEOUT_S [gro]
        print each datagram as hex; with "gro" the socket sets UDP_GRO and
        an aggregate it reads is split at its segment size (and counted on
        stderr). Exit 1 if fewer than COUNT came.
    bti_offload.py capture IFACE PORT COUNT TIMEOUT_S
        print one JSON line per IPv4/IPv6 UDP packet from source PORT seen
        arriving on IFACE: length, DF, whether it is a fragment and, for a
        whole datagram, whether its UDP checksum is right and its payload.
        A datagram whose checksum the kernel left to the device
        (TP_STATUS_CSUMNOTREADY: the field holds the pseudo-header sum) is
        checked as the device would complete it, and "csum_device" is set
    bti_offload.py pmtu LOCAL REMOTE MODE
        from a socket connected to REMOTE with IP(V6)_MTU_DISCOVER set to
        MODE (dont, want, do), send the three datagrams given as hex lines
        on stdin: the first; then, once an ICMP error had the time to
        arrive, the second; then the third. Print as one JSON line the
        outcome of each send ("ok" or the errno name) and the path MTU
        (IP_MTU / IPV6_MTU) seen before the second.

LOCAL and REMOTE are ADDR:PORT or [ADDR6]:PORT. Sockets that bind create
the file $BTI_UDP_READY once bound, if it is set.
"""

import errno
import json
import os
import select
import socket
import struct
import sys
import time

SOL_UDP = 17
UDP_SEGMENT = 103
UDP_GRO = 104
SOL_PACKET = 263
PACKET_AUXDATA = 8
TP_STATUS_CSUMNOTREADY = 1 << 3
IP_MTU_DISCOVER = 10
IP_MTU = 14
IPV6_MTU_DISCOVER = 23
IPV6_MTU = 24
PMTUDISC = {"dont": 0, "want": 1, "do": 2}
ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


def endpoint(text):
    host, _, port = text.rpartition(":")
    if host.startswith("["):
        return socket.AF_INET6, (host[1:-1], int(port))
    return socket.AF_INET, (host, int(port))


def ready():
    if os.environ.get("BTI_UDP_READY"):
        open(os.environ["BTI_UDP_READY"], "w").close()


def gso_send(local, remote, size, payloads):
    family, laddr = endpoint(local)
    _, raddr = endpoint(remote)
    mode = os.environ.get("BTI_PMTUDISC")
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        s.bind(laddr)
        if mode:
            v6 = family == socket.AF_INET6
            s.setsockopt(socket.IPPROTO_IPV6 if v6 else socket.IPPROTO_IP,
                         IPV6_MTU_DISCOVER if v6 else IP_MTU_DISCOVER,
                         PMTUDISC[mode])
        s.setsockopt(SOL_UDP, UDP_SEGMENT, size)
        data = b"".join(payloads)
        res = outcome(lambda: s.sendto(data, raddr))
    print(json.dumps({"send": res, "segments": len(payloads)}))
    return 0 if res == "ok" else 1


def recv(local, count, timeout, gro):
    family, laddr = endpoint(local)
    got = aggregates = 0
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        if gro:
            s.setsockopt(SOL_UDP, UDP_GRO, 1)
        s.bind(laddr)
        ready()
        s.settimeout(timeout)
        try:
            while got < count:
                data, anc, _, _ = s.recvmsg(65535, socket.CMSG_SPACE(4))
                seg = len(data)
                for level, ctype, cdata in anc:
                    if level == SOL_UDP and ctype == UDP_GRO:
                        seg = struct.unpack("=i", cdata[:4])[0] or len(data)
                if seg < len(data):
                    aggregates += 1
                for off in range(0, len(data), seg):
                    print(data[off:off + seg].hex(), flush=True)
                    got += 1
        except socket.timeout:
            pass
    if aggregates:
        sys.stderr.write(f"recv: {aggregates} GRO aggregates\n")
    return 0 if got >= count else 1


def csum16(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def device_complete(udp):
    """The checksum a device's offload writes: the field already holds the
    pseudo-header sum; the device adds the datagram's and complements."""
    check = (~csum16(udp)) & 0xFFFF
    return udp[:6] + struct.pack("!H", check or 0xFFFF) + udp[8:]


def udp_ok(pseudo, udp, family):
    """RFC 768: the one's complement sum over pseudo-header and datagram."""
    if family == 4 and udp[6:8] == b"\0\0":
        return None  # IPv4 without checksum
    return csum16(pseudo + udp) == 0xFFFF


def parse(frame, port, csum_not_ready=False):
    """A record for an IPv4/IPv6 UDP packet from PORT, else None."""
    eth_type = struct.unpack("!H", frame[12:14])[0]
    ip = frame[14:]
    if eth_type == 0x0800 and len(ip) >= 20 and ip[9] == 17:
        ihl = (ip[0] & 15) * 4
        total = struct.unpack("!H", ip[2:4])[0]
        ip = ip[:total]
        frag = struct.unpack("!H", ip[6:8])[0]
        rec = {"family": 4, "len": total, "df": bool(frag & 0x4000),
               "fragment": bool(frag & 0x3FFF)}
        if frag & 0x1FFF:  # a later fragment: no UDP header to look at
            return rec
        udp = ip[ihl:]
        pseudo = ip[12:20] + struct.pack("!BBH", 0, 17, len(udp))
    elif eth_type == 0x86DD and len(ip) >= 40:
        total = 40 + struct.unpack("!H", ip[4:6])[0]
        ip = ip[:total]
        rec = {"family": 6, "len": total, "df": True, "fragment": False}
        nexthdr, off = ip[6], 40
        if nexthdr == 44:  # fragment header
            rec["fragment"] = True
            if struct.unpack("!H", ip[42:44])[0] & 0xFFF8:
                return rec
            nexthdr, off = ip[40], 48
        if nexthdr != 17:
            return None
        udp = ip[off:]
        pseudo = (ip[8:40] + struct.pack("!I", len(udp)) +
                  struct.pack("!I", 17))
    else:
        return None
    if struct.unpack("!H", udp[0:2])[0] != port:
        return None
    if not rec["fragment"]:
        if csum_not_ready:
            rec["csum_device"] = True
            udp = device_complete(udp)
        rec["csum_ok"] = udp_ok(pseudo, udp, rec["family"])
        rec["payload"] = udp[8:].hex()
    return rec


def capture(iface, port, count, timeout):
    got = 0
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                       socket.htons(ETH_P_ALL)) as s:
        s.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
        s.bind((iface, 0))
        ready()
        end = time.monotonic() + timeout
        while got < count:
            left = end - time.monotonic()
            if left <= 0 or not select.select([s], [], [], left)[0]:
                break
            frame, anc, _, addr = s.recvmsg(65535, socket.CMSG_SPACE(20))
            if addr[2] == PACKET_OUTGOING:
                continue
            status = 0
            for level, kind, data in anc:
                if level == SOL_PACKET and kind == PACKET_AUXDATA:
                    status = struct.unpack("=I", data[:4])[0]
            try:
                rec = parse(frame, port,
                            bool(status & TP_STATUS_CSUMNOTREADY))
            except (IndexError, struct.error) as e:
                sys.stderr.write(f"capture: {len(frame)}-octet frame: {e}\n")
                continue
            if rec is None:
                continue
            print(json.dumps(rec), flush=True)
            got += 1
    return 0 if got >= count else 1


def outcome(fn):
    try:
        fn()
        return "ok"
    except OSError as e:
        return errno.errorcode.get(e.errno, str(e.errno))


def pmtu(local, remote, mode):
    family, laddr = endpoint(local)
    _, raddr = endpoint(remote)
    first, again, fit = (bytes.fromhex(sys.stdin.readline().strip())
                         for _ in range(3))
    level = socket.IPPROTO_IPV6 if family == socket.AF_INET6 else socket.IPPROTO_IP
    v6 = family == socket.AF_INET6
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        s.bind(laddr)
        s.setsockopt(level, IPV6_MTU_DISCOVER if v6 else IP_MTU_DISCOVER,
                     PMTUDISC[mode])
        s.connect(raddr)
        res = {"first": outcome(lambda: s.send(first))}
        time.sleep(0.5)
        # An ICMP error is also pending on the socket: take it first.
        s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        res["mtu"] = s.getsockopt(level, IPV6_MTU if v6 else IP_MTU)
        res["again"] = outcome(lambda: s.send(again))
        res["fit"] = outcome(lambda: s.send(fit))
    print(json.dumps(res))
    return 0


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "gso-send" and len(argv) >= 5:
        return gso_send(argv[2], argv[3], int(argv[4]),
                        [bytes.fromhex(h) for h in argv[5:]])
    if cmd == "recv" and len(argv) in (5, 6):
        return recv(argv[2], int(argv[3]), float(argv[4]),
                    len(argv) == 6 and argv[5] == "gro")
    if cmd == "capture" and len(argv) == 6:
        return capture(argv[2], int(argv[3]), int(argv[4]), float(argv[5]))
    if cmd == "pmtu" and len(argv) == 5 and argv[4] in PMTUDISC:
        return pmtu(argv[2], argv[3], argv[4])
    sys.stderr.write(__doc__)
    return 2


sys.exit(main(sys.argv))
