"""How much each way of finding a name counts: one place for the resolver and the tagger.

Scores are in 0..1. A name as listed counts most, then the rules that read it in order of how much they
guess: an inflection, a surname alone, a transliteration, a phonetic or typo near miss.

```pycon
>>> EXACT_SCORE > ALIAS_SCORE > INFLECTION_SCORE > SURNAME_SCORE > SURNAME_SCORE * INFLECTION_SCORE
True

```
"""

from __future__ import annotations

__all__ = [
    "ALIAS_SCORE",
    "DOCUMENT_SURNAME_SCORE",
    "EXACT_SCORE",
    "FUZZY_FACTOR",
    "INFLECTION_SCORE",
    "OTHER_LANGUAGE_FACTOR",
    "PHONETIC_SCORE",
    "SURNAME_SCORE",
    "TRANSLATION_FACTOR",
    "TRANSLIT_SCORE",
]

EXACT_SCORE = 1.0
"""The entity's label, as written (after normalisation)."""
ALIAS_SCORE = 0.99
"""A listed name that is not the label: the canonical label is the better fit when both match."""
INFLECTION_SCORE = 0.9
"""A case form of a listed name (generated for the tagger, or read from an instrumental in -ą)."""
SURNAME_SCORE = 0.85
"""The surname alone of exactly one person (times the reading's score when it was inflected)."""
DOCUMENT_SURNAME_SCORE = 0.8
"""A surname alone in running text, settled by the person's full name earlier in the same text."""
TRANSLIT_SCORE = 0.9
"""A name found through its transliteration key (Chowajew for Khovaev) counts this much."""
TRANSLATION_FACTOR = 0.9
"""A place found through the world gazetteer (Finlandii -> Finsko) counts this much of the world match."""
PHONETIC_SCORE = 0.8
"""A name whose transliteration key is merely similar counts this much times the similarity."""
FUZZY_FACTOR = 0.8
"""A match found only after correcting one typo counts this much of the exact-spelling score."""
OTHER_LANGUAGE_FACTOR = 0.97
"""A name listed under another language than the query's counts slightly less (Mosca in en)."""
