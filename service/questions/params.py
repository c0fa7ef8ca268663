"""Parameters of saved questions: their types, and text values checked into RDF terms."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from rdflib import Literal as RdfLiteral
from rdflib.term import Identifier, URIRef

from ..namespaces import PREFIXES, XSD

ParamType = Literal["iri", "string", "date", "integer", "year", "lang"]

PARAM_TYPES: Final[tuple[ParamType, ...]] = ("iri", "string", "date", "integer", "year", "lang")
MAX_VALUE_LENGTH: Final = 2000

_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_YEAR = re.compile(r"[0-9]{4}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


class ParameterError(ValueError):
    """A parameter value was missing, unknown or not of the parameter's type."""


@dataclass(frozen=True)
class Param:
    """One parameter: a SPARQL variable a caller may (or must) bind."""

    name: str
    type: ParamType
    description: str
    default: str | None = None
    optional: bool = False

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional

    def to_term(self, value: str) -> Identifier:
        """Check ``value`` against the type and turn it into an RDF term."""
        return to_term(self.type, value, self.name)


def to_term(kind: ParamType, value: str, name: str = "value") -> Identifier:
    """Convert a text value to the RDF term of a parameter type, or raise ParameterError."""
    text = value.strip()
    if len(text) > MAX_VALUE_LENGTH:
        raise ParameterError(f"{name}: value longer than {MAX_VALUE_LENGTH} characters")
    if kind == "iri":
        return _iri(text, name)
    if kind == "string":
        return RdfLiteral(value)
    if kind == "integer":
        if not _INTEGER.fullmatch(text):
            raise ParameterError(f"{name}: {value!r} is not an integer")
        return RdfLiteral(int(text), datatype=XSD.integer)
    if kind == "year":
        if not _YEAR.fullmatch(text) or text == "0000":
            raise ParameterError(f"{name}: {value!r} is not a four-digit year such as 2023")
        return RdfLiteral(int(text), datatype=XSD.integer)
    if kind == "date":
        try:
            if not _DATE.fullmatch(text):
                raise ValueError
            day = date.fromisoformat(text)
        except ValueError:
            raise ParameterError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None
        return RdfLiteral(day.isoformat(), datatype=XSD.date)
    if kind == "lang":
        if not _LANG.fullmatch(text):
            raise ParameterError(f"{name}: {value!r} is not a language tag such as sv or en")
        return RdfLiteral(text.lower())
    raise ParameterError(f"{name}: unknown parameter type {kind!r}")


def _iri(text: str, name: str) -> URIRef:
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        text = PREFIXES[prefix] + local  # a prefixed name such as sdg:5
    if not _IRI.fullmatch(text) or any(ord(c) < 0x20 for c in text):
        raise ParameterError(
            f"{name}: {text!r} is not an absolute IRI (e.g. http://metadata.un.org/sdg/5)"
        )
    return URIRef(text)
