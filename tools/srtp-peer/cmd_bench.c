// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_bench: libsrtp2's own cost per packet, the baseline of "make bench".
 * Batches of packets go through srtp_protect (timed), then through
 * srtp_unprotect (timed apart); building and checking packets is not
 * timed, nor is a first batch that warms up.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "be.h"
#include "clock_ns.h"
#include "commands.h"
#include "exit_code.h"
#include "packet_size.h"
#include "key_file.h"
#include "payload.h"
#include "rtp_packet.h"
#include "srtp_session.h"

#define BENCH_SIZE_DEFAULT 172
#define BENCH_ITERATIONS_DEFAULT 100000
#define BENCH_BATCH 64
#define BENCH_SSRC 0x62746921u

struct bench {
	bool rtcp;
	size_t size;
	srtp_t tx;
	srtp_t rx;
	uint8_t *bufs;			/* BENCH_BATCH * PACKET_MAX */
	int lens[BENCH_BATCH];
	uint64_t protect_ns;
	uint64_t unprotect_ns;
};

/* An RTCP RR without report blocks, the rest as profile extension. */
static void build_rtcp(uint8_t *p, size_t size, uint32_t n)
{
	p[0] = 0x80;
	p[1] = 201;
	be16_put(p + 2, (uint16_t)(size / 4 - 1));
	be32_put(p + 4, BENCH_SSRC);
	payload_fill(p + 8, size - 8, BENCH_SSRC, n);
}

static void build(struct bench *b, unsigned int n, uint64_t first)
{
	unsigned int j;

	for (j = 0; j < n; j++) {
		uint8_t *p = b->bufs + (size_t)j * PACKET_MAX;

		if (b->rtcp)
			build_rtcp(p, b->size, (uint32_t)(first + j));
		else
			rtp_packet_build(p, PACKET_MAX, BENCH_SSRC,
					 (uint16_t)(first + j),
					 b->size - RTP_HEADER_LEN);
		b->lens[j] = (int)b->size;
	}
}

static int run_batch(struct bench *b, unsigned int n, uint64_t first,
		     struct errbuf *e)
{
	srtp_err_status_t st = srtp_err_status_ok;
	uint64_t t0, t1, t2;
	unsigned int j;

	build(b, n, first);
	t0 = clock_ns();
	for (j = 0; j < n && st == srtp_err_status_ok; j++) {
		uint8_t *p = b->bufs + (size_t)j * PACKET_MAX;

		st = b->rtcp ? srtp_protect_rtcp(b->tx, p, &b->lens[j]) :
			       srtp_protect(b->tx, p, &b->lens[j]);
	}
	t1 = clock_ns();
	if (st != srtp_err_status_ok)
		return errbuf_set(e, "libsrtp2: protect: %s",
				  srtp_status_name(st));
	for (j = 0; j < n && st == srtp_err_status_ok; j++) {
		uint8_t *p = b->bufs + (size_t)j * PACKET_MAX;

		st = b->rtcp ? srtp_unprotect_rtcp(b->rx, p, &b->lens[j]) :
			       srtp_unprotect(b->rx, p, &b->lens[j]);
	}
	t2 = clock_ns();
	if (st != srtp_err_status_ok)
		return errbuf_set(e, "libsrtp2: unprotect: %s",
				  srtp_status_name(st));
	for (j = 0; j < n; j++)
		if ((size_t)b->lens[j] != b->size)
			return errbuf_set(e, "unprotect gave %d octets, not %zu",
					  b->lens[j], b->size);
	b->protect_ns += t1 - t0;
	b->unprotect_ns += t2 - t1;
	return 0;
}

static int open_sessions(struct bench *b, const struct suite *su,
			 struct errbuf *e)
{
	struct key_material km = { .suite = su };
	struct srtp_session_cfg sc = {
		.km = &km,
		.kind = SESSION_SSRC_SPECIFIC,
		.ssrc = BENCH_SSRC,
	};
	size_t len = su->key_len + su->salt_len;
	int rc;

	if (getrandom(km.key_salt, len, 0) != (ssize_t)len) {
		key_material_wipe(&km);
		return errbuf_set(e, "getrandom: %s", strerror(errno));
	}
	rc = srtp_session_create(&b->tx, &sc, e);
	if (rc == 0)
		rc = srtp_session_create(&b->rx, &sc, e);
	key_material_wipe(&km);
	return rc;
}

int cmd_bench(const struct peer_opts *o, FILE *out, FILE *err)
{
	struct bench b = { 0 };
	struct errbuf e = { "" };
	uint64_t iterations, done = 0;
	int rc = PEER_EXIT_FAILURE;

	b.rtcp = opt_given(o, OPT_RTCP);
	b.size = opt_given(o, OPT_SIZE) ? o->size : BENCH_SIZE_DEFAULT;
	iterations = opt_given(o, OPT_ITERATIONS) ? o->iterations :
						    BENCH_ITERATIONS_DEFAULT;
	if (b.rtcp && (b.size < 8 || b.size % 4 != 0)) {
		errbuf_set(&e, "--size %zu: an RTCP packet is a multiple of 4 octets, at least 8",
			   b.size);
		goto out;
	}
	b.bufs = calloc(BENCH_BATCH, PACKET_MAX);
	if (!b.bufs) {
		errbuf_set(&e, "out of memory");
		goto out;
	}
	if (open_sessions(&b, o->suite, &e) < 0)
		goto out;
	/* RTCP numbers from 1, like the SRTCP index; a first batch warms
	 * up (caches, and the code translation of an emulator) uncounted */
	if (run_batch(&b, BENCH_BATCH, b.rtcp ? 1 : 0, &e) < 0)
		goto out;
	b.protect_ns = 0;
	b.unprotect_ns = 0;
	while (done < iterations) {
		uint64_t left = iterations - done;
		unsigned int n = left < BENCH_BATCH ? (unsigned int)left :
						      BENCH_BATCH;

		if (run_batch(&b, n, BENCH_BATCH + done + (b.rtcp ? 1 : 0),
			      &e) < 0)
			goto out;
		done += n;
	}
	fprintf(out, "{\"mode\":\"bench\",\"suite\":\"%s\",\"rtcp\":%s"
		",\"size\":%zu,\"iterations\":%" PRIu64
		",\"protect_ns_per_packet\":%.1f"
		",\"unprotect_ns_per_packet\":%.1f,\"libsrtp\":\"%s\"}\n",
		o->suite->name, b.rtcp ? "true" : "false", b.size, iterations,
		(double)b.protect_ns / (double)iterations,
		(double)b.unprotect_ns / (double)iterations,
		srtp_get_version_string());
	rc = PEER_EXIT_OK;
out:
	if (rc != PEER_EXIT_OK && e.msg[0])
		fprintf(err, "srtp-peer: %s\n", e.msg);
	if (b.tx)
		srtp_dealloc(b.tx);
	if (b.rx)
		srtp_dealloc(b.rx);
	free(b.bufs);
	return rc;
}
