"""The comparison of the returns ingest with other tools (`bench/returns_others.py`): what
its driver answers, how the bench reads that answer, and what it reports. No tool is
installed or run here; the driver's tool functions are replaced by stand-ins."""

import json
import math

import pytest

from bench import others_driver, returns_others


def _ours(children=3142):
    counts = {"cin_referrals": 3577, "cin_assessments": 3310, "cin_s47": 917, "cin_plans": 394}
    return {"tool": "safeboard", "children": children, "counts": counts}


def _csc_rows():
    return {"CINdetails": 3577, "Assessments": 3310, "Section47": 917,
            "ChildProtectionPlans": 394, "Header": 1}  # fmt: skip


def _driver(monkeypatch, capsys, tool, work):
    """The driver's answer and exit status with `work` standing in for the tool."""
    monkeypatch.setitem(others_driver.TOOLS, tool, work)
    monkeypatch.setattr(others_driver, "version", lambda distribution: "9.9")
    status = others_driver.main([tool, "CIN_101_2024.xml"])
    return status, capsys.readouterr()


def test_a_driver_answer_reads_back_as_the_tool_reported_it(monkeypatch, capsys):
    def tool(path, repeat):
        print("the tool's own chatter")  # goes to standard error, not into the answer
        return 2.5, 2.0, 3142, _csc_rows()

    status, said = _driver(monkeypatch, capsys, "csc", tool)
    assert status == 0
    assert "chatter" in said.err and "chatter" not in said.out
    answer = returns_others.parse_driver_output("csc", status, said.out, said.err)
    assert answer == {"tool": "csc", "version": "9.9", "seconds": 2.5, "cpu_seconds": 2.0,
                      "children": 3142, "rows": _csc_rows()}  # fmt: skip


def test_a_tool_that_wrote_no_tables_is_a_failure_with_its_reason(monkeypatch, capsys):
    def tool(path, repeat):
        raise others_driver.NoTables("cleanfile wrote no table; its log says: year out of range")

    status, said = _driver(monkeypatch, capsys, "liiatools", tool)
    answer = returns_others.parse_driver_output("liiatools", status, said.out, said.err)
    assert status == 1
    assert answer == {
        "tool": "liiatools",
        "version": "9.9",
        "error": "cleanfile wrote no table; its log says: year out of range",
    }


def test_a_tool_that_crashed_is_a_failure_naming_the_exception(monkeypatch, capsys):
    def tool(path, repeat):
        raise KeyError("GenderCurrent")

    status, said = _driver(monkeypatch, capsys, "csc", tool)
    answer = returns_others.parse_driver_output("csc", status, said.out, said.err)
    assert answer["error"] == "KeyError: 'GenderCurrent'"
    assert "Traceback" in said.err


@pytest.mark.parametrize(
    ("status", "stdout", "stderr", "error"),
    [
        (1, "", "ModuleNotFoundError: No module named 'pandas'\n",
         "the driver exited 1, saying: ModuleNotFoundError: No module named 'pandas'"),
        (-9, "starting\n", "", "the driver exited -9, saying: nothing"),
        (0, '{"tool": "csc", "seconds": 1.0}\n', "",
         "the driver's answer lacks children, cpu_seconds, rows"),
        (1, '{"tool": "csc", "seconds": 1.0, "cpu_seconds": 1.0, "children": 1, "rows": {}}', "",
         "the driver exited 1"),
    ],
)  # fmt: skip
def test_anything_but_a_whole_answer_is_a_failure(status, stdout, stderr, error):
    assert returns_others.parse_driver_output("csc", status, stdout, stderr) == {
        "tool": "csc",
        "error": error,
    }


def test_only_the_last_line_is_the_answer():
    answer = {"tool": "csc", "version": "1", "seconds": 1.0, "cpu_seconds": 0.5,
              "children": 1, "rows": {}}  # fmt: skip
    stdout = '{"not": "this"}\n' + json.dumps(answer) + "\n\n"
    assert returns_others.parse_driver_output("csc", 0, stdout, "") == answer


def test_a_tool_holding_other_records_than_safeboard_read_is_a_mismatch():
    same = {"tool": "csc", "children": 3142, "rows": _csc_rows()}
    assert returns_others.mismatches(_ours(), same) == []
    fewer = {"tool": "csc", "children": 3100, "rows": {**_csc_rows(), "Section47": 900}}
    assert returns_others.mismatches(_ours(), fewer) == [
        "3,100 children against Safeboard's 3,142",
        "Section47 900 rows against Safeboard's 917",
    ]
    cleaned = {"tool": "liiatools", "children": 3142, "rows": {"cleaned": 13739}}
    assert returns_others.mismatches(_ours(), cleaned) == []
    blanked = {"tool": "liiatools", "children": 3141,
               "rows": {"cleaned": 13739, "without_child_id": 4}}  # fmt: skip
    assert returns_others.mismatches(_ours(), blanked) == [
        "3,141 children against Safeboard's 3,142",
        "4 rows with no child identifier",
    ]


def test_figures_give_the_ratio_to_each_tool_and_say_when_one_failed():
    ours = {**_ours(), "children_per_cpu_second": 10_000.0}
    measured = {"S": {
        "safeboard": ours,
        "csc": {"tool": "csc", "version": "0.1.13", "children_per_cpu_second": 100.0,
                "mismatches": ["3,100 children against Safeboard's 3,142"]},
        "liiatools": {"tool": "liiatools", "error": "no answer within 3600 s"},
    }}  # fmt: skip
    csc, liiatools = returns_others.figures_of(measured, sizes=("S",))
    assert csc.value == 10_000.0 and csc.ratio == 100.0 and csc.higher_is_better
    assert csc.baseline_name == (
        "csc-validator-be-cin 0.1.13, same file "
        "(MISMATCH: 3,100 children against Safeboard's 3,142)"
    )
    assert liiatools.baseline_name == "liiatools cleanfile: FAILED, no answer within 3600 s"
    assert math.isnan(liiatools.ratio)


def test_the_environment_is_reused_when_built_from_the_same_versions(tmp_path, monkeypatch):
    python = tmp_path / "python3.11"
    python.touch()
    monkeypatch.setattr(returns_others, "python311", lambda: python)
    venv = tmp_path / "others-venv"
    venv.mkdir()
    (venv / "safeboard-stamp").write_text(returns_others._stamp(python))

    def no_install(*args, **kwargs):
        raise AssertionError("rebuilt an environment that was up to date")

    monkeypatch.setattr(returns_others.subprocess, "run", no_install)
    assert returns_others.environment(tmp_path) == venv / "bin" / "python"


def test_an_environment_that_cannot_be_built_says_why(tmp_path, monkeypatch):
    python = tmp_path / "python3.11"
    python.touch()
    monkeypatch.setattr(returns_others, "python311", lambda: python)

    class Refused:
        returncode, stdout = 1, ""
        stderr = "ERROR: Could not find a version that satisfies the requirement pandas==1.5.3\n"

    monkeypatch.setattr(returns_others.subprocess, "run", lambda *args, **kwargs: Refused)
    with pytest.raises(returns_others.Unavailable, match="creating the Python 3.11 environment"):
        returns_others.environment(tmp_path)


def test_the_driver_and_the_bench_know_the_same_tools():
    assert set(others_driver.TOOLS) == set(returns_others.TOOLS) == set(others_driver.DISTRIBUTIONS)
