"""WebKit for the build (the snapshot JavaScriptCore restores) and the tests: WebKitGTK's MiniBrowser,
driven through WebKitWebDriver by Selenium, on a virtual X display when there is no screen."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
# Longer than any script given a WebKit page (the build boots Python in one: 600 s), so that a browser which
# died is an error, not a hang.
COMMAND_LIMIT_S = 660
MISSING = "No WebKit ({}): run build_scripts/commands/setup.sh --browser (Debian's webkit2gtk-driver and xvfb)"


def webkit_paths() -> tuple[str, str]:
    """WebKitWebDriver and the MiniBrowser it starts."""
    driver = shutil.which("WebKitWebDriver")
    if driver is None:
        raise FileNotFoundError(MISSING.format("WebKitWebDriver"))
    if not MINIBROWSER.is_file():
        raise FileNotFoundError(MISSING.format(MINIBROWSER))
    return driver, str(MINIBROWSER)


@contextmanager
def display() -> Iterator[None]:
    """The X display MiniBrowser needs: the one there is, or a fresh Xvfb for as long as it is used."""
    if os.environ.get("DISPLAY"):
        yield
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise FileNotFoundError(MISSING.format("Xvfb"))
    read, write = os.pipe()
    # -displayfd: Xvfb picks a free display itself and writes its number once it accepts clients.
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        server.wait()
        raise RuntimeError("Xvfb did not start")
    os.environ["DISPLAY"] = f":{number}"
    try:
        yield
    finally:
        del os.environ["DISPLAY"]
        server.terminate()
        server.wait()


def new_session() -> webdriver.Remote:
    """A MiniBrowser session; --automation, without which WebKitWebDriver's session never starts, also
    gives it an ephemeral profile: no cache, storage or service worker of another session."""
    driver, browser = webkit_paths()
    options = Options()
    options.binary_location = browser
    options.add_argument("--automation")
    session = webdriver.WebKitGTK(options=options, service=Service(executable_path=driver))
    limit_commands(session, COMMAND_LIMIT_S)
    return session


def limit_commands(session: webdriver.Remote, seconds: float) -> None:
    """Selenium waits for the driver's answer without limit: a MiniBrowser that died mid-command would hang."""
    assert isinstance(session.command_executor, RemoteConnection)
    session.command_executor.client_config.timeout = seconds


@contextmanager
def webkit_session() -> Iterator[webdriver.Remote]:
    with display():
        session = new_session()
        try:
            yield session
        finally:
            session.quit()
