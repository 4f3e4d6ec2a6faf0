#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""UDP datagrams as hex, for the bti kselftests.

    bti_udp.py send LOCAL REMOTE HEX...   send each HEX as one datagram
    bti_udp.py recv LOCAL COUNT [TIMEOUT_S]  print each datagram as hex
    bti_udp.py raw LOCAL REMOTE LEN_DELTA CSUM HEX
                                          send HEX behind a UDP header of
                                          our own, through a raw socket
    bti_udp.py serve                      run the commands of stdin

LOCAL and REMOTE are ADDR:PORT or [ADDR6]:PORT. A HEX of "-" stands for
the lines of standard input, one datagram each, and "." for a datagram of
no octets. recv prints what arrived
before the timeout (default 5 s) and exits 1 if fewer than COUNT did; once
its socket is bound it creates the file $BTI_UDP_READY, if set. With
BTI_UDP_NO_CHECK=1, send leaves the IPv4 UDP checksum zero (none). With
BTI_UDP_SEND_ERRORS=report, send goes on after a failed datagram and
prints one line per datagram: "ok" or the errno name (a datagram dropped
by a netfilter hook on the way out fails with EPERM).

raw writes the UDP header itself: its length field is the true length
plus LEN_DELTA (e.g. 0, 4, -4) and its checksum is "good", "bad" (the
right one with its lowest bit flipped) or "zero".

serve saves a test the start-up of a process per step: it reads one
command per line and answers each with one line, until end of input.

    send LOCAL REMOTE HEX...      "ok" or the errno name per datagram
    sendfile LOCAL REMOTE FILE    the same, one datagram per line of FILE
    raw LOCAL REMOTE LEN_DELTA CSUM HEX   "ok" or the errno name
    counters                      the counters of every session and of
                                  the namespace ($BTICTL -j session show,
                                  $BTICTL -j stats) as NAME:COUNTER=VALUE
                                  words, NAME a session's local address
                                  or "netns"
"""

import errno
import json
import os
import socket
import struct
import subprocess
import sys

SO_NO_CHECK = 11  # asm-generic/socket.h


def endpoint(text):
    host, _, port = text.rpartition(":")
    if host.startswith("["):
        return socket.AF_INET6, (host[1:-1], int(port))
    return socket.AF_INET, (host, int(port))


def payloads(args, stdin=sys.stdin):
    for arg in args:
        if arg == ".":
            yield b""
        elif arg == "-":
            for line in stdin:
                yield bytes.fromhex(line.strip())
        else:
            yield bytes.fromhex(arg)


def errname(e):
    return errno.errorcode.get(e.errno, str(e.errno))


def send_all(local_text, remote_text, datagrams, report):
    """Sends each datagram; returns "ok" or the errno name of each."""
    family, local = endpoint(local_text)
    _, remote = endpoint(remote_text)
    results = []
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        if os.environ.get("BTI_UDP_NO_CHECK") == "1":
            s.setsockopt(socket.SOL_SOCKET, SO_NO_CHECK, 1)
        s.bind(local)
        for payload in datagrams:
            try:
                s.sendto(payload, remote)
                results.append("ok")
            except OSError as e:
                if not report:
                    raise
                results.append(errname(e))
    return results


def send(argv):
    report = os.environ.get("BTI_UDP_SEND_ERRORS") == "report"
    results = send_all(argv[2], argv[3], payloads(argv[4:]), report)
    if report:
        print("\n".join(results), flush=True)
    return 0


def recv(argv):
    family, local = endpoint(argv[2])
    count = int(argv[3])
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        s.bind(local)
        if os.environ.get("BTI_UDP_READY"):
            open(os.environ["BTI_UDP_READY"], "w").close()
        s.settimeout(float(argv[4]) if len(argv) == 5 else 5.0)
        got = 0
        try:
            while got < count:
                data = s.recv(65535)
                print(data.hex(), flush=True)
                got += 1
        except socket.timeout:
            pass
    return 0 if got >= count else 1


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff


def raw_send(local_text, remote_text, delta, mode, payload):
    family, local = endpoint(local_text)
    _, remote = endpoint(remote_text)
    length = 8 + len(payload)
    addrs = (socket.inet_pton(family, local[0]) +
             socket.inet_pton(family, remote[0]))
    if family == socket.AF_INET:
        pseudo = addrs + struct.pack("!BBH", 0, socket.IPPROTO_UDP, length)
    else:
        pseudo = addrs + struct.pack("!IxxxB", length, socket.IPPROTO_UDP)
    header = struct.pack("!HHHH", local[1], remote[1], length, 0)
    csum = checksum(pseudo + header + payload) or 0xffff
    if mode == "bad":
        csum ^= 1
    elif mode == "zero":
        csum = 0
    elif mode != "good":
        raise ValueError("checksum: good, bad or zero")
    header = struct.pack("!HHHH", local[1], remote[1],
                         (length + delta) & 0xffff, csum)
    with socket.socket(family, socket.SOCK_RAW, socket.IPPROTO_UDP) as s:
        s.bind((local[0], 0))
        s.sendto(header + payload, (remote[0], 0))


def raw(argv):
    raw_send(argv[2], argv[3], int(argv[4]), argv[5], bytes.fromhex(argv[6]))
    return 0


def counters():
    btictl = os.environ.get("BTICTL", "btictl")

    def run(*args):
        return json.loads(subprocess.run([btictl, "-j"] + list(args),
                                         capture_output=True, check=True,
                                         text=True).stdout)
    words = []
    for session in run("session", "show"):
        words += ["%s:%s=%d" % (session["local"], k, v)
                  for k, v in session["stats"].items()]
    words += ["netns:%s=%d" % kv for kv in run("stats").items()]
    return " ".join(words)


def serve_one(words):
    cmd, args = words[0], words[1:]
    if cmd == "send" and len(args) >= 2:
        return " ".join(send_all(args[0], args[1], payloads(args[2:]), True))
    if cmd == "sendfile" and len(args) == 3:
        with open(args[2]) as f:
            return " ".join(send_all(args[0], args[1], payloads(["-"], f),
                                     True))
    if cmd == "raw" and len(args) == 5:
        try:
            raw_send(args[0], args[1], int(args[2]), args[3],
                     bytes.fromhex(args[4]))
            return "ok"
        except OSError as e:
            return errname(e)
    if cmd == "counters" and not args:
        return counters()
    return "error: unknown command or wrong arguments: %s" % cmd


def serve():
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        try:
            answer = serve_one(words)
        except Exception as e:  # the test reads the answer, not a trace
            answer = "error: %r" % e
        print(answer, flush=True)
    return 0


def main(argv):
    if len(argv) >= 4 and argv[1] == "send":
        return send(argv)
    if len(argv) in (4, 5) and argv[1] == "recv":
        return recv(argv)
    if len(argv) == 7 and argv[1] == "raw":
        return raw(argv)
    if len(argv) == 2 and argv[1] == "serve":
        return serve()
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
