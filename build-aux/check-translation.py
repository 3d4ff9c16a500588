#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that a translation is complete for the sources as they are now, not as they were when
# the translator last ran `alga-desktop-update-po`: the template is regenerated from
# po/POTFILES.in with the same xgettext options as the meson i18n 'glib' preset, the .po file is
# merged against it in a scratch directory (the committed file is never touched), and
# `msgfmt -c --statistics` must report no untranslated and no fuzzy message. So a string added
# to the code without a translation fails the `data` suite.
#
# Usage: check-translation.py SOURCE_ROOT PO_FILE
#        check-translation.py --self-test SOURCE_ROOT PO_FILE
# The self-test feeds the check a copy of PO_FILE with one message emptied and one made fuzzy,
# and a copy with a broken format string, and fails unless the check rejects each (TAP output).
# Exits 0 when the translation is complete and valid, 1 otherwise.

import os
import re
import subprocess
import sys
import tempfile

PACKAGE = 'alga-desktop'

# The options meson's i18n.gettext(preset: 'glib') gives xgettext.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

STATISTICS = re.compile(r'(\d+) (translated|fuzzy|untranslated)')


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, **kwargs)


def make_template(source_root, workdir):
    potfiles = os.path.join(source_root, 'po', 'POTFILES.in')
    pot = os.path.join(workdir, PACKAGE + '.pot')
    result = run(['xgettext', '--package-name=' + PACKAGE, '-D', source_root,
                  '-f', potfiles, '-o', pot] + XGETTEXT_ARGS)
    if result.returncode != 0:
        raise RuntimeError('xgettext failed:\n' + result.stderr)
    return pot


def check(source_root, po_file):
    """Returns a list of problems; empty when the translation is complete."""
    with tempfile.TemporaryDirectory(prefix='alga-check-translation.') as workdir:
        try:
            pot = make_template(source_root, workdir)
        except RuntimeError as e:
            return [str(e)]
        merged = os.path.join(workdir, 'merged.po')
        result = run(['msgmerge', '--quiet', '--previous', '-o', merged, po_file, pot])
        if result.returncode != 0:
            return [f'msgmerge failed:\n{result.stderr}']

        result = run(['msgfmt', '-c', '--statistics', '-o', os.devnull, merged])
        counts = {kind: int(n) for n, kind in STATISTICS.findall(result.stderr)}
        problems = []
        if result.returncode != 0:
            problems.append(f'msgfmt -c rejects {po_file}:\n{result.stderr.strip()}')
        for kind in ('untranslated', 'fuzzy'):
            if counts.get(kind, 0) > 0:
                problems.append(f'{po_file}: {counts[kind]} {kind} messages against the current '
                                'sources; run `meson compile -C <build> alga-desktop-update-po` '
                                'and translate them')
        if problems:
            # Name the messages, so that the failure says what to translate.
            listed = run(['msgattrib', '--only-fuzzy', '--no-obsolete', '--no-wrap', merged])
            untranslated = run(['msgattrib', '--untranslated', '--no-obsolete', '--no-wrap',
                                merged])
            for out in (untranslated.stdout, listed.stdout):
                ids = [m for m in re.findall(r'^msgid "(.+)"$', out, re.M)]
                problems.extend('  ' + m for m in ids)
        else:
            print(f'{po_file}: {result.stderr.strip()}', file=sys.stderr)
        return problems


def self_test(source_root, po_file):
    with open(po_file, encoding='utf-8') as f:
        text = f.read()

    # The first translated, non-plural message after the header.
    entry = re.compile(r'^(msgid "(?:[^"\\]|\\.)+"\n)msgstr "((?:[^"\\]|\\.)+)"$', re.M)
    first = entry.search(text)
    format_entry = re.compile(r'^#, c-format\n(msgid "[^"\n]*%s[^"\n]*"\n)msgstr "[^"\n]*"$',
                              re.M)
    cases = []
    if first:
        cases.append(('an untranslated message is reported',
                      text[:first.start()] + first.group(1) + 'msgstr ""'
                      + text[first.end():]))
        cases.append(('a fuzzy message is reported',
                      text[:first.start()] + '#, fuzzy\n' + text[first.start():]))
    fmt = format_entry.search(text)
    if fmt:
        cases.append(('a translation that drops a %s is reported',
                      text[:fmt.start()] + '#, c-format\n' + fmt.group(1) + 'msgstr "x"'
                      + text[fmt.end():]))

    print(f'1..{len(cases) + 1}')
    failed = 0
    problems = check(source_root, po_file)
    if problems:
        failed += 1
        print('not ok 1 - the committed translation passes')
        for p in problems:
            print('# ' + p.replace('\n', '\n# '))
    else:
        print('ok 1 - the committed translation passes')

    with tempfile.TemporaryDirectory(prefix='alga-check-translation-self.') as workdir:
        for number, (name, broken) in enumerate(cases, start=2):
            path = os.path.join(workdir, 'broken.po')
            with open(path, 'w', encoding='utf-8') as f:
                f.write(broken)
            if check(source_root, path):
                print(f'ok {number} - {name}')
            else:
                failed += 1
                print(f'not ok {number} - {name}')
    if len(cases) < 3:
        print('# could not build every broken copy: the .po file has no suitable message')
        failed += 1
    return 1 if failed else 0


def main(argv):
    if len(argv) == 4 and argv[1] == '--self-test':
        return self_test(argv[2], argv[3])
    if len(argv) != 3:
        print(__doc__ or 'usage: check-translation.py [--self-test] SOURCE_ROOT PO_FILE',
              file=sys.stderr)
        return 2
    problems = check(argv[1], argv[2])
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
