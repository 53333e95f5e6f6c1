"""Long sentences cut into clause-sized pieces for Kokoro (pure functions on phonemes)."""

from __future__ import annotations

from exporter.narration.engines.kokoro_pieces import pause_after, pieces

# espeak-ng's phonemes of a seed sentence (346 phonemes, three commas).
SEED = (
    "ɛl a ɑ̃n ˈutʁ dəmɑ̃dˈe a tˈu le pɛˈi dadeʁˈe a de pʁɛ̃sˈip kɔmˈœ̃ kɔ̃sistˈɑ̃ a ataʃˈe "
    "yn ɛ̃pɔʁtˈɑ̃s eɡˈal o devlɔpmˈɑ̃ e a la sekyʁitˈe, a kɔ̃stʁyˈiʁ œ̃ kɔ̃sɑ̃sˈys paʁ lə "
    "djalˈoɡ e la kɔopeʁasjˈɔ̃, a mˈɛtʁ ɑ̃ plˈas œ̃ mekanˈism də ɡuvɛʁnˈɑ̃s uvˈɛʁ, ʒˈyst e "
    "efikˈas e a pʁomuvwˈaʁ kɔ̃ʒwɛ̃tmˈɑ̃ œ̃ devlɔpmˈɑ̃ sˈɛ̃ e sˈyːʁ də lˈi a o nivˈo mɔ̃djˈal."
)


def test_a_short_sentence_stays_whole() -> None:
    assert pieces("la ʃˈin apˈɛl a la kɔopeʁasjˈɔ̃.", 200) == ["la ʃˈin apˈɛl a la kɔopeʁasjˈɔ̃."]


def test_a_long_sentence_is_cut_after_commas_into_pieces_within_the_limit() -> None:
    cut = pieces(SEED, 200)
    assert " ".join(cut) == SEED
    assert [len(piece) for piece in cut] == [197, 148]
    # Cut after "la coopération," (the second comma): 197 and 148 phonemes, the most even
    # two pieces whose cut follows a comma.
    assert cut[0].endswith("la kɔopeʁasjˈɔ̃,")
    assert cut[1].startswith("a mˈɛtʁ")


def test_pieces_are_as_few_and_as_even_as_the_commas_allow() -> None:
    sentence = "a a a a, b b b b, c c c c, d d d d."
    # Four clauses of 8 characters: filling pieces up to 30 would give three and one;
    # two pieces are needed either way, so two of two.
    assert pieces(sentence, 30) == ["a a a a, b b b b,", "c c c c, d d d d."]


def test_a_clause_too_long_is_cut_before_a_conjunction_nearest_its_middle() -> None:
    sentence = "il dˈi kə sə pʁɔʒˈɛ ɛ ɛ̃pɔʁtˈɑ̃ e kə lez ɛ̃vɛstisˈœʁ le sutjˈɛn"
    cut = pieces(sentence, 40)
    assert cut == ["il dˈi kə sə pʁɔʒˈɛ ɛ ɛ̃pɔʁtˈɑ̃", "e kə lez ɛ̃vɛstisˈœʁ le sutjˈɛn"]


def test_a_clause_with_no_place_to_cut_stays_whole() -> None:
    sentence = "lə pʁezidˈɑ̃ dy kɔ̃sˈɛj mynisipˈal də la vˈil a pʁezɑ̃tˈe lə pʁɔʒˈɛ"
    assert pieces(sentence, 30) == [sentence]


def test_a_conjunction_inside_a_word_is_no_place_to_cut() -> None:
    # "ke" in "kepi" or "e" inside a longer word must not count: only whole words do.
    sentence = "lə kepˈi blˈɑ̃ dy ʒeneʁˈal ɛt œ̃ sˈɛ̃bɔl dy paʁtimˈɑ̃"
    assert pieces(sentence, 20) == [sentence]


def test_the_pause_follows_the_punctuation_the_piece_ends_with() -> None:
    comma, conjunction = pause_after("la kɔopeʁasjˈɔ̃,"), pause_after("ɛ̃pɔʁtˈɑ̃")
    assert 0.2 <= comma <= 0.4  # Kokoro's own pause at a comma, mid-sentence
    assert conjunction < comma


def test_nothing_gives_no_pieces() -> None:
    assert pieces("", 200) == []
