// SPDX-License-Identifier: GPL-2.0-only
/* psd_prompt: bti-psd's prompt audio (see psd_prompt.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "g711_ulaw.h"
#include "psd_prompt.h"
#include "wav_read.h"

#define TONE_SAMPLES	1600	/* 200 ms */
#define GAP_SAMPLES	400	/* 50 ms */
#define FADE_SAMPLES	40	/* 5 ms ramps, so that no tone clicks */
#define TONE_AMPLITUDE	8000.0	/* about -12 dBFS */

/* cos and sin of 2 pi f / 8000 for f = 440, 554, 659 Hz. */
static const double tones[3][2] = {
	{ 0.9408807689542255, 0.3387379202452914 },
	{ 0.9068234361295454, 0.4215106827664091 },
	{ 0.8690203788186308, 0.4947762940945366 },
};

/* Cut @n samples at @ulaw (taken over) into whole frames. */
static int frame_up(struct psd_prompt *p, uint8_t *ulaw, size_t n,
		    struct lib_error *err)
{
	size_t frames = (n + PSD_FRAME_SAMPLES - 1) / PSD_FRAME_SAMPLES;
	uint8_t *f = realloc(ulaw, frames * PSD_FRAME_SAMPLES);

	if (!f) {
		free(ulaw);
		return lib_error_sys(err, -ENOMEM, "prompt of %zu samples", n);
	}
	memset(f + n, 0xff, frames * PSD_FRAME_SAMPLES - n);
	p->ulaw = f;
	p->frames = frames;
	return 0;
}

int psd_prompt_tones(struct psd_prompt *p, struct lib_error *err)
{
	size_t n = 3 * TONE_SAMPLES + 2 * GAP_SAMPLES, at = 0;
	uint8_t *u = malloc(n);

	memset(p, 0, sizeof(*p));
	if (!u)
		return lib_error_sys(err, -ENOMEM, "built-in prompt");
	for (int t = 0; t < 3; t++) {
		double x = 1.0, y = 0.0;

		for (int i = 0; i < TONE_SAMPLES; i++) {
			double nx = x * tones[t][0] - y * tones[t][1];
			double gain = 1.0;

			y = x * tones[t][1] + y * tones[t][0];
			x = nx;
			if (i < FADE_SAMPLES)
				gain = (double)i / FADE_SAMPLES;
			else if (TONE_SAMPLES - i <= FADE_SAMPLES)
				gain = (double)(TONE_SAMPLES - i - 1) /
				       FADE_SAMPLES;
			u[at++] = g711_ulaw_encode(
				(int16_t)(TONE_AMPLITUDE * gain * y));
		}
		if (t < 2) {
			memset(u + at, 0xff, GAP_SAMPLES);
			at += GAP_SAMPLES;
		}
	}
	return frame_up(p, u, n, err);
}

int psd_prompt_load(struct psd_prompt *p, const char *path,
		    struct lib_error *err)
{
	uint8_t *u = NULL;
	size_t n = 0;
	int rc;

	if (!path || !path[0])
		return psd_prompt_tones(p, err);
	memset(p, 0, sizeof(*p));
	rc = wav_read_file(path, &u, &n, err);
	if (rc)
		return lib_error_prefix(err, "--prompt");
	return frame_up(p, u, n, err);
}

void psd_prompt_free(struct psd_prompt *p)
{
	free(p->ulaw);
	p->ulaw = NULL;
	p->frames = 0;
}
