"""Print the links that open the course on Binder, in Voila on Binder, and on a JupyterHub.

    python scripts/launch_links.py https://github.com/ORG/REPO [--hub https://hub.example.ac.uk] [--branch BRANCH]

With no repository given, the URL of the git remote ``origin`` is used. Binder links end in
``HEAD`` (the repository's default branch, whatever its name) unless ``--branch`` names one;
nbgitpuller needs a branch name (``main`` unless ``--branch`` says otherwise). Binder builds the
environment from ``requirements.txt`` and ``runtime.txt``; a JupyterHub needs nbgitpuller and
the course's packages installed in its user image (deploy/; see README, "Teaching with the course").
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from urllib.parse import quote, urlencode

START = "notebooks/00_start_here.ipynb"
_GITHUB = re.compile(r"^(?:https://github\.com/|git@github\.com:)(?P<org>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?$")


def _https(repo_url: str) -> str:
    match = _GITHUB.match(repo_url)
    if match:
        return f"https://github.com/{match['org']}/{match['repo']}"
    if not repo_url.startswith("https://"):
        raise ValueError(f"{repo_url!r} is not an https:// or GitHub repository URL.")
    return repo_url.removesuffix(".git").rstrip("/")


def binder_url(repo_url: str, ref: str = "HEAD", path: str = START, voila: bool = False) -> str:
    """mybinder.org link opening JupyterLab at ``path`` (or the notebook as a Voila dashboard)."""
    urlpath = f"voila/render/{path}" if voila else f"lab/tree/{path}"
    match = _GITHUB.match(repo_url)
    if match:
        spec = f"gh/{match['org']}/{match['repo']}/{ref}"
    else:
        spec = f"git/{quote(_https(repo_url), safe='')}/{ref}"
    return f"https://mybinder.org/v2/{spec}?{urlencode({'urlpath': urlpath})}"


def nbgitpuller_url(hub: str, repo_url: str, branch: str = "main", path: str = START) -> str:
    """JupyterHub link that clones or updates the course in the student's home folder, then opens
    JupyterLab at ``path``. nbgitpuller clones into a folder named after the repository."""
    if not hub.startswith(("https://", "http://")):
        raise ValueError(f"{hub!r} is not a hub address (it should start with https://).")
    repo = _https(repo_url)
    folder = repo.rsplit("/", 1)[-1]
    query = urlencode({"repo": repo, "branch": branch, "urlpath": f"lab/tree/{folder}/{path}"})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", nargs="?", help="repository URL (default: the git remote 'origin')")
    parser.add_argument("--hub", help="JupyterHub address, for the nbgitpuller link")
    parser.add_argument("--branch", help="branch for the links (default: HEAD on Binder, main for nbgitpuller)")
    args = parser.parse_args(argv)
    repo = args.repo
    if repo is None:
        found = subprocess.run(["git", "remote", "get-url", "origin"], capture_output=True, text=True)
        if found.returncode != 0:
            parser.error("no repository URL given and this clone has no 'origin' remote")
        repo = found.stdout.strip()
    ref = args.branch or "HEAD"
    try:
        print("Binder, JupyterLab at the start notebook:\n  " + binder_url(repo, ref=ref))
        print("Binder, notebook 02 as a Voila dashboard (change the path for another):\n  "
              + binder_url(repo, ref=ref, path="notebooks/02_grooming_surveys_of_young_people.ipynb", voila=True))
        badge = binder_url(repo, ref=ref)
        print(f"Badge (Markdown):\n  [![Binder](https://mybinder.org/badge_logo.svg)]({badge})")
        if args.hub:
            print("JupyterHub (nbgitpuller):\n  " + nbgitpuller_url(args.hub, repo, args.branch or "main"))
    except ValueError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
