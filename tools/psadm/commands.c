// SPDX-License-Identifier: GPL-2.0-only
/*
 * commands: the table of bti-psadm commands. A group of commands lives
 * in its own cmd_<group>.c with a line here (and a section in
 * Documentation/bti-psadm.8); the store commands (accounts, work
 * orders, devices, audit log) come as groups of their own.
 */
#include <stddef.h>

#include "cli.h"
#include "cmd_pki.h"

static const struct psadm_cmd pki_commands[] = {
	{
		.name = "root",
		.args = "--out-key FILE --out-cert FILE [--subject CN] [--days N] [--force]",
		.summary = "make an Ed25519 SP root key and its self-signed CA certificate",
		.help =
		"  --out-key FILE   the new private key (PEM, mode 0600)\n"
		"  --out-cert FILE  the certificate (PEM, mode 0644)\n"
		"  --subject CN     its commonName (default \"bti SP root\")\n"
		"  --days N         days of validity, 1 to 36500 (default 3650)\n"
		"  --force          replace FILEs that exist\n",
		.run = cmd_pki_root,
	},
	{
		.name = "intermediate",
		.args = "--root-key FILE --root-cert FILE --out-key FILE --out-cert FILE [--subject CN] [--days N] [--force]",
		.summary = "make an Ed25519 intermediate CA key and certificate, issued by --root-key",
		.help =
		"  --root-key FILE   the issuing CA's private key (Ed25519, mode 0600)\n"
		"  --root-cert FILE  the issuing CA's certificate, then the CAs above it up\n"
		"                    to the SP root (PEM)\n"
		"  --out-key FILE    the new private key (PEM, mode 0600)\n"
		"  --out-cert FILE   the new certificate followed by the --root-cert chain\n"
		"                    (PEM, mode 0644): the --root-cert of what it issues\n"
		"  --subject CN      its commonName (default \"bti intermediate CA\")\n"
		"  --days N          days of validity, 1 to 36500 (default 1825)\n"
		"  --force           replace FILEs that exist\n",
		.run = cmd_pki_intermediate,
	},
	{
		.name = "ps",
		.args = "--root-key FILE --root-cert FILE (--out-key FILE | --key FILE) --out-cert FILE [--subject CN] [--days N] [--force]",
		.summary = "make an X25519 PS key and its certificate with the provisioning role",
		.help =
		"  --root-key FILE   the issuing CA's private key (Ed25519, mode 0600)\n"
		"  --root-cert FILE  the issuing CA's certificate, then the CAs above it up\n"
		"                    to the SP root (PEM)\n"
		"  --out-key FILE    a new X25519 private key (PEM, mode 0600)\n"
		"  --key FILE        or certify the PS's existing X25519 key again\n"
		"  --out-cert FILE   the PS certificate followed by the intermediates, not\n"
		"                    the root: the chain the PS sends (PEM, mode 0644)\n"
		"  --subject CN      its commonName (default \"bti provisioning server\")\n"
		"  --days N          days of validity, 1 to 36500 (default 365)\n"
		"  --force           replace FILEs that exist\n",
		.run = cmd_pki_ps,
	},
	{
		.name = "show",
		.args = "FILE...",
		.summary = "show the certificates in FILEs (PEM or DER)",
		.help =
		"  Prints subject, issuer, serial, key type, validity, whether the\n"
		"  certificate is a CA and has the provisioning-server role, and its\n"
		"  SHA-256 fingerprint (the PS certificate fingerprint of btid).\n",
		.run = cmd_pki_show,
	},
	{
		.name = "verify",
		.args = "--root FILE CHAIN...",
		.summary = "check a PS chain against the SP root as a BTI does",
		.help =
		"  --root FILE  the SP root certificate, the BTI's trust anchor\n"
		"  CHAIN        files with the PS certificate first, then the\n"
		"               intermediates (PEM or DER; at most 4 certificates)\n"
		"  Exit status 1 and the verdict, with the protocol's CERT_* error\n"
		"  code, when a BTI would refuse the chain.\n",
		.run = cmd_pki_verify,
	},
	{ .name = NULL },
};

const struct psadm_cmd psadm_commands[] = {
	{
		.name = "pki",
		.summary = "SP root, intermediate and PS certificates for labs",
		.sub = pki_commands,
	},
	{ .name = NULL },
};
