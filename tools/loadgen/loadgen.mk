# SPDX-License-Identifier: GPL-2.0-only
#
# bti-loadgen: a software BTI that runs many provisionings at once
# against bti-gcd and bti-psd (tools/loadgen/README.md). Included by
# tools/Makefile; paths are relative to tools/.
#
#   lg_srtp   the call's SRTP with libsrtp2 (no bti.ko here)
#   lg_prov   one provisioning as a state machine: GC, PS, call, DTMF
#   lg_stats  outcomes per reason, latency percentiles, the report
#   lg_run    the epoll loop: N at a time, every one ends counted
#   lg_cli    the command line; main.c calls it
#
#   loadgen/tests/loadgen_e2e.sh  200 concurrent provisionings against
#                                 bti-gcd and bti-psd on loopback

LG_DIR := loadgen
LG_UNITS := lg_srtp lg_prov lg_stats lg_run lg_cli
LG_OBJS := $(patsubst %,$(LG_DIR)/%.o,$(LG_UNITS))
LG_LIB_OBJS := $(sort $(patsubst %,$(LIB_DIR)/%.o,lib_error gc_client \
	x509_verify rtp_header dtmf_event dtmf_tx frame_conn) $(LIB_ENGINE_OBJS) \
	$(LIB_KS_OBJS) $(LIB_PROTO_OBJS))

$(LG_DIR)/%.o: $(LG_DIR)/%.c | lib-deps srtp-peer-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LIB_DIR) $(CRYPTO_CFLAGS) $(SRTP_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

$(LG_DIR)/bti-loadgen: $(LG_DIR)/main.o $(LG_OBJS) $(LG_LIB_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(SRTP_LIBS) $(CRYPTO_LIBS) $(LDLIBS)
PROGRAMS += $(LG_DIR)/bti-loadgen

# Unit tests of lg_srtp (against RFC 7714 as tests/rfc7714_seal writes
# it, with lib/srtp_kdf's session keys), lg_stats and lib/frame_conn.
LGT := $(LG_DIR)/tests
$(LGT)/%.o: $(LGT)/%.c | test-deps lib-deps srtp-peer-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LG_DIR) -I$(LIB_DIR) -I$(LT) $(CRYPTO_CFLAGS) $(SRTP_CFLAGS) $(CMOCKA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<
$(LGT)/test_lg_units: $(LGT)/test_lg_units.o $(LG_DIR)/lg_srtp.o \
		$(LG_DIR)/lg_stats.o $(LIB_DIR)/frame_conn.o $(LT)/rfc7714_seal.o \
		$(LIB_SRTP_KDF_OBJS) $(LIB_PROTO_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(SRTP_LIBS) $(CRYPTO_LIBS) $(LDLIBS)
UNIT_TESTS += $(LGT)/test_lg_units

# The end-to-end run is a script; "make check" runs it like a test
# binary (it needs the programs it drives).
$(LG_DIR)/tests/loadgen_e2e: $(LG_DIR)/tests/loadgen_e2e.sh \
		$(LG_DIR)/bti-loadgen gcd/bti-gcd psd/bti-psd psadm/bti-psadm
	cp $< $@ && chmod 0755 $@
UNIT_TESTS += $(LG_DIR)/tests/loadgen_e2e

CLEAN_FILES += $(LG_DIR)/bti-loadgen $(LG_DIR)/*.o $(LG_DIR)/*.d \
	$(LG_DIR)/tests/loadgen_e2e $(LGT)/*.o $(LGT)/*.d $(LGT)/test_lg_units

-include $(wildcard $(LG_DIR)/*.d $(LGT)/*.d)
