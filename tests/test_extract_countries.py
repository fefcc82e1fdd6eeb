"""Country mentions: real sentences from thaigov releases and the dev gold set."""

from __future__ import annotations

import pyarrow as pa

from transforms.extract import countries
from transforms.extract.context import DocContext, iter_contexts
from transforms.segment import segment_documents


def _doc(body: str) -> DocContext:
    """A DocContext with the tokens the segment stage would produce."""
    docs = pa.table({"doc_id": ["d"], "title": [None], "body": [body], "published_date": pa.array([None], pa.date32())})
    _, tokens = segment_documents(docs)
    return next(iter_contexts(docs, tokens))


def _codes(body: str) -> list[str]:
    return [r["iso2"] for r in countries.extract(_doc(body))]


def test_regions_seas_and_organisations_are_not_countries():
    body = (
        "นอกจากนี้ ฝ่ายอาเซียนและญี่ปุ่นได้แลกเปลี่ยนความคิดเห็นต่อประเด็นระดับภูมิภาคและระหว่างประเทศ "
        "ซึ่งรวมถึงสถานการณ์ในทะเลจีนใต้ สถานการณ์บนคาบสมุทรเกาหลี และสถานการณ์ในเมียนมา"
    )
    assert _codes(body) == ["JP", "MM"]
    assert _codes("ภายใต้มุมมองอาเซียนต่ออินโด-แปซิฟิก และการลงนามระหว่างอาเซียนกับสหประชาชาติ") == []
    assert _codes("กลุ่มประเทศลุ่มน้ำโขง และคณะกรรมาธิการแม่น้ำโขง ในภูมิภาคเอเชียและยุโรป") == []


def test_partners_inside_meeting_names_count():
    body = (
        "ความร่วมมือหุ้นส่วนทางยุทธศาสตร์ระหว่างอาเซียน-รัสเซีย อาเซียน-จีน อาเซียน-เกาหลี อาเซียน-นิวซีแลนด์ "
        "อาเซียน-แคนนาดา อาเซียน-อินเดีย และอาเซียน-สหรัฐอเมริกา"
    )
    assert _codes(body) == ["RU", "CN", "KR", "NZ", "CA", "IN", "US"]
    assert _codes("ได้เข้าร่วมการประชุมเจ้าหน้าที่อาวุโสอาเซียน-ญี่ปุ่น ครั้งที่ ๓๖") == ["JP"]


def test_official_and_short_forms():
    body = "ระหว่างสาธารณรัฐประชาชนจีน สปป.ลาว และราชอาณาจักรไทย โดยสหรัฐฯ และเมียนมาร์"
    rows = countries.extract(_doc(body))
    assert [(r["surface"], r["iso2"]) for r in rows] == [
        ("สาธารณรัฐประชาชนจีน", "CN"),
        ("สปป.ลาว", "LA"),
        ("ราชอาณาจักรไทย", "TH"),
        ("สหรัฐฯ", "US"),
        ("เมียนมาร์", "MM"),
    ]
    for r in rows:
        assert body[r["char_start"] : r["char_end"]] == r["surface"]
    assert rows[0]["country"] == "China"


def test_names_inside_longer_words_do_not_match():
    assert _codes("ณ ห้องประชุมชั้น 2 อาคารศาลาว่าการกระทรวงมหาดไทย") == []
    assert _codes("ที่จังหวัดปราจีนบุรี และบ้านยอดชาด ตำบลยอดชาด") == []
    assert _codes("นายกเหล่ากาชาดจังหวัดลพบุรี และการประมวลผลแบบคลาวด์") == []


def test_currencies_and_territories_are_not_country_mentions():
    assert _codes("โดยญี่ปุ่นยืนยันการสนับสนุนเงินจำนวน ๕๐ ล้านดอลลาร์สหรัฐ") == ["JP"]
    assert _codes("การขอรับเงินคืนของภาพยนตร์ จำนวน 2 เรื่อง จาก เขตบริหารพิเศษฮ่องกงฯ") == []
    assert _codes("ขยายตัวในตลาดจีนไทเป และไต้หวัน") == []


def test_english_names_adjectives_and_person_names():
    body = "Joint Meeting between Japan and Thailand on Japan-Thailand Partnership, with Japanese and U.S. experts"
    assert _codes(body) == ["JP", "TH", "JP", "TH", "JP", "US"]
    assert _codes("received from Mr. Israel Juarbe a budget of US$ 5 million") == []


def test_english_language_and_gulf_are_not_countries():
    assert _codes("สื่อสารภาษาอังกฤษได้ดี และทำประมงในอ่าวไทย") == []


def test_language_names_are_not_countries():
    body = "รัฐบาลโคลอมเบียได้จัดหลักสูตรอบรมภาษาสเปนและภาษาอังกฤษ ให้แก่บุคลากรของไทย"
    assert sorted({r["iso2"] for r in countries.extract(_doc(body))}) == ["CO", "TH"]


def test_english_names_and_adjectives():
    body = (
        "the People's Republic of China, Lao PDR, Viet Nam, Republic of Korea, U.S., Japanese, Bruneian, "
        "Kazakh and Hellenic Republic delegations"
    )
    assert _codes(body) == ["CN", "LA", "VN", "KR", "US", "JP", "BN", "KZ", "GR"]
