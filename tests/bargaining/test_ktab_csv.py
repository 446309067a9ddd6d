"""The KTAB CSV reader: KTAB's accepted variations, and located errors for bad files."""

from __future__ import annotations

import numpy as np
import pytest

from bargainsim.bargaining.ktab_csv import parse_ktab_csv, read_ktab_csv, split_fields
from bargainsim.errors import KtabFormatError

GOOD = (
    "Tiny,A small test,3,2,\n"
    "Actor,Description,Power,P1,S1,P2,S2,\n"
    "A1,first,100,10,20,30,40,\n"
    "A2,second,50,0,50,100,50,\n"
    "A3,third,25.5,55.5,0,45,0,\n"
)


def test_reads_the_plain_format():
    scenario = parse_ktab_csv(GOOD)
    assert scenario.name == "Tiny" and scenario.description == "A small test"
    assert scenario.actor_names == ("A1", "A2", "A3")
    assert scenario.dimension_names == ("P1", "P2")
    assert scenario.capability_title == "Power"
    np.testing.assert_array_equal(scenario.capability, [100, 50, 25.5])
    np.testing.assert_array_equal(scenario.position[0], [10 / 100.0, 30 / 100.0])
    np.testing.assert_array_equal(scenario.salience[1], [0.5, 0.5])


def test_bom_crlf_quotes_spaces_prefixes_and_blank_lines():
    text = (
        '\ufeff"Tiny, quoted","desc, with commas",3,2\r\n'
        "\r\n"
        "Actor,Description,Power,P1,S1,P2,S2,,,\r\n"
        '"A, 1",first, 100 ,10,20,30,40\r\n'
        "   \r\n"
        "A2,second,50kg,0,50,100,50,extra,fields\r\n"
        'A3,"third",25.5,55.5,0,45,0,\r\n'
        "ignored line after the last actor\r\n"
    )
    scenario = parse_ktab_csv(text)
    assert scenario.name == "Tiny, quoted"
    assert scenario.description == "desc, with commas"
    assert scenario.actor_names == ("A, 1", "A2", "A3")
    assert scenario.actor_descriptions[2] == "third"
    np.testing.assert_array_equal(scenario.capability, [100, 50, 25.5])


def test_split_fields():
    assert split_fields('a,"b,c",d,') == ["a", "b,c", "d", ""]
    assert split_fields("") == [""]
    assert split_fields('"unterminated, field') == ["unterminated, field"]


def _problems(text: str):
    with pytest.raises(KtabFormatError) as caught:
        parse_ktab_csv(text, file="bad.csv")
    return caught.value.problems


def test_header_problems_name_the_line():
    (problem,) = _problems("Tiny,desc,2,1\nActor,Description,Power,P,S\n")
    assert (problem.file, problem.line, problem.key_path) == ("bad.csv", 1, "header.n_actors")
    assert problem.value == 2
    (problem,) = _problems("Tiny,desc,3,zero\n")
    assert problem.key_path == "header.n_dims" and problem.value == "zero"
    problems = _problems("Tiny,desc\n")
    assert [p.key_path for p in problems] == ["header.n_actors", "header.n_dims"]


def test_actor_line_problems_are_all_reported_with_lines():
    text = GOOD.replace("A1,first,100,10,20", "A1,first,-5,110,20").replace(
        "A3,third,25.5,55.5,0,45,0,", "A3_with_a_name_far_too_long_for_ktab,third,x,1,90,2,20"
    )
    problems = _problems(text)
    found = {(p.line, p.key_path) for p in problems}
    assert (3, "actors[0].capability") in found
    assert (3, "actors[0].position[0]") in found
    assert (5, "actors[2].name") in found
    assert (5, "actors[2].capability") in found
    assert (5, "actors[2].salience[1]") in found  # running total 110 > 100
    message = str(KtabFormatError(problems))
    assert "bad.csv:5" in message


def test_missing_fields_and_lines():
    problems = _problems(GOOD.replace("A2,second,50,0,50,100,50,", "A2,second,50,0"))
    assert {p.key_path for p in problems} == {
        "actors[1].salience[0]",
        "actors[1].position[1]",
        "actors[1].salience[1]",
    }
    (problem,) = _problems("\n".join(GOOD.splitlines()[:4]))
    assert problem.key_path == "actors[2]"


def test_reads_a_file(tmp_path):
    path = tmp_path / "tiny.csv"
    path.write_bytes(GOOD.encode())
    assert read_ktab_csv(path).actor_names == ("A1", "A2", "A3")
    with pytest.raises(KtabFormatError):
        read_ktab_csv(tmp_path / "absent.csv")


def test_reads_the_ktab_reference_input(three_dim_input):
    scenario = read_ktab_csv(three_dim_input)
    assert scenario.position.shape == (7, 3)
    assert scenario.capability[0] == 102.543
    assert scenario.position[2, 2] == float("0.07") / 100.0
