#!/usr/bin/env python3
"""Checks the districts' petition catalogues (duty lists): tools/check-petitions.py [FILE ...]

Without arguments it checks every tenants/**/petitions.json and tenants/**/*.petitions.json of the repository,
and requires the five catalogues the recipes ship. Prints department, category and item counts per file and
every problem found; exits 1 if there is an error. Rules: tenants/PETITIONS.md. Python 3.8+, no dependencies.
"""
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TENANTS = REPO / "tenants"

# The catalogues the recipes ship; a missing one is an error when the whole tree is checked.
EXPECTED = [
    "tenants/lianhu/petitions.json",
    "tenants/zhanqian/petitions.json",
    "tenants/wanyuan/petitions.json",
    "tenants/yuexiu/petitions.json",
    "tenants/templates/street-centre.petitions.json",
]
# 莲湖's duty list is fixed by its seed (001: “职责参照清单6大类80项”); the others are sized freely within bounds.
EXACT = {"tenants/lianhu/petitions.json": (6, 80)}
MIN_ITEMS, MAX_ITEMS = 20, 50

DEPT_CODE = re.compile(r"^[a-z][a-z0-9-]{1,31}$")
CAT_CODE = re.compile(r"^[0-9]{2}$")
ITEM_CODE = re.compile(r"^[0-9]{4}$")
# No leading zero, so "01h" and "0d" are refused as well as out-of-range numbers.
DEADLINE = re.compile(r"^([1-9][0-9]*)([hd])$")
DEADLINE_MAX = {"h": 72, "d": 60}
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CULTURES = ("zh-CN", "en")


class Report:
    def __init__(self, name):
        self.name = name
        self.errors = []
        self.warnings = []

    def error(self, where, message):
        self.errors.append(f"{where}: {message}")

    def warn(self, where, message):
        self.warnings.append(f"{where}: {message}")


def no_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValueError(f"duplicate key(s) {', '.join(duplicates)}")
    return dict(pairs)


def check_keys(report, where, obj, required, optional=()):
    if not isinstance(obj, dict):
        report.error(where, "must be an object")
        return False
    for key in required:
        if key not in obj:
            report.error(where, f"missing \"{key}\"")
    for key in obj:
        if key not in required and key not in optional:
            report.error(where, f"unknown key \"{key}\"")
    return True


def check_name(report, where, name):
    """A bilingual name: exactly zh-CN and en, both non-empty, Chinese in zh-CN and none in en."""
    if not check_keys(report, f"{where}.name", name, CULTURES):
        return
    for culture in CULTURES:
        value = name.get(culture)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            report.error(f"{where}.name.{culture}", "must be a non-empty string")
        elif value != value.strip():
            report.error(f"{where}.name.{culture}", "has leading or trailing spaces")
    zh, en = name.get("zh-CN"), name.get("en")
    if isinstance(zh, str) and zh.strip() and not CJK.search(zh):
        report.error(f"{where}.name.zh-CN", f"has no Chinese characters: {zh!r}")
    if isinstance(en, str) and CJK.search(en):
        report.error(f"{where}.name.en", f"has Chinese characters: {en!r}")


def check_text(report, text):
    """The file's form: UTF-8 without BOM, 2-space indent, no tabs, Chinese not escaped, final newline."""
    if text.startswith("\ufeff"):
        report.error("file", "starts with a byte-order mark")
    if re.search(r"\\u[0-9a-fA-F]{4}", text):
        report.error("file", "has \\u escapes (write Chinese characters as they are)")
    if "\t" in text:
        report.error("file", "has tabs (indent with 2 spaces)")
    if text and not text.endswith("\n"):
        report.error("file", "does not end with a newline")
    # Each line is indented 2 spaces per bracket still open at its start (one fewer if it starts by closing
    # one); brackets opened and closed on one line don't count, so compact one-line objects are fine.
    depth, in_string, escaped = 0, False, False
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" "))
        stripped = line.strip()
        if stripped and not in_string:
            want = 2 * (depth - 1 if stripped[0] in "]}" else depth)
            if indent != want:
                report.error(f"line {number}", f"is indented {indent} spaces, expected {want} (2-space indent)")
        if line != line.rstrip():
            report.error(f"line {number}", "has trailing spaces")
        for ch in line:
            if in_string:
                if escaped:
                    escaped = False
                elif ch == "\\":
                    escaped = True
                elif ch == '"':
                    in_string = False
            elif ch == '"':
                in_string = True
            elif ch in "[{":
                depth += 1
            elif ch in "]}":
                depth -= 1


def check_catalogue(report, data):
    """Returns (departments, categories, items, on-the-spot items) counted from what could be read."""
    counts = [0, 0, 0, 0]
    if not check_keys(report, "file", data, ("departments", "categories")):
        return counts

    departments = data.get("departments")
    codes = set()
    if not isinstance(departments, list) or not departments:
        report.error("departments", "must be a non-empty list")
        departments = []
    for index, dept in enumerate(departments):
        where = f"departments[{index}]"
        if not check_keys(report, where, dept, ("code", "name")):
            continue
        code = dept.get("code")
        if not isinstance(code, str) or not DEPT_CODE.match(code):
            report.error(where, f"code {code!r} must match {DEPT_CODE.pattern}")
            if isinstance(code, str):
                codes.add(code)  # items naming it are not errors too: one mistake, one message
        elif code in codes:
            report.error(where, f"code \"{code}\" is used twice")
        else:
            codes.add(code)
            where = f"department {code}"
        check_name(report, where, dept.get("name"))
    counts[0] = len(departments)
    names_seen = {}
    for dept in departments:
        if isinstance(dept, dict) and isinstance(dept.get("name"), dict):
            zh = dept["name"].get("zh-CN")
            if isinstance(zh, str) and zh in names_seen:
                report.error(f"department {dept.get('code')}", f"has the same Chinese name as {names_seen[zh]}: {zh}")
            names_seen.setdefault(zh, dept.get("code"))

    categories = data.get("categories")
    if not isinstance(categories, list) or not categories:
        report.error("categories", "must be a non-empty list")
        categories = []
    cat_codes, item_codes, used = set(), set(), set()
    item_names = {"zh-CN": {}, "en": {}}
    for cindex, cat in enumerate(categories):
        where = f"categories[{cindex}]"
        if not check_keys(report, where, cat, ("code", "name", "items")):
            continue
        ccode = cat.get("code")
        if not isinstance(ccode, str) or not CAT_CODE.match(ccode):
            report.error(where, f"code {ccode!r} must be two digits")
            ccode = None
        elif ccode in cat_codes:
            report.error(where, f"code \"{ccode}\" is used twice")
        else:
            cat_codes.add(ccode)
            where = f"category {ccode}"
        check_name(report, where, cat.get("name"))
        counts[1] += 1
        items = cat.get("items")
        if not isinstance(items, list) or not items:
            report.error(f"{where}.items", "must be a non-empty list")
            continue
        for iindex, item in enumerate(items):
            iwhere = f"{where}.items[{iindex}]"
            if not check_keys(report, iwhere, item, ("code", "name", "department", "deadline", "onTheSpot")):
                continue
            counts[2] += 1
            icode = item.get("code")
            if not isinstance(icode, str) or not ITEM_CODE.match(icode):
                report.error(iwhere, f"code {icode!r} must be four digits")
            elif ccode is not None and not icode.startswith(ccode):
                report.error(iwhere, f"code \"{icode}\" must start with its category's code \"{ccode}\"")
            elif icode in item_codes:
                report.error(iwhere, f"code \"{icode}\" is used twice")
            else:
                item_codes.add(icode)
                iwhere = f"item {icode}"
            name = item.get("name")
            check_name(report, iwhere, name)
            if isinstance(name, dict):
                for culture in CULTURES:
                    value = name.get(culture)
                    if isinstance(value, str):
                        if value in item_names[culture]:
                            report.error(iwhere, f"has the same {culture} name as item {item_names[culture][value]}: {value}")
                        else:
                            item_names[culture][value] = icode
            dept = item.get("department")
            if not isinstance(dept, str) or dept not in codes:
                report.error(iwhere, f"department {dept!r} is not one of the file's departments")
            else:
                used.add(dept)
            deadline = item.get("deadline")
            match = DEADLINE.match(deadline) if isinstance(deadline, str) else None
            if not match:
                report.error(iwhere, f"deadline {deadline!r} must be \"<n>h\" (working hours) or \"<n>d\" (working days)")
            elif int(match.group(1)) > DEADLINE_MAX[match.group(2)]:
                unit = "working hours" if match.group(2) == "h" else "working days"
                report.error(iwhere, f"deadline {deadline} is over {DEADLINE_MAX[match.group(2)]} {unit}")
            spot = item.get("onTheSpot")
            if not isinstance(spot, bool):
                report.error(iwhere, f"onTheSpot {spot!r} must be true or false")
            elif spot:
                counts[3] += 1
    for code in sorted(codes - used):
        report.warn(f"department {code}", "no item names it")
    return counts


def check_file(path):
    try:
        shown = path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        shown = str(path)
    report = Report(shown)
    try:
        raw = path.read_bytes()
    except OSError as e:
        report.error("file", f"cannot be read: {e.strerror}")
        return report, None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        report.error("file", f"is not UTF-8 (byte {e.start})")
        return report, None
    check_text(report, text)
    try:
        data = json.loads(text.lstrip("\ufeff"), object_pairs_hook=no_duplicate_keys)
    except ValueError as e:
        report.error("file", f"is not valid JSON: {e}")
        return report, None
    counts = check_catalogue(report, data)
    items = counts[2]
    if shown in EXACT:
        want_cats, want_items = EXACT[shown]
        if (counts[1], items) != (want_cats, want_items):
            report.error("file", f"must have exactly {want_cats} categories and {want_items} items "
                                 f"(has {counts[1]} and {items})")
    elif not MIN_ITEMS <= items <= MAX_ITEMS:
        report.error("file", f"has {items} items; a catalogue has {MIN_ITEMS}–{MAX_ITEMS}")
    return report, counts


def main(argv):
    if argv:
        paths = [Path(a) for a in argv]
        missing = []
    else:
        paths = sorted(set(TENANTS.rglob("petitions.json")) | set(TENANTS.rglob("*.petitions.json")))
        found = {p.resolve().relative_to(REPO).as_posix() for p in paths}
        missing = [e for e in EXPECTED if e not in found]
    errors = 0
    for path in paths:
        report, counts = check_file(path)
        if counts is None:
            print(f"{report.name}: unreadable")
        else:
            print(f"{report.name}: {counts[0]} departments, {counts[1]} categories, {counts[2]} items "
                  f"({counts[3]} solvable on the spot)")
        for e in report.errors:
            print(f"  error: {e}")
        for w in report.warnings:
            print(f"  warning: {w}")
        errors += len(report.errors)
    for name in missing:
        print(f"{name}: missing")
        errors += 1
    if not paths and not missing:
        print("no petitions.json found")
        errors += 1
    print("ok" if errors == 0 else f"{errors} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
