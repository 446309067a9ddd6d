"""Tiny KTAB CSV files that declare huge sizes are refused at the header, before anything
is allocated, and a file with very many problems lists the first ones only."""

from __future__ import annotations

import pytest

from bargainsim.bargaining.ktab_csv import (
    MAX_DIMENSIONS,
    MAX_LISTED_PROBLEMS,
    parse_ktab_csv,
)
from bargainsim.errors import KtabFormatError


def _problems(text: str) -> KtabFormatError:
    with pytest.raises(KtabFormatError) as caught:
        parse_ktab_csv(text, file="tiny.csv")
    return caught.value


@pytest.mark.parametrize("dimensions", ["1000000", "1000000000", "9" * 5000])
def test_a_huge_number_of_dimensions_is_refused_at_the_header(dimensions: str) -> None:
    error = _problems(f"S,d,3,{dimensions},\nA,B,C\n")
    (problem,) = error.problems
    assert (problem.file, problem.line, problem.key_path) == ("tiny.csv", 1, "header.n_dims")
    assert f"a whole number in [1, {MAX_DIMENSIONS}]" in problem.expected


@pytest.mark.parametrize("actors", ["251", "1000000000", "9" * 5000])
def test_a_huge_number_of_actors_is_refused_at_the_header(actors: str) -> None:
    (problem,) = _problems(f"S,d,{actors},1,\nA,B,C\n").problems
    assert problem.key_path == "header.n_actors" and "[3, 250]" in problem.expected


def test_a_long_digit_string_is_shown_shortened() -> None:
    (problem,) = _problems("S,d,3," + "9" * 5000 + ",\n").problems
    assert len(problem.render()) < 200


def test_the_largest_declared_sizes_are_read() -> None:
    titles = ",".join(["Actor", "Description", "Power"] + ["P,S"] * MAX_DIMENSIONS)
    row = ",".join(["0", "0"] * MAX_DIMENSIONS)
    actors = "\n".join(f"A{i},d,1,{row}" for i in range(250))
    scenario = parse_ktab_csv(f"S,d,250,{MAX_DIMENSIONS}\n{titles}\n{actors}\n")
    assert scenario.position.shape == (250, MAX_DIMENSIONS)


def test_very_many_problems_are_listed_up_to_a_cap() -> None:
    titles = ",".join(["Actor", "Description", "Power"] + ["P,S"] * MAX_DIMENSIONS)
    actors = "\n".join(f"A{i},d,1" for i in range(250))
    error = _problems(f"S,d,250,{MAX_DIMENSIONS}\n{titles}\n{actors}\n")
    total = 250 * 2 * MAX_DIMENSIONS
    assert len(error.problems) == MAX_LISTED_PROBLEMS
    lines = str(error).splitlines()
    assert lines[0] == f"invalid KTAB CSV: {total} problems"
    assert len(lines) == MAX_LISTED_PROBLEMS + 2
    assert lines[-1] == f"  ... and {total - MAX_LISTED_PROBLEMS} more"


def test_full_width_digits_are_not_numbers() -> None:
    text = "S,d,３,1\nActor,Description,Power,P,S\nA,a,1,1,1\nB,b,1,1,1\nC,c,1,1,1\n"
    (problem,) = _problems(text).problems
    assert problem.key_path == "header.n_actors"
    text = "S,d,3,1\nActor,Description,Power,P,S\nA,a,１,1,1\nB,b,1,1,1\nC,c,1,1,1\n"
    (problem,) = _problems(text).problems
    assert problem.key_path == "actors[0].capability"
