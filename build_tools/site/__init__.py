"""The site: the edition assembled from every stage, the generated files, their checks, writing
them, and the live preview.

Owns: ``edition`` (the single entry point that builds the whole model), ``generate`` (model ->
files), ``addresses`` (published addresses and page redirects), ``verify`` (checks on the built
HTML), ``write`` (the only module that writes files) and ``serve``. May import every package
below it; only ``cli`` imports it.
"""
