"""Acronym definitions: sentences from thaigov releases and the dev gold set."""

import datetime as dt

import pytest

from transforms.extract import acronyms
from transforms.extract.context import DocContext


def _rows(body: str) -> list[dict]:
    rows = acronyms.extract(DocContext("t", None, body, dt.date(2021, 5, 28), ()))
    for row in rows:
        assert body[row["char_start"]:row["char_end"]] == row["surface"]
    return rows


def _pairs(body: str) -> list[tuple[str, str]]:
    return [(r["short"], r["long"]) for r in _rows(body)]


def test_latin_long_form_and_short_inside_brackets_after_a_thai_name():
    body = (
        "โดยญี่ปุ่นยืนยันการสนับสนุนเงินจำนวน ๕๐ ล้านดอลลาร์สหรัฐในการจัดตั้งศูนย์อาเซียนด้านภาวะฉุกเฉินทางสาธารณสุขและโรคอุบัติใหม่ "
        "(ASEAN Centre for Public Health Emergencies and Emerging Diseases: ACPHEED) และจะประกาศแผน"
    )
    [row] = _rows(body)
    assert (row["short"], row["long"]) == ("ACPHEED", "ASEAN Centre for Public Health Emergencies and Emerging Diseases")
    assert row["surface"].startswith("(ASEAN Centre") and row["rule"]


@pytest.mark.parametrize(
    ("body", "pair"),
    [
        ("ผ่านศูนย์อาเซียนเพื่อการศึกษาและการหารือด้านการพัฒนาที่ยั่งยืน (ASEAN Centre for Sustainable Development Studies "
         "and Dialogue : ACSDSD) ในไทย",
         ("ACSDSD", "ASEAN Centre for Sustainable Development Studies and Dialogue")),
        ("เศรษฐกิจสีเขียว (Bio-Circular-Green Economy Model: BCG) กับยุทธศาสตร์", ("BCG", "Bio-Circular-Green Economy Model")),
        ("การประชุมคณะกรรมการร่วมทางการค้า (Joint Trade Committee: JTC) ไทย-เคนยา ครั้งที่ 1", ("JTC", "Joint Trade Committee")),
        ("เลขานุการคณะกรรมการชายแดนทั่วไป (General Border Committee – GBC) ของฝ่ายไทย", ("GBC", "General Border Committee")),
        ("อุตสาหกรรมไมซ์ (MICE : Meeting, Incentive, Convention and Exhibition) หรือกลุ่มธุรกิจ",
         ("MICE", "Meeting, Incentive, Convention and Exhibition")),
        # The ordinal names one meeting, not what the acronym stands for.
        ("ครั้งที่ 23 (The 23rd Meeting of the Australia – Thailand Joint Working Group on Agriculture หรือ JWG) ในวันที่",
         ("JWG", "Australia – Thailand Joint Working Group on Agriculture")),
    ],
)
def test_long_and_short_inside_brackets(body, pair):
    assert _pairs(body) == [pair]


@pytest.mark.parametrize(
    ("body", "pair"),
    [
        ("เป็นประธานร่วมการประชุม Joint Meeting between Japan and Thailand on Japan-Thailand Partnership Programme "
         "Phase 3 (JTPP3) ครั้งที่ ๑", ("JTPP3", "Japan-Thailand Partnership Programme Phase 3")),
        ("ร่วมการประชุม APT Policy and Regulatory Forum หรือ PRF เป็นการประชุมประจำปี", ("PRF", "APT Policy and Regulatory Forum")),
        ("ตั้งชื่อว่า One Tambon One Product หรือ OTOP หรือ 1 ตำบลหนึ่งผลิตภัณฑ์", ("OTOP", "One Tambon One Product")),
        ("investment in the Eastern Economic Corridor (EEC), whereas Thai investors", ("EEC", "Eastern Economic Corridor")),
        ("ตามแนวทาง ESG (Environmental, Social, and Governance) นอกจากนี้", ("ESG", "Environmental, Social, and Governance")),
        ("the Central Committee on Prices of Goods and Services (CCP) approved", ("CCP", "Central Committee on Prices of Goods and Services")),
    ],
)
def test_latin_long_form_before_or_after_the_acronym(body, pair):
    assert _pairs(body) == [pair]


@pytest.mark.parametrize(
    ("body", "pair"),
    [
        ("และคณะกรรมการศูนย์เฉพาะกิจบริหารสถานการณ์ชายแดนไทย–กัมพูชา (ศบ.ทก.) สรุปสถานการณ์ชายแดน",
         ("ศบ.ทก.", "ศูนย์เฉพาะกิจบริหารสถานการณ์ชายแดนไทย–กัมพูชา")),
        ("ตามที่กระทรวงคมนาคม (คค.) เสนอ", ("คค.", "กระทรวงคมนาคม")),
        ("“ล่าสุดขณะนี้ กรมป้องกันและบรรเทาสาธารณภัย (ปภ.) ได้จัดส่งเจ้าหน้าที่", ("ปภ.", "กรมป้องกันและบรรเทาสาธารณภัย")),
        ("ได้ร่วมกับสำนักงานคณะกรรมการป้องกันและปราบปรามยาเสพติด (ป.ป.ส.) และ", ("ป.ป.ส.", "สำนักงานคณะกรรมการป้องกันและปราบปรามยาเสพติด")),
        ("ตามที่กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม (อว.) เสนอ", ("อว.", "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม")),
        ("สนับสนุนด้านสินเชื่อ โดยธนาคารออมสินและธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร (ธ.ก.ส.) ได้มีโครงการ",
         ("ธ.ก.ส.", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร")),
        ("ได้มอบหมายให้ บริษัท ท่าอากาศยานไทย จำกัด (มหาชน) (ทอท.) ดำเนินการ", ("ทอท.", "บริษัท ท่าอากาศยานไทย จำกัด (มหาชน)")),
        ("ขอให้แจ้งมาที่ ศูนย์เร่งรัดจัดการสวัสดิภาพประชาชน หรือ ศรส. กระทรวง พม.", ("ศรส.", "ศูนย์เร่งรัดจัดการสวัสดิภาพประชาชน")),
    ],
)
def test_thai_long_form_with_thai_abbreviation(body, pair):
    assert _pairs(body) == [pair]


def test_shared_word_before_the_abbreviation():
    body = "โดยมีว่าที่ร้อยตรี ธนุ วงษ์จินดา เลขาธิการคณะกรรมการการศึกษาขั้นพื้นฐาน (เลขาธิการ กพฐ.) นักเคมี"
    [row] = _rows(body)
    assert (row["short"], row["long"]) == ("กพฐ.", "คณะกรรมการการศึกษาขั้นพื้นฐาน")
    assert row["surface"] == "คณะกรรมการการศึกษาขั้นพื้นฐาน (เลขาธิการ กพฐ.)"


@pytest.mark.parametrize(
    ("body", "pair"),
    [
        ("มีข้อเท็จจริงเพิ่มเติมที่สำคัญคือ องค์การอนามัยโลก (WHO) โดยหัวหน้านักวิทยาศาสตร์", ("WHO", "องค์การอนามัยโลก")),
        ("ภายใต้ความตกลงเขตการค้าเสรีอาเซียน (AFTA) และคณะรัฐมนตรี", ("AFTA", "ความตกลงเขตการค้าเสรีอาเซียน")),
        ("สำนักงานส่งเสริมเศรษฐกิจดิจิทัล สถาบันข้อมูลขนาดใหญ่ (องค์การมหาชน) (BDI) และ", ("BDI", "สถาบันข้อมูลขนาดใหญ่ (องค์การมหาชน)")),
        ("สืบเนื่องจากสถานการณ์การแพร่ระบาดของโรคติดเชื้อไวรัสโคโรนา 2019 (COVID-19) ซึ่ง", ("COVID-19", "โรคติดเชื้อไวรัสโคโรนา 2019")),
    ],
)
def test_thai_long_form_with_latin_acronym(body, pair):
    assert _pairs(body) == [pair]


def test_latin_long_form_is_preferred_over_a_thai_one():
    body = (
        "ได้ร่วมการประชุมสุดยอดความตกลงหุ้นส่วนทางเศรษฐกิจระดับภูมิภาค ครั้งที่ 4 (Regional Comprehensive Economic "
        "Partnership: RCEP) ซึ่งเป็นหนึ่งในการประชุม\nหลังจากนั้น นายกรัฐมนตรีได้เข้าร่วมพิธีลงนามความตกลงหุ้นส่วนทางเศรษฐกิจระดับภูมิภาค (RCEP) โดยผู้แทน"
    )
    assert _pairs(body) == [("RCEP", "Regional Comprehensive Economic Partnership")]


def test_long_form_whitespace_is_collapsed():
    body = "ร่างถ้อยแถลงร่วมรัฐมนตรี (Japan-U.S.   Mekong\nPower Partnership: JUMPP) เป็นการแสดงเจตนารมณ์"
    assert _pairs(body) == [("JUMPP", "Japan-U.S. Mekong Power Partnership")]


@pytest.mark.parametrize(
    "body",
    [
        "จะมีการประชุมรัฐมนตรีต่างประเทศอาเซียน ครั้งที่ 53 ผ่านระบบการประชุมทางไกล (Video Conference) ซึ่ง",
        "ลงนามในความตกลงยานยนต์ถนนสามฝ่าย (IMT Motor Vehicle Agreement) ในโอกาสแรก",
        "คณะกรรมการนโยบายพัฒนาโคเนื้อ-กระบือ และผลิตภัณฑ์แห่งชาติ (Beef Board) ครั้งที่ 2/2564",
        "เสนอแนวทางความร่วมมือ ๓ ด้าน ได้แก่ (๑) การเปลี่ยนผ่านสู่ดิจิทัล (2) การเติบโตสีเขียว (2567)",
        "ระบบกำจัดซัลเฟอร์ไดออกไซด์ (SO2) และสายพันธุ์ A (H1N1)",  # chemical formulas, strain codes
        "ระยะทางรวม (กม.) และน้ำหนัก (กก.)",  # units
        "โดยที่การประชุม PRF ครั้งล่าสุด (PRF-22) จัดขึ้นเมื่อ",  # an edition of PRF, not its definition
        "แห่งสหรัฐอเมริกา (ยูเอสเอด)",  # a Thai transliteration is no abbreviation
        "ร้านแรกเป็นร้านเบญจรงค์ (Benjarong) รัฐดูไบ",
        "to the Government Complex Station (PK12), and get off",  # a station code, not spelled by its name
    ],
)
def test_not_acronym_definitions(body):
    assert _rows(body) == []


def test_rows_carry_every_schema_column():
    [row] = _rows("ผ่านกองทุน Japan ASEAN Integration Fund (JAIF) สำหรับการศึกษา")
    assert set(row) == {"surface", "char_start", "char_end", "short", "long", "rule"}
    assert (row["short"], row["long"]) == ("JAIF", "Japan ASEAN Integration Fund")


def test_a_thai_long_form_ending_with_its_country():
    body = (
        "เร่งติดตามงานเจรจากับกระทรวงศุลกากรแห่งชาติของจีน (GACC) ซึ่งในช่วงที่เยือนจีน ได้มีการเจรจาและทำความตกลงกับ"
        "กระทรวงศุลกากรจีน (GACC) เพื่อแก้ไขปัญหา"
    )
    assert _pairs(body) == [("GACC", "กระทรวงศุลกากรแห่งชาติของจีน")]  # one acronym, one reading: the first
    assert _pairs("ร่วมกับองค์การส่งเสริมการค้าและการลงทุนของรัฐบาลเกาหลีใต้ (KOTRA) จัดงาน") == [
        ("KOTRA", "องค์การส่งเสริมการค้าและการลงทุนของรัฐบาลเกาหลีใต้")
    ]
    # a head word used as a common noun (ความตกลงกับ…) does not start the name
    assert _pairs("ได้มีการเจรจาและทำความตกลงกับกระทรวงศุลกากรจีน (GACC) เพื่อแก้ไขปัญหา") == [("GACC", "กระทรวงศุลกากรจีน")]


def test_meetings_named_before_a_latin_acronym():
    body = "เป็นประธานร่วมในการประชุมร่วมนายกรัฐมนตรีและรัฐมนตรีอย่างไม่เป็นทางการ (JCR) ไทย - เวียดนาม"
    assert _pairs(body) == [("JCR", "การประชุมร่วมนายกรัฐมนตรีและรัฐมนตรีอย่างไม่เป็นทางการ")]
    # the acronym names the working group that meets, not its meeting
    assert _pairs("และการประชุมคณะทำงานด้านมหาสมุทรและการประมง (OFWG) ครั้งที่ 19") == [
        ("OFWG", "คณะทำงานด้านมหาสมุทรและการประมง")
    ]
    # a Thai abbreviation still names the committee
    assert _pairs("การประชุมคณะกรรมการส่งเสริมวิสาหกิจเพื่อสังคม (สวส.) ครั้งที่ 3") == [
        ("สวส.", "คณะกรรมการส่งเสริมวิสาหกิจเพื่อสังคม")
    ]


@pytest.mark.parametrize(
    ("body", "pair"),
    [
        ("ระหว่างงานการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 5 (The 5th ASEAN Digital Ministers’ Meeting: The 5th ADGMIN) และ",
         ("ADGMIN", "ASEAN Digital Ministers’ Meeting")),
        ("ครั้งที่ 27 (The 27th ASEAN Labour Ministers’ Meeting: ALMM) ณ", ("ALMM", "ASEAN Labour Ministers’ Meeting")),
    ],
)
def test_an_edition_number_is_no_part_of_either_form(body, pair):
    assert _pairs(body) == [pair]


def test_model_codes_are_not_acronyms():
    assert _rows("เปิดตัวเครื่องรุ่นล่าสุด (CDA5B1) และ") == []


def test_acronym_term_seed_is_well_formed():
    from transforms.thai_text import read_seed

    rows = read_seed("acronym_terms")
    kinds = {"head", "latin_head", "break", "latin_break", "leading", "unit", "after_common_noun"}
    assert {r["kind"] for r in rows} == kinds
    assert len({(r["term"], r["kind"]) for r in rows}) == len(rows)


def test_plus_in_an_acronym():
    body = (
        "เดินทางร่วมการประชุมรัฐมนตรีว่าการกระทรวงการคลังและผู้ว่าการธนาคารกลางอาเซียน+3 (ASEAN+3 Finance Ministers’ "
        "and Central Bank Governors’ Meeting: AFMGM+3) ครั้งที่ 26"
    )
    assert _pairs(body) == [("AFMGM+3", "ASEAN+3 Finance Ministers’ and Central Bank Governors’ Meeting")]


@pytest.mark.parametrize(
    ("body", "pair"),
    [
        ("ในรายงานการค้ามนุษย์ (Trafficking in Persons Report: TIP Report) ประจำปี 2564", ("TIP Report", "Trafficking in Persons Report")),
        ("เศรษฐกิจสีเขียว (Bio-Circular-Green Economy Model: BCG Model) และ", ("BCG Model", "Bio-Circular-Green Economy Model")),
        ("ครั้งที่ 78 (78th Session of the United Nations General Assembly: UNGA 78) ณ นครนิวยอร์ก",
         ("UNGA 78", "United Nations General Assembly")),
    ],
)
def test_an_acronym_written_with_words_of_its_long_form(body, pair):
    assert _pairs(body) == [pair]
    # two acronyms side by side are no definition
    assert _rows("ปี ๒๕๖๔ (The 1st ASEAN ADGSOM – ATRC Leaders’ Retreat of 2021) ที่จะ") == []


def test_latin_long_forms_with_ampersands_and_edition_years():
    body = (
        "granted by The United States Olympic & Paralympic Committee (USOPC) Affiliate Organizations Council. "
        "to attend the High-Level Political Forum on Sustainable Development 2025 (HLPF2025). This is a timely opportunity."
    )
    assert _pairs(body) == [
        ("USOPC", "United States Olympic & Paralympic Committee"),
        ("HLPF2025", "High-Level Political Forum on Sustainable Development 2025"),
    ]


def test_thai_long_form_or_latin_acronym():
    body = (
        "นายพิชัย เปิดเผยว่า ธุรกิจขนาดกลางและขนาดย่อม หรือ SMEs ถือเป็นฟันเฟืองสำคัญ "
        "โดยจะมีการลงนามข้อตกลงความร่วมมือ หรือ MOU ในการทำงานร่วมกัน"
    )
    assert _pairs(body) == [("SMEs", "ธุรกิจขนาดกลางและขนาดย่อม"), ("MOU", "ข้อตกลงความร่วมมือ")]
    # the acronym opens a longer Latin name, or no organisation word opens the Thai phrase
    body = (
        "ทั้งนี้ ศูนย์ป้องกันควบคุมโรคสหรัฐอเมริกา หรือ US CDC ได้ออกประกาศ และสาขาทั่วประเทศ หรือ GHBank ALL "
        "การคุ้มครองผู้บริโภค หรือ OCPB"
    )
    assert _pairs(body) == []


def test_short_form_whose_letters_pick_out_words_of_the_bracket():
    body = (
        "ผ่านความร่วมมือในโครงการ P4I-MOT (Project on Expanding Transport Cooperation through Partnerships for "
        "Infrastructure and the Ministry of Transport) ที่ให้ความช่วยเหลือทางเทคนิค"
    )
    assert _pairs(body) == [(
        "P4I-MOT",
        "Project on Expanding Transport Cooperation through Partnerships for Infrastructure and the Ministry of Transport",
    )]
