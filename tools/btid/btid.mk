# SPDX-License-Identifier: GPL-2.0-only
#
# btid: the BTI helper (Documentation/protocol.rst). Included by
# tools/Makefile; paths are relative to tools/.
#
#   btid_state    the persistent state file (REGISTERING, PROVISIONED)
#   btid_runtime  the runtime file naming the installed SRTP session
#   btid_retry    which failures are retried, backoff with jitter
#   btid_conn     the PS connection: connect, write, one bounded frame
#   btid_entries  the user's work order entries: file, FIFO, stdin, tty
#   btid_media    the call's UDP socket: prompt in (WAV), DTMF out
#   btid_run      a provisioning or a rekey with retries: GC, PS, engine,
#                 state, the SRTP session behind struct btid_session_ops
#   btid_cli      the command line (btid_main); main.c calls it
#   btid_kmod     that session in bti.ko: SESSION_NEW / SET / DEL / GET with
#                 libnl-genl-3, session keys from srtp_kdf
#
# Links lib's state_file, gc_client, the engines and the codec.

BTID_DIR := btid

BTID_UNITS := btid_state btid_runtime btid_retry btid_conn btid_entries \
	btid_media btid_run
BTID_OBJS := $(patsubst %,$(BTID_DIR)/%.o,$(BTID_UNITS))
BTID_LIB_OBJS := $(sort $(patsubst %,$(LIB_DIR)/%.o,lib_error state_file \
	ed25519_sig hex_decode gc_client x509_verify wav_write rtp_header \
	dtmf_event dtmf_tx) $(LIB_ENGINE_OBJS) \
	$(LIB_KS_OBJS) $(LIB_PROTO_OBJS))

$(BTID_DIR)/%.o: $(BTID_DIR)/%.c | lib-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LIB_DIR) $(CRYPTO_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

# Unit tests: each links the btid units and lib objects above.
BT := $(BTID_DIR)/tests
BTID_TESTS := test_btid_state test_btid_runtime test_btid_retry \
	test_btid_entries

$(BT)/%.o: $(BT)/%.c | test-deps lib-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(BTID_DIR) -I$(LIB_DIR) -I$(LT) $(CRYPTO_CFLAGS) $(CMOCKA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

define btid_test_rule
$(BT)/$(1): $(BT)/$(1).o $(BT)/btid_tmp.o $(LT)/test_hex.o $(BTID_OBJS) $(BTID_LIB_OBJS)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS) $$(CRYPTO_LIBS) $$(LDLIBS)
endef
$(foreach t,$(BTID_TESTS),$(eval $(call btid_test_rule,$(t))))

# The run against an in-process GC and PS (threads) on loopback, with
# the engine tests' PKI and fake store.
# The fake bti.ko builds each SET with btid_kmod (libnl) and parses it.
$(BT)/test_btid_run: $(BT)/test_btid_run.o $(BT)/btid_tmp.o $(BTID_OBJS) \
		$(BTID_DIR)/btid_kmod.o \
		$(sort $(BTID_LIB_OBJS) $(LIB_SRTP_KDF_OBJS) \
		$(LIB_DIR)/x509_issue.o $(LT)/test_pki.o $(LT)/engine_harness.o)
	$(CC) $(LDFLAGS) -pthread -o $@ $^ $(CMOCKA_LIBS) $(NL_LIBS) $(CRYPTO_LIBS) $(LDLIBS)
$(BT)/test_btid_run.o: CFLAGS += -pthread $(NL_CFLAGS)
$(BT)/test_btid_run.o: | btid-deps

# bti.ko over generic netlink: libnl-genl-3; evaluated only when used.
NL_CFLAGS = $(shell $(PKG_CONFIG) --cflags libnl-genl-3.0)
NL_LIBS = $(shell $(PKG_CONFIG) --libs libnl-genl-3.0)
.PHONY: btid-deps
btid-deps:
	@$(PKG_CONFIG) --exists libnl-genl-3.0 || \
		{ echo "tools: libnl-genl-3 not found by $(PKG_CONFIG) (install libnl-genl-3-dev)" >&2; exit 1; }
$(BTID_DIR)/btid_kmod.o: $(BTID_DIR)/btid_kmod.c | lib-deps btid-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LIB_DIR) $(CRYPTO_CFLAGS) $(NL_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<
$(BT)/test_btid_kmod.o: $(BT)/test_btid_kmod.c | test-deps btid-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(BTID_DIR) -I$(LIB_DIR) -I$(LT) $(CRYPTO_CFLAGS) $(NL_CFLAGS) $(CMOCKA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<
$(BT)/test_btid_kmod: $(BT)/test_btid_kmod.o $(BTID_DIR)/btid_kmod.o \
		$(LT)/test_hex.o $(LIB_DIR)/lib_error.o $(LIB_SRTP_KDF_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(NL_LIBS) $(CRYPTO_LIBS) $(LDLIBS)

# The program: the units above, the command line and bti.ko's socket.
$(BTID_DIR)/btid_cli.o $(BTID_DIR)/main.o: $(BTID_DIR)/%.o: $(BTID_DIR)/%.c | lib-deps btid-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LIB_DIR) $(CRYPTO_CFLAGS) $(NL_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<
BTID_PROG_OBJS := $(BTID_OBJS) $(BTID_DIR)/btid_cli.o $(BTID_DIR)/btid_kmod.o \
	$(sort $(BTID_LIB_OBJS) $(LIB_SRTP_KDF_OBJS))
$(BTID_DIR)/btid: $(BTID_DIR)/main.o $(BTID_PROG_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(NL_LIBS) $(CRYPTO_LIBS) $(LDLIBS)
PROGRAMS += $(BTID_DIR)/btid

# The command line in process (btid_main), without bti.ko.
$(BT)/test_btid_cli.o: $(BT)/test_btid_cli.c | test-deps btid-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(BTID_DIR) -I$(LIB_DIR) -I$(LT) $(CRYPTO_CFLAGS) $(NL_CFLAGS) $(CMOCKA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<
$(BT)/test_btid_cli: $(BT)/test_btid_cli.o $(BT)/btid_tmp.o $(LT)/test_hex.o \
		$(BTID_PROG_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(NL_LIBS) $(CRYPTO_LIBS) $(LDLIBS)

UNIT_TESTS += $(addprefix $(BT)/,$(BTID_TESTS)) $(BT)/test_btid_run \
	$(BT)/test_btid_kmod $(BT)/test_btid_cli

CLEAN_FILES += $(BTID_DIR)/btid $(BTID_DIR)/*.o $(BTID_DIR)/*.d \
	$(BT)/*.o $(BT)/*.d $(addprefix $(BT)/,$(BTID_TESTS)) \
	$(BT)/test_btid_run $(BT)/test_btid_kmod $(BT)/test_btid_cli

-include $(wildcard $(BTID_DIR)/*.d $(BT)/*.d)
