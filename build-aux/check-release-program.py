#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-release-program.py PROGRAM: fails if PROGRAM carries a test or benchmark hook. Those live
# in tests/program (alga-desktop-test) and must never reach the program that is shipped: an
# environment variable that types into the comment box or writes timings to a descriptor has no
# place on a technician's computer.
#
# The whole file is searched, so the hooks' environment variables and messages (.rodata), their
# function names (the symbol table, while not stripped) and their source file names (debug
# information) are all seen, with no tool beyond Python.
#
# check-release-program.py --expect-hooks PROGRAM: the reverse, for alga-desktop-test, so that a
# check which could no longer see a hook fails too.

import re
import sys

MARKERS = [
    # environment variables of the hooks
    rb'ALGA_TEST_[A-Z_]+',
    rb'ALGA_BENCH_[A-Z_]+',
    # their functions, log domains, messages and source files
    rb'alga[_-]test[_-][a-z_-]+',
    rb'alga[_-]bench[_-][a-z_-]+',
    rb'alga[_-]compose[_-]hook[a-z_.-]*',
    rb'alga[_-]paint[_-]probe[a-z_.-]*',
]


def hooks_in(path):
    with open(path, 'rb') as f:
        data = f.read()
    found = set()
    for marker in MARKERS:
        for match in re.finditer(marker, data):
            found.add(match.group(0).decode('ascii', 'replace'))
    return sorted(found)


def main(argv):
    expect_hooks = '--expect-hooks' in argv
    paths = [a for a in argv if a != '--expect-hooks']
    if len(paths) != 1:
        print('usage: check-release-program.py [--expect-hooks] PROGRAM', file=sys.stderr)
        return 2

    found = hooks_in(paths[0])
    if expect_hooks:
        # Each kind of hook must be seen: its variable and its code.
        wanted = ['ALGA_TEST_COMPOSE', 'ALGA_BENCH_FD']
        missing = [w for w in wanted if w not in found]
        if missing or not any('compose' in f and 'hook' in f for f in found) \
                or not any('paint' in f and 'probe' in f for f in found):
            print('%s: the hooks were expected but not all seen (found: %s)'
                  % (paths[0], ', '.join(found) or 'nothing'), file=sys.stderr)
            return 1
        print('%s: the hooks are seen: %s' % (paths[0], ', '.join(found)))
        return 0

    if found:
        print('%s carries test or benchmark hooks: %s' % (paths[0], ', '.join(found)),
              file=sys.stderr)
        return 1
    print('%s: no test or benchmark hook' % paths[0])
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
