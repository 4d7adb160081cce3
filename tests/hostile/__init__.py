"""The hostile corpus: files a contributor could send, laid into content folders by tests.

Where each cause of issue 31 (hostile contributions, round 3) is tested:

1. a remote request hidden in an image's address: accepted/offers/hostile-offer.md, in
   tests/test_hostile.py (the HTML) and tests/browser/test_hostile.py (Chromium's requests);
2. formulas in the published workbooks: tests/test_hostile.py (open data), test_one_gate.py;
3. numbers no later step holds: refused/offers/huge-*.md, refused/demands/far-away.md,
   test_one_gate.py, test_entry_paths.py (sheets);
4. dates after 2106: refused/research/future-date.md; a date at the window's end is built
   (accepted/research/hostile-research.md);
5. a suffix in capitals: refused/offers/upper.MD;
6. contributors' text in what the bots write: test_entry_paths.py, test_one_gate.py,
   test_link_checker.py, tests/test_automation.py;
7. line breaks in one-line fields: refused/research/newline-title.md, test_entry_paths.py;
8. URLs no parser reads: refused/offers/bad-contact.md, refused/research/bad-port.md,
   test_link_checker.py, test_entry_paths.py (the import);
9. the link checker unbounded: test_link_checker.py;
10. import and forms bypassing the reader's rules: test_entry_paths.py, test_one_gate.py;
11. look-alike identities, a form replacing another's file: test_entry_paths.py,
    tests/test_automation.py;
12. incremental serve left broken: test_serve_refused.py;
13. work growing with references x catalogue: test_entry_paths.py, `make bench-hostile`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

HERE = Path(__file__).parent
EXPECTED = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))


def lay(content: Path, *, refused: bool = True, accepted: bool = True) -> Path:
    """Copy the corpus into a content folder (the site's own pages are there already) and
    make its symbolic links."""
    for kind, wanted in (("refused", refused), ("accepted", accepted)):
        if wanted:
            shutil.copytree(HERE / kind, content, dirs_exist_ok=True)
    if refused:
        for path, (target, *_) in EXPECTED["links"].items():
            link = content / path
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(target)
    return content
