/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pki_args: the values of the pki options that are not files.
 */
#ifndef PSADM_PKI_ARGS_H
#define PSADM_PKI_ARGS_H

#include "lib_error.h"

#define PKI_DAYS_MAX	36500	/* a hundred years */
#define PKI_CN_MAX	64	/* RFC 5280 ub-common-name */

/*
 * --days: a decimal number of days, 1 to PKI_DAYS_MAX; NULL gives
 * @dflt. Returns 0 or -EINVAL with @err filled.
 */
int pki_parse_days(const char *s, int dflt, int *days,
		   struct lib_error *err);

/*
 * --subject: the commonName, 1 to PKI_CN_MAX octets of UTF-8 with no
 * control character; NULL gives @dflt. Returns 0 or -EINVAL.
 */
int pki_parse_subject(const char *s, const char *dflt, const char **cn,
		      struct lib_error *err);

#endif /* PSADM_PKI_ARGS_H */
