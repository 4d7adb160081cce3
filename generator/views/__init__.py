"""Derived views of the catalogue rendered as HTML: resource pages, indexes, taxonomies."""
