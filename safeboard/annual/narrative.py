"""Authored narrative: Markdown written by the partnership, rendered and then sanitised."""

import re
from dataclasses import dataclass

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "caption", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
_HEADING = re.compile(r"<(/?)h([1-6])([ >])")


def _below_section_heading(html: str) -> str:
    """Each section's title is a second-level heading, so the author's `#` becomes h3:
    headings stay in order whatever the author types."""
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}{m[3]}", html)


def render_markdown(text: str) -> str:
    html = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    return nh3.clean(
        _below_section_heading(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain_text(html: str) -> str:
    """The words of rendered narrative, for finding the glossary terms it uses."""
    return re.sub(r"<[^>]+>", " ", html)


# Small numbers about people in what the partnership wrote. Disclosure control never sees
# typed words, so before sign-off each count of 1 to 5 near a word about people is shown
# to the signer, who confirms it may be published.

SMALL_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
PEOPLE_WORDS = frozenset({
    "child", "children", "kid", "kids", "youngster", "youngsters", "person", "persons",
    "people", "family", "families", "household", "households", "death", "deaths", "died",
    "dead", "episode", "episodes", "referral", "referrals", "girl", "girls", "boy", "boys",
    "baby", "babies", "infant", "infants", "teenager", "teenagers", "pupil", "pupils",
    "student", "students", "parent", "parents", "mother", "mothers", "father", "fathers",
    "carer", "carers", "sibling", "siblings", "victim", "victims", "case", "cases",
    "adolescent", "adolescents", "toddler", "toddlers", "son", "sons", "daughter", "daughters",
})  # fmt: skip
NEAR = 3  # words between the number and the word about people, at most, either side
_WORD = re.compile(r"[^\W_]+(?:[.,:/'’][^\W_]+)*%?")
_SENTENCE_END = re.compile(r"[.!?;:]\s|\n\s*\n")


@dataclass(frozen=True)
class SmallNumber:
    """A number from 1 to 5 found in authored text near a word about people."""

    written: str  # as typed: "5" or "five"
    value: int
    about: str  # the word about people it is near
    excerpt: str  # the words around it, for the signer to read


def small_numbers_about_people(text: str) -> list[SmallNumber]:
    """Every number from 1 to 5, in digits or words, within a few words of a word about
    people in the same sentence, in the order they are written."""
    found = []
    for sentence in _sentences(text):
        words = list(_WORD.finditer(sentence))
        for i, word in enumerate(words):
            value = _small_number(word[0])
            if value is None:
                continue
            about = _people_word_near(words, i)
            if about is not None:
                found.append(SmallNumber(word[0], value, about, _excerpt(sentence, words, i)))
    return found


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _small_number(word: str) -> int | None:
    if word.isdigit() and len(word) == 1 and "1" <= word <= "5":
        return int(word)
    return SMALL_NUMBER_WORDS.get(word.lower())


def _people_word_near(words: list[re.Match], at: int) -> str | None:
    window = words[max(0, at - NEAR - 1) : at] + words[at + 1 : at + NEAR + 2]
    for word in sorted(window, key=lambda w: abs(w.start() - words[at].start())):
        if re.split(r"['’]", word[0].lower())[0] in PEOPLE_WORDS:  # a baby's, the children's
            return word[0]
    return None


def _excerpt(sentence: str, words: list[re.Match], at: int, around: int = 6) -> str:
    start = words[max(0, at - around)].start()
    end = words[min(len(words) - 1, at + around)].end()
    return " ".join(sentence[start:end].split())
