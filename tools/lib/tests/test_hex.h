/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_hex: turn the hex strings copied from the RFCs into octets, so that
 * each known answer in the tests reads as it is printed in its RFC.
 */
#ifndef BTI_LIB_TEST_HEX_H
#define BTI_LIB_TEST_HEX_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode @hex (upper or lower case; spaces ignored) into @out, which has
 * room for @cap octets. Returns the number of octets, or fails the
 * running test on a bad digit, an odd count or overflow.
 */
size_t test_hex(const char *hex, uint8_t *out, size_t cap);

#endif /* BTI_LIB_TEST_HEX_H */
