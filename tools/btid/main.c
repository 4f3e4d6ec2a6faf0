// SPDX-License-Identifier: GPL-2.0-only
/*
 * btid: the BTI helper (Documentation/btid.8).
 */
#include <stdio.h>

#include "btid_cli.h"

int main(int argc, char **argv)
{
	return btid_main(argc, argv, stdout, stderr);
}
