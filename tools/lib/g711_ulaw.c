// SPDX-License-Identifier: GPL-2.0-only
/* g711_ulaw: ITU-T G.711 µ-law encoder and decoder, 16-bit linear. */
#include "g711_ulaw.h"

#define ULAW_BIAS	132	/* 33 at 14 bits */
#define ULAW_CLIP	32635	/* 8159 at 14 bits, less the rounding */

uint8_t g711_ulaw_encode(int16_t sample)
{
	int mag = sample < 0 ? -(int)sample : sample;
	unsigned int sign = sample < 0 ? 0x80 : 0;
	unsigned int biased, exp = 0, mant;

	if (mag > ULAW_CLIP)
		mag = ULAW_CLIP;
	biased = (unsigned int)mag + ULAW_BIAS;	/* 132 .. 32767 */
	/* exponent: the top set bit above bit 7 */
	while (exp < 7 && biased >= (0x100u << exp))
		exp++;
	mant = (biased >> (exp + 3)) & 0x0f;
	return (uint8_t)~(sign | exp << 4 | mant);
}

int16_t g711_ulaw_decode(uint8_t code)
{
	unsigned int u = (uint8_t)~code;
	unsigned int exp = (u >> 4) & 0x07, mant = u & 0x0f;
	int mag = (int)(((mant << 3) + ULAW_BIAS) << exp) - ULAW_BIAS;

	return (int16_t)((u & 0x80) ? -mag : mag);
}

void g711_ulaw_encode_buf(const int16_t *in, uint8_t *out, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = g711_ulaw_encode(in[i]);
}
