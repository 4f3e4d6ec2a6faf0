// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_state: the persistent state file, strict text (btid_state.h).
 */
#include "btid_state.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "hex_decode.h"
#include "state_file.h"

const char *btid_state_kind_name(enum btid_state_kind k)
{
	switch (k) {
	case BTID_STATE_REGISTERING:
		return "REGISTERING";
	case BTID_STATE_PROVISIONED:
		return "PROVISIONED";
	}
	return NULL;
}

void btid_state_wipe(struct btid_state *s)
{
	if (s)
		OPENSSL_cleanse(s, sizeof(*s));
}

/* Append "name hex\n"; 0 or -ENOSPC. */
static int put_hex(char *buf, size_t cap, size_t *pos, const char *name,
		   const uint8_t *v, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t need = strlen(name) + 1 + 2 * n + 1;
	size_t i;
	char *p;

	if (cap - *pos < need)
		return -ENOSPC;
	p = buf + *pos;
	memcpy(p, name, strlen(name));
	p += strlen(name);
	*p++ = ' ';
	for (i = 0; i < n; i++) {
		*p++ = digits[v[i] >> 4];
		*p++ = digits[v[i] & 15];
	}
	*p = '\n';
	*pos += need;
	return 0;
}

static int put_line(char *buf, size_t cap, size_t *pos, const char *a,
		    const char *b)
{
	int n = snprintf(buf + *pos, cap - *pos, "%s %s\n", a, b);

	if (n < 0 || (size_t)n >= cap - *pos)
		return -ENOSPC;
	*pos += (size_t)n;
	return 0;
}

int btid_state_encode(const struct btid_state *s, char *buf, size_t cap,
		      size_t *len, struct lib_error *err)
{
	const char *kind = s ? btid_state_kind_name(s->kind) : NULL;
	char ver[16];
	size_t pos = 0, alen;
	int ret;

	*len = 0;
	if (!kind || !buf)
		return lib_error_set(err, -EINVAL, "btid state: unknown state");
	alen = strnlen(s->account_id, sizeof(s->account_id));
	if (alen > PROTO_MAX_ACCOUNT_ID ||
	    (s->kind == BTID_STATE_PROVISIONED && alen == 0))
		return lib_error_set(err, -EINVAL,
				     "btid state: PROVISIONED needs an account id of 1 to %d octets",
				     PROTO_MAX_ACCOUNT_ID);
	snprintf(ver, sizeof(ver), "%d", BTID_STATE_VERSION);
	ret = put_line(buf, cap, &pos, BTID_STATE_MAGIC, ver);
	if (!ret)
		ret = put_line(buf, cap, &pos, "state", kind);
	if (!ret)
		ret = put_hex(buf, cap, &pos, "user-secret", s->user_secret,
			      sizeof(s->user_secret));
	if (!ret)
		ret = put_hex(buf, cap, &pos, "user-public", s->user_pub,
			      sizeof(s->user_pub));
	if (!ret)
		ret = put_hex(buf, cap, &pos, "ps-fingerprint",
			      s->ps_fingerprint, sizeof(s->ps_fingerprint));
	if (!ret && s->kind == BTID_STATE_PROVISIONED) {
		ret = put_hex(buf, cap, &pos, "ltk", s->ltk, sizeof(s->ltk));
		if (!ret)
			ret = put_hex(buf, cap, &pos, "device-id",
				      s->device_id, sizeof(s->device_id));
		if (!ret)
			ret = put_hex(buf, cap, &pos, "account-id",
				      (const uint8_t *)s->account_id, alen);
	}
	if (ret) {
		OPENSSL_cleanse(buf, cap);
		return lib_error_set(err, ret, "btid state: encoding does not fit in %zu octets",
				     cap);
	}
	*len = pos;
	return 0;
}

struct reader {
	const char *name;
	const char *p, *end;
	int line;
	struct lib_error *err;
};

/*
 * The next line, which must be "@key value\n"; its value into *@v,
 * *@vlen. -EBADMSG otherwise.
 */
static int next_line(struct reader *r, const char *key, const char **v,
		     size_t *vlen)
{
	size_t klen = strlen(key);
	const char *nl;

	r->line++;
	if (r->p == r->end)
		return lib_error_set(r->err, -EBADMSG,
				     "%s: line %d: missing (expected \"%s\"): corrupt or not a btid state file",
				     r->name, r->line, key);
	nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
	if (!nl)
		return lib_error_set(r->err, -EBADMSG,
				     "%s: line %d: no final newline: corrupt or truncated btid state file",
				     r->name, r->line);
	if ((size_t)(nl - r->p) < klen + 1 || memcmp(r->p, key, klen) ||
	    r->p[klen] != ' ')
		return lib_error_set(r->err, -EBADMSG,
				     "%s: line %d: expected \"%s\": corrupt or not a btid state file",
				     r->name, r->line, key);
	*v = r->p + klen + 1;
	*vlen = (size_t)(nl - *v);
	r->p = nl + 1;
	return 0;
}

/* Lowercase hex of exactly @n octets (or 1..@n when @var) into @out. */
static int get_hex(struct reader *r, const char *key, uint8_t *out,
		   size_t n, int var, size_t *got)
{
	const char *v;
	size_t vlen, i;
	long dec;
	int ret;

	ret = next_line(r, key, &v, &vlen);
	if (ret)
		return ret;
	for (i = 0; i < vlen; i++)
		if (!((v[i] >= '0' && v[i] <= '9') ||
		      (v[i] >= 'a' && v[i] <= 'f')))
			break;
	if (i != vlen || vlen % 2 || (!var && vlen != 2 * n) ||
	    (var && (vlen == 0 || vlen > 2 * n)))
		return lib_error_set(r->err, -EBADMSG,
				     "%s: line %d: \"%s\" is not %s%zu octets of lowercase hex",
				     r->name, r->line, key,
				     var ? "1 to " : "", n);
	dec = hex_decode(v, vlen, out, n);
	if (dec < 0)
		return lib_error_set(r->err, -EBADMSG, "%s: line %d: bad hex",
				     r->name, r->line);
	if (got)
		*got = (size_t)dec;
	return 0;
}

/* Whether @pub is the public key of the Ed25519 secret @sk. */
static int key_pair_matches(const struct btid_state *s,
			    struct lib_error *err)
{
	uint8_t pk[ED25519_PUBLIC_KEY_LEN];
	EVP_PKEY *key = NULL;
	int ret;

	ret = ed25519_from_secret_key(s->user_secret, &key, err);
	if (!ret)
		ret = ed25519_public_key(key, pk, err);
	EVP_PKEY_free(key);
	if (ret)
		return ret;
	ret = CRYPTO_memcmp(pk, s->user_pub, sizeof(pk)) ? -EBADMSG : 0;
	OPENSSL_cleanse(pk, sizeof(pk));
	return ret;
}

int btid_state_decode(const char *name, const char *buf, size_t len,
		      struct btid_state *s, struct lib_error *err)
{
	struct reader r = { name, buf, buf + len, 0, err };
	char ver[16];
	const char *v;
	size_t vlen, alen;
	int ret;

	memset(s, 0, sizeof(*s));
	snprintf(ver, sizeof(ver), "%d", BTID_STATE_VERSION);
	ret = next_line(&r, BTID_STATE_MAGIC, &v, &vlen);
	if (ret) {
		ret = lib_error_set(err, -EBADMSG,
				    "%s: not a btid state file (no \"%s\" first line)",
				    name, BTID_STATE_MAGIC);
		goto out;
	}
	if (vlen != strlen(ver) || memcmp(v, ver, vlen)) {
		ret = lib_error_set(err, -EBADMSG,
				    "%s: btid state file version \"%.*s\" is not supported (this btid reads %s)",
				    name, vlen > 8 ? 8 : (int)vlen, v, ver);
		goto out;
	}
	ret = next_line(&r, "state", &v, &vlen);
	if (ret)
		goto out;
	if (vlen == strlen("REGISTERING") && !memcmp(v, "REGISTERING", vlen)) {
		s->kind = BTID_STATE_REGISTERING;
	} else if (vlen == strlen("PROVISIONED") &&
		   !memcmp(v, "PROVISIONED", vlen)) {
		s->kind = BTID_STATE_PROVISIONED;
	} else {
		ret = lib_error_set(err, -EBADMSG,
				    "%s: line 2: unknown state (REGISTERING or PROVISIONED)",
				    name);
		goto out;
	}
	ret = get_hex(&r, "user-secret", s->user_secret,
		      sizeof(s->user_secret), 0, NULL);
	if (!ret)
		ret = get_hex(&r, "user-public", s->user_pub,
			      sizeof(s->user_pub), 0, NULL);
	if (!ret)
		ret = get_hex(&r, "ps-fingerprint", s->ps_fingerprint,
			      sizeof(s->ps_fingerprint), 0, NULL);
	if (!ret && s->kind == BTID_STATE_PROVISIONED) {
		ret = get_hex(&r, "ltk", s->ltk, sizeof(s->ltk), 0, NULL);
		if (!ret)
			ret = get_hex(&r, "device-id", s->device_id,
				      sizeof(s->device_id), 0, NULL);
		if (!ret)
			ret = get_hex(&r, "account-id",
				      (uint8_t *)s->account_id,
				      PROTO_MAX_ACCOUNT_ID, 1, &alen);
		if (!ret && memchr(s->account_id, 0, alen))
			ret = lib_error_set(err, -EBADMSG,
					    "%s: line %d: account id holds a NUL",
					    name, r.line);
	}
	if (ret)
		goto out;
	if (r.p != r.end) {
		ret = lib_error_set(err, -EBADMSG,
				    "%s: line %d: unexpected data after the last line",
				    name, r.line + 1);
		goto out;
	}
	ret = key_pair_matches(s, err);
	if (ret == -EBADMSG)
		lib_error_set(err, ret,
			      "%s: user-public is not the public key of user-secret",
			      name);
	else if (ret)
		lib_error_set(err, -EBADMSG, "%s: user-secret is not usable",
			      name);
	if (ret)
		ret = -EBADMSG;
out:
	if (ret)
		btid_state_wipe(s);
	return ret;
}

int btid_state_save(const char *path, const struct btid_state *s,
		    struct lib_error *err)
{
	char buf[BTID_STATE_MAX_LEN];
	size_t len;
	int ret;

	ret = btid_state_encode(s, buf, sizeof(buf), &len, err);
	if (!ret)
		ret = state_file_write(path, buf, len, err);
	OPENSSL_cleanse(buf, sizeof(buf));
	return ret;
}

int btid_state_load(const char *path, struct btid_state *s,
		    struct lib_error *err)
{
	char buf[BTID_STATE_MAX_LEN];
	size_t len;
	int ret;

	memset(s, 0, sizeof(*s));
	ret = state_file_read(path, buf, sizeof(buf), &len, err);
	if (ret == -EFBIG)
		ret = lib_error_set(err, -EBADMSG,
				    "%s: larger than %d octets: not a btid state file",
				    path, BTID_STATE_MAX_LEN);
	if (!ret)
		ret = btid_state_decode(path, buf, len, s, err);
	OPENSSL_cleanse(buf, sizeof(buf));
	return ret;
}
