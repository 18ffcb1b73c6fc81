"""Convert CAMEO/PETRARCH actor and agent dictionaries into dyad's actor KB.

    result = import_dictionaries([Path("PETR.Validate.actors.txt"), Path("PETR.Validate.agents.txt")])
    Path("mine.yaml").write_text(result.to_yaml())      # then: dyad code … --actors mine.yaml

Each actor record becomes one KB entry, chosen by its codes (the mapping is
documented in ``docs/petrarch_import.md``):

* dated codes (``[HOBGOV 19950601-19990815]``) → a **person** whose roles are
  those codes in dictionary order (PETRARCH: the first that covers the date
  wins; dyad takes the first valid role too); the undated default code gives
  their nationality;
* an undated international code (``[IGOUNO]``, ``[NGO]``) → an **organisation**;
  records with the same code are one organisation with several names;
* an undated code with an armed or political sector (``[PSEREBHMS]``,
  ``[IMGMUSALQ]``) → a **group**; with a state sector (``[USAGOV]``,
  ``[MORMIL]``) or an identifier (``[PSEGZA]``) → a national body (an
  organisation coded to its country);
* a compound code of bare countries (``THE_SHIRE [FRO/BIL/SAM]``) → a **bloc**
  with those ``members``: the name is coded as each of them;
* an undated bare country code → a **country**: the first record of a code is
  the country, later ones and ``+`` synonyms are its other names
  (demonym-looking ones are adjectives);
* agents (``PRESIDENT [~GOV]``) → **sector words**, CAMEO roles mapped to
  PLOVER sectors by ``data/cameo_codes.yaml``.

Names the base KB already resolves the same way are left out; a name it
resolves otherwise is kept (``prefer="theirs"``: the imported file, loaded
later, wins) or dropped (``prefer="ours"``; then a record one of whose names
is a person, group or organisation of ours is left out whole: ours is the
newer entry). Anything that cannot be carried over is a ``Problem`` naming
its ``file:line``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from dyad.actors.cameo_codes import ActorCode, CodeTables, load_tables, split_alternatives, split_code
from dyad.actors.entries import Bloc, Country, Group, KbEntry, Organisation, Person, Role, SectorTerm
from dyad.actors.fuzzy import fuzzy_names, transliteration_key
from dyad.actors.import_yaml import render_yaml, resolves_to, same_resolution
from dyad.actors.kb import KnowledgeBase, normalise
from dyad.actors.names import display_name, is_adjective, phrase_words, slug
from dyad.actors.tabari import ActorRecord, AgentRecord, CodeRule, Dictionary, Problem, read_actors, read_agents
from dyad.errors import ConfigError

# Sectors that make an undated country code a non-state group rather than a state body.
GROUP_SECTORS = frozenset(("REB", "OPP", "PTY", "CRM", "UAF", "PRM"))


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to convert. ``base``: the KB the result is merged over (default: ours)."""

    base: KnowledgeBase | None = None
    prefer: Literal["theirs", "ours"] = "theirs"
    id_prefix: str = "petrarch"  # person ids are "<prefix>:<slug>"
    open_roles_end: dt.date | None = None  # close open-ended dated codes here (a dictionary's snapshot date)
    strict: bool = False  # raise ConfigError on the first problem instead of collecting it
    # False: leave countries to the base KB, including dated records with country codes only.
    countries: bool = True
    # Only these country codes (after cameo_codes.yaml's renames: TMP → TLS) are kept in a role,
    # nationality or group; others (CAMEO regions MEA, SAS; religions) become no country. None: all.
    known_countries: frozenset[str] | None = None
    # True: the result is a whole KB, used without ours (``builtin: false``; PETRARCH codes with
    # its dictionaries alone): every name is converted, none left to our KB, and a person's
    # undated default code applies on any date no dated code covers (PETRARCH's fallback).
    alone: bool = False


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The converted entries, and everything that could not be carried over."""

    countries: tuple[Country, ...] = ()
    blocs: tuple[Bloc, ...] = ()  # compound codes: "LORIEN [ELR/GAL]"
    organisations: tuple[Organisation, ...] = ()
    groups: tuple[Group, ...] = ()
    people: tuple[Person, ...] = ()
    sector_terms: tuple[SectorTerm, ...] = ()
    problems: tuple[Problem, ...] = ()
    sources: tuple[str, ...] = ()
    builtin: bool = True  # False: written with "builtin: false" (ImportOptions.alone)

    def counts(self) -> dict[str, int]:
        return {
            "countries": len(self.countries),
            "compound names": len(self.blocs),
            "organisations": len(self.organisations),
            "groups": len(self.groups),
            "people": len(self.people),
            "sector words": len(self.sector_terms),
            "problems": len(self.problems),
        }

    def to_yaml(self, header: str = "") -> str:
        """The entries as a KB file (``--actors``), with ``header`` as its first comment."""
        return render_yaml(self, header)


def read_dictionary(path: Path, strict: bool = False) -> Dictionary:
    """An actor or agent dictionary; agents are told apart by ``~`` codes."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")  # TABARI-era files are often Latin-1
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read dictionary ({exc.strerror or exc})") from exc
    is_agents = "agent" in path.name.lower() or ("[~" in text and text.count("[~") > text.count("\n") // 20)
    return read_agents(text, str(path), strict) if is_agents else read_actors(text, str(path), strict)


def import_dictionaries(paths: Sequence[Path], options: ImportOptions | None = None) -> ImportResult:
    """Read and convert ``paths`` (actor and agent dictionaries, in order)."""
    options = options or ImportOptions()
    return convert([read_dictionary(Path(p), options.strict) for p in paths], options)


def convert(dictionaries: Iterable[Dictionary], options: ImportOptions | None = None) -> ImportResult:
    options = options or ImportOptions()
    if options.alone:
        options = replace(options, base=KnowledgeBase())
    elif options.base is None:
        from dyad.actors.kb import load_knowledge_base

        options = replace(options, base=load_knowledge_base())
    builder = _Builder(options, load_tables())
    sources = []
    for d in dictionaries:
        sources.append(d.path)
        builder.problems.extend(d.problems)
        for actor in d.actors:
            builder.add_actor(actor)
        for agent in d.agents:
            builder.add_agent(agent)
    return replace(builder.result(tuple(sources)), builtin=not options.alone)


@dataclass(slots=True)
class _Builder:
    options: ImportOptions
    tables: CodeTables
    problems: list[Problem] = field(default_factory=list)
    countries: dict[str, Country] = field(default_factory=dict)
    blocs: dict[str, Bloc] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    terms: dict[str, SectorTerm] = field(default_factory=dict)
    claimed: dict[str, str] = field(default_factory=dict)  # normalised name → origin of the entry that has it

    # -- actors --------------------------------------------------------------
    def add_actor(self, record: ActorRecord) -> None:
        if self.options.countries and self._compound_countries(record):
            self.add_bloc(record)
            return
        for rule in record.rules:
            if len(split_alternatives(rule.code)) > 1:
                self.problem(rule.origin or record.origin,
                             f"compound code [{rule.code}]: dyad gives a name one actor, so it is coded as "
                             f"{split_alternatives(rule.code)[0]} only")
        default = _first(record.default)
        if self.options.prefer == "ours" and self._known_entry(record):
            return  # the base KB has this actor (one of its names names a person, group or organisation of ours)
        if record.dated and self._country_only(record) and self.options.countries:
            # "U.S.S.R [USR <911226]", "ZIMBABWE [RHO <790606] [ZBW]": a state, with dates dyad's
            # country entries do not have: coded by its latest code at every date.
            latest = default or _first(record.dated[-1].code) or ""
            self.problem(record.origin, f"{record.phrase.strip()!r}: dated country codes are coded as "
                         f"[{latest}] at every date (a country entry has one code)")
            self.add_country(record, split_code(latest, self.tables))
        elif record.dated and self._country_only(record):
            return  # countries are left to the base KB (options.countries): "UKRAINE_ [UKR >19911221]"
        elif record.dated:
            self.add_person(record, default)
        elif default is None:
            self.problem(record.origin, f"{record.phrase.strip()!r} has no code: skipped")
        elif default in ("---", ""):
            self.problem(record.origin, f"{record.phrase.strip()!r} has the null code [---]: skipped "
                         "(dyad has no entry that matches a name and codes nothing)")
        else:
            code = split_code(default, self.tables)
            if not default.replace("-", "").isalnum() or (code.head and not _valid(code.head)):
                self.problem(record.origin, f"cannot read code [{default}] of {record.phrase.strip()!r} (dyad codes "
                             "are three capital letters): skipped")
            elif code.kind == "organisation":
                self.add_organisation(record, code)
            elif code.kind == "group" or code.sector in GROUP_SECTORS or (code.kind == "unknown" and code.sector):
                self.add_group(record, code)
            elif code.kind == "country" and not code.sector and not code.rest:
                if self.options.countries:
                    self.add_country(record, code)
            elif code.kind == "country":
                self.add_body(record, code)
            elif code.kind == "sector" and code.sector:
                # "REUTERS [MED]": a bare role names a kind of actor, as an agent does.
                self.problem(record.origin, f"[{default}] of {record.phrase.strip()!r} is a CAMEO role, so the name "
                             f"becomes a sector word ({code.sector}); if it is a country code in your "
                             "dictionary, give it another code")
                self.add_terms(record, code.sector)
            else:
                self.problem(record.origin, f"code [{default}] of {record.phrase.strip()!r} names no actor dyad codes: skipped")

    def _compound_countries(self, record: ActorRecord) -> tuple[str, ...]:
        """The codes of an undated compound code of bare countries ("THE_SHIRE [FRO/BIL/SAM]")."""
        if record.dated or not record.default or len(split_alternatives(record.default)) < 2:
            return ()
        codes = [split_code(c, self.tables) for c in split_alternatives(record.default)]
        if not all(c.kind == "country" and not c.sector and not c.rest and _valid(c.country) for c in codes):
            return ()
        return tuple(str(c.country) for c in codes)

    def add_bloc(self, record: ActorRecord) -> None:
        """A name that codes several actors at once: a bloc with those members."""
        members = self._compound_countries(record)
        name, extra = display_name(record.phrase)
        names = self.claim([name, *extra, *(display_name(s)[0] for s in record.synonyms)], record.origin,
                           (members[0], None))
        if names:
            self.blocs[record.origin] = Bloc(code=members[0], name=names[0], names=tuple(names[1:]),
                                             origin=record.origin, members=members)

    def add_person(self, record: ActorRecord, default: str | None) -> None:
        roles = [self._role(rule) for rule in record.dated]
        nationality = None
        if default not in (None, "---"):
            code = split_code(default, self.tables)
            nationality = code.country
            if code.sector and code.sector != "ELI" or code.kind == "organisation" or self.options.alone:
                # A default with an office ([USAGOVLEG]): an undated last role, as PETRARCH's fallback.
                # Alone (PETRARCH's rules throughout) a bare country default is one too: a date no dated
                # code covers gets the default, not dyad's "former official" (ELI).
                roles.append(Role(f"CAMEO {default}", code.head, code.sector))
        name, extra = display_name(record.phrase, person=True)
        names = self.claim([name, *extra, *(display_name(s, person=True)[0] for s in record.synonyms)], record.origin,
                           ("person", None))
        if not names:
            return
        pid = self._unique(f"{self.options.id_prefix}:{slug(names[0])}", self.people)
        self.people[pid] = Person(id=pid, name=names[0], aliases=tuple(names[1:]), roles=tuple(roles),
                                  origin=record.origin, country=self._country(nationality))

    def _role(self, rule: CodeRule) -> Role:
        code = split_code(_first(rule.code) or "---", self.tables)
        end = rule.end
        if end is None and rule.start is not None and self.options.open_roles_end is not None:
            end = max(self.options.open_roles_end, rule.start)
        return Role(f"CAMEO {rule.code}", self._country(code.head), code.sector, rule.start, end)

    def add_organisation(self, record: ActorRecord, code: ActorCode) -> None:
        key = code.raw
        org = self.organisations.get(key)
        name, extra = display_name(record.phrase)
        names = self.claim([name, *extra, *(display_name(s)[0] for s in record.synonyms)], record.origin,
                           (code.org, code.sector))
        if not names:
            return
        if org is None:
            self.organisations[key] = Organisation(identifier=key, name=names[0], code=str(code.org),
                                                   names=tuple(names[1:]), sector=code.sector, origin=record.origin)
        else:
            self.organisations[key] = replace(org, names=(*org.names, *names))

    def add_body(self, record: ActorRecord, code: ActorCode) -> None:
        """A national body or place coded to its country ("White House" USAGOV, "Gaza City" PSEGZA)."""
        name, extra = display_name(record.phrase)
        names = self.claim([name, *extra, *(display_name(s)[0] for s in record.synonyms)], record.origin,
                           (code.country, code.sector))
        if not names:
            return
        key = self._unique(f"{code.raw}:{slug(names[0])}", self.organisations)
        self.organisations[key] = Organisation(identifier=key, name=names[0], code=str(code.country),
                                               names=tuple(names[1:]), sector=code.sector,
                                               country=code.country, origin=record.origin)

    def add_group(self, record: ActorRecord, code: ActorCode) -> None:
        name, extra = display_name(record.phrase)
        names = self.claim([name, *extra, *(display_name(s)[0] for s in record.synonyms)], record.origin,
                           (code.country, code.sector or "REB"))
        if not names:
            return
        key = self._unique(slug(names[0]).upper().replace("-", "_"), self.groups)
        self.groups[key] = Group(identifier=key, name=names[0], country=self._country(code.country),
                                 sector=code.sector or "REB", names=tuple(names[1:]), origin=record.origin)

    def add_country(self, record: ActorRecord, code: ActorCode) -> None:
        iso = str(code.country)
        phrases = [record.phrase, *record.synonyms]
        base = self._base().countries.get(iso)
        existing = self.countries.get(iso) or base
        names: list[str] = []
        adjectives: list[str] = []
        for i, phrase in enumerate(phrases):
            text, extra = display_name(phrase)
            is_adj = is_adjective(phrase) and (i > 0 or existing is not None)
            kept = self.claim([text, *extra], record.origin, (iso, None))
            (adjectives if is_adj else names).extend(kept)
        if not names and not adjectives:
            return
        if existing is None:
            if not names:
                names, adjectives = adjectives[:1], adjectives[1:]
            self.countries[iso] = Country(code=iso, name=names[0], names=tuple(names[1:]),
                                          adjectives=tuple(adjectives), origin=record.origin)
        else:
            # Extra names for a country the base KB (or an earlier record) has: its entry with them added,
            # since a later entry with the same code replaces the earlier one whole.
            self.countries[iso] = replace(existing, names=(*existing.names, *names),
                                          adjectives=(*existing.adjectives, *adjectives))

    def add_terms(self, record: ActorRecord, sector: str) -> None:
        for phrase in (record.phrase, *record.synonyms):
            term = " ".join(phrase_words(phrase)).lower()
            if term and term not in self.terms and self.claim([term], record.origin, ("sector", sector)):
                self.terms[term] = SectorTerm(term, sector, False, record.origin)

    def _country(self, code: str | None) -> str | None:
        code = _valid(code)
        known = self.options.known_countries
        if code is None or known is None:
            return code
        code = self.tables.countries.get(code, code)
        return code if code in known else None

    def _known_entry(self, record: ActorRecord) -> bool:
        """Whether one of the record's names is a person, group or organisation of the
        base KB; for a person also written otherwise ("Muammar al Qaddafi" is our Gaddafi)."""
        base = self._base()
        for phrase in (record.phrase, *record.synonyms):
            name = display_name(phrase, person=bool(record.dated))[0]
            surface = base.surfaces.get(normalise(name))
            if surface is not None and surface.kind in ("person", "group", "organisation"):
                return True
            key = transliteration_key(name)
            if record.dated and " " in key and key in fuzzy_names(base).full:
                return True
        return False

    def _country_only(self, record: ActorRecord) -> bool:
        codes = [split_code(c, self.tables) for r in record.rules if (c := _first(r.code))]
        return bool(codes) and all(c.kind == "country" and not c.sector for c in codes)

    # -- agents --------------------------------------------------------------
    def add_agent(self, agent: AgentRecord) -> None:
        if agent.prefix:
            code = split_code(agent.code, self.tables)
            if code.org is None:
                self.problem(agent.origin, f"agent [{agent.code}~] of {agent.phrase!r} names an organisation type, "
                             "not a sector: skipped")
                return
            # PETRARCH puts the prefix agent's code before the actor's: "MSF Arnor" is NGO, not ARN;
            # as an organisation of that code it wins over the country in its phrase
            names = self.claim(list(dict.fromkeys(display_name(f)[0] for f in agent.forms)), agent.origin,
                               (code.org, None))
            if names:
                key = self._unique(f"{agent.code}:{slug(names[0])}", self.organisations)
                self.organisations[key] = Organisation(identifier=key, name=names[0], code=str(code.org),
                                                       names=tuple(names[1:]), origin=agent.origin)
            return
        sector = next((self.tables.roles[u] for u in _units(agent.code) if self.tables.roles.get(u)), None)
        if sector is None:
            # Still an agent: "main opposition group" [~MOP] must not code as "opposition group" [~OPP]
            self.problem(agent.origin, f"agent [~{agent.code}] of {agent.phrase!r} has no PLOVER sector "
                         "(data/cameo_codes.yaml): an agent word that adds no sector (agent_words)")
            sector = ""
        for form in agent.forms:
            term = " ".join(phrase_words(form)).lower()
            if not term or term in self.terms:
                continue
            if self.claim([term], agent.origin, ("sector", sector)):
                self.terms[term] = SectorTerm(term, sector, False, agent.origin)

    # -- names ---------------------------------------------------------------
    def claim(self, names: Iterable[str], origin: str, resolution: tuple[str | None, str | None]) -> list[str]:
        """The names worth writing: new ones, and (prefer="theirs") ones the base KB codes otherwise."""
        base = self._base()
        kept: list[str] = []
        for name in names:
            key = normalise(name)
            if not key or key in (normalise(k) for k in kept):
                continue
            if key in self.claimed:
                self.problem(origin, f"'{name}' is already imported from {self.claimed[key]}: the first wins")
                continue
            surface = base.surfaces.get(key)
            if surface is not None and same_resolution(resolves_to(surface), resolution):
                continue  # the base KB already codes it the same way
            if surface is not None and self.options.prefer == "ours":
                continue
            self.claimed[key] = origin
            kept.append(name)
        return kept

    def problem(self, origin: str, message: str) -> None:
        if self.options.strict:
            raise ConfigError(f"{origin}: {message}")
        self.problems.append(Problem(origin, message))

    def _base(self) -> KnowledgeBase:
        assert self.options.base is not None
        return self.options.base

    @staticmethod
    def _unique(key: str, table: Mapping[str, KbEntry]) -> str:
        n, out = 1, key
        while out in table:
            n += 1
            out = f"{key}-{n}"
        return out

    def result(self, sources: tuple[str, ...]) -> ImportResult:
        return ImportResult(
            countries=tuple(self.countries.values()),
            blocs=tuple(self.blocs.values()),
            organisations=tuple(self.organisations.values()),
            groups=tuple(self.groups.values()),
            people=tuple(self.people.values()),
            sector_terms=tuple(self.terms.values()),
            problems=tuple(self.problems),
            sources=sources,
        )


def _first(code: str | None) -> str | None:
    """The first of a compound code ("ELR/GAL" → "ELR")."""
    if code is None:
        return None
    parts = split_alternatives(code)
    return parts[0] if parts else None


def _units(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def _valid(code: str | None) -> str | None:
    """Only three capital letters fit a KB country field ("YEMNO" is kept as its country "YEM")."""
    return code if code and len(code) == 3 and code.isalpha() and code.isupper() else None
