"""Deliver a message to staff: a signed JSON POST to the agency's webhook.

The body is the message as JSON. The `X-Voiceagent-Signature` header carries
`sha256=` and the hex HMAC-SHA256 of the exact body bytes under the shared secret,
so the receiving end can check the message came from the receptionist untouched;
`Idempotency-Key` carries the message's key, the same on every retry, so it can
drop repeats (delivery is at least once). Any 2xx answer is a delivery. A 408, a
429 or a 5xx, a timeout or a refused connection is a failure the outbox retries
with backoff; any other answer (4xx, or a redirect, which a signed body must not
follow) is a refusal, which the outbox retries a bounded number of times and then
parks for a person to look at.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import aiohttp

from voiceagent.store.outbox import DeliveryRejectedError
from voiceagent.store.port import Delivery, StoredMessage

__all__ = [
    "IDEMPOTENCY_HEADER",
    "SIGNATURE_HEADER",
    "WebhookDelivery",
    "WebhookFailedError",
    "payload",
    "sign",
]

SIGNATURE_HEADER = "X-Voiceagent-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
_RETRYABLE = frozenset({408, 425, 429})
"""4xx answers that mean "not now" rather than "not this"."""


class WebhookFailedError(Exception):
    """The webhook did not take the message this time (5xx, 408, 429): retry later."""


def sign(secret: str, body: bytes) -> str:
    """The signature header's value for `body`."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def payload(stored: StoredMessage) -> dict[str, Any]:
    """The message as staff's webhook receives it."""
    message = stored.message
    target = message.for_target
    return {
        "key": stored.key,
        "message_id": stored.id,
        "call_id": stored.call_id,
        "taken_at": stored.at.isoformat(),
        "kind": message.kind.value,
        "urgency": stored.urgency,
        "for": None
        if target is None
        else {
            "kind": target.kind.value,
            "name": target.name,
            "extension": target.extension,
            "group": target.group,
        },
        "from": {"name": message.caller_name, "identifier": message.identifier},
        "callback_number": message.phone_number,
        "insurance_type": message.insurance_type,
        "intent": message.intent.value if message.intent else None,
        "text": message.text,
        "notes": message.notes,
    }


class WebhookDelivery:
    """Posts each message to one URL, signed with one secret.

    Args:
        url: The agency's endpoint (http or https).
        secret: The shared HMAC secret.
        timeout: Seconds one POST may take, connecting included (audit A6).
    """

    def __init__(self, url: str, secret: str, *, timeout: float = 10.0) -> None:
        self._url = url
        self._secret = secret
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    def __repr__(self) -> str:
        return f"WebhookDelivery(url={self._url!r}, secret='**********')"

    async def __call__(self, delivery: Delivery) -> None:
        """POST the message once.

        Raises:
            DeliveryRejectedError: The endpoint refused it (4xx other than 408/425/429, 3xx).
            WebhookFailedError: The endpoint failed (5xx, 408, 425, 429).
            aiohttp.ClientError, TimeoutError: The endpoint could not be reached in time.
        """
        stored = delivery.message
        body = json.dumps(payload(stored), ensure_ascii=False, sort_keys=True).encode()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(self._secret, body),
            IDEMPOTENCY_HEADER: stored.key,
        }
        async with (
            aiohttp.ClientSession(timeout=self._timeout) as session,
            session.post(self._url, data=body, headers=headers, allow_redirects=False) as answer,
        ):
            status = answer.status
        if 200 <= status < 300:
            return
        if status >= 500 or status in _RETRYABLE:
            msg = f"webhook answered {status}"
            raise WebhookFailedError(msg)
        msg = f"webhook refused the message with {status}"
        raise DeliveryRejectedError(msg)
