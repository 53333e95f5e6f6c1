import pytest

from exporter.text.sentences import split_sentences

CASES = [
    ("M. Dupont est venu. Mme Durand aussi.", ["M. Dupont est venu.", "Mme Durand aussi."]),
    (
        "Il est né en 52 av. J.-C. à Rome. Puis il part.",
        ["Il est né en 52 av. J.-C. à Rome.", "Puis il part."],
    ),
    (
        "J. Chirac a parlé. Les chiffres : 3.5 et 4. Fin",
        ["J. Chirac a parlé.", "Les chiffres : 3.5 et 4.", "Fin"],
    ),
    (
        "Pommes, poires, etc. Il en veut. Et des noix, etc. mais pas trop.",
        ["Pommes, poires, etc.", "Il en veut.", "Et des noix, etc. mais pas trop."],
    ),
    ("« Quelle idée ? » demanda-t-il. Oui !", ["« Quelle idée ? » demanda-t-il.", "Oui !"]),
    ("Selon le Dr. House, ça va. Bien.", ["Selon le Dr. House, ça va.", "Bien."]),
    (
        "La NASA indiquait : « La capsule est en orbite ». C'est une première.",
        ["La NASA indiquait : « La capsule est en orbite ».", "C'est une première."],
    ),
    ("Rendez-vous au n° 5. Merci.", ["Rendez-vous au n° 5.", "Merci."]),
    ("Il a dit « non. » Puis il est parti.", ["Il a dit « non. »", "Puis il est parti."]),
    (
        "22 mai 2012. - Prévu pour samedi, le lancement a été reporté.",
        ["22 mai 2012.", "Prévu pour samedi, le lancement a été reporté."],
    ),
    ("Le G.I.E. Airbus. La S.N.C.F. est là.", ["Le G.I.E. Airbus.", "La S.N.C.F. est là."]),
    ("Vraiment ? Oui. Et alors… Rien.", ["Vraiment ?", "Oui.", "Et alors…", "Rien."]),
    ("Une phrase sans point final", ["Une phrase sans point final"]),
    ("", []),
    ("   \n ", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
