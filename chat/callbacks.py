"""Turning a waiting chat that nobody can answer into a callback request, without the visitor retyping.

The chat's messages stay with the conversation, which is linked to the new request, so the
counselor who calls back reads what the visitor already wrote.
"""

from django.db import transaction

from audit.models import AuditEvent
from audit.services import record

from . import services
from .models import Conversation


@transaction.atomic
def convert_to_callback(conversation, request_fields):
    """Store a callback request from the visitor's name/phone/time, link the chat to it and end the chat."""
    from intake.models import VerificationRequest
    from intake.services import create_request

    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    intake_request = create_request(VerificationRequest.Kind.CALLBACK, **request_fields)
    conversation.intake_request = intake_request
    conversation.save(update_fields=["intake_request"])
    record(None, AuditEvent.Action.LINKED, target=conversation, detail=f"to callback request #{intake_request.pk}")
    record(None, AuditEvent.Action.LINKED, target=intake_request, detail=f"chat #{conversation.pk}")
    conversation, events = services.visitor_end(conversation)
    return intake_request, events
