/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * g711_ulaw: ITU-T G.711 µ-law, to and from 16-bit linear samples.
 *
 * G.711's µ-law law works on 14-bit linear values (full scale 8159, its
 * Table 2a); a 16-bit sample is that value times 4. The encoder adds the
 * bias 33 (132 at 16 bits), finds the segment (exponent) and the 4-bit
 * step within it, and sends the sign, exponent and step inverted (the
 * all-ones octet is positive zero). Magnitudes above the top decision
 * value (8159, i.e. 32635 at 16 bits) are clipped to the last step.
 * The decoder gives the middle of the step: ((2 step + 33) << exponent)
 * - 33, times 4.
 */
#ifndef BTI_LIB_G711_ULAW_H
#define BTI_LIB_G711_ULAW_H

#include <stddef.h>
#include <stdint.h>

uint8_t g711_ulaw_encode(int16_t sample);
int16_t g711_ulaw_decode(uint8_t code);

/* Encode @n samples of @in into @out. */
void g711_ulaw_encode_buf(const int16_t *in, uint8_t *out, size_t n);

#endif /* BTI_LIB_G711_ULAW_H */
