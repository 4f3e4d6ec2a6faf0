# SPDX-License-Identifier: GPL-2.0-only
#
# bti-psadm: the provisioning server's admin tool. Included by
# tools/Makefile; paths are relative to tools/.
#
#   cli, commands, opts  command line: dispatch, the command table,
#                        each command's options
#   cmd_pki, cmd_pki_show  the pki commands
#   pki_args, pki_issuer, pki_print  what they share (pki_files: lib/)
#   cmd_store, cmd_account, cmd_order, cmd_device, cmd_audit  the store
#                        commands
#   psadm_store, psadm_out, psadm_list  what they share: opening the
#                        store at the admin level, ids, times, JSON,
#                        the list commands
#
# Links lib's x509_issue, x509_verify, state_file and num_parse, and the
# store library (store/store.mk).

PSADM_DIR := psadm

PSADM_UNITS := cli commands opts cmd_pki cmd_pki_show pki_args \
	pki_issuer pki_print cmd_store cmd_account cmd_order cmd_device \
	cmd_audit psadm_store psadm_out psadm_list
PSADM_OBJS := $(patsubst %,$(PSADM_DIR)/%.o,$(PSADM_UNITS))
PSADM_LIB_OBJS := $(sort $(patsubst %,$(LIB_DIR)/%.o,lib_error x509_issue \
	x509_verify state_file pki_files hex_decode proto_names proto_spec) $(LIB_PARSE_OBJS) \
	$(STORE_OBJS) $(STORE_LIB_OBJS))

$(PSADM_DIR)/%.o: $(PSADM_DIR)/%.c | lib-deps store-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LIB_DIR) -I$(STORE_DIR) $(CRYPTO_CFLAGS) $(STORE_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

$(PSADM_DIR)/bti-psadm: $(PSADM_OBJS) $(PSADM_DIR)/main.o $(PSADM_LIB_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(CRYPTO_LIBS) $(STORE_LIBS) $(LDLIBS)

PROGRAMS += $(PSADM_DIR)/bti-psadm

# Unit tests run psadm_main() in the test process (tests/psadm_run.c)
# in a private temporary directory (tests/psadm_tmp.c) and make the
# wrong certificates with lib/tests/test_pki. The store commands' tests
# (test_psadm_store) run on SQLite and on the store tests' throwaway
# PostgreSQL server (tests/psadm_env.c, store/tests/store_fixture.c).
PT := $(PSADM_DIR)/tests
PSADM_TESTS := test_psadm_cli test_psadm_pki test_psadm_refusals \
	test_psadm_store
PSADM_TEST_HELPERS := $(PT)/psadm_run.o $(PT)/psadm_tmp.o $(LT)/test_pki.o \
	$(PT)/psadm_env.o $(PT)/psadm_json.o $(STORE_TEST_HELPERS)

$(PT)/%.o: $(PT)/%.c | test-deps lib-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(PSADM_DIR) -I$(LIB_DIR) -I$(STORE_DIR) -I$(ST) -I$(LT) $(CRYPTO_CFLAGS) $(STORE_CFLAGS) $(CMOCKA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

define psadm_test_rule
$(PT)/$(1): $(PT)/$(1).o $(PSADM_TEST_HELPERS) $(PSADM_OBJS) $(PSADM_LIB_OBJS)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS) $$(CRYPTO_LIBS) $$(STORE_LIBS) $$(LDLIBS)
endef
$(foreach t,$(PSADM_TESTS),$(eval $(call psadm_test_rule,$(t))))

UNIT_TESTS += $(addprefix $(PT)/,$(PSADM_TESTS))

CLEAN_FILES += $(PSADM_DIR)/bti-psadm $(PSADM_DIR)/*.o $(PSADM_DIR)/*.d \
	$(PT)/*.o $(PT)/*.d $(addprefix $(PT)/,$(PSADM_TESTS))

-include $(wildcard $(PSADM_DIR)/*.d $(PT)/*.d)
