# SPDX-License-Identifier: GPL-2.0-only
#
# lib: code shared by the userspace programs. Included by tools/Makefile;
# paths are relative to tools/.
#
#   srtp_aes_cm   AES counter mode keystream (RFC 3711 §4.1.1, RFC 6188)
#   srtp_kdf      SRTP/SRTCP key derivation (RFC 3711 §4.3, RFC 6188 §3)
#
# A program that derives SRTP keys links $(LIB_SRTP_KDF_OBJS) and
# $(CRYPTO_LIBS), and adds -I$(LIB_DIR) to its compile flags.

LIB_DIR := lib

# OpenSSL 3 (libcrypto); evaluated only when used.
CRYPTO_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcrypto)
CRYPTO_LIBS = $(shell $(PKG_CONFIG) --libs libcrypto)

LIB_SRTP_KDF_OBJS := $(LIB_DIR)/srtp_kdf.o $(LIB_DIR)/srtp_aes_cm.o

.PHONY: lib-deps
lib-deps:
	@$(PKG_CONFIG) --atleast-version=3.0 libcrypto || \
		{ echo "tools: OpenSSL >= 3.0 (libcrypto) not found by $(PKG_CONFIG) (install libssl-dev)" >&2; exit 1; }

$(LIB_DIR)/%.o: $(LIB_DIR)/%.c | lib-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) $(CRYPTO_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

# Unit tests: one test file per unit, linked with the objects it needs.
LT := $(LIB_DIR)/tests
LIB_TEST_DEPS_test_srtp_aes_cm := srtp_aes_cm
LIB_TEST_DEPS_test_srtp_kdf := srtp_kdf srtp_aes_cm

LIB_TESTS := test_srtp_aes_cm test_srtp_kdf
# Every test reads its RFC vectors as hex strings.
LIB_TEST_EXTRA := $(LT)/test_hex.o

$(LT)/%.o: $(LT)/%.c | lib-deps test-deps
	$(CC) $(CPPFLAGS) $(BASE_CPPFLAGS) -I$(LIB_DIR) $(CRYPTO_CFLAGS) $(CMOCKA_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -c -o $@ $<

define lib_test_rule
$(LT)/$(1): $(LT)/$(1).o $(patsubst %,$(LIB_DIR)/%.o,$(LIB_TEST_DEPS_$(1))) $(LIB_TEST_EXTRA)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS) $$(CRYPTO_LIBS) $$(LDLIBS)
endef
$(foreach t,$(LIB_TESTS),$(eval $(call lib_test_rule,$(t))))

UNIT_TESTS += $(addprefix $(LT)/,$(LIB_TESTS))

CLEAN_FILES += $(LIB_DIR)/*.o $(LIB_DIR)/*.d \
	$(LT)/*.o $(LT)/*.d $(addprefix $(LT)/,$(LIB_TESTS))

-include $(wildcard $(LIB_DIR)/*.d $(LT)/*.d)

# ---- Provisioning crypto (doc: ../Documentation/crypto.rst) ----
#   lib_error     error code + message of these units
#   hkdf          HKDF-SHA256 extract/expand (RFC 5869) on EVP_KDF
#   hpke_labeled  LabeledExtract/LabeledExpand (RFC 9180 §4)
#   hpke_dhkem    DHKEM(X25519, HKDF-SHA256) (RFC 9180 §4.1, §7.1)
#   hpke          RFC 9180 base mode, HKDF-SHA256, AES-128-GCM
#   ed25519_sig   Ed25519 sign/verify (RFC 8032), proof of possession
#   x509_verify   PS certificate chain against the SP root (RFC 8410)
#   state_file    crash-safe 0600 small-file store
# Link $(LIB_PROV_OBJS) and $(CRYPTO_LIBS).
LIB_PROV_UNITS := lib_error hkdf hpke_labeled hpke_dhkem hpke ed25519_sig \
	x509_verify state_file
LIB_PROV_OBJS := $(patsubst %,$(LIB_DIR)/%.o,$(LIB_PROV_UNITS))
LIB_HPKE_UNITS := lib_error hkdf hpke_labeled hpke_dhkem hpke
LIB_TEST_DEPS_test_hkdf := lib_error hkdf
LIB_TEST_DEPS_test_hpke := $(LIB_HPKE_UNITS)
LIB_TEST_DEPS_test_ed25519_sig := lib_error ed25519_sig
LIB_TEST_DEPS_test_x509_verify := lib_error x509_verify tests/test_pki
LIB_TEST_DEPS_test_state_file := lib_error state_file
LIB_PROV_TESTS := test_hkdf test_hpke test_ed25519_sig test_x509_verify \
	test_state_file
$(foreach t,$(LIB_PROV_TESTS),$(eval $(call lib_test_rule,$(t))))
UNIT_TESTS += $(addprefix $(LT)/,$(LIB_PROV_TESTS))
CLEAN_FILES += $(addprefix $(LT)/,$(LIB_PROV_TESTS))
