#!/usr/bin/env python3
"""Generate rules/place.txt, the administrative-division gazetteer.

Inputs (read only, never copied into the project):
  - pcas-code.json   province -> prefecture-level city -> county-level
                     division -> township/subdistrict tree (code, name,
                     children), 2024 edition
  - HK-MO-TW.json    the same for Hong Kong, Macau and Taiwan
  - optionally jieba's dict.txt ("word freq pos" per line), read as plain
    text, to drop short forms that are common non-place words

Output: one line per distinct name, "name<TAB>level" or
"name<TAB>level<TAB>short", level one of province/city/county/town.
When a name occurs at several levels the highest (province > city >
county > town) is kept, and at equal level a full name wins over a
short form.

Usage:
  python3 scripts/gen_gazetteer.py [--divisions DIR] [--jieba-dict PATH]
                                   [--out rules/place.txt]

Deterministic: the same inputs give the same output.  The header's date is
today's date, or the date of $SOURCE_DATE_EPOCH when that is set.
Standard library only.
"""
import argparse
import json
import os
import re
import sys
import unicodedata

from genlib import header_day

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_DIV = os.path.normpath(
    os.path.join(ROOT, '..', 'shared', 'datasets', 'admin_divisions'))
DEFAULT_JIEBA = '/usr/lib/python3/dist-packages/jieba/dict.txt'
LEVELS = ['province', 'city', 'county', 'town']

# The 56 ethnic groups (as written in autonomous-area names).
ETHNIC = sorted("""汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克
傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗
撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固
京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺""".split(), key=len, reverse=True)

# 林区 as a suffix (神农架林区 -> 神农架); elsewhere 林 belongs to the name
# (万柏林区 -> 万柏林), so only these forestry districts strip 林区.
FORESTRY_DISTRICTS = {'神农架林区'}

# County-level short forms kept although jieba's (noisy) tags make them
# look like common words: well-known places, hand-reviewed from the list of
# county-level short forms the filter drops.
KEEP_SHORT = set('''
神农架 仙桃 石首 洪湖 麻城 监利 赤壁 常熟 高密 临清 应城 河间 龙口 平遥 大兴
库车 当阳 宝应 海盐 新野 太康 保康 定远 永新 镇远 光泽 融水 石棉 黑水 民权
方城 清流 三门 上党 鼓楼 洪山 江岸 湖里 金门 紫金 全州 宏伟 平房 小店 新民
'''.split())

# A township short form that is also the name of a country or a
# world region is read as the country or region (巴西, 中东): such short
# forms are dropped.  Countries come from iso-codes (as in gen_world.py)
# when installed; the regions are general knowledge.
WORLD_REGIONS = set('中东 近东 远东 南美 北美 拉美 大洋洲 南亚 东亚 西亚 中亚 北非 西非 东非'.split())
ISO_JSON = '/usr/share/iso-codes/json/iso_3166-1.json'
LOCALEDIR = '/usr/share/locale'


def world_names():
    """Chinese names of ISO 3166-1 countries and territories (empty when
    iso-codes is absent), and WORLD_REGIONS."""
    out = set(WORLD_REGIONS)
    try:
        import gettext
        tr = gettext.translation('iso_3166-1', localedir=LOCALEDIR, languages=['zh_CN'])
        with open(ISO_JSON, encoding='utf-8') as f:
            rows = json.load(f)['3166-1']
    except (OSError, ValueError):
        print('warning: iso-codes not found: country names are not kept from '
              'short forms', file=sys.stderr)
        return out
    for r in rows:
        for key in ('name', 'official_name', 'common_name'):
            en = r.get(key)
            if en:
                zh = unicodedata.normalize('NFKC', tr.gettext(en)).strip()
                if zh != en:
                    out.add(zh)
    return out


# Placeholders in the data that are not names.
NOT_NAMES = {'市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'}

# County-level names accepted: real districts/counties/cities/banners.
# Development zones, management areas etc. listed at county level in the
# data are economic zones, not administrative divisions: skipped.
COUNTY_OK = re.compile(r'(区|县|市|旗|特区)$')
COUNTY_SKIP = re.compile(r'(开发区|园区|管理区|示范区|实验区|聚集区|集聚区|'
                         r'食品区|风景名胜区|管委会|委员会)$')
# Township level: only real townships and subdistricts (the data also
# lists farms, forestry centres, prisons, companies ... at this level).
TOWN_OK = re.compile(r'(街道|镇|乡|苏木)$')
TOWN_SKIP = re.compile(r'(开发区|管委会|委员会|管理|特殊|园区|示范|农场|林场|'
                       r'办事处|经济|工业)')
# A township short form holding one of these function characters is far
# more often a cross-word string of ordinary text (在中, 会发, 新一, 中所,
# 大发, 上都) than the township: dropped.
TOWN_SHORT_BAD_CHARS = set('在的了是们这那个我你他她它把被让给就也还又很要不'
                           '没说对从到与及等为着过所会发一都')

# A township short form shared by this many townships or more is a
# generic name (城关, 城郊, 新城 ...), not a place on its own: dropped, at
# county level too (城关区 -> 城关 is as generic).
GENERIC_TOWN_SHARES = 10

# jieba POS tags for proper names; any other tag marks an ordinary word.
PROPER_TAGS = {'ns', 'nr', 'nrt', 'nrfg', 'nt', 'nz', 'j'}
# Thresholds (jieba frequency) at which a short form counts as a common
# word, per level.  Cities are always kept: their short forms are the
# names news uses (苏州, 大理).
COMMON_ORDINARY = {'county': 100, 'town': 20}     # tag not proper
COMMON_PROPER = {'county': 1000, 'town': 300}      # tag nr/nz/...: jieba
# tags many common words as names (和平 nz, 光荣 nr, 友谊 nr)


def nfkc(s):
    return unicodedata.normalize('NFKC', s).strip()


def strip_ethnic(rest):
    """Strip trailing ethnic-group names (and 各族) from an autonomous
    area name with its 自治X suffix already removed."""
    changed = True
    while changed:
        changed = False
        if rest.endswith('各族') and len(rest) - 2 >= 2:
            rest = rest[:-2]
            changed = True
            continue
        for e in ETHNIC:
            for form in (e + '族', e):
                if form == e and len(e) < 2:
                    continue            # bare one-char ethnic: too risky
                if rest.endswith(form) and len(rest) - len(form) >= 2:
                    rest = rest[:-len(form)]
                    changed = True
                    break
            if changed:
                break
    # 东乡族 / 鄂温克族 (the whole remaining name is the ethnic group)
    if rest.endswith('族') and rest[:-1] in ETHNIC and len(rest) - 1 >= 2:
        rest = rest[:-1]
    return rest


def short_form(name, level):
    """The bare form news writes, or None."""
    m = re.match(r'^(.+?)(特别行政区|自治区|自治州|自治县|自治旗)$', name)
    if m:
        rest = strip_ethnic(m.group(1))
        return rest if len(rest) >= 2 and rest != name else None
    if level == 'province':
        suf = r'(省|市)'
    elif level == 'city':
        suf = r'(市|地区|盟|林区)'
    elif level == 'county':
        if re.search(r'(新区|矿区|特区)$', name):
            return None
        if name in FORESTRY_DISTRICTS:
            return name[:-2]
        suf = r'(区|县|市|旗)'
    else:
        m = re.match(r'^(.+族)(乡|镇|苏木)$', name)
        if m:                           # 某某回族乡, 某某民族乡
            rest = m.group(1)
            rest = rest[:-2] if rest.endswith('民族') else strip_ethnic(rest)
            if len(rest) >= 2 and not rest.endswith('族'):
                return rest
            return None
        suf = r'(街道|苏木|镇|乡)'
    m = re.match(r'^(.+?)' + suf + '$', name)
    if not m or len(m.group(1)) < 2:
        return None
    return m.group(1)


def load_jieba(path):
    words = {}
    if not path or not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as f:
        for line in f:
            p = line.split()
            if len(p) == 3 and p[1].isdigit():
                words[p[0]] = (int(p[1]), p[2])
    return words


def is_common_word(s, level, jieba):
    if jieba is None or level not in COMMON_ORDINARY:
        return False
    if level == 'county' and s in KEEP_SHORT:
        return False
    if s not in jieba:
        return False
    freq, tag = jieba[s]
    if tag == 'ns':
        return False
    if tag in PROPER_TAGS:
        return freq >= COMMON_PROPER[level]
    return freq >= COMMON_ORDINARY[level]


def walk_pcas(tree):
    """Yield (name, level) for every accepted division."""
    for prov in tree:
        yield prov['name'], 'province'
        for city in prov.get('children', []):
            yield city['name'], 'city'
            for county in city.get('children', []):
                yield county['name'], 'county'
                for town in county.get('children', []):
                    yield town['name'], 'town'


def walk_hkmotw(tree):
    for prov, cities in tree.items():
        yield prov, 'province'
        for city, counties in cities.items():
            yield city, 'city'
            for county in counties:
                yield county, 'county'


def split_alias(name):
    """嘉模堂区(氹仔) -> [嘉模堂区, 氹仔]"""
    m = re.match(r'^(.+?)\((.+)\)$', name)
    return [m.group(1), m.group(2)] if m else [name]


def accepted(name, level):
    if name in NOT_NAMES or len(name) < 2:
        return False
    if level == 'county':
        return bool(COUNTY_OK.search(name)) and not COUNTY_SKIP.search(name)
    if level == 'town':
        return bool(TOWN_OK.search(name)) and not TOWN_SKIP.search(name)
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--divisions', default=DEFAULT_DIV)
    ap.add_argument('--jieba-dict', default=DEFAULT_JIEBA)
    ap.add_argument('--out', default=os.path.join(ROOT, 'rules', 'place.txt'))
    a = ap.parse_args()

    with open(os.path.join(a.divisions, 'pcas-code.json'), encoding='utf-8') as f:
        pcas = json.load(f)
    with open(os.path.join(a.divisions, 'HK-MO-TW.json'), encoding='utf-8') as f:
        hkmotw = json.load(f)
    jieba = load_jieba(a.jieba_dict)
    if jieba is None:
        print('warning: jieba dict not found at %s: short forms are not '
              'filtered for common words' % a.jieba_dict, file=sys.stderr)

    full = []                           # (name, level) in data order
    for name, level in list(walk_pcas(pcas)) + list(walk_hkmotw(hkmotw)):
        for i, n in enumerate(split_alias(nfkc(name))):
            if accepted(n, level) or (i > 0 and len(n) >= 2):
                full.append((n, level))     # i > 0: 氹仔 in 嘉模堂区(氹仔)

    # short forms, with township sharing counts
    shorts = []                         # (short, level)
    town_share = {}
    for n, level in full:
        s = short_form(n, level)
        if s:
            shorts.append((s, level))
            if level == 'town':
                town_share[s] = town_share.get(s, 0) + 1
    # names of higher levels whose short form is kept anyway
    dropped = {'common': set(), 'generic': set(), 'funcchar': set(), 'world': set()}
    world = world_names()
    best = {}                           # name -> (level index, is_short)

    def offer(name, level, is_short):
        key = (LEVELS.index(level), is_short)
        if name not in best or key < best[name]:
            best[name] = key

    for n, level in full:
        offer(n, level, 0)
    for s, level in shorts:
        if (level in ('county', 'town')
                and town_share.get(s, 0) >= GENERIC_TOWN_SHARES):
            dropped['generic'].add(s)
            continue
        if level == 'town' and s in world:
            dropped['world'].add(s)
            continue
        if level == 'town' and TOWN_SHORT_BAD_CHARS.intersection(s):
            dropped['funcchar'].add(s)
            continue
        if is_common_word(s, level, jieba):
            dropped['common'].add((s, level))
            continue
        offer(s, level, 1)

    rows = sorted(best.items(), key=lambda kv: (kv[1][0], kv[1][1], kv[0]))
    day = header_day()
    counts = {l: sum(1 for _, k in rows if LEVELS[k[0]] == l) for l in LEVELS}
    nshort = sum(1 for _, k in rows if k[1])
    with open(a.out, 'w', encoding='utf-8', newline='\n') as out:
        w = out.write
        w('# place.txt - gazetteer of Chinese administrative divisions.\n')
        w('# GENERATED by scripts/gen_gazetteer.py on %s: do not edit by hand.\n'
          % day.strftime('%Y-%m-%d'))
        w('# Inputs: shared/datasets/admin_divisions/pcas-code.json and\n'
          '#   HK-MO-TW.json (modood/Administrative-divisions-of-China @57a0aa9,\n'
          '#   2024 edition, WTFPL)%s.\n'
          % (', jieba dict.txt (python3-jieba, Debian) as a common-word list'
             if jieba is not None else '; jieba dict NOT available: no '
             'common-word filter'))
        w('# Format: name<TAB>level[<TAB>short]; level = province|city|county|town.\n'
          '#   "short" marks a bare form news writes without the suffix\n'
          '#   (江苏省->江苏, 苏州市->苏州, 海淀区->海淀, 中关村街道->中关村, 周庄镇->周庄,\n'
          '#   内蒙古自治区->内蒙古, 延边朝鲜族自治州->延边, 连南瑶族自治县->连南).\n'
          '#   One line per name: a name found at several levels keeps the highest\n'
          '#   (province > city > county > town); a full name beats a short form.\n')
        w('# Included: every province, prefecture-level city, county-level division\n'
          '#   (区/县/市/旗; development zones and management areas listed at that\n'
          '#   level are skipped) and township/subdistrict (街道/镇/乡/苏木; farms,\n'
          '#   forestry centres etc. listed at that level are skipped).\n')
        w('# Short forms: the suffix is stripped only when at least 2 characters\n'
          '#   remain; ethnic names are stripped from autonomous areas.  Township\n'
          '#   short forms are ambiguous, so these filters apply:\n'
          '#   - a short form shared by >= %d townships is a generic name (城关,\n'
          '#     城郊, 新城, 城厢 ...): dropped, at county level too (%d dropped);\n'
          '#   - county and township short forms that jieba lists as common words\n'
          '#     are dropped (%d dropped): tag not a proper-name tag and frequency\n'
          '#     >= %d (county) / >= %d (town), or a proper-name tag (nr/nz/...,\n'
          '#     which jieba also gives to words like 和平, 光荣) and frequency\n'
          '#     >= %d (county) / >= %d (town); tag ns is always kept, and\n'
          '#     so are %d hand-reviewed county-level forms jieba mis-tags\n'
          '#     (神农架, 常熟, 仙桃 ...: KEEP_SHORT in the script).\n'
          '#   - a township short form holding a function character is dropped\n'
          '#     (%s;\n#     %d dropped): mostly a cross-word string (在中, 会发).\n'
          '#   - a township short form that names a country (iso-codes)\n'
          '#     or a world region (中东, 南美: WORLD_REGIONS) is dropped (%d).\n'
          '#   Province and city short forms are always kept.\n'
          % (GENERIC_TOWN_SHARES, len(dropped['generic']), len(dropped['common']),
             COMMON_ORDINARY['county'], COMMON_ORDINARY['town'],
             COMMON_PROPER['county'], COMMON_PROPER['town'], len(KEEP_SHORT),
             ''.join(sorted(TOWN_SHORT_BAD_CHARS)), len(dropped['funcchar']),
             len(dropped['world'])))
        w('# Short forms are weak evidence on their own (a 2-character township\n'
          '#   name can be part of a person name or an ordinary phrase): use them\n'
          '#   with context (a following place/org suffix, a nesting, a title).\n')
        w('# Counts: %s; %d short forms; %d lines.\n'
          % (', '.join('%s %d' % (l, counts[l]) for l in LEVELS), nshort, len(rows)))
        for name, (li, sh) in rows:
            w('%s\t%s%s\n' % (name, LEVELS[li], '\tshort' if sh else ''))
    print('wrote %s: %d lines (%d short); dropped %d generic, %d common'
          % (a.out, len(rows), nshort, len(dropped['generic']),
             len(dropped['common'])), file=sys.stderr)


if __name__ == '__main__':
    main()
