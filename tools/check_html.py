"""Open an HTML report in headless Chromium and check what the page shows after its script ran.

The HTML report's findings table is drawn by inline JavaScript, so reading the file is
not enough to know a manager sees the right thing: this runs Debian's chromium
(``make browser`` installs it), lets the page's script run, reads the rendered DOM and
compares the numbers in it with what the caller expects.

    python -m tools.check_html report.html --expect level-1=3 --expect rows=10
    python -m tools.check_html report.html --fragment 'level=1&owner=tanaka' --expect-shown 2
    python -m tools.check_html report.html --screenshot page.png

It prints every ``data-total`` found and ``#shown-count`` (rows matching the filters in
the fragment). Exit 0 when every expectation holds, 1 on a mismatch (or when the script
did not run), 2 when chromium is missing or cannot open the page.

The command runs ``chromium --headless … --dump-dom URL`` once. From Python, `read_pages`
renders many fragments in one chromium (`Browser`, the DevTools protocol on a pipe),
which is what tests/reports/test_html_browser.py uses: a chromium start costs a second.

Chromium is started with a fresh profile, with background networking off and every host
name resolving to nothing: the report refers to nothing outside itself, and a check
must never reach the network.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
TIMEOUT = 60.0  # seconds for one page; a report of 20,000 rows renders in ~1 s
FLAGS = (
    "--headless",
    "--no-sandbox",  # we run as root in CI containers, where the sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--hide-scrollbars",
)
# For a single --dump-dom / --screenshot: let the page's script and timers run first.
SETTLE = "--virtual-time-budget=5000"


class ChromiumMissing(RuntimeError):
    """No chromium binary: `make browser` installs Debian's."""


class BrowserFailed(RuntimeError):
    """Chromium ran but did not produce the page (crash, timeout)."""


@dataclass
class PageState:
    """What the rendered page shows."""

    totals: dict[str, int] = field(default_factory=dict)  # data-total → number
    shown: int | None = None  # #shown-count: rows matching the filters; None: script did not run
    rows: list[tuple[str, ...]] = field(default_factory=list)  # findings rows on this page
    title: str = ""
    dom: str = field(default="", repr=False)  # the rendered DOM, for further checks

    @property
    def page_rows(self) -> int:
        """Findings rows in the DOM (this page only; the script shows 500 at a time)."""
        return len(self.rows)


def find_chromium() -> str | None:
    """The chromium binary: $PIISCAN_CHROMIUM, /usr/bin/chromium, or one on PATH."""
    override = os.environ.get("PIISCAN_CHROMIUM")
    for name in (override, *CHROMIUM_CANDIDATES) if override else CHROMIUM_CANDIDATES:
        if name and (found := shutil.which(name)):
            return found
    return None


def page_url(report: Path, fragment: str = "") -> str:
    """``file:///…/report.html#fragment``; the fragment is percent-encoded as a browser would."""
    url = report.resolve().as_uri()
    fragment = fragment.removeprefix("#")
    return f"{url}#{quote(fragment, safe='=&%+,;:@!$()*~')}" if fragment else url


def run_chromium(args: Sequence[str], timeout: float = TIMEOUT) -> str:
    """Run chromium with a throw-away profile and return its stdout."""
    binary = find_chromium()
    if binary is None:
        raise ChromiumMissing("chromium is not installed: `make browser` installs it")
    with tempfile.TemporaryDirectory(prefix="piiscan-chromium-") as profile:
        command = [binary, *FLAGS, f"--user-data-dir={profile}", *args]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=timeout,
                check=False,
                env={**os.environ, "HOME": profile},  # nothing written to the real home
            )
        except subprocess.TimeoutExpired as exc:
            raise BrowserFailed(f"chromium did not finish within {timeout:.0f} s") from exc
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise BrowserFailed(f"chromium exited with {done.returncode}: " + " | ".join(tail))
    return done.stdout.decode("utf-8", "replace")


def dump_dom(report: Path, fragment: str = "") -> str:
    """The page's DOM after its script ran, serialised as HTML."""
    dom = run_chromium([SETTLE, "--dump-dom", page_url(report, fragment)])
    if "<html" not in dom:
        raise BrowserFailed("chromium printed no DOM")
    return dom


def screenshot(report: Path, png: Path, fragment: str = "", window_size: str = "1400,1000") -> None:
    """Save what a person would see in a browser window of `window_size` pixels."""
    png = png.resolve()
    run_chromium(
        [SETTLE, f"--screenshot={png}", f"--window-size={window_size}", page_url(report, fragment)]
    )
    if not png.exists():
        raise BrowserFailed(f"chromium wrote no screenshot to {png}")


class _DomReader(HTMLParser):
    """Collects `data-total` values, `#shown-count` and the findings rows on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.state = PageState()
        self._text_for: str | None = None  # data-total key or "#shown" whose text we read
        self._text: list[str] = []
        self._in_body = False  # inside tbody#findings-body
        self._row: list[str] | None = None  # cells of the findings row being read
        self._cell: list[str] | None = None
        self._in_title = False
        self._title_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "data-total" in a:
            self._read(a["data-total"], a.get("data-value"))
        if a.get("id") == "shown-count":
            self._read("#shown", a.get("data-value"))
        if tag == "tbody":
            self._in_body = a.get("id") == "findings-body"
        elif tag == "tr" and self._in_body and "row" in a.get("class", "").split():
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []
        self._in_title = tag == "title" and not self._title_done

    def _read(self, key: str, value: str | None) -> None:
        if value:
            self._store(key, value)
        else:
            self._text_for, self._text = key, []

    def handle_data(self, data: str) -> None:
        if self._text_for is not None:
            self._text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._in_title:
            self.state.title += data

    def handle_endtag(self, tag: str) -> None:
        if self._text_for is not None:
            self._store(self._text_for, "".join(self._text))
            self._text_for = None
        if tag == "td" and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.state.rows.append(tuple(self._row))
            self._row = None
        elif tag == "tbody":
            self._in_body = False
        if self._in_title:
            self._title_done = True  # the document's <title>, not an SVG chart's
        self._in_title = False

    def _store(self, key: str, text: str) -> None:
        digits = text.replace(",", "").strip()
        if not digits.isdigit():
            return  # an empty #shown-count: the script did not run
        if key == "#shown":
            self.state.shown = int(digits)
        else:
            self.state.totals[key] = int(digits)


def parse_dom(dom: str) -> PageState:
    """Read a page (rendered by chromium, or the file as written) into a `PageState`."""
    reader = _DomReader()
    reader.feed(dom)
    reader.close()
    reader.state.dom = dom
    return reader.state


def read_page(report: Path, fragment: str = "") -> PageState:
    """Open the report (with `fragment` in its URL) and read what it shows."""
    return parse_dom(dump_dom(report, fragment))


def read_pages(
    report: Path, fragments: Sequence[str], browser: Browser | None = None
) -> dict[str, PageState]:
    """`read_page` for several fragments, in one chromium (see `Browser`).

    A chromium start costs about a second; loading the page again costs a few
    milliseconds, so a test of ten filters takes about as long as one. Pass a started
    `browser` to share it between reports.
    """
    if browser is None:
        with Browser() as own:
            return read_pages(report, fragments, own)
    return {f: parse_dom(browser.render(page_url(report, f))) for f in fragments}


class Browser:
    """One headless chromium, driven over the DevTools protocol on a pipe.

    ``--remote-debugging-pipe`` makes chromium read commands on fd 3 and answer on fd 4
    (JSON, each message ended by a NUL byte): no TCP port, nothing another process on
    the machine could connect to. `render` loads a URL afresh (through about:blank, so
    that a URL differing only in its fragment is a new page load, not a hashchange)
    and returns the DOM once the document has loaded: the report's script runs inline,
    before the load event.
    """

    def __init__(self, timeout: float = TIMEOUT) -> None:
        self._timeout = timeout
        self._next_id = 0
        self._buffer = b""
        self._session = ""

    def __enter__(self) -> Browser:
        binary = find_chromium()
        if binary is None:
            raise ChromiumMissing("chromium is not installed: `make browser` installs it")
        self._profile = tempfile.TemporaryDirectory(prefix="piiscan-chromium-")
        # Ours first, so that fds 3 and 4 are open here and subprocess's own error pipe
        # (created next) cannot be either of them.
        cmd_read, self._cmd_write = os.pipe()
        self._res_read, res_write = os.pipe()

        def plumb() -> None:  # in the child, before exec: our pipe ends become fds 3 and 4
            high_cmd = fcntl.fcntl(cmd_read, fcntl.F_DUPFD, 10)
            high_res = fcntl.fcntl(res_write, fcntl.F_DUPFD, 10)
            os.dup2(high_cmd, 3)
            os.dup2(high_res, 4)

        command = [
            binary,
            *FLAGS,
            f"--user-data-dir={self._profile.name}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        try:
            self._proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(3, 4),
                preexec_fn=plumb,  # only fcntl and dup2 between fork and exec
                env={**os.environ, "HOME": self._profile.name},
            )
        finally:
            os.close(cmd_read)
            os.close(res_write)
        try:
            target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
            attached = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})
            self._session = attached["sessionId"]
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError, BrowserFailed):
            self._session = ""
            self._call("Browser.close", {}, timeout=5)
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._cmd_write)
        os.close(self._res_read)
        self._profile.cleanup()

    def render(self, url: str) -> str:
        """Load `url` as a new page and return its DOM once loaded."""
        self._call("Page.navigate", {"url": "about:blank"})
        self._call("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete' && location.href !== 'about:blank'")
        return self.dom()

    def dom(self) -> str:
        """The current page's DOM, serialised as HTML."""
        dom = self.evaluate("'<!DOCTYPE html>\\n' + document.documentElement.outerHTML")
        if not isinstance(dom, str) or "<html" not in dom:
            raise BrowserFailed("no DOM")
        return dom

    def wait_for(self, expression: str) -> Any:
        """Evaluate `expression` in the page until it is truthy; return its value."""
        deadline = time.monotonic() + self._timeout
        while not (value := self.evaluate(expression)):
            if time.monotonic() > deadline:
                raise BrowserFailed(f"still false after {self._timeout:.0f} s: {expression}")
            time.sleep(0.02)
        return value

    def evaluate(self, expression: str) -> Any:
        """Run JavaScript in the page and return its (JSON-able) value."""
        result = self._call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise BrowserFailed(f"evaluating {expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def _call(
        self, method: str, params: dict[str, Any], timeout: float | None = None
    ) -> dict[str, Any]:
        """Send one command and wait for its answer (events in between are dropped)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if self._session:
            message["sessionId"] = self._session
        os.write(self._cmd_write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + (timeout or self._timeout)
        while True:
            while b"\0" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([self._res_read], [], [], left)[0]:
                    raise BrowserFailed(f"chromium did not answer {method}")
                chunk = os.read(self._res_read, 1 << 16)
                if not chunk:
                    raise BrowserFailed(f"chromium exited during {method}")
                self._buffer += chunk
            raw, _, self._buffer = self._buffer.partition(b"\0")
            answer: dict[str, Any] = json.loads(raw)
            if answer.get("id") != self._next_id:
                continue  # an event, or the answer to a command we gave up on
            if "error" in answer:
                raise BrowserFailed(f"{method}: {answer['error']}")
            result: dict[str, Any] = answer.get("result", {})
            return result


def mismatches(state: PageState, expect: dict[str, int], shown: int | None = None) -> list[str]:
    """Each expectation the page does not meet, in words; empty when all hold."""
    problems = []
    if state.shown is None:
        problems.append("#shown-count is empty: the page's script did not run")
    elif shown is not None and state.shown != shown:
        problems.append(f"#shown-count: expected {shown}, page shows {state.shown}")
    for key, value in expect.items():
        found = state.totals.get(key)
        if found is None:
            problems.append(f"data-total={key!r}: expected {value}, not on the page")
        elif found != value:
            problems.append(f"data-total={key!r}: expected {value}, page shows {found}")
    return problems


def _expectation(text: str) -> tuple[str, int]:
    key, sep, value = text.partition("=")
    if not sep or not value.strip().isdigit():
        raise argparse.ArgumentTypeError(f"expected KEY=NUMBER, got {text!r}")
    return key.strip(), int(value)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.check_html", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("report", type=Path, help="the HTML report to open")
    parser.add_argument(
        "--expect",
        type=_expectation,
        action="append",
        default=[],
        metavar="KEY=N",
        help="a data-total the page must show (level-1, violation-UNENCRYPTED, rows, files …)",
    )
    parser.add_argument("--fragment", default="", help="URL fragment: level=1&owner=tanaka …")
    parser.add_argument("--expect-shown", type=int, metavar="N", help="rows matching the filters")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png", help="also save a picture")
    parser.add_argument("--window-size", default="1400,1000", help="for --screenshot (W,H)")
    args = parser.parse_args(argv)

    if not args.report.is_file():
        print(f"no such file: {args.report}", file=sys.stderr)
        return 2
    try:
        state = read_page(args.report, args.fragment)
        if args.screenshot:
            screenshot(args.report, args.screenshot, args.fragment, args.window_size)
    except (ChromiumMissing, BrowserFailed) as exc:
        print(f"check_html: {exc}", file=sys.stderr)
        return 2

    print(f"title: {state.title.strip()}")
    for key, value in state.totals.items():
        print(f"{key} = {value}")
    print(f"#shown-count = {'(empty)' if state.shown is None else state.shown}")
    print(f"findings rows on this page = {state.page_rows}")
    if args.screenshot:
        print(f"screenshot: {args.screenshot}")
    problems = mismatches(state, dict(args.expect), args.expect_shown)
    for problem in problems:
        print(f"MISMATCH {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
