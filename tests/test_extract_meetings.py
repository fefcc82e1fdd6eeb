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


def test_an_events_edition_inside_a_committees_name():
    body = (
        "นายกฤษฎา ตันเทอดทิตย์ เลขานุการรัฐมนตรีว่าการกระทรวงการท่องเที่ยวและกีฬา เป็นประธานการประชุมคณะกรรมการกำกับและ"
        "ติดตามการจัดการแข่งขันกีฬาซีเกมส์ ครั้งที่ 33 และกีฬาอาเซียนพาราเกมส์ ครั้งที่ 13 ประจำปี พ.ศ. 2568 (ค.ศ. 2025) "
        "ครั้งที่ 4/2568  เพื่อเร่งรัดความพร้อม"
    )
    assert _meetings(body) == [(
        "การประชุมคณะกรรมการกำกับและติดตามการจัดการแข่งขันกีฬาซีเกมส์ ครั้งที่ 33 และกีฬาอาเซียนพาราเกมส์ ครั้งที่ 13 "
        "ประจำปี พ.ศ. 2568 (ค.ศ. 2025)", 4)]
    assert _meetings("การประชุมคณะกรรมการการกีฬาแห่งประเทศไทย ครั้งที่ 10/2565 เมื่อวันที่") == [
        ("การประชุมคณะกรรมการการกีฬาแห่งประเทศไทย", 10)
    ]


def test_ordinal_ranges_and_composite_codes():
    body = "เปิดเผยว่าในการประชุมสุดยอดผู้นำอาเซียนครั้งที่ 44 - 45 2 วันแรก วันนี้"
    assert _meetings(body) == [("การประชุมสุดยอดผู้นำอาเซียน", 44), ("การประชุมสุดยอดผู้นำอาเซียน", 45)]
    assert _meetings("กรมการขนส่งทางราง จัดประชุมคณะกรรมการจัดทำมาตรฐานการขนส่งทางราง ครั้งที่ 5-3/2564 ณ ห้องประชุม") == []


def test_more_things_numbered_that_are_not_meetings():
    assert _meetings("ส่วนการประชุมในช่วง 19.00 น ในครั้งที่10 ของวานนี้เป็นการหารือกับนายหลี่ เฉียง") == []
    body = "ณ หอประชุมคุรุสภา สำนักงานเลขาธิการคุรุสภา กรุงเทพฯ นายอนุทิน ชาญวีรกูล เป็นประธานในพิธีงานวันครู ครั้งที่ 68  เพื่อ"
    assert _meetings(body) == []


def test_forums_and_english_names_with_commas():
    body = "ในการจัดเวทีหารือกรอบความร่วมมือลุ่มน้ำโขงกับญี่ปุ่นเรื่องเป้าหมายการพัฒนาที่ยั่งยืน ครั้งที่ 1 ณ ประเทศไทย"
    assert _meetings(body) == [("เวทีหารือกรอบความร่วมมือลุ่มน้ำโขงกับญี่ปุ่นเรื่องเป้าหมายการพัฒนาที่ยั่งยืน", 1)]
    body = "มีการประกาศในงานประชุมสามัญประจำปี IFEA Convention, Expo & Retreat ครั้งที่ 65 ณ เมืองเท็กซัส"
    assert _meetings(body) == [("IFEA Convention, Expo & Retreat", 65)]


def test_an_event_word_inside_another_word_is_no_event():
    body = "เดินทางไปเข้าร่วมการประชุมนานาชาติด้านงานยุติธรรม (International Conference on Justice) ครั้งที่ ๒ ที่กำหนดจัดขึ้น"
    assert _meetings(body) == [("การประชุมนานาชาติด้านงานยุติธรรม (International Conference on Justice)", 2)]


def test_a_bare_acronym_meeting_is_the_same_as_the_full_name_with_its_number():
    body = (
        "นายกฯ พร้อมเข้าร่วมการประชุมสุดยอดกลุ่มประเทศ BRICS ครั้งที่ 14 กล่าวถ้อยแถลง\n"
        "มีกำหนดการเข้าร่วมการประชุมในกรอบ BRICS Summit ครั้งที่ 14 ภายใต้หัวข้อ"
    )
    assert _meetings(body) == [("การประชุมสุดยอดกลุ่มประเทศ BRICS", 14)]


def test_first_meeting_held_at_a_place_and_a_budget_year_in_a_name():
    body = "นายกรัฐมนตรีไทย ได้กล่าวถึงการประชุมผู้นำครั้งแรกที่นครปูซานเมื่อปีที่แล้วที่ทุกชาติได้ร่วมกัน"
    assert _meetings(body) == [("การประชุมผู้นำ", 1)]
    body = (
        "ได้รับรายงานว่าที่ประชุมคณะทำงานยกระดับเทศกาลประเพณีไปสู่ระดับชาติและนานาชาติของสำนักงานวัฒนธรรมจังหวัด "
        "ประจำปีงบประมาณ พ.ศ. 2568 ครั้งที่ 1/2567 เมื่อเร็วๆนี้"
    )
    assert _meetings(body) == [(
        "ที่ประชุมคณะทำงานยกระดับเทศกาลประเพณีไปสู่ระดับชาติและนานาชาติของสำนักงานวัฒนธรรมจังหวัด ประจำปีงบประมาณ พ.ศ. 2568", 1
    )]


def test_english_session_of_word_ordinals_and_ordinal_lists():
    body = (
        "acknowledged Thailand’s position at the 27th session of the United Nations Framework Convention on Climate "
        "Change Conference of the Parties (UNFCCC COP 27) and related meetings."
    )
    assert _meetings(body) == [("session of the United Nations Framework Convention on Climate Change Conference of the Parties", 27)]
    body = "at the 3rd Summit for Democracy under the theme. The third Summit for Democracy took place from March 18."
    assert _meetings(body) == [("Summit for Democracy", 3)]
    body = "the two prime ministers have met on several occasions, i.e., at the 44th and 45th ASEAN Summits in Lao People's Democratic Republic"
    assert _meetings(body) == [("ASEAN Summits", 44), ("ASEAN Summits", 45)]
    body = "12.30 The 22nd ASEAN-Republic of Korea Summit | 20.00 The 9th ASEAN-U.S. Summit Wednesday, October 27"
    assert _meetings(body) == [("ASEAN-Republic of Korea Summit", 22), ("ASEAN-U.S. Summit", 9)]


def test_english_ordinals_of_things_that_are_no_meetings():
    body = (
        "China being the first Dialogue Partner with the Strategic Partnership status; ASEM held its first Summit in "
        "the ASEAN region; a draft Political Declaration on the Occasion of the Thirtieth Anniversary of the Fourth "
        "World Conference on Women; The 17th East Asia Summit. Fourth ASEAN Ministerial Meeting on Women The cabinet"
    )
    assert _meetings(body) == [
        ("World Conference on Women", 4), ("East Asia Summit", 17), ("ASEAN Ministerial Meeting on Women", 4),
    ]
    # a compound ordinal is one number, not a "first" inside it
    body = "ของการประชุมรัฐมนตรีเศรษฐกิจอาเซียน - จีน ครั้งที่ 21 (The Twenty-First AEM-MOFCOM Consultation Joint Statement on Cooperation)"
    assert _meetings(body) == [("การประชุมรัฐมนตรีเศรษฐกิจอาเซียน - จีน", 21)]


def test_a_committee_named_after_the_people_it_helps_is_no_clause():
    body = (
        "เผยถึงผลการประชุมคณะกรรมการแก้ไขปัญหาผู้ที่ได้รับความเดือดร้อนจากการเสนอขายหรือขายสลากกินแบ่งรัฐบาล"
        "ในราคาเกินกว่าที่กำหนดในสลากกินแบ่งรัฐบาล ครั้งที่ 1/2565 สรุปสาระสำคัญ ดังนี้"
    )
    assert _meetings(body) == [(
        "การประชุมคณะกรรมการแก้ไขปัญหาผู้ที่ได้รับความเดือดร้อนจากการเสนอขายหรือขายสลากกินแบ่งรัฐบาล"
        "ในราคาเกินกว่าที่กำหนดในสลากกินแบ่งรัฐบาล", 1,
    )]
