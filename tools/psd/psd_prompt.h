/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psd_prompt: the audio bti-psd plays at CALL and after each rejected
 * entry (step 307), as G.711 µ-law at 8000 Hz: from --prompt FILE
 * (lib/wav_read), or else a built-in prompt made at start-up. The
 * built-in prompt is tones, not speech: three rising beeps (440, 554,
 * 659 Hz, 200 ms each, 50 ms apart; 700 ms in all).
 *
 * The audio is cut into 20 ms frames of 160 samples; the last one is
 * filled up with µ-law silence (0xff).
 */
#ifndef BTI_PSD_PROMPT_H
#define BTI_PSD_PROMPT_H

#include <stddef.h>
#include <stdint.h>

#include "lib_error.h"

#define PSD_FRAME_SAMPLES	160	/* 20 ms at 8000 Hz */
#define PSD_FRAME_MS		20

struct psd_prompt {
	uint8_t *ulaw;		/* frames * PSD_FRAME_SAMPLES octets */
	size_t frames;
};

/* From the WAV file @path, or the tones when @path is "" or NULL. */
int psd_prompt_load(struct psd_prompt *p, const char *path,
		    struct lib_error *err);
/* The built-in tones. */
int psd_prompt_tones(struct psd_prompt *p, struct lib_error *err);
void psd_prompt_free(struct psd_prompt *p);

#endif /* BTI_PSD_PROMPT_H */
