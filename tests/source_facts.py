"""What the five source documents say, read from /work/shared/sources for the saved-question tests.

The expected answers of tests/test_saved_questions.py are computed from here, never from the
curated data. Lists the sources spell out (the action plan's rows, the network's challenges,
the conference themes) are parsed from the text files; the rest is transcribed by hand, each
fact with the words of the source it comes from. The only link to the curated graph is the
choice of IRI for each thing a source names (``local`` names such as ``"ulf"``), which a
source cannot give.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from locations import SHARED

#: The shared folder beside the repository; tests skip when it is absent.

SOURCES = SHARED / "sources"

LK_WEB = "000_6a1f2b0d01e02e89.txt"
LK_PLAN = "001_7658455127dcdd56.txt"
NK_WEB = "002_57dc6fa4b9f4e51e.txt"
LNU_WEB = "003_f472ae6b5ba9f94c.txt"
RO_WEB = "004_fe6608385cb009ea.txt"

# --- times as the sources write them -----------------------------------------------------------

MONTH_NAMES = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}


def bounds(words: str) -> tuple[date, date]:
    """First and last day that a Swedish time expression may mean.

    "2021", "hösten 2021" / "våren 2017" (second / first half-year, as the ontology's
    skg:autumn and skg:spring define them), "augusti 2021", "22 oktober 2024".
    """
    text = words.strip().rstrip(".").lower()
    if match := re.fullmatch(r"(\d{4})", text):
        year = int(match[1])
        return date(year, 1, 1), date(year, 12, 31)
    if match := re.fullmatch(r"(hösten|våren) (\d{4})", text):
        year = int(match[2])
        if match[1] == "hösten":
            return date(year, 7, 1), date(year, 12, 31)
        return date(year, 1, 1), date(year, 6, 30)
    if match := re.fullmatch(r"([a-zåäö]+) (\d{4})", text):
        month, year = MONTHS[match[1]], int(match[2])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if match := re.fullmatch(r"(\d{1,2}) ([a-zåäö]+) (\d{4})", text):
        day = date(int(match[3]), MONTHS[match[2]], int(match[1]))
        return day, day
    raise ValueError(f"not a time expression: {words!r}")


def precision(words: str) -> str:
    """The OWL-Time unit (local name) of a time expression."""
    text = words.strip().rstrip(".").lower()
    if re.fullmatch(r"\d{4}", text):
        return "unitYear"
    if re.fullmatch(r"(hösten|våren) \d{4}", text):
        return "unitSeason"
    if re.fullmatch(r"\d{1,2} [a-zåäö]+ \d{4}", text):
        return "unitDay"
    return "unitMonth"


# --- the partnerships ---------------------------------------------------------------------------

LIU = "linkopings-universitet"
LNU = "linneuniversitetet"
LK = "linkopings-kommun"
NK = "norrkopings-kommun"
RO = "region-ostergotland"

PS_LK = "liu-linkopings-kommun"
PS_NK = "liu-norrkopings-kommun"
PS_RO = "liu-region-ostergotland"
NETWORK = "linnekommuner-i-samverkan"

AGR_LK = "liu-linkopings-kommun-2021"
AGR_NK = "liu-norrkopings-kommun-2017"
AGR_RO = "liu-region-ostergotland-2017"
PLAN = "liu-linkopings-kommun-2021-2024"

#: Partnership -> (kind, university, named public partner or None).
PARTNERSHIPS = {
    # 000: "Linköpings universitet och Linköpings kommun ... i ett strategiskt partnerskap"
    PS_LK: ("Partnership", LIU, LK),
    # 002: "Norrköpings kommun är en av LiU:s strategiska samverkanspartners"
    PS_NK: ("Partnership", LIU, NK),
    # 004: "Linköpings universitet (LiU) och Region Östergötland ..."
    PS_RO: ("Partnership", LIU, RO),
    # 003: "en mötesplats mellan kommunerna i regionen och forskare ... vid Linnéuniversitetet";
    # the municipalities are not named.
    NETWORK: ("Network", LNU, None),
}
#: 003: "Vi vill återigen bjuda in samtliga 36 kommuner i Linnéregionen"
NETWORK_MEMBER_COUNT = 36
#: 002: "Samarbetet formaliseras genom avtal som sedan år 2002 tecknats mellan parterna."
AGREEMENTS_SINCE = {PS_NK: "2002"}


@dataclass(frozen=True)
class Validity:
    """When something was signed and valid, in the source's words (None: not stated)."""

    partnership: str
    kind: str
    signed: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    #: the source's words for a validity with no end ("tills vidare"), None if not stated
    open_ended: str | None = None

    @property
    def start(self) -> tuple[date, date] | None:
        words = self.valid_from or self.signed
        return bounds(words) if words else None

    @property
    def end(self) -> tuple[date, date] | None:
        return bounds(self.valid_until) if self.valid_until else None


VALIDITY = {
    # 000: "2021 tecknades ett nytt samverkansavtal"; 001: "Planen avser och omfattar
    # avtalsperioden 2021-2024"
    AGR_LK: Validity(PS_LK, "CollaborationAgreement", "2021", "2021", "2024"),
    # 001: "Giltighetstid: 2021-2024"
    PLAN: Validity(PS_LK, "ActionPlan", None, "2021", "2024"),
    # 002: "Nu gällande avtal undertecknades 2017 och gäller till och med december 2020."
    AGR_NK: Validity(PS_NK, "CollaborationAgreement", "2017", None, "december 2020"),
    # 004: "Våren 2017 tecknade de båda aktörerna ett strategiskt samverkansavtal"; no end given
    AGR_RO: Validity(PS_RO, "CollaborationAgreement", "våren 2017"),
    # 003: a meeting place without an agreement; no dates
    NETWORK: Validity(NETWORK, "Network"),
}

# --- areas of the agreements -------------------------------------------------------------------

#: Agreement -> {area IRI local name: the area's name in the source}.
AREAS = {
    # 000/001: "Tre samverkansområden har beslutats; hållbar stadsutveckling, hållbar tillväxt
    # och hållbar välfärd."
    AGR_LK: {
        "lk-hallbar-stadsutveckling": "Hållbar stadsutveckling",
        "lk-hallbar-tillvaxt": "Hållbar tillväxt",
        "lk-hallbar-valfard": "Hållbar välfärd",
    },
    # 002: "de tre samverkansområdena Bildning, Hållbar tillväxt och Välfärd"
    AGR_NK: {
        "norrkoping-bildning": "Bildning",
        "norrkoping-hallbar-tillvaxt": "Hållbar tillväxt",
        "norrkoping-valfard": "Välfärd",
    },
    # 004: "bägges styrkor inom – förutom hälso- och sjukvård – samhällsbyggnad,
    # kompetensförsörjning och företagande"
    AGR_RO: {
        "region-halso-och-sjukvard": "Hälso- och sjukvård",
        "region-samhallsbyggnad": "Samhällsbyggnad",
        "region-kompetensforsorjning": "Kompetensförsörjning",
        "region-foretagande": "Företagande",
    },
}
AREA_OF_AGREEMENT = {area: agr for agr, areas in AREAS.items() for area in areas}

# --- the register: partnerships published from stored public pages (data/workbooks/) -----------
# Not among the five documents: each fact below is stated by a public page found with the search
# tool (its address is the source's schema:url), and carries evidence (position and digest) there.

UMU = "umea-universitet"
MAU = "malmo-universitet"
UU = "uppsala-universitet"
PS_UMU_UK = "umu-umea-kommun"
PS_UMU_RV = "umu-region-vasterbotten"
PS_UMU_SK = "umu-skelleftea-kommun"
PS_MAU = "mau-malmo-stad"
PS_UU = "uu-region-gotland"
AGR_UMU_UK = "umu-umea-kommun-2018"
AGR_UMU_RV = "umu-region-vasterbotten-2019"
AGR_UMU_SK = "umu-skelleftea-kommun-2020"
AGR_MAU = "mau-malmo-stad-2021"
AGR_UU = "uu-region-gotland-2013"
#: Renewals of the seeds' agreements, reported by stored pages.
AGR_NK_2021 = "liu-norrkopings-kommun-2021"
AGR_LK_2025 = "liu-linkopings-kommun-2025"

REGISTER_PARTNERSHIPS = {
    PS_UMU_UK: ("Partnership", UMU, "umea-kommun"),
    PS_UMU_RV: ("Partnership", UMU, "region-vasterbotten"),
    PS_UMU_SK: ("Partnership", UMU, "skelleftea-kommun"),
    PS_MAU: ("Partnership", MAU, "malmo-stad"),
    PS_UU: ("Partnership", UU, "region-gotland"),
}

REGISTER_VALIDITY = {
    # umu.se 2018-01-16 "Avtalet undertecknades på tisdagen"; the press invitation "tisdagen den
    # 16 januari"; umu.se "Sedan januari 2018"; "gäller till dess det sägs upp": no end
    AGR_UMU_UK: Validity(
        PS_UMU_UK,
        "CollaborationAgreement",
        "16 januari 2018",
        "januari 2018",
        open_ended="till dess det sägs upp av endera parten",
    ),
    # press release "Tisdag den 15 januari undertecknar"; umu.se 2019-01-16 "har undertecknat"
    AGR_UMU_RV: Validity(PS_UMU_RV, "CollaborationAgreement", "15 januari 2019"),
    # umu.se "I december 2020 ingick Umeå universitet ett strategiskt partnerskap"
    AGR_UMU_SK: Validity(PS_UMU_SK, "CollaborationAgreement", "december 2020"),
    # TheMayor.EU "signed on 23 November and valid until 2024"; ISU "i slutet av 2021"
    AGR_MAU: Validity(PS_MAU, "CollaborationAgreement", "23 november 2021", None, "2024"),
    # campusgotland.uu.se, 6 september 2013: "har idag undertecknat en avsiktsförklaring"
    AGR_UU: Validity(PS_UU, "CollaborationAgreement", "6 september 2013"),
    # liu.se 2021-03-11 "Nu har ett förnyat samverkansavtal undertecknats": no day, no period
    AGR_NK_2021: Validity(PS_NK, "CollaborationAgreement"),
    # EUniverCities 2025-01-29 "it will remain in force until 2028"; no signing day
    AGR_LK_2025: Validity(PS_LK, "CollaborationAgreement", None, None, "2028"),
}

REGISTER_AREAS = {
    # umu.se 2018-01-16 "två områden särskilt prioriterade: Hållbar stadsutveckling samt
    # Sliperiet/Umevatoriet"
    AGR_UMU_UK: {
        "umu-uk-hallbar-stadsutveckling": "Hållbar stadsutveckling",
        "umu-uk-sliperiet-umevatoriet": "Sliperiet/Umevatoriet",
    },
    # press release 2019-01-11 "Tematiska områden som kommer att beröras av samarbetsavtalet"
    AGR_UMU_RV: {
        "umu-rv-kompetensforsorjning-inom-bristyrken": "Kompetensförsörjning inom bristyrken",
        "umu-rv-arktis": "Arktis",
        "umu-rv-smart-specialisering": "Smart specialisering",
        "umu-rv-innovation-implementering": "Innovation/implementering av ny kunskap",
        "umu-rv-medicinsk-forskning-och-utbildning": "Medicinsk forskning och utbildning",
        "umu-rv-universitetsstaden": "Universitetsstaden",
        "umu-rv-forskningsinfrastruktur": "Forskningsinfrastruktur",
        "umu-rv-digitalisering": "Digitalisering som utvecklingsverktyg",
        "umu-rv-folkhalsoutveckling": "Folkhälsoutveckling",
    },
    # umu.se "tre fokusområden"
    AGR_UMU_SK: {
        "umu-sk-strategisk-kompetensforsorjning": "Strategisk kompetensförsörjning",
        "umu-sk-hallbar-samhallsutveckling": "Hållbar samhällsutveckling",
        "umu-sk-artificiell-intelligens": "Artificiell Intelligens, AI",
    },
    # malmo.se "fokuserar på fyra huvudområden"
    AGR_MAU: {
        "mau-ms-hallbar-stadsutveckling": "Hållbar stadsutveckling",
        "mau-ms-jamlik-valfard": "Jämlik välfärd",
        "mau-ms-kompetensforsorjning": "Kompetensförsörjning",
        "mau-ms-malmos-attraktivitet": "Malmös attraktivitet",
    },
    # campusgotland.uu.se "bland annat utbildningsutbud, infrastruktur, bibliotek,
    # innovationsfrågor och Östersjöfrågor"
    AGR_UU: {
        "uu-rg-utbildningsutbud": "Utbildningsutbud",
        "uu-rg-infrastruktur": "Infrastruktur",
        "uu-rg-bibliotek": "Bibliotek",
        "uu-rg-innovationsfragor": "Innovationsfrågor",
        "uu-rg-ostersjofragor": "Östersjöfrågor",
    },
}

#: The parties each register agreement names (every page names both sides).
REGISTER_PARTIES = {
    a: {university, partner}
    for a, (university, partner) in {
        AGR_UMU_UK: (UMU, "umea-kommun"),
        AGR_UMU_RV: (UMU, "region-vasterbotten"),
        AGR_UMU_SK: (UMU, "skelleftea-kommun"),
        AGR_MAU: (MAU, "malmo-stad"),
        AGR_UU: (UU, "region-gotland"),
        AGR_NK_2021: (LIU, NK),
        AGR_LK_2025: (LIU, LK),
    }.items()
}
#: Each signature (sheet Undertecknare) and the day its pages give.
REGISTER_SIGNATURES = {
    "umu-umea-kommun-2018-rektor": "16 januari 2018",
    "umu-umea-kommun-2018-kso": "16 januari 2018",
    "umu-region-vasterbotten-2019-rektor": "15 januari 2019",
    "umu-region-vasterbotten-2019-regiondirektor": "15 januari 2019",
    "mau-malmo-stad-2021-rektor": "23 november 2021",
    "mau-malmo-stad-2021-stadsdirektor": "23 november 2021",
    "uu-region-gotland-2013-rektor": "6 september 2013",
    "uu-region-gotland-2013-rso": "6 september 2013",
}
#: A renewal follows the agreement before it (the curators' reading of "förnyat", "renewed").
REGISTER_FOLLOWS = {AGR_NK_2021: AGR_NK, AGR_LK_2025: AGR_LK}

#: The whole graph: the five documents' facts and the register's.
ALL_PARTNERSHIPS = PARTNERSHIPS | REGISTER_PARTNERSHIPS
ALL_VALIDITY = VALIDITY | REGISTER_VALIDITY
ALL_AREAS = AREAS | REGISTER_AREAS
#: Partners the register names but the five documents do not, with no units named.
REGISTER_PARTNERS = frozenset(
    {UMU, MAU, UU} | {partner for _, _, partner in REGISTER_PARTNERSHIPS.values()}
)

#: 002, "Målsättning" (three bullets) and "Utvecklingsområden" 1-4.
NK_OBJECTIVES = {
    "norrkoping-utveckling": "1",
    "norrkoping-fler-studerande": "2",
    "norrkoping-campus-position": "3",
}
#: 000, the aims of the 2021 agreement: "parterna avser att stärka och utveckla sina goda och
#: långsiktiga relationer samt förtydliga organisationen och formerna för samverkan"; "Den
#: samverkan som bedrivs inom ramen för avtalet ska vara till nytta för ..."; "Samverkansavtalet
#: ska därutöver främja tillkomsten av nya samarbetsprojekt ...".
LK_OBJECTIVES = {
    "linkoping-relationer": "1",
    "linkoping-nytta": "2",
    "linkoping-nya-projekt": "3",
}
NK_DEVELOPMENT_AREAS = {
    "norrkoping-kunskapsutbyte": "1",
    "norrkoping-studentstaden": "2",
    "norrkoping-hogskoleutbildning": "3",
    "norrkoping-samverkansomraden": "4",
}

#: 001: "Mål 5 Jämställdhet" och "Mål 17 Genomförande och globalt partnerskap" ses som
#: övergripande och återkommer i samtliga temaområden.
CROSS_CUTTING_SDGS = frozenset({5, 17})

# --- the action plan's activities (001, section 4) ----------------------------------------------

#: The heading of each activity as the source begins it -> the project's IRI local name.
PLAN_PROJECTS = {
    "Klimatneutrala Linköping 2030": "klimatneutrala-linkoping-2030",
    "Fördjupad översiktsplan för Stångebro": "fordjupad-oversiktsplan-stangebro",
    "Studentlivet.se": "studentlivet-se",
    "Studentstrategi": "studentstrategi",
    "Reversed mentorship": "reversed-mentorship",
    "Tillämpning av gemensamt strategiskt förhållningssätt": (
        "strategiskt-forhallningssatt-utvecklingsmiljoer"
    ),
    "Gemensamma insatser för ökad samverkan mellan näringsliv": (
        "samverkan-naringsliv-forskare-studenter"
    ),
    "ULF-projektet": "ulf",
    "Mentorverksamhet vid Linköpings universitet": "mentorverksamhet",
    "FoU-centrum för vård, omsorg och socialt arbete": "fou-centrum-vard-omsorg-socialt-arbete",
}

#: Each activity's "Ansvariga", read into units: (public side, university side, others).
#: The words of the source are in the comments; unit IRIs are the curated ones.
RESPONSIBLE: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # "LK (Hållbarhetsenheten/ Näringsliv och tillväxt) LiU (TEMA Teknik- och Social förändring)"
    "klimatneutrala-linkoping-2030": (
        ("lk-hallbarhetsenheten", "lk-naringsliv-och-tillvaxt"),
        ("liu-tema-teknik-och-social-forandring",),
        (),
    ),
    # "LK (Miljö- och samhällsbyggnadsförvaltningen) LiU (Tema Teknik- och Social förändring)"
    "fordjupad-oversiktsplan-stangebro": (
        ("lk-miljo-och-samhallsbyggnadsforvaltningen",),
        ("liu-tema-teknik-och-social-forandring",),
        (),
    ),
    # "Kårservice, LK (Kommunikationsstaben)"
    "studentlivet-se": (("lk-kommunikationsstaben",), (), ("karservice",)),
    # "LK (Kommunikationsstaben) LiU (Studentavdelningen (SA))"
    "studentstrategi": (("lk-kommunikationsstaben",), ("liu-studentavdelningen",), ()),
    # "LK (Linköpings Science Park) LiU (Samverkansenheten)."
    "reversed-mentorship": (("lk-linkoping-science-park",), ("liu-samverkansenheten",), ()),
    # "LK (Näringsliv och tillväxt) LiU (Samverkansenheten)"
    "strategiskt-forhallningssatt-utvecklingsmiljoer": (
        ("lk-naringsliv-och-tillvaxt",),
        ("liu-samverkansenheten",),
        (),
    ),
    # "LK (LiSP+ Näringsliv och tillväxt) LiU (Samverkansenheten)"
    "samverkan-naringsliv-forskare-studenter": (
        ("lk-linkoping-science-park", "lk-naringsliv-och-tillvaxt"),
        ("liu-samverkansenheten",),
        (),
    ),
    # "LK (Utbildnings- och arbetsmarknadsförvaltningen) LiU (TEMA Barn)"
    "ulf": (("lk-utbildnings-och-arbetsmarknadsforvaltningen",), ("liu-tema-barn",), ()),
    # "LK (Utbildningsförvaltningen) LiU (Planerings- och ekonomiavdelningen)"
    "mentorverksamhet": (
        ("lk-utbildningsforvaltningen",),
        ("liu-planerings-och-ekonomiavdelningen",),
        (),
    ),
    # "LK (Social- och omsorgsförvaltningen) LiU (Aktuella forskarlag, institutioner eller
    # centrubildningar)": the university as a whole, no unit named.
    "fou-centrum-vard-omsorg-socialt-arbete": (
        ("lk-social-och-omsorgsforvaltningen",),
        (LIU,),
        (),
    ),
}
#: Responsible parties that are a partner as a whole rather than one of its units.
WHOLE_PARTNERS = frozenset({LIU, LK, NK, RO, LNU})

#: Each unit's canonical name and partner. The sources' spellings differ now and then
#: ("TEMA Teknik- och Social förändring", "Tema Teknik- och Social förändring"); the name is
#: the unit's own ("TEMA Teknik och social förändring").
UNITS = {
    # LiU units named in 001
    "liu-tema-teknik-och-social-forandring": (LIU, "TEMA Teknik och social förändring"),
    "liu-studentavdelningen": (LIU, "Studentavdelningen"),
    "liu-samverkansenheten": (LIU, "Samverkansenheten"),
    "liu-tema-barn": (LIU, "TEMA Barn"),
    "liu-planerings-och-ekonomiavdelningen": (LIU, "Planerings- och ekonomiavdelningen"),
    # "Samverkansavtal finns mellan centrumbildningen och Institutionen för samhälls- och
    # välfärdsstudier (ISV), Avdelningen för pedagogik och sociologi (APS) samt
    # Socionomprogrammet."
    "liu-institutionen-for-samhalls-och-valfardsstudier": (
        LIU,
        "Institutionen för samhälls- och välfärdsstudier",
    ),
    "liu-avdelningen-for-pedagogik-och-sociologi": (LIU, "Avdelningen för pedagogik och sociologi"),
    "liu-socionomprogrammet": (LIU, "Socionomprogrammet"),
    # LK units named in 001 (Kommunstyrelsen: "Adresserat till: Kommunstyrelsen")
    "lk-hallbarhetsenheten": (LK, "Hållbarhetsenheten"),
    "lk-naringsliv-och-tillvaxt": (LK, "Näringsliv och tillväxt"),
    "lk-miljo-och-samhallsbyggnadsforvaltningen": (LK, "Miljö- och samhällsbyggnadsförvaltningen"),
    "lk-kommunikationsstaben": (LK, "Kommunikationsstaben"),
    "lk-linkoping-science-park": (LK, "Linköping Science Park"),
    "lk-utbildnings-och-arbetsmarknadsforvaltningen": (
        LK,
        "Utbildnings- och arbetsmarknadsförvaltningen",
    ),
    "lk-utbildningsforvaltningen": (LK, "Utbildningsförvaltningen"),
    "lk-social-och-omsorgsforvaltningen": (LK, "Social- och omsorgsförvaltningen"),
    "lk-kommunstyrelsen": (LK, "Kommunstyrelsen"),
    # 002: "samverkan mellan LiU, arbetsmarknads- och vuxenutbildningskontoret,
    # utbildningskontoret och andra parter"
    "nk-arbetsmarknads-och-vuxenutbildningskontoret": (
        NK,
        "Arbetsmarknads- och vuxenutbildningskontoret",
    ),
    "nk-utbildningskontoret": (NK, "Utbildningskontoret"),
    # 003: "fakulteten för samhällsvetenskap på Linnéuniversitetet"
    "lnu-fakulteten-for-samhallsvetenskap": (LNU, "Fakulteten för samhällsvetenskap"),
}
PARTNER_NAMES = {LIU: "Linköpings universitet", LK: "Linköpings kommun"}
OTHER_NAMES = {"karservice": "Kårservice"}

#: 000 names one more example project, "Studentmedarbetare", with no area, goals, start or
#: responsible unit, and not in the action plan.
WEB_ONLY_PROJECTS = {"studentmedarbetare": PS_LK}


@dataclass(frozen=True)
class PlanRow:
    """One activity of the action plan, as the source gives it."""

    project: str
    kind: str
    area: str
    sdgs: frozenset[int]
    start: str | None
    status: str
    council_task: str
    reporting: str

    @property
    def start_bounds(self) -> tuple[date, date] | None:
        return bounds(self.start) if self.start else None


_FIELD = re.compile(r"^\s*- \*\*(?P<name>[^*]+?):\*\*\s*(?P<value>.*)$")
_AREA_HEADING = re.compile(r"^#{2,3} (Hållbar \w+)\s*$")


def _field(fields: dict[str, str], prefix: str) -> str:
    found = [value for name, value in fields.items() if name.startswith(prefix)]
    assert len(found) == 1, f"{prefix}: {fields}"
    return found[0]


def _area_local(heading: str) -> str:
    return next(k for k, v in AREAS[AGR_LK].items() if v.lower() == heading.lower())


class Sources:
    """The source texts and what the tests read out of them."""

    def __init__(self, folder: Path = SOURCES) -> None:
        self.folder = folder

    def text(self, name: str) -> str:
        return (self.folder / name).read_text(encoding="utf-8")

    @cached_property
    def area_sdgs(self) -> dict[str, frozenset[int]]:
        """001 section 3: each area of the Linköping agreement and its "Mål N ..." lines."""
        section = self.text(LK_PLAN).split("### 3 ")[1].split("## 4 ")[0]
        found: dict[str, frozenset[int]] = {}
        for part in section.split("#### ")[1:]:
            heading = part.splitlines()[0].strip("* ")
            goals = re.findall(r"^Mål (\d+) ", part, flags=re.MULTILINE)
            found[_area_local(heading)] = frozenset(int(g) for g in goals)
        return found

    @cached_property
    def plan_rows(self) -> dict[str, PlanRow]:
        """001 section 4: one row per activity, under the heading of its area."""
        section = self.text(LK_PLAN).split("## 4 ")[1]
        rows: dict[str, PlanRow] = {}
        area = ""
        fields: dict[str, str] = {}

        def close() -> None:
            if not fields:
                return
            kind, title = next(iter(fields.items()))
            project = next(v for k, v in PLAN_PROJECTS.items() if title.startswith(k))
            start = fields.get("Start")
            rows[project] = PlanRow(
                project=project,
                kind=kind.lower(),
                area=_area_local(area),
                sdgs=frozenset(int(n) for n in re.findall(r"\d+", fields["Hållbarhetsmål"])),
                # "Hösten 2021. Pilot genomförs våren 2022.": the start is the first sentence
                start=start.split(". ")[0].rstrip(".") if start else None,
                status=_field(fields, "Aktuellt läge"),
                council_task=_field(fields, "Samverkansrådets uppgift"),
                reporting=_field(fields, "Å"),  # spelt three ways in the source
            )

        for line in section.splitlines():
            if heading := _AREA_HEADING.match(line):
                close()
                area, fields = heading[1], {}
            elif field := _FIELD.match(line):
                fields[field["name"]] = field["value"].strip()
        close()
        return rows

    @cached_property
    def network_challenges(self) -> list[str]:
        """003: "Det handlar om exempelvis kompetensförsörjning och skolutveckling, ..."."""
        text = self.text(LNU_WEB)
        sentence = text.split("Det handlar om exempelvis ")[1].split(".")[0]
        return _listed(sentence)

    @cached_property
    def network_forms(self) -> list[str]:
        """003: "Det kan handla om forskning, ... eller studentprojekt och praktik." and
        "önskemål om kompetensutveckling och uppdragsutbildningar"."""
        text = self.text(LNU_WEB)
        research = text.split("Det kan handla om ")[1].split(".")[0]
        wishes = text.split("kommunala önskemål om ")[1].split(".")[0]
        return _listed(research.replace(" eller ", ", ")) + wishes.split(" och ")

    @cached_property
    def conference_themes_2023(self) -> list[str]:
        """003: the bullets after "Temana var:"."""
        block = self.text(LNU_WEB).split("Temana var:")[1].split("Till sist")[0]
        return [line.strip(" •.\t") for line in block.splitlines() if "•" in line]


def _listed(sentence: str) -> list[str]:
    """Items of a Swedish enumeration: "a, b, c samt d" -> [a, b, c, d]."""
    return [item.strip() for item in re.split(r",\s*(?:samt\s+)?|\s+samt\s+", sentence) if item]


# --- governance bodies and events --------------------------------------------------------------

BODY_LK = "samverkansradet-linkoping"
BODY_NK = "samverkansgruppen-norrkoping"
STUFF, CONSENSUS, LINTEK = "stuff", "consensus", "lintek"

#: 001 names Samverkansrådet but not its members.
#: 002: "Samverkansgruppen består av representanter från Linköpings universitet, Norrköpings
#: kommun och studentföreningarna vid Campus Norrköping" (StuFF, Consensus and LinTek: the
#: student representatives' unions and development area 2).
BODY_ORGANISATIONS = {BODY_LK: (), BODY_NK: (LIU, NK, STUFF, CONSENSUS, LINTEK)}
BODY_PARTNERSHIP = {BODY_LK: PS_LK, BODY_NK: PS_NK}

#: 002, "Kontakt samverkansgruppen ... Studentrepresentanter": person -> union represented.
STUDENT_REPRESENTATIVES = {
    "patrik-nilsson": STUFF,
    "louise-abrahamsson": CONSENSUS,
    "sebastian-carlshamre": LINTEK,
}
#: 002, the caption "Samverkansgruppen i juni 2017 ... Från vänster: Terese Eriksson, LinTek;
#: ...": person -> (title the caption gives, organisation). No title: "representant", and
#: no public role, so no person IRI is published (see UNNAMED_IN_CAPTION).
JUNE_2017_GROUP = {
    # person: (title in their own organisation as the caption gives it, organisation represented)
    "terese-eriksson": (None, LINTEK),
    "markus-norberg": (None, CONSENSUS),
    "linn-davidsson": ("vice-karordforande", STUFF),
    "anna-valentinsson": ("kommunikator", LIU),
    "per-backstrom": ("administrativ-chef", NK),
    "asa-henlov": (None, STUFF),
    "jorgen-jonsson": ("koordinator", NK),
    "mattias-severin": ("campusrad", LIU),
    "kerstin-johansson": ("koordinator", LIU),
    "alexander-jakobsson": ("kommunikator", NK),
    "amanda-granqvist": ("vice-karordforande", LINTEK),
}
JUNE_2017 = "juni 2017"
#: People the caption names with their organisation only ("Terese Eriksson, LinTek;",
#: "Markus Norberg, Consensus;", "Åsa Henlöv (StuFF);"): no public role, so the graph keeps
#: them as unnamed members without an IRI.
UNNAMED_IN_CAPTION = frozenset(p for p, (title, _) in JUNE_2017_GROUP.items() if title is None)


@dataclass(frozen=True)
class Event:
    """An event as the source dates it: the day in words and, where given, exact start and end."""

    partnership: str
    when: str | None = None
    start: str | None = None
    end: str | None = None


EVENTS = {
    # 002: "Samverkansgruppen i juni 2017 vid det första mötet inom den nuvarande avtalsperioden"
    "samverkansgruppen-forsta-motet-2017": Event(PS_NK, when="juni 2017"),
    # 002: "Börjar 08 november 2018 kl. 09.30 / Slutar 08 november 2018 kl. 16.30"
    "forskningsfestivalen-2018": Event(
        PS_NK, when="08 november 2018", start="2018-11-08T09:30:00", end="2018-11-08T16:30:00"
    ),
    # 002: "Börjar 16 november 2018 kl. 09.00 / Slutar 16 november 2018 kl. 15.00"
    "spotlight-valfard-2018": Event(
        PS_NK, when="16 november 2018", start="2018-11-16T09:00:00", end="2018-11-16T15:00:00"
    ),
    # 004: "Våren 2017 tecknade de båda aktörerna ..." and the quotes "i samband med
    # undertecknandet av avtalet"
    "undertecknande-region-ostergotland-2017": Event(PS_RO, when="våren 2017"),
    # 003: "I november 2023 hölls den första konferensen Linnékommuner i samverkan"
    "linnekommuner-konferens-2023": Event(NETWORK, when="november 2023"),
    # 003: "Konferens 22 oktober 2024" (a date, no time of day)
    "linnekommuner-konferens-2024": Event(NETWORK, when="22 oktober 2024", start="2024-10-22"),
}


#: Closeness the curator asserted (not in any source), each checked against the definitions:
CURATED_LINKS = {
    # LK "Hållbar tillväxt" and NK "Hållbar tillväxt": innovation, entrepreneurship, regional
    # growth in both.
    ("lk-hallbar-tillvaxt", PS_LK, "norrkoping-hallbar-tillvaxt", PS_NK, "closeMatch"),
    # LK "Hållbar välfärd" and NK "Välfärd": both "utveckla välfärden i olika samhällssektorer"
    # and "demokratin och det aktiva samhällsengagemanget".
    ("lk-hallbar-valfard", PS_LK, "norrkoping-valfard", PS_NK, "closeMatch"),
    # NK "Bildning" ("tillgängliggöra relevant kunskapsbildning genom exempelvis
    # kompetensutveckling, skolsamverkan och publika arrangemang") is one sentence of LK
    # "Hållbar välfärd".
    ("lk-hallbar-valfard", PS_LK, "norrkoping-bildning", PS_NK, "related"),
    # Region "Kompetensförsörjning" and the Linnaeus challenge "kompetensförsörjning och
    # skolutveckling".
    (
        "region-kompetensforsorjning",
        PS_RO,
        "linne-kompetensforsorjning-och-skolutveckling",
        NETWORK,
        "related",
    ),
}
