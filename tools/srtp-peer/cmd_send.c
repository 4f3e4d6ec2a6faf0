// SPDX-License-Identifier: GPL-2.0-only
/* cmd_send: send and plain-send, test packets through the impairer. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "commands.h"
#include "exit_code.h"
#include "impairer.h"
#include "packet_size.h"
#include "key_load.h"
#include "number_parse.h"
#include "pacer.h"
#include "rtcp_packet.h"
#include "srtcp_index.h"
#include "srtp_session.h"
#include "tx_stream.h"
#include "udp_socket.h"

#define SEND_COUNT_DEFAULT 100
#define RTP_PAYLOAD_DEFAULT 160

struct sender {
	int fd;
	const struct peer_addr *remote;
	struct pacer pacer;
	uint64_t send_errors;
};

/* The impairer's emit: one datagram, paced; errors are counted. */
static int emit(void *ctx, const uint8_t *pkt, size_t len, struct errbuf *e)
{
	struct sender *s = ctx;
	ssize_t n;

	(void)e;
	pacer_wait(&s->pacer);
	do
		n = sendto(s->fd, pkt, len, 0,
			   (const struct sockaddr *)&s->remote->ss,
			   s->remote->len);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)len)
		s->send_errors++;
	return 0;
}

/* The packets to send, as indexes; checks them against the limits. */
struct send_plan {
	bool rtcp;
	bool protect;
	uint64_t count;
	uint64_t first;
	uint64_t last;
	size_t payload_len;
};

static int plan(const struct peer_opts *o, bool protect, struct send_plan *p,
		struct errbuf *e)
{
	uint64_t limit;

	p->rtcp = opt_given(o, OPT_RTCP);
	p->protect = protect;
	p->count = opt_given(o, OPT_COUNT) ? o->count : SEND_COUNT_DEFAULT;
	if (opt_given(o, OPT_PAYLOAD_SIZE))
		p->payload_len = o->payload_size;
	else
		p->payload_len = p->rtcp ? 0 : RTP_PAYLOAD_DEFAULT;
	if (p->rtcp && p->payload_len > RTCP_APP_MAX)
		return errbuf_set(e, "--payload-size %zu: RTCP APP data is at most %d octets",
				  p->payload_len, RTCP_APP_MAX);
	if (p->rtcp) {
		if (opt_given(o, OPT_START_ROC))
			return errbuf_set(e, "--start-roc applies to RTP only");
		p->first = opt_given(o, OPT_START_SEQ) ? o->start_seq : 1;
		if (protect && p->first == 0)
			return errbuf_set(e, "--start-seq 0: SRTCP indexes start at 1 in libsrtp2");
		if (protect && p->first - 1 > SRTCP_SKIP_MAX)
			return errbuf_set(e, "--start-seq %" PRIu64 ": libsrtp2 cannot set the SRTCP index; srtp-peer skips at most %u",
					  p->first, SRTCP_SKIP_MAX);
		limit = protect ? SRTCP_INDEX_MAX : UINT32_MAX;
	} else {
		if (o->start_seq > 0xffff)
			return errbuf_set(e, "--start-seq %" PRIu64 ": an RTP sequence number is 0..65535",
					  o->start_seq);
		p->first = (uint64_t)o->start_roc << 16 | o->start_seq;
		limit = SRTP_INDEX_MAX;
	}
	if (p->count - 1 > limit - p->first)
		return errbuf_set(e, "--count %" PRIu64 " from %" PRIu64 " passes the largest %s index %" PRIu64,
				  p->count, p->first, p->rtcp ? "SRTCP" : "SRTP",
				  limit);
	p->last = p->first + p->count - 1;
	if (opt_given(o, OPT_REKEY_AT)) {
		if (o->rekey_at < p->first || o->rekey_at > p->last)
			return errbuf_set(e, "--rekey-at %" PRIu64 " is not one of the indexes sent (%" PRIu64 "..%" PRIu64 ")",
					  o->rekey_at, p->first, p->last);
		if (p->rtcp && o->rekey_at - 1 > SRTCP_SKIP_MAX)
			return errbuf_set(e, "--rekey-at %" PRIu64 ": SRTCP index too far for libsrtp2 (at most %u)",
					  o->rekey_at, SRTCP_SKIP_MAX + 1);
	}
	return 0;
}

/* old= must land left of the receiver's window, whatever flip= hit. */
static int check_old(const struct peer_opts *o, const struct send_plan *p,
		     struct errbuf *e)
{
	unsigned int window;

	if (!p->protect || o->impair.old == 0)
		return 0;
	window = p->rtcp ? SRTCP_WINDOW :
			   srtp_window_effective(o->window);
	if (p->count < o->impair.old + o->impair.flip + window)
		return errbuf_set(e, "impair: old=%" PRIu64 " needs --count >= old + flip + window = %" PRIu64,
				  o->impair.old,
				  o->impair.old + o->impair.flip + window);
	return 0;
}

static int open_socket(const struct peer_opts *o, struct errbuf *e)
{
	int family = address_family(&o->remote);

	if (opt_given(o, OPT_LOCAL) && address_family(&o->local) != family)
		return errbuf_set(e, "--local and --remote are of different address families");
	return udp_open(family, opt_given(o, OPT_LOCAL) ? &o->local : NULL, e);
}

static void print_summary(FILE *out, const char *mode,
			  const struct send_plan *p,
			  const struct impair_stats *st, uint64_t send_errors,
			  uint32_t roc, uint64_t seed)
{
	fprintf(out, "{\"mode\":\"%s\",\"packets\":%" PRIu64
		",\"sent\":%" PRIu64 ",\"duplicates\":%" PRIu64
		",\"flipped\":%" PRIu64 ",\"old\":%" PRIu64
		",\"send_errors\":%" PRIu64 ",\"first_index\":%" PRIu64
		",\"last_index\":%" PRIu64 ",\"roc\":%" PRIu32
		",\"seed\":%" PRIu64 "}\n",
		mode, st->packets, st->emitted, st->duplicates, st->flipped,
		st->old, send_errors, p->first, p->last, roc, seed);
}

int cmd_send(const struct peer_opts *o, bool protect, FILE *out, FILE *err)
{
	struct impair_spec spec = o->impair;
	struct peer_keys keys = { 0 };
	struct tx_stream tx = { 0 };
	struct sender s = { .fd = -1, .remote = &o->remote };
	struct impairer im = { 0 };
	struct send_plan p = { 0 };
	struct tx_stream_cfg cfg;
	uint8_t buf[PACKET_MAX];
	struct errbuf e = { "" };
	uint64_t i;
	int rc = PEER_EXIT_FAILURE;

	if (plan(o, protect, &p, &e) < 0 || check_old(o, &p, &e) < 0)
		goto out;
	if (!spec.has_seed &&
	    getrandom(&spec.seed, sizeof(spec.seed), 0) != sizeof(spec.seed)) {
		errbuf_set(&e, "getrandom: %s", strerror(errno));
		goto out;
	}
	if (protect) {
		rc = keys_load(o, &keys, err, &e);
		if (rc != PEER_EXIT_OK)
			goto out;
		rc = PEER_EXIT_FAILURE;
	}
	cfg = (struct tx_stream_cfg) {
		.km = protect ? &keys.km : NULL,
		.km2 = keys.have2 ? &keys.km2 : NULL,
		.rekey_at = o->rekey_at,
		.rtcp = p.rtcp,
		.ssrc = o->ssrc,
		.payload_len = p.payload_len,
	};
	if (tx_stream_init(&tx, &cfg, p.first, &e) < 0)
		goto out;
	keys_wipe(&keys);
	s.fd = open_socket(o, &e);
	if (s.fd < 0)
		goto out;
	pacer_init(&s.pacer, o->interval_us);
	if (impairer_init(&im, &spec, p.count, emit, &s, &e) < 0)
		goto out;
	for (i = p.first; i <= p.last; i++) {
		struct flip_area fa;
		size_t len;

		if (tx_stream_packet(&tx, i, buf, sizeof(buf), &len, &fa,
				     &e) < 0 ||
		    impairer_push(&im, buf, len, &fa, &e) < 0)
			goto out;
	}
	if (impairer_finish(&im, &e) < 0)
		goto out;
	print_summary(out, protect ? "send" : "plain-send", &p, &im.stats,
		      s.send_errors, tx_stream_roc(&tx), spec.seed);
	rc = PEER_EXIT_OK;
out:
	if (rc != PEER_EXIT_OK && e.msg[0])
		fprintf(err, "srtp-peer: %s\n", e.msg);
	keys_wipe(&keys);
	explicit_bzero(buf, sizeof(buf));
	impairer_free(&im);
	tx_stream_free(&tx);
	if (s.fd >= 0)
		close(s.fd);
	return rc;
}
