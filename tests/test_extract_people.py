"""Person mentions: real sentences from thaigov releases and the dev gold set."""

from __future__ import annotations

import pyarrow as pa

from transforms.extract import people
from transforms.extract.context import DocContext, iter_contexts
from transforms.segment import segment_documents


def _doc(body: str) -> DocContext:
    """A DocContext with the tokens the segment stage would produce."""
    docs = pa.table({"doc_id": ["d"], "title": [None], "body": [body], "published_date": pa.array([None], pa.date32())})
    _, tokens = segment_documents(docs)
    return next(iter_contexts(docs, tokens))


def _people(body: str) -> list[tuple[str | None, str, str | None]]:
    return [(r["honorific"], r["name"], r["position"]) for r in people.extract(_doc(body))]


def test_honorific_name_and_position_after_it():
    body = (
        "เมื่อวันที่ ๒๖ พฤษภาคม ๒๕๖๔ นายธานี ทองภักดี ปลัดกระทรวงการต่างประเทศ ได้เข้าร่วมการประชุม "
        "โดยนายโมริ ทาเคโอะ (H.E. Mr. Mori Takeo) รองปลัดกระทรวงการต่างประเทศของญี่ปุ่น เป็นหัวหน้าคณะผู้แทนญี่ปุ่น"
    )
    rows = people.extract(_doc(body))
    assert [(r["honorific"], r["name"], r["position"]) for r in rows] == [
        ("นาย", "ธานี ทองภักดี", "ปลัดกระทรวงการต่างประเทศ"),
        ("นาย", "โมริ ทาเคโอะ", "รองปลัดกระทรวงการต่างประเทศของญี่ปุ่น"),
    ]
    assert rows[0]["surface"] == body[rows[0]["char_start"] : rows[0]["char_end"]] == "นายธานี ทองภักดี"


def test_later_mention_by_given_name_is_the_same_person():
    body = (
        "นายสุชาติ ชมกลิ่น รัฐมนตรีว่าการกระทรวงแรงงาน และคณะ ได้เดินทางไปพบปะแรงงานไทย\n"
        "นายสุชาติ กล่าวว่า รัฐบาลไทยและกระทรวงแรงงานมีความห่วงใยแรงงานไทย"
    )
    assert _people(body) == [("นาย", "สุชาติ ชมกลิ่น", "รัฐมนตรีว่าการกระทรวงแรงงาน")]


def test_people_named_only_by_role_are_not_persons():
    assert _people("นายกรัฐมนตรีได้เข้าร่วมพิธีปิดการประชุมสุดยอดอาเซียน และนายกฯ กล่าวว่า") == []
    assert _people("นายอำเภอและนายทหารพร้อมเจ้าหน้าที่ 85 นาย ประกอบด้วย ข้าราชการ") == []
    assert _people("ตามพระราชบัญญัติคุ้มครองเด็ก พ.ศ. 2546 และรายงานของ รมว.ศธ. ต่อที่ประชุม") == []


def test_role_before_the_name():
    body = (
        "พร้อมส่งกำลังใจและความห่วงใยจากท่านนายกรัฐมนตรี พล.อ.ประยุทธ์ จันทร์โอชา "
        "ท่านรองนายกรัฐมนตรี พล.อ.ประวิตร วงษ์สุวรรณ ที่มีความห่วงใย"
    )
    assert _people(body) == [
        ("พล.อ.", "ประยุทธ์ จันทร์โอชา", "นายกรัฐมนตรี"),
        ("พล.อ.", "ประวิตร วงษ์สุวรรณ", "รองนายกรัฐมนตรี"),
    ]
    body = (
        "ปลัดกระทรวงเกษตรและสหกรณ์ (นายประยูร อินสกุล) มอบหมายให้ นายเศรษฐเกียรติ กระจ่างวงษ์ "
        "รองปลัดกระทรวงเกษตรและสหกรณ์ เป็นประธานการประชุม"
    )
    assert _people(body) == [
        ("นาย", "ประยูร อินสกุล", "ปลัดกระทรวงเกษตรและสหกรณ์"),
        ("นาย", "เศรษฐเกียรติ กระจ่างวงษ์", "รองปลัดกระทรวงเกษตรและสหกรณ์"),
    ]


def test_a_role_in_a_list_belongs_to_the_person_before_it():
    body = "โดยมี นายจาตุรนต์ ภักดีวานิช อธิบดีกรมการท่องเที่ยว นายอุดม มัตสยะวนิชกูล ผู้อำนวยการกองกิจการภาพยนตร์และวีดิทัศน์ต่างประเทศ"
    assert _people(body) == [
        ("นาย", "จาตุรนต์ ภักดีวานิช", "อธิบดีกรมการท่องเที่ยว"),
        ("นาย", "อุดม มัตสยะวนิชกูล", "ผู้อำนวยการกองกิจการภาพยนตร์และวีดิทัศน์ต่างประเทศ"),
    ]


def test_latin_names_titles_and_english_positions():
    body = (
        "ซึ่งมี Dato’ Amran Mohamed Zin ปลัดกระทรวงการต่างประเทศมาเลเซีย และนาย Paul Thoppil, Assistant Deputy Minister "
        "ฝ่ายกิจการเอเชียแปซิฟิก เป็นประธานร่วม"
    )
    assert _people(body) == [
        ("Dato’", "Amran Mohamed Zin", "ปลัดกระทรวงการต่างประเทศมาเลเซีย"),
        ("นาย", "Paul Thoppil", "Assistant Deputy Minister"),
    ]
    body = "ผู้ดำรงตำแหน่งประธาน PRF คือ Mr. Ilyas Ahmed, Maldives สาธารณรัฐมัลดีฟส์"
    assert _people(body) == [("Mr.", "Ilyas Ahmed", "ประธาน PRF")]


def test_stacked_titles_and_ranks():
    body = "โดยมีว่าที่ร้อยตรี ธนุ วงษ์จินดา เลขาธิการคณะกรรมการการศึกษาขั้นพื้นฐาน (เลขาธิการ กพฐ.) เข้าร่วม"
    assert _people(body) == [("ว่าที่ร้อยตรี", "ธนุ วงษ์จินดา", "เลขาธิการคณะกรรมการการศึกษาขั้นพื้นฐาน")]
    body = "บริษัท ปูนซิเมนต์ไทย จำกัด (มหาชน) ผศ.ดร.วรีสา ชูวัฒนกูล และคณะ"
    assert _people(body) == [("ผศ.ดร.", "วรีสา ชูวัฒนกูล", None)]


def test_role_used_as_a_title_and_long_names():
    body = "ท่าทีของญี่ปุ่นต่อประเด็นดังกล่าวจะไม่เปลี่ยนแปลง ภายใต้การบริหารของนายกรัฐมนตรีซูกะ โยชิฮิเดะ"
    assert _people(body) == [(None, "ซูกะ โยชิฮิเดะ", "นายกรัฐมนตรี")]
    body = "นายเหวียน ซวน ฟุก นายกรัฐมนตรีเวียดนาม กล่าวว่า การประชุมครั้งนี้เป็นการรับฟังรายงาน"
    assert _people(body) == [("นาย", "เหวียน ซวน ฟุก", "นายกรัฐมนตรีเวียดนาม")]
    body = "วันนี้ (17 มิถุนายน 2567) นางรัดเกล้า อินทวงศ์ สุวรรณคีรี รองโฆษกประจำสำนักนายกรัฐมนตรี เปิดเผยว่า"
    assert _people(body) == [("นาง", "รัดเกล้า อินทวงศ์ สุวรรณคีรี", "รองโฆษกประจำสำนักนายกรัฐมนตรี")]


def test_headline_by_given_name_takes_the_full_name_from_the_body():
    body = (
        "รองปลัดฯ เศรษฐเกียรติ เป็นประธานการประชุมเตรียมการ\n\n"
        "ปลัดกระทรวงเกษตรและสหกรณ์ มอบหมายให้ นายเศรษฐเกียรติ กระจ่างวงษ์ รองปลัดกระทรวงเกษตรและสหกรณ์ เป็นประธาน"
    )
    assert _people(body) == [("นาย", "เศรษฐเกียรติ กระจ่างวงษ์", "รองปลัดกระทรวงเกษตรและสหกรณ์")]


def test_family_name_glued_to_the_role_and_noble_family_names():
    body = "คลัง เป็นประธานการประชุม\nนายอาคม เติมพิทยาไพสิฐรัฐมนตรีว่าการกระทรวงการคลัง กล่าวว่า"
    assert _people(body) == [("นาย", "อาคม เติมพิทยาไพสิฐ", "รัฐมนตรีว่าการกระทรวงการคลัง")]
    body = "ได้แก่ นายธีรทัศน์ อิศรางกูร ณ อยุธยา รองอธิบดีกรมโรงงานอุตสาหกรรม นายดุสิต อนันตรักษ์"
    assert _people(body)[0] == ("นาย", "ธีรทัศน์ อิศรางกูร ณ อยุธยา", "รองอธิบดีกรมโรงงานอุตสาหกรรม")


def test_english_releases():
    body = (
        "the issue will be discussed at the meeting between Prime Minister and Minister of Finance Srettha Thavisin "
        "and the Cambodian counterpart. Government Spokesperson Chai Wacharonke disclosed about an official visit. "
        "Prime Minister and Defense Minister Gen. Prayut Chan-o-cha has handed down the policy."
    )
    assert _people(body) == [
        (None, "Srettha Thavisin", "Prime Minister and Minister of Finance"),
        (None, "Chai Wacharonke", "Spokesperson"),
        ("Gen.", "Prayut Chan-o-cha", "Prime Minister and Defense Minister"),
    ]
    assert _people("Chief Executive Officer of King Power International and the Head Office of Senior Officials Meeting") == []
