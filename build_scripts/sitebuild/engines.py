"""One way to drive Chromium, Firefox and WebKit, for the tests and the benchmarks: a `Tab` with the few
things a clinician's use needs (open a URL, click or type into an element found by XPath, run a script in
the page), driven by Playwright (Chromium), puppeteer-core over WebDriver BiDi (Firefox ESR; geckodriver
cannot be installed here) or Selenium and WebKitWebDriver (WebKitGTK's MiniBrowser). What is written
against a Tab runs in all three.

What went wrong in a page: what the page itself recorded in `window.__problems` (the tests' server puts a
script doing so first in every page: tests/support/watch.js), plus each driver's own console log where it
has one. Waiting is `wait_until`: a condition polled until it holds or the time is up, as `expect` does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, ConsoleMessage, ViewportSize
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from .paths import ROOT
from .webkit import limit_commands, new_session

ENGINES = ("chromium", "firefox", "webkit")
TABLET: ViewportSize = {"width": 768, "height": 1024}  # every browser test's page: a tablet held upright
BRIDGE = Path(__file__).with_name("firefox_bridge.mjs")
# What went wrong in the page, as its watch recorded it; a page without the watch says so, unless a service
# worker served it (what it stores is the site as built) or it is the empty page a tab starts on.
COLLECT = """(() => window.__problems?.splice(0) ?? (location.protocol === "about:"
  || navigator.serviceWorker?.controller ? [] : [`no watch on ${location.pathname}`]))()"""


class Tab(ABC):
    """A fresh profile's page in one engine: no cache, storage or service worker of another tab."""

    engine: str

    def __init__(self) -> None:
        self.seen: list[str] = []

    def goto(self, url: str) -> None:
        self.collect()
        self._goto(url)

    def run(self, script: str, *args: Any) -> Any:
        """`script`, a JavaScript function, called in the page with `args`; its (awaited) JSON value."""
        return self._run(f"({script})(...{json.dumps(list(args))})")

    def problems(self) -> list[str]:
        """Everything that went wrong in the pages this tab has shown, so far."""
        self.collect()
        return self.seen

    def back(self) -> None:
        self.collect()
        self._run("history.back()")

    def collect(self) -> None:
        self.seen += (self._run(COLLECT) or []) + self._logged()

    @abstractmethod
    def _goto(self, url: str) -> None: ...

    @abstractmethod
    def _run(self, expression: str) -> Any: ...

    @abstractmethod
    def click(self, xpath: str) -> None: ...

    @abstractmethod
    def type(self, xpath: str, text: str) -> None: ...

    def _logged(self) -> list[str]:
        return []

    @abstractmethod
    def close(self) -> None: ...


class ChromiumTab(Tab):
    engine = "chromium"

    def __init__(self, context: BrowserContext) -> None:
        super().__init__()
        self.context = context
        self.page = context.new_page()
        self.logged: list[str] = []

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                self.logged.append(f"console: {message.text}")

        self.page.on("console", on_console)
        self.page.on("pageerror", lambda error: self.logged.append(f"page error: {error}"))

    def _goto(self, url: str) -> None:
        self.page.goto(url)

    def _run(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def click(self, xpath: str) -> None:
        self.page.locator(f"xpath={xpath}").click()

    def type(self, xpath: str, text: str) -> None:
        self.page.locator(f"xpath={xpath}").fill(text)

    def _logged(self) -> list[str]:
        logged, self.logged = self.logged, []
        return logged

    def close(self) -> None:
        self.context.close()


class WebKitTab(Tab):
    engine = "webkit"

    def __init__(self, session: WebDriver) -> None:
        super().__init__()
        self.session = session
        session.set_script_timeout(60)
        limit_commands(session, 120)  # a tab's commands: all shorter than that

    def _goto(self, url: str) -> None:
        self.session.get(url)

    def _run(self, expression: str) -> Any:
        reply = self.session.execute_async_script(
            "const done = arguments[0];"
            f"Promise.resolve().then(() => {expression})"
            ".then((value) => done({ value }), (error) => done({ error: String(error?.message ?? error) }));"
        )
        if "error" in reply:
            raise RuntimeError(f"webkit: {reply['error']}")
        return reply.get("value")

    def click(self, xpath: str) -> None:
        self.into_view(xpath).click()

    def type(self, xpath: str, text: str) -> None:
        field = self.into_view(xpath)
        field.clear()
        field.send_keys(text)

    def into_view(self, xpath: str) -> WebElement:
        """The element, once there (within 10 s), scrolled to the middle of the view and in the same place
        in two frames running, as Playwright waits before it clicks: WebKitWebDriver scrolls it only to an edge, where
        the page's sticky header or status line may lie over it, and clicks where it is at that moment."""
        found = self.session.execute_async_script(
            """const [xpath, done] = arguments;
            const deadline = performance.now() + 10000;
            let last = null;
            const settle = () => {
              const element = document.evaluate(xpath, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null)
                .singleNodeValue;
              if (!element) return performance.now() > deadline ? done(null) : setTimeout(settle, 50);
              if (!last) element.scrollIntoView({ block: "center", behavior: "instant" });
              const { top, left } = element.getBoundingClientRect();
              if (last && last.top === top && last.left === left) return done(element);
              last = { top, left };
              requestAnimationFrame(settle);
            };
            settle();""",
            xpath,
        )
        if not isinstance(found, WebElement):
            raise AssertionError(f"webkit: no element {xpath}")
        return found

    def close(self) -> None:
        if self.session.session_id:
            self.session.quit()
            self.session.session_id = None  # closed: a second close does nothing


class FirefoxBridge:
    """One Firefox for the session, behind firefox_bridge.mjs; each tab a fresh context."""

    def __init__(self) -> None:
        firefox = shutil.which("firefox-esr")
        if not firefox:
            raise FileNotFoundError("No Firefox ESR: run build_scripts/commands/setup.sh --browser")
        self.process = subprocess.Popen(
            ["node", str(BRIDGE), firefox, json.dumps(TABLET)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        self.calls = 0
        started = self.read()
        assert started.get("ready"), started

    def read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the Firefox bridge stopped")
        return dict(json.loads(line))

    def call(self, op: str, *args: Any) -> Any:
        assert self.process.stdin is not None
        self.calls += 1
        self.process.stdin.write(json.dumps({"id": self.calls, "op": op, "args": list(args)}) + "\n")
        self.process.stdin.flush()
        reply = self.read()
        assert reply.get("id") == self.calls, f"the Firefox bridge answered {reply} to call {self.calls}"
        if "error" in reply:
            raise RuntimeError(f"firefox: {reply['error']}")
        return reply["value"]

    def quit(self) -> None:
        try:
            assert self.process.stdin is not None
            self.process.stdin.write(json.dumps({"op": "quit"}) + "\n")
            self.process.stdin.close()
            self.process.wait(30)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


class FirefoxTab(Tab):
    engine = "firefox"

    def __init__(self, bridge: FirefoxBridge) -> None:
        super().__init__()
        self.bridge = bridge
        bridge.call("open")

    def _goto(self, url: str) -> None:
        self.bridge.call("goto", url)

    def _run(self, expression: str) -> Any:
        return self.bridge.call("run", expression)

    def click(self, xpath: str) -> None:
        self.bridge.call("click", xpath)

    def type(self, xpath: str, text: str) -> None:
        self.bridge.call("type", xpath, text)

    def _logged(self) -> list[str]:
        return list(self.bridge.call("logged"))

    def close(self) -> None:
        self.bridge.call("close")  # its context, with its service worker and Python


def open_tab(engine: str, driver: Any) -> Tab:
    """A tablet-sized tab with a fresh profile; `driver`: a Playwright Browser for Chromium, the session's
    FirefoxBridge for Firefox, nothing for WebKit (each tab is its own WebKitWebDriver session)."""
    if engine == "chromium":
        return ChromiumTab(driver.new_context(viewport=TABLET))
    if engine == "firefox":
        return FirefoxTab(driver)
    session = new_session()
    session.set_window_size(TABLET["width"], TABLET["height"])
    return WebKitTab(session)


def wait_until(tab: Tab, check: Callable[[], Any], timeout: float = 10, what: str = "") -> Any:
    """`check()` polled until it gives a true value, which is returned; after `timeout` seconds, a failure
    naming the engine and the last value. A script that fails is polled again (a page being left or still
    arriving has no document to run it in); its error is the last value."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = check()
        except Exception as error:  # noqa: BLE001 - whichever driver's error it is, it is reported
            value = None
            last: Any = error
        else:
            if value:
                return value
            last = value
        if time.monotonic() > deadline:
            raise AssertionError(f"{tab.engine}: {what or 'the condition'} did not hold in {timeout} s: {last!r}")
        time.sleep(0.05)


def wait_for_script(tab: Tab, script: str, timeout: float = 10, what: str = "") -> Any:
    """`wait_until` the page's `script` (a function) gives a true value."""
    return wait_until(tab, lambda: tab.run(script), timeout, what or script)


def literal(text: str) -> str:
    """`text` as an XPath string literal (XPath 1.0 has no escapes: quotes are joined with concat)."""
    if '"' not in text:
        return f'"{text}"'
    return "concat(" + ", '\"', ".join(f'"{part}"' for part in text.split('"')) + ")"
