"""A pg_dump holds only ciphertext, restores into a fresh database, decrypts, and survives a key rotation."""

import subprocess

import pytest

from .stack import PG_PORT, ROOT, FormClient
from .traffic import Tally, post_callback

pytestmark = pytest.mark.faults


def test_backup_restore_round_trip_and_key_rotation(stack, report):
    site, postgres = stack["site"], stack["postgres"]
    forms, tally = FormClient(), Tally()
    for _ in range(3):
        post_callback(forms, tally)
    site.manage("shell", "-c", "from chat import services; services.start_conversation('Backup chat line')")
    requests_stored = postgres.scalar("SELECT count(*) FROM intake_verificationrequest")
    assert tally["acknowledged"] == 3
    result = subprocess.run(
        ["bash", "scripts/backup_roundtrip.sh", f"postgres://postgres@127.0.0.1:{PG_PORT}/faults", "faults_restored",
         "Faultline|Casey|2025550143|Backup chat line"],
        cwd=ROOT, env=site.env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    report.update(load="pg_dump → restore → rotate", stored=requests_stored, acknowledged="-", delivered="-")
    report["5xx"] = 0
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: round trip and key rotation kept" in result.stdout
