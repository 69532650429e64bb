#!/usr/bin/env python3
"""Adds messages to an area: reads `key<TAB>fr<TAB>en` lines on stdin (or from a file argument).

Usage: python3 scripts/add-messages.py AREA [FILE]
Creates messages/AREA/{fr,en}.json and registers the area in project.inlang/settings.json.
Existing keys are replaced. Run `npm run i18n` afterwards.
"""
import json, os, sys

area = sys.argv[1]
lines = (open(sys.argv[2]) if len(sys.argv) > 2 else sys.stdin).read().splitlines()
root = os.path.join(os.path.dirname(__file__), '..')
folder = os.path.join(root, 'messages', area)
os.makedirs(folder, exist_ok=True)
for index, locale in ((1, 'fr'), (2, 'en')):
    path = os.path.join(folder, f'{locale}.json')
    data = json.load(open(path)) if os.path.exists(path) else {
        '$schema': 'https://inlang.com/schema/inlang-message-format'}
    for line in lines:
        if not line.strip():
            continue
        parts = line.split('\t')
        if len(parts) != 3:
            sys.exit(f'not key<TAB>fr<TAB>en: {line!r}')
        data[parts[0]] = parts[index]
    with open(path, 'w') as f:
        json.dump(data, f, ensure_ascii=False, indent='\t')
        f.write('\n')
settings_path = os.path.join(root, 'project.inlang', 'settings.json')
settings = json.load(open(settings_path))
patterns = settings['plugin.inlang.messageFormat']['pathPattern']
pattern = f'./messages/{area}/{{locale}}.json'
if pattern not in patterns:
    patterns.append(pattern)
    with open(settings_path, 'w') as f:
        json.dump(settings, f, ensure_ascii=False, indent=2)
