"""The deployment files in `deploy/`: systemd units, the nightly wrapper, the cron line.

They are not Python, so nothing else would notice a typo in a directive, a wrapper that
only runs under bash, or a watch daemon and a nightly scan sharing one state file (the
second writer would be refused every night). The units are checked structurally here and,
where `systemd-analyze` exists, by systemd itself; the wrapper is run for real against a
fake `piiscan` that records its arguments.
"""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
WATCH = DEPLOY / "piiscan-watch.service"
SCAN = DEPLOY / "piiscan-scan.service"
TIMER = DEPLOY / "piiscan-scan.timer"
WRAPPER = DEPLOY / "piiscan-nightly.sh"
CRON = DEPLOY / "piiscan.cron"
UNITS = (WATCH, SCAN, TIMER)


def unit(path: Path) -> configparser.ConfigParser:
    """A unit file as INI: keys keep their case; repeated keys (Environment=) are allowed,
    so they are read from `environment()` instead."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    return parser


def environment(path: Path) -> dict[str, str]:
    """Every `Environment=NAME=value` of a unit (configparser keeps only the last)."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("Environment="):
            for assignment in shlex.split(line.removeprefix("Environment=")):
                name, _, value = assignment.partition("=")
                found[name] = value
    return found


def option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_watch_unit_runs_the_daemon_and_stops_it_cleanly() -> None:
    service = unit(WATCH)["Service"]
    argv = shlex.split(service["ExecStart"])
    assert argv[0].endswith("/piiscan") and argv[1] == "watch"
    assert option(argv, "--state").endswith(".db")
    assert option(argv, "--log").startswith("/var/log/piiscan/")
    expected = {
        "Type": "simple",
        "Restart": "on-failure",
        "KillMode": "mixed",  # SIGTERM to the main process only: it stops its workers
        "KillSignal": "SIGTERM",
        "TimeoutStopSec": "30",
        "User": "piiscan",
        "StateDirectory": "piiscan",
        "LogsDirectory": "piiscan",
        "ProtectSystem": "strict",
        "ProtectHome": "read-only",
        "NoNewPrivileges": "yes",
        "PrivateTmp": "yes",
    }
    assert {key: service.get(key) for key in expected} == expected
    writable = service["ReadWritePaths"].split()
    assert os.path.dirname(option(argv, "--state")) in writable
    assert os.path.dirname(option(argv, "--log")) in writable
    assert int(service["LimitNOFILE"]) >= 4096
    assert unit(WATCH)["Install"]["WantedBy"] == "multi-user.target"
    assert "fs.inotify.max_user_watches" in WATCH.read_text(encoding="utf-8")


def test_nightly_unit_and_timer() -> None:
    service = unit(SCAN)["Service"]
    assert service["Type"] == "oneshot"
    assert shlex.split(service["ExecStart"])[0].endswith("/piiscan-nightly.sh")
    assert service["User"] == "piiscan"
    env = environment(SCAN)
    assert env["PIISCAN"].endswith("/piiscan")
    assert env["PIISCAN_REPORTS"].startswith(service["ReadWritePaths"].split()[0])
    timer = unit(TIMER)
    assert timer["Timer"]["OnCalendar"] == "*-*-* 01:30"
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["RandomizedDelaySec"]
    assert (DEPLOY / timer["Timer"]["Unit"]) == SCAN
    assert timer["Install"]["WantedBy"] == "timers.target"


def cron_entries() -> tuple[dict[str, str], list[list[str]]]:
    """The cron file's variable assignments and its job lines, split into fields."""
    variables: dict[str, str] = {}
    jobs: list[list[str]] = []
    for line in CRON.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if re.match(r"^[A-Z_]+=", line):
            name, _, value = line.partition("=")
            variables[name] = value
        else:
            jobs.append(line.split(maxsplit=6))
    return variables, jobs


def test_cron_line_has_five_time_fields_a_user_and_the_wrapper() -> None:
    variables, jobs = cron_entries()
    assert len(jobs) == 1
    minute, hour, dom, month, dow, user, command = jobs[0]
    assert (minute, hour, dom, month, dow) == ("30", "1", "*", "*", "*")
    assert user == "piiscan"
    assert "piiscan-nightly.sh /srv/share" in command
    assert variables["PIISCAN_STATE"].endswith(".db")


def test_watch_and_nightly_scan_never_share_a_state_file() -> None:
    """A state file has one writer: sharing it would refuse one of them every night."""
    watch_state = option(shlex.split(unit(WATCH)["Service"]["ExecStart"]), "--state")
    nightly = {environment(SCAN)["PIISCAN_STATE"], cron_entries()[0]["PIISCAN_STATE"]}
    assert watch_state not in nightly


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    """systemd's own parser: an unknown key or a bad value is a warning on stderr.

    verify also insists that ExecStart= programs exist, so the copies point at stand-ins
    for the installed piiscan and wrapper; every other line is verified as written.
    """
    stand_ins = {
        "/opt/piiscan/bin/piiscan": tmp_path / "piiscan",
        "/usr/local/lib/piiscan/piiscan-nightly.sh": tmp_path / "piiscan-nightly.sh",
    }
    for program in stand_ins.values():
        program.write_text("#!/bin/sh\n")
        program.chmod(0o755)
    copies = []
    for path in UNITS:
        text = path.read_text(encoding="utf-8")
        for installed, stand_in in stand_ins.items():
            text = text.replace(installed, str(stand_in))
        copy = tmp_path / path.name
        copy.write_text(text, encoding="utf-8")
        copies.append(str(copy))
    done = subprocess.run(
        ["systemd-analyze", "verify", *copies],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == ""  # warnings (unknown keys, bad values) land here


# -- the wrapper -------------------------------------------------------------------------

FAKE_PIISCAN = """#!/bin/sh
# Records its arguments (one call a line, fields separated by |), writes --out.
printf '%s|' "$@" >> "$FAKE_LOG"
echo >> "$FAKE_LOG"
out=
while [ "$#" -gt 0 ]; do
    case $1 in --out) out=$2; shift ;; esac
    shift
done
[ -z "$out" ] || echo fake > "$out"
exit "${FAKE_EXIT:-0}"
"""


def run_wrapper(
    tmp_path: Path, *args: str, fake_exit: int = 0, keep: str = "3"
) -> tuple[subprocess.CompletedProcess[str], list[list[str]], Path, Path]:
    """Run the wrapper with /bin/sh and a fake `piiscan` first on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    fake = bin_dir / "piiscan"
    fake.write_text(FAKE_PIISCAN)
    fake.chmod(0o755)
    log = tmp_path / "calls.log"
    reports = tmp_path / "reports dir"  # a space, to catch missing quotes
    state = tmp_path / "nightly.db"
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "FAKE_LOG": str(log),
        "FAKE_EXIT": str(fake_exit),
        "PIISCAN_STATE": str(state),
        "PIISCAN_REPORTS": str(reports),
        "PIISCAN_KEEP": keep,
    }
    done = subprocess.run(
        ["/bin/sh", str(WRAPPER), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    calls = []
    if log.exists():
        calls = [line.split("|")[:-1] for line in log.read_text().splitlines()]
    return done, calls, reports, state


def old_reports(reports: Path) -> None:
    """Five earlier nights of both kinds, and files the pruning must not touch."""
    reports.mkdir()
    for day in range(1, 6):
        (reports / f"findings-2020-01-0{day}.csv").write_text("old")
        (reports / f"report-2020-01-0{day}.html").write_text("old")
    (reports / "findings-manual.csv").write_text("keep")
    (reports / "notes.txt").write_text("keep")


def test_wrapper_is_posix_sh() -> None:
    done = subprocess.run(["sh", "-n", str(WRAPPER)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert WRAPPER.read_text().startswith("#!/bin/sh\n")
    assert os.access(WRAPPER, os.X_OK)


def test_wrapper_writes_dated_reports_and_prunes_old_ones(tmp_path: Path) -> None:
    before = datetime.now().strftime("%Y-%m-%d")
    old_reports(tmp_path / "reports dir")
    done, calls, reports, state = run_wrapper(tmp_path, "/srv/share", "--jobs", "2")
    after = datetime.now().strftime("%Y-%m-%d")
    assert done.returncode == 0, done.stderr
    day = before if (reports / f"findings-{before}.csv").exists() else after
    csv, html = reports / f"findings-{day}.csv", reports / f"report-{day}.html"
    assert calls == [
        ["scan", "/srv/share", "--jobs", "2", "--state", str(state), "--out", str(csv)],
        ["report", "--state", str(state), "--format", "html", "--out", str(html)],
    ]
    # PIISCAN_KEEP=3: today's and the two newest earlier nights of each kind remain.
    assert sorted(p.name for p in reports.iterdir()) == sorted(
        [
            "findings-2020-01-04.csv",
            "findings-2020-01-05.csv",
            csv.name,
            "report-2020-01-04.html",
            "report-2020-01-05.html",
            html.name,
            "findings-manual.csv",
            "notes.txt",
        ]
    )


def test_wrapper_exits_with_the_scans_status_and_prunes_nothing(tmp_path: Path) -> None:
    old_reports(tmp_path / "reports dir")
    done, calls, reports, _ = run_wrapper(tmp_path, "/srv/share", fake_exit=1)
    assert done.returncode == 1
    assert [call[0] for call in calls] == ["scan"]  # no HTML report from a failed scan
    assert len(list(reports.glob("findings-2020-*.csv"))) == 5
    assert "failed (exit 1)" in done.stderr


def test_wrapper_keep_zero_keeps_everything(tmp_path: Path) -> None:
    old_reports(tmp_path / "reports dir")
    done, _, reports, _ = run_wrapper(tmp_path, "/srv/share", keep="0")
    assert done.returncode == 0, done.stderr
    assert len(list(reports.glob("findings-*.csv"))) == 5 + 1 + 1  # old, manual, today


@pytest.mark.parametrize(("args", "keep"), [((), "3"), (("/srv/share",), "ninety")])
def test_wrapper_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...], keep: str) -> None:
    done, calls, _, _ = run_wrapper(tmp_path, *args, keep=keep)
    assert done.returncode == 2
    assert calls == []
