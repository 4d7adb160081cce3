"""The resource categories of the Virtual Centre: one folder each under content/.

What a category's metadata may hold is in its JSON Schema (schemas/); this module only says how
the site presents it: titles, the key fact on a card, the links to the origin of a resource.
"""

from __future__ import annotations

from dataclasses import dataclass

from .languages import N_, SOURCE


@dataclass(frozen=True)
class Category:
    key: str
    """The folder and the id prefix."""
    title: str
    """Plural, for the index page."""
    singular: str
    intro: str
    key_fact: str | None = None
    """The field shown on cards."""
    key_fact_label: str = ""
    origin_links: tuple[tuple[str, str], ...] = ()
    """Fields holding the links to the origin (developers, creators, sources), in display
    order, with their labels."""
    agenda_line: str = ""
    """The line of action of ENTeR's Strategic Agenda that the section serves."""
    facets: tuple[str, ...] = ()
    """Facets of the catalogue search that only this category has (catalogue/facets.py)."""
    schema_type: str = "CreativeWork"
    """The schema.org type of its pages' structured data (pages/structured.py)."""
    listing: str = ""
    """"offer" or "demand" for the categories of the M3P directory, whose resources are
    listings: matched, placed, judged on their expiry."""
    date_label: str = "Published"
    """What a resource's `date` is (a law's is the day it was adopted)."""
    issue_form: str = "propose-resource"
    """The GitHub issue form that adds one (.github/ISSUE_TEMPLATE/<issue_form>.yml; in
    another language issue_form_file's)."""
    identified: bool = False
    """Others name its resources: two whose names or ids look alike are refused
    (validate/identities.py)."""
    index_figure: str = ""
    """The figure its index page shows above the list, by name (pages/kinds.py: FIGURES)."""
    matched: bool = False
    """Matchmaking reads its resources (a change to one may change any listing's matches:
    pages/incremental.py); listings are matched anyway."""


OFFERS, DEMANDS = "offers", "demands"
LISTING_CATEGORIES = (OFFERS, DEMANDS)

# ENTeR's Strategic Agenda, which each section's agenda_line refers to.
STRATEGIC_AGENDA = "research/enter-strategic-agenda"


CATEGORIES: dict[str, Category] = {
    c.key: c
    for c in (
        Category(
            "pilot-cases",
            N_("Pilot cases and success stories"),
            N_("Pilot case"),
            N_("Real cases where textile waste was prevented, reused or recycled, with their "
               "results."),
            "status",
            N_("Status"),
            (("source_url", N_("Original source")),),
            agenda_line=N_("waste management"),
            facets=("status",),
            schema_type="Article",
        ),
        Category(
            "technologies",
            N_("Technological solutions"),
            N_("Technological solution"),
            N_("Technologies that sort, recycle or transform textile waste, with links to the "
            "developers who can tell you whether they fit your material."),
            "trl",
            N_("TRL"),
            (("developer_url", N_("Developer")), ("source_url", N_("Source"))),
            agenda_line=N_("research and technological trends"),
            facets=("trl",),
            schema_type="Product",
            matched=True,
        ),
        Category(
            "legislation",
            N_("Legislation"),
            N_("Legal act"),
            N_("Laws, strategies and standards on textiles and waste, with links to the original "
            "sources and publications."),
            "status",
            N_("Status"),
            (("source_url", N_("Original source")),),
            agenda_line=N_("legal and policy"),
            facets=("status",),
            schema_type="Legislation",
            date_label=N_("Adopted"),
            index_figure="laws-by-jurisdiction",
        ),
        Category(
            "training",
            N_("Training modules"),
            N_("Training module"),
            N_("Courses and training modules on textile recycling and the circular economy, with "
            "links to their developers."),
            "level",
            N_("Level"),
            (("provider_url", N_("Developer of the module")),
             ("source_url", N_("Course material"))),
            agenda_line=N_("education"),
            facets=("level",),
            schema_type="Course",
        ),
        Category(
            "research",
            N_("Research and technological trends"),
            N_("Research"),
            N_("Studies, reports and trends in textile recycling, with links to their creators."),
            "kind",
            N_("Kind"),
            (("source_url", N_("Publication")),),
            agenda_line=N_("research and technological trends"),
            schema_type="ScholarlyArticle",
        ),
        Category(
            "newsletters",
            N_("Newsletters from partner regions"),
            N_("Newsletter"),
            N_("Newsletters published by the partner regions, with links to their creators."),
            "issue",
            N_("Issue"),
            (("source_url", N_("Original newsletter")),),
            agenda_line=N_("communication"),
            schema_type="PublicationIssue",
        ),
        Category(
            "communication",
            N_("Communication activities"),
            N_("Communication activity"),
            N_("What the partners did to make textile recycling and the Virtual Centre known: each "
            "activity with its channel, the stakeholder groups it targets and what the channel "
            "measured. The statistics page compares channels and groups."),
            "channel",
            N_("Channel"),
            (("activity_url", N_("The activity")), ("figures_source", N_("Source of the figures"))),
            agenda_line=N_("communication"),
            facets=("channel", "stakeholder"),
            schema_type="CreativeWork",
        ),
        Category(
            "working-groups",
            N_("Forum and working groups"),
            N_("Working group"),
            N_("Groups of partners working together on a theme, and where they discuss."),
            "status",
            N_("Status"),
            (("forum_url", N_("Forum")),),
            schema_type="Project",
        ),
        Category(
            OFFERS,
            N_("Offers of textile waste (M3P)"),
            N_("Offer"),
            N_("Textile waste and by-products that producers offer to recyclers and users. "
               "Each offer "
            "lists the recipients whose needs it fits, with the reasons, and the technologies that "
            "can process it."),
            "status",
            N_("Status"),
            agenda_line=N_("waste management"),
            listing="offer",
            issue_form="post-offer",
            schema_type="Offer",
        ),
        Category(
            DEMANDS,
            N_("Demands for textile feedstock (M3P)"),
            N_("Demand"),
            N_("What recyclers, users and solution providers can take. For a demand, "
               "`countries` are "
            "the countries it serves. Each demand lists the offers that fit it."),
            "status",
            N_("Status"),
            agenda_line=N_("waste management"),
            listing="demand",
            issue_form="post-demand",
            schema_type="Demand",
        ),
        Category(
            "organisations",
            N_("Organisations"),
            N_("Organisation"),
            N_("The network: clusters, associations, research centres, public bodies and companies "
            "active in textile recycling."),
            "kind",
            N_("Kind"),
            (("website", N_("Website")), ("source_url", N_("Where it is documented"))),
            schema_type="Organization",
            index_figure="network-map",
            identified=True,
            matched=True,
        ),
    )
}


def issue_form_file(form: str, lang: str = SOURCE) -> str:
    """The file of an issue form in a language: post-offer.yml, post-offer-de.yml."""
    return f"{form}.yml" if lang == SOURCE else f"{form}-{lang}.yml"
