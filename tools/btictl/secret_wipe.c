// SPDX-License-Identifier: GPL-2.0-only
/*
 * secret_wipe: explicit_bzero() behind one name, so that every buffer of
 * key material in btictl is wiped the same way.
 */
#include <string.h>

#include "secret_wipe.h"

void secret_wipe(void *p, size_t len)
{
	if (p && len)
		explicit_bzero(p, len);
}

int secret_is_wiped(const void *p, size_t len)
{
	const unsigned char *b = p;
	unsigned char acc = 0;
	size_t i;

	for (i = 0; i < len; i++)
		acc |= b[i];
	return acc == 0;
}
