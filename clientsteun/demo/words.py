"""Names and words of the demo: common Dutch names combined at random, and the sentences, titles
and reasons its notes, routes and letters are made of.  All fictional: no real person or instance.
"""

from __future__ import annotations

from clientsteun.domain.routes import ReversedTest

# -- Residents and their conversations ---------------------------------------------------------------

FIRST_NAMES = (
    "Anouk", "Fatima", "Sanne", "Priya", "Ingrid", "Lotte", "Yasmina", "Esther", "Naima", "Marieke",
    "Joyce", "Ilse", "Samira", "Chantal", "Wendy", "Daan", "Mohamed", "Kees", "Jeroen", "Bilal",
    "Ruud", "Sven", "Thijs", "Ahmet", "Henk", "Dewi", "Rachid", "Bram", "Tim", "Gerrit",
)  # fmt: skip
SURNAMES = (
    "de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "El Amrani", "Yilmaz",
    "Kartosen", "Pinas", "Nguyen", "Wijaya", "de Groot", "Koster", "Prins", "Huisman", "Kaya",
)  # fmt: skip
MUNICIPALITIES = (
    "Utrecht", "Amersfoort", "Zeist", "Nieuwegein", "Houten", "Leusden", "Stichtse Vecht", "De Bilt",
)  # fmt: skip
STREETS = ("Lindelaan", "Molenweg", "Kerkstraat", "Sportlaan", "Beukenhof", "Dorpsstraat", "Vinkenpad")
ROLES = ("zus", "broer", "moeder", "buurvrouw", "mantelzorger", "wijkverpleegkundige", "vriend", "GGZ-behandelaar")
ASKED = (
    "Hulp bij het aanvragen van een urgentieverklaring.",
    "Kan ik een taxivergoeding krijgen voor mijn vrijetijdsbesteding?",
    "Hulp bij een brief van de gemeente over de Wmo.",
    "Ik wil van mijn schulden af.",
    "Hulp bij bezwaar tegen een besluit over bijzondere bijstand.",
    "Ik zoek huishoudelijke hulp.",
    "Mijn energie wordt afgesloten, wat moet ik doen?",
)  # fmt: skip
WANTS = (
    "Een eigen plek voor mij en de kinderen, dicht bij hun school.",
    "Minder alleen zijn en weer onder de mensen komen.",
    "Rust in mijn hoofd en overzicht over mijn post.",
    "Zelf kunnen blijven wonen zonder afhankelijk te zijn van mijn dochter.",
    "Dat ik niet steeds van het kastje naar de muur word gestuurd.",
    "Weer kunnen werken, al is het maar een paar uur.",
)  # fmt: skip
SENTENCES = (
    "Inwoner vertelt over de huurachterstand bij de woningcorporatie.",
    "We hebben samen de brief van de gemeente gelezen en uitgelegd.",
    "Het keukentafelgesprek is gepland; we bereiden de vragen voor.",
    "De schuldhulpverlening wil eerst dat de behandeling bij de GGZ start.",
    "De GGZ wil pas starten als de schulden op orde zijn.",
    "Aanvraag urgentieverklaring besproken; bewijs van zoekgedrag verzameld.",
    "Inwoner staat ingeschreven als woningzoekende sinds vorig jaar.",
    "Samen gebeld met de consulent van de gemeente, geen gehoor.",
    "Inwoner slaapt tijdelijk bij familie en dat geeft spanning.",
    "De kinderen gaan naar school in de wijk, verhuizen is lastig.",
    "We hebben het budgetoverzicht ingevuld met de vaste lasten.",
    "Inwoner is tevreden over het gesprek en voelt zich gehoord.",
    "Bezwaar tegen de afwijzing wordt voorbereid; termijn van zes weken loopt.",
    "Mantelzorger is bij het gesprek aanwezig en vult aan.",
    "Inwoner wil graag meer contact met de buurt, bijvoorbeeld via het buurthuis.",
    "Er is een melding bij de Wmo gedaan; de gemeente neemt contact op.",
    "Afgesproken dat ik meega naar het gesprek met de woningcorporatie.",
    "Inwoner heeft moeite met lezen; we spreken de brieven samen door.",
    "De energieleverancier dreigt af te sluiten; direct contact gezocht.",
    "Het gaat iets beter, de post is weer op orde.",
)  # fmt: skip
AGREEMENTS = (
    ("Inwoner", "Inkomensverklaring opvragen bij de Belastingdienst"),
    ("Cliëntondersteuner", "Gemeente bellen over de stand van de aanvraag"),
    ("Inwoner", "Uittreksel BRP ophalen bij het gemeentehuis"),
    ("Cliëntondersteuner", "Bezwaarschrift samen opstellen"),
    ("Instantie", "Besluit sturen over de Wmo-aanvraag"),
    ("Inwoner", "Brief van de verhuurder meenemen naar het volgende gesprek"),
    ("Iemand uit het netwerk", "Meegaan naar het keukentafelgesprek"),
)  # fmt: skip


# -- Routes tried -----------------------------------------------------------------------------------

CORPORATIONS = ("Woonstichting De Linde", "Woningcorporatie Het Anker", "Wooncoöperatie Vinkenhof")
MENTAL_HEALTH = ("GGZ-team De Brug", "GGZ-instelling Rivierland", "Praktijk voor psychiatrie Beukenhof")
CONTACTS = ("mevrouw", "meneer")
REFUSED_URGENCY = (
    "Er is geen acute noodsituatie: de inwoner kan tijdelijk bij familie wonen.",
    "De inwoner heeft volgens de gemeente niet genoeg zelf gezocht.",
    "De woonsituatie is volgens de gemeente niet onhoudbaar.",
)  # fmt: skip
REFUSED_OBJECTION = "De bezwaarcommissie vindt dat de gemeente de regels goed heeft toegepast."
SPECIAL_TITLES = (
    "Bijzondere bijstand voor een wasmachine", "Bijzondere bijstand voor de kosten van bewindvoering",
    "Bijzondere bijstand voor bedden voor de kinderen", "Bijzondere bijstand voor de eigen bijdrage",
)  # fmt: skip
REFUSED_ASSISTANCE = (
    "De kosten zijn volgens de gemeente niet noodzakelijk.",
    "De kosten vallen onder de algemene bijstand; de inwoner moet ervoor sparen.",
    "Het inkomen is volgens de gemeente te hoog.",
)  # fmt: skip
WMO_TITLES = (
    "Huishoudelijke hulp via de Wmo", "Begeleiding thuis via de Wmo", "Scootmobiel via de Wmo",
    "Aanpassing van de badkamer via de Wmo", "Dagbesteding via de Wmo",
)  # fmt: skip
PARTLY_WMO = (
    "Minder uren huishoudelijke hulp toegekend dan gevraagd.",
    "Begeleiding toegekend voor een half jaar in plaats van een jaar.",
)  # fmt: skip
REFUSED_WMO = (
    "Volgens de gemeente kan het netwerk de hulp geven.",
    "Volgens de gemeente is er een algemene voorziening die past.",
)  # fmt: skip
SEARCH_EFFORTS = (
    "Gereageerd op {n} woningen via de woningsite",
    "Gereageerd op {n} woningen; nergens uitgenodigd voor een bezichtiging",
    "Bij {n} makelaars gevraagd naar een huurwoning",
)  # fmt: skip
NO_ANSWER = (
    "Gemeente gebeld, geen gehoor",
    "Gemeente gebeld, teruggebeld worden beloofd; niets gehoord",
    "Opnieuw gemaild naar de consulent; geen reactie",
    "Langs geweest bij het loket; de consulent was er niet",
)  # fmt: skip
REVERSED_TESTS = {
    "housing_urgency": ReversedTest(
        wanted_effect="Een eigen woning voor mij en mijn twee kinderen, dicht bij hun school.",
        own_strength="Ik zoek al lang zelf, maar met mijn inkomen kom ik nergens tussen.",
        network="Mijn zus heeft ons tijdelijk opgevangen, maar haar huis is te klein en het geeft spanning.",
        paying_self="Een huis in de vrije sector is te duur met een bijstandsuitkering.",
        general_facility="Gewoon reageren op woningen duurt jaren; zo lang kunnen we niet bij mijn zus blijven.",
        legal_basis="Huisvestingsverordening van de gemeente: urgentie bij een onhoudbare woonsituatie.",
    ),
    "wmo": ReversedTest(
        wanted_effect="Zelf kunnen blijven wonen en het huis schoon houden.",
        own_strength="Door mijn rugklachten kan ik niet meer stofzuigen of de was doen.",
        network="Mijn dochter woont ver weg en werkt fulltime.",
        paying_self="Met alleen AOW kan ik geen schoonmaker betalen.",
        general_facility="De was- en strijkservice van de buurt helpt, maar niet bij het schoonmaken.",
        legal_basis="Wmo 2015, art. 2.3.5: een maatwerkvoorziening voor zelfredzaamheid.",
    ),
    "special_assistance": ReversedTest(
        wanted_effect="Weer schone kleren voor mij en de kinderen.",
        own_strength="Ik heb geen spaargeld; alles gaat naar de vaste lasten.",
        network="Familie kan niet bijspringen.",
        paying_self="Afbetalen lukt niet naast de betalingsregelingen voor de schulden.",
        general_facility="De kringloopwinkel had geen wasmachine die het deed.",
        legal_basis="Participatiewet, art. 35: bijzondere bijstand voor noodzakelijke kosten.",
    ),
    "youth_care": ReversedTest(
        wanted_effect="Dat mijn zoon weer naar school gaat en thuis rust heeft.",
        own_strength="Ik weet niet meer hoe ik hem kan helpen.",
        network="Zijn vader is niet in beeld; oma is ziek.",
        general_facility="De schoolmaatschappelijk werker zegt dat meer nodig is.",
        legal_basis="Jeugdwet, art. 2.3.",
    ),
    "wlz": ReversedTest(
        wanted_effect="Veilig wonen met zorg dichtbij, de hele dag.",
        own_strength="Door de dementie vergeet hij te eten en raakt hij de weg kwijt.",
        network="Zijn vrouw is zelf ziek en kan het niet meer aan.",
        general_facility="Thuiszorg komt drie keer per dag, maar dat is niet genoeg.",
        legal_basis="Wet langdurige zorg, art. 3.2.1.",
    ),
}
