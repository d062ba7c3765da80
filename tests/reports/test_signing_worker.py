"""The signature is put on by the real worker (issue 16): ``make worker`` (prefork pool, production settings, one
REDIS_URL, PostgreSQL) with the certificate given by the environment, as docs/signing.md sets it up. Runs when
REDIS_URL is set, as in CI."""

import hashlib
import os

import pytest
from django.db import connection, transaction

from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.services import report_request
from tests import workers
from tests.reports.test_signing import decided  # noqa: F401 - the fixture, shared
from tests.signing_certs import make_pki
from units.signatures import verify_pdf

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL); CI sets it"),
]


def test_make_worker_signs_the_decision_with_the_certificate_of_the_environment(
    request, transactional_db, tmp_path, settings, secretariat
):
    if connection.vendor != "postgresql":
        pytest.skip("the deployed topology runs on PostgreSQL (DATABASE_URL)")
    pki = make_pki(tmp_path / "pki")
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    decision, _meeting = request.getfixturevalue("decided")
    workers.use_broker(workers.broker_url())
    workers.flush_broker()
    env = workers.deployed_env(
        media, SIGNING_PKCS12_PATH=pki.pkcs12, SIGNING_PKCS12_PASSWORD=pki.password, SIGNING_TRUST_ROOTS=pki.ca_pem
    )
    worker = workers.start_make("worker", env, tmp_path)
    everything = []
    try:
        with transaction.atomic():
            job = report_request(
                kind=ReportKind.DECISION,
                year_plan=decision.year_plan,
                actor=secretariat,
                params={"decision": decision.pk},
            )
        state = lambda: ReportJob.objects.get(pk=job.pk).state  # noqa: E731
        assert workers.wait_for(lambda: state() in (JobState.DONE, JobState.FAILED), timeout=180)
        everything = [worker.pid, *workers.descendants(worker.pid)]
    finally:
        workers.stop_group(worker)
        workers.use_broker(None)
    assert workers.wait_for(lambda: not workers.alive(everything), timeout=30)
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    with job.file.open("rb") as handle:
        data = handle.read()
    assert hashlib.sha256(data).hexdigest() == job.checksum
    check = verify_pdf(data, [str(pki.ca_pem)])
    assert (check.signed, check.intact, check.trusted, check.signer) == (True, True, True, pki.signer_name)
    assert job.signature["signer"] == pki.signer_name
