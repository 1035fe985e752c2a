#!/usr/bin/env python3
"""Writes tenants/<district>/mediation.json (and the street-centre template's) from the districts' grid files.

The bodies follow the sources listed in tenants/MEDIATION.md; every mediator's name is invented (a fixed seed
keeps the files stable when this is run again). Run from the repository root: python3 tools/generate-mediation.py
"""
import csv
import json
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛'
GIVEN = '德淑桂秀玉凤兰英华志国建明文军春海红丽平永立宏伟庆福贵荣振兴学忠诚宝林云'
SURNAME_PINYIN = {'张': 'zhang', '王': 'wang', '李': 'li', '刘': 'liu', '陈': 'chen', '赵': 'zhao', '孙': 'sun', '周': 'zhou', '吴': 'wu', '郑': 'zheng'}
BACKGROUNDS = ['PartyMember', 'Cadre', 'Soldier', 'Police', 'Intellectual']
PROFILES = {
    'PartyMember': '老党员，退休前在街道工作，熟悉社区情况',
    'Cadre': '退休干部，曾任社区党委书记',
    'Soldier': '退役军人，热心公益',
    'Police': '原派出所民警，从事治安调解多年',
    'Intellectual': '退休教师，擅长做思想工作',
}
WEEKDAYS = '周一至周五 8:30-17:00'


def units(district):
    if district == 'template':
        rows = list(csv.DictReader(open(os.path.join(ROOT, 'tenants/templates/street-centre.grid.csv'), encoding='utf-8')))
        return [dict(code=r['code'], name=r['name'], englishName=r['englishName'] or None, level=int(r['level']), parent=r['parent'] or None, kind=r['kind']) for r in rows]
    grid = json.load(open(os.path.join(ROOT, f'tenants/{district}/grid.geojson'), encoding='utf-8'))
    return [f['properties'] for f in grid['features']]


class Names:
    def __init__(self, seed):
        self.random = random.Random(seed)
        self.used = set()

    def person(self, surname=None):
        while True:
            name = (surname or self.random.choice(SURNAMES)) + ''.join(self.random.choice(GIVEN) for _ in range(self.random.choice([1, 2])))
            if name not in self.used:
                self.used.add(name)
                return name

    def phone(self, prefix):
        return f'{prefix}-{self.random.randint(2000000, 8999999)}'


def mediator(names, role, background=None, profile=None, surname=None):
    entry = {'name': names.person(surname), 'role': role}
    if background:
        entry['background'] = background
    if profile:
        entry['profile'] = profile
    return entry


def body(code, kind, zh, en, unit, mediators, hours=WEEKDAYS, opens='08:30', closes='17:00', capacity=4, phone=None, address=None, description=None):
    entry = {'code': code, 'kind': kind, 'name': {'zh-CN': zh, 'en': en}, 'gridUnit': unit}
    if address:
        entry['address'] = address
    entry.update({'hours': hours, 'opens': opens, 'closes': closes, 'capacity': capacity})
    if phone:
        entry['phone'] = phone
    if description:
        entry['description'] = description
    entry['mediators'] = mediators
    return entry


def committee(names, unit, phone_prefix, code_prefix):
    short = unit['code'].split('-')[-1].lower()
    return body(f'{code_prefix}-{short}-committee', 'Committee', f"{unit['name']}人民调解委员会", f"{unit['englishName']} People's Mediation Committee",
                unit['code'], [mediator(names, 'Mediator', profile='人民调解委员会主任'), mediator(names, 'Mediator'), mediator(names, 'Lawyer', profile='法律顾问')],
                capacity=4, phone=names.phone(phone_prefix))


def centre(names, unit, phone_prefix, code, level_zh, level_en):
    return body(code, 'CentreRoom', f"{unit['name']}{level_zh}矛盾纠纷调处室", f"{unit['englishName']} {level_en} Mediation Room", unit['code'],
                [mediator(names, 'Mediator', profile='专职人民调解员'), mediator(names, 'Mediator'), mediator(names, 'Lawyer', profile='驻中心律师')],
                capacity=8, phone=names.phone(phone_prefix), description='一站式受理群众矛盾纠纷，调解不成的引导诉讼、仲裁或交有关部门处理。')


def settings(default, categories, **extra):
    value = {'defaultPetitionCategory': default, 'petitionCategories': categories}
    value.update(extra)
    return value


ZHANQIAN_STUDIOS = {
    '210802-01-001': 'Wudamen', '210802-01-002': 'Qingnian', '210802-01-003': 'Dongshan', '210802-01-004': 'Batiandi',
    '210802-02-001': 'Zhannan', '210802-02-002': 'Shuguang', '210802-02-003': 'Jinxiu',
    '210802-03-001': 'Nanhu', '210802-03-002': 'Guanghua', '210802-03-003': 'Xinxing',
    '210802-04-001': 'Bohai', '210802-04-002': 'Heping',
    '210802-05-001': 'Dongsheng', '210802-05-002': 'Shifu', '210802-05-003': 'Jinniushan',
    '210802-06-001': 'Panpan', '210802-06-002': 'Kanghua',
    '210802-07-001': "Ping'an", '210802-07-002': 'Minsheng', '210802-07-003': 'Gangcaijie',
}
ZHANQIAN_ROOMS = ['张', '王', '李', '刘', '陈', '赵', '孙', '周', '吴', '郑']
ZHANQIAN_STATIONS = {'210802-01-001': 'Wudamen', '210802-02-004': 'Tielu', '210802-05-002': 'Shifu', '210802-07-005': 'Zhongshan'}


def zhanqian():
    names = Names('zhanqian')
    all_units = {u['code']: u for u in units('zhanqian')}
    district = all_units['210802']
    bodies = [centre(names, district, '0417', 'zq-centre', '社会治理中心', 'Governance Centre')]
    bodies.append(body('zq-xinli-centre', 'CounsellingRoom', '站前区社会心理服务中心', 'Zhanqian District Social Psychological Service Centre', '210802',
                       [mediator(names, 'Counsellor', profile='国家二级心理咨询师'), mediator(names, 'Counsellor', profile='社会工作师')],
                       capacity=6, phone=names.phone('0417'), description='为矛盾纠纷当事人和有需要的群众提供心理疏导、危机干预和心理健康服务。'))
    bodies.append(body('zq-xinyi', 'CounsellingRoom', '心驛心理咨询室', 'Xinyi Psychological Counselling Room', '210802',
                       [mediator(names, 'Counsellor', profile='心理咨询师志愿者'), mediator(names, 'Counsellor')],
                       capacity=4, description='社区身边的心理咨询室，预约即可面谈。'))
    for unit in [u for u in all_units.values() if u['level'] == 2]:
        bodies.append(committee(names, unit, '0417', 'zq'))
    for code, pinyin in ZHANQIAN_STUDIOS.items():
        unit = all_units[code]
        members = [mediator(names, 'Elder', background, PROFILES[background]) for background in BACKGROUNDS]
        bodies.append(body(f"zq-{code.split('-', 1)[1]}-wulao", 'EldersStudio', f"{unit['name']}五老调解工作室", f'{pinyin} Community Five-Elders Mediation Studio', code,
                           members, hours='周一至周五 9:00-16:30', opens='09:00', closes='16:30', capacity=3, phone=names.phone('0417'),
                           description='由老党员、老干部、老军人、老政法干警、老知识分子组成，就地化解邻里、家庭和物业纠纷。'))
    communities = [u for u in all_units.values() if u['level'] == 3]
    for index, surname in enumerate(ZHANQIAN_ROOMS):
        unit = communities[(index * 4 + 1) % len(communities)]
        namesake = mediator(names, 'Mediator', profile='从事人民调解工作十年以上，以个人名字命名调解室', surname=surname)
        bodies.append(body(f'zq-named-{SURNAME_PINYIN[surname]}', 'NamedRoom', f'老{surname}调解室', f'Old {SURNAME_PINYIN[surname].capitalize()} Mediation Room', unit['code'],
                           [namesake], hours='周一至周六 9:00-16:00', opens='09:00', closes='16:00', capacity=2, phone=names.phone('0417'),
                           description=f"以调解员{namesake['name']}的名字命名，设在{unit['name']}。"))
    for code, pinyin in ZHANQIAN_STATIONS.items():
        unit = all_units[code]
        bodies.append(body(f"zq-{code.split('-', 1)[1]}-jpz", 'JointStation', f"{unit['name']}警评治工作站", f'{pinyin} Community Police–Court–Procuratorate Station', code,
                           [mediator(names, 'Police', profile='社区民警'), mediator(names, 'Judge', profile='区法院法官'), mediator(names, 'Prosecutor', profile='区检察院检察官'),
                            mediator(names, 'Mediator', profile='社区人民调解员')],
                           capacity=3, description='民警、法官、检察官和调解员联合坐班，诉调、警调对接。'))
    return {'settings': settings('0201', {'Neighbourhood': '0201', 'Family': '0202', 'Property': '0203', 'Labour': '0205', 'Consumer': '0206'}), 'bodies': bodies}


def streets_and_centres(district, prefix, phone, code_prefix):
    names = Names(district)
    all_units = units(district)
    top = [u for u in all_units if u['level'] == 1][0]
    bodies = [centre(names, top, phone, f'{code_prefix}-centre', '社会治理中心' if district != 'wanyuan' else '社会治理中心（云上调解）', 'Governance Centre')]
    for unit in [u for u in all_units if u['level'] == 2 and u.get('kind', 'territorial') == 'territorial']:
        bodies.append(committee(names, unit, phone, code_prefix))
    return names, all_units, bodies


def lianhu():
    names, all_units, bodies = streets_and_centres('lianhu', '610104', '029', 'lh')
    for unit in [u for u in all_units if u['level'] == 2]:
        bodies.append(centre(names, unit, '029', f"lh-{unit['code'].split('-')[-1]}-centre", '综治中心', 'Governance Centre'))
    return {'settings': settings('0201', {'Neighbourhood': '0201', 'Family': '0202', 'Property': '0203', 'Labour': '0205', 'Consumer': '0206',
                                          'Demolition': '0208', 'Damages': '0209'}), 'bodies': bodies}


def wanyuan():
    names, all_units, bodies = streets_and_centres('wanyuan', '511781', '0818', 'wy')
    return {'settings': settings('0201', {'Neighbourhood': '0201', 'Family': '0202', 'Land': '0203', 'Labour': '0206', 'Demolition': '0207', 'Property': '0208'}),
            'bodies': bodies}


YUEXIU_COMMUNITIES = {'440104-01-001': 'Shuijungang', '440104-02-001': 'Yuexiubei', '440104-03-001': 'Yuexiunan', '440104-04-001': 'Jiefangbei',
                      '440104-05-001': 'Guangxiao', '440104-06-001': 'Meihuacun'}


def yuexiu():
    names, all_units, bodies = streets_and_centres('yuexiu', '440104', '020', 'yx')
    by_code = {u['code']: u for u in all_units}
    for unit in [u for u in all_units if u['level'] == 2]:
        bodies.append(centre(names, unit, '020', f"yx-{unit['code'].split('-')[-1]}-centre", '综治中心', 'Governance Centre'))
    for code, pinyin in YUEXIU_COMMUNITIES.items():
        unit = dict(by_code[code], englishName=f'{pinyin} Community')
        bodies.append(centre(names, unit, '020', f"yx-{code.split('-', 1)[1]}-centre", '综治中心', 'Governance Centre'))
    return {'settings': settings('0201', {'Neighbourhood': '0201', 'Family': '0202', 'Property': '0203', 'Labour': '0205', 'Consumer': '0206'}), 'bodies': bodies}


def template():
    names = Names('street-centre')
    street = [u for u in units('template') if u['level'] == 1][0]
    bodies = [
        committee(names, street, '0000', 'jd'),
        centre(names, street, '0000', 'jd-centre', '综治中心', 'Governance Centre'),
        body('jd-xinli', 'CounsellingRoom', f"{street['name']}综治中心心理咨询室", f"{street['englishName']} Governance Centre Counselling Room", street['code'],
             [mediator(names, 'Counsellor', profile='心理咨询师')], capacity=4, description='一厅四室之一：心理疏导和危机干预。'),
    ]
    # The street is level 1 of this grid and its communities level 2: they report and handle first.
    return {'settings': settings('0101', {'Neighbourhood': '0101', 'Family': '0102', 'Property': '0103', 'Labour': '0105', 'Consumer': '0106'}, reportingDepth=2),
            'bodies': bodies}


def write(path, value):
    with open(os.path.join(ROOT, path), 'w', encoding='utf-8') as out:
        json.dump(value, out, ensure_ascii=False, indent=2)
        out.write('\n')


if __name__ == '__main__':
    write('tenants/zhanqian/mediation.json', zhanqian())
    write('tenants/lianhu/mediation.json', lianhu())
    write('tenants/wanyuan/mediation.json', wanyuan())
    write('tenants/yuexiu/mediation.json', yuexiu())
    write('tenants/templates/street-centre.mediation.json', template())
