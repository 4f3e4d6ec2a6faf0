# SPDX-License-Identifier: GPL-2.0-only
#
# srtp-peer: an independent SRTP/SRTCP peer on libsrtp2, to test and
# benchmark bti.ko. Included by tools/Makefile; paths are relative to
# tools/.
#
#   srtp-peer/srtp-peer                        the program
#   srtp-peer/tests/test_*                     cmocka unit tests
#   srtp-peer/tests/srtp_peer_loopback         send/recv over 127.0.0.1
#                                              and ::1, TAP output

SRTP_PEER_DIR := srtp-peer

# libsrtp2 (Debian 12: libsrtp2-dev 2.5); evaluated only when used.
SRTP_CFLAGS = $(shell $(PKG_CONFIG) --cflags libsrtp2)
SRTP_LIBS = $(shell $(PKG_CONFIG) --libs libsrtp2)

# Parsing and packets (no sockets, no command line): the unit-tested core.
SRTP_PEER_CORE := errbuf number_parse suite key_file address \
	impair_spec prng pick payload rtp_packet rtcp_packet index_track \
	flip_area impairer srtp_session srtcp_index rx_summary tx_stream \
	rx_stream
# Sockets, clocks, command line and commands.
SRTP_PEER_CLI := clock_ns pacer udp_socket ready_file stop_signal options \
	rx_timeouts key_load usage cli cmd_send cmd_recv cmd_relay cmd_bench

SRTP_PEER_OBJS := $(patsubst %,$(SRTP_PEER_DIR)/%.o,$(SRTP_PEER_CORE) \
	$(SRTP_PEER_CLI) main)

.PHONY: srtp-peer-deps
# srtp_set_stream_roc() and srtp_get_stream_roc() came with 2.3.
srtp-peer-deps:
	@$(PKG_CONFIG) --atleast-version=2.3 libsrtp2 || \
		{ echo "tools: libsrtp2 >= 2.3 not found by $(PKG_CONFIG) (install libsrtp2-dev)" >&2; exit 1; }

# Numbers and hex digits: lib/num_parse and lib/hex_decode.
$(SRTP_PEER_DIR)/%.o: $(SRTP_PEER_DIR)/%.c | srtp-peer-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LIB_DIR) $(SRTP_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

$(SRTP_PEER_DIR)/srtp-peer: $(SRTP_PEER_OBJS) $(LIB_PARSE_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(SRTP_LIBS) $(LDLIBS)

PROGRAMS += $(SRTP_PEER_DIR)/srtp-peer

# Unit tests: one test file per unit, linked with the objects it needs.
SPT := $(SRTP_PEER_DIR)/tests
SRTP_PEER_TEST_DEPS_test_number_parse := number_parse
SRTP_PEER_TEST_DEPS_test_key_file := key_file suite errbuf
SRTP_PEER_TEST_DEPS_test_address := address number_parse errbuf
SRTP_PEER_TEST_DEPS_test_impair_spec := impair_spec number_parse errbuf
SRTP_PEER_TEST_DEPS_test_pick := pick prng
SRTP_PEER_TEST_DEPS_test_payload := payload prng rtp_packet rtcp_packet
SRTP_PEER_TEST_DEPS_test_index_track := index_track
SRTP_PEER_TEST_DEPS_test_impairer := impairer flip_area pick prng errbuf \
	suite impair_spec number_parse
SRTP_PEER_TEST_DEPS_test_srtp_streams := tx_stream rx_stream \
	srtp_session srtcp_index suite flip_area index_track rx_summary \
	rtp_packet rtcp_packet payload prng errbuf key_file
SRTP_PEER_TEST_DEPS_test_options := options address number_parse \
	impair_spec suite errbuf

SRTP_PEER_TESTS := test_number_parse test_key_file test_address \
	test_impair_spec test_pick test_payload test_index_track \
	test_impairer test_srtp_streams test_options

$(SPT)/%.o: $(SPT)/%.c | srtp-peer-deps test-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(SRTP_PEER_DIR) -I$(LIB_DIR) $(SRTP_CFLAGS) $(CMOCKA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

define srtp_peer_test_rule
$(SPT)/$(1): $(SPT)/$(1).o $(patsubst %,$(SRTP_PEER_DIR)/%.o,$(SRTP_PEER_TEST_DEPS_$(1))) $(LIB_PARSE_OBJS)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS) $$(SRTP_LIBS) $$(LDLIBS)
endef
$(foreach t,$(SRTP_PEER_TESTS),$(eval $(call srtp_peer_test_rule,$(t))))

# The loopback test is a shell script that runs srtp-peer; "make check"
# runs it like the others and its TAP goes to $(RESULTS).
$(SPT)/srtp_peer_loopback: $(SPT)/srtp_peer_loopback.sh $(SRTP_PEER_DIR)/srtp-peer
	install -m 0755 $< $@

UNIT_TESTS += $(addprefix $(SPT)/,$(SRTP_PEER_TESTS)) \
	$(SPT)/srtp_peer_loopback

CLEAN_FILES += $(SRTP_PEER_DIR)/srtp-peer $(SRTP_PEER_DIR)/*.o \
	$(SRTP_PEER_DIR)/*.d $(SPT)/*.o $(SPT)/*.d \
	$(addprefix $(SPT)/,$(SRTP_PEER_TESTS)) $(SPT)/srtp_peer_loopback

-include $(wildcard $(SRTP_PEER_DIR)/*.d $(SPT)/*.d)
