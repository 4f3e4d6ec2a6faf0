#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Kernel memory and install/delete time of many bti sessions.

    bench_sessions.py SUITE COUNT OUT.json [DELETES]

In the current network namespace (bti.ko loaded, no session in it):
installs COUNT sessions of SUITE (an enum bti_suite name) one netlink
request at a time, each waiting for its ack, as btictl would; reads the
memory the kernel holds for them; deletes DELETES of them (default: all)
one request at a time and the rest with one flush, and reads the memory
again. Every request is
built before its clock starts, so the time is the kernel's and the
netlink round trip's, not Python's building of messages. The round trip
alone is timed too, on as many GET_VERSION requests.

One session of SUITE is installed and deleted before any of that, and
timed apart ("first_install_s"): the first transform of an algorithm
makes the crypto API build its instance (a module request, the
template's instance, its self-tests), which happens once per boot, not
once per session, and would otherwise be spread over the sessions timed.

Memory comes from three places, each read before the install and with
the sessions installed:

- /proc/slabinfo, per cache: bti's own cache of sessions ("bti_session")
  and the accounted kmalloc caches ("kmalloc-cg-*", where bti's contexts
  go: GFP_KERNEL_ACCOUNT) are what the module owns; the plain kmalloc
  caches grow with the crypto API's transforms (not accounted).
- the memory cgroup this process runs in (memory.stat), when there is
  one: bti charges its sessions and contexts to the caller's cgroup, so
  "slab" and "percpu" there are the module-owned memory, measured apart.
- /proc/meminfo: MemFree, Slab, Percpu, VmallocUsed, for the totals.

The guest boots with slab_nomerge, so no other cache hides in these.
Writes one JSON object to OUT.json (see the keys below).
"""

import gc
import json
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "selftests"))
import bti_nl as nl  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")
LOCAL = "10.200.0.1"
REMOTE = "10.201.0.1"
FIRST_PORT = 10000


def slabinfo():
    """{cache: (active_objs, objsize, slab_bytes)} of /proc/slabinfo."""
    caches = {}
    with open("/proc/slabinfo") as f:
        for line in f:
            if line.startswith(("slabinfo", "#")):
                continue
            name, rest = line.split(None, 1)
            v = rest.split()
            active, objsize, pages = int(v[0]), int(v[2]), int(v[4])
            slabs = int(v[-2])
            caches[name] = (active, objsize, slabs * pages * PAGE)
    return caches


def meminfo():
    out = {}
    with open("/proc/meminfo") as f:
        for line in f:
            key, val = line.split(":")
            out[key] = int(val.split()[0]) * 1024
    return out


def memcg_dir():
    """The cgroup v2 directory of this process, if it has memory.stat."""
    try:
        with open("/proc/self/cgroup") as f:
            for line in f:
                if line.startswith("0::"):
                    path = "/sys/fs/cgroup" + line[3:].strip()
                    if path != "/sys/fs/cgroup" and os.path.exists(
                            path + "/memory.stat"):
                        return path
    except OSError:
        pass
    return None


def memcg_stat(path):
    if not path:
        return {}
    with open(path + "/memory.stat") as f:
        return {k: int(v) for k, v in (line.split() for line in f)}


def snapshot(cg):
    return {"slab": slabinfo(), "mem": meminfo(), "memcg": memcg_stat(cg)}


def message(family, seq, cmd, payload):
    body = struct.pack("=BBH", cmd, 1, 0) + payload
    return struct.pack("=IHHII", 16 + len(body), family,
                       nl.NLM_F_REQUEST | nl.NLM_F_ACK, seq, 0) + body


def flow(i):
    return (LOCAL, FIRST_PORT + i), (REMOTE, 5004)


def ctx(suite, ssrc, srtcp_index=None):
    """A direction's attributes, with random session keys."""
    klen, slen, alen = nl.KEY_SIZES[suite]
    attrs = [nl.u32(nl.C_SSRC, ssrc)]
    for typ, length in ((nl.C_SRTP_KEY, klen), (nl.C_SRTP_SALT, slen),
                        (nl.C_SRTP_AUTH, alen), (nl.C_SRTCP_KEY, klen),
                        (nl.C_SRTCP_SALT, slen), (nl.C_SRTCP_AUTH, alen)):
        if length:
            attrs.append(nl.attr(typ, os.urandom(length)))
    if srtcp_index is not None:
        attrs.append(nl.u32(nl.C_SRTCP_INDEX, srtcp_index))
    return attrs


def new_payload(suite, i):
    local, remote = flow(i)
    return nl.session(local, remote, suite,
                      tx=ctx(suite, 0x10000000 + i, srtcp_index=1),
                      rx=ctx(suite, 0x20000000 + i))


def del_payload(i):
    local, remote = flow(i)
    return nl.session(local, remote, suite=None)


def run(sock, msgs, what):
    """Sends each request and waits for its ack; the seconds it took."""
    buf = bytearray(65536)
    t0 = time.perf_counter()
    for msg in msgs:
        sock.send(msg)
        n = sock.recv_into(buf)
        if n < 20 or struct.unpack_from("=H", buf, 4)[0] != nl.NLMSG_ERROR:
            raise RuntimeError("%s: unexpected reply" % what)
        err = struct.unpack_from("=i", buf, 16)[0]
        if err:
            raise RuntimeError("%s: %s" % (what, os.strerror(-err)))
    return time.perf_counter() - t0


def settle():
    """Lets deferred work finish: RCU callbacks, the table's rehash, and
    the memory cgroup's statistics, which the kernel flushes every 2 s."""
    time.sleep(3.0)


def slab_delta(before, after):
    """Per cache grown: (objects, object bytes, slab bytes)."""
    out = {}
    for name, (act, size, slab) in after.items():
        b_act, _, b_slab = before.get(name, (0, size, 0))
        if act != b_act or slab != b_slab:
            out[name] = (act - b_act, (act - b_act) * size, slab - b_slab)
    return out


def group(delta):
    """Sums of the slab deltas: session cache, accounted kmalloc, the rest."""
    sums = {"bti_session": [0, 0], "kmalloc_cg": [0, 0], "other": [0, 0]}
    for name, (_, obj_bytes, slab_bytes) in delta.items():
        if name == "bti_session":
            key = "bti_session"
        elif name.startswith("kmalloc-cg-"):
            key = "kmalloc_cg"
        else:
            key = "other"
        sums[key][0] += obj_bytes
        sums[key][1] += slab_bytes
    return sums


def main():
    if len(sys.argv) not in (4, 5):
        print("usage: bench_sessions.py SUITE COUNT OUT.json [DELETES]",
              file=sys.stderr)
        return 2
    suite_name, count, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    deletes = min(int(sys.argv[4]), count) if len(sys.argv) == 5 else count
    # Ports FIRST_PORT up to FIRST_PORT + count (the first session's).
    if not 0 < count <= 65535 - FIRST_PORT or deletes < 0:
        print("bench_sessions: COUNT must be 1 to %d, DELETES at least 0"
              % (65535 - FIRST_PORT), file=sys.stderr)
        return 2
    suite = nl.SUITE[suite_name]
    g = nl.Genl()
    if g.sessions():
        print("bench_sessions: the namespace has sessions already",
              file=sys.stderr)
        return 1
    fam = g.family_id
    sock = g.sock
    cg = memcg_dir()

    new = [message(fam, 1000 + i, nl.CMD["SESSION_NEW"],
                   new_payload(suite, i)) for i in range(count)]
    dels = [message(fam, 1000 + i, nl.CMD["SESSION_DEL"], del_payload(i))
            for i in range(deletes)]
    nulls = [message(fam, 1000 + i, nl.CMD["GET_VERSION"], b"")
             for i in range(count)]
    flush = [message(fam, 999, nl.CMD["SESSION_FLUSH"], b"")]
    # The first session's flow is none of the others'.
    first_new = [message(fam, 998, nl.CMD["SESSION_NEW"],
                         new_payload(suite, count))]
    first_del = [message(fam, 998, nl.CMD["SESSION_DEL"],
                         del_payload(count))]

    # GET_VERSION answers with a message, then the ack.
    t0 = time.perf_counter()
    buf = bytearray(65536)
    for msg in nulls:
        sock.send(msg)
        while True:
            sock.recv_into(buf)
            if struct.unpack_from("=H", buf, 4)[0] == nl.NLMSG_ERROR:
                break
    null_s = time.perf_counter() - t0
    first_install_s = run(sock, first_new, "first new")
    run(sock, first_del, "first del")

    gc.collect()
    gc.disable()
    settle()
    before = snapshot(cg)
    install_s = run(sock, new, "new")
    settle()
    installed = snapshot(cg)
    listed = len(g.sessions())
    delete_s = run(sock, dels, "del")
    flush_s = run(sock, flush, "flush")
    settle()
    removed = snapshot(cg)
    gc.enable()

    delta = slab_delta(before["slab"], installed["slab"])
    sums = group(delta)
    left = group(slab_delta(before["slab"], removed["slab"]))
    mem = {k: installed["mem"][k] - before["mem"][k]
           for k in ("MemFree", "Slab", "Percpu", "VmallocUsed")}
    memcg = {k: installed["memcg"].get(k, 0) - before["memcg"].get(k, 0)
             for k in ("kernel", "slab", "slab_unreclaimable", "percpu")
             if k in installed["memcg"]}
    memcg_left = {k: removed["memcg"].get(k, 0) - before["memcg"].get(k, 0)
                  for k in memcg}
    result = {
        "suite": suite_name,
        "sessions": count,
        "listed": listed,
        "install_s": install_s,
        "first_install_s": first_install_s,
        "deleted_one_by_one": deletes,
        "delete_s": delete_s,
        "flushed": count - deletes,
        "flush_s": flush_s,
        "null_request_s": null_s,
        "slab_caches": {k: list(v) for k, v in sorted(delta.items())},
        "slab_groups": sums,
        "slab_left_after_removal": left,
        "meminfo_delta": mem,
        "memcg": cg,
        "memcg_delta": memcg,
        "memcg_left_after_removal": memcg_left,
    }
    with open(out_path, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, RuntimeError, socket.error) as e:
        print("bench_sessions: %s" % e, file=sys.stderr)
        sys.exit(1)
