// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_relay: the userspace baseline of bti.ko. Plaintext RTP/RTCP in,
 * libsrtp2-protected out (or, --reverse, the other way), in batches of
 * recvmmsg()/sendmmsg().
 */
#define _GNU_SOURCE	/* recvmmsg(), sendmmsg() */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock_ns.h"
#include "commands.h"
#include "exit_code.h"
#include "packet_size.h"
#include "key_load.h"
#include "ready_file.h"
#include "rx_timeouts.h"
#include "srtp_session.h"
#include "stop_signal.h"
#include "udp_socket.h"

#define RELAY_BATCH_DEFAULT 32

struct relay_stats {
	uint64_t received;
	uint64_t forwarded;
	uint64_t auth_fail;
	uint64_t replay_fail;
	uint64_t other_fail;
	uint64_t send_errors;
	uint64_t first_ns;
	uint64_t last_ns;
};

struct relay {
	int fd;
	srtp_t ctx;
	bool reverse;
	bool rtcp;
	const struct peer_addr *remote;
	unsigned int batch;
	uint8_t *bufs;			/* batch * PACKET_MAX */
	struct iovec *iov_in;
	struct iovec *iov_out;
	struct mmsghdr *in;
	struct mmsghdr *out;
	struct relay_stats st;
};

static int relay_alloc(struct relay *r, struct errbuf *e)
{
	r->bufs = calloc(r->batch, PACKET_MAX);
	r->iov_in = calloc(r->batch, sizeof(*r->iov_in));
	r->iov_out = calloc(r->batch, sizeof(*r->iov_out));
	r->in = calloc(r->batch, sizeof(*r->in));
	r->out = calloc(r->batch, sizeof(*r->out));
	if (!r->bufs || !r->iov_in || !r->iov_out || !r->in || !r->out)
		return errbuf_set(e, "relay: out of memory");
	return 0;
}

static void relay_free(struct relay *r)
{
	if (r->bufs)
		explicit_bzero(r->bufs, (size_t)r->batch * PACKET_MAX);
	free(r->bufs);
	free(r->iov_in);
	free(r->iov_out);
	free(r->in);
	free(r->out);
}

/* Protect or unprotect one datagram in place; its new length or -1. */
static int transform(struct relay *r, uint8_t *pkt, int len)
{
	srtp_err_status_t st;

	if (r->reverse)
		st = r->rtcp ? srtp_unprotect_rtcp(r->ctx, pkt, &len) :
			       srtp_unprotect(r->ctx, pkt, &len);
	else
		st = r->rtcp ? srtp_protect_rtcp(r->ctx, pkt, &len) :
			       srtp_protect(r->ctx, pkt, &len);
	switch (srtp_verdict(st)) {
	case VERDICT_OK:
		return len;
	case VERDICT_AUTH:
		r->st.auth_fail++;
		break;
	case VERDICT_REPLAY:
	case VERDICT_REPLAY_OLD:
		r->st.replay_fail++;
		break;
	case VERDICT_OTHER:
		r->st.other_fail++;
		break;
	}
	return -1;
}

static void send_batch(struct relay *r, unsigned int n)
{
	unsigned int done = 0;

	while (done < n) {
		int k = sendmmsg(r->fd, r->out + done, n - done, 0);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			/* count the one that failed and go on after it */
			r->st.send_errors++;
			done++;
			continue;
		}
		r->st.forwarded += (unsigned int)k;
		done += (unsigned int)k;
	}
}

/* One recvmmsg() worth of datagrams; returns -1 on a socket error. */
static int relay_once(struct relay *r, unsigned int want)
{
	/* room for the SRTP trailer that protecting adds */
	size_t room = PACKET_MAX - SRTP_MAX_TRAILER_LEN;
	unsigned int i, nout = 0;
	int n;

	for (i = 0; i < want; i++) {
		r->iov_in[i].iov_base = r->bufs + (size_t)i * PACKET_MAX;
		r->iov_in[i].iov_len = room;
		memset(&r->in[i], 0, sizeof(r->in[i]));
		r->in[i].msg_hdr.msg_iov = &r->iov_in[i];
		r->in[i].msg_hdr.msg_iovlen = 1;
	}
	n = recvmmsg(r->fd, r->in, want, MSG_DONTWAIT, NULL);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ||
		       errno == EINTR ? 0 : -1;
	if (r->st.received == 0 && n > 0)
		r->st.first_ns = clock_ns();
	r->st.received += (unsigned int)n;
	for (i = 0; i < (unsigned int)n; i++) {
		uint8_t *pkt = r->iov_in[i].iov_base;
		int len;

		if (r->in[i].msg_hdr.msg_flags & MSG_TRUNC) {
			r->st.other_fail++;
			continue;
		}
		len = transform(r, pkt, (int)r->in[i].msg_len);
		if (len < 0)
			continue;
		r->iov_out[nout].iov_base = pkt;
		r->iov_out[nout].iov_len = (size_t)len;
		memset(&r->out[nout], 0, sizeof(r->out[nout]));
		r->out[nout].msg_hdr.msg_iov = &r->iov_out[nout];
		r->out[nout].msg_hdr.msg_iovlen = 1;
		r->out[nout].msg_hdr.msg_name = (void *)&r->remote->ss;
		r->out[nout].msg_hdr.msg_namelen = r->remote->len;
		nout++;
	}
	send_batch(r, nout);
	if (n > 0)
		r->st.last_ns = clock_ns();
	return 0;
}

static int relay_loop(struct relay *r, uint64_t count,
		      const struct rx_timeouts *t, struct errbuf *e)
{
	while (count == 0 || r->st.received < count) {
		uint64_t left = count ? count - r->st.received : r->batch;
		int ready;

		if (stop_signal_received())
			break;
		ready = udp_wait_readable(r->fd, rx_timeouts_current(t,
							r->st.received));
		if (ready < 0)
			return errbuf_set(e, "poll: %s", strerror(errno));
		if (ready == 0)
			break;
		if (relay_once(r, left < r->batch ? (unsigned int)left :
						    r->batch) < 0)
			return errbuf_set(e, "recvmmsg: %s", strerror(errno));
	}
	return 0;
}

static void print_summary(FILE *out, const struct relay *r)
{
	uint64_t ns = r->st.last_ns - r->st.first_ns;
	double pps = ns ? (double)r->st.received * 1e9 / (double)ns : 0.0;

	fprintf(out, "{\"mode\":\"relay\",\"direction\":\"%s\",\"rtcp\":%s"
		",\"received\":%" PRIu64 ",\"forwarded\":%" PRIu64
		",\"auth_fail\":%" PRIu64 ",\"replay_fail\":%" PRIu64
		",\"other_fail\":%" PRIu64 ",\"send_errors\":%" PRIu64
		",\"elapsed_ns\":%" PRIu64 ",\"pps\":%.0f}\n",
		r->reverse ? "unprotect" : "protect",
		r->rtcp ? "true" : "false", r->st.received, r->st.forwarded,
		r->st.auth_fail, r->st.replay_fail, r->st.other_fail,
		r->st.send_errors, ns, pps);
}

int cmd_relay(const struct peer_opts *o, FILE *out, FILE *err)
{
	struct peer_keys keys = { 0 };
	struct relay r = { .fd = -1 };
	struct srtp_session_cfg sc;
	struct peer_addr bound;
	struct rx_timeouts timeouts;
	struct errbuf e = { "" };
	int rc;

	r.reverse = opt_given(o, OPT_REVERSE);
	r.rtcp = opt_given(o, OPT_RTCP);
	r.remote = &o->remote;
	r.batch = o->batch ? o->batch : RELAY_BATCH_DEFAULT;
	rc = keys_load(o, &keys, err, &e);
	if (rc != PEER_EXIT_OK)
		goto out;
	rc = PEER_EXIT_FAILURE;
	if (address_family(&o->local) != address_family(&o->remote)) {
		errbuf_set(&e, "--local and --remote are of different address families");
		goto out;
	}
	sc = (struct srtp_session_cfg) {
		.km = &keys.km,
		.ssrc = o->ssrc,
		.window = o->window,
	};
	if (opt_given(o, OPT_SSRC))
		sc.kind = SESSION_SSRC_SPECIFIC;
	else
		sc.kind = r.reverse ? SESSION_SSRC_ANY_IN :
				      SESSION_SSRC_ANY_OUT;
	if (srtp_session_create(&r.ctx, &sc, &e) < 0)
		goto out;
	keys_wipe(&keys);
	if (relay_alloc(&r, &e) < 0)
		goto out;
	r.fd = udp_open(address_family(&o->local), &o->local, &e);
	if (r.fd < 0)
		goto out;
	if (o->ready_file && (udp_bound_address(r.fd, &bound, &e) < 0 ||
			      ready_file_write(o->ready_file, &bound, &e) < 0))
		goto out;
	stop_signal_install();
	rx_timeouts_from(o, &timeouts);
	if (relay_loop(&r, o->count, &timeouts, &e) < 0)
		goto out;
	print_summary(out, &r);
	rc = PEER_EXIT_OK;
out:
	if (rc != PEER_EXIT_OK && e.msg[0])
		fprintf(err, "srtp-peer: %s\n", e.msg);
	keys_wipe(&keys);
	relay_free(&r);
	if (r.ctx)
		srtp_dealloc(r.ctx);
	if (r.fd >= 0)
		close(r.fd);
	return rc;
}
