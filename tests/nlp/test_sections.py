"""Issue 17: a text too long to hold whole is coded in sections with the
article's offsets (dyad/nlp/sections.py): the bounds, the lead, the blanking."""

from __future__ import annotations

from dyad.nlp.sections import lead_end, section_bounds, section_text


def _covers(text: str, bounds: list[tuple[int, int]]) -> bool:
    return bounds[0][0] == 0 and bounds[-1][1] == len(text) and all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))


def test_sections_end_at_paragraph_breaks_in_their_second_half():
    text = "".join(f"Para {i} has a sentence. And a second one.\n\n" for i in range(200))
    bounds = list(section_bounds(text, 1000))
    assert _covers(text, bounds)
    assert all(end - start <= 1000 for start, end in bounds)
    assert all(text[end - 1] == "\n" for _, end in bounds[:-1])
    assert all(end - start > 500 for start, end in bounds[:-1])  # no tiny sections


def test_without_paragraphs_sections_end_after_a_sentence():
    text = "Rebels attacked a base near Goma on Monday, officials said. " * 100
    bounds = list(section_bounds(text, 1000))
    assert _covers(text, bounds)
    assert all(text[:end].rstrip().endswith("said.") for _, end in bounds[:-1])


def test_one_endless_sentence_is_cut_at_a_space():
    text = "word " * 1000
    bounds = list(section_bounds(text, 700))
    assert _covers(text, bounds) and len(bounds) > 5
    assert all(text[end - 1] == " " for _, end in bounds[:-1])
    assert list(section_bounds("x" * 2500, 1000)) == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_the_lead_is_the_caption_else_whole_opening_sentences():
    text = "Moscow talks. Lavrov met Wang Yi on Wednesday. " + "More text follows here. " * 100
    assert lead_end(text, caption_end=14) == 14
    end = lead_end(text, max_chars=60)
    assert text[:end].rstrip().endswith("Wednesday.")
    assert lead_end("x" * 5000, max_chars=100) == 0  # no sentence ends inside the limit


def test_blanking_keeps_length_lead_and_section_only():
    text = "Lead sentence here. " + "Middle part. " * 10 + "Section text. " + "Tail. " * 5
    lead = len("Lead sentence here. ")
    start = text.index("Section")
    end = start + len("Section text. ")
    out = section_text(text, lead, start, end)
    assert len(out) == len(text)
    assert out[:lead] == text[:lead] and out[start:end] == text[start:end]
    assert out[lead:start].strip() == "" and out[end:].strip() == ""
    first = section_text(text, lead, 0, 30)
    assert first[:30] == text[:30] and first[30:].strip() == ""
