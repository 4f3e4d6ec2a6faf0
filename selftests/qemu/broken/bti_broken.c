// SPDX-License-Identifier: GPL-2.0
/*
 * A module that is broken on purpose: its init hits WARN_ON(1). Loading it
 * in the test VM must make vm-run.sh fail (harness-selftest.sh).
 */
#include <linux/module.h>
#include <linux/bug.h>

static int __init bti_broken_init(void)
{
	WARN_ON(1);
	return 0;
}

static void __exit bti_broken_exit(void)
{
}

module_init(bti_broken_init);
module_exit(bti_broken_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("bti harness self-test: WARN_ON(1) on load");
