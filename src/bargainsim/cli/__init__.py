"""Command-line entry point: ``bargainsim <command> ...``.

Each command lives in its own module of this package exposing
``register(subparsers) -> None``; the module sets ``func`` on its parser with
``set_defaults(func=handler)`` where ``handler(args) -> int`` returns the exit code.
Command modules import heavy dependencies inside their handlers, so that parsing the
command line (and ``bargainsim smp``) stays fast.

Exit codes: 0 success; 1 the job ran but some runs failed; 2 a user error
(:class:`bargainsim.errors.BargainsimError`), a file system that refuses a write (read-only,
full) or an output pipe closed early, printed as one message without traceback.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys

from bargainsim import __version__
from bargainsim.errors import BargainsimError
from bargainsim.output import cannot_write

# A file system's refusals that no code of bargainsim can avoid: reported, never a
# traceback, wherever a write that does not go through bargainsim.output meets them.
ENVIRONMENT_ERRORS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG}
)

COMMAND_MODULES = (
    "bargainsim.cli.smp",
    "bargainsim.cli.scenario_commands",
    "bargainsim.cli.run",
    "bargainsim.cli.batch",
    "bargainsim.cli.runs",
    "bargainsim.cli.compare",
    "bargainsim.cli.hindcast",
    "bargainsim.cli.explain",
    "bargainsim.cli.explore",
    "bargainsim.cli.plot",
    "bargainsim.cli.sensitivity",
    "bargainsim.cli.discover",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bargainsim",
        description="Simulate bargaining, threat and alignment between states.",
    )
    parser.add_argument("--version", action="version", version=f"bargainsim {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue  # a command not built yet in this tree
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # here, so that a closed pipe is reported like any write error
        return code
    except BargainsimError as error:
        print(f"bargainsim: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (`| head`) went away. Point stdout at nothing, so that the interpreter's
        # own flush at exit does not fail a second time with a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print("bargainsim: error: the output was closed before it was all written", file=sys.stderr)
        return 2
    except OSError as error:
        if error.errno not in ENVIRONMENT_ERRORS:
            raise
        print(f"bargainsim: error: {cannot_write(error.filename or '-', error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bargainsim: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
