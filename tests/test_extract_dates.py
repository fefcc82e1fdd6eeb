"""Date mentions: sentences from thaigov releases and the dev gold set."""

import datetime as dt

import pytest

from transforms.extract import dates
from transforms.extract.context import DocContext


def _rows(body: str, published: dt.date | None = dt.date(2021, 5, 28)) -> list[dict]:
    rows = dates.extract(DocContext("t", None, body, published, ()))
    for row in rows:
        assert body[row["char_start"]:row["char_end"]] == row["surface"]
    return rows


def _isos(body: str, published: dt.date | None = dt.date(2021, 5, 28)) -> list[str]:
    return [r["iso"] for r in _rows(body, published)]


def test_thai_digits_and_full_month_name():
    body = "เมื่อวันที่ ๒๖ พฤษภาคม ๒๕๖๔ นายธานี ทองภักดี ปลัดกระทรวงการต่างประเทศ ได้เข้าร่วมการประชุม"
    [row] = _rows(body)
    assert row["surface"] == "๒๖ พฤษภาคม ๒๕๖๔"
    assert (row["iso"], row["date_value"], row["precision"]) == ("2021-05-26", dt.date(2021, 5, 26), "day")
    assert row["rule"]


@pytest.mark.parametrize(
    ("body", "iso"),
    [
        ("เมื่อวันที่ 19 ก.พ. 67 นางสาวนฤมล สงวนวงศ์ ผู้ช่วยปลัดกระทรวงเกษตรและสหกรณ์", "2024-02-19"),
        ("เมื่อวันที่ 3 พ.ย.64 นายระพีภัทร์ จันทรศรีวงศ์ รองปลัดกระทรวงเกษตรและสหกรณ์", "2021-11-03"),
        ("ที่ประชุม ครม. (14 มิ.ย. 65) เห็นชอบ", "2022-06-14"),
        ("ข้อมูล ณ วันที่ 15 พ.ค 2564 พบว่า", "2021-05-15"),  # final dot missing
        ("▪️วันที่ 2 พย 2566 สายเข้า 2,752 สาย", "2023-11-02"),  # no dots at all
        ("กำหนดจัดงานวันที่ ๒5 ธันวาคม 2563 ณ ทำเนียบรัฐบาล", "2020-12-25"),  # Thai and Arabic digits mixed
        ("ระหว่างวันที่ 14 ตุลาคม ค.ศ. 2020 ที่ผ่านมา", "2020-10-14"),  # CE year with a Thai month
        ("ภายในวันที่ 5 มีนาคม พ.ศ. 2564", "2021-03-05"),
        ("รับสมัครถึงวันที่ 30 กรกฏาคม 2564", "2021-07-30"),  # common misspelling of กรกฎาคม
    ],
)
def test_day_month_year_forms(body, iso):
    assert _isos(body) == [iso]


def test_range_within_a_month_gives_both_ends():
    body = "น.ส.รัชดา ธนาดิเรก เปิดเผยว่า ระหว่างวันที่ 9 - 12 กันยายน 2563 จะมีการประชุมรัฐมนตรีต่างประเทศอาเซียน ครั้งที่ 53"
    rows = _rows(body, dt.date(2020, 9, 8))
    assert [r["iso"] for r in rows] == ["2020-09-09", "2020-09-12"]
    assert {r["surface"] for r in rows} == {"9 - 12 กันยายน 2563"}


@pytest.mark.parametrize(
    ("body", "isos"),
    [
        ("โดยที่การประชุม PRF ครั้งล่าสุด (PRF-22) จัดขึ้นเมื่อ 19 – 21 กรกฎาคม ๒๕๖๕ ในรูปแบบผสม", ["2022-07-19", "2022-07-21"]),
        ("คืนเงินผ่านบัญชีพร้อมเพย์ ระหว่างวันที่ 14-16 ก.ย. 2565", ["2022-09-14", "2022-09-16"]),
        ("การประชุมระหว่างวันที่ 30 ก.ย. - 2 ต.ค. 2563 ณ กรุงเทพฯ", ["2020-09-30", "2020-10-02"]),
        ("ระยะเวลาการเก็บสต๊อกข้าว 1 ม.ค. – 28 ก.พ. 68", ["2025-01-01", "2025-02-28"]),
        ("ปิดให้บริการระหว่างวันที่ 28 ธันวาคม - 3 มกราคม 2564", ["2020-12-28", "2021-01-03"]),
        ("รอบที่ 3/2564 ระหว่างวันที่ 1 กันยายน 2564 – 31 พฤษภาคม 2565 กระทรวง", ["2021-09-01", "2022-05-31"]),
        ("เดินทางไปอีกในวันที่ 17 และ 24 ธันวาคม 2563 ประมาณ", ["2020-12-17", "2020-12-24"]),
        ("ระยะเวลาดำเนินการ\n-1 กรกฎาคม - 31 ธันวาคม 2568", ["2025-07-01", "2025-12-31"]),  # a list bullet
    ],
)
def test_ranges_and_lists(body, isos):
    assert _isos(body) == isos


def test_month_with_year_has_month_precision():
    body = "ในที่ประชุมสุดยอดอาเซียน-ญี่ปุ่น ครั้งที่ ๒๔ ในเดือนตุลาคม ๒๕๖๔ อีกด้วย"
    [row] = _rows(body)
    assert (row["iso"], row["date_value"], row["precision"]) == ("2021-10", dt.date(2021, 10, 1), "month")
    assert row["surface"] == "เดือนตุลาคม ๒๕๖๔"


@pytest.mark.parametrize(
    ("body", "isos"),
    [
        # The end of the range is a bare year: only the month counts.
        ("ในฐานะประเทศผู้ประสานงานความสัมพันธ์อาเซียน-ญี่ปุ่น ระหว่างเดือนสิงหาคม ๒๕๖๔ – ๒๕๖๗ ไทยผลักดัน", ["2021-08"]),
        ("ตามยุทธศาสตร์ชาติ ระหว่างเดือน ตุลาคม - ธันวาคม 2563", ["2020-10", "2020-12"]),
        ("ผลดำเนินงาน บสย. ครึ่งปีแรก (ม.ค. - มิ.ย. 2567) เป็นไปตามเป้าหมาย", ["2024-01", "2024-06"]),
        ("ในปีงบประมาณ 2564 (ต.ค.2563 - ก.ย.2564) สคร.จัดเก็บเงิน", ["2020-10", "2021-09"]),
        ("ภายในเดือนกันยายน ปี 2568 พร้อมทั้ง", ["2025-09"]),
        ("ครั้งล่าสุดจัดขึ้นที่กรุงไนโรบีเมื่อเดือนมิถุนายน 2553", ["2010-06"]),
    ],
)
def test_months(body, isos):
    assert _isos(body) == isos


@pytest.mark.parametrize(
    ("body", "published", "iso"),
    [
        ("เพื่อเสนอต่อที่ประชุมสุดยอดอาเซียน-ญี่ปุ่น ครั้งที่ 23 ในเดือนพฤศจิกายนนี้", dt.date(2020, 10, 16), "2020-11"),
        ("Eliud Kipchoge จะเดินทางมาไทยในช่วงเดือนธันวาคมศกนี้ด้วย", dt.date(2024, 11, 26), "2024-12"),
        ("วงเงิน 13,686,000 บาท เมื่อช่วงเดือนสิงหาคมที่ผ่านมา ซึ่งมีเป้าหมาย", dt.date(2024, 1, 10), "2023-08"),
        ("จะครบ 1,000 จุด ภายในเดือนสิงหาคมนี้ ระยะกลาง", dt.date(2022, 7, 1), "2022-08"),
        ("เตรียมให้นั่งฟรี พ.ย. นี้ พร้อม", dt.date(2023, 10, 30), "2023-11"),
    ],
)
def test_month_without_year_anchored_by_a_relative_word(body, published, iso):
    assert _isos(body, published) == [iso]


@pytest.mark.parametrize(
    ("body", "published", "iso"),
    [
        ("ภายในวันที่ 30 มิ.ย. นี้", dt.date(2021, 5, 28), "2021-06-30"),
        ("ที่ประชุมคณะรัฐมนตรีเมื่อวันที่ 18 พ.ค.ที่ผ่านมา", dt.date(2021, 5, 20), "2021-05-18"),
        ("แจก ATK ฟรี 8.5 ล้านชุด 16 ก.ย.นี้", dt.date(2021, 9, 10), "2021-09-16"),
        ("เมื่อวันที่ 28 ธันวาคม ที่ทำเนียบรัฐบาล", dt.date(2024, 1, 5), "2023-12-28"),  # nearest: last year
        ("จะเดินทางเยือนในวันที่ 5 มกราคม", dt.date(2023, 12, 20), "2024-01-05"),  # nearest: next year
        ("วันที่ 9 ก.ค. 13.00-14.00 น. ดร. ทักษิณ ชินวัตร", dt.date(2024, 7, 8), "2024-07-09"),  # 13 is an hour
    ],
)
def test_day_and_month_without_year_take_the_year_from_the_page_date(body, published, iso):
    assert _isos(body, published) == [iso]


def test_without_a_page_date_a_yearless_date_is_left_out():
    assert _isos("ภายในวันที่ 30 มิ.ย. นี้ และเมื่อวันที่ 26 พฤษภาคม 2564", None) == ["2021-05-26"]


@pytest.mark.parametrize(
    ("body", "iso"),
    [
        ("Prime Minister and Defence Minister disclosed that on July 10, 2023, the Cabinet", "2023-07-10"),
        ("Joint Statement issued on 14 October 2020 in Bangkok", "2020-10-14"),
        ("As of the end of June 2023, the Line is 96.97% complete", "2023-06"),
    ],
)
def test_english_dates(body, iso):
    assert _isos(body) == [iso]


def test_english_range():
    body = "at the APEC Economic Leaders' Meeting on November 16-18, 2022 (Wed-Fri)."
    assert _isos(body) == ["2022-11-16", "2022-11-18"]


@pytest.mark.parametrize(
    "body",
    [
        "ในปี 2564-2567 โดยเสนอปรับลำดับความสำคัญของสาขาความร่วมมือ",  # bare years
        "การขอเพิ่มชนิดสินค้าเพื่อผลิตสินค้าส่งออก ปี 2566 (โดยสิทธิคงเดิม)",
        "สำหรับปีงบประมาณญี่ปุ่น ค.ศ. ๒๐๒๐ และโครงการประจำปีงบประมาณ พ.ศ. 2565",  # fiscal years, CE year alone
        "ในช่วงที่ประเทศไทยเป็นเจ้าภาพจัดการประชุมเอเปค ปี พ.ศ.๒๕๖๕ ครั้งที่ ๑/๒๕๖๔",
        "วันนี้ เวลา 07.00 น. นายจิรายุ ห่วงทรัพย์ เปิดเผย",  # relative word and a time
        "การประชุมทุกวันจันทร์ และเมื่อวานนี้",  # weekdays, relative words
        "ตลอดระยะเวลากว่า 8 ปี และอีก 3 เดือน",  # durations
        "แรงงานไทยเดินทางมาทำงานแล้ว 519 คน และอีกจำนวน 43 อัตรา",
        "สำนักงาน ก.พ.ร. ครั้งที่ 2 ก.พ.ร. และ 4 กพช.",  # ก.พ.ร. and กพช. are offices, not February
        "ครั้งที่ 1.3 กค. และ 2563 กค. รายงาน",  # กค. after a decimal or a year is the Finance Ministry
        "คาดว่ามกราคมจะเข้ามา 60,000 คน กุมภาพันธ์ 90,000 คน",  # a count after a month is no year
        "ผู้ป่วยโควิด-19 มกราคม",  # the number of a name, and a month with no year
    ],
)
def test_not_dates(body):
    assert _rows(body) == []


def test_impossible_dates_are_dropped_not_guessed():
    assert _rows("ตามประกาศลงวันที่ 31 ก.พ. 2564 และวันที่ 30 กุมภาพันธ์ 2563") == []
    assert _isos("ระหว่างวันที่ 30 - 31 เมษายน 2564 และ 1 พฤษภาคม 2564") == ["2021-04-30", "2021-05-01"]


def test_a_number_after_the_month_that_is_no_year_ends_the_mention():
    [row] = _rows("เมื่อวันที่ 5 มี.ค. 13 ราย ได้รับการรักษา", dt.date(2021, 3, 10))
    assert (row["surface"], row["iso"]) == ("5 มี.ค.", "2021-03-05")


def test_headline_and_body_offsets():
    body = (
        "นายกฯ ร่วมยินดีเจรจาความตกลง RCEP ครั้งที่ 4\n\n"
        "วันนี้ (15 พฤศจิกายน 2563) เวลา 10.30 น. ตึกภักดีบดินทร์ ทำเนียบรัฐบาล\n"
        "วันพฤหัสบดีที่ 29 พฤษภาคม 2568 เวลา 13.00 น. นางสาวนัทรียา ทวีวงศ์"
    )
    rows = _rows(body, dt.date(2020, 11, 15))
    assert [(r["surface"], r["iso"]) for r in rows] == [("15 พฤศจิกายน 2563", "2020-11-15"), ("29 พฤษภาคม 2568", "2025-05-29")]
    assert all(set(r) == {"surface", "char_start", "char_end", "iso", "date_value", "precision", "rule"} for r in rows)


@pytest.mark.parametrize(
    ("body", "published", "iso"),
    [
        # นี้ is this year's month, even one many months ahead (not the nearest, last year's)
        ("ซึ่งไทยขอการสนับสนุนในการเลือกตั้งครั้งใหม่ซึ่งจะขึ้นในช่วงเดือนกันยายนนี้ สำหรับความคืบหน้า", dt.date(2025, 1, 15), "2025-09"),
        ("และจะเปิดให้บริการภายในเดือนธันวาคมนี้", dt.date(2025, 5, 23), "2025-12"),
        # … unless this year's is well past and next year's close ahead
        ("คณะผู้แทนจะเดินทางเยือนในเดือนมกราคมนี้", dt.date(2024, 12, 20), "2025-01"),
        ("ในวันที่ 14 – 16 พ.ย. นี้จะมีการเข้าร่วมการประชุมสุดยอดอาเซียน", dt.date(2020, 11, 9), "2020-11-14"),
    ],
)
def test_this_month_is_in_the_page_year(body, published, iso):
    assert _isos(body, published)[0] == iso


def test_a_date_recurring_every_year_is_no_calendar_date():
    body = "มีมติรับรองการจัดตั้งรางวัล World Soil Day Award และให้มีพิธีมอบรางวัลทุกวันที่ 5 ธันวาคมของทุกปี เพื่อน้อมรำลึก"
    assert _isos(body, dt.date(2021, 3, 10)) == []
    assert _isos("เมื่อวันที่ 12 มิถุนายน 2561 มีมติให้มีพิธีทุกวันที่ 5 ธันวาคม", dt.date(2021, 3, 10)) == ["2018-06-12"]


def test_a_count_of_months_before_a_month_name_is_no_day():
    body = "ผลดำเนินงานค้ำประกันสินเชื่อ 9 เดือน (ม.ค.-ก.ย. 2566) ภายใต้กลยุทธ์เชิงรุก"
    assert _isos(body, dt.date(2023, 10, 20)) == ["2023-01", "2023-09"]
    assert _isos("ผลดำเนินงาน 9 เดือน ม.ค.-ก.ย. 2566", dt.date(2023, 10, 20)) == ["2023-01", "2023-09"]
    assert _isos("เมื่อวันที่ 9 เดือนมกราคม 2566", dt.date(2023, 10, 20)) == ["2023-01-09"]


def test_english_month_lists_and_day_lists():
    published = dt.date(2022, 2, 3)
    body = "the Netherlands' hosting of the \"EXPO 2022 Floriade Almere\" during April and October 2022, where Thailand"
    assert _isos(body, published) == ["2022-04", "2022-10"]
    assert _isos("held on 12 and 13 March 2024 and on 1st and 2nd of May 2024", published) == [
        "2024-03-12", "2024-03-13", "2024-05-01", "2024-05-02"
    ]
    assert _isos("Year 2: A date between November 26-29, 2026; and on January 5 and 6, 2024.", published) == [
        "2026-11-26", "2026-11-29", "2024-01-05", "2024-01-06"
    ]


def test_an_english_day_list_without_a_year_stops_at_the_first_day_or_range():
    published = dt.date(2021, 12, 10)
    body = "PM2.5 is expected in Bangkok and vicinity during December 15-18, and 22-23 due to unfavorable weather."
    assert _isos(body, published) == ["2021-12-15", "2021-12-18"]
    assert _isos("The report on March 5 and 4 people were injured.", dt.date(2021, 3, 6)) == ["2021-03-05"]


def test_years_outside_the_plausible_window_are_typos_not_dates():
    body = "เมื่อวันที่ 17 ธันวาคม 3563 และวันที่ 1 เมษายน 2435 ได้มีการประชุม"
    doc = DocContext("d", None, body, dt.date(2020, 12, 20), ())
    assert [r["iso"] for r in dates.extract(doc)] == ["1892-04-01"]
