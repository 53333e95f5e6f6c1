"""Optional summaries by a language model behind an OpenAI-compatible endpoint.

Any server speaking the chat-completions protocol works (a local Ollama or llama.cpp
server, a hosted API). Settings come from the environment: ``EXPORTER_LLM_URL`` (base
URL, e.g. ``http://localhost:11434/v1``), ``EXPORTER_LLM_MODEL`` and, if the server
wants one, ``EXPORTER_LLM_KEY``. The request asks for temperature 0 and easy-to-read
French. A reply is used only if it passes the same faithfulness checks as the offline
summary (no number or name absent from the article, complete sentences, no dangling
pronoun); otherwise, or when the server fails, the offline summary is used and a
warning is logged. Only the standard library is used for HTTP.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from exporter.errors import ConfigError
from exporter.fidelity.checker import check
from exporter.model import Document
from exporter.summary.model import PlainSummary
from exporter.summary.readability import readability
from exporter.summary.summarize import MAX_SENTENCES, MIN_SENTENCES, summarize
from exporter.text.analysis import analyse

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 120.0
#: A longer wait is a mistake (and "inf" would make a dead server hang the build).
MAX_TIMEOUT_SECONDS = 3600.0
#: Articles are cut to this many characters in the prompt (small local models' context).
MAX_ARTICLE_CHARS = 12_000

SYSTEM_PROMPT = (
    "Tu écris des résumés en français facile à lire et à comprendre, pour des personnes "
    "qui lisent difficilement. Règles : des phrases courtes (12 mots au plus), une seule "
    "idée par phrase, des mots courants, la voix active, un sujet explicite dans chaque "
    "phrase (jamais « il » ou « elle » en début de phrase), les nombres en chiffres. "
    "N'ajoute aucun fait, aucun nombre, aucune date et aucun nom qui ne soit pas dans "
    "l'article. Réponds seulement par le résumé : de 3 à 5 phrases, une par ligne."
)


class LlmReplyError(Exception):
    """The server did not give a usable reply (network, HTTP status, format)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class LlmSettings:
    url: str
    model: str
    key: str = ""
    timeout: float = DEFAULT_TIMEOUT_SECONDS

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> LlmSettings:
        environ = os.environ if environ is None else environ
        url = environ.get("EXPORTER_LLM_URL", "").strip()
        model = environ.get("EXPORTER_LLM_MODEL", "").strip()
        if not url or not model:
            raise ConfigError(
                "the llm summarizer needs a server URL and a model name",
                hint="Set EXPORTER_LLM_URL (e.g. http://localhost:11434/v1) and "
                "EXPORTER_LLM_MODEL, or use --summarizer offline.",
            )
        timeout_text = environ.get("EXPORTER_LLM_TIMEOUT", "").strip()
        try:
            timeout = float(timeout_text) if timeout_text else DEFAULT_TIMEOUT_SECONDS
        except ValueError:
            raise ConfigError(f"EXPORTER_LLM_TIMEOUT is not a number: {timeout_text!r}") from None
        if not 0 < timeout <= MAX_TIMEOUT_SECONDS:  # also refuses "inf" and "nan"
            raise ConfigError(
                f"EXPORTER_LLM_TIMEOUT must be a number of seconds above 0 and at most "
                f"{MAX_TIMEOUT_SECONDS:.0f}, not {timeout_text!r}",
                hint="Unset it for the default of "
                f"{DEFAULT_TIMEOUT_SECONDS:.0f} s, or give e.g. EXPORTER_LLM_TIMEOUT=300.",
            )
        return cls(url=url, model=model, key=environ.get("EXPORTER_LLM_KEY", ""), timeout=timeout)

    @property
    def endpoint(self) -> str:
        base = self.url.rstrip("/")
        return base if base.endswith("/chat/completions") else f"{base}/chat/completions"


def _user_prompt(document: Document) -> str:
    article = document.text[:MAX_ARTICLE_CHARS]
    return f"Titre : {document.title}\n\nArticle :\n{article}\n\nRésumé en français facile :"


def request_body(document: Document, settings: LlmSettings) -> dict[str, object]:
    return {
        "model": settings.model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": _user_prompt(document)},
        ],
    }


def ask(document: Document, settings: LlmSettings) -> str:
    """The model's reply text; raises :class:`LlmReplyError` on any failure."""
    headers = {"Content-Type": "application/json"}
    if settings.key:
        headers["Authorization"] = f"Bearer {settings.key}"
    request = urllib.request.Request(
        settings.endpoint,
        data=json.dumps(request_body(document, settings)).encode("utf-8"),
        headers=headers,
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.timeout) as response:
            payload = json.loads(response.read().decode("utf-8"))
        content = payload["choices"][0]["message"]["content"]
    except urllib.error.HTTPError as error:
        raise LlmReplyError(f"HTTP {error.code} from {settings.endpoint}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise LlmReplyError(f"no reply from {settings.endpoint}: {error}") from error
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise LlmReplyError(f"unexpected reply format from {settings.endpoint}") from error
    if not isinstance(content, str):
        raise LlmReplyError(f"unexpected reply format from {settings.endpoint}")
    return content


def reply_sentences(reply: str) -> list[str]:
    """One sentence a line; list markers ("- ", "1. ") removed."""
    sentences: list[str] = []
    for line in reply.splitlines():
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line).strip()
        if line:
            sentences.append(line)
    return sentences


def summarize_with_llm(document: Document, settings: LlmSettings) -> PlainSummary:
    """The model's summary if it is faithful, else the offline one (with a warning)."""
    offline = summarize(document)
    try:
        sentences = reply_sentences(ask(document, settings))
    except LlmReplyError as error:
        logger.warning("LLM summary unavailable (%s): using the offline summary", error)
        return offline
    problems = [v for v in check(analyse(document), sentences) if not v.supported]
    if not MIN_SENTENCES <= len(sentences) <= MAX_SENTENCES + 1 or problems:
        details = "; ".join(f"{v.sentence!r}: {', '.join(v.problems)}" for v in problems[:3]) or (
            f"{len(sentences)} sentences"
        )
        logger.warning("LLM summary rejected (%s): using the offline summary", details)
        return offline
    return dataclasses.replace(
        offline, sentences=tuple(sentences), simplified=readability(sentences)
    )


SUMMARIZERS = ("offline", "llm")


def summarizer_for(name: str) -> Callable[[Document], PlainSummary]:
    """The summary function for ``--summarizer NAME``; settings are read once, here."""
    if name == "offline":
        return summarize
    if name == "llm":
        settings = LlmSettings.from_environment()
        return lambda document: summarize_with_llm(document, settings)
    raise ConfigError(
        f"unknown summarizer '{name}'", hint=f"Choose among: {', '.join(SUMMARIZERS)}."
    )
