/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tool_version: the version of btictl. The one place that sets it is
 * BTI_TOOL_VERSION in tools/Makefile, passed as -DBTI_TOOL_VERSION=...
 */
#ifndef BTICTL_TOOL_VERSION_H
#define BTICTL_TOOL_VERSION_H

#ifndef BTI_TOOL_VERSION
#error "BTI_TOOL_VERSION is not defined; build with tools/Makefile"
#endif

#endif /* BTICTL_TOOL_VERSION_H */
