/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * btid_entries: where the user's work order entries come from
 * (Documentation/btid.8, --digits-from): a file, a FIFO or standard
 * input, one entry a line, or, without --digits-from, the terminal,
 * asked without echo. Each entry is 1 to BTID_MAX_DIGITS decimal
 * digits, optionally followed by '#' (and the newline).
 *
 * The first entry is read when it is first needed (a regular file's
 * before anything is dialled, so that a bad file stops btid at once);
 * the next one only after the PS refused the current one. A new run
 * (after a retried failure) keys the current entry in again.
 *
 * Entries are secrets: the buffers that held them are wiped, and they
 * are read with read(2), one octet at a time, so that no stdio buffer
 * keeps a copy.
 */
#ifndef BTI_BTID_ENTRIES_H
#define BTI_BTID_ENTRIES_H

#include <stddef.h>

#include "lib_error.h"

#define BTID_MAX_DIGITS	32

struct btid_entries;

/*
 * @path: a file or FIFO, "-" for standard input, NULL for the terminal
 * on standard input (refused with -ENOTTY when it is not one).
 */
int btid_entries_open(const char *path, struct btid_entries **ep,
		      struct lib_error *err);
/*
 * The current entry into @out (the first line, read now if it was not
 * yet), or with @next the following line. -ENODATA when there is no
 * more, -EINVAL for a line that is not an entry (@out is "" then).
 */
int btid_entries_get(struct btid_entries *e, int next,
		     char out[BTID_MAX_DIGITS + 1], struct lib_error *err);
/* Lines read so far. */
unsigned int btid_entries_count(const struct btid_entries *e);
/* Whether the source is a regular file (read ahead by the caller). */
int btid_entries_is_file(const struct btid_entries *e);
/*
 * The descriptor to poll before btid_entries_get(@e, @next) would read:
 * a FIFO or pipe (a file or standard input that is not a terminal nor a
 * regular file), so that waiting for the user's line does not stop the
 * call's event loop. -1 when nothing is read (the current entry is
 * reused) or the read does not wait for a writer (a regular file) or
 * asks the user (the terminal).
 */
int btid_entries_wait_fd(const struct btid_entries *e, int next);
/* Wipe and close; NULL is ignored. */
void btid_entries_close(struct btid_entries *e);

/*
 * One line (without its newline) to an entry: 0 or -EINVAL; @out is
 * wiped on failure.
 */
int btid_entry_parse(const char *line, size_t n,
		     char out[BTID_MAX_DIGITS + 1]);

#endif /* BTI_BTID_ENTRIES_H */
