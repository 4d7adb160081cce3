"""The project's mkdocs.yml as the stage reads it (without MkDocs: its `!ENV` tags resolved
here), and the configuration it writes beside the staged docs: the same site, without our
plugin."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..outputs.assets import PAGE_SCRIPT, STYLESHEET

PLUGIN = "virtual-centre"
STAGED_DOCS, STAGED_THEME = "docs", "overrides"


class ConfigLoader(yaml.SafeLoader):
    """YAML with MkDocs' `!ENV` tag: `!ENV NAME` or `!ENV [NAME, OTHER, default]`."""


def _env(loader: ConfigLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = values[:-1], values[-1]
        if len(values) == 1:
            names, default = values, None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.load(os.environ[name], Loader=ConfigLoader) if os.environ[name] else ""
    return default


ConfigLoader.add_constructor("!ENV", _env)


def read_config(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=ConfigLoader) or {}


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """Our plugin's options in the configuration ({} when it is named without any)."""
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and PLUGIN in entry:
            return entry[PLUGIN] or {}
    return {}


def extensions(config: dict[str, Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The configured Markdown extensions: their names and their options."""
    names, options = [], {}
    for entry in config.get("markdown_extensions", []):
        name = entry if isinstance(entry, str) else next(iter(entry))
        names.append(name)
        if isinstance(entry, dict) and entry[name]:
            options[name] = entry[name]
    return names, options


def nav_titles(nav: Any) -> dict[str, str]:
    """The title the navigation gives each page (MkDocs shows it rather than the page's own)."""
    titles: dict[str, str] = {}
    for entry in nav or []:
        if isinstance(entry, dict):
            for title, target in entry.items():
                if isinstance(target, str):
                    titles[target] = str(title)
                else:
                    titles.update(nav_titles(target))
    return titles


def staged_config(config: dict[str, Any], not_found_head: str = "") -> dict[str, Any]:
    """The configuration of the staged folder: every setting of the project's, but our plugin
    (what it did is in the staged files), the docs and theme folders of the stage, and the
    stylesheet, scripts and options the plugin added."""
    staged = dict(config)
    staged["docs_dir"], staged["site_dir"] = STAGED_DOCS, "site"
    staged["use_directory_urls"] = False
    staged["theme"] = {**config.get("theme", {}), "custom_dir": STAGED_THEME}
    staged["plugins"] = [p for p in config.get("plugins", [])
                         if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    staged["extra_css"] = [*config.get("extra_css", []), STYLESHEET]
    staged["extra_javascript"] = [*config.get("extra_javascript", []), PAGE_SCRIPT]
    options = plugin_options(config)
    staged["extra"] = {**config.get("extra", {}), "vc_comments": options.get("comments", {}),
                       "vc_analytics": options.get("analytics", {}),
                       "vc_not_found_head": not_found_head}
    if not config.get("repo_url"):
        staged.pop("repo_url", None)
        staged["edit_uri"] = ""
    return staged


def write_config(config: dict[str, Any], out: Path) -> Path:
    path = out / "mkdocs.yml"
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)
    path.write_text("# Written by `virtual-centre stage`: the site without the virtual-centre "
                    "plugin.\n" + text, encoding="utf-8")
    return path
