#!/bin/sh
# Installs what a JupyterHub user image needs for the course into a new virtual environment at PREFIX:
# the course's packages (requirements.txt without its `-e .` line, so no copy of the course), plus
# jupyterhub and nbgitpuller (deploy/requirements-hub.txt), all pinned by constraints.txt, and the
# course's Voila configuration (deploy/voila, a data-only package). It also
# installs deploy/ipython_kernel_config.py, with which a kernel started inside a pulled copy of the
# course imports evidence_course and reads data/ from that copy.
#
#   sh deploy/install-packages.sh PREFIX        (PYTHON names the interpreter; default python3)
#
# The Dockerfile beside this script runs it; tests/test_deployment.py and scripts/simulate_class.py
# run it to build a venv that stands in for the image.
set -eu
prefix=${1:?usage: sh deploy/install-packages.sh PREFIX}
mkdir -p "$prefix" && prefix=$(cd "$prefix" && pwd)
course=$(cd "$(dirname "$0")/.." && pwd)
"${PYTHON:-python3}" -m venv "$prefix"
grep -v -E '^-(e|c)[ =]' "$course/requirements.txt" > "$prefix/course-requirements.txt"
cd "$course"  # requirements.txt names ./deploy/voila (Voila's configuration) relative to here
"$prefix/bin/pip" install --no-cache-dir --disable-pip-version-check -q \
  -c "$course/constraints.txt" -r "$prefix/course-requirements.txt" -r "$course/deploy/requirements-hub.txt"
mkdir -p "$prefix/etc/ipython"
cp "$course/deploy/ipython_kernel_config.py" "$prefix/etc/ipython/ipython_kernel_config.py"
