// SPDX-License-Identifier: GPL-2.0-only
/*
 * proto_spec: the field and message tables of the provisioning protocol
 * (see proto_spec.h). They mirror the tables of
 * Documentation/protocol.rst; change both together.
 */
#include "proto_spec.h"
#include "proto_values.h"

#define FIELD(t, lo, hi, fn) \
	[PROTO_F_##t] = { PROTO_F_##t, #t, (lo), (hi), (fn) }

static const struct proto_field_spec fields[PROTO_F_MAX + 1] = {
	FIELD(CALL_ID, PROTO_CALL_ID_LEN, PROTO_CALL_ID_LEN, NULL),
	FIELD(CALLED_NUMBER, 1, PROTO_MAX_NUMBER_LEN, proto_check_digits),
	FIELD(PS_ADDR, 7, 19, proto_check_transport_addr),
	FIELD(NONCE_B, PROTO_NONCE_LEN, PROTO_NONCE_LEN, NULL),
	FIELD(PURPOSE, 1, 1, proto_check_purpose),
	FIELD(SUITES, 2, 2 * PROTO_MAX_LIST, proto_check_u16_list),
	FIELD(SRTP_PROFILES, 2, 2 * PROTO_MAX_LIST, proto_check_u16_list),
	FIELD(COOKIE, PROTO_MIN_COOKIE_LEN, PROTO_MAX_COOKIE_LEN, NULL),
	FIELD(RETRY_AFTER, 2, 2, proto_check_retry_after),
	FIELD(NONCE_P, PROTO_NONCE_LEN, PROTO_NONCE_LEN, NULL),
	FIELD(SUITE, 2, 2, proto_check_u16_nonzero),
	FIELD(SRTP_PROFILE, 2, 2, proto_check_u16_nonzero),
	FIELD(EPH_PUB, PROTO_X25519_LEN, PROTO_X25519_LEN, NULL),
	FIELD(CERT_CHAIN, 4, PROTO_MAX_CHAIN_LEN, proto_check_cert_chain),
	FIELD(HPKE_ENC, PROTO_X25519_LEN, PROTO_X25519_LEN, NULL),
	FIELD(SEALED_KEYS, PROTO_MIN_SEALED_KEYS, PROTO_MAX_SEALED_KEYS, NULL),
	FIELD(SK, PROTO_SECRET_LEN, PROTO_SECRET_LEN, NULL),
	FIELD(AK, PROTO_SECRET_LEN, PROTO_SECRET_LEN, NULL),
	FIELD(N0, PROTO_NONCE_LEN, PROTO_NONCE_LEN, NULL),
	FIELD(DEVICE_ID, PROTO_DEVICE_ID_LEN, PROTO_DEVICE_ID_LEN, NULL),
	FIELD(BTI_ADDR, 5, 17, proto_check_net_addr),
	FIELD(MAC_ADDR, PROTO_MAC_LEN, PROTO_MAC_LEN, NULL),
	FIELD(SW_VERSION, 1, PROTO_MAX_SW_VERSION, proto_check_printable),
	FIELD(N1, PROTO_NONCE_LEN, PROTO_NONCE_LEN, NULL),
	FIELD(MEDIA_ADDR, 7, 19, proto_check_transport_addr),
	FIELD(MEDIA_PORT, 2, 2, proto_check_u16_nonzero),
	FIELD(RESULT, 2, 2, proto_check_result),
	FIELD(TRIES_LEFT, 1, 1, NULL),
	FIELD(N2, PROTO_NONCE_LEN, PROTO_NONCE_LEN, NULL),
	FIELD(USER_PUB, PROTO_ED25519_PUB_LEN, PROTO_ED25519_PUB_LEN, NULL),
	FIELD(USER_SIG, PROTO_ED25519_SIG_LEN, PROTO_ED25519_SIG_LEN, NULL),
	FIELD(ACCOUNT_ID, 1, PROTO_MAX_ACCOUNT_ID, proto_check_token),
	FIELD(ERROR_CODE, 2, 2, NULL),
	FIELD(ERROR_FIELD, 1, 1, proto_check_u8_nonzero),
};

#define M(f)	PROTO_FBIT(PROTO_F_##f)

#define MSG(t, fmt, from, all, must) \
	{ PROTO_MSG_##t, #t, PROTO_FMT_##fmt, (from), (all), (must) }

#define B	PROTO_FROM_BTI
#define P	PROTO_FROM_PS
#define G	PROTO_FROM_GC

static const struct proto_msg_spec msgs[] = {
	MSG(SETUP, PLAIN, B, M(CALL_ID) | M(CALLED_NUMBER),
	    M(CALL_ID) | M(CALLED_NUMBER)),
	MSG(SETUP_ACK, PLAIN, G, M(CALL_ID) | M(PS_ADDR),
	    M(CALL_ID) | M(PS_ADDR)),
	MSG(HELLO, PLAIN, B,
	    M(NONCE_B) | M(PURPOSE) | M(SUITES) | M(SRTP_PROFILES) | M(COOKIE),
	    M(NONCE_B) | M(PURPOSE) | M(SUITES) | M(SRTP_PROFILES)),
	MSG(RETRY, PLAIN, P, M(COOKIE) | M(RETRY_AFTER), M(COOKIE)),
	MSG(SERVER_HELLO, PLAIN, P,
	    M(NONCE_P) | M(SUITE) | M(SRTP_PROFILE) | M(EPH_PUB) |
	    M(CERT_CHAIN),
	    M(NONCE_P) | M(SUITE) | M(SRTP_PROFILE) | M(EPH_PUB) |
	    M(CERT_CHAIN)),
	MSG(KEYS, PLAIN, B, M(EPH_PUB) | M(HPKE_ENC) | M(SEALED_KEYS),
	    M(EPH_PUB) | M(HPKE_ENC) | M(SEALED_KEYS)),
	MSG(ERROR, PLAIN, B | P | G,
	    M(RETRY_AFTER) | M(ERROR_CODE) | M(ERROR_FIELD), M(ERROR_CODE)),
	MSG(INFO, SEALED, B, M(BTI_ADDR) | M(MAC_ADDR) | M(SW_VERSION),
	    M(BTI_ADDR)),
	MSG(ACK, SEALED, P, M(N0) | M(N1) | M(MEDIA_ADDR),
	    M(N0) | M(N1) | M(MEDIA_ADDR)),
	MSG(CALL, SEALED, B, M(MEDIA_PORT), M(MEDIA_PORT)),
	MSG(AUTH_STATUS, SEALED, P, M(RESULT) | M(TRIES_LEFT),
	    M(RESULT) | M(TRIES_LEFT)),
	MSG(REGISTER, SEALED, B, M(N1) | M(N2) | M(USER_PUB) | M(USER_SIG),
	    M(N1) | M(N2) | M(USER_PUB) | M(USER_SIG)),
	MSG(REGISTERED, SEALED, P, M(DEVICE_ID) | M(N2) | M(ACCOUNT_ID),
	    M(DEVICE_ID) | M(N2) | M(ACCOUNT_ID)),
	MSG(REKEY, SEALED, B, M(USER_SIG), M(USER_SIG)),
	MSG(REKEY_ACK, SEALED, P, M(N0) | M(N1) | M(MEDIA_ADDR),
	    M(N0) | M(N1) | M(MEDIA_ADDR)),
	MSG(CLOSE, SEALED, B | P, M(ERROR_CODE) | M(ERROR_FIELD),
	    M(ERROR_CODE)),
	MSG(KEY_LIST, INNER, B, M(SK) | M(AK) | M(N0) | M(DEVICE_ID),
	    M(SK) | M(AK) | M(N0)),
};

const struct proto_field_spec *proto_field_spec(uint8_t type)
{
	if (type == 0 || type > PROTO_F_MAX || !fields[type].name)
		return NULL;
	return &fields[type];
}

const struct proto_msg_spec *proto_msg_spec(uint8_t type)
{
	for (size_t i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++)
		if (msgs[i].type == type)
			return &msgs[i];
	return NULL;
}

int proto_msg_from(uint8_t type, uint8_t sender)
{
	const struct proto_msg_spec *s = proto_msg_spec(type);

	return s && s->format != PROTO_FMT_INNER && (s->senders & sender) &&
	       (sender & (sender - 1)) == 0;
}
