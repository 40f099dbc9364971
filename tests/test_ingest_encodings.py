"""Ingest: decoding with BOMs, UTF-8, and detected legacy encodings; no silent mojibake."""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import (
    EmptyDocumentError,
    EncodingError,
    UnsupportedFormatError,
    WorkbenchError,
)
from workbench.text import normalise, read_bytes

# Paragraph-length texts, as users bring them (short texts are genuinely ambiguous).
WESTERN = (
    "“It was the best of times,” she said — and she meant it. The café on the corner had "
    "reopened after the flood, and the owner’s daughter, a naïve but determined young woman, "
    "served crème brûlée to anyone who asked. Prices had risen to 5 € a slice; nobody minded.\n\n"
    "Later that evening the résumé arrived by post, folded twice, with a note: “See you soon…”"
)
FRENCH_LATIN1 = (
    "Le café était très agréable ; nous avons mangé une crème brûlée à côté de la fenêtre. "
    "Où est la gare ? Ça va très bien, merci beaucoup pour votre aide généreuse. L’été "
    "dernier, nous étions à Genève, près du lac, où la forêt rejoint les montagnes."
).replace("’", "'")
CHINESE_SIMPLIFIED = (
    "我们大约九年前创立了公司，因为我们相信通用人工智能是可能的，并且它有潜力成为人类历史上"
    "最具影响力的技术。我们希望找到构建它的方法，并确保它能广泛造福人类。\n\n"
    "那时候几乎没有人关心这件事。如果有人关心，大多也是因为他们认为我们不会成功。"
)
CHINESE_TRADITIONAL = (
    "我們大約九年前創立了公司，因為我們相信通用人工智慧是可能的，並且它有潛力成為人類歷史上"
    "最具影響力的技術。我們希望找到構建它的方法，並確保它能廣泛造福人類。\n\n"
    "那時候幾乎沒有人關心這件事。如果有人關心，大多也是因為他們認為我們不會成功。"
)
JAPANESE = (
    "私たちは約九年前に会社を設立しました。汎用人工知能は可能であり、人類の歴史の中で最も"
    "影響力のある技術になる可能性があると信じていたからです。\n\n"
    "当時、ほとんど誰もこのことを気にかけていませんでした。"
)
KOREAN = (
    "우리는 약 9년 전에 회사를 설립했습니다. 범용 인공지능이 가능하며 인류 역사상 가장 영향력 "
    "있는 기술이 될 잠재력이 있다고 믿었기 때문입니다.\n\n"
    "그때는 거의 아무도 관심을 갖지 않았습니다. 관심이 있었다면 대부분 우리가 성공할 수 "
    "없다고 생각했기 때문이었습니다."
)


@pytest.mark.parametrize(
    ("text", "codec", "reported"),
    [
        (WESTERN, "cp1252", "cp1252"),
        (FRENCH_LATIN1, "latin-1", "cp1252"),  # read as its superset cp1252, same text
        (CHINESE_SIMPLIFIED, "gb18030", "gb18030"),
        (CHINESE_SIMPLIFIED, "gbk", "gb18030"),
        (CHINESE_TRADITIONAL, "big5", "big5"),
        (JAPANESE, "shift_jis", "shift_jis"),
        (KOREAN, "euc_kr", "euc_kr"),
    ],
)
def test_legacy_encodings_are_detected(text, codec, reported):
    got = read_bytes(text.encode(codec), name="legacy.txt")
    assert got.encoding == reported
    assert got.text == text


@pytest.mark.parametrize(
    ("data", "reported"),
    [
        ("\ufeff" + WESTERN, "utf-8"),
        (WESTERN, "utf-8"),
        (CHINESE_SIMPLIFIED, "utf-8"),
    ],
)
def test_utf8_with_and_without_bom(data, reported):
    got = read_bytes(data.encode("utf-8"), name="u.txt")
    assert (got.encoding, got.text) == (reported, data.lstrip("\ufeff"))


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec):
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}.get(codec, "")
    got = read_bytes((bom + KOREAN).encode(codec), name="wide.txt")
    assert got.text == KOREAN
    assert got.encoding == ("utf-32" if codec == "utf-32" else "utf-16")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(codec):
    got = read_bytes(WESTERN.encode(codec), name="nobom.txt")
    assert (got.encoding, got.text) == (codec, WESTERN)


def test_broken_bom_says_so():
    with pytest.raises(EncodingError) as err:
        read_bytes(b"\xff\xfeA\x00\x00\xd8", name="bad16.txt")  # lone surrogate
    assert "UTF-16 byte-order mark" in str(err.value)


def test_mostly_utf8_with_bad_bytes_is_refused_not_guessed():
    data = ("Ceci est un texte en français, déjà révisé. " * 5).encode() + b"Caf\xe9."
    with pytest.raises(EncodingError) as err:
        read_bytes(data, name="mixed.txt")
    message = str(err.value)
    assert "mostly UTF-8" in message
    assert "1 invalid byte sequence" in message
    assert f"byte {data.index(b'Caf') + 3}" in message


def test_random_bytes_are_not_decoded_into_mojibake():
    rng = random.Random(7)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    with pytest.raises(EncodingError) as err:
        read_bytes(data, name="noise.txt")
    assert "Cannot tell the text encoding of “noise.txt”" in str(err.value)
    assert "UTF-8" in str(err.value)


def test_compressed_data_without_magic_is_refused():
    import zlib

    data = zlib.compress(os.urandom(2000))[2:]  # strip the header: no magic left
    with pytest.raises((EncodingError, UnsupportedFormatError)):
        read_bytes(data, name="blob.txt")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["x.txt", "x.md", "x.html", "x.docx", "x"]))
def test_any_bytes_give_text_or_a_typed_error(data, name):
    try:
        got = read_bytes(data, name=name)
    except WorkbenchError as exc:
        assert name in exc.message
        return
    assert got.text.strip()
    assert "\r" not in got.text and "\x00" not in got.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_utf8_text_reads_back_as_its_normalised_self(text):
    try:
        got = read_bytes(text.encode("utf-8"), name="t.txt")
    except EmptyDocumentError:
        assert not normalise(text).strip()
        return
    assert (got.encoding, got.text) == ("utf-8", normalise(text))


ENGLISH_APOSTROPHES = (
    "The company’s results were strong this year, and the board was pleased with the "
    "progress made across every division of the business. Nobody’s plans changed; the "
    "team’s work went on as before, and the shareholders’ meeting was short."
)


@pytest.mark.parametrize(
    ("text", "codec", "reported"),
    [
        # mostly ASCII with a few curly apostrophes: cp1250/cp775 fit as well, cp1252 wins
        (ENGLISH_APOSTROPHES, "cp1252", "cp1252"),
        (
            "El niño comió una manzana en la mañana. ¿Dónde está la estación? Él respondió: "
            "«Aquí, señor», y se fue caminando por la calle mayor hasta la plaza.",
            "cp1252",
            "cp1252",
        ),
        (
            "Die Größe des Hauses überraschte uns alle, denn wir hatten nicht erwartet, dass es "
            "so schön sein würde. Später gingen wir am Fluss spazieren.",
            "latin-1",
            "cp1252",
        ),
        (
            "Příliš žluťoučký kůň úpěl ďábelské ódy. Většina lidí v České republice mluví "
            "česky a žije ve městech, kde je mnoho historických památek.",
            "cp1250",
            "cp1250",
        ),
        (
            "Привет, как дела? Всё хорошо, спасибо. Это текст на русском языке, достаточно "
            "длинный для определения кодировки файла.",
            "cp1251",
            "cp1251",
        ),
        (
            "Это текст на русском языке в кодировке KOI8-R, достаточно длинный для определения "
            "кодировки файла.",
            "koi8-r",
            "koi8-r",
        ),
    ],
)
def test_more_single_byte_encodings(text, codec, reported):
    got = read_bytes(text.encode(codec), name="sb.txt")
    assert (got.encoding, got.text) == (reported, text)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (
            "Zażółć gęślą jaźń. Większość ludzi w Polsce mówi po polsku i mieszka w miastach, "
            "gdzie jest wiele zabytków.",
            "iso8859-2",
        ),
        ("Ελληνικά κείμενα είναι εδώ και μιλάμε για πολλά πράγματα στην ιστορία.", "iso8859-7"),
    ],
)
def test_uncertain_detection_gives_right_text_or_an_error_never_mojibake(text, codec):
    try:
        got = read_bytes(text.encode(codec), name="maybe.txt")
    except EncodingError as exc:
        assert "Re-save it as UTF-8" in exc.message
        return
    assert got.text == text
