/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rfc6188_72: the known answer of RFC 6188 section 7.2 (AES_256_CM_PRF:
 * key derivation with the AES-256 PRF, key derivation rate 0, index 0),
 * as hex strings printed in the RFC. Shared by the tests of lib/srtp_kdf
 * and of btictl's key derivation. Macros, as in rfc3711_b3.h.
 */
#ifndef BTI_LIB_TEST_RFC6188_72_H
#define BTI_LIB_TEST_RFC6188_72_H

/* Inputs. */
#define RFC6188_72_MASTER_KEY \
	"f0f04914b513f2763a1b1fa130f10e29" \
	"98f6f6e43e4309d1e622a0e332b9f1b6"
#define RFC6188_72_MASTER_SALT "3b04803de51ee7c96423ab5b78d2"
/* Label 00: the 256-bit cipher key. */
#define RFC6188_72_CIPHER_KEY \
	"5ba1064e30ec51613cad926c5a28ef73" \
	"1ec7fb397f70a960653caf06554cd8c4"
/* Label 02: the 112-bit cipher salt. */
#define RFC6188_72_CIPHER_SALT "fa31791685ca444a9e07c6c64e93"
/* Label 01: the 160-bit HMAC-SHA1 key. */
#define RFC6188_72_AUTH_KEY "fd9c32d39ed5fbb5a9dc96b30818454d1313dc05"

#endif /* BTI_LIB_TEST_RFC6188_72_H */
