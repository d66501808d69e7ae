"""Files attached to records (agreements, events, road-map actions, expert meetings), with SHA-256."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select

from desktop_app.domain.errors import NotFoundError, UserError
from desktop_app.storage.database import Database
from desktop_app.storage.models import AttachedDocument

OWNER_TYPES = ("agreement", "event", "roadmap_action", "expert_meeting")
MAX_SIZE = 50 * 1024 * 1024  # a scanned agreement is a few MB; larger files belong elsewhere


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    file_name: str
    media_type: str
    size: int
    sha256: str
    description: str


def attach_bytes(db: Database, owner_type: str, owner_id: int, file_name: str, content: bytes,
                 description: str = "", topic: str = "documents") -> int:
    if owner_type not in OWNER_TYPES:
        raise UserError("Documents cannot be attached to {owner}.", owner=owner_type)
    if len(content) > MAX_SIZE:
        raise UserError("{name} is larger than {limit} MB.", name=file_name, limit=MAX_SIZE // (1024 * 1024))
    media_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    with db.transaction(changes={topic}) as session:
        document = AttachedDocument(owner_type=owner_type, owner_id=owner_id, file_name=file_name,
                                    media_type=media_type, size=len(content),
                                    sha256=hashlib.sha256(content).hexdigest(), content=content,
                                    description=description)
        session.add(document)
        session.flush()
        return document.id


def attach_file(db: Database, owner_type: str, owner_id: int, path: str | Path, description: str = "",
                topic: str = "documents") -> int:
    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise UserError("Cannot read {path}: {reason}", path=str(path),
                        reason=error.strerror or str(error)) from error
    return attach_bytes(db, owner_type, owner_id, path.name, content, description, topic)


def list_documents(db: Database, owner_type: str, owner_id: int) -> list[DocumentInfo]:
    with db.reading() as session:
        rows = session.execute(
            select(AttachedDocument.id, AttachedDocument.file_name, AttachedDocument.media_type,
                   AttachedDocument.size, AttachedDocument.sha256, AttachedDocument.description)
            .where(AttachedDocument.owner_type == owner_type, AttachedDocument.owner_id == owner_id)
            .order_by(AttachedDocument.id)).all()
    return [DocumentInfo(*row) for row in rows]


def document_content(db: Database, document_id: int) -> tuple[str, bytes]:
    """The file's name and bytes, checked against the SHA-256 recorded when it was attached."""
    with db.reading() as session:
        document = session.get(AttachedDocument, document_id)
        if document is None:
            raise NotFoundError("The document no longer exists.")
        if hashlib.sha256(document.content).hexdigest() != document.sha256:
            raise UserError("{name} is damaged: its checksum does not match.", name=document.file_name)
        return document.file_name, document.content


def delete_documents_of(session, owner_type: str, owner_id: int) -> None:
    session.execute(delete(AttachedDocument).where(AttachedDocument.owner_type == owner_type,
                                                   AttachedDocument.owner_id == owner_id))


def remove_document(db: Database, document_id: int, topic: str = "documents") -> None:
    with db.transaction(changes={topic}) as session:
        session.execute(delete(AttachedDocument).where(AttachedDocument.id == document_id))
