/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psadm_json: a strict check that a text is one JSON value (RFC 8259)
 * followed by a newline; fails the test otherwise.
 */
#ifndef PSADM_TEST_JSON_H
#define PSADM_TEST_JSON_H

void psadm_json_check(const char *text);

#endif
