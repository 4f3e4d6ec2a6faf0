/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proto_keysched: the key schedule of the provisioning protocol
 * (Documentation/protocol.rst, "Key schedule"):
 *
 *   K   = Export("bti1 K", 32) of the HPKE context of KEYS
 *   FS  = X25519(e_B, E_P) = X25519(e_P, E_B), all zero refused
 *   HS  = HKDF-Extract(salt = K, IKM = FS || SK || LTK0)
 *   MA  = HKDF-Extract(salt = K, IKM = FS || AK || LTK0)
 *   key_b2p, iv_b2p, key_p2b, iv_p2b   Expand-Label(HS, ..., TH_K)
 *   srtp_key/salt_b2p/p2b, ssrc_b2p/p2b   Expand-Label(MA, ..., TH_A)
 *   LTK = Expand-Label(HS, "ltk", TH_R, 32)
 *
 * A struct proto_keysched holds HS and MA from proto_keysched_start()
 * until proto_keysched_free(), which wipes them (OPENSSL_cleanse). The
 * outputs are the caller's; wipe them with the *_wipe() functions.
 *
 * Return 0 or a negative errno value with @err filled:
 *   -EINVAL       an argument was refused, or the schedule not started
 *   -EKEYREJECTED the X25519 result is all zero, or the peer's key is
 *                 not X25519: BAD_KEY_SHARE on the wire
 *   -ENOENT       an SRTP profile this table does not know
 *   -ENOMEM, -ENOSYS, -EIO   OpenSSL could not allocate, fetch or compute
 * proto_keysched_code() gives the wire code of each. Outputs are wiped
 * on error.
 */
#ifndef BTI_LIB_PROTO_KEYSCHED_H
#define BTI_LIB_PROTO_KEYSCHED_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "hpke.h"
#include "lib_error.h"
#include "proto_wire.h"

#define PROTO_KS_SECRET_LEN	32	/* K, FS, SK, AK, LTK, HS, MA */
#define PROTO_SRTP_MAX_KEY_LEN	32	/* master key (AES-256-GCM) */
#define PROTO_SRTP_MAX_SALT_LEN	14	/* master salt (AES-CM) */
/* The HPKE exporter context of K. */
#define PROTO_K_EXPORT_LABEL	"bti1 K"

struct proto_keysched {
	uint8_t hs[PROTO_KS_SECRET_LEN];	/* control secret */
	uint8_t ma[PROTO_KS_SECRET_LEN];	/* audio secret */
	int started;
};

/* The control channel's AES-128-GCM keys and IVs, per direction. */
struct proto_ctl_keys {
	uint8_t key_b2p[PROTO_KEY_LEN];
	uint8_t iv_b2p[PROTO_IV_LEN];
	uint8_t key_p2b[PROTO_KEY_LEN];
	uint8_t iv_p2b[PROTO_IV_LEN];
};

/* The SRTP master keys, salts and SSRCs of the call, per direction. */
struct proto_srtp_keys {
	uint16_t profile;		/* PROTO_SRTP_* */
	size_t key_len;			/* Lk of the profile: 16 or 32 */
	size_t salt_len;		/* Ls of the profile: 14 or 12 */
	uint8_t key_b2p[PROTO_SRTP_MAX_KEY_LEN];
	uint8_t salt_b2p[PROTO_SRTP_MAX_SALT_LEN];
	uint8_t key_p2b[PROTO_SRTP_MAX_KEY_LEN];
	uint8_t salt_p2b[PROTO_SRTP_MAX_SALT_LEN];
	uint32_t ssrc_b2p;
	uint32_t ssrc_p2b;		/* never equal to ssrc_b2p */
};

/*
 * The master key and salt lengths of SRTP @profile (protocol.rst,
 * "Suites and profiles"): 0, or -ENOENT for a profile not in the table.
 */
int proto_srtp_profile_lengths(uint16_t profile, size_t *key_len,
			       size_t *salt_len);

/* K = @hpke's Export("bti1 K", 32), either role. */
int proto_keysched_k(const struct hpke_ctx *hpke,
		     uint8_t k[PROTO_KS_SECRET_LEN], struct lib_error *err);

/*
 * FS = X25519(*@eph, @peer_pub): @eph is this side's ephemeral private
 * key, @peer_pub the other side's EPH_PUB. *@eph is freed (and so
 * cleansed) and set to NULL whatever the outcome: an ephemeral key
 * serves for one FS only. An all-zero result is -EKEYREJECTED.
 */
int proto_keysched_fs(EVP_PKEY **eph, const uint8_t peer_pub[PROTO_X25519_LEN],
		      uint8_t fs[PROTO_KS_SECRET_LEN], struct lib_error *err);

/*
 * HS and MA from @k, @fs, @sk, @ak and @ltk0 (NULL: 32 zero octets, a
 * provisioning run; else the device's LTK, a rekey) into @ks. @fs is
 * wiped whatever the outcome, as the protocol asks once HS and MA exist.
 */
int proto_keysched_start(struct proto_keysched *ks,
			 const uint8_t k[PROTO_KS_SECRET_LEN],
			 uint8_t fs[PROTO_KS_SECRET_LEN],
			 const uint8_t sk[PROTO_KS_SECRET_LEN],
			 const uint8_t ak[PROTO_KS_SECRET_LEN],
			 const uint8_t *ltk0, struct lib_error *err);

/* The control keys and IVs from HS and @th_k (TH_K) into @out. */
int proto_keysched_ctl(const struct proto_keysched *ks,
		       const uint8_t th_k[PROTO_TH_LEN],
		       struct proto_ctl_keys *out, struct lib_error *err);

/*
 * The SRTP master keys and salts of @profile (lengths from the profile
 * table) and the two SSRCs from MA and @th_a (TH_A) into @out.
 */
int proto_keysched_srtp(const struct proto_keysched *ks,
			const uint8_t th_a[PROTO_TH_LEN], uint16_t profile,
			struct proto_srtp_keys *out, struct lib_error *err);

/*
 * The SSRCs from the 4 octets of each Expand-Label: big-endian u32, and
 * ssrc_p2b XOR 1 when it equals ssrc_b2p. Used by proto_keysched_srtp().
 */
void proto_keysched_ssrcs(const uint8_t b2p[4], const uint8_t p2b[4],
			  uint32_t *ssrc_b2p, uint32_t *ssrc_p2b);

/* LTK = Expand-Label(HS, "ltk", @th_r, 32) (provisioning only). */
int proto_keysched_ltk(const struct proto_keysched *ks,
		       const uint8_t th_r[PROTO_TH_LEN],
		       uint8_t ltk[PROTO_KS_SECRET_LEN],
		       struct lib_error *err);

/* Wipe HS and MA; @ks may be wiped twice, or never started. */
void proto_keysched_free(struct proto_keysched *ks);
void proto_ctl_keys_wipe(struct proto_ctl_keys *keys);
void proto_srtp_keys_wipe(struct proto_srtp_keys *keys);

/*
 * The wire code (enum proto_code) of a return value of these
 * functions: BAD_KEY_SHARE for -EKEYREJECTED, NO_COMMON_PROFILE for
 * -ENOENT, NONE for 0, INTERNAL otherwise.
 */
uint16_t proto_keysched_code(int rc);

#endif /* BTI_LIB_PROTO_KEYSCHED_H */
