"""'It' and 'its' in an article with a title: the topic when the pronoun continues it, silence when another
thing is in view (a card that pins the topic's walls on a carving it mentions teaches a falsehood)."""

from __future__ import annotations

from studyapp.generation import spacy_generator
from studyapp.reading import read_article_text

ARTICLE = (  # from the round6 encyclopedia entry, whose title the tagger reads as a person's name
    "Angkor Wat\n\n"
    "Angkor Wat is a vast temple complex in northern Cambodia, a few kilometres north of the modern town of "
    "Siem Reap. It is the best-known monument of Angkor, the former capital region of the Khmer Empire, and it "
    "is widely regarded as the largest religious monument in the world.\n\n"
    "It is famous for its carvings. Its galleries hold long bas-reliefs showing scenes from Hindu epics such as "
    "the Ramayana and the Mahabharata. The best known of these reliefs shows the Churning of the Ocean of Milk, "
    "a Hindu creation story in which gods and demons pull on a giant serpent to churn the sea. Its walls are also "
    "decorated with hundreds of carved female figures known as devatas and apsaras.\n"
)


def _texts() -> list[str]:
    ranked = spacy_generator.rank_candidates(read_article_text(ARTICLE))
    return [f"{r.candidate.question} {r.candidate.answer}" for r in ranked]


def test_its_after_a_sentence_naming_another_thing_is_never_that_things() -> None:
    texts = _texts()
    assert texts  # the article still gives cards
    assert not any("Milk's walls" in text or "Mahabharata's walls" in text for text in texts)


def test_it_continuing_the_titled_subject_is_the_topic() -> None:
    texts = _texts()
    assert not any(text.startswith("Cambodia is") for text in texts)
    assert any(text.startswith("Angkor Wat is the best-known monument") for text in texts)
