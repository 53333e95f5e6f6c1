"""A hostile corpus, generated here (no binary file in the repository): one case per defect
of issue 12 not covered by test_batch_hardening, test_os_errors and test_engine_faults.

Each case asserts the exit status, the message, that nothing outside the output folder
changed, and that nothing half-written remains in it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from exporter.cli import cli
from exporter.errors import SynthesisError
from exporter.narration.engines.gtts_engine import GttsEngine, RetryPolicy
from exporter.narration.narrator import MAX_NARRATED_CHARS
from exporter.status import ExitStatus
from tests.conftest import FakeEngine
from tests.fake_gtts_server import FakeGttsServer, Reply, sine_mp3

BODY = (
    "Le conseil municipal de Brest a voté mardi un nouveau budget pour les écoles. "
    "Les parents saluent une décision attendue.\n\n"
    "Le maire a annoncé que les travaux commenceront au printemps.\n"
)


def _article(path: Path, title: str = "Un budget pour les écoles de Brest") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\n{BODY}", encoding="utf-8")
    return path


def _snapshot(root: Path, out: Path) -> dict[str, str]:
    """Every file under ``root`` but those in ``out``, with a hash of its content."""
    files: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path == out or out in path.parents or not path.is_file() or path.is_symlink():
            continue
        files[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def _leftovers(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.endswith((".partial", ".part"))]


def _cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner(mix_stderr=False).invoke(cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def guarded(tmp_path: Path) -> Path:
    """The output folder (the commands below check what they may not touch)."""
    return tmp_path / "out"


def _build(out: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """``exporter build ARGS --out OUT --engine fake``; asserts that nothing outside OUT
    changed and that no staging folder or temporary file remains in OUT."""
    before = _snapshot(out.parent, out)
    result = _cli("build", *args, "--out", str(out), "--engine", "fake", env=env)
    assert _snapshot(out.parent, out) == before
    if out.exists():
        assert _leftovers(out) == []
    return result


# --- Item 2: an article named like an output ------------------------------------------


def test_an_article_named_summary_keeps_its_outputs_apart(
    tmp_path: Path, guarded: Path, fake_engine: FakeEngine
) -> None:
    source = _article(tmp_path / "summary.txt")
    code, _, stderr = _build(guarded, str(source), "--formats", "mp3,summary")
    assert code == ExitStatus.SUCCESS, stderr
    folder = guarded / "summary-article"
    names = sorted(path.name for path in folder.iterdir())
    assert names == [
        "summary-article.mp3",
        "summary.html",
        "summary.json",
        "summary.md",
        "summary.mp3",
    ]
    # The article's narration and the summary's are different recordings.
    assert (folder / "summary.mp3").read_bytes() != (folder / "summary-article.mp3").read_bytes()


def test_building_a_folder_twice_never_takes_outputs_for_articles(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    _article(tmp_path / "articles" / "brest.txt")
    os.chdir(tmp_path)
    for _ in range(2):
        code, stdout, stderr = _cli(
            "build", ".", "--engine", "fake", "--formats", "summary", "--out", "build"
        )
        assert code == ExitStatus.SUCCESS, stderr
        assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["brest"]
        assert "summary-article" not in stdout
    # A batch's build folder (with its manifest) is skipped as well.
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "manifest.json").write_text("{}", encoding="utf-8")
    _article(tmp_path / "other" / "ancien" / "ancien.txt")
    code, stdout, _ = _cli("build", ".", "--engine", "fake", "--formats", "summary")
    assert code == ExitStatus.SUCCESS
    assert "ancien" not in stdout


# --- Item 7: slug collisions ----------------------------------------------------------


def test_build_refuses_articles_whose_outputs_would_collide(
    tmp_path: Path, guarded: Path, fake_engine: FakeEngine
) -> None:
    first = _article(tmp_path / "in" / "a" / "article.txt", "Premier titre du jour")
    second = _article(tmp_path / "in" / "b" / "article.txt", "Second titre du jour")
    code, stdout, stderr = _build(guarded, str(tmp_path / "in"), "--formats", "summary")
    assert code == ExitStatus.PARTIAL_FAILURE
    assert f"its output folder 'article' is already that of {first}" in stderr
    assert str(second) in stderr
    printed = stdout.split()
    assert len(printed) == len(set(printed)) == 4  # each output once
    summary = (guarded / "article" / "summary.md").read_text(encoding="utf-8")
    assert "Premier titre" in summary


def test_names_in_other_scripts_get_distinct_folders(
    tmp_path: Path, guarded: Path, fake_engine: FakeEngine
) -> None:
    paths = [_article(tmp_path / "in" / f"{name}.txt") for name in ("日本", "中国", "Москва")]
    code, _, stderr = _build(guarded, *map(str, paths), "--formats", "summary")
    assert code == ExitStatus.SUCCESS, stderr
    assert len([p for p in guarded.iterdir() if p.is_dir()]) == 3


# --- Item 10: markup passing through --------------------------------------------------

HOSTILE_TITLE = "<script>alert(1)</script> **gras** &lt;b&gt;x&lt;/b&gt; --> fin"


def _strict_vtt_cues(text: str) -> list[str]:
    """The cue texts of a WebVTT file, unescaped; fails on anything a player would take for
    markup: a tag, a bare "&", "-->" in a cue, a cue without text."""
    blocks = text.strip("\n").split("\n\n")
    assert blocks[0].splitlines()[0] == "WEBVTT"
    cues = []
    for block in blocks[1:]:
        lines = block.split("\n")
        timing = 1 if "-->" not in lines[0] else 0
        assert re.fullmatch(r"\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}", lines[timing])
        payload = lines[timing + 1 :]
        assert payload and all(line.strip() for line in payload)
        for line in payload:
            assert "<" not in line and ">" not in line and "-->" not in line
            assert re.fullmatch(r"(?:[^&]|&amp;|&lt;|&gt;)*", line), line
        joined = "\n".join(payload)
        cues.append(joined.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    return cues


def test_article_text_is_never_markup_in_any_output(
    tmp_path: Path, guarded: Path, fake_engine: FakeEngine
) -> None:
    source = tmp_path / "hostile.html"
    source.write_text(
        "<html><head><title>x</title></head><body>"
        "<h1>&lt;script&gt;alert(1)&lt;/script&gt; **gras** &amp;lt;b&amp;gt;x&amp;lt;/b&amp;gt;"
        " --&gt; fin</h1>"
        f"<p>{BODY.split(chr(10))[0]}</p><p>Le maire a parlé au printemps.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    code, _, stderr = _build(guarded, str(source), "--formats", "mp3,summary,transcript")
    assert code == ExitStatus.SUCCESS, stderr
    folder = guarded / "hostile"
    cues = _strict_vtt_cues((folder / "hostile.vtt").read_text(encoding="utf-8"))
    assert cues[0] == HOSTILE_TITLE
    srt = (folder / "hostile.srt").read_text(encoding="utf-8")
    assert "<script>" not in srt and "<b>" not in srt
    assert srt.count("-->") == len(cues)  # only timing lines
    markdown = (folder / "summary.md").read_text(encoding="utf-8")
    rendered = MarkdownIt("commonmark").render(markdown)
    assert "<script>" not in rendered and "<strong>gras" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **gras**" in rendered.splitlines()[0]


def test_raw_html_in_markdown_is_neither_read_nor_defined(
    tmp_path: Path, guarded: Path, fake_engine: FakeEngine
) -> None:
    source = tmp_path / "brut.md"
    source.write_text(
        '---\ntitle: "Titre \x1b[31mrouge\x1b[0m\x07 du jour"\n---\n\n'
        f"{BODY.split(chr(10))[0]}\n\n"
        '<div onclick="alert(1)"><p>Le maire a parlé.</p>'
        '<iframe src="javascript:alert(1)">iframe</iframe><script>javascript()</script></div>\n\n'
        'Un texte <span onclick="alert(2)">cliquable</span> ici.\n',
        encoding="utf-8",
    )
    code, _, stderr = _build(guarded, str(source), "--formats", "mp3,summary,transcript")
    assert code == ExitStatus.SUCCESS, stderr
    folder = guarded / "brut"
    cues = _strict_vtt_cues((folder / "brut.vtt").read_text(encoding="utf-8"))
    assert cues[0] == "Titre rouge du jour"
    spoken = " ".join(cues).lower()
    for word in ("onclick", "javascript", "iframe", "alert", "script", "span"):
        assert word not in spoken
    assert "le maire a parlé." in spoken and "un texte cliquable ici." in spoken
    glossary = (folder / "summary.json").read_text(encoding="utf-8").lower()
    assert "javascript" not in glossary and "iframe" not in glossary
    heard = " ".join(fake_engine.calls)
    assert "\x1b" not in heard and "[31m" not in heard and "onclick" not in heard


# --- Item 11: smaller defects ---------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["😀🎉🔥\n\n🚀🌍✨ 🎈🎈\n", "عنوان المقال\n\nهذا نص عربي فقط بدون أي كلمة فرنسية.\n"]
)
def test_no_french_text_is_an_input_error(
    tmp_path: Path, guarded: Path, fake_engine: FakeEngine, text: str
) -> None:
    source = tmp_path / "rien.txt"
    source.write_text(text, encoding="utf-8")
    code, _, stderr = _build(guarded, str(source), "--formats", "mp3")
    assert code == ExitStatus.INPUT_ERROR
    assert "no French text to read" in stderr
    assert not (guarded / "rien").exists()
    assert fake_engine.calls == []


def test_a_mistyped_engine_is_refused_before_any_article(
    tmp_path: Path, guarded: Path, fake_engine: FakeEngine
) -> None:
    sources = [_article(tmp_path / f"a{index}.txt") for index in range(2)]
    code, _, stderr = _cli("build", *map(str, sources), "--out", str(guarded), "--engine", "picoo")
    assert code == ExitStatus.ENGINE_ERROR
    assert "engine 'picoo': no such engine" in stderr
    assert "parse" not in stderr  # no article was started
    assert not guarded.exists()


def test_fifo_and_devices_are_named_for_what_they_are(tmp_path: Path, guarded: Path) -> None:
    fifo = tmp_path / "tube.txt"
    os.mkfifo(fifo)
    # In a child process with a deadline: reading a FIFO without a writer would block.
    for path, kind in ((fifo, "named pipe (FIFO)"), (Path("/dev/zero"), "character device")):
        done = subprocess.run(
            [sys.executable, "-m", "exporter", "build", str(path), "--out", str(guarded)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
        )
        assert done.returncode == ExitStatus.INPUT_ERROR, done.stderr
        assert f"{path}: is a {kind}, not a regular file" in done.stderr
        assert "no such file" not in done.stderr


@pytest.mark.parametrize("value", ["inf", "nan", "0", "-5", "1e9"])
def test_an_unusable_llm_timeout_is_a_setting_error(
    tmp_path: Path, guarded: Path, fake_engine: FakeEngine, value: str
) -> None:
    source = _article(tmp_path / "a.txt")
    env = {
        "EXPORTER_LLM_URL": "http://127.0.0.1:9/v1",
        "EXPORTER_LLM_MODEL": "m",
        "EXPORTER_LLM_TIMEOUT": value,
    }
    code, _, stderr = _build(guarded, str(source), "--summarizer", "llm", env=env)
    assert code == ExitStatus.CONFIG_ERROR
    assert "EXPORTER_LLM_TIMEOUT must be a number of seconds" in stderr
    assert "Traceback" not in stderr


def test_leftovers_of_a_killed_build_are_removed_by_the_next(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    stale = out / f".brest.{dead.stdout.strip()}-x1y2.partial"
    (stale / "sub").mkdir(parents=True)
    (stale / "sub" / "half.mp3").write_bytes(b"ID3")
    part = out / ".index.html.abc.part"
    part.write_text("half", encoding="utf-8")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as alive:
        in_use = out / f".autre.{alive.pid}-z9.partial"
        in_use.mkdir()
        old = time.time() - 3600
        for path in (stale, part, in_use):
            os.utime(path, (old, old))
        source = str(_article(tmp_path / "brest.txt"))
        code, _, stderr = _cli("build", source, "--out", str(out), "--engine", "fake")
        alive.kill()
    assert code == ExitStatus.SUCCESS, stderr
    assert not stale.exists() and not part.exists()
    assert _leftovers(out) == [in_use]  # another run, still alive, is writing there


def test_a_text_too_long_to_narrate_is_refused_before_synthesis(
    tmp_path: Path, guarded: Path, fake_engine: FakeEngine
) -> None:
    source = tmp_path / "long.txt"
    paragraph = BODY.split("\n")[0]
    count = MAX_NARRATED_CHARS // len(paragraph) + 2
    source.write_text("Un très long article\n" + "\n".join([paragraph] * count), encoding="utf-8")
    code, _, stderr = _build(guarded, str(source), "--formats", "mp3,summary")
    assert code == ExitStatus.INPUT_ERROR
    assert f"above the narration limit of {MAX_NARRATED_CHARS:,}" in stderr
    assert "--formats epub-text,summary" in stderr
    assert fake_engine.calls == []
    assert not (guarded / "long").exists()


def test_a_silent_gtts_server_costs_one_deadline_not_one_per_sentence() -> None:
    with FakeGttsServer(sine_mp3(0.2)) as server:
        server.default = Reply.hang()
        engine = GttsEngine(
            base_url=server.url,
            timeout=0.3,
            deadline=1.0,
            retry=RetryPolicy(attempts=10, base_delay=0.01),
            sleep=lambda _seconds: None,
        )
        started = time.monotonic()
        with pytest.raises(SynthesisError, match="no answer from"):
            engine.synthesize("Bonjour tout le monde.")
        assert time.monotonic() - started < 5  # the deadline, not 10 attempts of 0.3 s
        asked = len(server.requests)
        assert 1 <= asked < 10
        with pytest.raises(SynthesisError, match="not tried again"):
            engine.synthesize("Une autre phrase.")
        assert len(server.requests) == asked  # failed at once, without a request


# --- Item 6: exporter check on broken files -------------------------------------------


def test_check_reports_broken_files_as_failed_rows_and_goes_on(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    out = tmp_path / "build"
    source = _article(tmp_path / "bon.txt")
    code, _, stderr = _build(out, str(source), "--formats", "mp3,epub,transcript")
    assert code == ExitStatus.SUCCESS, stderr

    def variant(name: str) -> Path:
        folder = out / name
        shutil.copytree(out / "bon", folder)
        for path in list(folder.iterdir()):
            path.rename(folder / f"{name}{path.suffix}")
        return folder / f"{name}.epub"

    truncated = variant("tronque")
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    with zipfile.ZipFile(out / "bon" / "bon.epub") as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    smil = next(name for name in members if name.endswith(".smil") and "section" in name)
    nav = next(name for name in members if name.endswith("nav.xhtml"))
    broken = {
        "sansconteneur": {"META-INF/container.xml": None},
        "horloge": {smil: members[smil].replace(b'clipBegin="', b'clipBegin="abc')},
        "entite": {nav: members[nav].replace(b"<body", b"<body>&inconnue;<div", 1)},
    }
    for name, change in broken.items():
        epub = variant(name)
        with zipfile.ZipFile(epub, "w") as archive:
            for member, data in members.items():
                new = change.get(member, data)
                if new is not None:
                    archive.writestr(member, new)
    code, stdout, stderr = _cli("check", str(out), "--no-validators")
    assert code == ExitStatus.PARTIAL_FAILURE, stderr
    assert "Traceback" not in stderr
    rows = [line.split() for line in stdout.splitlines()]
    fails = {(row[0], row[1]) for row in rows if "FAIL" in row}
    assert ("tronque", "overlays") in fails and "BadZipFile" in stdout
    assert ("sansconteneur", "chapters") in fails and "container.xml" in stdout
    assert ("horloge", "overlays") in fails and "abc" in stdout
    assert ("entite", "chapters") in fails and "XMLSyntaxError" in stdout
    # The sound folder is checked in full, after and despite the broken ones.
    assert {row[1] for row in rows if row and row[0] == "bon" and "PASS" in row} >= {
        "decode",
        "chapters",
        "overlays",
    }
