"""Alembic revision scripts, one per schema change, named by their number (0001 …); a package so they ship in the wheel."""
