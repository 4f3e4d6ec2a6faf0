/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * secret_wipe: erase memory that held key material, in a way the compiler
 * may not optimise away.
 */
#ifndef BTICTL_SECRET_WIPE_H
#define BTICTL_SECRET_WIPE_H

#include <stddef.h>

/* Set @len bytes at @p to zero (explicit_bzero). NULL or 0 is a no-op. */
void secret_wipe(void *p, size_t len);

/* Whether all @len bytes at @p are zero (for tests and assertions). */
int secret_is_wiped(const void *p, size_t len);

#endif /* BTICTL_SECRET_WIPE_H */
