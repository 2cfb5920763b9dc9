#!/usr/bin/env python3
"""Extraction rules, one family at a time, on sentences written for this
test (names invented, not taken from the corpus): each family has
positive examples that must be found and negative ones that must not.

Run by ctest with NEWSGRAPH_BIN set; standard library only.
"""
import json
import os
import subprocess
import sys

from testlib import BIN, expect as check, tally



def extract(text):
    r = subprocess.run([BIN], input=text.encode("utf-8"), capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    d = json.loads(r.stdout.decode("utf-8").strip().splitlines()[0])
    ents = {e["id"]: e for e in d["entities"]}
    by_type = {}
    for e in d["entities"]:
        by_type.setdefault(e["type"], set()).add(e["text"])
        for m in e["mentions"]:
            # offsets are Python str indices into what we passed in
            cut = "".join(text[m["start"]:m["end"]].split())
            check(cut == e["text"] or cut in e.get("aliases", []),
                  f"mention {m} cuts {cut!r}, entity {e['text']!r}")
    holds, located = set(), set()
    for r in d["relations"]:
        if r["type"] == "holds_position":
            org = ents[r["org"]]["text"] if r["org"] else ""
            holds.add((ents[r["person"]]["text"], org, ents[r["position"]]["text"],
                       r["status"], bool(r.get("resolved"))))
        else:
            located.add((ents[r["child"]]["text"], ents[r["parent"]]["text"]))
    return by_type, holds, located, d


def has(by_type, t, s):
    return s in by_type.get(t, set())


def holds_pair(holds, person, org, position):
    return any(h[0] == person and h[1] == org and h[2] == position for h in holds)


def test_title_then_name():
    t, h, l, _ = extract("昨日,星湖社区党委书记宋立平介绍,社区今年新建了三处公园。")
    check(has(t, "PERSON", "宋立平"), "person after a title")
    check(has(t, "POSITION", "党委书记"), "lexicalised party title kept whole")
    check(has(t, "PLACE", "星湖社区"), "unit of the title is a place")
    check(holds_pair(h, "宋立平", "星湖社区", "党委书记"), "holds_position split unit|title")
    t, h, l, _ = extract("会上,石湾镇副镇长、团委书记顾海峰作了发言。")
    check(holds_pair(h, "顾海峰", "石湾镇", "副镇长"), "modifier stays in the title")
    check(holds_pair(h, "顾海峰", "石湾镇", "团委书记"), "the unit distributes over titles")
    t, h, l, _ = extract("佛山市新华文化传播有限公司总经理梅思远认为,市场正在回暖。")
    check(has(t, "ORG", "佛山市新华文化传播有限公司"), "org keeps its place prefix")
    check(holds_pair(h, "梅思远", "佛山市新华文化传播有限公司", "总经理"), "company title")


def test_cue_verbs():
    t, _, _, _ = extract("“今年的收成不错。”郑美玲表示,村里还要扩大种植面积。")
    check(has(t, "PERSON", "郑美玲"), "name before a speech verb")
    t, _, _, _ = extract("高质量发展是首要任务,林业部门表示将加强巡查,周边环境和黄金价格都在变化。")
    for word in ("高质量", "林业", "周边", "黄金", "高质", "林业部"):
        check(not has(t, "PERSON", word), f"{word} is not a person")


def test_framed_names():
    # after a title, a name the decoder cuts short (a function word or a
    # rare character as its last given-name character) runs to an edge
    t, _, _, _ = extract("协会副秘书长葛欲晴说,原材料涨价了。")
    check(has(t, "PERSON", "葛欲晴"), "欲 inside a name framed by title and 说")
    t, _, _, _ = extract("地产专家韦立同分析认为,楼市趋稳。")
    check(has(t, "PERSON", "韦立同") and not has(t, "PERSON", "韦立"), "韦立同 up to 分析")
    t, _, _, _ = extract("美院教授龚晓遂(右)在现场。")
    check(has(t, "PERSON", "龚晓遂"), "a rare character before a bracket")
    # not across a function word into a title, nor into a word
    t, _, _, _ = extract("会见了委员长贺明和国家副主席孔立山。")
    check(has(t, "PERSON", "贺明") and not has(t, "PERSON", "贺明和"), "和 before a title is no name")
    t, _, _, _ = extract("他团结党员和群众,制定了党员公约。")
    check(not t.get("PERSON"), f"和群众 and 公约 are no names: {t.get('PERSON')}")


def test_own_paper():
    # 本报 (this paper) is the unit, not part of the title
    t, _, _, _ = extract("本报记者柯明远报道,展会今日开幕。")
    check(has(t, "POSITION", "记者") and not has(t, "POSITION", "本报记者"), "本报记者 gives 记者")
    check(has(t, "PERSON", "柯明远"), "the reporter after 本报记者")


def test_not_names():
    # surname + the start of a title, or + a form of address, is no name
    t, _, _, _ = extract("钱主任表示,下周开工。")
    check(not has(t, "PERSON", "钱主"), "钱+主任 gives no 钱主")
    t, _, _, _ = extract("谢谢,柏总说,今年销量不错。熊叔告诉我们。")
    check(not has(t, "PERSON", "柏总") and not has(t, "PERSON", "熊叔"), "柏总, 熊叔 are honorifics")


def test_joined_foreign_names():
    # a hyphen or a full stop may join a foreign name's parts like a dot
    t, _, _, _ = extract("影片由导演安德烈-科斯塔诺夫执导,主演是莉娜.维尔莫特。")
    check(has(t, "PERSON", "安德烈-科斯塔诺夫"), "a name joined by a hyphen")
    check(has(t, "PERSON", "莉娜.维尔莫特"), "a name joined by a full stop")
    t, _, _, _ = extract("中-美贸易和京-沪高铁都在增长。")
    check(not t.get("PERSON"), f"abbreviations joined by a hyphen are no name: {t.get('PERSON')}")


def test_latin_names_after_titles():
    t, h, _, _ = extract("工作室负责人DerekMolina在接受采访时说,首席设计师anyalem也到场。")
    check(has(t, "PERSON", "DerekMolina") and has(t, "PERSON", "anyalem"), "a Latin name after a title")
    t, _, _, _ = extract("该公司总裁CEO表示,总经理XYZ2010计划启动。")
    check(not t.get("PERSON"), f"an acronym or a code after a title is no name: {t.get('PERSON')}")


def test_latin_in_brackets():
    t, _, _, _ = extract("影片由导演安德烈-科斯塔诺夫(AndreiKostanov)执导。")
    check(has(t, "PERSON", "AndreiKostanov"), "the Latin form of a name in brackets")
    t, _, _, _ = extract("该公司(ABC)宣布,城市(Cityx)计划。")
    check(not t.get("PERSON"), f"brackets after no name: {t.get('PERSON')}")


def test_rare_given_characters():
    # a character too rare in the statistics to be listed is no bar to a name
    t, _, _, _ = extract("他和蒋秀菡一起来了。")
    check(has(t, "PERSON", "蒋秀菡") and not has(t, "PERSON", "蒋秀"), "a rare last character")


def test_translit_final_function_character():
    # a foreign name ending in a character that is also a function word
    # keeps it before punctuation (某某略、), not before more text
    t, _, _, _ = extract("球队缺少塔瓦略、埃普等人。")
    check(has(t, "PERSON", "塔瓦略"), "略 before 、 stays in the name")


def test_dangling_third_character():
    # a character a two-character name would leave hanging joins the name
    t, _, _, _ = extract("他收藏了陈小芃的画。")
    check(has(t, "PERSON", "陈小芃") and not has(t, "PERSON", "陈小"), "陈小+芃+的")


def test_form_of_address_cue():
    # 先生 / 女士 after a full name is context for the name model
    t, _, _, _ = extract("学生时代读的是金崇庸先生的小说。")
    check(has(t, "PERSON", "金崇庸"), "a name before 先生")


def test_title_before_holder():
    # a title right before its holder's name stands, whatever is before it
    t, _, _, _ = extract("俱乐部主力前锋安德烈-科斯塔诺夫受伤。")
    check(has(t, "POSITION", "前锋"), "a title before a named holder")


def test_translit_lists():
    # a short foreign name in a list with foreign names found
    t, _, _, _ = extract("展出了卡拉诺维、莫塔、维尔多斯的作品。")
    check(has(t, "PERSON", "莫塔"), "a two-character foreign name in a list")
    t, _, _, _ = extract("他买了苹果、香蕉、橙子等水果。")
    check(not t.get("PERSON"), f"a list of words has no names: {t.get('PERSON')}")


def test_no_name_inside_a_word():
    # the model reads no name starting inside a word or title before it
    t, _, _, _ = extract("王主任刚才说的观点,大家都同意。")
    check(not has(t, "PERSON", "任刚才"), "主任+刚才 gives no 任刚才")


def test_bylines():
    _, h, _, _ = extract("文/南方日报记者 韩志远 通讯员 曹雪梅 潘立新\n\n本报讯,近日。")
    check(holds_pair(h, "韩志远", "南方日报", "记者"), "by-line reporter of the paper")
    check(holds_pair(h, "曹雪梅", "", "通讯员"), "correspondent without a unit")
    check(holds_pair(h, "潘立新", "", "通讯员"), "second correspondent in the list")
    _, h, _, _ = extract("南方日报讯(记者/贺文杰 通讯员/邱小雨 汤明远)近日,一场展览开幕。")
    check(holds_pair(h, "贺文杰", "南方日报", "记者"), "dateline reporter works for the paper")
    check(holds_pair(h, "邱小雨", "", "通讯员"), "dateline correspondent")
    check(holds_pair(h, "汤明远", "", "通讯员"), "dateline second correspondent")
    check(not any(x[0] == "贺文杰" and x[1] == "" and x[2] == "记者" for x in h),
          "no unit-less duplicate of the dateline relation")


def test_profile_and_former():
    _, h, _, _ = extract("人物档案\n\n姓名:蔡永康\n\n职务:石湾镇新风社区党委书记\n\n事迹:带领社区完成改造。")
    check(holds_pair(h, "蔡永康", "石湾镇新风社区", "党委书记") or
          holds_pair(h, "蔡永康", "新风社区", "党委书记"), "profile block")
    _, h, _, _ = extract("陶文斌曾任新风社区党委书记,如今退休在家。")
    check(any(x[0] == "陶文斌" and x[2] == "党委书记" and x[3] == "former" for x in h),
          "former role marked former")


def test_profile_heads():
    # a resume or executive profile opens with the person: 某某,男, / 某某先生:
    for text, name in (("钟翊衡,男,1968年出生,汉族。", "钟翊衡"),
                       ("蔡红旗:女,中国国籍。", "蔡红旗"),
                       ("卫墨先生:1971年出生,大学学历。", "卫墨"),
                       ("宁子锫女士,现任本公司董事。", "宁子锫"),
                       ("庄老先生的三部小说出版了。", "庄")):
        t, _, _, _ = extract(text)
        check(has(t, "PERSON", name), f"profile head {name} in {text}")
        check(not has(t, "PLACE", name), f"{name} is no place")
    # a one-character function word before the surname is passed over (从+某先生);
    # a two-character one (这位+女士) is no name at all
    t, _, _, _ = extract("从阎先生处获悉此事。")
    check(has(t, "PERSON", "阎") and not has(t, "PERSON", "从阎"), "从 before a surname and 先生")
    t, _, _, _ = extract("这位先生今天来到现场。")
    check("PERSON" not in t, "这位 before 先生 is no name")
    t, _, _, _ = extract("宁先生曾任公司财务部经理。")
    check(has(t, "PERSON", "宁") and not has(t, "PERSON", "宁先生"),
          "a surname before 先生 is the name, 先生 is not part of it")
    for text, word in (("公司先生们都来了。", "公司"), ("男,1968年出生。", "男"),
                       ("会议,男女老少都来了。", "会议")):
        t, _, _, _ = extract(text)
        check(not has(t, "PERSON", word), f"{word} is no profile head")


def test_pattern_names_decode():
    # a pattern's name group that runs on into more text must be a name on
    # its own: 信息 of 信息系统, 年至 of 2005年至今担任
    t, _, _, _ = extract("2005年至2010年5月任星河信息系统股份有限公司独立董事。")
    check(not has(t, "PERSON", "信息"), "信息 of 信息系统 is no name")
    t, _, _, _ = extract("2007年至今担任星河电气股份有限公司副总经理。")
    check(not any(p.startswith("年") for p in t.get("PERSON", ())), "年至今 is no name")
    t, h, _, _ = extract("张德明担任星河电气股份有限公司副总经理。")
    check(has(t, "PERSON", "张德明"), "a name before 担任 stays")


def test_org_units():
    # a unit written right after its body is part of the body's name
    t, _, _, _ = extract("曾任星河电子集团公司储运公司副总经理。")
    check(has(t, "ORG", "星河电子集团公司储运公司"), "a company's unit named by a common word")
    t, _, _, _ = extract("现任建设银行嘉兴分行行长助理。")
    check(has(t, "ORG", "建设银行嘉兴分行"), "a bank whose name starts with a verb, and its branch")
    t, _, _, _ = extract("该方案经国务院批准后实施。")
    check(has(t, "ORG", "国务院") and not has(t, "ORG", "经国务院"),
          "a preposition before a known body is the sentence's")
    t, _, _, _ = extract("我们要建设现代企业制度。")
    check(not t.get("ORG"), "现代企业 names no body")
    t, _, _, _ = extract("由村党总支领办合作社,把土地集中起来。")
    check(not has(t, "ORG", "村党总支领办合作社"), "a verb after a party organ is no unit's name")


def test_trade_name_units():
    # a company's short trade name written after 任 or in a list of posts,
    # right before a title, is the unit of that title
    t, _, _, _ = extract("2013年8月起任星澜世纪副总经理,任期三年。")
    check(has(t, "ORG", "星澜世纪"), "a trade name after 任")
    check(has(t, "POSITION", "副总经理"), "its title")
    t, _, _, _ = extract("现任星河集团副总裁、澜海微电子董事长。")
    check(has(t, "ORG", "澜海微电子"), "a trade name in a list of posts")
    for text, word in (("引入进驻的团队联络员、双百社工孙某表示。", "双百"),
                       ("他是当地的武装部长。", "当地的武装"),
                       ("历任财务部副经理、车间副主任。", "车间"),
                       ("历任秘书处处长、副处级巡视员。", "副处级"),
                       ("曾任机关党委副书记、正团职副主任。", "正团职")):
        t, _, _, _ = extract(text)
        check(not any(word in o for o in t.get("ORG", ())), f"{word} is no trade name")


def test_field_bodies():
    # a discipline or occupation names a body's field: 会计+学会, 法学+会
    for text, org in (("兼任星城市会计学会副会长。", "星城市会计学会"),
                      ("兼任星城市法学会副会长。", "星城市法学会"),
                      ("现任星城市注册会计师教育委员会副主任。", "星城市注册会计师教育委员会")):
        t, _, _, _ = extract(text)
        check(has(t, "ORG", org), f"{org} is one body")
    t, _, _, _ = extract("他学会了游泳。")
    check(not t.get("ORG"), "学会 the verb names no body")
    t, _, _, _ = extract("现任星澜财经大学会计学院副院长。")
    check(has(t, "ORG", "星澜财经大学会计学院"), "a university's school named by an occupation")


def test_title_fields():
    # a field noun before a title in a list of posts is part of the title
    t, _, _, _ = extract("星澜大学助教、讲师、经济学副教授。")
    check(has(t, "POSITION", "经济学副教授"), "经济学 + 副教授 in a list of posts")
    t, _, _, _ = extract("现任星澜科技有限公司行政副总监。")
    check(has(t, "POSITION", "行政副总监"), "行政 + 副总监 after its unit")
    t, _, _, _ = extract("曾是星湖社区一名村干部,在打造自己的村子。")
    check(not has(t, "POSITION", "一名村干部"), "a count is no field of a post")
    t, _, _, _ = extract("他是一名基层党员。")
    check(not has(t, "POSITION", "基层党员"), "a party membership takes no field")


def test_no_place_in_business_words():
    t, _, _, _ = extract("星澜公司于2010年在香港上市。")
    check(not has(t, "PLACE", "香港上市"), "上市 (to list on an exchange) is no 市")
    check(has(t, "PLACE", "香港"), "the place stays")
    t, _, _, _ = extract("曾任星澜电气集团有限公司市场营销部主任。")
    check(not any(p.endswith("市场") for p in t.get("PLACE", ())), "a body's 市场 department is no site")
    check(has(t, "ORG", "星澜电气集团有限公司"), "the body stays")


def test_suffix_read_across():
    t, _, _, _ = extract("现任深圳市星澜光电股份有限公司法务专员。")
    check(has(t, "ORG", "深圳市星澜光电股份有限公司"), "公司+法务, not 公司法")
    t, _, _, _ = extract("1978年毕业于伦敦大学生物化工专业。")
    check(has(t, "ORG", "伦敦大学"), "大学+生物, not 大学生")
    t, _, _, _ = extract("他是一名大学生。")
    check(not t.get("ORG"), "大学生 alone names no university")


def test_trade_names_with_function_characters():
    t, _, _, _ = extract("现任山东星可澜股份有限公司独立董事。")
    check(has(t, "ORG", "山东星可澜股份有限公司"), "place + trade name holding 可 + suffix")
    t, _, _, _ = extract("北京电信和星澜公司合作。")
    check(not has(t, "ORG", "北京电信和星澜公司"), "和 joins two bodies")
    t, _, _, _ = extract("法国和德国的公司正在积极接近中国市场。")
    check(not has(t, "ORG", "德国的公司"), "的 is no part of a trade name")


def test_department_titles():
    # a department named by characters that are no ordinary words, in a
    # list of posts, is part of the title (采购部部长 already was)
    t, _, _, _ = extract("历任总经理助理、企管处处长。")
    check(has(t, "POSITION", "企管处处长"), "企管处 + 处长")
    t, _, _, _ = extract("曾任技术员、质监科副科长。")
    check(has(t, "POSITION", "质监科副科长"), "质监科 + 副科长 in a list")
    t, _, _, _ = extract("活动拉近支部党员之间的距离。")
    check(not has(t, "POSITION", "拉近支部党员"), "a verb and a party branch are no department")


def test_board_terms():
    t, _, _, _ = extract("历任星澜股份有限公司第六届监事会职工代表监事。")
    check(has(t, "POSITION", "第六届监事会职工代表监事"), "a board member title with its term")
    t, _, _, _ = extract("现任星澜集团股份公司三届监事会监事。")
    check(has(t, "POSITION", "三届监事会监事"), "a term without 第 right after its unit")


def test_country_qualifications():
    t, _, _, _ = extract("并具备中华人民共和国律师资格。")
    check(has(t, "POSITION", "中华人民共和国律师"), "a qualification with the country granting it")
    check(not has(t, "PLACE", "中华"), "no place left inside it")
    t, _, _, _ = extract("中国律师代表团访问了美国。")
    check(not has(t, "POSITION", "中国律师"), "a country's lawyers in news are no qualification")


def test_university_departments():
    t, _, _, _ = extract("1985年毕业于星澜大学化工系,高级工程师。")
    check(has(t, "ORG", "星澜大学化工系"), "a university and its department are one body")
    t, _, _, _ = extract("星澜大学与企业的关系越来越紧密。")
    check(not any(o.endswith("系") for o in t.get("ORG", ())), "关系 is no department")


def test_head_office_and_branch_bodies():
    t, _, _, _ = extract("曾任星澜银行总行法律事务室处长。")
    check(has(t, "ORG", "星澜银行总行"), "a bank's head office is one body with it")
    t, _, _, _ = extract("现任中国国际贸易促进委员会机械行业分会会长。")
    check(has(t, "ORG", "中国国际贸易促进委员会机械行业分会"), "a branch association is one body with it")
    t, _, _, _ = extract("现任星澜贸易促进委员会会长。")
    check(not has(t, "ORG", "星澜贸易促进"), "委员 of 委员会 is no title after a trade name")


def test_qualifications():
    t, _, _, _ = extract("1976年出生,本科学历,高级项目管理师,注册资产管理师。")
    check(has(t, "POSITION", "高级项目管理师"), "a qualification ending in 师 between list edges")
    check(has(t, "POSITION", "注册资产管理师"), "a second one")
    t, _, _, _ = extract("影片命名为《一代宗师》。")
    check(not t.get("POSITION"), "a title in book-title marks is none")
    t, _, _, _ = extract("柯老师,欢迎您。")
    check(not has(t, "POSITION", "柯老师"), "an address by surname is no qualification")


def test_appointment_verb_edges():
    t, _, _, _ = extract("2007年11月任公司人力资源部经理。")
    check(not any(o.endswith("任公司") for o in t.get("ORG", ())), "a date and 任 are no part of a body")
    t, _, _, _ = extract("星澜集团总公司任党委组织部部长。")
    check(has(t, "ORG", "星澜集团总公司"), "任 right after a body ends it")
    check(not any("任党委" in o for o in t.get("ORG", ())), "任 is no part of the organ's name")


def test_copula_names():
    t, h, _, _ = extract("张明是星澜公司的一名工程师。")
    check(holds_pair(h, "张明", "星澜公司", "工程师"), "a name before 是 even where it is also a town's short form")
    t, _, _, _ = extract("先后担任星澜大学财务与会计学系主任、管理学院副院长。")
    check(not t.get("PERSON"), "系 before a title is a department, no copula")


def test_native_place_with_short_form():
    t, _, _, _ = extract("1964年3月出生,安徽桐城人,大学学历。")
    check(has(t, "PLACE", "安徽桐城人"), "a county's short form in a native-place phrase")
    t, _, _, _ = extract("他说桐城人很热情。")
    check(not has(t, "PLACE", "桐城人"), "outside a profile's frame it is left alone")


def test_bare_group_self_unit():
    t, _, _, _ = extract("历任集团副总经理、集团副总裁。")
    check(has(t, "ORG", "集团"), "a résumé's own group written bare before a title")
    t, _, _, _ = extract("集团总经理李大成说,今年销售很好。")
    check(not has(t, "ORG", "集团"), "at a sentence's start in news it stays generic")


def test_company_list_items():
    t, _, _, _ = extract("现任星澜科技有限公司董事、北方星澜股份有限公司董事。")
    check(has(t, "ORG", "北方星澜股份有限公司"), "a list item of companies starting with a locative word")


def test_surname_address_titles():
    t, _, _, _ = extract("黄教授为星澜会计师事务所的执行董事。")
    check(not has(t, "POSITION", "教授"), "a surname and a title addressing a person hold no post")
    t, _, _, _ = extract("2005年在星澜电缆厂工作,任副厂长。")
    check(has(t, "POSITION", "副厂长"), "任 before a title is the verb, no surname")


def test_resolution():
    text = ("新风社区地处城区东部。新风社区党委书记蔡永康说,新风社区将建设公园。"
            "社区党委书记蔡永康还表示,明年继续推进。")
    _, h, _, _ = extract(text)
    check(holds_pair(h, "蔡永康", "新风社区", "党委书记"), "explicit unit")
    _, h, _, _ = extract("新风社区地处城区东部,新风社区环境优美。社区党委书记蔡永康表示,明年继续推进。")
    check(any(x[0] == "蔡永康" and x[1] == "新风社区" and x[4] for x in h),
          "abbreviated unit resolved from the document and marked resolved")


def test_resolution_order():
    # the person's own unit comes before the nearest unit written before
    _, h, _, _ = extract("石坳社区党委书记张大成介绍了经验。北岭社区也开展了活动,北岭社区居民参与。"
                         "社区党委书记张大成表示,要继续努力。")
    check(holds_pair(h, "张大成", "石坳社区", "党委书记"), "the person's own unit")
    check(not holds_pair(h, "张大成", "北岭社区", "党委书记"), "not the nearest other community")
    # with no unit of the person's own, the nearest before wins
    _, h, _, _ = extract("石坳社区开展活动。北岭社区也开展了活动。社区党委书记李小红表示,要继续努力。")
    check(any(x[0] == "李小红" and x[1] == "北岭社区" and x[4] for x in h), "the nearest before, resolved")


def test_places():
    t, _, l, _ = extract("记者来到禅城区石湾镇新风社区,看到居民正在锻炼。")
    check(has(t, "PLACE", "新风社区"), "community by suffix")
    check(("新风社区", "石湾镇") in l, "nearest parent of a nested place")
    check(("新风社区", "禅城区") not in l, "not a farther ancestor")
    t, _, _, _ = extract("各地推动乡村振兴,城市社区和农村社区都在变化。")
    check(not has(t, "PLACE", "城市社区"), "an ordinary word is no community name")
    check(not has(t, "PLACE", "推动乡村"), "a verb is no place name")
    # a community named by a word-free name part needs no other support;
    # one whose name part is an ordinary word or verb does
    t, _, _, _ = extract("志愿者是石坳社区一名22岁的青年,今年加入队伍。")
    check(has(t, "PLACE", "石坳社区"), "an unknown name part before 社区 is a name")
    t, _, _, _ = extract("各村要深化社区治理,助力社区发展,建设美丽家园。")
    for bad in ("深化社区", "助力社区", "美丽家园"):
        check(not has(t, "PLACE", bad), f"{bad}: a word before a suffix is no name")
    # a known place right before the name settles its start, even where an
    # ordinary word runs across the edge (西水+草地 holds 水草)
    t, _, l, _ = extract("西水镇举行活动,画在西水草岗社区的墙上。")
    check(has(t, "PLACE", "草岗社区"), "the name starts where a known place ends")
    # counts and one-character words are no names
    t, _, _, _ = extract("全区在七镇街召开座谈会,临街店铺整改。")
    check(not has(t, "PLACE", "七镇街") and not has(t, "PLACE", "临街"), "七镇街 and 临街 are no places")
    # long site names up to a sure edge, not across a sentence
    t, _, _, _ = extract("“目前,金坳陶瓷文创特色小镇周边交通仍待提升。”")
    check(has(t, "PLACE", "金坳陶瓷文创特色小镇"), "a long site name up to punctuation")
    t, _, _, _ = extract("同时持续严抓园区企业的环保审批。")
    check(not any("园区" in p for p in t.get("PLACE", set())), "严抓园区 is no place")
    # a list opened by a word whose last item is a village by its own name
    t, _, _, _ = extract("镇里还分别在石坳、北岭、布冈村开展活动。")
    for name in ("石坳", "北岭", "布冈村"):
        check(has(t, "PLACE", name), f"{name} from a list ending in a village")
    t, _, _, _ = extract("他喜欢苹果、香蕉、橙子等水果。")
    check(not t.get("PLACE"), f"a list of words is no place list: {t.get('PLACE')}")
    # the bare name of an area (片区) or a community written in full elsewhere
    t, _, _, _ = extract("石坳片区内水系发达。每年的石坳龙舟赛很热闹。")
    check(has(t, "PLACE", "石坳"), "bare name of an area written in full elsewhere")
    t, _, _, d = extract("他住在石湾镇草坪社区。镇里在草坪、北岭村开展活动。他们在草坪上踢球。")
    check(has(t, "PLACE", "草坪"), "a bare name that is also a word, in a list")
    bare = [e for e in d["entities"] if e["text"] == "草坪"]
    check(bare and len(bare[0]["mentions"]) == 1, "the word elsewhere (在草坪上) is no mention")
    # a county-level suffix of one character needs a name of two
    t, _, _, _ = extract("金旗峰社区团支部举办活动;金旗峰社区很美。")
    check(not has(t, "PLACE", "金旗"), "金+旗 is no banner")
    # a one-character suffix (湾, 州) that a known place already ends with
    # adds no words before it to the place (来+台湾); a gazetteer short
    # form (沙湾) keeps a name part that is no word (金沙湾)
    t, _, _, _ = extract("游客来台湾观光,又在清代扬州的画里看到了金沙湾。")
    check(has(t, "PLACE", "台湾") and not has(t, "PLACE", "来台湾"), "来台湾 gives 台湾")
    check(has(t, "PLACE", "扬州") and not has(t, "PLACE", "清代扬州"), "清代扬州 gives 扬州")
    check(has(t, "PLACE", "金沙湾"), "金沙湾 keeps its name part")
    # a city's short form is strong evidence: the province before it is its own
    t, _, l, _ = extract("他的老家在广东惠州。")
    check(has(t, "PLACE", "广东") and has(t, "PLACE", "惠州") and not has(t, "PLACE", "广东惠州"),
          "广东惠州 is two places")
    # a country and 区 is a company's region; a grade is no place name
    t, _, _, _ = extract("该品牌在法国区的销量上升,园区是国家4A级旅游景区。")
    check(has(t, "PLACE", "法国") and not has(t, "PLACE", "法国区"), "法国+区 gives 法国")
    check(not any("级" in p for p in t.get("PLACE", set())), f"4A级: {t.get('PLACE')}")
    # a county's short form after a verb of place, before punctuation
    t, _, _, _ = extract("这批游客来自宝坻,住了三天。")
    check(has(t, "PLACE", "宝坻"), "a county's short form after 来自")
    t, _, _, _ = extract("广东省佛山市是制造业重镇。")
    check(has(t, "PLACE", "广东省") and has(t, "PLACE", "佛山市"), "gazetteer provinces and cities")


def test_lists_and_containment():
    t, _, l, _ = extract("我认为石湾镇包括新风社区、东岗村的经验值得推广。")
    check(("新风社区", "石湾镇") in l and ("东岗村", "石湾镇") in l, "stated containment (包括)")
    t, _, l, _ = extract("工作人员协助新风社区东头、西尾2个经济社,清拆违建。")
    check(has(t, "ORG", "东头") and has(t, "ORG", "西尾"), "economic units listed with a count")
    check(("东头", "新风社区") in l and ("西尾", "新风社区") in l, "listed units lie in the community")
    t, _, _, _ = extract("现场还进行了东岗、西岗、南岗等3个社区结对仪式。")
    for name in ("东岗", "西岗", "南岗"):
        check(has(t, "PLACE", name), f"{name} from a counted place list")
    t, _, l, _ = extract("帮扶石湾镇(石湾东风、红旗、新风社区)结对。新风社区居民。")
    check(has(t, "PLACE", "新风社区"), "last item of a shared-suffix list")


def test_orgs():
    t, _, _, _ = extract("当天,石湾镇陶瓷行业协会组织会员参观,活动取得了新格局,进行了总结。")
    check(has(t, "ORG", "石湾镇陶瓷行业协会"), "association with its place prefix")
    for bad in ("新格局", "进行", "了新格局"):
        check(not has(t, "ORG", bad), f"{bad} is not an org")
    # suffix characters inside ordinary words name nothing
    t, _, _, _ = extract("正如大讨论中所提到的,要花小钱办大事,推动酒店行业发展,严抓厂企审批。")
    check(not t.get("ORG"), f"所提, 办大事, 酒店行业, 厂企 hold no org: {t.get('ORG')}")
    t, _, _, _ = extract("石湾镇理论学习中心组召开会议,石湾党员志愿服务队成立五周年。")
    check(has(t, "ORG", "石湾镇理论学习中心组"), "a study group (中心组)")
    check(has(t, "ORG", "石湾党员志愿服务队"), "a volunteer team with 党员 in its kind")
    # a verb between two bodies ends the second one's name
    t, _, _, _ = extract("当天,石湾综合行政执法办联合街道综合治理办出动人员。")
    check(has(t, "ORG", "石湾综合行政执法办"), "the first body")
    check(not any("联合" in o for o in t.get("ORG", set())), f"联合 is in no name: {t.get('ORG')}")
    # counts and slogans are no names
    t, _, _, _ = extract("总商会旗下的五大行业协会代表参加,实施“一查一报”制度。")
    check(not any(o.startswith("五大") for o in t.get("ORG", set())), "五大 counts, it is no name")
    check(not has(t, "ORG", "一查一报"), "a slogan of paired numerals")
    # a long name that takes in places, written mid-text: it ends at the
    # place it took in last, not at a typical length
    t, h, _, _ = extract("大家很高兴。\n\n广州市越秀区驻梅州市梅县区石扇镇帮扶工作队队员王小明走访村民。")
    check(has(t, "ORG", "广州市越秀区驻梅州市梅县区石扇镇帮扶工作队"), "a long org through its places")
    check(holds_pair(h, "王小明", "广州市越秀区驻梅州市梅县区石扇镇帮扶工作队", "队员"), "its member")
    # a bracketed part inside a name, mid-sentence
    t, _, _, _ = extract("去年,社区吸纳金湾花园(碧水苑)物业管理公司总经理李大成加入。")
    check(has(t, "ORG", "金湾花园(碧水苑)物业管理公司"), "a bracketed part stays in the name")


def test_org_conjunction():
    # a conjunction inside a body's name that a place starts
    t, _, _, _ = extract("会上,中国城乡建设与区域发展联盟发布了报告。")
    check(has(t, "ORG", "中国城乡建设与区域发展联盟"), "与 inside a name a place starts")
    t, _, _, _ = extract("他是中国园林及花卉研究会的会员。")
    check(has(t, "ORG", "中国园林及花卉研究会"), "及 inside a name a place starts")
    # two bodies joined by a conjunction stay two
    t, _, _, _ = extract("星河集团和海川科技协会签了协议,南山区文联与东海日报社合办展览。")
    check(has(t, "ORG", "星河集团") and not has(t, "ORG", "星河集团和海川科技协会"),
          "two bodies joined by 和")
    check(not any("与" in o for o in t.get("ORG", set())), f"no body across 与: {t.get('ORG')}")


def test_teams():
    # 队 after a known club or a country is the team's name
    t, _, _, _ = extract("周末,切尔西队客场挑战阿森纳队,法国队则休战。")
    for team in ("切尔西队", "阿森纳队", "法国队"):
        check(has(t, "ORG", team), f"{team}: a team by its club or country")
    # not in words that hold 队, nor after an ordinary word
    t, _, _, _ = extract("切尔西队员们在排队,球队的工作队伍很长。")
    check(not any(o.endswith("队员") or o.endswith("排队") for o in t.get("ORG", set())),
          f"队员 and 排队 are no teams: {t.get('ORG')}")


def test_org_known_inside():
    # words of the sentence before a known body inside a suffix name go
    t, _, _, _ = extract("此事经国务院批准,又经中国人民银行同意。")
    check(has(t, "ORG", "国务院") and not has(t, "ORG", "经国务院"), "经+国务院 gives 国务院")
    # a province's abbreviation before it stays (省+社科院)
    t, _, _, _ = extract("他在省社科院工作。")
    check(not has(t, "ORG", "社科院") or has(t, "ORG", "省社科院"), "省社科院 keeps 省")


def test_org_part_words():
    # a known body and a word for its parts or members: the body is the name
    t, _, _, _ = extract("据国务院网站消息,联合国小组已经抵达。")
    check(has(t, "ORG", "国务院") and not has(t, "ORG", "国务院网站"), "国务院+网站 gives 国务院")
    check(has(t, "ORG", "联合国") and not has(t, "ORG", "联合国小组"), "联合国+小组 gives 联合国")
    t, _, _, _ = extract("南湖区业余足球队成立。")
    check(not has(t, "ORG", "球队"), "a bare part word is no body")


def test_mined_after_one_character_verbs():
    # a mined club name after a one-character verb no lexicon knows
    t, _, _, _ = extract("上轮客场大胜切尔西,又比曼联多休整两天。")
    check(has(t, "ORG", "切尔西") and has(t, "ORG", "曼联"), "mined clubs after 胜 and 比")


def test_mined_short_form_runs_on():
    # a mined short form written of transliteration characters, where the
    # transliterated name runs on, is the start of the longer name
    t, _, _, _ = extract("佛罗伦萨队昨晚在主场被逼平。")
    check(has(t, "ORG", "佛罗伦萨") and not has(t, "ORG", "佛罗伦"),
          f"the longer name, not its first characters: {t.get('ORG')}")
    # the short form alone, a word after it: the short form
    t, _, _, _ = extract("佛罗伦主场被逼平。")
    check(has(t, "ORG", "佛罗伦") and not has(t, "ORG", "佛罗伦主"), f"short form: {t.get('ORG')}")


def test_country_organs():
    # a known place before an organ word is the organ's name, even where a
    # word (国政) begins inside the place
    t, _, _, _ = extract("法国政府和德国政府同日表态。")
    check(has(t, "ORG", "法国政府") and has(t, "ORG", "德国政府"), "country + 政府 is a body")


def test_mined_latin_tokens():
    # a mined name in Latin letters stands only as a whole token
    t, _, _, _ = extract("据IBM消息,新品下月发布。")
    check(has(t, "ORG", "IBM"), "a mined Latin name as a token")
    t, _, _, _ = extract("型号为XIBMZ的设备和IBM2的接口。")
    check(not has(t, "ORG", "IBM"), f"not inside a longer token: {t.get('ORG')}")


def test_versus_teams():
    # the two sides of a fixture are teams, a city's name too
    t, _, _, _ = extract("周末焦点:罗马vs青山联两队在欧洲赛场交手。")
    check(has(t, "ORG", "罗马") and not has(t, "PLACE", "罗马"), "a city as a team")
    check(has(t, "ORG", "青山联"), "an unknown team up to a numeral")
    t, _, _, _ = extract("型号ABCvs版本对比。")
    check(not t.get("ORG"), f"vs between no teams: {t.get('ORG')}")


def test_armies():
    t, _, _, _ = extract("当年日军从海上登陆,苏军则从北面推进。")
    check(has(t, "ORG", "日军") and has(t, "ORG", "苏军"), "a country's army by its abbreviation")
    t, _, _, _ = extract("他获得亚军,又谈到军事。")
    check(not t.get("ORG"), f"亚军 and 军事 are no armies: {t.get('ORG')}")


def test_suffix_verb_before_particle():
    t, _, _, _ = extract("他在星河银行南湖支行办了一张卡。")
    check(not any(o.endswith("办") for o in t.get("ORG", set())), f"办+了 is a verb: {t.get('ORG')}")


def test_organs_in_titles():
    # an organ inside a title is a body of its own only where the document
    # also names that organ alone
    t, h, _, _ = extract("石湾镇党委副书记王小明认为,问题较多。镇党委要求各村落实。")
    check(has(t, "ORG", "石湾镇党委"), "the organ named alone elsewhere")
    check(holds_pair(h, "王小明", "石湾镇", "党委副书记"), "the split stays the convention")
    t, _, _, _ = extract("石湾镇党委副书记王小明认为,问题较多。各村要落实。")
    check(not has(t, "ORG", "石湾镇党委"), "an organ only inside a title is no body")
    t, _, _, _ = extract("禅城区委书记李大成讲话。区委要求各镇落实。")
    check(has(t, "ORG", "禅城区委"), "区委 written alone: 禅城区委")


def test_foreign_names():
    # titles of national and foreign politics are titles (title.txt)
    t, _, _, _ = extract("新西兰外长萨利诺夫表示,两国将加强合作。")
    check(has(t, "POSITION", "外长") and has(t, "PERSON", "萨利诺夫"), "foreign minister + name")
    t, _, _, _ = extract("外长会议今天在首都开幕。")
    check("PERSON" not in t, "a title with no name gives no person")
    # forms of address and group words after a name, ranks of board games
    t, _, _, _ = extract("我们永远怀念钟守仁同志。")
    check(has(t, "PERSON", "钟守仁"), "name before 同志")
    t, _, _, _ = extract("会议由贾明远等人主持。")
    check(has(t, "PERSON", "贾明远"), "name before 等人")
    t, _, _, _ = extract("曲立新九段今天执黑取胜。")
    check(has(t, "PERSON", "曲立新") and has(t, "POSITION", "九段"), "rank of a Go player")
    t, _, _, _ = extract("这位女士今天来到现场。")
    check("PERSON" not in t, "这位 is no name")
    # a name the model found gives its list neighbours (时 is a rare surname)
    t, _, _, _ = extract("出席会议的有邓立新、时建国、于永波等。")
    check(has(t, "PERSON", "时建国"), "list neighbour of a model name")
    # loanwords written like foreign names are no persons
    for text, word in (("厄尔尼诺现象使气温升高。", "厄尔尼诺"), ("他参加了马拉松比赛。", "马拉松")):
        t, _, _, _ = extract(text)
        check(not has(t, "PERSON", word), f"{word} is no person")
    # a bare name is cut out of no word that begins before it
    for text, word in (("保护儿童权利是各国的责任。", "童权利"), ("祝愿祖国繁荣昌盛。", "荣昌盛")):
        t, _, _, _ = extract(text)
        check(not has(t, "PERSON", word), f"{word} is no person")
    # person.edge_cue: edge + whole token + speech cue, stop-word given names
    t, _, _, _ = extract("龚安然说,这项工程明年完工。")
    check(has(t, "PERSON", "龚安然"), "name whose given name is a word, before 说")
    t, _, _, _ = extract("该国副总参谋长郝全有上将今天抵达。")
    check(has(t, "PERSON", "郝全有") and not has(t, "PERSON", "郝全"), "title + name whose last character is a verb")
    t, _, _, _ = extract("他会见了该国主席和甘立新委员长。")
    check(has(t, "PERSON", "甘立新") and not has(t, "PERSON", "和甘立新"), "和 after a title starts no name")
    t, _, _, _ = extract("该国总理柯和生8日提出新策略。")
    check(has(t, "PERSON", "柯和生"), "name after a title, up to a digit")
    for text, word in (("双方表示,将继续推进合作。", "双方"), ("报告指出,今年的产量有所增加。", "报告"),
                       ("钟亮和教练一起观看了比赛。", "钟亮和")):
        t, _, _, _ = extract(text)
        check(not has(t, "PERSON", word), f"{word} is no person")
    # person.translit_cue: a long foreign name before a speech cue
    t, _, _, _ = extract("布热维斯基说,谈判取得了进展。")
    check(has(t, "PERSON", "布热维斯基"), "five-character foreign name before 说")
    # a foreign name starts after a word that ends inside its run (明星+某某)
    t, _, _, _ = extract("他是一位明星卡西拉斯的朋友。")
    check(has(t, "PERSON", "卡西拉斯") and not has(t, "PERSON", "星卡西拉斯"), "明星 is no part of the name")
    # person.translit_list: a short foreign name next to a found name in a 、 list
    t, _, _, _ = extract("出席会议的有王立新、卡巴、周明等。")
    check(has(t, "PERSON", "卡巴"), "foreign list neighbour")
    t, _, _, _ = extract("出席会议的有王立新、科索沃代表等。")
    check(not has(t, "PERSON", "科索沃"), "a place in a list is no name")
    # a mined place of three characters needs no word edge before it; a
    # two-character one stands after a verb of travel, not inside a word
    t, _, _, _ = extract("去年七月柬埔寨发生了洪灾。")
    check(has(t, "PLACE", "柬埔寨"), "three-character mined place after a date")
    t, _, _, _ = extract("代表团昨日抵伦敦访问。")
    check(has(t, "PLACE", "伦敦"), "two-character mined place after 抵")
    t, _, _, _ = extract("8日伦敦股市小幅下跌。")
    check(has(t, "PLACE", "伦敦"), "two-character mined place after a date")
    t, _, _, _ = extract("该项目具有岭南特色。")
    check(not has(t, "PLACE", "南特"), "a mined place inside two words")
    # person.edge_cue: a clause subject before an adverb (在 还 是 将)
    for text, name in (("龚立新还表示,合作将继续。", "龚立新"), ("据悉,甘维民将出席会议。", "甘维民"),
                       ("柯晓峰在会上介绍了经验。", "柯晓峰")):
        t, _, _, _ = extract(text)
        check(has(t, "PERSON", name), f"{name} before an adverb")
    for text, word in (("黄金在市场上很受欢迎。", "黄金"), ("方法还需改进。", "方法")):
        t, _, _, _ = extract(text)
        check(not has(t, "PERSON", word), f"{word} is a word, no name")
    # person.model: an ordinary word from the surname into the name is no name
    t, _, _, _ = extract("他们参加了建校50周年庆典。")
    check(not has(t, "PERSON", "周年庆"), "周年 is a word")
    # person.model: a token of three between list marks is one name
    t, _, _, _ = extract("会上，甘超构、龚立新发了言。")
    check(has(t, "PERSON", "甘超构") and not has(t, "PERSON", "甘超"), "three characters between list marks")
    # person.surname_title: a bare surname before a leader's title
    t, _, _, _ = extract("会议结束后，柯主席会见了代表。")
    check(has(t, "PERSON", "柯"), "surname before 主席")
    t, _, _, _ = extract("他们以蒲副总理为团长的代表团抵达。")
    check(has(t, "PERSON", "蒲"), "surname before 副总理 after a function word")
    for text, word in (("他任部长多年。", "任"), ("会上，柯老师讲了话。", "柯"), ("，区长说道路已修好。", "区")):
        t, _, _, _ = extract(text)
        check(not has(t, "PERSON", word), f"{word} before a title is no name here")
    # a two-character place read across words is none (从+江西 holds 从江, 东北+和 holds 北和)
    for text, word in (("他们从江西来到这里。", "从江"), ("候鸟主要分布在东北和西南。", "北和")):
        t, _, _, _ = extract(text)
        check(not has(t, "PLACE", word), f"{word} is read across words")
    # place.translit_suffix: a foreign-looking run before a place suffix is a place
    for text, place in (("大雨过后卡西拉斯郡的农田受灾。", "卡西拉斯郡"), ("部队逼近博尔塔维诺市。", "博尔塔维诺市"),
                        ("他们在塔尔维斯瓦河畔露营。", "塔尔维斯瓦河")):
        t, _, _, _ = extract(text)
        check(has(t, "PLACE", place) and not has(t, "PERSON", place[:-1]), f"{place} is a place")
    t, _, _, _ = extract("卡西拉斯市长说,道路已经修好。")
    check(has(t, "PERSON", "卡西拉斯") and not has(t, "PLACE", "卡西拉斯市"), "市长 is a title, no suffix")
    t, _, _, _ = extract("博尔塔维诺市民纷纷上街。")
    check(not has(t, "PERSON", "博尔塔维诺市民"), "市民 is a word")
    # person.japanese: surname_ja.txt + given name, or the surname before a title
    t, _, _, _ = extract("日本首相田中健次郎今天说,经济正在复苏。")
    check(has(t, "PERSON", "田中健次郎") and not has(t, "PERSON", "田中健"),
          "Japanese full name after a title")
    t, _, _, _ = extract("会长佐藤昭一说,协会将继续努力。")
    check(has(t, "PERSON", "佐藤昭一"), "Japanese name before a cue")
    t, _, _, _ = extract("田中首相当天表示,将推动改革。")
    check(has(t, "PERSON", "田中"), "Japanese surname before a title")
    t, _, _, _ = extract("首相山田计划访问东京。")
    check(not has(t, "PERSON", "山田计划"), "an ordinary word is no given name")
    t, _, _, _ = extract("在中村镇举行的活动吸引了很多人。")
    check(not has(t, "PERSON", "中村") and has(t, "PLACE", "中村镇"), "a town is no Japanese name")


def test_country_kind_of_body():
    # a country + a kind of body (公司, 第五大银行) names no organisation
    t, _, _, _ = extract("允许美国公司利用该国火箭发射卫星。")
    check(has(t, "PLACE", "美国") and "ORG" not in t, "美国公司 is American companies")
    t, _, _, _ = extract("从而诞生了挪威第五大银行。")
    check(has(t, "PLACE", "挪威") and "ORG" not in t, "a rank makes 银行 a kind")
    t, _, _, _ = extract("挪威银行今天宣布加息。")
    check(has(t, "ORG", "挪威银行"), "a country's bank without a rank is a name")
    t, _, _, _ = extract("美国第一银行宣布合并。")
    check(has(t, "ORG", "美国第一银行"), "第一 without 大 is part of a name")

    # a word ending in 厂 names a kind of factory: the place before it is the body's
    t, _, _, _ = extract("承担研制生产的南阳化学制药厂,其主导产品畅销。")
    check(has(t, "ORG", "南阳化学制药厂"), "place + 制药厂")
    # one character before a general suffix is the sentence's, not a name
    for text, word in (("他上大学后才知道。", "上大学"), ("孩子读小学时很用功。", "读小学"),
                       ("外国银行在该市设立分行。", "外国银行"), ("新银行的资产将达到四千亿。", "新银行")):
        t, _, _, _ = extract(text)
        check(not has(t, "ORG", word), f"{word} is no body")
    t, _, _, _ = extract("中心主任由校党委书记担任。")
    check(has(t, "ORG", "校党委"), "an organ after a one-character unit stays")
    # 部门 (departments) holds no ministry
    t, _, _, _ = extract("各地教育部门和高校积极采取措施。")
    check(not has(t, "ORG", "教育部"), "教育部门 is no ministry")
    t, _, _, _ = extract("教育部今天宣布了新规定。")
    check(has(t, "ORG", "教育部"), "the ministry itself")
    # a city's suffix that starts an ordinary word (市区, 市民, 市内) leaves the bare name
    t, _, _, _ = extract("北京市区的交通很拥挤,巴黎市内也一样。")
    check(has(t, "PLACE", "北京") and not has(t, "PLACE", "北京市"), "北京+市区")
    check(has(t, "PLACE", "巴黎") and not has(t, "PLACE", "巴黎市"), "巴黎+市内")
    t, _, _, _ = extract("他来到里水草场社区内参观。")
    check(has(t, "PLACE", "草场社区"), "社区内 keeps the community")
    # a dateline 某日电 ends a place's name
    t, _, _, _ = extract("据新华社香港一月六日电香港岛北角地区一座大厦今天起火。")
    check(has(t, "PLACE", "香港岛") and not has(t, "PLACE", "一月六日电香港岛"), "dateline before a place")
    # the by-line 本报讯 ends before a place as before a body
    t, _, _, _ = extract("本报讯河南省罗山县依靠科技培育主导产业。")
    check(has(t, "PLACE", "河南省") and not has(t, "PLACE", "讯河南省"), "本报讯 is no part of a place")
    # a university's department is part of its name; 系 as a verb names nothing
    t, _, _, _ = extract("他毕业于清华大学法律系。")
    check(has(t, "ORG", "清华大学法律系"), "university + department")
    t, _, _, _ = extract("该项目系国家重点工程。")
    check("ORG" not in t, "系 as a verb")
    # one character before a known place or body taken in is the sentence's
    t, _, _, _ = extract("经上海市教育局批准,这所学校成立。")
    check(has(t, "ORG", "上海市教育局") and not has(t, "ORG", "经上海市教育局"), "经 is no part of the name")
    t, _, _, _ = extract("该方案已报国务院批准。")
    check(has(t, "ORG", "国务院") and not has(t, "ORG", "报国务院"), "报 is no part of the name")
    t, _, _, _ = extract("中共北京市委今天召开会议。")
    check(not has(t, "ORG", "北京市委") or has(t, "ORG", "中共北京市委"), "a known name before the place stays")


def test_country_sides():
    # 中方, 美方: a country abbreviation before 方 (side) is a place, though
    # jieba lists 中方 as a word; 各方, 对方 are no places
    t, _, _, _ = extract("会谈中,中方表示愿意加强合作,美方认为时机成熟。")
    check(has(t, "PLACE", "中") and has(t, "PLACE", "美"), "country abbreviation before 方")
    t, _, _, _ = extract("第三届中日青年交流活动今天开幕。")
    check(has(t, "PLACE", "中") and has(t, "PLACE", "日"), "a pair of abbreviations before 青年")
    t, _, _, _ = extract("双方表示要发展中非经贸合作。")
    check(has(t, "PLACE", "中") and has(t, "PLACE", "非") and not has(t, "PLACE", "中非"),
          "中非 before a word of relations is China and Africa")
    t, _, _, _ = extract("他来到中非首都班吉。")
    check(has(t, "PLACE", "中非"), "the country 中非 elsewhere")
    t, _, _, _ = extract("各方认为,对方已经作出让步。")
    check("PLACE" not in t, "各方 and 对方 name no place")


def test_list_of_places_is_no_list_of_names():
    # a three-character token between list marks is a name only in a list of
    # persons; a list whose other items start with no surname is of places
    t, _, _, _ = extract("当日,金塘峰、北汀、岗屿、金湾服务点同步启用。")
    check(not has(t, "PERSON", "金塘峰"), "a list of places gives no person")
    t, _, _, _ = extract("当日,金塘峰、何汀、罗屿、金湾服务点同步启用。")
    check(has(t, "PERSON", "金塘峰"), "a list of persons keeps its names")
    # a name is not propagated where a suffix makes it a place's or body's name
    t, _, _, _ = extract("钟岭峰说,钟岭峰社区团支部今天成立。")
    check(has(t, "ORG", "钟岭峰社区团支部"), "name + 社区 + body is the body")


def test_empty_and_odd():
    t, h, l, d = extract("")
    check(d["entities"] == [] and d["relations"] == [], "empty input gives an empty document")
    t, h, l, d = extract("。。。!!!???")
    check(d["entities"] == [], "punctuation only")


def main():
    for name, fn in sorted(globals().items()):
        if name.startswith("test_") and callable(fn):
            try:
                fn()
            except Exception as e:  # a crash in one family is a failure, not the end
                check(False, f"{name} raised {e!r}")
    return tally()


if __name__ == "__main__":
    sys.exit(main())
