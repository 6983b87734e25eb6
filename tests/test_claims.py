"""Claim extraction, sentence by sentence, in French and English (sentences written for these tests)."""

from __future__ import annotations

import pytest

import bilan
from bilan.claims import extract_claims


def claims_of(text: str, lang: str = "fr", date: str | None = "2024-05-14") -> list[bilan.Claim]:
    return extract_claims(bilan.read_text(text, "t", lang=lang, date=date))


def only(text: str, lang: str = "fr", date: str | None = "2024-05-14") -> bilan.Claim:
    found = claims_of(text, lang, date)
    assert len(found) == 1, [c.to_dict() for c in found]
    return found[0]


@pytest.mark.parametrize(
    "text, lang, value, category, qualifier",
    [
        (
            "D'après l'état-major, plus de 436 000 soldats russes sont morts depuis février 2022.",
            "fr",
            436000,
            "personnel_killed",
            "more_than",
        ),
        ("L'armée ukrainienne affirme avoir détruit au moins 7 400 chars russes.", "fr", 7400, "tanks", "at_least"),
        (
            "Moscou a perdu environ 14 700 véhicules blindés depuis février 2022, selon Kiev.",
            "fr",
            14700,
            "armoured_vehicles",
            "about",
        ),
        (
            "La Russie est sur le point de perdre 500 000 hommes, tués ou blessés, estime Londres.",
            "fr",
            500000,
            "personnel_casualties",
            "nearly",
        ),
        (
            "Jusqu'à 60 000 soldats russes auraient été blessés depuis l'automne, selon le Pentagone.",
            "fr",
            60000,
            "personnel_wounded",
            "up_to",
        ),
        (
            "Ukraine's General Staff said 1,740 Russian troops were killed in the past 24 hours.",
            "en",
            1740,
            "personnel_killed",
            "exact",
        ),
        ("Russia has lost more than 3,000 tanks since the invasion began, according to Oryx.", "en", 3000, "tanks", "more_than"),
        (
            "Kyiv says nearly 500,000 Russian soldiers have been killed or wounded.",
            "en",
            500000,
            "personnel_casualties",
            "nearly",
        ),
        (
            "Officials estimate some 70,000 killed in action and wounded on the Russian side.",
            "en",
            70000,
            "personnel_casualties",
            "about",
        ),
        (
            "British intelligence counts 280,000 wounded or dead among Russian troops.",
            "en",
            280000,
            "personnel_casualties",
            "exact",
        ),
        (
            "Some 1,200 Ukrainian prisoners of war were captured in the offensive, the Kremlin said.",
            "en",
            1200,
            "personnel_captured",
            "about",
        ),
        ("Les forces ukrainiennes ont abattu 25 drones Shahed pendant la nuit.", "fr", 25, "drones", "exact"),
        ("Au total, 28 navires de guerre et bateaux russes ont été coulés ou endommagés.", "fr", 28, "ships", "exact"),
        (
            "Russia has lost 650 aircraft and helicopters since February 2022, Ukraine's military said.",
            "en",
            650,
            "aircraft_and_helicopters",
            "exact",
        ),
        # headline verbs, transliterated drone names and Oryx's French verbs
        ("Air defence downs all 40 drones over Kyiv region", "en", 40, "drones", "exact"),
        ("Ukrainian gunners blow up 12 Russian tanks near Bakhmut", "en", 12, "tanks", "exact"),
        ("3,000 Tanks Gone", "en", 3000, "tanks", "exact"),
        ("Dans la nuit, la défense aérienne a abattu 30 chahids au-dessus de Kharkiv.", "fr", 30, "drones", "exact"),
        ("Air defence destroyed 17 Shaheds over the capital.", "en", 17, "drones", "exact"),
        ("Ukraine Shoots Down 30 Drones Overnight, Air Force Says", "en", 30, "drones", "exact"),
        ("Intro.\n\nRussia's Losses Top 600,000, Kyiv Says", "en", 600000, "personnel_casualties", "more_than"),
        ("Intro.\n\nRussian Losses Reach 700,000, Ukraine's Army Says", "en", 700000, "personnel_casualties", "exact"),
        ("Selon Oryx, 900 chars russes ont été immobilisés depuis février.", "fr", 900, "tanks", "exact"),
        ("Oryx compte plus de 1 500 blindés russes hors service.", "fr", 1500, "armoured_vehicles", "more_than"),
        ("Depuis février, l'armée a supprimé 410 avions ennemis, selon Moscou.", "fr", 410, "aircraft", "exact"),
        ("La défense antiaérienne intercepte 45 drones au-dessus de Koursk", "fr", 45, "drones", "exact"),
        ("Chaque jour, entre 300 et 400 soldats russes mouraient sur ce front.", "fr", 300, "personnel_killed", "range"),
        ("Près de 900 militaires ont perdu la vie dans ces assauts, selon Kiev.", "fr", 900, "personnel_killed", "about"),
        ("Selon Kiev, 150-160 000 soldats russes ont été blessés.", "fr", 150000, "personnel_wounded", "range"),
        ("Les forces ont détruit trois stations de guerre électronique russes.", "fr", 3, "special_equipment", "exact"),
        ("La marine a coulé deux patrouilleurs russes en mer Noire.", "fr", 2, "ships", "exact"),
        ("L'armée a abattu trois Soukhoï russes au-dessus du Donbass.", "fr", 3, "aircraft", "exact"),
        ("Les drones ont détruit six armes anti-aériennes russes.", "fr", 6, "air_defense", "exact"),
        ("L'armée a détruit deux systèmes de missiles à lancement multiple.", "fr", 2, "mlrs", "exact"),
        ("Up to a quarter of a million Russian troops have been killed, Kyiv says.", "en", 250000, "personnel_killed", "up_to"),
        ("More than 800 attackers had been killed near the town, the army said.", "en", 800, "personnel_killed", "more_than"),
        ("The army said there were 9,000 irretrievable losses for Russia.", "en", 9000, "personnel_killed", "exact"),
        ("Kyiv says Russian casualties may be as high as 400,000 by now.", "en", 400000, "personnel_casualties", "up_to"),
        (
            "Selon l'ONU, le nombre de soldats blessés ou tués des deux côtés a dépassé le million.",
            "fr",
            1000000,
            "personnel_casualties",
            "more_than",
        ),
        ("Selon Kiev, plus d'une centaine de soldats russes ont été tués.", "fr", 100, "personnel_killed", "more_than"),
        ("Selon Kiev, une moyenne quotidienne de 900 soldats russes ont été tués.", "fr", 900, "personnel_killed", "about"),
        ("Analysts said the tank losses could be nearer 3,000 tanks, according to Oryx.", "en", 3000, "tanks", "about"),
        (
            "Selon un décompte indépendant, le total des militaires russes morts dépasse désormais les 90 000.",
            "fr",
            90000,
            "personnel_killed",
            "more_than",
        ),
    ],
)
def test_value_category_qualifier(text: str, lang: str, value: int, category: str, qualifier: str) -> None:
    claim = only(text, lang)
    assert (claim.value, claim.category, claim.qualifier) == (value, category, qualifier)
    assert claim.text == text[claim.start : claim.end]


@pytest.mark.parametrize(
    "text, lang, qualifier",
    [
        ("AU MOINS 300 SOLDATS RUSSES ONT ÉTÉ TUÉS, selon Kiev.", "fr", "at_least"),  # capitals
        ("La Russie est sur le point de bientôt perdre 500 000 hommes, estime Londres.", "fr", "nearly"),  # two gap words
        ("Le nombre de soldats russes morts frôle les 120 000, selon Kiev.", "fr", "nearly"),  # the verb's article
        ("Selon le Минобороны, au moins 300 soldats ukrainiens ont été tués.", "fr", "at_least"),  # beyond Latin-1
        ("Moscou a perdu plus d'1 000 chars depuis février 2022, selon Kiev.", "fr", "more_than"),  # phrase ending in '
    ],
)
def test_qualifier_words_found_in_any_case_gap_and_script(text: str, lang: str, qualifier: str) -> None:
    # read_qualifier skips the rules whose last words are not before the figure: these must still match
    assert only(text, lang).qualifier == qualifier


def test_stock_is_not_a_loss() -> None:
    found = claims_of("Its air defences shot down 31 of 40 drones launched overnight, the General Staff said.", "en")
    assert [(c.value, c.category) for c in found] == [(31, "drones")]
    found = claims_of("Moscou a perdu 2 200 des 3 500 chars dont elle disposait avant la guerre.")
    assert [(c.value, c.category) for c in found] == [(2200, "tanks")]


def test_noun_less_figure_counts_what_the_clause_names() -> None:
    claim = only("Russian losses since February 2022 have surpassed 700,000, Ukraine's General Staff said.", "en")
    assert (claim.value, claim.category, claim.qualifier, claim.source) == (
        700000,
        "personnel_casualties",
        "more_than",
        "ukraine_general_staff",
    )
    found = claims_of(
        "L'état-major chiffre à 654 380 le nombre de militaires russes tués ou blessés, dont 1 140 au cours des dernières 24 heures."
    )
    assert [(c.value, c.scope, c.period) for c in found] == [(654380, "cumulative", None), (1140, "period", "day")]


def test_singular_article_governed_by_a_loss_verb() -> None:
    claim = only("Les forces ukrainiennes ont coulé vendredi un sous-marin russe en Crimée, selon la marine.")
    assert (claim.value, claim.category, claim.side) == (1, "submarines", "russia")
    assert claims_of("Un seul char Leopard affronte une colonne entière sur la route.") == []


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        (
            "Près de Lyman, l'ennemi a perdu 95 militaires, un véhicule blindé M113 et un obusier M198.",
            "fr",
            [(95, "personnel_casualties"), (1, "armoured_vehicles"), (1, "artillery")],
        ),
        ("Un autre MiG-29 a été détruit au-dessus de la région de Donetsk.", "fr", [(1, "aircraft")]),
        (
            "A tank, an infantry fighting vehicle and two cars were destroyed, the ministry said.",
            "en",
            [(1, "tanks"), (1, "armoured_vehicles"), (2, "vehicles_fuel_tanks")],
        ),
        ("Air defence units shot down a Ukrainian Su-25 aircraft near Robotyne.", "en", [(1, "aircraft")]),
        # "another" counts one more; a nominalised verb governs its article
        ("Ukraine downs another Russian Su-25 jet near Avdiivka", "en", [(1, "aircraft")]),
        # a French compound is plural only when each part is: "un lance-roquettes", "un sous-marin"
        (
            "L'ennemi a perdu 200 militaires. Un lance-roquettes multiple de fabrication américaine, 12 canons et trois blindés.",
            "fr",
            [(200, "personnel_casualties"), (1, "mlrs"), (12, "artillery"), (3, "armoured_vehicles")],
        ),
        ("The Russian army has lost another helicopter over the Black Sea, Kyiv says.", "en", [(1, "helicopters")]),
        ("The navy confirmed the destruction of a Russian landing ship in Crimea.", "en", [(1, "ships")]),
        ("Kyiv reported bringing down a Russian military plane over Kharkiv.", "en", [(1, "aircraft")]),
        # the article is not the count: of a plural, of a compound, or after the verb of another noun
        ("Vue depuis un drone montrant un char russe détruit dans une forêt.", "fr", []),
        ("Les frappes ont détruit un labyrinthe de véhicules militaires.", "fr", []),
        ("Russia launched a drone attack that destroyed a tank column, officials said.", "en", []),
        # a loss word between the article and its noun qualifies the piece counted
        ("A group of Ukrainians looked pleased after commandeering an abandoned Russian tank.", "en", [(1, "tanks")]),
    ],
)
def test_singular_articles_in_lists_and_before_a_loss_word(text: str, lang: str, expected: list) -> None:
    assert [(c.value, c.category) for c in claims_of(text, lang)] == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # munitions are counted, not the launcher that fired them
        ("Russian air defences intercepted nine HIMARS rockets and 10 rockets of the HIMARS system.", "en", []),
        ("Elles ont aussi intercepté dix roquettes HIMARS.", "fr", []),
        # a noun after a hyphen is the tail of another word
        ("The enemy lost 18 anti-aircraft warfare systems and 20 anti-tank missiles.", "en", [(18, "air_defense")]),
        # a total of armour that includes tanks counts both
        (
            "Russian forces destroyed 15 Ukrainian armored vehicles, including eight tanks.",
            "en",
            [(15, "tanks_and_armoured_vehicles"), (8, "tanks")],
        ),
        # a unit word counts what follows it
        (
            "Les Russes ont perdu 182 pièces d'«équipement spécial» et 16 pièces d'équipement militaire.",
            "fr",
            [(182, "special_equipment")],
        ),
        (
            "Kiev has lost up to 620 servicepeople, two electronic warfare stations and 33 field artillery guns.",
            "en",
            [(620, "personnel_casualties"), (2, "special_equipment"), (33, "artillery")],
        ),
    ],
)
def test_what_is_counted(text: str, lang: str, expected: list) -> None:
    assert [(c.value, c.category) for c in claims_of(text, lang)] == expected


@pytest.mark.parametrize(
    "text, lang, category",
    [
        # bulletins' "eliminated", "liquidés", "anéantis" say put out of action: casualties (ANNOTATION.md)
        (
            "Over the last day, up to 265 Ukrainian troops were eliminated by Russia's Tsentr battlegroup.",
            "en",
            "personnel_casualties",
        ),
        ("En 24 heures, l'armée russe a éliminé 415 soldats ukrainiens.", "fr", "personnel_casualties"),
        ("Plus de 80 mercenaires ont été anéantis près d'Avdiïvka.", "fr", "personnel_casualties"),
        ("La guerre a fait 1 600 victimes russes en une seule journée, selon l'Ukraine.", "fr", "personnel_casualties"),
        ("Ukraine Loses Over 390 Soldiers Fighting Russia's Tsentr Battlegroup", "en", "personnel_casualties"),
    ],
)
def test_personnel_category_words(text: str, lang: str, category: str) -> None:
    assert only(text, lang).category == category


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # a loss word qualifying the counted noun decides over a verb of counting or holding
        (
            "Kiev dénombre près de 138 000 militaires russes «liquidés» depuis l'invasion.",
            "fr",
            [(138000, "personnel_casualties")],
        ),
        # a loss word governing a list governs its later figures, past a stock's "it had"
        (
            "Moscow has lost 2,200 of the 3,500 tanks it had before the invasion, as well as 4,400 of its 13,600 "
            "infantry fighting vehicles.",
            "en",
            [(2200, "tanks"), (4400, "armoured_vehicles")],
        ),
        # where a weapon was made is no delivery
        ("Russian forces destroyed 17 Leopard tanks manufactured in Germany.", "en", [(17, "tanks")]),
        # damaged only is no loss; a list's items keep the list's category
        (
            "Oryx compte 1 215 chars perdus, dont 734 détruits, 38 endommagés, 64 abandonnés et 379 capturés.",
            "fr",
            [(1215, "tanks"), (734, "tanks"), (64, "tanks"), (379, "tanks")],
        ),
        ("Russia's losses were 25 destroyed ships and 15 damaged ships.", "en", [(25, "ships")]),
        # a personnel word after the noun belongs to the next figure when one stands between
        ("Kyiv lost 64 soldiers and 185 were wounded.", "en", [(64, "personnel_casualties"), (185, "personnel_wounded")]),
        # "personnes" counts soldiers when a word of losses governs it
        (
            "Selon la Défense russe, les pertes ukrainiennes s'élèvent désormais à 830 personnes.",
            "fr",
            [(830, "personnel_casualties")],
        ),
        # the dead and wounded of a text about civilians are not soldiers
        ("L'ONU compte 612 civils tués, dont 37 enfants. Le conflit a également fait 1 208 blessés.", "fr", []),
        # a sentence opening on "Parmi eux" continues the list, and the loss, of the one before
        (
            "L'armée a détruit 2 786 cibles. Parmi eux se trouvaient 953 chars et 93 drones.",
            "fr",
            [(953, "tanks"), (93, "drones")],
        ),
        (
            "The unit says it destroyed 40 pieces of equipment. In particular, 12 tanks, 3 armored combat vehicles, 5 UAVs.",
            "en",
            [(12, "tanks"), (3, "armoured_vehicles"), (5, "drones")],
        ),
        ("L'armée a détruit 50 pièces d'équipement. En particulier, 12 chars et 7 drones.", "fr", [(12, "tanks"), (7, "drones")]),
        # the wounded taken prisoner are prisoners; engineering vehicles are special equipment
        ("Three wounded Russian soldiers who surrendered were captured by the brigade.", "en", [(3, "personnel_captured")]),
        ("The unit destroyed five engineering vehicles near the river.", "en", [(5, "special_equipment")]),
        # losses a neighbouring sentence gives as deaths, the same figure, are deaths
        (
            "Russia has lost some 9,000 soldiers near the city, the brigade said.\n\nBy its count, 9,000 Russian soldiers "
            "died there in two months.",
            "en",
            [(9000, "personnel_killed"), (9000, "personnel_killed")],
        ),
        (
            "Russia has lost some 9,000 soldiers near the city. Another 3,000 died elsewhere.",
            "en",
            [(9000, "personnel_casualties"), (3000, "personnel_killed")],
        ),
        # the same value for another side is another figure
        (
            "Moscow said it killed more than 300 Ukrainian soldiers in a strike. Kyiv said Russia lost 300 troops that day.",
            "en",
            [(300, "personnel_killed"), (300, "personnel_casualties")],
        ),
        # a personnel word past the next figure is that one's: the total stays the victims'
        (
            "Selon Moscou, les victimes dans ses rangs dépassent 3 000, dont 800 tués et 2 200 blessés.",
            "fr",
            [(3000, "personnel_casualties"), (800, "personnel_killed"), (2200, "personnel_wounded")],
        ),
        # one figure for several kinds of equipment is no category's (`other`); two the record adds up are their sum
        ("Moscow lost no fewer than 300 tanks, armoured vehicles and other hardware in the region.", "en", []),
        ("The brigade says it destroyed 250 tanks, fighting vehicles and guns in a month.", "en", []),
        ("The brigade destroyed 15 battle tanks and armored vehicles last week.", "en", [(15, "tanks_and_armoured_vehicles")]),
        (
            "Russia lost 120 tanks and 3,000 troops, one tank and two depots.",
            "en",
            [(120, "tanks"), (3000, "personnel_casualties"), (1, "tanks")],
        ),
        ("Oryx a recensé 26 navires et sous-marins russes perdus.", "fr", [(26, "ships")]),
        # vehicles of which tanks are a part are vehicles of every kind
        ("L'armée a perdu 9 000 véhicules en un an, dont 2 000 chars.", "fr", [(2000, "tanks")]),
        # the noun of a list of losses governs its drones: lost, not launched
        (
            "The bulletin lists the Russian loss of 4,000 tanks, 600 multiple rocket systems and 5,000 drones.",
            "en",
            [(4000, "tanks"), (600, "mlrs"), (5000, "drones")],
        ),
    ],
)
def test_loss_or_not(text: str, lang: str, expected: list) -> None:
    assert [(c.value, c.category) for c in claims_of(text, lang)] == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # a noun-less figure after "à" counts what the clause names
        ("Kiev estime les pertes ennemies à près de 18 000.", "fr", [(18000, "personnel_casualties")]),
        ("Côté russe, le nombre total de morts s'élevait à quelque 94 000.", "fr", [(94000, "personnel_killed")]),
        ("NATO put the monthly average of Russian casualties at 20,250.", "en", [(20250, "personnel_casualties")]),
        # "autres" adds to the figure of the sentence before
        (
            "Vers Bakhmout, l'ennemi a perdu 170 hommes. L'armée de Kiev en aurait perdu environ 240 autres vers Lyman.",
            "fr",
            [(170, "personnel_casualties"), (240, "personnel_casualties")],
        ),
        # ranges, estimates and thresholds introduced by their verb, an adverb between
        (
            "En comptant les blessés, les pertes russes oscillent entre 150.000 et 180.000 personnes.",
            "fr",
            [(150000, "personnel_casualties")],
        ),
        (
            "Les analystes recensent 60 000 soldats russes tués ; le total pourrait se situer entre 90 000 et 120 000.",
            "fr",
            [(60000, "personnel_killed"), (90000, "personnel_killed")],
        ),
        (
            "Selon un décompte indépendant, le total des militaires russes morts dépasse désormais les 90 000.",
            "fr",
            [(90000, "personnel_killed")],
        ),
        (
            "Selon les experts, le nombre de soldats russes tués est compris entre 50 000 et 70 000.",
            "fr",
            [(50000, "personnel_killed")],
        ),
        ("Le nombre de morts côté russe avoisinerait les 120 000.", "fr", [(120000, "personnel_killed")]),
        ("Intro.\n\nPertes russes : la barre des 700 000 franchie", "fr", [(700000, "personnel_casualties")]),
        ("Officials say Russian losses total 500,000 since the invasion.", "en", [(500000, "personnel_casualties")]),
        (
            "Western officials put it plainly: Moscow's losses are estimated around 250,000.",
            "en",
            [(250000, "personnel_casualties")],
        ),
        (
            "Enemy casualties—killed and crippled—exceed 9,000 near the town, the brigade said.",
            "en",
            [(9000, "personnel_casualties")],
        ),
        (
            "In May the mean daily casualty rate was 1,100 people per day, the ministry said.",
            "en",
            [(1100, "personnel_casualties")],
        ),
        # a bracket or a semicolon closes what a personnel word after the noun can say
        (
            "L'armée ukrainienne aurait tué environ 64 230 soldats russes (et blessé plus du double).",
            "fr",
            [(64230, "personnel_killed")],
        ),
    ],
)
def test_what_a_noun_less_figure_counts(text: str, lang: str, expected: list) -> None:
    assert [(c.value, c.category) for c in claims_of(text, lang)] == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # a figure that is the subject of a personnel word counts soldiers in a military text
        (
            "Selon Moscou, les forces armées ukrainiennes ont perdu du terrain: plus 400 soldats ont déserté, "
            "près de 3 200 sont morts.",
            "fr",
            [(3200, "personnel_killed")],
        ),
        # a total of losses after "des" is no stock: it is a claim of its own
        (
            "Quelque 420 000 des 610 000 pertes russes seraient, estime-t-on, des blessés.",
            "fr",
            [(420000, "personnel_casualties"), (610000, "personnel_casualties")],
        ),
        ("American officials put Ukraine's death toll at close to 64,000.", "en", [(64000, "personnel_killed")]),
        # a bare "to" right before the figure introduces it; not "to exceed", nor a ratio
        (
            "Russia lost 1,160 soldiers over the past day, bringing its total since February 2022 to 589,700.",
            "en",
            [(1160, "personnel_casualties"), (589700, "personnel_casualties")],
        ),
        ("Russian soldiers outnumbered the Ukrainian dead by roughly three to one.", "en", []),
        # an attribution between the verb and the figure, a colon after a label
        ("Le nombre de soldats russes tués a atteint, selon l'état-major, 500 000.", "fr", [(500000, "personnel_killed")]),
        ("Tanks destroyed this week: 45.", "en", [(45, "tanks")]),
        ("Chars détruits depuis le début de l'année : 1 200.", "fr", [(1200, "tanks")]),
        # a range read as one number brings its own preposition: the verb before it introduces it
        ("Russian deaths could in fact range from 164 000 to 238 000.", "en", [(164000, "personnel_killed")]),
        # forecasts and targets are no losses
        ("Russian casualties will likely keep averaging above 1,200 per day.", "en", []),
        ("The minister set out a plan that would raise Russian losses to 40,000 a month.", "en", []),
        # "N of them" adds to the figure before, in its sentence or the one before
        ("Russia lost 300 tanks in the battle, 200 of them to drones.", "en", [(300, "tanks"), (200, "tanks")]),
        ("Russia launched 80 drones overnight. Ukraine said 60 of them were shot down.", "en", [(60, "drones")]),
        ("La Russie a lancé 80 drones cette nuit. L'Ukraine affirme que 60 d'entre eux ont été abattus.", "fr", [(60, "drones")]),
        # a figure right after "Parmi eux" counts what the sentence before counted
        (
            "Selon l'état-major, quelque 87 340 soldats russes ont été «liquidés». Parmi eux, 640 au cours "
            "des dernières 24 heures.",
            "fr",
            [(87340, "personnel_casualties"), (640, "personnel_casualties")],
        ),
        # "Among them" continues the sentence before: its personnel word too
        (
            "A total of 5 540 Russian officers are known to have died. Among them are 12 generals.",
            "en",
            [(5540, "personnel_killed"), (12, "personnel_killed")],
        ),
        # a name's figure in brackets counts what the clause names
        (
            "Most deaths of Russian soldiers were counted in Buryatia (3 120) and Dagestan (2 870).",
            "en",
            [(3120, "personnel_killed"), (2870, "personnel_killed")],
        ),
        # a loss word governing a list governs its last figure too
        (
            "Ukraine claims to have destroyed a total of 310 Russian tanks and almost 12,000 troops.",
            "en",
            [(310, "tanks"), (12000, "personnel_casualties")],
        ),
        # a personnel word between the figure and its noun is the noun's
        (
            "The president said Moscow had suffered 430,000 casualties, including 150,000 fallen soldiers.",
            "en",
            [(430000, "personnel_casualties"), (150000, "personnel_killed")],
        ),
        # a civilian word across a contrast ("tandis que") says nothing of the soldiers
        (
            "Kiev estime les pertes ennemies à près de 18 000, tandis que Moscou affirme avoir reçu environ 350 000 réfugiés.",
            "fr",
            [(18000, "personnel_casualties")],
        ),
        ("Au moins cinq civils ont été tués dans la capitale, et plus de 130 blessés dans le pays.", "fr", []),
        # the other side's count of the same, in a sentence opening on that side
        (
            "Côté russe, les pertes seraient de 300 000. Côté ukrainien, ce serait 40 000.",
            "fr",
            [(300000, "personnel_casualties"), (40000, "personnel_casualties")],
        ),
        ("Russia has lost 2,000 tanks. On the Ukrainian side, it is 800.", "en", [(2000, "tanks"), (800, "tanks")]),
        ("Côté ukrainien, ce serait 40 000.", "fr", []),  # no figure before to count the same
        # a breakdown by place: number words, "autres" on the next line, the article of its last item
        (
            "La défense a détruit 12 drones au-dessus de Koursk, 6 à Lipetsk et deux à Tver.\n"
            "Cinq autres ont été abattus près de Smolensk, deux à Kalouga, et un dans la région de Moscou.",
            "fr",
            [(12, "drones"), (6, "drones"), (2, "drones"), (5, "drones"), (2, "drones"), (1, "drones")],
        ),
        # an article before a place with no figure before it is no item
        ("Le ministère a publié un communiqué. Il y a eu un dans la région, selon lui.", "fr", []),
    ],
)
def test_figures_without_their_own_noun(text: str, lang: str, expected: list) -> None:
    assert [(c.value, c.category) for c in claims_of(text, lang)] == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # another war's losses
        ("Russia has now lost more troops than the 15,000 Soviet soldiers killed in Afghanistan.", "en", []),
        ("Lors de la guerre en Afghanistan, l'URSS avait perdu 15 000 soldats.", "fr", []),
        ("Russia has lost 668 tanks, many of them Soviet-era T-72 models.", "en", [(668, "tanks")]),
        # prisoners exchanged; prisoners taken are losses
        ("Kiev et Moscou ont échangé vendredi 95 prisonniers de guerre.", "fr", []),
        ("Ukraine and Russia exchanged 95 prisoners of war on Friday.", "en", []),
        ("Some 1,200 Ukrainian soldiers were taken prisoner in the offensive.", "en", [(1200, "personnel_captured")]),
        ("Selon Kiev, 150 prisonniers de guerre ont été relâchés samedi.", "fr", []),
        ("Le Kremlin salue le retour au pays de 120 soldats captifs.", "fr", []),
        ("After the swap, nine soldiers are heading home to their families.", "en", []),
        # the whole a share is taken from; a whole of losses stays one
        ("He said a third of the 30,000 prisoners enlisted by the group have died.", "en", []),
        ("Officials said 90 percent of the 300,000 casualties were Russian troops.", "en", [(300000, "personnel_casualties")]),
        # a forecast is no claim; a contrast ends what it governs
        (
            "At this rate, Russian losses could pass 900,000 by the summer, though the pace has slowed since a peak of "
            "more than 1,400 a day in winter.",
            "en",
            [(1400, "personnel_casualties")],
        ),
        # a whole opening its sentence is a loss only by a word of its own clause; its parts by theirs
        ("Of 40 Shahed-type drones, 35 were destroyed.", "en", [(35, "drones")]),
        ("Of the 1,000 tanks Russia lost, 600 were T-72s.", "en", [(1000, "tanks"), (600, "tanks")]),
        ("Of 300,000 casualties, 100,000 were killed.", "en", [(300000, "personnel_casualties"), (100000, "personnel_killed")]),
        # a semicolon ends the clause whose words a figure reads; the figure after it is an ellipsis
        ("Russia launched 40 Shahed drones; 35 were shot down and 5 were jammed.", "en", [(35, "drones"), (5, "drones")]),
        ("Cette nuit, 7 UAV ennemis ont été liquidés au-dessus de la région.", "fr", [(7, "drones")]),
        # freeing words count only for captives
        ("Russia released 100 Ukrainian prisoners of war on Friday.", "en", []),
        ("Kiev a libéré 80 prisonniers de guerre, selon le médiateur.", "fr", []),
        ("The army freed the town, where 300 Russian soldiers were killed.", "en", [(300, "personnel_killed")]),
        ("Wagner recruited 40,000 convicts, of whom 10,000 were killed.", "en", [(10000, "personnel_killed")]),
        ("L'armée russe perd environ 30 soldats par kilomètre carré conquis.", "fr", []),
        # losses per unit of ground are a ratio
        ("L'offensive a coûté 30 soldats tués pour chaque km² conquis.", "fr", []),
        # burning is damaged, not lost
        ("The navy said it sank a patrol boat and two more were burning.", "en", [(1, "ships")]),
        # "injured 13 more" after drones counts people
        ("Air defences shot down six drones overnight. Shelling killed a man and injured 9 more.", "en", [(6, "drones")]),
        # weapons fired are no loss; those shot down are
        ("Russia launched 120 drones and 8 missiles overnight; air defences shot down 100 drones.", "en", [(100, "drones")]),
        ("Sur les 40 missiles tirés, 35 ont été abattus.", "fr", [(35, "cruise_missiles")]),
        # "son compte Facebook" counts no troops; weapons "produits dans" NATO countries are no delivery
        (
            "Il a écrit sur son compte Telegram que 3 100 chars, 40 avions et 50 navires avaient été détruits.",
            "fr",
            [(3100, "tanks"), (40, "aircraft"), (50, "ships")],
        ),
        (
            "Moscou a perdu 300 soldats, 12 canons, dont deux produits dans des usines tchèques, et trois radars de contre-batterie.",
            "fr",
            [(300, "personnel_casualties"), (12, "artillery"), (3, "special_equipment")],
        ),
        # a part of people counted but not lost is a loss of its own; civilians after soldiers are no soldiers
        (
            "Kyiv says the group fields 40,000 fighters. Some 3,000 of them were killed last year.",
            "en",
            [(3000, "personnel_killed")],
        ),
        ("Selon l'ONU, au moins 70 000 militaires et 12 000 civils ont été tués.", "fr", [(70000, "personnel_killed")]),
        # a topic opening the sentence names what its noun-less figures count; a noun-less subject
        # of a loss verb counts what the sentence before counted
        (
            "For tanks, the worst month was March, during which Kyiv reported 310 destroyed.",
            "en",
            [(310, "tanks")],
        ),
        (
            "As for guns, losses were worst in May, with 900, and then 850 in June.",
            "en",
            [(900, "artillery"), (850, "artillery")],
        ),
        (
            "L'armée russe a perdu 40 chars en mai, selon Kiev. En juin, 35 ont été détruits.",
            "fr",
            [(40, "tanks"), (35, "tanks")],
        ),
        ("Russia lost 40 tanks in May. In June, 35 soldiers were killed.", "en", [(40, "tanks"), (35, "personnel_killed")]),
        # ballistic missiles named by their model are no loss category; cruise missiles are
        ("La défense a abattu deux missiles Tochka-U et 12 drones.", "fr", [(12, "drones")]),
        (
            "Air defence shot down two ATACMS missiles and 3 Kh-101 missiles.",
            "en",
            [(3, "cruise_missiles")],
        ),
        # an inventory when the war began, artillery units struck: no losses
        ("Russia started the war with some 2,500 tanks, analysts said.", "en", []),
        (
            "L'armée a frappé trois dépôts et 30 détachements d'artillerie.",
            "fr",
            [],
        ),
        # foreign fighters who came or left are no losses; those killed among them are
        (
            "Selon Moscou, 1 200 mercenaires sont arrivés en Ukraine, dont 400 ont été tués et 300 sont partis.",
            "fr",
            [(400, "personnel_killed")],
        ),
        (
            "Selon Moscou, 200 mercenaires ont été tués et 150 autres ont quitté le pays.",
            "fr",
            [(200, "personnel_killed")],
        ),
        (
            "London thinks 50,000 Russian soldiers have died. US officials put this number somewhere near 90,000.",
            "en",
            [(50000, "personnel_killed"), (90000, "personnel_killed")],
        ),
        (
            "The journalists write that data are scarce. Their estimate of Moscow's losses ranges from 500,000 to 600,000 people.",
            "en",
            [(500000, "personnel_casualties")],
        ),
        (
            "Officials estimated that Kyiv, whose population is smaller, had suffered 300,000 casualties.",
            "en",
            [(300000, "personnel_casualties")],
        ),
        ("Les 300 soldats lancés à l'assaut ont tous été tués.", "fr", [(300, "personnel_killed")]),
        # an all-equipment total is no category; a category of all types is that category
        ("Russia has lost 1,091 military vehicles of all kinds, according to Oryx.", "en", []),
        ("Russia has lost 8,000 armoured vehicles of all types, according to Oryx.", "en", [(8000, "armoured_vehicles")]),
    ],
)
def test_not_losses_of_real_reports(text: str, lang: str, expected: list) -> None:
    assert [(c.value, c.category) for c in claims_of(text, lang)] == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # a bulletin item's label is the noun after the last separator, with its adjectives
        (
            "Bilan de l'état-major ukrainien. Personnel : environ 725 740 (+1 690) ; chars : 9 390 (+8) ; "
            "hélicoptères : 329 ; drones opérationnels et tactiques : 19 202 (+91) ; défense antiaérienne : 1 001 (+2).",
            "fr",
            [
                (725740, "personnel_casualties"),
                (1690, "personnel_casualties"),
                (9390, "tanks"),
                (8, "tanks"),
                (329, "helicopters"),
                (19202, "drones"),
                (91, "drones"),
                (1001, "air_defense"),
                (2, "air_defense"),
            ],
        ),
        # the size of a group, a regime's hypothetical reserve, people killed by debris: no losses
        (
            "Les assauts sont menés par de petits groupes de deux à cinq fantassins, ce qui explique la baisse des pertes.",
            "fr",
            [],
        ),
        ("A regime that can absorb these losses can throw another half a million men at the front.", "en", []),
        (
            "Overnight, 28 missiles were shot down. Two people were killed in the capital by falling debris.",
            "en",
            [(28, "cruise_missiles")],
        ),
    ],
)
def test_bulletins_and_look_alikes(text: str, lang: str, expected: list) -> None:
    assert [(c.value, c.category) for c in claims_of(text, lang)] == expected


def test_headline_figure_repeated_in_the_body() -> None:
    # the headline's speaker after a dash, its "MoD" the ministry named next; its scope the body's
    text = (
        "Ukraine Loses Over 320 Troops Near Kursk Within Past Day - MoD\n\n"
        "MOSCOW (Sputnik) - Ukraine's armed forces lost over 320 troops during the past day, "
        "the Russian Defense Ministry reported on Monday."
    )
    found = claims_of(text, "en", "2024-12-02")
    assert [(c.value, c.side, c.source, c.scope, c.period) for c in found] == [
        (320, "ukraine", "russia_mod", "period", "day"),
        (320, "ukraine", "russia_mod", "period", "day"),
    ]


def test_a_headline_ending_on_its_figure_counts_the_noun_before() -> None:
    # the headline printed twice, the second copy above a caption line: both count casualties
    text = (
        "US Officials Put Russian Casualties at 500,000\n\nThe estimate comes as fighting goes on.\n"
        "US Officials Put Russian Casualties at 500,000\nRussian soldiers march in a parade in Moscow in May\nJane Doe\n"
        "Updated:\n\n"
        "The Pentagon said Russia had suffered more than 500,000 casualties."
    )
    found = claims_of(text, "en", "2024-10-10")
    assert [(c.value, c.category) for c in found] == [(500000, "personnel_casualties")] * 3


def test_a_ministry_named_by_its_kind_is_the_datelines_country() -> None:
    text = (
        "MOSCOW, December 24. /TASS/. Since the special military operation began, Russian forces have downed "
        "more than 12,000 Ukrainian drones, the Defense Ministry said."
    )
    assert only(text, "en", "2023-12-24").source == "russia_mod"


def test_range_has_value_max() -> None:
    claim = only("Selon les experts, entre 35.000 et 55.000 soldats russes sont morts depuis le début du conflit.")
    assert (claim.value, claim.value_max, claim.qualifier) == (35000, 55000, "range")


def test_list_sharing_one_verb_gives_one_claim_each() -> None:
    found = claims_of("Selon l'état-major, 3 029 chars et 6 075 véhicules blindés ont été détruits.")
    assert [(c.value, c.category) for c in found] == [(3029, "tanks"), (6075, "armoured_vehicles")]
    assert {c.source for c in found} == {"ukraine_general_staff"}


def test_sum_categories() -> None:
    found = claims_of("L'ennemi a perdu 552 avions et hélicoptères et 30 chars et véhicules blindés, selon l'état-major.")
    assert [(c.value, c.category) for c in found] == [(552, "aircraft_and_helicopters"), (30, "tanks_and_armoured_vehicles")]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Moscou aurait rassemblé à la frontière une force de 45 000 soldats.", "fr"),
        ("Environ 11 000 soldats nord-coréens ont été envoyés dans la région.", "fr"),
        ("Des véhicules blindés transportant chacun 30 soldats ont été vus.", "fr"),
        ("Some 20,000 Russian troops were stranded on the west bank of the river.", "en"),
        ("Les États-Unis ont livré 31 chars Abrams à l'Ukraine.", "fr"),
        ("The president said he would be happy to sacrifice a million soldiers.", "en"),
        ("Douze civils ont été tués et 40 blessés dans la frappe sur Kharkiv.", "fr"),
        ("Depuis la mobilisation, quelque 680 000 Russes auraient quitté le pays.", "fr"),
        ("Un cessez-le-feu de 36 heures commencera à 12h00 le 6 janvier.", "fr"),
        ("Kyiv received a $1.5bn aid package and 40 % more shells.", "en"),
        # ratios: the other term "one" after its preposition
        ("Analysts say five Russian soldiers are wounded for every one killed.", "en"),
        ("Russian forces gain 0.05 km² per one killed soldier, Kyiv says.", "en"),
        ("Selon Kiev, l'armée russe compte trois blessés pour un tué.", "fr"),
        # one of a superlative's many is no count
        ("Near Kursk, Russia lost one of the largest tank battles of the war.", "en"),
        # another war: set by the frame opening the sentence, or by an article naming neither side
        ("Lors de la bataille de la Somme en 1916, pendant la Première Guerre mondiale, 20 000 soldats sont morts.", "fr"),
        ("During the Second Chechen War, Russia suffered 5,000 irretrievable losses.", "en"),
        (
            "Les rebelles affirment avoir tué 800 soldats de l'armée régulière. Les combats ont eu lieu au Darfour. "
            "L'armée n'a pas commenté. Elle dit avoir abattu quatre drones ennemis. La guerre a éclaté il y a deux ans. "
            "Des millions de personnes ont fui.",
            "fr",
        ),
        ("Le bilan s'élève désormais à 47 morts, dont 3 enfants, a annoncé le maire.", "fr"),
        ("At least 12 people were killed when a Russian missile hit a shopping centre.", "en"),
        ("Russia has deployed about 150,000 troops to the border, US officials said.", "en"),
        ("Certains analystes estiment que les pertes russes pourraient atteindre 1,5 million d'hommes.", "fr"),
    ],
)
def test_not_losses(text: str, lang: str) -> None:
    assert claims_of(text, lang) == []


@pytest.mark.parametrize(
    "text, lang, side",
    [
        ("Les forces ukrainiennes ont perdu 20 chars dans l'assaut, a reconnu Kiev.", "fr", "ukraine"),
        ("Plus de 100 soldats nord-coréens ont été tués à Koursk, selon Séoul.", "fr", "other"),
        ("Dans l'est de l'Ukraine, 12 chars russes ont été détruits.", "fr", "russia"),
        ("The Russian defence ministry claimed 300 Ukrainian soldiers were killed.", "en", "ukraine"),
        ("The Russian defence ministry said 300 soldiers were killed in the counter-attack.", "en", "ukraine"),
        ("Moscow admitted that 89 soldiers had been killed in the strike.", "en", "russia"),
        # "the enemy" is the other side of whoever speaks
        ("L'ennemi a perdu 140 militaires, selon le ministère russe de la Défense.", "fr", "ukraine"),
        ("Naval aircraft eliminated 12 unmanned boats of the enemy, the Russian defence ministry said.", "en", "ukraine"),
        ("The enemy lost 300 soldiers in the past day, Ukraine's General Staff said.", "en", "russia"),
        # who destroys is not who loses
        ("Au total, l'armée russe a abattu 416 avions depuis le début de l'opération.", "fr", "ukraine"),
        ("Kyiv says Ukrainian air defences shot down 37 drones overnight.", "en", "russia"),
        ("Trois chasseurs Su-27 ont été abattus par la défense aérienne russe.", "fr", "ukraine"),
        # the owner of the losses, as subject or complement
        ("Les forces ukrainiennes ont perdu 840 hommes, selon la Défense russe.", "fr", "ukraine"),
        ("Quelque 2 700 combattants des forces armées ukrainiennes ont péri dans les affrontements.", "fr", "ukraine"),
        ("Moscow said its air defences downed 49 drones of the Ukrainian army.", "en", "ukraine"),
        ("Les pertes ukrainiennes s'élèvent désormais à 745 militaires.", "fr", "ukraine"),
        # whom it cost lost them; a side word on a trench or a town is no loser
        ("Putin's invasion of Ukraine has now cost Russia more than one million men killed or wounded.", "en", "russia"),
        ("Ses tentatives d'offensive ont coûté à Kiev plus de 85 000 soldats.", "fr", "ukraine"),
        (
            "Analysts believe the number of dead could be more than 250,000, with many of the victims sent to storm "
            "Ukrainian trenches.",
            "en",
            "russia",
        ),
        # the speaker's own, and both sides together
        ("The Russian defence ministry said 498 of its troops had been killed.", "en", "russia"),
        ("Ukraine said it had lost 43,000 soldiers.", "en", "ukraine"),
        ("Le ministère russe de la Défense a reconnu que 1 420 de ses militaires étaient morts.", "fr", "russia"),
        ("The Pentagon said up to 180,000 soldiers on both sides had been killed or wounded.", "en", "other"),
        # the invader's dead; a participle after its noun is no verb of the side before it
        ("Dimanche, la Défense russe a fait savoir que 1 420 soldats avaient été tués en Ukraine.", "fr", "russia"),
        ("Selon l'état-major ukrainien, le nombre de militaires occupants détruits a dépassé 975 000.", "fr", "russia"),
    ],
)
def test_side(text: str, lang: str, side: str) -> None:
    assert only(text, lang).side == side


@pytest.mark.parametrize(
    "text, lang, scope, period",
    [
        ("La Russie a perdu 1 200 soldats en 24 heures, selon l'état-major.", "fr", "period", "day"),
        ("En moyenne, 30 chars russes sont détruits chaque jour.", "fr", "period", "day"),
        ("Russia lost 9,000 troops in a week, Kyiv said.", "en", "period", "week"),
        ("Au moins 89 soldats ont été tués dans la frappe, a admis Moscou.", "fr", "event", None),
        ("Russia has lost 500,000 troops since the start of the full-scale invasion.", "en", "cumulative", None),
    ],
)
def test_scope(text: str, lang: str, scope: str, period: str | None) -> None:
    claim = only(text, lang)
    assert (claim.scope, claim.period) == (scope, period)


@pytest.mark.parametrize(
    "text, lang, source",
    [
        ("Selon le ministère britannique de la Défense, 1 000 soldats russes meurent chaque jour.", "fr", "uk_mod"),
        (
            "Quelque 900 soldats russes meurent chaque jour, a affirmé le chef d'état-major britannique de la défense.",
            "fr",
            "uk_mod",
        ),
        ("Le ministère russe de la Défense a affirmé que 400 soldats ukrainiens avaient été tués.", "fr", "russia_mod"),
        ("US officials estimate that 120,000 Russian troops have been killed.", "en", "us_officials"),
        ("Oryx has visually confirmed the loss of 3,000 Russian tanks.", "en", "oryx"),
        ("The Russian army lost 300 tanks in the battle.", "en", "unattributed"),
        # an inverted subject after the quote it closes; the place before the comma is no source
        (
            "«Depuis le début de l'opération, 1 420 de nos militaires sont morts», a déclaré le chef "
            "adjoint de l'état-major russe.",
            "fr",
            "russia_mod",
        ),
        (
            "Quelque 420 militaires sont morts en Ukraine, a indiqué ce mardi 14 mars le ministère russe de la Défense.",
            "fr",
            "russia_mod",
        ),
        ("About 15,000 Russian soldiers have died in Ukraine, British intelligence estimated.", "en", "uk_mod"),
        # an apposition before the verb is its subject's
        (
            "The US defence secretary, Lloyd Austin, told lawmakers last month that Russia had lost 315,000 troops.",
            "en",
            "us_officials",
        ),
    ],
)
def test_source_in_the_sentence(text: str, lang: str, source: str) -> None:
    assert only(text, lang).source == source


def test_source_carried_from_the_previous_sentence() -> None:
    text = (
        "Les chiffres du ministère ukrainien de la Défense sont accablants.\n\n"
        "Au moins 200 000 soldats russes ont été tués, selon ces chiffres.\n\n"
        "Le ministère affirme également que 5 000 chars ont été détruits.\n\n"
        "Ailleurs, le front reste calme malgré 3 000 chars détruits."
    )
    sources = [c.source for c in claims_of(text)]
    assert sources == ["ukraine_mod", "ukraine_mod", "unattributed"]


@pytest.mark.parametrize(
    "text, lang, source",
    [
        # a headline's speaker after a colon or a dash, or before a colon
        ("6,000 to 13,000 Russian soldiers killed so far: Nato\n\nThe text.", "en", "other"),
        ("General Staff: Russia has lost 400,000 troops\n\nThe text.", "en", "ukraine_general_staff"),
        # an institution named by its kind alone is the one of the army that acts in its sentence
        ("Russian forces have downed more than 12,000 Ukrainian drones, the Defense Ministry said.", "en", "russia_mod"),
        ("L'armée russe a détruit 14 chars, d'après le rapport journalier du ministère de la Défense.", "fr", "russia_mod"),
        # media and their investigations
        ("BBC Russian has confirmed the names of 557 Russian soldiers killed in Ukraine.", "en", "media_estimate"),
        ("La BBC a rapporté qu'au moins 45 000 décès de soldats russes étaient confirmés.", "fr", "media_estimate"),
        # the subject of an apposition, not the name inside it
        ("The Oryx Blog, run by military analysts, has reported that Russia lost more than 1,000 tanks.", "en", "oryx"),
        ("Selon un calcul de l'Otan, les pertes russes s'élèvent à plus de 300 000 soldats.", "fr", "other"),
        # a sentence opening on its source; figures published by it; a pronoun whose speaker opens its sentence
        ("Pour le CSIS, la Russie aurait perdu près de 250 000 soldats tués depuis le début de l'invasion.", "fr", "other"),
        (
            "Les chiffres publiés chaque matin par l'état-major ukrainien en donnent l'ordre : 1 200 soldats russes tués "
            "par jour.",
            "fr",
            "ukraine_general_staff",
        ),
        (
            "Volodymyr Zelensky has given only occasional figures, most recently in February, when he said more than "
            "46,000 Ukrainian soldiers had been killed.",
            "en",
            "ukraine_other",
        ),
        ("According to the open-source intelligence website Oryx, Russia has lost at least 3,500 tanks.", "en", "oryx"),
        ("L'état-major ukrainien : la Russie a perdu 400 000 soldats\n\nLe texte.", "fr", "ukraine_general_staff"),
        ("By our count, Russia has lost 3,000 tanks.", "en", "media_estimate"),
        ("Environ 350 militaires ukrainiens ont été éliminés, a rapporté le ministère russe de la Défense.", "fr", "russia_mod"),
        ("This is much higher than the 6,500 deaths that US intelligence estimated recently.", "en", "us_officials"),
        (
            "Les militaires ukrainiens ont détruit 5 chars russes, selon une vidéo publiée par la 93e brigade.",
            "fr",
            "ukraine_other",
        ),
        # who destroyed reports its deeds; the losers' name is no source
        ("Overnight the Ukrainian Air Force shot down 42 drones.", "en", "ukraine_other"),
        ("Les pertes de Kiev atteignent 410 soldats, a affirmé le ministère russe de la Défense.", "fr", "russia_mod"),
    ],
)
def test_source_of_real_report_shapes(text: str, lang: str, source: str) -> None:
    assert only(text, lang).source == source


def test_a_sentence_can_name_the_source_of_the_one_before() -> None:
    text = (
        "Côté russe, les pertes atteindraient 41 600 militaires. C'est ce qu'indique le bulletin "
        "du jour de l'état-major général des forces armées ukrainiennes."
    )
    assert [(c.value, c.source) for c in claims_of(text)] == [(41600, "ukraine_general_staff")]


def test_estimates_for_a_side_are_its_losses() -> None:
    text = "D'après le New York Times, les estimations pour l'Ukraine s'élevaient alors à 64 000 morts."
    assert [(c.value, c.side, c.source) for c in claims_of(text)] == [(64000, "ukraine", "media_estimate")]


def test_each_clause_has_its_own_speaker() -> None:
    text = (
        "While the Ukrainian government says more than 12,000 Russian troops have died, "
        "the Russian authorities have admitted to just under 600 deaths."
    )
    assert [(c.value, c.source) for c in claims_of(text, "en")] == [(12000, "ukraine_other"), (600, "russia_other")]


def test_a_trailing_selon_is_its_clause_s_source() -> None:
    text = "Selon Kiev, l'armée russe a perdu 500 soldats, tandis que Moscou affirme avoir tué 300 militaires ukrainiens."
    assert [(c.value, c.source) for c in claims_of(text)] == [(500, "ukraine_other"), (300, "russia_other")]
    text = "Moscou n'a publié qu'un seul bilan : 1 351 militaires tués, selon le ministère russe de la Défense."
    assert [(c.value, c.source) for c in claims_of(text)] == [(1351, "russia_mod")]


def test_battlegroup_paragraphs_report_for_the_ministry() -> None:
    text = (
        "Les forces russes ont amélioré leurs positions, selon le bilan quotidien du ministère russe de la Défense. "
        "Les autorités ukrainiennes ont affirmé avoir repoussé les attaques.\n\n"
        "Le groupement Nord a frappé trois brigades. L'ennemi a perdu jusqu'à 85 soldats.\n\n"
        "Le groupement Sud a repoussé cinq assauts. Les pertes ukrainiennes s'élèvent désormais à 745 militaires."
    )
    found = claims_of(text, date="2024-09-29")
    assert [(c.value, c.side, c.source) for c in found] == [(85, "ukraine", "russia_mod"), (745, "ukraine", "russia_mod")]


def test_a_dateline_names_no_source() -> None:
    text = "KYIV, Ukraine (AP) — Satellite photos show that at least eight Russian warplanes were destroyed in Crimea."
    assert [(c.value, c.source) for c in claims_of(text, "en")] == [(8, "unattributed")]


def test_pronoun_subject_takes_the_last_speaker() -> None:
    text = (
        "L'état-major de l'armée ukrainienne affirme que 93 410 soldats russes sont morts.\n"
        "Il a aussi déclaré que 3 260 chars avaient été détruits au total."
    )
    assert [c.source for c in claims_of(text)] == ["ukraine_general_staff", "ukraine_general_staff"]


def test_pronoun_takes_the_last_speaker() -> None:
    text = (
        "Sir Tony Radakin a déclaré que la Russie souffrait.\n"
        "“Elle est sur le point d'atteindre 650 000 morts ou blessés”, a-t-il ajouté dimanche."
    )
    claim = only(text)
    assert (claim.source, claim.category, claim.qualifier) == ("uk_mod", "personnel_casualties", "nearly")


def test_outlet_arithmetic_is_a_media_estimate() -> None:
    text = "Le total atteint 96 800 morts au jour 290. Cela signifie que Moscou a perdu en moyenne 334 soldats par jour."
    found = claims_of(text)
    assert found[-1].value == 334
    assert (found[-1].source, found[-1].qualifier, found[-1].period) == ("media_estimate", "about", "day")


def test_ellipsis_takes_its_own_category() -> None:
    found = claims_of("Selon Kiev, 400 soldats russes sont morts et 300 autres blessés dans la frappe.")
    assert [(c.value, c.category) for c in found] == [(400, "personnel_killed"), (300, "personnel_wounded")]


def test_captions_excluded_unless_asked() -> None:
    text = "Des chars détruits à Kiev Crédit : Reuters\n\nLa Russie a perdu 3 000 chars, selon l'état-major.\n"
    document = bilan.read_text("On pense que 1 800 chars ont été perdus Crédit : Reuters\n\n" + text, "t", lang="fr")
    assert [c.value for c in extract_claims(document)] == [3000]
    with_captions = extract_claims(document, include_captions=True)
    assert [(c.value, c.caption) for c in with_captions] == [(1800, True), (3000, False)]


def test_offsets_index_the_full_text_with_metadata() -> None:
    text = "title: Bilan\ndate: 2024-05-14\n\nSelon l'état-major, 1 740 soldats russes ont été tués en 24 heures.\n"
    document = bilan.read_text(text, "t")
    claim = extract_claims(document)[0]
    assert text[claim.start : claim.end] == claim.text
    assert "1 740" in claim.text
    assert claim.as_of == "2024-05-14"


def test_bulletin_lines() -> None:
    text = (
        "Les pertes totales de l'ennemi du 24.02.22 au 13.05.24 sont estimées à :\n"
        "personnel — environ 484 030 (+1 740) personnes,\n"
        "chars — 7 446 (+10),\n"
    )
    found = claims_of(text, date="2024-05-13")
    summary = [(c.value, c.category, c.qualifier, c.scope, c.period) for c in found]
    assert summary == [
        (484030, "personnel_casualties", "about", "cumulative", None),
        (1740, "personnel_casualties", "exact", "period", "day"),
        (7446, "tanks", "exact", "cumulative", None),
        (10, "tanks", "exact", "period", "day"),
    ]
    assert {c.as_of for c in found} == {"2024-05-13"}


def test_a_list_of_items_is_a_bulletin_without_a_header() -> None:
    text = "Le bilan du jour. Personnel : environ 600 000 (+1 200) ; chars : 8 800 (+5) ; avions : 369 ; hélicoptères : 328 (+1)."
    found = claims_of(text, date="2024-08-25")
    summary = [(c.value, c.category, c.scope) for c in found]
    assert summary == [
        (600000, "personnel_casualties", "cumulative"),
        (1200, "personnel_casualties", "period"),
        (8800, "tanks", "cumulative"),
        (5, "tanks", "period"),
        (369, "aircraft", "cumulative"),
        (328, "helicopters", "cumulative"),
        (1, "helicopters", "period"),
    ]
    assert {c.source for c in found} == {"ukraine_general_staff"}


@pytest.mark.parametrize(
    "text, value, category",
    [
        ("Ukraine's air force said it shot down one Russian Su-34 over the Donetsk region.", 1, "aircraft"),
        ("Russian forces destroyed 17 Leopard 2 near Robotyne, the Russian defence ministry claimed.", 17, "tanks"),
        ("Kyiv said it had hit two S-400 launchers in Crimea overnight.", 2, "air_defense"),
    ],
)
def test_weapon_models_count_as_their_type(text: str, value: int, category: str) -> None:
    claim = only(text, "en")
    assert (claim.value, claim.category) == (value, category)


@pytest.mark.parametrize(
    "text, lang, value, qualifier",
    [
        ("Russian casualties are nearing 400,000, the Pentagon said.", "en", 400000, "nearly"),
        ("The General Staff's tally of Russian losses passed the one million mark on Thursday.", "en", 1000000, "more_than"),
        ("Les pertes russes ont franchi la barre des 500 000 hommes, selon Kiev.", "fr", 500000, "more_than"),
        ("US officials put Russian deaths at as many as 120,000.", "en", 120000, "up_to"),
    ],
)
def test_thresholds_and_approximations(text: str, lang: str, value: int, qualifier: str) -> None:
    claim = only(text, lang)
    assert (claim.value, claim.qualifier) == (value, qualifier)


def test_an_institution_named_again_is_the_one_named_before() -> None:
    text = (
        "Russia's defence ministry published its weekly report on Monday.\n\n"
        "Its figures could not be checked. Moscow gave no proof.\n\n"
        "In its briefing, the ministry said Ukraine had lost 480 troops over the past 24 hours."
    )
    claim = only(text, "en")
    assert (claim.value, claim.source, claim.side) == (480, "russia_mod", "ukraine")


def test_anaphoric_subjects_carry_the_source() -> None:
    text = "Russian casualties are nearing 300,000, US officials said on Friday.\nThat figure includes as many as 120,000 deaths."
    assert [c.source for c in claims_of(text, "en")] == ["us_officials", "us_officials"]
    text = (
        "Le ministère ukrainien de la Défense a publié samedi son bilan mensuel.\n\n"
        "Selon ce document, l'armée russe a perdu 31 270 militaires en octobre, soit en moyenne 1 009 hommes par jour."
    )
    assert [c.source for c in claims_of(text)] == ["ukraine_mod", "ukraine_mod"]


@pytest.mark.parametrize(
    "text, lang, value, scope, period",
    [
        # a bulletin says its period once, then lists small figures with no cue of their own
        (
            "Le ministère russe de la Défense a publié son bilan des dernières 24 heures. "
            "Le groupement Ouest a frappé neuf brigades. L'ennemi a perdu 480 militaires.",
            "fr",
            480,
            "period",
            "day",
        ),
        (
            "Over the past week, air defence units downed a helicopter. Naval aviation destroyed 14 enemy "
            "unmanned boats, the ministry said.",
            "en",
            14,
            "period",
            "week",
        ),
        # the sentence's own period, however far from the figure
        (
            "Three Ukrainian Su-24 jets were downed by Russian air defence systems over the course of the special "
            "operation in the past day, the ministry's spokesman said on Sunday.",
            "en",
            3,
            "period",
            "day",
        ),
        # the Russian name of the war is no single operation
        (
            "Au total, depuis le début de l'opération spéciale, 400 avions militaires ont été détruits.",
            "fr",
            400,
            "cumulative",
            None,
        ),
        # "over the same period": the period of the figure before
        (
            "Ukraine lost 3,715 men in the counter-offensive. Russia lost 71 soldiers over the same period, he said.",
            "en",
            71,
            "event",
            None,
        ),
        ("Depuis le début de l'année, Kiev a perdu plus de 80 000 militaires, selon Moscou.", "fr", 80000, "period", "year"),
        # a list shares the cue that follows it
        ("Kiev lost 23,000 troops and 300 tanks last month, Moscow said.", "en", 23000, "period", "month"),
        # a figure that continues another takes its own cue first, the other's scope only without one
        ("Russia has lost 8,740 tanks since the war began, and 15 more in the past 24 hours.", "en", 15, "period", "day"),
    ],
)
def test_scope_read_from_the_text_around_the_figure(text: str, lang: str, value: int, scope: str, period: str | None) -> None:
    claim = next(c for c in claims_of(text, lang) if c.value == value)
    assert (claim.scope, claim.period) == (scope, period), claim.reasons


def test_a_period_said_by_another_voice_does_not_carry() -> None:
    text = (
        "Ukraine's General Staff says 460 Russian soldiers were killed in the previous 24 hours.\n\n"
        "Russia's Defence Ministry claimed that its forces had destroyed five drones near Snake Island."
    )
    claim = next(c for c in claims_of(text, "en") if c.value == 5)
    assert claim.scope == "event", claim.reasons


def test_a_dated_statement_is_not_the_bulletin_day() -> None:
    text = (
        "Au cours des dernières 24 heures, 1 200 soldats russes ont été tués, selon l'état-major ukrainien. "
        "Le 18 avril, le ministère russe de la Défense avait reconnu que 1 420 de ses soldats étaient morts."
    )
    claim = next(c for c in claims_of(text) if c.value == 1420)
    assert claim.scope != "period", claim.reasons


@pytest.mark.parametrize(
    "text, lang, date, value, as_of",
    [
        # the date of the statement that gives the figure
        (
            "Le 18 avril dernier, la Défense russe a de son côté indiqué que 1 420 soldats avaient été tués.",
            "fr",
            "2022-05-03",
            1420,
            "2022-04-18",
        ),
        (
            "In December, the minister said Ukraine's casualties had reached 362,000 since the conflict began.",
            "en",
            "2024-02-02",
            362000,
            "2023-12",
        ),
        # the period before the document's
        ("Kiev lost 23,000 troops and 300 tanks last month, Moscow said.", "en", "2024-02-02", 23000, "2024-01"),
        ("L'Ukraine a perdu 17 000 soldats le mois dernier, selon Moscou.", "fr", "2024-01-10", 17000, "2023-12"),
    ],
)
def test_as_of_read_from_the_text(text: str, lang: str, date: str, value: int, as_of: str) -> None:
    claim = next(c for c in claims_of(text, lang, date) if c.value == value)
    assert claim.as_of == as_of, claim.reasons


@pytest.mark.parametrize(
    "text, lang, value, category, side",
    [
        # the nouns of real reports: troopers are soldiers
        ("On Monday, Moscow said that it lost 1,120 troopers in the fighting.", "en", 1120, "personnel_casualties", "russia"),
        ("Two Russian troopers were killed near the village, Kyiv said.", "en", 2, "personnel_killed", "russia"),
        # the General Staff's multiple rocket launchers as translations give them (CLAIMS.md: `mlrs`)
        ("L'état-major a indiqué que 150 lanceurs de missiles russes avaient été détruits.", "fr", 150, "mlrs", "russia"),
        ("L'armée ukrainienne affirme avoir détruit 48 lanceurs de roquettes russes.", "fr", 48, "mlrs", "russia"),
        ("Russia has lost 612 multiple missile systems, the General Staff said.", "en", 612, "mlrs", "russia"),
        (
            "Ukraine's military said Russia had lost 1,850 tanks, 310 multiple missile launchers and 40 helicopters.",
            "en",
            310,
            "mlrs",
            "russia",
        ),
        # the General Staff's air-defence line (`anti-aircraft warfare`), not missiles shot down
        (
            "Ukraine's military said Russia had lost 1,850 tanks, 121 surface-to-air missiles and 40 helicopters.",
            "en",
            121,
            "air_defense",
            "russia",
        ),
        ("Selon l'état-major, la Russie a perdu 2 100 chars et 87 missiles sol-air.", "fr", 87, "air_defense", "russia"),
    ],
)
def test_nouns_of_real_reports(text: str, lang: str, value: int, category: str, side: str) -> None:
    claim = next(c for c in claims_of(text, lang) if c.value == value)
    assert (claim.category, claim.side) == (category, side), claim.reasons


@pytest.mark.parametrize(
    "text, lang, value, category, side",
    [
        # maimed for good is wounded
        ("Au moins 150 000 Russes handicapés à vie.", "fr", 150000, "personnel_wounded", "russia"),
        ("Plus de 50 000 militaires russes resteront handicapés, selon Londres.", "fr", 50000, "personnel_wounded", "russia"),
        (
            "Quelque 20 000 soldats ukrainiens ont été amputés depuis le début de la guerre.",
            "fr",
            20000,
            "personnel_wounded",
            "ukraine",
        ),
        ("At least 150,000 Russians disabled for life.", "en", 150000, "personnel_wounded", "russia"),
        (
            "Nearly 50,000 Russian troops are permanently disabled, British intelligence said.",
            "en",
            50000,
            "personnel_wounded",
            "russia",
        ),
        ("About 20,000 Ukrainian soldiers are amputees.", "en", 20000, "personnel_wounded", "ukraine"),
        # a nationality is the object of a verb of killing, wounding or capturing
        ("La guerre a tué 120 000 Russes, selon Mediazona.", "fr", 120000, "personnel_killed", "russia"),
        ("L'armée russe affirme avoir capturé 300 Ukrainiens près de Koursk.", "fr", 300, "personnel_captured", "ukraine"),
        ("The war has killed 120,000 Russians, Mediazona said.", "en", 120000, "personnel_killed", "russia"),
        ("Ukrainian forces have wounded at least 2,000 Russians this week.", "en", 2000, "personnel_wounded", "russia"),
    ],
)
def test_wounded_for_life_and_nationalities_as_objects(text: str, lang: str, value: int, category: str, side: str) -> None:
    claim = next(c for c in claims_of(text, lang) if c.value == value)
    assert (claim.category, claim.side) == (category, side), claim.reasons


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Les frappes ont tué 30 Ukrainiens et blessé 40 civils à Kharkiv.", "fr"),
        ("The missile strike on the city killed 30 Ukrainians, including 5 children.", "en"),
    ],
)
def test_nationalities_killed_among_civilians_are_no_claims(text: str, lang: str) -> None:
    assert claims_of(text, lang) == []


@pytest.mark.parametrize(
    "text, lang, value, side",
    [
        # foreign fighters are counted with the side they fight for, wherever they die
        ("Deux combattants belges ont été tués en Ukraine.", "fr", 2, "ukraine"),
        ("Trois volontaires géorgiens ont été tués près de Bakhmout.", "fr", 3, "ukraine"),
        ("Deux Britanniques ont été tués en combattant pour l'Ukraine.", "fr", 2, "ukraine"),
        ("Two Belgian fighters were killed in Ukraine.", "en", 2, "ukraine"),
        ("Three Georgian volunteers have died fighting near Bakhmut.", "en", 3, "ukraine"),
        ("Two Britons were killed in Ukraine, the Foreign Office said.", "en", 2, "ukraine"),
        # foreigners killed, as Moscow counts them: the side they fight for is the one Moscow fights
        (
            "Selon le ministère russe de la Défense, l'armée ukrainienne compte des combattants de 50 pays. "
            "Au total, quelque 3.000 étrangers sont déjà morts au front.",
            "fr",
            3000,
            "ukraine",
        ),
        (
            "Russia's defence ministry said Ukraine's army had fighters from 50 countries. "
            "In all, some 3,000 foreigners have been killed at the front.",
            "en",
            3000,
            "ukraine",
        ),
    ],
)
def test_foreign_fighters_are_the_side_they_fight_for(text: str, lang: str, value: int, side: str) -> None:
    claim = next(c for c in claims_of(text, lang) if c.value == value)
    assert (claim.category, claim.side) == ("personnel_killed", side), claim.reasons


@pytest.mark.parametrize(
    "text, lang, value, side",
    [
        # a pronoun counts the people the sentence before named, and takes their side
        ("Trois volontaires français sont partis combattre. Deux d'entre eux auraient été tués.", "fr", 2, "ukraine"),
        ("Quatre volontaires britanniques ont rejoint la Légion. Trois d'entre eux sont morts.", "fr", 3, "ukraine"),
        ("Three French volunteers went to fight. Two of them were killed.", "en", 2, "ukraine"),
        ("Four British volunteers travelled to Ukraine last year. Two of them have died.", "en", 2, "ukraine"),
    ],
)
def test_a_pronoun_counts_the_people_named_before(text: str, lang: str, value: int, side: str) -> None:
    claim = only(text, lang)
    assert (claim.value, claim.category, claim.side) == (value, "personnel_killed", side), claim.reasons


def test_a_pronoun_after_a_strikes_victims_is_no_claim() -> None:
    text = "The strike killed 19 people in one building. Five of them were children."
    assert [c.value for c in claims_of(text, "en")] == []


@pytest.mark.parametrize(
    "text, lang, value, value_max",
    [
        # a range introduced by a verb of the past or the conditional, after the noun it counts
        ("Le nombre de militaires russes tués en un mois se situait entre 7000 et 15 000.", "fr", 7000, 15000),
        ("Selon l'Otan, le nombre de soldats ukrainiens morts se situait entre 40 000 et 60 000.", "fr", 40000, 60000),
        ("Le nombre de soldats russes tués variait entre 20 000 et 30 000.", "fr", 20000, 30000),
        ("Le nombre de soldats russes tués oscillait entre 20 000 et 30 000, selon Londres.", "fr", 20000, 30000),
        # already read in English (kept as guards)
        ("The number of Russian soldiers killed was between 7,000 and 15,000.", "en", 7000, 15000),
        ("The number of Russian troops killed stood at between 7,000 and 15,000, NATO said.", "en", 7000, 15000),
    ],
)
def test_a_range_after_the_noun_it_counts(text: str, lang: str, value: int, value_max: int) -> None:
    claim = only(text, lang)
    assert (claim.value, claim.value_max, claim.qualifier, claim.category) == (
        value,
        value_max,
        "range",
        "personnel_killed",
    ), claim.reasons
