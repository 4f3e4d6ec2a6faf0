/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ready_file: tell whoever waits for it that a command is ready (e.g.
 * "btictl monitor" joined its multicast group): the process id and a
 * newline are written to PATH.tmp, which is then renamed to PATH, so
 * that PATH appears complete or not at all. An existing PATH is
 * replaced. The file is left in place when the command ends.
 */
#ifndef BTICTL_READY_FILE_H
#define BTICTL_READY_FILE_H

#include <stddef.h>

/* 0, or -1 with a reason (naming the file) in @why. */
int ready_file_create(const char *path, char *why, size_t why_len);

#endif /* BTICTL_READY_FILE_H */
