#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""UDP datagrams as hex, for the bti kselftests.

    bti_udp.py send LOCAL REMOTE HEX...   send each HEX as one datagram
    bti_udp.py recv LOCAL COUNT [TIMEOUT_S]  print each datagram as hex

LOCAL and REMOTE are ADDR:PORT or [ADDR6]:PORT. recv prints what arrived
before the timeout (default 5 s) and exits 1 if fewer than COUNT did; once
its socket is bound it creates the file $BTI_UDP_READY, if set. With
BTI_UDP_NO_CHECK=1, send leaves the IPv4 UDP checksum zero (none).
"""

import os
import socket
import sys

SO_NO_CHECK = 11  # asm-generic/socket.h


def endpoint(text):
    host, _, port = text.rpartition(":")
    if host.startswith("["):
        return socket.AF_INET6, (host[1:-1], int(port))
    return socket.AF_INET, (host, int(port))


def main(argv):
    if len(argv) >= 4 and argv[1] == "send":
        family, local = endpoint(argv[2])
        _, remote = endpoint(argv[3])
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            if os.environ.get("BTI_UDP_NO_CHECK") == "1":
                s.setsockopt(socket.SOL_SOCKET, SO_NO_CHECK, 1)
            s.bind(local)
            for payload in argv[4:]:
                s.sendto(bytes.fromhex(payload), remote)
        return 0
    if len(argv) in (4, 5) and argv[1] == "recv":
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
    sys.stderr.write(__doc__)
    return 2


sys.exit(main(sys.argv))
