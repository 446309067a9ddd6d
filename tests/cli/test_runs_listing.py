"""`bargainsim runs list` names a comparison's scenarios."""

import json

from bargainsim.cli.runs import describe_entry


def test_a_comparison_is_listed_by_its_scenarios(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    scenarios = [{"label": "xu2008_medvedev"}, {"label": "feng2012_putin_return"}]
    manifest = {"kind": "compare", "seed": 2008, "scenarios": scenarios}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    entry = describe_entry(folder)
    assert entry["kind"] == "compare"
    assert entry["scenario"] == "xu2008_medvedev,feng2012_putin_return"
