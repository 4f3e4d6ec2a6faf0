// SPDX-License-Identifier: GPL-2.0
/*
 * One sender and one receiver context used from every online CPU at
 * once: the per-context lock, the per-CPU crypto scratch and the shared
 * transforms under concurrency. Each thread protects its own sequence
 * numbers (interleaved with the other threads') and unprotects them
 * right away. The sender may refuse a number that another thread left
 * behind its window, the receiver one left of its window; nothing else
 * may fail, no index may be accepted twice, and the counters must add up.
 */

#define pr_fmt(fmt) fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/slab.h>

#include "bti_test.h"
#include "kmod/srtp.h"

#define BT_PAR_SSRC 0x99aabbccU
#define BT_PAR_PACKETS 2000
#define BT_PAR_THREADS_MAX 64

struct bt_par {
	struct bti_ctx *tx;
	struct bti_ctx *rx;
	unsigned int threads;
	atomic_t sent;
	atomic_t tx_refused;
	atomic_t received;
	atomic_t rx_stale;
	atomic_t bad;
};

struct bt_par_worker {
	struct bt_par *par;
	unsigned int id;
	struct completion done;
};

static int bt_par_thread(void *arg)
{
	struct bt_par_worker *w = arg;
	struct bt_par *par = w->par;
	u8 *buf = kmalloc(BT_BUF_LEN, GFP_KERNEL);
	unsigned int i, len, out_len;
	int ret;

	for (i = 0; buf && i < BT_PAR_PACKETS; i++) {
		len = bt_rtp(buf, i * par->threads + w->id, BT_PAR_SSRC, 64);
		ret = bta_srtp_protect(par->tx, buf, len, BT_BUF_LEN, &out_len);
		if (ret == -ESTALE) {
			atomic_inc(&par->tx_refused);
			continue;
		}
		if (ret) {
			if (atomic_inc_return(&par->bad) < 4)
				bt_diag("thread %u: protect: %d", w->id, ret);
			continue;
		}
		atomic_inc(&par->sent);
		ret = bta_srtp_unprotect(par->rx, buf, out_len);
		if (ret == len)
			atomic_inc(&par->received);
		else if (ret == -ESTALE)
			atomic_inc(&par->rx_stale);
		else if (atomic_inc_return(&par->bad) < 4)
			bt_diag("thread %u: unprotect: %d", w->id, ret);
		if (!(i % 64))
			cond_resched();
	}
	if (!buf)
		atomic_inc(&par->bad);
	kfree(buf);
	kthread_complete_and_exit(&w->done, 0);
}

static bool bt_par_run(u32 suite)
{
	struct bt_par_worker *workers;
	struct bt_par par = { .threads = 0 };
	unsigned int cpu, n = 0, i;
	bool ok = false;

	par.threads = min_t(unsigned int, num_online_cpus(),
			    BT_PAR_THREADS_MAX);
	par.tx = bt_ctx(suite, BT_PAR_SSRC, 0, BTI_TX_WINDOW);
	par.rx = bt_ctx(suite, BT_PAR_SSRC, 0, BTI_REPLAY_WINDOW_MAX);
	workers = kcalloc(par.threads, sizeof(*workers), GFP_KERNEL);
	if (!par.tx || !par.rx || !workers)
		goto out;

	for_each_online_cpu(cpu) {
		struct task_struct *t;

		if (n == par.threads)
			break;
		workers[n].par = &par;
		workers[n].id = n;
		init_completion(&workers[n].done);
		t = kthread_create_on_cpu(bt_par_thread, &workers[n], cpu,
					  "bti_test/%u");
		if (IS_ERR(t)) {
			atomic_inc(&par.bad);
			break;
		}
		wake_up_process(t);
		n++;
	}
	for (i = 0; i < n; i++)
		wait_for_completion(&workers[i].done);

	ok = n == par.threads && !atomic_read(&par.bad);
	if (atomic_read(&par.sent) + atomic_read(&par.tx_refused) !=
	    n * BT_PAR_PACKETS ||
	    atomic_read(&par.received) + atomic_read(&par.rx_stale) !=
	    atomic_read(&par.sent) ||
	    par.tx->srtp_packets != atomic_read(&par.sent) ||
	    par.rx->srtp_packets != atomic_read(&par.received) ||
	    !atomic_read(&par.received))
		ok = false;
	bt_diag("%s, %u threads: sent %d, refused by the sender %d",
		bt_suite_name(suite), n, atomic_read(&par.sent),
		atomic_read(&par.tx_refused));
	bt_diag("received %d, left of the window %d, failures %d",
		atomic_read(&par.received), atomic_read(&par.rx_stale),
		atomic_read(&par.bad));
out:
	kfree(workers);
	bti_ctx_free(par.tx);
	bti_ctx_free(par.rx);
	return ok;
}

bool bt_srtp_parallel(void)
{
	bool ok = true;
	int s;

	for (s = 0; s < BT_NUM_SUITES; s++)
		ok &= bt_par_run(bt_suites[s]);
	return ok;
}
