/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psd_media: the one UDP socket of bti-psd's provisioning calls
 * (Documentation/protocol.rst, "Media rules"), bound to --media-addr and
 * shared by every call; and the counters of what the calls received.
 *
 * A datagram belongs to a call only if it comes from the call's control
 * connection's peer address and the call's MEDIA_PORT (psd_server does
 * the matching); anything else counts as an unknown source here.
 */
#ifndef BTI_PSD_MEDIA_H
#define BTI_PSD_MEDIA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proto_values.h"

/* Largest datagram read: an SRTP packet is far smaller. */
#define PSD_MEDIA_MAX_DGRAM	2048
/* The socket's receive buffer asked for (the kernel caps it). */
#define PSD_MEDIA_RCVBUF	(4 << 20)

/* What arrived on the media socket and what became of it. */
struct psd_media_counts {
	uint64_t rx;		/* datagrams received */
	uint64_t unknown_source;	/* no call has that address and port */
	uint64_t wrong_ssrc;	/* not ssrc_b2p */
	uint64_t auth_fail;	/* SRTP/SRTCP authentication failed */
	uint64_t replay;	/* libsrtp2's replay check */
	uint64_t unprotect_other;	/* another libsrtp2 refusal */
	uint64_t malformed;	/* not RTP/RTCP, or a bad event payload */
	uint64_t wrong_pt;	/* neither telephone-event nor PCMU */
	uint64_t events;	/* verified telephone-event packets */
	uint64_t pcmu;		/* verified PCMU packets (ignored) */
	uint64_t rtcp;		/* verified SRTCP packets (ignored) */
	uint64_t tx;		/* prompt packets sent */
	uint64_t tx_fail;	/* prompt packets the socket refused */
};

struct psd_media {
	int fd;			/* -1: closed */
	struct proto_addr addr;	/* bound; its port is the real one */
	/* unknown sources, and the counts of every ended call */
	struct psd_media_counts total;
};

/*
 * Bind a nonblocking UDP socket to @addr (port 0: any; m->addr then has
 * the one chosen). 0, or -1 with @why.
 */
int psd_media_open(struct psd_media *m, const struct proto_addr *addr,
		   char *why, size_t why_len);
void psd_media_close(struct psd_media *m);

/*
 * One datagram into @buf (@cap octets) and its source in @from: its
 * length, -1 when there is none now, -2 on another failure (errno).
 */
ssize_t psd_media_recv(struct psd_media *m, uint8_t *buf, size_t cap,
		       struct proto_addr *from);

/* Send @len octets to @to: 0, or -1 (errno). */
int psd_media_send(struct psd_media *m, const struct proto_addr *to,
		   const uint8_t *buf, size_t len);

/* Add @c to @sum. */
void psd_media_counts_add(struct psd_media_counts *sum,
			  const struct psd_media_counts *c);

/* "rx N, dropped: ..." for the log (no secret in it). */
void psd_media_counts_format(const struct psd_media_counts *c, char *buf,
			     size_t len);

#endif /* BTI_PSD_MEDIA_H */
