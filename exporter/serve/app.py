"""The web application: library, article pages with read-along, submissions, feeds.

Routes (French paths, for the people who read them in the address bar):

    /                          the library (?q= search words, ?page=)
    /articles/{slug}           one article: text, player, read-along, summary, downloads
    /articles/{slug}/chapters.json   Podcasting 2.0 chapters of its narration
    /files/{slug}/{file}       a built file (only those the manifest lists), with ranges
    /soumettre                 the submission form (GET) and its handler (POST)
    /travaux/{id}  (.json)     a submission's progress and result
    /connexion                 the login form when --token is set
    /opds.xml, /podcast.xml    the OPDS catalog and the podcast feed
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from exporter.batch.library import size_text
from exporter.errors import InputError
from exporter.serve.article import article_view, chapters_json
from exporter.serve.feeds import OPDS_ACQUISITION, RSS_TYPE, opds_catalog, podcast_feed
from exporter.serve.index import LibraryIndex
from exporter.serve.jobs import SUBMISSION_EXTENSIONS, Job, JobQueue, QueueFullError
from exporter.serve.rendering import (
    FORMAT_LABELS,
    INLINE_SUFFIXES,
    MEDIA_TYPES,
    download_name,
    environment,
    local_path,
)
from exporter.serve.security import (
    AUTH_COOKIE,
    CSRF_FIELD,
    FILE_CSP,
    SESSION_COOKIE,
    BodyLimit,
    BodyTooLarge,
    Guard,
    SecurityHeaders,
)

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
PER_PAGE = 20
FEED_PAGE = 50
PODCAST_ITEMS = 300


@dataclass(frozen=True, kw_only=True, slots=True)
class AppSettings:
    build_dir: Path
    queue: JobQueue | None
    #: Formats a submission may ask for (in page order), and those ticked by default.
    formats: tuple[str, ...]
    default_formats: tuple[str, ...] = ()
    token: str | None = None
    max_upload_bytes: int = 2_000_000
    #: False: the library is read-only (exposed beyond this machine without --token).
    submissions: bool = True


class WebApp:
    """The routes, over one build folder, its index and (optionally) a job queue."""

    def __init__(self, settings: AppSettings) -> None:
        self.settings = settings
        self.out_dir = settings.build_dir.resolve()
        self.index = LibraryIndex(self.out_dir)
        self.guard = Guard(settings.token)
        self.templates = Jinja2Templates(env=environment())

    # -- helpers ------------------------------------------------------------------------

    def render(
        self, request: Request, name: str, context: dict[str, Any], status: int = 200
    ) -> Response:
        session = request.cookies.get(SESSION_COOKIE) or self.guard.new_session()
        page = {
            "request": request,
            "csrf_field": CSRF_FIELD,
            "csrf_token": self.guard.csrf_token(session),
            "submissions": self.settings.submissions,
            "opds_type": OPDS_ACQUISITION,
            "rss_type": RSS_TYPE,
            **context,
        }
        response = self.templates.TemplateResponse(request, name, page, status_code=status)
        if request.cookies.get(SESSION_COOKIE) != session:
            response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict")
        response.headers["cache-control"] = "no-store"
        return response

    def error_page(self, request: Request, status: int, title: str, message: str) -> Response:
        return self.render(
            request, "error.html", {"status": status, "title": title, "message": message}, status
        )

    def _csrf_ok(self, request: Request, form: Any) -> bool:
        return self.guard.csrf_ok(request.cookies.get(SESSION_COOKIE), form.get(CSRF_FIELD))

    # -- library and articles -----------------------------------------------------------

    async def library(self, request: Request) -> Response:
        query = request.query_params.get("q", "")[:200]
        try:
            page_number = int(request.query_params.get("page", "1"))
        except ValueError:
            page_number = 1
        page = self.index.page(query, page_number, PER_PAGE)

        def page_url(number: int) -> str:
            params = {key: value for key, value in (("q", query), ("page", number)) if value}
            return "/?" + urlencode(params) if params else "/"

        return self.render(
            request,
            "library.html",
            {"query": query, "page": page, "page_url": page_url, "per_page": PER_PAGE},
        )

    async def article(self, request: Request) -> Response:
        row = self.index.get(request.path_params["slug"])
        if row is None:
            raise HTTPException(404)
        view = article_view(self.out_dir, row)
        return self.render(
            request,
            "article.html",
            {"view": view, "download_name": lambda output: download_name(row.slug, output)},
        )

    async def chapters(self, request: Request) -> Response:
        row = self.index.get(request.path_params["slug"])
        if row is None:
            raise HTTPException(404)
        return JSONResponse(
            chapters_json(article_view(self.out_dir, row)),
            media_type="application/json+chapters",
        )

    async def file(self, request: Request) -> Response:
        slug, name = request.path_params["slug"], request.path_params["name"]
        row = self.index.get(slug)
        output = f"{slug}/{name}"
        # Only files the manifest lists are served: no path from the URL reaches the disk.
        if row is None or output not in row.outputs:
            raise HTTPException(404)
        path = self.out_dir / output
        if not path.is_file():
            raise HTTPException(404)
        suffix = path.suffix.lower()
        return FileResponse(
            path,
            media_type=MEDIA_TYPES.get(suffix, "application/octet-stream"),
            filename=download_name(slug, output),
            content_disposition_type="inline" if suffix in INLINE_SUFFIXES else "attachment",
            headers={"content-security-policy": FILE_CSP, "cache-control": "no-cache"},
        )

    # -- feeds ------------------------------------------------------------------------------

    def _url_for(self, request: Request) -> Any:
        base = str(request.base_url).rstrip("/")
        return lambda path: base + path

    async def opds(self, request: Request) -> Response:
        try:
            number = int(request.query_params.get("page", "1"))
        except ValueError:
            number = 1
        page = self.index.page("", number, FEED_PAGE)
        body = opds_catalog(
            self.out_dir, page.articles, self._url_for(request), page=page.page, pages=page.pages
        )
        return Response(body, media_type=OPDS_ACQUISITION)

    async def podcast(self, request: Request) -> Response:
        rows = self.index.newest(PODCAST_ITEMS)
        body = podcast_feed(self.out_dir, rows, self._url_for(request))
        return Response(body, media_type=f"{RSS_TYPE}; charset=utf-8")

    # -- submissions ------------------------------------------------------------------------

    def _submit_context(self, **extra: Any) -> dict[str, Any]:
        return {
            "formats": [(name, FORMAT_LABELS.get(name, name)) for name in self.settings.formats],
            "chosen": extra.pop("chosen", self.settings.default_formats or self.settings.formats),
            "extensions": ",".join(SUBMISSION_EXTENSIONS),
            "max_size": size_text(self.settings.max_upload_bytes),
            "error": "",
            "text": "",
            **extra,
        }

    def _gate(self, request: Request) -> Response | None:
        if not self.settings.submissions or self.settings.queue is None:
            return self.error_page(
                request,
                403,
                "Proposition fermée",
                "Ce serveur est en lecture seule : on ne peut pas y proposer d’article.",
            )
        if not self.guard.authorised(request):
            return RedirectResponse("/connexion?suite=" + quote(request.url.path), 303)
        return None

    async def submit_form(self, request: Request) -> Response:
        return self._gate(request) or self.render(request, "submit.html", self._submit_context())

    async def submit(self, request: Request) -> Response:
        gate = self._gate(request)
        if gate is not None:
            return gate
        queue = self.settings.queue
        assert queue is not None
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.settings.max_upload_bytes:
            raise BodyTooLarge
        try:
            form = await request.form(max_files=1, max_part_size=self.settings.max_upload_bytes)
        except MultiPartException as error:
            return self.error_page(request, 400, "Envoi illisible", str(error))
        # A bearer token is never sent by a browser on its own: no CSRF token needed then.
        if not self.guard.bearer(request) and not self._csrf_ok(request, form):
            return self.error_page(
                request,
                403,
                "Formulaire expiré",
                "Le formulaire n’est plus valable. Rechargez la page et envoyez-le de nouveau.",
            )
        chosen = tuple(str(value) for value in form.getlist("formats"))
        formats = tuple(name for name in self.settings.formats if name in chosen)
        upload = form.get("file")
        text = str(form.get("text") or "").strip()
        name, content = "", b""
        if isinstance(upload, UploadFile) and upload.filename:
            name, content = upload.filename, await upload.read()
        elif text:
            first_line = text.splitlines()[0][:80].replace("/", " ").replace("\\", " ")
            name, content = f"{first_line or 'article'}.txt", text.encode("utf-8")
        problem = ""
        if not formats:
            problem = "Choisissez au moins un format."
        elif not content:
            problem = "Choisissez un fichier ou collez le texte de l’article."
        if problem:
            return self.render(
                request,
                "submit.html",
                self._submit_context(error=problem, chosen=formats, text=text),
                400,
            )
        try:
            job = queue.submit(name, content, formats)
        except QueueFullError:
            return self.error_page(
                request,
                503,
                "File d’attente pleine",
                f"Trop d’articles sont déjà en cours de conversion ({queue.limit} au plus). "
                "Réessayez dans quelques minutes.",
            )
        except InputError as bad:
            return self.render(
                request,
                "submit.html",
                self._submit_context(
                    error=f"Ce fichier n’est pas accepté : {bad.hint or bad}",
                    chosen=formats,
                    text=text,
                ),
                415,
            )
        return RedirectResponse(f"/travaux/{job.id}", 303)

    def _job(self, request: Request) -> Job:
        queue = self.settings.queue
        job = queue.get(request.path_params["job"]) if queue is not None else None
        if job is None:
            raise HTTPException(404)
        return job

    async def job_page(self, request: Request) -> Response:
        return self.render(request, "job.html", {"job": self._job(request)})

    async def job_status(self, request: Request) -> Response:
        job = self._job(request)
        return JSONResponse(
            {
                "state": job.state.value,
                "stage": job.stage,
                "done": job.done,
                "total": job.total,
                "error": job.error,
                "hint": job.hint,
                "title": job.title,
                "url": f"/articles/{job.slug}" if job.state.value == "done" else "",
            },
            headers={"cache-control": "no-store"},
        )

    # -- login --------------------------------------------------------------------------------

    async def login_form(self, request: Request) -> Response:
        suite = request.query_params.get("suite", "/soumettre")
        return self.render(request, "login.html", {"suite": local_path(suite), "error": ""})

    async def login(self, request: Request) -> Response:
        form = await request.form()
        suite = local_path(str(form.get("suite") or "/soumettre"))
        if not self._csrf_ok(request, form):
            return self.error_page(request, 403, "Formulaire expiré", "Rechargez la page.")
        if not self.guard.token_ok(str(form.get("token") or "")):
            return self.render(
                request, "login.html", {"suite": suite, "error": "Ce jeton n’est pas le bon."}, 401
            )
        response = RedirectResponse(suite, 303)
        response.set_cookie(
            AUTH_COOKIE, self.guard.login_cookie(), httponly=True, samesite="strict"
        )
        return response

    # -- errors -------------------------------------------------------------------------------

    async def http_error(self, request: Request, error: Exception) -> Response:
        status = error.status_code if isinstance(error, HTTPException) else 500
        titles = {
            404: ("Page introuvable", "Cette adresse ne mène à aucune page de la bibliothèque."),
            405: ("Action impossible", "Cette adresse ne répond pas à cette action."),
        }
        title, message = titles.get(status, ("Erreur", "La demande n’a pas abouti."))
        return self.error_page(request, status, title, message)

    async def too_large(self, request: Request, error: Exception) -> Response:
        return self.error_page(
            request,
            413,
            "Fichier trop gros",
            f"L’envoi dépasse la taille permise ({size_text(self.settings.max_upload_bytes)}). "
            "Envoyez un fichier plus petit ou seulement le texte de l’article.",
        )


def create_app(settings: AppSettings) -> Starlette:
    web = WebApp(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        web.index.refresh()
        try:
            yield
        finally:
            web.index.close()

    routes = [
        Route("/", web.library),
        Route("/articles/{slug}", web.article),
        Route("/articles/{slug}/chapters.json", web.chapters),
        Route("/files/{slug}/{name:path}", web.file),
        Route("/soumettre", web.submit_form, methods=["GET"]),
        Route("/soumettre", web.submit, methods=["POST"]),
        Route("/travaux/{job}.json", web.job_status),
        Route("/travaux/{job}", web.job_page),
        Route("/connexion", web.login_form, methods=["GET"]),
        Route("/connexion", web.login, methods=["POST"]),
        Route("/opds.xml", web.opds),
        Route("/podcast.xml", web.podcast),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(BodyLimit, limit=settings.max_upload_bytes + 64_000),
        ],
        exception_handlers={HTTPException: web.http_error, BodyTooLarge: web.too_large},
        lifespan=lifespan,
    )
