"""Which paragraphs of a bilingual document are the translation: Welsh Government, Senedd and
Canadian documents print English beside (or after) Welsh or French, and only the English is
imported. A small profile of each language's commonest words is enough to tell a paragraph's
language; no dictionary, no model. Only a document with several translated paragraphs is touched,
so a Welsh name or a French phrase quoted in an English report stays."""

from __future__ import annotations

import re

# words common in each language and rare in the others (shared short words such as "a", "i", "o"
# and "en" are left out of the ones they would confuse)
_ENGLISH = """the of and to in is that for it with as on be by this are we will should not from at has
    have its which or was were been their they our there these those would could can may must
    into than also any all more about such who what when where how an but if so do does"""
_WELSH = """y yr yn ar gan gyda mae bod wedi ei eu ein nid yw oes dylai bydd byddwn hyn hynny fel neu
    ond felly er mwyn ym yng mewn â ag sy sydd cael gael i'r o'r ar gyfer rydym rwy'n roedd
    fydd hefyd pan ble sut pob bob rhwng drwy trwy ôl dros cyn ac llywodraeth cymru pwyllgor
    argymhelliad argymhellion ymateb derbyn gwrthod egwyddor ionawr chwefror ebrill mehefin
    gorffennaf awst hydref tachwedd rhagfyr goblygiadau ariannol"""
_FRENCH = """le la les des du et un une dans pour par sur au aux qui que est sont cette ce ces il elle ne
    pas avec sa ses leur leurs nous vous été être ont sera seront d'un d'une l'a c'est
    n'est gouvernement comité recommandation recommandations réponse rapport appuie janvier
    février avril juin juillet août septembre octobre novembre décembre"""
_FOREIGN = {"cy": frozenset(_WELSH.split()), "fr": frozenset(_FRENCH.split())}
_ENGLISH_WORDS = frozenset(_ENGLISH.split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MIN_TRANSLATED = 3  # paragraphs in another language before a document counts as bilingual


def language(text: str) -> str:
    """ "en", "cy", "fr", or "" when the paragraph gives too little to tell."""
    words = [w.replace("’", "'") for w in _WORD.findall(text.lower())]
    if not words:
        return ""
    english = sum(w in _ENGLISH_WORDS for w in words)
    scores = [(code, sum(w in vocab for w in words)) for code, vocab in _FOREIGN.items()]
    best, hits = max(scores, key=lambda x: x[1])
    if hits and hits > 2 * english and (hits >= 2 or len(words) <= 3):
        return best
    if english and english >= hits:
        return "en"
    return ""


def translated(texts: list[str]) -> set[int]:
    """Indexes of the paragraphs that are a translation, when the document is English with its
    translation beside or after it; none otherwise (a document wholly in Welsh stays as it is)."""
    langs = [language(t) for t in texts]
    foreign = {i for i, code in enumerate(langs) if code in _FOREIGN}
    english = langs.count("en")
    if len(foreign) < _MIN_TRANSLATED or english < len(foreign) // 2:
        return set()
    return foreign
