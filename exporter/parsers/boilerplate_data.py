"""Data: the lines French news sites put inside an article's body that are not the article.

Extractors such as trafilatura remove menus, banners, share bars and comments, but keep
the short promotional lines that sit between two paragraphs of the text ("Lire aussi",
"Publicité"...). A paragraph that starts with one of these labels is dropped; a paragraph
that is exactly one of the standalone labels is dropped too. Compared case-insensitively,
after white space and a trailing colon are removed.
"""

from __future__ import annotations

#: A paragraph starting with one of these is a link to another article or an ad slot.
PROMOTION_PREFIXES: tuple[str, ...] = (
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "lire également",
    "à lire également",
    "lire la suite",
    "voir aussi",
    "à voir aussi",
    "à voir également",
    "à découvrir aussi",
    "à écouter aussi",
    "retrouvez aussi",
    "sur le même sujet",
    "notre dossier",
    "publicité",
    "article réservé aux abonnés",
    "cet article est réservé aux abonnés",
    "abonnez-vous",
    "inscrivez-vous à notre newsletter",
    "suivez-nous sur",
    "vous souhaitez suivre l'actualité",
)

#: A paragraph made of nothing but one of these is a label, not text.
STANDALONE_LABELS: frozenset[str] = frozenset(
    {
        "publicité",
        "contenu sponsorisé",
        "partager",
        "partager l'article",
        "copier le lien",
        "imprimer",
        "réagir",
        "commentaires",
        "newsletter",
        "abonnez-vous",
        "s'abonner",
        "lire plus tard",
        "écouter cet article",
    }
)
