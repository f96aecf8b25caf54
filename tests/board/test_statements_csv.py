from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from board import BoardError, Category, ParsedImport, Person, RefusedRow, parse_statements
from board.values import NewStatement

DEMO = Path(__file__).parents[2] / "server" / "demo" / "copd-reviews.csv"
HEADER = "review,person,category,priority,statement"
GOOD = "R01,patient,working,1,I like my nurse."
WORKING_1 = NewStatement(
    category=Category.WORKING, text="I like my nurse.", review="R01", person=Person.PATIENT
)


def lines(*rows: str, end: str = "\n") -> str:
    return end.join(rows) + end


# --- the demo file -----------------------------------------------------------


def test_demo_file_gives_280_statements_and_refuses_none() -> None:
    parsed = parse_statements(DEMO.read_text(encoding="utf-8"))
    assert len(parsed.statements) == 280
    assert parsed.refused == ()


def test_demo_file_counts_by_category() -> None:
    parsed = parse_statements(DEMO.read_text(encoding="utf-8"))
    assert parsed.by_category == {
        Category.WORKING: 94,
        Category.NOT_WORKING: 95,
        Category.FUTURE: 91,
    }


def test_demo_file_counts_priorities_and_carers_as_its_readme_says() -> None:
    parsed = parse_statements(DEMO.read_text(encoding="utf-8"))
    priorities = [s.priority for s in parsed.statements]
    assert (priorities.count(1), priorities.count(2), priorities.count(3)) == (40 * 3, 40 * 3, 40)
    carers = sorted({str(s.review) for s in parsed.statements if s.person == Person.CARER})
    assert carers == ["R04", "R09", "R13", "R18", "R22", "R27", "R33", "R38"]
    assert sum(s.person == Person.CARER for s in parsed.statements) == 16


def test_demo_file_first_statement_is_read_exactly() -> None:
    parsed = parse_statements(DEMO.read_text(encoding="utf-8"))
    assert parsed.statements[0] == NewStatement(
        category=Category.WORKING,
        text="I like that I can see the same doctor most of the time.",
        review="R01",
        person=Person.PATIENT,
        priority=1,
    )


def test_demo_file_with_bom_and_crlf_reads_the_same() -> None:
    text = DEMO.read_text(encoding="utf-8")
    excel = "\ufeff" + text.replace("\n", "\r\n")
    assert parse_statements(excel) == parse_statements(text)


# --- good rows ---------------------------------------------------------------


def test_a_good_row_becomes_a_new_statement() -> None:
    parsed = parse_statements(lines(HEADER, GOOD))
    assert parsed == ParsedImport(statements=(WORKING_1,), refused=())


@pytest.mark.parametrize(
    ("written", "category"),
    [
        ("working", Category.WORKING),
        ("Working", Category.WORKING),
        ("WORKING", Category.WORKING),
        ("what's working", Category.WORKING),
        ("What’s Working", Category.WORKING),
        ("not working", Category.NOT_WORKING),
        ("Not Working", Category.NOT_WORKING),
        ("what's not working", Category.NOT_WORKING),
        ("not-working", Category.NOT_WORKING),
        ("NOT-WORKING", Category.NOT_WORKING),
        ("not  working", Category.NOT_WORKING),
        ("future", Category.FUTURE),
        ("important for the future", Category.FUTURE),
        ("What's important for the future", Category.FUTURE),
    ],
)
def test_categories_and_their_synonyms_ignore_case(written: str, category: Category) -> None:
    parsed = parse_statements(lines(HEADER, f"R01,patient,{written},1,Words."))
    assert [s.category for s in parsed.statements] == [category]
    assert parsed.refused == ()


@pytest.mark.parametrize(
    ("written", "person"), [("carer", Person.CARER), ("Patient", Person.PATIENT)]
)
def test_person_ignores_case(written: str, person: Person) -> None:
    parsed = parse_statements(lines(HEADER, f"R01,{written},future,2,Words."))
    assert [s.person for s in parsed.statements] == [person]


def test_fields_are_trimmed() -> None:
    parsed = parse_statements(lines(HEADER, " R01 , patient , working , 1 ,  I like my nurse.  "))
    assert parsed.statements == (WORKING_1,)


def test_header_ignores_case_and_spaces() -> None:
    parsed = parse_statements(lines(" Review, PERSON ,Category,Priority , Statement", GOOD))
    assert parsed.statements == (WORKING_1,)


def test_limits_themselves_are_allowed() -> None:
    text = "x" * 600
    parsed = parse_statements(lines(HEADER, f"{'R' * 20},carer,future,99,{text}"))
    assert parsed.refused == ()
    assert parsed.statements == (
        NewStatement(
            category=Category.FUTURE, text=text, review="R" * 20, person=Person.CARER, priority=99
        ),
    )


def test_priority_three_and_more_is_kept() -> None:
    parsed = parse_statements(lines(HEADER, "R01,patient,working,7,Extra words."))
    assert [s.priority for s in parsed.statements] == [7]


def test_by_category_lists_every_category_even_when_empty() -> None:
    parsed = parse_statements(lines(HEADER, GOOD))
    assert parsed.by_category == {Category.WORKING: 1, Category.NOT_WORKING: 0, Category.FUTURE: 0}


def test_parsed_import_is_frozen() -> None:
    parsed = parse_statements(lines(HEADER, GOOD))
    with pytest.raises(ValidationError):
        parsed.statements = ()  # type: ignore[misc]


# --- refused rows ------------------------------------------------------------

CATEGORY_REASON = 'The category "maybe" is not one of: working, not working, future.'


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("R01,patient,maybe,1,Words.", CATEGORY_REASON),
        ("R01,patient,,1,Words.", 'The category "" is not one of: working, not working, future.'),
        ("R01,nurse,working,1,Words.", 'The person "nurse" is not one of: patient, carer.'),
        ("R01,,working,1,Words.", 'The person "" is not one of: patient, carer.'),
        ("R01,patient,working,0,Words.", 'The priority "0" is not a whole number from 1 to 99.'),
        ("R01,patient,working,-1,Words.", 'The priority "-1" is not a whole number from 1 to 99.'),
        (
            "R01,patient,working,1.5,Words.",
            'The priority "1.5" is not a whole number from 1 to 99.',
        ),
        (
            "R01,patient,working,two,Words.",
            'The priority "two" is not a whole number from 1 to 99.',
        ),
        (
            "R01,patient,working,100,Words.",
            'The priority "100" is not a whole number from 1 to 99.',
        ),
        ("R01,patient,working,,Words.", 'The priority "" is not a whole number from 1 to 99.'),
        ("R01,patient,working,1,", "The statement is empty."),
        ('R01,patient,working,1,"   "', "The statement is empty."),
        ("R01,patient,working,1," + "x" * 601, "The statement is longer than 600 characters."),
        (",patient,working,1,Words.", "The review code is missing."),
        ("R" * 21 + ",patient,working,1,Words.", "The review code is longer than 20 characters."),
        ("R01,patient,working,1", "This row has 4 columns but needs 5."),
        ("R01", "This row has 1 columns but needs 5."),
        (
            "R01,patient,working,1,Tea, and cake.",
            "This row has 6 columns but needs 5."
            " Put a statement that has a comma in double quotes.",
        ),
        (
            "R01,doctor,maybe,0,",
            'The person "doctor" is not one of: patient, carer. '
            + CATEGORY_REASON
            + ' The priority "0" is not a whole number from 1 to 99. The statement is empty.',
        ),
    ],
)
def test_bad_row_is_refused_with_its_line_and_reason(row: str, reason: str) -> None:
    parsed = parse_statements(lines(HEADER, GOOD, row, GOOD))
    assert parsed.refused == (RefusedRow(line=3, reason=reason),)
    assert parsed.statements == (WORKING_1, WORKING_1)


def test_each_bad_row_is_refused_on_its_own() -> None:
    parsed = parse_statements(
        lines(HEADER, "R01,patient,maybe,1,A.", GOOD, "R02,nurse,working,1,B.", GOOD)
    )
    assert parsed.refused == (
        RefusedRow(line=2, reason=CATEGORY_REASON),
        RefusedRow(line=4, reason='The person "nurse" is not one of: patient, carer.'),
    )
    assert len(parsed.statements) == 2


def test_a_file_with_only_bad_rows_refuses_them_all() -> None:
    parsed = parse_statements(lines(HEADER, "R01,patient,maybe,1,A."))
    assert parsed == ParsedImport(
        statements=(), refused=(RefusedRow(line=2, reason=CATEGORY_REASON),)
    )


# --- line endings, BOM, Excel -------------------------------------------------


def test_crlf_and_bom_give_the_same_result_as_lf() -> None:
    rows = (HEADER, GOOD, "R01,patient,maybe,1,A.", GOOD)
    assert parse_statements("\ufeff" + lines(*rows, end="\r\n")) == parse_statements(lines(*rows))
    assert parse_statements("\ufeff" + lines(*rows, end="\r\n")).refused == (
        RefusedRow(line=3, reason=CATEGORY_REASON),
    )


def test_last_row_without_a_line_ending_is_read() -> None:
    parsed = parse_statements(HEADER + "\n" + GOOD)
    assert parsed.statements == (WORKING_1,)


def test_excel_trailing_empty_columns_and_blank_rows_are_ignored() -> None:
    text = "\ufeff" + lines(
        HEADER + ",,",
        GOOD + ",,",
        ",,,,,,",
        "R01,patient,maybe,1,A.,,",
        end="\r\n",
    )
    parsed = parse_statements(text)
    assert parsed.statements == (WORKING_1,)
    assert parsed.refused == (RefusedRow(line=4, reason=CATEGORY_REASON),)


def test_empty_lines_are_skipped_but_still_counted() -> None:
    parsed = parse_statements(lines(HEADER, "", GOOD, "   ", "", "R01,patient,maybe,1,A."))
    assert parsed.statements == (WORKING_1,)
    assert parsed.refused == (RefusedRow(line=6, reason=CATEGORY_REASON),)


def test_an_extra_non_empty_column_is_refused() -> None:
    parsed = parse_statements(lines(HEADER, GOOD + ",x"))
    assert parsed.refused == (
        RefusedRow(
            line=2,
            reason="This row has 6 columns but needs 5."
            " Put a statement that has a comma in double quotes.",
        ),
    )


# --- quoting -----------------------------------------------------------------


def test_quoted_field_keeps_commas_and_doubled_quotes() -> None:
    row = 'R04,patient,not working,2,"A nurse told me to ""just get on with it"", and that hurt."'
    parsed = parse_statements(lines(HEADER, row))
    assert [s.text for s in parsed.statements] == [
        'A nurse told me to "just get on with it", and that hurt.'
    ]


def test_quoted_field_keeps_its_line_breaks() -> None:
    parsed = parse_statements(lines(HEADER, 'R01,carer,future,1,"First line.\nSecond line."'))
    assert [s.text for s in parsed.statements] == ["First line.\nSecond line."]


@pytest.mark.parametrize("end", ["\r\n", "\r"])
def test_line_breaks_inside_a_statement_become_lf(end: str) -> None:
    text = lines(HEADER, f'R01,carer,future,1,"First line.{end}Second line."', end=end)
    assert [s.text for s in parse_statements(text).statements] == ["First line.\nSecond line."]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_line_numbers_stay_right_after_a_multi_line_field(end: str) -> None:
    text = lines(
        HEADER,  # 1
        f'R01,patient,working,1,"One{end}two{end}three."',  # 2-4
        "R01,patient,maybe,2,A.",  # 5
        f'R02,carer,"not{end}working",1,B.',  # 6-7
        "R02,nurse,working,1,C.",  # 8
        end=end,
    )
    parsed = parse_statements(text)
    assert parsed.refused == (
        RefusedRow(line=5, reason=CATEGORY_REASON),
        RefusedRow(line=8, reason='The person "nurse" is not one of: patient, carer.'),
    )
    assert [s.category for s in parsed.statements] == [Category.WORKING, Category.NOT_WORKING]


def test_a_refused_multi_line_row_is_reported_at_its_first_line() -> None:
    parsed = parse_statements(lines(HEADER, GOOD, 'R01,patient,maybe,1,"A\nB"', GOOD))
    assert parsed.refused == (RefusedRow(line=3, reason=CATEGORY_REASON),)


def test_an_unclosed_quote_is_pointed_out() -> None:
    parsed = parse_statements(lines(HEADER, GOOD, 'R02,"patient,working,1,A.', GOOD, GOOD))
    assert parsed.statements == (WORKING_1,)
    assert parsed.refused == (
        RefusedRow(
            line=3,
            reason="This row has 2 columns but needs 5."
            " The row runs from line 3 to 5. Is a closing quote missing?",
        ),
    )


# --- files that cannot be imported --------------------------------------------


@pytest.mark.parametrize("text", ["", "\ufeff", "\n\n", "\r\n", " \n", ",,,,\n"])
def test_an_empty_file_is_refused(text: str) -> None:
    with pytest.raises(BoardError) as refused:
        parse_statements(text)
    assert refused.value.code == "empty_csv"
    assert refused.value.message == "The file is empty. It needs a header and one or more rows."


@pytest.mark.parametrize("text", [HEADER, HEADER + "\n", "\ufeff" + HEADER + "\r\n\r\n,,,,\r\n"])
def test_a_header_alone_is_refused(text: str) -> None:
    with pytest.raises(BoardError) as refused:
        parse_statements(text)
    assert refused.value.code == "empty_csv"
    assert refused.value.message == "The file has a header but no statements."


@pytest.mark.parametrize(
    "header",
    [
        "review,category,person,priority,statement",
        "review,person,category,priority",
        "review,person,category,priority,statement,notes",
        "review;person;category;priority;statement",
        "code,person,category,priority,statement",
        GOOD,
    ],
)
def test_a_wrong_header_is_refused(header: str) -> None:
    with pytest.raises(BoardError) as refused:
        parse_statements(lines(header, GOOD))
    assert refused.value.code == "bad_header"
    assert refused.value.message == (
        "The first line must name these columns, in this order: "
        "review,person,category,priority,statement"
    )
