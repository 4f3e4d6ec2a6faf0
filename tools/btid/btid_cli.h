/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * btid_cli: btid's command line (Documentation/btid.8): provision,
 * status, rekey, --help, --version. btid_main() is the whole program,
 * writing to @out and @errf, so that the tests run it in process.
 * Exit status: 0 success, 1 failure, 2 usage error.
 */
#ifndef BTI_BTID_CLI_H
#define BTI_BTID_CLI_H

#include <stdio.h>

#include <sys/socket.h>

#include "lib_error.h"

int btid_main(int argc, char **argv, FILE *out, FILE *errf);

/* "HOST:PORT" or "[V6]:PORT" to a socket address (numeric or a name). */
int btid_parse_hostport(const char *s, struct sockaddr_storage *ss,
			socklen_t *len, struct lib_error *err);

#endif /* BTI_BTID_CLI_H */
