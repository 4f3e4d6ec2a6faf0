// SPDX-License-Identifier: GPL-2.0-only
/* pki_files: key and certificate files (see pki_files.h). */
/* memmem() */
#define _GNU_SOURCE
#include "pki_files.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "state_file.h"

const char *pki_key_type(const EVP_PKEY *key)
{
	const char *name = key ? EVP_PKEY_get0_type_name(key) : NULL;

	return name ? name : "unknown";
}

#define STATE_PREFIX	"state file "

/* Never ask for a passphrase: an encrypted key is refused. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

static int begins_with(const unsigned char *p, size_t len, const char *s)
{
	size_t n = strlen(s);

	return len >= n && memcmp(p, s, n) == 0;
}

static EVP_PKEY *parse_key(const unsigned char *buf, size_t len)
{
	EVP_PKEY *key = NULL;
	BIO *bio;

	if (begins_with(buf, len, "-----BEGIN ")) {
		bio = BIO_new_mem_buf(buf, (int)len);
		if (bio)
			key = PEM_read_bio_PrivateKey(bio, NULL, no_passphrase,
						      NULL);
		BIO_free(bio);
	} else {
		const unsigned char *p = buf;

		key = d2i_AutoPrivateKey(NULL, &p, (long)len);
		if (key && p != buf + len) {
			EVP_PKEY_free(key);
			key = NULL;
		}
	}
	return key;
}

int pki_load_key(const char *path, const char *what, const char *type,
		 EVP_PKEY **out, struct lib_error *err)
{
	unsigned char *buf;
	EVP_PKEY *key;
	size_t len;
	int ret;

	*out = NULL;
	buf = OPENSSL_secure_malloc(PKI_KEY_FILE_MAX);
	if (!buf)
		return lib_error_set(err, -ENOMEM, "%s %s: out of memory",
				     what, path);
	ret = state_file_read(path, buf, PKI_KEY_FILE_MAX, &len, err);
	if (ret) {
		/* "state file PATH: why" becomes "WHAT PATH: why". */
		if (err && strncmp(err->msg, STATE_PREFIX,
				   strlen(STATE_PREFIX)) == 0) {
			char why[LIB_ERROR_MSG_LEN];

			snprintf(why, sizeof(why), "%s",
				 err->msg + strlen(STATE_PREFIX));
			lib_error_set(err, ret, "%s %s", what, why);
		} else {
			lib_error_prefix(err, "%s", what);
		}
		goto out;
	}
	key = parse_key(buf, len);
	if (!key) {
		ERR_clear_error();
		ret = lib_error_set(err, -EBADMSG,
				    "%s %s: not an unencrypted private key (PEM or DER)",
				    what, path);
		goto out;
	}
	if (!EVP_PKEY_is_a(key, type)) {
		ret = lib_error_set(err, -EKEYREJECTED,
				    "%s %s: %s key, %s needed", what, path,
				    pki_key_type(key), type);
		EVP_PKEY_free(key);
		goto out;
	}
	*out = key;
out:
	OPENSSL_secure_clear_free(buf, PKI_KEY_FILE_MAX);
	return ret;
}

/* Read a public file (at most PKI_CERT_FILE_MAX octets) into @buf. */
static int read_public(const char *path, const char *what,
		       unsigned char *buf, size_t *len, struct lib_error *err)
{
	struct stat st;
	ssize_t n;
	int fd, ret = 0;

	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return lib_error_sys(err, -errno, "%s %s", what, path);
	if (fstat(fd, &st) < 0) {
		ret = lib_error_sys(err, -errno, "%s %s", what, path);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		ret = lib_error_set(err, -EINVAL, "%s %s: not a regular file",
				    what, path);
		goto out;
	}
	for (;;) {
		n = read(fd, buf + *len, PKI_CERT_FILE_MAX + 1 - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = lib_error_sys(err, -errno, "%s %s: read", what,
					    path);
			goto out;
		}
		if (n == 0)
			break;
		*len += (size_t)n;
		if (*len > PKI_CERT_FILE_MAX) {
			ret = lib_error_set(err, -EFBIG,
					    "%s %s: larger than %d octets",
					    what, path, PKI_CERT_FILE_MAX);
			goto out;
		}
	}
	if (*len == 0)
		ret = lib_error_set(err, -EBADMSG, "%s %s: empty", what, path);
out:
	close(fd);
	return ret;
}

/* How many PEM blocks of any kind @buf holds. */
static int count_pem_blocks(const unsigned char *buf, size_t len)
{
	static const char marker[] = "-----BEGIN ";
	const unsigned char *p = buf, *end = buf + len;
	int n = 0;

	while ((p = memmem(p, (size_t)(end - p), marker, sizeof(marker) - 1))) {
		n++;
		p += sizeof(marker) - 1;
	}
	return n;
}

/*
 * The PEM certificates of @buf. PEM_read_bio_X509() skips blocks of
 * other kinds: a file with a private key (or anything else) among its
 * certificates is refused by counting the blocks.
 */
static int parse_pem(const unsigned char *buf, size_t len, const char *path,
		     const char *what, int max, STACK_OF(X509) *sk,
		     struct lib_error *err)
{
	BIO *bio = BIO_new_mem_buf(buf, (int)len);
	int ret = 0, blocks = count_pem_blocks(buf, len);
	X509 *x;

	if (!bio)
		return lib_error_openssl(err, -ENOMEM, "%s %s", what, path);
	if (blocks > max) {
		ret = lib_error_set(err, -EBADMSG,
				    "%s %s: %d PEM blocks, at most %d certificate%s",
				    what, path, blocks, max, max > 1 ? "s" : "");
		goto out;
	}
	while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL))) {
		if (!sk_X509_push(sk, x)) {
			X509_free(x);
			ret = lib_error_set(err, -ENOMEM, "%s %s", what, path);
			goto out;
		}
	}
	ERR_clear_error();
	if (sk_X509_num(sk) == 0)
		ret = lib_error_set(err, -EBADMSG,
				    "%s %s: not a certificate (PEM or DER)",
				    what, path);
	else if (sk_X509_num(sk) != blocks)
		ret = lib_error_set(err, -EBADMSG,
				    "%s %s: holds a PEM block that is not a valid certificate",
				    what, path);
out:
	BIO_free(bio);
	return ret;
}

int pki_load_certs(const char *path, const char *what, int max,
		   STACK_OF(X509) **out, struct lib_error *err)
{
	unsigned char *buf;
	STACK_OF(X509) *sk;
	size_t len;
	int ret;

	*out = NULL;
	buf = OPENSSL_malloc(PKI_CERT_FILE_MAX + 1);
	sk = sk_X509_new_null();
	if (!buf || !sk) {
		ret = lib_error_set(err, -ENOMEM, "%s %s: out of memory",
				    what, path);
		goto out;
	}
	ret = read_public(path, what, buf, &len, err);
	if (ret)
		goto out;
	if (begins_with(buf, len, "-----BEGIN ")) {
		ret = parse_pem(buf, len, path, what, max, sk, err);
	} else {
		const unsigned char *p = buf;
		X509 *x = d2i_X509(NULL, &p, (long)len);

		if (!x || p != buf + len || !sk_X509_push(sk, x)) {
			X509_free(x);
			ERR_clear_error();
			ret = lib_error_set(err, -EBADMSG,
					    "%s %s: not a certificate (PEM or DER)",
					    what, path);
		}
	}
	if (!ret) {
		*out = sk;
		sk = NULL;
	}
out:
	sk_X509_pop_free(sk, X509_free);
	OPENSSL_free(buf);
	return ret;
}

int pki_check_absent(const char *path, const char *what,
		     struct lib_error *err)
{
	struct stat st;

	if (lstat(path, &st) == 0)
		return lib_error_set(err, -EEXIST,
				     "%s %s: exists (--force replaces it)",
				     what, path);
	if (errno != ENOENT)
		return lib_error_sys(err, -errno, "%s %s", what, path);
	return 0;
}

/* Write the @len octets at @data to @path, then report as @what. */
static int write_file(const char *path, const char *what, const void *data,
		      size_t len, int public, bool force,
		      struct lib_error *err)
{
	struct state_file_opts o = { .public = public, .no_replace = !force };
	int ret = state_file_write_ex(path, data, len, &o, err);

	if (ret == -EEXIST)
		return lib_error_set(err, ret,
				     "%s %s: exists (--force replaces it)",
				     what, path);
	if (ret)
		lib_error_prefix(err, "%s", what);
	return ret;
}

int pki_write_key(const char *path, const char *what, EVP_PKEY *key,
		  bool force, struct lib_error *err)
{
	/* A secure-memory BIO wipes what it held when freed. */
	BIO *bio = BIO_new(BIO_s_secmem());
	char *data;
	long len;
	int ret;

	if (!bio || !PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL,
					      NULL)) {
		BIO_free(bio);
		return lib_error_openssl(err, -ENOMEM, "%s %s: PEM encoding",
					 what, path);
	}
	len = BIO_get_mem_data(bio, &data);
	ret = write_file(path, what, data, (size_t)len, 0, force, err);
	BIO_free(bio);
	return ret;
}

int pki_write_certs(const char *path, const char *what,
		    STACK_OF(X509) *certs, bool force, struct lib_error *err)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data;
	long len;
	int i, ret;

	if (!bio)
		return lib_error_openssl(err, -ENOMEM, "%s %s", what, path);
	for (i = 0; i < sk_X509_num(certs); i++) {
		if (!PEM_write_bio_X509(bio, sk_X509_value(certs, i))) {
			BIO_free(bio);
			return lib_error_openssl(err, -ENOMEM,
						 "%s %s: PEM encoding", what,
						 path);
		}
	}
	len = BIO_get_mem_data(bio, &data);
	ret = write_file(path, what, data, (size_t)len, 1, force, err);
	BIO_free(bio);
	return ret;
}
