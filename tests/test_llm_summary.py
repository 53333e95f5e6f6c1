"""The optional LLM summarizer against a local fake OpenAI-compatible server."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from exporter.errors import ConfigError
from exporter.options import BuildOptions
from exporter.parsers import parse_file
from exporter.pipeline import ArticleConverter
from exporter.summary.llm import LlmSettings, summarize_with_llm, summarizer_for
from exporter.summary.summarize import summarize
from tests.conftest import SEED

# Faithful as the independent checker reads it: each sentence says what one sentence of
# the article (or its title) says, in its words (a paraphrase cannot be verified).
GOOD_REPLY = (
    "- La Chine appelle à la coopération en matière de sécurité de l'intelligence artificielle.\n"
    "- La délégation chinoise a participé à des discussions sur la sécurité de l'IA.\n"
    "- Wu Zhaohui a prononcé une allocution mercredi.\n"
    "- La délégation chinoise a appelé aux échanges entre pays.\n"
)
# "2030" and "Emmanuel Macron" are nowhere in the article.
UNFAITHFUL_REPLY = (
    "La Chine appelle à la coopération sur l'intelligence artificielle.\n"
    "Emmanuel Macron a reçu la délégation chinoise.\n"
    "Un accord sera signé en 2030.\n"
)


@dataclass
class Script:
    status: int = 200
    content: str = GOOD_REPLY
    delay: float = 0.0
    requests: list[dict[str, object]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


class FakeChatServer(ThreadingHTTPServer):
    script: Script
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client gave up (timeout test): nothing to report


class Handler(BaseHTTPRequestHandler):
    server: FakeChatServer

    def do_POST(self) -> None:
        script = self.server.script
        length = int(self.headers.get("Content-Length", "0"))
        script.requests.append(json.loads(self.rfile.read(length)))
        script.headers.append(dict(self.headers))
        if script.delay:
            time.sleep(script.delay)
        if script.status != 200:
            self.send_response(script.status)
            self.end_headers()
            self.wfile.write(b'{"error": "boom"}')
            return
        body = json.dumps(
            {"choices": [{"index": 0, "message": {"role": "assistant", "content": script.content}}]}
        ).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # silence the test output
        pass


@pytest.fixture
def server() -> Iterator[FakeChatServer]:
    httpd = FakeChatServer(("127.0.0.1", 0), Handler)
    httpd.script = Script()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _settings(httpd: FakeChatServer, *, timeout: float = 10.0) -> LlmSettings:
    host, port = httpd.server_address[:2]
    return LlmSettings(
        url=f"http://{host!s}:{port}/v1", model="test-model", key="secret", timeout=timeout
    )


def test_a_faithful_reply_is_the_summary(server: FakeChatServer) -> None:
    document = parse_file(SEED)
    summary = summarize_with_llm(document, _settings(server))
    assert summary.sentences[0].startswith("La Chine appelle")
    assert len(summary.sentences) == 4
    assert summary.simplified.sentences == 4
    # Briefs and glossary still come from the offline, checked pipeline.
    assert summary.glossary == summarize(document).glossary
    request = server.script.requests[0]
    assert request["model"] == "test-model"
    assert request["temperature"] == 0
    messages = request["messages"]
    assert isinstance(messages, list)
    assert "facile à lire" in messages[0]["content"]
    assert document.title in messages[1]["content"]
    assert server.script.headers[0]["Authorization"] == "Bearer secret"


def test_an_unfaithful_reply_is_rejected_with_a_warning(
    server: FakeChatServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.script.content = UNFAITHFUL_REPLY
    document = parse_file(SEED)
    with caplog.at_level(logging.WARNING, logger="exporter.summary.llm"):
        summary = summarize_with_llm(document, _settings(server))
    assert summary == summarize(document)
    assert "rejected" in caplog.text and "2030" in caplog.text


def test_a_server_error_falls_back_to_the_offline_summary(
    server: FakeChatServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.script.status = 500
    document = parse_file(SEED)
    with caplog.at_level(logging.WARNING, logger="exporter.summary.llm"):
        summary = summarize_with_llm(document, _settings(server))
    assert summary == summarize(document)
    assert "HTTP 500" in caplog.text


def test_a_server_that_does_not_answer_in_time_falls_back(
    server: FakeChatServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.script.delay = 1.0
    document = parse_file(SEED)
    with caplog.at_level(logging.WARNING, logger="exporter.summary.llm"):
        summary = summarize_with_llm(document, _settings(server, timeout=0.2))
    assert summary == summarize(document)
    assert "unavailable" in caplog.text


def test_settings_come_from_the_environment() -> None:
    settings = LlmSettings.from_environment(
        {"EXPORTER_LLM_URL": "http://localhost:11434/v1", "EXPORTER_LLM_MODEL": "qwen"}
    )
    assert settings.endpoint == "http://localhost:11434/v1/chat/completions"
    assert (settings.model, settings.key) == ("qwen", "")
    with pytest.raises(ConfigError, match="URL"):
        LlmSettings.from_environment({})


def test_llm_summarizer_without_settings_is_a_config_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("EXPORTER_LLM_URL", raising=False)
    monkeypatch.delenv("EXPORTER_LLM_MODEL", raising=False)
    with pytest.raises(ConfigError) as raised:
        ArticleConverter(BuildOptions(out_dir=tmp_path, formats=("summary",), summarizer="llm"))
    assert "EXPORTER_LLM_URL" in raised.value.hint
    with pytest.raises(ConfigError):
        summarizer_for("gpt")
    assert summarizer_for("offline") is summarize


def test_cli_llm_summarizer_without_settings_exits_with_config_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from exporter.cli import cli
    from exporter.status import ExitStatus

    monkeypatch.delenv("EXPORTER_LLM_URL", raising=False)
    result = CliRunner(mix_stderr=False).invoke(
        cli,
        ["build", str(SEED), "--out", str(tmp_path), "--formats", "summary", "--summarizer", "llm"],
    )
    assert result.exit_code == ExitStatus.CONFIG_ERROR
    assert "EXPORTER_LLM_URL" in result.stderr
    assert not any(tmp_path.iterdir())
