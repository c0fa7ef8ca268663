"""A seeded generator of partnership graphs in the project's own ontology, conforming to shapes/.

    python bench/synth.py --triples 100000 --seed 1 -o /tmp/synth-1e5.ttl

Universities, municipalities and regions with their units; per partnership (a university
and a public body) an agreement with dated periods, its collaboration areas with SDGs, an
action plan implementing it with a governance body, and projects listed in the plan with
SDGs from their area, a start date, responsible units of both partners and their sources.
Everything a shape asks for is there (labels in Swedish and English, dct:source to a
skg:SourceDocument), so ``samverkan validate FILE`` finds no violation. The file is Turtle,
written partnership by partnership until about ``--triples`` triples are written.
"""

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

#: The project's ontology, written after the data (saved questions ask for kinds by it).
ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"

PREFIXES = """\
@prefix skg:    <https://w3id.org/samverkan-kg/ontology#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix dct:    <http://purl.org/dc/terms/> .
@prefix org:    <http://www.w3.org/ns/org#> .
@prefix time:   <http://www.w3.org/2006/time#> .
@prefix sdg:    <http://metadata.un.org/sdg/> .
@prefix sdgo:   <http://metadata.un.org/sdg/ontology#> .
@prefix src:    <https://w3id.org/samverkan-kg/source/> .
@prefix partner: <https://w3id.org/samverkan-kg/partner/> .
@prefix unit:   <https://w3id.org/samverkan-kg/unit/> .
@prefix ps:     <https://w3id.org/samverkan-kg/partnership/> .
@prefix agr:    <https://w3id.org/samverkan-kg/agreement/> .
@prefix plan:   <https://w3id.org/samverkan-kg/action-plan/> .
@prefix area:   <https://w3id.org/samverkan-kg/area/> .
@prefix proj:   <https://w3id.org/samverkan-kg/project/> .
@prefix body:   <https://w3id.org/samverkan-kg/body/> .
@prefix concept: <https://w3id.org/samverkan-kg/concept/> .
@prefix scheme: <https://w3id.org/samverkan-kg/scheme/> .

"""

SDGS = {
    1: ("Ingen fattigdom", "No poverty"),
    2: ("Ingen hunger", "Zero hunger"),
    3: ("God hälsa och välbefinnande", "Good health and well-being"),
    4: ("God utbildning för alla", "Quality education"),
    5: ("Jämställdhet", "Gender equality"),
    6: ("Rent vatten och sanitet för alla", "Clean water and sanitation"),
    7: ("Hållbar energi för alla", "Affordable and clean energy"),
    8: ("Anständiga arbetsvillkor och ekonomisk tillväxt", "Decent work and economic growth"),
    9: (
        "Hållbar industri, innovationer och infrastruktur",
        "Industry, innovation and infrastructure",
    ),
    10: ("Minskad ojämlikhet", "Reduced inequalities"),
    11: ("Hållbara städer och samhällen", "Sustainable cities and communities"),
    12: ("Hållbar konsumtion och produktion", "Responsible consumption and production"),
    13: ("Bekämpa klimatförändringarna", "Climate action"),
    14: ("Hav och marina resurser", "Life below water"),
    15: ("Ekosystem och biologisk mångfald", "Life on land"),
    16: ("Fredliga och inkluderande samhällen", "Peace, justice and strong institutions"),
    17: ("Genomförande och globalt partnerskap", "Partnerships for the goals"),
}
PLACES = (
    "Ale", "Alingsås", "Arboga", "Arvika", "Boden", "Borås", "Eksjö", "Enköping", "Eslöv",
    "Falun", "Gävle", "Hallsberg", "Halmstad", "Hudiksvall", "Härnösand", "Jönköping", "Kalmar",
    "Karlskrona", "Karlstad", "Kiruna", "Kristianstad", "Kumla", "Lidköping", "Luleå", "Lund",
    "Malmö", "Mora", "Motala", "Nyköping", "Nässjö", "Piteå", "Sandviken", "Skellefteå",
    "Skövde", "Sundsvall", "Säffle", "Tranås", "Trollhättan", "Umeå", "Uppsala", "Varberg",
    "Visby", "Västerås", "Växjö", "Ystad", "Åmål", "Örebro", "Östersund",
)  # fmt: skip
AREAS = (
    ("Hållbar stadsutveckling", "Sustainable urban development"),
    ("Hållbar tillväxt", "Sustainable growth"),
    ("Hållbar välfärd", "Sustainable welfare"),
    ("Kompetensförsörjning", "Skills supply"),
    ("Digitalisering", "Digitalisation"),
    ("Klimat och energi", "Climate and energy"),
    ("Hälsa och vård", "Health and care"),
    ("Skolutveckling", "School development"),
)
UNITS = (
    ("Samverkansenheten", "Collaboration Office"),
    ("Kommunikationsstaben", "Communications"),
    ("Hållbarhetsenheten", "Sustainability Unit"),
    ("Näringsliv och tillväxt", "Business and Growth"),
)
MONTHS = (
    ("januari", "January"), ("februari", "February"), ("mars", "March"), ("april", "April"),
    ("maj", "May"), ("juni", "June"), ("juli", "July"), ("augusti", "August"),
    ("september", "September"), ("oktober", "October"), ("november", "November"),
    ("december", "December"),
)  # fmt: skip
DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
SOURCES = 5


def _year(year: int) -> str:
    return (
        "[ a time:DateTimeDescription ; time:unitType time:unitYear ;"
        f' time:year "{year}"^^xsd:gYear ;'
        f' skg:earliest "{year}-01-01"^^xsd:date ; skg:latest "{year}-12-31"^^xsd:date ;'
        f' rdfs:label "{year}"@sv, "{year}"@en ]'
    )


def _month(year: int, month: int) -> str:
    sv, en = MONTHS[month - 1]
    return (
        "[ a time:DateTimeDescription ; time:unitType time:unitMonth ;"
        f' time:year "{year}"^^xsd:gYear ; time:month "--{month:02d}"^^xsd:gMonth ;'
        f' skg:earliest "{year}-{month:02d}-01"^^xsd:date ;'
        f' skg:latest "{year}-{month:02d}-{DAYS[month - 1]}"^^xsd:date ;'
        f' rdfs:label "{sv} {year}"@sv, "{en} {year}"@en ]'
    )


def _header() -> str:
    lines = [PREFIXES]
    lines.append(
        "scheme:synth-document-kinds a skos:ConceptScheme ;\n"
        '    rdfs:label "Dokumenttyper (syntetiska)"@sv, "Document kinds (synthetic)"@en ;\n'
        "    dct:source src:synth-0 .\n"
        "concept:synth-webbsida a skos:Concept ; skos:inScheme scheme:synth-document-kinds ;\n"
        '    rdfs:label "Webbsida"@sv, "Web page"@en ; dct:source src:synth-0 .\n'
        "concept:synth-projekt a skos:Concept ; skos:inScheme scheme:synth-document-kinds ;\n"
        '    rdfs:label "Projekt"@sv, "Project"@en ; dct:source src:synth-0 .\n'
    )
    for i in range(SOURCES):
        lines.append(
            f"src:synth-{i} a skg:SourceDocument ;\n"
            f'    rdfs:label "Källa {i}"@sv, "Source {i}"@en ; dct:identifier "synth-{i}.txt" ;\n'
            f'    dct:title "Syntetisk källa {i}"@sv ; dct:type concept:synth-webbsida ;\n'
            f"    dct:publisher partner:synth-universitet-0 ;\n"
            f"    dct:language <http://id.loc.gov/vocabulary/iso639-1/sv> .\n"
        )
    lines.append(
        "<http://metadata.un.org/sdg> a skos:ConceptScheme ;\n"
        '    rdfs:label "FN:s globala mål"@sv, "UN Sustainable Development Goals"@en .\n'
    )
    for number, (sv, en) in SDGS.items():
        lines.append(
            f"sdg:{number} a sdgo:Goal, skos:Concept ; skos:inScheme <http://metadata.un.org/sdg> ;"
            f' skos:notation "{number}" ; rdfs:label "{sv}"@sv, "{en}"@en ;'
            f" dct:source <http://metadata.un.org/sdg> .\n"
        )
    return "\n".join(lines)


class World:
    """The organisations a graph draws its partnerships from."""

    def __init__(self, rng: random.Random, universities: int, bodies: int) -> None:
        self.rng = rng
        self.universities = [f"synth-universitet-{i}" for i in range(universities)]
        self.bodies = [
            (f"synth-{'region' if i % 10 == 0 else 'kommun'}-{i}", i % 10 == 0)
            for i in range(bodies)
        ]

    def place(self, i: int) -> str:
        return f"{PLACES[i % len(PLACES)]} {i // len(PLACES) + 1}"

    def organisations(self) -> Iterator[str]:
        for i, slug in enumerate(self.universities):
            yield self._organisation(slug, "skg:University", f"Universitetet i {self.place(i)}",
                                     f"University of {self.place(i)}")  # fmt: skip
        for i, (slug, region) in enumerate(self.bodies):
            kind = "skg:Region" if region else "skg:Municipality"
            sv = f"Region {self.place(i)}" if region else f"{self.place(i)} kommun"
            en = f"Region {self.place(i)}" if region else f"{self.place(i)} Municipality"
            yield self._organisation(slug, kind, sv, en)

    def _organisation(self, slug: str, kind: str, sv: str, en: str) -> str:
        source = f"src:synth-{self.rng.randrange(SOURCES)}"
        text = f'partner:{slug} a {kind} ;\n    rdfs:label "{sv}"@sv, "{en}"@en ;\n'
        text += f"    dct:source {source} .\n"
        for j, (usv, uen) in enumerate(UNITS):
            text += (
                f'unit:{slug}-{j} a org:OrganizationalUnit ; rdfs:label "{usv}, {sv}"@sv,'
                f' "{uen}, {en}"@en ; org:unitOf partner:{slug} ; dct:source {source} .\n'
            )
        return text


def partnership(world: World, index: int, university: str, body: str, projects: int) -> str:
    """One partnership with its agreement, plan, areas, body and ``projects`` projects."""
    rng = world.rng
    slug = f"{university}-{body}"
    source = f"src:synth-{rng.randrange(SOURCES)}"
    start = rng.randrange(2010, 2024)
    end = start + rng.randrange(2, 6)
    areas = rng.sample(range(len(AREAS)), rng.randrange(2, 5))
    cross = rng.randrange(1, 18)  # a cross-cutting SDG is one every area lists
    area_sdgs = {a: sorted({cross, *rng.sample(range(1, 18), rng.randrange(1, 5))}) for a in areas}
    area_iris = [f"area:{slug}-{a}" for a in areas]
    out = [
        f"ps:{slug} a skg:Partnership ;\n"
        f'    rdfs:label "Partnerskap {index}"@sv, "Partnership {index}"@en ;\n'
        f"    org:hasMember partner:{university}, partner:{body} ;\n"
        f"    dct:source {source} .\n",
        f"agr:{slug} a skg:CollaborationAgreement ;\n"
        f'    rdfs:label "Samverkansavtal {index}"@sv, "Collaboration agreement {index}"@en ;\n'
        f"    skg:partnership ps:{slug} ;\n"
        f"    skg:party partner:{university}, partner:{body} ;\n"
        f"    skg:signed {_year(start)} ;\n"
        f"    skg:validFrom {_year(start)} ;\n"
        f"    skg:validUntil {_month(end, rng.randrange(1, 13))} ;\n"
        f'    skg:purpose "Att samverka för hållbar utveckling."@sv,'
        f' "To collaborate for sustainable development."@en ;\n'
        f"    skg:hasCollaborationArea {', '.join(area_iris)} ;\n"
        f"    skg:governanceBody body:{slug} ;\n"
        f"    dct:source {source} .\n",
        f"plan:{slug} a skg:ActionPlan ;\n"
        f'    rdfs:label "Handlingsplan {index}"@sv, "Action plan {index}"@en ;\n'
        f"    skg:partnership ps:{slug} ;\n"
        f"    skg:implements agr:{slug} ;\n"
        f"    skg:validFrom {_year(start)} ;\n"
        f"    skg:validUntil {_year(end)} ;\n"
        f"    skg:crossCuttingSDG sdg:{cross} ;\n"
        f"    skg:governanceBody body:{slug} ;\n"
        f"    dct:source {source} .\n",
        f"body:{slug} a skg:GovernanceBody ;\n"
        f'    rdfs:label "Samverkansråd {index}"@sv, "Collaboration council {index}"@en ;\n'
        f"    org:unitOf ps:{slug} ; skg:partnership ps:{slug} ;\n"
        f"    org:hasMember partner:{university}, partner:{body} ;\n"
        f"    dct:source {source} .\n",
        f"scheme:{slug} a skos:ConceptScheme ;\n"
        f'    rdfs:label "Samarbetsområden {index}"@sv, "Collaboration areas {index}"@en ;\n'
        f"    skos:hasTopConcept {', '.join(area_iris)} ;\n"
        f"    dct:source {source} .\n",
    ]
    for a, iri in zip(areas, area_iris, strict=True):
        sv, en = AREAS[a]
        sdgs = ", ".join(f"sdg:{n}" for n in area_sdgs[a])
        out.append(
            f"{iri} a skg:CollaborationArea ; skos:inScheme scheme:{slug} ;\n"
            f'    rdfs:label "{sv} {index}"@sv, "{en} {index}"@en ;\n'
            f"    skg:sdg {sdgs} ; dct:source {source} .\n"
        )
    for p in range(projects):
        a = rng.choice(areas)
        sdgs = rng.sample(area_sdgs[a], rng.randrange(1, len(area_sdgs[a]) + 1))
        year = rng.randrange(start, end + 1)
        ours, theirs = rng.randrange(len(UNITS)), rng.randrange(len(UNITS))
        units = f"unit:{university}-{ours}, unit:{body}-{theirs}"
        out.append(
            f"proj:{slug}-{p} a skg:Project ;\n"
            f'    rdfs:label "Projekt {index}.{p}"@sv, "Project {index}.{p}"@en ;\n'
            f"    dct:type concept:synth-projekt ;\n"
            f"    skg:partnership ps:{slug} ; skg:listedIn plan:{slug} ;\n"
            f"    skg:withinArea area:{slug}-{a} ;\n"
            f"    skg:sdg {', '.join(f'sdg:{n}' for n in sorted(sdgs))} ;\n"
            f"    skg:start {_month(year, rng.randrange(1, 13))} ;\n"
            f'    skg:statusText "Pågår."@sv, "Ongoing."@en ;\n'
            f"    skg:responsibleUnit {units} ;\n"
            f"    dct:source {source} .\n"
        )
    return "\n".join(out)


#: Triples, roughly: a partnership without projects, and each project.
PARTNERSHIP_TRIPLES = 110
PROJECT_TRIPLES = 24
PROJECTS = 20


def generate(triples: int, seed: int, out: TextIO) -> None:
    """Write about ``triples`` triples of a conforming graph to ``out``."""
    rng = random.Random(seed)
    per_partnership = PARTNERSHIP_TRIPLES + PROJECTS * PROJECT_TRIPLES
    partnerships = max(1, triples // per_partnership)
    universities = max(1, min(50, partnerships // 8 + 1))
    bodies = max(1, min(311, partnerships // universities + 1))
    while universities * bodies < partnerships:
        bodies += 1
    world = World(rng, universities, bodies)
    out.write(_header())
    for text in world.organisations():
        out.write(text)
    pairs = rng.sample(range(universities * bodies), partnerships)
    for index, pair in enumerate(pairs):
        university = world.universities[pair % universities]
        body = world.bodies[pair // universities][0]
        out.write(partnership(world, index, university, body, PROJECTS))
    for path in sorted(ONTOLOGY.glob("*.ttl")):  # served with the data: questions ask by it
        out.write(f"\n# {path.name}\n")
        out.write(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=float, required=True, help="about this many triples")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    with args.output.open("w", encoding="utf-8") as out:
        generate(int(args.triples), args.seed, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
