"""Convert a PETRARCH verb dictionary into dyad's trigger lexicon format.

    result = import_verbs(Path("PETR.Validate.verbs.txt"))
    Path("verbs.yaml").write_text(result.to_yaml())     # then: dyad code … --lexicon verbs.yaml

PETRARCH's verb file (PETRARCH docs, "Verb Dictionary") is a list of blocks::

    --- ABANDON  [345]  ---          the block's code, for its verbs without one
    ABANDON                          a verb (its regular forms are implied)
    BREAK { BROKE BROKEN }           irregular forms
    +BREAK_DOWN                      a phrasal verb: the + word is the verb
    - * DIPLOMATIC TIES [901]        a pattern: words around the verb (*)
    - + * FROM $ [066]               $ source, + target, % compound, ^ skip a phrase

and ``&SYNSET`` lists (``+WORD`` lines) used inside patterns. dyad's lexicon
says less: a verb lemma, maybe a particle (a preposition or adverb the verb
governs), maybe one of a set of object nouns. So a block becomes:

* each verb → a bare verb pattern with its code (``---`` codes nothing: no pattern);
* ``+BREAK_DOWN`` → verb ``break`` with particle ``down``;
* each pattern whose words are all after the verb → a pattern with the first
  of them as particle when it is a preposition or adverb, and the last word of
  the rest as the object (a synset gives several objects); ``$ + ^`` are
  dropped, since dyad finds the actor and the recipient from the parse; a ``%``
  before the verb makes a compound pattern (``Pattern.compound``: the subject's
  parties coded among themselves);
* a pattern with words before the verb (``SAID *``, ``NOT *``), or one that
  would repeat a particle and object already taken, is left out and counted.

dyad codes events by PLOVER type, so each code must be a CAMEO code with a
PLOVER type. The PETRARCH code is kept verbatim as the pattern's ``code``
(``"032:033"``, or a non-CAMEO test code such as ``"903"``), and its
nearest CAMEO code goes in ``cameo``: the code itself, else its longest CAMEO
prefix, else the block's code. ``dyad.coding.petrarch_out`` writes events back
with the kept code. A code with no PLOVER type (CAMEO 01 statements, a code
that is no CAMEO code nor has one in its block) gives a ``CAMEO_ONLY``
pattern: coded with the dictionary, written back by ``petrarch_out``, never a
PLOVER event (``PipelineOptions.cameo_only``). Every choice is listed as a ``Problem`` with its ``file:line``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from dyad.actors.tabari import Problem, clean_lines
from dyad.coding.ontology import CAMEO_ONLY, Ontology, load_ontology, normalise_cameo
from dyad.errors import ConfigError
from dyad.lang import english

_BLOCK = re.compile(r"^---\s*(?P<name>.*?)\s*(?:\[(?P<code>[^\]]*)\].*?)?---\s*$")
_CODE = re.compile(r"\[([^\]]*)\]\s*$")
_IRREGULAR = re.compile(r"\{([^}]*)\}")
ROLE_MARKS = frozenset("$+%^")
# The direct and indirect object, a party inside the object's or the verb's phrases (PETRARCH's
# target: the first actor of the verb phrase), the subject of a "that" clause ("believes Dagolath
# can cope"), then the prepositions of lang/en/actors.yaml.
OBJECT_SLOTS = ("dobj", "iobj", "dative", "in_object", "ccomp_subj")


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One ``- …`` line: the words before and after the verb, and its code."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str
    origin: str
    adjacent: bool = False  # the words before end right before the verb ("IN_*")
    compound: bool = False  # "% *": the subject is a compound of parties, coded among themselves
    skip: bool = False  # "* EID AT ^ WITH +": a phrase after the words is skipped before the target


@dataclass(frozen=True, slots=True)
class VerbForm:
    """A verb line: the verb, a particle for phrasal verbs, its own code."""

    verb: str  # lower case, as written ("abandon", "said", "left")
    particle: str | None
    code: str | None
    origin: str
    words_before: tuple[str, ...] = ()  # "WIRE_+TAP": words dyad cannot place


@dataclass(frozen=True, slots=True)
class VerbBlock:
    name: str
    code: str | None
    verbs: tuple[VerbForm, ...]
    patterns: tuple[VerbPattern, ...]
    origin: str


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One pattern in dyad's lexicon format, with the PETRARCH code it came from."""

    verb: str
    event: str
    cameo: str
    code: str  # the PETRARCH code, verbatim
    particle: str | None = None
    objects: tuple[str, ...] = ()
    origin: str = ""
    before: tuple[str, ...] = ()  # phrases before the verb, one of which must fit ("not", "indicated would")
    compound: bool = False  # PETRARCH's "% *" (Pattern.compound)
    skip: bool = False  # PETRARCH's "^" after the verb (Pattern.skip)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"verb": self.verb}
        if self.particle:
            out["particle"] = self.particle
        if self.objects:
            out["object"] = list(self.objects)
        if self.before:
            out["before"] = list(self.before)
        if self.compound:
            out["compound"] = True
        if self.skip:
            out["skip"] = True
        out["event"] = self.event
        if self.cameo:  # a CAMEO_ONLY pattern of a code with no CAMEO equivalent has none
            out["cameo"] = self.cameo
        out.update(code=self.code, recipient=[*OBJECT_SLOTS, *english().actors.recipient_prepositions])
        return out


@dataclass(slots=True)
class VerbsResult:
    blocks: list[VerbBlock] = field(default_factory=list)
    entries: list[LexiconEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    source: str = ""
    # A discards file's phrases (``read_discards``): "+PHRASE" discards the story, "PHRASE" the sentence.
    discard_sentence: tuple[str, ...] = ()
    discard_story: tuple[str, ...] = ()

    def to_yaml(self, header: str = "", builtin: bool = True) -> str:
        """A lexicon file for ``--lexicon``: one pattern per line, each with its source line.
        ``builtin=False``: the file replaces dyad's packaged patterns (it codes as the dictionary alone)."""
        lines = [f"# {line}".rstrip() for line in header.splitlines()]
        if not builtin:
            lines.append("builtin: false")
        if self.discard_sentence or self.discard_story:
            lines.append("discards:")
            for scope, phrases in (("sentence", self.discard_sentence), ("story", self.discard_story)):
                if phrases:
                    lines.append(f"  {scope}: {yaml.safe_dump(list(phrases), default_flow_style=True, width=1 << 20).strip()}")
        lines.append("verbs:")
        for e in self.entries:
            text = yaml.safe_dump(e.as_dict(), default_flow_style=True, width=1 << 20, sort_keys=False).strip()
            lines.append(f"  - {text}  # {e.origin}")
        return "\n".join(lines) + "\n"


def read_verbs(text: str, path: str, strict: bool = False) -> tuple[list[VerbBlock], dict[str, tuple[str, ...]], list[Problem]]:
    """Blocks, synsets (``&NAME`` → phrases) and problems of one verb file."""
    blocks: list[VerbBlock] = []
    synsets: dict[str, tuple[str, ...]] = {}
    problems: list[Problem] = []
    block: dict[str, object] | None = None
    synset: str | None = None

    def close() -> None:
        if block is not None:
            blocks.append(VerbBlock(str(block["name"]), block["code"], tuple(block["verbs"]),  # type: ignore[arg-type]
                                    tuple(block["patterns"]), str(block["origin"])))  # type: ignore[arg-type]

    for number, line, _note in clean_lines(text):
        line = line.strip()
        if not line:
            synset = None
            continue
        origin = f"{path}:{number}"
        head = _BLOCK.match(line)
        if head is not None:
            close()
            synset = None
            block = {"name": head["name"], "code": _code(head["code"]), "verbs": [], "patterns": [], "origin": origin}
            continue
        if line.startswith("&"):
            synset = line.split()[0].upper().rstrip("_")
            synsets.setdefault(synset, ())
            continue
        if line.startswith("+") and synset is not None:
            synsets[synset] = (*synsets[synset], line[1:].strip().rstrip("_"))
            continue
        if block is None:
            _fail(problems, origin, f"{line!r} outside any --- VERB --- block", strict)
            continue
        if line.startswith("-"):
            pattern = _read_pattern(line[1:].strip(), origin)
            if pattern is None:
                _fail(problems, origin, f"pattern {line!r} has no * (the verb) or no [code]", strict)
            else:
                block["patterns"].append(pattern)  # type: ignore[attr-defined]
            continue
        block["verbs"].extend(_read_verbs(line, origin))  # type: ignore[attr-defined]
    close()
    return blocks, synsets, problems


def read_discards(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(sentence-level, story-level) phrases of a PETRARCH discards file, in lower case
    ("+TYPHOON" discards the story, "BASEBALL" the sentence; "_" joins words)."""
    sentence: list[str] = []
    story: list[str] = []
    for _number, line, _note in clean_lines(text):
        line = line.strip()
        if not line:
            continue
        target = story if line.startswith("+") else sentence
        phrase = " ".join(line.lstrip("+").replace("_", " ").split()).lower()
        if phrase:
            target.append(phrase)
    return tuple(dict.fromkeys(sentence)), tuple(dict.fromkeys(story))


def lemmatize_blocks(blocks: list[VerbBlock], lemmatize: Callable[[str], str]) -> list[VerbBlock]:
    """PETRARCH lists written forms ("SAID", "LEFT"); dyad matches a verb by its
    lemma first, so each form is entered under its lemma ("say", "leave")."""
    out = []
    for b in blocks:
        verbs: dict[tuple[str, str | None, tuple[str, ...]], VerbForm] = {}
        for v in b.verbs:
            form = replace(v, verb=lemmatize(v.verb))
            verbs.setdefault((form.verb, form.particle, form.words_before), form)
        out.append(replace(b, verbs=tuple(verbs.values())))
    return out


def _read_pattern(body: str, origin: str) -> VerbPattern | None:
    m = _CODE.search(body)
    if m is None:
        return None
    text = body[: m.start()]
    if "*" not in text:
        return None
    before, _, after = text.partition("*")
    # "_" (words side by side) is kept inside a word: "NEW_&TIETYPES_RELATIONS"; role marks are dropped.
    compound = "%" in before.replace("_", " ").split()
    return VerbPattern(_chunks(before), _chunks(after), m[1].strip().upper(), origin, adjacent=before.endswith("_"),
                       compound=compound, skip="^" in after.replace("_", " ").split())


def _chunks(text: str) -> tuple[str, ...]:
    """"SUGGESTED_+ DEMAND_&GENINT" → ("SUGGESTED", "DEMAND_&GENINT"): words, role marks dropped."""
    out = ("_".join(p for p in chunk.split("_") if p and p not in ROLE_MARKS) for chunk in text.split())
    return tuple(c for c in out if c)


def _read_verbs(line: str, origin: str) -> list[VerbForm]:
    m = _CODE.search(line)
    code = _code(m[1]) if m else None
    head = _IRREGULAR.sub(" ", line[: m.start()] if m else line).strip()
    if not head:
        return []
    words = head.replace("_", " ").split()
    at = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    verb = words[at].lstrip("+").lower()
    rest = [w.lower() for w in words[at + 1 :]]
    main = VerbForm(verb, rest[0] if rest else None, code, origin, tuple(w.lower() for w in words[:at]))
    # The { } forms are the verb too; the model may lemmatize one otherwise ("cordoned" → "cordone"),
    # so each is entered under its own lemma as well (lemmatize_blocks drops those that repeat).
    forms = []
    for written in (m[1] for m in _IRREGULAR.finditer(line[: m.start()] if m else line)):
        for item in written.split():
            parts = item.replace("_", " ").split()
            verb_at = next((i for i, w in enumerate(parts) if w.startswith("+")), 0)
            forms.append(replace(main, verb=parts[verb_at].lstrip("+").lower()))
    return [main, *forms]


def _code(text: str | None) -> str | None:
    return text.strip().upper() if text and text.strip() else None


def convert_verbs(blocks: Iterable[VerbBlock], synsets: dict[str, tuple[str, ...]], onto: Ontology,
                  problems: list[Problem], strict: bool = False) -> list[LexiconEntry]:
    out: list[LexiconEntry] = []
    seen: set[tuple[str, str | None, tuple[str, ...], tuple[str, ...], bool]] = set()
    attribution = attribution_verbs()
    untyped: dict[tuple[str, str | None, tuple[str, ...], tuple[str, ...], bool], LexiconEntry] = {}  # CAMEO-only, by key

    def add(verb: VerbForm, code: str | None, particle: str | None, objects: tuple[str, ...], origin: str,
            fallback: str | None, before: tuple[str, ...] = (), compound: bool = False, skip: bool = False) -> None:
        if code is None or code == "---":
            return  # the null code: this form codes nothing
        if not any(c.isdigit() for c in code):
            # TABARI's markers ("+++" complex event, "###") and letters are no event code
            _fail(problems, origin, f"code [{code}] of {_describe(verb.verb, particle, objects)} has no digit, so it "
                  "is no event code: left out", strict)
            return
        key = (verb.verb, particle, objects, before, compound)
        if key in seen and not (key in untyped and _typed(code, fallback, verb, particle, onto)):
            _fail(problems, origin, f"{_describe(verb.verb, particle, objects)} is already taken by an earlier pattern: "
                  "left out (dyad's lexicon cannot tell them apart)", strict)
            return
        if key in seen:
            # "LEAVE [012]" then "LEFT [032:033]", one lemma: a PLOVER event wins over a CAMEO-only one
            _fail(problems, untyped[key].origin, f"{_describe(verb.verb, particle, objects)} [{untyped[key].code}] gives "
                  f"way to [{code}] ({origin}), which has a PLOVER type (dyad's lexicon cannot tell them apart)", strict)
            out.remove(untyped.pop(key))
        cameo, note = nearest_cameo(code, fallback, onto)
        if cameo is None and (own := own_cameo(verb.verb, particle)) is not None:
            # A code that is no CAMEO code (WEIS 223, a test code 903): the type dyad gives the verb itself.
            cameo, note = own, f"not a CAMEO code; dyad's own pattern for {_describe(verb.verb, particle, ())!r}"
        event = None if cameo is None else onto.plover_of(cameo)[0]
        if event is None:
            # No PLOVER type: a CAMEO-only pattern, coded with the dictionary and written back by
            # petrarch_out, never a PLOVER event (PipelineOptions.cameo_only)
            why = note if cameo is None else f"CAMEO {cameo} is a public statement, which PLOVER does not code"
            _fail(problems, origin, f"code [{code}] of {_describe(verb.verb, particle, objects)}: {why}; kept as a "
                  f"{CAMEO_ONLY} pattern (no PLOVER event)", strict)
            event, note = CAMEO_ONLY, ""
        cameo = cameo or ""
        if particle is None and not objects and not before and not compound and verb.verb in attribution:
            _fail(problems, origin, f"verb {verb.verb!r} says who spoke, which dyad keeps as the reporter of the event "
                  "it tells (reported_by), not as an event of its own: its bare pattern is left out", strict)
            return
        if note:
            _fail(problems, origin, f"code [{code}] is coded as CAMEO {cameo} ({note}); the pattern keeps [{code}]", strict)
        seen.add(key)
        entry = LexiconEntry(verb.verb, event, cameo, code, particle, objects, origin, before, compound, skip)
        out.append(entry)
        if event == CAMEO_ONLY:
            untyped[key] = entry

    for block in blocks:
        for verb in block.verbs:
            # "WIRE_+TAP": the words before the verb stand right before it
            written: tuple[str, ...] = ("_".join(verb.words_before) + "_",) if verb.words_before else ()
            add(verb, verb.code or block.code, verb.particle, (), verb.origin, block.code, written)
        for pattern in sorted(block.patterns, key=lambda p: -len(p.after)):  # longer patterns first, as PETRARCH
            particle, objects = _pattern_slots(pattern.after, synsets)
            before = _spelled_out(pattern.before, synsets)
            if pattern.adjacent and before:
                before = tuple(f"{b}_" for b in before)
            if particle is None and not objects and not before and not pattern.compound:
                _fail(problems, pattern.origin, "pattern names no particle, object or word before the verb dyad can "
                      "check: left out", strict)
                continue
            for verb in block.verbs:
                if verb.words_before:
                    continue
                if verb.particle and particle and particle != verb.particle:
                    # "+CORDON_OFF" with "- * FOR CONSTRUCTION": the phrasal verb keeps its particle and the
                    # pattern's words are read after it ("cordoned off for construction")
                    phrases = tuple(f"{particle} {o}" for o in objects) or (particle,)
                    add(verb, pattern.code, verb.particle, phrases, pattern.origin, verb.code or block.code, before,
                        pattern.compound, pattern.skip)
                else:
                    add(verb, pattern.code, particle or verb.particle, objects, pattern.origin, verb.code or block.code,
                        before, pattern.compound, pattern.skip)
    return out


def _typed(code: str, fallback: str | None, verb: VerbForm, particle: str | None, onto: Ontology) -> bool:
    """Whether a pattern's code gets a PLOVER type (as ``convert_verbs`` types it)."""
    cameo = nearest_cameo(code, fallback, onto)[0] or own_cameo(verb.verb, particle)
    return cameo is not None and onto.plover_of(cameo)[0] is not None


def own_cameo(verb: str, particle: str | None) -> str | None:
    """The CAMEO code of dyad's own pattern for ``verb`` with ``particle`` (else the bare
    verb's) and no object, if it has one."""
    from dyad.coding.lexicon import default_lexicon

    own = [p for p in default_lexicon().verbs.get(verb, ()) if not p.objects]
    for wanted in dict.fromkeys(((particle,) if particle else (), ())):
        found = next((p.cameo for p in own if p.particles[:1] == wanted), None)
        if found is not None:
            return found
    return None


def attribution_verbs() -> frozenset[str]:
    """Reporting verbs dyad's own lexicon codes no event for ("say", "report", "tell").

    dyad reads them as attribution: the event told in their complement is coded
    and the speaker kept as its reporter. As an event trigger they would take
    the sentence from the event they report (a speech event blocks what it
    speaks of), so "X restored ties with Y, an official said" would lose the
    restoring. PETRARCH dictionaries code them with statement codes (CAMEO 010,
    which PLOVER does not code), so this only changes dictionaries that give
    them other codes.
    """
    from dyad.coding.lexicon import default_lexicon

    return frozenset(english().reporting.verbs - set(default_lexicon().verbs))


def _pattern_slots(after: tuple[str, ...], synsets: dict[str, tuple[str, ...]]) -> tuple[str | None, tuple[str, ...]]:
    """(particle, objects) of the words after the verb: a first word that is a particle
    ("FOR_ASYLUM": for), then the object phrase, its synsets expanded ("* &TIETYPES TIES"
    → "military ties", "economic ties" …); ``_`` stays between words that must be adjacent."""
    words = [w for w in after if w not in ROLE_MARKS]
    particle = None
    if words:
        first, _, rest = words[0].partition("_")
        if first.lower() in english().actors.verb_particles:
            particle = first.lower()
            words = [rest, *words[1:]] if rest else words[1:]
    return particle, _spelled_out(tuple(words), synsets)


def _spelled_out(words: tuple[str, ...], synsets: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The phrases ``words`` stand for, synsets spelled out, in lower case ("" for none)."""
    if not words:
        return ()
    phrases = [""]
    for word in words:
        options = _expand(word, synsets)
        phrases = [f"{p} {o}".strip() for p in phrases for o in options]
    return tuple(dict.fromkeys(p.lower() for p in phrases if p))


def _expand(word: str, synsets: dict[str, tuple[str, ...]], depth: int = 0) -> list[str]:
    """A pattern word with its synsets spelled out: "NEW_&TIETYPES" → "NEW_MILITARY", "NEW_ECONOMIC" …"""
    parts = [""]
    for i, part in enumerate(word.split("_")):
        if part.startswith("&") and depth < 4:
            members = synsets.get(part.upper().rstrip("_"), ())
            options = [o for m in members for o in _expand(m, synsets, depth + 1)]
        else:
            options = [part]
        join = "_" if i else ""
        parts = [f"{p}{join}{o}" for p in parts for o in options if o]
    return parts


def nearest_cameo(code: str, fallback: str | None, onto: Ontology) -> tuple[str | None, str]:
    """(a CAMEO code dyad knows, a note when it is not ``code`` itself): the code,
    else its longest CAMEO prefix (174K → 174, 1717 → 171), else the block's code."""
    first = code.split(":")[0]
    found = _cameo_or_prefix(first, onto)
    if found is not None:
        return found, "" if found == normalise_cameo(first) else f"its CAMEO prefix {found}"
    if fallback:
        found = _cameo_or_prefix(fallback.split(":")[0], onto)
        if found is not None:
            return found, f"the block's code [{fallback}]"
    return None, "not a CAMEO code, and neither is the block's"


def _cameo_or_prefix(code: str, onto: Ontology) -> str | None:
    for n in range(len(code), 2, -1):
        prefix = code[:n]
        if prefix.isdigit() and normalise_cameo(prefix) in onto.cameo:
            return normalise_cameo(prefix)
    return None


def _describe(verb: str, particle: str | None, objects: tuple[str, ...]) -> str:
    return " ".join([verb, *([particle] if particle else []), *(["+" + "/".join(objects[:3])] if objects else [])])


def _fail(problems: list[Problem], origin: str, message: str, strict: bool) -> None:
    if strict:
        raise ConfigError(f"{origin}: {message}")
    problems.append(Problem(origin, message))


def model_lemmatizer() -> Callable[[str], str]:
    """The verb lemma of a word as the English model's lemmatizer gives it ("left" → "leave")."""
    from spacy.tokens import Doc

    from dyad.nlp import load_model

    nlp = load_model()
    lemmatizer = nlp.get_pipe("lemmatizer")

    def lemma(word: str) -> str:
        doc = Doc(nlp.vocab, words=["they", word], pos=["PRON", "VERB"], tags=["PRP", "VBD"])
        return lemmatizer(doc)[1].lemma_.lower() or word

    return lemma


def import_verbs(path: Path, strict: bool = False, onto: Ontology | None = None,
                 lemmatize: Callable[[str], str] | None = None, discards: Path | None = None) -> VerbsResult:
    """Read ``path`` and convert it (see the module doc). ``lemmatize`` turns a
    written form ("LEFT") into the lemma dyad matches ("leave"); default: the model's.
    ``discards``: a PETRARCH discards file, whose phrases keep sentences or stories uncoded."""
    blocks, synsets, problems = read_verbs(_read_text(path, "verb dictionary"), str(path), strict)
    blocks = lemmatize_blocks(blocks, lemmatize or model_lemmatizer())
    entries = convert_verbs(blocks, synsets, onto or load_ontology(), problems, strict)
    sentence, story = read_discards(_read_text(discards, "discards file")) if discards is not None else ((), ())
    return VerbsResult(blocks, entries, problems, str(path), sentence, story)


def _read_text(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return path.read_text(encoding="latin-1")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read {what} ({exc.strerror or exc})") from exc
