"""The plain-English check shown to editors: a reading age from the Flesch-Kincaid grade level,
the Flesch reading ease, and the sentences long enough to rewrite.

Hand-written rather than taken from a package: the packages that count syllables well fetch a
pronouncing dictionary over the network at run time, which a hub server must not do. A vowel-group
count with the usual English corrections is within a syllable of most words, which is enough for
an editor's guide (the Flesch formulas were themselves fitted to rough counts).
"""

import re
from dataclasses import dataclass, field

LONG_SENTENCE_WORDS = 25
EASY_READ_AGE = (9, 11)
STANDARD_AGE_TARGET = (
    12  # GOV.UK content aims at a reading age of 9; 12 is where most people read easily
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def syllables(word):
    """Roughly how many syllables the word has (at least one)."""
    word = word.lower().strip("'’-")
    if not word:
        return 0
    if word[0].isdigit():
        return max(1, len(word.replace(",", "").replace(".", "")) // 2)
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # a silent e: "make", "leave"
    if word.endswith(("ed",)) and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1  # "cared", "helped"
    return max(1, count)


def sentences(text):
    """The sentences of plain text; a paragraph or list item without a full stop is one too."""
    parts = (part.strip() for part in _SENTENCE_END.split(text or ""))
    return [part for part in parts if _WORD.search(part)]


@dataclass
class ReadingAge:
    words: int = 0
    sentences: int = 0
    reading_ease: float | None = None
    grade: float | None = None
    age: int | None = None
    long_sentences: list = field(default_factory=list)

    @property
    def measured(self):
        return self.age is not None


def reading_age(text):
    """Flesch reading ease, the Flesch-Kincaid grade and the reading age (grade + 5, the US
    school grade a reader of that age is in), for text without Markdown marks."""
    found = sentences(text)
    words = [word for sentence in found for word in _WORD.findall(sentence)]
    if not words:
        return ReadingAge()
    syllable_count = sum(syllables(word) for word in words)
    words_per_sentence = len(words) / len(found)
    syllables_per_word = syllable_count / len(words)
    ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    grade = max(0.0, 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59)
    long_ones = [
        sentence for sentence in found if len(_WORD.findall(sentence)) > LONG_SENTENCE_WORDS
    ]
    return ReadingAge(
        words=len(words),
        sentences=len(found),
        reading_ease=round(ease, 1),
        grade=round(grade, 1),
        age=round(grade) + 5,
        long_sentences=long_ones,
    )


def advice(measure, *, easy_read=False):
    """What the editor might do, in a sentence or two."""
    if not measure.measured:
        return "Write some text to see its reading age."
    low, high = EASY_READ_AGE
    if easy_read:
        if measure.age <= high:
            return f"Good: easy read should have a reading age of {low} to {high}."
        return (
            f"Too hard for easy read: aim for a reading age of {low} to {high}. "
            "Use short sentences and everyday words."
        )
    if measure.age <= STANDARD_AGE_TARGET:
        return "Good: most people will find this easy to read."
    return (
        f"Harder than it needs to be: aim for a reading age of {STANDARD_AGE_TARGET} or under. "
        "Split long sentences and use shorter, everyday words."
    )
