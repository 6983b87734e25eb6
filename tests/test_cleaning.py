"""Cleaning: every mark kind in French and English, sentences, offsets, and the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilan.cleaning import RULES, Cleaned, clean, split_sentences
from bilan.model import Document, Mark
from bilan.reading import read_html, read_path, read_text

PROSE_FR = [
    "Les forces russes ont perdu des milliers de soldats depuis le début de l’invasion, selon Kyiv.",
    "L’état-major ukrainien publie chaque matin le bilan des pertes de l’ennemi.",
    "Les analystes jugent ces chiffres plausibles, même s’ils ne peuvent être vérifiés.",
]
PROSE_EN = [
    "Russian forces have lost thousands of soldiers since the start of the invasion, Kyiv says.",
    "The Ukrainian general staff publishes its tally of enemy losses every morning.",
    "Analysts find the figures plausible, although they cannot be verified independently.",
]


def article(middle: list[str], lang: str, separator: str = "\n\n") -> str:
    prose = PROSE_FR if lang == "fr" else PROSE_EN
    return separator.join([prose[0], prose[1], *middle, prose[2]])


def marks_of(text: str, lang: str) -> list[tuple[str, str]]:
    cleaned = clean(read_text(text, lang=lang))
    return [(mark.kind, text[mark.start : mark.end]) for mark in cleaned.marks]


# --- whole-paragraph marks ----------------------------------------------------------------

PARAGRAPH_MARKS = [
    ("caption", "fr", "Des chars russes calcinés exposés dans le centre de Kyiv Crédit : Twitter/@exemple"),
    ("caption", "fr", "Des blindés russes entrent en Biélorussie par la route 1 crédit : East2West"),
    ("caption", "fr", "Des soldats ukrainiens tirent au mortier près de Bakhmout Photo : AFP"),
    ("caption", "en", "Russian tanks burn on the outskirts of Kyiv Credit: Getty"),
    ("caption", "en", "Ukrainian soldiers fire a howitzer near Bakhmut Photo: AFP"),
    ("caption", "en", "A Ukrainian serviceman walks past a destroyed tank near Kupiansk (Image: GETTY)"),
    ("caption", "en", "Ukrainian servicemen ride a tank near Bakhmut. REUTERS/Gleb Garanich"),
    ("caption", "en", "A destroyed Russian tank lies in a field near Izium. Getty Images"),
    ("caption", "fr", "Un char russe détruit près d’Izioum, le 12 septembre 2022. SERGEI SUPINSKY / AFP"),
    ("caption", "fr", "Des soldats ukrainiens près de Bakhmout, en janvier. © AFP"),
    ("caption", "en", "Pictured: Ukrainian soldiers fire at Russian positions near Bakhmut."),
    ("caption", "en", "A destroyed Russian tank is pictured near Avdiivka (file photo)"),
    ("caption", "fr", "Sur la photo : des soldats ukrainiens près de Bakhmout."),
    ("caption", "fr", "Des camions militaires détruits bordent la route près de Koupiansk, dans la région de Kharkiv"),
    ("caption", "en", "Firefighters put out a blaze after a Russian strike hit a house in Kharkiv"),
    ("credit", "en", "Credit: Reuters"),
    ("credit", "fr", "Crédit : AFP"),
    (
        "cookie_banner",
        "en",
        "This site uses cookies to give you a better experience. Carry on if you agree, or you may opt-out. Accept Read More",
    ),
    ("cookie_banner", "fr", "Nous utilisons des cookies pour améliorer votre expérience de navigation. Tout accepter"),
    ("cookie_banner", "en", "We and our partners store and access information on your device."),
    ("navigation", "fr", "Home » MONDE » Kiev célèbre la reprise de 1 500 km de territoire"),
    ("navigation", "fr", "Accueil › International › Guerre en Ukraine"),
    ("navigation", "en", "News > World > Europe"),
    ("navigation", "fr", "Europe › Ukraine › Guerre en Ukraine : le bilan des pertes russes"),
    ("navigation", "en", "News | Sport | Politics | World | Business"),
    ("navigation", "en", "Skip to content"),
    ("navigation", "fr", "Partager cet article"),
    ("navigation", "en", "ADVERTISEMENT"),
    (
        "navigation",
        "en",
        "Get the biggest daily news stories by email Subscribe We use your sign-up to provide content in ways "
        "you've consented to. You can unsubscribe at any time. More info",
    ),
    ("navigation", "en", "We pay for your stories! Do you have a story for The Sun news desk? Email us at tips@the-sun.co.uk"),
    ("navigation", "fr", "Inscrivez-vous à notre newsletter pour recevoir chaque matin l’essentiel de l’actualité."),
    ("navigation", "fr", "Cet article est réservé aux abonnés. Il vous reste 80% à découvrir."),
    ("navigation", "fr", "S'inscrire"),
    ("related", "en", "Follow our Ukraine live blog for the latest updates"),
    ("related", "en", "Related Articles"),
    ("related", "en", "Read more: Putin's army loses 500 tanks in a month"),
    ("related", "en", "READ MORE: Russia's deadliest day of the war"),
    ("related", "fr", "En savoir plus sur notre blog en direct ICI."),
    ("related", "fr", "Lire aussi : Les pertes russes dépassent 100 000 soldats"),
    ("related", "fr", "À lire aussi"),
    (
        "teaser",
        "fr",
        "Ukraine EN DIRECT : la Corée du Sud inflige un nouveau revers à la Russie – Poutine ressort de vieux chars",
    ),
    ("teaser", "en", "Russia-Ukraine war LIVE: Putin suffers fresh blow as 1,000 troops are lost in a day"),
    ("teaser", "en", "LIVE: Ukraine says Russia lost 1,950 soldiers on Monday"),
    ("byline", "fr", "par Jessie Neal"),
    ("byline", "fr", "Par Jean Dupont et Marie Curie"),
    ("byline", "en", "By John Smith, Defence Editor"),
    ("byline", "en", "By JOHN SMITH FOR MAILONLINE | PUBLISHED: 12:34, 5 January 2023"),
    ("byline", "en", "Published: 12:34 GMT, 5 January 2023"),
    ("byline", "en", "Updated on Monday 9 January 2023"),
    ("byline", "fr", "Mis à jour le 5 janvier 2023 à 12h34"),
    ("byline", "fr", "Publié le 12/11/2024 à 08h00"),
    ("byline", "en", "(Reporting by Pavel Polityuk; Editing by Alex Richardson)"),
    ("byline", "fr", "Avec AFP"),
    ("byline", "en", "Jack Royston, Foreign News Editor"),
    ("byline", "fr", "Marie Dupont, envoyée spéciale à Kyiv"),
]


@pytest.mark.parametrize(("kind", "lang", "paragraph"), PARAGRAPH_MARKS)
def test_paragraph_marks(kind: str, lang: str, paragraph: str) -> None:
    text = article([paragraph], lang)
    assert marks_of(text, lang) == [(kind, paragraph)]


@pytest.mark.parametrize(("kind", "lang", "paragraph"), PARAGRAPH_MARKS)
def test_paragraph_marks_in_line_separated_text(kind: str, lang: str, paragraph: str) -> None:
    text = article([paragraph], lang, separator="\n")
    assert marks_of(text, lang) == [(kind, paragraph)]


NOT_MARKED = [
    ("fr", "Par ailleurs, 200 chars russes ont été détruits dans la région, selon Kyiv."),
    ("fr", "Par ailleurs les chars"),  # a byline needs a name after "par"
    ("en", "By Monday, Russia lost 500"),
    ("en", "Kyiv said 500 tanks were lost. Photo: the wreckage of one of them near Izium."),
    ("en", "Published figures show that 100,000 Russian soldiers have died."),
    ("en", "Updated figures from Kyiv put the toll at 1,950 soldiers in a day."),
    ("en", "Sir Tony Radakin, the Chief of the Defence Staff, told the BBC that 1,500 were lost every day."),
    ("fr", "PÉAGE SOMBRE"),  # a crosshead, not a caption
    ("en", "GRIM TOLL"),
    ("fr", "INFO"),
    ("en", "Kyiv said the figures were correct. Read more about the war on our website."),
    ("en", "Russia lost 1,950 troops on Monday, the army said. Source: Ukrainian General Staff"),
    ("fr", "Le ministère a publié une photo : les chars détruits s’alignent sur la place."),
    ("en", "The live blog reported heavy shelling in Kherson overnight, officials said."),
    ("en", "BREAKING: Ukraine says Russia lost 1,950 troops yesterday"),  # a live blog's own entry
    ("fr", "FLASH : l’armée ukrainienne annonce 2 030 soldats russes tués ou blessés en 24 heures"),
    ("fr", "Les autorités ukrainiennes ont publié des photos de soldats hissant leur drapeau sur la mairie."),
]


@pytest.mark.parametrize(("lang", "paragraph"), NOT_MARKED)
def test_prose_is_not_marked(lang: str, paragraph: str) -> None:
    assert marks_of(article([paragraph], lang), lang) == []


def test_in_html_an_unpunctuated_line_is_a_subheading_but_credits_still_mark_captions() -> None:
    subheading = "Russian losses mount as 1,000 more soldiers fall near Avdiivka"
    caption = "Russian tanks destroyed near Kyiv, 500 of them lost in March Credit: Getty"
    html = (
        f"<html><body><article><p>{PROSE_EN[0]}</p><p>{PROSE_EN[1]}</p><p>{caption}</p>"
        f"<h2>{subheading}</h2><p>{PROSE_EN[2]}</p></article></body></html>"
    )
    document = read_html(html)
    assert document.meta["format"] == "html"
    assert [(m.kind, document.text[m.start : m.end]) for m in clean(document).marks] == [("caption", caption)]
    assert marks_of(article([subheading], "en"), "en") == [("caption", subheading)]  # in plain text: a caption


@pytest.mark.parametrize(
    "paragraph",
    [
        "Oleksandr Syrskyi, Chief of the General Staff, said 1,000 Russian soldiers died near Avdiivka",
        "Tom Cotterill, Defence Correspondent, says 1,000 Russian soldiers died",
        "By Monday, Russia lost 500 tanks in the battle",
    ],
)
def test_unpunctuated_statements_are_not_bylines(paragraph: str) -> None:
    # Between prose they are caption-shaped; the title slot keeps them as prose.
    assert marks_of(article([paragraph], "en"), "en") == [("caption", paragraph)]
    assert marks_of("\n\n".join([paragraph, *PROSE_EN]), "en") == []


def test_title_without_punctuation_is_not_a_caption() -> None:
    text = "Kiev célèbre la reprise de 1 500 km de territoire\n\n" + "\n\n".join(PROSE_FR)
    assert marks_of(text, "fr") == []


def test_caption_needs_prose_after_it() -> None:
    text = "\n\n".join(PROSE_EN + ["Ukrainian soldiers ride a tank near Bakhmut on Tuesday morning"])
    assert marks_of(text, "en") == []


def test_consecutive_captions_are_marked_up_to_a_short_run() -> None:
    captions = [
        "Les soldats russes sont enlisés dans une guerre de près d’un an",
        "Le front ukrainien rappelle désormais les tranchées de 1914-1918",
    ]
    assert marks_of(article(captions, "fr"), "fr") == [("caption", caption) for caption in captions]


@pytest.mark.parametrize("time", ["15:10", "10:12 BST", "08h40", "9.45"])
def test_live_blog_entry_headline_under_its_time_is_not_a_caption(time: str) -> None:
    entry = [time, "Russia lost 940 soldiers in 24 hours according to Kyiv"]
    assert marks_of(article(entry, "en"), "en") == []
    # the same line with no time above it stays a caption
    assert marks_of(article(entry[1:], "en"), "en") == [("caption", entry[1])]


def test_a_line_cut_before_its_comma_goes_on_at_the_next() -> None:
    cut = "Overall, Ukraine has lost more than 41,270 servicemen and 248 tanks in its Kursk incursion\n, the ministry added."
    cleaned = clean(read_text(article([cut], "en"), lang="en"))
    assert cleaned.marks == []
    assert any(cleaned.document.text[a:b] == cut for a, b in cleaned.paragraphs)


def test_bulletin_list_is_not_captions() -> None:
    bulletin = [
        "Les pertes totales de l'ennemi du 24.02.22 au 12.05.24 sont estimées à :",
        "personnel — environ 488 560 (+1 140) personnes",
        "chars — 7 461 (+11)",
        "véhicules blindés de combat — 14 349 (+17)",
        "systèmes d'artillerie — 12 386 (+34)",
        "Personnel militaire de l'ennemi éliminé au cours des dernières 24 heures",
        "Avions et hélicoptères abattus selon les données préliminaires",
        "Drones tactiques opérationnels détruits dans la journée d'hier",
        "Missiles de croisière interceptés par la défense aérienne",
    ]
    assert marks_of(article(bulletin, "fr"), "fr") == []


@pytest.mark.parametrize(
    "header", ["Related Articles", "Read more on Ukraine", "MOST READ", "Sur le même sujet", "En savoir plus…"]
)
def test_related_header_and_its_links(header: str) -> None:
    links = ["Putin's army loses 500 tanks in a month", "Russia 'has lost 2,000 tanks'", "Zelensky hails the liberation of Izium"]
    text = article([header, *links], "en")
    assert marks_of(text, "en") == [("related", header)] + [("related", link) for link in links]


def test_a_related_link_is_not_a_header() -> None:
    link = "Read more: Putin's army loses 500 tanks in a month"
    follows = "Ukrainian soldiers inspect a destroyed Russian tank near Avdiivka"  # a photo caption
    assert marks_of(article([link, follows], "en"), "en") == [("related", link), ("caption", follows)]


@pytest.mark.parametrize(
    ("lang", "headline", "blurb", "link"),
    [
        (
            "fr",
            "Ukraine EN DIRECT : la Corée du Sud inflige un nouveau revers à la Russie",
            ["Séoul a infligé un autre revers à Vladimir Poutine.", "Moscou a établi une liste d’armes à acheter."],
            "En savoir plus sur notre blog en direct ICI.",
        ),
        (
            "en",
            "Ukraine LIVE: Russia loses 1,000 troops in a day",
            ["Russia lost another 1,000 soldiers on Monday, Kyiv said."],
            "Read more on Express.co.uk's live blog HERE",
        ),
    ],
)
def test_teaser_blurb_runs_to_the_link(lang: str, headline: str, blurb: list[str], link: str) -> None:
    text = article([headline, *blurb, link], lang)
    assert marks_of(text, lang) == [("teaser", headline)] + [("teaser", p) for p in blurb] + [("related", link)]


def test_teaser_without_link_keeps_the_next_paragraph() -> None:
    headline = "Ukraine LIVE: Russia loses 1,000 troops in a day"
    text = article([headline, "Russia lost another 1,000 soldiers on Monday, Kyiv said."], "en")
    assert marks_of(text, "en") == [("teaser", headline)]


# --- credits inside sentences, repeats ----------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "sentence", "note"),
    [
        ("fr", "Les revers de Vladimir Poutine (photo) sur le front se multiplient.", "(photo)"),
        ("en", "Vladimir Putin (pictured) has lost 100,000 troops, officials say.", "(pictured)"),
        ("en", "Sir Tony Radakin (pictured left) said Russia was losing 1,500 a day.", "(pictured left)"),
        ("fr", "Volodymyr Zelensky (à gauche) a rencontré Joe Biden à Washington.", "(à gauche)"),
    ],
)
def test_inline_photo_note_is_a_credit_and_the_sentence_stays(lang: str, sentence: str, note: str) -> None:
    text = article([sentence], lang)
    cleaned = clean(read_text(text, lang=lang))
    start = text.index(note)
    assert cleaned.marks == [Mark("credit", start, start + len(note))]
    assert text[slice(*cleaned.sentences[cleaned.sentence_index(start)])] == sentence


@pytest.mark.parametrize("separator", ["\n\n", "\n"])
def test_repeated_paragraph_later_copy_is_marked(separator: str) -> None:
    repeated = "Les camions se sont embrasés sous un déluge de tirs d’artillerie."
    text = article([repeated, "Le char a détruit trois camions blindés et deux chars.", repeated], "fr", separator)
    cleaned = clean(read_text(text))
    later = text.rindex(repeated)
    assert cleaned.marks == [Mark("repeat", later, later + len(repeated))]


def test_repeated_sentence_inside_another_paragraph() -> None:
    sentence = "Russia lost 1,950 soldiers on Monday, the army said."
    text = article([f"{sentence} It was the deadliest day.", f"The toll keeps rising. {sentence}"], "en")
    cleaned = clean(read_text(text))
    later = text.rindex(sentence)
    assert cleaned.marks == [Mark("repeat", later, later + len(sentence))]


def test_the_headline_printed_again_is_no_repeat() -> None:
    # a page's title, then the article's own: each copy is a mention; a repeated prose paragraph still is a repeat
    headline = "Kyiv Says Russia Lost 900 Tanks in One Year"
    paragraph = "Russian forces have lost 900 tanks in one year, the army said on Monday."
    text = "\n\n".join([headline, headline, paragraph, PROSE_EN[1], paragraph])
    later = text.rindex(paragraph)
    assert clean(read_text(text, lang="en")).marks == [Mark("repeat", later, later + len(paragraph))]


def test_a_six_word_subheading_between_prose_is_no_caption() -> None:
    text = article(["Près de 300 blindés russes capturés", "Les blindés ont été récupérés par l'armée."], "fr")
    assert marks_of(text, "fr") == []


def test_short_repeats_are_not_marked() -> None:
    text = article(["Il a ajouté : rien.", "Les chiffres sont lourds. Il a ajouté : rien."], "fr")
    assert clean(read_text(text)).marks == []


def test_repeat_covers_a_photo_note_inside_it() -> None:
    sentence = "Vladimir Putin (pictured) has lost 100,000 troops, officials say."
    text = article([sentence + " More follows.", "Then again. " + sentence], "en")
    later = text.rindex(sentence)
    note = text.index("(pictured)")
    assert clean(read_text(text)).marks == [Mark("credit", note, note + 10), Mark("repeat", later, later + len(sentence))]


# --- sentences ----------------------------------------------------------------------------

SENTENCE_CASES = [
    ("fr", "M. Zelensky a parlé. Mme Dupont a répondu.", ["M. Zelensky a parlé.", "Mme Dupont a répondu."]),
    (
        "fr",
        "Le Dr. Martin et le Gén. Zaloujny sont là. Ils parlent.",
        ["Le Dr. Martin et le Gén. Zaloujny sont là.", "Ils parlent."],
    ),
    (
        "en",
        "Gen. Valery Gerasimov met Lt. Gen. Sergei Surovikin. They talked.",
        ["Gen. Valery Gerasimov met Lt. Gen. Sergei Surovikin.", "They talked."],
    ),
    (
        "en",
        "U.S. officials said 100,000 were killed. The U.K. agreed.",
        ["U.S. officials said 100,000 were killed.", "The U.K. agreed."],
    ),
    ("en", "Sir Tony Radakin told the BBC. J. R. Smith agreed.", ["Sir Tony Radakin told the BBC.", "J. R. Smith agreed."]),
    ("fr", "le président russe Vladimir. Poutineaffirmant que", ["le président russe Vladimir.", "Poutineaffirmant que"]),
    ("fr", "Il a dit : « Non ! » Puis il est parti.", ["Il a dit : « Non ! »", "Puis il est parti."]),
    ("fr", "a déclaré : “Premièrement. Kiev ne recule pas.”", ["a déclaré : “Premièrement.", "Kiev ne recule pas.”"]),
    ("en", "“We lost 200 tanks.” The general said so.", ["“We lost 200 tanks.”", "The general said so."]),
    ("fr", "dans le Donetsk. direction.", ["dans le Donetsk. direction."]),
    ("fr", "Il y a trois ans. 1 800 chars ont été perdus.", ["Il y a trois ans.", "1 800 chars ont été perdus."]),
    ("fr", "Les pertes… Elles grimpent ! Vraiment ? Oui.", ["Les pertes…", "Elles grimpent !", "Vraiment ?", "Oui."]),
    ("en", "It fell 3.5 per cent in 2022. Then it rose.", ["It fell 3.5 per cent in 2022.", "Then it rose."]),
    ("en", "Tanks, guns, etc. The losses grew.", ["Tanks, guns, etc.", "The losses grew."]),
    ("fr", "Il y avait env. 30 soldats. Puis 40.", ["Il y avait env. 30 soldats.", "Puis 40."]),
    ("fr", "Première ligne sans point\nDeuxième ligne.", ["Première ligne sans point", "Deuxième ligne."]),
    ("en", "  Leading blanks.   Trailing blanks.  ", ["Leading blanks.", "Trailing blanks."]),
    ("en", "", []),
    # glued sentences of stored pages, and what is not one
    ("fr", "Il a perdu 300 soldats.Le ministère l'a dit.", ["Il a perdu 300 soldats.", "Le ministère l'a dit."]),
    ("fr", 'Il cite "des chars occidentaux."Puis des drones.', ['Il cite "des chars occidentaux."', "Puis des drones."]),
    ("en", "He cited “western tanks.”The outlet added more.", ["He cited “western tanks.”", "The outlet added more."]),
    ("en", "See kyivindependent.com and J.Smith or St.Petersburg.", ["See kyivindependent.com and J.Smith or St.Petersburg."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SENTENCE_CASES)
def test_split_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in split_sentences(text, 0, len(text), lang)] == expected


SENTENCE_PIECES = st.sampled_from(
    ["M.", "U.S.", "Gen.", "« ", " »", "“", "”", ".", "!", "?", "…", "\n", " ", "\u00a0", "1 800", "Les", "the", "(", ")"]
)


@given(
    st.lists(st.one_of(SENTENCE_PIECES, st.text(max_size=8)), max_size=30),
    st.integers(0, 40),
    st.integers(0, 400),
    st.sampled_from(["fr", "en"]),
)
@settings(max_examples=300, deadline=None)
def test_split_sentences_spans_hold(pieces: list[str], start: int, length: int, lang: str) -> None:
    text = "".join(pieces)
    start = min(start, len(text))
    end = min(len(text), start + length)
    previous_end = start
    for span_start, span_end in split_sentences(text, start, end, lang):
        assert previous_end <= span_start < span_end <= end
        assert text[span_start:span_end] == text[span_start:span_end].strip()
        assert "\n\n" not in text[span_start:span_end]  # a hard-wrapped line may go on, never past a blank line
        previous_end = span_end
    # nothing but blanks is left out
    covered = "".join(text[a:b] for a, b in split_sentences(text, start, end, lang))
    assert "".join(text[start:end].split()) == "".join(covered.split())


def test_split_sentences_within_a_range() -> None:
    text = "Avant. M. Dupont a dit. Oui. Après."
    start, end = text.index("M."), text.index(" Après")
    assert [text[a:b] for a, b in split_sentences(text, start, end, "fr")] == ["M. Dupont a dit.", "Oui."]


# --- structure, lookups and invariants ----------------------------------------------------


def test_paragraphs_and_sentences_of_the_body_only() -> None:
    text = "---\ntitle: Les pertes\ndate: 2023-01\n---\n\nPremier paragraphe. Deux phrases.\n\n  Second paragraphe.  \nTroisième."
    cleaned = clean(read_text(text))
    assert [text[a:b] for a, b in cleaned.paragraphs] == ["Premier paragraphe. Deux phrases.", "Second paragraphe.", "Troisième."]
    assert [text[a:b] for a, b in cleaned.sentences] == [
        "Premier paragraphe.",
        "Deux phrases.",
        "Second paragraphe.",
        "Troisième.",
    ]


def test_lookups() -> None:
    caption = "Des chars russes calcinés exposés dans le centre de Kyiv Crédit : Twitter/@exemple"
    text = article([caption], "fr")
    cleaned = clean(read_text(text))
    start = text.index(caption)
    inside = text.index("Kyiv Crédit")
    assert cleaned.mark_at(inside, inside + 4) == Mark("caption", start, start + len(caption))
    assert cleaned.mark_at(start - 5, start + 3) is None  # straddles the edge
    assert cleaned.mark_at(0, 10) is None
    assert cleaned.paragraph_index(inside) == 2
    assert cleaned.sentence_index(inside) == 2
    assert cleaned.sentence_index(0) == 0
    assert cleaned.sentence_index(len(text)) == len(cleaned.sentences) - 1
    gap = text.index("\n\n")
    assert cleaned.paragraph_index(gap) == 0  # between paragraphs: the one before


def assert_invariants(cleaned: Cleaned) -> None:
    document = cleaned.document
    text = document.text
    for spans in (cleaned.paragraphs, cleaned.sentences, [(m.start, m.end) for m in cleaned.marks]):
        previous_end = document.body_start
        for start, end in spans:
            assert previous_end <= start < end <= len(text)  # sorted, non-overlapping, within
            assert text[start:end] == text[start:end].strip()
            assert "\n\n" not in text[start:end]
            previous_end = end
    for start, end in cleaned.sentences:
        assert "\n\n" not in text[start:end]  # only a hard-wrapped line goes on past a newline
        paragraph = cleaned.paragraphs[cleaned.paragraph_index(start)]
        assert paragraph[0] <= start and end <= paragraph[1]
    for index, (start, _) in enumerate(cleaned.sentences):
        assert cleaned.sentence_index(start) == index
    for mark in cleaned.marks:
        assert cleaned.mark_at(mark.start, mark.end) == mark


FURNITURE = st.sampled_from(
    [
        "Crédit : Reuters",
        "1 crédit : East2West",
        "(photo)",
        "(pictured)",
        "Home » MONDE » ",
        "Related Articles",
        "En savoir plus…",
        "Ukraine EN DIRECT : ",
        "LIVE: ",
        "par Jessie Neal",
        "By John Smith",
        "cookies",
        "Accept",
        "M.",
        "U.S.",
        "Gen.",
        "« ",
        " »",
        "“",
        "”",
        ".",
        "!",
        "?",
        "…",
        "\n",
        "\n\n",
        " ",
        "\u00a0",
        "1 800",
        "|",
        ":",
        "Les chars russes ont été détruits.",
        "Russia lost 1,950 troops on Monday.",
        "Published: 5 January 2023",
    ]
)


@given(st.lists(st.one_of(FURNITURE, st.text(max_size=12)), max_size=40), st.sampled_from(["fr", "en"]))
@settings(max_examples=400, deadline=None)
def test_clean_never_raises_and_spans_hold(pieces: list[str], lang: str) -> None:
    text = "".join(pieces)
    assert_invariants(clean(Document(id="h", text=text, lang=lang)))


@given(st.text(max_size=300), st.integers(0, 50))
@settings(max_examples=200, deadline=None)
def test_clean_respects_body_start(text: str, offset: int) -> None:
    body_start = min(offset, len(text))
    cleaned = clean(Document(id="h", text=text, body_start=body_start, lang="fr"))
    assert_invariants(cleaned)
    assert all(start >= body_start for start, _ in cleaned.paragraphs)


# --- the seeds ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, Cleaned]:
    return {path.stem[:3]: clean(read_path(path)[0]) for path in sorted(seeds_dir.glob("0*.txt"))}


def marked(cleaned: Cleaned, kind: str | None = None) -> list[str]:
    text = cleaned.document.text
    return [text[m.start : m.end] for m in cleaned.marks if kind is None or m.kind == kind]


def test_seed_invariants(seeds: dict[str, Cleaned]) -> None:
    for cleaned in seeds.values():
        assert_invariants(cleaned)


def test_seed_002_credit_captions(seeds: dict[str, Cleaned]) -> None:
    captions = marked(seeds["002"], "caption")
    assert len(captions) == 4
    assert captions[0].endswith("Crédit : Reuters")
    assert captions[1].endswith("1 crédit : East2West") and captions[2].endswith("1 crédit : East2West")
    assert captions[3].endswith("Crédit : AFP")


def test_seed_000_credit_captions(seeds: dict[str, Cleaned]) -> None:
    captions = marked(seeds["000"], "caption")
    assert len(captions) == 4 and all(c.endswith("Crédit : Twitter/@mrsorokaa") for c in captions)
    assert marked(seeds["000"]) == captions


def test_seed_003_furniture(seeds: dict[str, Cleaned]) -> None:
    cleaned = seeds["003"]
    kinds = {kind: marked(cleaned, kind) for kind in ("navigation", "byline", "teaser", "related", "cookie_banner", "caption")}
    assert kinds["navigation"][0].startswith("Home » MONDE »")
    assert kinds["byline"] == ["par Jessie Neal"]
    assert kinds["teaser"][0].startswith("Ukraine EN DIRECT")
    assert len(kinds["teaser"]) == 3  # the headline and its two-paragraph blurb
    assert len(kinds["related"]) == 2 and kinds["related"][0].startswith("En savoir plus sur le blog")
    assert kinds["related"][1] == "Related Articles"
    assert len(kinds["cookie_banner"]) == 1 and kinds["cookie_banner"][0].startswith("This website uses cookies")
    # the four photo captions, by their opening words (the seed's text stays in the seed)
    assert [" ".join(c.split()[:3]) for c in kinds["caption"]] == [
        "Des véhicules blindés",
        "Les pompiers éteignent",
        "Un homme à",
        "Les forces ukrainiennes",
    ]
    title = cleaned.paragraphs[1]
    assert cleaned.document.text[slice(*title)].startswith("Tournant alors que Zelensky")
    assert cleaned.mark_at(*title) is None  # the title is prose


def test_seed_001_repeat_and_photo_notes(seeds: dict[str, Cleaned]) -> None:
    cleaned = seeds["001"]
    repeats = marked(cleaned, "repeat")
    assert len(repeats) == 1
    assert repeats[0].startswith("Les véhicules ont pris feu")
    text = cleaned.document.text
    first = text.index(repeats[0])
    assert cleaned.mark_at(first, first + len(repeats[0])) is None  # the first copy stays
    assert marked(cleaned, "credit") == ["(photo)", "(photo)"]


def test_seed_004_captions_and_pull_quote(seeds: dict[str, Cleaned]) -> None:
    assert [c[:40] for c in marked(seeds["004"])] == [
        "Les dirigeants se fichent qu’un million ",
        "Les troupes russes ont été entraînées da",
        "Une grande partie de l’Ukraine ressemble",
    ]


def test_no_gold_claim_inside_a_mark_but_the_caption_one(seeds: dict[str, Cleaned], seeds_gold: Path) -> None:
    inside = []
    for line in seeds_gold.read_text("utf-8").splitlines():
        gold = json.loads(line)
        cleaned = seeds[gold["doc"][:3]]
        assert cleaned.document.text[gold["start"] : gold["end"]] == gold["evidence"]
        mark = cleaned.mark_at(gold["start"], gold["end"])
        if mark is not None:
            inside.append((gold["doc"][:3], gold["start"], gold["end"], mark.kind))
        sentence = cleaned.sentences[cleaned.sentence_index(gold["start"])]
        assert sentence[0] <= gold["start"] and gold["end"] <= sentence[1]  # evidence within one sentence
    assert inside == [("000", 482, 518, "caption")]


def test_every_cookie_and_promo_phrase_passes_its_gate() -> None:
    for phrase in RULES["cookie_words"] + RULES["cookie_phrases"]:
        assert any(gate in phrase for gate in RULES["cookie_gate"]), phrase
    for phrase in RULES["promo_phrases"]:
        assert any(gate in phrase for gate in RULES["promo_gate"]), phrase


@pytest.mark.parametrize(
    "headline",
    ["EN DIRECT - Guerre en Ukraine : nouveau record de pertes russes selon Kiev", "LIVE: Russia loses 1,950 troops in a day"],
)
def test_a_live_blog_own_headline_is_not_a_teaser(headline: str) -> None:
    lang = "fr" if headline.startswith("EN") else "en"
    text = "\n\n".join([headline, *(PROSE_FR if lang == "fr" else PROSE_EN)])
    assert marks_of(text, lang) == []


def test_hard_wrapped_wire_copy_keeps_its_sentences() -> None:
    text = (
        "Kiev, 12 nov 2024 (AFP) - L'armée russe a perdu 1 950 soldats lundi, un\n"
        "record depuis le début de l'invasion, a affirmé mardi l'état-major\n"
        "ukrainien.\n"
        "\n"
        "Selon le même décompte, les pertes russes s'élèvent désormais à 712 610\n"
        "hommes depuis février 2022.\n"
        "chars ‒ 7 635 (+13),\n"
        "avions ‒ 356 (+1),\n"
    )
    cleaned = clean(read_text(text, "t", lang="fr"))
    sentences = [text[s:e] for s, e in cleaned.sentences]
    assert sentences[0].endswith("l'état-major\nukrainien.")
    assert sentences[1] == "Selon le même décompte, les pertes russes s'élèvent désormais à 712 610\nhommes depuis février 2022."
    assert sentences[2:] == ["chars ‒ 7 635 (+13),", "avions ‒ 356 (+1),"]  # list items stay one a line
    assert cleaned.marks == []


def test_sentence_end_matches_as_its_look_behind_first_form() -> None:
    """_SENTENCE_END leads with its first stop and refuses a stop before it after it: the same
    ends as the look-behind written first, from any start."""
    import re

    from bilan import cleaning

    closers = re.escape(cleaning.RULES["sentence_closers"])
    before = re.compile(rf"(?<![.!?…])[.!?…]++(?:{cleaning._BLANK}?[{closers}])*(?=\s)")
    text = 'Fin... Oui!? Non.\u00a0» Puis… «A» ?! x.y . . z!!! \n.. a.) b." c?» \u00a0d' + "." * 50 + " e"
    for start in range(len(text)):
        assert [m.span() for m in cleaning._SENTENCE_END.finditer(text, start)] == [
            m.span() for m in before.finditer(text, start)
        ]
