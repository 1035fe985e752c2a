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

    data = {
        "_comment": "Generated by tools/generate-redgrid.py from grid.geojson; every name of a person is invented. See tenants/REDGRID.md.",
        "settings": {"branchDepth": 4, "communityDepth": 3},
        "courtyards": courtyards,
        "organisations": organisations,
        "committees": committees,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    kinds = {}
    for o in organisations:
        kinds[o["kind"]] = kinds.get(o["kind"], 0) + 1
    print(f"{OUT.relative_to(ROOT)}: {len(grids)} grids, {len(grids) - MISSING_BRANCHES} with a branch; "
          f"{len(courtyards)} courtyards, {len(courtyards) - MISSING_GROUPS} with a group; {kinds}; {len(committees)} committees")


if __name__ == "__main__":
    main()
