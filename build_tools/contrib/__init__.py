"""What contributors and reviewers see around the edition: the "Suggest a note" issue form turned
into an annotation entry, validator messages as GitHub annotations on a pull request's lines, the
job summary of what a change adds, and the editorial standard (note density) as diagnostics.

Owns: ``issue_form`` (the form's fields and the parsing of the Markdown GitHub renders from it),
``suggestion`` (form values -> a validated entry appended to ``annotations/<slug>.yml``),
``github`` (workflow commands), ``changes`` (what one set of inputs adds or changes against
another, as Markdown) and ``standard`` (the rules ``make test`` enforces on content, reported by
``check``). May import ``diagnostics``, ``settings``, ``inputs``, ``sources``, ``editorial`` and
``render.urls``; writes nothing itself (``cli`` writes through ``site.write``). Only ``cli``
imports it.
"""
