// SPDX-License-Identifier: GPL-2.0-only
/*
 * store_migrate: the schema and its numbered migrations.
 *
 * schema_version holds one row per applied migration. Opening a store
 * applies each missing migration in its own transaction (the DDL and
 * its schema_version row commit together, or neither does); a database
 * whose version is above STORE_SCHEMA_VERSION is refused, never
 * touched. Each migration is written for both engines: the types
 * differ (INTEGER/BIGINT, BLOB/BYTEA, the audit sequence), the tables,
 * columns and constraints are the same.
 */
#include <errno.h>

#include "store_internal.h"

struct migration {
	int version;
	const char *sqlite;
	const char *pg;
};

#define M1_TABLES(INT, BLOB, SEQ) \
	"CREATE TABLE store_meta (" \
	"  name TEXT PRIMARY KEY," \
	"  value " BLOB " NOT NULL);" \
	"CREATE TABLE accounts (" \
	"  id TEXT PRIMARY KEY," \
	"  created " INT " NOT NULL);" \
	"CREATE TABLE work_orders (" \
	"  id " INT " PRIMARY KEY CHECK (id >= 0 AND id < 100000000)," \
	"  account_id TEXT NOT NULL REFERENCES accounts (id)," \
	"  secret_hash " BLOB " NOT NULL," \
	"  created " INT " NOT NULL," \
	"  expires " INT " NOT NULL," \
	"  failures " INT " NOT NULL DEFAULT 0 CHECK (failures >= 0)," \
	"  locked " INT " NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))," \
	"  spent_at " INT "," \
	"  spent_device " BLOB "," \
	"  CHECK ((spent_at IS NULL) = (spent_device IS NULL)));" \
	"CREATE TABLE devices (" \
	"  id " BLOB " PRIMARY KEY," \
	"  account_id TEXT NOT NULL REFERENCES accounts (id)," \
	"  work_order_id " INT " NOT NULL UNIQUE REFERENCES work_orders (id)," \
	"  user_pub " BLOB " NOT NULL UNIQUE," \
	"  ltk_sealed " BLOB " NOT NULL," \
	"  ps_cert_fp " BLOB " NOT NULL," \
	"  peer TEXT," \
	"  info TEXT," \
	"  created " INT " NOT NULL," \
	"  updated " INT " NOT NULL," \
	"  revoked " INT ");" \
	"CREATE INDEX devices_account ON devices (account_id);" \
	"CREATE TABLE audit (" \
	"  seq " SEQ "," \
	"  time " INT " NOT NULL," \
	"  source TEXT NOT NULL," \
	"  event TEXT NOT NULL," \
	"  account_id TEXT," \
	"  device_id " BLOB "," \
	"  work_order_id " INT "," \
	"  result " INT " NOT NULL," \
	"  detail TEXT);" \
	"CREATE INDEX audit_source ON audit (source, time);"

#define M2_COLUMNS(INT) \
	"ALTER TABLE work_orders ADD COLUMN max_failures " INT \
	"  CHECK (max_failures IS NULL OR max_failures BETWEEN 1 AND 1000);"

/*
 * PostgreSQL: the daemon's role may count wrong entries and lock
 * (column grants, store_grants_sql) but only a role that may make work
 * orders (INSERT) may lower a count or unlock: column grants alone
 * cannot tell the two apart.
 */
#define M2_PG_GUARD \
	"CREATE FUNCTION work_orders_guard() RETURNS trigger " \
	"LANGUAGE plpgsql AS $$ BEGIN " \
	"  IF (NEW.failures < OLD.failures OR NEW.locked < OLD.locked) " \
	"     AND NOT has_table_privilege(TG_RELID, 'INSERT') THEN " \
	"    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', " \
	"      MESSAGE = 'permission denied: only the admin unlocks a work order'; " \
	"  END IF; RETURN NEW; END $$;" \
	"CREATE TRIGGER work_orders_guard BEFORE UPDATE ON work_orders " \
	"  FOR EACH ROW EXECUTE FUNCTION work_orders_guard();"

static const struct migration migrations[] = {
	{
		1,
		M1_TABLES("INTEGER", "BLOB",
			  "INTEGER PRIMARY KEY AUTOINCREMENT"),
		M1_TABLES("BIGINT", "BYTEA",
			  "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"),
	},
	{
		/* A work order's own limit of wrong entries (NULL: the store's). */
		2,
		M2_COLUMNS("INTEGER"),
		M2_COLUMNS("BIGINT") M2_PG_GUARD,
	},
};

#define N_MIGRATIONS (int)(sizeof(migrations) / sizeof(migrations[0]))

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) ==
	       STORE_SCHEMA_VERSION, "one migration per schema version");

int store_read_version(struct db *db, int *version, struct lib_error *err)
{
	struct db_res *res;
	int rc;

	*version = 0;
	rc = db_query(db, "SELECT MAX(version) FROM schema_version", NULL, 0,
		      &res, err);
	if (rc)
		return rc;
	rc = db_next(res, err);
	if (rc == 1) {
		*version = (int)db_col_int(res, 0);
		rc = 0;
	}
	db_res_free(res);
	return rc;
}

static int too_new(int version, struct lib_error *err)
{
	return lib_error_set(err, -EPROTO,
			     "store: database schema version %d is newer than this program knows (%d); use a newer bti",
			     version, STORE_SCHEMA_VERSION);
}

static int apply(struct db *db, const struct migration *m,
		 struct lib_error *err)
{
	struct db_param p[1];
	int rc, version;

	rc = db_begin(db, err);
	if (rc)
		return rc;
	/* In the transaction: a crash leaves no empty version table. */
	rc = db_exec(db, "CREATE TABLE IF NOT EXISTS schema_version ("
		     "  version INTEGER PRIMARY KEY)", err);
	if (rc)
		goto fail;
	/* Two processes opening a new store: the second waits here. */
	if (db_kind(db) == DB_PG) {
		rc = db_exec(db, "LOCK TABLE schema_version IN EXCLUSIVE MODE",
			     err);
		if (rc)
			goto fail;
	}
	rc = store_read_version(db, &version, err);
	if (rc)
		goto fail;
	if (version > STORE_SCHEMA_VERSION) {
		rc = too_new(version, err);
		goto fail;
	}
	if (version >= m->version) {
		db_rollback(db);
		return 0;
	}
	store_step("migrate");
	rc = db_exec(db, db_kind(db) == DB_PG ? m->pg : m->sqlite, err);
	if (rc) {
		lib_error_prefix(err, "migration %d", m->version);
		goto fail;
	}
	store_step("migrate");
	p[0] = DB_INT(m->version);
	rc = db_run(db, "INSERT INTO schema_version (version) VALUES (?)", p,
		    1, NULL, err);
	if (rc)
		goto fail;
	store_step("migrate");
	rc = db_commit(db, err);
	if (!rc)
		store_step("migrate");
	return rc;
fail:
	db_rollback(db);
	return rc;
}

int store_check_version(struct db *db, int allow_old, struct lib_error *err)
{
	int rc, version = 0;

	rc = store_read_version(db, &version, err);
	if (rc || version == 0)
		return lib_error_set(err, -ENOENT,
				     "store: no schema (run 'bti-psadm store init')");
	if (version > STORE_SCHEMA_VERSION)
		return too_new(version, err);
	if (version < STORE_SCHEMA_VERSION && !allow_old)
		return lib_error_set(err, -ESTALE,
				     "store: schema version %d is older than this program's (%d): run 'bti-psadm store migrate'",
				     version, STORE_SCHEMA_VERSION);
	return 0;
}

int store_migrate(struct db *db, struct lib_error *err)
{
	struct lib_error ignored;
	int rc, i, version = 0;

	/*
	 * Up to date: no DDL at all, so that a role without CREATE (the
	 * daemon's on PostgreSQL) can open the store. A missing table is
	 * an error outside any transaction, harmless.
	 */
	if (!store_read_version(db, &version, &ignored) &&
	    version == STORE_SCHEMA_VERSION)
		return 0;

	/* Each looks at the version again and refuses a newer one. */
	for (i = 0; i < N_MIGRATIONS; i++) {
		rc = apply(db, &migrations[i], err);
		if (rc)
			return rc;
	}
	return 0;
}
