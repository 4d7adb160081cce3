"""The validators of the schemas (jsonschema): only what checks content imports this, so a
build's own process, which checks nothing, does not load jsonschema."""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ..urls import web_address_problem
from . import documents, inlined, schema_file


@cache
def registry() -> Registry:
    # Without "$schema" (all are 2020-12): jsonschema would otherwise validate what a $ref
    # points to with the plain Draft202012Validator instead of FastEnumValidator.
    return Registry().with_resources(
        (name, Resource.from_contents({k: v for k, v in doc.items() if k != "$schema"},
                                      default_specification=DRAFT202012))
        for name, doc in documents().items()
    ).crawl()


_ENUM = Draft202012Validator.VALIDATORS["enum"]
_ENUM_STRINGS: dict[int, frozenset[str]] = {}


def _enum(validator: Any, enums: list[Any], instance: Any, schema: dict[str, Any]) -> Any:
    """jsonschema's enum, with a set lookup first: the vocabularies' enums are long (a fibre
    name was compared with each of 50, one by one: a third of the validation time)."""
    strings = _ENUM_STRINGS.get(id(enums))
    if strings is None:
        strings = _ENUM_STRINGS[id(enums)] = frozenset(e for e in enums if isinstance(e, str))
    if isinstance(instance, str) and instance in strings:
        return
    yield from _ENUM(validator, enums, instance, schema)


# The schemas live as long as the process (documents() is cached), so ids of enums are stable.
FastEnumValidator = validators.extend(Draft202012Validator, {"enum": _enum})


# The draft's formats, with "uri" read as browsers and our tools read it (model/urls.py);
# the failure's words reach the problem through the error's cause.
FORMATS = FormatChecker()
FORMATS.checkers = dict(Draft202012Validator.FORMAT_CHECKER.checkers)


@FORMATS.checks("uri", raises=ValueError)
def _web_address(value: object) -> bool:
    problem = web_address_problem(value) if isinstance(value, str) else None
    if problem:
        raise ValueError(problem)
    return True


@cache
def validator(category: str) -> Draft202012Validator:
    return FastEnumValidator(inlined(schema_file(category)), format_checker=FORMATS)
