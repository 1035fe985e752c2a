#!/usr/bin/env python3
"""Writes tenants/yuexiu/legalaid.json (the `legalaid` recipe step's file) from tenants/yuexiu/grid.geojson.

Stations follow the kinds described in tenants/LEGALAID.md and are placed at the centroid of their unit's polygon.
Every law firm and lawyer is invented (firms carry 示例 "example" in their names; a fixed seed keeps the file stable
when this is run again). Run from the repository root: python3 tools/generate-legalaid.py
"""
import json
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
GRID = os.path.join(ROOT, 'tenants/yuexiu/grid.geojson')
OUT = os.path.join(ROOT, 'tenants/yuexiu/legalaid.json')
SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛'
GIVEN = '思嘉俊颖子涵浩然雅琳志远晓彤宇航梓萱明哲欣怡家豪诗琪睿泽婉清振宇佳慧文博静怡'
FIRM_WORDS = [('明正', 'Mingzheng'), ('衡信', 'Hengxin'), ('越秀华章', 'Yuexiu Huazhang'), ('珠江法正', 'Zhujiang Fazheng'), ('羊城诚和', 'Yangcheng Chenghe'),
              ('德润', 'Derun'), ('正言', 'Zhengyan'), ('南粤公信', 'Nanyue Gongxin'), ('北秀', 'Beixiu'), ('东山合众', 'Dongshan Hezhong'),
              ('岭南知行', 'Lingnan Zhixing'), ('中和', 'Zhonghe'), ('越华明理', 'Yuehua Mingli'), ('广府立信', 'Guangfu Lixin'), ('云山致远', 'Yunshan Zhiyuan')]
SPECIALITIES = ['婚姻家庭', '劳动争议', '合同纠纷', '房产物业', '交通事故', '消费维权', '刑事辩护', '行政诉讼', '民间借贷', '继承']
WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']
WEEKDAY_ZH = {'Monday': '周一', 'Tuesday': '周二', 'Wednesday': '周三', 'Thursday': '周四', 'Friday': '周五'}
OFFICE_HOURS = '周一至周五 9:00–12:00，14:00–17:30（法定节假日除外）'
ALL_WEEKDAYS_RULES = dict(openDays=WEEKDAYS, opens='09:00', closes='17:00')
UNCOVERED = 3


def ring_centroid(ring):
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if area == 0:
        return None, 0.0
    return (cx / (3 * area), cy / (3 * area)), area / 2


def centroid(geometry):
    polygons = geometry['coordinates'] if geometry['type'] == 'MultiPolygon' else [geometry['coordinates']]
    total = sx = sy = 0.0
    for polygon in polygons:
        for i, ring in enumerate(polygon):
            point, area = ring_centroid([tuple(p[:2]) for p in ring])
            if point is None:
                continue
            # Holes (any ring after the first) take their area away.
            weight = abs(area) * (1 if i == 0 else -1)
            total += weight
            sx += point[0] * weight
            sy += point[1] * weight
    return round(sx / total, 6), round(sy / total, 6)


def main():
    rng = random.Random(20260101)
    features = json.load(open(GRID, encoding='utf-8'))['features']
    units = {f['properties']['code']: dict(f['properties'], geometry=f['geometry']) for f in features}
    district = next(u for u in units.values() if u['level'] == 1)
    streets = sorted((u for u in units.values() if u['level'] == 2), key=lambda u: u['code'])
    communities = sorted((u for u in units.values() if u['level'] == 3), key=lambda u: u['code'])
    assert (len(streets), len(communities)) == (18, 222), (len(streets), len(communities))

    def place(unit):
        lon, lat = centroid(unit['geometry'])
        return dict(gridUnit=unit['code'], longitude=lon, latitude=lat)

    def by_name(name):
        return next(u for u in streets if u['name'] == name)

    stations = [dict(
        code='yx-district-centre', kind='DistrictCentre',
        name={'zh-CN': '越秀区公共法律服务中心', 'en': 'Yuexiu District Public Legal Service Centre'}, **place(district),
        address='越秀区公共法律服务中心（区司法局一楼大厅）', services=['Consultation', 'LegalAid', 'Mediation', 'Notarization', 'Appraisal', 'Education'],
        hours=OFFICE_HOURS, phone='12348', contacts='综合窗口 / 值班律师',
        description='统筹全区公共法律服务：法律咨询、法律援助申请受理与审查、人民调解、公证与司法鉴定指引、法治宣传。',
        slotMinutes=30, slotCapacity=3, daysAhead=14, **ALL_WEEKDAYS_RULES)]
    for i, street in enumerate(streets, start=1):
        stations.append(dict(
            code=f'yx-street-{i:02d}', kind='StreetCentre',
            name={'zh-CN': f"{street['name']}公共法律服务工作站", 'en': f"{street['englishName']} Public Legal Service Centre"}, **place(street),
            address=f"{street['name']}综治中心一楼公共法律服务窗口", services=['Consultation', 'LegalAid', 'Mediation', 'Education'],
            hours=OFFICE_HOURS, phone='12348', contacts='值班律师 / 接待窗口',
            description='街道一级的公共法律服务窗口，值班律师每个工作日坐班接待，可代为受理法律援助申请。',
            slotMinutes=30, slotCapacity=1, daysAhead=14, **ALL_WEEKDAYS_RULES))
    workstations = [
        ('yx-procuratorate-aid', '北京街道', '越秀区人民检察院', '越秀区人民检察院法律援助工作站', 'Legal Aid Workstation at the Yuexiu District Procuratorate',
         '全国首个设在检察机关的法律援助工作站：为刑事案件当事人、被害人提供法律援助咨询和申请受理。'),
        ('yx-court-aid', '洪桥街道', '越秀区人民法院', '越秀区人民法院法律援助工作站', 'Legal Aid Workstation at the Yuexiu District Court',
         '设在法院诉讼服务中心，为诉讼当事人提供法律援助咨询、申请受理和值班律师服务。'),
        ('yx-union-aid', '大东街道', '越秀区总工会', '越秀区总工会职工法律援助工作站', 'Workers\' Legal Aid Station of the Yuexiu Federation of Trade Unions',
         '为职工、农民工追讨劳动报酬、工伤和劳动合同纠纷提供法律咨询和法律援助。'),
    ]
    for code, street_name, host, zh, en, description in workstations:
        stations.append(dict(
            code=code, kind='AidWorkstation', name={'zh-CN': zh, 'en': en}, **place(by_name(street_name)), hostOrganisation=host,
            address=f'{host}内（诉讼/来访服务大厅）', services=['Consultation', 'LegalAid'], hours=OFFICE_HOURS, phone='12348', contacts='法律援助值班律师',
            description=description, slotMinutes=60, slotCapacity=1, daysAhead=14, **ALL_WEEKDAYS_RULES))
    clinic_units = [communities[len(communities) // 3], communities[2 * len(communities) // 3]]
    clinics = [
        ('yx-clinic-bar', '越秀区律师协会周六法律门诊', 'Yuexiu Bar Association Saturday Legal Clinic', '越秀区律师协会', '每周六 9:00–12:00',
         '律师协会组织的公益法律门诊，每周六上午由执业律师轮流坐诊。'),
        ('yx-clinic-university', '高校法学院社区法律诊所（越秀服务点）', 'University Law School Community Legal Clinic (Yuexiu)', '高校法学院', '每周六 9:00–12:00（寒暑假除外）',
         '法学院师生在指导律师带领下提供免费法律咨询和普法宣传。'),
    ]
    for (code, zh, en, host, hours, description), unit in zip(clinics, clinic_units):
        stations.append(dict(
            code=code, kind='LegalClinic', name={'zh-CN': zh, 'en': en}, **place(unit), hostOrganisation=host,
            address=f"{unit['name']}党群服务中心", services=['Consultation', 'Education'], hours=hours, contacts='坐诊律师',
            description=description, openDays=['Saturday'], opens='09:00', closes='12:00', slotMinutes=30, slotCapacity=2, daysAhead=21))

    firms = [dict(name=f'广东{zh}示例律师事务所', englishName=f'{en} Example Law Firm (invented)') for zh, en in FIRM_WORDS]
    names = set()
    lawyers = []
    while len(lawyers) < 120:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else '')
        if name in names:
            continue
        names.add(name)
        n = len(lawyers)
        year = 2005 + n % 18
        lawyers.append(dict(
            name=name, firm=firms[n % len(firms)]['name'],
            # 17 digits shaped like a licence number (region, year, kind, serial), with invented serials from 9900000.
            licenceNumber=f'14401{year}1{9900000 + n:07d}',
            specialities='、'.join(rng.sample(SPECIALITIES, 2))))
    assert len({l['licenceNumber'] for l in lawyers}) == len(lawyers)

    assignments = []
    for i, community in enumerate(communities):
        lawyer = lawyers[i % len(lawyers)]
        second = i >= len(lawyers)
        day = WEEKDAYS[(i + (2 if second else 0)) % 5]
        opens, closes, half = ('09:00', '12:00', '上午 9:00–12:00') if second else ('14:30', '17:30', '下午 14:30–17:30')
        entry = dict(
            community=community['code'], lawyer=lawyer['licenceNumber'], startsOn='2026-01-01', endsOn='2027-12-31',
            place=f"{community['name']}居委会法律服务室", hours=f'每{WEEKDAY_ZH[day]}{half}',
            openDays=[day], opens=opens, closes=closes, slotMinutes=30, slotCapacity=1, daysAhead=14)
        assignments.append(entry)
    # Three communities whose adviser left mid-term: the coverage report shows them until a new adviser is appointed.
    for entry in rng.sample(assignments, UNCOVERED):
        entry['endedOn'] = '2026-06-30'
        entry['endedReason'] = '律师调离'

    document = dict(settings=dict(communityDepth=3), stations=stations, firms=firms, lawyers=lawyers, assignments=assignments)
    with open(OUT, 'w', encoding='utf-8') as out:
        json.dump(document, out, ensure_ascii=False, indent=1)
        out.write('\n')
    print(f'{OUT}: {len(stations)} stations, {len(firms)} firms, {len(lawyers)} lawyers, {len(assignments)} assignments ({UNCOVERED} ended early)')


if __name__ == '__main__':
    main()
