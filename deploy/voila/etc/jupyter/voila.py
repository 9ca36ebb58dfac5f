"""Voila configuration for the course: nothing a Voila page needs comes from another machine.

Installed as ``{sys.prefix}/etc/jupyter/voila.py`` by requirements.txt (the ``./deploy/voila``
package) and by deploy/install-packages.sh; Voila reads it there both as the ``voila`` command and
inside JupyterLab (the voila/render/... links, as on Binder).

1. Formulas: as a server extension Voila points MathJax at a CDN (cdnjs.cloudflare.com) unless told
   otherwise; with no MathJax URL the page uses the MathJax bundled in Voila's own JavaScript, as
   the standalone ``voila`` command already does.
2. Fonts: the 'course' template, installed beside this file, is Voila's 'lab' template without its
   two Font Awesome stylesheets on jsDelivr; Voila's voila-style.js carries Font Awesome already.
"""


def _bundled_mathjax(page_config, **kwargs):
    """Voila's page_config_hook: no MathJax URL, so the page uses Voila's bundled MathJax."""
    page_config["fullMathjaxUrl"] = None
    page_config["mathjaxConfig"] = None
    return page_config


c.VoilaConfiguration.page_config_hook = _bundled_mathjax  # noqa: F821 (c: the config object traitlets provides)
c.VoilaConfiguration.template = "course"  # noqa: F821
