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
#
# Nothing here can hang: every wait has a deadline, and a step that outlives its own (a call into
# a library that never returns) makes the watchdog print which step it was, the stack, and end
# the test. The test runs in the main thread; the desktop's services answer in a thread of their
# own, on a connection and a main context of their own; the accessibility tree, which libatspi
# does not let two threads read, is read by a child process, one per look, killed if it is slow.
#
# flatpak-smoke.py --accessible-names prints, as JSON, the names in the desktop's accessibility
# tree (that child).

import faulthandler
import json
import os
import queue
import re
import stat
import subprocess
import sys
import threading
import time

import gi

gi.require_version('Gio', '2.0')
from gi.repository import Gio, GLib  # noqa: E402
from urllib.request import Request, urlopen  # noqa: E402

RUN_TIMEOUT = 180     # seconds one sandboxed run may last before it is killed
WAIT_TIMEOUT = 60     # seconds a condition may take
LOOK_TIMEOUT = 30     # seconds one reading of the accessibility tree may take
CALL_TIMEOUT = 10     # seconds a D-Bus call or an answer of the server console may take
STEP_GRACE = 60       # seconds past a step's own waits before the watchdog ends the test

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
    They answer in a thread of their own, with its own main context and its own connection to
    the bus, so that nothing the test does (a blocking call, a slow look at the accessibility
    tree) keeps them from answering, and nothing of theirs runs in the test's thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.notifications = []   # (app_name, summary, body)
        self.tray_items = []      # (sender, object path)
        self.context = GLib.MainContext()
        self.loop = GLib.MainLoop(self.context)
        ready = queue.Queue()
        self.thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self.thread.start()
        try:
            error = ready.get(timeout=30)
        except queue.Empty:
            error = 'the desktop\'s services did not start within 30 s'
        if error:
            raise RuntimeError(error)

    def _run(self, ready):
        self.context.push_thread_default()
        try:
            address = Gio.dbus_address_get_for_bus_sync(Gio.BusType.SESSION, None)
            self.bus = Gio.DBusConnection.new_for_address_sync(
                address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
                | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
            self._export('org.freedesktop.Notifications', '/org/freedesktop/Notifications',
                         NOTIFICATIONS_XML, self._on_notifications_call)
            self._export('org.kde.StatusNotifierWatcher', '/StatusNotifierWatcher',
                         WATCHER_XML, self._on_watcher_call, self._on_watcher_get)
        except Exception as e:  # reported to the test's thread, which fails with it
            ready.put(f'the desktop\'s services did not start: {e}')
            return
        ready.put(None)
        self.loop.run()
        self.bus.close_sync(None)

    def stop(self):
        source = GLib.idle_source_new()
        source.set_callback(lambda *_: self.loop.quit() or False)
        source.attach(self.context)
        self.thread.join(timeout=10)

    def _export(self, name, path, xml, on_call, on_get=None):
        info = Gio.DBusNodeInfo.new_for_xml(xml).interfaces[0]
        self.bus.register_object(path, info, on_call, on_get, None)
        reply = self.bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                                   'org.freedesktop.DBus', 'RequestName',
                                   GLib.Variant('(su)', (name, 4)), None,
                                   Gio.DBusCallFlags.NONE, CALL_TIMEOUT * 1000, None)
        if reply.unpack()[0] != 1:
            raise RuntimeError(f'{name} is taken on this bus')

    def notifications_now(self):
        with self.lock:
            return list(self.notifications)

    def tray_items_now(self):
        with self.lock:
            return list(self.tray_items)

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


class Watchdog:
    """Ends the test when a step outlives its deadline: a wait here has its own deadline, but a
    call into a library (D-Bus, GLib) could still never return. It names the step, prints every
    thread's stack, and ends the process; what the test started is killed with it by the
    caller's timeout and session (xvfb-run, dbus-run-session)."""

    def __init__(self, on_expiry):
        self.lock = threading.Lock()
        self.step = None
        self.deadline = None
        self.on_expiry = on_expiry
        threading.Thread(target=self._watch, daemon=True).start()

    def start(self, step, seconds):
        with self.lock:
            self.step, self.deadline = step, time.monotonic() + seconds + STEP_GRACE

    def _watch(self):
        while True:
            time.sleep(1)
            with self.lock:
                expired = self.deadline is not None and time.monotonic() > self.deadline
                step = self.step
            if expired:
                print(f'FAIL  step "{step}" did not finish in time: the test is ended; the '
                      'stacks of its threads follow', flush=True)
                faulthandler.dump_traceback(all_threads=True)
                self.on_expiry()
                os._exit(1)


class Smoke:
    def __init__(self, app_id, out):
        self.app_id = app_id
        self.out = out
        self.home = os.environ['HOME']
        self.app_home = os.path.join(self.home, '.var', 'app', app_id)
        self.results = []
        self.apps = []
        self.keyring = None
        self.monitor = None
        self.console = None
        self.desktop = None
        self.current_step = 'setting up'
        self.watchdog = Watchdog(self.kill_children)
        os.makedirs(out, exist_ok=True)

    def start(self, console):
        self.step('starting the keyring', 60)
        self.keyring = start_keyring()
        self.step('starting the desktop\'s notification server and tray watcher', 30)
        self.desktop = Desktop()
        # The test's own calls (to the app, to the bus) go on the shared connection, from this
        # thread; nothing is exported on it.
        self.bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

        self.monitor_log = os.path.join(self.out, 'dbus-monitor.log')
        self.monitor = subprocess.Popen(['dbus-monitor', '--session'],
                                        stdout=open(self.monitor_log, 'w'),
                                        stderr=subprocess.DEVNULL)
        self.step('starting the demo server', 60)
        self.console = subprocess.Popen([console], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, bufsize=1)
        # The console's lines are read by a thread of their own, so that every read has a
        # deadline (a line already in the pipe's buffer would fool select()).
        self.console_lines = queue.Queue()
        threading.Thread(target=self._read_console, daemon=True).start()
        self.server = {}
        for _ in range(5):
            key, _, value = self.console_line(60).partition('=')
            self.server[key] = value

    # Helpers --------------------------------------------------------------------------------

    def step(self, name, seconds=WAIT_TIMEOUT):
        """What the test does now, and how long it may take: the watchdog's deadline, and the
        step named when something fails."""
        self.current_step = name
        self.watchdog.start(name, seconds)

    def check(self, name, ok, detail=''):
        ok = bool(ok)
        self.results.append(ok)
        print(f'{"PASS" if ok else "FAIL"}  {name}{"  (" + detail + ")" if detail else ""}',
              flush=True)
        return ok

    def _read_console(self):
        for line in self.console.stdout:
            self.console_lines.put(line.strip())
        self.console_lines.put(None)

    def console_line(self, timeout=CALL_TIMEOUT):
        try:
            line = self.console_lines.get(timeout=timeout)
        except queue.Empty:
            raise RuntimeError(f'the demo server\'s console did not answer within {timeout} s '
                               f'(step: {self.current_step})') from None
        if line is None:
            raise RuntimeError(f'the demo server\'s console ended (step: {self.current_step})')
        return line

    def ask(self, command):
        self.console.stdin.write(command + '\n')
        self.console.stdin.flush()
        return self.console_line()

    def wait(self, condition, timeout=WAIT_TIMEOUT):
        """Polls until condition() is true or the deadline; returns its last value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.2)
        return condition()

    def monitor_text(self):
        with open(self.monitor_log, errors='replace') as f:
            return f.read()

    def screenshot(self, name):
        path = os.path.join(self.out, name)
        try:
            subprocess.run(['import', '-window', 'root', path], timeout=30, check=False)
        except subprocess.TimeoutExpired:
            print(f'note: the screenshot {name} took more than 30 s and was left out', flush=True)
        return path

    def flatpak_run(self, *args, env=()):
        """Starts `flatpak run`, its output going to app-N.log. The keyring store's own log says
        when the keyring had to be asked again."""
        env = ['G_MESSAGES_DEBUG=alga-token-store-secret'] + list(env)
        command = ['flatpak', 'run'] + [f'--env={e}' for e in env] + [self.app_id] + list(args)
        log = open(os.path.join(self.out, f'app-{len(self.apps) + 1}.log'), 'w')
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        proc.deadline = time.monotonic() + RUN_TIMEOUT
        self.apps.append(proc)
        return proc

    def server_titles(self):
        """Every ticket's title, asked of the server as any client would."""
        titles, page = set(), 1
        while page < 100:
            request = Request(f'{self.server["URL"]}/api/v1/tickets?page={page}&limit=100',
                              headers={'x-api-key': self.server['API_KEY']})
            with urlopen(request, timeout=30) as answer:
                body = json.load(answer)
            titles.update(t['title'] for t in body['data'] if t.get('title'))
            if not body['data'] or not body.get('pagination', {}).get('hasNext'):
                break
            page += 1
        return titles

    def shown_texts(self):
        """What the desktop's accessibility tree shows: every accessible's name, as a screen
        reader reads them (the app's own and the portal dialogs', if any), read by a child
        process. A look that fails or takes too long shows nothing; the next look may."""
        started = time.monotonic()
        try:
            done = subprocess.run([sys.executable, os.path.abspath(__file__),
                                   '--accessible-names'], capture_output=True, text=True,
                                  timeout=LOOK_TIMEOUT)
            with open(os.path.join(self.out, 'looks.log'), 'a') as log:
                print(f'{self.current_step}: {time.monotonic() - started:.1f} s, exit status '
                      f'{done.returncode}, {len(done.stdout)} bytes', file=log)
        except subprocess.TimeoutExpired:
            print(f'note: reading the accessibility tree took more than {LOOK_TIMEOUT} s '
                  f'(step: {self.current_step})', flush=True)
            return []
        if done.returncode != 0:
            print(f'note: reading the accessibility tree failed (step: {self.current_step}): '
                  f'{done.stderr.strip()[-300:]}', flush=True)
            return []
        return json.loads(done.stdout)

    def shown_tickets(self, titles):
        texts = self.shown_texts()
        return sorted({t for t in titles if any(t in text for text in texts)})

    def activate_action(self, action, parameter=None):
        """As the desktop does it: org.gtk.Actions on the app's well-known name."""
        params = [] if parameter is None else [parameter]
        self.bus.call_sync(self.app_id, '/' + self.app_id.replace('.', '/'),
                           'org.gtk.Actions', 'Activate',
                           GLib.Variant('(sava{sv})', (action, params, {})),
                           None, Gio.DBusCallFlags.NONE, CALL_TIMEOUT * 1000, None)

    def quit(self, proc):
        try:
            self.activate_action('quit')
        except GLib.Error as e:
            print(f'note: app.quit could not be activated: {e.message}', flush=True)
        try:
            proc.wait(timeout=max(1, min(30, proc.deadline - time.monotonic())))
            return proc.returncode
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=CALL_TIMEOUT)
            return None

    def portal_requests(self, portal, member):
        """How many times the app asked org.freedesktop.portal.PORTAL for MEMBER (from the bus
        monitor)."""
        return self.monitor_text().count(f'interface=org.freedesktop.portal.{portal}; '
                                         f'member={member}\n')

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
        self.step('first start: signing in with a key and showing tickets', 2 * WAIT_TIMEOUT)
        titles = self.server_titles()
        first = self.flatpak_run('--server', url,
                                 env=[f'ALGA_API_KEY={key}', f'ALGA_USER_EMAIL={email}'])
        shown = self.wait(lambda: self.shown_tickets(titles))
        self.check('first start: signed in with a key, the ticket list shows tickets',
                   bool(shown), f'{len(shown)} tickets, e.g. {shown[:1]}' if shown else
                   f'no ticket shown within {WAIT_TIMEOUT} s: see app-1.log and first-start.png')
        self.screenshot('first-start.png')

        self.step('the keyring file', WAIT_TIMEOUT)
        keyring = os.path.join(self.app_home, 'data', 'keyrings', 'default.keyring')
        exists = self.wait(lambda: os.path.exists(keyring))
        asked = self.portal_requests('Secret', 'RetrieveSecret')
        self.check('the account went into the app\'s keyring file through the Secret portal',
                   exists and asked > 0,
                   f'{keyring}: {"there" if exists else "missing"}; the Secret portal was '
                   f'asked {asked} time(s)')

        self.step('the background request', WAIT_TIMEOUT)
        self.check('the background request was answered (allowed)',
                   self.wait(lambda: background_answered(self.monitor_text())))

        self.step('the tray icon', WAIT_TIMEOUT + CALL_TIMEOUT)
        items = self.wait(lambda: self.desktop.tray_items_now())
        title = None
        if items:
            sender, path = items[0]
            try:
                reply = self.bus.call_sync(
                    sender, path, 'org.freedesktop.DBus.Properties', 'Get',
                    GLib.Variant('(ss)', ('org.kde.StatusNotifierItem', 'Title')),
                    None, Gio.DBusCallFlags.NONE, CALL_TIMEOUT * 1000, None)
                title = reply.unpack()[0]
            except GLib.Error as e:
                title = f'error: {e.message}'
        self.check('the tray icon registered, and the desktop can read it', bool(items)
                   and title is not None and not title.startswith('error'), repr(title))

        # What the watcher has seen is saved once its first poll is done: a change after that is
        # news at the next start.
        self.step('quitting the first run', WAIT_TIMEOUT + 30 + CALL_TIMEOUT)
        state_dir = os.path.join(self.app_home, '.local', 'state', 'alga-desktop')
        self.wait(lambda: os.path.isdir(state_dir) and os.listdir(state_dir))
        status = self.quit(first)
        self.check('app.quit ends the first run', status == 0, f'exit status {status}')

        # Meanwhile someone assigns a ticket to the technician.
        self.step('assigning a ticket on the server', CALL_TIMEOUT)
        self.check('the server assigns a ticket to the technician',
                   self.ask(f'assign {unassigned}') == 'ok')

        # Second start: no key, no server given; the account comes back from the keyring.
        self.step('second start: the account from the keyring', 2 * WAIT_TIMEOUT)
        second = self.flatpak_run()
        shown = self.wait(lambda: self.shown_tickets(titles))
        self.check('second start: still signed in, the ticket list shows tickets',
                   bool(shown), f'{len(shown)} tickets, e.g. {shown[:1]}' if shown else
                   f'no ticket shown within {WAIT_TIMEOUT} s: see app-2.log and second-start.png')
        self.screenshot('second-start.png')

        self.step('the notification', WAIT_TIMEOUT)
        notified = self.wait(lambda: self.desktop.notifications_now())
        self.check('a notification reached the notification server through the portal',
                   bool(notified) and self.portal_requests('Notification', 'AddNotification') > 0,
                   repr(notified[0][1]) if notified else f'none within {WAIT_TIMEOUT} s')

        # A link, as the browser hands it over: a second `flatpak run` passes it to the first.
        self.step('an alga:// link', 3 * WAIT_TIMEOUT + 2 * CALL_TIMEOUT)
        title = 'Printer on floor 3 jams'
        ticket = self.ask(f'create {title}')
        glob = f'/api/v1/tickets/{ticket}'
        before = int(self.ask(f'count GET {glob}'))
        link = self.flatpak_run(f'alga://ticket/{ticket}')
        try:
            link.wait(timeout=WAIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            link.kill()
            link.wait(timeout=CALL_TIMEOUT)
        asked = self.wait(lambda: int(self.ask(f'count GET {glob}')) > before)
        shown = self.wait(lambda: self.shown_tickets({title}))
        self.check('an alga:// link given to flatpak run opens the ticket in the running app',
                   asked and shown and link.returncode == 0 and second.poll() is None,
                   f'asked for: {asked}, shown: {bool(shown)}, '
                   f'exit status of the second flatpak run: {link.returncode}')
        self.screenshot('link-opened.png')

        self.step('quitting the second run', 30 + CALL_TIMEOUT)
        status = self.quit(second)
        self.check('app.quit ends the second run', status == 0, f'exit status {status}')

        # Secrets only in the keyring: the key and the tokens are in no file in plain text.
        self.step('looking for the key in files', WAIT_TIMEOUT)
        leaks = self.grep_files(self.home, key)
        self.check('the key is in no file (settings, cache, state, keyring in plain text)',
                   not leaks, ', '.join(leaks))
        settings = os.path.join(self.app_home, 'config', 'glib-2.0', 'settings', 'keyfile')
        self.check('the settings are kept in the sandbox\'s keyfile', os.path.exists(settings)
                   and url in open(settings).read(), settings)

        retries = sum(self.app_log(n).count('asking it again') for n in (1, 2))
        if retries:
            print(f'note: the keyring was asked again {retries} time(s) after not answering '
                  '(app-1.log, app-2.log)', flush=True)

        return all(self.results)

    def app_log(self, n):
        try:
            with open(os.path.join(self.out, f'app-{n}.log'), errors='replace') as f:
                return f.read()
        except OSError:
            return ''

    def kill_children(self):
        for proc in self.apps + [self.console, self.monitor, self.keyring]:
            if proc is not None and proc.poll() is None:
                proc.kill()

    def close(self):
        self.step('ending the test', 30)
        for proc in self.apps:
            if proc.poll() is None:
                proc.kill()
        if self.console is not None:
            self.console.stdin.close()
        if self.monitor is not None:
            self.monitor.terminate()
        if self.keyring is not None:
            self.keyring.terminate()
        for proc in [self.console, self.monitor, self.keyring] + self.apps:
            if proc is None:
                continue
            try:
                proc.wait(timeout=CALL_TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
        if self.desktop is not None:
            self.desktop.stop()


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
            keyring.kill()
            raise RuntimeError('gnome-keyring-daemon did not start within 60 s')
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


def accessible_names():
    """The child's part: every name in the desktop's accessibility tree, in this process's only
    thread. A new process per look reads a fresh tree, so libatspi's cache is used: it reads an
    application's whole tree in one call instead of three calls per node, which took more than
    30 s on a busy machine. libatspi waits up to its "startup time" (15 s) for an application
    it has just met, which every application is to a new process: a sandboxed app that has quit
    can stay on the registry's list behind its D-Bus proxy, never to answer, so every call gets
    3 s, and an application that fails one is left."""
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
    Atspi.init()
    Atspi.set_timeout(3000, 3000)
    names = []
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is None:
            continue
        stack = [app]
        try:
            while stack and len(names) < 50000:
                node = stack.pop()
                if node.get_name():
                    names.append(node.get_name())
                for j in range(node.get_child_count()):
                    child = node.get_child_at_index(j)
                    if child is not None:
                        stack.append(child)
        except GLib.Error:
            continue
    json.dump(names, sys.stdout)
    return 0


def main(argv):
    if argv[1:] == ['--accessible-names']:
        return accessible_names()
    if len(argv) != 4:
        print(f'usage: {argv[0]} APP_ID SERVER_CONSOLE OUTPUT_DIR', file=sys.stderr)
        return 2
    smoke = None
    ok = False
    try:
        smoke = Smoke(argv[1], argv[3])
        smoke.start(argv[2])
        ok = smoke.run()
    except Exception as e:  # a crash of the test is a failure, with its step and reason
        import traceback
        traceback.print_exc()
        step = smoke.current_step if smoke is not None else 'setting up'
        print(f'FAIL  step "{step}": {e}', flush=True)
        if smoke is not None:
            smoke.results.append(False)
    finally:
        if smoke is not None:
            smoke.close()
    results = smoke.results if smoke is not None else []
    passed = sum(results)
    print(f'{passed} passed, {len(results) - passed} failed')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
