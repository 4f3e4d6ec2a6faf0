/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_pki: the "pki" commands, lab certificates for the PS.
 *
 *   root          an Ed25519 SP root CA, self-signed (cmd_pki.c)
 *   intermediate  an Ed25519 CA below the root or another one
 *   ps            an X25519 PS key and its certificate
 *   show          what a certificate file holds (cmd_pki_show.c)
 *   verify        a PS chain as a BTI checks it (x509_verify)
 *
 * The certificates follow Documentation/crypto.rst; every PS certificate
 * made is verified with x509_verify before it is written.
 */
#ifndef PSADM_CMD_PKI_H
#define PSADM_CMD_PKI_H

#include "cli.h"

/* Days of validity when --days is not given. */
#define PKI_ROOT_DAYS		3650
#define PKI_INTERMEDIATE_DAYS	1825
#define PKI_PS_DAYS		365
/* notBefore is this much before now, for clocks a little behind. */
#define PKI_BACKDATE_SECONDS	300

int cmd_pki_root(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_pki_intermediate(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_pki_ps(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_pki_show(struct psadm_ctx *ctx, int argc, char **argv);
int cmd_pki_verify(struct psadm_ctx *ctx, int argc, char **argv);

#endif /* PSADM_CMD_PKI_H */
