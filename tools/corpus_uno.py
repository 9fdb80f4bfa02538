"""Save documents with a password through LibreOffice's UNO API.

Run by the Python that ships ``uno`` (Debian: ``/usr/bin/python3`` with python3-uno), not
by the project's virtualenv::

    /usr/bin/python3 tools/corpus_uno.py JOBS.json

``JOBS.json`` is a list of ``{"src": path, "dst": path, "filter": "MS Excel 97",
"password": "..."}``. A private LibreOffice profile (next to the job file) keeps this
instance away from any LibreOffice the user is running.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _prop(name: str, value: Any) -> Any:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def main(job_file: str) -> int:
    """Convert every job; return 0 when all outputs exist."""
    import uno  # type: ignore[import-not-found]

    jobs = json.loads(Path(job_file).read_text(encoding="utf-8"))
    workdir = Path(job_file).resolve().parent
    pipe = f"piiscan_corpus_{os.getpid()}"
    profile = (workdir / "uno-profile").as_uri()
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"-env:UserInstallation={profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        context = None
        for _ in range(150):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - office still starting
                time.sleep(0.2)
        if context is None:
            print("LibreOffice did not start", file=sys.stderr)
            return 1
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        for job in jobs:
            source = uno.systemPathToFileUrl(str(Path(job["src"]).resolve()))
            document = desktop.loadComponentFromURL(source, "_blank", 0, (_prop("Hidden", True),))
            target = uno.systemPathToFileUrl(str(Path(job["dst"]).resolve()))
            document.storeToURL(
                target, (_prop("FilterName", job["filter"]), _prop("Password", job["password"]))
            )
            document.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge may drop while terminating
            pass
        office.wait(timeout=30)
    finally:
        if office.poll() is None:
            office.kill()
            office.wait()
    return 0 if all(Path(job["dst"]).exists() for job in jobs) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
