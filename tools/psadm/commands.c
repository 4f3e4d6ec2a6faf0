// SPDX-License-Identifier: GPL-2.0-only
/*
 * commands: the table of bti-psadm commands. A group of commands lives
 * in its own cmd_<group>.c with a line here (and a section in
 * Documentation/bti-psadm.8). The store commands (cmd_store.h) run at
 * the admin level: they need the store's admin key file (store.rst,
 * "Privilege levels"), all but "store status".
 */
#include <stddef.h>

#include "cli.h"
#include "cmd_pki.h"
#include "cmd_store.h"

#define JSON_HELP "  -j, --json       JSON instead of text\n"

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

static const struct psadm_cmd store_commands[] = {
	{
		.name = "init",
		.summary = "make the store: key file, admin key file, schema",
		.help =
		"  Makes the store key file (--store-key) and, for an SQLite store, the\n"
		"  database file when they are missing; makes the admin key file\n"
		"  (--admin-key) when missing and records it as this store's; applies\n"
		"  the schema. Again on an initialised store: checks, changes nothing.\n",
		.run = cmd_store_init,
	},
	{
		.name = "migrate",
		.summary = "bring the store's schema up to this program's version",
		.run = cmd_store_migrate,
	},
	{
		.name = "status",
		.args = "[-j]",
		.summary = "show the store's engine and schema version (no admin key needed)",
		.help = JSON_HELP,
		.run = cmd_store_status,
	},
	{
		.name = "grants",
		.args = "ROLE [--apply]",
		.summary = "PostgreSQL: the GRANTs that give ROLE the PS daemon's privileges",
		.help =
		"  ROLE     the daemon's PostgreSQL role, e.g. bti_ps\n"
		"  --apply  run them on the store instead of printing them\n",
		.run = cmd_store_grants,
	},
	{ .name = NULL },
};

static const struct psadm_cmd account_commands[] = {
	{
		.name = "add",
		.args = "ACCOUNT",
		.summary = "add an account (1 to 64 printable characters, no space)",
		.run = cmd_account_add,
	},
	{
		.name = "list",
		.args = "[-j]",
		.summary = "list the accounts with their devices and work orders",
		.help = JSON_HELP,
		.run = cmd_account_list,
	},
	{
		.name = "show",
		.args = "ACCOUNT [-j]",
		.summary = "show an account, its work orders and devices",
		.help = JSON_HELP,
		.run = cmd_account_show,
	},
	{ .name = NULL },
};

static const struct psadm_cmd order_commands[] = {
	{
		.name = "add",
		.args = "ACCOUNT [--expires DAYS] [--tries N] [-j]",
		.summary = "make a work order; its number is printed once, here only",
		.help =
		"  --expires DAYS   valid for DAYS days, 1 to 365 (default 14)\n"
		"  --tries N        locked after N wrong entries, 1 to 1000 (default 5)\n"
		JSON_HELP
		"  The 16-digit number goes to the output and nowhere else: it is not\n"
		"  stored (only a keyed hash of it) and not in the audit log.\n",
		.run = cmd_order_add,
	},
	{
		.name = "list",
		.args = "[--account ACCOUNT] [-j]",
		.summary = "list work orders (their ids, never their numbers)",
		.help =
		"  --account ACCOUNT  only those of ACCOUNT\n"
		JSON_HELP,
		.run = cmd_order_list,
	},
	{
		.name = "unlock",
		.args = "ORDER",
		.summary = "let a locked work order be tried again (its 8-digit id)",
		.run = cmd_order_unlock,
	},
	{
		.name = "revoke",
		.args = "ORDER",
		.summary = "end an unspent work order now (its 8-digit id)",
		.run = cmd_order_revoke,
	},
	{ .name = NULL },
};

static const struct psadm_cmd device_commands[] = {
	{
		.name = "list",
		.args = "[--account ACCOUNT] [-j]",
		.summary = "list provisioned devices",
		.help =
		"  --account ACCOUNT  only those of ACCOUNT\n"
		JSON_HELP,
		.run = cmd_device_list,
	},
	{
		.name = "show",
		.args = "DEVICE [-j]",
		.summary = "show a device (its 32-hex-digit id); never its key",
		.help = JSON_HELP,
		.run = cmd_device_show,
	},
	{
		.name = "revoke",
		.args = "DEVICE",
		.summary = "revoke a device: it can no longer rekey or resume",
		.run = cmd_device_revoke,
	},
	{ .name = NULL },
};

const struct psadm_cmd psadm_commands[] = {
	{
		.name = "pki",
		.summary = "SP root, intermediate and PS certificates for labs",
		.sub = pki_commands,
	},
	{
		.name = "store",
		.summary = "the PS store: make, migrate, inspect, PostgreSQL grants",
		.sub = store_commands,
	},
	{
		.name = "account",
		.summary = "accounts",
		.sub = account_commands,
	},
	{
		.name = "order",
		.summary = "work orders",
		.sub = order_commands,
	},
	{
		.name = "device",
		.summary = "provisioned devices",
		.sub = device_commands,
	},
	{
		.name = "audit",
		.args = "[--since T] [--device DEVICE] [--account ACCOUNT] [--limit N] [-j]",
		.summary = "show the audit log",
		.help =
		"  --since T          rows from time T on: seconds since the epoch, or a\n"
		"                     UTC date YYYY-MM-DD[THH:MM[:SS]]\n"
		"  --device DEVICE    only rows about DEVICE (32 hex digits)\n"
		"  --account ACCOUNT  only rows about ACCOUNT\n"
		"  --limit N          only the newest N rows\n"
		JSON_HELP
		"  A row never holds a secret: no work order number, no key.\n",
		.run = cmd_audit,
	},
	{ .name = NULL },
};
