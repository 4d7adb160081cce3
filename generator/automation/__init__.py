"""The commands behind the repository's GitHub workflows (issue forms to pull requests, pull
request summaries, expiry and link reports)."""
