"""The edition to take away: EPUB 3 (per source and whole), PDF (A4 and US Letter, per source and
whole) and TEI P5 (per source), built from the Edition model, never from the site's HTML.

This package owns everything about those files: what each one holds (``book``), the apparatus as
markup for reading systems and print (``marks``, ``chapters``), the EPUB package (``epub``), the
print document and its typesetting with WeasyPrint (``pdf``), the TEI document (``tei``,
``tei_inline``) and the set of files the site offers for download (``bundle``). It imports the
model (``sources``, ``editorial``) and ``render`` (the one escaping layer and the site's markup
builders), never ``site`` or ``cli``: ``site.generate`` puts the files in the docs folder and
``cli`` writes them. Output is deterministic: every date in a file comes from the data, never from
the clock, so a rebuild is byte-identical.
"""
