/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * errbuf: the one-line message a failing function leaves for its caller,
 * who decides where (and whether) it is printed.
 */
#ifndef SRTP_PEER_ERRBUF_H
#define SRTP_PEER_ERRBUF_H

#define ERRBUF_LEN 256

struct errbuf {
	char msg[ERRBUF_LEN];
};

/* Set the message (printf format); always returns -1 for "return fail". */
int errbuf_set(struct errbuf *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* SRTP_PEER_ERRBUF_H */
