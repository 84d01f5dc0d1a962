"""Build hook: compile the gettext catalogs while the package is built (metadata is in pyproject.toml).

Each locales/<lang>/LC_MESSAGES/messages.po is compiled with `pybabel compile`:
`pip install -e .` writes messages.mo beside the .po (the source tree, git-ignored);
`pip install .` writes it into the package, bot/locales/<lang>/LC_MESSAGES/messages.mo.
bot/i18n.py reads it, and compiles a newer .po in memory itself.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import SetupError

LOCALES = Path(__file__).resolve().parent / "locales"


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        for po in sorted(LOCALES.glob("*/LC_MESSAGES/messages.po")):
            relative = po.relative_to(LOCALES.parent).with_suffix(".mo")
            mo = LOCALES.parent / relative if self.editable_mode else Path(self.build_lib, "bot", relative)
            mo.parent.mkdir(parents=True, exist_ok=True)
            mo.unlink(missing_ok=True)
            failed = CommandLineInterface().run(["pybabel", "-q", "compile", "-i", str(po), "-o", str(mo)])
            if failed or not mo.is_file():
                raise SetupError(f"{po}: not compiled (a fuzzy catalog header or the errors above)")


setup(cmdclass={"build_py": BuildWithCatalogs})
