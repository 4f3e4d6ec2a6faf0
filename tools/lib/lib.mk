# SPDX-License-Identifier: GPL-2.0-only
#
# lib: code shared by the userspace programs. Included by tools/Makefile;
# paths are relative to tools/.
#
#   srtp_aes_cm   AES counter mode keystream (RFC 3711 §4.1.1, RFC 6188)
#   srtp_kdf      SRTP/SRTCP key derivation (RFC 3711 §4.3, RFC 6188 §3,
#                 RFC 7714 §11)
#   num_parse     strict unsigned numbers (decimal, 0x hex)
#   hex_decode    hex digits to octets
#
# A program that derives SRTP keys links $(LIB_SRTP_KDF_OBJS) and
# $(CRYPTO_LIBS); one that parses numbers or hex links $(LIB_PARSE_OBJS)
# (no library). Both add -I$(LIB_DIR) to their compile flags.
#
# Test helpers other tests may link (tests/):
#   test_hex      RFC hex strings to octets
#   rfc7714_seal  AES-GCM SRTP/SRTCP protection written from RFC 7714
#   libsrtp_gcm   AES-GCM session keys held against libsrtp2's
#                 (link $(LIB_LIBSRTP_GCM_OBJS) and $(LIBSRTP_LIBS))

LIB_DIR := lib

# OpenSSL 3 (libcrypto); evaluated only when used.
CRYPTO_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcrypto)
CRYPTO_LIBS = $(shell $(PKG_CONFIG) --libs libcrypto)

LIB_SRTP_KDF_OBJS := $(LIB_DIR)/srtp_kdf.o $(LIB_DIR)/srtp_aes_cm.o
LIB_PARSE_OBJS := $(LIB_DIR)/num_parse.o $(LIB_DIR)/hex_decode.o

# libsrtp2 (Debian 12: libsrtp2-dev 2.5), for the tests that compare with
# it; evaluated only when used.
LIBSRTP_CFLAGS = $(shell $(PKG_CONFIG) --cflags libsrtp2)
LIBSRTP_LIBS = $(shell $(PKG_CONFIG) --libs libsrtp2)

.PHONY: lib-deps
lib-deps:
	@$(PKG_CONFIG) --atleast-version=3.0 libcrypto || \
		{ echo "tools: OpenSSL >= 3.0 (libcrypto) not found by $(PKG_CONFIG) (install libssl-dev)" >&2; exit 1; }

.PHONY: lib-test-srtp-deps
lib-test-srtp-deps:
	@$(PKG_CONFIG) --exists libsrtp2 || \
		{ echo "tools: libsrtp2 not found by $(PKG_CONFIG) (install libsrtp2-dev)" >&2; exit 1; }

$(LIB_DIR)/%.o: $(LIB_DIR)/%.c | lib-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) $(CRYPTO_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

# Unit tests: one test file per unit, linked with the objects it needs.
LT := $(LIB_DIR)/tests
LIB_TEST_DEPS_test_srtp_aes_cm := srtp_aes_cm
LIB_TEST_DEPS_test_srtp_kdf := srtp_kdf srtp_aes_cm
LIB_TEST_DEPS_test_srtp_kdf_libsrtp := srtp_kdf srtp_aes_cm
LIB_TEST_DEPS_test_num_parse := num_parse hex_decode
LIB_TEST_DEPS_test_hex_decode := hex_decode

# The helpers that protect a packet with libsrtp2 and with OpenSSL.
LIB_LIBSRTP_GCM_OBJS := $(LT)/libsrtp_gcm.o $(LT)/rfc7714_seal.o
LIB_TEST_EXTRA_test_srtp_kdf_libsrtp := $(LIB_LIBSRTP_GCM_OBJS)
LIB_TEST_LIBS_test_srtp_kdf_libsrtp = $(LIBSRTP_LIBS)

LIB_TESTS := test_srtp_aes_cm test_srtp_kdf test_srtp_kdf_libsrtp \
	test_num_parse test_hex_decode
# Every test reads its RFC vectors as hex strings.
LIB_TEST_EXTRA := $(LT)/test_hex.o

# The RFC 7714 examples are those of the in-kernel tests.
$(LT)/libsrtp_gcm.o $(LT)/test_srtp_kdf_libsrtp.o: | lib-test-srtp-deps
$(LT)/libsrtp_gcm.o $(LT)/test_srtp_kdf_libsrtp.o: \
	LT_EXTRA_CFLAGS = $(LIBSRTP_CFLAGS) -I$(CURDIR)/../selftests/kmod_test

$(LT)/%.o: $(LT)/%.c | lib-deps test-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LIB_DIR) $(CRYPTO_CFLAGS) $(CMOCKA_CFLAGS) $(LT_EXTRA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

define lib_test_rule
$(LT)/$(1): $(LT)/$(1).o $(patsubst %,$(LIB_DIR)/%.o,$(LIB_TEST_DEPS_$(1))) $(LIB_TEST_EXTRA_$(1)) $(LIB_TEST_EXTRA)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS) $$(LIB_TEST_LIBS_$(1)) $$(CRYPTO_LIBS) $$(LDLIBS)
endef
$(foreach t,$(LIB_TESTS),$(eval $(call lib_test_rule,$(t))))

UNIT_TESTS += $(addprefix $(LT)/,$(LIB_TESTS))

CLEAN_FILES += $(LIB_DIR)/*.o $(LIB_DIR)/*.d \
	$(LT)/*.o $(LT)/*.d $(addprefix $(LT)/,$(LIB_TESTS))

# Provisioning protocol codec (Documentation/protocol.rst): frames,
# fields and every message; strict, bounded, no allocation. A program
# links $(LIB_PROTO_OBJS) and $(CRYPTO_LIBS). Fuzz targets: lib/fuzz/.
LIB_PROTO_UNITS := proto_diag proto_names proto_spec proto_values proto_sockaddr \
	proto_tlv proto_fields proto_frame proto_msg proto_msg_gc \
	proto_msg_hs proto_msg_session proto_msg_reg proto_msg_error proto_any
LIB_PROTO_OBJS := $(patsubst %,$(LIB_DIR)/%.o,$(LIB_PROTO_UNITS))
LIB_PROTO_TESTS := test_proto_tlv test_proto_values test_proto_fields \
	test_proto_frame test_proto_diag test_proto_msg_gc test_proto_msg_hs \
	test_proto_msg_session test_proto_msg_reg test_proto_msg_error \
	test_proto_any
define lib_proto_test_rule
$(LT)/$(1): $(LT)/$(1).o $(LIB_PROTO_OBJS) $(LT)/proto_test_build.o
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS) $$(CRYPTO_LIBS) $$(LDLIBS)
endef
$(foreach t,$(LIB_PROTO_TESTS),$(eval $(call lib_proto_test_rule,$(t))))
UNIT_TESTS += $(addprefix $(LT)/,$(LIB_PROTO_TESTS))
CLEAN_FILES += $(addprefix $(LT)/,$(LIB_PROTO_TESTS))

-include $(wildcard $(LIB_DIR)/*.d $(LT)/*.d)

# ---- Provisioning crypto (doc: ../Documentation/crypto.rst) ----
#   lib_error     error code + message of these units
#   hkdf          HKDF-SHA256 extract/expand (RFC 5869) on EVP_KDF
#   hpke_labeled  LabeledExtract/LabeledExpand (RFC 9180 §4)
#   hpke_dhkem    DHKEM(X25519, HKDF-SHA256) (RFC 9180 §4.1, §7.1)
#   hpke          RFC 9180 base mode, HKDF-SHA256, AES-128-GCM
#   ed25519_sig   Ed25519 sign/verify (RFC 8032), proof of possession
#   x509_verify   PS certificate chain against the SP root (RFC 8410)
#   x509_issue    make and sign one X.509 v3 certificate
#   state_file    crash-safe 0600 small-file store
#   pki_files     key (0600 enforced) and certificate files, PEM or DER
#   wav_write     a G.711 µ-law WAV file (format 7) through a temp file
#   dtmf_tx       the RFC 4733 packet schedule that keys an entry in
#   frame_conn    a nonblocking TCP connection of protocol frames
# Link $(LIB_PROV_OBJS) and $(CRYPTO_LIBS).
LIB_PROV_UNITS := lib_error hkdf hpke_labeled hpke_dhkem hpke ed25519_sig \
	x509_verify x509_issue state_file
LIB_PROV_OBJS := $(patsubst %,$(LIB_DIR)/%.o,$(LIB_PROV_UNITS))
LIB_HPKE_UNITS := lib_error hkdf hpke_labeled hpke_dhkem hpke
LIB_TEST_DEPS_test_hkdf := lib_error hkdf
LIB_TEST_DEPS_test_hpke := $(LIB_HPKE_UNITS)
LIB_TEST_DEPS_test_ed25519_sig := lib_error ed25519_sig
LIB_TEST_DEPS_test_x509_verify := lib_error x509_verify x509_issue \
	tests/test_pki
LIB_TEST_DEPS_test_state_file := lib_error state_file
LIB_TEST_DEPS_test_wav_write := lib_error wav_write
LIB_TEST_DEPS_test_dtmf_tx := dtmf_tx
LIB_TEST_DEPS_test_x509_issue := lib_error x509_issue
LIB_PROV_TESTS := test_hkdf test_hpke test_ed25519_sig test_x509_verify \
	test_x509_issue test_state_file test_wav_write test_dtmf_tx
$(foreach t,$(LIB_PROV_TESTS),$(eval $(call lib_test_rule,$(t))))
UNIT_TESTS += $(addprefix $(LT)/,$(LIB_PROV_TESTS))
CLEAN_FILES += $(addprefix $(LT)/,$(LIB_PROV_TESTS))

# ---- Provisioning key schedule and records (doc: protocol.rst) ----
#   proto_label       Expand-Label, "bti1 " HkdfLabel (RFC 8446 §7.1)
#   proto_transcript  running SHA-256 over the frames of a run (TH_*)
#   proto_keysched    HS/MA, control keys, SRTP master keys, SSRCs, LTK
#   proto_record      sealed frames: AES-128-GCM records bound to TH
#   proto_cookie      the PS's stateless cookie, single-use set
#   proto_sig         the Ed25519 signature inputs (pop, rekey)
# Link $(LIB_KS_OBJS), $(LIB_PROTO_OBJS) and $(CRYPTO_LIBS).
LIB_KS_UNITS := lib_error hkdf hpke_labeled hpke_dhkem hpke ed25519_sig \
	proto_label proto_transcript proto_keysched proto_record \
	proto_cookie proto_sig
LIB_KS_OBJS := $(patsubst %,$(LIB_DIR)/%.o,$(LIB_KS_UNITS))
LIB_TEST_DEPS_test_proto_label := lib_error hkdf proto_label
LIB_TEST_DEPS_test_proto_transcript := lib_error proto_transcript
LIB_TEST_DEPS_test_proto_keysched := lib_error hkdf hpke_labeled \
	hpke_dhkem hpke proto_label proto_keysched
LIB_TEST_DEPS_test_proto_record := lib_error hkdf hpke_labeled \
	hpke_dhkem hpke proto_transcript proto_record
LIB_TEST_DEPS_test_proto_cookie := lib_error proto_cookie
LIB_TEST_DEPS_test_proto_sig := lib_error ed25519_sig proto_sig
LIB_KS_TESTS := test_proto_label test_proto_transcript test_proto_keysched \
	test_proto_record test_proto_cookie test_proto_sig
# Known answers of our own labels, computed by Python's hashlib and hmac
# from protocol.rst (tests/proto_vectors.py), made at build time.
$(LT)/proto_vectors.h: $(LT)/proto_vectors.py
	python3 $< > $@.tmp && mv $@.tmp $@
$(LT)/test_proto_keysched.o $(LT)/test_proto_cookie.o \
	$(LT)/test_proto_sig.o: $(LT)/proto_vectors.h
CLEAN_FILES += $(LT)/proto_vectors.h
# Each links the units it names and the codec.
define lib_ks_test_rule
$(LT)/$(1): $(LT)/$(1).o $(patsubst %,$(LIB_DIR)/%.o,$(LIB_TEST_DEPS_$(1))) \
		$(LIB_TEST_EXTRA_$(1)) $(LIB_TEST_EXTRA) $(LIB_PROTO_OBJS)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS) $$(CRYPTO_LIBS) $$(LDLIBS)
endef
$(foreach t,$(LIB_KS_TESTS),$(eval $(call lib_ks_test_rule,$(t))))
UNIT_TESTS += $(addprefix $(LT)/,$(LIB_KS_TESTS))
CLEAN_FILES += $(addprefix $(LT)/,$(LIB_KS_TESTS))

# ---- Gate controller client (step 301) ----
#   gc_client     SETUP to the GC, SETUP_ACK or ERROR back, echo checked;
#                 link $(LIB_GC_CLIENT_OBJS) and $(CRYPTO_LIBS).
# Its tests run against bti-gcd and fake GCs: gcd/tests/test_gcd_e2e.
LIB_GC_CLIENT_OBJS := $(LIB_DIR)/gc_client.o $(LIB_DIR)/lib_error.o \
	$(LIB_PROTO_OBJS)

# ---- Provisioning protocol engines (doc: protocol.rst) ----
#   proto_engine      what both engines share
#   proto_bti_engine  the BTI side: HELLO ... REGISTERED, rekey
#   proto_ps_engine   the PS side; store and IVR behind callbacks
# Link $(LIB_ENGINE_OBJS), $(LIB_KS_OBJS), $(LIB_PROTO_OBJS),
# lib/x509_verify.o and $(CRYPTO_LIBS).
LIB_ENGINE_UNITS := proto_engine proto_bti_engine proto_ps_engine
LIB_ENGINE_OBJS := $(patsubst %,$(LIB_DIR)/%.o,$(LIB_ENGINE_UNITS))
# The two engines in memory, a test PKI and a fake store.
LIB_ENGINE_TEST_OBJS := $(LIB_ENGINE_OBJS) $(LIB_KS_OBJS) $(LIB_PROTO_OBJS) \
	$(LIB_DIR)/x509_verify.o $(LIB_DIR)/x509_issue.o \
	$(LT)/test_pki.o $(LT)/engine_harness.o
LIB_ENGINE_TESTS := test_proto_engine
define lib_engine_test_rule
$(LT)/$(1): $(LT)/$(1).o $(LIB_ENGINE_TEST_OBJS)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS) $$(CRYPTO_LIBS) $$(LDLIBS)
endef
$(foreach t,$(LIB_ENGINE_TESTS),$(eval $(call lib_engine_test_rule,$(t))))
# White-box: each includes one engine's source, and links the rest.
LIB_ENGINE_WB_TESTS := test_proto_engine_ps_wb test_proto_engine_bti_wb
$(LT)/test_proto_engine_ps_wb: $(LT)/test_proto_engine_ps_wb.o \
		$(filter-out $(LIB_DIR)/proto_ps_engine.o,$(LIB_ENGINE_TEST_OBJS))
	$(CC) $(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(CRYPTO_LIBS) $(LDLIBS)
$(LT)/test_proto_engine_bti_wb: $(LT)/test_proto_engine_bti_wb.o \
		$(filter-out $(LIB_DIR)/proto_bti_engine.o,$(LIB_ENGINE_TEST_OBJS))
	$(CC) $(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(CRYPTO_LIBS) $(LDLIBS)
UNIT_TESTS += $(addprefix $(LT)/,$(LIB_ENGINE_TESTS) $(LIB_ENGINE_WB_TESTS))
CLEAN_FILES += $(addprefix $(LT)/,$(LIB_ENGINE_TESTS) $(LIB_ENGINE_WB_TESTS))

# ---- Daemons (bti-gcd, bti-psd) ----
#   daemon_util   log to stderr/syslog, ready file, durations
#   daemon_net    clock, ppoll to a deadline, send, drain
# Link $(LIB_DAEMON_OBJS) and $(LIB_PARSE_OBJS).
LIB_DAEMON_OBJS := $(LIB_DIR)/daemon_util.o $(LIB_DIR)/daemon_net.o

# ---- Media of the provisioning call (doc: protocol.rst, steps 306-309) ----
#   rtp_header    RFC 3550 fixed header, built and parsed strictly
#   dtmf_event    RFC 4733 telephone-event payload; the PS's entry collector
#   g711_ulaw     ITU-T G.711 µ-law to and from 16-bit linear
#   wav_read      a prompt WAV file (8000 Hz mono, µ-law or PCM) to µ-law
# Link $(LIB_MEDIA_OBJS) and $(CRYPTO_LIBS).
LIB_MEDIA_UNITS := rtp_header dtmf_event g711_ulaw wav_read lib_error
LIB_MEDIA_OBJS := $(patsubst %,$(LIB_DIR)/%.o,$(LIB_MEDIA_UNITS))
LIB_TEST_DEPS_test_rtp_header := rtp_header
LIB_TEST_DEPS_test_dtmf_event := dtmf_event rtp_header
LIB_TEST_DEPS_test_g711_ulaw := g711_ulaw
LIB_TEST_DEPS_test_wav_read := wav_read g711_ulaw lib_error
LIB_MEDIA_TESTS := test_rtp_header test_dtmf_event test_g711_ulaw \
	test_wav_read
$(foreach t,$(LIB_MEDIA_TESTS),$(eval $(call lib_test_rule,$(t))))
UNIT_TESTS += $(addprefix $(LT)/,$(LIB_MEDIA_TESTS))
CLEAN_FILES += $(addprefix $(LT)/,$(LIB_MEDIA_TESTS))
