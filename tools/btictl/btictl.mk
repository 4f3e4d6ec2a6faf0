# SPDX-License-Identifier: GPL-2.0-only
#
# btictl: the admin CLI. Included by tools/Makefile; paths are relative
# to tools/.

BTICTL_DIR := btictl

# Transport and parsing (no command line).
BTICTL_CORE := nl_error nl_attr_parse nl_reply ctrl_reply genl_socket \
	bti_names bti_reply bti_client json_writer bti_extack_attr \
	secret_wipe endpoint bti_suites key_derive key_file \
	session_request session_reply session_print event_reply event_print
# Command line and commands.
BTICTL_CLI := cli cli_report cmd_help commands cmd_version cmd_stats \
	session_args cmd_session cmd_session_show stop_signal ready_file \
	cmd_monitor

BTICTL_OBJS := $(patsubst %,$(BTICTL_DIR)/%.o,$(BTICTL_CORE) $(BTICTL_CLI) main)

# key_derive uses lib/srtp_kdf (OpenSSL 3 libcrypto); numbers and hex
# digits are lib/num_parse's and lib/hex_decode's.
$(BTICTL_DIR)/%.o: $(BTICTL_DIR)/%.c | deps lib-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LIB_DIR) $(MNL_CFLAGS) $(CRYPTO_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BTICTL_DIR)/btictl: $(BTICTL_OBJS) $(LIB_SRTP_KDF_OBJS) $(LIB_PARSE_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(MNL_LIBS) $(CRYPTO_LIBS) $(LDLIBS)

PROGRAMS += $(BTICTL_DIR)/btictl

# Unit tests: one test file per unit, linked with the objects it needs.
BT := $(BTICTL_DIR)/tests
# Commands run against a fake bti_client instead of a socket
# (tests/fake_bti_client.c); parsing tests build messages with
# tests/nlmsg_build.c; bti_client itself runs over a fake genl_socket
# (tests/fake_genl_socket.c).
BTICTL_ADDR_UNITS := endpoint
BTICTL_KEY_UNITS := key_file key_derive secret_wipe bti_suites
BTICTL_REPLY_UNITS := session_reply bti_reply bti_names nl_attr_parse \
	nl_error $(BTICTL_ADDR_UNITS)
BTICTL_CMD_UNITS := cli cli_report cmd_help commands cmd_version cmd_stats \
	json_writer bti_names nl_error session_args cmd_session \
	cmd_session_show session_print cmd_monitor event_print stop_signal \
	ready_file $(BTICTL_KEY_UNITS) $(BTICTL_REPLY_UNITS)
BTICTL_TEST_DEPS_test_nl_error := nl_error
BTICTL_TEST_DEPS_test_nl_attr_parse := nl_attr_parse
BTICTL_TEST_DEPS_test_nl_reply := nl_reply nl_attr_parse nl_error
BTICTL_TEST_DEPS_test_ctrl_reply := ctrl_reply nl_attr_parse nl_error
BTICTL_TEST_DEPS_test_bti_names := bti_names
BTICTL_TEST_DEPS_test_bti_reply := bti_reply bti_names nl_attr_parse nl_error
BTICTL_TEST_DEPS_test_json_writer := json_writer
BTICTL_TEST_DEPS_test_genl_socket := genl_socket ctrl_reply nl_reply \
	nl_attr_parse nl_error
BTICTL_TEST_DEPS_test_secret_wipe := secret_wipe
BTICTL_TEST_DEPS_test_endpoint := $(BTICTL_ADDR_UNITS)
BTICTL_TEST_DEPS_test_bti_suites := bti_suites
BTICTL_TEST_DEPS_test_key_derive := key_derive secret_wipe bti_suites
BTICTL_TEST_DEPS_test_key_file := $(BTICTL_KEY_UNITS)
BTICTL_TEST_DEPS_test_session_args := session_args bti_suites \
	$(BTICTL_ADDR_UNITS)
BTICTL_TEST_DEPS_test_session_request := session_request secret_wipe \
	$(BTICTL_ADDR_UNITS)
BTICTL_TEST_DEPS_test_bti_extack_attr := bti_extack_attr bti_names \
	session_request nl_error secret_wipe $(BTICTL_ADDR_UNITS)
BTICTL_TEST_DEPS_test_session_reply := $(BTICTL_REPLY_UNITS)
BTICTL_TEST_DEPS_test_session_print := session_print bti_suites \
	json_writer $(BTICTL_REPLY_UNITS)
BTICTL_TEST_DEPS_test_bti_client := bti_client bti_extack_attr \
	session_request secret_wipe event_reply $(BTICTL_REPLY_UNITS)
BTICTL_TEST_DEPS_test_event_reply := event_reply nl_attr_parse nl_error \
	$(BTICTL_ADDR_UNITS)
BTICTL_TEST_DEPS_test_event_print := event_print event_reply session_print \
	bti_suites json_writer bti_names nl_attr_parse nl_error \
	$(BTICTL_ADDR_UNITS)
BTICTL_TEST_DEPS_test_cli := $(BTICTL_CMD_UNITS)
BTICTL_TEST_DEPS_test_cmd_version := $(BTICTL_CMD_UNITS)
BTICTL_TEST_DEPS_test_cmd_stats := $(BTICTL_CMD_UNITS)
BTICTL_TEST_DEPS_test_cmd_session := $(BTICTL_CMD_UNITS)
BTICTL_TEST_DEPS_test_cmd_session_show := $(BTICTL_CMD_UNITS)
BTICTL_TEST_DEPS_test_cmd_monitor := $(BTICTL_CMD_UNITS)
BTICTL_FAKE := $(BT)/fake_bti_client.o $(BT)/run_capture.o \
	$(LIB_SRTP_KDF_OBJS)
BTICTL_BUILD := $(BT)/nlmsg_build.o
# RFC vectors as hex strings (lib/tests/test_hex.c, rfc3711_b3.h), and
# AES-GCM keys held against libsrtp2 (lib/tests/libsrtp_gcm.h).
BTICTL_KDF := $(LIB_SRTP_KDF_OBJS) $(LT)/test_hex.o $(LIB_LIBSRTP_GCM_OBJS)
BTICTL_TEST_LIBS_test_key_derive = $(LIBSRTP_LIBS)
BTICTL_TEST_LIBS_test_key_file = $(LIBSRTP_LIBS)
BTICTL_TEST_EXTRA_test_nl_attr_parse := $(BTICTL_BUILD)
BTICTL_TEST_EXTRA_test_nl_reply := $(BTICTL_BUILD)
BTICTL_TEST_EXTRA_test_ctrl_reply := $(BTICTL_BUILD)
BTICTL_TEST_EXTRA_test_bti_reply := $(BTICTL_BUILD)
BTICTL_TEST_EXTRA_test_key_derive := $(BTICTL_KDF)
BTICTL_TEST_EXTRA_test_session_request := $(BTICTL_BUILD)
BTICTL_TEST_EXTRA_test_bti_extack_attr := $(BTICTL_BUILD)
BTICTL_TEST_EXTRA_test_key_file := $(BTICTL_KDF)
# Session replies as the kernel builds them.
BTICTL_SESSION_BUILD := $(BTICTL_BUILD) $(BT)/session_msg_build.o
BTICTL_TEST_EXTRA_test_session_reply := $(BTICTL_SESSION_BUILD)
BTICTL_TEST_EXTRA_test_session_print := $(BTICTL_SESSION_BUILD)
# Events as the kernel multicasts them.
BTICTL_EVENT_BUILD := $(BTICTL_SESSION_BUILD) $(BT)/event_msg_build.o
BTICTL_TEST_EXTRA_test_event_reply := $(BTICTL_EVENT_BUILD)
BTICTL_TEST_EXTRA_test_event_print := $(BTICTL_EVENT_BUILD)
BTICTL_TEST_EXTRA_test_bti_client := $(BTICTL_EVENT_BUILD) \
	$(BT)/fake_genl_socket.o
BTICTL_TEST_EXTRA_test_cli := $(BTICTL_FAKE)
BTICTL_TEST_EXTRA_test_cmd_version := $(BTICTL_FAKE)
BTICTL_TEST_EXTRA_test_cmd_stats := $(BTICTL_FAKE)
BTICTL_TEST_EXTRA_test_cmd_session := $(BTICTL_FAKE) $(LT)/test_hex.o
BTICTL_TEST_EXTRA_test_cmd_session_show := $(BTICTL_FAKE)
BTICTL_TEST_EXTRA_test_cmd_monitor := $(BTICTL_FAKE)

BTICTL_TESTS := test_nl_error test_nl_attr_parse test_nl_reply \
	test_ctrl_reply test_bti_names test_bti_reply test_json_writer \
	test_genl_socket test_cli test_cmd_version test_cmd_stats \
	test_secret_wipe test_endpoint test_bti_suites \
	test_key_derive test_key_file test_session_args \
	test_session_request test_bti_extack_attr test_session_reply \
	test_session_print test_bti_client test_cmd_session \
	test_cmd_session_show test_event_reply test_event_print \
	test_cmd_monitor

$(BT)/%.o: $(BT)/%.c | test-deps lib-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(BTICTL_DIR) -I$(LIB_DIR) -I$(LT) $(MNL_CFLAGS) $(CRYPTO_CFLAGS) $(CMOCKA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

define btictl_test_rule
$(BT)/$(1): $(BT)/$(1).o $(patsubst %,$(BTICTL_DIR)/%.o,$(BTICTL_TEST_DEPS_$(1))) $(BTICTL_TEST_EXTRA_$(1)) $(LIB_PARSE_OBJS)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS) $$(MNL_LIBS) $$(BTICTL_TEST_LIBS_$(1)) $$(CRYPTO_LIBS) $$(LDLIBS)
endef
$(foreach t,$(BTICTL_TESTS),$(eval $(call btictl_test_rule,$(t))))

UNIT_TESTS += $(addprefix $(BT)/,$(BTICTL_TESTS))

CLEAN_FILES += $(BTICTL_DIR)/btictl $(BTICTL_DIR)/*.o $(BTICTL_DIR)/*.d \
	$(BT)/*.o $(BT)/*.d $(addprefix $(BT)/,$(BTICTL_TESTS))

-include $(wildcard $(BTICTL_DIR)/*.d $(BT)/*.d)
