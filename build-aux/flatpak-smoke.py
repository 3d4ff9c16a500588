#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Flatpak smoke test: the installed app, run with `flatpak run` in its sandbox, against the
# demo server on loopback, on a desktop made of real parts: Xvfb, a session bus, xdg-desktop-portal
# with its GTK backend and gnome-keyring (the Secret portal's backend). The desktop's shell is
# played by this script: it owns org.freedesktop.Notifications (where the notification portal's
# backend shows notifications) and org.kde.StatusNotifierWatcher (where a tray icon registers).
#
# build-aux/flatpak-local smoke runs it inside xvfb-run and dbus-run-session, with HOME and the XDG
# directories in a throwaway place. The app is driven as a user or a desktop would drive it: its
# sign-in key from the environment (as build-aux/dev run does), its actions over D-Bus (as GNOME
# Shell activates them), a link handed to `flatpak run` (as the browser does). The bus is
# watched with dbus-monitor to see which portal calls the app made.
#
# Usage: flatpak-smoke.py APP_ID SERVER_CONSOLE OUTPUT_DIR
# Prints one line per check, PASS or FAIL, and exits 1 unless every check passed.

import json
import os
import re
import stat
import subprocess
import sys
import threading
import time

import gi

gi.require_version('Atspi', '2.0')
gi.require_version('Gio', '2.0')
from gi.repository import Atspi, Gio, GLib  # noqa: E402
from urllib.request import Request, urlopen  # noqa: E402

RUN_TIMEOUT = 180     # seconds one sandboxed run may last before it is killed
WAIT_TIMEOUT = 60     # seconds a condition may take

NOTIFICATIONS_XML = '''
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
      <arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
    <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
  </interface>
</node>'''

WATCHER_XML = '''
<node>
  <interface name="org.kde.StatusNotifierWatcher">
    <method name="RegisterStatusNotifierItem"><arg type="s" direction="in"/></method>
    <method name="RegisterStatusNotifierHost"><arg type="s" direction="in"/></method>
    <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
    <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
    <property name="ProtocolVersion" type="i" access="read"/>
    <signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
    <signal name="StatusNotifierItemUnregistered"><arg type="s"/></signal>
    <signal name="StatusNotifierHostRegistered"/>
  </interface>
</node>'''


class Desktop:
    """The parts of the desktop shell the app meets: a notification server and a tray watcher.
    Their handlers run in the main loop (the main thread); the test runs in another thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.notifications = []   # (app_name, summary, body)
        self.tray_items = []      # (sender, object path)
        self.bus = Gio.bus_get_sync(Gio.BusType.SESSION)
        self._export('org.freedesktop.Notifications', '/org/freedesktop/Notifications',
                     NOTIFICATIONS_XML, self._on_notifications_call)
        self._export('org.kde.StatusNotifierWatcher', '/StatusNotifierWatcher',
                     WATCHER_XML, self._on_watcher_call, self._on_watcher_get)

    def _export(self, name, path, xml, on_call, on_get=None):
        info = Gio.DBusNodeInfo.new_for_xml(xml).interfaces[0]
        self.bus.register_object(path, info, on_call, on_get, None)
        reply = self.bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                                   'org.freedesktop.DBus', 'RequestName',
                                   GLib.Variant('(su)', (name, 4)), None,
                                   Gio.DBusCallFlags.NONE, -1, None)
        if reply.unpack()[0] != 1:
            raise RuntimeError(f'{name} is taken on this bus')

    def _on_notifications_call(self, conn, sender, path, iface, method, params, invocation):
        if method == 'GetCapabilities':
            invocation.return_value(GLib.Variant('(as)', (['body', 'actions'],)))
        elif method == 'GetServerInformation':
            invocation.return_value(GLib.Variant('(ssss)', ('smoke', 'alga', '1', '1.2')))
        elif method == 'Notify':
            app_name, _, _, summary, body = params.unpack()[:5]
            with self.lock:
                self.notifications.append((app_name, summary, body))
                number = len(self.notifications)
            invocation.return_value(GLib.Variant('(u)', (number,)))
        else:
            invocation.return_value(None)

    def _on_watcher_call(self, conn, sender, path, iface, method, params, invocation):
        if method == 'RegisterStatusNotifierItem':
            with self.lock:
                self.tray_items.append((sender, params.unpack()[0]))
        invocation.return_value(None)

    def _on_watcher_get(self, conn, sender, path, iface, prop):
        if prop == 'IsStatusNotifierHostRegistered':
            return GLib.Variant('b', True)
        if prop == 'ProtocolVersion':
            return GLib.Variant('i', 0)
        with self.lock:
            return GLib.Variant('as', [f'{s}{p}' for s, p in self.tray_items])


class Smoke:
    def __init__(self, app_id, console, out):
        self.app_id = app_id
        self.out = out
        self.home = os.environ['HOME']
        self.app_home = os.path.join(self.home, '.var', 'app', app_id)
        self.results = []
        self.keyring = start_keyring()
        self.desktop = Desktop()
        os.makedirs(out, exist_ok=True)

        self.monitor_log = os.path.join(out, 'dbus-monitor.log')
        self.monitor = subprocess.Popen(['dbus-monitor', '--session'],
                                        stdout=open(self.monitor_log, 'w'),
                                        stderr=subprocess.DEVNULL)
        self.console = subprocess.Popen([console], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, bufsize=1)
        self.server = {}
        for _ in range(5):
            key, _, value = self.console.stdout.readline().strip().partition('=')
            self.server[key] = value
        self.apps = []

    # Helpers --------------------------------------------------------------------------------

    def check(self, name, ok, detail=''):
        self.results.append(ok)
        print(f'{"PASS" if ok else "FAIL"}  {name}{"  (" + detail + ")" if detail else ""}',
              flush=True)
        return ok

    def ask(self, command):
        self.console.stdin.write(command + '\n')
        self.console.stdin.flush()
        return self.console.stdout.readline().strip()

    def wait(self, condition, timeout=WAIT_TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.1)
        return condition()

    def monitor_text(self):
        with open(self.monitor_log, errors='replace') as f:
            return f.read()

    def screenshot(self, name):
        path = os.path.join(self.out, name)
        subprocess.run(['import', '-window', 'root', path], timeout=30, check=False)
        return path

    def flatpak_run(self, *args, env=()):
        """Starts `flatpak run`, its output going to app-N.log."""
        command = ['flatpak', 'run'] + [f'--env={e}' for e in env] + [self.app_id] + list(args)
        log = open(os.path.join(self.out, f'app-{len(self.apps) + 1}.log'), 'w')
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        proc.deadline = time.monotonic() + RUN_TIMEOUT
        self.apps.append(proc)
        return proc

    def server_titles(self):
        """Every ticket's title, asked of the server as any client would."""
        titles, page = set(), 1
        while True:
            request = Request(f'{self.server["URL"]}/api/v1/tickets?page={page}&limit=100',
                              headers={'x-api-key': self.server['API_KEY']})
            with urlopen(request, timeout=30) as answer:
                body = json.load(answer)
            titles.update(t['title'] for t in body['data'] if t.get('title'))
            if not body['data'] or not body.get('pagination', {}).get('hasNext'):
                return titles
            page += 1

    def shown_texts(self):
        """What the desktop's accessibility tree shows: every accessible's name, as a screen
        reader reads them (the app's own and the portal dialogs', if any)."""
        names = []
        desktop = Atspi.get_desktop(0)
        stack = []
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None:
                app.set_cache_mask(Atspi.Cache.NONE)
                stack.append(app)
        while stack and len(names) < 50000:
            node = stack.pop()
            try:
                if node.get_name():
                    names.append(node.get_name())
                for i in range(node.get_child_count()):
                    child = node.get_child_at_index(i)
                    if child is not None:
                        stack.append(child)
            except GLib.Error:
                pass
        return names

    def shown_tickets(self, titles):
        texts = self.shown_texts()
        return sorted({t for t in titles if any(t in text for text in texts)})

    def activate_action(self, action, parameter=None):
        """As the desktop does it: org.gtk.Actions on the app's well-known name."""
        params = [] if parameter is None else [parameter]
        self.desktop.bus.call_sync(self.app_id, '/' + self.app_id.replace('.', '/'),
                                   'org.gtk.Actions', 'Activate',
                                   GLib.Variant('(sava{sv})', (action, params, {})),
                                   None, Gio.DBusCallFlags.NONE, 10000, None)

    def quit(self, proc):
        self.activate_action('quit')
        try:
            proc.wait(timeout=max(1, min(30, proc.deadline - time.monotonic())))
            return proc.returncode
        except subprocess.TimeoutExpired:
            proc.kill()
            return None

    def files_under(self, top):
        for root, _, files in os.walk(top):
            for name in files:
                path = os.path.join(root, name)
                # Only regular files: opening a FIFO of the runtime directory would block.
                if stat.S_ISREG(os.lstat(path).st_mode):
                    yield path

    def grep_files(self, top, needle):
        found = []
        for path in self.files_under(top):
            try:
                with open(path, 'rb') as f:
                    if needle.encode() in f.read():
                        found.append(path)
            except OSError:
                pass
        return found

    # The test ---------------------------------------------------------------------------------

    def run(self):
        url, key, email = self.server['URL'], self.server['API_KEY'], self.server['USER_EMAIL']
        unassigned = self.server['UNASSIGNED_TICKET']

        # First start: signs in with a key, as `build-aux/dev run` does.
        titles = self.server_titles()
        first = self.flatpak_run('--server', url,
                                 env=[f'ALGA_API_KEY={key}', f'ALGA_USER_EMAIL={email}'])
        shown = self.wait(lambda: self.shown_tickets(titles))
        self.check('first start: signed in with a key, the ticket list shows tickets',
                   bool(shown), f'{len(shown)} tickets, e.g. {shown[:1]}')
        self.screenshot('first-start.png')

        keyring = os.path.join(self.app_home, 'data', 'keyrings', 'default.keyring')
        self.check('the account went into the app\'s keyring file through the Secret portal',
                   self.wait(lambda: os.path.exists(keyring))
                   and 'interface=org.freedesktop.portal.Secret; member=RetrieveSecret'
                   in self.monitor_text(), keyring)

        self.check('the background request was answered (allowed)',
                   self.wait(lambda: background_answered(self.monitor_text())))

        items = self.wait(lambda: list(self.desktop.tray_items))
        title = None
        if items:
            sender, path = items[0]
            try:
                reply = self.desktop.bus.call_sync(
                    sender, path, 'org.freedesktop.DBus.Properties', 'Get',
                    GLib.Variant('(ss)', ('org.kde.StatusNotifierItem', 'Title')),
                    None, Gio.DBusCallFlags.NONE, 10000, None)
                title = reply.unpack()[0]
            except GLib.Error as e:
                title = f'error: {e.message}'
        self.check('the tray icon registered, and the desktop can read it', bool(items)
                   and title is not None and not title.startswith('error'), repr(title))

        # What the watcher has seen is saved once its first poll is done: a change after that is
        # news at the next start.
        state_dir = os.path.join(self.app_home, '.local', 'state', 'alga-desktop')
        self.wait(lambda: os.path.isdir(state_dir) and os.listdir(state_dir))
        status = self.quit(first)
        self.check('app.quit ends the first run', status == 0, f'exit status {status}')

        # Meanwhile someone assigns a ticket to the technician.
        self.check('the server assigns a ticket to the technician',
                   self.ask(f'assign {unassigned}') == 'ok')

        # Second start: no key, no server given; the account comes back from the keyring.
        second = self.flatpak_run()
        shown = self.wait(lambda: self.shown_tickets(titles))
        self.check('second start: still signed in, the ticket list shows tickets',
                   bool(shown), f'{len(shown)} tickets, e.g. {shown[:1]}')
        self.screenshot('second-start.png')

        notified = self.wait(lambda: list(self.desktop.notifications))
        self.check('a notification reached the notification server through the portal',
                   bool(notified) and 'interface=org.freedesktop.portal.Notification; '
                   'member=AddNotification' in self.monitor_text(),
                   repr(notified[0][1]) if notified else 'none')

        # A link, as the browser hands it over: a second `flatpak run` passes it to the first.
        title = 'Printer on floor 3 jams'
        ticket = self.ask(f'create {title}')
        glob = f'/api/v1/tickets/{ticket}'
        before = int(self.ask(f'count GET {glob}'))
        link = self.flatpak_run(f'alga://ticket/{ticket}')
        try:
            link.wait(timeout=60)
        except subprocess.TimeoutExpired:
            link.kill()
        asked = self.wait(lambda: int(self.ask(f'count GET {glob}')) > before)
        shown = self.wait(lambda: self.shown_tickets({title}))
        self.check('an alga:// link given to flatpak run opens the ticket in the running app',
                   asked and shown and link.returncode == 0 and second.poll() is None,
                   f'asked for: {asked}, shown: {bool(shown)}, '
                   f'exit status of the second flatpak run: {link.returncode}')
        self.screenshot('link-opened.png')

        status = self.quit(second)
        self.check('app.quit ends the second run', status == 0, f'exit status {status}')

        # Secrets only in the keyring: the key and the tokens are in no file in plain text.
        leaks = self.grep_files(self.home, key)
        self.check('the key is in no file (settings, cache, state, keyring in plain text)',
                   not leaks, ', '.join(leaks))
        settings = os.path.join(self.app_home, 'config', 'glib-2.0', 'settings', 'keyfile')
        self.check('the settings are kept in the sandbox\'s keyfile', os.path.exists(settings)
                   and url in open(settings).read(), settings)

        return all(self.results)

    def close(self):
        for proc in self.apps:
            if proc.poll() is None:
                proc.kill()
        self.console.stdin.close()
        self.console.wait(timeout=10)
        self.monitor.terminate()
        self.keyring.terminate()
        self.keyring.wait(timeout=10)


def start_keyring():
    """An unlocked login keyring on this bus, as build-aux/dev test has it: in the foreground, as
    this process's child, so that close() ends it (a daemonized one outlives its bus). Returns
    once it owns the Secret Service's name, so that D-Bus does not activate a second one."""
    keyring = subprocess.Popen(['gnome-keyring-daemon', '--foreground', '--unlock',
                                '--components=secrets'],
                               stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    keyring.stdin.write('\n')
    keyring.stdin.close()
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    deadline = time.monotonic() + 60
    while True:
        owned = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                              'org.freedesktop.DBus', 'NameHasOwner',
                              GLib.Variant('(s)', ('org.freedesktop.secrets',)),
                              GLib.VariantType('(b)'), Gio.DBusCallFlags.NONE, 5000, None)
        if owned.unpack()[0]:
            return keyring
        if keyring.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError('gnome-keyring-daemon did not start')
        time.sleep(0.1)


def monitor_messages(text):
    """dbus-monitor's output cut into messages: a header line, then indented arguments."""
    return re.split(r'\n(?=\S)', text)


def background_answered(text):
    """The app's RequestBackground, then the portal's Response on its request: code 0 (allowed)
    with background=true."""
    if 'interface=org.freedesktop.portal.Background; member=RequestBackground' not in text:
        return False
    for message in monitor_messages(text):
        header = message.split('\n', 1)[0]
        if ('interface=org.freedesktop.portal.Request; member=Response' in header
                and '/request/' in header and '/alga_' in header):
            body = ' '.join(message.split())
            return ('uint32 0' in body
                    and re.search(r'string "background" variant boolean true', body) is not None)
    return False


def main(argv):
    if len(argv) != 4:
        print(f'usage: {argv[0]} APP_ID SERVER_CONSOLE OUTPUT_DIR', file=sys.stderr)
        return 2
    Atspi.init()
    loop = GLib.MainLoop()
    smoke = Smoke(*argv[1:])
    outcome = {}

    def test():
        try:
            outcome['ok'] = smoke.run()
        except Exception as e:  # a crash of the test is a failure, with its reason
            import traceback
            traceback.print_exc()
            outcome['ok'] = False
        finally:
            GLib.idle_add(loop.quit)

    threading.Thread(target=test, daemon=True).start()
    loop.run()
    smoke.close()
    passed = sum(smoke.results)
    print(f'{passed} passed, {len(smoke.results) - passed} failed')
    return 0 if outcome.get('ok') else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
