"""German original vs English translation, with and without an English pivot (MT)."""

from __future__ import annotations

import pytest

from workbench.align import align, refine_to_sentences
from workbench.errors import AlignmentError
from workbench.text import document_from_units

# Written for this test.
GERMAN = [
    "Die Hütte am Gletscher",
    "Im Sommer 1956 brach eine kleine Gruppe aus Zürich zur Monte-Rosa-Hütte auf. Der Weg "
    "führte über Zermatt und dauerte zwei lange Tage.",
    "Am ersten Abend regnete es stark, und die Bergführer rieten zur Geduld.",
    "Erst am 14. Juli klarte der Himmel auf. Um vier Uhr morgens verliessen wir die Hütte "
    "und stiegen im Licht der Stirnlampen über den Gletscher.",
    "Die Dufourspitze ist mit 4634 Metern der höchste Gipfel der Schweiz. Ihr Grat ist "
    "schmal, und an manchen Stellen mussten wir Stufen in das Eis schlagen.",
    "Gegen Mittag standen alle sieben Teilnehmer auf dem Gipfel. Die Sicht reichte vom "
    "Mont Blanc bis zum Matterhorn, und niemand sprach ein Wort.",
    "Der Abstieg war mühsam, denn der Schnee wurde weich. Zweimal brach ein Teilnehmer bis "
    "zur Hüfte ein, ohne sich jedoch zu verletzen.",
    "In der Hütte wartete der Wirt mit heisser Suppe und einer Flasche Wein aus dem Wallis.",
    "Noch heute erinnert ein Foto im Clubhaus des SAC an diesen Tag. Es zeigt sieben "
    "erschöpfte, aber glückliche Gesichter vor einem strahlend blauen Himmel.",
]

# Human-like translation: German paragraphs 2 and 3 merged, paragraph 6 left out.
ENGLISH = [
    "The hut on the glacier",
    "In the summer of 1956 a small party from Zurich set off for the Monte Rosa hut. The "
    "route went through Zermatt and took two long days.",
    "On the first evening it rained heavily and the guides counselled patience. Only on "
    "14 July did the sky clear. At four in the morning we left the hut and climbed across "
    "the glacier by the light of our head torches.",
    "At 4634 metres, the Dufourspitze is the highest summit in Switzerland. Its ridge is "
    "narrow, and in places we had to cut steps into the ice.",
    "Towards noon all seven members stood on the summit. The view stretched from Mont "
    "Blanc to the Matterhorn, and nobody said a word.",
    "Back at the hut the warden was waiting with hot soup and a bottle of wine from the Valais.",
    "A photograph in the SAC clubhouse still recalls that day. It shows seven exhausted "
    "but happy faces under a brilliant blue sky.",
]

# Machine-like English rendering of each German paragraph (parallel with GERMAN).
PIVOT = [
    "the hut at the glacier",
    "in summer 1956 broke a small group from zurich to the monte rosa hut up . the way "
    "led over zermatt and lasted two long days .",
    "on the first evening it rained strongly , and the mountain guides advised to patience .",
    "only on 14 july cleared the sky up . at four o'clock in the morning we left the hut "
    "and climbed in the light of the head lamps over the glacier .",
    "the dufourspitze is with 4634 metres the highest summit of switzerland . its ridge is "
    "narrow , and at some places we had to cut steps into the ice .",
    "towards noon stood all seven participants on the summit . the view reached from the "
    "mont blanc to the matterhorn , and nobody spoke a word .",
    "the descent was laborious , because the snow became soft . twice a participant broke "
    "in up to the hip , without however to injure himself .",
    "in the hut waited the landlord with hot soup and a bottle of wine from the valais .",
    "still today a photo in the clubhouse of the sac reminds of this day . it shows seven "
    "exhausted , but happy faces before a radiant blue sky .",
]

EXPECTED = [
    ((0,), (0,)),
    ((1,), (1,)),
    ((2, 3), (2,)),
    ((4,), (3,)),
    ((5,), (4,)),
    ((6,), ()),
    ((7,), (5,)),
    ((8,), (6,)),
]


@pytest.fixture()
def docs():
    de = document_from_units(GERMAN, name="huette.de.txt", language="de", split=True)
    en = document_from_units(ENGLISH, name="hut.en.txt", language="en", split=True)
    pivot = document_from_units(PIVOT, name="huette.mt.en.txt", language="en", split=True)
    return de, en, pivot


def _pairs(alignment):
    return [(b.original, b.translation) for b in alignment.beads]


def test_crosslingual_without_pivot_recovers_merge_and_drop(docs):
    de, en, _ = docs
    alignment = align(de, en)
    assert alignment.settings.mode_used == "crosslingual"
    assert _pairs(alignment) == EXPECTED


def test_crosslingual_with_pivot_recovers_merge_and_drop(docs):
    de, en, pivot = docs
    alignment = align(de, en, pivot=pivot)
    assert alignment.settings.mode_used == "pivot"
    assert alignment.settings.pivot_name == "huette.mt.en.txt"
    assert alignment.settings.pivot_sha256 == pivot.sha256
    assert _pairs(alignment) == EXPECTED
    extra = dict(alignment.settings.extra)
    assert float(extra["weight_similarity"]) > 0 and "skip_penalty" in extra
    matched = [b for b in alignment.beads if b.original and b.translation]
    assert all(b.score > 0.2 for b in matched)


def test_pivot_with_wrong_unit_count_is_refused(docs):
    de, en, pivot = docs
    short = document_from_units(PIVOT[:-1], name="short.txt", language="en")
    with pytest.raises(AlignmentError, match="8 paragraphs but the original"):
        align(de, en, pivot=short)


def test_refine_to_sentences_aligns_inside_paragraph_groups(docs):
    de, en, pivot = docs
    sentences = refine_to_sentences(align(de, en, pivot=pivot), pivot=pivot)
    assert sentences.level == "sentence"
    pairs = _pairs(sentences)
    # every sentence of both documents appears exactly once, in order
    assert sorted(i for o, _ in pairs for i in o) == list(range(len(de.sentences)))
    assert sorted(j for _, t in pairs for j in t) == list(range(len(en.sentences)))
    # the merged paragraph group: three German sentences, three English ones, 1:1 each
    ids = [sentences.unit_ids(b) for b in sentences.beads]
    assert (("P3.S1",), ("P3.S1",)) in ids
    assert (("P4.S1",), ("P3.S2",)) in ids
    assert (("P4.S2",), ("P3.S3",)) in ids
    # the dropped paragraph's two sentences become 1:0 beads
    assert (("P7.S1",), ()) in ids and (("P7.S2",), ()) in ids
