"""Where an opening dateline ends: "BERLIN --", "ALGIERS, Algeria -", "KABUL (Pajhwok):",
"WASHINGTON (AP) ”" (a dash mangled into another mark).

A dateline says where the story was filed, never who acted, yet the parser often
makes its place the subject of the first clause. The actor resolver and the event
coder skip what lies before ``dateline_end``.
"""

from __future__ import annotations

from spacy.tokens import Doc

# Marks that close a dateline.
DATELINE_MARKS = frozenset(("--", "-", "—", "–", ":"))


def dateline_end(doc: Doc, reach: int = 10) -> int:
    """The token after an opening dateline (an upper-case place, perhaps a country and
    an agency, then a dash or colon), or 0 when the text opens otherwise."""
    if not len(doc) or not (doc[0].is_alpha and doc[0].is_upper and len(doc[0]) > 2):
        return 0
    for tok in doc[1 : min(len(doc), reach)]:
        if tok.text.lstrip(")") in DATELINE_MARKS:  # "KABUL (Pajhwok):" tokenises as "):"
            return tok.i + 1
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if tok.text == ")" and after is not None and after.is_punct and after.text not in (",", ".", "("):
            # "WASHINGTON (AP) ” President …": the dash after the agency mangled into a quote
            return tok.i + 2
        if tok.pos_ in ("VERB", "AUX"):
            break
    return 0
