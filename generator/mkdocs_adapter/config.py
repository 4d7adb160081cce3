"""The plugin's options in mkdocs.yml (plugins: - virtual-centre: {...}), typed."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt


class CommentsConfig(base.Config):
    """Comments under resource pages with giscus (GitHub Discussions): off unless `repo` is set.
    Online only: the offline edition never holds them."""

    repo = opt.Optional(opt.Type(str))  # ORG/REPO
    repo_id = opt.Optional(opt.Type(str))
    category = opt.Optional(opt.Type(str))
    category_id = opt.Optional(opt.Type(str))
    mapping = opt.Type(str, default="pathname")


class AnalyticsConfig(base.Config):
    """A cookie-less page analytics script (Plausible's or a self-hosted one): off unless `src`
    is set. Online only."""

    src = opt.Optional(opt.URL())
    domain = opt.Type(str, default="")


class VirtualCentreConfig(base.Config):
    display_root = opt.Type(str, default="")
    """Problems are shown with paths relative to this folder (the project root by default)."""
    node_modules = opt.Type(str, default="node_modules")
    """Where npm installed the project's node packages (relative to mkdocs.yml)."""
    offline_zip = opt.Type(bool, default=True)
    """The offline edition: the built site as a zip, linked from the site."""
    languages = opt.ListOfItems(opt.Type(str), default=[])
    """The interface's languages besides English (ISO 639-1 codes, each with a catalogue in
    generator/locales/ or the project's `locales`): every generated page in each, under
    /<code>/."""
    locales = opt.Type(str, default="locales")
    """The project's own catalogues, if the folder exists (relative to mkdocs.yml):
    <code>/LC_MESSAGES/messages.po, for a language the package has no catalogue of (or to
    replace one)."""
    completion = opt.Choice(("second-process", "in-process"), default="second-process")
    """Who completes the pages (generator/pages/completers.py): a process of its own on the
    second core (builds), or the build's own process (debugging; the same site)."""
    comments = opt.SubConfig(CommentsConfig)
    analytics = opt.SubConfig(AnalyticsConfig)
