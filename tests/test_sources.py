"""Who says so and whose losses, read as discourse (issue 10, item 2): sentences written for these tests."""

from __future__ import annotations

import pytest

import bilan
from bilan.claims import extract_claims


def sourced(text: str, lang: str) -> list[tuple[int, str, str]]:
    claims = extract_claims(bilan.read_text(text, "t", lang=lang, date="2024-05-14"))
    return [(c.value, c.source, c.side) for c in claims]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a bare "the army" is the army of the side that did not lose what it counts
        ("fr", "L'armée affirme avoir abattu 31 drones russes dans la nuit.", [(31, "ukraine_general_staff", "russia")]),
        (
            "en",
            "The army claims its troops killed 420 Russian soldiers near Bakhmut.",
            [(420, "ukraine_general_staff", "russia")],
        ),
        ("fr", "L'armée russe affirme avoir détruit 12 chars ukrainiens.", [(12, "russia_mod", "ukraine")]),
    ],
)
def test_the_army_says(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a pronoun is the source the sentence before names, with or without a verb of saying
        (
            "fr",
            "Le ministère russe de la Défense parle d'une retraite ordonnée. Il affirme avoir tué 900 soldats ukrainiens.",
            [(900, "russia_mod", "ukraine")],
        ),
        (
            "fr",
            "La référence reste le travail d'Oryx, un groupe de bénévoles. Selon lui, l'Ukraine a perdu au moins 20 chars depuis juin.",
            [(20, "oryx", "ukraine")],
        ),
        (
            "fr",
            "Le ministère russe de la Défense a publié un nouveau bilan dimanche. Il affirme avoir tué 900 soldats ukrainiens.",
            [(900, "russia_mod", "ukraine")],
        ),
        # subjects far from their verb, past a relative clause
        (
            "fr",
            "Le site néerlandais Oryx, qui ne compte que les pertes documentées par des photos, a recensé 3 000 chars russes détruits.",
            [(3000, "oryx", "russia")],
        ),
        (
            "en",
            "The Russian Defence Ministry, which rarely comments on its own losses, said 1,200 Ukrainian soldiers were killed.",
            [(1200, "russia_mod", "ukraine")],
        ),
        (
            "fr",
            "Le média indépendant Mediazona, qui travaille avec la BBC, a établi l'identité de 90 000 militaires russes morts.",
            [(90000, "media_estimate", "russia")],
        ),
    ],
)
def test_pronouns_and_distant_subjects(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # headline prefixes name their source
        ("fr", "État-major : 1 100 soldats russes tués en 24 heures", [(1100, "ukraine_general_staff", "russia")]),
        ("fr", "Ministère russe de la Défense : 600 militaires ukrainiens éliminés", [(600, "russia_mod", "ukraine")]),
        ("en", "Zelensky: 31,000 Ukrainian soldiers killed since the invasion", [(31000, "ukraine_other", "ukraine")]),
        # media and think tanks
        (
            "en",
            "The Economist estimates that between 900,000 and 1.3 million Russian soldiers have been killed or wounded.",
            [(900000, "media_estimate", "russia")],
        ),
        ("fr", "Selon l'ISW, les forces russes ont perdu 400 chars près d'Avdiivka.", [(400, "other", "russia")]),
        ("en", "CSIS estimates Russia has suffered 950,000 casualties.", [(950000, "other", "russia")]),
        ("fr", "Mediazona a identifié 120 000 soldats russes tués.", [(120000, "media_estimate", "russia")]),
        # the outlet's own arithmetic
        ("en", "That works out at roughly 1,150 Russian casualties a day.", [(1150, "media_estimate", "russia")]),
        ("en", "By our count, Russia lost 40 tanks last week.", [(40, "media_estimate", "russia")]),
    ],
)
def test_named_sources(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # the Russian ministry's "enemy" is Ukraine; Kyiv's is Russia
        (
            "fr",
            "Le ministère russe de la Défense a affirmé que l'ennemi avait perdu 450 militaires en 24 heures.",
            [(450, "russia_mod", "ukraine")],
        ),
        (
            "en",
            "Russia's defence ministry said the enemy lost up to 300 servicemen in the Kupiansk direction.",
            [(300, "russia_mod", "ukraine")],
        ),
        ("en", "Ukraine's General Staff said the enemy lost 1,200 troops.", [(1200, "ukraine_general_staff", "russia")]),
        ("fr", "Selon Moscou, les pertes ukrainiennes s'élèvent à 500 hommes.", [(500, "russia_other", "ukraine")]),
        # Kyiv giving its own dead
        ("en", "Zelensky said 46,000 Ukrainian soldiers had been killed.", [(46000, "ukraine_other", "ukraine")]),
        ("en", "Kyiv admitted that 31,000 of its troops have died.", [(31000, "ukraine_other", "ukraine")]),
        ("fr", "Le président ukrainien a reconnu la mort de 43 000 militaires.", [(43000, "ukraine_other", "ukraine")]),
        # Oryx counts either side
        ("fr", "Oryx a recensé la perte de 700 chars ukrainiens.", [(700, "oryx", "ukraine")]),
        ("en", "Oryx has documented 1,200 Ukrainian armoured vehicles lost.", [(1200, "oryx", "ukraine")]),
        ("en", "According to Oryx, Ukraine has lost 150 tanks.", [(150, "oryx", "ukraine")]),
        # both sides together
        (
            "en",
            "Some 500,000 soldiers on both sides have been killed or wounded, US officials said.",
            [(500000, "us_officials", "other")],
        ),
    ],
)
def test_whose_losses(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


def test_a_headline_naming_no_source_stays_unattributed() -> None:
    text = "Russia has lost 600,000 soldiers in Ukraine\n\nThe war has cost Moscow dearly, Britain's defence intelligence said on Monday."
    assert sourced(text, "en") == [(600000, "unattributed", "russia")]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a sentence that names the source of the one before it
        (
            "en",
            "Russian troops lost 300 men near Robotyne in the past day.\n\nThis was reported by Ukraine's General Staff.",
            [(300, "ukraine_general_staff", "russia")],
        ),
        # "Ukraine's toll" is Ukraine's losses, not its count: the officials named before still speak
        (
            "en",
            "Ukraine's losses are hard to know, US officials say. Ukraine's toll is smaller. The same officials put Ukrainian casualties at some 300,000.",
            [(300000, "us_officials", "ukraine")],
        ),
        # an outlet's analysis of an institution's figures is the outlet's arithmetic
        (
            "en",
            "Over the past week, Russia lost 7,000 troops, according to a Newsweek analysis of the General Staff's reports.",
            [(7000, "media_estimate", "russia")],
        ),
        # the verb after an apposition and a filler ("pour sa part")
        (
            "fr",
            "Le site Oryx, qui ne retient que les pertes filmées, a pour sa part recensé au moins 80 blindés russes détruits.",
            [(80, "oryx", "russia")],
        ),
        (
            "en",
            "Separately, Operational Command South said its units had eliminated 45 Russian servicemen.",
            [(45, "ukraine_other", "russia")],
        ),
    ],
)
def test_discourse_carries_the_source(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # who built the drones is not who lost them: shot-down drones count against the side that launched them
        ("en", "Ukraine's air force said it downed 13 Iranian-made drones overnight.", [(13, "ukraine_other", "russia")]),
        ("fr", "L'armée de l'air ukrainienne a abattu 20 drones iraniens pendant la nuit.", [(20, "ukraine_other", "russia")]),
        # a sentence opening on a side gives the side of its figures
        ("fr", "Côté nord-coréen, le renseignement sud-coréen estime que 600 soldats ont été tués.", [(600, "other", "other")]),
        ("fr", "Côté ukrainien, environ 300 soldats ont été tués cette semaine.", [(300, "unattributed", "ukraine")]),
        (
            "en",
            "On the Ukrainian side, about 300 soldiers were killed this week, Ukrainian officials said.",
            [(300, "ukraine_other", "ukraine")],
        ),
    ],
)
def test_side_from_the_sentence(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


def test_an_introducing_sentence_carries_its_source_over_a_list_of_paragraphs() -> None:
    text = (
        "British intelligence said on Monday that Russia was losing 900 soldiers a day.\n\n"
        "Ukraine's defence ministry gave its own figures on Friday:\n\n"
        "- 1,080 Russian troops were killed over the past day;\n\n- 12 Russian tanks were destroyed."
    )
    assert sourced(text, "en") == [(900, "uk_mod", "russia"), (1080, "ukraine_mod", "russia"), (12, "ukraine_mod", "russia")]


def test_an_introducing_sentence_carries_its_source_over_a_quote_of_paragraphs() -> None:
    text = (
        "Selon Londres, la Russie perd 900 soldats par jour.\n\n"
        "Jeudi, un porte-parole du ministère russe de la Défense, Igor Konachenkov, a dit :\n\n"
        "« Au cours de la semaine, l'ennemi a perdu 1 600 militaires.\n\nNos unités ont également détruit 9 chars. »"
    )
    assert sourced(text, "fr") == [(900, "uk_mod", "russia"), (1600, "russia_mod", "ukraine"), (9, "russia_mod", "ukraine")]
    # a paragraph that opens on a figure after a full stop is no list item: no carry over
    text = (
        "Selon l'état-major ukrainien, la Russie a perdu 2 800 chars.\n\n"
        "100 000 morts et blessés\n\nLe général américain Mark Milley a estimé que 100 000 soldats russes avaient été tués ou blessés."
    )
    assert [c[1] for c in sourced(text, "fr")] == ["ukraine_general_staff", "unattributed", "us_officials"]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a country with the figure right after its verb has it; the preposition's source speaks
        (
            "fr",
            "Selon l'état-major ukrainien, la Russie compte quelque 1,1 million de soldats tués ou blessés.",
            [(1100000, "ukraine_general_staff", "russia")],
        ),
        # a participle after the figure is no deed of the sentence's army
        (
            "en",
            "A spokesman for the southern forces, Oleksii Petrenko, stated on Monday that Russian forces lost 420 personnel killed in the past day.",
            [(420, "unattributed", "russia")],
        ),
        (
            "fr",
            "Selon les services américains, les deux armées ont perdu au total plus de 10 000 chars.",
            [(10000, "us_officials", "other")],
        ),
    ],
)
def test_who_speaks_in_the_clause(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        (
            "en",
            "The independent Russian outlet Mediazona has verified 110,000 Russian military deaths.",
            [(110000, "media_estimate", "russia")],
        ),
        (
            "en",
            "The Economist's own model suggests 900,000 Russian soldiers have been killed or wounded.",
            [(900000, "media_estimate", "russia")],
        ),
        ("en", "That is an average of 1,000 Russian casualties a day.", [(1000, "media_estimate", "russia")]),
        ("en", "Ukraine's military intelligence estimates Russia has lost 40 aircraft.", [(40, "ukraine_other", "russia")]),
        # real reports' shapes that already hold
        (
            "fr",
            "D'après les chiffres publiés mardi par l'état-major ukrainien, 1 250 soldats russes ont été mis hors de combat en 24 heures.",
            [(1250, "ukraine_general_staff", "russia")],
        ),
        (
            "fr",
            "« Nous avons perdu 31 000 soldats », a reconnu Volodymyr Zelensky dimanche.",
            [(31000, "ukraine_other", "ukraine")],
        ),
        (
            "en",
            "US officials, speaking on condition of anonymity, said about 70,000 Ukrainian troops had been killed.",
            [(70000, "us_officials", "ukraine")],
        ),
        ("en", "Moscow admitted that 1,351 of its soldiers had been killed.", [(1351, "russia_other", "russia")]),
        ("fr", "Le ministère russe a reconnu la mort de 89 soldats dans la frappe.", [(89, "russia_mod", "russia")]),
        (
            "en",
            "Oryx has recorded the loss of 600 Ukrainian tanks and more than 3,000 Russian tanks.",
            [(600, "oryx", "ukraine"), (3000, "oryx", "russia")],
        ),
        (
            "en",
            "The enemy lost 300 men and two tanks, the Russian defence ministry said.",
            [(300, "russia_mod", "ukraine"), (2, "russia_mod", "ukraine")],
        ),
        ("en", "Combined, both armies have lost more than 10,000 tanks, Oryx says.", [(10000, "oryx", "other")]),
        ("en", "Oryx estimates the two armies have lost more than 12,000 tanks between them.", [(12000, "oryx", "other")]),
        ("fr", "Selon Oryx, les deux belligérants ont perdu plus de 12 000 chars.", [(12000, "oryx", "other")]),
        (
            "fr",
            "Une étude du New York Times estime que près de 1 000 000 de militaires ukrainiens et russes sont morts ou blessés.",
            [(1000000, "media_estimate", "other")],
        ),
        (
            "en",
            "Shoigu claimed that Ukraine had lost 17,000 troops. He added that 200 tanks had been destroyed.",
            [(17000, "russia_mod", "ukraine"), (200, "russia_mod", "ukraine")],
        ),
        ("fr", "Guerre en Ukraine : la Russie a perdu 500 000 soldats, selon Kiev", [(500000, "ukraine_other", "russia")]),
        ("en", "Ukraine war: Russia's losses pass 600,000 troops", [(600000, "unattributed", "russia")]),
    ],
)
def test_more_report_shapes(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


def test_a_pronoun_is_the_name_its_own_sentence_gave_before_it() -> None:
    text = (
        "Londres estime que la Russie perd 900 soldats par jour.\n\n"
        "Le seul décompte nominatif est celui du média indépendant Mediazona, mené avec la BBC : il recense plus de 60 000 militaires russes tués."
    )
    assert sourced(text, "fr") == [(900, "uk_mod", "russia"), (60000, "media_estimate", "russia")]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # the other side of a comparison: "against 800 for Ukraine", "contre 800 côté ukrainien"
        (
            "en",
            "Oryx has documented 3,050 Russian tanks lost, against 800 for Ukraine.",
            [(3050, "oryx", "russia"), (800, "oryx", "ukraine")],
        ),
        (
            "en",
            "Oryx has documented 3,050 Russian tanks lost, against 800 on the Ukrainian side.",
            [(3050, "oryx", "russia"), (800, "oryx", "ukraine")],
        ),
        (
            "fr",
            "Oryx a recensé 3 000 chars russes perdus, contre 800 pour l'Ukraine.",
            [(3000, "oryx", "russia"), (800, "oryx", "ukraine")],
        ),
        (
            "fr",
            "Oryx a recensé 3 000 chars russes perdus, contre 800 côté ukrainien.",
            [(3000, "oryx", "russia"), (800, "oryx", "ukraine")],
        ),
    ],
)
def test_side_of_the_other_term_of_a_comparison(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a country before a headline's colon is its topic, not its speaker
        (
            "fr",
            "Russie : 1 200 soldats tués en un jour, a indiqué dimanche sur Telegram le commandant en chef ukrainien Oleksandr Syrsky.",
            [(1200, "ukraine_general_staff", "russia")],
        ),
        # the name after "data from X showed" is what the data say, not who says it
        (
            "en",
            "Data from Ukraine's General Staff showed Russia lost 1,300 troops over the past day.",
            [(1300, "ukraine_general_staff", "russia")],
        ),
        (
            "en",
            "Russia's defence ministry, in a statement on Telegram, said 300 Ukrainian soldiers had been killed.",
            [(300, "russia_mod", "ukraine")],
        ),
        ("en", "Russian forces have destroyed 50 Ukrainian drones, the ministry said.", [(50, "russia_mod", "ukraine")]),
        (
            "fr",
            "Le groupement de forces Centre a éliminé 400 militaires ukrainiens, a précisé le ministère.",
            [(400, "russia_mod", "ukraine")],
        ),
        (
            "en",
            "Russia has suffered about 315,000 casualties, according to a declassified US intelligence assessment.",
            [(315000, "us_officials", "russia")],
        ),
        (
            "fr",
            "Au moins 60 000 soldats russes ont été tués, selon une estimation des services de renseignement occidentaux.",
            [(60000, "other", "russia")],
        ),
    ],
)
def test_headline_topics_and_data_phrases(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a capital before a headline's colon speaks for its government; a country there stays a topic
        ("en", "Kyiv: Russia lost 1,140 troops in a day", [(1140, "ukraine_other", "russia")]),
        ("fr", "Kiev : la Russie a perdu 1 140 soldats en une journée", [(1140, "ukraine_other", "russia")]),
        ("en", "Moscow: Ukraine lost 1,500 soldiers in the Kursk region", [(1500, "russia_other", "ukraine")]),
        ("en", "Ukraine: 1,100 Russian troops killed overnight", [(1100, "unattributed", "russia")]),
    ],
)
def test_a_capital_before_a_headline_colon_speaks(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # "we" lost the speaker's own; what "we" destroyed is the enemy's
        (
            "en",
            'Zelensky spoke to reporters on Sunday. "We have lost 31,000 soldiers," he said.',
            [(31000, "ukraine_other", "ukraine")],
        ),
        (
            "fr",
            "Volodymyr Zelensky s'est exprimé dimanche. « Nous avons perdu 31 000 soldats », a-t-il déclaré.",
            [(31000, "ukraine_other", "ukraine")],
        ),
        (
            "en",
            '"We destroyed 50 tanks in the last week alone," said Oleksandr Syrskyi, the commander of Ukraine\'s armed forces.',
            [(50, "ukraine_general_staff", "russia")],
        ),
        (
            "fr",
            "« Nos troupes ont détruit 40 chars cette semaine », a affirmé le ministre russe de la Défense.",
            [(40, "russia_mod", "ukraine")],
        ),
        ("en", '"Our air defence shot down 25 drones overnight," Ukraine\'s air force said.', [(25, "ukraine_other", "russia")]),
    ],
)
def test_first_person_speakers(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a verb of saying in the passive: its subject is what is said; its agent, when named, speaks
        ("en", "Russia is said to have lost nearly 8,000 troops since the start of the war.", [(8000, "unattributed", "russia")]),
        ("en", "Russian casualties are estimated by British intelligence at 450,000.", [(450000, "uk_mod", "russia")]),
        (
            "en",
            "The figures, confirmed by the General Staff, show Russia lost 1,140 troops over the past day.",
            [(1140, "ukraine_general_staff", "russia")],
        ),
        (
            "fr",
            "Les pertes russes sont estimées à 500 000 hommes par le renseignement britannique.",
            [(500000, "uk_mod", "russia")],
        ),
        # a participle before "by" is no verb of the apposition's name
        (
            "en",
            "Oryx, a Dutch open-source intelligence group that counts only losses confirmed by photographs, has documented "
            "3,000 destroyed Russian tanks.",
            [(3000, "oryx", "russia")],
        ),
        # the UK and Ukraine's defence minister by their plain names
        ("en", "The UK said Russia had suffered about 450,000 casualties.", [(450000, "uk_mod", "russia")]),
        (
            "en",
            "Russia's defence ministry says little. In March the UK defence ministry said Russia had about 400,000 dead "
            "or wounded.",
            [(400000, "uk_mod", "russia")],
        ),
        ("en", "Ukraine's defence minister said 500 Russian soldiers were killed.", [(500, "ukraine_mod", "russia")]),
    ],
)
def test_passive_verbs_of_saying(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a paragraph that names no source, then carries one over by naming the report, speaks with it from its start
        (
            "fr",
            "Selon le ministère russe de la Défense, 300 militaires russes ont été tués.\n\n"
            "Côté ukrainien, les pertes atteignent 1 900 tués. Selon les données du même jour, 400 soldats ukrainiens ont été "
            "capturés, précise le communiqué.",
            [(300, "russia_mod", "russia"), (1900, "russia_mod", "ukraine"), (400, "russia_mod", "ukraine")],
        ),
        (
            "en",
            "Russia's defence ministry said 300 of its soldiers had been killed.\n\n"
            "Ukraine's losses were put at 1,900 killed. Another 400 Ukrainian troops were captured, the statement said.",
            [(300, "russia_mod", "russia"), (1900, "russia_mod", "ukraine"), (400, "russia_mod", "ukraine")],
        ),
    ],
)
def test_a_report_named_later_in_a_paragraph_speaks_for_it(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # names of real reports' speakers
        (
            "fr",
            "D'après des estimations citées par le président russe, l'Ukraine a perdu 70 000 soldats.",
            [(70000, "russia_other", "ukraine")],
        ),
        (
            "fr",
            "Les agences de renseignement occidentales estiment que la Russie a perdu 100 000 hommes.",
            [(100000, "other", "russia")],
        ),
        ("fr", "Les médias estiment qu'environ 20 000 soldats russes sont morts.", [(20000, "media_estimate", "russia")]),
        (
            "fr",
            "Les défenses aériennes russes ont abattu 12 drones ukrainiens au-dessus de Koursk.",
            [(12, "russia_mod", "ukraine")],
        ),
        (
            "fr",
            "NYT : une étude estime que 500 000 soldats russes ont été tués ou blessés.",
            [(500000, "media_estimate", "russia")],
        ),
        # an institution named by its kind where it sits: that country's
        (
            "fr",
            "Le ministère de la défense à Moscou reconnaît que 4 000 de ses soldats sont morts.",
            [(4000, "russia_mod", "russia")],
        ),
        ("en", "The defence ministry in Kyiv said 500 Russian soldiers were killed.", [(500, "ukraine_mod", "russia")]),
        # a verb of saying after a determiner or a possessive is its noun; a participle after a possessive still reports
        (
            "en",
            "Ukraine's Defence Ministry, relaying the General Staff's morning report, put total Russian losses at 400,000.",
            [(400000, "ukraine_mod", "russia")],
        ),
        (
            "en",
            "That is about twice the monthly average of 17,000 Russian casualties NATO reported.",
            [(17000, "other", "russia")],
        ),
        (
            "fr",
            "L'année 2023 fut la plus meurtrière pour l'armée russe, avec 36 000 soldats tués, un chiffre deux fois plus élevé.",
            [(36000, "unattributed", "russia")],
        ),
        # a sentence naming the previous one's source ("Cette information a été communiquée par"), then "selon leurs données"
        (
            "fr",
            "Les forces russes affirment avoir abattu 30 drones ukrainiens dans la nuit. Le ministère russe de la Défense a "
            "communiqué cette information. D'après leurs données, 12 drones ont été abattus au-dessus de Briansk.",
            [(30, "russia_mod", "ukraine"), (12, "russia_mod", "ukraine")],
        ),
    ],
)
def test_speakers_of_real_reports(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # "This includes", "ce chiffre comprend": the figure before and its source go on
        (
            "en",
            "Oryx has counted 3,000 Russian tanks lost.\n\nRussia has lost 500,000 troops, Ukraine's General Staff said on Tuesday.\n\n"
            "This includes 1,100 casualties over the past 24 hours.",
            [(3000, "oryx", "russia"), (500000, "ukraine_general_staff", "russia"), (1100, "ukraine_general_staff", "russia")],
        ),
        (
            "fr",
            "Oryx recense 3 000 chars russes perdus.\n\nLa Russie a perdu 500 000 soldats, selon l'état-major ukrainien.\n\n"
            "Ce chiffre comprend 1 100 soldats tués ou blessés au cours des dernières 24 heures.",
            [(3000, "oryx", "russia"), (500000, "ukraine_general_staff", "russia"), (1100, "ukraine_general_staff", "russia")],
        ),
        # a sentence naming the one before's speaker, however far its name; commanders of army groupings are the army's
        (
            "en",
            "Ukrainian defenders destroyed 15 Russian tanks in the south. This was announced on Telegram by Oleksandr "
            "Tarnavskyi, who leads the Tavria group.",
            [(15, "ukraine_general_staff", "russia")],
        ),
        (
            "en",
            "Governments and experts in the West largely agree that over 250,000 Russian troops have been killed or wounded.",
            [(250000, "other", "russia")],
        ),
        ("en", "The head of Wagner says his forces lost more than 20,000 men in Bakhmut.", [(20000, "russia_other", "russia")]),
        (
            "en",
            "According to Polish Foreign Minister Radoslaw Sikorski, Russia has lost nearly 4,000 tanks.",
            [(4000, "other", "russia")],
        ),
        (
            "fr",
            "Selon le ministre polonais des Affaires étrangères, la Russie a perdu près de 4 000 chars.",
            [(4000, "other", "russia")],
        ),
        (
            "fr",
            "D'après des sources américaines citées par le New York Times, 120 000 soldats russes auraient été tués.",
            [(120000, "us_officials", "russia")],
        ),
        (
            "fr",
            "Les forces de Kiev disent avoir détruit 14 chars russes près de Tchassiv Iar.",
            [(14, "ukraine_general_staff", "russia")],
        ),
    ],
)
def test_carried_and_named_speakers_of_real_reports(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a sentence naming no side goes on with the side its paragraph just said, not with the source's habit
        (
            "fr",
            "Selon le ministère russe de la Défense, 71 soldats russes sont morts au combat. 210 militaires ont été blessés.",
            [(71, "russia_mod", "russia"), (210, "russia_mod", "russia")],
        ),
        (
            "en",
            "Russia's defence ministry said 71 Russian soldiers had been killed in the fighting. Another 210 servicemen were "
            "wounded, it said.",
            [(71, "russia_mod", "russia"), (210, "russia_mod", "russia")],
        ),
        # in a new paragraph the source's habit holds
        (
            "en",
            "Russia's defence ministry said 71 Russian soldiers had been killed in the fighting.\n\nThe ministry said 300 "
            "servicemen were killed near Bakhmut.",
            [(71, "russia_mod", "russia"), (300, "russia_mod", "ukraine")],
        ),
    ],
)
def test_a_side_said_goes_on_in_its_paragraph(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a report named with its author is the author's word
        (
            "en",
            "In the latest report by the General Staff of the Armed Forces of Ukraine on Monday, it is stated that Russia lost 980 troops in the past day.",
            [(980, "ukraine_general_staff", "russia")],
        ),
        (
            "fr",
            "Dans un communiqué de l'état-major ukrainien, il est précisé que la Russie a perdu 980 soldats en 24 heures.",
            [(980, "ukraine_general_staff", "russia")],
        ),
    ],
)
def test_a_report_of_its_author(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


def test_a_relay_of_the_report_does_not_become_its_speaker() -> None:
    text = (
        "In a report by the General Staff of the Armed Forces of Ukraine on Monday, it is stated that Russia lost 980 troops in the past day. "
        "This information was shared via the Ukrainian defence ministry's Telegram channel.\n"
        "The report also said that Russia lost seven tanks over the same day."
    )
    assert sourced(text, "en") == [(980, "ukraine_general_staff", "russia"), (7, "ukraine_general_staff", "russia")]


def test_the_first_source_speaks_until_a_second_is_named() -> None:
    text = (
        "La Russie subit de lourdes pertes\n"
        "Selon l'état-major ukrainien, qui publie un bilan chaque matin, les journées se suivent et se ressemblent.\n"
        "Le 3 mars, la Russie a perdu 1 210 soldats.\n"
        "Le même jour, l'armée ukrainienne a perdu 400 soldats, selon le ministère russe de la Défense.\n"
        "Le 4 mars, la Russie a perdu 1 150 soldats."
    )
    assert sourced(text, "fr") == [
        (1210, "ukraine_general_staff", "russia"),
        (400, "russia_mod", "ukraine"),
        (1150, "unattributed", "russia"),
    ]
    # a heading names no source: see test_an_introducing_sentence_carries_its_source_over_a_quote_of_paragraphs


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # the subject of a sentence whose colon introduces the figures speaks for them
        (
            "fr",
            "Volodymyr Zelensky a pour la première fois donné un bilan : 31 000 militaires ukrainiens ont été tués.",
            [(31000, "ukraine_other", "ukraine")],
        ),
        (
            "en",
            "The UK defence ministry updated its estimate on Friday: 450,000 Russian troops killed or wounded.",
            [(450000, "uk_mod", "russia")],
        ),
        # a short topic before a colon is no subject
        ("fr", "Guerre en Ukraine : 500 000 soldats russes tués ou blessés", [(500000, "unattributed", "russia")]),
    ],
)
def test_a_subject_introducing_its_figures_after_a_colon(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # outlets named as sources are media; agencies relay the speaker named beside them
        (
            "en",
            "Twelve Russian tanks were destroyed by Ukrainian artillery, according to Ukrainska Pravda.",
            [(12, "media_estimate", "russia")],
        ),
        (
            "en",
            "Shoigu said Ukraine had lost 500 soldiers in the attack, according to Reuters.",
            [(500, "russia_mod", "ukraine")],
        ),
        ("fr", "Selon l'AFP, 300 soldats russes ont été tués près de Bakhmout.", [(300, "media_estimate", "russia")]),
    ],
)
def test_outlets_and_agencies(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # drones and missiles downed count against who launched them; air forces by their plural name
        ("en", "Ukraine downs all 25 Russia-launched drones in night raid, air force says", [(25, "ukraine_other", "russia")]),
        (
            "en",
            '"Air defence destroyed 20 Shahed drones," Ukraine\'s Air Forces said on Telegram.',
            [(20, "ukraine_other", "russia")],
        ),
        (
            "fr",
            "Dans la nuit, 24 drones russes ont été abattus. Ceci est rapporté par les forces aériennes ukrainiennes.",
            [(24, "ukraine_other", "russia")],
        ),
    ],
)
def test_air_forces_and_launched_drones(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


def test_an_air_defence_that_manages_to_down_drones_lost_none() -> None:
    # "a réussi à abattre": the infinitive is the deed of destroying; the air defence's fight is no one battle
    text = "Au terme de la bataille antiaérienne, la défense ukrainienne a réussi à abattre 24 drones, selon l'armée de l'air."
    claims = extract_claims(bilan.read_text(text, "t", lang="fr", date="2024-05-22"))
    assert [(c.value, c.side) for c in claims] == [(24, "russia")]
    assert claims[0].reason("scope").rule != "cue:event"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a capital in capitals before a colon is a dateline, not Moscow speaking
        (
            "en",
            "Quiet week on the front.\n\nMOSCOW: Russia's army on Monday said that 17 Ukrainian tanks had been destroyed.",
            [(17, "ukraine", "russia_mod")],
        ),
        # a Russian group of forces by its name speaks for the Russian MoD
        (
            "en",
            "A spokesman for Russia's Zapad group said 9 Ukrainian tanks were destroyed near Kupiansk.",
            [(9, "ukraine", "russia_mod")],
        ),
    ],
)
def test_datelines_and_russian_groups_of_forces(lang: str, text: str, expected: list) -> None:
    assert [(v, side, source) for v, source, side in sourced(text, lang)] == expected


def test_a_source_line_names_the_speaker_of_the_lead() -> None:
    # "Source: ..." after a lead that names no one (the layout of some Ukrainian outlets) names its speaker
    text = (
        "Russian troops lost 2,400 soldiers near Toretsk in May.\n\n"
        "Source: Petro Ivanenko, spokesperson for the Luhansk Operational-Strategic Group, on television\n\n"
        "He added that the fighting went on."
    )
    assert sourced(text, "en") == [(2400, "ukraine_general_staff", "russia")]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # "the reported losses" go on with the source that reported them, a paragraph before
        (
            "en",
            "Oryx lists 900 tanks lost.\n\nSince August, Russia lost 3,000 soldiers, according to Ukraine's General Staff. "
            "The raid goes on.\n\nThe reported losses include 104 tanks.",
            [(900, "oryx", "russia"), (3000, "ukraine_general_staff", "russia"), (104, "ukraine_general_staff", "russia")],
        ),
        (
            "fr",
            "Oryx recense 900 chars perdus.\n\nDepuis août, la Russie a perdu 3 000 soldats, selon l'état-major ukrainien. "
            "Le raid continue.\n\nLes pertes annoncées comprennent 104 chars.",
            [(900, "oryx", "russia"), (3000, "ukraine_general_staff", "russia"), (104, "ukraine_general_staff", "russia")],
        ),
    ],
)
def test_the_reported_losses_carry_their_source(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a reminder block restates totals in the outlet's voice: the article's one source does not carry into it
        (
            "en",
            "Ukraine's General Staff said 12 Russian tanks were destroyed near Huliaipole.\n\n"
            "A reminder that, since February 24, Russia's losses reached about 40,000 troops.",
            [(12, "ukraine_general_staff", "russia"), (40000, "unattributed", "russia")],
        ),
        (
            "fr",
            "L'état-major ukrainien a annoncé la destruction de 12 chars russes près de Houliaïpole.\n\n"
            "Pour rappel, depuis le 24 février, les pertes russes ont atteint environ 40 000 soldats.",
            [(12, "ukraine_general_staff", "russia"), (40000, "unattributed", "russia")],
        ),
    ],
)
def test_a_reminder_is_in_the_outlets_voice(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


def test_the_statement_was_made_by_names_the_sentence_before() -> None:
    text = (
        "Near Orikhiv, Ukrainian units have destroyed an enemy tank.\n\n"
        "The relevant statement was made by the Armed Forces of Ukraine on Telegram."
    )
    assert sourced(text, "en") == [(1, "ukraine_general_staff", "russia")]


def test_forces_of_a_side_that_destroyed_are_not_the_loser() -> None:
    # "of Ukraine" owns the unit that destroyed, not the tank
    text = "A unit of the Armed Forces of Ukraine, also destroyed a tank near Tokmak, the General Staff said."
    assert sourced(text, "en") == [(1, "ukraine_general_staff", "russia")]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # an American under secretary speaks for the US; "certaines estimations" is the press's vague voice
        (
            "fr",
            "Depuis mars, environ 60 000 soldats russes ont été tués ou blessés, selon le sous-secrétaire américain à la Défense.",
            [(60000, "us_officials", "russia")],
        ),
        (
            "en",
            "Some 60,000 Russian soldiers have been killed or wounded since March, a U.S. under secretary of defense said.",
            [(60000, "us_officials", "russia")],
        ),
        (
            "fr",
            "Selon certaines estimations, la Russie aurait perdu 9 000 hommes dans la bataille.",
            [(9000, "media_estimate", "russia")],
        ),
        ("en", "By some estimates, Russia has lost 9,000 men in the battle.", [(9000, "media_estimate", "russia")]),
        # the mayor of Moscow reports drones downed over his city
        (
            "en",
            "Air defences shot down 12 Ukrainian drones heading for the capital, Mayor Sergei Sobyanin said.",
            [(12, "russia_other", "ukraine")],
        ),
    ],
)
def test_officials_and_vague_estimates(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a subject reporting "this" speaks for the sentence before; "said this week" is a time, not a back reference
        (
            "en",
            "Overnight, 24 Russian drones were shot down over Kharkiv.\n\nThe Ukrainian Air Force reported this via Telegram.",
            [(24, "ukraine_other", "russia")],
        ),
        (
            "fr",
            "Dans la nuit, 24 drones russes ont été abattus au-dessus de Kharkiv.\n\nL'armée de l'air ukrainienne l'a annoncé sur Telegram.",
            [(24, "ukraine_other", "russia")],
        ),
        (
            "en",
            "Overnight, 24 Russian drones were shot down over Kharkiv.\n\nThe Ukrainian Air Force said this week it would publish more.",
            [(24, "unattributed", "russia")],
        ),
    ],
)
def test_a_subject_reporting_this_names_the_sentence_before(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


def test_the_total_estimated_losses_is_no_verb_of_saying() -> None:
    text = (
        "Ukraine's General Staff reported that Russia lost 900 soldiers in a day. "
        "This brings the total estimated losses for Russian forces to about 600,000 personnel."
    )
    assert sourced(text, "en") == [(900, "ukraine_general_staff", "russia"), (600000, "ukraine_general_staff", "russia")]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # the verbs of a quotation opened by a colon belong to what is said, not a name inside it
        (
            "fr",
            "Le magazine Forbes a recensé 40 chars ukrainiens perdus. Il a ajouté : « Le bilan détaille l'échec de "
            "l'Ukraine, avec 120 blindés ukrainiens détruits. »",
            [(40, "media_estimate", "ukraine"), (120, "media_estimate", "ukraine")],
        ),
        # a nationality right after a counted noun says where the equipment comes from, not who speaks
        (
            "fr",
            "Selon Forbes, 40 chars ukrainiens ont été perdus. La perte des chars occidentaux détaille l'échec, avec "
            "12 blindés ukrainiens détruits.",
            [(40, "media_estimate", "ukraine"), (12, "media_estimate", "ukraine")],
        ),
    ],
)
def test_what_is_quoted_or_qualified_does_not_speak(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


def test_a_loser_named_without_a_figure_goes_on_in_its_paragraph() -> None:
    text = (
        "Selon le ministère russe de la Défense, les forces ukrainiennes ont aussi perdu beaucoup de matériel. "
        "Au total, 543 chars ont été détruits."
    )
    claims = extract_claims(bilan.read_text(text, "t", lang="fr", date="2024-05-14"))
    assert [(c.value, c.side, c.reason("side").rule) for c in claims] == [(543, "ukraine", "owner_in_sentence_before")]


def test_a_medium_named_again_by_its_kind() -> None:
    text = "Selon Forbes, 40 chars ukrainiens ont été perdus. Le média détaille que 12 canons ukrainiens ont été détruits."
    claims = extract_claims(bilan.read_text(text, "t", lang="fr", date="2024-05-14"))
    assert [(c.value, c.source, c.attribution) for c in claims] == [
        (40, "media_estimate", "Selon Forbes"),
        (12, "media_estimate", "Le média"),
    ]


def test_the_infinitive_of_narration_goes_on_with_the_speaker() -> None:
    # "Et d'ajouter que ...": the subject is the speaker named before, past a paragraph break
    text = "Forbes a recensé 40 chars ukrainiens perdus en juin.\n\nEt d'ajouter que 12 canons ukrainiens ont été détruits."
    claims = extract_claims(bilan.read_text(text, "t", lang="fr", date="2024-05-14"))
    assert [(c.value, c.source, c.reason("source").rule) for c in claims] == [
        (40, "media_estimate", "attribution:explicit:verb_subject"),
        (12, "media_estimate", "attribution:pronoun"),
    ]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # the counted noun names its side
        (
            "en",
            "The commander of the Armed Forces of Ukraine said the Defense Forces neutralized 1,500 occupiers in January.",
            [(1500, "russia", "said:noun_names_side")],
        ),
        (
            "fr",
            "Le commandant des forces armées de l'Ukraine a indiqué que ses unités ont éliminé 300 envahisseurs en janvier.",
            [(300, "russia", "said:noun_names_side")],
        ),
        # the noun before its figure, with its own side adjective
        (
            "en",
            "Moscow's general staff said the number of Ukrainian soldiers killed or wounded had topped 40,000.",
            [(40000, "ukraine", "said:adjective_of_noun_before")],
        ),
        (
            "en",
            "The Russian defence ministry repeated that Ukrainian military losses had passed 900,000.",
            [(900000, "ukraine", "said:adjective_of_noun_before")],
        ),
    ],
)
def test_side_of_the_counted_noun(lang: str, text: str, expected: list) -> None:
    claims = extract_claims(bilan.read_text(text, "t", lang=lang, date="2024-05-14"))
    assert [(c.value, c.side, c.reason("side").rule) for c in claims] == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # the commander-in-chief, the ground forces' chief and a grouping's spokesman speak for the army
        (
            "fr",
            "L'armée russe a perdu 640 soldats près de Koupiansk, a affirmé jeudi le commandant en chef Oleksandr Syrskyï.",
            [(640, "ukraine_general_staff", "russia")],
        ),
        (
            "fr",
            "« L'ennemi a perdu quatre hélicoptères », a déclaré mardi Mykhaïlo Drapaty, le chef de l'armée de terre ukrainienne.",
            [(4, "ukraine_general_staff", "russia")],
        ),
        (
            "en",
            "Ukraine's commander-in-chief told reporters 2,100 Russian troops were killed near Toretsk in a week.",
            [(2100, "ukraine_general_staff", "russia")],
        ),
        (
            "en",
            "Russia has lost 800 troops in the south since Monday, new figures from Ukraine's defence forces show.",
            [(800, "ukraine_general_staff", "russia")],
        ),
        # the air force's commander does not: the air force is no General Staff
        (
            "en",
            "Ukraine's air force shot down 19 Russian drones overnight, its commander said on Telegram.",
            [(19, "ukraine_other", "russia")],
        ),
    ],
)
def test_army_commanders_speak_for_the_general_staff(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a bare country that speaks, then the sentence after names its institution: the institution speaks
        (
            "en",
            "Russia has claimed that its forces killed 900 Ukrainian soldiers in a day. The announcement came with "
            "the Russian Defence Ministry's daily update.",
            [(900, "russia_mod", "ukraine")],
        ),
        (
            "fr",
            "La Russie affirme avoir tué 700 soldats ukrainiens en une journée. L'annonce a été faite dans le point "
            "quotidien du ministère russe de la Défense.",
            [(700, "russia_mod", "ukraine")],
        ),
        # "insisted" is a verb of saying
        (
            "en",
            "Kyiv lost 3,000 troops in May, Russian Defence Minister Andrei Belousov insisted on Friday.",
            [(3000, "russia_mod", "ukraine")],
        ),
    ],
)
def test_a_country_and_its_institution(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # the Russian General Staff's deputy chief speaks for the Russian ministry
        (
            "fr",
            "L'armée ukrainienne a perdu 41 000 soldats en mars, a déclaré jeudi Sergueï Roudskoï devant des journalistes.",
            [(41000, "russia_mod", "ukraine")],
        ),
        # a lead cut after its speaker ("...: le ministre russe de la..."), then "le ministère" with no speaker before
        (
            "fr",
            "Trois chars ukrainiens détruits en une nuit : le ministre russe de la...\n\n"
            "Le ministère de la Défense a salué l'équipage qui a détruit cinq blindés ukrainiens en un seul combat.",
            [(3, "russia_mod", "ukraine"), (5, "russia_mod", "ukraine")],
        ),
    ],
)
def test_a_speaker_named_in_a_cut_lead(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # who took or destroyed them is not who lost them, in a list that goes on without a noun
        (
            "en",
            "The site said 300 Russian tanks had been captured by Ukrainian forces, 40 damaged and 25 abandoned.",
            [(300, "russia", "said:noun_adjective"), (25, "russia", "said:nearest_adjective")],
        ),
        # two sides joined as the owners of losses are both
        ("en", "Ukraine and Russia's losses since 2022 totaled 400,000 soldiers.", [(400000, "other", "said:owner")]),
        # a side said after a coordinated pair is both figures'
        (
            "en",
            "The paper said the toll was 90,000 killed and 150,000 injured on the Russian side.",
            [(90000, "russia", "said:for_side_of_pair"), (150000, "russia", "said:for_side")],
        ),
    ],
)
def test_agents_pairs_and_sides_said_after_a_pair(lang: str, text: str, expected: list) -> None:
    claims = extract_claims(bilan.read_text(text, "t", lang=lang, date="2024-05-14"))
    assert [(c.value, c.side, c.reason("side").rule) for c in claims] == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # "according to NAME, TITLE": the title names the source
        (
            "en",
            "Russia lost 3,400 troops near Robotyne in a week, according to Petro Ivanenko, spokesman for the southern "
            "operational-strategic group.",
            [(3400, "ukraine_general_staff", "russia")],
        ),
        (
            "fr",
            "L'armée russe a perdu 52 chars en un mois, selon Ivan Petrenko, porte-parole du groupement de troupes Khortytsia.",
            [(52, "ukraine_general_staff", "russia")],
        ),
        # a South Korean lawmaker is another government's voice; the agency citing him relays
        (
            "en",
            "A South Korean lawmaker said 300 Russian soldiers had been killed in Kursk. Reuters, citing the "
            "lawmaker, said the figures came from a briefing. He added that 2,700 had been wounded.",
            [(300, "other", "russia"), (2700, "other", "russia")],
        ),
    ],
)
def test_titles_and_relaying_agencies(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # "figures for Russian units were also published": a passive, whose subject is what is said
        (
            "en",
            "Ukraine's General Staff said Russia lost 1,200 troops on Monday. Heavy casualty numbers for Russian troops "
            "were also reported for June, reaching 31,000.",
            [(1200, "ukraine_general_staff", "russia"), (31000, "ukraine_general_staff", "russia")],
        ),
    ],
)
def test_a_passive_with_an_adverb_has_no_speaker_for_subject(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # the Defense Forces that repel an attack report the battle's toll; air defence is the air force's
        (
            "en",
            "Russian troops attacked near Siversk, but the Defense Forces repelled the assault. As a result of the "
            "battle, 12 armored fighting vehicles were destroyed.",
            [(12, "ukraine_general_staff", "russia")],
        ),
        (
            "en",
            "Ukraine's air defense forces destroyed 14 of 20 Shahed drones launched overnight.",
            [(14, "ukraine_other", "russia")],
        ),
    ],
)
def test_defense_forces_and_air_defense(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a quotation over several sentences speaks with the speaker named after it closes
        (
            "fr",
            "L'état-major ukrainien affirme que 900 soldats russes ont été tués. « Nos troupes ont détruit 40 chars "
            "ukrainiens. Ce n'est qu'un début », a déclaré vendredi le ministre russe de la Défense.",
            [(900, "ukraine_general_staff", "russia"), (40, "russia_mod", "ukraine")],
        ),
        # "le chef d'État", "the president": the president named before; "a dressé un bilan" is a verb of saying
        (
            "fr",
            "Volodymyr Zelensky a dressé un bilan des pertes. Selon le chef d'État, près de 29 500 soldats ukrainiens ont péri.",
            [(29500, "ukraine_other", "ukraine")],
        ),
        (
            "en",
            "Volodymyr Zelensky spoke to reporters on Sunday. According to the president, 31,000 Ukrainian soldiers have died.",
            [(31000, "ukraine_other", "ukraine")],
        ),
    ],
)
def test_quotes_and_presidents(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a verb that says only after a quotation, over a quotation that holds its speaker's arithmetic
        (
            "fr",
            "« L'armée russe subit des pertes énormes. En une semaine, cela représente 7 000 soldats tués », a lancé "
            "jeudi le chef de l'Otan.",
            [(7000, "other", "russia")],
        ),
        ("fr", "La Russie a lancé 80 drones dans la nuit, dont 62 ont été abattus.", [(62, "unattributed", "russia")]),
        # NATO's and the EU's leaders are other; the country after their verb lost, it does not speak
        (
            "fr",
            "Jens Stoltenberg a déclaré que la Russie avait déjà perdu 200 000 soldats.",
            [(200000, "other", "russia")],
        ),
        (
            "en",
            "Ursula von der Leyen said more than 100,000 Ukrainian soldiers had been killed.",
            [(100000, "other", "ukraine")],
        ),
        # a name between commas before the verb of a sentence without figures speaks
        (
            "fr",
            "Toutefois, le chef de l'Otan, Mark Rutte, a avancé des chiffres. Selon lui, 25 000 soldats russes meurent chaque mois.",
            [(25000, "other", "russia")],
        ),
        (
            "en",
            "While the UK MoD thinks close to 40,000 Russian soldiers have died, others disagree.",
            [(40000, "uk_mod", "russia")],
        ),
    ],
)
def test_incise_verbs_and_international_speakers(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a medium that reports, citing officials: the officials
        (
            "en",
            "The Washington Post wrote, citing US military officials, that 60,000 Ukrainian soldiers had been killed.",
            [(60000, "us_officials", "ukraine")],
        ),
        (
            "fr",
            "Des journaux ont écrit en référence aux services américains que 190 000 soldats russes avaient été tués ou blessés.",
            [(190000, "us_officials", "russia")],
        ),
        # "He added that ... data from a US official": the pronoun speaks
        (
            "en",
            "A South Korean lawmaker said 300 Russian soldiers were killed. He added that data from a US military official "
            'differed. "At least 2,000 were wounded," he said.',
            [(300, "other", "russia"), (2000, "other", "russia")],
        ),
        # a counting outlet that collected the names; a Wagner leader's own troops; a government after a headline colon
        (
            "en",
            "Mediazona, working with a team of helpers, has so far collected 90,000 names of Russian soldiers killed.",
            [(90000, "media_estimate", "russia")],
        ),
        ("en", "Wagner Group leader says 20,000 of his fighters died in Bakhmut", [(20000, "russia_other", "russia")]),
        (
            "en",
            "'8,000 soldiers, 300 tanks': Russia's losses in May according to Ukrainian govt",
            [(8000, "ukraine_other", "russia"), (300, "ukraine_other", "russia")],
        ),
    ],
)
def test_media_citing_counting_and_leaders(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # foreign fighters are the side they fight for: "foreign" says none
        (
            "fr",
            "Le ministère russe de la Défense affirme avoir éliminé près de 4 000 mercenaires étrangers.",
            [(4000, "ukraine", "default_from_source")],
        ),
        (
            "en",
            "Russia's defence ministry said it had eliminated about 400 foreign mercenaries.",
            [(400, "ukraine", "default_from_source")],
        ),
        # a possessive before an operation owns no losses
        (
            "en",
            "The Russian defence ministry said 300 tanks have been destroyed since the start of Russia's special "
            "military operation.",
            [(300, "ukraine", "default_from_source")],
        ),
    ],
)
def test_what_names_no_side(lang: str, text: str, expected: list) -> None:
    claims = extract_claims(bilan.read_text(text, "t", lang=lang, date="2024-05-14"))
    assert [(c.value, c.side, c.reason("side").rule) for c in claims] == expected


def test_a_noun_before_its_figure_in_another_clause_gives_no_side() -> None:
    text = "As per the General Staff of Ukraine's Armed Forces, Russia's overall losses exceeded 735,000."
    claims = extract_claims(bilan.read_text(text, "t", lang="en", date="2024-05-14"))
    assert [(c.value, c.side) for c in claims] == [(735000, "russia")]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # "declared" says before the clause it reports, and only there
        (
            "en",
            "Belousov declared that, in May, Kyiv's losses amounted to more than 9,000 troops.",
            [(9000, "russia_mod", "ukraine")],
        ),
        ("en", "Ukraine declared martial law after Russian forces lost 40 tanks near Kyiv.", [(40, "unattributed", "russia")]),
    ],
)
def test_a_verb_that_says_before_its_clause(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # "an estimated 4,000 square kilometres": an adjective, no one says it; the report's source goes on
        (
            "en",
            "Russia has lost 400,000 troops, according to a new analysis by the Institute for the Study of War. Russia "
            "has gained little ground this year, an estimated 4,000 square kilometres.\n\n"
            "Since January alone, Russia has lost over 900 tanks.",
            [(400000, "other", "russia"), (900, "other", "russia")],
        ),
    ],
)
def test_an_estimated_figure_names_no_speaker(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # lists of names and probate records are the counters' (media) estimates; "Pour la seule X," is a topic
        (
            "fr",
            "Pour la seule région d'Ukraine, les chiffres manquent.\n\nAu moins 90 000 soldats russes ont été tués, selon "
            "des listes nominales vérifiées. Du côté ukrainien, les registres de successions documentent 70 000 décès militaires.",
            [(90000, "media_estimate", "russia"), (70000, "media_estimate", "ukraine")],
        ),
        ("fr", "Les entités occidentales estiment que 15 000 soldats russes ont été tués.", [(15000, "other", "russia")]),
    ],
)
def test_named_lists_and_western_entities(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a speaker after a headline's dash, even after a counted noun
        ("fr", "Les pertes russes ont dépassé 200 000 personnes - Stoltenberg", [(200000, "other", "russia")]),
        # "la partie ukrainienne estime": a newly named source gives way to no carried one
        (
            "fr",
            "Selon le renseignement américain, 8 000 soldats russes ont été tués. La partie ukrainienne estime les pertes "
            "russes à plus de 16 000 tués.",
            [(8000, "us_officials", "russia"), (16000, "ukraine_other", "russia")],
        ),
    ],
)
def test_headline_dash_speakers_and_sides_that_speak(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a figure "given by" / "avancé par" a source is that source's
        (
            "en",
            "Zelensky spoke of heavy losses. That compares with a figure of 200,000 Russian casualties given "
            "by a U.S. Defense Department spokesman.",
            [(200000, "us_officials", "russia")],
        ),
        (
            "fr",
            "Zelensky a évoqué de lourdes pertes. Le chiffre de 200 000 soldats russes tués ou blessés avancé par le Pentagone est plus bas.",
            [(200000, "us_officials", "russia")],
        ),
    ],
)
def test_a_figure_given_by_a_source(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # "the number of Russian troops killed": what is counted, not who speaks; "The claim by X" names the speaker
        (
            "en",
            "The number of Russian soldiers wounded or killed in the war has passed 900,000, officials said on Monday. The claim by "
            "Ukraine's General Staff was made on a holiday.",
            [(900000, "ukraine_general_staff", "russia")],
        ),
    ],
)
def test_the_number_of_troops_is_counted(lang: str, text: str, expected: list) -> None:
    assert sourced(text, lang) == expected


def sources_of(text: str, lang: str) -> list[tuple[int, str]]:
    return [(value, source) for value, source, _side in sourced(text, lang)]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a study or report named with who made it, a think tank by its kind or its name
        (
            "fr",
            "Le conflit a coûté environ 250 000 soldats à la Russie, selon une étude publiée lundi par un cercle de réflexion américain.",
            [(250000, "other")],
        ),
        ("fr", "Au moins 80 000 soldats russes ont été tués, selon un institut de recherche allemand.", [(80000, "other")]),
        (
            "fr",
            "Au moins 80 000 soldats russes ont été tués, selon les calculs d'un centre d'analyse indépendant.",
            [(80000, "other")],
        ),
        (
            "fr",
            "Au moins 80 000 soldats russes ont été tués, d'après un rapport publié jeudi par le think tank britannique RUSI.",
            [(80000, "other")],
        ),
        (
            "en",
            "Russia has lost some 180,000 troops, according to a report by the Royal United Services Institute.",
            [(180000, "other")],
        ),
        (
            "en",
            "At least 80,000 Russian troops have been killed, according to a study released on Friday by an American think tank.",
            [(80000, "other")],
        ),
        ("en", "At least 80,000 Russian soldiers have died, according to a Swiss research institute.", [(80000, "other")]),
        ("en", "At least 80,000 Russian soldiers have died, according to a think-tank in London.", [(80000, "other")]),
    ],
)
def test_a_study_named_with_its_maker(lang: str, text: str, expected: list) -> None:
    assert sources_of(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # verbs that put an estimate at a figure
        ("en", "However, NATO has pegged the losses ranging between 6,000 and 12,000 Russian soldiers.", [(6000, "other")]),
        ("en", "The Pentagon pegs the number of Russian dead at 90,000.", [(90000, "us_officials")]),
        ("en", "US officials placed the toll at around 110,000 Russian soldiers killed.", [(110000, "us_officials")]),
        ("fr", "L'Otan porte à 14 000 le nombre de soldats russes tués.", [(14000, "other")]),
        ("fr", "Le Pentagone a porté à 120 000 le nombre de militaires russes tués ou blessés.", [(120000, "us_officials")]),
    ],
)
def test_an_estimate_put_at_a_figure(lang: str, text: str, expected: list) -> None:
    assert sources_of(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # "le nombre de X se situait entre A et B": a figure of the speaker's "que" clause, in any tense of "se situer"
        (
            "fr",
            "Un haut responsable de l'Otan a estimé que le nombre de militaires russes tombés au combat se situait entre 6000 et "
            "12 000 pour un total de 25 000 à 35 000 soldats russes tués ou blessés.",
            [(6000, "other"), (25000, "other")],
        ),
        (
            "fr",
            "Mercredi, un responsable militaire de l'Organisation du traité de l'Atlantique nord a estimé, sous couvert "
            "d'anonymat, que le nombre de soldats russes tués se situait entre 5000 et 9000.",
            [(5000, "other")],
        ),
        (
            "fr",
            "Selon le Pentagone, le nombre de militaires russes tués se situerait entre 100 000 et 120 000.",
            [(100000, "us_officials")],
        ),
    ],
)
def test_a_figure_of_the_number_that_stands_between(lang: str, text: str, expected: list) -> None:
    assert sources_of(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # an inverted subject after a quotation, with a verb of posting or writing, a plural indefinite subject
        (
            "fr",
            '"La Russie a subi jusqu\'à 180 000 victimes depuis son invasion", ont tweeté des responsables du renseignement '
            "britannique le 3 mars.",
            [(180000, "uk_mod")],
        ),
        (
            "fr",
            "« Les pertes russes ont atteint 150 000 militaires tués ou blessés », ont tweeté des responsables du service de "
            "renseignement de la défense du ministère britannique de la Défense.",
            [(150000, "uk_mod")],
        ),
        (
            "fr",
            "« L'armée russe a perdu 1 100 hommes en une journée », a posté le ministère ukrainien de la Défense.",
            [(1100, "ukraine_mod")],
        ),
        (
            "fr",
            "« L'armée russe a perdu 1 100 hommes en une journée », ont écrit des responsables ukrainiens sur Telegram.",
            [(1100, "ukraine_other")],
        ),
        ("en", '"Russia has suffered up to 180,000 casualties," British intelligence officials tweeted.', [(180000, "uk_mod")]),
        ("en", '"Russia has lost 1,100 men in a day," posted Ukraine\'s defence ministry.', [(1100, "ukraine_mod")]),
        (
            "en",
            '"Russia has lost 1,100 men in a day," wrote officials of the Ukrainian General Staff on Telegram.',
            [(1100, "ukraine_general_staff")],
        ),
    ],
)
def test_an_inverted_subject_that_posts_or_writes(lang: str, text: str, expected: list) -> None:
    assert sources_of(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a speaker named by its kind alone, none of that kind named before: its kind
        (
            "fr",
            "Le média russe indépendant estime à quelque 150 000 les militaires russes qui ont pu être tués.",
            [(150000, "media_estimate")],
        ),
        ("fr", "Le journal estime que 110 000 soldats russes sont morts.", [(110000, "media_estimate")]),
        ("fr", "L'institut estime à 210 000 le nombre de soldats russes tués.", [(210000, "other")]),
        ("en", "The outlet estimates that 110,000 Russian soldiers have died.", [(110000, "media_estimate")]),
        ("en", "The institute estimates that 210,000 Russian soldiers have been killed.", [(210000, "other")]),
        ("en", "The think tank estimates that 210,000 Russian soldiers have been killed.", [(210000, "other")]),
    ],
)
def test_a_speaker_of_one_kind_named_by_its_kind(lang: str, text: str, expected: list) -> None:
    assert sources_of(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # the next sentence, with no figure of its own, opens on a demonstrative and a verb of origin
        (
            "fr",
            "Plus de 52 000 soldats russes tombés au combat ont été identifiés. Cela ressort d'une recherche conjointe menée par "
            "le site russe Mediazona et la BBC.",
            [(52000, "media_estimate")],
        ),
        (
            "fr",
            "Plus de 52 000 soldats russes ont été tués. Ce chiffre provient du décompte de l'état-major ukrainien.",
            [(52000, "ukraine_general_staff")],
        ),
        (
            "fr",
            "La Russie aurait perdu 380 000 hommes. Cette estimation émane du renseignement britannique.",
            [(380000, "uk_mod")],
        ),
        (
            "en",
            "More than 52,000 Russian soldiers have been identified as killed. This emerges from a joint investigation by "
            "Mediazona and the BBC.",
            [(52000, "media_estimate")],
        ),
        (
            "en",
            "Russia has lost 2,800 tanks since the start of the war. This comes from Ukraine's General Staff.",
            [(2800, "ukraine_general_staff")],
        ),
        (
            "en",
            "Russia has lost 2,800 tanks since the start of the war. These figures are from the Pentagon.",
            [(2800, "us_officials")],
        ),
    ],
)
def test_a_source_given_by_the_next_sentence(lang: str, text: str, expected: list) -> None:
    assert sources_of(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a verb of saying right after a preposition is its noun: the estimates compared with are no speaker's verb
        (
            "en",
            "Russia has lost 790,000 troops, Ukraine's General Staff reported. The estimate, which is in line with estimates "
            "made by Western intelligence agencies, includes the wounded. Losses peaked in November, with a daily high of "
            "1,900 troops lost.",
            [(790000, "ukraine_general_staff"), (1900, "ukraine_general_staff")],
        ),
        (
            "en",
            "Ukraine's General Staff says Russia has lost 790,000 troops. The figure is far higher than claims of Western "
            "analysts. It also says 1,900 soldiers were killed on Tuesday alone.",
            [(790000, "ukraine_general_staff"), (1900, "ukraine_general_staff")],
        ),
    ],
)
def test_a_verb_of_saying_after_a_preposition_is_a_noun(lang: str, text: str, expected: list) -> None:
    assert sources_of(text, lang) == expected
