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

# Provisioning protocol codec (Documentation/protocol.rst): frames,
# fields and every message; strict, bounded, no allocation. A program
# links $(LIB_PROTO_OBJS) and $(CRYPTO_LIBS). Fuzz targets: lib/fuzz/.
LIB_PROTO_UNITS := proto_diag proto_names proto_spec proto_values \
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
