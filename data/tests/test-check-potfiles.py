#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs check-potfiles.py on small source trees made in a temporary directory: a correct tree
# must pass, and each kind of mistake must fail and name the file at fault. TAP output.
#
# Usage: test-check-potfiles.py CHECKER

import os
import subprocess
import sys
import tempfile

GOOD = {
    'po/POTFILES.in': '# sorted\ndata/app.desktop.in\nsrc/core/a.c\nsrc/gui/w.ui\nsrc/main.c\n',
    'data/app.desktop.in': '[Desktop Entry]\nName=App\n',
    'src/core/a.c': 'static const char *s;\nvoid f (void) { s = _("Hello"); }\n',
    'src/gui/w.ui': '<interface><object class="GtkLabel">'
                    '<property name="label" translatable="yes">Hi</property>'
                    '</object></interface>\n',
    'src/main.c': 'int main (void) { puts (ngettext ("a", "b", 2)); return 0; }\n',
    # No strings for translators: need not be listed.
    'src/core/b.c': '/* Use _() for user-visible text. */\n'
                    'static const char *x = "call _(here)";\nint my_(int a);\n',
    'src/gui/plain.ui': '<interface><object class="GtkBox"/></interface>\n',
}

# (description, files to add or change (None deletes), text expected in the output or None
# for "must pass")
CASES = [
    ('the correct tree passes', {}, None),
    ('a .c file with _() not listed', {'src/core/new.c': 'x = _("New");\n'},
     'src/core/new.c: has translatable strings but is missing'),
    ('a .c file with N_() not listed', {'src/core/n.c': 'static const char *v[] = { N_("One") };\n'},
     'src/core/n.c: has translatable strings'),
    ('a .c file with C_() not listed', {'src/gui/c.c': 'x = C_("menu", "Open");\n'},
     'src/gui/c.c: has translatable strings'),
    ('a .c file with g_dngettext() not listed',
     {'src/gui/p.c': 'x = g_dngettext (NULL, "%d ticket", "%d tickets", n);\n'},
     'src/gui/p.c: has translatable strings'),
    ('a header with _() not listed', {'src/core/h.h': '#define T _("T")\n'},
     'src/core/h.h: has translatable strings'),
    ('a .ui file with translatable="yes" not listed',
     {'src/gui/page.ui': '<property name="title" translatable="yes">Page</property>\n'},
     'src/gui/page.ui: has translatable strings'),
    ('a listed file that does not exist', {'src/core/a.c': None},
     'src/core/a.c: listed but does not exist'),
    ('an unsorted list',
     {'po/POTFILES.in': 'data/app.desktop.in\nsrc/main.c\nsrc/core/a.c\nsrc/gui/w.ui\n'},
     'src/core/a.c: out of order'),
    ('a file listed twice',
     {'po/POTFILES.in': 'data/app.desktop.in\nsrc/core/a.c\nsrc/core/a.c\nsrc/gui/w.ui\n'
                        'src/main.c\n'},
     'src/core/a.c: listed twice'),
    ('no POTFILES.in', {'po/POTFILES.in': None}, 'no such file'),
]


def make_tree(root, changes):
    files = dict(GOOD)
    files.update(changes)
    for rel, text in files.items():
        if text is None:
            continue
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)


def main(argv):
    checker = argv[1]
    ok = True
    print(f'1..{len(CASES)}')
    for n, (desc, changes, expected) in enumerate(CASES, 1):
        with tempfile.TemporaryDirectory() as root:
            make_tree(root, changes)
            proc = subprocess.run([sys.executable, checker, root], capture_output=True,
                                  text=True)
            out = proc.stdout + proc.stderr
            if expected is None:
                passed = proc.returncode == 0
            else:
                passed = proc.returncode == 1 and expected in out
            print(f'{"ok" if passed else "not ok"} {n} - {desc}')
            if not passed:
                ok = False
                print(f'# exit {proc.returncode}, expected '
                      f'{"success" if expected is None else repr(expected)}')
                print('# ' + out.replace('\n', '\n# '))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
