/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * key_file: read the session keys of a session from a key file. Keys
 * never come from the command line, where other users can read them.
 *
 * The file is text, one "NAME HEX" per line; blank lines and lines whose
 * first non-blank character is '#' are ignored. For each direction D
 * ("tx", "rx") it gives either the session keys
 *
 *   D-srtp-key  D-srtp-salt  D-srtp-auth  D-srtcp-key  D-srtcp-salt  D-srtcp-auth
 *
 * (no -auth lines for the AEAD suites), or a master key pair
 *
 *   D-master-key  D-master-salt
 *
 * from which the session keys are derived (key derivation rate 0, index
 * 0): RFC 3711 for the AES_CM suites (16-octet key, 14-octet salt,
 * 20-octet auth keys), RFC 7714 §11 for AEAD_AES_128_GCM (16-octet key)
 * and AEAD_AES_256_GCM (32-octet key), both with a 12-octet salt. Every
 * length is checked against the suite.
 */
#ifndef BTICTL_KEY_FILE_H
#define BTICTL_KEY_FILE_H

#include <stddef.h>

#include "bti_suites.h"
#include "session_keys.h"

/* Largest key file read; a real one is well under 1 KiB. */
#define KEY_FILE_MAX (64 * 1024)

struct key_file_error {
	unsigned int line;	/* 1-based line of the problem; 0: whole file */
	char msg[200];		/* never contains key material */
};

/*
 * Parse the @len bytes of @text for @suite into @keys, marking each
 * direction found present. @need is a mask of BTI_DIR_BIT()s that must be
 * present; with 0, at least one direction must be.
 *
 * Always wipes @text before returning. Returns 0, or -1 with @keys wiped
 * and @e filled.
 */
int key_file_parse(char *text, size_t len, const struct bti_suite_desc *suite,
		   unsigned int need, struct bti_session_keys *keys,
		   struct key_file_error *e);

/*
 * Read @path ("-": standard input) and parse it as key_file_parse() does.
 * A path must name a regular file or a FIFO (a pipe, as in "keys
 * <(command)"). Every buffer that held the file is wiped. Returns 0, or -1
 * with @keys wiped and @e filled (line 0 for errors reading the file).
 */
int key_file_load(const char *path, const struct bti_suite_desc *suite,
		  unsigned int need, struct bti_session_keys *keys,
		  struct key_file_error *e);

#endif /* BTICTL_KEY_FILE_H */
