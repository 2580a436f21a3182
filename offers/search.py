"""Finding services with the words parents use.

Three layers, each simple on its own (see docs/adr/0010-search.md):
1. PostgreSQL full-text search on a stored, GIN-indexed vector (name > summary >
   description), English stemming, ranked with `SearchRank`.
2. A maintained synonym list: parents' words ("baby blues", "HV", "partner hurts me")
   add the words the offer uses ("perinatal mental health", ...) to the query.
3. Spelling: a query word the offer never uses is replaced by the closest word it does
   use ("brestfeeding" → "breastfeeding"), found with difflib.
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, QuerySet

from offers.models import SEARCH_CONFIG, Category

# Parents' words → the words the offer uses. Keys are lower case; a key matches whole
# words anywhere in the query. Add to this list when the search log shows an unmet need
# that a service in fact meets.
SYNONYMS: dict[str, str] = {
    # Infant feeding
    "breast feeding": "infant feeding",
    "breastfeeding": "infant feeding",
    "bottle": "infant feeding",
    "formula": "infant feeding",
    "tongue tie": "infant feeding",
    "weaning": "infant feeding",
    "latch": "infant feeding",
    # Perinatal mental health
    "post natal depression": "perinatal mental health",
    "postnatal depression": "perinatal mental health",
    "pnd": "perinatal mental health",
    "feeling low": "perinatal mental health",
    "baby blues": "perinatal mental health",
    "anxious": "perinatal mental health",
    "anxiety": "perinatal mental health",
    "depressed": "perinatal mental health",
    "bonding": "parent infant mental health",
    # Health visiting
    "hv": "health visiting",
    "health visitor": "health visiting",
    "red book": "health visiting",
    "weighing": "health visiting",
    "weigh": "health visiting",
    # Midwifery
    "midwife": "midwifery",
    "antenatal": "midwifery",
    "scan": "midwifery",
    # Money
    "money worries": "money advice",
    "debt": "money advice",
    "benefits": "money advice",
    "bills": "money advice",
    # Domestic abuse
    "abuse": "domestic abuse support",
    "partner hurts me": "domestic abuse support",
    "violence": "domestic abuse support",
    "unsafe at home": "domestic abuse support",
    # Stop smoking
    "quit smoking": "stop smoking",
    "quit": "stop smoking",
    "vape": "stop smoking",
    "cigarettes": "stop smoking",
    # Others
    "homeless": "housing advice",
    "eviction": "housing advice",
    "talking": "speech language",
    "speech": "speech language",
    "send": "special educational needs",
    "disabled": "special educational needs",
    "dad": "dads",
    "father": "dads",
    "playgroup": "stay play",
    "toddler group": "stay play",
}

WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
# Words too common to correct or to count as "unknown".
STOP_WORDS = frozenset("a an and at for from help i im i'm in is it me my of on or the to with you your baby".split())
SPELLING_CUTOFF = 0.8


@dataclass
class SearchResult:
    services: QuerySet
    # The query with misspelt words replaced, when that changed anything ("Showing results for").
    corrected: str | None


def expand_synonyms(query: str) -> list[str]:
    """The offer's phrases for the parent's words ("baby blues" → "perinatal mental health")."""
    text = " " + " ".join(WORD.findall(query.lower().replace("-", " "))) + " "
    return sorted({target for phrase, target in SYNONYMS.items() if f" {phrase} " in text})


def vocabulary(services: QuerySet) -> set[str]:
    """Every word a parent could usefully type: the services' words, categories, synonyms."""
    words: set[str] = set()
    for name, summary in services.values_list("name", "summary"):
        words.update(WORD.findall(f"{name} {summary}".lower()))
    for label in Category.labels:
        words.update(WORD.findall(label.lower()))
    for phrase in SYNONYMS:
        words.update(WORD.findall(phrase))
    return words


def correct_spelling(query: str, known_words: set[str]) -> str:
    corrected = []
    for word in WORD.findall(query.lower()):
        if len(word) < 4 or word in known_words or word in STOP_WORDS:
            corrected.append(word)
            continue
        matches = difflib.get_close_matches(word, known_words, n=1, cutoff=SPELLING_CUTOFF)
        corrected.append(matches[0] if matches else word)
    return " ".join(corrected)


def _text_query(text: str) -> SearchQuery:
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


def search(services: QuerySet, query: str, known_words: set[str] | None = None) -> SearchResult:
    """Services matching `query`, best first. `services` is already scoped and filtered;
    `known_words` is their vocabulary, if the caller has it already (kept in the cache)."""
    query = query.strip()
    corrected = correct_spelling(query, vocabulary(services) if known_words is None else known_words)
    if corrected == " ".join(WORD.findall(query.lower())):
        corrected = None

    search_query = _text_query(query)
    if corrected:
        search_query |= _text_query(corrected)
    # Synonyms widen the search, they never narrow it.
    for phrase in expand_synonyms(f"{query} {corrected or ''}"):
        search_query |= SearchQuery(phrase, config=SEARCH_CONFIG, search_type="plain")

    results = (
        services.filter(search_vector=search_query)
        .annotate(rank=SearchRank(F("search_vector"), search_query))
        .order_by("-rank", "name")
    )
    return SearchResult(services=results, corrected=corrected)
