// SPDX-License-Identifier: GPL-2.0-only
/* cmd_recv: recv and plain-recv, count and check the test packets. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock_ns.h"
#include "commands.h"
#include "exit_code.h"
#include "packet_size.h"
#include "key_load.h"
#include "ready_file.h"
#include "rtcp_packet.h"
#include "rx_stream.h"
#include "rx_timeouts.h"
#include "stop_signal.h"
#include "udp_socket.h"

#define RTP_PAYLOAD_DEFAULT 160

/* Read what is queued on @fd; returns -1 on a socket error. */
static int drain(int fd, struct rx_stream *r, uint64_t count, uint8_t *buf,
		 size_t cap)
{
	while (count == 0 || r->sum.received < count) {
		ssize_t n = recv(fd, buf, cap, MSG_DONTWAIT | MSG_TRUNC);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		if (r->sum.received == 0)
			r->sum.first_ns = clock_ns();
		if ((size_t)n > cap) {
			r->sum.received++;
			r->sum.other_fail++;	/* too long for any test packet */
			continue;
		}
		rx_stream_datagram(r, buf, (size_t)n);
	}
	return 0;
}

static int receive_loop(int fd, struct rx_stream *r, uint64_t count,
			const struct rx_timeouts *t, struct errbuf *e)
{
	uint8_t buf[PACKET_MAX];

	while (count == 0 || r->sum.received < count) {
		int ready;

		if (stop_signal_received())
			break;
		ready = udp_wait_readable(fd, rx_timeouts_current(t,
							r->sum.received));
		if (ready < 0)
			return errbuf_set(e, "poll: %s", strerror(errno));
		if (ready == 0) {
			if (stop_signal_received())
				break;
			/* silence: the normal end without --count */
			r->sum.timed_out = count != 0;
			break;
		}
		if (drain(fd, r, count, buf, sizeof(buf)) < 0)
			return errbuf_set(e, "recv: %s", strerror(errno));
		if (r->sum.received)
			r->sum.last_ns = clock_ns();
	}
	explicit_bzero(buf, sizeof(buf));
	return 0;
}

int cmd_recv(const struct peer_opts *o, bool protect, FILE *out, FILE *err)
{
	struct peer_keys keys = { 0 };
	struct rx_stream r = { 0 };
	struct rx_stream_cfg cfg;
	struct peer_addr bound;
	struct rx_timeouts timeouts;
	struct errbuf e = { "" };
	bool rtcp = opt_given(o, OPT_RTCP);
	int fd = -1, rc = PEER_EXIT_FAILURE;
	size_t payload_len;

	if (opt_given(o, OPT_PAYLOAD_SIZE))
		payload_len = o->payload_size;
	else
		payload_len = rtcp ? 0 : RTP_PAYLOAD_DEFAULT;
	if (rtcp && payload_len > RTCP_APP_MAX) {
		errbuf_set(&e, "--payload-size %zu: RTCP APP data is at most %d octets",
			   payload_len, RTCP_APP_MAX);
		goto out;
	}
	if (rtcp && opt_given(o, OPT_START_ROC)) {
		errbuf_set(&e, "--start-roc applies to RTP only");
		goto out;
	}
	if (protect) {
		rc = keys_load(o, &keys, err, &e);
		if (rc != PEER_EXIT_OK)
			goto out;
		rc = PEER_EXIT_FAILURE;
	}
	cfg = (struct rx_stream_cfg) {
		.km = protect ? &keys.km : NULL,
		.km2 = keys.have2 ? &keys.km2 : NULL,
		.rekey_at = o->rekey_at,
		.rtcp = rtcp,
		.ssrc = o->ssrc,
		.payload_len = payload_len,
		.window = o->window,
		.start_roc = o->start_roc,
	};
	if (rx_stream_init(&r, &cfg, &e) < 0)
		goto out;
	keys_wipe(&keys);
	fd = udp_open(address_family(&o->local), &o->local, &e);
	if (fd < 0)
		goto out;
	if (o->ready_file && (udp_bound_address(fd, &bound, &e) < 0 ||
			      ready_file_write(o->ready_file, &bound, &e) < 0))
		goto out;
	stop_signal_install();
	rx_timeouts_from(o, &timeouts);
	if (receive_loop(fd, &r, o->count, &timeouts, &e) < 0)
		goto out;
	rx_stream_finish(&r);
	rx_summary_print(out, protect ? "recv" : "plain-recv", &r.sum);
	rc = PEER_EXIT_OK;
out:
	if (rc != PEER_EXIT_OK && e.msg[0])
		fprintf(err, "srtp-peer: %s\n", e.msg);
	keys_wipe(&keys);
	rx_stream_free(&r);
	if (fd >= 0)
		close(fd);
	return rc;
}
