"""``mkdocs`` for the preview, noticing changed pages in a tenth of a second instead of half.

MkDocs' preview server polls its folders for changes every 0.5 s, with no option to change it;
the preview (``serve``) writes regenerated pages within a few hundredths of a second of an edit,
so that poll was the largest part of the delay before the browser reloads. Run as
``python -m build_tools.preview_mkdocs serve ...`` with the arguments of ``mkdocs serve``. Only the
preview uses it: ``mkdocs build`` and the site are untouched, and a site engine that replaces
MkDocs replaces this file with its own ``serve`` command.
"""

from __future__ import annotations

from typing import Any

import mkdocs.commands.serve
from mkdocs.__main__ import cli
from mkdocs.livereload import LiveReloadServer

POLLING_INTERVAL = 0.1  # seconds; a poll lists the staging folder, a few milliseconds at 500 sources


class QuickLiveReloadServer(LiveReloadServer):
    """MkDocs' live-reload server with a shorter polling interval."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("polling_interval", POLLING_INTERVAL)
        super().__init__(*args, **kwargs)


def main() -> None:
    """Run the MkDocs command line with the quicker server."""
    setattr(mkdocs.commands.serve, "LiveReloadServer", QuickLiveReloadServer)  # noqa: B010 (not re-exported, for mypy)
    cli()


if __name__ == "__main__":
    main()
