/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psd_fixture: what the end-to-end tests of bti-psd share: a temporary
 * folder, a test PKI (an Ed25519 root and an X25519 PS leaf with the
 * provisioning role, written as the daemon's --cert and --key; the root
 * as the BTI's trust anchor), the path of the daemon built next to the
 * test, fresh SQLite stores, and TCP helpers for the BTI side.
 */
#ifndef BTI_PSD_FIXTURE_H
#define BTI_PSD_FIXTURE_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "proto_frame.h"
#include "store.h"
#include "x509_verify.h"

extern char psd_path[PATH_MAX];		/* ../bti-psd of the test */
#define PSD_FIXTURE_TMPDIR_LEN 64
extern char tmpdir[PSD_FIXTURE_TMPDIR_LEN];	/* "/tmp/NAME-XXXXXX" made */
extern char cert_path[PATH_MAX], key_path[PATH_MAX];
extern char store_path[PATH_MAX], store_key[PATH_MAX];
extern struct x509_trust *trust;	/* the test root */

/*
 * The group setup: tmpdir from @tmpl ("/tmp/NAME-XXXXXX"), the PKI and
 * its files. 0, or fails the test.
 */
int psd_fixture_setup(const char *tmpl);
/* Free the trust; remove tmpdir unless PSD_E2E_KEEP is set. */
int psd_fixture_teardown(void);

/* Point store_path at a new file (the next store%d.db of tmpdir). */
void psd_fixture_new_store(void);
/* Open store_path (its key made if need be). */
struct store *psd_fixture_store(void);
/*
 * A new store (psd_fixture_new_store()) with the account "acct-1" and
 * @n work orders: their numbers into @numbers (secret: the caller wipes
 * them) and, when @ids is not NULL, their ids.
 */
void psd_fixture_orders(char numbers[][STORE_WO_NUMBER_LEN + 1],
			uint64_t *ids, int n);

/* TCP to 127.0.0.1:@port from @src (NULL: any); 5 s receive timeout. */
int psd_fixture_connect(uint16_t port, const char *src);
/* One frame into @buf: its length, or 0 at EOF / error / timeout. */
size_t psd_fixture_read_frame(int fd, uint8_t buf[PROTO_MAX_FRAME]);

#endif /* BTI_PSD_FIXTURE_H */
