"""The editorial layers over the anchored sources: works cited, the chronology, the editor's
notes, the glossary, the comparative cases, concept linking and the concordance, assembled by
``edition.build_edition``, the single entry point that builds the whole model.

Owns: loading and validating contributor data against the source model, and the reports that
help editors. Imports ``sources``, ``inputs`` and ``diagnostics``; must not import rendering or
the site.
"""
