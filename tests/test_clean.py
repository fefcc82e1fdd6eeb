import datetime as dt

import pyarrow as pa

from tests.conftest import SEED_DOCUMENTS
from transforms.clean import clean_documents, normalize_text, read_page, strip_html

MFA_PAGE = """ปลัดกระทรวงการต่างประเทศผลักดันความร่วมมืออาเซียน – ญี่ปุ่น

ปลัดกระทรวงการต่างประเทศผลักดันความร่วมมืออาเซียน – ญี่ปุ่น

วันที่นำเข้าข้อมูล 28 พ.ค. 2564

วันที่ปรับปรุงข้อมูล 30 พ.ย. 2565

| 7,791 view

เมื่อวันที่ ๒๖ พฤษภาคม ๒๕๖๔ นายธานี ทองภักดี ปลัดกระทรวงการต่างประเทศ ได้เข้าร่วมการประชุม

รูปภาพประกอบ

รูปภาพประกอบ"""

THAIGOV_PAGE = """รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-\u200bนลินี ทวีสิน หารือเอกอัครราชทูตเคนยา


วันอังคารที่ 26 พฤศจิกายน 2567
26/11/2567
พิมพ์
\u200bนลินี ทวีสิน หารือเอกอัครราชทูตเคนยา เสริมความสัมพันธ์การค้า
\u200bนลินี ทวีสิน หารือเอกอัครราชทูตเคนยา เสริมความสัมพันธ์การค้า
วันนี้ (26 พฤศจิกายน 2567) นางนลินี ทวีสิน รัฐมนตรีประจำสำนักนายกรัฐมนตรี หารือกับเอกอัครราชทูตเคนยา

ที่มา : https://www.thaigov.go.th/news/contents/details/90626"""

NEWS_PAGE = """ECONOMICS

รัฐบาลเดินหน้าผลักดันความร่วมมืออาเซียนกับเอเชียแปซิฟิกและประเทศภาคี 10 ประเทศ
POSTED ON 08/09/2563




น.ส.รัชดา ธนาดิเรก รองโฆษกประจำสำนักนายกรัฐมนตรี เปิดเผยว่า"""


def test_mfa_profile_reads_metadata_and_strips_chrome():
    page = read_page(normalize_text(MFA_PAGE))
    assert page.profile == "mfa"
    assert page.title == "ปลัดกระทรวงการต่างประเทศผลักดันความร่วมมืออาเซียน – ญี่ปุ่น"
    assert page.published_date == dt.date(2021, 5, 28)
    assert page.updated_date == dt.date(2022, 11, 30)
    assert page.view_count == 7791
    assert page.body == page.title + "\n\nเมื่อวันที่ ๒๖ พฤษภาคม ๒๕๖๔ นายธานี ทองภักดี ปลัดกระทรวงการต่างประเทศ ได้เข้าร่วมการประชุม"


def test_mfa_profile_with_a_bare_date_line():
    page = read_page(normalize_text("การประชุม ครั้งที่ 35\n\nการประชุม ครั้งที่ 35\n\n16 ต.ค. 2563\n\n1,023 view\n\nเนื้อหา"))
    assert (page.profile, page.published_date, page.view_count) == ("mfa", dt.date(2020, 10, 16), 1023)


def test_thaigov_profile():
    page = read_page(normalize_text(THAIGOV_PAGE))
    assert page.profile == "thaigov"
    assert page.category == "ข่าวทำเนียบรัฐบาล"
    # The site prefix line is cut short; the full headline is taken from the body.
    assert page.title == "นลินี ทวีสิน หารือเอกอัครราชทูตเคนยา เสริมความสัมพันธ์การค้า"
    assert page.published_date == dt.date(2024, 11, 26)
    assert page.source_url == "https://www.thaigov.go.th/news/contents/details/90626"
    assert page.body.count("หารือเอกอัครราชทูตเคนยา เสริม") == 1  # repeated headline removed
    assert "พิมพ์" not in page.body and "ที่มา" not in page.body
    assert page.body.endswith("หารือกับเอกอัครราชทูตเคนยา")


def test_news_profile():
    page = read_page(normalize_text(NEWS_PAGE))
    assert page.profile == "news"
    assert page.category == "ECONOMICS"
    assert page.title == "รัฐบาลเดินหน้าผลักดันความร่วมมืออาเซียนกับเอเชียแปซิฟิกและประเทศภาคี 10 ประเทศ"
    assert page.published_date == dt.date(2020, 9, 8)
    assert page.body.endswith("น.ส.รัชดา ธนาดิเรก รองโฆษกประจำสำนักนายกรัฐมนตรี เปิดเผยว่า")


def test_generic_profile_takes_the_first_line_as_title():
    page = read_page(normalize_text("ข่าวประชาสัมพันธ์ ฉบับที่ 3\n03/09/2568\nเนื้อหาข่าว"))
    assert (page.profile, page.title, page.published_date) == ("generic", "ข่าวประชาสัมพันธ์ ฉบับที่ 3", dt.date(2025, 9, 3))
    assert page.body == "ข่าวประชาสัมพันธ์ ฉบับที่ 3\n\nเนื้อหาข่าว"


def test_normalization():
    text = "เเปลก\u200b ก\u00a0\u00a0ข\r\nกํา\x00 \t ค\r\r\r\rง"
    assert normalize_text(text) == "แปลก ก ข\nกำ ค\n\nง"


def test_html_is_reduced_to_text():
    html = "<html><head><style>p{}</style></head><body><p>ข่าว&nbsp;ที่ 1</p><div>บรรทัด &amp; สอง</div></body></html>"
    assert normalize_text(strip_html(html)) == "ข่าว ที่ 1\n\nบรรทัด & สอง"


def test_clean_documents_on_the_bundled_samples():
    files = sorted(SEED_DOCUMENTS.glob("*.txt"))
    raw = pa.table({"doc_id": [f.stem for f in files], "source_uri": [str(f) for f in files], "text": [f.read_text(encoding="utf-8") for f in files]})
    docs = clean_documents(raw).to_pylist()
    assert [d["profile"] for d in docs] == ["mfa", "mfa", "mfa", "mfa", "news"]
    assert [str(d["published_date"]) for d in docs] == ["2021-05-28", "2020-10-16", "2022-06-23", "2021-05-29", "2020-09-08"]
    for d in docs:
        assert d["body"].startswith(d["title"] + "\n\n")
        assert d["char_count"] == len(d["body"])
        assert "รูปภาพประกอบ" not in d["body"] and "view" not in d["body"]


def test_repeat_vowel_rule_equals_pythainlp_but_skips_untouched_lines():
    from pythainlp.util import remove_repeat_vowels

    from transforms.clean import _remove_repeat_vowels

    lines = [
        "เเปลก กํา ก่่า ดีีีี นานาาา",  # every rule fires
        "น้ำ ก้ำ ที่ ต่ะ ฤๅ ลๅ",  # follow vowel + tone, lakkhangyao
        "ปลัดกระทรวงการต่างประเทศ ได้เข้าร่วมการประชุม ครั้งที่ ๓๖",  # nothing to change
        "ASEAN 2024 (ACPHEED) ั่",
    ]
    text = "\n".join(lines)
    assert _remove_repeat_vowels(text) == remove_repeat_vowels(text)
    assert _remove_repeat_vowels(lines[2]) is lines[2]
