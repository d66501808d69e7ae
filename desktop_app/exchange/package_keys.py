"""The coordinator's signing key: Ed25519, made on first use and kept in the data folder (readable by
the user only). Packages are signed with it; its fingerprint — the SHA-256 of the raw public key,
in groups of four hexadecimal digits — is what coordinators compare by phone or letter."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop_app import paths
from desktop_app.domain.errors import UserError

KEY_FILE = "package-signing-key.pem"


def key_path() -> Path:
    return paths.user_data_dir() / KEY_FILE


def _write_private(path: Path, key: Ed25519PrivateKey) -> None:
    data = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def signing_key() -> Ed25519PrivateKey:
    """This coordinator's key, made now when there is none yet."""
    path = key_path()
    if not path.exists():
        with contextlib.suppress(FileExistsError):  # made meanwhile by another process: use that one
            _write_private(path, Ed25519PrivateKey.generate())
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, OSError) as error:
        raise UserError("The signing key {path} cannot be read ({detail}). Move it aside to make a new one; "
                        "other coordinators will then be asked to trust the new key.",
                        path=str(path), detail=str(error)) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise UserError("The signing key {path} is not an Ed25519 key.", path=str(path))
    return key


def public_raw(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_text(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def fingerprint(raw: bytes) -> str:
    """``3f9a 01c2 …``: SHA-256 of the raw public key, in sixteen groups of four, to read aloud."""
    digest = hashlib.sha256(raw).hexdigest()
    return " ".join(digest[index:index + 4] for index in range(0, len(digest), 4))


def own_fingerprint() -> str:
    return fingerprint(public_raw(signing_key()))


def sign(data: bytes) -> bytes:
    return signing_key().sign(data)


def verify(public_key_text: str, signature: bytes, data: bytes) -> bool:
    """Whether ``signature`` is the Ed25519 signature of ``data`` by the key (raw, base64)."""
    try:
        raw = base64.b64decode(public_key_text, validate=True)
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
