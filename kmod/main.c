// SPDX-License-Identifier: GPL-2.0
/*
 * bti: kernel fast path of a broadband telephony interface.
 *
 * Module entry points: the per-CPU crypto scratch first, then the
 * per-namespace state, then the netlink family that exposes it; torn down
 * in the reverse order.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <net/genetlink.h>

#include <uapi/linux/bti.h>

#include "cipher.h"
#include "netlink.h"
#include "netns.h"
#include "session.h"
#include "version.h"

static int __init bti_mod_init(void)
{
	int ret;

	ret = bti_cipher_init();
	if (ret)
		return ret;

	ret = bti_session_caches_init();
	if (ret)
		goto err_cipher;

	ret = bti_netns_register();
	if (ret)
		goto err_caches;

	ret = bti_genl_register();
	if (ret)
		goto err_netns;

	pr_info("version " BTI_MODULE_VERSION " loaded\n");
	return 0;

err_netns:
	bti_netns_unregister();
err_caches:
	bti_session_caches_destroy();
err_cipher:
	bti_cipher_exit();
	return ret;
}

static void __exit bti_mod_exit(void)
{
	bti_genl_unregister();
	bti_netns_unregister();
	bti_session_caches_destroy();
	bti_cipher_exit();
}

module_init(bti_mod_init);
module_exit(bti_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("SRTP/SRTCP fast path of a broadband telephony interface");
MODULE_AUTHOR("bti developers");
MODULE_VERSION(BTI_MODULE_VERSION);
MODULE_ALIAS_GENL_FAMILY(BTI_GENL_NAME);
