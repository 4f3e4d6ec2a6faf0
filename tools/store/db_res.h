/* SPDX-License-Identifier: GPL-2.0-only */
/* store_db internals: the head every backend's result starts with. */
#ifndef BTI_STORE_DB_RES_H
#define BTI_STORE_DB_RES_H

#include "store_db.h"

struct db_res {
	struct db *db;
};

#endif /* BTI_STORE_DB_RES_H */
