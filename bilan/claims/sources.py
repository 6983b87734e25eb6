"""Source: who the article attributes a figure to, in the sentence or carried over as discourse."""

from __future__ import annotations

from typing import TYPE_CHECKING
import re
from bisect import bisect_left
from copy import copy
from bilan.claims.figures import Attribution, Figure
from bilan.claims.rules import (
    ANAPHORA,
    OPPOSITE,
    POSSESSIVE,
    SIDE_AGENT_WORDS,
    SOURCES_REPORTING_ON_UKRAINE,
    SUBJECT_BREAK,
    WORDS,
    _value_key,
)
from bilan.claims import sides

if TYPE_CHECKING:
    from bilan.claims.article import Article


SENTENCE_ENDS = frozenset('.!?…»"”')  # what ends a sentence of running text, not a heading
CARRY_SENTENCES = 2  # "selon les statistiques" carries a source named at most two sentences back


IMAGE_SENTENCES = 4  # a video's publisher named up to four sentences away


PREPOSITION_WORDS = 6  # "selon le bilan publié jeudi par l'état-major": the source within six words


SUBJECT_WORDS = 3  # "Ukraine's General Staff says": a subject ends at most three words before its verb


INVERTED_WORDS = 4  # "a annoncé cette semaine l'état-major": an inverted subject within four words


PREPOSITION_BREAK = re.compile(r"[\d,;:.!?]")


QUOTES = frozenset("«“‘\"'„")


SENTENCE_END = re.compile(r"(?<!\.\.)(?<!…)[.!?]\s*$")  # not a teaser's "remis..." nor a quoted headline


APPOSED_NAME = re.compile(
    r"\s+(?:[a-zà-ÿ][\w-]*\s+){0,2}"
)  # "the open-source intelligence website Oryx": lower-case words then a name


DATELINE_PREFIX = re.compile(
    r"\s*(?:MOSCOW|MOSCOU|KYIV|KIEV|LONDON|LONDRES)\s*:(?=\s)"  # "MOSCOW: Russia's army reported ...": a place in capitals
    r"|[^\n]{0,60}?(?:\((?:AP|AFP|Reuters|dpa|Belga|ANSA|EFE|Ukrinform|Sputnik|TASS|UNIAN|Interfax)\)\s*[-–—:]|/\s*(?:TASS|Sputnik|RIA Novosti)\s*/\s*\.?)"
)


OF_SOURCE = re.compile(
    r"\s*(?:de\s+la|de\s+l['’]|du|des|de|d['’]|of\s+the|of|by\s+the|by|par\s+la|par\s+le|par\s+l['’]|par)\s*", re.IGNORECASE
)


HEADLINE_TAIL_BEFORE = re.compile(r"\s[:—–-]\s*$|:\s*$")  # "... in Ukraine: Nato", "... Past Day - MoD"


def _headline_tail_before(text: str, start: int, end: int) -> bool:
    """Whether HEADLINE_TAIL_BEFORE matches in text[start:end], read from its end: its
    whitespace stripped, a colon, or a dash after a space (the search scanned the sentence
    from its start for every source: 2.2 -> 0.8 us a call)."""
    stripped = text[start:end].rstrip()  # str.rstrip() strips what `\s` matches
    return bool(stripped) and (stripped[-1] == ":" or (stripped[-1] in "—–-" and len(stripped) > 1 and stripped[-2].isspace()))


HEADLINE_TAIL_AFTER = re.compile(r"[\s.!?\"”»’']*$")


HEADLINE_PREFIX_BEFORE = re.compile(r"[\s\"“«'‘]*(?:(?:l['’]|le|la|les|the)\s*)?", re.IGNORECASE)


HEADLINE_PREFIX_AFTER = re.compile(r"\s*:\s+\S")  # "General Staff: Russia has lost 400,000 troops"


INCISE = re.compile(
    r"[,»”\"]\s*(?:(?:has|have|had|a|ont|avait|avaient)\s+)?$", re.IGNORECASE
)  # a verb of saying right after a comma or a closing quote


# "Le site Oryx, qui ..., a pour sa part recensé": the verb after an apposition, past a filler
APPOSED_VERB = re.compile(
    r"[,»”\"]\s*(?:(?:has|have|had|a|ont|avait|avaient)\s+)?(?:(?:pour sa part|pour leur part|de son côté|de leur côté|"
    r"quant à lui|quant à elle|for its part|for their part|ainsi|aussi|également|déjà|also|already|so far|thus far|"
    r"jusqu'ici|à ce jour)\s+)?$",
    re.IGNORECASE,
)


APPOSED_VERB_CHARS = 36


# "a Newsweek analysis of", "une analyse des chiffres de": someone's arithmetic on the source named next
ANALYSIS_OF = re.compile(
    r"\b(?:analysis|review|calculations?)\s+of\b|\b(?:analyse|calculs?|compilation)\s+(?:des|de\s+ses)\s+"
    r"(?:chiffres|données|bilans|rapports|bulletins)\b",
    re.IGNORECASE,
)


INITIAL = re.compile(r"\b[A-ZÀ-Ý]\.")  # "I. Konashenkov": an initial's period breaks no clause


# "a affirmé mardi Ivan Petrenko, le chef des forces terrestres": a name the lexicon does not
# know, then the title that names its source after a comma
NAME_THEN_TITLE = re.compile(r"(?:\s+[\w'’-]+){0,3}?(?:\s+[A-ZÀ-Ý][\w'’-]+){1,3},(?:\s+[a-zà-ÿ][\w'’-]*){0,4}\s*")


# a stored page's lead cut after its speaker: "...: le ministre russe de la...", "... - Russia's defence..."
TRUNCATED_SPEAKER = re.compile(
    r"\s?[:–—-]\s+(?:(?:le|la|les|l['’]|the)\s*)?(\w[^\s:]*(?:\s+[^\s:]+){0,5}?)(?:\.\.\.|…)\s*$", re.IGNORECASE
)


MEDIUM_CITING = re.compile(
    r"\s*,?\s*(?:citing|quoting|citant|en\s+référence\s+(?:aux|au|à\s+la|à\s+l['’]|à)|se\s+référant\s+(?:aux|au|à))\s*",
    re.IGNORECASE,
)


AGENCY_CITING = re.compile(r"\s*,?\s*(?:citing|quoting|citant|qui\s+cite)\b", re.IGNORECASE)


QUOTE_CLOSE = re.compile(r"[»”\"]\s*,?\s*$")


INCISE_WORDS = 12  # "a indiqué le 3 mai à Sputnik le porte-parole du groupement Centre"; "a affirmé ce lundi 6 juin le ministère russe": the inverted subject within six words


IMAGES = re.compile(r"\b(?:images?|vidéos?|video|footage|clip|séquence)\b", re.IGNORECASE)


COUNTED_SOURCE_WORDS = 0  # "350 militaires ukrainiens": a source's name right after the figure is what it counts


WEAK_SIDE_RULES = frozenset({"nearest_adjective"})  # a side read from the sentence at large, not from the figure


SPEAKER_RELATIVE = frozenset({"enemy", "own"})  # sides read against the source


OWN_PREPOSITION = re.compile(r"(?:selon|d['’]après|according to|by|per)\s", re.IGNORECASE)


PREPOSITION_START = re.compile(r"(?:selon|d['’]après|according to)\b", re.IGNORECASE)


CLAUSE_VERB = re.compile(
    r"\W*+(?:a|avait|aurait|ont|avaient|auraient|est|sont|était|serait|has|have|had|is|are|was|were|would|lost|perd)\b",
    re.IGNORECASE,
)


DATELINE = re.compile(r"^(MOSCOW|MOSCOU|KYIV|KIEV|LONDON|LONDRES)\b[^\n]{0,40}?(?:\)|/|\.|-|—|–)", re.MULTILINE)


DATELINE_COUNTRIES = {
    "moscow": "russia",
    "moscou": "russia",
    "kyiv": "ukraine",
    "kiev": "ukraine",
    "london": "uk",
    "londres": "uk",
}


RELAYING = re.compile(r"cit(?:é|ée|és|ées|ed|ing|ant)\b", re.IGNORECASE)  # "cité par", "cited by", "citing"


SEAT = re.compile(r"\s+(?:à|in)\s+(\w+)", re.IGNORECASE)  # "le ministère de la défense à Moscou"


HEADLINE_TAIL = re.compile(r"\s[-–—:]\s*([\w’'. ]{2,40}?)\s*$")  # "... in Past Day - MoD", "...: Nato"


NOUN_DETERMINER = re.compile(
    r"(?<!\w)(?:un|une|le|la|les|ce|cet|cette|ces|du|son|sa|ses|leur|leurs|l['’]|a|an|the|this|that|its|their)\s*$"
    r"|(?<!\w)(?:with|than|of|from)\s+$"  # "in line with estimates made by X": a preposition's noun
    r"|\w['’]s\s+(?:(?:daily|morning|evening|latest|last|new|weekly|monthly|own|official|previous)\s+)?$",
    # "the General Staff's morning report": a possessive's noun
    re.IGNORECASE,
)


NUMBER_OF = re.compile(r"(?<!\w)(?:number|numbers|nombre)\s+(?:of\s+(?:the\s+)?|de\s+|d['’]|des\s+)$", re.IGNORECASE)


DIGIT_AFTER = re.compile(r"\s+\d")


ARTICLE_BEFORE = re.compile(r"(?<!\w)(?:an|a|the|un|une|les|le|la)\s+$", re.IGNORECASE)


TOTAL_BEFORE = re.compile(r"(?<!\w)(?:the|a|an|its|their)\s+(?:total|overall|combined)\s+$", re.IGNORECASE)


PASSIVE_AUXILIARY = re.compile(
    r"(?<!\w)(?:is|are|was|were|been|being|be|est|sont|était|étaient|été|être|serait|seraient)\s+"
    r"(?:\w+ly\s+|also\s+|already\s+|even\s+|still\s+|aussi\s+|également\s+|déjà\s+)?$",
    re.IGNORECASE,
)


AGENT_AFTER = re.compile(r"\s+(?:by|par)\s+(?:the\s+|la\s+|le\s+|les\s+|l['’]|des\s+|a\s+|an\s+)?", re.IGNORECASE)
AGENT_CHARS = 60  # "sont estimées à 500 000 hommes par le renseignement britannique"
PASSIVE_BREAK = re.compile(r"[;:.!?()«»“”\"]|,\s")  # the agent in the verb's own clause


QUE = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:que|qu['’]|that)\b", re.IGNORECASE)


def _default_side(source: str, attribution: Attribution | None) -> str:
    """With no side in the text: a source admitting losses speaks of its own side's; otherwise
    each side's sources report the enemy's losses (Russian sources Ukraine's, the rest Russia's)."""
    own_side = "russia" if source in SOURCES_REPORTING_ON_UKRAINE else "ukraine" if source.startswith("ukraine") else None
    if attribution is not None and attribution.admits and own_side:
        return own_side
    return "ukraine" if source in SOURCES_REPORTING_ON_UKRAINE else "russia"


def _speaker_relative_side(said: str, source: str, attribution: Attribution | None) -> str:
    """ "the enemy" is the other side of whoever says so; "its own" is theirs."""
    speaker = "russia" if source.startswith("russia") else "ukraine" if source.startswith("ukraine") else None
    if speaker is None:
        return _default_side(source, attribution)
    return speaker if said == "own" else OPPOSITE[speaker]


# The last article's attributions, by what they are read from (see `sentence_attributions`)
_last_attributions: list[tuple[tuple[object, ...], list[Attribution | None]]] = []


def sentence_attributions(article: Article) -> list[Attribution | None]:
    """Every sentence's `sentence_attribution`, in order, as copies: `resolve_chains` and
    `attribute` change them. They read the text, its sentences, cues and numbers, never its
    dates: the second reading of an article whose date the pipeline inferred
    (`pipeline.analyse`) takes the first one's when all these are the same (attribution is
    13% of the seeds' analysis, read again for 40% of them). Only the last article is kept."""
    key = (
        article.text,
        article.document.body_start,
        article.prose_start,
        article.lang,
        tuple(article.sentences),
        tuple(article.number_starts),
    )
    if not _last_attributions or _last_attributions[0][0] != key:
        read = [sentence_attribution(article, i) for i in range(len(article.sentences))]
        _last_attributions[:] = [(key, read)]
    return [copy(attribution) if attribution is not None else None for attribution in _last_attributions[0][1]]


def sentence_attribution(article: Article, sentence: int) -> Attribution | None:
    """The source a sentence names for its figures, if it names one.

    In order: the outlet's own arithmetic ("cela signifie que"); a preposition before a
    source ("selon l'armée ukrainienne", "according to Oryx"); a source before a
    possessive ("Kyiv's count"); a verb of saying with its subject just before it ("the
    General Staff says"), or before its "que/that" clause, or right after it ("a annoncé
    l'état-major"), never a country that starts the reported clause ("says Russia has
    lost"); a pronoun's verb ("a-t-il déclaré"); a marker carrying the previous source.
    """
    s_start, s_end = article.sentences[sentence]
    triggers = article.index.attribution.within(s_start, s_end)
    sources = article.index.sources.within(s_start, s_end)
    anaphoras = article.index.anaphoras.within(s_start, s_end)
    if not triggers and not sources and not anaphoras:
        return None  # most sentences name no one
    # "le ministère" alone names again a source met before; within a named one it is that one
    sources = sorted(sources + [a for a in anaphoras if not any(start < a[1] and end > a[0] for start, end, _ in sources)])
    # "en Ukraine", "in Ukraine": a place, not a speaker; "les pertes de Kiev", "le bilan de l'armée
    # russe": the loser, not the speaker
    sources = [
        src
        for src in sources
        if not _source_locative(article, src[0], src[1])
        and not _owned_loser(article, src[0], src[1])
        and not sides.counted_word(article, src[0], s_start, COUNTED_SOURCE_WORDS)
        and not _qualifies_loss_noun(article, src[0], src[1])
        and not _agency_citing(article, src)
        and not NUMBER_OF.search(article.text, max(s_start, src[0] - 24), src[0])
    ]  # "350 militaires ukrainiens", "the number of Russian troops killed": counted
    dateline = DATELINE_PREFIX.match(article.text, s_start, s_end)
    if dateline is not None:  # "KYIV, Ukraine (AP) —", "MOSCOW, December 24. /TASS/.": where, not who
        sources = [src for src in sources if src[0] >= dateline.end()]
    # "the United States": no verb "states"; "par l'état-major": no carry word "l'état-major"
    triggers = [
        t
        for t in triggers
        if t[2] == "prepositions"
        or not any(
            a <= t[0] and t[1] <= b and (a, b) != (t[0], t[1]) for a, b, label in sources if not label.startswith(ANAPHORA)
        )
    ]
    triggers = [
        (t[0], t[1], "verbs") if t[2] in ("incise_verbs", "that_verbs") else t
        for t in triggers
        if (t[2] != "incise_verbs" or QUOTE_CLOSE.search(article.text, max(s_start, t[0] - 4), t[0]))
        and (t[2] != "that_verbs" or QUE.match(article.text[t[1] : min(s_end, t[1] + 40)]))
    ]  # "», a lancé Mark Rutte": a verb of saying only after a quotation; "Shoigu declared that": before a clause
    admits = _admits(article, s_start, s_end)
    headline = _headline_speaker(article, s_start, s_end, sources)
    if headline is not None:
        return headline
    teaser = TRUNCATED_SPEAKER.search(article.text, s_start, s_end)
    if teaser is not None and _figure_before(article, s_start, teaser.start()):
        # "Huit blindés détruits ... : le ministre russe de la...": a lead cut after its speaker
        named = next((src for src in sources if src[0] == teaser.start(1) and not src[2].startswith(ANAPHORA)), None)
        if named is not None and not _bare_country(article, named):
            return Attribution(named[2], named[0], named[1], "headline", admits, rule="truncated_lead_speaker")
    back = article.lex.back_reference.match(article.text, s_start, s_end)
    if back is not None:  # "The General Staff of ... reported this": its name, whatever verb the phrase holds
        referred = [
            src
            for src in sources
            if src[0] >= back.end()
            and not src[2].startswith(ANAPHORA)
            and not _bare_country(article, src)
            and article.index.words_between(back.end(), src[0]) <= INCISE_WORDS
        ]  # "This was said on Telegram by the head of the Dnipro group": a sentence that only names a speaker
        if referred:
            return Attribution(referred[0][2], referred[0][0], referred[0][1], "explicit", admits, rule="back_reference")
    kinds = {kind for _s, _e, kind in triggers}
    opening_pronoun = next((t for t in triggers if t[2] == "pronoun_verbs"), None)
    if (
        opening_pronoun is not None
        and article.index.words_between(s_start, opening_pronoun[0]) <= 1
        and QUE.match(article.text[opening_pronoun[1] : min(s_end, opening_pronoun[1] + 40)])
    ):  # "He added that ... data from a US official ...": the pronoun speaks, the clause names who else said what
        return _pronoun(article, opening_pronoun, sources, s_start, admits)
    channel: Attribution | None = None
    for source_start, source_end, source in sources:
        # "... killed in Ukraine: Nato", "... - MoD", "General Staff: Russia has lost ...": a headline's speaker
        if (
            _headline_tail_before(article.text, s_start, source_start)
            and HEADLINE_TAIL_AFTER.match(article.text, source_end, s_end)
        ) or (
            HEADLINE_PREFIX_BEFORE.fullmatch(article.text, s_start, source_start)
            and HEADLINE_PREFIX_AFTER.match(article.text, source_end, s_end)
            and (not _bare_country(article, (source_start, source_end, source)) or _capital(article, source_start, source_end))
        ):  # "Ukraine: 1,100 Russian troops killed": a topic; "Kyiv: Russia lost ...": its government speaks
            return Attribution(source, source_start, source_end, "headline", admits, rule="headline_tail_or_prefix")
    for start, end, kind in triggers:
        if kind not in ("prepositions", "carry") or (kind == "carry" and not PREPOSITION_START.match(article.text, start)):
            continue
        for source_start, source_end, source in sources:
            between = article.text[end:source_start]
            if " ".join(WORDS.findall(article.text[source_start:source_end].lower())) in article.lex.channels:
                # "Shoigu told reporters, according to TASS": the agency relays, the speaker speaks
                channel = channel or Attribution(
                    source, min(start, source_start), source_end, "explicit", admits, rule="agency_relaying"
                )
                continue
            if (
                source_end > start
                and source_start >= start - 1
                and article.index.words_between(end, source_start) <= PREPOSITION_WORDS
                and (not PREPOSITION_BREAK.search(between) or NAME_THEN_TITLE.fullmatch(between) is not None)
            ):  # "according to Dmytro Lykhovyi, spokesman of the Tavria group": the name's title
                if ANALYSIS_OF.search(article.text, end, source_start):
                    # "according to a Newsweek analysis of the General Staff's reports": the outlet's arithmetic on them
                    return Attribution("media_estimate", start, source_end, "explicit", admits, rule="analysis_of_named")
                named = (
                    next((n for n in sources if n[0] >= source_end and OF_SOURCE.fullmatch(article.text, source_end, n[0])), None)
                    if source == "media_estimate"
                    else None
                )
                if named is not None:  # "selon un calcul de l'Otan": the Otan's
                    return Attribution(
                        named[2], min(start, source_start), named[1], "explicit", admits, rule="preposition_of_named"
                    )
                apposed = next(
                    (
                        n
                        for n in sources
                        if n[0] >= source_end
                        and not n[2].startswith(ANAPHORA)
                        and APPOSED_NAME.fullmatch(article.text, source_end, n[0])
                        and not _bare_country(article, n)
                        and not article.index.attribution.within(source_end, n[0])
                    ),
                    None,
                )  # "data from X showed Russia lost"
                if apposed is not None:  # "according to the open-source intelligence website Oryx": Oryx
                    return Attribution(
                        apposed[2], min(start, source_start), apposed[1], "explicit", admits, rule="preposition_apposed_name"
                    )
                return Attribution(source, min(start, source_start), source_end, "explicit", admits, rule="preposition")
    opening = article.lex.opening_preposition.match(article.text, s_start)
    for source_start, source_end, source in sources:
        if source.startswith(ANAPHORA):
            continue
        # "Pour le Center for Strategic and International Studies (CSIS), ..."
        if (
            opening is not None
            and source_start <= opening.end() + 12
            and article.index.words_between(opening.end(), source_start) <= 0
            and article.text.startswith(",", source_end)
        ):  # not "Pour la seule RSS d'Ukraine, ...": a topic
            return Attribution(source, source_start, source_end, "explicit", admits, rule="opening_preposition")
        # "les chiffres publiés chaque matin par l'état-major ukrainien"
        if article.lex.published_by.search(article.text, max(s_start, source_start - 60), source_start):
            return Attribution(source, source_start, source_end, "explicit", admits, rule="published_by")
        # "By our count, ...", "selon nos calculs": a source phrase that is its own preposition
        if OWN_PREPOSITION.match(article.text, source_start):
            return Attribution(source, source_start, source_end, "explicit", admits, rule="own_preposition")
    for start, _end, kind in triggers:
        if kind == "postpositions":
            for source_start, source_end, source in sources:
                if 0 <= start - source_end <= 1:
                    return Attribution(source, source_start, source_end, "explicit", admits, rule="postposition")
    # "par l'état-major ukrainien": a carry word within a source's name is that source
    carries = [
        t
        for t in triggers
        if t[2] == "carry" and not any(a < t[1] and t[0] < b for a, b, label in sources if not label.startswith(ANAPHORA))
    ]
    pronoun = next((t for t in triggers if t[2] == "pronoun_verbs"), None)
    for start, end, kind in triggers:
        if kind not in ("verbs", "image_publishers"):
            continue
        if (
            kind == "verbs"
            and NOUN_DETERMINER.search(article.text, max(s_start, start - 24), start)
            and " " not in article.text[start:end]
            and not article.text[start:end].lower().endswith("ed")  # "NATO's reported monthly average": NATO reports
        ):
            continue  # "un chiffre presque trois fois plus élevé", "le compte": the noun, no verb of saying
        if kind == "verbs" and TOTAL_BEFORE.search(article.text, max(s_start, start - 24), start):
            continue  # "the total estimated Russian combat losses": an adjective, Russia says nothing
        if (
            kind == "verbs"
            and ARTICLE_BEFORE.search(article.text, max(s_start, start - 6), start)
            and (_figure_follows(article, end, s_end) or DIGIT_AFTER.match(article.text, end))
        ):
            continue  # "a strip of land, an estimated 900 square km": an adjective of the figure
        if kind == "verbs" and _in_quoted_speech(article.text, s_start, start):
            continue  # "Et d'ajouter : « La hausse des pertes dément le succès de l'Ukraine »": what is said
        if kind == "verbs" and (passive := _passive(article, start, end, s_end, sources)):
            if isinstance(passive, tuple):  # "Russian casualties are estimated by British intelligence at": its agent
                return Attribution(passive[2], passive[0], passive[1], "explicit", admits, rule="passive_agent")
            continue  # "Russia is reported to have lost", "losses confirmed by photographs": no subject speaks
        if pronoun is not None and pronoun[0] < start and _incise(article, pronoun[0], s_start, s_end):
            # "6 000 soldats russes auraient été tués, a-t-il précisé, tandis que les forces ukrainiennes
            # disent ...": the figures' own speaker, not the next clause's
            return _pronoun(article, pronoun, sources, s_start, admits)
        subject = [
            s
            for s in sources
            if s[1] <= start
            and article.index.words_between(s[1], start) <= SUBJECT_WORDS
            and not SUBJECT_BREAK.search(article.text, s[1], start)
        ]
        if subject:
            # the name nearest the verb ("Le site spécialisé Oryx a confirmé"), a named source before a kind
            source_start, source_end, source = max(subject, key=lambda s: (not s[2].startswith(ANAPHORA), s[1], s[1] - s[0]))
            cited = _cited_by_medium(article, source, end, sources)
            if cited is not None:  # "The New York Times reported, citing US officials, that": the officials
                return Attribution(cited[2], cited[0], cited[1], "explicit", admits, rule="medium_citing")
            return Attribution(source, source_start, source_end, "explicit", admits, rule="verb_subject")
        if any(c[1] <= start and article.index.words_between(c[1], start) <= SUBJECT_WORDS for c in carries):
            return Attribution("", start, end, "carry")
        if article.lex.subject_pronoun.search(article.text, max(s_start, start - 40), start):
            return _pronoun(article, (start, end, kind), sources, s_start, admits)  # "Il a également déclaré que"
        followed_by_que = bool(QUE.match(article.text[end : min(s_end, end + 40)]))
        incise = _incise(article, start, s_start, s_end)
        # "Mardi, le chef de l'Otan, Jan Nowak, a donné des chiffres": with no figure
        # and no quotation before it, a verb after a name between commas is that name's
        apposed_only = (
            incise
            and not _figure_before(article, s_start, s_end)
            and not QUOTE_CLOSE.search(article.text, max(s_start, start - 4), start)
        )
        if APPOSED_VERB.search(article.text, max(s_start, start - APPOSED_VERB_CHARS), start) and (not incise or apposed_only):
            # "The Oryx Blog, run by military analysts ..., has reported": the subject opens the sentence
            comma = article.text.rfind(",", s_start, start)
            opened = article.text.rfind(",", s_start, max(s_start, comma))
            between_commas = [
                s
                for s in sources
                if opened < s[0]
                and s[1] <= comma
                and not article.text[s[1] : comma].strip()
                and len(WORDS.findall(article.text, opened + 1, s[0])) <= 2
            ]
            subjects = between_commas or (
                []
                if apposed_only
                else sorted(
                    (s for s in sources if s[1] <= start and article.index.words_between(s_start, s[0]) <= SUBJECT_WORDS),
                    key=lambda s: (s[2].startswith(ANAPHORA), s[0]),
                )
            )
            if subjects:  # "le ministre de la Défense d'alors, Sergueï Choïgou, avait fait état": the apposed name
                return Attribution(subjects[0][2], subjects[0][0], subjects[0][1], "explicit", admits, rule="apposition_subject")
        if not followed_by_que and incise:
            # "», a précisé l'adjoint du chef d'état-major russe": the subject follows; what
            # stands before the comma is the quote
            after = [
                s
                for s in sources
                if s[0] >= end
                and article.index.words_between(end, s[0]) <= INCISE_WORDS
                and (
                    not SUBJECT_BREAK.search(INITIAL.sub(" ", article.text[end : s[0]]))
                    or NAME_THEN_TITLE.fullmatch(article.text, end, s[0]) is not None
                )
                and not CLAUSE_VERB.match(article.text, s[1])
                and " ".join(WORDS.findall(article.text[s[0] : s[1]].lower())) not in article.lex.channels
            ]
            if after:
                first = after[0]
                if first[2].startswith(ANAPHORA):
                    # "ont tweeté des responsables du groupe de renseignement de la défense du ministère
                    # britannique de la Défense": the kind is owned by the name that follows it
                    first = next(
                        (
                            n
                            for n in after[1:]
                            if not n[2].startswith(ANAPHORA) and OF_SOURCE.fullmatch(article.text, first[1], n[0])
                        ),
                        first,
                    )
                return Attribution(first[2], first[0], first[1], "explicit", admits, rule="inverted_subject")
            continue
        before = [s for s in sources if s[1] <= start and article.index.words_between(s[1], start) <= 15]
        after = [
            s
            for s in sources
            if s[0] >= end
            and article.index.words_between(end, s[0]) <= INVERTED_WORDS
            and not CLAUSE_VERB.match(article.text, s[1])
        ]
        ordered = (list(reversed(before)) + after) if followed_by_que else (after + list(reversed(before)))
        if ordered:
            source_start, source_end, source = ordered[0]
            return Attribution(source, source_start, source_end, "explicit", admits, rule="verb_near_subject")
    if pronoun is not None:
        return _pronoun(article, pronoun, sources, s_start, admits)
    arithmetic = [t for t in triggers if t[2] == "media_arithmetic"]
    if any(0 <= article.index.words_between(c[1], a[0]) <= 1 and c[1] <= a[0] for c in carries for a in arithmetic):
        return Attribution("media_estimate", None, None, "media")  # "Ce chiffre signifie que": the outlet's arithmetic on it
    actor = _actor(article, s_start, s_end, sources, admits)
    if carries and (actor is None or PREPOSITION_START.match(article.text, carries[0][0])):
        # "Selon ce document, ..., soit en moyenne 1 009 par jour": the document's arithmetic; but
        # "En outre, l'armée russe a éliminé": the army that acts
        return Attribution("", carries[0][0], carries[0][1], "carry")
    if "media_arithmetic" in kinds:
        return Attribution("media_estimate", None, None, "media")
    colon = _colon_before_figures(article, s_start, s_end)
    if actor is None and channel is None and (article.text[s_start:s_end].rstrip().endswith(":") or colon is not None):
        # "Ukraine's defence ministry gave its figures on Friday:", "Zelensky a donné un bilan : 31 000
        # militaires tués": the subject introduces what follows its colon
        opening_subject = [
            src
            for src in sources
            if not src[2].startswith(ANAPHORA)
            and article.index.words_between(s_start, src[0]) <= SUBJECT_WORDS
            and (colon is None or src[1] <= colon)
            and not _bare_country(article, src)
        ]
        if opening_subject:
            return Attribution(
                opening_subject[0][2], opening_subject[0][0], opening_subject[0][1], "explicit", admits, rule="introducing_colon"
            )
    return channel or actor


def _figure_before(article: Article, start: int, position: int) -> bool:
    """Whether a number of the text stands between `start` and `position`."""
    first = bisect_left(article.number_starts, start)
    return first < len(article.number_starts) and article.number_starts[first] < position


def _colon_before_figures(article: Article, s_start: int, s_end: int) -> int | None:
    """The colon of a sentence that introduces its figures ("X a donné un bilan : 31 000 militaires
    tués"), when no figure stands before it; not a headline's ("Kyiv: ..."), read before."""
    colon = article.text.find(":", s_start, s_end)
    if colon < 0 or article.index.words_between(s_start, colon) <= SUBJECT_WORDS:
        return None
    first = bisect_left(article.number_starts, s_start)
    if first < len(article.number_starts) and article.number_starts[first] < colon:
        return None
    return colon


def _pronoun(
    article: Article, trigger: tuple[int, int, str], sources: list[tuple[int, int, str]], s_start: int, admits: bool
) -> Attribution:
    """A pronoun's speaker: the source that opens its own sentence ("Volodymyr Zelenskyy has given
    only occasional figures, ..., when he said"), else the first one its sentence names before it,
    else the last one named before."""
    start, end, _ = trigger
    quoted = article.text[s_start : s_start + 1] in QUOTES  # "‘Russie est sur le point de ..., a-t-il déclaré"
    opening = [
        src
        for src in sources
        if src[1] <= start
        and not src[2].startswith(ANAPHORA)
        and not quoted
        and article.index.words_between(s_start, src[0]) <= SUBJECT_WORDS
        and not _bare_country(article, src)
    ]
    if opening:
        return Attribution(opening[0][2], opening[0][0], opening[0][1], "explicit", admits, rule="pronoun_of_sentence_subject")
    named = [
        src
        for src in sources
        if src[1] <= start and not src[2].startswith(ANAPHORA) and not quoted and not _bare_country(article, src)
    ]
    if named:  # "Le seul décompte est celui du média Mediazona, mené avec la BBC : il recense": the first name before it
        return Attribution(named[0][2], named[0][0], named[0][1], "explicit", admits, rule="pronoun_of_name_in_sentence")
    return Attribution("", start, end, "pronoun", admits)


def _actor(article: Article, s_start: int, s_end: int, sources: list[tuple[int, int, str]], admits: bool) -> Attribution | None:
    """With no verb of saying, a source that is the subject of the sentence's verb of destroying
    reports its own deeds ("The Ukrainian Air Force downed 52 drones", "L'armée russe a abattu"); a
    headline ("L'armée russe abat trois avions ukrainiens") names no source."""
    if not SENTENCE_END.search(article.text, s_start, s_end):
        return None
    actions = [t for t in article.index.attribution.within(s_start, s_end) if t[2] == "actions"]
    for verb in sorted(article.index.side_agents.within(s_start, s_end) + actions):
        v_start = verb[0]
        if not sides.is_active(article, verb, s_start) or sides.counted_word(article, v_start, s_start):
            continue  # "lost 546 personnel killed": a participle of the figure, no deed of the subject
        subject = [
            src
            for src in sources
            if src[1] <= v_start
            and article.index.words_between(src[1], v_start) <= SUBJECT_WORDS
            and not SUBJECT_BREAK.search(article.text, src[1], v_start)
            and not sides.counted_word(article, src[0], s_start)
            and not _bare_country(article, src)
        ]
        if subject:
            source_start, source_end, source = subject[-1]
            return Attribution(source, source_start, source_end, "explicit", admits, rule="actor_of_destroying")
    return None


def _headline_speaker(article: Article, s_start: int, s_end: int, sources: list[tuple[int, int, str]]) -> Attribution | None:
    """ "Ukraine Loses Over 250 Soldiers in Past Day - MoD", "... during special op — Defense
    Ministry": a line that ends on a speaker after a dash or colon names the source of its
    figures. A ministry named by its kind alone is the one the article names next."""
    line_end = article.text.find("\n", s_start, s_end)
    tail = HEADLINE_TAIL.search(article.text, s_start, s_end if line_end < 0 else line_end)
    if tail is None:
        return None
    start, end = tail.span(1)
    phrase = " ".join(WORDS.findall(article.text, start, end)).lower()
    kind = next((key for key in (phrase, "the " + phrase) if key in article.lex.anaphora), None)
    if kind is not None:
        return Attribution(ANAPHORA + kind, start, end, "headline")
    # the name that ends the line after its dash, whatever stands before it ("... 300 000 personnes - Stoltenberg")
    named = next((src for src in article.index.sources.within(s_start, s_end) if src[0] == start and src[1] == end), None)
    return Attribution(named[2], start, end, "explicit", rule="headline_tail") if named else None


def _cited_by_medium(
    article: Article, source: str, verb_end: int, sources: list[tuple[int, int, str]]
) -> tuple[int, int, str] | None:
    """The source a medium cites right after its verb of saying ("le New York Times a rapporté, citant
    des responsables américains", "des journaux ont écrit, en référence à des responsables américains")."""
    if source != "media_estimate":
        return None
    cites = MEDIUM_CITING.match(article.text, verb_end)
    if cites is None:
        return None
    return next(
        (
            src
            for src in sources
            if src[0] >= cites.end()
            and src[2] != "media_estimate"
            and not src[2].startswith(ANAPHORA)
            and article.index.words_between(cites.end(), src[0]) <= 4
            and not PREPOSITION_BREAK.search(article.text, cites.end(), src[0])
        ),
        None,
    )


def _agency_citing(article: Article, source: tuple[int, int, str]) -> bool:
    """ "Reuters, citing the lawmaker, ...", "l'AFP, citant l'armée": the agency relays someone else's words."""
    start, end, _label = source
    return (
        " ".join(WORDS.findall(article.text[start:end].lower())) in article.lex.channels
        and AGENCY_CITING.match(article.text, end) is not None
    )


def _bare_country(article: Article, source: tuple[int, int, str]) -> bool:
    """ "Ukraine has knocked out", "la Russie a détruit": a country acts, no institution reports."""
    start, end, _label = source
    # the source's own words lowered, not the whole text per source (10 MB: 130 s)
    return " ".join(WORDS.findall(article.text[start:end].lower().replace("’", "'"))) in article.lex.bare_places


def _passive(
    article: Article, start: int, end: int, s_end: int, sources: list[tuple[int, int, str]]
) -> bool | tuple[int, int, str]:
    """ "Russia is reported to have lost", "les pertes confirmées par des photos": a verb of saying in
    the passive (after an auxiliary, or a participle before "by"), whose subject is what is said, not
    who says it. Its agent, when a source ("are estimated at 450,000 by British intelligence",
    "confirmés par l'état-major"), is the speaker; else True."""
    auxiliary = PASSIVE_AUXILIARY.search(article.text, max(0, start - 24), start) is not None
    agent = AGENT_AFTER.search(article.text, end, min(s_end, end + AGENT_CHARS))
    if agent is not None and (auxiliary or agent.start() == end) and not PASSIVE_BREAK.search(article.text, end, agent.start()):
        named = next((src for src in sources if agent.end() <= src[0] <= agent.end() + 2), None)
        if named is not None:
            return named
    return auxiliary or (agent is not None and agent.start() == end)


def _capital(article: Article, start: int, end: int) -> bool:
    """ "Kyiv", "Moscou": a capital, which before a headline's colon speaks for its government."""
    return " ".join(WORDS.findall(article.text[start:end].lower())) in article.lex.headline_capitals


def _owned_loser(article: Article, start: int, end: int) -> bool:
    """A side's name after a head that owns losses ("pertes de Kiev", "bilan de l'armée russe")."""
    if not any(a <= start and end <= b for a, b, _ in article.index.side_names.within(max(0, start - 12), end)):
        return False
    sentence_start = article.sentences[article.cleaned.sentence_index(start)][0] if article.sentences else 0
    head = article.lex.side_possessor.search(
        article.text, max(sentence_start, start - 60), start
    ) or article.lex.side_possessor_qualified.search(article.text, max(sentence_start, start - 60), start)
    if head is None:
        return False
    # "selon le dernier bilan de l'armée ukrainienne": its report, not its losses
    return not any(
        kind == "prepositions" and b <= head.start()
        for _a, b, kind in article.index.attribution.within(max(sentence_start, head.start() - 40), head.start())
    )


def _in_quoted_speech(text: str, s_start: int, position: int) -> bool:
    """Whether `position` stands inside a quotation that a colon opens ("X a ajouté : « ... »",
    'He added: "..."'): the verbs there belong to what is said, not to who says it."""
    before = text[s_start:position]
    straight = before.count('"')
    opening = max(before.rfind("«"), before.rfind("“"), before.rfind('"') if straight % 2 else -1)
    if opening < 0 or max(before.rfind("»"), before.rfind("”")) > opening:
        return False
    return before[:opening].rstrip().endswith(":")


def _qualifies_loss_noun(article: Article, start: int, end: int) -> bool:
    """ "ses chars occidentaux", "des drones américains": a lower-case adjective right after a
    counted noun says where the equipment or the soldiers come from, not who speaks."""
    if not article.text[start].islower():
        return False
    return any(
        not article.text[noun_end:start].strip() for _s, noun_end, _l in article.index.nouns.within(max(0, start - 40), start)
    )


def _incise(article: Article, verb_start: int, s_start: int, s_end: int) -> bool:
    """ "«1 351 militaires ont été tués», a annoncé X", "350 soldats ont été éliminés, a rapporté X":
    a verb of saying after a comma or a closing quote, once the figures are said; not the
    verb after an apposition ("The US defence secretary, Lloyd Austin, said that ...")."""
    if not INCISE.search(article.text, max(s_start, verb_start - 12), verb_start):
        return False
    if QUOTE_CLOSE.search(article.text, max(s_start, verb_start - 4), verb_start):
        return True
    first = bisect_left(article.number_starts, s_start)
    verb = bisect_left(article.number_starts, verb_start)
    last = bisect_left(article.number_starts, s_end)
    return first < verb or first == last  # the figures before it, or none in the sentence


AS_PART_OF = re.compile(r"\bas\s+part\s+of\s+(?:the\s+)?$", re.IGNORECASE)  # "as part of the ministry's briefing": no place


def _source_locative(article: Article, start: int, end: int) -> bool:
    """ "en Ukraine", "in Ukraine", "contre Kiev": a place; "in Kyiv's tally" is still Kyiv's."""
    sentence_start = article.sentences[article.cleaned.sentence_index(start)][0] if article.sentences else 0
    words = WORDS.findall(article.text, max(sentence_start, start - 24), start)
    if POSSESSIVE.match(article.text, end):
        return False
    return (bool(words) and words[-1].lower() in article.lex.source_locatives) or bool(
        article.lex.place_of.search(article.text, max(sentence_start, start - 30), start)
        and not AS_PART_OF.search(article.text, max(sentence_start, start - 30), start)
    )


def _admits(article: Article, s_start: int, s_end: int) -> bool:
    return bool(article.index.admissions.within(s_start, s_end))


def resolve_chains(article: Article, attributions: list[Attribution | None]) -> None:
    """Pronouns take the last named speaker; carried sources the one named just before;
    a sentence with no source continues the source of the paragraph's sentence before."""
    _resolve_institutions(article, attributions)
    _quote_speaker_back(article, attributions)
    relays: set[int] = set()
    for index in range(1, len(attributions)):
        ahead = attributions[index]
        before = attributions[index - 1]
        if (
            ahead is not None
            and ahead.how == "explicit"
            and (
                article.lex.back_reference.match(article.text, article.sentences[index][0])
                or article.lex.back_object.search(article.text, *article.sentences[index])
            )
        ):
            if (
                before is None
                or before.how == "carry"
                or (before.how == "explicit" and _country_named_again(article, before, ahead, index - 1))
            ):
                # "Russia says it killed ... The announcement came in the Russian Defence
                # Ministry's daily briefing": the institution the next sentence names speaks for its country
                attributions[index - 1] = Attribution(
                    ahead.source, ahead.start, ahead.end, "explicit", ahead.admits, "named_by_next_sentence"
                )
            elif before.how == "explicit":
                # "... from the General Staff, it was reported that ... This information was shared via the
                # ministry's account": the ministry relays the report; what follows carries its author
                relays.add(index)
    last_speaker: Attribution | None = None
    speaker_sentence = -1
    said = [a is not None for a in attributions]  # before paragraphs carry their sources over
    last: tuple[int, Attribution] | None = None
    # an article that names one source only (a ministry's bulletin relayed) carries it over
    # every paragraph; one that names several carries a source within its paragraph
    single_source = len({a.source for a in attributions if a is not None and a.how == "explicit"}) == 1
    named_so_far: set[str] = set()  # see _first_speaker_goes_on
    for index, attribution in enumerate(attributions):
        if attribution is None and article.lex.topic_shift.match(article.text, *article.sentences[index]):
            last = None
        if attribution is None:
            if last is not None and (
                single_source
                or article.cleaned.same_paragraph(last[0], index)
                or _first_speaker_goes_on(article, index, named_so_far)
            ):
                attributions[index] = Attribution(
                    last[1].source,
                    last[1].start,
                    last[1].end,
                    "paragraph",
                    last[1].admits,
                    "same_paragraph"
                    if article.cleaned.same_paragraph(last[0], index)
                    else "single_source_article"
                    if single_source
                    else "single_source_so_far",
                )
            elif last is not None and _introduced(article, last[0], index):
                attributions[index] = Attribution(
                    last[1].source, last[1].start, last[1].end, "paragraph", last[1].admits, "introduced_quote_or_list"
                )
            continue
        if attribution.how == "pronoun":
            mentioned = (
                _mentioned_before(article, index) if index > 0 and speaker_sentence < index - 1 and not said[index - 1] else None
            )
            if mentioned is not None:
                # "Le décompte le plus sûr reste celui d'Oryx, un collectif d'analystes. Selon lui, ...": the
                # source the sentence before names without a verb, nearer than the last speaker
                attribution.source, attribution.start, attribution.end = mentioned
                attribution.how, attribution.rule = "explicit", "pronoun_of_mention_before"
            elif last_speaker is not None:
                attribution.source = last_speaker.source
                attribution.start, attribution.end = last_speaker.start, last_speaker.end
            else:
                attributions[index] = None
                continue
        elif attribution.how == "carry":
            if last is not None and index - last[0] <= CARRY_SENTENCES:
                attribution.source = last[1].source
                attribution.start, attribution.end = last[1].start, last[1].end
            elif (institution := _institution_mentioned_before(article, attribution)) is not None:
                # "Le ministère de la Défense a salué l'équipage ...", no ministry said anything before: the
                # ministry of that kind the article mentioned (a lead cut after "le ministre russe de la...")
                attributions[index] = attribution = institution
            else:
                attributions[index] = None
                if last is not None and (
                    single_source
                    or article.cleaned.same_paragraph(last[0], index)
                    or _first_speaker_goes_on(article, index, named_so_far)
                ):
                    attributions[index] = Attribution(
                        last[1].source, last[1].start, last[1].end, "paragraph", last[1].admits, "carry_marker_without_antecedent"
                    )
                continue
        if index in relays:
            continue
        if attribution.how == "explicit":
            last_speaker, speaker_sentence = attribution, index
            named_so_far.add(attribution.source)
        if attribution.source and attribution.how not in ("media", "paragraph", "headline"):
            last = (index, attribution)  # a headline's speaker is its own; the lead names none
    _carry_back_in_paragraph(article, attributions)


def _country_named_again(article: Article, bare: Attribution, named: Attribution, sentence: int) -> bool:
    """Whether a bare country ("Russia has claimed") is the institution of its own the next
    sentence of its paragraph names ("the Russian Defense Ministry's daily briefing")."""
    if bare.start is None or bare.end is None or not _bare_country(article, (bare.start, bare.end, bare.source)):
        return False
    country = bare.source.split("_")[0]
    return (
        named.source != bare.source
        and named.source.split("_")[0] == country
        and article.cleaned.same_paragraph(sentence, sentence + 1)
    )


def _quote_closed(text: str) -> bool:
    """Whether a piece of text closes a quotation it did not open ("... pour nous», annonce X")."""
    if text.rfind("»") > text.rfind("«") or text.rfind("”") > text.rfind("“"):
        return True
    return text.count('"') % 2 == 1


def _quote_opened(text: str) -> bool:
    """Whether a piece of text opens a quotation it does not close ('"31 000 soldats sont morts.')."""
    if text.rfind("«") > text.rfind("»") or text.rfind("“") > text.rfind("”"):
        return True
    return text.count('"') % 2 == 1


def _quote_speaker_back(article: Article, attributions: list[Attribution | None]) -> None:
    """ "« 31 000 soldats sont morts. Pas 300 000. Chaque perte compte », annonce X": a speaker named
    after a quotation that opened sentences before speaks for all of it."""
    for index, attribution in enumerate(attributions):
        if attribution is None or attribution.how != "explicit" or attribution.rule != "inverted_subject" or index == 0:
            continue
        s_start = article.sentences[index][0]
        if attribution.start is None or not _quote_closed(article.text[s_start : attribution.start]):
            continue
        opened = None
        for before in range(index - 1, -1, -1):
            said = attributions[before]
            if (said is not None and said.how != "media") or not article.cleaned.same_paragraph(before, index):
                break  # "« En un mois, cela représente 20 000 morts »": the speaker's own arithmetic
            if _quote_opened(article.text[slice(*article.sentences[before])]):
                opened = before
                break
        if opened is None:
            continue
        for before in range(opened, index):
            attributions[before] = Attribution(
                attribution.source, attribution.start, attribution.end, "explicit", attribution.admits, "quote_speaker_after"
            )


def _carry_back_in_paragraph(article: Article, attributions: list[Attribution | None]) -> None:
    """ "Les pertes ukrainiennes s'élèvent à 2 870 tués. Selon les données confirmées, 572 ont été
    capturés, indique le rapport.": a paragraph that names no source and carries one over later (a
    report, "the same data") speaks with that source from its start."""
    for index in range(len(attributions) - 2, -1, -1):
        ahead = attributions[index + 1]
        if (
            attributions[index] is None
            and ahead is not None
            and ahead.source
            and (ahead.how == "carry" and _names_the_report(article, index + 1) or ahead.rule == "carried_back_in_paragraph")
            and article.cleaned.same_paragraph(index, index + 1)
        ):
            attributions[index] = Attribution(
                ahead.source, ahead.start, ahead.end, "paragraph", ahead.admits, "carried_back_in_paragraph"
            )


def _names_the_report(article: Article, sentence: int) -> bool:
    """Whether a sentence carries its source by naming the report ("indique le rapport", "according to the data")."""
    s_start, s_end = article.sentences[sentence]
    return any(
        kind == "carry" and " ".join(WORDS.findall(article.text[start:end].lower().replace("’", "'"))) in article.lex.carry_back
        for start, end, kind in article.index.attribution.within(s_start, s_end)
    )


def _mentioned_before(article: Article, sentence: int) -> tuple[str, int, int] | None:
    """The first source the sentence before a pronoun names without saying anything (no verb of
    saying, no preposition): what the pronoun stands for ("celui d'Oryx, un collectif d'analystes")."""
    s_start, s_end = article.sentences[sentence - 1]
    named = [
        src
        for src in article.index.sources.within(s_start, s_end)
        if not _source_locative(article, src[0], src[1])
        and not _owned_loser(article, src[0], src[1])
        and not _bare_country(article, src)
    ]
    if not named:
        return None
    start, end, source = named[0]
    return source, start, end


def _institution_mentioned_before(article: Article, carry: Attribution) -> Attribution | None:
    """A carry word that names an institution by its kind ("le ministère") with no speaker to carry:
    the last source of that kind the article mentioned before it, else the dateline's."""
    if carry.start is None or carry.end is None:
        return None
    start, end = carry.start, carry.end
    kind = next((label for a, b, label in article.index.anaphoras.within(start, end) if a <= start and end <= b), None)
    if kind is None:
        return None
    kinds = frozenset(article.lex.anaphora[kind[len(ANAPHORA) :]])
    mentioned = [
        m
        for m in article.index.sources.within(0, start)
        if m[2] in kinds and not _source_locative(article, m[0], m[1]) and not _owned_loser(article, m[0], m[1])
    ]
    if mentioned:
        m_start, m_end, source = mentioned[-1]
        return Attribution(source, m_start, m_end, "explicit", carry.admits, "institution:mentioned_before")
    return _dateline_institution(article, kinds)


def _dateline_institution(article: Article, kinds: frozenset[str]) -> Attribution | None:
    """The institution of the dateline's country, for a ministry named by its kind alone with
    none named before: "MOSCOW (Sputnik) - ... the Defense Ministry said" is Russia's."""
    dateline = DATELINE.search(article.text, article.prose_start, min(len(article.text), article.prose_start + 600))
    if dateline is None:
        return None
    country = DATELINE_COUNTRIES[dateline.group(1).lower()]
    source = next((kind for kind in sorted(kinds) if kind.startswith(country)), None)
    return Attribution(source, None, None, "dateline") if source else None


def _resolve_institutions(article: Article, attributions: list[Attribution | None]) -> None:
    """ "le ministère", "the Defense Ministry": the last source of that kind named before,
    else the institution of the country its sentence says (`_institution_country`)."""
    named: list[Attribution] = []
    for index, attribution in enumerate(attributions):
        if attribution is None:
            continue
        if attribution.source.startswith(ANAPHORA):
            kinds = article.lex.anaphora[attribution.source[len(ANAPHORA) :]]
            antecedent = next((a for a in reversed(named) if a.source in kinds), None)
            rule = "institution:named_before"
            if attribution.how == "headline":  # a headline's "MoD" is the ministry the article then names
                antecedent = next(
                    (a for a in attributions[index + 1 :] if a is not None and a.how == "explicit" and a.source in kinds), None
                )
                rule = "institution:named_after_headline"
            if antecedent is None:  # "Parmi eux, Oryx Blog ... Selon le site": a mention without a verb
                rule = "institution:mentioned_before"
                mentioned = [
                    m for m in article.index.sources.within(article.prose_start, article.sentences[index][0]) if m[2] in kinds
                ]
                if mentioned:
                    antecedent = Attribution(mentioned[-1][2], mentioned[-1][0], mentioned[-1][1], "explicit")
            if antecedent is None:  # "MOSCOW, December 24. /TASS/. ... the Defense Ministry said"
                antecedent = _dateline_institution(article, kinds)
                rule = "institution:dateline"
            seat = _seat_country(article, attribution.end) if attribution.how == "explicit" else None
            if seat is not None:  # "le ministère de la défense à Moscou", "the defence ministry in Kyiv": where it sits
                antecedent, rule = None, "institution:seat"
            country = seat or (_institution_country(article, index) if antecedent is None else None)
            by_country = next((kind for kind in sorted(kinds) if country and kind.startswith(country + "_")), None)
            if antecedent is not None:
                attribution.source, attribution.rule = antecedent.source, rule
            elif by_country is not None:
                # "Russian troops have destroyed ..., the Defense Ministry said": the army that acts is its ministry's
                attribution.source = by_country
                attribution.rule = "institution:seat" if seat else "institution:country_of_sentence"
            elif len(kinds) == 1 and attribution.how == "explicit":
                # "Le média russe indépendant estime à 165 000 ...", none named before: a speaker of one kind is of that kind
                attribution.source, attribution.rule = next(iter(kinds)), "institution:kind"
            else:
                attributions[index] = None
                continue
        if attribution.how == "explicit":
            named.append(attribution)


def _seat_country(article: Article, end: int | None) -> str | None:
    """The country whose capital follows an institution named by its kind ("le ministère de la défense à Moscou")."""
    seat = SEAT.match(article.text, end) if end is not None else None
    return DATELINE_COUNTRIES.get(seat.group(1).lower()) if seat else None


def _institution_country(article: Article, sentence: int) -> str | None:
    """Whose is an institution named by its kind alone with none met before: the country
    whose forces act in its sentence ("Russian troops have destroyed"), else the enemy of the
    side that loses there ("Ukraine Loses Over 250 Soldiers - MoD")."""
    s_start, s_end = article.sentences[sentence]
    words = sorted(article.index.side_adjectives.within(s_start, s_end) + article.index.side_names.within(s_start, s_end))
    agents = [v for v in article.index.side_agents.within(s_start, s_end) if sides.is_active(article, v, s_start)]
    for start, end, side in words:
        if side not in OPPOSITE or sides.locative(article, start):
            continue
        if sides.counted_word(article, start, s_start):
            # "L'armée affirme avoir abattu 31 drones russes": the counted side lost them; its enemy reports
            return OPPOSITE[side]
        if any(
            v[0] >= end
            and article.index.words_between(end, v[0]) <= SIDE_AGENT_WORDS
            and not SUBJECT_BREAK.search(article.text, end, v[0])
            for v in agents
        ):
            return side
        if sides.loss_follows(article, end, s_end):
            return OPPOSITE[side]
    return None


LIST_OR_QUOTE_OPENING = re.compile(r"[«“\"„‘'•·*–—-]")


LIST_ITEM_OPENING = re.compile(r"[«“\"„‘'•·*–—-]|\d")  # the next items of a list: "12 tanks"


def _introduced(article: Article, speaker: int, sentence: int) -> bool:
    """Whether the paragraphs from the speaker's to a sentence's go on with what the speaker
    introduced: each opens on a quote or a list mark, or follows a paragraph ending on a colon
    ("Le ministère a détaillé ses chiffres :" then its list; "« ...", then the quote's next paragraph)."""
    paragraphs = article.cleaned.paragraphs
    first = article.cleaned.paragraph_index(article.sentences[speaker][0])
    last = article.cleaned.paragraph_index(article.sentences[sentence][0])
    for index in range(first + 1, last + 1):
        start, _end = paragraphs[index]
        opening = LIST_OR_QUOTE_OPENING if index == first + 1 else LIST_ITEM_OPENING
        if not (opening.match(article.text, start) or _ends_on_colon(article.text, paragraphs[index - 1][1])):
            return False
    return first < last


def _ends_on_colon(text: str, end: int) -> bool:
    """Whether the last visible character before `end` is a colon: read back a piece at a time
    (stripping all the text before every paragraph was quadratic: 10 MB took 40 s more)."""
    while end > 0:
        start = max(0, end - 256)
        visible = text[start:end].rstrip()
        if visible:
            return visible.endswith(":")
        end = start
    return False


def _first_speaker_goes_on(article: Article, sentence: int, named_so_far: set[str]) -> bool:
    """Until a second source is named, the one the article named first speaks for its sentences
    ("Selon les rapports de l'état-major, ... Le 25 novembre, la Russie a perdu 1 610 soldats");
    not for a heading or a headline, a line that ends without a full stop."""
    start, end = article.sentences[sentence]
    return len(named_so_far) == 1 and article.text[start:end].rstrip()[-1:] in SENTENCE_ENDS


def _bulletin_source(article: Article, sentence: int, attributions: list[Attribution | None]) -> Attribution:
    """A bulletin's lines take the source its header names, else its outlet's, else the General Staff's."""
    header = article.cleaned.sentence_index(article.bulletin_from) if article.bulletin_from is not None else sentence
    if article.last_sourced is None:  # the last sentence with a source at or before each one
        latest, article.last_sourced = -1, []  # (looking back from every line was quadratic)
        for index, found in enumerate(attributions):
            latest = index if found is not None and found.source else latest
            article.last_sourced.append(latest)
    if article.last_sourced[sentence] > max(-1, header - 3):
        named = attributions[article.last_sourced[sentence]]
        assert named is not None  # last_sourced only points at sentences with a source
        return named
    return _outlet_source(article) or Attribution("ukraine_general_staff", None, None, "bulletin")


def _outlet_source(article: Article) -> Attribution | None:
    """An official publisher (the UK MoD's updates, the General Staff's site) is its articles' source."""
    outlet = article.document.outlet
    if not outlet:
        return None
    found = article.lex.sources.find(outlet, 0, len(outlet))
    # a newspaper is no source of its own articles' figures; an official publisher is
    if found and found[0][2] != "media_estimate" and found[0][1] - found[0][0] >= len(outlet.strip()) * 0.6:
        return Attribution(found[0][2], None, None, "outlet")
    return None


def attribute(article: Article, figures_by_sentence: dict[int, list[Figure]], attributions: list[Attribution | None]) -> None:
    """Give every claim its source (its sentence's attribution, else a fallback: images, outlet, same figure) and its side."""
    image_sources = [
        (i, a) for i, a in enumerate(attributions) if a is not None and a.source and _mentions_images_publisher(article, i)
    ]
    by_value: dict[tuple[int, str], Attribution | None] = {}  # None: a source set by an earlier stage
    side_by_value: dict[tuple[int, str], tuple[str, int]] = {}  # a figure's side as said where it was first said
    outlet = _outlet_source(article)
    article.last_sourced = None
    for sentence in sorted(figures_by_sentence):
        figures = figures_by_sentence[sentence]
        attribution = attributions[sentence]
        if attribution is None and _mentions_images(article, sentence):
            near = [(abs(i - sentence), a) for i, a in image_sources if abs(i - sentence) <= IMAGE_SENTENCES]
            if near:
                attribution = Attribution(min(near, key=lambda x: x[0])[1].source, None, None, "image")
                attribution.start, attribution.end = min(near, key=lambda x: x[0])[1].start, min(near, key=lambda x: x[0])[1].end
        if attribution is None and any(f.bulletin or (f.daily_of is not None and f.daily_of.bulletin) for f in figures):
            attribution = _bulletin_source(article, sentence, attributions)
        shared: Attribution | None = attribution
        if shared is None:
            for figure in figures:
                known = by_value.get(_value_key(figure.claim)) if figure.claim is not None else None
                if known is not None:
                    shared = known
                    break
        clauses = _clause_speakers(article, sentence) if attribution is not None and attribution.how == "explicit" else []
        for figure in figures:
            claim = figure.claim
            assert claim is not None  # only figures that are claims are attributed
            chosen = _clause_speaker(clauses, figure) or attribution
            borrowed = ""
            if chosen is None:  # the same figure said elsewhere, or beside another one of its sentence's
                chosen = by_value.get(_value_key(claim))
                borrowed = "same_figure:" if chosen is not None else "same_sentence_figure:" if shared else "outlet:"
                chosen = chosen or shared or outlet
            if chosen is not None and chosen.source:
                claim.source = chosen.source
                if chosen.start is not None and chosen.end is not None:
                    claim.attribution = article.text[chosen.start : chosen.end]
                claim.decide(
                    "source",
                    f"attribution:{borrowed}{chosen.how}" + (f":{chosen.rule}" if chosen.rule else ""),
                    chosen.start,
                    chosen.end,
                )
            else:
                claim.decide("source", "none_found")
            if claim.source != "unattributed":
                by_value.setdefault(_value_key(claim), chosen)
            said_before = side_by_value.get(_value_key(claim))
            if said_before is not None and figure.side_rule in WEAK_SIDE_RULES:
                figure.side_said = None  # "9 canons qui ne pilonneront plus les villes ukrainiennes": said before
            if figure.side_said is None and said_before is not None:
                # "la mort de 1 351 de ses soldats", then "«1 351 militaires ont été tués»": the same figure
                claim.side = said_before[0]
                claim.decide("side", "same_figure_said_before", said_before[1], said_before[1])
            elif figure.side_said is None and (before := _side_of_sentence_before(article, figure)) is not None:
                # "Les forces ukrainiennes ont aussi perdu 12 000 unités de matériel. Au total, 410 chars
                # ont été détruits": a sentence naming no side goes on with the side its paragraph just said
                claim.side = before.claim.side
                claim.decide("side", "said_in_sentence_before", before.number.start, before.number.end)
            elif figure.side_said is None and (owner := sides.owner_of_sentence(article, figure.sentence - 1)) is not None:
                # "Les forces ukrainiennes ont aussi perdu du matériel. Au total, 543 chars ont été
                # détruits": the loser the sentence before named, with no figure of its own
                claim.side = owner[0]
                claim.decide("side", "owner_in_sentence_before", owner[1], owner[2])
            elif figure.side_said is None:
                claim.side = _default_side(claim.source, chosen)
                claim.decide("side", "default_from_source" if chosen is None or not chosen.admits else "default_admission")
            elif figure.side_said in SPEAKER_RELATIVE:
                claim.side = _speaker_relative_side(figure.side_said, claim.source, chosen)
                claim.decide("side", f"{figure.side_said}_of_source")
            if figure.side_said is not None and figure.side_rule not in WEAK_SIDE_RULES:
                side_by_value.setdefault(_value_key(claim), (claim.side, figure.number.start))
        _share_side(article, figures)
    _side_of_repeats([f for sentence in sorted(figures_by_sentence) for f in figures_by_sentence[sentence]])


def _side_of_sentence_before(article: Article, figure: Figure) -> Figure | None:
    """The last figure of the sentence just before, in the same paragraph, whose side its sentence said."""
    if figure.sentence == 0 or not article.cleaned.same_paragraph(figure.sentence - 1, figure.sentence):
        return None
    p_start, p_end = article.sentences[figure.sentence - 1]
    starts = article.number_starts[bisect_left(article.number_starts, p_start) : bisect_left(article.number_starts, p_end)]
    for at in reversed(starts):
        other = article.figure_at.get(at)
        if (
            other is not None
            and other.claim is not None
            and other.side_said is not None
            and other.side_rule not in WEAK_SIDE_RULES
        ):
            return other
    return None


def _side_of_repeats(figures: list[Figure]) -> None:
    """A figure printed again is one figure: a headline or lead that names no side nor source
    ("A total of 558 aircraft ... have been destroyed") takes the side the body gives it."""
    known: dict[tuple[int, str], Figure] = {}
    for figure in figures:
        reason = figure.claim.reason("side")
        if reason is not None and not (reason.rule.startswith("default") and figure.claim.source == "unattributed"):
            known.setdefault(_value_key(figure.claim), figure)
    for figure in figures:
        reason = figure.claim.reason("side")
        same = known.get(_value_key(figure.claim))
        if same is None or reason is None or not reason.rule.startswith("default") or figure.claim.source != "unattributed":
            continue
        figure.claim.side = same.claim.side
        figure.claim.decide("side", "same_figure_elsewhere", same.number.start, same.number.end)


def _share_side(article: Article, figures: list[Figure]) -> None:
    """A list says its side once: "«1 240 militaires ont été tués et 3 610 blessés»" takes the
    side the first figure was given where it was said before, not the source's habit."""
    known = [f for f in figures if f.claim.reason("side") is not None and not f.claim.reason("side").rule.startswith("default")]
    if not known:
        return
    for figure in figures:
        reason = figure.claim.reason("side")
        if reason is not None and reason.rule.startswith("default"):
            peer = min(known, key=lambda f: abs(f.number.start - figure.number.start))
            figure.claim.side = peer.claim.side
            figure.claim.decide("side", "shared_with_list_peer", peer.number.start, peer.number.end)


def _clause_speakers(article: Article, sentence: int) -> list[tuple[int, Attribution]]:
    """The verbs of saying of a sentence with a named subject each, when there are several
    speakers: "While Kyiv now claims more than 12,000 ..., the Russian
    authorities admitted to under 600 deaths" gives each clause its own."""
    s_start, s_end = article.sentences[sentence]
    sources = [
        src
        for src in article.index.sources.within(s_start, s_end)
        if not _source_locative(article, src[0], src[1]) and not _owned_loser(article, src[0], src[1])
    ]
    clauses = []
    for start, end, kind in article.index.attribution.within(s_start, s_end):
        if kind == "prepositions" and RELAYING.match(article.text, start):
            continue  # "des sources américaines citées par le New York Times": who relays, no clause of its own
        if kind == "prepositions":  # "Selon Kiev, ..., tandis que Moscou affirme ..."
            named = [
                src
                for src in sources
                if src[0] >= end
                and article.index.words_between(end, src[0]) <= PREPOSITION_WORDS
                and not PREPOSITION_BREAK.search(article.text, end, src[0])
            ]
            if named and " ".join(WORDS.findall(article.text[named[0][0] : named[0][1]].lower())) in article.lex.channels:
                continue  # "Shoigu said ..., according to Reuters": the agency relays the clause's speaker
            if named:
                clauses.append((start, Attribution(named[0][2], named[0][0], named[0][1], "explicit", rule="clause_preposition")))
            continue
        if kind != "verbs" or any(a <= start < b for a, b, _ in sources):
            continue
        subject = [
            src
            for src in sources
            if src[1] <= start
            and article.index.words_between(src[1], start) <= SUBJECT_WORDS
            and not SUBJECT_BREAK.search(article.text, src[1], start)
        ]
        if subject:
            src = max(subject, key=lambda x: (x[1], x[1] - x[0]))
            if _bare_country(article, src) and _figure_follows(article, end, s_end):
                continue  # "Selon l'état-major, la Russie compte 1,1 million de tués": what it has, not what it says
            clauses.append((start, Attribution(src[2], src[0], src[1], "explicit", rule="clause_subject")))
    return clauses if len({a.source for _, a in clauses}) > 1 else []


def _figure_follows(article: Article, position: int, s_end: int, words: int = 1) -> bool:
    """Whether a figure of the sentence follows a position, past one word at most ("compte quelque 1,1 million")."""
    following = bisect_left(article.number_starts, position)
    return (
        following < len(article.number_starts)
        and article.number_starts[following] < s_end
        and article.index.words_between(position, article.number_starts[following]) <= words
    )


def _clause_speaker(clauses: list[tuple[int, Attribution]], figure: Figure) -> Attribution | None:
    """The speaker of the clause a figure stands in: a "selon X" right after it ("1 351 tués, selon le
    ministère russe"), else the last verb of saying before it, else the first after."""
    if not clauses:
        return None
    after = [(start, a) for start, a in clauses if start > figure.number.start]
    if after and after[0][1].rule == "clause_preposition":
        return after[0][1]
    before = [a for start, a in clauses if start < figure.number.start]
    return before[-1] if before else clauses[0][1]


def _mentions_images(article: Article, sentence: int) -> bool:
    s_start, s_end = article.sentences[sentence]
    return bool(IMAGES.search(article.text, s_start, s_end))


def _mentions_images_publisher(article: Article, sentence: int) -> bool:
    s_start, s_end = article.sentences[sentence]
    return any(kind == "image_publishers" for _s, _e, kind in article.index.attribution.within(s_start, s_end))
