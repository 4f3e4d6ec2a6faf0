/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ready_file: tell a test driver that a receiver or relay is listening,
 * and where: its bound address ("127.0.0.1:40000", "[::1]:40000") and a
 * newline are written to PATH.tmp, then renamed to PATH, so the file
 * appears complete or not at all. With --local ADDR:0 this also hands
 * out the port the kernel chose.
 */
#ifndef SRTP_PEER_READY_FILE_H
#define SRTP_PEER_READY_FILE_H

#include "address.h"
#include "errbuf.h"

int ready_file_write(const char *path, const struct peer_addr *bound,
		     struct errbuf *e);

#endif /* SRTP_PEER_READY_FILE_H */
