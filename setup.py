"""The wheel carries the templates, the framework files and the pinned versions
(`requirements/constraints.txt`) where the code can find them.

They live in this repository at `templates/`, `content/frameworks/` and `requirements/`,
where the example and the tests use them; the wheel maps each folder, unchanged, to a
package under
`yjsreport/_data/` (`yjsreport.resources` finds them in either place), so nothing is kept
twice. Everything else is declared in pyproject.toml.
"""

from pathlib import Path

from setuptools import find_packages, setup

DATA = {
    "yjsreport._data.templates": "templates",
    "yjsreport._data.frameworks": "content/frameworks",
    # the pinned versions, which `yjsreport init` gives a content repository to install with
    "yjsreport._data.requirements": "requirements",
}


def data_packages() -> dict[str, str]:
    """Each data folder and its sub-folders as packages, so setuptools takes their files."""
    found: dict[str, str] = {}
    for name, folder in DATA.items():
        found[name] = folder
        for sub in sorted(p for p in Path(folder).rglob("*") if p.is_dir()):
            found[".".join([name, *sub.relative_to(folder).parts])] = sub.as_posix()
    return found


PACKAGES = data_packages()
STARTER = "yjsreport.starter"  # the files `yjsreport init` writes (no Python in it)

setup(
    packages=[*find_packages(include=["yjsreport", "yjsreport.*"]), STARTER, *PACKAGES],
    package_dir=PACKAGES,
    package_data={name: ["*"] for name in [STARTER, *PACKAGES]},
)
