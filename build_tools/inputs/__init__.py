"""Reading the inputs: the only code that reads the repository's files.

Owns: collecting input files as bytes (confined to known folders, sizes capped), safe YAML with
the position of every value, and schema validation. Imports only ``build_tools.diagnostics``;
must not import the source model, the editorial layers, rendering or the site.
"""
