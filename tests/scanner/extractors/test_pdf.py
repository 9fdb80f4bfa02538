"""PdfExtractor: Japanese text layer, encryption and damaged files."""

from __future__ import annotations

import pytest
from _doc_util import all_text, assert_content_free, ctx, encrypt_pdf, make_pdf, texts

from scanner.errors import EncryptedError, ExtractionError
from scanner.extractors import extractor_for
from scanner.extractors.pdf import PdfExtractor
from scanner.filetype import detect

PAGE1 = ["2024年度 履修者名簿", "氏名 山田太郎 学籍番号 A1234567"]
PAGE2 = ["口座番号 普通 1234567"]


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return make_pdf([PAGE1, PAGE2])


def test_registered_for_what_libmagic_reports(pdf: bytes) -> None:
    assert detect(pdf) == "application/pdf"
    assert isinstance(extractor_for(detect(pdf)), PdfExtractor)


def test_japanese_text_page_by_page(pdf: bytes) -> None:
    result = PdfExtractor().extract(pdf, ctx())
    assert [b.where for b in texts(result)] == ["page 1", "page 2"]
    first, second = texts(result)
    assert "氏名 山田太郎" in first.text and "A1234567" in first.text
    assert "口座番号" in second.text and "1234567" in second.text
    assert result.encrypted is False
    assert result.notes == []


def test_page_without_text_is_skipped_and_image_only_pdf_noted() -> None:
    result = PdfExtractor().extract(make_pdf([[], ["氏名 山田太郎"]]), ctx())
    assert [b.where for b in texts(result)] == ["page 2"]
    scanned = PdfExtractor().extract(make_pdf([[]]), ctx())
    assert scanned.blocks == []
    assert any("no text layer" in note for note in scanned.notes)


def test_text_is_capped_at_the_limit(pdf: bytes) -> None:
    result = PdfExtractor().extract(pdf, ctx(max_text_chars=10))
    assert sum(len(b.text) for b in texts(result)) == 10
    assert any("truncated" in note for note in result.notes)


@pytest.mark.parametrize("algorithm", ["AES-256", "AES-128", "RC4-128"])
class TestEncryption:
    def test_no_password_raises_encrypted(self, pdf: bytes, algorithm: str) -> None:
        locked = encrypt_pdf(pdf, "himitsu", "owner-pw", algorithm)
        with pytest.raises(EncryptedError):
            PdfExtractor().extract(locked, ctx())
        with pytest.raises(EncryptedError):
            PdfExtractor().extract(locked, ctx(passwords=("wrong", "")))

    @pytest.mark.parametrize("password", ["himitsu", "owner-pw"])
    def test_right_password_opens_it(self, pdf: bytes, algorithm: str, password: str) -> None:
        locked = encrypt_pdf(pdf, "himitsu", "owner-pw", algorithm)
        result = PdfExtractor().extract(locked, ctx(passwords=("wrong", password)))
        assert result.encrypted is True
        assert "山田太郎" in all_text(result)

    def test_empty_user_password_counts_as_not_encrypted(self, pdf: bytes, algorithm: str) -> None:
        restricted = encrypt_pdf(pdf, "", "owner-pw", algorithm)
        result = PdfExtractor().extract(restricted, ctx())
        assert result.encrypted is False
        assert "氏名 山田太郎" in all_text(result)


@pytest.mark.parametrize("cut", [8, 100, 0.5, 0.9, -40])
def test_truncated_pdf_is_an_extraction_error(pdf: bytes, cut: float) -> None:
    end = int(len(pdf) * cut) if isinstance(cut, float) else cut
    with pytest.raises(ExtractionError) as err:
        PdfExtractor().extract(pdf[:end], ctx())
    assert_content_free(str(err.value), "山田")


def test_garbage_after_header_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError):
        PdfExtractor().extract(b"%PDF-1.7\n" + bytes(range(256)) * 50, ctx())


def _raw_pdf(objects: list[bytes]) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


@pytest.mark.parametrize(
    "page",
    [
        # a page dictionary holding an array nested 50,000 deep (recursion bomb)
        b"<< /Type /Page /Parent 2 0 R /X " + b"[" * 50_000 + b"]" * 50_000 + b" >>",
        # a page tree whose only kid is itself (cycle)
        b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
    ],
)
def test_pathological_structure_is_an_extraction_error(page: bytes) -> None:
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    with pytest.raises(ExtractionError):
        PdfExtractor().extract(_raw_pdf([catalog, pages, page]), ctx())
