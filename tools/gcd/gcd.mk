# SPDX-License-Identifier: GPL-2.0-only
#
# gcd: bti-gcd, the gate controller daemon of step 301. Included by
# tools/Makefile after lib/lib.mk and btictl/btictl.mk (it links the
# protocol codec and btictl's stop_signal); paths are relative to tools/.
#
#   gcd/bti-gcd                   the daemon
#   gcd/tests/test_rate_limit     token buckets and LRU table (injected clock)
#   gcd/tests/test_gcd_config     settings: file, options, PS addresses
#   gcd/tests/test_gcd_e2e        the daemon on loopback, with the client
#                                 module (lib/gc_client) and raw frames;
#                                 the client against fake GCs; options

GCD_DIR := gcd
GCD_UNITS := siphash rate_limit gcd_addr gcd_config gcd_log gcd_answer \
	gcd_server
GCD_OBJS := $(patsubst %,$(GCD_DIR)/%.o,$(GCD_UNITS))
GCD_LINK := $(GCD_OBJS) $(BTICTL_DIR)/stop_signal.o $(LIB_PROTO_OBJS) \
	$(LIB_PARSE_OBJS) $(LIB_DAEMON_OBJS)

$(GCD_DIR)/%.o: $(GCD_DIR)/%.c | lib-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LIB_DIR) -I$(BTICTL_DIR) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

$(GCD_DIR)/bti-gcd: $(GCD_DIR)/main.o $(GCD_LINK)
	$(CC) $(LDFLAGS) -o $@ $^ $(CRYPTO_LIBS) $(LDLIBS)

PROGRAMS += $(GCD_DIR)/bti-gcd

GT := $(GCD_DIR)/tests
GCD_TESTS := test_rate_limit test_gcd_config test_gcd_e2e
# The end-to-end test runs the daemon it was built with.
$(GT)/test_gcd_e2e: $(GCD_DIR)/bti-gcd
GCD_TEST_EXTRA_test_gcd_e2e := $(LIB_DIR)/gc_client.o $(LIB_DIR)/lib_error.o \
	$(LT)/proto_test_build.o $(LT)/daemon_run.o

$(GT)/%.o: $(GT)/%.c | test-deps lib-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(GCD_DIR) -I$(LIB_DIR) -I$(LT) $(CRYPTO_CFLAGS) $(CMOCKA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

define gcd_test_rule
$(GT)/$(1): $(GT)/$(1).o $(GCD_LINK) $(GCD_TEST_EXTRA_$(1))
	$$(CC) $$(LDFLAGS) -o $$@ $$(filter %.o,$$^) $$(CMOCKA_LIBS) $$(CRYPTO_LIBS) $$(LDLIBS)
endef
$(foreach t,$(GCD_TESTS),$(eval $(call gcd_test_rule,$(t))))

UNIT_TESTS += $(addprefix $(GT)/,$(GCD_TESTS))

CLEAN_FILES += $(GCD_DIR)/bti-gcd $(GCD_DIR)/*.o $(GCD_DIR)/*.d \
	$(GT)/*.o $(GT)/*.d $(addprefix $(GT)/,$(GCD_TESTS))

-include $(wildcard $(GCD_DIR)/*.d $(GT)/*.d)
