# mybinder.org's Jupyter configuration, as published in https://github.com/jupyterhub/mybinder.org-deploy
# at mybinder/files/etc/jupyter/jupyter_notebook_config.py (commit 95860dbcba2031b930020dbd856e76cd37ba34c8,
# 2026-08-05; BSD 3-Clause licence, Copyright (c) 2017, JupyterHub). mybinder.org mounts it at
# /etc/jupyter in every session. Kept unchanged below this header; tests/test_deployment.py runs a
# Jupyter server with it, as Binder would.

import os
from distutils.version import LooseVersion as V

import notebook

c.ServerApp.extra_template_paths.append("/etc/jupyter/templates")


# For old notebook versions we have to explicitly enable the translation
# extension
if V(notebook.__version__) < V("5.1.0"):
    c.NotebookApp.jinja_environment_options = {"extensions": ["jinja2.ext.i18n"]}


binder_launch_host = os.environ.get("BINDER_LAUNCH_HOST", "")
binder_request = os.environ.get("BINDER_REQUEST", "")
binder_persistent_request = os.environ.get("BINDER_PERSISTENT_REQUEST", "")

repo_url = os.environ.get("BINDER_REPO_URL", "")

# Disable JITSI integration for now
jitsi_url = ""

c.ServerApp.jinja_template_vars.update(
    {
        "binder_url": binder_launch_host + binder_request,
        "persistent_binder_url": binder_launch_host + binder_persistent_request,
        "repo_url": repo_url,
        "ref_url": os.environ.get("BINDER_REF_URL", ""),
        "jitsi_url": jitsi_url,
    }
)
