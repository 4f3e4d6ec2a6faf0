// SPDX-License-Identifier: GPL-2.0-only
/*
 * event_print: text and JSON lines of session events.
 */
#include <inttypes.h>

#include <linux/bti.h>

#include "bti_names.h"
#include "event_print.h"
#include "json_writer.h"
#include "session_print.h"

/* The word before the count: packets under a key, or failures. */
static const char *count_word(uint32_t type)
{
	return type == BTI_EVENT_SOFT_LIMIT || type == BTI_EVENT_HARD_LIMIT ?
	       "packets" : "count";
}

void event_print_text(FILE *out, const struct bti_session_event *ev)
{
	char local[ENDPOINT_STR_MAX], remote[ENDPOINT_STR_MAX];
	char name[BTI_EVENT_NAME_MAX], suite[32];

	fprintf(out, "%s %s %s", bti_event_name(ev->type, name, sizeof(name)),
		endpoint_format(&ev->flow.local, local, sizeof(local)),
		endpoint_format(&ev->flow.remote, remote, sizeof(remote)));
	if (ev->has_suite)
		fprintf(out, " suite %s",
			session_suite_name(ev->suite, suite, sizeof(suite)));
	if (ev->has_dir)
		fprintf(out, " %s", bti_event_dir_name(ev->dir, name,
						       sizeof(name)));
	if (ev->has_proto)
		fprintf(out, " %s", bti_event_proto_name(ev->proto, name,
							 sizeof(name)));
	if (ev->has_ssrc)
		fprintf(out, " ssrc 0x%08" PRIx32, ev->ssrc);
	if (ev->has_count)
		fprintf(out, " %s %" PRIu64, count_word(ev->type), ev->count);
	fputc('\n', out);
}

int event_print_json(FILE *out, const struct bti_session_event *ev)
{
	char buf[ENDPOINT_STR_MAX];
	struct json_writer w;

	json_init(&w, out);
	json_object_begin(&w);
	json_key(&w, "event");
	json_string(&w, bti_event_name(ev->type, buf, sizeof(buf)));
	json_key(&w, "local");
	json_string(&w, endpoint_format(&ev->flow.local, buf, sizeof(buf)));
	json_key(&w, "remote");
	json_string(&w, endpoint_format(&ev->flow.remote, buf, sizeof(buf)));
	if (ev->has_suite) {
		json_key(&w, "suite");
		json_string(&w, session_suite_name(ev->suite, buf,
						   sizeof(buf)));
	}
	if (ev->has_dir) {
		json_key(&w, "direction");
		json_string(&w, bti_event_dir_name(ev->dir, buf, sizeof(buf)));
	}
	if (ev->has_proto) {
		json_key(&w, "protocol");
		json_string(&w, bti_event_proto_name(ev->proto, buf,
						     sizeof(buf)));
	}
	if (ev->has_ssrc) {
		json_key(&w, "ssrc");
		json_u64(&w, ev->ssrc);
	}
	if (ev->has_count) {
		json_key(&w, "count");
		json_u64(&w, ev->count);
	}
	json_object_end(&w);
	return json_finish(&w);
}
