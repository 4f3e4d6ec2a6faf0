// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the prompt WAV reader (wav_read): an accepted
 * file gives 1 to WAV_MAX_SAMPLES samples, no more than it holds; a
 * refused one sets an error message and allocates nothing.
 */
#include <stdint.h>
#include <stdlib.h>

#include "wav_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lib_error err = { 0 };
	uint8_t *ulaw = NULL;
	size_t n = 0;

	if (wav_parse(data, size, &ulaw, &n, &err)) {
		if (ulaw || !err.code || !err.msg[0])
			abort();
		return 0;
	}
	if (!ulaw || n == 0 || n > WAV_MAX_SAMPLES || n > size)
		abort();
	free(ulaw);
	return 0;
}
