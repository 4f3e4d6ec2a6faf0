// SPDX-License-Identifier: GPL-2.0-only
/* psd_fixture: the shared fixture of bti-psd's end-to-end tests. */
#define _GNU_SOURCE /* mkdtemp */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/crypto.h>

#include "pki_files.h"
#include "psd_fixture.h"
#include "test_pki.h"

#define DAY 86400

char psd_path[PATH_MAX];
char tmpdir[PSD_FIXTURE_TMPDIR_LEN];
char cert_path[PATH_MAX], key_path[PATH_MAX];
char store_path[PATH_MAX], store_key[PATH_MAX];
struct x509_trust *trust;
static int store_n;

static X509 *issue(EVP_PKEY *key, X509 *issuer, EVP_PKEY *signer, int ca)
{
	time_t t = time(NULL);
	struct test_pki_spec s = {
		.cn = ca ? "PSD Test Root" : "ps.psd.test",
		.key = key, .issuer = issuer, .signer = signer, .ca = ca,
		.not_before = t - DAY, .not_after = t + 365 * DAY,
		.key_usage = ca ? NULL : "critical,keyAgreement",
		.ext_key_usage = ca ? NULL : X509_PS_ROLE_OID,
	};

	return test_pki_issue(&s);
}

int psd_fixture_setup(const char *tmpl)
{
	EVP_PKEY *root_key = test_pki_key("ED25519");
	EVP_PKEY *ps_key = test_pki_key("X25519");
	X509 *root = issue(root_key, NULL, root_key, 1);
	X509 *leaf = issue(ps_key, root, root_key, 0);
	STACK_OF(X509) *chain = sk_X509_new_null();
	uint8_t *der;
	size_t len;
	char self[PATH_MAX - 16];
	ssize_t n;

	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	assert_true(n > 0);
	self[n] = '\0';
	*strrchr(self, '/') = '\0';
	snprintf(psd_path, sizeof(psd_path), "%s/../bti-psd", self);
	assert_true(strlen(tmpl) < sizeof(tmpdir));
	strcpy(tmpdir, tmpl);
	assert_non_null(mkdtemp(tmpdir));
	snprintf(cert_path, sizeof(cert_path), "%s/ps.pem", tmpdir);
	snprintf(key_path, sizeof(key_path), "%s/ps.key", tmpdir);
	snprintf(store_key, sizeof(store_key), "%s/store.key", tmpdir);
	assert_int_equal(pki_write_key(key_path, "key", ps_key, true, NULL), 0);
	assert_non_null(chain);
	assert_true(sk_X509_push(chain, leaf) > 0);
	assert_int_equal(pki_write_certs(cert_path, "cert", chain, true, NULL),
			 0);
	der = test_pki_der(root, &len);
	assert_int_equal(x509_trust_load_mem(der, len, &trust, NULL), 0);
	free(der);
	sk_X509_pop_free(chain, X509_free);
	X509_free(root);
	EVP_PKEY_free(root_key);
	EVP_PKEY_free(ps_key);
	return 0;
}

int psd_fixture_teardown(void)
{
	char cmd[PATH_MAX + 16];

	x509_trust_free(trust);
	trust = NULL;
	if (getenv("PSD_E2E_KEEP"))	/* the daemon logs, for a failure */
		return 0;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

void psd_fixture_new_store(void)
{
	snprintf(store_path, sizeof(store_path), "%s/store%d.db", tmpdir,
		 store_n++);
}

struct store *psd_fixture_store(void)
{
	struct store_config sc = {
		.location = store_path, .key_path = store_key, .create_key = 1,
	};
	struct store *st = NULL;

	assert_int_equal(store_open(&sc, &st, NULL), 0);
	return st;
}

void psd_fixture_orders(char numbers[][STORE_WO_NUMBER_LEN + 1],
			uint64_t *ids, int n)
{
	struct store_wo_new wo;
	struct store *st;

	psd_fixture_new_store();
	st = psd_fixture_store();
	assert_int_equal(store_account_create(st, "acct-1", "test", NULL), 0);
	for (int i = 0; i < n; i++) {
		assert_int_equal(store_wo_create(st, "acct-1", 0, "test", &wo,
						 NULL), 0);
		memcpy(numbers[i], wo.number, sizeof(wo.number));
		if (ids)
			ids[i] = wo.id;
	}
	OPENSSL_cleanse(&wo, sizeof(wo));
	store_close(st);
}

int psd_fixture_connect(uint16_t port, const char *src)
{
	struct sockaddr_in dst = { .sin_family = AF_INET };
	struct timeval tv = { 5, 0 };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	if (src) {
		struct sockaddr_in s = { .sin_family = AF_INET };

		assert_int_equal(inet_pton(AF_INET, src, &s.sin_addr), 1);
		assert_int_equal(bind(fd, (struct sockaddr *)&s, sizeof(s)), 0);
	}
	dst.sin_port = htons(port);
	inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	assert_int_equal(connect(fd, (struct sockaddr *)&dst, sizeof(dst)), 0);
	return fd;
}

static int read_full(int fd, uint8_t *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = recv(fd, buf + got, len - got, 0);

		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

size_t psd_fixture_read_frame(int fd, uint8_t buf[PROTO_MAX_FRAME])
{
	size_t len;

	if (read_full(fd, buf, PROTO_HDR_LEN))
		return 0;
	len = PROTO_HDR_LEN + ((size_t)buf[2] << 8 | buf[3]);
	if (len > PROTO_MAX_FRAME || read_full(fd, buf + PROTO_HDR_LEN,
					       len - PROTO_HDR_LEN))
		return 0;
	return len;
}
