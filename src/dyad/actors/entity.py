"""Turn one cluster of hits (a noun phrase) into an Entity.

A person's country and sector come from the role they held on the article
date; text cues ("Ukrainian governor") fill in for people we do not know. A
country's sector comes from the phrase's head word ("the Russian army" → MIL),
a specific modifier beating a weak head ("rebel leader" → REB).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc

from dyad.actors.coref import DocMemory, first_reason, lookup_surname
from dyad.actors.entries import Bloc, Country, Group, Organisation, Person, Role, SectorTerm, historical_note
from dyad.actors.ethnic import ethnic_entity
from dyad.actors.fuzzy import match_fuzzy
from dyad.actors.kb import KnowledgeBase
from dyad.actors.patterns import Hit
from dyad.lang import english
from dyad.records import Entity

_PLACE_KINDS = ("country", "adjective", "capital", "metonym", "bloc")
_PERSON_KINDS = ("person", "surname", "unknown_person")


@dataclass(frozen=True, slots=True)
class Cluster:
    """Hits that form one noun phrase; ``top`` is the phrase's own hit."""

    top: Hit
    hits: tuple[Hit, ...]
    head: int  # token index of the phrase head
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Cues:
    """What the words around a name say: "Russian" → RUS, "minister" → GOV."""

    country: Country | Bloc | None
    sector: str | None
    words: str  # the cue words, for the resolution note
    former: bool


def build_entity(doc: Doc, cluster: Cluster, day: dt.date, memory: DocMemory, kb: KnowledgeBase) -> Entity | None:
    span = doc[cluster.start : cluster.end]
    base = Entity(entity_text=span.text, start=span.start_char, end=span.end_char)
    cues = read_cues(doc, cluster)
    person_hit = next((h for h in _by_closeness(cluster) if h.kind in _PERSON_KINDS), None)
    if person_hit is not None:
        return _person_entity(doc, base, person_hit, cues, day, memory, kb)
    for kind in ("organisation", "group"):
        hit = next((h for h in _by_closeness(cluster) if h.kind == kind), None)
        if hit is not None and _envoy_of_state(doc, cluster, hit):
            break  # "China's U.N. ambassador": China's (the country below)
        if hit is not None and hit.surface is not None:
            named = _named_entity(base, hit.surface.entry, day)  # type: ignore[arg-type]
            if kb.alone and named.sector is None and cues.sector and cluster.top.kind == "sector":
                # PETRARCH: an agent heading the phrase adds its role to the actor's code
                # ("the human rights activists of Amnesty International" → NGOOPP)
                named = _replace(named, sector=cues.sector, resolution=f"{named.resolution}; agent '{cues.words}'")
            return named
    if cues.country is None and (ethnic := ethnic_entity(base, cluster, cues)) is not None:
        return ethnic
    if cues.country is not None:
        country = cues.country
        why = f"{_source(country.origin)}: {country.name} ({country.code})" + historical_note(country, day)
        if cues.sector:
            why += f"; sector {cues.sector} from '{cues.words}'"
        return _replace(base, entity_name=country.name, code=country.code, sector=cues.sector,
                        identifier_id=getattr(country, "identifier", None), kind="country", resolution=why)
    if cues.sector:
        return _replace(base, sector=cues.sector, kind="sector",
                        resolution=f"sectors.yaml: '{cues.words}' → {cues.sector}; no country in the phrase")
    return None


def _envoy_of_state(doc: Doc, cluster: Cluster, org: Hit) -> bool:
    """A state's envoy to the organisation: the phrase's head is an envoy word and a country is
    named before the organisation ("Iran's U.N. mission"; not "the UN envoy to Syria")."""
    if doc[cluster.head].lemma_.lower() not in english().actors.envoy_words:
        return False
    return any(h.kind in ("country", "adjective") and h.start < org.start for h in cluster.hits)


def read_cues(doc: Doc, cluster: Cluster) -> Cues:
    country = next(
        (h.surface.entry for h in _by_closeness(cluster) if h.kind in _PLACE_KINDS and h.surface is not None), None
    )
    sector, words = _pick_sector(doc, cluster)
    former_words = english().actors.former_words
    former = any(t.lower_ in former_words or t.lower_.startswith("ex-") for t in doc[cluster.start : cluster.end])
    return Cues(country, sector, words, former)  # type: ignore[arg-type]


def _pick_sector(doc: Doc, cluster: Cluster) -> tuple[str | None, str]:
    """The top's sector, unless it is weak and a modifier names a specific one."""
    top = cluster.top
    candidates = [h for h in cluster.hits if h.sector and h.kind in ("sector", "metonym", "capital")]
    strong = [h for h in candidates if not _weak(h) and h is not top and h.kind == "sector"]
    if top.sector and top in candidates and (not _weak(top) or not strong):
        return top.sector, doc[top.start : top.end].text
    if strong:
        return strong[-1].sector, doc[strong[-1].start : strong[-1].end].text
    for h in reversed(candidates):
        return h.sector, doc[h.start : h.end].text
    return None, ""


def _weak(hit: Hit) -> bool:
    entry = hit.surface.entry if hit.surface is not None else None
    return isinstance(entry, SectorTerm) and entry.weak


def _by_closeness(cluster: Cluster) -> list[Hit]:
    """The top hit first, then the others from the nearest."""
    return sorted(cluster.hits, key=lambda h: (h is not cluster.top, abs(h.start - cluster.top.start)))


def _person_entity(
    doc: Doc, base: Entity, hit: Hit, cues: Cues, day: dt.date, memory: DocMemory, kb: KnowledgeBase
) -> Entity | None:
    name_text = doc[hit.start : hit.end].text
    person: Person | None = None
    note = ""
    if hit.kind == "person" and hit.surface is not None:
        person = hit.surface.entry  # type: ignore[assignment]
    elif hit.kind == "surname":
        earlier, person, note = lookup_surname(name_text, hit.candidates, hit.start, memory, day)
        if earlier is not None:
            return _replace(earlier, entity_text=base.entity_text, start=base.start, end=base.end,
                            resolution=f"coreference: '{name_text}' → {earlier.entity_name} named earlier; "
                            + first_reason(earlier))
        if person is None and not _has_cue(cues) and not _after_honorific(doc, hit):
            return None  # a bare surname of nobody we know: not enough to call it a person
    else:
        earlier = memory.unknown_person(name_text, hit.start)
        if earlier is not None and not _has_cue(cues):
            return _replace(earlier, entity_text=base.entity_text, start=base.start, end=base.end,
                            resolution=f"coreference: '{name_text}' → {earlier.entity_name} named earlier")
        person, note, earlier = match_fuzzy(name_text, hit.start, memory, day, kb)
        if earlier is not None:
            return _replace(earlier, entity_text=base.entity_text, start=base.start, end=base.end,
                            resolution=f"coreference: {note} → {earlier.entity_name} named earlier")
    if person is None:
        return _unknown_person(base, name_text, cues)
    return person_on(base, person, cues, day, note)


def person_on(base: Entity, person: Person, cues: Cues | None, day: dt.date, note: str = "") -> Entity:
    """A KB person coded by the role they held on ``day``."""
    src = _source(person.origin)
    valid = person.roles_on(day)
    cue_code = cues.country.code if cues is not None and cues.country is not None else None
    prefix = f"{src}: {person.name}" + (f" ({note})" if note else "")
    if valid:
        role = next((r for r in valid if r.country == cue_code), valid[0])
        code, sector = _role_codes(role)
        why = f"{prefix}, {role.describe()}"
        if cues is not None and cues.former:
            sector, why = "ELI", why + "; 'former' in the text: coded ELI"
        return _replace(base, entity_name=person.name, code=code, sector=sector,
                        identifier_id=person.id, kind="person", resolution=why)
    last = person.last_role_before(day)
    nationality = person.nationality
    if last is not None:
        # Their own country, not the office's: a former UN Secretary-General is PRT ELI.
        code = nationality or last.country
        why = f"{prefix}: no role on {day.isoformat()}; last {last.describe()} ended, so former official (ELI)"
        return _replace(base, entity_name=person.name, code=code, sector="ELI",
                        identifier_id=person.id, kind="person", resolution=why)
    code = cue_code or nationality
    sector = cues.sector if cues is not None else None
    why = f"{prefix}: no role on {day.isoformat()}" + (" (roles start later)" if person.roles else "")
    if cue_code or sector:
        why += f"; from the text '{cues.words if cues else ''}'"
    if code and not cue_code:
        why += f"; nationality {code}"
    return _replace(base, entity_name=person.name, code=code, sector=sector,
                    identifier_id=person.id, kind="person", resolution=why)


def _role_codes(role: Role) -> tuple[str | None, str | None]:
    return role.country, role.sector


def _unknown_person(base: Entity, name: str, cues: Cues) -> Entity:
    code = cues.country.code if cues.country is not None else None
    if code is None and cues.sector is None:
        why = "person not in the knowledge base; no role cue in the phrase, so no code"
    else:
        why = f"person not in the knowledge base; role cue '{cues.words or (cues.country.name if cues.country else '')}'"
        if cues.country is not None:
            why += f" gives {cues.country.code}"
    sector = "ELI" if cues.former and (code or cues.sector) else cues.sector
    return _replace(base, entity_name=name, code=code, sector=sector, kind="person", resolution=why)


def _named_entity(base: Entity, entry: Organisation | Group, day: dt.date) -> Entity:
    if isinstance(entry, Organisation):
        return _replace(base, entity_name=entry.name, code=entry.code, sector=entry.sector,
                        identifier_id=entry.identifier, kind="organisation",
                        resolution=f"{_source(entry.origin)}: {entry.name} ({entry.code})" + historical_note(entry, day))
    country, sector, role = entry.coded_on(day)
    why = f"{_source(entry.origin)}: {entry.name} ({country} {sector})"
    if role is not None:
        why += f", {role.describe()}"
    return _replace(base, entity_name=entry.name, code=country, sector=sector,
                    identifier_id=entry.identifier, kind="group", resolution=why)


def _has_cue(cues: Cues) -> bool:
    return cues.country is not None or cues.sector is not None


def _after_honorific(doc: Doc, hit: Hit) -> bool:
    from dyad.actors.patterns import is_honorific

    return hit.start > 0 and is_honorific(doc[hit.start - 1])


def _source(origin: str) -> str:
    """"countries.yaml:12" → "countries.yaml" (the file, for the resolution note)."""
    return origin.rsplit(":", 1)[0] if origin else "knowledge base"


def _replace(entity: Entity, **changes: object) -> Entity:
    from dataclasses import replace

    return replace(entity, **changes)  # type: ignore[arg-type]
