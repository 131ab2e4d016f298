"""The edition to take away: EPUB 3 (per source and whole), PDF (A4 and US Letter, per source and
whole) and TEI P5 (per source), built from the Edition model, never from the site's HTML.

This package owns everything about those files: what each one holds and where its links go
(``book``); the text with its marks and note calls (``marks``); a source as a chapter
(``chapters``) and the apparatus chapters, glossary, cases, chronology and works cited
(``reference``); XHTML documents and contributor Markdown as XML (``xhtml``); the stylesheets
(``styles``); the EPUB package (``epub``); the print document and its typesetting by WeasyPrint
(``pdf``); the TEI document (``tei``, with ``tei_inline`` for the text and ``tei_dates`` for Old
Style dates); and the set of download files (``bundle``).

It imports the model (``sources``, ``editorial``) and ``render`` (the one escaping layer and the
site's markup builders), never ``site`` or ``cli``: ``site.generate`` puts the files in the docs
folder beside the pages, ``cli`` writes them. Every date in a file comes from the data, never
from the clock, so a rebuild is byte-identical.
"""
