# SPDX-License-Identifier: GPL-2.0-only
#
# srtp-craft: protect given test packets with libsrtp2 and print them, so
# that the kselftests can send packets whose tag verifies but whose
# content lies. Included by tools/Makefile after srtp-peer.mk, whose key
# file, suite and libsrtp2 session code it links; paths are relative to
# tools/.
#
#   srtp-craft/srtp-craft                the program
#   srtp-craft/tests/srtp_craft_test     its test (TAP), in "make check"

SRTP_CRAFT_DIR := srtp-craft
SRTP_CRAFT_OBJS := $(SRTP_CRAFT_DIR)/craft.o $(SRTP_CRAFT_DIR)/main.o
SRTP_CRAFT_PEER_OBJS := $(patsubst %,$(SRTP_PEER_DIR)/%.o,errbuf \
	suite key_file srtp_session)

$(SRTP_CRAFT_DIR)/%.o: $(SRTP_CRAFT_DIR)/%.c | srtp-peer-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(SRTP_PEER_DIR) -I$(LIB_DIR) $(SRTP_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

$(SRTP_CRAFT_DIR)/srtp-craft: $(SRTP_CRAFT_OBJS) $(SRTP_CRAFT_PEER_OBJS) $(LIB_PARSE_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(SRTP_LIBS) $(LDLIBS)

PROGRAMS += $(SRTP_CRAFT_DIR)/srtp-craft

# A shell script run like the unit tests; its TAP goes to $(RESULTS).
$(SRTP_CRAFT_DIR)/tests/srtp_craft_test: $(SRTP_CRAFT_DIR)/tests/srtp_craft_test.sh $(SRTP_CRAFT_DIR)/srtp-craft
	install -m 0755 $< $@

UNIT_TESTS += $(SRTP_CRAFT_DIR)/tests/srtp_craft_test

CLEAN_FILES += $(SRTP_CRAFT_DIR)/srtp-craft $(SRTP_CRAFT_DIR)/*.o \
	$(SRTP_CRAFT_DIR)/*.d $(SRTP_CRAFT_DIR)/tests/srtp_craft_test

-include $(wildcard $(SRTP_CRAFT_DIR)/*.d)
