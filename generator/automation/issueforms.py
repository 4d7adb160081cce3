"""GitHub issue forms that mirror the schemas, and the way back: an issue's body to a file.

`virtual-centre issue-forms` writes .github/ISSUE_TEMPLATE/*.yml ("Propose a resource", "Post an
offer", "Post a demand"), in English and in each language with a catalogue (post-offer-de.yml):
labels, help and the form's own words in that language, the values of the lists as the files
write them. `virtual-centre from-issue BODY_FILE` turns a submitted issue, from a form in any of
these languages, into a content file and checks it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..model import schemas
from ..model.categories import CATEGORIES, LISTING_CATEGORIES, issue_form_file
from ..model.content import MAX_FILE_BYTES, SLUG_RE, file_text, parse_yaml
from ..model.languages import N_, SOURCE, Language, available
from ..model.problems import Problem
from ..model.text import slugify
from ..model.words import Words, words
from ..validate.entries import as_read, entry_problems

NO_RESPONSE = "_No response_"
SKIPPED = {"draft", "date", "updated", "checked", "example"}  # not asked of a contributor
FORMS = {
    "propose-resource": (N_("Propose a resource"),
                         N_("A pilot case, technology, law, course, study, newsletter, working "
                            "group or organisation for the Virtual Centre."),
                         "[Resource] ", None),
    "post-offer": (N_("Post an offer"),
                   N_("Textile waste or by-products your company offers (M3P)."),
                   "[Offer] ", "offers"),
    "post-demand": (N_("Post a demand"), N_("Textile feedstock your company can take (M3P)."),
                    "[Demand] ", "demands"),
}
INTRO = N_("Fill in what you know. When you submit, a check reads your answers: if something is "
           "missing or wrong it says so in a comment (edit the issue to fix it); if all is well "
           "it opens a pull request with the new page, which a maintainer reviews and "
           "publishes. Submissions by people outside the partner organisations are converted "
           "once a maintainer has looked at them.")
# The questions that are not fields of the schemas.
CATEGORY, CATEGORY_FIELDS, DESCRIPTION = N_("Category"), N_("Category fields"), N_("Description")
RESOURCE_CATEGORIES = [c for c in CATEGORIES if c not in LISTING_CATEGORIES]
# Every form's issue is labelled "contribution"; the forms of the directory add the label that
# names their category (only maintainers can change labels, unlike the title).
FORM_LABELS = {"offer": "offers", "demand": "demands"}
CATEGORY_LABELS = {category: label for label, category in FORM_LABELS.items()}


def plain_label(name: str) -> str:
    """A field's question in the forms written before they used the field's label."""
    return name.replace("_", " ").capitalize()


def form_languages() -> list[str]:
    return [SOURCE, *available()]


@cache
def questions(category: str | None) -> dict[str, str]:
    """Every question of a category's forms, in every language (folded) -> the field's name,
    or the English question that is not a field (Category, Category fields, Description)."""
    out: dict[str, str] = {}
    for code in form_languages():
        w = words(code)
        for name in schemas.fields(category) if category else ():
            out.setdefault(_folded(w.field(name)), name)
            out.setdefault(_folded(plain_label(name)), name)
        for question in (CATEGORY, CATEGORY_FIELDS, DESCRIPTION):
            out.setdefault(_folded(w._(question)), question)
    return out


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def element(name: str, prop: dict[str, Any], required: bool, w: Words) -> dict[str, Any]:
    """One form element for one field, by the shape of its schema, in w's language."""
    description = w._(prop.get("description", ""))
    attrs: dict[str, Any] = {"label": w.field(name), "description": description}
    items = prop.get("items", {})
    example = prop.get("examples", [None])[0]
    if "enum" in prop:
        el = {"type": "dropdown", "attributes": {**attrs, "options": list(map(str, prop["enum"]))}}
    elif prop.get("type") == "array" and "enum" in items and len(items["enum"]) <= 60:
        el = {"type": "dropdown",
              "attributes": {**attrs, "multiple": True, "options": list(map(str, items["enum"]))}}
    elif prop.get("type") in ("object",) or (prop.get("type") == "array"
                                             and items.get("type") == "object"):
        el = {"type": "textarea", "attributes": {
            **attrs, "description": f"{description} {w._('Write it as YAML, like the example.')}",
            "placeholder": yaml.safe_dump(example, allow_unicode=True, sort_keys=False)
            if example is not None else "", "render": "yaml"}}
    elif prop.get("type") == "array":
        el = {"type": "textarea", "attributes": {
            **attrs, "description": f"{description} {w._('One per line.')}",
            "placeholder": "\n".join(map(str, example)) if isinstance(example, list) else ""}}
    else:
        el = {"type": "input", "attributes": {**attrs, "placeholder": "" if example is None
                                              else str(example)}}
    el["id"] = name
    el["validations"] = {"required": required}
    return el


def form(key: str, w: Words) -> dict[str, Any]:
    title, description, prefix, category = FORMS[key]
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": w._(INTRO)}}]
    if category is None:
        body.append({"type": "dropdown", "id": "category", "attributes": {
            "label": w._(CATEGORY), "options": RESOURCE_CATEGORIES,
            "description": w._("Which section the resource belongs to.")},
            "validations": {"required": True}})
        # The fields every resource has; the category's own ones as YAML.
        fields = {n: p for n, p in schemas.fields("research").items()
                  if n in schemas.documents()[schemas.COMMON]["properties"]}
        required = set(schemas.documents()[schemas.COMMON]["required"])
        body.append({"type": "textarea", "id": "details", "attributes": {
            "label": w._(CATEGORY_FIELDS),
            "description": w._("The fields of the chosen category as YAML (see the field "
                               "reference on the site), e.g. developer_url and trl for a "
                               "technology."),
            "render": "yaml"}, "validations": {"required": False}})
    else:
        fields = dict(schemas.fields(category))
        required = set(schemas.required(category))
    for name, prop in fields.items():
        if name not in SKIPPED:
            body.append(element(name, prop, name in required, w))
    body.append({"type": "textarea", "id": "body", "attributes": {
        "label": w._(DESCRIPTION), "description": w._("The text of the page, in Markdown.")},
        "validations": {"required": False}})
    name = w._(title) if w.lang == SOURCE else f"{w._(title)} ({Language(w.lang).name})"
    return {"name": name, "description": w._(description), "title": prefix,
            "labels": ["contribution", *([CATEGORY_LABELS[category]]
                                         if category in CATEGORY_LABELS else [])],
            "body": body}


def write_forms(folder: Path) -> list[Path]:
    """The forms in English and in every language with a catalogue."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for code in form_languages():
        for key in FORMS:
            path = folder / issue_form_file(key, code)
            path.write_text("# Generated by `virtual-centre issue-forms` from the JSON Schemas"
                            " and the catalogues.\n"
                            + yaml.safe_dump(form(key, words(code)), allow_unicode=True,
                                             sort_keys=False),
                            encoding="utf-8")
            out.append(path)
    return out


# -- from an issue to a file -------------------------------------------------------------

def answers(body: str) -> dict[str, str]:
    """GitHub renders an issue form as '### Label' headings followed by the answer: the
    answers by their heading (folded)."""
    parts = re.split(r"^### (.+)$", body, flags=re.M)
    out = {}
    for label, text in zip(parts[1::2], parts[2::2], strict=True):
        text = text.strip()
        text = re.sub(r"^```(?:yaml)?\n(.*?)\n```$", r"\1", text, flags=re.S)
        if text and text != NO_RESPONSE:
            out[_folded(label)] = text
    return out


def answered(given: dict[str, str], category: str | None) -> dict[str, str]:
    """The answers by the field they answer (or the English question that is not a field),
    whatever the form's language."""
    known = questions(category)
    return {known[label]: text for label, text in given.items() if label in known}


def value_of(prop: dict[str, Any], text: str, label: str) -> Any:
    """An answer as the field's value (the schema checks it once it is in its file)."""
    items = prop.get("items", {})
    kind = prop.get("type")
    if kind == "array" and "enum" in items:  # a dropdown's "a, b" or a textarea's lines
        return [v.strip() for v in re.split(r"[,\n]", text) if v.strip()]
    if kind == "object" or (kind == "array" and items.get("type") == "object"):
        return parse_yaml(text, label)
    if kind == "array":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind in ("integer", "number"):
        return parse_yaml(text, label)
    if kind == "boolean":
        return text.strip().lower() in ("true", "yes")
    return text


def meta_from_issue(body: str, category: str | None, today: str) -> tuple[str, dict, str]:
    """(category, front matter, Markdown body) of an issue; ValueError for an issue that
    cannot become a file (the message names the answer)."""
    if len(body.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        raise ValueError(f"the issue is longer than {MAX_FILE_BYTES:,} bytes")
    raw = answers(body)
    if category is None:
        category = answered(raw, None).get(CATEGORY, "")
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}")
    given = answered(raw, category)
    fields = schemas.fields(category)
    meta: dict[str, Any] = {}
    for name, prop in fields.items():
        text = given.get(name)
        if text is not None:
            meta[name] = value_of(prop, text, words().field(name))
    if CATEGORY_FIELDS in given:
        extra = parse_yaml(given[CATEGORY_FIELDS], CATEGORY_FIELDS)
        if not isinstance(extra, (dict, type(None))):
            raise ValueError("Category fields: write them as YAML fields (name: value), "
                             "one per line")
        meta.update(extra or {})
    meta.setdefault("date", today)
    return category, meta, given.get(DESCRIPTION, "")


def issue_file(meta: dict[str, Any], text: str) -> str:
    """The content file an issue makes (the one writer: model/content.py)."""
    return file_text(meta, "\n" + text.strip() + "\n")


def write_from_issue(content: Path, body: str, category: str | None, today: str,
                     slug: str | None = None) -> tuple[Path, list[Problem]]:
    """The file an issue makes, written only if `check` will accept it: (its path, the
    problems that kept it from being written)."""
    category, meta, text = meta_from_issue(body, category, today)
    slug = slug or slugify(str(meta.get("title", "")))[:60].strip("-") or "new-resource"
    if not SLUG_RE.match(slug):
        raise ValueError(f"'{slug}' is not a valid file name")
    path = content / category / f"{slug}.md"
    if path.exists():
        raise FileExistsError(f"{path} exists already")
    made = issue_file(meta, text)
    problems = entry_problems(content, [as_read(f"{category}/{slug}.md", made, str(path))])
    if not problems:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(made, encoding="utf-8")
    return path, problems
