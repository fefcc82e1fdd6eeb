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
        (None, "Chai Wacharonke", "Government Spokesperson"),
        ("Gen.", "Prayut Chan-o-cha", "Prime Minister and Defense Minister"),
    ]
    assert _people("Chief Executive Officer of King Power International and the Head Office of Senior Officials Meeting") == []


def test_arabic_and_malay_names_with_bin_and_titles():
    body = (
        "นายปานปรีย์ พหิทธานุกร รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงการต่างประเทศ พบหารือทวิภาคีกับ ดร. มาจิด บิน "
        "อับดุลเลาะห์ อัลก็อซซอบี รัฐมนตรีว่าการกระทรวงพาณิชย์ซาอุดีอาระเบีย ณ National Competitiveness Center"
    )
    assert _people(body)[1] == ("ดร.", "มาจิด บิน อับดุลเลาะห์ อัลก็อซซอบี", "รัฐมนตรีว่าการกระทรวงพาณิชย์ซาอุดีอาระเบีย")
    # Bruneian titles before the name are titles; the father's titles after บิน are his name
    body = (
        "ณ ห้องสีงาช้าง ตึกไทยคู่ฟ้า ทำเนียบรัฐบาล นายเปองีรัน ฮาจี ซาฮารี บิน เปองีรัน ฮาจี ซัลเละฮ์ (Mr. Pengiran Haji "
        "Sahari bin Pengiran Haji Salleh) เอกอัครราชทูตบรูไนดารุสซาลามประจำประเทศไทย เข้าเยี่ยมคารวะ"
    )
    assert _people(body) == [("นายเปองีรัน ฮาจี", "ซาฮารี บิน เปองีรัน ฮาจี ซัลเละฮ์", "เอกอัครราชทูตบรูไนดารุสซาลามประจำประเทศไทย")]
    body = "นายดาตุก โจจี แซมูเอล เอกอัครราชทูตมาเลเซียประจำประเทศไทย เข้าพบ"
    assert _people(body) == [("นายดาตุก", "โจจี แซมูเอล", "เอกอัครราชทูตมาเลเซียประจำประเทศไทย")]


def test_transliteration_in_brackets_either_way_is_one_person():
    body = "ประธานเปิดงาน โดยมี H.E. Mr. Nagesh Singh (นายนาเกช ซิงห์) เอกอัครราชทูตอินเดียประจำประเทศไทย ให้เกียรติ"
    assert _people(body) == [("H.E. Mr.", "Nagesh Singh", "เอกอัครราชทูตอินเดียประจำประเทศไทย")]
    body = (
        "และนายแฟร์ดีนันด์ โรมูอัลเดซ มาร์โคส จูเนียร์ (Mr. Ferdinand Romualdez Marcos Jr.) ประธานาธิบดีฟิลิปปินส์ "
        "เข้าร่วมด้วย"
    )
    assert _people(body) == [("นาย", "แฟร์ดีนันด์ โรมูอัลเดซ มาร์โคส จูเนียร์", "ประธานาธิบดีฟิลิปปินส์")]


def test_role_title_before_a_transliterated_name():
    body = "ดร. นลินี ทวีสิน เข้าเยี่ยมคารวะและพบหารือนายกรัฐมนตรีเชค ฮาซีนา (Sheikh Hasina) แห่งบังกลาเทศ หารือแนวทาง"
    assert _people(body)[1] == (None, "เชค ฮาซีนา", "นายกรัฐมนตรี")
    # a bracketed gloss of a phrase is no transliterated name
    assert _people("นายกรัฐมนตรีกล่าวถึงตัวเลขภายในประเทศบ่งชี้ว่า จุดความร้อน (Hotspot) ในประเทศไทย") == []


def test_titles_glued_inside_other_words():
    assert _people("โดยหากฉีดเข็มกระตุ้นด้วยวัคซีนไฟเซอร์ สามารถเลือกฉีดแบบครึ่งโดสได้ ภายใต้ดุลยพินิจของแพทย์") == []
    assert _people("วัคซีนของไฟเซอร์ และโมเดอร์นา จำนวน 2 ล้านโดส และบริษัท ไฮเทค เซอร์วิส จำกัด") == []
    assert _people("สมัครกรมธรรม์ ธกส รักคุณ Easy Life ผ่านแอปพลิเคชัน BAACLife Online") == []
    assert _people("ร้านอาหารไทยแห่งนี้ ก่อตั้งโดยคุณ Mandeep Singh Johal พร้อม") == [("คุณ", "Mandeep Singh Johal", None)]
    assert _people("นางสาวพนิดา เขื่อนจินดา (ดินสอสี) นางสาวไทย ปี ๒๕๖๗ พร้อมด้วย")[-1][1] == "พนิดา เขื่อนจินดา"
    assert _people("หัวหน้าที่ปรึกษาระดับกระทรวง (นพ.ทรงคุณวุฒิ ระดับ 11) และประธานคณะกรรมการ") == []


def test_names_and_what_follows_them():
    # a verb glued to a given name seen in full before
    body = "นายอนุชา บูรพชัยศรี โฆษกประจำสำนักนายกรัฐมนตรี กล่าว\nนายอนุชาย้ำว่า ภาคการท่องเที่ยวกลับมา"
    assert _people(body) == [("นาย", "อนุชา บูรพชัยศรี", "โฆษกประจำสำนักนายกรัฐมนตรี")]
    # a family name ending in a word that is also a verb, right before the role
    body = "รองอธิบดีกรมตรวจบัญชีสหกรณ์ นายภัสชญภณ หมื่นแจ้ง รองอธิบดีกรมวิชาการเกษตร โดยมี"
    assert _people(body) == [("นาย", "ภัสชญภณ หมื่นแจ้ง", "รองอธิบดีกรมวิชาการเกษตร")]
    body = "โดยมีแพทย์หญิง จินตนา มโนรมย์ภัทรสาร แพทย์ผู้เชี่ยวชาญ เพื่อขยายตลาด"
    assert _people(body) == [("แพทย์หญิง", "จินตนา มโนรมย์ภัทรสาร", "แพทย์ผู้เชี่ยวชาญ")]
    body = "นางลลิตา อรรถพิมล ผู้อำนวยการสำนักงานศุลกากร และนางชนัยพร พูนน้อย นายด่านศุลกากรนครพนมให้การต้อนรับ"
    assert _people(body)[1] == ("นาง", "ชนัยพร พูนน้อย", "นายด่านศุลกากรนครพนม")
    body = "รัฐบาลซาบซึ้งในพระมหากรุณาธิคุณของสมเด็จพระราชาธิบดีแห่งบรูไนฯ และเจ้าชายอับดุล มาติน ที่เสด็จฯ เข้าร่วมการประชุม"
    assert _people(body) == [("เจ้าชาย", "อับดุล มาติน", None)]


def test_positions_joined_by_and_or_written_before_the_name():
    body = (
        "โดยมี น.ส.ธนนนท์ นิรามิษ ภริยารองนายกรัฐมนตรีและ รมว.มหาดไทย และที่ปรึกษาสมาคม และนายอนุทิน ชาญวีรกูล "
        "รองนายกรัฐมนตรีและ รมว.มหาดไทย"
    )
    assert _people(body) == [
        ("น.ส.", "ธนนนท์ นิรามิษ", "ภริยารองนายกรัฐมนตรีและ รมว.มหาดไทย"),
        ("นาย", "อนุทิน ชาญวีรกูล", "รองนายกรัฐมนตรีและ รมว.มหาดไทย"),
    ]
    body = "จึงได้เรียนเชิญเอกอัครราชทูตอินเดียประจำประเทศไทย Mrs. Suchitra Durai (มิสซิส สุจิตรา ดูไร) เป็นผู้แทนรับมอบ"
    assert _people(body) == [("Mrs.", "Suchitra Durai", "เอกอัครราชทูตอินเดียประจำประเทศไทย")]


def test_person_term_seed_is_well_formed():
    from transforms.thai_text import read_seed

    rows = read_seed("person_terms")
    kinds = {
        "latin_particle", "thai_particle", "thai_name_particle", "org_name_title", "english_noun_ending", "en_title_modifier",
        "phrase_word", "copula", "function_before",
    }
    assert {r["kind"] for r in rows} == kinds
    assert len({(r["term"], r["kind"]) for r in rows}) == len(rows)


def test_transliterated_names_spelled_out_in_brackets():
    body = (
        "ณ ห้องสีงาช้าง ตึกไทยคู่ฟ้า นางอานา มาเรีย ปริเอโต อาบัด (H.E. Mrs. Ana Maria Prieto Abad) "
        "เอกอัครราชทูตสาธารณรัฐโคลอมเบียประจำประเทศไทย เข้าเยี่ยมคารวะ"
    )
    assert _people(body) == [("นาง", "อานา มาเรีย ปริเอโต อาบัด", "เอกอัครราชทูตสาธารณรัฐโคลอมเบียประจำประเทศไทย")]
    body = "นายกรัฐมนตรีมาเลเซีย ดาโตะ เซอรี อันวาร์ อิบราฮิม (Dato’ Seri Anwar Ibrahim) นายกรัฐมนตรีมาเลเซีย กล่าว"
    assert _people(body) == [("ดาโตะ เซอรี", "อันวาร์ อิบราฮิม", "นายกรัฐมนตรีมาเลเซีย")]
    # a later mention in Latin script is the same person, named as first written
    body = (
        "ตามคำเชิญของ ดร.อับดุลเราะฮมาน อับดุลมานนัน อัล อะวาร์ (Dr.Abdulrahman Addulmannan Al Awar) รัฐมนตรีว่าการ"
        "กระทรวงทรัพยากรมนุษย์ ในประเด็นแรงงาน และได้เยี่ยมคารวะ Dr.Abdulrahman Addulmannan Al Awar รัฐมนตรีว่าการกระทรวงทรัพยากรมนุษย์"
    )
    assert [r[1] for r in _people(body)] == ["อับดุลเราะฮมาน อับดุลมานนัน อัล อะวาร์"]


def test_rank_qualifiers_and_titles_glued_after_honorific_words():
    body = "นายภูมิธรรม เวชยชัย รองนายกรัฐมนตรี/รัฐมนตรีว่าการกระทรวงกลาโหม ให้การต้อนรับ พลโท (อาวุโส) ฮวาง ซวน เจี๋ยน รัฐมนตรีช่วยว่าการกระทรวงกลาโหม"
    assert _people(body) == [
        ("นาย", "ภูมิธรรม เวชยชัย", "รองนายกรัฐมนตรี/รัฐมนตรีว่าการกระทรวงกลาโหม"),
        ("พลโท (อาวุโส)", "ฮวาง ซวน เจี๋ยน", "รัฐมนตรีช่วยว่าการกระทรวงกลาโหม"),
    ]
    body = "นายสุชาติ กล่าวว่า รัฐบาลไทย โดยท่านพล.อ.ประยุทธ์ จันทร์โอชา นายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงกลาโหม และกระทรวงแรงงาน"
    assert _people(body)[-1] == ("พล.อ.", "ประยุทธ์ จันทร์โอชา", "นายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงกลาโหม")


def test_headline_verbs_and_known_leaders_after_a_role():
    assert _people("รองนายกรัฐมนตรี พลเอก ประวิตร อนุมัติ (ร่าง) พ.ร.บ. การเปลี่ยนแปลงสภาพภูมิอากาศ") == [
        ("พลเอก", "ประวิตร", "รองนายกรัฐมนตรี")
    ]
    assert _people("ไทยหวังว่าประธานาธิบดีสี จิ้นผิง จะเดินทางมาเยือนไทยเพื่อเข้าร่วมการประชุม") == [(None, "สี จิ้นผิง", "ประธานาธิบดี")]
    assert _people("ในโอกาสนี้ นายอรุณ บุญชม จุฬาราชมนตรี นายวันมูหะมัดนอร์ มะทา ประธานสภาผู้แทนราษฎร") == [
        ("นาย", "อรุณ บุญชม", "จุฬาราชมนตรี"), ("นาย", "วันมูหะมัดนอร์ มะทา", "ประธานสภาผู้แทนราษฎร")
    ]
    body = "ได้พบหารือกับ Ms. FOO Chi Hsia ตำแหน่ง Assistant Chief Executive (International), Infocomm Media Development Authority"
    assert _people(body) == [("Ms.", "FOO Chi Hsia", "Assistant Chief Executive")]


def test_english_titles_with_of_the_to_and_a_list_of_people():
    body = (
        "Witnessing the signing were the Deputy Prime Minister and Minister of Energy Supattanapong Punmeechaow, "
        "Secretary-General to the Prime Minister Distat Hotrakitya, Secretary General of the National Economic and "
        "Social Development Council Danucha Pichayanan, Secretary General of the Thailand Board of Investment "
        "Duangjai Asawachintachit and PTT’s Chairman Thosaporn Sirisumphand, as well as executives."
    )
    assert _people(body) == [
        (None, "Supattanapong Punmeechaow", "Deputy Prime Minister and Minister of Energy"),
        (None, "Distat Hotrakitya", "Secretary-General to the Prime Minister"),
        (None, "Danucha Pichayanan", "Secretary General of the National Economic and Social Development Council"),
        (None, "Duangjai Asawachintachit", "Secretary General of the Thailand Board of Investment"),
        (None, "Thosaporn Sirisumphand", "PTT’s Chairman"),
    ]
    # a place or body after "of the" is no name; a title-case word before a role belongs to it
    assert _people("Attending the ceremony were the House Speaker, President of the Supreme Court, Presidents of") == []
    body = "hosted by Chinese President Xi Jinping and spouse. July 2, 2024, Deputy Government Spokesperson Chai Wacharonke disclosed"
    assert _people(body) == [
        (None, "Xi Jinping", "Chinese President"),
        (None, "Chai Wacharonke", "Deputy Government Spokesperson"),
    ]


def test_english_names_sharing_a_title_and_titles_after_a_possessive():
    body = (
        "Participating in the ceremony were Minister Attached to Prime Minister’s Office Puangpetch Chunla-ead, "
        "Prime Minister’s Deputy Secretary Generals for Political Affairs Somkid Cheukhong / Chakraphol "
        "Tangsutthitham / Pongsaran Assawachaisophon, Prime Minister’s advisors, and political officials."
    )
    position = "Prime Minister’s Deputy Secretary Generals for Political Affairs"
    assert _people(body) == [
        (None, "Puangpetch Chunla-ead", "Minister Attached to Prime Minister’s Office"),
        (None, "Somkid Cheukhong", position),
        (None, "Chakraphol Tangsutthitham", position),
        (None, "Pongsaran Assawachaisophon", position),
    ]


def test_english_title_before_an_honorific_wins_over_the_next_persons_title():
    body = (
        "Participating in the meeting were Deputy Prime Minister Gen. Prawit Wongsuwon, Deputy Prime Minister and "
        "Energy Minister Supattanapong Punmeechaow, and other concerned ministers."
    )
    assert _people(body) == [
        ("Gen.", "Prawit Wongsuwon", "Deputy Prime Minister"),
        (None, "Supattanapong Punmeechaow", "Deputy Prime Minister and Energy Minister"),
    ]


def test_royal_and_arab_styles_and_a_full_stop_after_a_name():
    body = (
        "He also conveyed his humble wish to His Majesty King Willem-Alexander. Thailand and the Netherlands have "
        "forged close relations. This will be the first state visit upon an invitation of His Majesty Jigme Khesar "
        "Namgyel Wangchuck, King of Bhutan. His Majesty Haitham bin Tariq, Sultan and Prime Minister of the Sultanate "
        "of Oman, Sheikh Mohammed bin Abdulrahman bin Jassim Al Thani, Prime Minister and Minister of Foreign Affairs "
        "of the State of Qatar, attended."
    )
    assert _people(body) == [
        ("His Majesty King", "Willem-Alexander", None),
        ("His Majesty", "Jigme Khesar Namgyel Wangchuck", "King of Bhutan"),
        ("His Majesty", "Haitham bin Tariq", "Sultan and Prime Minister of the Sultanate of Oman"),
        ("Sheikh", "Mohammed bin Abdulrahman bin Jassim Al Thani", "Prime Minister and Minister of Foreign Affairs of the State of Qatar"),
    ]


def test_a_list_of_names_shares_the_role_after_the_last_but_pairs_do_not():
    body = (
        "โดยเข้าร่วมการประชุมหารือกับนายปกรณ์ มุ่งเจริญพร นายเรืองวิทย์ คูณวัฒนาพงษ์ และนายล้ำเลิศ พัวพัฒนโชติ "
        "สมาชิกสภาผู้แทนราษฎรในพื้นที่ และผู้นำองค์กรปกครองส่วนท้องถิ่น"
    )
    mp = "สมาชิกสภาผู้แทนราษฎร"
    assert _people(body) == [
        ("นาย", "ปกรณ์ มุ่งเจริญพร", mp), ("นาย", "เรืองวิทย์ คูณวัฒนาพงษ์", mp), ("นาย", "ล้ำเลิศ พัวพัฒนโชติ", mp),
    ]
    body = (
        "หารือกับคณะผู้บริหาร Panacee Group ประกอบด้วย นายวิษณุและนางศิริญา เทพเจริญ และแพทย์หญิง จินตนา "
        "มโนรมย์ภัทรสาร แพทย์ผู้เชี่ยวชาญ เพื่อขยายตลาด"
    )
    assert [p for _, _, p in _people(body)] == [None, None, "แพทย์ผู้เชี่ยวชาญ"]


def test_family_names_that_end_in_a_role_word_or_hold_a_particle():
    body = (
        "โอกาสนี้ มีนายธีรัชย์ อัตนวานิช ประธานกรรมการธนาคารออมสิน นางวรนุช ภู่อิ่ม และนายปกรณ์ พรรธนะแพทย์ "
        "กรรมการธนาคารออมสิน ร่วมด้วย"
    )
    assert _people(body) == [
        ("นาย", "ธีรัชย์ อัตนวานิช", "ประธานกรรมการธนาคารออมสิน"),
        ("นาง", "วรนุช ภู่อิ่ม", "กรรมการธนาคารออมสิน"),
        ("นาย", "ปกรณ์ พรรธนะแพทย์", "กรรมการธนาคารออมสิน"),
    ]
    body = "โดยมี นายแร็มโก โยฮันเนิส ฟัน ไวน์คาร์เดิน เอกอัครราชทูตเนเธอร์แลนด์ประจำประเทศไทย ให้เกียรติต้อนรับ"
    assert _people(body) == [("นาย", "แร็มโก โยฮันเนิส ฟัน ไวน์คาร์เดิน", "เอกอัครราชทูตเนเธอร์แลนด์ประจำประเทศไทย")]


def test_a_title_before_a_name_newmm_does_not_read_as_a_word():
    # นายเรือ (a naval officer) is listed as a false start, but newmm cuts นาย|เรือง here
    body = "กับนายปกรณ์ มุ่งเจริญพร นายเรืองวิทย์ คูณวัฒนาพงษ์ และผู้นำท้องถิ่น"
    assert ("นาย", "เรืองวิทย์ คูณวัฒนาพงษ์", None) in _people(body)
    body = "โดยมีนายปรีดา ยังสุขสถาพร ผู้อำนวยการองค์การสะพานปลา เรือโท ดอกเตอร์ ชำนาญ ไชยฤทธิ์ รองผู้อำนวยการการท่าเรือแห่งประเทศไทย"
    assert _people(body)[1] == ("เรือโท ดอกเตอร์", "ชำนาญ ไชยฤทธิ์", "รองผู้อำนวยการการท่าเรือแห่งประเทศไทย")


def test_a_role_title_before_a_name_gives_way_to_the_role_spelled_out_after_it():
    body = "รมช.ประภัตร โพธสุธน รัฐมนตรีช่วยว่าการกระทรวงเกษตรและสหกรณ์ ลงพื้นที่ตรวจเยี่ยมท่าเรือพาณิชย์เชียงแสน"
    assert _people(body) == [(None, "ประภัตร โพธสุธน", "รัฐมนตรีช่วยว่าการกระทรวงเกษตรและสหกรณ์")]


def test_a_latin_name_in_brackets_after_a_thai_name_is_the_same_person():
    body = "ดร. นลินี ทวีสิน เข้าเยี่ยมคารวะและพบหารือนายกรัฐมนตรีเชค ฮาซีนา (Sheikh Hasina) แห่งบังกลาเทศ หารือแนวทาง"
    assert [name for _, name, _ in _people(body)] == ["นลินี ทวีสิน", "เชค ฮาซีนา"]
