// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid_runtime: the file that names the installed SRTP session
 * (btid_runtime.h).
 */
#include "btid_runtime.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state_file.h"

static int addr_str(const struct sockaddr_storage *ss, char *ip,
		    size_t iplen, unsigned int *port)
{
	const struct sockaddr_in *a4 = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *a6 = (const struct sockaddr_in6 *)ss;

	if (ss->ss_family == AF_INET) {
		*port = ntohs(a4->sin_port);
		return inet_ntop(AF_INET, &a4->sin_addr, ip, iplen) ? 0 : -EINVAL;
	}
	if (ss->ss_family == AF_INET6) {
		*port = ntohs(a6->sin6_port);
		return inet_ntop(AF_INET6, &a6->sin6_addr, ip, iplen) ? 0 :
		       -EINVAL;
	}
	return -EINVAL;
}

int btid_flow_encode(const struct btid_flow *f, char *buf, size_t cap,
		     size_t *len, struct lib_error *err)
{
	char l[INET6_ADDRSTRLEN], r[INET6_ADDRSTRLEN];
	unsigned int lp, rp;
	int n;

	*len = 0;
	if (f->local.ss_family != f->remote.ss_family ||
	    addr_str(&f->local, l, sizeof(l), &lp) ||
	    addr_str(&f->remote, r, sizeof(r), &rp) || !lp || !rp)
		return lib_error_set(err, -EINVAL,
				     "btid session: the flow needs two addresses of one family (IPv4 or IPv6) with ports");
	n = snprintf(buf, cap, "%s 1\nlocal %s %u\nremote %s %u\n",
		     BTID_RUNTIME_MAGIC, l, lp, r, rp);
	if (n < 0 || (size_t)n >= cap)
		return lib_error_set(err, -ENOSPC,
				     "btid session: encoding does not fit");
	*len = (size_t)n;
	return 0;
}

/* "@key ADDR PORT" (without the newline) into @ss. */
static int parse_addr(const char *line, size_t n, const char *key,
		      struct sockaddr_storage *ss)
{
	char tmp[96], *sp, *end;
	size_t klen = strlen(key);
	unsigned long port;
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

	if (n >= sizeof(tmp) || n < klen + 1 || memcmp(line, key, klen) ||
	    line[klen] != ' ')
		return -EBADMSG;
	memcpy(tmp, line + klen + 1, n - klen - 1);
	tmp[n - klen - 1] = '\0';
	sp = strchr(tmp, ' ');
	if (!sp || sp == tmp || sp[1] < '1' || sp[1] > '9')
		return -EBADMSG;
	*sp = '\0';
	errno = 0;
	port = strtoul(sp + 1, &end, 10);
	if (errno || *end || port == 0 || port > 65535)
		return -EBADMSG;
	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, tmp, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)port);
	} else if (inet_pton(AF_INET6, tmp, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
	} else {
		return -EBADMSG;
	}
	return 0;
}

int btid_flow_decode(const char *name, const char *buf, size_t len,
		     struct btid_flow *f, struct lib_error *err)
{
	static const char head[] = BTID_RUNTIME_MAGIC " 1\n";
	const char *p = buf, *end = buf + len, *nl;

	memset(f, 0, sizeof(*f));
	if (len < sizeof(head) - 1 || memcmp(buf, head, sizeof(head) - 1))
		return lib_error_set(err, -EBADMSG,
				     "%s: not a btid session file (or another version)",
				     name);
	p += sizeof(head) - 1;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl || parse_addr(p, (size_t)(nl - p), "local", &f->local))
		goto bad;
	p = nl + 1;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl || parse_addr(p, (size_t)(nl - p), "remote", &f->remote))
		goto bad;
	if (nl + 1 != end || f->local.ss_family != f->remote.ss_family)
		goto bad;
	return 0;
bad:
	memset(f, 0, sizeof(*f));
	return lib_error_set(err, -EBADMSG,
			     "%s: corrupt btid session file (expected \"local ADDR PORT\" and \"remote ADDR PORT\" of one family)",
			     name);
}

int btid_runtime_record(const char *path, const struct btid_flow *f,
			struct lib_error *err)
{
	char buf[BTID_RUNTIME_MAX_LEN];
	size_t len;
	int ret;

	ret = btid_flow_encode(f, buf, sizeof(buf), &len, err);
	if (!ret)
		ret = state_file_write(path, buf, len, err);
	return ret;
}

int btid_runtime_load(const char *path, struct btid_flow *f,
		      struct lib_error *err)
{
	char buf[BTID_RUNTIME_MAX_LEN];
	size_t len;
	int ret;

	memset(f, 0, sizeof(*f));
	ret = state_file_read(path, buf, sizeof(buf), &len, err);
	if (ret == -EFBIG)
		return lib_error_set(err, -EBADMSG,
				     "%s: too large for a btid session file",
				     path);
	if (ret)
		return ret;
	return btid_flow_decode(path, buf, len, f, err);
}

int btid_runtime_clear(const char *path, struct lib_error *err)
{
	return state_file_remove(path, err);
}

int btid_runtime_recover(const char *path, btid_flow_del_fn del, void *arg,
			 struct lib_error *err)
{
	struct btid_flow f;
	int ret;

	ret = btid_runtime_load(path, &f, err);
	if (ret == -ENOENT) {
		lib_error_clear(err);
		return 0;
	}
	if (ret)
		return ret;
	ret = del(arg, &f, err);
	if (ret && ret != -ENOENT)
		return ret;
	lib_error_clear(err);
	ret = btid_runtime_clear(path, err);
	return ret ? ret : 1;
}
