"""DEFFINOV Tiers-lieux site generator.

Data flows one way (see pipeline.py): files -> content (read with positions, check) -> site
model -> plan (every output lists its files) -> render -> MkDocs. Subpackages:

- content/  what editors write: models, reading, loading, checks, French error messages;
- site/     what the site says on a given day: schedules and statuses, addresses, views;
- outputs/  one module per output (pages, search), gathered in one registry.

Only plugin.py knows about MkDocs.
"""
