#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Feeds check-flatpak-manifest.py deliberately broken copies of our manifests, one rule at a
# time, and expects each to be rejected with the right rule id. An unchanged copy in the same
# place must pass, so a rejection is known to come from the breakage. TAP output.
#
# Usage: test-check-flatpak-manifest.py CHECKER MANIFEST.json...

import copy
import json
import os
import subprocess
import sys
import tempfile


def app_module(m):
    return m['modules'][-1]


def git_source(m):
    return m['modules'][0]['sources'][0]


def drop(key):
    def f(m):
        del m[key]
    return f


def add_arg(arg):
    def f(m):
        m['finish-args'].append(arg)
    return f


def remove_arg(arg):
    def f(m):
        m['finish-args'].remove(arg)
    return f


def replace_arg(old, new):
    def f(m):
        m['finish-args'][m['finish-args'].index(old)] = new
    return f


def set_key(key, value):
    def f(m):
        m[key] = value
    return f


def bare_branch(m):
    src = git_source(m)
    del src['tag']
    del src['commit']
    src['branch'] = 'master'


def tag_only(m):
    del git_source(m)['commit']


def short_commit(m):
    git_source(m)['commit'] = git_source(m)['commit'][:12]


def network_in_build(m):
    m['build-options'] = {'build-args': ['--share=network']}


def network_in_module_build(m):
    app_module(m)['build-options'] = {'build-args': ['--share=network']}


def nested_bare_branch(m):
    app_module(m)['modules'] = [{
        'name': 'helper',
        'buildsystem': 'meson',
        'sources': [{'type': 'git', 'url': 'https://example.org/helper.git', 'branch': 'main'}],
    }]


def cleanup_missing_items(m):
    m['cleanup'] = ['/include']


# (description, mutation, rule id expected in the output, file name to write or None for <id>.json)
CASES = [
    ('file name differs from id', None, 'appid-filename-mismatch', 'org.example.Other.json'),
    ('id with two components', set_key('id', 'nineminds.AlgaPSA'),
     'appid-less-than-3-components', 'nineminds.AlgaPSA.json'),
    ('no command', drop('command'), 'toplevel-no-command', None),
    ('command is a path', set_key('command', '/app/bin/alga-desktop'),
     'toplevel-command-is-path', None),
    ('top-level branch', set_key('branch', 'stable'), 'toplevel-unnecessary-branch', None),
    ('no cleanup', drop('cleanup'), 'toplevel-no-cleanup', None),
    ('incomplete cleanup', cleanup_missing_items, 'toplevel-cleanup-incomplete', None),
    ('cleanup of /lib/debug', lambda m: m['cleanup'].append('/lib/debug'),
     'toplevel-cleanup-debug', None),
    ('x11 instead of fallback-x11', replace_arg('--socket=fallback-x11', '--socket=x11'),
     'finish-args-contains-both-x11-and-wayland', None),
    ('wayland only', remove_arg('--socket=fallback-x11'), 'finish-args-only-wayland', None),
    ('fallback-x11 without wayland', remove_arg('--socket=wayland'),
     'finish-args-fallback-x11-without-wayland', None),
    ('x11 without ipc', remove_arg('--share=ipc'), 'finish-args-x11-without-ipc', None),
    ('portal talk-name', add_arg('--talk-name=org.freedesktop.portal.Desktop'),
     'finish-args-portal-talk-name', None),
    ('flatpak-spawn', add_arg('--talk-name=org.freedesktop.Flatpak'),
     'finish-args-flatpak-spawn-access', None),
    ('wrong-case secrets', add_arg('--talk-name=org.freedesktop.Secrets'),
     'finish-args-incorrect-secret-service-talk-name', None),
    ('wildcard talk-name', add_arg('--talk-name=org.kde.*'),
     'finish-args-wildcard-kde-talk-name', None),
    ('own-name of another name', add_arg('--own-name=org.kde.StatusNotifierItem-1'),
     'finish-args-own-name-org.kde.StatusNotifierItem-1', None),
    ('own-name of the app id', lambda m: m['finish-args'].append('--own-name=' + m['id']),
     'finish-args-unnecessary-appid-own-name', None),
    ('home access', add_arg('--filesystem=home'), 'finish-args-home-filesystem-access', None),
    ('host access', add_arg('--filesystem=host:ro'), 'finish-args-host-filesystem-access', None),
    ('xdg access', add_arg('--filesystem=xdg-download'), 'finish-args-arbitrary-xdg-access', None),
    ('network at build time', network_in_build, 'manifest-toplevel-build-network-access', None),
    ('network at module build time', network_in_module_build, 'module-build-network-access',
     None),
    ('bare git branch', bare_branch, 'module-md4c-source-git-branch', None),
    ('git tag without commit', tag_only, 'module-md4c-source-git-no-commit', None),
    ('abbreviated commit', short_commit, 'module-md4c-source-git-invalid-commit', None),
    ('bare branch in a nested module', nested_bare_branch, 'module-helper-source-git-branch',
     None),
    ('not JSON', 'garbage', 'manifest-invalid', None),
]


def run(checker, path):
    proc = subprocess.run([sys.executable, checker, path], capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def main(argv):
    checker = argv[1]
    manifests = argv[2:]
    ok = True
    n = 0
    print(f'1..{len(manifests) * (len(CASES) + 1)}')
    with tempfile.TemporaryDirectory() as tmp:
        for manifest_path in manifests:
            with open(manifest_path, encoding='utf-8') as f:
                original = json.load(f)
            base = os.path.basename(manifest_path)

            def write(name, manifest):
                path = os.path.join(tmp, name)
                with open(path, 'w', encoding='utf-8') as f:
                    if isinstance(manifest, str):
                        f.write(manifest)
                    else:
                        json.dump(manifest, f, indent=2)
                return path

            n += 1
            rc, out = run(checker, write(base, original))
            if rc == 0:
                print(f'ok {n} - {base}: an unchanged copy passes')
            else:
                ok = False
                print(f'not ok {n} - {base}: an unchanged copy passes')
                print('# ' + out.replace('\n', '\n# '))

            for desc, mutate, rule, name in CASES:
                n += 1
                broken = copy.deepcopy(original)
                if isinstance(mutate, str):
                    broken = mutate
                elif mutate is not None:
                    mutate(broken)
                if name is None:
                    name = base if isinstance(broken, str) else f'{broken["id"]}.json'
                path = write(name, broken)
                rc, out = run(checker, path)
                found = any(f': {rule}: ' in line for line in out.splitlines())
                if rc == 1 and found:
                    print(f'ok {n} - {base}: {desc} is rejected as {rule}')
                else:
                    ok = False
                    print(f'not ok {n} - {base}: {desc} is rejected as {rule} (exit {rc})')
                    print('# ' + out.replace('\n', '\n# '))
                os.unlink(path)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
