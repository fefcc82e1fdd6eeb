import datetime as dt

import pytest

from transforms.thai_text import month_number, parse_int, parse_page_date, safe_date, to_arabic_digits, year_to_ce


def test_thai_digits_become_arabic_and_keep_length():
    text = "๒๖ พฤษภาคม ๒๕๖๔ ราคา ๑,๒๐๐"
    assert to_arabic_digits(text) == "26 พฤษภาคม 2564 ราคา 1,200"
    assert len(to_arabic_digits(text)) == len(text)
    assert parse_int("๕๐,๐๐๐") == 50000
    assert parse_int("๒5๖5") == 2565  # digits mixed inside one number


@pytest.mark.parametrize(
    ("written", "ce"),
    [(2564, 2021), (2568, 2025), (63, 2020), (67, 2024), (2020, 2020), (1999, 1999), (250, None)],
)
def test_years_are_converted_to_the_gregorian_calendar(written, ce):
    assert year_to_ce(written) == ce


def test_be_year_in_thai_digits():
    assert year_to_ce(parse_int("๒๕๖๔")) == 2021


@pytest.mark.parametrize(
    ("name", "month"),
    [("พฤษภาคม", 5), ("พ.ค.", 5), ("พ.ค", 5), ("พ. ค.", 5), ("ก.พ.", 2), ("ธ.ค.", 12), ("October", 10), ("OCTOBER", 10), ("Sept", 9), ("Sept.", 9), ("ตุลา", None), ("May be", None)],
)
def test_month_names(name, month):
    assert month_number(name) == month


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("28 พ.ค. 2564", dt.date(2021, 5, 28)),
        ("วันพุธที่ 3 กันยายน 2568", dt.date(2025, 9, 3)),
        ("03/09/2568", dt.date(2025, 9, 3)),
        ("08/09/2563", dt.date(2020, 9, 8)),
        ("๒๖ พฤษภาคม ๒๕๖๔", dt.date(2021, 5, 26)),
        ("March 22, 2023", dt.date(2023, 3, 22)),
        ("31 ก.พ. 2564", None),
        ("| 7,791 view", None),
    ],
)
def test_page_dates(line, expected):
    assert parse_page_date(line) == expected


def test_impossible_dates_are_none_not_errors():
    assert safe_date(2021, 2, 31) is None
    assert safe_date(2021, 13, 1) is None
