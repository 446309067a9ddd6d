"""The explorer stays out of the main install: nothing imports solara until ``bargainsim
explore`` runs, and without the extra that command says which extra to install."""

import subprocess
import sys

import pytest

from bargainsim.errors import BargainsimError
from bargainsim.explore.server import require_explore_extra


def test_importing_bargainsim_and_its_commands_does_not_import_solara():
    code = (
        "import sys, bargainsim, bargainsim.cli, bargainsim.explore.settings, "
        "bargainsim.explore.ensemble, bargainsim.explore.server, bargainsim.model.mesa_model\n"
        "bargainsim.cli.build_parser()\n"
        "assert 'solara' not in sys.modules, 'solara imported'\n"
        "assert 'mesa.visualization' not in sys.modules, 'mesa.visualization imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("missing", ["solara", "mesa.visualization"])
def test_without_the_extra_the_error_names_it(monkeypatch, missing):
    monkeypatch.setitem(sys.modules, missing, None)  # import of it now fails
    with pytest.raises(
        BargainsimError, match=r"needs the \[explore\] extra.*bargainsim\[explore\]"
    ):
        require_explore_extra()


def test_the_command_refuses_a_missing_scenario(tmp_path, capsys):
    from bargainsim.cli import main

    assert main(["explore", str(tmp_path / "none.yaml")]) == 2
    assert "no scenario file" in capsys.readouterr().err
