# SPDX-License-Identifier: GPL-2.0-only
#
# psd: bti-psd, the provisioning server's control channel. Included by
# tools/Makefile after lib/lib.mk, btictl/btictl.mk and store/store.mk;
# paths are relative to tools/.
#
#   psd/bti-psd                 the daemon
#   psd/tests/test_psd_e2e      the daemon on loopback with a fresh SQLite
#                               store and a test PKI, driven by the BTI
#                               engine over TCP
#   psd/tests/test_psd_ivr      the same, with the IVR: the prompt and the
#                               digits over SRTP (libsrtp2 on the test's
#                               side), injections, timers, many calls
#   psd/tests/test_psd_kill     the daemon SIGKILLed at each step of a
#                               provisioning run, restarted on the same
#                               store, the BTI's retry, the store checked

PSD_DIR := psd
PSD_UNITS := psd_config psd_log psd_setup psd_store psd_media psd_srtp \
	psd_prompt psd_ivr psd_server
PSD_OBJS := $(patsubst %,$(PSD_DIR)/%.o,$(PSD_UNITS))
PSD_LINK := $(PSD_OBJS) $(BTICTL_DIR)/stop_signal.o \
	$(sort $(LIB_ENGINE_OBJS) $(LIB_KS_OBJS) $(LIB_PROTO_OBJS) \
	$(LIB_PARSE_OBJS) $(LIB_DAEMON_OBJS) $(STORE_LIB_OBJS) \
	$(LIB_MEDIA_OBJS) \
	$(patsubst %,$(LIB_DIR)/%.o,x509_verify pki_files state_file)) \
	$(STORE_OBJS)

$(PSD_DIR)/%.o: $(PSD_DIR)/%.c | lib-deps store-deps lib-test-srtp-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LIB_DIR) -I$(BTICTL_DIR) -I$(STORE_DIR) $(CRYPTO_CFLAGS) $(STORE_CFLAGS) $(LIBSRTP_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

# The IVR's SRTP is libsrtp2.
$(PSD_DIR)/bti-psd: $(PSD_DIR)/main.o $(PSD_LINK)
	$(CC) $(LDFLAGS) -o $@ $^ $(STORE_LIBS) $(LIBSRTP_LIBS) $(CRYPTO_LIBS) $(LDLIBS)

PROGRAMS += $(PSD_DIR)/bti-psd

PDT := $(PSD_DIR)/tests
PSD_TESTS := test_psd_e2e test_psd_ivr test_psd_kill
$(addprefix $(PDT)/,$(PSD_TESTS)): $(PSD_DIR)/bti-psd
PSD_TEST_EXTRA := $(PDT)/psd_fixture.o $(LT)/test_pki.o $(LT)/daemon_run.o \
	$(LIB_DIR)/x509_issue.o
# The BTI side with the IVR's media (libsrtp2).
$(PDT)/test_psd_ivr $(PDT)/test_psd_kill: $(PDT)/psd_bti.o

$(PDT)/%.o: $(PDT)/%.c | test-deps lib-deps store-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(PSD_DIR) -I$(LIB_DIR) -I$(LT) -I$(STORE_DIR) $(CRYPTO_CFLAGS) $(STORE_CFLAGS) $(LIBSRTP_CFLAGS) $(CMOCKA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

define psd_test_rule
$(PDT)/$(1): $(PDT)/$(1).o $(PSD_LINK) $(PSD_TEST_EXTRA)
	$$(CC) $$(LDFLAGS) -o $$@ $$(filter %.o,$$^) $$(CMOCKA_LIBS) $$(STORE_LIBS) $$(LIBSRTP_LIBS) $$(CRYPTO_LIBS) $$(LDLIBS)
endef
$(foreach t,$(PSD_TESTS),$(eval $(call psd_test_rule,$(t))))

UNIT_TESTS += $(addprefix $(PDT)/,$(PSD_TESTS))

CLEAN_FILES += $(PSD_DIR)/bti-psd $(PSD_DIR)/*.o $(PSD_DIR)/*.d \
	$(PDT)/*.o $(PDT)/*.d $(addprefix $(PDT)/,$(PSD_TESTS))

-include $(wildcard $(PSD_DIR)/*.d $(PDT)/*.d)
