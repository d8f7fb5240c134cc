"""Bilingual documents: the Welsh or French printed beside (or after) the English is left out of an
import, and an English document that only quotes a Welsh or French phrase keeps it."""

from __future__ import annotations

from correspondence_desk.core.importing import extract_text, propose
from correspondence_desk.core.importing.languages import language, translated


def test_a_paragraph_is_told_by_its_commonest_words() -> None:
    assert language("The Welsh Government should publish the plan by the end of the year.") == "en"
    assert language("Dylai Llywodraeth Cymru gyhoeddi'r cynllun erbyn diwedd y flwyddyn.") == "cy"
    assert language("Le gouvernement appuie cette recommandation en principe.") == "fr"
    assert language("Argymhelliad 4") == "cy"
    assert language("Recommendation 4") == ""


def test_one_quoted_phrase_does_not_make_a_document_bilingual() -> None:
    texts = [
        "The Committee visited the Senedd and heard from the Minister.",
        "Mae hyn yn bwysig iawn i ni.",
        "The Welsh Government should fund the scheme.",
    ]
    assert translated(texts) == set()


def test_welsh_first_then_english_keeps_the_english_items() -> None:
    text = "\n".join(
        [
            "Argymhelliad 1\tRecommendation 1",
            "Dylai Llywodraeth Cymru gyhoeddi cynllun ar gyfer y gweithlu erbyn mis Mehefin 2027.\t"
            "The Welsh Government should publish a workforce plan by June 2027.",
            "Argymhelliad 2\tRecommendation 2",
            "Dylai Llywodraeth Cymru adolygu'r cyllid sydd ar gael i'r byrddau iechyd.\t"
            "The Welsh Government should review the funding that is available to health boards.",
            "Argymhelliad 3\tRecommendation 3",
            "Dylai'r Gweinidog ysgrifennu at y Pwyllgor bob chwe mis gyda'r diweddaraf.\t"
            "The Minister should write to the Committee every six months with an update.",
        ]
    )
    recs = propose(extract_text(text)).recommendations
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert recs[0].text == "The Welsh Government should publish a workforce plan by June 2027."
    assert recs[2].text == "The Minister should write to the Committee every six months with an update."
