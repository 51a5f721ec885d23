"""tools/setup-system.sh, which `make test` and CI run first: it installs the Debian
packages the tests need when their files are missing, through sudo when not root; does
nothing, and needs no root, when they are there; and otherwise says what to run.

The scripts run as a user without root (nobody, when the tests run as root). apt-get
and sudo are small fakes on PATH, since installing for real needs root and the network;
the real install is what `make test` does on a fresh machine."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "tools" / "setup-system.sh"
PACKAGES = ROOT / "tools" / "system-packages"
SETPRIV = shutil.which("setpriv") or "/usr/bin/setpriv"
NOBODY = [SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []

# sudo that lets anyone through, and apt-get that installs by creating $FAKE_FILE (or fails
# with FAKE_APT_FAIL=1); both record their arguments.
FAKE_SUDO = '#!/bin/sh\necho "sudo $*" >>"$FAKE_LOG"\n[ "$1" = -n ] && shift\nexec "$@"\n'
FAKE_APT_GET = ('#!/bin/sh\necho "apt-get $*" >>"$FAKE_LOG"\n'
                'if [ -n "$FAKE_APT_FAIL" ]; then echo "E: Unable to locate package" >&2; exit 100; fi\n'
                'if [ "$1" = install ]; then : >"$FAKE_FILE"; fi\n')


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder the unprivileged user can read and write (pytest's own are root's only)."""
    folder = Path(tempfile.mkdtemp(prefix="steward-setup-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def write(path: Path, text: str, mode: int = 0o644) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def run(shared: Path, packages: Path, path: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    script = shutil.copy(SCRIPT, shared / "setup-system.sh")
    Path(script).chmod(0o755)
    return subprocess.run([*NOBODY, "/bin/bash", str(script), str(packages)], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60,
                          env={"PATH": path, "TMPDIR": str(shared), "FAKE_LOG": str(shared / "log"), **env})


def fakes(shared: Path) -> str:
    """A PATH with the fakes and the few real commands the script runs once it installs."""
    folder = shared / "bin"
    folder.mkdir()
    folder.chmod(0o755)
    write(folder / "sudo", FAKE_SUDO, 0o755)
    write(folder / "apt-get", FAKE_APT_GET, 0o755)
    for command in ("env", "mktemp", "tail"):
        (folder / command).symlink_to(shutil.which(command) or f"/usr/bin/{command}")
    return str(folder)


def test_with_everything_there_it_runs_no_command_and_needs_no_root(shared: Path) -> None:
    packages = write(shared / "packages", "# comment\n\nbash /bin/bash  # a shell\ncoreutils /usr/bin/env\n")
    # No command on PATH at all: anything beyond shell builtins would fail.
    done = run(shared, packages)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_the_packages_the_tests_need_are_there_after_the_set_up(shared: Path) -> None:
    done = run(shared, write(shared / "packages", PACKAGES.read_text(encoding="utf-8")))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr


def test_without_root_or_sudo_it_prints_the_apt_get_line(shared: Path) -> None:
    packages = write(shared / "packages", "bash /bin/bash\nsteward-absent /nonexistent/steward-file\n")
    done = run(shared, packages)
    assert done.returncode == 1
    assert "not root, and sudo is not installed" in done.stderr
    assert "    apt-get update && apt-get install -y steward-absent\n" in done.stderr


def test_without_root_it_installs_through_sudo(shared: Path) -> None:
    target = shared / "installed-file"
    packages = write(shared / "packages", f"steward-absent {target}\n")
    done = run(shared, packages, fakes(shared), FAKE_FILE=str(target))
    assert done.returncode == 0, done.stderr
    assert target.exists()
    assert "installing the Debian packages the tests need: steward-absent" in done.stderr
    calls = (shared / "log").read_text(encoding="utf-8").splitlines()
    assert calls == ["sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update",
                     "apt-get update",
                     "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y steward-absent",
                     "apt-get install -y steward-absent"]


def test_when_apt_get_fails_it_shows_why_and_prints_the_apt_get_line(shared: Path) -> None:
    packages = write(shared / "packages", "steward-absent /nonexistent/steward-file\n")
    done = run(shared, packages, fakes(shared), FAKE_APT_FAIL="1")
    assert done.returncode == 1
    assert "E: Unable to locate package" in done.stderr
    assert "apt-get update failed" in done.stderr
    assert "    apt-get update && apt-get install -y steward-absent\n" in done.stderr


def test_a_package_that_installs_without_its_file_is_an_error(shared: Path) -> None:
    packages = write(shared / "packages", "steward-absent /nonexistent/steward-file\n")
    done = run(shared, packages, fakes(shared), FAKE_FILE=str(shared / "another-file"))
    assert done.returncode == 1
    assert "the files the tests use are still missing" in done.stderr


def test_a_malformed_list_names_the_line(shared: Path) -> None:
    packages = write(shared / "packages", "# packages\nchromium\n")
    done = run(shared, packages)
    assert done.returncode == 2
    assert f"{packages}:2: expected a Debian package and the absolute path of a file it installs" in done.stderr
