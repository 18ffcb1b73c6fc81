"""``python -m dyad.store.migrations "add summary tables"``: write the next revision script (Alembic's
``alembic revision``, with dyad's numbering and without an alembic.ini)."""

from __future__ import annotations

import argparse

from dyad.store.migrations import new_revision


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dyad.store.migrations", description=__doc__)
    parser.add_argument("message", help="what the revision changes (its docstring and function name)")
    print(new_revision(parser.parse_args(argv).message))


if __name__ == "__main__":
    main()
