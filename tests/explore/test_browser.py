"""The explorer in a real browser: Debian's chromium, driven through Playwright, against
``bargainsim explore`` served on 127.0.0.1. It moves a preference slider, steps the model
and checks that the fan chart changed, resets and runs it to the end, and checks that no
request left the machine and that none failed (the page must work offline). Skipped,
saying why, where chromium is absent."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).is_file():
    pytest.skip(
        "no chromium to drive (Debian: apt-get install -y chromium)", allow_module_level=True
    )
playwright = pytest.importorskip("playwright.sync_api", reason="needs the test extra")
pytest.importorskip("solara", reason="needs the [explore] extra")

pytestmark = [pytest.mark.slow, pytest.mark.browser]
ROOT = Path(__file__).resolve().parents[2]
XU = ROOT / "scenarios" / "xu2008_medvedev.yaml"
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "blob:http://127.0.0.1", "data:")
WAIT_MS = 90_000  # a busy machine builds the first ensemble slowly


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bargainsim.cli", "explore", str(XU), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                output = process.stdout.read().decode(errors="replace")
                pytest.fail(f"the explorer did not start:\n{output}")
            time.sleep(0.5)
    yield url
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def _fan_image(page) -> bytes:
    return page.locator(".bargainsim-fan img").first.screenshot()


def test_slider_and_step_change_the_plot_offline(server, tmp_path):
    requests, failures = [], []
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        page.on("request", lambda request: requests.append(request.url))
        page.on("requestfailed", lambda request: failures.append(request.url))
        page.on(
            "response",
            lambda response: (
                failures.append(f"{response.status} {response.url}")
                if response.status >= 400
                else None
            ),
        )
        page.goto(server)
        page.get_by_text("RUS-USA at 2008Q1, step 0 of 16").wait_for(timeout=WAIT_MS)
        page.get_by_text("Claim scorecard").wait_for(timeout=WAIT_MS)
        page.locator(".bargainsim-fan img").first.wait_for(timeout=WAIT_MS)
        page.wait_for_timeout(1000)  # the grid settles into place
        before = _fan_image(page)

        slider = page.locator(".bargainsim-slider", has_text="military").first
        track = slider.locator(".v-slider").bounding_box()
        page.mouse.click(track["x"] + 0.9 * track["width"], track["y"] + track["height"] / 2)
        page.get_by_text("1 change(s) from the file").wait_for(timeout=WAIT_MS)
        page.get_by_text("military 0.90").wait_for(timeout=WAIT_MS)

        page.get_by_role("button", name="Step").click()
        page.get_by_text("RUS-USA at 2008Q2, step 1 of 16").wait_for(timeout=WAIT_MS)
        deadline = time.monotonic() + WAIT_MS / 1000
        while _fan_image(page) == before and time.monotonic() < deadline:
            page.wait_for_timeout(250)
        after = _fan_image(page)
        page.screenshot(path=str(tmp_path / "explore.png"), full_page=True)

        # Mesa's Reset starts the changed setting again at step 0; play runs it to the end.
        page.get_by_role("button", name="Reset").click()
        page.get_by_text("RUS-USA at 2008Q1, step 0 of 16").wait_for(timeout=WAIT_MS)
        page.get_by_text("1 change(s) from the file").wait_for(timeout=WAIT_MS)
        page.get_by_role("button", name="▶").click()
        page.get_by_text("RUS-USA at 2012Q1, step 16 of 16").wait_for(timeout=WAIT_MS)
        browser.close()

    assert after != before, "the fan chart did not change"
    assert len(requests) > 10  # the page, its scripts and styles were all fetched
    assert [url for url in requests if not url.startswith(LOCAL)] == []
    assert failures == []
