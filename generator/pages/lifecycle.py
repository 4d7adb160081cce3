"""The life of one page, every step and every marker of it in this module.

1. Planned: the site plan names the pages it generates; each enters MkDocs as a Markdown file
   holding PLACEHOLDER (page_markdown).
2. Skeleton (the build's process, MkDocs' on_page_content): skeleton() gives a resource's page
   its title, summary and body between RESOURCE and RESOURCE_END, the body escaped until it is
   cleaned; a generated page its title between GENERATED and GENERATED_END; the home page its
   blocks (HOME_MARKER) at once. The panel, related, backlinks and lists are left out: they
   would stay in memory for every page until it is written, and enter Material's search index.
3. Written: MkDocs renders the theme around the skeleton.
4. Completed: complete() replaces the skeleton with the whole content and makes the HTML valid.
   A Completer does it (pages/completers.py: in the build's own process, or in a second
   process while MkDocs converts the Markdown), after the steps before any page below.
5. Zipped: each completed page goes into the offline edition, every other file at the end.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import re
from html import unescape
from pathlib import Path

import yaml
from markupsafe import escape

from ..model.problems import Problem
from ..outputs.offline import ZipWriter
from ..outputs.registry import SEARCH_PAYLOAD, data_file_uris
from .context import BuildContext
from .kinds import GeneratedPage, home_block
from .plan import SitePlan
from .resource import render_resource
from .sanitize import clean_html
from .switcher import switcher

# -- the markers ------------------------------------------------------------------------------
# Contributors' text cannot hold them: it is escaped (a body too, until complete() cleans it),
# and clean_html drops comments.
PLACEHOLDER = "<!-- vc:page -->"  # the Markdown of a generated page
RESOURCE, BODY, RESOURCE_END = "<!-- vc:resource -->", "<!-- vc:body -->", "<!-- /vc:resource -->"
GENERATED, GENERATED_END = "<!-- vc:generated -->", "<!-- /vc:generated -->"
HOME_MARKER = re.compile(r"<!-- vc:(counts|latest|ways-in|tasks) -->")  # blocks of the home page
# autocomplete is not allowed on checkboxes (Material's drawer and search toggles).
MD_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


# -- the page as MkDocs reads it, and its two halves ------------------------------------------


def page_markdown(page: GeneratedPage) -> str:
    """A generated page as MkDocs reads it (step 1): its settings and the placeholder."""
    front = yaml.safe_dump(page.settings(), allow_unicode=True).strip()
    return f"---\n{front}\n---\n\n{PLACEHOLDER}\n"


def skeleton(plan: SitePlan, src_uri: str, html: str) -> str:
    """A page's content while MkDocs builds it, given what Markdown made of it (step 2)."""
    if src_uri in plan.pages:
        return f"{GENERATED}<h1>{escape(plan.pages[src_uri].title)}</h1>{GENERATED_END}"
    if r := plan.catalogue.at(src_uri):
        return (f"{RESOURCE}<h1>{escape(r.title)}</h1>\n"
                f'<p class="vc-summary">{escape(r.summary)}</p>\n'
                f"{BODY}{escape(html)}{RESOURCE_END}")
    presenter = plan.presenter(src_uri)
    languages = str(switcher(plan, src_uri, presenter))
    return (languages + "\n" if languages else "") + HOME_MARKER.sub(
        lambda m: home_block(plan.catalogue, m.group(1), presenter, plan.ways_in), html)


def region(text: str, start: str, end: str) -> tuple[int, int]:
    """Where a skeleton is in a written page: (start, end) offsets, (-1, -1) if absent."""
    first = text.find(start)
    last = text.find(end, first) if first >= 0 else -1
    return (first, last + len(end)) if last >= 0 else (-1, -1)


def fill(plan: SitePlan, src_uri: str, output: str) -> str:
    """The page as written: its skeleton replaced by the whole content."""
    presenter = plan.presenter(src_uri)
    if src_uri in plan.pages:
        start, end = region(output, GENERATED, GENERATED_END)
        if start < 0:
            return output
        html = str(switcher(plan, src_uri, presenter)) + plan.pages[src_uri].render(plan,
                                                                                   presenter)
        return output[:start] + html + output[end:]
    if r := plan.catalogue.at(src_uri):
        start, end = region(output, RESOURCE, RESOURCE_END)
        if start < 0:
            return output
        body = output[output.index(BODY, start) + len(BODY) : end - len(RESOURCE_END)]
        body = clean_html(unescape(body))
        return output[:start] + render_resource(plan, r, body, presenter) + output[end:]
    return output


def valid_html(output: str) -> str:
    """Two attributes of Material's templates that the HTML standard does not allow."""
    output = MD_TOGGLE_AUTOCOMPLETE.sub(r"\1", output)
    return output.replace(' tabindex=""', "")


def complete(plan: SitePlan, src_uri: str, output: str) -> str:
    """A page as it is published (step 4): filled in, and valid HTML."""
    return valid_html(fill(plan, src_uri, output))


def encoded(page: str) -> bytes:
    """A page's bytes, encoded as MkDocs encodes pages."""
    return page.encode("utf-8", errors="xmlcharrefreplace")


# -- what both completers do before any page --------------------------------------------------


def prepare(ctx: BuildContext) -> tuple[list[Problem], SitePlan | None]:
    """Check the content; if it holds no problem, write the search payload and the data files
    and return the plan that completes the pages."""
    problems, plan = checked(ctx)
    if plan is not None:
        write_outputs(plan, ctx)
    return problems, plan


def checked(ctx: BuildContext) -> tuple[list[Problem], SitePlan | None]:
    """The content's problems; the plan that completes the pages if there is none."""
    # The build's own process imports this module but checks nothing: jsonschema and lunr are
    # loaded where the content is checked (10 MB less in the build's process).
    from ..validate.checker import check

    problems, catalogue = check(ctx.content_dir, ctx.display_root, ctx.languages)
    return problems, (SitePlan(catalogue, ctx.today, ctx.repo_url, ctx.site_url, ctx.theme,
                                ctx.languages, ctx.site_pages)
                      if catalogue is not None else None)


def write_outputs(plan: SitePlan, ctx: BuildContext) -> None:
    """The search payload and the data files."""
    from ..outputs.search import write_payload  # see checked()

    write_payload(ctx.content_dir, plan.catalogue, ctx.site_dir)
    give_back_free_memory()  # the payload's temporaries
    write_data_files(plan, ctx)
    give_back_free_memory()  # the data files' temporaries


def placeholders(plan: SitePlan, ctx: BuildContext) -> None:
    """An empty file where each output will be: MkDocs copies the outputs in place (a file
    whose source is its destination) before the second process has written them."""
    for uri in (*data_file_uris(plan.catalogue), SEARCH_PAYLOAD):
        target = ctx.site_dir / uri
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.touch()


def write_data_files(plan: SitePlan, ctx: BuildContext) -> None:
    """Each data file written whole under a temporary name, then renamed: a server never
    serves half of one (`mkdocs serve` rewrites them while it serves the site)."""
    for uri, text in plan.data_files(ctx.site_name, ctx.site_url).items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        write_whole(ctx.site_dir / uri, data)


def write_whole(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    partial.replace(target)


def keep_skeleton(ctx: BuildContext, dest_uri: str, skeleton: bytes) -> None:
    if ctx.skeleton_dir is not None:
        target = ctx.skeleton_dir / dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(skeleton)


def give_back_free_memory() -> None:
    """Hand the pages the C heap holds free back to the system (glibc's malloc_trim; nothing
    elsewhere). The search payload's and the data files' temporaries leave ~45 MB of them at
    10,000 resources, which the process would otherwise keep while it completes the pages."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)


def zip_writer(ctx: BuildContext) -> ZipWriter | None:
    return ZipWriter(ctx.site_dir, ctx.epoch, ctx.today, ctx.site_url) if ctx.offline_zip \
        else None
