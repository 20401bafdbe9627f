"""`python -m assistant measures`: the measures stored with the index, read without loading the model."""

from __future__ import annotations

import json

from tests.cli_helpers import one_error_line, run, use_fake_model

NOTICE = (
    "丙市汽车消费补贴实施细则\n"
    "一、补贴对象\n在本市购买新能源汽车的个人消费者。\n"
    "二、补贴标准\n对购买售价8万元（含）至15万元（不含）的新能源汽车，每辆补贴3000元；"
    "售价15万元（含）以上的，每辆补贴5000元。每人限购1辆。\n"
    "三、活动时间\n活动时间：2026年3月1日至2026年6月30日。\n"
    "四、咨询电话\n如有问题可拨打：0512-12345678。\n"
)


def build(tmp_path, monkeypatch, capsys):
    use_fake_model(monkeypatch)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bing.txt").write_text(NOTICE, encoding="utf-8")
    (corpus / "manifest.json").write_text(
        json.dumps({"documents": [{"doc_id": "bing", "file": "bing.txt", "title": "丙市汽车消费补贴实施细则",
                                   "city": "苏州", "province": "江苏"}]}, ensure_ascii=False),
        encoding="utf-8",
    )  # fmt: skip
    index = tmp_path / "index"
    code, _, err = run(capsys, "index", "--corpus", corpus, "--index", index)
    assert code == 0, err
    return index


def no_model(monkeypatch) -> None:
    def refuse(name=None):
        raise AssertionError("the embedding model was loaded")

    monkeypatch.setattr("assistant.model.embedding.load_encoder", refuse)


def test_measures_are_read_without_loading_the_model(tmp_path, monkeypatch, capsys):
    index = build(tmp_path, monkeypatch, capsys)
    no_model(monkeypatch)
    code, out, _ = run(capsys, "measures", "--index", index, "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    tiered = next(r for r in rows if "每辆补贴3000元" in r["amount"])
    assert code == 0 and tiered["instrument"] == "补贴" and tiered["place"] == "苏州"
    assert tiered["window"] and "0512-12345678" in tiered["contact"]


def test_the_measures_csv_starts_with_a_byte_order_mark_and_filters_refuse_unknown_places(
    tmp_path, monkeypatch, capsys
):
    index = build(tmp_path, monkeypatch, capsys)
    no_model(monkeypatch)
    code, out, _ = run(capsys, "measures", "--index", index, "--csv", "--who", "个人")
    assert code == 0 and out.startswith("\ufeff地区,文件,对象") and "每辆补贴5000元" in out
    code, _, err = run(capsys, "measures", "--index", index, "--city", "深圳")
    assert code == 2 and "unknown city" in one_error_line(err)
