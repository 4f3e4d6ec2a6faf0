// SPDX-License-Identifier: GPL-2.0-only
/* psadm_tmp: temporary directory and files of a test (psadm_tmp.h). */
#include "psadm_tmp.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <openssl/pem.h>

int psadm_tmp_setup(void **state)
{
	struct psadm_tmp *t = calloc(1, sizeof(*t));

	if (!t)
		return -1;
	strcpy(t->dir, "/tmp/bti-psadm-test-XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	*state = t;
	return 0;
}

int psadm_tmp_teardown(void **state)
{
	struct psadm_tmp *t = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	if (system(cmd) != 0)
		return -1;
	free(t);
	return 0;
}

const char *psadm_tmp_path(struct psadm_tmp *t, const char *name)
{
	char *p = t->path[t->next++ % 16], buf[sizeof(t->path[0])];

	snprintf(buf, sizeof(buf), "%s/%s", t->dir, name);
	memcpy(p, buf, sizeof(buf));
	return p;
}

void psadm_tmp_write(const char *path, const void *data, size_t len,
		     mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, data, len) != (ssize_t)len ||
	    fchmod(fd, mode) < 0 || close(fd) < 0)
		fail_msg("cannot write %s", path);
}

static void write_bio(const char *path, BIO *bio, mode_t mode)
{
	char *data;
	long len = BIO_get_mem_data(bio, &data);

	psadm_tmp_write(path, data, (size_t)len, mode);
	BIO_free(bio);
}

void psadm_tmp_write_certs(const char *path, X509 *const *x, size_t n)
{
	BIO *bio = BIO_new(BIO_s_mem());
	size_t i;

	for (i = 0; i < n; i++)
		if (!bio || !PEM_write_bio_X509(bio, x[i]))
			fail_msg("PEM of a certificate for %s", path);
	write_bio(path, bio, 0644);
}

void psadm_tmp_write_key(const char *path, EVP_PKEY *key)
{
	BIO *bio = BIO_new(BIO_s_mem());

	if (!bio || !PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL,
					      NULL))
		fail_msg("PEM of a key for %s", path);
	write_bio(path, bio, 0600);
}

char *psadm_tmp_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(65536 + 1);
	size_t n;

	if (!f || !buf)
		fail_msg("cannot read %s", path);
	n = fread(buf, 1, 65536, f);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

mode_t psadm_tmp_mode(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		fail_msg("no file %s", path);
	return st.st_mode & 07777;
}

STACK_OF(X509) *psadm_tmp_load_certs(const char *path)
{
	STACK_OF(X509) *sk = sk_X509_new_null();
	BIO *bio = BIO_new_file(path, "r");
	X509 *x;

	if (!sk || !bio)
		fail_msg("cannot open %s", path);
	while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)))
		sk_X509_push(sk, x);
	BIO_free(bio);
	if (sk_X509_num(sk) == 0)
		fail_msg("no certificate in %s", path);
	return sk;
}

EVP_PKEY *psadm_tmp_load_key(const char *path)
{
	BIO *bio = BIO_new_file(path, "r");
	EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) :
		NULL;

	BIO_free(bio);
	if (!key)
		fail_msg("no private key in %s", path);
	return key;
}
