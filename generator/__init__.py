"""The Virtual Centre for textile recycling: content model, validation and site generation.

The core modules (content, validate, catalogue, views, site) never import mkdocs; the MkDocs
plugin in `plugin.py` is a thin adapter over them.
"""
