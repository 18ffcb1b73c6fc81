"""Reading TABARI/PETRARCH actor and agent dictionaries and converting them into
dyad's KB (no model needed). The dictionaries here are written for the tests."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest

from dyad.actors.cameo_codes import cameo_of, comparable, split_code
from dyad.actors.importer import ImportOptions, convert, import_dictionaries
from dyad.actors.kb import load_knowledge_base
from dyad.actors.names import display_name, is_adjective
from dyad.actors.tabari import parse_date, read_actors, read_agents
from dyad.errors import ConfigError

ACTORS = """\
<!-- a test dictionary
     over two lines -->
FREEDONIA_  [FRD]   # a country
+FREEDONIAN
+FREEDONIA_REPUBLIC

SYLVANIA [SYL]
TRENTINO_OF_SYLVANIA   ; legacy comment
\t[SYLELI <19300101]
\t[SYLGOV 19300101 - 19331231]
\t[FRDGOV > 19340101]
RUFUS_T._FIREFLY [FRD]
\t[FRDGOV 330101-331231]
FREEDONIAN_LIBERATION_FRONT_(FLF) [FRDREB]
UNITED_NATIONS_ [IGOUNO]
+U.N.
TRIPARTITE_COMMISSION_ [IGOTRC]
+THE_TRIPCOM
TRIPARTITE_BOARD [IGOTRC]
WHITE_PALACE [FRDGOV]
THE_TWINS [FRD/SYL]
NOBODY [---]
FREE_PRESS [MED]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN
SPOKES!PERSON! [~GOV]
TAX_COLLECTOR [~GOV]
BUS_DRIVER {BUS_DRIVERS_} [~LAB]
NEWSREADER {} [~MED]
HUMANITARIAN_BODY [NGO~]
BELIEVER [~MUS]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_dates_read_as_petrarch_does() -> None:
    assert parse_date("19950601") == dt.date(1995, 6, 1)
    assert parse_date("950601") == dt.date(1995, 6, 1)
    assert parse_date("300101") == dt.date(2030, 1, 1)  # 00-30 are 20YY
    assert parse_date("201005011") == dt.date(2010, 5, 1)  # digits past YYYYMMDD are ignored
    with pytest.raises(ValueError):
        parse_date("95061")


def test_actor_records_keep_synonyms_codes_and_lines() -> None:
    d = read_actors(ACTORS, "test.actors.txt")
    assert not d.problems
    first = d.actors[0]
    assert (first.phrase, first.synonyms, first.default) == ("FREEDONIA_", ("FREEDONIAN", "FREEDONIA_REPUBLIC"), "FRD")
    assert first.origin == "test.actors.txt:3"
    trentino = next(a for a in d.actors if a.phrase.startswith("TRENTINO"))
    assert [(r.code, r.start, r.end) for r in trentino.rules] == [
        ("SYLELI", None, dt.date(1930, 1, 1)),  # "<date" and ">date" include the date, as PETRARCH reads them
        ("SYLGOV", dt.date(1930, 1, 1), dt.date(1933, 12, 31)),
        ("FRDGOV", dt.date(1934, 1, 1), None),
    ]
    assert trentino.default is None


def test_bad_lines_are_problems_with_file_and_line_or_errors_when_strict() -> None:
    text = "GOOD [AAA]\nBAD_DATE\n\t[AAAGOV 19951301-19960101]\n\tSTRAY [BBB]\n"
    d = read_actors(text, "bad.txt")
    assert [str(p) for p in d.problems] == [
        "bad.txt:3: month must be in 1..12",
        "bad.txt:4: text '\\tSTRAY' on a code line",
    ]
    with pytest.raises(ConfigError, match=r"^bad.txt:3: "):
        read_actors(text, "bad.txt", strict=True)


def test_agents_expand_plurals_and_substitutions() -> None:
    d = read_agents(AGENTS, "test.agents.txt")
    forms = {a.phrase: a.forms for a in d.agents}
    assert forms["SPOKES!PERSON!"] == ("SPOKESMAN", "SPOKESMEN", "SPOKESWOMAN")
    assert forms["TAX_COLLECTOR"] == ("TAX_COLLECTOR", "TAX_COLLECTORS")
    assert forms["BUS_DRIVER"] == ("BUS_DRIVER", "BUS_DRIVERS_")
    assert forms["NEWSREADER"] == ("NEWSREADER",)  # {} : no plural
    body = next(a for a in d.agents if a.phrase == "HUMANITARIAN_BODY")
    assert (body.code, body.prefix) == ("NGO", True)


def test_cameo_codes_split_into_country_sector_and_rest() -> None:
    assert split_code("PSEREBHMS").country == "PSE" and split_code("PSEREBHMS").sector == "REB"
    assert split_code("IGOUNOKID").org == "IGO" and split_code("IGOUNOKID").rest == ("UNO", "KID")
    assert split_code("IMGMUSALQ").kind == "group" and split_code("IMGMUSALQ").sector == "REB"
    # CAMEO roles become PLOVER sectors: media JRN, health MED, insurgents REB, rights SOC.
    assert [split_code(c).sector for c in ("USAMED", "USAHLH", "USAINS", "USAHRI", "USAENV")] == ["JRN", "MED", "REB", "SOC", "SOC"]
    assert comparable("ARNGOVFRM") == "ARNGOV" and comparable("ORCHOB") == "ORC" and comparable("---GOV") == "---GOV"
    assert cameo_of("DNK", "JRN") == "DNKMED" and cameo_of(None, "GOV") == "---GOV"


def test_names_are_written_so_they_match_as_dyad_matches() -> None:
    assert display_name("PRESIDENT_GEORGE_W._BUSH") == ("President George W. Bush", ())
    assert display_name("ISLAMIC_ARMY_OF_ADEN_(IAA)_") == ("Islamic Army of Aden", ("IAA",))
    assert display_name("THE_UN")[0] == "The UN"  # two letters: an acronym, exact case
    assert display_name("SAM_GAMGEE")[0] == "Sam Gamgee"  # three letters read as a syllable
    assert display_name("AL-QAEDA")[0] == "Al-Qaeda"
    assert is_adjective("FREEDONIAN") and is_adjective("DANISH") and not is_adjective("PAKISTAN")


def test_records_become_countries_people_groups_organisations_and_sector_words(tmp_path: Path) -> None:
    actors = write(tmp_path, "test.actors.txt", ACTORS)
    agents = write(tmp_path, "test.agents.txt", AGENTS)
    result = import_dictionaries([actors, agents])
    countries = {c.code: c for c in result.countries}
    assert countries["FRD"].name == "Freedonia" and countries["FRD"].adjectives == ("Freedonian",)
    assert countries["FRD"].names == ("Freedonia Republic",)
    twins = result.blocs[0]  # a compound code [FRD/SYL] names both at once
    assert (twins.name, twins.code, twins.members) == ("The Twins", "FRD", ("FRD", "SYL"))
    people = {p.name: p for p in result.people}
    trentino = people["Trentino of Sylvania"]
    assert [(r.country, r.sector) for r in trentino.roles] == [("SYL", "ELI"), ("SYL", "GOV"), ("FRD", "GOV")]
    assert people["Rufus T. Firefly"].country == "FRD"  # the undated default code is the nationality
    groups = {g.name: g for g in result.groups}
    assert (groups["Freedonian Liberation Front"].country, groups["Freedonian Liberation Front"].sector) == ("FRD", "REB")
    assert groups["Freedonian Liberation Front"].names == ("FLF",)
    orgs = {o.identifier: o for o in result.organisations}
    # "United Nations", "U.N." are ours already (IGO): left out; records with one code are one organisation
    assert "IGOUNO" not in orgs
    assert (orgs["IGOTRC"].code, orgs["IGOTRC"].name, orgs["IGOTRC"].names) == ("IGO", "Tripartite Commission", ("The Tripcom", "Tripartite Board"))
    palace = next(o for o in result.organisations if o.name == "White Palace")
    assert (palace.code, palace.sector, palace.country) == ("FRD", "GOV", "FRD")
    terms = {t.term: t.sector for t in result.sector_terms}
    assert terms["tax collector"] == "GOV" and terms["newsreader"] == "JRN" and terms["free press"] == "JRN"
    assert "spokesman" not in terms  # ours already says GOV
    messages = [f"{p.origin.rsplit('/', 1)[-1]} {p.message}" for p in result.problems]
    assert any(m.startswith("test.actors.txt:22 ") and "null code" in m for m in messages)
    assert any("[~MUS]" in m and "agent_words" in m for m in messages)  # no PLOVER sector: a word that adds none
    assert terms["believer"] == ""
    # a prefix agent ([NGO~]) is an organisation of its code: PETRARCH writes it before the actor's
    assert any(o.code == "NGO" and o.name == "Humanitarian Body" for o in result.organisations)


def test_imported_file_loads_over_ours_and_regenerates_identically(tmp_path: Path) -> None:
    actors = write(tmp_path, "test.actors.txt", ACTORS)
    agents = write(tmp_path, "test.agents.txt", AGENTS)
    text = import_dictionaries([actors, agents]).to_yaml("test header")
    assert text == import_dictionaries([actors, agents]).to_yaml("test header")  # deterministic
    assert text.startswith("# test header\n")
    out = write(tmp_path, "imported.yaml", text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kb = load_knowledge_base([out])
    assert kb.lookup("Freedonia").entry.code == "FRD"  # type: ignore[union-attr]
    person = kb.lookup("Trentino of Sylvania").entry  # type: ignore[union-attr]
    assert person.roles_on(dt.date(1932, 5, 1))[0].sector == "GOV"  # type: ignore[union-attr]
    assert kb.lookup("tax collectors").sector == "GOV"  # type: ignore[union-attr]


def test_prefer_ours_drops_names_our_kb_codes_otherwise(tmp_path: Path) -> None:
    path = write(tmp_path, "clash.actors.txt", "EGYPT [UAR]\nGONDOR [GON]\n")
    theirs = convert([read_actors(path.read_text(), str(path))])
    ours = convert([read_actors(path.read_text(), str(path))], ImportOptions(prefer="ours"))
    assert {c.code for c in theirs.countries} == {"UAR", "GON"}
    assert {c.code for c in ours.countries} == {"GON"}


def test_open_roles_can_be_closed_at_the_dictionary_date(tmp_path: Path) -> None:
    path = write(tmp_path, "open.actors.txt", "JANE_ROE_\n\t[FRDGOV >20100101]\n")
    options = ImportOptions(open_roles_end=dt.date(2014, 1, 30), id_prefix="test")
    person = convert([read_actors(path.read_text(), str(path))], options).people[0]
    assert person.id == "test:jane-roe" and person.roles[0].end == dt.date(2014, 1, 30)


def test_a_dictionary_imported_alone_is_the_whole_knowledge_base(tmp_path: Path) -> None:
    path = write(tmp_path, "alone.actors.txt", "EGYPT [UAR]\nGONDOR [GON]\nFRANCE [FRA]\n")
    merged = convert([read_actors(path.read_text(), str(path))])
    alone = convert([read_actors(path.read_text(), str(path))], ImportOptions(alone=True))
    assert "FRA" not in {c.code for c in merged.countries}  # ours codes France the same way: left to ours
    assert {c.code for c in alone.countries} == {"UAR", "GON", "FRA"}  # nothing is left to ours
    text = alone.to_yaml()
    assert "builtin: false" in text and "builtin" not in merged.to_yaml()
    kb = load_knowledge_base([write(tmp_path, "alone.yaml", text)])
    assert kb.lookup("Gondor").entry.code == "GON"  # type: ignore[union-attr]
    assert kb.lookup("Germany") is None  # ours is not loaded
    assert "GOV" in kb.sector_codes  # but our sector codes are
    assert kb.alone and not load_knowledge_base().alone  # PETRARCH rules (KnowledgeBase.alone) only then


def test_a_compound_code_is_a_bloc_of_its_members(tmp_path: Path) -> None:
    path = write(tmp_path, "twins.actors.txt", "FREEDONIA [FRD]\nSYLVANIA [SYL]\nTHE_TWINS [FRD/SYL]\nTHE_PAIR [FRD/SYLGOV]\n")
    result = convert([read_actors(path.read_text(), str(path))], ImportOptions(alone=True))
    assert [(b.name, b.members) for b in result.blocs] == [("The Twins", ("FRD", "SYL"))]
    # a compound with a sector is no list of states: coded as its first code, and said so
    assert any("compound code [FRD/SYLGOV]" in p.message for p in result.problems)
    kb = load_knowledge_base([write(tmp_path, "twins.yaml", result.to_yaml())])
    assert kb.lookup("the twins").entry.members == ("FRD", "SYL")  # type: ignore[union-attr]


@pytest.mark.model
def test_alone_lists_join_their_phrase_and_share_its_agent(tmp_path: Path, nlp) -> None:  # noqa: ANN001
    from dyad.actors.resolve import ActorResolver

    actors = write(tmp_path, "lands.actors.txt", "FREEDONIA [FRD]\nSYLVANIA [SYL]\nMARSOVIA [MRS]\n")
    agents = write(tmp_path, "lands.agents.txt", "ENVOY [~GOV]\nLAWMAKER [~LEG]\nOFFICIAL [~GOV]\n"
                   "OPPOSITION_GROUP [~OPP]\nMAIN_OPPOSITION_GROUP [~MOP]\nHELPERS_UNLIMITED {} [NGO~]\n")
    result = import_dictionaries([actors, agents], ImportOptions(alone=True))
    resolver = ActorResolver(load_knowledge_base([write(tmp_path, "lands.yaml", result.to_yaml())]))

    def parties(text: str) -> list[set[tuple[str | None, str | None]]]:
        return [{(e.code, e.sector) for e in m.entities} for m in resolver.resolve(nlp(text), dt.date(2001, 1, 1))]

    # "of" gives the envoys their countries: the listed ones share the agent, in one mention
    assert parties("The envoys of Freedonia, Sylvania and Marsovia met on Monday.")[0] == {
        ("FRD", "GOV"), ("SYL", "GOV"), ("MRS", "GOV")}
    # conjoined agents "in" two countries: each agent of each country
    assert parties("Lawmakers and officials in Freedonia and Sylvania met on Monday.")[0] == {
        ("FRD", "LEG"), ("FRD", "GOV"), ("SYL", "LEG"), ("SYL", "GOV")}
    # a possessive is no shared preposition: Sylvania stays the bare state
    assert parties("Freedonia's envoys and Sylvania met on Monday.")[0] == {("FRD", "GOV"), ("SYL", None)}
    # an agent with no PLOVER sector ([~MOP]) adds none, and keeps the shorter "opposition group" from firing
    assert "agent_words: [main opposition group" in result.to_yaml()
    assert parties("Freedonia's main opposition group met on Monday.")[0] == {("FRD", None)}
    assert parties("Freedonia's opposition group met on Monday.")[0] == {("FRD", "OPP")}
    # a prefix agent ([NGO~]) is coded before the country, and an agent heading its phrase adds its role
    assert parties("Helpers Unlimited Freedonia met on Monday.")[0] == {("NGO", None)}
    assert parties("The envoys of Helpers Unlimited met on Monday.")[0] == {("NGO", "GOV")}
