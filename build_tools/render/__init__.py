"""Rendering: the model as pages (Markdown with HTML blocks), citations, exports' shared pieces.

Owns: ``html`` (the one layer that turns contributor text into markup: everything not built as
``Markup`` is escaped), ``urls`` (every link between pages), and one module per kind of page.
Imports the model packages and ``settings``; must not import ``site`` or ``cli``, and never reads
or writes files.
"""
