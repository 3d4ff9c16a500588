#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks po/POTFILES.in against the sources: every file under src/ with translatable strings
# must be listed (or its strings never reach translators), and every listed file must exist
# (or xgettext fails when the template is updated). The list must also stay sorted and free of
# duplicates, since several people edit it at once.
#
# Usage: check-potfiles.py [SOURCE_ROOT]
# Exits 0 when the list is right, 1 otherwise, printing each problem with the file it concerns.

import os
import re
import sys

SCANNED_DIRS = ['src']
C_SUFFIXES = ('.c', '.h')
UI_SUFFIXES = ('.ui',)

# gettext markers in C: _(), N_(), C_(), NC_(), Q_() and the *ngettext family.
C_MARKER = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_)\s*\(|ngettext\s*\(')
UI_MARKER = re.compile(r'translatable\s*=\s*["\'](?:yes|true|1)["\']', re.IGNORECASE)


def strip_c_comments_and_strings(text):
    """Return the C code with comments and string/char literals blanked, so that a marker
    mentioned in a comment or a string does not count."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '/' and i + 1 < n and text[i + 1] == '*':
            end = text.find('*/', i + 2)
            i = n if end < 0 else end + 2
            out.append(' ')
        elif c == '/' and i + 1 < n and text[i + 1] == '/':
            end = text.find('\n', i + 2)
            i = n if end < 0 else end
            out.append(' ')
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                if text[j] == '\\':
                    j += 1
                elif text[j] == '\n':
                    break
                j += 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def has_translatable_strings(path):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
    except OSError as e:
        print(f'{path}: cannot read: {e.strerror}', file=sys.stderr)
        return False
    if path.endswith(C_SUFFIXES):
        return C_MARKER.search(strip_c_comments_and_strings(text)) is not None
    if path.endswith(UI_SUFFIXES):
        return UI_MARKER.search(text) is not None
    return False


def read_potfiles(potfiles_path):
    entries = []
    with open(potfiles_path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            # "[type: gettext/glade]path" style prefixes are allowed by intltool-era lists.
            line = re.sub(r'^\[[^\]]*\]\s*', '', line)
            entries.append((lineno, line))
    return entries


def scan_sources(root):
    found = []
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(C_SUFFIXES + UI_SUFFIXES):
                    continue
                path = os.path.join(dirpath, name)
                if has_translatable_strings(path):
                    found.append(os.path.relpath(path, root).replace(os.sep, '/'))
    return found


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    potfiles_path = os.path.join(root, 'po', 'POTFILES.in')
    if not os.path.isfile(potfiles_path):
        print(f'{potfiles_path}: no such file', file=sys.stderr)
        return 1

    entries = read_potfiles(potfiles_path)
    listed = [path for _, path in entries]
    problems = []

    for lineno, path in entries:
        if not os.path.isfile(os.path.join(root, path)):
            problems.append(f'po/POTFILES.in:{lineno}: {path}: listed but does not exist')

    seen = set()
    for lineno, path in entries:
        if path in seen:
            problems.append(f'po/POTFILES.in:{lineno}: {path}: listed twice')
        seen.add(path)

    for a, b in zip(entries, entries[1:]):
        if b[1] < a[1]:
            problems.append(f'po/POTFILES.in:{b[0]}: {b[1]}: out of order '
                            f'(sort the list: it should come before {a[1]})')

    for path in scan_sources(root):
        if path not in seen:
            problems.append(f'{path}: has translatable strings but is missing from '
                            'po/POTFILES.in')

    if problems:
        for p in problems:
            print(p)
        print(f'check-potfiles: {len(problems)} problem(s) in po/POTFILES.in', file=sys.stderr)
        return 1

    print(f'check-potfiles: po/POTFILES.in lists {len(listed)} file(s); all sources with '
          'translatable strings are listed')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
