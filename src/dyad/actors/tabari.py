"""Read CAMEO actor and agent dictionaries in the TABARI/PETRARCH text format.

The format (PETRARCH docs, "Dictionary Formats"; TABARI manual ch. 5):

* comments: ``# …`` to the end of a line, ``<!-- … -->`` over one or several
  lines, and the legacy ``; …``;
* an **actor** record is a primary phrase, optional ``+synonym`` lines and
  optional code lines; codes are in brackets, on the primary line or on lines
  of their own: ``[USA]``, ``[HOBGOV 19950601-19990815]``, ``[HOB <950601]``,
  ``[HOBREB >990816]``. An undated code is the default; dated codes are tried
  in order and the first that covers the date wins;
* an **agent** record is ``PHRASE {plurals} [~GOV]`` (``~`` before the code:
  the code follows the actor's; after it, ``NGO~``, it goes before), with
  ``!PERSON! = MAN, MEN …`` substitution sets.

Words in a phrase are joined by ``_`` or spaces. Dates are ``YYYYMMDD`` or
``YYMMDD`` (``00``–``30`` are 20YY, other two-digit years 19YY, as in TABARI).

Everything read is a frozen record that keeps its ``file:line``. A malformed
piece is a ``Problem`` naming its line, collected so a 2 MB dictionary with
one bad date still imports; ``strict=True`` raises ``ConfigError`` instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from dyad.errors import ConfigError

_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_PLURALS = re.compile(r"\{([^{}]*)\}")
# A code restriction: CODE, then nothing, "<date", ">date" or "date-date".
_RESTRICTION = re.compile(r"^(?P<code>\S+)\s*(?:(?P<op>[<>])\s*(?P<one>\d+)|(?P<lo>\d+)\s*-\s*(?P<hi>\d+))?$")
_SUBSTITUTION = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in a dictionary we could not use, and where it is."""

    origin: str  # "file:line"
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True, slots=True)
class CodeRule:
    """One bracketed code; ``start``/``end`` inclusive ("or equal to", as
    PETRARCH reads ``<date`` and ``>date``), None = open."""

    code: str  # as written, upper-cased: "HOBGOV", "---", "ELR/GAL"
    start: dt.date | None = None
    end: dt.date | None = None
    origin: str = ""

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """A primary phrase, its synonyms, and its codes in dictionary order."""

    phrase: str  # as written: "PRESIDENT_GEORGE_W._BUSH"
    synonyms: tuple[str, ...]
    rules: tuple[CodeRule, ...]  # dated first-match-wins restrictions and undated defaults
    origin: str
    note: str = ""  # the comment on the primary line ("CountryInfo.txt")

    @property
    def default(self) -> str | None:
        """The last undated code: what the actor is when no dated code applies."""
        undated = [r.code for r in self.rules if not r.dated]
        return undated[-1] if undated else None

    @property
    def dated(self) -> tuple[CodeRule, ...]:
        return tuple(r for r in self.rules if r.dated)


@dataclass(frozen=True, slots=True)
class AgentRecord:
    """A word that names a kind of actor (``GOVERNMENT [~GOV]``)."""

    phrase: str
    forms: tuple[str, ...]  # the phrase and its plurals, substitutions expanded
    code: str  # "GOV", "GOVMED", "NGO"
    prefix: bool  # True for "NGO~": the code goes before the actor's
    origin: str


@dataclass(slots=True)
class Dictionary:
    """What one file held."""

    path: str
    actors: list[ActorRecord] = field(default_factory=list)
    agents: list[AgentRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse_date(text: str) -> dt.date:
    """``19950601`` or ``950601`` (``00``–``30`` → 20YY, else 19YY); a bad one raises ValueError."""
    digits = text.strip()
    # As PETRARCH reads them: up to 7 digits is YYMMDD, more is YYYYMMDD, and
    # digits past the form are ignored ("201005011" is 2010-05-01).
    if not digits.isdigit() or len(digits) < 6:
        raise ValueError(f"date {text!r} is neither YYYYMMDD nor YYMMDD")
    digits = digits[:6] if len(digits) <= 7 else digits[:8]
    if len(digits) == 6:
        yy = int(digits[:2])
        digits = f"{2000 + yy if yy <= 30 else 1900 + yy}{digits[2:]}"
    return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def parse_rule(body: str, origin: str) -> CodeRule:
    """The inside of one bracket: ``HOBGOV 19950601 - 19990815``."""
    m = _RESTRICTION.match(" ".join(body.split()))
    if m is None:
        raise ValueError(f"cannot read code restriction [{body.strip()}]")
    code = m["code"].upper()
    if m["op"] == "<":
        return CodeRule(code, None, parse_date(m["one"]), origin)
    if m["op"] == ">":
        return CodeRule(code, parse_date(m["one"]), None, origin)
    if m["lo"] is not None:
        start, end = parse_date(m["lo"]), parse_date(m["hi"])
        if end < start:
            raise ValueError(f"restriction [{body.strip()}] ends before it starts")
        return CodeRule(code, start, end, origin)
    return CodeRule(code, origin=origin)


def clean_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """(line number, content without comments, the comment) for each line.

    A ``<!--`` comment may span lines; ``<! --`` (a typo in the PETRARCH
    validation file) counts as one too.
    """
    in_comment = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\n")
        if in_comment:
            end = line.find("-->")
            if end < 0:
                continue
            line = line[end + 3 :]
            in_comment = False
        out = ""
        while True:
            start = _comment_start(line)
            if start < 0:
                out += line
                break
            out += line[:start]
            end = line.find("-->", start)
            if end < 0:
                in_comment = True
                break
            line = line[end + 3 :]
        note = ""
        for mark in ("#", ";"):
            cut = out.find(mark)
            if cut >= 0:
                note = out[cut + 1 :].strip()
                out = out[:cut]
        yield number, out.rstrip(), note


def _comment_start(line: str) -> int:
    starts = [i for i in (line.find("<!--"), line.find("<! --")) if i >= 0]
    return min(starts) if starts else -1


def read_actors(text: str, path: str, strict: bool = False) -> Dictionary:
    """Parse an actor dictionary (``*.actors.txt``)."""
    out = Dictionary(path)
    current: dict[str, object] | None = None

    def close() -> None:
        if current is not None:
            out.actors.append(
                ActorRecord(
                    phrase=str(current["phrase"]),
                    synonyms=tuple(current["synonyms"]),  # type: ignore[arg-type]
                    rules=tuple(current["rules"]),  # type: ignore[arg-type]
                    origin=str(current["origin"]),
                    note=str(current["note"]),
                )
            )

    for number, line, note in clean_lines(text):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        rules, words = _split_codes(line, origin, out, strict)
        if line[0] in " \t":  # a code line belongs to the record above
            if current is None:
                _problem(out, origin, "a code line before any actor", strict)
            elif words:
                _problem(out, origin, f"text {words!r} on a code line", strict)
            else:
                current["rules"].extend(rules)  # type: ignore[attr-defined]
            continue
        if line.startswith("+"):
            if current is None:
                _problem(out, origin, "a synonym before any actor", strict)
                continue
            if words[1:].strip():
                current["synonyms"].append(words[1:].strip())  # type: ignore[attr-defined]
            current["rules"].extend(rules)  # type: ignore[attr-defined]
            continue
        close()
        current = {"phrase": words, "synonyms": [], "rules": list(rules), "origin": origin, "note": note}
    close()
    return out


def read_agents(text: str, path: str, strict: bool = False) -> Dictionary:
    """Parse an agent dictionary (``*.agents.txt``)."""
    out = Dictionary(path)
    substitutions: dict[str, tuple[str, ...]] = {}
    for number, line, _note in clean_lines(text):
        line = line.strip()
        if not line:
            continue
        origin = f"{path}:{number}"
        sub = _SUBSTITUTION.match(line)
        if sub is not None:
            substitutions[sub[1]] = tuple(w.strip() for w in sub[2].split(",") if w.strip())
            continue
        codes = _BRACKET.findall(line)
        if len(codes) != 1:
            _problem(out, origin, f"an agent needs one [code], found {len(codes)}", strict)
            continue
        code = codes[0].strip().upper()
        if "~" not in code or not code.replace("~", "").isalnum():
            _problem(out, origin, f"agent code [{codes[0].strip()}] must have ~ before or after it (e.g. [~GOV], [NGO~])", strict)
            continue
        head = _BRACKET.sub(" ", line)
        plural_match = _PLURALS.search(head)
        phrase = _PLURALS.sub(" ", head).strip()
        if not phrase:
            _problem(out, origin, "an agent code with no phrase", strict)
            continue
        plurals = None if plural_match is None else tuple(plural_match[1].split())
        forms = _agent_forms(phrase, plurals, substitutions)
        out.agents.append(AgentRecord(phrase, forms, code.replace("~", ""), code.endswith("~"), origin))
    return out


def _agent_forms(phrase: str, plurals: tuple[str, ...] | None, subs: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The phrase, its plurals (regular ones unless ``{…}`` gives them), with
    ``!PERSON!`` markers expanded (the list's words take no further plural)."""
    marker = next((m for m in subs if m in phrase), None)
    if marker is not None:
        return tuple(dict.fromkeys(phrase.replace(marker, word) for word in subs[marker]))
    if plurals is None:
        plurals = (regular_plural(phrase),)
    return tuple(dict.fromkeys((phrase, *plurals)))


def regular_plural(phrase: str) -> str:
    """TABARI's rule: +S, Y → IES, SS → ES (on the last word)."""
    if phrase.endswith("_"):
        return phrase  # a trailing _ means "no plural"
    if phrase.upper().endswith("Y") and not phrase.upper().endswith(("AY", "EY", "OY", "UY")):
        return phrase[:-1] + "IES"
    if phrase.upper().endswith(("SS", "SH", "CH", "X")):
        return phrase + "ES"
    return phrase + "S"


def _split_codes(line: str, origin: str, out: Dictionary, strict: bool) -> tuple[list[CodeRule], str]:
    rules = []
    for body in _BRACKET.findall(line):
        try:
            rules.append(parse_rule(body, origin))
        except ValueError as exc:
            _problem(out, origin, str(exc), strict)
    rest = _BRACKET.sub(" ", line)
    if "[" in rest or "]" in rest:
        _problem(out, origin, "unbalanced bracket", strict)
        rest = rest.replace("[", " ").replace("]", " ")
    return rules, rest.rstrip() if line[0] in " \t" else rest.strip()


def _problem(out: Dictionary, origin: str, message: str, strict: bool) -> None:
    if strict:
        raise ConfigError(f"{origin}: {message}")
    out.problems.append(Problem(origin, message))
