#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The table of "make bench", from the raw results of guest-bench.sh.

    report.py RESULTS_DIR

Reads RESULTS_DIR/raw/ (env.txt, host.txt, transform-kernel.txt,
transform-libsrtp.jsonl, stream.jsonl, sessions-SUITE.json), prints the
table and writes it to RESULTS_DIR/summary.txt, and every figure to
RESULTS_DIR/results.json. Each figure is the median of the rounds.
Exit status 1 when a result is missing.
"""

import json
import os
import statistics
import sys

SUITES = ["AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"]
TRANSFORM_TARGET = 3.0
STREAM_TARGET = 2.0
SESSION_TARGET = 1024


def kv_file(path):
    out = {}
    with open(path) as f:
        for line in f:
            if ": " in line:
                k, v = line.rstrip("\n").split(": ", 1)
                out[k] = v
    return out


def jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def median(values):
    return statistics.median(values) if values else None


def kernel_results(path):
    """{(suite, op): {"ns": [per round ns/packet], "driver": name}}."""
    out = {}
    with open(path) as f:
        for line in f:
            fields = dict(kv.split("=", 1) for kv in line.split())
            key = (fields["suite"], fields["op"])
            entry = out.setdefault(key, {"ns": [], "driver": None,
                                         "octets": int(fields["octets"])})
            entry["ns"].append(int(fields["ns"]) / int(fields["packets"]))
            if fields["driver"] != "-":
                entry["driver"] = fields["driver"]
    return out


def verdict(ok):
    return "met" if ok else "MISSED"


def transform(raw, lines, res):
    kern = kernel_results(os.path.join(raw, "transform-kernel.txt"))
    lib = jsonl(os.path.join(raw, "transform-libsrtp.jsonl"))
    res["transform"] = {}
    lines.append("(1) SRTP transform, one packet of 172 octets, ns per "
                 "packet (median of rounds)")
    lines.append("  %-24s %-9s %10s %10s %7s  %s" % (
        "suite", "op", "bti.ko", "libsrtp2", "ratio", "target 3x"))
    for suite in SUITES:
        for op in ("protect", "unprotect"):
            k = median(kern[(suite, op)]["ns"])
            u = median([r[op + "_ns_per_packet"] for r in lib
                        if r["suite"] == suite])
            ratio = u / k
            res["transform"]["%s %s" % (suite, op)] = {
                "bti_ns": k, "libsrtp2_ns": u, "ratio": ratio,
                "bti_rounds": kern[(suite, op)]["ns"],
                "libsrtp2_rounds": [r[op + "_ns_per_packet"] for r in lib
                                    if r["suite"] == suite],
                "target_met": ratio >= TRANSFORM_TARGET,
                "driver": kern[(suite, op)]["driver"]}
            lines.append("  %-24s %-9s %10.0f %10.0f %6.2fx  %s" % (
                suite, op, k, u, ratio, verdict(ratio >= TRANSFORM_TARGET)))
        driver = kern[(suite, "protect")]["driver"]
        if driver:
            lines.append("  %-24s bti.ko's transform: %s" % (suite, driver))
    lines.append("  the crypto transforms alone (synchronous implementations "
                 "only, and the fastest the crypto API has):")
    res["crypto"] = {}
    for (suite, op), e in sorted(kern.items()):
        if op in ("protect", "unprotect"):
            continue
        ns = median(e["ns"])
        res["crypto"]["%s %s" % (suite, op)] = {
            "ns": ns, "driver": e["driver"], "octets": e["octets"]}
        lines.append("  %-24s %-9s %10.0f ns  %3d octets  %s" % (
            suite, op, ns, e["octets"], e["driver"]))
    lines.append("")


def stream(raw, lines, res):
    runs = jsonl(os.path.join(raw, "stream.jsonl"))
    res["stream"] = {}

    def pick(suite, config):
        rs = [r for r in runs if r["suite"] == suite and
              r["config"] == config]
        pps = median([r["rx"]["pps"] for r in rs])
        loss = median([1 - r["rx"]["received"] / r["sent"] for r in rs])
        return pps, loss, [r["rx"]["pps"] for r in rs]

    plain, plain_loss, plain_rounds = pick("none", "plain")
    res["stream"]["plain"] = {"pps": plain, "loss": plain_loss,
                              "rounds": plain_rounds}
    lines.append("(2) RTP stream through veth, 172-octet packets, sender "
                 "unpaced, all on one CPU: delivered packets/s")
    lines.append("  %-24s %-34s %8s %6s" % ("suite", "path", "pps", "loss"))
    lines.append("  %-24s %-34s %8.0f %5.1f%%" % (
        "-", "plaintext, no session", plain, 100 * plain_loss))
    names = {"bti": "bti.ko protects, bti.ko verifies",
             "libsrtp2": "libsrtp2 in sender and receiver",
             "relay": "libsrtp2 relays (2 more hops)"}
    for suite in SUITES:
        figs = {}
        for config in ("bti", "libsrtp2", "relay"):
            pps, loss, rounds = pick(suite, config)
            figs[config] = pps
            res["stream"]["%s %s" % (suite, config)] = {
                "pps": pps, "loss": loss, "rounds": rounds}
            lines.append("  %-24s %-34s %8.0f %5.1f%%" % (
                suite, names[config], pps, 100 * loss))
        r_relay = figs["bti"] / figs["relay"]
        r_lib = figs["bti"] / figs["libsrtp2"]
        res["stream"]["%s ratios" % suite] = {
            "bti_over_relay": r_relay, "bti_over_libsrtp2": r_lib,
            "bti_over_plain": figs["bti"] / plain,
            "target_met": r_relay >= STREAM_TARGET}
        lines.append("  %-24s bti.ko / relay %.2fx (target 2x: %s), "
                     "/ libsrtp2 in-process %.2fx, / plaintext %.2f" % (
                         "", r_relay, verdict(r_relay >= STREAM_TARGET),
                         r_lib, figs["bti"] / plain))
        # What protection adds to a packet's time over the plaintext
        # path: unlike the rates, it does not depend on what the sender
        # and receiver themselves spend per packet.
        added = {c: 1e9 / figs[c] - 1e9 / plain for c in ("bti", "relay")}
        res["stream"]["%s added" % suite] = {
            "bti_ns": added["bti"], "relay_ns": added["relay"]}
        if added["bti"] > 0:
            res["stream"]["%s added" % suite]["relay_over_bti"] = \
                added["relay"] / added["bti"]
            lines.append("  %-24s time per packet over plaintext: bti.ko "
                         "%.0f ns, relays %.0f ns (%.1fx)" % (
                             "", added["bti"], added["relay"],
                             added["relay"] / added["bti"]))
    lines.append("")


def sessions(raw, lines, res):
    res["sessions"] = {}
    lines.append("(3) Sessions: kernel memory per session with all "
                 "installed, install and delete time")
    for suite in SUITES:
        with open(os.path.join(raw, "sessions-%s.json" % suite)) as f:
            s = json.load(f)
        n = s["sessions"]
        g = s["slab_groups"]
        md = s["meminfo_delta"]
        slab_sum = sum(v[1] for v in g.values())
        # Large kmalloc (counted in meminfo's Slab, not in slabinfo) and
        # vmalloc: the session table's bucket array.
        large = (md["Slab"] - slab_sum + md["VmallocUsed"]) / n
        slab_module = (g["bti_session"][1] + g["kmalloc_cg"][1]) / n
        memcg = s["memcg_delta"].get("slab")
        memcg_pp = memcg / n if memcg is not None else None
        # The memcg's charge counts objects exactly; slabinfo's slab
        # counts miss slabs reused from an earlier run's partial lists.
        module = (memcg_pp if memcg_pp is not None else slab_module) + \
            max(large, 0)
        crypto = g["other"][1] / n
        total = -md["MemFree"] / n
        install_us = 1e6 * s["install_s"] / n
        first_us = 1e6 * s["first_install_s"]
        null_us = 1e6 * s["null_request_s"] / n
        del_us = 1e6 * s["delete_s"] / max(s["deleted_one_by_one"], 1)
        left = s["memcg_left_after_removal"].get("slab")
        res["sessions"][suite] = {
            "sessions": n, "listed": s["listed"],
            "module_owned_bytes": module,
            "module_owned_slab_bytes": slab_module,
            "module_owned_memcg_bytes": memcg_pp,
            "large_kmalloc_vmalloc_bytes": large,
            "crypto_slab_bytes": crypto,
            "total_memfree_bytes": total,
            "install_us": install_us, "first_install_us": first_us,
            "null_request_us": null_us,
            "delete_us": del_us, "deleted_one_by_one":
            s["deleted_one_by_one"], "flushed": s["flushed"],
            "flush_s": s["flush_s"], "memcg_slab_left_bytes": left,
            "slab_caches": s["slab_caches"],
            "target_met": module < SESSION_TARGET}
        lines.append("  %s, %d sessions (%d listed):" % (suite, n,
                                                         s["listed"]))
        lines.append("    module-owned: %5.0f octets/session (target < 1 KiB: "
                     "%s)" % (module, verdict(
                         res["sessions"][suite]["target_met"])))
        lines.append("      bti_session and contexts charged to the memcg: "
                     "%s (slabinfo: %.0f)" % (
                         "%.0f" % memcg_pp if memcg_pp is not None
                         else "n/a", slab_module))
        lines.append("      large kmalloc and vmalloc (hash buckets): "
                     "%5.0f" % large)
        lines.append("    crypto transforms (unaccounted kmalloc): %5.0f "
                     "octets/session; MemFree fell by %5.0f" % (
                         crypto, total))
        lines.append("    install: %.0f us/session (a no-op netlink round "
                     "trip: %.0f us); delete: %.0f us/session (%d one by "
                     "one), flush of %d: %.3f s" % (
                         install_us, null_us, del_us,
                         s["deleted_one_by_one"], s["flushed"],
                         s["flush_s"]))
        lines.append("    first session, installed apart (the crypto API "
                     "builds what no earlier transform did): %.0f us"
                     % first_us)
        lines.append("    left charged to the cgroup after removal: %s "
                     "octets" % left)
    lines.append("")


def main():
    if len(sys.argv) != 2:
        print("usage: report.py RESULTS_DIR", file=sys.stderr)
        return 2
    results = sys.argv[1]
    raw = os.path.join(results, "raw")
    try:
        env = kv_file(os.path.join(raw, "env.txt"))
        host = kv_file(os.path.join(raw, "host.txt"))
        lines = ["bti bench: kernel %s, qemu %s (%s), guest CPU %s, "
                 "host CPU %s" % (env["kernel"], host["qemu"], host["accel"],
                                  env["guest_cpu"], host["cpu"]),
                 "%s rounds; guest CPUs: %s, every process pinned to "
                 "CPU %s; %s" % (
                     env["rounds"], env.get("guest_cpus", "?"),
                     env["pinned_cpu"], host.get("packages", "?")),
                 "host load average %s" % host.get("host_load", "?"),
                 ""]
        if "icount" in host["accel"]:
            lines.insert(2, "Times are guest time under icount: the guest "
                         "clock counts guest instructions, not host time.")
        res = {"env": env, "host": host}
        parts = env.get("parts", "transform stream sessions").split()
        if "suites" in env:
            SUITES[:] = env["suites"].split()
        for name, fn in (("transform", transform), ("stream", stream),
                         ("sessions", sessions)):
            if name in parts:
                fn(raw, lines, res)
            else:
                lines.extend(["(%s: not measured in this run)" % name, ""])
    except (OSError, KeyError, ValueError, ZeroDivisionError) as e:
        print("report: incomplete results in %s: %s" % (raw, e),
              file=sys.stderr)
        return 1
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(results, "summary.txt"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(results, "results.json"), "w") as f:
        json.dump(res, f, indent=1, sort_keys=True)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
