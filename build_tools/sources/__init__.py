"""The source model and its anchors: raw text + declared editorial data -> anchored passages.

Owns: the model's frozen dataclasses (``model``), a source's metadata (``source_meta``),
segmentation into blocks (``segment``), the author's notes (``author_notes``), gaps (``gaps``),
and permanent ids (``anchors``, ``pins``); ``structure`` runs them for one source. Imports
``inputs`` and ``diagnostics``; must not import the editorial layers, rendering or the site.
"""
