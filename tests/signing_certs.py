"""Certificates made at run time for the signature tests: a CA, a signer under it, written as PEM and PKCS#12."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

SIGNER_NAME = "Viện kiểm sát nhân dân tỉnh Thái Bình"
PASSWORD = "mat-khau-thu"


@dataclass
class TestPki:
    ca_pem: Path  # the trust root
    pkcs12: Path  # the signer's key and certificate, with the CA, under PASSWORD
    password: str
    signer_name: str


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Viện kiểm sát nhân dân"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_pki(directory: Path, *, ca_name: str = "CA thử nghiệm", signer_name: str = SIGNER_NAME) -> TestPki:
    """A CA and a signer certificate under it (digital signature and non-repudiation), valid around now."""
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    ca_key = _key()
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(ca_name))
        .issuer_name(_name(ca_name))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=30))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = _key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(signer_name))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_pem = directory / "ca.pem"
    ca_pem.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    p12 = directory / "signer.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer", key, cert, [ca_cert], serialization.BestAvailableEncryption(PASSWORD.encode())
        )
    )
    return TestPki(ca_pem=ca_pem, pkcs12=p12, password=PASSWORD, signer_name=signer_name)
