"""Mentions named by an ethnic or national group that is not a state.

"Kurdish fighters", "Tamil rebels", "Uyghur activists", "the Kurds": the group
gives who they are, the head word their sector, and nothing gives a country:
coding them to the state they live in ("IRQ GOV") would make a people its
government. The entity's kind is "ethnic", so the country fills that apply to
bare sector words ("the officials" → the article's country) leave it alone.
A country word in the same phrase wins ("Iraqi Kurdish officials" → IRQ GOV):
``build_entity`` only asks here when the phrase names no country.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dyad.actors.entries import EthnicGroup, entry_id
from dyad.records import Entity

if TYPE_CHECKING:
    from dyad.actors.entity import Cluster, Cues


def ethnic_entity(base: Entity, cluster: Cluster, cues: Cues) -> Entity | None:
    """The mention as an ethnic group, or None when no hit of the phrase names one."""
    hit = next((h for h in cluster.hits if h.kind == "ethnic" and h.surface is not None), None)
    if hit is None or not isinstance(hit.surface.entry, EthnicGroup):  # type: ignore[union-attr]
        return None
    people: EthnicGroup = hit.surface.entry  # type: ignore[union-attr,assignment]
    source = people.origin.rsplit(":", 1)[0] if people.origin else "knowledge base"
    why = f"{source}: {people.name}, an ethnic group, not a state: no country code"
    sector = cues.sector
    if sector:
        why += f"; sector {sector} from '{cues.words}'"
    if sector == "MIL":  # a people's armed force is not a state's army: "Kurdish forces"
        sector, why = "REB", why + "; the armed force of a people, not a state: REB"
    return replace(base, entity_name=people.name, code=None, sector=sector, identifier_id=entry_id(people),
                   kind="ethnic", resolution=why)
