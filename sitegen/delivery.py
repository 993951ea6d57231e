"""How notify reaches a receiver: one HTTP POST or one SMTP session, each within one deadline.

Every failure becomes a `Failure` whose reason names at most the scheme, host and port: a webhook URL's path
and query are its secret, and so is an SMTP password. TLS certificates and host names are verified (SMTP
too); a POST is never redirected; an answer that never came after the request was sent is "unknown", since
the receiver may have taken it, and is not sent twice.
"""

from __future__ import annotations

import http.client
import re
import smtplib
import socket
import ssl
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

MAX_ANSWER = 64 * 1024  # bytes of a webhook's answer read; its status is what counts
_UNSAFE_URL = re.compile(r"[^\x21-\x7e]")


class Failure(Exception):
    """A delivery that did not happen, or (`unknown`) one that may have: the request went out, no answer came."""

    def __init__(self, reason: str, retry: bool = False, unknown: bool = False, timed_out: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.retry, self.unknown, self.timed_out = reason, retry, unknown, timed_out


class Guard:
    """Ends every socket it watches once `seconds` have passed, whatever call is waiting on it.

    A socket timeout bounds one read; a server sending a byte every few seconds never trips it. Shutting the
    connection down (through a duplicate descriptor, which TLS wrapping leaves alone) ends any wait at once.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._watched: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Guard:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            for duplicate in self._watched:
                duplicate.close()
            self._watched.clear()

    def connect(self, address: tuple[str, int], timeout: float | None = None, source: object = None) -> socket.socket:
        """socket.create_connection, watched."""
        sock = socket.create_connection(address, timeout)
        with self._lock:
            self._watched.append(sock.dup())
            if self.expired:
                self._shut(self._watched[-1])
        return sock

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for duplicate in self._watched:
                self._shut(duplicate)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def redact(url: str) -> str:
    """The URL as far as its host and port: what may be printed of it."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(a URL that cannot be read)"
    return f"{parts.scheme}://{host}{port}/…" if host and parts.scheme else "(a URL that cannot be read)"


# -- webhooks ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Endpoint:
    secure: bool
    host: str
    port: int
    target: str  # path and query: the secret part

    @property
    def shown(self) -> str:
        return _origin("https" if self.secure else "http", self.host, self.port)


def endpoint(url: str, variable: str) -> Endpoint:
    """A webhook URL read and checked, or a Failure that quotes none of it."""
    problem = f"{variable} is not a valid http:// or https:// URL"
    if _UNSAFE_URL.search(url):
        raise Failure(f"{problem}: it holds a space, a control or a non-ASCII character (percent-encode it)")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Failure(f"{problem}: its port is not a number from 1 to 65535") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Failure(f"{problem} ({redact(url)})")
    secure = parts.scheme == "https"
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Endpoint(secure, parts.hostname, port or (443 if secure else 80), target)


def post_json(where: Endpoint, body: bytes, seconds: float) -> None:
    """POST `body` within `seconds` in all (connect, TLS, request, status and headers, answer)."""
    with Guard(seconds) as guard:
        if where.secure:
            connection = http.client.HTTPSConnection(where.host, where.port, timeout=seconds,
                                                     context=ssl.create_default_context())
        else:
            connection = http.client.HTTPConnection(where.host, where.port, timeout=seconds)
        connection._create_connection = guard.connect  # the one place http.client opens its socket
        sent = False
        try:
            connection.connect()
            connection.request("POST", where.target, body, {"Content-Type": "application/json",
                                                            "User-Agent": "sitegen-notify"})
            sent = True
            response = connection.getresponse()
            status = response.status
            try:
                response.read(MAX_ANSWER)
            except (OSError, http.client.HTTPException):
                pass  # the status line and headers arrived; the answer's body says nothing we use
        except ssl.SSLCertVerificationError as error:
            raise _untrusted(where.shown, error) from None
        except (OSError, http.client.HTTPException) as error:
            raise _broken(where.shown, error, sent, guard) from None
        finally:
            connection.close()
    if 200 <= status < 300:
        return
    if 300 <= status < 400:
        raise Failure(f"HTTP {status}, a redirect: not followed, since a POST is not resent elsewhere; "
                      "set the URL it points to")
    raise Failure(f"HTTP {status}", retry=status >= 500 or status in (408, 429))


# -- email ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SmtpServer:
    secure: bool  # smtps:// (TLS from the start) rather than smtp:// (STARTTLS)
    host: str
    port: int
    user: str
    password: str
    verify: bool = True
    ca_file: str | None = None

    @property
    def shown(self) -> str:
        return _origin("smtps" if self.secure else "smtp", self.host, self.port)

    def tls(self) -> ssl.SSLContext:
        try:
            context = ssl.create_default_context(cafile=self.ca_file)
        except OSError as error:  # a missing file, or ssl.SSLError for one that holds no certificate
            raise Failure(f"SITEGEN_SMTP_CA_FILE cannot be read as PEM certificates ({_kind(error)})") from None
        if not self.verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context


def smtp_server(url: str, verify: bool = True, ca_file: str | None = None) -> SmtpServer:
    """smtp[s]://user:password@host:port read leniently: the password may hold '#', '/', '?' or '@' as they are
    (or percent-encoded). A Failure quotes none of the URL."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.lower() not in ("smtp", "smtps"):
        raise Failure("SITEGEN_SMTP_URL must start with smtp:// (STARTTLS) or smtps:// (TLS from the start)")
    userinfo, _, hostport = rest.rpartition("@")
    hostport = hostport.split("/", 1)[0]
    user, _, password = userinfo.partition(":")
    match = re.fullmatch(r"(\[[0-9A-Fa-f:.]+\]|[^:\[\]\s]+)(?::(\d{1,5}))?", hostport)
    secure = scheme.lower() == "smtps"
    port = int(match[2]) if match and match[2] else (465 if secure else 587)
    if not match or not 0 < port < 65536:
        raise Failure("SITEGEN_SMTP_URL has no host, or a port that is not a number from 1 to 65535")
    return SmtpServer(secure, match[1].strip("[]"), port, unquote(user), unquote(password), verify, ca_file)


class _Client(smtplib.SMTP):
    """smtplib's client on a watched socket; for smtps:// the TLS comes first, verified like STARTTLS's."""

    def __init__(self, guard: Guard, implicit_tls: ssl.SSLContext | None, seconds: float) -> None:
        self._guard, self._implicit_tls = guard, implicit_tls
        super().__init__(timeout=seconds)

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        self._host = host  # the name STARTTLS verifies; smtplib sets it only when the constructor connects
        sock = self._guard.connect((host, port), timeout)
        return self._implicit_tls.wrap_socket(sock, server_hostname=host) if self._implicit_tls else sock


def send_mail(server: SmtpServer, message: EmailMessage, seconds: float) -> None:
    """One SMTP session within `seconds`; the password goes only over TLS that was verified (or waived)."""
    context = server.tls()
    with Guard(seconds) as guard:
        client = _Client(guard, context if server.secure else None, seconds)
        sending = False
        try:
            client.connect(server.host, server.port)
            client.ehlo()
            if not server.secure:
                if client.has_extn("starttls"):
                    client.starttls(context=context)
                    client.ehlo()
                elif server.user:
                    raise Failure(f"{server.shown} offers no STARTTLS: the password is not sent in clear")
            if server.user:
                client.login(server.user, server.password)
            sending = True
            client.send_message(message)
            sending = False
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                pass  # the message was accepted; a rude goodbye changes nothing
        except ssl.SSLCertVerificationError as error:
            raise _untrusted(server.shown, error, " SITEGEN_SMTP_CA_FILE names the certificate of an internal "
                             "relay; SITEGEN_SMTP_INSECURE_TLS=true skips the check") from None
        except smtplib.SMTPAuthenticationError as error:
            raise Failure(f"{server.shown} refused the user name or password (SMTP {error.smtp_code})") from None
        except smtplib.SMTPNotSupportedError:
            raise Failure(f"{server.shown} offers no login (AUTH) for the user name and password") from None
        except smtplib.SMTPRecipientsRefused:
            raise Failure(f"{server.shown} refused every recipient") from None
        except smtplib.SMTPResponseException as error:
            raise Failure(f"{server.shown} answered SMTP {error.smtp_code}",
                          retry=400 <= error.smtp_code < 500) from None
        except (OSError, smtplib.SMTPException) as error:
            raise _broken(server.shown, error, sending, guard) from None
        finally:
            client.close()


# -- what went wrong ------------------------------------------------------------------------------------
def _origin(scheme: str, host: str, port: int) -> str:
    """What is printed of a receiver: scheme, host and port, never the path, query, user or password."""
    return f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}"


def _untrusted(shown: str, error: ssl.SSLCertVerificationError, advice: str = "") -> Failure:
    return Failure(f"the TLS certificate of {shown} cannot be trusted ({error.verify_message}); nothing was "
                   f"sent.{advice}")


def _broken(shown: str, error: Exception, sent: bool, guard: Guard) -> Failure:
    """A connection that failed, timed out or answered nonsense, told apart by whether the request went out."""
    timed_out = guard.expired or isinstance(error, TimeoutError)
    if sent:
        what = (f"no complete answer within {guard.seconds:g} s" if timed_out
                else f"the answer was not valid ({_kind(error)})")
        return Failure(f"{what} after the request was sent to {shown}: it may have arrived; not retried",
                       unknown=True, timed_out=timed_out)
    if timed_out:
        return Failure(f"{shown} did not answer within {guard.seconds:g} s", timed_out=True)
    if isinstance(error, ssl.SSLError):
        return Failure(f"TLS with {shown} failed ({error.reason or _kind(error)})")
    return Failure(f"cannot reach {shown} ({_kind(error)})", retry=True)


def _kind(error: Exception) -> str:
    """A fixed description of an error: exception texts can quote a URL or the server's own words."""
    if isinstance(error, http.client.LineTooLong):
        return "a header line too long"
    if isinstance(error, http.client.RemoteDisconnected):
        return "the connection closed without an answer"
    if isinstance(error, http.client.BadStatusLine):
        return "not an HTTP status line"
    if isinstance(error, http.client.HTTPException):
        return f"malformed HTTP: {type(error).__name__}"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "the server closed the connection"
    if isinstance(error, socket.gaierror):
        return "the host name does not resolve"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return type(error).__name__
