# SPDX-License-Identifier: GPL-2.0-only
#
# btictl: the admin CLI. Included by tools/Makefile; paths are relative
# to tools/.

BTICTL_DIR := btictl

# Transport and parsing (no command line).
BTICTL_CORE := nl_error nl_attr_parse nl_reply ctrl_reply genl_socket \
	bti_names bti_reply bti_client json_writer
# Command line and commands.
BTICTL_CLI := cli cli_report cmd_help commands cmd_version cmd_stats

BTICTL_OBJS := $(patsubst %,$(BTICTL_DIR)/%.o,$(BTICTL_CORE) $(BTICTL_CLI) main)

$(BTICTL_DIR)/%.o: $(BTICTL_DIR)/%.c | deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) $(MNL_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BTICTL_DIR)/btictl: $(BTICTL_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(MNL_LIBS) $(LDLIBS)

PROGRAMS += $(BTICTL_DIR)/btictl

# Unit tests: one test file per unit, linked with the objects it needs.
BT := $(BTICTL_DIR)/tests
# Commands run against a fake bti_client instead of a socket
# (tests/fake_bti_client.c); parsing tests build messages with
# tests/nlmsg_build.c.
BTICTL_CMD_UNITS := cli cli_report cmd_help commands cmd_version cmd_stats \
	json_writer bti_names nl_error
BTICTL_TEST_DEPS_test_nl_error := nl_error
BTICTL_TEST_DEPS_test_nl_attr_parse := nl_attr_parse
BTICTL_TEST_DEPS_test_nl_reply := nl_reply nl_attr_parse nl_error
BTICTL_TEST_DEPS_test_ctrl_reply := ctrl_reply nl_attr_parse nl_error
BTICTL_TEST_DEPS_test_bti_names := bti_names
BTICTL_TEST_DEPS_test_bti_reply := bti_reply bti_names nl_attr_parse nl_error
BTICTL_TEST_DEPS_test_json_writer := json_writer
BTICTL_TEST_DEPS_test_genl_socket := genl_socket ctrl_reply nl_reply \
	nl_attr_parse nl_error
BTICTL_TEST_DEPS_test_cli := $(BTICTL_CMD_UNITS)
BTICTL_TEST_DEPS_test_cmd_version := $(BTICTL_CMD_UNITS)
BTICTL_TEST_DEPS_test_cmd_stats := $(BTICTL_CMD_UNITS)
BTICTL_FAKE := $(BT)/fake_bti_client.o $(BT)/run_capture.o
BTICTL_BUILD := $(BT)/nlmsg_build.o
BTICTL_TEST_EXTRA_test_nl_attr_parse := $(BTICTL_BUILD)
BTICTL_TEST_EXTRA_test_nl_reply := $(BTICTL_BUILD)
BTICTL_TEST_EXTRA_test_ctrl_reply := $(BTICTL_BUILD)
BTICTL_TEST_EXTRA_test_bti_reply := $(BTICTL_BUILD)
BTICTL_TEST_EXTRA_test_cli := $(BTICTL_FAKE)
BTICTL_TEST_EXTRA_test_cmd_version := $(BTICTL_FAKE)
BTICTL_TEST_EXTRA_test_cmd_stats := $(BTICTL_FAKE)

BTICTL_TESTS := test_nl_error test_nl_attr_parse test_nl_reply \
	test_ctrl_reply test_bti_names test_bti_reply test_json_writer \
	test_genl_socket test_cli test_cmd_version test_cmd_stats

$(BT)/%.o: $(BT)/%.c | test-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(BTICTL_DIR) $(MNL_CFLAGS) $(CMOCKA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

define btictl_test_rule
$(BT)/$(1): $(BT)/$(1).o $(patsubst %,$(BTICTL_DIR)/%.o,$(BTICTL_TEST_DEPS_$(1))) $(BTICTL_TEST_EXTRA_$(1))
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS) $$(MNL_LIBS) $$(LDLIBS)
endef
$(foreach t,$(BTICTL_TESTS),$(eval $(call btictl_test_rule,$(t))))

UNIT_TESTS += $(addprefix $(BT)/,$(BTICTL_TESTS))

CLEAN_FILES += $(BTICTL_DIR)/btictl $(BTICTL_DIR)/*.o $(BTICTL_DIR)/*.d \
	$(BT)/*.o $(BT)/*.d $(addprefix $(BT)/,$(BTICTL_TESTS))

-include $(wildcard $(BTICTL_DIR)/*.d $(BT)/*.d)
