#!/usr/bin/env python3
"""Writes tenants/zhanqian/redgrid.json, the red-grid data of the Zhanqian demo tenant, from its grid.

Reads tenants/zhanqian/grid.geojson (district -> 7 streets -> 40 communities -> 279 grids) and invents, with a fixed
seed so every run writes the same file: the district committee, a party work committee per street, a party committee
per community, a grid branch on every grid but a few (so the coverage page shows gaps), about four courtyards per grid
each with a party group but a few, 120 party-member households, a joint committee (大党工委) per street and one
(大党委) per community with their seats. Every person's name is invented and marked "（虚构）". See tenants/REDGRID.md.

Usage: python3 tools/generate-redgrid.py
"""
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRID = ROOT / "tenants" / "zhanqian" / "grid.geojson"
OUT = ROOT / "tenants" / "zhanqian" / "redgrid.json"

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国 红梅 立新 淑芬 志强 秀兰 海涛 玉珍 振华 丽华 国庆 桂英 宏伟 春燕 卫东 秀云 永刚 凤霞 德明 雅琴 晓东 金凤 树林 慧敏 兴旺 丽娟 文斌 玉兰 庆丰 素梅".split()
COURTYARD_NAMES = ["{n}号院", "{n}号楼院", "{n}区", "{n}号小区"]
SEAT_ORGANISATIONS = [
    ("辖区中学党支部", "Member"), ("辖区医院党总支", "AdjunctMember"), ("物业服务企业党支部", "AdjunctMember"),
    ("社区民警（派出所党支部）", "AdjunctMember"), ("辖区商场党支部", "AdjunctMember"), ("驻区国有企业党委", "AdjunctMember"),
]
MISSING_BRANCHES = 5
MISSING_GROUPS = 14
HOUSEHOLDS = 120
TERM = ("2024-01-01", "2026-12-31")


def main():
    rng = random.Random(20261126)
    features = json.loads(GRID.read_text(encoding="utf-8"))["features"]
    units = [f["properties"] for f in features]
    district = next(u for u in units if u["level"] == 1)
    streets = [u for u in units if u["level"] == 2]
    communities = [u for u in units if u["level"] == 3]
    grids = [u for u in units if u["level"] == 4 and u.get("kind", "territorial") == "territorial"]
    professional = [u for u in units if u.get("kind") == "professional"]

    def person():
        return f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}（虚构）"

    def code(unit):
        return "zq" + unit["code"][len(district["code"]):]

    organisations = [{"code": "zq", "kind": "Committee", "name": "中共营口市站前区委员会", "gridUnit": district["code"], "leader": person()}]
    for street in streets:
        organisations.append({"code": code(street), "kind": "Committee", "name": f"中共{street['name']}工作委员会", "parent": "zq",
                              "gridUnit": street["code"], "leader": person(), "foundedOn": "2019-07-01"})
    for community in communities:
        organisations.append({"code": code(community), "kind": "Committee", "name": f"中共{community['name']}委员会",
                              "parent": code(next(s for s in streets if s["code"] == community["parent"])),
                              "gridUnit": community["code"], "leader": person(), "foundedOn": "2020-07-01"})

    without_branch = set(u["code"] for u in rng.sample(grids, MISSING_BRANCHES))
    courtyards = []
    groups = []
    for grid in grids:
        community = code(next(c for c in communities if c["code"] == grid["parent"]))
        parent = community
        if grid["code"] not in without_branch:
            parent = code(grid) + "-zb"
            organisations.append({"code": parent, "kind": "GridBranch", "name": f"{grid['name']}党支部（{grid['code']}）",
                                  "parent": community, "gridUnit": grid["code"], "leader": person(), "foundedOn": "2021-07-01"})
        count = 4 if rng.random() < 0.97 else 3
        buildings = max(count, grid.get("buildings") or count)
        households = grid.get("households") or 0
        for n in range(1, count + 1):
            name = rng.choice(COURTYARD_NAMES).format(n=n)
            courtyards.append({"grid": grid["code"], "name": name, "buildings": buildings // count, "households": households // count})
            groups.append({"code": f"{code(grid)}-y{n}", "kind": "CourtyardGroup", "name": f"{name}党小组", "parent": parent,
                           "gridUnit": grid["code"], "courtyard": name, "leader": person()})
    missing = set(g["code"] for g in rng.sample(groups, MISSING_GROUPS))
    organisations.extend(g for g in groups if g["code"] not in missing)

    for i, courtyard in enumerate(rng.sample(courtyards, HOUSEHOLDS), 1):
        organisations.append({"code": f"{code({'code': courtyard['grid']})}-h{i}", "kind": "MemberHousehold", "name": f"党员中心户·{person()}",
                              "gridUnit": courtyard["grid"], "courtyard": courtyard["name"], "leader": person()})
    for unit in professional:
        organisations.append({"code": code(unit) + "-zb", "kind": "UnitBranch", "name": f"{unit['name']}党支部", "gridUnit": unit["code"], "leader": person()})

    committees = []
    for kind, members, depth_units in (("StreetWorkCommittee", 5, streets), ("CommunityCommittee", 4, communities)):
        for unit in depth_units:
            suffix = "大党工委" if kind == "StreetWorkCommittee" else "大党委"
            seats = [{"organisationName": f"中共{unit['name']}{'工作' if kind == 'StreetWorkCommittee' else ''}委员会", "representative": person(), "role": "Secretary"},
                     {"organisationName": f"{unit['name']}", "representative": person(), "role": "DeputySecretary"}]
            for organisation, role in rng.sample(SEAT_ORGANISATIONS, members):
                seats.append({"organisationName": organisation, "representative": person(), "role": role})
            committees.append({"kind": kind, "name": f"{unit['name']}{suffix}", "gridUnit": unit["code"],
                               "termStartsOn": TERM[0], "termEndsOn": TERM[1], "seats": seats})

    # Everything below draws from the same generator after the organisations, so their data stays as it was.
    resident_units, needs, pairings = zhanqian_lists(rng, features, district, streets, communities, organisations, committees, person)
    data = {
        "_comment": "Generated by tools/generate-redgrid.py from grid.geojson; every name of a person is invented. See tenants/REDGRID.md.",
        "settings": {"branchDepth": 4, "communityDepth": 3},
        "courtyards": courtyards,
        "organisations": organisations,
        "residentUnits": resident_units,
        "committees": committees,
        "needs": needs,
        "pairings": pairings,
    }
    write(OUT, data)
    kinds = {}
    for o in organisations:
        kinds[o["kind"]] = kinds.get(o["kind"], 0) + 1
    print(f"{OUT.relative_to(ROOT)}: {len(grids)} grids, {len(grids) - MISSING_BRANCHES} with a branch; "
          f"{len(courtyards)} courtyards, {len(courtyards) - MISSING_GROUPS} with a group; {kinds}; {len(committees)} committees; "
          f"{len(resident_units)} resident units, {len(needs)} needs, {len(pairings)} pairings")
    lianhu()
    yuexiu()




UNIT_KINDS = [
    ("Agency", ["区{n}局机关", "区{n}办公室", "区{n}中心"], ["财政", "人社", "民政", "教育", "卫健", "住建", "城管", "市场监管", "司法", "文旅", "应急", "税务"]),
    ("Institution", ["{p}第{i}中学", "{p}第{i}小学", "{p}{i}号社区医院", "{p}第{i}幼儿园"], None),
    ("StateEnterprise", ["{p}供电营业所", "{p}燃气服务站", "{p}邮政支局", "{p}银行支行", "{p}自来水服务站"], None),
    ("PrivateEnterprise", ["{p}商场", "{p}物业服务公司", "{p}超市", "{p}酒店", "{p}药房"], None),
    ("SocialOrganisation", ["{p}志愿者协会", "{p}社工服务站", "{p}老年协会", "{p}书画社"], None),
    ("Other", ["{p}消防救援站", "{p}派出所"], None),
]
RESOURCES = [
    ("Venue", "会议室和活动室", "㎡", (40, 300)),
    ("Volunteers", "党员志愿服务队", "人", (5, 40)),
    ("Funds", "共建资金", "元", (5000, 50000)),
    ("Expertise", "专业服务（法律、健康、教育）", "次/年", (6, 24)),
    ("Goods", "慰问物资", "份", (20, 200)),
]
NEEDS = [
    ("Venue", "老年人活动场所"), ("Volunteers", "独居老人探访志愿者"), ("Funds", "老旧小区楼道照明改造"), ("Expertise", "居民法律咨询"),
    ("Expertise", "义诊和健康讲座"), ("Volunteers", "四点半课堂辅导"), ("Goods", "困难家庭冬季慰问物资"), ("Venue", "青少年假期活动场地"),
    ("Funds", "社区微更新（口袋公园）"), ("Volunteers", "垃圾分类督导"), ("Expertise", "心理疏导服务"), ("Goods", "防汛应急物资"),
]
CENTRE_SERVICES = ["党员教育", "政务代办", "法律咨询", "心理疏导", "为老服务", "四点半课堂", "志愿服务", "文体活动", "就业指导", "矛盾调解", "健康义诊", "图书阅览"]
AGENCIES = ["区委办公室", "区政府办公室", "区委组织部", "区委宣传部", "区委政法委", "区发展和改革局", "区教育局", "区民政局", "区财政局", "区人力资源和社会保障局",
            "区住房和城乡建设局", "区卫生健康局", "区司法局", "区市场监督管理局", "区城市管理和综合执法局", "区文化广电旅游体育局", "区应急管理局", "区统计局",
            "区审计局", "区医疗保障局"]
ORDINALS = "一二三四五"


def centroid(feature):
    """The area-weighted centroid of a polygon's outer ring (the first polygon of a multipolygon), rounded to 6 places."""
    geometry = feature["geometry"]
    ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        xs, ys = zip(*ring)
        return round(sum(xs) / len(xs), 6), round(sum(ys) / len(ys), 6)
    return round(cx / (3 * area), 6), round(cy / (3 * area), 6)


def write(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_compact(path, data):
    """One list entry a line: thousands of help records stay a file of a sane size that still diffs well."""
    lines = ["{"]
    keys = list(data)
    for k, key in enumerate(keys):
        value = data[key]
        end = "," if k < len(keys) - 1 else ""
        if isinstance(value, list):
            items = [json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in value]
            lines.append(f" {json.dumps(key)}: [")
            lines.extend(f"  {item}{',' if i < len(items) - 1 else ''}" for i, item in enumerate(items))
            lines.append(f" ]{end}")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{end}")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def zhanqian_lists(rng, features, district, streets, communities, organisations, committees, person):
    """站前's 175 resident units ("三单八联") with 1–3 resources each, about 30 needs and a few pairings with help."""
    centres = {f["properties"]["code"]: centroid(f) for f in features if f.get("geometry")}
    weights = [("Agency", 30), ("Institution", 40), ("StateEnterprise", 25), ("PrivateEnterprise", 45), ("SocialOrganisation", 25), ("Other", 10)]
    kinds = [k for k, n in weights for _ in range(n)]
    assert len(kinds) == 175
    rng.shuffle(kinds)
    templates = {k: (names, fill) for k, names, fill in UNIT_KINDS}
    units = []
    used = set()
    for i, kind in enumerate(kinds, 1):
        community = communities[(i - 1) % len(communities)]
        prefix = community["name"].removesuffix("社区")
        names, fill = templates[kind]
        for attempt in range(50):
            name = rng.choice(names).format(n=rng.choice(fill) if fill else "", p=prefix, i=rng.randint(1, 30))
            if name not in used:
                break
        used.add(name)
        x, y = centres[community["code"]]
        code = f"zq-ru-{i:03d}"
        unit = {"code": code, "name": f"{name}（虚构）", "kind": kind, "gridUnit": community["code"],
                "address": f"{community['name']}辖区（地址虚构）", "longitude": round(x + rng.uniform(-0.002, 0.002), 6),
                "latitude": round(y + rng.uniform(-0.002, 0.002), 6), "contact": person()}
        if kind == "Agency":
            # The agency's own branch, so that it can pair with a community (双结对).
            organisations.append({"code": code + "-zb", "kind": "UnitBranch", "name": f"{name}党支部（虚构）", "gridUnit": community["code"], "leader": person()})
            unit["organisation"] = code + "-zb"
        resources = []
        for rtype, title, measure, (low, high) in rng.sample(RESOURCES, rng.randint(1, 3)):
            resources.append({"type": rtype, "title": title, "quantity": rng.randint(low, high), "unit": measure})
        unit["resources"] = resources
        units.append(unit)

    # A community's joint committee seats one of its resident units by code (驻区单位兼职委员).
    by_community = {}
    for unit in units:
        by_community.setdefault(unit["gridUnit"], []).append(unit)
    for committee in committees:
        local = by_community.get(committee["gridUnit"])
        seat = next((s for s in committee["seats"] if s["role"] == "AdjunctMember"), None)
        if local and seat and committee["kind"] == "CommunityCommittee":
            seat["organisationName"] = local[0]["name"]
            seat["residentUnit"] = local[0]["code"]

    needs = []
    for i, community in enumerate(rng.sample(communities, 30)):
        ntype, title = NEEDS[i % len(NEEDS)]
        needs.append({"gridUnit": community["code"], "type": ntype, "title": title, "description": f"{community['name']}：{title}（示例需求）",
                      "status": "Open" if i % 3 else "Closed"})

    pairings = []
    agencies = [u for u in units if u["kind"] == "Agency"][:10]
    for i, unit in enumerate(agencies):
        community = rng.choice(communities)
        help_list = []
        for year in (2024, 2025):
            help_list.append({"kind": "Money", "amount": rng.randint(5, 30) * 1000, "description": f"{year}年帮扶资金", "givenOn": f"{year}-0{rng.randint(1, 9)}-15"})
            help_list.append({"kind": "Problem", "problems": rng.randint(1, 6), "description": f"{year}年为社区解决实际困难", "givenOn": f"{year}-11-20"})
        pairings.append({"kind": "BranchCommunity", "organisation": unit["organisation"], "gridUnit": community["code"], "startsOn": "2024-01-01", "help": help_list})
    return units, needs, pairings


def lianhu():
    """莲湖's 140 party-mass service centres "1+9+N": the district's, 9 streets', and 130 of the 131 communities'."""
    rng = random.Random(20261127)
    grid_path = ROOT / "tenants" / "lianhu" / "grid.geojson"
    features = json.loads(grid_path.read_text(encoding="utf-8"))["features"]
    units = [(f["properties"], centroid(f)) for f in features]
    district = next((u, c) for u, c in units if u["level"] == 1)
    streets = [(u, c) for u, c in units if u["level"] == 2]
    communities = [(u, c) for u, c in units if u["level"] == 3]
    # 131 communities, 130 community centres: one community is served by its street's centre.
    without = rng.choice(communities)[0]
    centres = []

    def centre(code, level, unit, xy, name, services, hours, activities=None):
        entry = {"code": code, "level": level, "name": name, "gridUnit": unit["code"], "address": f"{unit['name']}辖区内（地址虚构）",
                 "longitude": xy[0], "latitude": xy[1], "hours": hours, "services": services}
        if activities:
            entry["activities"] = activities
        centres.append(entry)

    centre("lh", "District", district[0], district[1], "莲湖区党群服务中心", CENTRE_SERVICES[:], "周一至周日 9:00–21:00",
           [{"title": "新时代文明实践志愿服务集中行动", "startsAt": "2026-12-05 09:30", "place": "一楼大厅", "published": True},
            {"title": "社会组织孵化沙龙", "startsAt": "2026-12-12 14:30", "place": "三楼会议室", "published": True}])
    for i, (street, xy) in enumerate(streets, 1):
        centre(f"lh-{i:02d}", "Street", street, xy, f"{street['name']}党群服务中心", rng.sample(CENTRE_SERVICES, 7), "周一至周五 8:30–17:30，周六 9:00–12:00",
               [{"title": "党员志愿者社区服务日", "startsAt": f"2026-12-{6 + i:02d} 09:00", "place": "活动室", "published": True}])
    for community, xy in communities:
        if community["code"] == without["code"]:
            continue
        centre("lh-" + community["code"][len(district[0]["code"]) + 1:], "Community", community, xy, f"{community['name']}党群服务中心",
               rng.sample(CENTRE_SERVICES, 5), "周一至周五 8:30–12:00，13:30–17:30")
    data = {
        "_comment": f"Generated by tools/generate-redgrid.py from grid.geojson: 140 centres (1+9+130); {without['name']} ({without['code']}) has no centre of its own. Addresses invented. See tenants/REDGRID.md.",
        "centres": centres,
    }
    out = ROOT / "tenants" / "lianhu" / "redgrid.json"
    write_compact(out, data)
    print(f"{out.relative_to(ROOT)}: {len(centres)} centres; {without['name']} ({without['code']}) has none")


def split(total, parts, rng, low=1):
    """total split into parts whole numbers of at least low, at random, that sum to it exactly."""
    weights = [rng.random() + 0.2 for _ in range(parts)]
    scale = (total - low * parts) / sum(weights)
    values = [low + int(w * scale) for w in weights]
    values[-1] += total - sum(values)
    return values


def yuexiu():
    """越秀's 双结对 since 2012: 100 agency branches with communities, 60 members with households; help summing to
    exactly ¥20,430,000 (money and goods) and 8,763 problems solved, spread over 2012–2026."""
    rng = random.Random(20261128)
    features = json.loads((ROOT / "tenants" / "yuexiu" / "grid.geojson").read_text(encoding="utf-8"))["features"]
    units = [f["properties"] for f in features]
    district = next(u for u in units if u["level"] == 1)
    communities = [u for u in units if u["level"] == 3]

    def person():
        return f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}（虚构）"

    organisations = [{"code": "yx", "kind": "Committee", "name": "中共广州市越秀区委员会", "gridUnit": district["code"], "leader": person()}]
    branches = []
    for i in range(100):
        agency = AGENCIES[i % len(AGENCIES)]
        name = f"{agency}第{ORDINALS[i // len(AGENCIES)]}党支部（虚构）"
        code = f"yx-jg-{i + 1:03d}"
        organisations.append({"code": code, "kind": "UnitBranch", "name": name, "parent": "yx", "gridUnit": district["code"], "leader": person(), "foundedOn": "2010-07-01"})
        branches.append((code, agency))
    members = []
    for i in range(60):
        code, agency = branches[i]
        members.append({"name": person(), "kind": "InService", "organisation": code, "gridUnit": rng.choice(communities)["code"], "employer": agency})

    pairings = []
    for i, (code, _) in enumerate(branches):
        start = 2012 + (i % 5)
        pairings.append({"kind": "BranchCommunity", "organisation": code, "gridUnit": communities[(i * 2) % len(communities)]["code"], "startsOn": f"{start}-03-01", "help": []})
    for i, member in enumerate(members):
        start = 2014 + (i % 7)
        household = f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}家（虚构）"
        pairings.append({"kind": "MemberHousehold", "member": member["name"], "memberOrganisation": member["organisation"], "household": household,
                         "gridUnit": member["gridUnit"], "startsOn": f"{start}-05-01", "help": []})

    # One help record per pairing and year up to 2026 (money for a branch, goods for a household, with the problems it
    # solved); 2026's in its first half, so that the recipe's "not after today" check holds for any run after it.
    records = []
    for pairing in pairings:
        for year in range(int(pairing["startsOn"][:4]), 2027):
            records.append((pairing, year, "Money" if pairing["kind"] == "BranchCommunity" else "Goods"))
    amounts = split(20_430_000, len(records), rng, low=200)
    counts = split(8_763, len(records), rng, low=0)
    for (pairing, year, kind), yuan, count in zip(records, amounts, counts):
        text = "帮扶资金" if kind == "Money" else "慰问物资（折价）"
        month = rng.randint(1, 6) if year == 2026 else rng.randint(6, 12)
        pairing["help"].append({"kind": kind, "amount": yuan, "problems": count, "description": f"{year}年度{text}及解决实际困难",
                                "givenOn": f"{year}-{month:02d}-{rng.randint(1, 28):02d}"})
    assert sum(amounts) == 20_430_000 and sum(counts) == 8_763 and max(counts) <= 1000
    data = {
        "_comment": "Generated by tools/generate-redgrid.py: 双结对 since 2012; totals are real (¥20,430,000, 8,763 problems), their split invented. See tenants/REDGRID.md.",
        "organisations": organisations,
        "members": members,
        "pairings": pairings,
    }
    out = ROOT / "tenants" / "yuexiu" / "redgrid.json"
    write_compact(out, data)
    print(f"{out.relative_to(ROOT)}: {len(organisations)} organisations, {len(members)} members, {len(pairings)} pairings, "
          f"{len(records)} help records")


if __name__ == "__main__":
    main()
