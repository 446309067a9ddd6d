"""What produced an output: the versions every manifest (run, batch, comparison) records.

Read from package metadata, so that nothing is imported for it (importing mesa alone
costs about a second); bargainsim's own version is the literal of the code running, not
the metadata of whichever copy happens to be installed.
"""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

from bargainsim import __version__

# The packages whose versions can change an output's numbers or files; an optional one
# that is absent (distributed) is left out.
PACKAGES = ("numpy", "pandas", "pyarrow", "mesa", "distributed")


def versions() -> dict[str, str]:
    found = {"bargainsim": __version__, "python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found
