<%!
import re
%>\
<% function = re.sub(r"\W+", "_", message.lower()).strip("_") %>\
"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection

revision = "${up_revision}"
down_revision = "${down_revision}"


def upgrade() -> None:
    ${function}(op.get_bind())


def ${function}(conn: Connection) -> None:
    """${message}"""
