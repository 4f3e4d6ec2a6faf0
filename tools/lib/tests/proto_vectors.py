#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""proto_vectors.py: known answers for the provisioning key schedule,
cookie and signature inputs (Documentation/protocol.rst), computed with
Python's hashlib and hmac only, independently of the C code in tools/lib.

Prints a C header (tests/proto_vectors.h, made at build time) of hex
strings: inputs chosen here, outputs computed here from the text of
protocol.rst.
"""
import hashlib
import hmac
import struct
import sys


def sha256(b):
    return hashlib.sha256(b).digest()


def hkdf_extract(salt, ikm):
    return hmac.new(salt, ikm, hashlib.sha256).digest()


def hkdf_expand(prk, info, length):
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:length]


def expand_label(secret, label, context, length):
    full = b"bti1 " + label.encode()
    info = (struct.pack(">H", length) + bytes([len(full)]) + full +
            bytes([len(context)]) + context)
    return hkdf_expand(secret, info, length)


def seed(name, n=32):
    """Deterministic input bytes named by @name."""
    return hkdf_expand(sha256(b"proto_vectors " + name.encode()), b"", n)


PROFILES = {0x0001: (16, 14), 0x0002: (16, 14), 0x0007: (16, 12),
            0x0008: (32, 12)}

out = []


def emit(name, value):
    if isinstance(value, int):
        out.append("#define %s 0x%08xu" % (name.upper(), value))
        return
    h = value.hex()
    lines = [h[i:i + 64] for i in range(0, len(h), 64)] or [""]
    out.append("static const char %s[] =" % name)
    out.append("\n".join('\t"%s"' % l for l in lines) + ";")


def emit_list(name, values):
    out.append("static const char *const %s[] = {" % name)
    for v in values:
        out.append('\t"%s",' % v.hex())
    out.append("};")


def schedule(prefix, ltk0):
    k, fs, sk, ak = (seed(prefix + x) for x in ("K", "FS", "SK", "AK"))
    th_k, th_a, th_r = (seed(prefix + x) for x in ("TH_K", "TH_A", "TH_R"))
    for n, v in (("k", k), ("fs", fs), ("sk", sk), ("ak", ak),
                 ("th_k", th_k), ("th_a", th_a), ("th_r", th_r)):
        emit("%s_%s" % (prefix, n), v)
    if ltk0 is not None:
        emit(prefix + "_ltk0", ltk0)
    l0 = ltk0 if ltk0 is not None else bytes(32)
    hs = hkdf_extract(k, fs + sk + l0)
    ma = hkdf_extract(k, fs + ak + l0)
    emit(prefix + "_hs", hs)
    emit(prefix + "_ma", ma)
    for lab in ("key b2p", "key p2b"):
        emit(prefix + "_" + lab.replace(" ", "_"),
             expand_label(hs, lab, th_k, 16))
    for lab in ("iv b2p", "iv p2b"):
        emit(prefix + "_" + lab.replace(" ", "_"),
             expand_label(hs, lab, th_k, 12))
    for prof, (lk, ls) in sorted(PROFILES.items()):
        p = "%s_p%04x" % (prefix, prof)
        for d in ("b2p", "p2b"):
            emit(p + "_key_" + d, expand_label(ma, "srtp key " + d, th_a, lk))
            emit(p + "_salt_" + d,
                 expand_label(ma, "srtp salt " + d, th_a, ls))
    b = int.from_bytes(expand_label(ma, "ssrc b2p", th_a, 4), "big")
    p = int.from_bytes(expand_label(ma, "ssrc p2b", th_a, 4), "big")
    if p == b:
        p ^= 1
    emit(prefix + "_ssrc_b2p", b)
    emit(prefix + "_ssrc_p2b", p)
    emit(prefix + "_ltk", expand_label(hs, "ltk", th_r, 32))


out.append("/* SPDX-License-Identifier: GPL-2.0-only */")
out.append("/* Made by tests/proto_vectors.py; do not edit. */")
out.append("#ifndef BTI_LIB_TESTS_PROTO_VECTORS_H")
out.append("#define BTI_LIB_TESTS_PROTO_VECTORS_H")

# A provisioning run (LTK0 zero) and a rekey (LTK0 the device's LTK).
schedule("prov", None)
schedule("rekey", seed("rekey LTK0"))

# K = Export("bti1 K", 32) of an HPKE context (RFC 9180 §5.3):
# LabeledExpand(exporter_secret, "sec", "bti1 K", 32) with
# suite_id = "HPKE" || I2OSP(0x0020, 2) || I2OSP(0x0001, 2) || I2OSP(0x0001, 2).
exporter_secret = seed("exporter_secret")
suite_id = b"HPKE" + struct.pack(">HHH", 0x0020, 0x0001, 0x0001)
emit("hpke_exporter_secret", exporter_secret)
emit("hpke_k", hkdf_expand(exporter_secret,
                           struct.pack(">H", 32) + b"HPKE-v1" + suite_id +
                           b"sec" + b"bti1 K", 32))

# The cookie (protocol.rst, "The cookie"):
#   cookie = key_id (u8) || issued_at (u64) || retry_after (u16) || tag
#   tag    = first 16 octets of HMAC-SHA256(cookie_key, "bti1 cookie" ||
#            key_id || issued_at || retry_after || family || address ||
#            H(HELLO0))
ck = seed("cookie key")
hello0 = seed("cookie hello0", 77)
emit("cookie_key", ck)
emit("cookie_hello0_hash", sha256(hello0))
for name, kid, at, ra, fam, addr in (
        ("cookie4", 7, 1790000000, 0, 4, bytes([192, 0, 2, 1])),
        ("cookie6", 255, 1790003600, 3600, 6,
         bytes.fromhex("20010db8000000000000000000000001"))):
    head = struct.pack(">BQH", kid, at, ra)
    tag = hmac.new(ck, b"bti1 cookie" + head + bytes([fam]) + addr +
                   sha256(hello0), hashlib.sha256).digest()[:16]
    emit(name + "_addr", addr)
    emit(name, head + tag)

# The signature inputs (protocol.rst, "Signatures").
th_p, n1, n2, upub = (seed("sig " + x) for x in ("TH_P", "N1", "N2", "PUB"))
th_k, dev = seed("sig TH_K"), seed("sig DEVICE_ID", 16)
for n, v in (("sig_th_p", th_p), ("sig_n1", n1), ("sig_n2", n2),
             ("sig_user_pub", upub), ("sig_th_k", th_k),
             ("sig_device_id", dev)):
    emit(n, v)
emit("sig_pop_input", b"bti1 user pop\x00" + th_p + n1 + n2 + upub)
emit("sig_rekey_input", b"bti1 rekey\x00" + th_k + dev)


# Ed25519 public keys USER_PUB must refuse (protocol.rst, "Signatures"),
# found here by edwards25519 arithmetic (RFC 8032 §5.1), not listed by
# hand: the 8 points of small order are L * Q for points Q, and their
# multiples.
P = 2**255 - 19
D = -121665 * pow(121666, P - 2, P) % P
L = 2**252 + 27742317777372353535851937790883648493


def recover_x(y, sign):
    """RFC 8032 §5.1.3 step 2-4: x for y and sign, or None."""
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * pow(2, (P - 1) // 4, P) % P
    if (x * x - x2) % P != 0:
        return None
    if (x & 1) != sign:
        x = P - x
    return x


def decode(b):
    v = int.from_bytes(b, "little")
    y, sign = v & ((1 << 255) - 1), v >> 255
    x = recover_x(y, sign)
    return None if x is None else (x, y)


def encode(pt):
    x, y = pt
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def add(a, b):
    (x1, y1), (x2, y2) = a, b
    t = D * x1 * x2 * y1 * y2 % P
    x3 = (x1 * y2 + x2 * y1) * pow(1 + t, P - 2, P) % P
    y3 = (y1 * y2 + x1 * x2) * pow(1 - t, P - 2, P) % P
    return (x3, y3)


def mul(k, pt):
    r = (0, 1)
    while k:
        if k & 1:
            r = add(r, pt)
        pt = add(pt, pt)
        k >>= 1
    return r


def order(pt):
    q, n = pt, 1
    while q != (0, 1):
        q, n = add(q, pt), n + 1
        if n > 8:
            return None
    return n


t8 = None
yv = 2
while t8 is None:
    q = decode(yv.to_bytes(32, "little"))
    yv += 1
    if q is not None:
        t = mul(L, q)
        if order(t) == 8:
            t8 = t
small = sorted({encode(mul(k, t8)) for k in range(8)})
assert len(small) == 8
emit_list("small_order_pubs", small)
# Invalid encodings: y >= p (non-canonical 0 and 1), x = 0 with the
# sign bit set, and a y on no point.
bad = [P.to_bytes(32, "little"), (P + 1).to_bytes(32, "little"),
       (1 | 1 << 255).to_bytes(32, "little"),
       ((P - 1) | 1 << 255).to_bytes(32, "little"),
       (2**255 - 1).to_bytes(32, "little")]
yv = 2
while decode(yv.to_bytes(32, "little")) is not None:
    yv += 1
bad.append(yv.to_bytes(32, "little"))
for b in bad:
    assert decode(b) is None
emit_list("invalid_pubs", bad)

out.append("#endif")
sys.stdout.write("\n".join(out) + "\n")
