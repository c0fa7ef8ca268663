"""Which agreements a comparison compares: the reader's choice, as the address and the CLI
give it.

A choice narrows the rows (agreements, action plans, networks) by university, partner (any
member of the row's partnership), kind of partner, year (signed, or valid from, that year),
words of its name (or its partnership's), or names rows by IRI; the conditions combine (and),
values of one condition are alternatives (or). No condition at all is the default: the rows
of the university with the most of them. ``every`` compares every row. At most ``limit`` rows
are compared (``DEFAULT_LIMIT`` for the default, ``CHOSEN_LIMIT`` for a choice, never more
than ``MAX_LIMIT``): a page holds a few agreements side by side, never the register.

Values from people never reach a query's text unchecked: IRIs must match ``SAFE_IRI``, a
kind must be one of the registry's kinds of organisation, the year is a number and the name
is bound as a literal (:mod:`service.compare.queries`).
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal, get_args
from urllib.parse import urlencode

from rdflib import URIRef

from ..labels import SAFE_IRI
from ..model import ModelKind, Registry
from ..namespaces import compact_iri

DEFAULT_LIMIT: Final = 6
CHOSEN_LIMIT: Final = 20
MAX_LIMIT: Final = 50
MAX_NAME: Final = 200
YEARS: Final = range(1000, 10000)

#: How the SDG matrix groups its rows: per agreement (its areas under it), or the chosen
#: agreements per university or per partner (the members that are not universities).
Group = Literal["agreement", "university", "partner"]
GROUPS: Final[tuple[Group, ...]] = get_args(Group)


class BadChoice(ValueError):
    """A choice that cannot be asked: which value (the address's name) and why."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class Choice:
    """The rows a comparison compares (see the module's docstring)."""

    universities: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    partner_kinds: tuple[str, ...] = ()  # class IRIs, each a kind of organisation
    year: int | None = None
    name: str = ""
    agreements: tuple[str, ...] = ()
    every: bool = False
    limit: int | None = None  # None: the default for this choice

    @property
    def is_default(self) -> bool:
        """Nothing chosen: the comparison chooses (one university's rows)."""
        return not (
            self.universities
            or self.partners
            or self.partner_kinds
            or self.year is not None
            or self.name
            or self.agreements
            or self.every
        )

    @property
    def cap(self) -> int:
        """How many rows at most."""
        if self.limit is not None:
            return self.limit
        return DEFAULT_LIMIT if self.is_default else CHOSEN_LIMIT

    def address(self, group: Group = "agreement") -> str:
        """The choice as a query string (without ``?``), for links that keep it."""
        pairs: list[tuple[str, str]] = [("university", u) for u in self.universities]
        pairs += [("partner", p) for p in self.partners]
        pairs += [("partner_kind", compact_iri(k, strict=True)) for k in self.partner_kinds]
        pairs += [("year", str(self.year))] if self.year is not None else []
        pairs += [("name", self.name)] if self.name else []
        pairs += [("agreement", a) for a in self.agreements]
        pairs += [("all", "true")] if self.every else []
        pairs += [("limit", str(self.limit))] if self.limit is not None else []
        pairs += [("group", group)] if group != "agreement" else []
        return urlencode(pairs)

    def with_university(self, iri: str) -> "Choice":
        """The default made explicit: this university's rows."""
        return replace(self, universities=(iri,))


def _iris(what: str, values: Sequence[str]) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        value = value.strip()
        if not value:
            continue  # an empty select ("any") chooses nothing
        if not SAFE_IRI.fullmatch(value):
            raise BadChoice(what, f"{value!r} is not an IRI")
        if value not in found:
            found.append(value)
    return tuple(found)


def _kind(model: Registry, value: str) -> str:
    kinds: dict[str, ModelKind] = {}
    for kind in model.organisations:
        kinds[str(kind.iri)] = kind
        kinds[compact_iri(str(kind.iri), strict=True)] = kind
    if value not in kinds:
        names = ", ".join(compact_iri(str(k.iri), strict=True) for k in model.organisations)
        raise BadChoice("partner_kind", f"{value!r} is not a kind of organisation (one of {names})")
    return str(kinds[value].iri)


def parse_choice(
    model: Registry,
    *,
    universities: Sequence[str] = (),
    partners: Sequence[str] = (),
    partner_kinds: Sequence[str] = (),
    year: str | int | None = None,
    name: str | None = None,
    agreements: Sequence[str] = (),
    every: bool = False,
    limit: str | int | None = None,
) -> Choice:
    """A checked choice from the address's or the command line's values (``BadChoice`` says
    which value is wrong); empty values choose nothing, as a form's "any" does."""
    year_number: int | None = None
    if year is not None and str(year).strip():
        text = str(year).strip()
        if not text.isdigit() or int(text) not in YEARS:
            raise BadChoice("year", f"{text!r} is not a year (four digits)")
        year_number = int(text)
    limit_number: int | None = None
    if limit is not None and str(limit).strip():
        text = str(limit).strip()
        if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
            raise BadChoice("limit", f"{text!r} is not a number from 1 to {MAX_LIMIT}")
        limit_number = int(text)
    words = " ".join((name or "").split())
    if len(words) > MAX_NAME:
        raise BadChoice("name", f"longer than {MAX_NAME} characters")
    kinds = tuple(dict.fromkeys(_kind(model, k.strip()) for k in partner_kinds if k.strip()))
    return Choice(
        universities=_iris("university", universities),
        partners=_iris("partner", partners),
        partner_kinds=kinds,
        year=year_number,
        name=words,
        agreements=_iris("agreement", agreements),
        every=every,
        limit=limit_number,
    )


def uri(value: str) -> str:
    """A checked IRI as SPARQL writes it."""
    return URIRef(value).n3()
