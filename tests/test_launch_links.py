"""The Binder and nbgitpuller links printed by scripts/launch_links.py."""
import pathlib
from urllib.parse import parse_qs, urlsplit

import pytest

from tools.scripts import load_script

ROOT = pathlib.Path(__file__).resolve().parents[1]
links = load_script("launch_links")


@pytest.mark.parametrize("repo", ["https://github.com/uni/cyber-course", "https://github.com/uni/cyber-course.git",
                                  "git@github.com:uni/cyber-course.git"])
def test_binder_opens_jupyterlab_at_the_start_notebook(repo):
    url = links.binder_url(repo)
    assert url == "https://mybinder.org/v2/gh/uni/cyber-course/HEAD?urlpath=lab%2Ftree%2Fnotebooks%2F00_start_here.ipynb"
    assert parse_qs(urlsplit(url).query) == {"urlpath": ["lab/tree/notebooks/00_start_here.ipynb"]}
    assert (ROOT / links.START).exists()


def test_binder_voila_and_other_hosts():
    url = links.binder_url("https://github.com/uni/c", ref="main", path="notebooks/03_x.ipynb", voila=True)
    assert parse_qs(urlsplit(url).query) == {"urlpath": ["voila/render/notebooks/03_x.ipynb"]}
    assert "/gh/uni/c/main?" in url
    other = links.binder_url("https://gitlab.example.ac.uk/t/c.git")
    assert other.startswith("https://mybinder.org/v2/git/https%3A%2F%2Fgitlab.example.ac.uk%2Ft%2Fc/HEAD?")


def test_nbgitpuller_opens_the_start_notebook_inside_the_cloned_folder():
    url = links.nbgitpuller_url("https://hub.example.ac.uk/", "git@github.com:uni/cyber-course.git")
    parts = urlsplit(url)
    assert parts.netloc == "hub.example.ac.uk" and parts.path == "/hub/user-redirect/git-pull"
    assert parse_qs(parts.query) == {"repo": ["https://github.com/uni/cyber-course"], "branch": ["main"],
                                     "urlpath": ["lab/tree/cyber-course/notebooks/00_start_here.ipynb"]}


@pytest.mark.parametrize("bad", ["not a url", "ftp://x/y"])
def test_bad_addresses_get_a_message(bad, capsys):
    with pytest.raises(ValueError, match="is not"):
        links.binder_url(bad) if bad.startswith("ftp") else links.nbgitpuller_url(bad, "https://github.com/a/b")
    with pytest.raises(SystemExit):
        links.main([bad, "--hub", "https://hub.example.ac.uk"] if bad.startswith("ftp") else ["https://github.com/a/b", "--hub", bad])
    assert "is not" in capsys.readouterr().err


def test_printed_links_match_the_readme(capsys):
    """Binder links end in HEAD (the default branch) unless --branch names one; nbgitpuller needs a branch."""
    links.main(["https://github.com/uni/cyber-course", "--hub", "https://hub.example.ac.uk"])
    printed = capsys.readouterr().out
    readme = (ROOT / "README.md").read_text()
    lab = "https://mybinder.org/v2/gh/uni/cyber-course/HEAD?urlpath=lab%2Ftree%2Fnotebooks%2F00_start_here.ipynb"
    assert lab in printed and "&branch=main&" in printed
    assert "https://mybinder.org/v2/gh/ORG/REPO/HEAD?urlpath=lab/tree/notebooks/00_start_here.ipynb" in readme
    assert "branch=main" in readme
    links.main(["https://github.com/uni/cyber-course", "--branch", "spring", "--hub", "https://hub.example.ac.uk"])
    printed = capsys.readouterr().out
    assert "/gh/uni/cyber-course/spring?" in printed and "&branch=spring&" in printed and "/HEAD?" not in printed
