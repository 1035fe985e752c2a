#!/usr/bin/env python3
"""Checks the districts' mediation.json: codes, kinds, grid units, times, and that the rules' items are on the duty list."""
import csv
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
FILES = {'zhanqian': ('tenants/zhanqian/mediation.json', 'tenants/zhanqian/petitions.json', 'tenants/zhanqian/grid.geojson'),
         'lianhu': ('tenants/lianhu/mediation.json', 'tenants/lianhu/petitions.json', 'tenants/lianhu/grid.geojson'),
         'wanyuan': ('tenants/wanyuan/mediation.json', 'tenants/wanyuan/petitions.json', 'tenants/wanyuan/grid.geojson'),
         'yuexiu': ('tenants/yuexiu/mediation.json', 'tenants/yuexiu/petitions.json', 'tenants/yuexiu/grid.geojson'),
         'template': ('tenants/templates/street-centre.mediation.json', 'tenants/templates/street-centre.petitions.json', 'tenants/templates/street-centre.grid.csv')}
KINDS = {'Committee', 'EldersStudio', 'NamedRoom', 'JointStation', 'CounsellingRoom', 'CentreRoom'}
problems = []
for district, (mediation, petitions, grid) in FILES.items():
    data = json.load(open(os.path.join(ROOT, mediation), encoding='utf-8'))
    items = {i['code'] for c in json.load(open(os.path.join(ROOT, petitions), encoding='utf-8'))['categories'] for i in c.get('items', [])}
    if grid.endswith('.csv'):
        units = {r['code'] for r in csv.DictReader(open(os.path.join(ROOT, grid), encoding='utf-8'))}
    else:
        units = {f['properties']['code'] for f in json.load(open(os.path.join(ROOT, grid), encoding='utf-8'))['features']}
    rules = data.get('settings', {})
    for code in [rules.get('defaultPetitionCategory'), *rules.get('petitionCategories', {}).values()]:
        if code and code not in items:
            problems.append(f'{district}: item {code} is not on the duty list')
    codes = set()
    for body in data['bodies']:
        label = f"{district}: {body.get('code')}"
        if not re.match(r'^[a-z0-9][a-z0-9-]{1,63}$', body['code']) or body['code'] in codes:
            problems.append(f'{label}: bad or repeated code')
        codes.add(body['code'])
        if body['kind'] not in KINDS or body['gridUnit'] not in units:
            problems.append(f'{label}: bad kind or unknown grid unit')
        if (body.get('opens') or '') >= (body.get('closes') or '~') or not 0 <= body.get('capacity', 0) <= 100:
            problems.append(f'{label}: opens after closes or capacity out of range')
        for mediator in body.get('mediators', []):
            if mediator['role'] == 'Elder' and mediator.get('background', 'None') == 'None':
                problems.append(f'{label}: elder {mediator["name"]} has no background')
print('\n'.join(problems) or 'mediation data OK')
sys.exit(1 if problems else 0)
