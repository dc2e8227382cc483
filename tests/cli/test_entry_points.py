"""ldl runs as the console script `ldl` and as `python -m ldl`, in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_python_dash_m_ldl_prints_the_version_as_json():
    command = [sys.executable, "-m", "ldl", "version", "--json"]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    from ldl import __version__

    assert json.loads(result.stdout) == {"version": __version__}


def test_the_console_script_is_installed_and_shows_help():
    script = Path(sys.executable).parent / "ldl"
    assert script.is_file(), "the `ldl` console script is missing: pip install -e ."
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "ldl init" in result.stdout and "ldl next" in result.stdout


def test_a_user_error_is_a_message_and_exit_status_1_not_a_traceback(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LDL_HOME": str(tmp_path / "nowhere")}
    result = subprocess.run([sys.executable, "-m", "ldl", "next"], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "ldl init" in result.stderr and "Traceback" not in result.stderr
