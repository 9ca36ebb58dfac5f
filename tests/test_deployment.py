"""Deployment: the two requirement sets, the JupyterHub image recipe (deploy/), Voila's configuration
(voila.py) and mybinder.org's Jupyter configuration (deploy/mybinder/) with the repository's .jupyter/.

Tests marked ``deploy`` need the package index (they build environments) and run from .ci/run:
``python -m pytest -m deploy tests/test_deployment.py``. With HUB_IMAGE_VENV set to a venv built by
``deploy/install-packages.sh``, the hub test uses that venv instead of a stand-in.
"""
from __future__ import annotations

import json
import os
import pathlib
import re
import secrets
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from importlib import metadata

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = pathlib.Path(__file__).resolve().parents[1]
STUDENT, DEV, HUB = ROOT / "requirements.txt", ROOT / "requirements-dev.txt", ROOT / "deploy" / "requirements-hub.txt"
LECTURER = ROOT / "requirements-lecturer.txt"  # nbgrader, installed on top of the others by .ci/run
VOILA = ROOT / "deploy" / "voila"
# Packages only tests and development use: never in a student's environment (Binder, a hub image)
TEST_ONLY = {"pytest-xdist", "pytest-timeout", "hypothesis", "playwright", "greenlet", "execnet", "pyee"}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^=\s;]+)$")
# Data-only packages requirements.txt installs: Voila's configuration, JupyterLab's defaults
LOCAL_PACKAGES = {"./deploy/voila": "evidence-course-voila", "./jupyter-settings": "evidence-course-jupyter-settings"}
OPTIONS = re.compile(r"^-(?P<flag>[rce]) (?P<value>\S+)$")


def lines(path: pathlib.Path) -> list[str]:
    return [line.split(" #")[0].strip() for line in path.read_text().splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def pins(path: pathlib.Path) -> dict[str, str]:
    return {canonicalize_name(m["name"]): m["version"] for m in map(PIN.match, lines(path)) if m}


def constraints() -> dict[str, str]:
    return pins(ROOT / "constraints.txt")


# ---------------------------------------------------------------------------------------------------
# Two requirement sets, fully pinned


@pytest.mark.parametrize("path", [STUDENT, DEV, HUB, LECTURER, ROOT / "constraints.txt"], ids=lambda p: p.name)
def test_every_line_is_an_exact_pin_or_a_known_reference(path):
    allowed = {STUDENT: {("c", "constraints.txt"), ("e", ".")}, DEV: {("r", "requirements.txt")},
               HUB: {("c", "../constraints.txt")}, LECTURER: {("r", "requirements.txt")}}.get(path, set())
    for line in lines(path):
        if path == STUDENT and line in LOCAL_PACKAGES:
            continue
        option = OPTIONS.match(line)
        if option:
            assert (option["flag"], option["value"]) in allowed, f"{path.name}: unexpected line {line!r}"
        else:
            assert PIN.match(line), f"{path.name}: {line!r} is not pinned with =="


def test_direct_pins_agree_with_constraints():
    pinned = constraints()
    for path in (STUDENT, DEV, HUB, LECTURER):
        for name, version in pins(path).items():
            assert pinned.get(name, version) == version, f"{path.name} pins {name}=={version}, constraints.txt {pinned[name]}"
    assert not set(pins(STUDENT)) & set(pins(DEV)), "a package is listed in both sets"


def closure(names) -> set[str]:
    """Every package the given installed packages need, following their (non-extra) dependencies."""
    seen, todo = set(), [canonicalize_name(n) for n in names]
    env = default_environment() | {"extra": ""}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for spec in metadata.requires(name) or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate(env):
                todo.append(canonicalize_name(req.name))
    return seen


def test_the_student_set_has_nothing_only_tests_use():
    student = set(pins(STUDENT))
    assert not student & TEST_ONLY, f"test tools in requirements.txt: {sorted(student & TEST_ONLY)}"
    assert {"nbval", "jupyterlab", "voila", "ipywidgets"} <= student
    installed = closure(student)
    assert not installed & TEST_ONLY, f"requirements.txt brings in {sorted(installed & TEST_ONLY)}"
    dev_only = closure(pins(DEV)) - installed
    assert {"playwright", "hypothesis", "pytest-xdist", "pytest-timeout"} <= dev_only


def test_constraints_cover_every_installed_package():
    """This environment was installed from requirements-dev.txt (and perhaps the lecturer's or the hub's
    set on top): every package in it, direct or indirect, must be pinned at the version installed, in
    constraints.txt or in the added set's file (pip and setuptools aside)."""
    pinned = constraints() | pins(HUB) | pins(LECTURER)
    missing, differ = [], []
    for dist in metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"])
        if name in {"evidence-course", *LOCAL_PACKAGES.values(), "pip", "setuptools", "wheel"}:
            continue
        if name not in pinned:
            missing.append(f"{name}=={dist.version}")
        elif pinned[name] != dist.version:
            differ.append(f"{name}: installed {dist.version}, constraints.txt {pinned[name]}")
    assert missing == [] and differ == [], f"not in constraints.txt: {missing}; different: {differ}"


def test_build_floor_and_build_output_out_of_sight():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["build-system"]["requires"] == ["setuptools>=77"]  # the first to read license = "MIT"
    assert project["project"]["license"] == "MIT"
    distutils = project["tool"]["distutils"]
    assert distutils["build"]["build_base"] == distutils["egg_info"]["egg_base"] == ".build"
    assert (ROOT / ".build" / ".gitignore").is_file()  # egg_base must exist in every clone


@pytest.mark.deploy
@pytest.mark.parametrize("package", [".", *LOCAL_PACKAGES])
def test_pip_install_leaves_nothing_in_the_file_browser(tmp_path, package):
    """Binder's repo2docker installs requirements.txt (with its local packages) and runs `pip install .`
    in the home folder: nothing new may show beside the notebooks (hidden folders aside)."""
    clone = tmp_path / "course"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    target = tmp_path / "target"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), package],
                   cwd=clone, check=True)
    status = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"], cwd=clone,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    visible = [line[3:] for line in status if not any(part.startswith(".") for part in pathlib.PurePath(line[3:]).parts)]
    assert visible == [], f"pip install {package} left these where students see them: {visible}"
    assert any(target.iterdir())


# ---------------------------------------------------------------------------------------------------
# The JupyterHub image: the course's packages without the course; each student's pulled copy is used


def image_python(tmp_path: pathlib.Path) -> pathlib.Path:
    """The Python of the hub image: HUB_IMAGE_VENV (built by deploy/install-packages.sh), or else a
    stand-in built offline: a venv that sees this environment's packages but not its editable
    install of the course (a path in a .pth file does not run the .pth files found there), with the
    IPython kernel configuration that install-packages.sh installs."""
    if os.environ.get("HUB_IMAGE_VENV"):
        return pathlib.Path(os.environ["HUB_IMAGE_VENV"]) / "bin" / "python"
    venv = tmp_path / "image"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = pathlib.Path(subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                       capture_output=True, text=True, check=True).stdout.strip())
    (site / "course-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    (venv / "etc" / "ipython").mkdir(parents=True)
    shutil.copy(ROOT / "deploy" / "ipython_kernel_config.py", venv / "etc" / "ipython" / "ipython_kernel_config.py")
    return venv / "bin" / "python"


def run_in_kernel(python: pathlib.Path, cwd: pathlib.Path, code: str, tmp_path: pathlib.Path) -> str:
    """Run ``code`` in an IPython kernel of ``python`` started in ``cwd`` (as Jupyter starts one for a
    notebook in that folder); return what it printed."""
    import nbformat
    from nbclient import NotebookClient

    spec = tmp_path / "jupyter-path" / "kernels" / "image"
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                                  "display_name": "image", "language": "python"}))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    env = dict(os.environ, JUPYTER_PATH=str(spec.parents[1]), PYDEVD_DISABLE_FILE_VALIDATION="1")
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name="image")
    km.kernel_spec_manager.kernel_dirs = [str(spec.parent)]
    client = NotebookClient(nb, km=km, timeout=120, resources={"metadata": {"path": str(cwd)}})
    client.execute(env=env, cwd=str(cwd))
    return "".join(out.get("text", "") for out in nb.cells[0].outputs)


def git(*args, cwd):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True,
                   capture_output=True)


def test_hub_image_uses_the_pulled_copy_and_sees_updates(tmp_path):
    python = image_python(tmp_path)
    alone = subprocess.run([str(python), "-c", "import evidence_course"], cwd=tmp_path, capture_output=True, text=True)
    assert alone.returncode != 0, "the image must not hold its own copy of the course"
    upstream, home = tmp_path / "upstream", tmp_path / "home"
    git("clone", "-q", str(ROOT), str(upstream), cwd=tmp_path)
    home.mkdir()
    git("clone", "-q", str(upstream), str(home / "course"), cwd=home)  # what nbgitpuller does on the first click
    probe = ("import evidence_course as ec\nprint(ec.__file__)\nprint(ec.data.DATA_DIR)\n"
             "print(getattr(ec, 'HUB_UPDATE', 'none'))\nprint(len(ec.load_table('facts')))")
    for folder in ("notebooks", "exercises"):
        out = run_in_kernel(python, home / "course" / folder, probe, tmp_path).split()
        assert out[:3] == [str(home / "course" / "evidence_course" / "__init__.py"), str(home / "course" / "data"), "none"]
    facts_before = int(out[3])

    # The lecturer pushes new code and one more row of data; the student clicks the link again
    with open(upstream / "evidence_course" / "__init__.py", "a") as f:
        f.write("\nHUB_UPDATE = 'pulled'\n")
    facts = upstream / "data" / "facts.csv"
    rows = facts.read_text().splitlines()
    facts.write_text("\n".join([*rows, rows[-1]]) + "\n")
    git("commit", "-q", "-am", "update", cwd=upstream)
    gitpuller = python.parent / "gitpuller"
    if gitpuller.exists():
        subprocess.run([str(gitpuller), str(upstream), "main", str(home / "course")], check=True, capture_output=True)
    else:
        git("pull", "-q", "--no-rebase", cwd=home / "course")
    out = run_in_kernel(python, home / "course" / "notebooks",
                        probe.replace("len(ec.load_table('facts'))", "sum(1 for _ in open(ec.data.DATA_DIR / 'facts.csv'))"),
                        tmp_path).split()
    assert out[2] == "pulled"
    assert int(out[3]) == len(rows) + 1


def test_dockerfile_installs_with_the_script_the_test_uses():
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    assert "sh /tmp/course/deploy/install-packages.sh /opt/course" in dockerfile
    assert "COPY requirements.txt constraints.txt /tmp/course/" in dockerfile
    assert "COPY . " not in dockerfile, "the image must not hold a copy of the course"
    for local in LOCAL_PACKAGES:
        assert local in lines(STUDENT)
        top = local[2:].split("/")[0]
        assert f"COPY {top}/ /tmp/course/{top}/" in dockerfile, f"the Dockerfile must copy {local}"
    script = (ROOT / "deploy" / "install-packages.sh").read_text()
    assert "grep -v -E '^-(e|c)[ =]'" in script and "ipython_kernel_config.py" in script


# ---------------------------------------------------------------------------------------------------
# Voila: no CDN


def test_voila_template_removes_exactly_the_cdn_links_voila_has():
    import voila

    lab = pathlib.Path(sys.prefix, "share", "jupyter", "voila", "templates", "lab", "index.html.j2").read_text()
    ours = (VOILA / "share" / "jupyter" / "voila" / "templates" / "course" / "index.html.j2").read_text()
    links = re.findall(r"<link rel=\"stylesheet\" href=\"https://cdn[^>]+>", lab)
    assert len(links) == 2 and all(link in ours for link in links), f"voila {voila.__version__} changed its template"
    assert not re.search(r"https?://", re.sub(r"'<link[^']+'", "", ours)), "the template itself must fetch nothing"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(proc, url: str, log: pathlib.Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the server stopped: {log.read_text()[-2000:]}"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{url} did not answer; log: {log.read_text()[-2000:]}")


def stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def jupyter_env(home: pathlib.Path, **extra) -> dict:
    """A clean Jupyter environment with ``home`` as the home folder. The repository's Voila
    configuration comes first on Jupyter's paths, so that the tests check it even in an environment
    installed before it changed (test_voila_configuration_is_installed checks the installed copy)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JUPYTERLAB"))}
    env.update(HOME=str(home), PYDEVD_DISABLE_FILE_VALIDATION="1", MPLCONFIGDIR=str(home / ".mpl"),
               JUPYTER_PATH=str(VOILA / "share" / "jupyter"), JUPYTER_CONFIG_PATH=str(VOILA / "etc" / "jupyter"))
    if "JUPYTER_CONFIG_PATH" in extra:
        extra["JUPYTER_CONFIG_PATH"] = os.pathsep.join([extra["JUPYTER_CONFIG_PATH"], env["JUPYTER_CONFIG_PATH"]])
    env.update(extra)
    return env


def test_voila_configuration_is_installed():
    """requirements.txt installs deploy/voila into the environment, where Voila reads it."""
    installed = sorted(str(p.relative_to(VOILA)) for p in VOILA.rglob("*") if p.is_file() and p.name != "pyproject.toml"
                       and "__pycache__" not in p.parts)
    assert installed == ["etc/jupyter/voila.py", "share/jupyter/voila/templates/course/conf.json",
                         "share/jupyter/voila/templates/course/index.html.j2"]
    for relative in installed:
        copy = pathlib.Path(sys.prefix, relative)
        assert copy.is_file() and copy.read_text() == (VOILA / relative).read_text(), (
            f"{copy} is missing or out of date: reinstall with `pip install -r requirements-dev.txt`")


def course_folder(tmp_path: pathlib.Path) -> pathlib.Path:
    """The course as Binder has it: the repository (this working tree) is the home folder."""
    home = tmp_path / "home"
    home.mkdir()
    for name in ("notebooks", "data", "evidence_course", ".jupyter", "voila.json"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, home / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        elif source.exists():
            shutil.copy(source, home / name)
    return home


@pytest.mark.parametrize("mode", ["server extension", "standalone"])
def test_voila_pages_ask_for_mathjax_and_fonts_from_this_machine_only(tmp_path, mode):
    home = course_folder(tmp_path)
    port, log = free_port(), tmp_path / "voila.log"
    if mode == "standalone":
        command = [sys.executable, "-m", "voila", "notebooks", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                   "--token=", "--Voila.port_retries=0"]
        page = f"http://127.0.0.1:{port}/voila/render/02_grooming_surveys_of_young_people.ipynb"
    else:
        command = [sys.executable, "-m", "jupyter", "server", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
                   "--IdentityProvider.token=", "--ServerApp.port_retries=0", *(["--allow-root"] if os.geteuid() == 0 else [])]
        page = f"http://127.0.0.1:{port}/voila/render/notebooks/02_grooming_surveys_of_young_people.ipynb"
    with open(log, "w") as out:
        proc = subprocess.Popen(command, cwd=home, env=jupyter_env(home), stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(proc, f"http://127.0.0.1:{port}/", log)
        with urllib.request.urlopen(page, timeout=180) as response:
            html = response.read().decode()
    finally:
        stop(proc)
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S)[1])
    assert config["fullMathjaxUrl"] is None and config["mathjaxConfig"] is None  # Voila's bundled MathJax
    assert "fontawesome" not in html and "cdn.jsdelivr.net" not in html
    assert "voila-style.js" in html  # which carries Font Awesome, served by Voila
    stylesheets = re.findall(r"<link[^>]+href=\"(https?://[^\"]+)", html)
    assert stylesheets == [], stylesheets


# ---------------------------------------------------------------------------------------------------
# mybinder.org's configuration: the server's memory stays flat as kernels start


def server_memory_per_kernel(tmp_path: pathlib.Path, home: pathlib.Path, kernels: int = 5) -> list[int]:
    """Run JupyterLab as Binder does (home = the repository, mybinder's configuration in a system
    config folder), start ``kernels`` kernels and connect to each; the server's RSS in MiB after each."""
    import psutil
    import websocket

    etc = tmp_path / "etc-jupyter"
    etc.mkdir()
    shutil.copy(ROOT / "deploy" / "mybinder" / "jupyter_notebook_config.py", etc / "jupyter_notebook_config.py")
    port, token, log = free_port(), secrets.token_hex(12), tmp_path / "lab.log"
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--IdentityProvider.token={token}", "--ServerApp.port_retries=0",
               *(["--allow-root"] if os.geteuid() == 0 else [])]
    with open(log, "w") as out:
        proc = subprocess.Popen(command, cwd=home, env=jupyter_env(home, JUPYTER_CONFIG_PATH=str(etc)),
                                stdout=out, stderr=subprocess.STDOUT)
    base, memory = f"http://127.0.0.1:{port}", []
    try:
        wait_until_up(proc, f"{base}/api/status?token={token}", log)
        server = psutil.Process(proc.pid)
        memory.append(server.memory_info().rss >> 20)
        for _ in range(kernels):
            request = urllib.request.Request(f"{base}/api/kernels?token={token}", method="POST", data=b'{"name": "python3"}',
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=120) as response:
                kernel = json.loads(response.read())
            ws = websocket.create_connection(f"ws://127.0.0.1:{port}/api/kernels/{kernel['id']}/channels?token={token}",
                                             timeout=120)
            time.sleep(2)
            ws.close()
            memory.append(server.memory_info().rss >> 20)
            if memory[-1] > 4 * memory[0]:  # clearly growing: stop before it takes the machine's memory
                break
    finally:
        stop(proc)
    return memory


def test_server_memory_stays_flat_with_mybinder_config_and_the_repository_jupyter_folder(tmp_path):
    home = course_folder(tmp_path)
    assert (home / ".jupyter" / "jupyter_server_config.json").is_file()
    memory = server_memory_per_kernel(tmp_path, home)
    assert len(memory) == 6 and memory[-1] - memory[0] < 60, f"server memory (MiB) after each kernel: {memory}"


@pytest.mark.deploy
def test_without_the_jupyter_folder_mybinder_config_makes_the_server_grow(tmp_path):
    """The control: the problem .jupyter/ fixes is still there (traitlets merges the lazily appended
    extra_template_paths into itself, doubling the list on every kernel start and connection). If this
    fails, the mitigation may no longer be needed."""
    home = course_folder(tmp_path)
    shutil.rmtree(home / ".jupyter")
    memory = server_memory_per_kernel(tmp_path, home, kernels=6)
    assert memory[-1] > 2 * memory[0], f"server memory (MiB) after each kernel: {memory}"


# ---------------------------------------------------------------------------------------------------
# scripts/simulate_class.py: its arithmetic and its messages (the run itself is in .ci/run)


def simulate_module():
    from tools.scripts import load_script

    return load_script("simulate_class")


def test_simulation_percentiles():
    sim = simulate_module()
    assert sim.percentile([5.0], 95) == 5.0
    assert sim.percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert sim.percentile(list(map(float, range(1, 101))), 95) == pytest.approx(95.05)


@pytest.mark.parametrize("argv, message", [(["--students", "0"], "--students must be at least 1 (it was 0)"),
                                           (["--timeout", "-5"], "--timeout must be a positive number of seconds (it was -5)")])
def test_simulation_refuses_bad_settings_in_plain_words(argv, message, capsys):
    with pytest.raises(SystemExit):
        simulate_module().main(argv)
    assert message in capsys.readouterr().err


def test_simulation_proxy_is_pinned():
    lock = json.loads((ROOT / "deploy" / "class-simulation" / "package-lock.json").read_text())
    wanted = json.loads((ROOT / "deploy" / "class-simulation" / "package.json").read_text())["dependencies"]
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in wanted.values())
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == wanted["configurable-http-proxy"]
