// SPDX-License-Identifier: GPL-2.0-only
/*
 * gcd_server: listening sockets, connections and the event loop of
 * bti-gcd (see gcd_server.h).
 */
#define _GNU_SOURCE /* accept4, ppoll */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "daemon_net.h"
#include "gcd_addr.h"
#include "gcd_answer.h"
#include "gcd_log.h"
#include "gcd_server.h"
#include "proto_names.h"

enum conn_state {
	CONN_READ,	/* waiting for the SETUP */
	CONN_WRITE,	/* the answer is being sent */
	CONN_DRAIN,	/* answered; waiting for the peer to close */
};

struct conn {
	int fd;
	enum conn_state state;
	uint64_t deadline;		/* ms of the monotonic clock */
	uint8_t in[GCD_MAX_SETUP_FRAME];
	size_t in_len, need;		/* octets read; octets wanted */
	struct gcd_answer ans;
	size_t sent;
	struct rate_key key;
	char peer[GCD_ADDR_STR_MAX];
};

struct gcd_server {
	const struct gcd_config *cfg;
	int lfd[GCD_MAX_LISTEN];
	size_t n_lfd;
	uint16_t port;
	struct gcd_router router;
	struct conn **conns;		/* the open ones, in no order */
	size_t n_conns;
	size_t nl;			/* listeners polled this round */
	struct pollfd *pfd;
};

/* 0, 1 when an IPv6 socket cannot exist here (skipped), or -1. */
static int open_listener(struct gcd_server *s, struct sockaddr_storage *ss,
			 socklen_t len, bool may_skip, char *why,
			 size_t why_len)
{
	char name[GCD_ADDR_STR_MAX];
	const char *step;
	uint16_t bound;
	int fd = daemon_listen(ss, len, s->port, &bound, &step);

	if (fd < 0) {
		int e = errno;

		gcd_addr_format_sa((struct sockaddr *)ss, len, name,
				   sizeof(name));
		if (may_skip && ss->ss_family == AF_INET6 &&
		    (e == EAFNOSUPPORT || e == EADDRNOTAVAIL)) {
			gcd_log(LOG_WARNING, "no IPv6 on this host: not listening on %s",
				name);
			return 1;
		}
		snprintf(why, why_len, "cannot listen on %s: %s: %s", name,
			 step, strerror(e));
		return -1;
	}
	s->port = bound;
	gcd_addr_format_sa((struct sockaddr *)ss, len, name, sizeof(name));
	s->lfd[s->n_lfd++] = fd;
	gcd_log(LOG_INFO, "listening on %s", name);
	return 0;
}

static int open_listeners(struct gcd_server *s, char *why, size_t why_len)
{
	const struct gcd_config *c = s->cfg;
	struct sockaddr_storage ss;
	socklen_t len;

	s->port = c->port;
	if (c->n_listen == 0) {
		/* IPv6 first: with port 0 it picks the port IPv4 reuses. */
		gcd_addr_parse_listen("::", &ss, &len, why, why_len);
		if (open_listener(s, &ss, len, true, why, why_len) < 0)
			return -1;
		gcd_addr_parse_listen("0.0.0.0", &ss, &len, why, why_len);
		return open_listener(s, &ss, len, false, why, why_len) < 0 ?
		       -1 : 0;
	}
	for (size_t i = 0; i < c->n_listen; i++) {
		ss = c->listen[i];
		if (open_listener(s, &ss, c->listen_len[i], false, why,
				  why_len) < 0)
			return -1;
	}
	return 0;
}

struct gcd_server *gcd_server_new(const struct gcd_config *c, char *why,
				  size_t why_len)
{
	uint8_t hash_key[SIPHASH_KEY_LEN];
	struct gcd_server *s = calloc(1, sizeof(*s));

	if (!s) {
		snprintf(why, why_len, "out of memory");
		return NULL;
	}
	s->cfg = c;
	s->router.ps = c->ps;
	s->router.n_ps = c->n_ps;
	if (getrandom(hash_key, sizeof(hash_key), 0) != sizeof(hash_key)) {
		snprintf(why, why_len, "getrandom: %s", strerror(errno));
		goto fail;
	}
	s->router.rate = rate_limit_new(&c->rate, hash_key);
	if (!s->router.rate) {
		snprintf(why, why_len, "rate table of %u sources: %s",
			 c->rate.capacity, strerror(errno));
		goto fail;
	}
	s->conns = calloc(c->max_conns, sizeof(*s->conns));
	s->pfd = calloc(GCD_MAX_LISTEN + c->max_conns, sizeof(*s->pfd));
	if (!s->conns || !s->pfd) {
		snprintf(why, why_len, "out of memory for %u connections",
			 c->max_conns);
		goto fail;
	}
	if (open_listeners(s, why, why_len) < 0)
		goto fail;
	return s;
fail:
	gcd_server_free(s);
	return NULL;
}

uint16_t gcd_server_port(const struct gcd_server *s)
{
	return s->port;
}

static void conn_close(struct gcd_server *s, size_t i)
{
	close(s->conns[i]->fd);
	free(s->conns[i]);
	s->conns[i] = s->conns[--s->n_conns];
}

static void conn_log(const struct conn *c)
{
	const struct gcd_answer *a = &c->ans;
	char ps[GCD_ADDR_STR_MAX], setup[64] = "";

	if (a->number[0])
		snprintf(setup, sizeof(setup), "SETUP %s ", a->number);
	if (a->code == PROTO_CODE_NONE) {
		gcd_log(LOG_INFO, "%s: %s-> SETUP_ACK %s", c->peer, setup,
			gcd_addr_format_ps(&a->ps, ps, sizeof(ps)));
	} else if (a->has_retry_after) {
		gcd_log(LOG_NOTICE, "%s: %s-> %s, retry after %u s", c->peer,
			setup, proto_code_name(a->code), a->retry_after);
	} else {
		gcd_log(LOG_NOTICE, "%s: %s-> %s%s%s", c->peer, setup,
			proto_code_name(a->code), a->detail[0] ? ": " : "",
			a->detail);
	}
}

/* The answer is decided: log it and start sending it. */
static void conn_answer(struct conn *c, uint64_t now)
{
	conn_log(c);
	c->state = CONN_WRITE;
	c->sent = 0;
	c->deadline = now + GCD_LINGER_MS;
}

static void accept_all(struct gcd_server *s, int lfd, uint64_t now)
{
	while (s->n_conns < s->cfg->max_conns) {
		struct sockaddr_storage ss;
		socklen_t len;
		struct conn *c;
		int fd = daemon_accept(lfd, &ss, &len);

		if (fd < 0) {
			if (fd == -2)
				gcd_log(LOG_WARNING, "accept: %s",
					strerror(errno));
			return;
		}
		c = calloc(1, sizeof(*c));
		if (!c) {
			gcd_log(LOG_WARNING, "out of memory: connection dropped");
			close(fd);
			return;
		}
		c->fd = fd;
		c->state = CONN_READ;
		c->need = PROTO_HDR_LEN;
		c->deadline = now + s->cfg->reply_ms;
		gcd_addr_format_sa((struct sockaddr *)&ss, len, c->peer,
				   sizeof(c->peer));
		if (rate_key_from_sockaddr((struct sockaddr *)&ss, len,
					   &c->key)) {
			gcd_log(LOG_WARNING, "%s: unknown address family",
				c->peer);
			close(fd);
			free(c);
			continue;
		}
		s->conns[s->n_conns++] = c;
	}
}

/* Read what is there; false when the connection is to be closed. */
static bool conn_read(struct gcd_server *s, struct conn *c, uint64_t now)
{
	while (c->state == CONN_READ) {
		ssize_t n = recv(c->fd, c->in + c->in_len, c->need - c->in_len,
				 0);

		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK ||
			    errno == EINTR)
				return true;
			gcd_log(LOG_NOTICE, "%s: %s before a whole SETUP",
				c->peer, strerror(errno));
			return false;
		}
		if (n == 0) {
			if (c->in_len == 0) {
				gcd_log(LOG_NOTICE, "%s: closed without sending a frame",
					c->peer);
				return false;
			}
			gcd_answer_error(&c->ans, PROTO_CODE_MALFORMED, 0, 0);
			snprintf(c->ans.detail, sizeof(c->ans.detail),
				 "truncated: connection closed after %zu of %zu octets",
				 c->in_len, c->need);
			conn_answer(c, now);
			return true;
		}
		c->in_len += (size_t)n;
		if (c->in_len < c->need)
			continue;
		if (c->in_len == PROTO_HDR_LEN && c->need == PROTO_HDR_LEN) {
			if (gcd_answer_header(c->in, &c->need, &c->ans) < 0) {
				conn_answer(c, now);
				return true;
			}
			if (c->need > c->in_len)
				continue;
		}
		gcd_answer_setup(&s->router, &c->key, now, c->in, c->in_len,
				 &c->ans);
		conn_answer(c, now);
	}
	return true;
}

static bool conn_write(struct conn *c, uint64_t now)
{
	if (!daemon_send(c->fd, c->ans.frame, c->ans.len, &c->sent)) {
		gcd_log(LOG_NOTICE, "%s: answer not sent: %s", c->peer,
			strerror(errno));
		return false;
	}
	if (c->sent < c->ans.len)
		return true;
	/* Closing with unread input would reset the connection and could
	 * destroy the answer in flight: half-close, then drain.
	 */
	shutdown(c->fd, SHUT_WR);
	c->state = CONN_DRAIN;
	c->deadline = now + GCD_LINGER_MS;
	return true;
}

/* One step of connection @c; false when it is to be closed. */
static bool conn_step(struct gcd_server *s, struct conn *c, short revents,
		      uint64_t now)
{
	if (c->state == CONN_READ && (revents & (POLLIN | POLLHUP | POLLERR))) {
		if (!conn_read(s, c, now))
			return false;
	}
	if (c->state == CONN_READ && now >= c->deadline) {
		gcd_answer_error(&c->ans, PROTO_CODE_TIMEOUT, 0, 0);
		snprintf(c->ans.detail, sizeof(c->ans.detail),
			 "no whole SETUP within %llu ms (%zu octets)",
			 (unsigned long long)s->cfg->reply_ms, c->in_len);
		conn_answer(c, now);
	}
	if (c->state == CONN_WRITE) {
		if (!conn_write(c, now))
			return false;
		if (c->state == CONN_WRITE && now >= c->deadline) {
			gcd_log(LOG_NOTICE, "%s: answer not taken within %d ms",
				c->peer, GCD_LINGER_MS);
			return false;
		}
	}
	if (c->state == CONN_DRAIN) {
		if ((revents & (POLLIN | POLLHUP | POLLERR)) && !daemon_drain(c->fd))
			return false;
		if (now >= c->deadline)
			return false;
	}
	return true;
}

static short conn_events(const struct conn *c)
{
	return c->state == CONN_WRITE ? POLLOUT : POLLIN;
}

/* What ppoll watches: the listeners while there is room, then the
 * connections (pfd[s->nl + i] is conns[i]).
 */
static size_t fill(void *arg, struct pollfd *pfd, uint64_t *next)
{
	struct gcd_server *s = arg;
	size_t np = 0;

	s->nl = s->n_conns < s->cfg->max_conns ? s->n_lfd : 0;
	for (size_t i = 0; i < s->nl; i++)
		pfd[np++] = (struct pollfd){ s->lfd[i], POLLIN, 0 };
	for (size_t i = 0; i < s->n_conns; i++) {
		pfd[np++] = (struct pollfd){
			s->conns[i]->fd, conn_events(s->conns[i]), 0,
		};
		if (s->conns[i]->deadline < *next)
			*next = s->conns[i]->deadline;
	}
	return np;
}

static void dispatch(void *arg, int n, uint64_t now)
{
	struct gcd_server *s = arg;

	/* Connections first, walking backwards so that a close (which
	 * moves the last one into the gap) does not disturb the rest.
	 */
	for (size_t i = s->n_conns; i-- > 0;) {
		short rev = n > 0 ? s->pfd[s->nl + i].revents : 0;

		if (!conn_step(s, s->conns[i], rev, now))
			conn_close(s, i);
	}
	for (size_t i = 0; i < s->nl; i++)
		if (n > 0 && (s->pfd[i].revents & POLLIN))
			accept_all(s, s->lfd[i], now);
}

int gcd_server_run(struct gcd_server *s, int (*stop)(void),
		   const sigset_t *wait_mask)
{
	return daemon_loop(stop, wait_mask, s->pfd, fill, dispatch, s);
}

void gcd_server_free(struct gcd_server *s)
{
	if (!s)
		return;
	while (s->n_conns)
		conn_close(s, s->n_conns - 1);
	for (size_t i = 0; i < s->n_lfd; i++)
		close(s->lfd[i]);
	rate_limit_free(s->router.rate);
	free(s->conns);
	free(s->pfd);
	free(s);
}
