"""Unified social credit codes and phone numbers (core/identifiers.py)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.identifiers import (
    CHARSET,
    WEIGHTS,
    CreditCodeCheck,
    PhoneCheck,
    Problem,
    check_credit_code,
    check_phone,
    credit_check_character,
    make_credit_code,
    mask_phone,
    normalize_credit_code,
    partial_credit_code,
    region_label,
)

# Real-looking Zhongshan codes: 91 (enterprise) 442000 (中山市) + organisation code body.
ZS_ENTERPRISES = [make_credit_code(b) for b in (
    "91442000MA4UJ0K2X", "91442000MA51N8Q3A", "91442000282011234", "91442000MACDT7L0P",
)]
ZS_INDIVIDUAL = make_credit_code("92442000MA53B1C7Q")
ZS_COOP = make_credit_code("93442000MA4X5YT2B")
ZS_SOCIAL = make_credit_code("51442000MJL123456")
ZS_PUBLIC = make_credit_code("12442000456789012")


def rules(check) -> list[str]:
    return [p.rule for p in check.problems]


# ----------------------------------------------------------------- credit code: valid

def test_check_character_formula_by_hand():
    body = "91442000MA4UJ0K2X"
    total = sum(CHARSET.index(c) * w for c, w in zip(body, WEIGHTS))
    expected = CHARSET[(31 - total % 31) % 31]
    assert credit_check_character(body) == expected
    assert make_credit_code(body) == body + expected


def test_published_real_code_is_valid():
    # A code published on a real business licence (Tencent's Beijing entity).
    c = check_credit_code("91110000600037341L")
    assert c.ok and c.region_label == "北京市"


@pytest.mark.parametrize("code", ZS_ENTERPRISES + [ZS_INDIVIDUAL, ZS_COOP, ZS_SOCIAL,
                                                   ZS_PUBLIC])
def test_made_codes_are_valid(code):
    c = check_credit_code(code)
    assert c.ok, c.problems
    assert c.problems == ()
    assert c.code == code
    assert len(c.code) == 18
    assert c.expected_check == code[17]
    assert c.region_code == "442000"
    assert c.region_label == "广东省中山市"
    assert c.region_label_en == "Zhongshan, Guangdong"


def test_decodes_zhongshan_enterprise():
    c = check_credit_code(ZS_ENTERPRISES[0])
    assert (c.authority, c.entity_type) == ("9", "1")
    assert c.authority_label == "工商/市场监管"
    assert c.entity_type_label == "企业"
    assert c.entity_type_label_en == "Enterprise"
    assert c.is_enterprise
    assert c.org_code == ZS_ENTERPRISES[0][8:17]


@pytest.mark.parametrize("code,authority,entity,enterprise", [
    (ZS_INDIVIDUAL, "工商/市场监管", "个体工商户", True),
    (ZS_COOP, "工商/市场监管", "农民专业合作社", True),
    (ZS_SOCIAL, "民政", "社会团体", False),
    (ZS_PUBLIC, "机构编制", "事业单位", False),
    (make_credit_code("11442000000000000"), "机构编制", "机关", False),
    (make_credit_code("13100000000000000"), "机构编制",
     "中央编办直接管理机构编制的群众团体", False),
    (make_credit_code("52442000000000000"), "民政", "民办非企业单位", False),
    (make_credit_code("53442000000000000"), "民政", "基金会", False),
    (make_credit_code("31442000000000000"), "司法行政", "律师执业机构", False),
    (make_credit_code("35442000000000000"), "司法行政", "仲裁委员会", False),
    (make_credit_code("21110000000000000"), "外交", "外国常驻新闻机构", False),
    (make_credit_code("41110000000000000"), "文化", "外国在华文化中心", False),
    (make_credit_code("62440000000000000"), "旅游",
     "港澳台地区旅游部门常驻内地（大陆）代表机构", False),
    (make_credit_code("71442000000000000"), "宗教", "宗教活动场所", False),
    (make_credit_code("81442000000000000"), "工会", "基层工会", False),
    (make_credit_code("A1100000000000000"), "中央军委改革和编制办公室", "军队事业单位", False),
    (make_credit_code("N1442000000000000"), "农业", "组级集体经济组织", False),
    (make_credit_code("N2442000000000000"), "农业", "村级集体经济组织", False),
    (make_credit_code("N3442000000000000"), "农业", "乡镇级集体经济组织", False),
    (make_credit_code("Y1442000000000000"), "其他", "其他", False),
])
def test_decodes_authority_and_entity_type(code, authority, entity, enterprise):
    c = check_credit_code(code)
    assert c.ok, c.problems
    assert c.authority_label == authority
    assert c.entity_type_label == entity
    assert c.is_enterprise is enterprise


@pytest.mark.parametrize("region,label", [
    ("442000", "广东省中山市"), ("440100", "广东省广州市"), ("440300", "广东省深圳市"),
    ("440400", "广东省珠海市"), ("440600", "广东省佛山市"), ("441900", "广东省东莞市"),
    ("440700", "广东省江门市"), ("440106", "广东省广州市"),   # a district → its city
    ("440000", "广东省"), ("310115", "上海市"), ("110000", "北京市"),
    ("450100", "广西壮族自治区"), ("100000", "国家级（全国）"),
])
def test_region_labels(region, label):
    assert region_label(region) == label
    assert check_credit_code(make_credit_code("91" + region + "MA4UJ0K2X")).region_label \
        == label


def test_unknown_region_has_no_label_but_is_no_problem():
    c = check_credit_code(make_credit_code("91990000MA4UJ0K2X"))
    assert c.ok and c.region_code == "990000" and c.region_label is None


# ---------------------------------------------------------------- normalisation

@pytest.mark.parametrize("typed", [
    lambda c: c.lower(),
    lambda c: "  " + c + "\n",
    lambda c: " ".join([c[:2], c[2:8], c[8:17], c[17]]),
    lambda c: "-".join([c[:2], c[2:8], c[8:]]),
    lambda c: c[:9] + "\u3000" + c[9:],          # ideographic space
    lambda c: "".join(chr(ord(ch) + 0xFEE0) for ch in c),   # full-width
    lambda c: "".join(chr(ord(ch) + 0xFEE0) for ch in c.lower()),
    lambda c: c[:8] + "－" + c[8:],             # full-width hyphen
])
def test_normalisation(typed):
    code = ZS_ENTERPRISES[0]
    c = check_credit_code(typed(code))
    assert c.code == code
    assert c.ok


def test_normalize_credit_code():
    assert normalize_credit_code(" ９１４４-２０００ ma4uj ") == "91442000MA4UJ"


# ---------------------------------------------------------------- credit code: failures

def test_empty():
    for text in ("", "   ", " - "):
        c = check_credit_code(text)
        assert not c.ok and rules(c) == ["empty"]
        assert c.problems[0].field == "credit_code"


def test_length_short_and_long():
    code = ZS_ENTERPRISES[0]
    short = check_credit_code(code[:17])
    assert rules(short) == ["length"]
    assert short.problems[0].message_zh == "长度应为18位，实际为17位"
    assert short.problems[0].message_en == "length: expected 18 characters, got 17"
    assert short.expected_check == code[17]   # what the 18th should be
    long = check_credit_code(code + "1")
    assert rules(long) == ["length"]
    assert long.problems[0].message_zh == "长度应为18位，实际为19位"


@pytest.mark.parametrize("bad,hint", [("O", "0"), ("I", "1"), ("S", "5"), ("Z", "2"),
                                      ("V", None)])
def test_charset_excluded_letters(bad, hint):
    code = ZS_ENTERPRISES[0]
    typed = code[:4] + bad + code[5:]
    c = check_credit_code(typed)
    assert not c.ok
    assert "charset" in rules(c)
    msg = c.problems[rules(c).index("charset")]
    assert msg.message_zh.startswith(
        f"第5位含非法字符 '{bad}'（统一社会信用代码不使用 I、O、S、V、Z）")
    assert f"position 5: illegal character '{bad}'" in msg.message_en
    if hint:
        assert f"数字 {hint}" in msg.message_zh
    # reported once: not again as a letter among the region digits
    assert rules(c) == ["charset"]


def test_letter_in_region():
    c = check_credit_code(make_credit_code("9144A000MA4UJ0K2X"))
    assert rules(c) == ["region"]
    assert c.problems[0].message_zh == "第3-8位是行政区划码，只能是数字，第5位却是 'A'"
    assert c.region_label is None


def test_charset_other_characters_and_cap():
    c = check_credit_code("91442000MA4UJ0K2X#")
    assert "charset" in rules(c)
    assert "第18位含非法字符 '#'" in c.problems[rules(c).index("charset")].message_zh
    garbage = check_credit_code("!!!!!!!!!!!!!!!!!!")
    charset = [p for p in garbage.problems if p.rule == "charset"]
    assert len(charset) == 6   # five positions, then a summary
    assert charset[-1].message_zh == "另有 13 处非法字符"


def test_lowercase_o_is_folded_then_rejected():
    c = check_credit_code("91442000MA4UJoK2X" + "0")
    assert "charset" in rules(c)


def test_check_character_mismatch():
    code = ZS_ENTERPRISES[0]
    wrong = next(ch for ch in CHARSET if ch != code[17])
    c = check_credit_code(code[:17] + wrong)
    assert rules(c) == ["check_character"]
    p = c.problems[0]
    assert p.message_zh == f"第18位校验码应为 {code[17]}，实际为 {wrong}"
    assert p.message_en == f"check character: expected {code[17]}, got {wrong}"
    assert c.expected_check == code[17]
    # still decoded: the clerk sees what the code would be
    assert c.authority_label == "工商/市场监管" and c.region_label == "广东省中山市"


def test_transposition_is_caught():
    code = ZS_ENTERPRISES[1]
    swapped = code[:10] + code[11] + code[10] + code[12:]
    assert swapped != code
    assert "check_character" in rules(check_credit_code(swapped))


def test_bad_authority():
    c = check_credit_code(make_credit_code("B1442000MA4UJ0K2X"))
    assert rules(c) == ["authority"]
    assert c.problems[0].message_zh.startswith("第1位登记管理部门代码 'B' 无效")
    assert c.authority == "B" and c.authority_label is None


def test_bad_entity_type():
    c = check_credit_code(make_credit_code("94442000MA4UJ0K2X"))
    assert rules(c) == ["entity_type"]
    assert c.problems[0].message_zh == (
        "第2位机构类别代码 '4' 对登记管理部门 9（工商/市场监管）无效（应为 1、2、3 之一）")
    assert c.is_enterprise and c.entity_type_label is None
    social = check_credit_code(make_credit_code("54442000MA4UJ0K2X"))
    assert rules(social) == ["entity_type"]


def test_several_problems_at_once():
    c = check_credit_code("B4442000MA4UJ0K2")
    assert set(rules(c)) == {"length", "authority"}


def test_to_json_round_trips_through_json():
    c = check_credit_code(ZS_ENTERPRISES[0][:17] + "0")
    data = json.loads(json.dumps(c.to_json(), ensure_ascii=False))
    assert data["ok"] is False and data["is_enterprise"] is True
    assert data["problems"][0]["rule"] in ("check_character",)
    assert data["region_label"] == "广东省中山市"
    assert Problem("x", "f", "中", "en").to_json() == {
        "rule": "x", "field": "f", "message_zh": "中", "message_en": "en"}


def test_results_are_frozen():
    c = check_credit_code(ZS_ENTERPRISES[0])
    with pytest.raises(AttributeError):
        c.ok = False  # type: ignore[misc]
    assert isinstance(c, CreditCodeCheck)


@given(st.text(alphabet=CHARSET, min_size=17, max_size=17))
def test_property_made_codes_check(body):
    code = make_credit_code(body)
    c = check_credit_code(code)
    assert "check_character" not in rules(c) and "length" not in rules(c)
    assert "charset" not in rules(c)
    # any single substitution of the check character is caught
    for ch in CHARSET:
        if ch != code[17]:
            assert "check_character" in rules(check_credit_code(code[:17] + ch))


@given(st.text(max_size=40))
def test_property_never_raises(text):
    c = check_credit_code(text)
    assert c.ok == (not c.problems)
    partial_credit_code(text)


# -------------------------------------------------------------- as-you-type checking

def test_partial_prefixes_of_a_valid_code_are_quiet():
    code = ZS_ENTERPRISES[0]
    for n in range(0, 18):
        p = partial_credit_code(code[:n])
        assert not p.complete
        assert p.problems == (), (n, p.problems)
        assert p.plausible and not p.ok
    full = partial_credit_code(code)
    assert full.complete and full.ok


def test_partial_reports_certain_problems_early():
    assert rules(partial_credit_code("91O")) == ["charset"]
    assert rules(partial_credit_code("B")) == ["authority"]
    assert rules(partial_credit_code("97")) == ["entity_type"]
    assert rules(partial_credit_code("91A4")) == ["region"]
    too_long = partial_credit_code(ZS_ENTERPRISES[0] + "1")
    assert rules(too_long) == ["length"] and not too_long.complete
    assert too_long.problems[0].message_zh == "长度应为18位，实际为19位"


def test_partial_decodes_as_far_as_typed():
    p = partial_credit_code("91")
    assert p.authority_label == "工商/市场监管" and p.entity_type_label == "企业"
    assert p.region_code is None
    p = partial_credit_code("91442000")
    assert p.region_label == "广东省中山市"
    p = partial_credit_code(ZS_ENTERPRISES[0][:17])
    assert p.expected_check == ZS_ENTERPRISES[0][17]
    assert not p.complete


def test_partial_complete_code_gets_the_full_check():
    code = ZS_ENTERPRISES[0]
    wrong = "0" if code[17] != "0" else "1"
    p = partial_credit_code(code[:17] + wrong)
    assert p.complete and not p.ok and rules(p) == ["check_character"]
    assert p.to_json()["complete"] is True


# ------------------------------------------------------------------------- phones

@pytest.mark.parametrize("typed", [
    "13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000",
    "+8613800138000", "86 13800138000", "008613800138000", "１３８００１３８０００",
    "(+86) 138-0013-8000",
])
def test_mobile(typed):
    p = check_phone(typed)
    assert p.ok and p.kind == "mobile" and p.normalized == "13800138000"
    assert p.problems == ()


@pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
def test_mobile_prefixes(prefix):
    assert check_phone(prefix + "912345678").ok


@pytest.mark.parametrize("typed,normalized", [
    ("0760-88888888", "0760-88888888"),
    ("0760 8888 8888", "0760-88888888"),
    ("(0760)88888888", "0760-88888888"),
    ("（0760）88888888", "0760-88888888"),
    ("88888888", "0760-88888888"),            # bare: Zhongshan
    ("8888-8888", "0760-88888888"),
    ("+86 760 8888 8888", "0760-88888888"),
    ("+86-(0)760-88888888", "0760-88888888"),
    ("020-38888888", "020-38888888"),
    ("010-66668888", "010-66668888"),
    ("0755-2345678", "0755-2345678"),         # 7-digit numbers elsewhere
    ("0760-88888888转801", "0760-88888888转801"),
    ("0760-88888888 转 801", "0760-88888888转801"),
    ("0760-88888888 ext. 801", "0760-88888888转801"),
    ("0760-88888888 分机801", "0760-88888888转801"),
    ("0760-88888888-801", "0760-88888888转801"),
    ("88888888转8", "0760-88888888转8"),
])
def test_landline(typed, normalized):
    p = check_phone(typed)
    assert p.ok, p.problems
    assert p.kind == "landline" and p.normalized == normalized


def test_landline_parts():
    p = check_phone("0760-88888888转801")
    assert (p.area_code, p.number, p.extension) == ("0760", "88888888", "801")


@pytest.mark.parametrize("typed,normalized", [
    ("12345", "12345"), ("12315", "12315"), ("12366", "12366"), ("110", "110"),
    ("95588", "95588"), ("95510", "95510"), ("96333", "96333"), ("10086", "10086"),
    ("400-820-8820", "400-820-8820"), ("4008208820", "400-820-8820"),
    ("800 830 8300", "800-830-8300"), ("0760-12345", "0760-12345"),
])
def test_service_numbers(typed, normalized):
    p = check_phone(typed)
    assert p.ok and p.kind == "service" and p.normalized == normalized


@pytest.mark.parametrize("typed,rule,zh,en", [
    ("", "empty", "未填写联系电话", "the phone number is empty"),
    ("1380013800", "length", "手机号应为11位，实际为10位",
     "a mobile number has 11 digits, got 10"),
    ("138001380001", "length", "手机号应为11位，实际为12位",
     "a mobile number has 11 digits, got 12"),
    ("12800138000", "mobile_prefix", "手机号应以 13-19 开头，实际为 12",
     "a mobile number starts with 13-19, got 12"),
    ("1380013800a", "charset", "电话号码含非法字符 'a'（只能是数字，可带区号、分机号）",
     "illegal character 'a' in the phone number (digits only, with an optional area "
     "code and extension)"),
    ("0760-8888888", "local_number", "中山（0760）的固话号码应为8位，实际为7位",
     "Zhongshan (0760) numbers have 8 digits, got 7"),
    ("020-888888", "local_number", "区号 020 后的号码应为7-8位，实际为6位",
     "the number after area code 020 has 7-8 digits, got 6"),
    ("020-888888888", "local_number", "区号 020 后的号码应为7-8位，实际为9位",
     "the number after area code 020 has 7-8 digits, got 9"),
    ("0755-0234567", "local_number", "区号 0755 后的号码不能以 0 开头",
     "the number after area code 0755 cannot start with 0"),
    ("0123-4567890", "area_code",
     "区号 '0123' 无效（应为 010、020-029 或 0 加三位数字，如 0760）",
     "area code '0123' is invalid (expected 010, 020-029 or 0 followed by three "
     "digits, e.g. 0760)"),
    ("8888888", "length",
     "未带区号的本地固话应为8位（中山 0760），实际为7位；外地号码请加区号",
     "a local number without area code has 8 digits (Zhongshan 0760), got 7; add the "
     "area code for other cities"),
    ("0760-88888888转abc", "extension", "分机号应为1-6位数字，实际为 'abc'",
     "the extension must be 1-6 digits, got 'abc'"),
    ("13800138000转12", "extension", "手机号不能带分机号",
     "a mobile number has no extension"),
    ("+852 2345 6789", "country_code", "只接受中国大陆号码（国家代码 +86）",
     "only mainland China numbers (country code +86) are accepted"),
    ("13800138000 / 0760-88888888", "several", "请只填写一个电话号码",
     "enter one phone number only"),
    ("40082088", "length", "400 号码应为10位，实际为8位", "400 numbers have 10 digits, got 8"),
])
def test_phone_problems(typed, rule, zh, en):
    p = check_phone(typed)
    assert not p.ok and p.normalized is None
    assert [x.rule for x in p.problems] == [rule]
    assert p.problems[0].field == "phone"
    assert p.problems[0].message_zh == zh
    assert p.problems[0].message_en == en


def test_phone_to_json():
    p = check_phone("0760-88888888转801")
    data = json.loads(json.dumps(p.to_json(), ensure_ascii=False))
    assert data == {"text": "0760-88888888转801", "ok": True, "kind": "landline",
                    "normalized": "0760-88888888转801", "problems": [],
                    "area_code": "0760", "number": "88888888", "extension": "801"}
    assert isinstance(p, PhoneCheck)


@given(st.text(max_size=30))
def test_phone_property_never_raises_and_normalized_is_stable(text):
    p = check_phone(text)
    assert p.ok == (not p.problems)
    if p.ok:
        again = check_phone(p.normalized)
        assert again.ok and again.normalized == p.normalized and again.kind == p.kind


# ------------------------------------------------------------------------- masking

@pytest.mark.parametrize("normalized,masked", [
    ("13812345678", "138****5678"),
    ("0760-88885678", "0760-8***5678"),
    ("020-38885678", "020-3***5678"),
    ("0755-2345678", "0755-2**5678"),
    ("0760-88885678转801", "0760-8***5678转801"),
    ("12345", "12345"),
    ("400-820-8820", "400-820-8820"),
    ("", ""),
])
def test_mask_phone(normalized, masked):
    assert mask_phone(normalized) == masked


def test_mask_unrecognised_hides_the_middle():
    assert mask_phone("1381234567") == "138***4567"
    assert "1234" not in mask_phone("99912345678999")
