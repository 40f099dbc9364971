"""Project names cannot escape the alignments folder."""

from __future__ import annotations

import pytest

from workbench.errors import ProjectNameError
from workbench.store import project_path, sanitise_project_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../x", "x"),
        ("/etc/passwd", "etc_passwd"),
        ("a/../../b", "a_._._b"),
        ("..\\..\\windows\\system32", "windows_system32"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("com1", "_com1"),
        ("Essay review", "Essay review"),
        ("résumé 中文", "résumé 中文"),
        ("report.csv", "report"),
        ("tab\there\x00\x1b[31m", "tab here[31m"),
        ("evil\u202etxt.exe", "eviltxt.exe"),
        ('a:b*c?d|e<f>g"h', "a_b_c_d_e_f_g_h"),
    ],
)
def test_names_are_sanitised(name, expected, tmp_path):
    assert sanitise_project_name(name) == expected
    path = project_path(name, root=tmp_path)
    assert path.parent == tmp_path.resolve()
    assert path.name == expected + ".csv"


@pytest.mark.parametrize("name", ["", "..", "  ", ".", "/", "../..", "\x00", "___"])
def test_names_without_content_are_refused(name, tmp_path):
    with pytest.raises(ProjectNameError, match="cannot be used as a project name"):
        project_path(name, root=tmp_path)


def test_long_names_are_cut_to_a_safe_length(tmp_path):
    name = sanitise_project_name("é" * 500)
    assert len(name) <= 100 and len(name.encode("utf-8")) <= 200
    assert project_path("x" * 1000, root=tmp_path).parent == tmp_path.resolve()


def test_a_symlink_leading_outside_the_folder_is_refused(tmp_path):
    root = tmp_path / "alignments"
    root.mkdir()
    outside = tmp_path / "secret.csv"
    outside.write_text("x")
    (root / "trap.csv").symlink_to(outside)
    with pytest.raises(ProjectNameError, match="outside the alignments folder"):
        project_path("trap", root=root)
