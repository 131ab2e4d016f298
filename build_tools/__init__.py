"""Dual Power Reader build tools: raw text + editorial data -> model -> Markdown -> site.

The pipeline shows in the module names:

- ``yaml_positions``: safe YAML loading that remembers line and column of every value
- ``source_meta``: a source's metadata file -> ``SourceSpec`` (declared editorial decisions)
- ``segment``: raw text + spec -> structured blocks (chrome dropped, roles applied)
- ``author_notes``: the source's own note markers and note texts, linked both ways
- ``gaps``: words lost in scraping, detected by declared rules
- ``anchors``: the append-only registry of permanent passage ids
- ``annotations``, ``glossary``, ``cases``: contributor data, validated
- ``linking``: one combined automaton that links glossary and case phrases
- ``render_*``: the model as Markdown pages
- ``build``: the only module that writes files; ``cli``: the only one that prints
- ``serve``: the live preview (``make serve``): regenerates on every change, prints like ``cli``
"""
