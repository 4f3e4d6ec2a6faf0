# SPDX-License-Identifier: GPL-2.0-only
#
# btid: the BTI helper (Documentation/protocol.rst). Included by
# tools/Makefile; paths are relative to tools/.
#
#   btid_state    the persistent state file (REGISTERING, PROVISIONED)
#   btid_runtime  the runtime file naming the installed SRTP session
#   btid_retry    which failures are retried, backoff with jitter
#
# Links lib's state_file, ed25519_sig, hex_decode and lib_error.

BTID_DIR := btid

BTID_UNITS := btid_state btid_runtime btid_retry
BTID_OBJS := $(patsubst %,$(BTID_DIR)/%.o,$(BTID_UNITS))
BTID_LIB_OBJS := $(patsubst %,$(LIB_DIR)/%.o,lib_error state_file \
	ed25519_sig hex_decode)

$(BTID_DIR)/%.o: $(BTID_DIR)/%.c | lib-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LIB_DIR) $(CRYPTO_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

# Unit tests: each links the btid units and lib objects above.
BT := $(BTID_DIR)/tests
BTID_TESTS := test_btid_state test_btid_runtime test_btid_retry

$(BT)/%.o: $(BT)/%.c | test-deps lib-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(BTID_DIR) -I$(LIB_DIR) -I$(LT) $(CRYPTO_CFLAGS) $(CMOCKA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

define btid_test_rule
$(BT)/$(1): $(BT)/$(1).o $(BT)/btid_tmp.o $(LT)/test_hex.o $(BTID_OBJS) $(BTID_LIB_OBJS)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS) $$(CRYPTO_LIBS) $$(LDLIBS)
endef
$(foreach t,$(BTID_TESTS),$(eval $(call btid_test_rule,$(t))))

UNIT_TESTS += $(addprefix $(BT)/,$(BTID_TESTS))

CLEAN_FILES += $(BTID_DIR)/*.o $(BTID_DIR)/*.d \
	$(BT)/*.o $(BT)/*.d $(addprefix $(BT)/,$(BTID_TESTS))

-include $(wildcard $(BTID_DIR)/*.d $(BT)/*.d)
