/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_wire: the numbers of the provisioning protocol's wire format,
 * as Documentation/protocol.rst specifies them: frame layout and limits,
 * message types, field types and their sizes, suites, SRTP profiles,
 * purposes and the error codes carried in ERROR, CLOSE and AUTH_STATUS.
 * Nothing here is code; the codec (proto_*.c) enforces these.
 */
#ifndef BTI_LIB_PROTO_WIRE_H
#define BTI_LIB_PROTO_WIRE_H

/* Frame: version (u8) || type (u8) || length (u16) || body. */
#define PROTO_VERSION		1
#define PROTO_HDR_LEN		4
#define PROTO_MAX_FRAME		8192
#define PROTO_MAX_BODY		(PROTO_MAX_FRAME - PROTO_HDR_LEN)

/* Sealed record body: seq (u64) || ciphertext || tag. */
#define PROTO_SEQ_LEN		8
#define PROTO_TAG_LEN		16
#define PROTO_RECORD_MIN	(PROTO_SEQ_LEN + PROTO_TAG_LEN)
#define PROTO_MAX_SEALED_PT	1024
#define PROTO_MAX_RECORD	(PROTO_RECORD_MIN + PROTO_MAX_SEALED_PT)
#define PROTO_TH_LEN		32	/* SHA-256 transcript hash */
#define PROTO_AAD_LEN		(PROTO_HDR_LEN + PROTO_SEQ_LEN + PROTO_TH_LEN)
#define PROTO_IV_LEN		12	/* AES-128-GCM nonce */
#define PROTO_KEY_LEN		16	/* AES-128-GCM key */
#define PROTO_MAX_RECORDS	65536	/* per direction and session */

/* Field: type (u8) || length (u16) || value. */
#define PROTO_TLV_HDR_LEN	3

/* Value sizes. */
#define PROTO_CALL_ID_LEN	16
#define PROTO_NONCE_LEN		32	/* NONCE_B, NONCE_P, N0, N1, N2 */
#define PROTO_SECRET_LEN	32	/* SK, AK */
#define PROTO_X25519_LEN	32	/* EPH_PUB, HPKE_ENC */
#define PROTO_ED25519_PUB_LEN	32
#define PROTO_ED25519_SIG_LEN	64
#define PROTO_DEVICE_ID_LEN	16
#define PROTO_MAC_LEN		6
#define PROTO_MAX_NUMBER_LEN	32	/* CALLED_NUMBER */
#define PROTO_MIN_COOKIE_LEN	16
#define PROTO_MAX_COOKIE_LEN	64
#define PROTO_MAX_LIST		8	/* SUITES, SRTP_PROFILES entries */
#define PROTO_MAX_RETRY_AFTER	3600	/* seconds */
#define PROTO_MAX_CERTS		4
#define PROTO_MIN_CERT_LEN	2	/* a DER SEQUENCE: 30 00 */
#define PROTO_MAX_CERT_LEN	2048
#define PROTO_MAX_CHAIN_LEN	6144
#define PROTO_MIN_SEALED_KEYS	(PROTO_TAG_LEN + 1)
#define PROTO_MAX_SEALED_KEYS	255
#define PROTO_MAX_SW_VERSION	64
#define PROTO_MAX_ACCOUNT_ID	64
/* Address families of the address fields (not AF_INET/AF_INET6). */
#define PROTO_AF_INET		4
#define PROTO_AF_INET6		6

/* Message types: 0x01-0x3f plain, 0x40-0x7f sealed. */
enum proto_msg_type {
	PROTO_MSG_SETUP		= 0x01,	/* B -> GC, step 301 */
	PROTO_MSG_SETUP_ACK	= 0x02,	/* GC -> B, step 301 */
	PROTO_MSG_HELLO		= 0x10,	/* B -> P, step 302 */
	PROTO_MSG_RETRY		= 0x11,	/* P -> B, step 302 */
	PROTO_MSG_SERVER_HELLO	= 0x12,	/* P -> B, step 303 */
	PROTO_MSG_KEYS		= 0x13,	/* B -> P, step 304 */
	PROTO_MSG_ERROR		= 0x3f,	/* any, plain */
	PROTO_MSG_INFO		= 0x40,	/* B -> P, step 304 */
	PROTO_MSG_ACK		= 0x41,	/* P -> B, step 305 */
	PROTO_MSG_CALL		= 0x42,	/* B -> P, step 306 */
	PROTO_MSG_AUTH_STATUS	= 0x43,	/* P -> B, steps 307-309 */
	PROTO_MSG_REGISTER	= 0x44,	/* B -> P, step 310 */
	PROTO_MSG_REGISTERED	= 0x45,	/* P -> B, step 310 */
	PROTO_MSG_REKEY		= 0x46,	/* B -> P, rekey */
	PROTO_MSG_REKEY_ACK	= 0x47,	/* P -> B, rekey */
	PROTO_MSG_CLOSE		= 0x7f,	/* any, sealed */
	/* The field list inside SEALED_KEYS; never a frame type. */
	PROTO_MSG_KEY_LIST	= 0x80,
};

#define PROTO_MSG_SEALED_FIRST	0x40
#define PROTO_MSG_SEALED_LAST	0x7f

/* Field types: global, ascending order on the wire. */
enum proto_field_type {
	PROTO_F_CALL_ID		= 0x01,
	PROTO_F_CALLED_NUMBER	= 0x02,
	PROTO_F_PS_ADDR		= 0x03,
	PROTO_F_NONCE_B		= 0x04,
	PROTO_F_PURPOSE		= 0x05,
	PROTO_F_SUITES		= 0x06,
	PROTO_F_SRTP_PROFILES	= 0x07,
	PROTO_F_COOKIE		= 0x08,
	PROTO_F_RETRY_AFTER	= 0x09,
	PROTO_F_NONCE_P		= 0x0a,
	PROTO_F_SUITE		= 0x0b,
	PROTO_F_SRTP_PROFILE	= 0x0c,
	PROTO_F_EPH_PUB		= 0x0d,
	PROTO_F_CERT_CHAIN	= 0x0e,
	PROTO_F_HPKE_ENC	= 0x0f,
	PROTO_F_SEALED_KEYS	= 0x10,
	PROTO_F_SK		= 0x11,
	PROTO_F_AK		= 0x12,
	PROTO_F_N0		= 0x13,
	PROTO_F_DEVICE_ID	= 0x14,
	PROTO_F_BTI_ADDR	= 0x15,
	PROTO_F_MAC_ADDR	= 0x16,
	PROTO_F_SW_VERSION	= 0x17,
	PROTO_F_N1		= 0x18,
	PROTO_F_MEDIA_ADDR	= 0x19,
	PROTO_F_MEDIA_PORT	= 0x1a,
	PROTO_F_RESULT		= 0x1b,
	PROTO_F_TRIES_LEFT	= 0x1c,
	PROTO_F_N2		= 0x1d,
	PROTO_F_USER_PUB	= 0x1e,
	PROTO_F_USER_SIG	= 0x1f,
	PROTO_F_ACCOUNT_ID	= 0x20,
	PROTO_F_ERROR_CODE	= 0x21,
	PROTO_F_ERROR_FIELD	= 0x22,
};

#define PROTO_F_MAX		0x22

/* PURPOSE values. */
#define PROTO_PURPOSE_PROVISION	1
#define PROTO_PURPOSE_REKEY	2

/* Control suites. */
#define PROTO_SUITE_X25519_SHA256_AES128GCM_ED25519	0x0001

/* SRTP protection profiles (IANA DTLS-SRTP values, RFC 5764, RFC 7714). */
#define PROTO_SRTP_AES128_CM_HMAC_SHA1_80	0x0001
#define PROTO_SRTP_AES128_CM_HMAC_SHA1_32	0x0002
#define PROTO_SRTP_AEAD_AES_128_GCM		0x0007
#define PROTO_SRTP_AEAD_AES_256_GCM		0x0008

/* Error codes (ERROR_CODE, and RESULT of AUTH_STATUS). */
enum proto_code {
	PROTO_CODE_NONE			= 0x0000,
	PROTO_CODE_MALFORMED		= 0x0001,
	PROTO_CODE_UNSUPPORTED_VERSION	= 0x0002,
	PROTO_CODE_UNEXPECTED_MESSAGE	= 0x0003,
	PROTO_CODE_FRAME_TOO_LARGE	= 0x0004,
	PROTO_CODE_TIMEOUT		= 0x0005,
	PROTO_CODE_INTERNAL		= 0x0006,
	PROTO_CODE_BUSY			= 0x0007,
	PROTO_CODE_RATE_LIMITED		= 0x0008,
	PROTO_CODE_NO_COMMON_SUITE	= 0x0101,
	PROTO_CODE_NO_COMMON_PROFILE	= 0x0102,
	PROTO_CODE_BAD_COOKIE		= 0x0103,
	PROTO_CODE_DECRYPT_FAILED	= 0x0104,
	PROTO_CODE_BAD_SEQUENCE		= 0x0105,
	PROTO_CODE_BAD_ECHO		= 0x0106,
	PROTO_CODE_BAD_KEY_SHARE	= 0x0107,
	PROTO_CODE_CERT_UNTRUSTED	= 0x0201,
	PROTO_CODE_CERT_EXPIRED		= 0x0202,
	PROTO_CODE_CERT_ROLE		= 0x0203,
	PROTO_CODE_CERT_KEY_TYPE	= 0x0204,
	PROTO_CODE_CERT_MALFORMED	= 0x0205,
	PROTO_CODE_WORK_ORDER_INVALID	= 0x0301,
	PROTO_CODE_WORK_ORDER_EXPIRED	= 0x0302,
	PROTO_CODE_WORK_ORDER_USED	= 0x0303,
	PROTO_CODE_WORK_ORDER_LOCKED	= 0x0304,
	PROTO_CODE_TOO_MANY_TRIES	= 0x0305,
	PROTO_CODE_NO_DIGITS		= 0x0306,
	PROTO_CODE_BAD_SIGNATURE	= 0x0401,
	PROTO_CODE_BAD_USER_KEY		= 0x0402,
	PROTO_CODE_DEVICE_UNKNOWN	= 0x0403,
	PROTO_CODE_DEVICE_REVOKED	= 0x0404,
	PROTO_CODE_NUMBER_REFUSED	= 0x0501,
	PROTO_CODE_NO_ROUTE		= 0x0502,
};

#endif /* BTI_LIB_PROTO_WIRE_H */
