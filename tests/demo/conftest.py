"""The demo inbox is built once per session; ``leaves`` opens every archive and email in it."""

import email
import io
import zipfile
from email import policy
from pathlib import Path

import pytest

from paperdesk.campaign import load_campaign
from sampledata.demo import make_demo


@pytest.fixture(scope="session")
def campaign():
    from sampledata.demo.scenario import DEMO_ROSTER

    return load_campaign(roster=DEMO_ROSTER)  # the demo office's roster: the headcounts


@pytest.fixture(scope="session")
def demo(campaign, tmp_path_factory):
    inbox = tmp_path_factory.mktemp("demo") / "inbox"
    return inbox, make_demo(inbox, campaign)


def _walk(name: str, data: bytes, out: dict) -> None:
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                inner = info.filename.encode("cp437").decode("gbk") if not info.flag_bits & 0x800 else info.filename
                if not inner.endswith("/"):
                    _walk(f"{name}!{inner}", zf.read(info), out)
    elif name.endswith(".eml"):
        msg = email.message_from_bytes(data, policy=policy.default)
        for part in msg.iter_attachments():
            _walk(f"{name}!{part.get_filename()}", part.get_content(), out)
    else:
        out[name] = data


@pytest.fixture(scope="session")
def leaves(demo) -> dict[str, bytes]:
    """Every leaf file of the demo by display path (``outer.zip!inner/a.docx``)."""
    inbox, _ = demo
    out: dict[str, bytes] = {}
    for f in sorted(Path(inbox).rglob("*")):
        if f.is_file():
            _walk(f.relative_to(inbox).as_posix(), f.read_bytes(), out)
    return out
