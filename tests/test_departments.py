from __future__ import annotations

from assistant.documents.departments import extract_departments, is_department_note


def test_lead_with_shared_responsibility():
    # "X牵头，Y、Z按职责分工负责": X leads, the others cooperate
    text = "推动汽车以旧换新。（市商务局牵头，市工信局、市公安局按职责分工负责）"
    assert extract_departments(text) == (("市商务局",), ("市工信局", "市公安局"))


def test_labelled_lead_and_support():
    text = "（牵头单位：市工信局、市能源局；配合单位：市市场监管局、市数据局）"
    assert extract_departments(text) == (("市工信局", "市能源局"), ("市市场监管局", "市数据局"))


def test_joint_responsibility_without_lead_counts_as_responsible():
    assert extract_departments("（市发改委、市工信局等按职责分工负责）") == (("市发改委", "市工信局"), ())


def test_names_with_he_are_not_split():
    text = "（牵头单位：市商务局；配合单位：市规划和自然资源局、市供销社）"
    assert extract_departments(text)[1] == ("市规划和自然资源局", "市供销社")


def test_figures_in_parentheses_are_not_departments():
    assert extract_departments("智能制造工厂（5G）不少于300家。") == ((), ())


def test_department_note_paragraph():
    assert is_department_note("（牵头单位：市交通局；配合单位：市公安局）")
    assert not is_department_note("鼓励淘汰老旧车辆。（市交通局牵头负责）")


def test_a_note_broken_across_lines_gives_clean_names():
    text = "（牵头单位：市工业和\n信息化局；配合单位：市发展\n改革委）"
    assert extract_departments(text) == (("市工业和信息化局",), ("市发展改革委",))
