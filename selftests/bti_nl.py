# SPDX-License-Identifier: GPL-2.0
"""Minimal generic netlink client for the bti kselftests.

It builds requests attribute by attribute, so tests can send what btictl
would never send (wrong lengths, missing or extra attributes) and check
that the kernel refuses each with the right errno and extack message.
Constants mirror uapi/linux/bti.h.
"""

import errno
import os
import socket
import struct

NETLINK_GENERIC = 16
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11
SOL_NETLINK = 270

NLM_F_REQUEST = 0x1
NLM_F_MULTI = 0x2
NLM_F_ACK = 0x4
NLM_F_DUMP = 0x300
NLM_F_DUMP_INTR = 0x10
NLM_F_ACK_TLVS = 0x200
NLMSG_ERROR = 2
NLMSG_DONE = 3
NLA_F_NESTED = 0x8000

NLMSGERR_ATTR_MSG = 1
NLMSGERR_ATTR_OFFS = 2
NLMSGERR_ATTR_MISS_TYPE = 5

GENL_ID_CTRL = 16
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2

# uapi/linux/bti.h
CMD = dict(GET_VERSION=1, GET_STATS=2, ZERO_STATS=3, SESSION_NEW=4,
           SESSION_SET=5, SESSION_DEL=6, SESSION_GET=7, SESSION_FLUSH=8,
           SESSION_EVENT=9)
(A_VERSION, A_API_VERSION, A_FEATURES, A_STATS, A_PAD, A_SESSION,
 A_EVENT) = range(1, 8)
(S_LOCAL, S_REMOTE, S_SUITE, S_TX, S_RX, S_REPLAY_WINDOW, S_SOFT_LIMIT,
 S_STATS, S_PAD) = range(1, 10)
(C_SSRC, C_ROC, C_SRTP_KEY, C_SRTP_SALT, C_SRTP_AUTH, C_SRTCP_KEY,
 C_SRTCP_SALT, C_SRTCP_AUTH, C_SRTCP_INDEX, C_SRTP_FROM, C_SRTCP_FROM,
 C_PAD) = range(1, 13)
SUITE = dict(AES_CM_128_HMAC_SHA1_80=1, AES_CM_128_HMAC_SHA1_32=2,
             AEAD_AES_128_GCM=3, AEAD_AES_256_GCM=4,
             AES_256_CM_HMAC_SHA1_80=5, AES_256_CM_HMAC_SHA1_32=6)
# cipher key, salt, auth key octets per suite
KEY_SIZES = {1: (16, 14, 20), 2: (16, 14, 20), 3: (16, 12, 0), 4: (32, 12, 0),
             5: (32, 14, 20), 6: (32, 14, 20)}


def attr(atype, payload):
    """One attribute: payload is bytes, or a list of attributes (nested)."""
    if isinstance(payload, list):
        payload = b"".join(payload)
        atype |= NLA_F_NESTED
    hdr = struct.pack("=HH", 4 + len(payload), atype)
    return hdr + payload + b"\0" * (-len(payload) % 4)


def u32(atype, value):
    return attr(atype, struct.pack("=I", value))


def u64(atype, value):
    return attr(atype, struct.pack("=Q", value))


def sockaddr(addr, port):
    """struct sockaddr_in or sockaddr_in6 for an address string."""
    if ":" in addr:
        packed = socket.inet_pton(socket.AF_INET6, addr)
        return struct.pack("=H", socket.AF_INET6) + struct.pack(
            "!H", port) + b"\0" * 4 + packed + b"\0" * 4
    packed = socket.inet_pton(socket.AF_INET, addr)
    return struct.pack("=H", socket.AF_INET) + struct.pack(
        "!H", port) + packed + b"\0" * 8


def parse_attrs(data):
    """{type: payload} of a flat attribute stream (last one wins)."""
    out = {}
    off = 0
    while off + 4 <= len(data):
        alen, atype = struct.unpack_from("=HH", data, off)
        if alen < 4 or off + alen > len(data):
            raise ValueError("malformed attribute stream")
        out[atype & 0x3fff] = data[off + 4:off + alen]
        off += (alen + 3) & ~3
    return out


class NetlinkError(Exception):
    def __init__(self, err, msg, miss_type):
        super().__init__("%s: %s" % (os.strerror(err), msg))
        self.errno = err
        self.msg = msg
        self.miss_type = miss_type


class Genl:
    """A socket bound to one generic netlink family."""

    def __init__(self, family="bti"):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 1
        self.family_id = GENL_ID_CTRL
        reply = self.request(CTRL_CMD_GETFAMILY,
                             attr(CTRL_ATTR_FAMILY_NAME,
                                  family.encode() + b"\0"))
        self.family_id = struct.unpack(
            "=H", parse_attrs(reply[0])[CTRL_ATTR_FAMILY_ID][:2])[0]

    def close(self):
        self.sock.close()

    def request(self, cmd, payload=b"", dump=False):
        """Sends one request; returns the attribute streams of the replies.

        Raises NetlinkError with the errno and extack message on refusal.
        """
        self.seq += 1
        flags = NLM_F_REQUEST | NLM_F_ACK | (NLM_F_DUMP if dump else 0)
        body = struct.pack("=BBH", cmd, 1, 0) + payload
        msg = struct.pack("=IHHII", 16 + len(body), self.family_id, flags,
                          self.seq, 0) + body
        self.sock.send(msg)
        replies = []
        self.dump_intr = False
        while True:
            data = self.sock.recv(1 << 20)
            off = 0
            while off + 16 <= len(data):
                mlen, mtype, mflags, mseq, _ = struct.unpack_from(
                    "=IHHII", data, off)
                if mlen < 16 or off + mlen > len(data):
                    raise ValueError("malformed netlink message")
                payload_off = off + 16
                if mseq != self.seq:
                    off += (mlen + 3) & ~3
                    continue
                if mflags & NLM_F_DUMP_INTR:
                    self.dump_intr = True
                if mtype in (NLMSG_ERROR, NLMSG_DONE):
                    err = -struct.unpack_from("=i", data, payload_off)[0]
                    if err == 0:
                        return replies
                    # An error's TLVs follow the echoed header
                    # (NETLINK_CAP_ACK); a dump's NLMSG_DONE has none.
                    inner_len = 16 if mtype == NLMSG_ERROR else 0
                    tlvs = {}
                    if mflags & NLM_F_ACK_TLVS:
                        tlvs = parse_attrs(
                            data[payload_off + 4 + inner_len:off + mlen])
                    text = tlvs.get(NLMSGERR_ATTR_MSG, b"").rstrip(
                        b"\0").decode()
                    miss = tlvs.get(NLMSGERR_ATTR_MISS_TYPE)
                    miss = struct.unpack("=I", miss)[0] if miss else None
                    raise NetlinkError(err, text, miss)
                replies.append(data[payload_off + 4:off + mlen])
                off += (mlen + 3) & ~3

    def sessions(self):
        """Every session of the namespace, as {type: payload} dicts."""
        return [parse_attrs(parse_attrs(r)[A_SESSION])
                for r in self.request(CMD["SESSION_GET"], dump=True)]


def ctx(suite, ssrc, seed, srtcp_index=None, omit=(), extra=()):
    """A direction's attributes with deterministic keys from seed."""
    klen, slen, alen = KEY_SIZES[suite]
    attrs = {C_SSRC: struct.pack("=I", ssrc)}
    for typ, length in ((C_SRTP_KEY, klen), (C_SRTP_SALT, slen),
                        (C_SRTP_AUTH, alen), (C_SRTCP_KEY, klen),
                        (C_SRTCP_SALT, slen), (C_SRTCP_AUTH, alen)):
        if length:
            attrs[typ] = bytes((seed + typ + i) & 0xff
                               for i in range(length))
    if srtcp_index is not None:
        attrs[C_SRTCP_INDEX] = struct.pack("=I", srtcp_index)
    for typ in omit:
        attrs.pop(typ, None)
    for typ, value in extra:
        attrs[typ] = value
    return [attr(t, v) for t, v in sorted(attrs.items())]


def session(local, remote, suite=1, tx=None, rx=None, window=None,
            soft_limit=None, extra=()):
    """BTI_A_SESSION for a flow given as (addr, port) pairs."""
    attrs = [attr(S_LOCAL, sockaddr(*local)),
             attr(S_REMOTE, sockaddr(*remote))]
    if suite is not None:
        attrs.append(u32(S_SUITE, suite))
    if tx is not None:
        attrs.append(attr(S_TX, tx))
    if rx is not None:
        attrs.append(attr(S_RX, rx))
    if window is not None:
        attrs.append(u32(S_REPLAY_WINDOW, window))
    if soft_limit is not None:
        attrs.append(u64(S_SOFT_LIMIT, soft_limit))
    attrs.extend(extra)
    return attr(A_SESSION, attrs)


def is_errno(name):
    return getattr(errno, name)
