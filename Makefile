# SPDX-License-Identifier: GPL-2.0
#
# bti: kernel SRTP fast path and provisioning tools of a broadband
# telephony interface.
#
#   make              bti.ko (against KDIR) and the userspace tools
#   make setup        install build/test dependencies, fetch test kernels
#   make check        every test: unit, fuzz, lint, DKMS, kselftests in qemu
#   make fuzz         run each protocol fuzz target FUZZ_SECONDS (60) s
#   make demo         provisioning end to end in a VM: steps 301-310, counters, capture
#   make lint         checkpatch --strict, kernel-doc, W=1 C=1 builds
#   make bench        performance figures from a VM run (BENCH_KVER=...)
#   make install      install the tools and man pages (PREFIX, DESTDIR)
#
# KDIR defaults to the running kernel's build directory, or else to the
# Debian 6.1 headers that `make setup` fetched.

BTI_CACHE ?= /var/cache/bti
export BTI_CACHE

KERNELS := selftests/qemu/kernels.sh
PREFIX ?= /usr/local
DESTDIR ?=

default_kdir = $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(shell $(KERNELS) kdir $$($(KERNELS) list 2>/dev/null | head -n 1) 2>/dev/null))
KDIR ?= $(default_kdir)

.PHONY: all module tools setup check fuzz lint bench demo modules-vm install clean help

all: module tools

help:
	@sed -n 's/^#   //p' Makefile

module:
	@if [ -z "$(KDIR)" ] || [ ! -f "$(KDIR)/Makefile" ]; then \
		echo "no kernel build directory: set KDIR, or run 'make setup'" >&2; \
		exit 1; \
	fi
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools:
	$(MAKE) -C tools

setup:
	tools/setup/install-deps.sh
	$(KERNELS) fetch
	tools/setup/checkpatch.sh >/dev/null

# bti.ko and its in-kernel tests (bti_test.ko) for every test kernel, in
# build/<kver>/
modules-vm:
	@set -e; for kver in $$($(KERNELS) list); do \
		tools/kbuild/build-module.sh "$$($(KERNELS) kdir $$kver)" \
			build/$$kver; \
		tools/kbuild/build-test-module.sh "$$($(KERNELS) kdir $$kver)" \
			build/$$kver; \
	done

lint:
	tools/testing/lint.sh build/results/lint \
		$$(for k in $$($(KERNELS) list); do $(KERNELS) kdir $$k; done)

check: setup
	tools/testing/check.sh

# The protocol codec's libFuzzer targets (tools/lib/fuzz), longer than
# make check runs them; TAP in build/results/fuzz-long/.
FUZZ_SECONDS ?= 60
fuzz:
	tools/testing/fuzz.sh build/results/fuzz-long $(FUZZ_SECONDS)

# Not a test: figures for Documentation/performance.rst, from one VM run
# on one kernel (BENCH_KVER, default 6.12), in build/results/bench/
bench: setup tools
	tools/bench/bench.sh

demo: setup tools modules-vm
	tools/demo/demo.sh

install: tools
	$(MAKE) -C tools install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

clean:
	-[ -z "$(KDIR)" ] || $(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C tools clean
	rm -rf build
