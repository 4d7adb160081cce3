"""The Virtual Centre for textile recycling: the generator of its site.

The folders follow the pipeline (README.md, "Architecture"):

  model/           what a content file is: its schema, vocabularies, categories, problems
  validate/        the gate over the content folder and every rule a file must pass
  catalogue/       the published resources, their facets, the M3P directory and matchmaking
  pages/           the pages of the site: planned, rendered, completed (lifecycle.py)
  outputs/         what else the build publishes: search payload, feeds, open data, offline zip
  mkdocs_adapter/  the MkDocs plugin and its options: the only code that imports mkdocs
  cli/             the virtual-centre command
  automation/      what the GitHub workflows run: issue forms to pull requests, reports
  theme/, assets/  templates (ours in theme/vc/), the stylesheet and the page scripts
"""

import os

# openpyxl parses with lxml where it is installed, whose parser expands entities (an entity of
# a contributed .xlsx could name a file of this machine); with the standard library's expat it
# expands no external entity and limits nested ones. Set before any module imports openpyxl.
os.environ.setdefault("OPENPYXL_LXML", "False")
