# SPDX-License-Identifier: GPL-2.0-only
#
# store: the provisioning server's database (Documentation/store.rst),
# SQLite or PostgreSQL behind one API (store/store.h). Included by
# tools/Makefile after lib/lib.mk; paths are relative to tools/.
#
# A program links $(STORE_OBJS) $(STORE_LIB_OBJS) and $(STORE_LIBS), and
# compiles with -I$(STORE_DIR) -I$(LIB_DIR).
#
#   store/tests/test_store        every behaviour on SQLite and on a
#                                 throwaway PostgreSQL cluster
#   store/tests/test_store_admin  what the admin tool asks, on both
#   store/tests/test_store_crash  a process killed at every step of every
#                                 change, on both

STORE_DIR := store
STORE_UNITS := store_db db_sqlite db_pg store store_crypto store_migrate \
	store_audit store_admin store_wo store_bind store_device \
	store_query store_privilege
STORE_OBJS := $(patsubst %,$(STORE_DIR)/%.o,$(STORE_UNITS))
# What the store uses of tools/lib.
STORE_LIB_OBJS := $(patsubst %,$(LIB_DIR)/%.o,lib_error state_file \
	proto_values)

# Evaluated only when used.
STORE_CFLAGS = $(shell $(PKG_CONFIG) --cflags sqlite3 libpq libcrypto)
STORE_LIBS = $(shell $(PKG_CONFIG) --libs sqlite3 libpq libcrypto)

.PHONY: store-deps
store-deps: lib-deps
	@$(PKG_CONFIG) --exists sqlite3 || \
		{ echo "tools: sqlite3 not found by $(PKG_CONFIG) (install libsqlite3-dev)" >&2; exit 1; }
	@$(PKG_CONFIG) --exists libpq || \
		{ echo "tools: libpq not found by $(PKG_CONFIG) (install libpq-dev)" >&2; exit 1; }

$(STORE_DIR)/%.o: $(STORE_DIR)/%.c | store-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LIB_DIR) $(STORE_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

ST := $(STORE_DIR)/tests
STORE_TEST_HELPERS := $(ST)/pg_cluster.o $(ST)/store_fixture.o

$(ST)/%.o: $(ST)/%.c | store-deps test-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(STORE_DIR) -I$(LIB_DIR) $(STORE_CFLAGS) $(CMOCKA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

STORE_TESTS := test_store test_store_crash test_store_admin
define store_test_rule
$(ST)/$(1): $(ST)/$(1).o $(STORE_TEST_HELPERS) $(STORE_OBJS) $(STORE_LIB_OBJS)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS) $$(STORE_LIBS) $$(LDLIBS)
endef
$(foreach t,$(STORE_TESTS),$(eval $(call store_test_rule,$(t))))

UNIT_TESTS += $(addprefix $(ST)/,$(STORE_TESTS))

CLEAN_FILES += $(STORE_DIR)/*.o $(STORE_DIR)/*.d $(ST)/*.o $(ST)/*.d \
	$(addprefix $(ST)/,$(STORE_TESTS))

-include $(wildcard $(STORE_DIR)/*.d $(ST)/*.d)
