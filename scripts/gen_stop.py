#!/usr/bin/env python3
"""Generate rules/stop.txt: function words and common verbs that stop the
LEFT boundary of an organisation or place name and end a person's given
name (的 在 和 与 是 了 ... 推动 位于 来到 召开 ...).

Inputs:
  - jieba's dict.txt ("word freq pos" per line; Debian package
    python3-jieba), read as plain text: candidates of length 1-2 whose
    part-of-speech tag is a function-word or verb tag (see MIN_FREQ), with
    a per-tag frequency threshold;
  - rules/org_suffix.txt and rules/place_suffix.txt: a single character
    that is itself a name suffix (局 所 站 路 河 ...) is never a stop;
  - rules/surname.txt: a single character that is a surname not marked
    rare (何 曾 任 ...) is never a stop (rare ones such as 于 和 从 向 are);
  - rules/given_char.txt (optional): a single character that is often part
    of a given name (ratio >= GIVEN_RATIO_MAX) is never a stop, so that a
    name like X成 / X正 is not cut;
  - the hand-reviewed lists below: EXCLUDE (words commonly part of place
    and organisation names: 东 南 中 新 大 ..., 发展 建设 服务 管理 ...) and
    EXTRA (stops jieba tags otherwise or ranks low: time words, reporting
    phrases).  建设 and 组织, though common verbs, are excluded: they are
    parts of many organisation names (建设局, 建设银行, 组织部).
A two-character candidate that occurs inside two or more of jieba's
organisation/place entries (tag nt/ns, as a part, not the whole) is also
dropped: it is commonly part of names (发展 in 发展银行, 合作 in 合作社).

Usage: python3 scripts/gen_stop.py [--jieba-dict PATH] [--out PATH]
Deterministic; the header's date is today's, or $SOURCE_DATE_EPOCH's.
Standard library only.  Without the jieba dictionary it fails: install
python3-jieba (apt-get install -y python3-jieba) or pass --jieba-dict.
"""
import argparse
import os
import sys
import unicodedata

from genlib import first_fields as read_first_fields, header_day, last_numbers

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_JIEBA = '/usr/lib/python3/dist-packages/jieba/dict.txt'

# tag -> minimum jieba frequency (length 1-2 words only)
MIN_FREQ = {
    'p': 1000,                          # prepositions
    'c': 2000,                          # conjunctions
    'u': 500, 'ud': 500, 'ug': 500, 'uj': 500, 'ul': 500, 'uv': 500,
    'uz': 500,                          # particles
    'd': 4000,                          # adverbs
    'r': 3000, 'rz': 3000,              # pronouns
    'm': 8000,                          # numerals (two characters only)
    'q': 30000,                         # classifiers
    'v': 8000,                          # verbs
}
GIVEN_RATIO_MAX = 0.05
NT_NS_PARTS_MAX = 1

# Hand review: common parts of place / organisation names, and words whose
# use inside names is too frequent to stop at.
EXCLUDE = set("""
东 南 西 北 中 新 大 小 上 下 山 水 城 华 金 石 江 河 海 湖 天 光 明 文 安 平
长 高 清 龙 凤 阳 德 兴 福 林 国 家 人 民 口 田 门 里 前 后 内 外 左 右 元 方
生 会 行 发 开 建 通 经 合 联 公 工 商 电 道 路 站 所 局 处 院 台 一 二 三 四
五 六 七 八 九 十 百 千 万 两 第 半 双 多 少 老 正 真 美 好 红 白 黄 青 绿 和平
建设 发展 服务 管理 研究 教育 合作 投资 旅游 生产 生活 文化 组织 改革 创新
科技 交通 运输 贸易 销售 设计 制造 加工 宣传 监督 检查 体育 经营 消费 综合
保障 执法 治理 振兴 开发 保护 统一 团结 和谐 胜利 前进 解放 复兴 联合 发达
实业 经济 工业 农业 商业 金融 安全 卫生 健康 环境 规划 城市 社会 公共 工作
人民 国家 中华 中国 全国 大学 学院 学校 医院 同心 同德 共同 一心 红星 向阳
花 立 达 太 定 常 居 本 特 派 比 来 望 无 教 拉 加 分 共 先 回 米 约 越 遂 随
边 锛 学习 处理 控制 开放 高速 记者
""".split())

# Stops that jieba tags otherwise or ranks below the thresholds.
EXTRA = """
兼 驻 旧 村级 镇级 区级 市级 县级 省级 国家级 全镇 全村 全区 全市
的 在 和 与 是 了 对 由 为 将 把 被 从 向 到 等 及 并 也 都 就 还 又 让 给 跟 同
以 于 之 其 该 这 那 各 每 位 名 个 着 过 地 得 啊 吧 呢 吗 嘛 呀 哦 但 而 或 若
推动 推进 加强 开展 位于 来到 走进 前往 参与 召开 举行 成立 举办 开幕 闭幕
落户 落地 地处 坐落 来自 出自 出身 毕业 就读 就职 就业 供职 任职 工作于
据悉 据了解 据介绍 获悉 日前 近日 昨日 昨天 今天 今日 明天 今年 去年
明年 近年 近年来 当前 目前 此前 此后 随后 之后 之前 期间 以来 当天 当日 当晚
同时 此外 另外 其中 其间 包括 比如 例如 尤其 特别是 以及 或者 还有
共有 拥有 设有 建有 成为 作为 担任 出任 兼任 当选 获评 荣获 获得 作出 做出
表示 介绍 认为 指出 强调 告诉 透露 说 称 提出 希望 要求 带领 率队 率领 陪同
调研 视察 考察 看望 慰问 走访 出席 参加 主持 会见 部署 督导 指导 协调 负责
针对 围绕 通过 根据 按照 依托 结合 借助 利用 面对 面向 关于 对于 至于 除了
""".split()


def nfkc(s):
    return unicodedata.normalize('NFKC', s).strip()






def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--jieba-dict', default=DEFAULT_JIEBA)
    ap.add_argument('--rules', default=os.path.join(ROOT, 'rules'))
    ap.add_argument('--out', default=os.path.join(ROOT, 'rules', 'stop.txt'))
    a = ap.parse_args()
    if not os.path.exists(a.jieba_dict):
        sys.exit('error: jieba dict not found at %s (apt-get install -y '
                 'python3-jieba, or --jieba-dict PATH)' % a.jieba_dict)

    suffix1 = {s for s in read_first_fields(os.path.join(a.rules, 'org_suffix.txt'))
               | read_first_fields(os.path.join(a.rules, 'place_suffix.txt'))
               if len(s) == 1}
    given = last_numbers(os.path.join(a.rules, 'given_char.txt'))
    surname_ok = set()                  # surnames not marked rare
    sp = os.path.join(a.rules, 'surname.txt')
    if os.path.exists(sp):
        with open(sp, encoding='utf-8') as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith('#'):
                    p = line.split('\t')
                    if len(p[0]) == 1 and (len(p) < 2 or p[1].strip() != 'rare'):
                        surname_ok.add(p[0])

    entries = []                        # (word, freq, tag)
    names = []                          # jieba nt/ns entries
    with open(a.jieba_dict, encoding='utf-8') as f:
        for line in f:
            p = line.split()
            if len(p) != 3 or not p[1].isdigit():
                continue
            w, fr, tag = nfkc(p[0]), int(p[1]), p[2]
            if tag in ('nt', 'ns'):
                names.append(w)
            entries.append((w, fr, tag))

    cands = {}
    for w, fr, tag in entries:
        if not 1 <= len(w) <= 2 or tag not in MIN_FREQ or fr < MIN_FREQ[tag]:
            continue
        if tag == 'm' and len(w) < 2:
            continue
        if not all('\u4e00' <= c <= '\u9fff' for c in w):
            continue
        if w not in cands or fr > cands[w][0]:
            cands[w] = (fr, tag)

    # two-character candidates that are parts of org/place names
    two = {w for w in cands if len(w) == 2}
    parts = {}
    for n in names:
        if len(n) <= 2:
            continue
        for i in range(len(n) - 1):
            s = n[i:i + 2]
            if s in two:
                parts[s] = parts.get(s, 0) + 1

    why = {'exclude': 0, 'suffix': 0, 'surname': 0, 'given': 0, 'nameparts': 0}
    keep = {}
    for w, (fr, tag) in cands.items():
        if w in EXCLUDE:
            why['exclude'] += 1
            continue
        if len(w) == 1 and w in suffix1:
            why['suffix'] += 1
            continue
        if len(w) == 1 and w in surname_ok:
            why['surname'] += 1
            continue
        if len(w) == 1 and given.get(w, 0.0) >= GIVEN_RATIO_MAX:
            why['given'] += 1
            continue
        if len(w) == 2 and parts.get(w, 0) > NT_NS_PARTS_MAX:
            why['nameparts'] += 1
            continue
        keep[w] = tag
    extra_added = 0
    for w in EXTRA:
        w = nfkc(w)
        if w and w not in keep and w not in EXCLUDE:
            keep[w] = 'extra'
            extra_added += 1

    rows = sorted(keep.items(), key=lambda kv: (len(kv[0]), kv[0]))
    day = header_day()
    with open(a.out, 'w', encoding='utf-8', newline='\n') as out:
        w = out.write
        w('# stop.txt - function words and common verbs: an organisation or '
          'place name\n#   never extends left across one, and a person\'s given '
          'name ends before one.\n')
        w('# GENERATED by scripts/gen_stop.py on %s: do not edit by hand (edit '
          'the script\'s\n#   EXCLUDE / EXTRA lists and rerun).\n'
          % day.strftime('%%Y-%%m-%%d'.replace('%%', '%')))
        w('# Inputs: jieba dict.txt (python3-jieba, Debian): words of length '
          '1-2 tagged\n#   %s\n'
          % ', '.join('%s>=%d' % (t, m) for t, m in sorted(MIN_FREQ.items())))
        w('#   (tag>=min jieba frequency; numerals of two characters only); '
          'rules/org_suffix.txt,\n#   rules/place_suffix.txt (single-character '
          'suffixes are not stops: %d dropped);\n#   rules/given_char.txt '
          '(single characters with given-name ratio >= %.2f are not\n#   stops: '
          '%d dropped); rules/surname.txt (a single character that is a '
          'surname not\n#   marked rare is not a stop: %d dropped); '
          'two-character words found inside > %d jieba nt/ns '
          'entries\n#   are parts of names, not stops (%d dropped); hand review: '
          '%d excluded,\n#   %d added.\n'
          % (why['suffix'], GIVEN_RATIO_MAX, why['given'], why['surname'],
             NT_NS_PARTS_MAX,
             why['nameparts'], why['exclude'], extra_added))
        w('# Format: word<TAB>tag (the jieba tag it was taken with, or "extra" '
          'for the hand-added).\n# %d entries, sorted by length, then code point.\n'
          % len(rows))
        for word, tag in rows:
            w('%s\t%s\n' % (word, tag))
    print('wrote %s: %d entries %s, %d extra' % (a.out, len(rows), why,
                                                  extra_added), file=sys.stderr)


if __name__ == '__main__':
    main()
