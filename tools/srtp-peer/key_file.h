/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * key_file: read the master key and salt of an SRTP crypto context from a
 * file or stdin (never from the command line, where every user could
 * read it in /proc).
 *
 * Format: text, at most KEY_FILE_MAX octets. Blank lines and lines whose
 * first non-blank character is '#' are ignored. Exactly one other line,
 * three fields separated by spaces or tabs:
 *
 *   SUITE MASTER_KEY_HEX MASTER_SALT_HEX
 *
 * e.g. (RFC 3711 B.3's master key and salt)
 *
 *   AES_CM_128_HMAC_SHA1_80 E1F97A0D3E018BE0D64FA32C06DE4139 0EC675AD498AFEEBB6960B3AABE6
 *
 * SUITE is a name of suite.h; the key and salt must have exactly the
 * suite's lengths (16 or 32 octets of key; 14 octets of salt for AES-CM,
 * 12 for AES-GCM). Hex digits are upper or lower case.
 */
#ifndef SRTP_PEER_KEY_FILE_H
#define SRTP_PEER_KEY_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "errbuf.h"
#include "suite.h"

#define KEY_FILE_MAX 4096

/* A master key followed by its master salt, as libsrtp2 takes them. */
struct key_material {
	const struct suite *suite;
	uint8_t key_salt[SUITE_KEY_MAX + SUITE_SALT_MAX];
};

/*
 * Parse the @len octets at @text (need not be NUL-terminated) into *@km.
 * @source names the input in messages. Returns 0, or -1 with *@e set
 * (never quoting key material) and *@km wiped.
 */
int key_text_parse(const char *text, size_t len, const char *source,
		   struct key_material *km, struct errbuf *e);

/*
 * Read and parse the key file at @path ("-": stdin). Sets *@loose_perms
 * if the file is a regular file that its group or others may read.
 * Every buffer that held key text is wiped before returning.
 */
int key_file_read(const char *path, struct key_material *km,
		  bool *loose_perms, struct errbuf *e);

/* Overwrite *@km with zeros in a way the compiler keeps. */
void key_material_wipe(struct key_material *km);

#endif /* SRTP_PEER_KEY_FILE_H */
