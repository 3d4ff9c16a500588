#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-references.py SOURCE_ROOT: fails if the sources point at knowledge a clone of the
# repository does not have.
#
# - An issue number or a section sign in a comment sends the reader to a tracker or a document
#   outside the repository. A comment gives the reason itself, or names a section of docs/API.md
#   or docs/PERFORMANCE.md by its title.
# - A path into the "shared" folder beside the repository reads files which a plain clone, a
#   tarball or a Flatpak build does not have. The server's sample answers are in tests/samples.
#
# Searched: src/, tests/ (not the sample answers and the fuzz corpora, which are data),
# build-aux/, data/, po/ and the top-level meson files.
#
# check-references.py --self-test: feeds the check a tree with each kind of reference, and one
# without, so that a check which stopped catching anything fails too.

import os
import re
import sys
import tempfile

PATTERNS = [
    (re.compile(r'\b[Ii]ssues? #?[0-9]'), 'an issue number'),
    (re.compile('\u00a7'), 'a section sign'),
    (re.compile(r'\.\./shared\b'), 'a path beside the repository'),
    (re.compile(r"'\.\.'\s*/\s*'shared'"), 'a path beside the repository'),
]

DIRECTORIES = ['src', 'tests', 'build-aux', 'data', 'po']
FILES = ['meson.build', 'meson_options.txt']
SKIPPED = [os.path.join('tests', 'samples'), os.path.join('tests', 'fuzz', 'corpus')]


def files_under(root):
    for name in FILES:
        path = os.path.join(root, name)
        if os.path.isfile(path):
            yield path
    for directory in DIRECTORIES:
        top = os.path.join(root, directory)
        for parent, subdirs, names in os.walk(top):
            relative = os.path.relpath(parent, root)
            subdirs[:] = sorted(d for d in subdirs
                                if os.path.join(relative, d) not in SKIPPED
                                and not d.startswith('.'))
            for name in sorted(names):
                yield os.path.join(parent, name)


def problems_in(root):
    problems = []
    for path in files_under(root):
        try:
            with open(path, encoding='utf-8') as f:
                lines = f.readlines()
        except (UnicodeDecodeError, OSError):
            continue  # binary files (icons) have no comments
        for number, line in enumerate(lines, 1):
            for pattern, what in PATTERNS:
                if pattern.search(line):
                    problems.append('%s:%d: %s: %s'
                                    % (os.path.relpath(path, root), number, what, line.strip()))
    return problems


def self_test():
    cases = {
        'src/core/a.c': '/* Iss' + 'ue 7: the list is cached. */\n',
        'src/gui/b.ui': '<!-- see iss' + 'ue 12 -->\n',
        'tests/c.c': '/* markdown is null (\u00a7' + '15.3.4) */\n',
        'tests/meson.build': "samples = root / '..' / 'sha" + "red' / 'alga-samples'\n",
        'build-aux/d': '# reads ../sha' + 'red/alga-samples\n',
    }
    failed = 0
    for relative, text in cases.items():
        with tempfile.TemporaryDirectory() as root:
            path = os.path.join(root, relative)
            os.makedirs(os.path.dirname(path))
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)
            if problems_in(root):
                print('ok - %s is caught' % relative)
            else:
                print('not ok - %s is not caught' % relative)
                failed += 1
    with tempfile.TemporaryDirectory() as root:
        clean = {
            'src/core/a.c': '/* The list is cached (docs/PERFORMANCE.md, The saved copy first). */\n',
            'tests/samples/e.json': '{"text": "Iss' + 'ue 7 \u00a7"}\n',
            'tests/fuzz/corpus/x/f': 'Iss' + 'ue 7\n',
        }
        for relative, text in clean.items():
            path = os.path.join(root, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)
        if problems_in(root):
            print('not ok - a clean tree is refused: %s' % problems_in(root))
            failed += 1
        else:
            print('ok - a clean tree passes, sample answers and corpora are not searched')
    print('1..%d' % (len(cases) + 1))
    return 1 if failed else 0


def main(argv):
    if argv == ['--self-test']:
        return self_test()
    if len(argv) != 1:
        print('usage: check-references.py SOURCE_ROOT | --self-test', file=sys.stderr)
        return 2
    problems = problems_in(argv[0])
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print('Write the reason itself, or name a section of docs/API.md or docs/PERFORMANCE.md; '
              'test data goes in tests/samples.', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
