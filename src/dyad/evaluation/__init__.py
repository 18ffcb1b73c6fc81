"""Quality measurement: score the pipeline against gold data and gate CI on floors.

``run.run_all(shared)`` runs every evaluation; ``dyad evaluate`` is its CLI.
"""
