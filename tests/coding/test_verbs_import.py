"""Converting a PETRARCH verb dictionary into dyad's lexicon format, and writing
events back as PETRARCH triples (no model: the lemmatizer is a table here)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyad.coding.lexicon import load_lexicon
from dyad.coding.ontology import load_ontology
from dyad.coding.petrarch_out import PetrarchCodes, Triple
from dyad.coding.verbs_import import import_verbs, lemmatize_blocks, nearest_cameo, read_discards, read_verbs
from dyad.errors import ConfigError
from dyad.records import Entity, Event, EventDate, Offsets

VERBS = """\
<!-- test verbs -->
&TIESYN
+MILITARY
+TRADE_LINKS

--- RESTORE  [064]  ---
RESTORE
- * DIPLOMATIC TIES  [064]
- * &TIESYN [0641]
- NOT * RELATIONS [112]

--- BREAK  [1717]  ---
BREAK {BROKE BROKEN}
+BREAK_DOWN
- * TREATY  [161]

--- LEFT  [032:033]  ---
LEFT

--- SAID  [010]  ---
SAID

--- REPORT  [025]  ---
REPORT
- * PROGRESS  [025]

--- CONCUR  [081]  ---
CONCUR
- % * [030:030]
- % HAVE * [191]

--- GRUMBLE  [---]  ---
GRUMBLE
- * LOUDLY AT  [903]
- * ROUNDLY  [+++]
"""
LEMMAS = {"left": "leave", "said": "say"}


def lemma(word: str) -> str:
    return LEMMAS.get(word, word)


@pytest.fixture
def verbs(tmp_path: Path) -> Path:
    path = tmp_path / "test.verbs.txt"
    path.write_text(VERBS, encoding="utf-8")
    return path


def test_blocks_patterns_and_synsets_are_read(verbs: Path) -> None:
    blocks, synsets, problems = read_verbs(verbs.read_text(), str(verbs))
    assert not problems
    assert synsets["&TIESYN"] == ("MILITARY", "TRADE_LINKS")
    restore = blocks[0]
    assert (restore.name, restore.code, [v.verb for v in restore.verbs]) == ("RESTORE", "064", ["restore"])
    assert [(p.before, p.after, p.code) for p in restore.patterns][2] == (("NOT",), ("RELATIONS",), "112")
    # { } forms are the verb too: each is entered under its own lemma, repeats dropped
    assert [(v.verb, v.particle) for v in blocks[1].verbs] == [("break", None), ("broke", None), ("broken", None), ("break", "down")]
    as_model = {"broke": "break", "broken": "broken"}  # a model may leave a form unlemmatized
    lemmatized = lemmatize_blocks(blocks, lambda w: as_model.get(w, w))
    assert [(v.verb, v.particle) for v in lemmatized[1].verbs] == [("break", None), ("broken", None), ("break", "down")]


def test_patterns_become_lexicon_entries_that_keep_the_petrarch_code(verbs: Path) -> None:
    result = import_verbs(verbs, lemmatize=lemma)
    entries = {(e.verb, e.particle, e.objects, e.before): e for e in result.entries}
    assert entries[("restore", None, ("diplomatic ties",), ())].code == "064"  # an object phrase: "ties" after "diplomatic"
    assert entries[("restore", None, ("military", "trade_links"), ())].cameo == "064"  # 0641 is no CAMEO code: its prefix
    broke = entries[("break", None, (), ())]
    assert (broke.code, broke.cameo) == ("1717", "171")  # a non-CAMEO code keeps its nearest CAMEO prefix
    assert entries[("break", "down", (), ())].code == "1717"
    assert entries[("leave", None, (), ())].code == "032:033"  # "LEFT" is entered under its lemma
    assert ("say", None, (), ()) not in entries  # CAMEO 010 is a public statement: PLOVER codes none
    assert ("grumble", None, (), ()) not in entries  # the null code codes nothing
    # "report" tells who spoke: dyad keeps it as the reporter, so only its pattern with an object is an event
    assert ("report", None, (), ()) not in entries
    assert entries[("report", None, ("progress",), ())].code == "025"
    messages = [p.message for p in result.problems]
    assert entries[("restore", None, ("relations",), ("not",))].code == "112"  # "NOT * RELATIONS": a word before the verb
    assert any("public statement" in m for m in messages)
    assert any("'report' says who spoke" in m for m in messages)
    assert any("[903]" in m and "not a CAMEO code" in m for m in messages)
    assert any("[+++]" in m and "no event code" in m for m in messages)  # TABARI's complex-event marker


def test_the_written_lexicon_loads_and_errors_name_the_line(verbs: Path, tmp_path: Path) -> None:
    out = tmp_path / "verbs.yaml"
    out.write_text(import_verbs(verbs, lemmatize=lemma).to_yaml("test"), encoding="utf-8")
    lexicon = load_lexicon([out])
    restore = [p for p in lexicon.verbs["restore"] if p.origin.startswith(str(out))]
    assert sorted(p.code for p in restore) == ["064", "064", "0641", "112"]
    assert next(p for p in restore if p.code == "112").before == ("not",)
    bad = tmp_path / "bad.verbs.txt"
    bad.write_text("--- X [010] ---\nX\n- NO STAR [010]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.verbs.txt:3: pattern"):
        import_verbs(bad, strict=True, lemmatize=lemma)


def test_nearest_cameo() -> None:
    onto = load_ontology()
    assert nearest_cameo("064", None, onto) == ("064", "")
    assert nearest_cameo("174K", None, onto)[0] == "174"
    assert nearest_cameo("903", "041", onto) == ("041", "the block's code [041]")
    assert nearest_cameo("903", None, onto)[0] is None


def event(rule: str, cameo: str, event_type: str, actor: tuple[Entity, ...], recipient: tuple[Entity, ...]) -> Event:
    return Event(article_id="a", event=event_type, mode=None, cameo=cameo, goldstein=None, quad_code=None,
                 actor=actor, recipient=recipient, when=EventDate(dt.date(2020, 1, 1)), event_text="left", text="",
                 offsets=Offsets(0, 1, 0, 1), rule=rule, confidence=0.8)


def test_events_are_written_back_as_petrarch_triples(verbs: Path, tmp_path: Path) -> None:
    out = tmp_path / "verbs.yaml"
    out.write_text(import_verbs(verbs, lemmatize=lemma).to_yaml(), encoding="utf-8")
    lexicon = load_lexicon([out])
    leave = next(p for p in lexicon.verbs["leave"] if p.code == "032:033")
    codes = PetrarchCodes(lexicon)
    dag = Entity("Dagolath's minister", code="DAG", sector="GOV")
    gon = Entity("Gondor", code="GON")
    paired = event(f"verb 'leave' ({leave.origin}); actor: subject", leave.cameo, leave.event, (dag,), (gon,))
    assert codes.triples(paired) == [Triple("DAGGOV", "GON", "032"), Triple("GON", "DAGGOV", "033")]
    media = Entity("the Danish media", code="DNK", sector="JRN")
    recoded = event(f"verb 'leave' ({leave.origin}); refused → REJECT", "125", "REJECT", (media,), (gon,))
    assert codes.triples(recoded) == [Triple("DNKMED", "GON", "125")]  # dyad recoded it: its own CAMEO code
    ties = next(p for p in lexicon.verbs["restore"] if p.code == "064" and p.objects)
    assert ties.event != "AGREE"
    future = event(f"verb 'restore' ({ties.origin}); future cooperation → AGREE", "036", "AGREE", (dag,), (gon,))
    assert codes.triples(future) == [Triple("DAGGOV", "GON", "064")]  # "will restore": PETRARCH codes the verb, not its tense
    alone = event(f"verb 'leave' ({leave.origin})", leave.cameo, leave.event, (dag,), ())
    assert codes.triples(alone) == []  # require_dyad: no target, no triple
    assert PetrarchCodes(lexicon, require_dyad=False).triples(alone)[0] == Triple("DAGGOV", "---", "032")
    # new_actor_length: a name the KB lacks is PETRARCH's new actor, written "---" even with require_dyad
    stranger = Entity("Minerva McGonagall")
    met = event(f"verb 'leave' ({leave.origin})", leave.cameo, leave.event, (stranger,), (gon,))
    assert codes.triples(met) == []
    assert codes.triples(met, new_actors=True) == [Triple("---", "GON", "032"), Triple("GON", "---", "033")]
    assert codes.triples(alone, new_actors=True) == []  # an empty side is no new actor


def test_a_compound_subject_pattern_codes_the_parties_among_themselves(verbs: Path, tmp_path: Path) -> None:
    result = import_verbs(verbs, lemmatize=lemma)
    concur = [(e.before, e.compound, e.code) for e in result.entries if e.verb == "concur"]
    assert concur == [((), False, "081"), ((), True, "030:030"), (("have",), True, "191")]
    out = tmp_path / "verbs.yaml"
    out.write_text(result.to_yaml(), encoding="utf-8")
    lexicon = load_lexicon([out])
    first = lexicon.verbs["concur"][0]
    assert first.compound and first.before == ("have",)  # the closest pattern is tried first; the bare verb last
    assert not lexicon.verbs["concur"][-1].compound
    gon, osg = Entity("Gondor", code="GON"), Entity("Osgiliath", code="OSG")
    delayed = event(f"verb 'concur' ({first.origin})", first.cameo, first.event, (gon,), (osg,))
    assert PetrarchCodes(lexicon).triples(delayed) == [Triple("GON", "OSG", "191"), Triple("OSG", "GON", "191")]


def test_discards_are_read_and_written(verbs: Path, tmp_path: Path) -> None:
    text = "# a comment\nMONTHS LATER\n+World_Golf Championships   # story\nBASEBALL\n"
    assert read_discards(text) == (("months later", "baseball"), ("world golf championships",))
    discards = tmp_path / "test.discards.txt"
    discards.write_text(text, encoding="utf-8")
    out = tmp_path / "verbs.yaml"
    out.write_text(import_verbs(verbs, lemmatize=lemma, discards=discards).to_yaml(), encoding="utf-8")
    lexicon = load_lexicon([out])
    assert lexicon.discard_story == frozenset({("world", "golf", "championships")})
    assert ("baseball",) in lexicon.discard_sentence


CAMEO_ONLY_VERBS = """\
--- LEAVE  [012]  ---
LEAVE

--- LEFT  [032:033]  ---
LEFT

--- COMMENT  [010]  ---
COMMENT
- * ON TARIFFS  [012]

--- GRUMBLE  [---]  ---
GRUMBLE
- * LOUDLY AT  [903]
"""


def test_codes_with_no_plover_type_become_cameo_only_patterns(tmp_path: Path) -> None:
    from dyad.coding.ontology import CAMEO_ONLY

    path = tmp_path / "cameo_only.verbs.txt"
    path.write_text(CAMEO_ONLY_VERBS, encoding="utf-8")
    result = import_verbs(path, lemmatize=lemma)
    entries = {(e.verb, e.objects): e for e in result.entries}
    # a statement keeps its CAMEO code; a code that is no CAMEO code (nor its block's) has none
    assert (entries[("comment", ("tariffs",))].event, entries[("comment", ("tariffs",))].cameo) == (CAMEO_ONLY, "012")
    assert (entries[("grumble", ("loudly at",))].event, entries[("grumble", ("loudly at",))].code) == (CAMEO_ONLY, "903")
    # "LEAVE [012]" and "LEFT [032:033]" are one lemma: the pattern with a PLOVER type keeps it
    assert entries[("leave", ())].code == "032:033" and entries[("leave", ())].event != CAMEO_ONLY
    assert any("gives way to [032:033]" in p.message for p in result.problems)
    out = tmp_path / "cameo_only.yaml"
    out.write_text(result.to_yaml(builtin=False), encoding="utf-8")
    lexicon = load_lexicon([out])
    grumble = lexicon.verbs["grumble"][0]
    assert (grumble.event, grumble.cameo, grumble.code) == (CAMEO_ONLY, "", "903")
    bad = tmp_path / "bad.yaml"
    bad.write_text("builtin: false\nverbs:\n  - {verb: grumble, event: CAMEO_ONLY}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="needs the dictionary's 'code'"):
        load_lexicon([bad])  # a CAMEO-only pattern is only a dictionary's own code


@pytest.mark.model
def test_cameo_only_events_are_coded_only_when_asked(tmp_path: Path) -> None:
    from dyad.coding.ontology import CAMEO_ONLY
    from dyad.coding.petrarch_out import STAGES
    from dyad.pipeline import Pipeline, PipelineOptions
    from dyad.records import Article

    out = tmp_path / "cameo_only.yaml"
    out.write_text('builtin: false\nverbs:\n  - {verb: grumble, event: CAMEO_ONLY, code: "903", recipient: [dobj, in_object]}\n'
                   '  - {verb: praise, event: CONSULT, cameo: "041", code: "041", recipient: [dobj]}\n', encoding="utf-8")
    article = Article(id="g", date=dt.date(2020, 1, 1), text="France grumbled at Germany. Spain praised Italy.")
    plover = Pipeline(PipelineOptions(lexicon=(out,), stages=STAGES)).code(article)
    assert [e.event for e in plover] == ["CONSULT"]  # no PLOVER type: never in the pipeline's output
    asked = Pipeline(PipelineOptions(lexicon=(out,), stages=STAGES, cameo_only=True))
    events = asked.code(article)
    grumbled = next(e for e in events if e.event == CAMEO_ONLY)
    assert (grumbled.cameo, grumbled.goldstein, grumbled.quad_code) == (None, None, None)
    codes = PetrarchCodes(asked.resources.lexicon)
    assert codes.triples(grumbled) == [Triple("FRA", "DEU", "903")]


def test_a_skip_mark_after_the_words_is_kept_on_the_pattern(tmp_path: Path) -> None:
    path = tmp_path / "skip.verbs.txt"
    path.write_text("--- CELEBRATE  [181] ---\nCELEBRATE\n- * FEAST AT ^ WITH +  [043]\n- * DECISION  [042]\n", encoding="utf-8")
    result = import_verbs(path, lemmatize=lemma)
    assert [(e.objects, e.skip) for e in result.entries if e.verb == "celebrate"][1:] == [(("feast at with",), True),
                                                                                          (("decision",), False)]
    out = tmp_path / "skip.yaml"
    out.write_text(result.to_yaml(builtin=False), encoding="utf-8")
    assert [p.skip for p in load_lexicon([out]).verbs["celebrate"] if p.objects] == [True, False]
