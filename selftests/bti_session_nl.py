#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Session netlink API of bti.ko: what is accepted, what is refused.

Every refused request must fail with the expected errno and an extack
message, and leave the session table exactly as it was. Keys never come
back in a reply. Needs root; loads bti.ko from $BTI_KO (else modprobe
bti) unless it is loaded, and unloads it at the end if it loaded it, so
that a leaked session shows as a slab cache with objects left.
"""

import errno
import os
import re
import socket
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bti_nl as nl  # noqa: E402

results = []


def check(ok, name, diag=""):
    results.append((ok, name, diag))


L4 = ("192.0.2.1", 5004)
R4 = ("192.0.2.2", 6004)
L6 = ("2001:db8::1", 5004)
R6 = ("2001:db8::2", 6004)


def good(local=L4, remote=R4, suite=1, **kw):
    return nl.session(local, remote, suite,
                      tx=nl.ctx(suite, 0x11111111, 1, srtcp_index=7),
                      rx=nl.ctx(suite, 0x22222222, 2), **kw)


def refused(g, name, cmd, payload, want_errno, want_msg=None, want_miss=None):
    """The request fails as expected and changes nothing."""
    before = g.sessions()
    try:
        g.request(nl.CMD[cmd], payload)
        check(False, name, "accepted")
        return
    except nl.NetlinkError as e:
        err = e
    after = g.sessions()
    ok = err.errno == want_errno and err.msg != ""
    if want_msg is not None:
        ok = ok and want_msg in err.msg
    if want_miss is not None:
        ok = ok and err.miss_type == want_miss
    ok = ok and before == after
    check(ok, name, "errno %d msg %r miss %r; table %s" %
          (err.errno, err.msg, err.miss_type,
           "unchanged" if before == after else "CHANGED"))


def echo_has_no_keys(g, cmd, payload, want_errno):
    """Sends a request that is refused, on a socket that gets the request
    echoed in the error, and looks for its keys and salts (nl.ctx()'s,
    seeds 0x40 and 0x60) in the echo. Returns (ok, diagnostic)."""
    secrets = []
    for seed in (0x40, 0x60):
        for typ, n in ((nl.C_SRTP_KEY, 16), (nl.C_SRTP_SALT, 14),
                       (nl.C_SRTP_AUTH, 20), (nl.C_SRTCP_KEY, 16),
                       (nl.C_SRTCP_SALT, 14), (nl.C_SRTCP_AUTH, 20)):
            secrets.append(bytes((seed + typ + i) & 0xff for i in range(n)))
    body = struct.pack("=BBH", nl.CMD[cmd], 1, 0) + payload
    msg = struct.pack("=IHHII", 16 + len(body), g.family_id,
                      nl.NLM_F_REQUEST | nl.NLM_F_ACK, 4242, 0) + body
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                         nl.NETLINK_GENERIC)
    try:
        sock.bind((0, 0))
        sock.send(msg)
        reply = sock.recv(1 << 16)
    finally:
        sock.close()
    mtype = struct.unpack_from("=H", reply, 4)[0]
    err = -struct.unpack_from("=i", reply, 16)[0]
    echoed = reply[20:20 + len(msg)]
    if mtype != nl.NLMSG_ERROR or err != want_errno:
        return False, "reply type %d errno %d" % (mtype, err)
    if len(echoed) != len(msg) or struct.pack("=I", 0x22222222) not in echoed:
        return False, "the request was not echoed"
    left = [k.hex() for k in secrets if k in echoed]
    return not left, "keys in the echo: %s" % left


def echo_cases():
    """Refusals at each stage of a request with keys: (name, command,
    payload, errno). The contexts' SSRC is 0x22222222."""
    tx = nl.ctx(1, 0x22222222, 0x60)
    rx = nl.ctx(1, 0x22222222, 0x40)
    rx_roc = nl.ctx(1, 0x22222222, 0x40,
                    extra=[(nl.C_ROC, struct.pack("=I", 3))])
    unknown = ("192.0.2.9", 5004)
    return [
        ("rekey refused after its keys were parsed (ROC, same SSRC)",
         "SESSION_SET", nl.session(L4, R4, None, tx=tx, rx=rx_roc),
         errno.EINVAL),
        ("rekey of an unknown session", "SESSION_SET",
         nl.session(unknown, R4, None, tx=tx, rx=rx), errno.ENOENT),
        ("rekey with another suite", "SESSION_SET",
         nl.session(L4, R4, 3, tx=tx, rx=rx), errno.EINVAL),
        ("new session with a window not a multiple of 64", "SESSION_NEW",
         nl.session(unknown, R4, 1, tx=tx, rx=rx, window=200), errno.EINVAL),
        ("new session of a flow that has one", "SESSION_NEW",
         nl.session(L4, R4, 1, tx=tx, rx=rx), errno.EEXIST),
    ]


def main():
    g = nl.Genl()
    g.request(nl.CMD["SESSION_FLUSH"])

    # Accepted: every suite, IPv4 and IPv6.
    for name, suite in sorted(nl.SUITE.items()):
        local = ("192.0.2.1", 5100 + suite)
        try:
            g.request(nl.CMD["SESSION_NEW"], good(local, R4, suite))
            check(True, "new session with %s" % name)
        except nl.NetlinkError as e:
            check(False, "new session with %s" % name, str(e))
    try:
        g.request(nl.CMD["SESSION_NEW"], good(L6, R6, 3, window=1024,
                                                soft_limit=1 << 40))
        check(True, "new IPv6 session, window 1024, soft limit 2^40")
    except nl.NetlinkError as e:
        check(False, "new IPv6 session, window 1024, soft limit 2^40", str(e))

    try:
        g.request(nl.CMD["SESSION_NEW"], good())
        check(True, "new session for the flow the next cases use")
    except nl.NetlinkError as e:
        check(False, "new session for the flow the next cases use", str(e))

    # One per suite, the IPv6 one and this one.
    total = len(nl.SUITE) + 2
    sessions = g.sessions()
    check(len(sessions) == total, "dump lists the %d sessions" % total,
          "got %d" % len(sessions))

    # GET reports the flow and settings, never a key.
    reply = g.request(nl.CMD["SESSION_GET"],
                      nl.session(L6, R6, suite=None))
    s = nl.parse_attrs(nl.parse_attrs(reply[0])[nl.A_SESSION])
    tx = nl.parse_attrs(s[nl.S_TX])
    rx = nl.parse_attrs(s[nl.S_RX])
    keys = {nl.C_SRTP_KEY, nl.C_SRTP_SALT, nl.C_SRTP_AUTH, nl.C_SRTCP_KEY,
            nl.C_SRTCP_SALT, nl.C_SRTCP_AUTH}
    check(s[nl.S_LOCAL] == nl.sockaddr(*L6) and
          s[nl.S_REMOTE] == nl.sockaddr(*R6) and
          int.from_bytes(s[nl.S_SUITE], "little") == 3 and
          int.from_bytes(s[nl.S_REPLAY_WINDOW], "little") == 1024 and
          int.from_bytes(s[nl.S_SOFT_LIMIT], "little") == 1 << 40 and
          int.from_bytes(tx[nl.C_SSRC], "little") == 0x11111111 and
          int.from_bytes(tx[nl.C_SRTCP_INDEX], "little") == 7 and
          int.from_bytes(rx[nl.C_SSRC], "little") == 0x22222222 and
          nl.C_SRTCP_INDEX not in rx,
          "get reports flow, suite, SSRCs, SRTCP index and settings")
    raw = b"".join(reply)
    leaked = [t for t in keys if t in tx or t in rx]
    key_bytes = [v for t, v in nl.parse_attrs(b"".join(
        nl.ctx(3, 0x11111111, 1))).items() if t in keys]
    check(not leaked and not any(k in raw for k in key_bytes),
          "get never returns a key", "leaked %r" % leaked)
    check(nl.S_STATS in s and
          len(nl.parse_attrs(s[nl.S_STATS])) >= 10,
          "get carries the session's counters")

    # Refused, each with a message and no change.
    refused(g, "new: duplicate flow", "SESSION_NEW", good(), errno.EEXIST,
            "already has a session")
    refused(g, "new: no BTI_A_SESSION", "SESSION_NEW", b"", errno.EINVAL,
            "missing BTI_A_SESSION")
    refused(g, "new: no suite", "SESSION_NEW",
            nl.session(L4, ("192.0.2.9", 1), None, nl.ctx(1, 1, 1),
                       nl.ctx(1, 2, 2)), errno.EINVAL, "SUITE")
    unknown = max(nl.SUITE.values()) + 1
    refused(g, "new: unknown suite %d" % unknown, "SESSION_NEW",
            nl.session(L4, ("192.0.2.9", 1), unknown, nl.ctx(1, 1, 1),
                       nl.ctx(1, 2, 2)), errno.ERANGE, "out of range")
    refused(g, "new: suite 0", "SESSION_NEW",
            nl.session(L4, ("192.0.2.9", 1), 0, nl.ctx(1, 1, 1),
                       nl.ctx(1, 2, 2)), errno.ERANGE, "out of range")
    other = ("192.0.2.9", 9)
    short = nl.ctx(1, 1, 1, extra=[(nl.C_SRTP_KEY, b"k" * 15)])
    refused(g, "new: 15-octet AES-128 key", "SESSION_NEW",
            nl.session(L4, other, 1, short, nl.ctx(1, 2, 2)), errno.EINVAL,
            "length does not match")
    long_salt = nl.ctx(3, 1, 1, extra=[(nl.C_SRTP_SALT, b"s" * 14)])
    refused(g, "new: 14-octet salt for GCM", "SESSION_NEW",
            nl.session(L4, other, 3, long_salt, nl.ctx(3, 2, 2)),
            errno.EINVAL, "length does not match")
    gcm_auth = nl.ctx(3, 1, 1, extra=[(nl.C_SRTP_AUTH, b"a" * 20)])
    refused(g, "new: authentication key for a GCM suite", "SESSION_NEW",
            nl.session(L4, other, 3, gcm_auth, nl.ctx(3, 2, 2)),
            errno.EINVAL, "no authentication key")
    cm256 = nl.SUITE["AES_256_CM_HMAC_SHA1_80"]
    refused(g, "new: AES-128 key for AES_256_CM_HMAC_SHA1_80", "SESSION_NEW",
            nl.session(L4, other, cm256,
                       nl.ctx(cm256, 1, 1,
                              extra=[(nl.C_SRTCP_KEY, b"k" * 16)]),
                       nl.ctx(cm256, 2, 2)), errno.EINVAL,
            "length does not match")
    refused(g, "new: AES-256 key for AES-128-GCM", "SESSION_NEW",
            nl.session(L4, other, 3,
                       nl.ctx(3, 1, 1, extra=[(nl.C_SRTP_KEY, b"k" * 32)]),
                       nl.ctx(3, 2, 2)), errno.EINVAL)
    refused(g, "new: missing SRTCP auth key", "SESSION_NEW",
            nl.session(L4, other, 1, nl.ctx(1, 1, 1, omit=[nl.C_SRTCP_AUTH]),
                       nl.ctx(1, 2, 2)), errno.EINVAL, "missing",
            want_miss=nl.C_SRTCP_AUTH)
    refused(g, "new: missing SSRC", "SESSION_NEW",
            nl.session(L4, other, 1, nl.ctx(1, 1, 1, omit=[nl.C_SSRC]),
                       nl.ctx(1, 2, 2)), errno.EINVAL, "SSRC",
            want_miss=nl.C_SSRC)
    refused(g, "new: no receive context", "SESSION_NEW",
            nl.session(L4, other, 1, nl.ctx(1, 1, 1)), errno.EINVAL,
            "BTI_SESSION_A_RX")
    refused(g, "new: SRTCP index on the receive side", "SESSION_NEW",
            nl.session(L4, other, 1, nl.ctx(1, 1, 1),
                       nl.ctx(1, 2, 2, srtcp_index=1)), errno.EINVAL,
            "sending only")
    refused(g, "new: SRTCP index 2^31", "SESSION_NEW",
            nl.session(L4, other, 1, nl.ctx(1, 1, 1, srtcp_index=1 << 31),
                       nl.ctx(1, 2, 2)), errno.ERANGE, "out of range")
    bad_addr = nl.attr(nl.A_SESSION, [
        nl.attr(nl.S_LOCAL, nl.sockaddr(*L4)[:7]),
        nl.attr(nl.S_REMOTE, nl.sockaddr(*R4)), nl.u32(nl.S_SUITE, 1),
        nl.attr(nl.S_TX, nl.ctx(1, 1, 1)), nl.attr(nl.S_RX, nl.ctx(1, 2, 2))])
    refused(g, "new: 7-octet local address", "SESSION_NEW", bad_addr,
            errno.EINVAL, "sockaddr")
    refused(g, "new: IPv4 local, IPv6 remote", "SESSION_NEW",
            nl.session(L4, R6, 1, nl.ctx(1, 1, 1), nl.ctx(1, 2, 2)),
            errno.EINVAL, "families differ")
    refused(g, "new: port 0", "SESSION_NEW",
            nl.session(("192.0.2.1", 0), R4, 1, nl.ctx(1, 1, 1),
                       nl.ctx(1, 2, 2)), errno.EINVAL, "port")
    refused(g, "new: multicast remote", "SESSION_NEW",
            nl.session(L4, ("224.0.0.1", 5), 1, nl.ctx(1, 1, 1),
                       nl.ctx(1, 2, 2)), errno.EINVAL, "unicast")
    refused(g, "new: unspecified IPv6 local", "SESSION_NEW",
            nl.session(("::", 5), R6, 1, nl.ctx(1, 1, 1),
                       nl.ctx(1, 2, 2)), errno.EINVAL, "unicast")
    for window, err, msg in ((200, errno.EINVAL, "multiple of 64"),
                             (32, errno.ERANGE, "out of range"),
                             (64, errno.ERANGE, "out of range"),
                             (8192, errno.ERANGE, "out of range")):
        refused(g, "new: replay window %d" % window, "SESSION_NEW",
                nl.session(L4, other, 1, nl.ctx(1, 1, 1), nl.ctx(1, 2, 2),
                           window=window), err, msg)
    refused(g, "new: reply-only BTI_SESSION_A_STATS", "SESSION_NEW",
            nl.session(L4, other, 1, nl.ctx(1, 1, 1), nl.ctx(1, 2, 2),
                       extra=[nl.attr(nl.S_STATS, [])]), errno.EINVAL)
    refused(g, "new: unknown top-level attribute", "SESSION_NEW",
            good(L4, other) + nl.u32(40, 1), errno.EINVAL)
    refused(g, "new: unknown context attribute", "SESSION_NEW",
            nl.session(L4, other, 1,
                       nl.ctx(1, 1, 1, extra=[(30, b"\0" * 4)]),
                       nl.ctx(1, 2, 2)), errno.EINVAL)
    refused(g, "del: unknown flow", "SESSION_DEL",
            nl.session(L4, other, None), errno.ENOENT, "no session")
    refused(g, "set: unknown flow", "SESSION_SET",
            nl.session(L4, other, None, soft_limit=256), errno.ENOENT,
            "no session")
    refused(g, "set: change of suite", "SESSION_SET",
            nl.session(L4, R4, 3, soft_limit=256), errno.EINVAL,
            "cannot change")
    refused(g, "set: rekey with a bad key, window change in the same request",
            "SESSION_SET",
            nl.session(L4, R4, None, rx=nl.ctx(1, 2, 2, omit=[nl.C_SRTP_KEY]),
                       window=512), errno.EINVAL, "missing")
    refused(g, "set: a new window without a new receive context",
            "SESSION_SET", nl.session(L4, R4, None, window=512),
            errno.EINVAL, "receive context")
    # Namespace-wide commands take no attribute: a FLUSH naming one
    # session must not remove them all.
    for cmd in ("SESSION_FLUSH", "ZERO_STATS", "GET_STATS", "GET_VERSION"):
        refused(g, "%s with a session attribute" % cmd.lower(), cmd,
                nl.session(L4, R4, None), errno.EINVAL, "takes no attributes")
    try:
        g.request(nl.CMD["SESSION_GET"], nl.session(L4, R4, None), dump=True)
        check(False, "dump with a session attribute", "answered")
    except nl.NetlinkError as e:
        check(e.errno == errno.EINVAL and "without NLM_F_DUMP" in e.msg,
              "dump with a session attribute",
              "errno %d msg %r" % (e.errno, e.msg))

    # Rekey: the switch-over index belongs to a rekeyed receive context.
    from_srtp = (nl.C_SRTP_FROM, struct.pack("=Q", 1000))
    refused(g, "new: a switch-over index in a new session", "SESSION_NEW",
            nl.session(L4, other, 1, nl.ctx(1, 1, 1),
                       nl.ctx(1, 2, 2, extra=[from_srtp])),
            errno.EINVAL, "rekeying a receive context")
    refused(g, "set: a switch-over index for the transmit context",
            "SESSION_SET",
            nl.session(L4, R4, None, tx=nl.ctx(1, 0x11111111, 5,
                                               extra=[from_srtp])),
            errno.EINVAL, "rekeying a receive context")
    refused(g, "set: a switch-over index past 2^48", "SESSION_SET",
            nl.session(L4, R4, None, rx=nl.ctx(
                1, 0x22222222, 5,
                extra=[(nl.C_SRTP_FROM, struct.pack("=Q", 1 << 48))])),
            errno.ERANGE)
    refused(g, "set: an SRTCP switch-over index past 2^31", "SESSION_SET",
            nl.session(L4, R4, None, rx=nl.ctx(
                1, 0x22222222, 5,
                extra=[(nl.C_SRTCP_FROM, struct.pack("=I", 1 << 31))])),
            errno.ERANGE)
    refused(g, "set: a ROC for a rekeyed receive context of the same SSRC",
            "SESSION_SET",
            nl.session(L4, R4, None, rx=nl.ctx(
                1, 0x22222222, 5,
                extra=[(nl.C_ROC, struct.pack("=I", 3))])),
            errno.EINVAL, "BTI_CTX_A_SRTP_FROM")
    refused(g, "set: a switch-over index with a new SSRC", "SESSION_SET",
            nl.session(L4, R4, None, rx=nl.ctx(1, 0x2222aaaa, 5,
                                               extra=[from_srtp])),
            errno.EINVAL, "new SSRC")

    # A refused request is echoed back in full to a socket without
    # NETLINK_CAP_ACK: by then the keys in it are wiped.
    for name, cmd, payload, want in echo_cases():
        ok, diag = echo_has_no_keys(g, cmd, payload, want)
        check(ok, "%s: the echoed request carries no key or salt" % name,
              diag)

    # Unprivileged: every change refused with EPERM, reading allowed.
    pid = os.fork()
    if pid == 0:
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
        u = nl.Genl()
        codes = 0
        for cmd, payload in (("SESSION_NEW", good(L4, other)),
                             ("SESSION_SET", nl.session(L4, R4, None,
                                                        soft_limit=256)),
                             ("SESSION_DEL", nl.session(L4, R4, None)),
                             ("SESSION_FLUSH", b"")):
            try:
                u.request(nl.CMD[cmd], payload)
            except nl.NetlinkError as e:
                if e.errno == errno.EPERM:
                    codes += 1
        reads = len(u.sessions())
        if codes != 4 or reads != total:
            print("# unprivileged: %d of 4 refused with EPERM, %d sessions "
                  "read" % (codes, reads), flush=True)
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    check(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
          "unprivileged: new/set/del/flush refused with EPERM, dump allowed")
    check(len(g.sessions()) == total, "unprivileged attempts changed nothing")

    # Changes that are allowed.
    g.request(nl.CMD["SESSION_SET"], nl.session(
        L4, R4, None, rx=nl.ctx(1, 0x22222222, 2), window=512,
        soft_limit=1000))
    s = [x for x in g.sessions() if x[nl.S_LOCAL] == nl.sockaddr(*L4) and
         x[nl.S_REMOTE] == nl.sockaddr(*R4)][0]
    check(int.from_bytes(s[nl.S_REPLAY_WINDOW], "little") == 512 and
          int.from_bytes(s[nl.S_SOFT_LIMIT], "little") == 1000,
          "set: new receive context with a new window, soft limit")
    g.request(nl.CMD["SESSION_SET"], nl.session(
        L4, R4, None, rx=nl.ctx(1, 0x22222222, 3, extra=[
            (nl.C_SRTP_FROM, struct.pack("=Q", (7 << 16) | 9)),
            (nl.C_SRTCP_FROM, struct.pack("=I", 77))])))
    s = [x for x in g.sessions() if x[nl.S_LOCAL] == nl.sockaddr(*L4) and
         x[nl.S_REMOTE] == nl.sockaddr(*R4)][0]
    rx = nl.parse_attrs(s[nl.S_RX])
    check(int.from_bytes(rx.get(nl.C_SRTP_FROM, b""), "little") ==
          (7 << 16) | 9 and
          int.from_bytes(rx.get(nl.C_SRTCP_FROM, b""), "little") == 77 and
          int.from_bytes(rx[nl.C_ROC], "little") == 7,
          "set: rekey with switch-over indexes; GET reports them and the ROC",
          repr(rx))
    g.request(nl.CMD["SESSION_SET"], nl.session(
        L4, R4, None, tx=nl.ctx(1, 0x33333333, 9, srtcp_index=100),
        rx=nl.ctx(1, 0x44444444, 10)))
    s = [x for x in g.sessions() if x[nl.S_LOCAL] == nl.sockaddr(*L4) and
         x[nl.S_REMOTE] == nl.sockaddr(*R4)][0]
    tx = nl.parse_attrs(s[nl.S_TX])
    rx = nl.parse_attrs(s[nl.S_RX])
    check(int.from_bytes(tx[nl.C_SSRC], "little") == 0x33333333 and
          int.from_bytes(tx[nl.C_SRTCP_INDEX], "little") == 100 and
          int.from_bytes(rx[nl.C_SSRC], "little") == 0x44444444,
          "set: rekey both directions with new SSRCs")
    g.request(nl.CMD["SESSION_DEL"], nl.session(L4, R4, None))
    check(len(g.sessions()) == total - 1, "del removes exactly one session")
    g.request(nl.CMD["SESSION_FLUSH"])
    check(len(g.sessions()) == 0, "flush removes every session")

    # Many sessions: dumps span several messages.
    n = 2000
    for i in range(n):
        g.request(nl.CMD["SESSION_NEW"],
                  good(("10.%d.%d.1" % (i >> 8, i & 255), 5004), R4))
    check(len(g.sessions()) == n and not g.dump_intr,
          "dump of %d sessions over several messages" % n)
    g.request(nl.CMD["SESSION_FLUSH"])
    check(len(g.sessions()) == 0, "flush of %d sessions" % n)
    g.close()


def kernel_log():
    return subprocess.run(["dmesg"], capture_output=True, text=True,
                          check=True).stdout.splitlines()


BAD_LOG = re.compile(r"WARNING:|BUG[: ]|Oops|general protection|"
                     r"Objects remaining|kmem_cache_destroy|RCU stall")

loaded_here = not os.path.isdir("/sys/module/bti")
log_before = len(kernel_log())
if loaded_here:
    ko = os.environ.get("BTI_KO")
    if ko:
        # insmod does not load what the module depends on.
        deps = subprocess.run(["modinfo", "-F", "depends", ko],
                              capture_output=True, text=True).stdout
        for dep in filter(None, deps.strip().split(",")):
            subprocess.run(["modprobe", dep], check=False)
    cmd = ["insmod", ko] if ko else ["modprobe", "bti"]
    load = subprocess.run(cmd, capture_output=True, text=True)
    check(load.returncode == 0, "module loads", load.stderr.strip())
try:
    main()
except Exception as e:  # a crash is a failure of the remaining cases
    check(False, "test program ran to the end", repr(e))
if loaded_here:
    unload = subprocess.run(["rmmod", "bti"], capture_output=True, text=True)
    check(unload.returncode == 0, "module unloads", unload.stderr.strip())
new_lines = kernel_log()[log_before:]
bad = [line for line in new_lines if BAD_LOG.search(line)]
check(not bad, "kernel log clean (no warning, no leaked session objects)",
      "; ".join(bad[:5]))

print("TAP version 13")
print("1..%d" % len(results))
for i, (ok, name, diag) in enumerate(results, 1):
    print("%s %d %s" % ("ok" if ok else "not ok", i, name))
    if not ok and diag:
        print("# " + diag)
sys.exit(0 if all(r[0] for r in results) else 1)
