"""The approval flow keeps a trainee's proposal as the work toolbar promises (tests/core/
test_toolbar.py): one file per proposal for life, typed text saved when the field is left, the
worked example a separate piece, the latest proposal back after a restart, New, the Load list
by title and step, exports in work/exports."""

from __future__ import annotations

import json
import os

import pytest

from salestrain.core import storage
from salestrain.pingan import approval
from salestrain.pingan.widgets.approval_flow import ApprovalFlow

TITLE = "Bank managers sell the pension annuity"


def type_into(control, text: str) -> None:
    """Type `text` as the browser would: every prefix when the field syncs per keystroke, only
    the final value when it syncs on leaving the field."""
    steps = [text[:i] for i in range(1, len(text) + 1)] if control.continuous_update else [text]
    for value in steps:
        control.value = value


def files(folder) -> list[str]:
    return sorted(p.name for p in folder.glob("*.json"))


def own_proposal(flow: ApprovalFlow, title: str = TITLE) -> None:
    """From a blank proposal (New), type a proposal of one's own."""
    flow.toolbar.new_button.click()
    type_into(flow.title.control, title)
    flow.product.value = "pension"
    flow.channel.value = "bank_manager"
    type_into(flow.resources.control, "Training, certification and 3 % commission")
    type_into(flow.rationale.control, "Savers think about retirement income")


def test_text_fields_commit_on_leaving_the_field(work_dir):
    flow = ApprovalFlow()
    for field in (flow.title, flow.resources, flow.rationale):
        assert field.control.continuous_update is False


def test_typing_a_title_one_character_at_a_time_leaves_one_file(work_dir):
    flow = ApprovalFlow()
    flow.toolbar.new()
    type_into(flow.title.control, TITLE)
    assert files(work_dir) == ["approval-bank-managers-sell-the-pension-annuity.json"]
    # Even a field that synced every keystroke would keep writing the one file.
    flow.title.control.continuous_update = True
    type_into(flow.title.control, "Bank managers sell annuities")
    assert files(work_dir) == ["approval-bank-managers-sell-the-pension-annuity.json"]
    saved = storage.read(work_dir / files(work_dir)[0], "approval")
    assert saved["title"] == "Bank managers sell annuities"


def test_renaming_keeps_the_same_file(work_dir):
    flow = ApprovalFlow()
    own_proposal(flow)
    first = files(work_dir)
    type_into(flow.title.control, "Annuities through bank managers, 2014")
    assert files(work_dir) == first
    assert approval.load(work_dir / first[0]).title == "Annuities through bank managers, 2014"
    assert flow.toolbar.current == work_dir / first[0]


def test_a_draft_started_with_a_dropdown_keeps_its_file_when_titled(work_dir):
    flow = ApprovalFlow()
    flow.toolbar.new()
    flow.product.value = "pension"  # the first save: no title yet
    assert files(work_dir) == ["approval-untitled-proposal.json"]
    type_into(flow.title.control, TITLE)
    assert files(work_dir) == ["approval-untitled-proposal.json"]
    assert approval.load(work_dir / files(work_dir)[0]).title == TITLE


def test_decisions_save_to_the_same_file(work_dir):
    flow = ApprovalFlow()
    own_proposal(flow)
    flow.approve(owner="Li")
    flow.approve()
    flow.reject("Competes with the bank's deposits")
    flow.undo()
    assert files(work_dir) == ["approval-bank-managers-sell-the-pension-annuity.json"]
    assert len(approval.load(flow.toolbar.current).records) == 2


def test_a_refused_value_is_never_saved(work_dir):
    flow = ApprovalFlow()
    own_proposal(flow)
    before = flow.toolbar.current.read_bytes()
    flow._edited("product", "lottery")  # what no dropdown offers: the model refuses it
    assert "choose one of the group's products" in flow.product.error_text
    assert "choose one of the group&#x27;s products" in flow.product.error.value
    assert flow.proposal.product == "pension"
    assert flow.toolbar.current.read_bytes() == before


def test_without_saved_work_it_opens_the_example_as_a_separate_piece(work_dir):
    flow = ApprovalFlow()
    assert flow.title.value == "Life agents sell car insurance"
    assert "separate piece of work" in flow.toolbar.status.value
    assert flow.toolbar.current is None
    assert files(work_dir) == []  # nothing is written until the trainee changes something


def test_the_example_never_touches_the_trainees_proposal(work_dir):
    flow = ApprovalFlow()
    own_proposal(flow)
    mine = flow.toolbar.current
    before = mine.read_bytes()
    flow.toolbar.example_button.click()
    assert "separate piece of work" in flow.toolbar.status.value
    assert flow.title.value == "Life agents sell car insurance"
    type_into(flow.rationale.control, "Editing the example")
    flow.restart()
    assert mine.read_bytes() == before
    assert files(work_dir) == ["approval-bank-managers-sell-the-pension-annuity.json",
                               "approval-life-agents-sell-car-insurance.json"]
    example = approval.load(work_dir / "approval-life-agents-sell-car-insurance.json")
    assert example.rationale == "Editing the example" and example.records == []


def test_a_restart_reopens_the_latest_proposal(work_dir):
    flow = ApprovalFlow()
    own_proposal(flow, "Older proposal")
    own_proposal(flow, TITLE)
    flow.approve()
    older, latest = work_dir / "approval-older-proposal.json", flow.toolbar.current
    os.utime(older, (1_000_000_000, 1_000_000_000))
    restarted = ApprovalFlow()  # a new kernel, the same work folder
    assert restarted.toolbar.current == latest
    assert restarted.title.value == TITLE
    assert restarted.rationale.value == "Savers think about retirement income"
    assert len(restarted.proposal.records) == 1
    assert f"Continuing ‘{TITLE}’" in restarted.toolbar.status.value
    type_into(restarted.title.control, "Renamed after the restart")
    assert files(work_dir) == sorted([older.name, latest.name])


def test_new_starts_a_blank_proposal_with_its_own_file(work_dir):
    flow = ApprovalFlow()
    own_proposal(flow)
    flow.toolbar.new_button.click()
    assert flow.proposal == approval.Proposal()
    assert flow.title.value == "" and flow.product.value == ""
    assert "blank" in flow.toolbar.status.value
    type_into(flow.title.control, "Second proposal")
    assert files(work_dir) == ["approval-bank-managers-sell-the-pension-annuity.json",
                               "approval-second-proposal.json"]


def test_the_load_list_shows_title_and_step(work_dir):
    flow = ApprovalFlow()
    own_proposal(flow)
    flow.toolbar.refresh_choices()  # (autosave re-reads the list only when a file appears)
    labels = [label for label, _ in flow.toolbar.load_choice.options]
    assert len(labels) == 1
    assert labels[0].startswith(f"{TITLE} · saved ")
    assert labels[0].endswith("Step 1 of 5 · ready for step 1")
    flow.approve()
    flow.approve()
    restarted = ApprovalFlow()
    labels = [label for label, _ in restarted.toolbar.load_choice.options]
    assert len(labels) == 1 and labels[0].endswith("Step 3 of 5 · in review")
    zh = ApprovalFlow(lang="zh")
    assert zh.toolbar.load_choice.options[0][0].endswith("第3步（共5步）· 审批中")


@pytest.mark.parametrize(("decisions", "progress"), [
    ([], "Step 1 of 5 · draft"),
    (["approve"] * 5, "Step 5 of 5 · approved"),
    (["approve", "reject"], "Step 2 of 5 · rejected"),
])
def test_describe_gives_title_and_progress(decisions, progress):
    proposal = approval.example()
    proposal.restart()
    if not decisions:
        proposal.resources = ""
    for decision in decisions:
        if decision == "approve":
            proposal.approve()
        else:
            proposal.reject("too costly")
    data = proposal.model_dump(mode="json")
    assert approval.describe(data, "en") == ("Life agents sell car insurance", progress)
    assert approval.describe({}, "zh") == ("未命名方案", "第1步（共5步）· 草稿")


def test_the_approval_kind_is_registered_for_my_work(work_dir):
    kind = storage.KINDS["approval"]
    assert kind.label("en") == "Cross-sell proposal (approval flow)"
    assert kind.label("zh") == "交叉销售方案（审批流程）"
    flow = ApprovalFlow()
    own_proposal(flow)
    saved = storage.list_saved(work_dir, "approval")[0]
    assert storage.describe(saved, "en") == (TITLE, "Step 1 of 5 · ready for step 1")


def test_exports_go_to_the_exports_folder_with_a_link(work_dir):
    flow = ApprovalFlow()
    own_proposal(flow)
    for label in ("Word", "Excel", "Markdown"):
        flow.toolbar.export_buttons[label].click()
        assert flow.toolbar.last_export.parent == work_dir / "exports"
        assert flow.toolbar.last_export.stat().st_size > 0
        assert '<a href="' in flow.toolbar.status.value
    assert sorted(p.name for p in (work_dir / "exports").iterdir()) == [
        "approval-bank-managers-sell-the-pension-annuity.docx",
        "approval-bank-managers-sell-the-pension-annuity.md",
        "approval-bank-managers-sell-the-pension-annuity.xlsx"]
    assert files(work_dir) == ["approval-bank-managers-sell-the-pension-annuity.json"]


def test_unsaved_edits_are_kept_as_a_copy_before_the_example_opens(work_dir):
    flow = ApprovalFlow()
    own_proposal(flow)
    flow.toolbar.autosave = False
    type_into(flow.rationale.control, "Not saved yet")
    flow.toolbar.example_button.click()
    assert "unsaved-copy" in flow.toolbar.status.value
    copy = work_dir / "approval-bank-managers-sell-the-pension-annuity-unsaved-copy.json"
    assert approval.load(copy).rationale == "Not saved yet"


def test_an_unreadable_latest_proposal_is_reported_and_kept(work_dir):
    work_dir.mkdir(parents=True)
    bad = work_dir / "approval-bad.json"
    bad.write_text(json.dumps({"salestrain": "approval", "schema": 1,
                               "data": {"title": "Bad", "product": "lottery"}}))
    before = bad.read_bytes()
    flow = ApprovalFlow()
    assert "st-error" in flow.toolbar.status.value
    assert "product: choose one of the group&#x27;s products" in flow.toolbar.status.value
    assert "pydantic" not in flow.toolbar.status.value
    type_into(flow.title.control, "Fresh start")
    assert bad.read_bytes() == before
    assert files(work_dir) == ["approval-bad.json", "approval-fresh-start.json"]
