/* SPDX-License-Identifier: GPL-2.0-only */
/* cmocka_all: the headers cmocka.h needs, in the order it needs them. */
#ifndef SRTP_PEER_TEST_CMOCKA_ALL_H
#define SRTP_PEER_TEST_CMOCKA_ALL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#endif
