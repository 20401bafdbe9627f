"""With the default model nothing needs the network at run time: index and ask inside `unshare -n`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from assistant.config import DEFAULT_CORPUS_DIR, PROJECT_ROOT

pytestmark = pytest.mark.model

# The hub's own offline switches are removed: the assistant must set them itself.
_SWITCHES = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE", "POLICY_ASSISTANT_MODEL")
_NETWORK_COMPLAINTS = re.compile(
    r"Max retries|NameResolution|ConnectionError|Network is unreachable|timed out", re.I
)


def _no_network(*argv: str, timeout: int = 900) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in _SWITCHES}
    return subprocess.run(
        ["unshare", "-n", *argv], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def isolated():
    """Skip only when this machine does not allow a process its own empty network namespace."""
    if shutil.which("unshare") is None:
        pytest.skip("the unshare command is not installed (util-linux)")
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"`unshare -n` is not permitted here: {probe.stderr.strip()}")
    interfaces = _no_network(
        sys.executable, "-c", "import socket; print([n for _, n in socket.if_nameindex()])"
    )
    assert interfaces.stdout.strip() == "['lo']"  # no interface but a loopback that is down


def test_index_and_ask_with_networking_disabled(isolated, tmp_path):
    index = tmp_path / "index"
    built = _no_network(
        sys.executable, "-m", "assistant", "index", "--corpus", str(DEFAULT_CORPUS_DIR), "--index", str(index)
    )
    assert built.returncode == 0, built.stderr
    assert "indexed 2 documents" in built.stderr and not _NETWORK_COMPLAINTS.search(built.stderr)

    asked = _no_network(
        sys.executable, "-m", "assistant", "ask", "苏州新能源公交车占比", "--json", "--index", str(index)
    )
    assert asked.returncode == 0, asked.stderr
    assert not _NETWORK_COMPLAINTS.search(asked.stderr)
    payload = json.loads(asked.stdout)
    top = payload["results"][0]
    assert payload["answerable"] and top["city"] == "苏州"
    assert re.search(r"新能源城市公交车辆占比达到\s*85\s*%", top["text"]), top["text"]
