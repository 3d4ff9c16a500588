#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A small offline stand-in for flatpak-builder-lint (which needs PyPI or a container image):
# checks Flatpak manifests against the Flathub rules below, those Flathub's review enforces. Each
# problem is printed with the flatpak-builder-lint error id it corresponds to, so that a failure
# here can be looked up in the Flathub documentation.
#
# Usage: check-flatpak-manifest.py MANIFEST.json...
# Exits 0 when every manifest passes, 1 otherwise.

import json
import os
import re
import sys

REQUIRED_CLEANUP = ['/include', '/lib/pkgconfig', '/share/pkgconfig', '/share/aclocal',
                    '/man', '/share/man', '*.la', '*.a']
ID_COMPONENT = re.compile(r'^[A-Za-z_][A-Za-z0-9_-]*$')
WILDCARD_NAMESPACES = ('org.freedesktop.', 'org.gnome.', 'org.kde.')


class Checker:
    def __init__(self, path):
        self.path = path
        self.problems = []

    def error(self, rule, message):
        self.problems.append(f'{self.path}: {rule}: {message}')

    def check(self):
        try:
            with open(self.path, encoding='utf-8') as f:
                manifest = json.load(f)
        except (OSError, ValueError) as e:
            self.error('manifest-invalid', f'cannot read as JSON: {e}')
            return self.problems
        if not isinstance(manifest, dict):
            self.error('manifest-invalid', 'the top level is not an object')
            return self.problems

        self.check_id(manifest)
        self.check_toplevel(manifest)
        self.check_finish_args(manifest, manifest.get('finish-args', []))
        self.check_build_options(manifest.get('build-options'), 'toplevel')
        self.check_modules(manifest.get('modules', []))
        return self.problems

    def check_id(self, manifest):
        app_id = manifest.get('id', manifest.get('app-id'))
        if not isinstance(app_id, str) or not app_id:
            self.error('toplevel-no-id', 'no "id"')
            return
        base = os.path.basename(self.path)
        stem = re.sub(r'\.(json|ya?ml)$', '', base)
        if stem != app_id:
            self.error('appid-filename-mismatch', f'file name {base} does not match id {app_id}')
        parts = app_id.split('.')
        if len(parts) < 3:
            self.error('appid-less-than-3-components', f'{app_id} has fewer than 3 components')
        if not all(ID_COMPONENT.match(p) for p in parts):
            self.error('appid-invalid', f'{app_id} is not a valid application ID')

    def check_toplevel(self, manifest):
        command = manifest.get('command')
        if not command:
            self.error('toplevel-no-command', 'no "command"')
        elif '/' in command:
            self.error('toplevel-command-is-path', f'command {command} is a path, not a name')
        if 'branch' in manifest:
            self.error('toplevel-unnecessary-branch', 'a top-level "branch" is not needed')
        cleanup = manifest.get('cleanup')
        if not cleanup:
            self.error('toplevel-no-cleanup', 'no "cleanup" list (headers, pkg-config files, static libraries stay)')
        else:
            if '/lib/debug' in cleanup:
                self.error('toplevel-cleanup-debug', '"/lib/debug" must not be cleaned up')
            missing = [c for c in REQUIRED_CLEANUP if c not in cleanup]
            if missing:
                self.error('toplevel-cleanup-incomplete',
                           'cleanup lacks ' + ', '.join(missing))

    def check_finish_args(self, manifest, args):
        if not isinstance(args, list):
            self.error('finish-args-invalid', '"finish-args" is not a list')
            return
        app_id = manifest.get('id', manifest.get('app-id', ''))
        sockets = {a.split('=', 1)[1] for a in args if a.startswith('--socket=')}
        shares = {a.split('=', 1)[1] for a in args if a.startswith('--share=')}

        if 'x11' in sockets and 'wayland' in sockets:
            self.error('finish-args-contains-both-x11-and-wayland',
                       'use --socket=fallback-x11 with --socket=wayland, not --socket=x11')
        if 'fallback-x11' in sockets and 'wayland' not in sockets:
            self.error('finish-args-fallback-x11-without-wayland',
                       '--socket=fallback-x11 needs --socket=wayland')
        if 'wayland' in sockets and not sockets & {'x11', 'fallback-x11'}:
            self.error('finish-args-only-wayland', '--socket=wayland needs --socket=fallback-x11')
        if sockets & {'x11', 'fallback-x11'} and 'ipc' not in shares:
            self.error('finish-args-x11-without-ipc', 'X11 access needs --share=ipc')
        for wanted in ('wayland', 'fallback-x11'):
            if wanted not in sockets:
                self.error('finish-args-missing-display-socket', f'no --socket={wanted}')

        for arg in args:
            if arg.startswith(('--talk-name=', '--system-talk-name=')):
                name = arg.split('=', 1)[1]
                if name.startswith('org.freedesktop.portal.'):
                    self.error('finish-args-portal-talk-name',
                               f'{arg}: portals are always reachable; do not ask for them')
                if name == 'org.freedesktop.Flatpak':
                    self.error('finish-args-flatpak-spawn-access',
                               f'{arg}: gives a way out of the sandbox (flatpak-spawn)')
                if name == 'org.freedesktop.Secrets':
                    self.error('finish-args-incorrect-secret-service-talk-name',
                               f'{arg}: wrong case, and the Secret portal is enough')
                if '*' in name:
                    if name.startswith(WILDCARD_NAMESPACES):
                        ns = name.split('.')[1]
                        self.error(f'finish-args-wildcard-{ns}-talk-name',
                                   f'{arg}: wildcard talk-names are not allowed')
                    else:
                        self.error('finish-args-wildcard-talk-name',
                                   f'{arg}: wildcard talk-names are not allowed')
            elif arg.startswith(('--own-name=', '--system-own-name=')):
                name = arg.split('=', 1)[1]
                if name == app_id:
                    self.error('finish-args-unnecessary-appid-own-name',
                               f'{arg}: the app owns its own ID already')
                else:
                    self.error(f'finish-args-own-name-{name}', f'{arg}: owning a bus name')
            elif arg.startswith('--filesystem='):
                place = arg.split('=', 1)[1]
                rule = 'finish-args-arbitrary-xdg-access'
                if place.startswith(('home', '~')):
                    rule = 'finish-args-home-filesystem-access'
                elif place.startswith(('host', '/')):
                    rule = 'finish-args-host-filesystem-access'
                self.error(rule, f'{arg}: this app needs no file system access (portals)')

    def check_build_options(self, options, where):
        if not isinstance(options, dict):
            return
        if '--share=network' in options.get('build-args', []):
            self.error('manifest-toplevel-build-network-access' if where == 'toplevel'
                       else 'module-build-network-access',
                       f'{where}: --share=network in build-args')
        for arch, sub in options.get('arch', {}).items():
            self.check_build_options(sub, f'{where} (arch {arch})')

    def check_modules(self, modules):
        if not isinstance(modules, list):
            self.error('manifest-invalid', '"modules" is not a list')
            return
        for module in modules:
            if isinstance(module, str):
                # A module kept in its own file, relative to the manifest.
                sub = Checker(os.path.join(os.path.dirname(self.path), module))
                try:
                    with open(sub.path, encoding='utf-8') as f:
                        module = json.load(f)
                except (OSError, ValueError) as e:
                    self.error('module-invalid', f'{sub.path}: {e}')
                    continue
            name = module.get('name', '?')
            self.check_build_options(module.get('build-options'), f'module {name}')
            for source in module.get('sources', []):
                if isinstance(source, dict) and source.get('type') == 'git':
                    self.check_git_source(name, source)
            self.check_modules(module.get('modules', []))

    def check_git_source(self, module, source):
        url = source.get('url', '?')
        if 'branch' in source and 'commit' not in source:
            self.error(f'module-{module}-source-git-branch',
                       f'{url}: a bare branch is not reproducible; pin tag and commit')
        if 'commit' not in source:
            self.error(f'module-{module}-source-git-no-commit', f'{url}: no "commit"')
        elif not re.fullmatch(r'[0-9a-f]{40}', source['commit']):
            self.error(f'module-{module}-source-git-invalid-commit',
                       f'{url}: "commit" is not a full 40-digit commit id')
        if 'tag' not in source:
            self.error(f'module-{module}-source-git-no-tag', f'{url}: no "tag"')


def main(argv):
    if len(argv) < 2:
        print(f'usage: {argv[0]} MANIFEST.json...', file=sys.stderr)
        return 2
    problems = []
    for path in argv[1:]:
        problems += Checker(path).check()
    for p in problems:
        print(p)
    if problems:
        print(f'check-flatpak-manifest: {len(problems)} problem(s)', file=sys.stderr)
        return 1
    print(f'check-flatpak-manifest: {len(argv) - 1} manifest(s) pass the Flathub rules we check')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
