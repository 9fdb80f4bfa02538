"""診療情報・健康診断情報 (JP_MEDICAL): a person's diagnoses, findings, prescriptions, checks.

Medical information is 要配慮個人情報, and it is recorded under labels: a 紹介状's 傷病名 and
既往歴, a patient list's 主病名 column, a health check's 血圧 and 判定 columns, a trial
register's 有害事象. The words 健康診断, 診療情報, 病歴 in a title, a lecture slide or a
regulation are not a record, so nothing here fires on a word alone — always a label that
starts a field, its separator, and a value of the right kind:

- descriptive labels (病名, 傷病名, 既往歴, 検査所見, アレルギー, 処方, 症状, 有害事象 …):
  any content, but not a particle-led sentence (``症状 が出た場合``) and not an empty
  template (``既往歴：有・無``). A bare 所見 is not among them: a teacher's or an
  auditor's 所見 is an opinion, not a finding on a body.
- measurements (血圧, 身長, 体重, BMI, 尿蛋白, 胸部X線, HbA1c, LDL-C …): a number
  (``122/95``, ``165.2``, ``5.8%``), a dipstick sign (``+``, ``(2+)``, ``-``) or a health
  verdict (``異常なし``, ``要精検（右上肺野）``).
- verdicts: 総合判定, 診断結果, 検査結果 … with a health value (要再検査, 要精検,
  要経過観察, 異常なし, 陰性); the generic 判定 and 結果 only with a referral (要…, 有所見):
  ``判定:要再検査`` is a health check, ``判定:合`` an exam result
  (`recognizers.jp.exam_result`), ``結果:正常`` may be an equipment inspection.
- 診療科 with a department (``診療科:整形外科``): being a patient of 精神科 is itself
  medical information.
- a clinical trial's arm (割付群, ``arm:B群``): being a trial subject is the record.

A 相談内容 such as ``前期は体調不良で欠席が続いた`` is not counted: it is a counselling
note, not a medical record, and the corpus labels count JP_MEDICAL only in hospital and
health-centre documents. A bare 検査結果 table whose values stand one per line after all
the headers (a flattened PDF) has no label next to a value and is not read here.
"""

from __future__ import annotations

from recognizers.base import JaPattern, JaPatternRecognizer, field

DESCRIPTIVE = (
    "病名",
    "主病名",
    "副病名",
    "傷病名",
    "診断名",
    "疾患名",
    "既往歴",
    "現病歴",
    "病歴",
    "家族歴",
    "手術歴",
    "治療歴",
    "主訴",
    "症状",
    "病状",
    "検査所見",
    "診察所見",
    "身体所見",
    "画像所見",
    "胸部所見",
    "アレルギー",
    "薬剤アレルギー",
    "食物アレルギー",
    "処方",
    "現在の処方",
    "処方内容",
    "処方薬",
    "内服薬",
    "服薬",
    "服薬状況",
    "投薬",
    "治療内容",
    "合併症",
    "副作用",
    "有害事象",
    "障害名",
    "adverse_event",
    "adverse_events",
    "diagnosis",
    "allergy",
    "allergies",
    "medication",
    "prescription",
    "symptoms",
    "medical_history",
)
MEASUREMENTS = (
    "血圧",
    "最高血圧",
    "最低血圧",
    "収縮期血圧",
    "拡張期血圧",
    "脈拍",
    "身長",
    "体重",
    "BMI",
    "体脂肪率",
    "腹囲",
    "視力",
    "聴力",
    "尿蛋白",
    "尿糖",
    "尿潜血",
    "胸部X線",
    "胸部エックス線",
    "心電図",
    "血糖",
    "空腹時血糖",
    "HbA1c",
    "LDL-C",
    "HDL-C",
    "LDLコレステロール",
    "HDLコレステロール",
    "中性脂肪",
    "Cre",
    "クレアチニン",
    "eGFR",
    "γ-GTP",
    "尿酸",
    "体温",
)
# Labels that hold a health verdict in a health check, but a verdict on anything elsewhere
# (an exam's 判定:合, an inspection's 結果:正常): only the unmistakable 要… verdicts count.
GENERIC_VERDICT_LABELS = ("判定", "判定結果", "結果")
HEALTH_VERDICT_LABELS = (
    "総合判定",
    "診断",
    "診断結果",
    "検査結果",
    "健診結果",
    "健康診断結果",
)
DEPARTMENT_LABELS = ("診療科", "受診科", "担当科", "診療科名")
ARM_LABELS = ("割付群", "割付", "割付け群", "割り付け群", "投与群", "arm")

REFERRAL = (
    r"(?:要精検|要精密検査|要再検査|要再検|要経過観察|要治療|要医療|要受診|要指導|治療中|有所見)"
)
HEALTH_VERDICT = (
    rf"(?:{REFERRAL}|異常なし|異常を認めず|異常認めず|所見なし|経過観察|陰性|陽性|正常|軽度異常)"
)
NUMBER = (
    r"[0-9]{1,3}(?:\.[0-9]{1,2})?(?:/[0-9]{2,3})?(?![0-9])"
    r"(?:[ ]?(?:mmHg|mg/dL|g/dL|mL/min|kg/m2|cm|kg|%|/分|℃))?"
)
SIGN = r"(?:\([0-9]?[+±-]{1,3}\)|[0-9]?[+±-]{1,3}(?![0-9]))"
# A threshold is not a measurement: "身長 170 cm 以上の者".
MEASURED = (
    rf"(?:{HEALTH_VERDICT}[^\r\n]{{0,20}}|(?>{NUMBER})(?![ ]?(?:以上|以下|未満|超|を))|{SIGN})"
)
# Content: starts like a value (not a particle, not a template's 有・無 or □).
# A topic, not a record: "アレルギー 対応マニュアル", "症状 に関する調査".
TOPIC = (
    r"(?![^\r\n]{0,60}?(?:について|に関する|に係る|一覧|マニュアル|手引|案内|説明会|研修"
    r"|調査|の件|お知らせ))"
)
CONTENT = (
    rf"(?![をがはにのとでもやへ])(?!有[ ・/]*無|あり[ ・/]*なし|□){TOPIC}"
    r"[\p{Han}\p{Hiragana}\p{Katakana}A-Za-z0-9(][^\r\n]{1,58}(?<=\S)"
)
DEPARTMENT = r"[\p{Han}\p{Katakana}ー・]{0,12}科(?![\p{Han}\p{Hiragana}])"
ARM = r"[A-Za-z0-9\p{Han}\p{Katakana}ー]{1,8}群"


class JpMedicalRecognizer(JaPatternRecognizer):
    ENTITY = "JP_MEDICAL"
    PATTERNS = (
        JaPattern("medical record", field(*DESCRIPTIVE) + rf"(?P<v>{CONTENT})", 0.85),
        JaPattern("measurement", field(*MEASUREMENTS) + rf"(?P<v>{MEASURED})", 0.85),
        JaPattern(
            "health verdict",
            field(*HEALTH_VERDICT_LABELS) + rf"(?P<v>{HEALTH_VERDICT}[^\r\n]{{0,20}})",
            0.85,
        ),
        JaPattern(
            "referral", field(*GENERIC_VERDICT_LABELS) + rf"(?P<v>{REFERRAL}[^\r\n]{{0,20}})", 0.85
        ),
        JaPattern("department", field(*DEPARTMENT_LABELS) + rf"(?P<v>{DEPARTMENT})", 0.85),
        JaPattern("trial arm", field(*ARM_LABELS) + rf"(?P<v>{ARM})", 0.85),
    )
    CONTEXT = ("診療", "患者", "健康診断", "健診", "検査", "病院", "治験")
