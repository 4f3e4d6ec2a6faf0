/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BTI_VERSION_H
#define _BTI_VERSION_H

#define BTI_MODULE_VERSION "0.1.0"

#endif /* _BTI_VERSION_H */
