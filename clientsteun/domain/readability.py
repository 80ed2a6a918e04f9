"""Plain language, measured: how easy a Dutch text is to read (issue 13).

Three measures per text, each with its limit:

- **Flesch-Douma**, the Dutch Flesch reading ease: 206.835 - 0.93 x words per sentence - 77 x syllables
  per word (``textstat`` with ``set_lang("nl")`` computes the same formula); at least 60.
- **Words per sentence** on average: at most 15.
- **Rare words**: of the content words (not "de", "en", "je", ...), at most 1 in 20 may be rarer than
  Zipf 3 in ``wordfreq``'s Dutch list.  Words a resident must learn anyway ("Wmo", "bezwaar",
  "gemeente", ...) are in ``MUST_LEARN`` and never count as rare.

``MUST_LEARN`` lives here, not in the catalog folder: the supporter's meter and the test of the printed
texts must measure the same way, with or without a coordinator's copy of the catalog.

``textstat``'s Dutch mode has caveats (``../shared/STACK.md``), avoided here:

- it drops sentences of two words or fewer ("Dat mag."), which punishes short sentences: sentences are
  counted here, every one, also a heading or list line without a full stop;
- it splits "art. 2.3.5" into several sentences: common abbreviations are written out first and a
  dot between digits is no sentence end;
- its syllables come from pyphen's hyphenation, which leaves out a split at a word's edge (a-gen-da,
  i-dee-en, o-ke): a word has at least as many syllables as it has vowel groups;
- ``difficult_words`` silently uses an English list: not used (``wordfreq`` instead).

``textstat`` reads nltk's pronunciation dictionary (and downloads it when missing) for English only;
for Dutch it uses pyphen alone, so nothing is fetched at run time (``tests/unit/test_readability.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import wordfreq
from textstat.textstat import textstatistics

LANGUAGE = "nl"
MIN_FLESCH_DOUMA = 60.0
MAX_WORDS_PER_SENTENCE = 15.0
MAX_RARE_SHARE = 1 / 20
RARE_BELOW_ZIPF = 3.0


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words a resident meets at the municipality anyway: learning them is part of getting help.
MUST_LEARN = _word_set(
    """
    wmo wlz ciz awb bsn brp digid jeugdwet participatiewet
    gemeente gemeenten consulent consulenten wijkteam sociaal
    bezwaar bezwaren beroep hoger rechter rechtbank uitspraak hoorzitting klacht klachten ombudsman
    urgentie urgentieverklaring woningcorporatie woningzoekende verhuurder huurcontract
    keukentafelgesprek melding aanvraag besluit indicatie voorziening voorzieningen maatwerkvoorziening
    bijstand bijzondere schuldhulp schuldhulpverlening schulden schuldeisers bewindvoerder jeugdhulp
    mantelzorg mantelzorger ervaringsdeskundige cliëntondersteuner ondersteuner zorgverzekering
    identiteitsbewijs verblijfsdocument bankafschriften inkomensverklaring echtscheidingsconvenant
    ouderschapsplan uittreksel psycholoog huisarts vaste lasten voorschot termijn ingebrekestelling dwangsom
    verslag persoonlijk plan
    """
)

# Function words: articles, pronouns, prepositions, conjunctions, auxiliaries and small adverbs.
# They are easy whatever their frequency, so the share of rare words is taken over the other words.
FUNCTION_WORDS = _word_set(
    """
    de het een der des den 't
    ik je jij u hij zij ze wij we jullie men mij me mijn jou jouw uw hem haar hun hen ons onze zich
    zelf zichzelf elkaar die dat deze dit wie wat welk welke wiens waar waarom hoe wanneer er hier daar
    en of maar want dus noch als dan omdat zodat terwijl toen tot totdat voordat nadat hoewel indien
    om te van in op aan met voor door bij naar uit over onder tegen tussen na sinds zonder binnen
    buiten tijdens volgens via per
    is ben bent zijn was waren wordt worden werd werden word heb hebt heeft hebben had hadden
    kan kun kunt kunnen kon konden mag mogen mocht moet moeten moest wil wilt willen wou wilde zal zult
    zullen zou zouden ga gaat gaan ging doe doet doen deed
    niet geen wel ook nog al toch eens nu zo heel erg zeer meer meest minder veel weinig
    alle alles iets niets iemand niemand elk elke ieder iedere
    """
)

# Written out before counting sentences and syllables: the full stop of "art." is no sentence end.
ABBREVIATIONS = {
    "art.": "artikel",
    "bijv.": "bijvoorbeeld",
    "bv.": "bijvoorbeeld",
    "b.v.": "bijvoorbeeld",
    "o.a.": "onder andere",
    "enz.": "enzovoort",
    "etc.": "enzovoort",
    "nr.": "nummer",
    "d.w.z.": "dat wil zeggen",
    "z.s.m.": "zo snel mogelijk",
    "i.v.m.": "in verband met",
    "m.b.t.": "met betrekking tot",
    "t.a.v.": "ter attentie van",
    "evt.": "eventueel",
    "ca.": "circa",
    "e.d.": "en dergelijke",
    "dhr.": "meneer",
    "mevr.": "mevrouw",
    "mr.": "meester",
    "blz.": "bladzijde",
    "p.": "pagina",
}
_ABBREVIATION = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")",
    re.IGNORECASE,
)
_DOT_IN_NUMBER = re.compile(r"(?<=\d)[.,](?=\d)")  # 2.3.5, 1.442, 12.30
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]’”]*\s+|\s*\n\s*")  # a line is a sentence too (headings)
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_VOWEL_GROUP = re.compile(r"[äëïöü][aeiouyáàâéèêíìîóòôúùû]*|[aeiouyáàâéèêíìîóòôúùû]+")


@dataclass(frozen=True)
class Score:
    """The three measures of one text and what stands out."""

    text: str
    words: int
    sentences: int
    syllables: int
    content_words: int  # words that are not function words (numbers left out)
    rare_count: int  # content words rarer than Zipf 3, not in ``MUST_LEARN``, each time they occur
    rare_words: tuple[str, ...]  # those words, once each, in order of appearance, in lower case

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def flesch_douma(self) -> float:
        if not self.words:
            return 0.0
        return 206.835 - 0.93 * self.words_per_sentence - 77 * self.syllables_per_word

    @property
    def rare_share(self) -> float:
        return self.rare_count / self.content_words if self.content_words else 0.0

    @property
    def sentences_too_long(self) -> bool:
        return self.words_per_sentence > MAX_WORDS_PER_SENTENCE

    @property
    def hard_to_read(self) -> bool:
        """Flesch-Douma under 60: long sentences, long words, or both."""
        return bool(self.words) and self.flesch_douma < MIN_FLESCH_DOUMA

    @property
    def too_many_rare(self) -> bool:
        return self.rare_share > MAX_RARE_SHARE

    @property
    def passes(self) -> bool:
        return bool(self.words) and not (self.sentences_too_long or self.hard_to_read or self.too_many_rare)

    def summary(self) -> str:
        """One line for the test's output and the docs table (not shown to users)."""
        rare = f" ({', '.join(self.rare_words)})" if self.rare_words else ""
        return (
            f"Flesch-Douma {self.flesch_douma:5.1f}, {self.words_per_sentence:4.1f} woorden per zin, "
            f"zeldzaam {self.rare_count}/{self.content_words}{rare}"
        )


def score(text: str) -> Score:
    """Measure ``text``; an empty text has no words and does not pass."""
    sentences = [_WORD.findall(part) for part in _SENTENCE_END.split(_prepared(text))]
    sentences = [words for words in sentences if words]
    words = [word for sentence in sentences for word in sentence]
    content = [part for word in words for part in _content_parts(word)]
    rare = [part for part in content if _is_rare(part)]
    return Score(
        text=text,
        words=len(words),
        sentences=len(sentences),
        syllables=sum(syllables(word) for word in words),
        content_words=len(content),
        rare_count=len(rare),
        rare_words=tuple(dict.fromkeys(rare)),
    )


def syllables(word: str) -> int:
    """textstat's (pyphen) count, but never fewer than the word's vowel groups (a-gen-da, o-ke)."""
    lowered = word.lower()
    spelled = lowered.replace("ij", "y")
    parts = [part for part in re.split(r"[-'’]", spelled) if part]
    groups = sum(len(_VOWEL_GROUP.findall(part)) for part in parts)
    pyphen: int = _textstat().syllable_count(lowered.replace("-", " "))
    return max(pyphen, groups, 1)


def _prepared(text: str) -> str:
    text = _ABBREVIATION.sub(lambda match: ABBREVIATIONS[match.group(1).lower()], text)
    return _DOT_IN_NUMBER.sub("", text)


def _content_parts(word: str) -> list[str]:
    """The parts of a word that count for rarity: each part of a hyphenated word, no function words."""
    parts = [part.lower() for part in re.split(r"-", word) if part]
    return [part for part in parts if part not in FUNCTION_WORDS and not any(c.isdigit() for c in part)]


@lru_cache(maxsize=8192)  # what a supporter types: bounded
def _is_rare(word: str) -> bool:
    return word not in MUST_LEARN and wordfreq.zipf_frequency(word, LANGUAGE) < RARE_BELOW_ZIPF


@cache
def _textstat() -> textstatistics:
    """textstat's Dutch mode in an object of our own, so another user of textstat keeps its language."""
    measure = textstatistics()
    measure.set_lang(LANGUAGE)
    return measure
