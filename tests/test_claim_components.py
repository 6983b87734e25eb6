"""Each component of the claims pipeline (bilan/claims/) tested alone: its public function is
called directly on an `Article` built as `explain_claims` builds it, and the test asserts the
decision it makes, the rule it names and the span it read. The earlier stages a component reads
(the figures, the sentences' attributions) are run by `_figures` as `run` runs them; the gold
sets (tests/test_gold.py) stay the floors over the whole. The texts are made up for these tests.
"""

from __future__ import annotations

import pytest

import bilan
from bilan.claims import candidates, categories, counting, dating, explain_claims, losses, qualifiers, scoping, sides, sources
from bilan.claims.article import Article
from bilan.claims.figures import Figure
from bilan.cleaning import clean

DATE = "2025-03-10"  # a Monday: "on Sunday" is the 9th


def _article(text: str, lang: str) -> Article:
    """The article as `explain_claims` makes it: document, then cleaning, then Article."""
    document = bilan.read_text(text, "component", lang=lang, date=DATE)
    return Article(document, clean(document), lang, False, None)


def _figures(article: Article) -> list[Figure]:
    """The stages before the claims, as `run` calls them: candidates, the sentences'
    attributions, then what each number counts (`counting.read_figure`)."""
    numbers = list(article.numbers)
    numbers = candidates.without_stocks(article, numbers + candidates.singulars(article, numbers))
    numbers = candidates.without_side_phrases(article, numbers)
    article.number_starts = [n.start for n in numbers]
    article.attributions = [sources.sentence_attribution(article, i) for i in range(len(article.sentences))]
    figures: list[Figure] = []
    previous: Figure | None = None
    for number in numbers:
        sentence = article.cleaned.sentence_index(number.start)
        if previous is not None and previous.sentence != sentence:
            previous = None
        figure = counting.read_figure(article, number, sentence, previous)
        if figure is not None:
            figures.append(figure)
            previous = article.last_figure = figure
    article.figure_at = {f.number.start: f for f in figures}
    return figures


def _figure(text: str, lang: str, value: int) -> tuple[Article, Figure, int, int]:
    """The figure of `value` with its article and its sentence's bounds."""
    article = _article(text, lang)
    figure = next(f for f in _figures(article) if f.number.value == value)
    s_start, s_end = article.sentences[figure.sentence]
    return article, figure, s_start, s_end


def _span(article: Article, span: tuple[int | None, int | None]) -> str | None:
    start, end = span
    return None if start is None or end is None else article.text[start:end]


# --- candidates: the numbers that may be claims --------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "article_word", "noun"),
    [
        ("fr", "La marine ukrainienne a coulé un sous-marin russe près du port.", "un", "sous-marin"),
        ("fr", "Un autre MiG-29 a été détruit au sol.", "Un", "MiG-29"),
        ("en", "Ukrainian troops destroyed a Russian tank near the village.", "a", "tank"),
        # a qualifier between the verb and its article
        ("fr", "Les forces ukrainiennes ont perdu au moins un Challenger 2 britannique.", "un", "Challenger 2"),
    ],
)
def test_candidates_singular_article_is_one(lang: str, text: str, article_word: str, noun: str) -> None:
    article = _article(text, lang)
    [one] = candidates.singulars(article, list(article.numbers))
    assert (one.value, article.text[one.start : one.end]) == (1, article_word)
    article.number_starts = [one.start]
    figure = counting.read_figure(article, one, article.cleaned.sentence_index(one.start), None)
    assert figure is not None and article.text[figure.noun_start : figure.noun_end] == noun


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Il y a un char dans le musée."),
        ("en", "An old tank stands in the museum."),
    ],
)
def test_candidates_singular_without_loss_is_no_figure(lang: str, text: str) -> None:
    article = _article(text, lang)
    assert candidates.singulars(article, list(article.numbers)) == []


@pytest.mark.parametrize(
    ("lang", "text", "kept", "stock", "noun"),
    [
        ("en", "Russia has lost 2,200 of the 3,500 tanks it had before the war.", 2200, 3500, "tanks"),
        ("fr", "L'armée a perdu 1 500 des 3 000 chars qu'elle possédait.", 1500, 3000, "chars"),
    ],
)
def test_candidates_without_stocks(lang: str, text: str, kept: int, stock: int, noun: str) -> None:
    article = _article(text, lang)
    numbers = candidates.without_stocks(article, list(article.numbers))
    assert [n.value for n in numbers] == [kept]
    assert [(r.value, r.reason) for r in article.rejected] == [(stock, "stock_of_previous")]
    article.number_starts = [numbers[0].start]
    figure = counting.read_figure(article, numbers[0], 0, None)
    assert figure is not None and article.text[figure.noun_start : figure.noun_end] == noun


@pytest.mark.parametrize(
    ("lang", "text", "kept"),
    [
        ("fr", "Environ 400 soldats ont été tués ou blessés des deux côtés lors de la bataille.", [400]),
        ("fr", "Les deux armées ont perdu 300 chars au total des deux.", [300]),
    ],
)
def test_candidates_without_side_phrases(lang: str, text: str, kept: list[int]) -> None:
    article = _article(text, lang)
    numbers = candidates.without_side_phrases(article, list(article.numbers))
    assert [n.value for n in numbers] == kept
    assert {r.reason for r in article.rejected} == {"part_of_both_sides_phrase"}


# --- counting: what a number counts ---------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "value", "category", "rule", "noun"),
    [
        ("fr", "Les troupes russes ont perdu 120 chars la semaine dernière.", 120, "tanks", "noun_after", "chars"),
        (
            "fr",
            "Entre 300 et 400 véhicules blindés ukrainiens ont été détruits.",
            300,
            "armoured_vehicles",
            "noun_after",
            "véhicules blindés",
        ),
        (
            "fr",
            "Au cours des dernières 24 heures, plus de 1 300 soldats russes ont été tués.",
            1300,
            "personnel",
            "noun_after",
            "soldats",
        ),
        (
            "fr",
            "Les forces russes ont perdu 300 tués et 500 blessés dans la région.",
            500,
            "personnel",
            "conditional_noun_after",
            "blessés",
        ),
        (
            "fr",
            "Chars : 9 800 (+5). Avions : 370 (+0). Hélicoptères : 331 (+1). Artillerie : 21 000 (+30).",
            370,
            "aircraft",
            "bulletin_label",
            "Avions",
        ),
        (
            "fr",
            "Chars : 9 800 (+5). Avions : 370 (+0). Hélicoptères : 331 (+1). Artillerie : 21 000 (+30).",
            5,
            "tanks",
            "increment_of_previous",
            "Chars",
        ),
        ("en", "Ukrainian forces shot down 25 Russian drones overnight.", 25, "drones", "noun_after", "drones"),
        ("en", "Russia launched 70 missiles at Ukrainian cities on Sunday.", 70, "cruise_missiles", "noun_after", "missiles"),
        ("en", "The army lost 12 tanks and 30 were damaged.", 30, "tanks", "ellipsis_of_previous", "tanks"),
    ],
)
def test_counting_reads_the_counted_noun(lang: str, text: str, value: int, category: str, rule: str, noun: str) -> None:
    article, figure, _, _ = _figure(text, lang, value)
    assert (figure.category, figure.how) == (category, rule)
    counted = figure.ellipsis_of if figure.how == "ellipsis_of_previous" else figure
    assert counted is not None and article.text[counted.noun_start : counted.noun_end] == noun


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le pays compte 38 millions d'habitants."),
        ("en", "The city had 2,300 hospitals before the war."),
    ],
)
def test_counting_finds_nothing_counted(lang: str, text: str) -> None:
    article = _article(text, lang)
    number = article.numbers[0]
    assert counting.read_figure(article, number, article.cleaned.sentence_index(number.start), None) is None


@pytest.mark.parametrize(
    ("lang", "text", "value", "category", "rule"),
    [
        (
            "en",
            "Russia lost 1,250 troops over the past day. That brings the total to 650,000 troops.",
            650000,
            "personnel_casualties",
            "total_of_the_losses_before",
        ),
        (
            "fr",
            "En juin, l'armée a compté 35 050 soldats russes tués ou blessés. Au 30 juin, son total atteignait 542 700 hommes.",
            542700,
            "personnel_casualties",
            "total_of_the_losses_before",
        ),
        (
            "en",
            "On Friday, it put Russian losses at 1,009,330 killed and wounded. Its tally passed the one million mark in June.",
            1000000,
            "personnel_casualties",
            "total_of_previous",
        ),
        (
            "fr",
            "Londres évalue les pertes russes à 415 000 hommes.\nWashington a suggéré que ce chiffre serait plus proche de 450 000.",
            450000,
            "personnel_casualties",
            "total_of_previous",
        ),
        (
            "fr",
            "Les pertes de l'ennemi pour la journée s'élèvent à 1 150 personnes.",
            1150,
            "personnel_casualties",
            "personnel_cue:nearest",
        ),
    ],
)
def test_running_totals_count_what_the_figure_before_counted(lang: str, text: str, value: int, category: str, rule: str) -> None:
    claims = explain_claims(bilan.read_text(text, "component", lang=lang, date=DATE)).claims
    claim = next(c for c in claims if c.value == value)
    assert (claim.category, claim.reason("category").rule) == (category, rule)


@pytest.mark.parametrize(
    ("lang", "text", "value", "reason"),
    [
        (
            "en",
            "The city has a population of 2,300. That brings the total to 650,000 troops.",
            650000,
            "personnel_without_loss_word",
        ),
        ("en", "Russia lost 12 tanks. In total, 31 Abrams tanks were delivered to Ukraine.", 31, "no_loss_word"),
        # a clause mark between the loss word and the figure: the figure is not the losses' predicate
        ("fr", "Malgré les pertes de l'ennemi pour la journée, on compte à la gare 1 150 personnes.", 1150, "nothing_counted"),
    ],
)
def test_running_totals_need_a_loss_before(lang: str, text: str, value: int, reason: str) -> None:
    extraction = explain_claims(bilan.read_text(text, "component", lang=lang, date=DATE))
    assert value not in {c.value for c in extraction.claims}
    assert (value, reason) in {(r.value, r.reason) for r in extraction.rejected}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # weapons around "people": a strike's victims, and the wounded of the same clause with them
        ("en", "The air force said 43 cruise missiles were shot down. At least 11 people were killed and 64 wounded.", [43]),
        ("fr", "Trois civils tués dans une frappe sur un marché.\nTrois personnes ont été tuées et onze autres blessées.", []),
        ("en", "Russian missiles hit the city, killing 23 civilians. More than 100 people were wounded.", []),
        # among soldiers, or governed by a loss word, people are soldiers
        ("fr", "L'Ukraine a dit que 400 soldats russes avaient été tués. Selon Kiev, 400 personnes étaient mortes.", [400, 400]),
        ("en", "In May, Russia lost 1,174 people killed and wounded.", [1174]),
    ],
)
def test_generic_people_are_soldiers_only_among_soldiers(lang: str, text: str, expected: list[int]) -> None:
    claims = explain_claims(bilan.read_text(text, "component", lang=lang, date=DATE)).claims
    assert [c.value for c in claims] == expected


@pytest.mark.parametrize(
    ("lang", "text", "value", "reason"),
    [
        ("fr", "Dans les guerres modernes, on compte en moyenne trois blessés pour un tué.", 3, "ratio"),
        ("en", "Russia loses five soldiers for every Ukrainian soldier killed.", 5, "ratio"),
        ("fr", "L'armée a perdu 300 chars pour un total de 2 000 véhicules.", 300, None),
    ],
)
def test_losses_rejection_of_ratios(lang: str, text: str, value: int, reason: str | None) -> None:
    article, figure, s_start, s_end = _figure(text, lang, value)
    assert losses.rejection(article, figure, s_start, s_end) == reason


@pytest.mark.parametrize(
    ("lang", "text", "value", "category", "rule"),
    [
        (
            "en",
            "British intelligence estimated Russian casualties averaged around 1,000 a day in July.",
            1000,
            "personnel",
            "introduced_noun_before",
        ),
        (
            "fr",
            "En juin, il a compté 35 050 soldats russes tués ou blessés, soit une moyenne d'environ 1 168 par jour.",
            1168,
            "personnel",
            "introduced_noun_before",
        ),
        (
            "en",
            "Losses: aircraft – 220 (+1), helicopters – 188 (+3), UAV of operational and tactical level – 681, cruise missiles – 155,"
            " warships – 15, tanks – 2,000 (+2).",
            681,
            "drones",
            "bulletin_label",
        ),
    ],
)
def test_counting_noun_less_figures_of_real_reports(lang: str, text: str, value: int, category: str, rule: str) -> None:
    article, figure, _, _ = _figure(text, lang, value)
    assert (figure.category, figure.how) == (category, rule)


# --- losses: loss or not, and why -----------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "value", "reason"),
    [
        ("fr", "Moscou a massé 40 000 soldats près de la frontière.", 40000, "no_loss_word"),
        ("fr", "La Russie a lancé 90 drones pendant la nuit.", 90, "launched_not_intercepted"),
        ("en", "Russia has deployed 50,000 troops near the border.", 50000, "no_loss_word"),
        ("en", "Russia launched 70 missiles at Ukrainian cities on Sunday.", 70, "launched_not_intercepted"),
        ("fr", "Les troupes russes ont perdu 120 chars la semaine dernière.", 120, None),
        ("en", "Ukrainian forces shot down 25 Russian drones overnight.", 25, None),
    ],
)
def test_losses_not_loss(lang: str, text: str, value: int, reason: str | None) -> None:
    article, figure, s_start, s_end = _figure(text, lang, value)
    assert losses.not_loss(article, figure, s_start, s_end) == reason


@pytest.mark.parametrize(
    ("lang", "text", "value", "reason"),
    [
        # a force or launch participle that qualifies the counted noun yields to the loss verb of its clause
        ("fr", "Environ 4 700 soldats envoyés par Pyongyang dans la région de Koursk ont été tués ou blessés.", 4700, None),
        ("en", "The air force said 43 of the 84 cruise missiles fired at the country were shot down.", 43, None),
        # no finite verb: the loss word is not the noun's predicate
        ("en", "Moscow has deployed 40,000 troops sent to replace those killed.", 40000, "force_nearer"),
        # a clause mark between: the loss verb is another clause's
        ("fr", "Moscou a envoyé 5 000 soldats en renfort, et les pertes ont été lourdes.", 5000, "force_nearer"),
    ],
)
def test_losses_participle_before_the_loss_verb(lang: str, text: str, value: int, reason: str | None) -> None:
    article, figure, s_start, s_end = _figure(text, lang, value)
    assert losses.not_loss(article, figure, s_start, s_end) == reason


@pytest.mark.parametrize(
    ("lang", "text", "value", "reason"),
    [
        ("fr", "Les pertes russes pourraient atteindre 200 000 soldats tués cette année.", 200000, "hypothetical_cue_before"),
        ("en", "Russian losses could reach 500,000 soldiers killed by the summer.", 500000, "hypothetical_cue_before"),
        ("fr", "Les Russes attaquent par groupes de 5 soldats et beaucoup ont été tués.", 5, "not_counted"),
        ("en", "They advance in groups of 4 soldiers and many were killed.", 4, "not_counted"),
        # the figure before is no claim here (no claim was made of it): its increment is none either
        (
            "fr",
            "Chars : 9 800 (+5). Avions : 370 (+0). Hélicoptères : 331 (+1). Artillerie : 21 000 (+30).",
            5,
            "increment_of_a_non_claim",
        ),
        ("en", "More than 2,000 Russian soldiers were killed in the past week.", 2000, None),
    ],
)
def test_losses_rejection(lang: str, text: str, value: int, reason: str | None) -> None:
    article, figure, s_start, s_end = _figure(text, lang, value)
    assert losses.rejection(article, figure, s_start, s_end) == reason


LOSS_LIST = "Kyiv said Russia suffered heavy losses.\nRussian losses so far:\n- 1,150 soldiers\n12 tanks\n30 artillery systems\n"
FORCE_LIST = "Ukraine has received from its allies:\n- 31 Abrams tanks\n- 18 howitzers\n"


@pytest.mark.parametrize(
    ("lang", "text", "value", "heading"),
    [
        ("en", LOSS_LIST, 12, "Russian losses so far:"),
        ("en", LOSS_LIST, 1150, "Russian losses so far:"),
        ("fr", "Pertes russes de la journée :\n— chars : 12 (+1)\n", 12, "Pertes russes de la journée :"),
        ("en", FORCE_LIST, 31, None),  # a heading without a loss word: deliveries, not losses
        ("en", "Russian losses so far: a dozen. The army bought 12 tanks.", 12, None),  # prose, no list line
    ],
)
def test_losses_list_heading(lang: str, text: str, value: int, heading: str | None) -> None:
    article, figure, _, _ = _figure(text, lang, value)
    assert _span(article, losses.list_heading(article, figure.number.start) or (None, None)) == heading


def test_verbless_list_lines_under_a_loss_heading_are_claims() -> None:
    claims = explain_claims(bilan.read_text(LOSS_LIST + "\n" + FORCE_LIST, "component", lang="en", date=DATE)).claims
    assert [(c.value, c.category) for c in claims] == [(1150, "personnel_casualties"), (12, "tanks"), (30, "artillery")]
    assert claims[0].reason("category").rule == "personnel_cue:list_continued"  # "losses" in the heading


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # the list goes on across full stops, its loss word said once
        (
            "fr",
            "Voici les données du jour. 900 chars détruits. 1 200 blindés. 40 avions. 3 sous-marins réduits au silence.",
            [(900, "tanks"), (1200, "armoured_vehicles"), (40, "aircraft"), (3, "submarines")],
        ),
        (
            "en",
            "Russia lost 900 tanks. 1,200 APCs. 5,000 drones.",
            [(900, "tanks"), (1200, "armoured_vehicles"), (5000, "drones")],
        ),
        (
            "en",
            "Over the past day Russia lost 1,100 troops. Also 12 tanks, 30 armoured vehicles and 40 artillery systems.",
            [(1100, "personnel_casualties"), (12, "tanks"), (30, "armoured_vehicles"), (40, "artillery")],
        ),  # one list of them
        ("en", "Russia lost 900 tanks. Kyiv says 12 tanks and 30 APCs were seen.", [(900, "tanks")]),  # a verb, no fragment
        (
            "fr",
            "L'état-major a publié son bilan. 11 000 chars détruits. 400 000 soldats. 300 avions.",
            [(11000, "tanks"), (400000, "personnel_casualties"), (300, "aircraft")],
        ),  # people in the list are its losses
        ("fr", "L'armée a perdu 300 chars. 2 000 soldats en renfort.", [(300, "tanks")]),  # a force word
        ("fr", "Kiev a reçu 31 chars. 18 obusiers.", []),  # the sentence before counts no loss
        ("fr", "L'armée a perdu 300 chars. Elle a acheté 18 obusiers.", [(300, "tanks")]),  # a verb: no fragment
        ("fr", "L'armée a perdu 300 chars.\n\n18 obusiers.", [(300, "tanks")]),  # another paragraph
    ],
)
def test_verbless_fragments_after_a_loss_sentence_are_claims(lang: str, text: str, expected: list) -> None:
    claims = explain_claims(bilan.read_text(text, "component", lang=lang, date=DATE)).claims
    assert [(c.value, c.category) for c in claims] == expected


# --- categories: killed, wounded, captured or casualties ------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "value", "category", "rule"),
    [
        (
            "fr",
            "Au cours des dernières 24 heures, plus de 1 300 soldats russes ont été tués.",
            1300,
            "personnel_killed",
            "personnel_cue:after_noun",
        ),
        (
            "fr",
            "L'ennemi a perdu environ 800 militaires blessés depuis le début de l'invasion.",
            800,
            "personnel_wounded",
            "personnel_cue:after_noun",
        ),
        (
            "fr",
            "Jusqu'à 15 000 soldats ukrainiens ont été faits prisonniers en 2024.",
            15000,
            "personnel_captured",
            "personnel_cue:after_noun",
        ),
        ("fr", "Le bilan fait état de 200 morts parmi les soldats russes.", 200, "personnel_killed", "personnel_cue:noun"),
        (
            "en",
            "About 500 Ukrainian soldiers were captured near the town.",
            500,
            "personnel_captured",
            "personnel_cue:after_noun",
        ),
        (
            "en",
            "Between 1,000 and 1,200 Russian troops were wounded in the battle.",
            1000,
            "personnel_wounded",
            "personnel_cue:after_noun",
        ),
        ("en", "Russian losses reached 600,000 troops in 2024.", 600000, "personnel_casualties", "personnel_cue:nearest"),
        ("en", "Russia has deployed 50,000 troops near the border.", 50000, None, "personnel_cue:none"),
        # the word after the next figure is that figure's: 185 were wounded, the 64 are casualties
        ("en", "Kyiv lost 64 soldiers and 185 were wounded.", 185, "personnel_wounded", "personnel_cue:after_noun"),
        ("en", "Kyiv lost 64 soldiers and 185 were wounded.", 64, "personnel_casualties", "personnel_cue:nearest"),
        (
            "fr",
            "Les forces russes ont perdu 300 tués et 500 blessés dans la région.",
            300,
            "personnel_killed",
            "personnel_cue:noun",
        ),
    ],
)
def test_categories_personnel_category(lang: str, text: str, value: int, category: str | None, rule: str) -> None:
    article, figure, s_start, s_end = _figure(text, lang, value)
    assert figure.category == "personnel"
    assert categories.personnel_category(article, figure, s_start, s_end) == (category, rule)


# --- qualifiers: more than, about, up to, a range -------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "value", "qualifier", "value_max", "rule", "words"),
    [
        (
            "fr",
            "Au cours des dernières 24 heures, plus de 1 300 soldats russes ont été tués.",
            1300,
            "more_than",
            None,
            "words:more_than",
            "plus de ",
        ),
        ("fr", "L'ennemi a perdu environ 800 militaires blessés.", 800, "about", None, "words:about", "environ "),
        ("fr", "Jusqu'à 15 000 soldats ukrainiens ont été faits prisonniers.", 15000, "up_to", None, "words:up_to", "Jusqu'à "),
        ("fr", "Entre 300 et 400 véhicules blindés ukrainiens ont été détruits.", 300, "range", 400, "range", ""),
        (
            "en",
            "More than 2,000 Russian soldiers were killed in the past week.",
            2000,
            "more_than",
            None,
            "words:more_than",
            "More than ",
        ),
        ("en", "About 500 Ukrainian soldiers were captured near the town.", 500, "about", None, "words:about", "About "),
        ("en", "The enemy lost up to 300 tanks this year.", 300, "up_to", None, "words:up_to", "up to "),
        ("en", "Between 1,000 and 1,200 Russian troops were wounded.", 1000, "range", 1200, "range", ""),
        ("en", "Russia has lost 9,500 tanks since the start of the invasion.", 9500, "exact", None, "no_qualifier_word", ""),
    ],
)
def test_qualifiers_read_qualifier(
    lang: str, text: str, value: int, qualifier: str, value_max: int | None, rule: str, words: str
) -> None:
    article, figure, s_start, _ = _figure(text, lang, value)
    found, high, start, found_rule = qualifiers.read_qualifier(article, figure.number, s_start)
    assert (found, high, found_rule) == (qualifier, value_max, rule)
    assert article.text[start : figure.number.start] == words


# --- scoping: scope and period --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "value", "scope", "period", "rule", "cue"),
    [
        (
            "fr",
            "Au cours des dernières 24 heures, plus de 1 300 soldats russes ont été tués.",
            1300,
            "period",
            "day",
            "cue:day",
            "Au cours des dernières 24 heures",
        ),
        (
            "fr",
            "Les troupes russes ont perdu 120 chars la semaine dernière.",
            120,
            "period",
            "week",
            "cue:week",
            "la semaine dernière",
        ),
        (
            "fr",
            "Jusqu'à 15 000 soldats ukrainiens ont été faits prisonniers en 2024.",
            15000,
            "period",
            "year",
            "date:year",
            "en 2024",
        ),
        (
            "fr",
            "L'ennemi a perdu environ 800 militaires blessés depuis le début de l'invasion.",
            800,
            "cumulative",
            None,
            "cue:cumulative",
            "depuis le début de l'invasion",
        ),
        (
            "en",
            "More than 2,000 Russian soldiers were killed in the past week.",
            2000,
            "period",
            "week",
            "cue:week",
            "in the past week",
        ),
        ("en", "The enemy lost up to 300 tanks this year.", 300, "period", "year", "cue:year", "this year"),
        (
            "en",
            "Russia has lost 9,500 tanks since the start of the full-scale invasion.",
            9500,
            "cumulative",
            None,
            "cue:cumulative",
            "since the start of the full-scale invasion",
        ),
        (
            "en",
            "Between 1,000 and 1,200 Russian troops were wounded in the battle.",
            1000,
            "event",
            None,
            "cue:event",
            "the battle",
        ),
        ("en", "About 500 Ukrainian soldiers were captured near the town.", 500, "event", None, "size_below_threshold", None),
    ],
)
def test_scoping_read_scope(lang: str, text: str, value: int, scope: str, period: str | None, rule: str, cue: str | None) -> None:
    article, figure, s_start, s_end = _figure(text, lang, value)
    found = scoping.read_scope(article, figure, figure.category, s_start, s_end, figure.noun_end)
    assert found[:3] == (scope, period, rule)
    assert _span(article, found[3]) == cue


# --- dating: as_of --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "value", "as_of", "rule", "said"),
    [
        (
            "fr",
            "Entre 300 et 400 véhicules blindés ukrainiens ont été détruits le 3 février.",
            300,
            "2025-02-03",
            "date:explicit",
            "le 3 février",
        ),
        ("fr", "L'armée russe a abattu 12 drones ukrainiens hier.", 12, "2025-03-09", "date:relative_day", "hier"),
        ("fr", "Kiev affirme avoir détruit 14 chars russes en mars.", 14, "2025-03", "date:month", "en mars"),
        (
            "fr",
            "Jusqu'à 15 000 soldats ukrainiens ont été faits prisonniers en 2024.",
            15000,
            "2024-12",
            "date:year_december",
            "en 2024",
        ),
        ("en", "Russia launched 70 missiles at Ukrainian cities on Sunday.", 70, "2025-03-09", "date:weekday", "on Sunday"),
        ("en", "The Russian army shot down 40 Ukrainian drones on Friday.", 40, "2025-03-07", "date:weekday", "on Friday"),
        ("en", "Ukrainian forces shot down 25 Russian drones overnight.", 25, "2025-03-09", "date:relative_day", "overnight"),
        ("en", "About 500 Ukrainian soldiers were captured near the town.", 500, DATE, "document_date", None),
    ],
)
def test_dating_read_as_of(lang: str, text: str, value: int, as_of: str, rule: str, said: str | None) -> None:
    article, figure, s_start, s_end = _figure(text, lang, value)
    _, _, scope_rule, scope_span = scoping.read_scope(article, figure, figure.category, s_start, s_end, figure.noun_end)
    found, found_rule, span = dating.read_as_of(article, figure, s_start, s_end, scope_rule, scope_span)
    assert (found, found_rule) == (as_of, rule)
    assert _span(article, span) == said


# --- sides: whose losses --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "value", "side", "rule", "words"),
    [
        ("fr", "Les troupes russes ont perdu 120 chars la semaine dernière.", 120, "russia", "owner", "russes"),
        ("fr", "Plus de 1 300 soldats russes ont été tués.", 1300, "russia", "noun_adjective", "russes"),
        ("fr", "L'ennemi a perdu environ 800 militaires blessés.", 800, "enemy", "owner", "L'ennemi"),
        ("fr", "Moscou a perdu 1 200 de ses soldats en une semaine.", 1200, "russia", "owner", "de ses"),
        ("en", "About 500 Ukrainian soldiers were captured near the town.", 500, "ukraine", "noun_adjective", "Ukrainian"),
        ("en", "The enemy lost up to 300 tanks this year.", 300, "enemy", "owner", "The enemy"),
        ("en", "Russia has lost 9,500 tanks since the start of the invasion.", 9500, "russia", "owner", "Russia"),
        ("en", "Russia lost 1,500 of its soldiers in the battle for the town.", 1500, "russia", "owner", "of its"),
        ("en", "Russia has deployed 50,000 troops near the border.", 50000, None, None, None),
    ],
)
def test_sides_read_side(lang: str, text: str, value: int, side: str | None, rule: str | None, words: str | None) -> None:
    article, figure, s_start, s_end = _figure(text, lang, value)
    assert sides.read_side(article, figure, s_start, s_end) == side
    assert figure.side_rule == rule
    assert _span(article, figure.side_span) == words


# --- sources: the source a sentence names ---------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "source", "how", "rule", "words"),
    [
        (
            "fr",
            "Selon l'armée ukrainienne, les troupes russes ont perdu 120 chars.",
            "ukraine_general_staff",
            "explicit",
            "preposition",
            "Selon l'armée ukrainienne",
        ),
        (
            "fr",
            "Jusqu'à 15 000 soldats ukrainiens ont été faits prisonniers, selon Moscou.",
            "russia_other",
            "explicit",
            "preposition",
            "selon Moscou",
        ),
        (
            "fr",
            "Moscou a perdu 1 200 de ses soldats en une semaine, a reconnu le Kremlin.",
            "russia_other",
            "explicit",
            "inverted_subject",
            "Kremlin",
        ),
        (
            "fr",
            "L'armée russe a abattu 12 drones ukrainiens hier.",
            "russia_mod",
            "explicit",
            "actor_of_destroying",
            "L'armée russe",
        ),
        (
            "en",
            "More than 2,000 Russian soldiers were killed, according to Kyiv.",
            "ukraine_other",
            "explicit",
            "preposition",
            "according to Kyiv",
        ),
        (
            "en",
            "Russia has lost 9,500 tanks since the invasion began, the General Staff says.",
            "ukraine_general_staff",
            "explicit",
            "verb_subject",
            "General Staff",
        ),
        (
            "en",
            "Russian losses reached 600,000 troops in 2024, British intelligence said.",
            "uk_mod",
            "explicit",
            "verb_subject",
            "British intelligence",
        ),
        (
            "en",
            "Ukraine loses 1,250 troops in a day: Russian MoD",
            "russia_mod",
            "headline",
            "headline_tail_or_prefix",
            "Russian MoD",
        ),
        (
            "en",
            "Russian Defence Ministry: 45 Ukrainian drones destroyed over the region",
            "russia_mod",
            "headline",
            "headline_tail_or_prefix",
            "Russian Defence Ministry",
        ),
    ],
)
def test_sources_sentence_attribution(lang: str, text: str, source: str, how: str, rule: str, words: str) -> None:
    article = _article(text, lang)
    attribution = sources.sentence_attribution(article, 0)
    assert attribution is not None
    assert (attribution.source, attribution.how, attribution.rule) == (source, how, rule)
    assert _span(article, (attribution.start, attribution.end)) == words


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Plus de 1 150 soldats russes sont morts ces dernières 24 heures."),
        ("en", "Russia has deployed 50,000 troops near the border."),
    ],
)
def test_sources_sentence_names_no_source(lang: str, text: str) -> None:
    assert sources.sentence_attribution(_article(text, lang), 0) is None


# --- the helper stays the pipeline's: alone, the components decide as `explain_claims` does --


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Selon l'armée ukrainienne, plus de 1 150 soldats russes sont morts ces dernières 24 heures."),
        ("en", "Russia has lost up to 9,500 tanks since the start of the invasion, the General Staff says."),
    ],
)
def test_components_alone_decide_as_the_pipeline(lang: str, text: str) -> None:
    [claim] = explain_claims(bilan.read_text(text, "component", lang=lang, date=DATE)).claims
    article, figure, s_start, s_end = _figure(text, lang, claim.value)
    qualifier = qualifiers.read_qualifier(article, figure.number, s_start)
    scope = scoping.read_scope(article, figure, claim.category, s_start, s_end, claim.end)
    as_of = dating.read_as_of(article, figure, s_start, s_end, scope[2], scope[3])
    side = sides.read_side(article, figure, s_start, s_end)
    assert (claim.qualifier, claim.reason("qualifier").rule) == (qualifier[0], qualifier[3])
    assert (claim.scope, claim.period, claim.reason("scope").rule) == scope[:3]
    assert (claim.as_of, claim.reason("as_of").rule) == as_of[:2]
    assert (claim.side, claim.reason("side").rule) == (side, f"said:{figure.side_rule}")


# --- the article's glued sentence ends, found from their stops --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Les pertes.Selon Kiev,les chiffres!Puis?Rien a.b.c fin",
        "x.y",
        "Fin. Début 3.5 km, U.S.A. et é.À ok!2 a_.b",
    ],
)
def test_glued_ends_are_every_match_of_the_glued_sentence_end(text: str) -> None:
    """`Article.glued_ends` finds from each stop what a search of scoping.GLUED_SENTENCE_END from
    every position finds, overlapping ends included ("a.b.c")."""
    article = _article(text, "fr")
    expected = sorted({m.start() for i in range(len(text)) if (m := scoping.GLUED_SENTENCE_END.search(text, i))})
    assert article.glued_ends == expected


def test_headline_tail_before_is_its_pattern() -> None:
    """sources._headline_tail_before reads HEADLINE_TAIL_BEFORE from the end of the span: the
    same answer as the pattern's search, on every short string of its characters."""
    import itertools

    alphabet = " \n\u00a0\u2003:—–-a."
    for size in range(6):
        for chars in itertools.product(alphabet, repeat=size):
            text = "".join(chars)
            for start, end in ((0, len(text)), (1, len(text)), (0, max(0, len(text) - 1))):
                expected = bool(sources.HEADLINE_TAIL_BEFORE.search(text, start, end))
                assert sources._headline_tail_before(text, start, end) == expected, (text, start, end)
