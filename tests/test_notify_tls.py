"""notify over TLS: HTTPS webhooks and SMTP relays (STARTTLS and smtps) whose certificates are or are not to be
trusted, with certificates made in the test; where trust fails, the password must never arrive."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.test_notify_hardening import PASSWORD, SECRET, RawServer, deliver, server  # noqa: F401 - a fixture

def certificate(directory, name: str, hosts: list[str], issuer=None):
    """A key and certificate for `hosts` (DNS names or IP addresses), self-signed or signed by `issuer`."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    signer_cert, signer_key = issuer if issuer else (None, key)
    now = dt.datetime.now(dt.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(signer_cert.subject if signer_cert else subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if hosts:
        names = [x509.IPAddress(ipaddress.ip_address(h)) if h[0].isdigit() else x509.DNSName(h) for h in hosts]
        builder = (builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True))
    else:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    usage = dict.fromkeys(["content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
                           "encipher_only", "decipher_only"], False)
    builder = builder.add_extension(x509.KeyUsage(digital_signature=bool(hosts), key_cert_sign=not hosts,
                                                  crl_sign=not hosts, **usage), critical=True)
    if signer_cert:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signer_key.public_key()), critical=False)
    cert = builder.sign(signer_key, hashes.SHA256())
    cert_file, key_file = directory / f"{name}.pem", directory / f"{name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert, key, cert_file, key_file


class Relay:
    """Messages and every login attempt an aiosmtpd server saw."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == PASSWORD.encode())


@pytest.fixture
def relay(tmp_path):
    """Start an SMTP relay with a certificate, by STARTTLS or TLS from the start (smtps)."""
    controllers = []

    def start(cert_file, key_file, implicit: bool) -> tuple[Relay, str]:
        context = server_context(cert_file, key_file)
        handler = Relay()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        # aiosmtpd offers AUTH over TLS-from-the-start only when it does not also demand STARTTLS.
        tls = ({"ssl_context": context, "auth_require_tls": False} if implicit
               else {"tls_context": context, "require_starttls": True, "auth_require_tls": True})
        controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=handler.authenticate, **tls)
        controller.start()
        controllers.append(controller)
        scheme = "smtps" if implicit else "smtp"
        return handler, f"{scheme}://ops%40example.org:{PASSWORD}@127.0.0.1:{port}"

    yield start
    for controller in controllers:
        controller.stop()


def mail(url: str, **extra: str) -> list:
    return deliver({"SITEGEN_SMTP_URL": url, "SITEGEN_EMAIL_FROM": "status@example.org",
                    "SITEGEN_EMAIL_TO": "ops@example.org", **extra})


@pytest.fixture
def certificates(tmp_path):
    authority = certificate(tmp_path, "test-ca", [])
    return {
        "self-signed for another name": certificate(tmp_path, "other", ["mail.example.org"]),
        "signed for another name": certificate(tmp_path, "signed-other", ["mail.example.org"], authority[:2]),
        "signed for this host": certificate(tmp_path, "signed-here", ["127.0.0.1"], authority[:2]),
        "authority": authority,
    }


@pytest.mark.parametrize("implicit", [False, True], ids=["STARTTLS", "smtps"])
@pytest.mark.parametrize("case, reason", [("self-signed for another name", "self-signed certificate"),
                                          ("signed for another name", "IP address mismatch")])
def test_an_untrusted_certificate_gets_no_password(relay, certificates, implicit, case, reason):
    _, _, cert_file, key_file = certificates[case]
    handler, url = relay(cert_file, key_file, implicit)
    ca = {"SITEGEN_SMTP_CA_FILE": str(certificates["authority"][2])} if case.startswith("signed") else {}
    (outcome,) = mail(url, **ca)
    host = url.split("@")[-1]
    assert outcome.error.startswith(f"the TLS certificate of {url.split(':')[0]}://{host} cannot be trusted")
    assert reason in outcome.error and "nothing was sent" in outcome.error
    assert outcome.attempts == 1
    assert handler.logins == [] and handler.messages == []
    assert SECRET not in outcome.error and "pa#ss" not in outcome.error


@pytest.mark.parametrize("implicit", [False, True], ids=["STARTTLS", "smtps"])
def test_a_trusted_certificate_for_the_host_gets_the_password_as_written(relay, certificates, implicit):
    _, _, cert_file, key_file = certificates["signed for this host"]
    handler, url = relay(cert_file, key_file, implicit)
    (outcome,) = mail(url, SITEGEN_SMTP_CA_FILE=str(certificates["authority"][2]))
    assert outcome.error is None
    assert handler.logins == [(b"ops@example.org", PASSWORD.encode())]
    assert "Subject: Investigating: Database slow" in handler.messages[0]


def test_the_explicit_opt_out_accepts_a_self_signed_relay(relay, certificates):
    _, _, cert_file, key_file = certificates["self-signed for another name"]
    handler, url = relay(cert_file, key_file, implicit=False)
    (outcome,) = mail(url, SITEGEN_SMTP_INSECURE_TLS="true")
    assert outcome.error is None and len(handler.messages) == 1


@pytest.mark.parametrize("url", [f"smtp://user:{PASSWORD}@127.0.0.1:notaport", f"smtp://user:{PASSWORD}@",
                                 f"http://user:{PASSWORD}@127.0.0.1:25", f"smtp://user:{PASSWORD}@127.0.0.1:99999"])
def test_an_smtp_url_that_cannot_be_read_is_reported_without_the_password(url):
    (outcome,) = mail(url)
    assert outcome.error.startswith("SITEGEN_SMTP_URL ") and outcome.attempts == 1
    assert "pa" not in outcome.error.replace("a port", "").replace("password", "")


OK = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"


def server_context(cert_file, key_file) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return context


def test_an_https_webhook_with_an_untrusted_certificate_gets_nothing(server, certificates):
    receiver = server(lambda c: c.sendall(OK), tls=server_context(*certificates["self-signed for another name"][2:]))
    (outcome,) = deliver({"SITEGEN_WEBHOOK_URL": receiver.url()})
    assert outcome.error.startswith(f"the TLS certificate of https://127.0.0.1:{receiver.port} cannot be trusted")
    assert outcome.attempts == 1 and receiver.requests == 0
    assert SECRET not in outcome.error


def test_a_missing_ca_file_is_a_clear_failure(tmp_path):
    (outcome,) = mail("smtp://127.0.0.1:25", SITEGEN_SMTP_CA_FILE=str(tmp_path / "missing.pem"))
    assert outcome.error == "SITEGEN_SMTP_CA_FILE cannot be read as PEM certificates (No such file or directory)"
