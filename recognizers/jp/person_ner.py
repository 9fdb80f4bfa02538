"""PERSON from GiNZA's neural NER — deep mode only (``piiscan scan --deep``).

Names in running prose with no label, no space and no honorific (山田太郎は東京に住む)
escape the cheap signals of `person.py`. GiNZA's NER finds many of them, at a few KB
of text per second, so the default mode does not run it: its NLP artifacts carry no
entities and this recognizer returns nothing. In deep mode the NER's ``Person`` spans
arrive here mapped to PERSON; they are kept only when Sudachi also sees a name token
in them, because the NER tags some e-mail addresses and phone numbers as Person.
"""

from __future__ import annotations

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.base import LANGUAGE
from recognizers.jp.person import has_name_token

SCORE = 0.7


class JpGinzaPersonRecognizer(LocalRecognizer):
    """Turns GiNZA ``Person`` entities into PERSON results, after a dictionary check."""

    DEEP_ONLY = True  # reads the NER's entities, which only deep mode computes

    def __init__(self) -> None:
        super().__init__(
            supported_entities=["PERSON"],
            supported_language=LANGUAGE,
            name=type(self).__name__,
        )

    def load(self) -> None:
        pass

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        if nlp_artifacts is None:
            return []
        results = []
        for ent in nlp_artifacts.entities:
            if ent.label_ != "PERSON" or not has_name_token(ent.text):
                continue
            results.append(
                RecognizerResult(
                    entity_type="PERSON",
                    start=ent.start_char,
                    end=ent.end_char,
                    score=SCORE,
                    analysis_explanation=AnalysisExplanation(
                        recognizer=type(self).__name__,
                        original_score=SCORE,
                        textual_explanation="GiNZA NER (deep mode)",
                    ),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results
