/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pg_cluster: a throwaway PostgreSQL server for the store's tests:
 * initdb into a temporary directory, pg_ctl start with its unix socket
 * in that directory and no TCP listener, stop and remove at the end.
 * PostgreSQL refuses to run as root, so when the tests run as root the
 * server runs as the "postgres" system user. No server is an error.
 */
#ifndef BTI_STORE_TESTS_PG_CLUSTER_H
#define BTI_STORE_TESTS_PG_CLUSTER_H

#include <stddef.h>

struct pg_cluster {
	char dir[64];		/* data, socket, logs */
	char bindir[256];	/* initdb, pg_ctl */
	char conninfo[256];	/* "host=<dir> dbname=postgres user=..." */
	int started;
};

/* 0, or -1 with the reason in @msg. */
int pg_cluster_start(struct pg_cluster *c, char *msg, size_t cap);
void pg_cluster_stop(struct pg_cluster *c);

#endif /* BTI_STORE_TESTS_PG_CLUSTER_H */
