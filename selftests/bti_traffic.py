#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Many mirrored sessions and traffic on all of them, for bti_teardown.sh.

    bti_traffic.py sessions add|del|rekey SIDE LOCAL_IP REMOTE_IP FIRST COUNT
    bti_traffic.py flood SIDE LOCAL_IP REMOTE_IP N RATE

Side "a" of flow i is LOCAL_IP:20000+i, side "b" REMOTE_IP:30000+i (and
the other way round for side b). Each side's session protects what it
sends with SSRC 0x0a000000+i (a) or 0x0b000000+i (b), and the keys of one
direction are the same on both sides, so that what side a protects side b
verifies. Even flows use AES_CM_128_HMAC_SHA1_80, odd ones
AEAD_AES_128_GCM.

sessions adds (or deletes, one by one) the sessions of flows FIRST to
FIRST+COUNT-1 of SIDE in the current network namespace through generic
netlink, in one process; rekey gives each new transmit and receive keys
(SESSION_SET; the receive side keeps its previous context for packets
under the old keys, which the peer goes on using).

flood sends, from N sockets bound to the side's local ports, RTP packets
(12-octet header, 160 octets of payload) and every eighth time an RTCP
receiver report, round robin over the flows, RATE datagrams per second in
all (or fewer, never in bursts, when the machine is too slow), until
SIGTERM or SIGINT; send errors are counted, not fatal. It
creates the file $BTI_TRAFFIC_READY, if set, once its sockets are bound,
and prints at the end one JSON line: sent, send_errors.
"""

import json
import os
import signal
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bti_nl as nl  # noqa: E402

PORT = {"a": 20000, "b": 30000}
SSRC = {"a": 0x0a000000, "b": 0x0b000000}


def flow(side, local_ip, remote_ip, i):
    """(local, remote, tx_ssrc, rx_ssrc, tx_seed, rx_seed, suite) of flow i."""
    peer = "b" if side == "a" else "a"
    seed = {"a": 2 * i, "b": 2 * i + 1}
    suite = nl.SUITE["AEAD_AES_128_GCM" if i % 2 else
                     "AES_CM_128_HMAC_SHA1_80"]
    return ((local_ip, PORT[side] + i), (remote_ip, PORT[peer] + i),
            SSRC[side] + i, SSRC[peer] + i, seed[side], seed[peer], suite)


def sessions(op, side, local_ip, remote_ip, first, count):
    g = nl.Genl()
    for i in range(first, first + count):
        local, remote, tx_ssrc, rx_ssrc, tx_seed, rx_seed, suite = flow(
            side, local_ip, remote_ip, i)
        if op == "add":
            msg = nl.session(local, remote, suite,
                             tx=nl.ctx(suite, tx_ssrc, tx_seed),
                             rx=nl.ctx(suite, rx_ssrc, rx_seed))
            g.request(nl.CMD["SESSION_NEW"], msg)
        elif op == "rekey":
            msg = nl.session(local, remote, suite=None,
                             tx=nl.ctx(suite, tx_ssrc, tx_seed + 128),
                             rx=nl.ctx(suite, rx_ssrc, rx_seed + 128))
            g.request(nl.CMD["SESSION_SET"], msg)
        else:
            g.request(nl.CMD["SESSION_DEL"],
                      nl.session(local, remote, suite=None))
    g.close()
    return 0


stop = False


def on_signal(signum, frame):
    global stop
    stop = True


def flood(side, local_ip, remote_ip, n, rate):
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    socks, dests, ssrcs = [], [], []
    for i in range(n):
        local, remote, tx_ssrc = flow(side, local_ip, remote_ip, i)[:3]
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(local)
        s.setblocking(False)
        socks.append(s)
        dests.append(remote)
        ssrcs.append(tx_ssrc)
    if os.environ.get("BTI_TRAFFIC_READY"):
        open(os.environ["BTI_TRAFFIC_READY"], "w").close()
    payload = bytes(range(160))
    sent = errors = 0
    seq = 0
    start = time.monotonic()
    while not stop:
        for i in range(n):
            if seq % 8 == 7:
                pkt = struct.pack("!BBHI", 0x80, 201, 1, ssrcs[i])
            else:
                pkt = struct.pack("!BBHII", 0x80, 0, seq & 0xffff, seq * 160,
                                  ssrcs[i]) + payload
            try:
                socks[i].sendto(pkt, dests[i])
                sent += 1
            except OSError:
                errors += 1
        seq += 1
        # Pace: sleep until the datagrams sent so far are due. Running
        # late (a slow machine) never turns into a burst to catch up.
        ahead = (sent + errors) / rate - (time.monotonic() - start)
        if ahead > 0:
            time.sleep(ahead)
        elif ahead < -0.1:
            start += -ahead
    for s in socks:
        s.close()
    print(json.dumps({"sent": sent, "send_errors": errors}), flush=True)
    return 0


def main(argv):
    if (len(argv) == 8 and argv[1] == "sessions" and
            argv[2] in ("add", "del", "rekey")):
        return sessions(argv[2], argv[3], argv[4], argv[5], int(argv[6]),
                        int(argv[7]))
    if len(argv) == 7 and argv[1] == "flood":
        return flood(argv[2], argv[3], argv[4], int(argv[5]), float(argv[6]))
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
