"""Money mentions: sentences from thaigov releases and the dev gold set."""

import datetime as dt
import re

import pytest

from transforms.extract import money
from transforms.extract.context import DocContext
from transforms.thai_text import read_seed


def _rows(body: str) -> list[dict]:
    rows = money.extract(DocContext("t", None, body, dt.date(2024, 11, 26), ()))
    for row in rows:
        assert body[row["char_start"]:row["char_end"]] == row["surface"]
    return rows


def _amounts(body: str) -> list[tuple[float, str]]:
    return [(r["amount"], r["currency"]) for r in _rows(body)]


def test_thai_digits_and_multiplier():
    body = "โดยญี่ปุ่นยืนยันการสนับสนุนเงินจำนวน ๕๐ ล้านดอลลาร์สหรัฐในการจัดตั้งศูนย์อาเซียน"
    [row] = _rows(body)
    assert row["surface"] == "๕๐ ล้านดอลลาร์สหรัฐ"
    assert (row["amount"], row["currency"]) == (50_000_000.0, "USD")
    assert row["rule"]


@pytest.mark.parametrize(
    ("body", "amount", "currency"),
    [
        ("อนึ่ง ในปี 2566 มูลค่าการค้าระหว่างไทยและเคนยาอยู่ที่ 223.19 ล้านดอลลาร์สหรัฐ โดยไทยส่งออก", 223_190_000.0, "USD"),
        ("สร้างรายได้ให้กับประเทศไทย 1,243 ล้านบาท เกิดการจ้างงาน", 1_243_000_000.0, "THB"),
        ("สร้างรายได้ให้กับประเทศไทย 378.02 ล้านบาท", 378_020_000.0, "THB"),
        ("บอร์ดบีโอไอ อนุมัติโครงการลงทุนกว่า 1.5 หมื่นล้านบาท ขานรับนโยบาย", 15_000_000_000.0, "THB"),
        ("ทะลุ 1.78 พันล้านเหรียญฯ รัฐเร่งส่งเสริม", 1_780_000_000.0, "USD"),
        ("มูลค่าการค้า จนถึงพฤศจิกายน 2567 รวม 1 แสนล้านดอลลาร์ฯ เพิ่มขึ้น", 100_000_000_000.0, "USD"),
        ("ช่วยเพิ่มผลผลิตทั่วโลกได้ มากกว่า 4.9 ล้านล้านดอลลาร์ ช่วยขับเคลื่อน", 4_900_000_000_000.0, "USD"),
        ("ไทยนำเข้าจากมาเลเซียมูลค่า13,720.64 ล้านดอลลาร์สหรัฐ ขยายตัว", 13_720_640_000.0, "USD"),
        ("และปรับตั้งแต่ 6 แสนบาท", 600_000.0, "THB"),
        ("คิดเป็นมูลค่า 717 ล้านเหรียญสหรัฐฯ โดยช่วงเดือน", 717_000_000.0, "USD"),
        ("ค่าใช้จ่ายในการประกอบอาชีพจำนวน 600,000 เยน เพื่อเป็นค่าใช้จ่าย", 600_000.0, "JPY"),
        ("ลงทุนในไทยกว่า 180,000 ล้านเยน", 180_000_000_000.0, "JPY"),
        ("มูลค่า 2.5 ล้านยูโร", 2_500_000.0, "EUR"),
        ("รายได้ 120 ล้านหยวนต่อปี", 120_000_000.0, "CNY"),
        ("ค่าจ้าง 2,000,000 วอนต่อเดือน", 2_000_000.0, "KRW"),
        ("งบประมาณ 3 ล้านดอลลาร์สิงคโปร์", 3_000_000.0, "SGD"),
        ("มูลค่า 45 ล้านริงกิต", 45_000_000.0, "MYR"),
        ("เม็ดเงินทะลุสูงถึง 1.67 ลล.บาท เผยเที่ยวไทยยังปัง", 1_670_000_000_000.0, "THB"),
        ("ค่าก่อสร้างประมาณ 999.0000 ล้านบาท)", 999_000_000.0, "THB"),
        ("มูลค่าการค้ารวม 27,320\nล้านดอลลาร์สหรัฐ ขยายตัว", 27_320_000_000.0, "USD"),  # line break inside
        ("ไข่ไก่ คละขนาด ราคาเต็ม แผงละ 80.- บาท", 80.0, "THB"),  # a price with no satang
        ("สร้างความเสียหาย รวม 4 ล้านกว่าบาทนั้น", 4_000_000.0, "THB"),  # "more than": the stated bound
        ("มีมูลค่าอยู่ที่ 500 กว่าล้านบาท", 500_000_000.0, "THB"),
    ],
)
def test_thai_amounts(body, amount, currency):
    assert _amounts(body) == [(amount, currency)]


def test_exchange_rate_amounts_keep_every_decimal():
    body = "(อัตราแลกเปลี่ยน ณ วันที่ 10 กันยายน 2567 : 1 ดีแรห์ม เท่ากับ 9.1756 บาท)"
    assert _amounts(body) == [(1.0, "AED"), (9.1756, "THB")]


def test_additive_multipliers():
    body = "ระวางโทษจำคุกตั้งแต่ 6 ปี ถึง 15 ปี และปรับตั้งแต่ 6 แสนบาท ถึง 1 ล้าน 5 แสนบาท ทั้งนี้"
    assert _amounts(body) == [(600_000.0, "THB"), (1_500_000.0, "THB")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("the first 9 months of FY2020 was in deficit of 614,389 million Baht or 3.9 per cent of GDP",
         [(614_389_000_000.0, "THB")]),
        ("The bank has allocated over 4.3 billion baht for SME businesses", [(4_300_000_000.0, "THB")]),
        ("the bilateral trade target of USD 30 billion by 2025", [(30_000_000_000.0, "USD")]),
        ("a grant of US$ 1.5 million and THB 200,000 for training", [(1_500_000.0, "USD"), (200_000.0, "THB")]),
        ("The Government’s policy on 10,000-baht digital money", [(10_000.0, "THB")]),
        ("500 Baht/person/month for 4 months", [(500.0, "THB")]),
        ("investment has amounted to more than USD10 billion. With this", [(10_000_000_000.0, "USD")]),
        ("with the trade value in 2020 at 10,445.34 million US$ or 2.4% of", [(10_445_340_000.0, "USD")]),
    ],
)
def test_english_amounts(body, expected):
    assert _amounts(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("หรือปรับตั้งแต่ 10,000 - 100,000 บาท ต่อคนต่างด้าว", [(10_000.0, "THB"), (100_000.0, "THB")]),
        ("สนใจที่อยู่อาศัยระดับราคา 2.01-3.00 ล้านบาทมากที่สุด", [(2_010_000.0, "THB"), (3_000_000.0, "THB")]),
        ("รายได้ไม่ต่ำกว่า 1.3 - 1.8 ล้านล้านบาท", [(1_300_000_000_000.0, "THB"), (1_800_000_000_000.0, "THB")]),
        # A year before a dash is not the start of a range.
        ("ในปี 2566 - 2,000 ล้านบาท", [(2_000_000_000.0, "THB")]),
    ],
)
def test_ranges_give_both_ends(body, expected):
    assert _amounts(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "ซึ่งสร้างรายได้ เกิดการจ้างงานในประเทศไทยกว่า 9,000 ราย",  # counts of people
        "พบปะเยี่ยมให้กำลังใจแรงงานไทย จำนวน 6 คน และอีกจำนวน 43 อัตรา",
        "การลงนามร่วมกันในเอกสารรวมทั้งสิ้น 17 ฉบับ",
        "ขยายตัวร้อยละ 6.5 จากปีก่อน และเพิ่มขึ้น 41.67%",  # percentages
        "ส่งออก 121,398 ตัน มากที่สุด และนำเข้า 2,000 ล้านลิตร",  # goods
        "ได้รับรวม 9 เหรียญทอง จาก 3 นักกีฬา",  # medals are not coins
        "เปลี่ยนมาตรฐานยูโร 5 และยูโร 6 ในอนาคต",  # emission standards
        "ระยะทาง 35.54 ล.คน และ 2.5 หมื่นล้าน",  # no currency
        "งานเฉลิมพระเกียรติพระบาทสมเด็จพระเจ้าอยู่หัว ครั้งที่ 10 และบทบาท 5 ด้าน",
    ],
)
def test_not_money(body):
    assert _rows(body) == []


def test_rows_carry_every_schema_column():
    [row] = _rows("กองทุนเงินให้กู้ยืมเพื่อการศึกษา เตรียมงบประมาณ 38,000 ล้านบาท")
    assert set(row) == {"surface", "char_start", "char_end", "amount", "currency", "rule"}
    assert isinstance(row["amount"], float)


def test_currency_seed_is_well_formed():
    rows = read_seed("currencies")
    assert rows and all(re.fullmatch(r"[A-Z]{3}", r["iso4217"]) for r in rows)
    assert all(r["position"] in {"prefix", "suffix", "both"} for r in rows)
    assert len({r["surface"] for r in rows}) == len(rows)
    by_surface = {r["surface"]: r["iso4217"] for r in rows}
    assert by_surface["บาท"] == "THB" and by_surface["ดอลลาร์สหรัฐ"] == "USD" and by_surface["US$"] == "USD"


def test_baht_as_a_weight_of_gold_is_no_money():
    body = "ได้รับสิทธิลุ้นรับทองคำในแคมเปญปลูกรัก รับโชค น้ำหนักกว่า 90 บาท มูลค่ากว่า 2.9 ล้านบาท 1 สิทธิ์/กรมธรรม์"
    assert [(r["amount"], r["currency"]) for r in _rows(body)] == [(2900000.0, "THB")]
    assert [r["amount"] for r in _rows("สร้อยคอทองคำหนัก 1 บาท จำนวน 5 รางวัล ราคา 30,000 บาท")] == [30000.0]


def test_more_currency_spellings():
    assert [(r["amount"], r["currency"]) for r in _rows("มูลค่าการค้ารวม 1,200 ล้านจ๊าต และ 35 ล้านริยัล")] == [
        (1200000000.0, "MMK"), (35000000.0, "SAR")
    ]


def test_number_word_seed_is_well_formed():
    rows = read_seed("number_words")
    assert {r["kind"] for r in rows} == {"th", "th_abbr", "en"}
    assert all(int(r["value"]) >= 100 for r in rows)


def test_a_year_or_a_far_smaller_number_before_to_starts_no_range():
    body = "Inward foreign investment has also increased from 97,582 million Baht in 2015 to 433,971 million Baht, an increase"
    assert _amounts(body) == [(97582000000.0, "THB"), (433971000000.0, "THB")]
    # a range whose ends share the multiplier stays one
    assert _amounts("วงเงินสินเชื่อต่อราย 1 - 40 ล้านบาท") == [(1000000.0, "THB"), (40000000.0, "THB")]
