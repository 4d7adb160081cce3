"""A resource's front matter as rows of the metadata panel: label and safe HTML value.

Every value from a contributor goes through markupsafe.escape; links keep only http(s) URLs
(the schema already refuses others) and site-relative URLs made here.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from babel import Locale
from markupsafe import Markup, escape

from ..catalogue.facets import TAXONOMIES
from ..catalogue.matchmaking import HAZARDOUS
from ..catalogue.resources import Catalogue, Resource
from ..model import schemas
from ..model.categories import CATEGORIES
from ..model.languages import SOURCE, Language, translations
from ..model.words import Words, words
from .render import Theme

# Shown elsewhere on the page (heading, summary, banners, origin links), not as rows.
NOT_ROWS = {"title", "summary", "draft", "example", "related"}
TEXTILE_RULES_PAGE = "textile-rules.html"


@dataclass(frozen=True)
class Row:
    name: str
    label: str
    value: Markup


def external_link(url: str, text: str | None = None) -> Markup:
    if not url.startswith(("https://", "http://")):
        return escape(text or url)
    return Markup('<a href="{}" rel="noopener">{}</a>').format(url, text or url)


class FieldPresenter:
    """Turns values into safe HTML, with links relative to one page."""

    def __init__(self, catalogue: Catalogue, base: str, lang: str = SOURCE):
        self.catalogue = catalogue
        self.base = base
        self.lang = lang
        """The page's language: its words are translated into it (model/languages.py)."""
        self.home = base + Language(lang).prefix
        """Where the generated pages in the page's language are ('../de/'); resources, data
        and assets are under base."""
        self.words: Words = words(lang)
        self._ = translations(lang).gettext

    def link(self, url: str, text: str, cls: str = "", generated: bool = False) -> Markup:
        """A link to a resource (or, generated, to a page the site generates in the page's
        language)."""
        # f-strings of escaped parts: Markup.format made the same HTML 6 times slower.
        attr = f' class="{escape(cls)}"' if cls else ""
        href = (self.home if generated else self.base) + url
        return Markup(f'<a href="{escape(href)}"{attr}>{escape(text)}</a>')

    def resource_link(self, rid: str) -> Markup:
        target = self.catalogue.get(rid)
        if target is None:  # a draft: named, not linked
            return escape(rid)
        target = self.catalogue.in_language(target, self.lang)  # its translation, if any
        return self.link(target.url, target.title)

    def facet_link(self, facet: str, value: str, text: str) -> Markup:
        """A value's browse page (a resource's own page where the values are resources)."""
        named = bool(TAXONOMIES[facet].names) and value in self.catalogue.by_id
        return self.link(self.catalogue.facet_url(facet, value), text, generated=not named)

    def search_link(self, facet: str, value: str, text: str) -> Markup:
        """The catalogue search filtered to one value of a facet without browse pages."""
        return self.link(f"search.html#{facet}={quote(value, safe='')}", text, generated=True)

    def join(self, items: list[Markup]) -> Markup:
        return Markup(", ").join(items)

    def value(self, resource: Resource, name: str, value: Any) -> Markup | None:
        """A field's value as safe HTML (None: nothing to show)."""
        if value in (None, "", [], {}):
            return None
        if name in resource.refs:
            return self.join([self.resource_link(r) for r in resource.refs[name]])
        shown = self.named_value(name, value)
        if shown is None:
            shown = self.listing_value(name, value)
        return shown if shown is not None else self.plain_value(resource, name, value)

    def named_value(self, name: str, value: Any) -> Markup | None:
        """A field whose values a vocabulary or a taxonomy names (None: not one of them)."""
        w = self.words
        if name == "tags":
            return self.join([self.facet_link("topics", t, w.topic(t)) for t in value])
        if name == "materials":
            return self.join([self.facet_link("materials", m, w.fibre(m)) for m in value])
        if name in ("countries", "country", "jurisdiction"):
            codes = value if isinstance(value, list) else [value]
            return self.join([self.facet_link("countries", c, w.country(c)) for c in codes])
        if name in ("language", "source_language"):
            return escape(w.language(value))
        if name == "trl":
            return escape(f"{value} – {w.trl(value)}")
        if name == "processes":
            return self.join([escape(w.process(p)) for p in value])
        if name == "channel" and isinstance(value, str):
            return self.join([self.search_link("channel", value, w.channel(value))])
        if name == "stakeholders" and isinstance(value, list):
            return self.join([self.search_link("stakeholder", s, w.stakeholder(s))
                              for s in value])
        if name == "figures" and isinstance(value, dict):
            return escape(self.figures_text(value))
        if name == "textile_rules" and isinstance(value, dict):
            return self.textile_rules(value)
        return None

    def textile_rules(self, rules: dict[str, Any]) -> Markup:
        """Each rule in a line, and the page that compares the jurisdictions."""
        w = self.words
        items = [Markup("<li>{}: {}{}</li>").format(
            w.field(key), w.value(rule.get("status", "")),
            " " + self._("since %(date)s") % {"date": w.date(str(rule["since"]))}
            if rule.get("since") else "")
            for key, rule in rules.items() if isinstance(rule, dict)]
        compare = self.link(TEXTILE_RULES_PAGE, self._("Where each country stands"),
                            generated=True)
        return Markup("<ul>{}</ul>{}").format(Markup("").join(items), compare)

    def listing_value(self, name: str, value: Any) -> Markup | None:
        """A field of an offer or a demand (None: not one of them)."""
        w = self.words
        if name == "contact" and isinstance(value, str):
            return self.contact_markup(value)
        if name == "ewc" and isinstance(value, str):
            star = f" ({self._('hazardous')})" if HAZARDOUS.get(value) else ""
            return escape(f"{value} – {w.waste_code(value)}{star}")
        if name == "composition" and isinstance(value, list):
            return self.join([Markup("{} {} %").format(
                self.facet_link("materials", p["fibre"], w.fibre(p["fibre"])),
                w.number(p["percent"])) for p in value if isinstance(p, dict)])
        if name in ("quantity", "min_lot") and isinstance(value, dict):
            return escape(self.quantity_text(value))
        if name == "location" and isinstance(value, dict):
            where = ", ".join(x for x in (value.get("city"), w.country(value["country"])) if x)
            if "lat" in value:
                where += f" ({value['lat']:g}, {value['lon']:g})"
            return escape(where)
        if name == "period" and isinstance(value, dict):
            return escape(f"{value.get('start', '…')} – {value.get('end', '…')}")
        if name == "accepts" and isinstance(value, dict):
            parts = []
            for key, items in value.items():
                shown = items if isinstance(items, list) else [items]
                listed = external_link(items, self._("input specification")) \
                    if key == "source" else \
                    self.join([escape(self.accepted_text(key, i)) for i in shown])
                parts.append(Markup("<li>{}: {}</li>").format(w.field(key), listed))
            return Markup("<ul>{}</ul>").format(Markup("").join(parts))
        return None

    def plain_value(self, resource: Resource, name: str, value: Any) -> Markup:
        """Any other field, by what its schema says it is (a closed list, a link, a DOI…)."""
        shown_as = schemas.field_format(resource.category, name)
        if shown_as == "doi":
            return external_link(f"https://doi.org/{value}", value)
        prop = schemas.fields(resource.category).get(name, {})
        choices = prop.get("enum") or (prop.get("items") or {}).get("enum")
        if choices and (isinstance(value, str) or isinstance(value, list)
                        and all(isinstance(x, str) for x in value)):
            words = [self.enum_label(name, x) for x in
                     (value if isinstance(value, list) else [value])]
            return escape(", ".join(words))
        if isinstance(value, list):
            return self.list_value(value)
        if isinstance(value, dict):
            return self.object_value(value)
        if isinstance(value, bool):
            return escape(self._("yes") if value else self._("no"))
        if shown_as == "uri" and isinstance(value, str):
            return external_link(value)
        return escape(str(value))

    def enum_label(self, name: str, value: str) -> str:
        """A value of a closed list in words (a vocabulary's label where it has one)."""
        return self.words.enum(name, value)

    def figures_text(self, figures: dict[str, Any]) -> str:
        """A communication activity's figures in words: 'reach 640 · participants 118'."""
        return " · ".join(f"{self.words.field(name)} {self.words.number(value)}"
                          for name, value in figures.items() if isinstance(value, int))

    def quantity_text(self, q: dict[str, Any]) -> str:
        _, n = self._, self.words.number
        unit = q.get("unit", "")
        if "amount" in q:
            amount = f"{n(q['amount'])} {unit}"
        else:
            low, high = q.get("min"), q.get("max")
            if low is not None and high is not None:
                amount = f"{n(low)}–{n(high)} {unit}"
            elif low is not None:
                amount = _("at least %(amount)s") % {"amount": f"{n(low)} {unit}"}
            else:
                amount = _("up to %(amount)s") % {"amount": f"{n(high)} {unit}"}
        per = {"once": _("once"), "week": _("per week"), "month": _("per month"),
               "year": _("per year")}
        return f"{amount} {per[q['per']]}" if q.get("per") in per else amount

    def accepted_text(self, key: str, item: Any) -> str:
        w = self.words
        if key == "fibres" and isinstance(item, dict):
            return f"{w.fibre(str(item.get('fibre')))} ≥ {w.number(item.get('min_percent', 0))} %"
        if isinstance(item, bool):
            return self._("yes") if item else self._("no")
        if key == "min_share":
            return f"{w.number(item)} %"
        if key in ("forms", "origins", "processes") and isinstance(item, str):
            return w.enum(key, item)
        if key == "fibres" and isinstance(item, str):
            return w.fibre(item)
        return str(item)

    def contact_markup(self, contact: str) -> Markup:
        """A contact page as a link; an e-mail address only encoded, revealed by a click
        (contact.js, in assets/vc/site.js), so that it never stands plainly in the HTML."""
        if contact.startswith(("https://", "http://")):
            return external_link(contact, self._("Contact page"))
        encoded = base64.b64encode(contact[::-1].encode("utf-8")).decode("ascii")
        return Markup('<span class="vc-contact" data-c="{}"><button type="button" '
                      'class="md-button vc-contact__show">{}</button></span>'
                      '<noscript> ({})</noscript>').format(
            encoded, self._("Show e-mail address"),
            self._("the address is shown with JavaScript on"))

    def object_value(self, item: dict[str, Any]) -> Markup:
        text = item.get("title") or item.get("name") or item.get("what") or ""
        url = item.get("url") or item.get("notes_url")
        shown = external_link(url, text or url) if url else escape(text)
        date = item.get("date")
        return Markup("{}: {}").format(date, shown) if date else shown

    def list_value(self, items: list[Any]) -> Markup:
        lis = [
            Markup("<li>{}</li>").format(
                self.object_value(i) if isinstance(i, dict) else escape(str(i))
            )
            for i in items
        ]
        return Markup("<ul>{}</ul>").format(Markup("").join(lis))

    def rows(self, resource: Resource) -> list[Row]:
        origin = {name for name, _ in CATEGORIES[resource.category].origin_links}
        out = []
        for name in schemas.fields(resource.category):
            if name in NOT_ROWS or name in origin or name not in resource.meta:
                continue
            shown = self.value(resource, name, resource.meta[name])
            if shown is not None:
                label = self._(CATEGORIES[resource.category].date_label) if name == "date" \
                    else self.words.field(name)
                out.append(Row(name, label, shown))
        if resource.category == "technologies" and "accepts" not in resource.meta:
            out.append(Row("accepts", self.words.field("accepts"), escape(self._(
                "No input specification is recorded: its developer publishes none, or none was "
                "found. Matchmaking leaves this technology out."))))
        return out

    def named(self, resource: Resource, field: str, label: str) -> str:
        """'Developer' -> 'Developer: Valvan Baling Systems', when the name is known."""
        who = field.removesuffix("_url")
        name = resource.meta.get(f"{who}_name")
        if not name and resource.refs.get(who):
            target = self.catalogue.get(resource.refs[who][0])
            name = target.title if target else None
        return f"{label}: {name}" if name else label

    def origin_links(self, resource: Resource) -> list[tuple[str, str]]:
        """(label, url) of the links to developers, creators and sources, most important first."""
        links = []
        for name, label in CATEGORIES[resource.category].origin_links:
            url = resource.meta.get(name)
            if isinstance(url, str):
                links.append((self.named(resource, name, self._(label)), url))
        for creator in resource.meta.get("creators", []) or []:
            if isinstance(creator, dict) and creator.get("url"):
                links.append((self._("Creator: %(name)s") % {"name": creator["name"]},
                              creator["url"]))
        return links


# Where a cached card's links start: replaced by the page's own prefix. Markup, so the
# templates do not escape it; contributors' text is escaped, so it cannot contain it.
BASE_TOKEN = Markup("<vc-base/>")


class CardPresenter(FieldPresenter):
    """What a card shows besides title and summary; the cards themselves, rendered once per
    resource and shared by every list that shows it (a resource is on about 8 lists)."""

    def __init__(self, catalogue: Catalogue, base: str, theme: Theme,
                 cards: dict[tuple[str, int, str], str] | None = None, lang: str = SOURCE):
        super().__init__(catalogue, base, lang)
        self.theme = theme
        self.cards = {} if cards is None else cards

    def render(self, name: str, **context: Any) -> str:
        """One of our templates in the page's language, with this page's presenter as `p`."""
        return self.theme.render(name, self.lang, p=self, **context)

    def written_in(self, resource: Resource) -> tuple[str, str] | None:
        """(code, name in the page's language, CLDR) of a resource written in another language
        than the page's; None for one in the page's."""
        code = str(resource.meta.get("language") or SOURCE)
        if code == self.lang or not re.fullmatch(r"[a-z]{2}", code):
            return None
        return code, Locale.parse(self.lang).languages.get(code, code)

    def card(self, resource: Resource, level: int = 2) -> Markup:
        """A resource's card, its translation in the page's language where it has one."""
        resource = self.catalogue.in_language(resource, self.lang)
        key = (resource.id, level, self.lang)
        html = self.cards.get(key)
        if html is None:
            macros = self.theme.template("macros.html", self.lang).module
            html = str(macros.card(resource, CardPresenter(
                self.catalogue, BASE_TOKEN, self.theme, lang=self.lang), level))
            self.cards[key] = html
        return Markup(html.replace(BASE_TOKEN, self.base))

    def category(self, resource: Resource):  # noqa: ANN201 - a Category, for the template
        return CATEGORIES[resource.category]

    def key_facts(self, resource: Resource) -> list[tuple[str, str]]:
        cat = CATEGORIES[resource.category]
        value = resource.meta.get(cat.key_fact) if cat.key_fact else None
        if cat.key_fact == "channel" and isinstance(value, str):
            value = self.words.channel(value)
        elif isinstance(value, str) and "enum" in schemas.fields(resource.category).get(
                cat.key_fact or "", {}):
            value = self.enum_label(cat.key_fact or "", value)
        return [(self._(cat.key_fact_label), str(value))] if value not in (None, "") else []

    def card_facets(self, resource: Resource) -> Markup:
        w = self.words
        parts = [
            self.facet_link("countries", c, w.country(c))
            for c in TAXONOMIES["countries"].values(resource)
        ]
        parts += [self.resource_link(named) for facet in TAXONOMIES.values() if facet.names
                  for named in facet.values(resource)[:4]]
        parts += [
            self.facet_link("topics", t, "#" + w.topic(t))
            for t in resource.meta.get("tags", [])[:5]
        ]
        return Markup(" · ").join(parts)
