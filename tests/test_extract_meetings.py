"""Meetings: real sentences from thaigov releases and the dev gold set."""

from __future__ import annotations

import pyarrow as pa

from transforms.extract import meetings
from transforms.extract.context import DocContext, iter_contexts
from transforms.segment import segment_documents


def _doc(body: str) -> DocContext:
    """A DocContext with the tokens the segment stage would produce."""
    docs = pa.table({"doc_id": ["d"], "title": [None], "body": [body], "published_date": pa.array([None], pa.date32())})
    _, tokens = segment_documents(docs)
    return next(iter_contexts(docs, tokens))


def _meetings(body: str) -> list[tuple[str, int]]:
    return [(r["name"], r["ordinal"]) for r in meetings.extract(_doc(body))]


def test_thai_ordinal_after_name_without_leading_verbs():
    body = "นายธานี ทองภักดี ปลัดกระทรวงการต่างประเทศ ได้เข้าร่วมการประชุมเจ้าหน้าที่อาวุโสอาเซียน-ญี่ปุ่น ครั้งที่ ๓๖ ผ่านระบบการประชุมทางไกล"
    (row,) = meetings.extract(_doc(body))
    assert (row["name"], row["ordinal"], row["partners"]) == ("การประชุมเจ้าหน้าที่อาวุโสอาเซียน-ญี่ปุ่น", 36, ["JP"])
    assert row["surface"] == body[row["char_start"] : row["char_end"]] == "การประชุมเจ้าหน้าที่อาวุโสอาเซียน-ญี่ปุ่น ครั้งที่ ๓๖"


def test_that_prachum_is_kept_as_written():
    body = "ความร่วมมือในกรอบอื่น ๆ ในที่ประชุมสุดยอดอาเซียน-ญี่ปุ่น ครั้งที่ ๒๔ ในเดือนตุลาคม ๒๕๖๔ อีกด้วย"
    assert _meetings(body) == [("ที่ประชุมสุดยอดอาเซียน-ญี่ปุ่น", 24)]


def test_session_numbers_with_year():
    body = "นางสาวนฤมล สงวนวงศ์ เข้าร่วมการประชุมคณะกรรมการด้านการคุ้มครองการลงทุนระหว่างประเทศ ครั้งที่ 1/2567 โดยมี"
    assert _meetings(body) == [("การประชุมคณะกรรมการด้านการคุ้มครองการลงทุนระหว่างประเทศ", 1)]
    body = "คณะกรรมการทรัพยากรน้ำแห่งชาติ (กนช.) ในการประชุมครั้งที่ 3/2565 เมื่อวันที่ 19 ธันวาคม 2565"
    assert _meetings(body) == [("คณะกรรมการทรัพยากรน้ำแห่งชาติ (กนช.)", 3)]


def test_same_meeting_written_several_ways_is_one_row():
    body = (
        "การประชุม Joint Meeting between Japan and Thailand on Japan-Thailand Partnership Programme Phase 3 (JTPP3) ครั้งที่ ๑\n\n"
        "การประชุม Joint Meeting on JTPP3 ซึ่งเป็นกลไกเพื่อพิจารณาโครงการความร่วมมือ เป็นการประชุมครั้งแรกนับตั้งแต่ทั้งสองฝ่ายได้ลงนาม"
    )
    rows = meetings.extract(_doc(body))
    assert [(r["name"], r["ordinal"]) for r in rows] == [
        ("การประชุม Joint Meeting between Japan and Thailand on Japan-Thailand Partnership Programme Phase 3 (JTPP3)", 1)
    ]
    assert rows[0]["partners"] == ["JP", "TH"]
    body = (
        "ได้เป็นเจ้าภาพจัดการประชุมคณะกรรมาธิการร่วมเพื่อความร่วมมือทวิภาคีไทย - อินเดีย ครั้งที่ 10 "
        "(10th Joint Commission for Bilateral Cooperation between Thailand -India) เมื่อวันที่ 27 กุมภาพันธ์ 2567"
    )
    assert _meetings(body) == [("การประชุมคณะกรรมาธิการร่วมเพื่อความร่วมมือทวิภาคีไทย - อินเดีย", 10)]


def test_conflicting_ordinals_are_two_rows():
    body = (
        "กระทรวงเกษตรและสหกรณ์ ร่วมการประชุมคณะกรรมการน้ำตาลทราย ครั้งที่ 6/2566\n"
        "นายสุรเดช สมิเปรม รองปลัดกระทรวงเกษตรและสหกรณ์ เข้าร่วมการประชุมคณะกรรมการน้ำตาลทราย ครั้งที่ 5/2566 ในฐานะกรรมการ"
    )
    assert _meetings(body) == [("การประชุมคณะกรรมการน้ำตาลทราย", 6), ("การประชุมคณะกรรมการน้ำตาลทราย", 5)]


def test_latin_name_before_thai_ordinal_and_english_ordinal_first():
    body = "ดีอีเอส ร่วมกำหนดนโยบาย ICT ในเวที APT Policy and Regulatory Forum ครั้งที่ 22"
    assert _meetings(body) == [("APT Policy and Regulatory Forum", 22)]
    body = "the Prime Minister's schedule to virtually attend the 76th Session of the United Nations General Assembly in New York"
    assert _meetings(body) == [("Session of the United Nations General Assembly", 76)]


def test_a_name_never_runs_over_another_ordinal():
    rows = _meetings("3. การประชุมระหว่าง AFMGM กับสภาธุรกิจต่าง ๆ นอกจากการประชุม AFMM ครั้งที่ 29 และ AFMGM ครั้งที่ 12 รัฐมนตรี")
    assert rows == [("การประชุม AFMM", 29)]


def test_numbered_events_that_are_not_meetings():
    assert _meetings("นายกฯ ชื่นชมความสำเร็จทัพนักกีฬาไทยในการแข่งขันกีฬาซีเกมส์ ครั้งที่ 32 ปิดฉากลงแล้ว") == []
    assert _meetings("กรมพัฒนาฝีมือแรงงานเปิดอบรมหลักสูตรผู้ประกอบการ รุ่นที่ 3 ณ จังหวัดชลบุรี") == []
    assert _meetings("ภาคส่งออกของไทยขยายตัวครั้งแรกในรอบ 2 ปี") == []
    assert _meetings("การประชุมครั้งนี้เป็นการประชุมที่ได้มาพบปะกันครั้งแรกหลังจากการแพร่ระบาดของโควิด") == []
    assert _meetings("กิจกรรมดังกล่าวจัดขึ้นเป็นประจำทุกปี โดยปีนี้จัดขึ้นเป็นครั้งที่ ๘ และได้รับเกียรติ") == []
    assert _meetings("ณ ห้องประชุม 123 ในงานมหกรรมการเงิน ครั้งที่ 22") == []
