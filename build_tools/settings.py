"""Settings of one build: the site's address and the repository that contributions go to.

One function, ``settings_for``, decides them for every command (build, anchors, serve, exports),
so every command writes the same pages. Nothing here reads the repository's files.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
_GITHUB = re.compile(r"^(?:https://github\.com/|git@github\.com:)([\w.-]+)/([\w.-]+?)(?:\.git)?/?$")


@dataclass(frozen=True)
class Settings:
    """``site_url``: where the site is published; ``repository``: its GitHub repository, if any."""

    site_url: str = DEFAULT_SITE_URL
    repository: str = ""
    branch: str = "main"

    @property
    def edit_base(self) -> str:
        """The web address that opens a file of the repository in GitHub's editor ("" if none)."""
        return f"{self.repository}/edit/{self.branch}" if self.repository else ""

    @property
    def blob_base(self) -> str:
        return f"{self.repository}/blob/{self.branch}" if self.repository else ""


def github_repository(url: str) -> str:
    """``https://github.com/owner/name`` for a GitHub remote URL, else ""."""
    match = _GITHUB.match(url.strip())
    return f"https://github.com/{match.group(1)}/{match.group(2)}" if match else ""


def _origin(root: Path) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def settings_for(root: Path) -> Settings:
    """The settings of a build of the checkout at ``root``.

    ``DPR_SITE_URL`` sets the site's address; ``DPR_REPOSITORY`` (for example
    ``https://github.com/owner/name``, as the publish workflow passes it) the repository that
    "edit" and "suggest a note" open, else the checkout's ``origin`` remote if it is on GitHub, so
    a fork's site sends contributions to the fork. ``DPR_BRANCH`` names the branch (``main``).
    """
    repository = github_repository(os.environ.get("DPR_REPOSITORY", "")) or github_repository(_origin(root))
    return Settings(
        site_url=os.environ.get("DPR_SITE_URL", DEFAULT_SITE_URL),
        repository=repository,
        branch=os.environ.get("DPR_BRANCH", "main"),
    )
