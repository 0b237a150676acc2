"""Commands: ``salestrain`` (cli, collect), ``make notebooks`` (execute, translate) and the
site pages generated from content (bookgen)."""
