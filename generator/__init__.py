"""DEFFINOV Tiers-lieux site generator.

Data flows one way: files -> load (with source positions) -> check -> site model ->
renderers -> MkDocs. Only `plugin.py` knows about MkDocs.
"""
