#!/usr/bin/env python3
# Reads meson's testlog.json files and prints the closing line "N passed, N failed", counting
# each GTest case (TAP line) rather than each executable. An executable that failed beyond its
# TAP lines (a crash, a sanitizer report at exit) counts as one more failure; a skip counts as a
# failure too, since under build-aux/dev every test has what it needs to run.
import json
import re
import sys

TAP_RE = re.compile(r'^(not ok|ok)\b(.*)$')

passed = failed = 0
problems = []

for path in sys.argv[1:]:
    try:
        with open(path, encoding='utf-8') as f:
            lines = [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError:
        problems.append(f'{path}: no test log (the build or the test run did not happen)')
        failed += 1
        continue

    for entry in lines:
        name = entry.get('name', '?')
        result = entry.get('result', 'ERROR')
        out = entry.get('stdout') or entry.get('stdo') or ''
        case_pass = case_fail = 0
        for line in out.splitlines():
            m = TAP_RE.match(line)
            if not m:
                continue
            rest = m.group(2)
            if '# SKIP' in rest or '# skip' in rest:
                case_fail += 1
                problems.append(f'{path}: {name}: skipped:{rest}')
            elif m.group(1) == 'ok':
                case_pass += 1
            else:
                case_fail += 1
                problems.append(f'{path}: {name}: failed:{rest}')
        if result in ('OK', 'EXPECTEDFAIL'):
            if case_pass + case_fail == 0:
                case_pass = 1
        elif result == 'SKIP':
            case_fail += 1
            problems.append(f'{path}: {name}: skipped as a whole')
        elif case_fail == 0:
            case_fail += 1
            problems.append(f'{path}: {name}: {result}')
        passed += case_pass
        failed += case_fail

for p in problems:
    print(p)
print(f'{passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
