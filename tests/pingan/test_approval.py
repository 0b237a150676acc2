"""The five-step approval flow: order, owners, rejection with a reason, saving and exporting."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from salestrain.core import storage
from salestrain.core.i18n import language
from salestrain.core.report import to_markdown, to_xlsx
from salestrain.pingan import approval
from salestrain.pingan import content as pingan


def ready() -> approval.Proposal:
    return approval.Proposal(
        title="Bank managers sell health cover", product="health", channel="bank_manager",
        resources="Training and a 5 % commission", rationale="Savers ask about medical costs",
    )


def test_the_worked_example_is_approved_at_every_step():
    p = approval.example()
    assert p.status == "approved"
    assert [r.step for r in p.records] == [s.id for s in pingan.data().approval_steps]
    assert p.current_step is None
    assert len(p.timeline()) == 5
    assert p.product == "car" and p.channel == "life_agent"


def test_a_draft_saves_but_cannot_start():
    p = approval.Proposal(title="Half done", product="car")
    assert p.status == "draft"
    assert p.missing() == ["channel", "resources", "rationale"]
    with pytest.raises(approval.ApprovalError) as err:
        p.approve()
    assert err.value.code == "not_ready"
    assert "Selling channel" in str(err.value)


def test_the_channel_must_belong_to_another_company():
    p = ready()
    p.channel = "pc_sales"
    p.product = "car"
    assert p.status == "draft"
    assert any("not cross-selling" in msg for msg in p.problems())
    p.channel = "adviser"  # a group-wide channel is fine
    assert p.status == "ready"


def test_steps_go_in_order_and_record_owner_and_note():
    p = ready()
    assert p.current_step.id == "fit"
    first = p.approve(note="Simple enough")
    assert first.owner == "Integrated Development Department"  # the step's owning party
    p.approve(owner="Ping An Health (Zhao)")
    assert p.status == "in_progress"
    assert p.current_step.id == "review"
    assert [r.owner for r in p.records] == ["Integrated Development Department",
                                            "Ping An Health (Zhao)"]


def test_rejection_needs_a_reason_and_ends_the_flow():
    p = ready()
    p.approve()
    p.approve()
    p.approve()
    with pytest.raises(approval.ApprovalError) as err:
        p.reject("  ")
    assert err.value.code == "reason_required"
    p.reject("Commission exceeds the channel budget")
    assert p.status == "rejected"
    assert p.rejection.step == "budget"
    assert p.rejection.note == "Commission exceeds the channel budget"
    assert p.current_step is None
    with pytest.raises(approval.ApprovalError) as err:
        p.approve()
    assert err.value.code == "closed"
    decisions = [row[3] for row in p.timeline()]
    assert decisions == ["Approved", "Approved", "Approved", "Rejected", "Not reached"]


def test_undo_and_restart():
    p = ready()
    p.approve()
    p.reject("No fit")
    assert p.undo().decision == "rejected"
    assert p.status == "in_progress" and p.current_step.id == "offer"
    p.restart()
    assert p.records == [] and p.status == "ready"
    assert p.undo() is None


def test_unknown_values_are_field_errors():
    with pytest.raises(ValidationError, match="product: choose one"):
        approval.Proposal(product="rocket")
    with pytest.raises(ValidationError, match="channel: choose one"):
        approval.Proposal(channel="pigeon")
    with pytest.raises(approval.ApprovalError, match="approved or rejected"):
        ready().decide("maybe")  # type: ignore[arg-type]


def test_records_out_of_order_are_refused():
    data = ready().model_dump()
    data["records"] = [{"step": "budget", "decision": "approved", "owner": "x"}]
    with pytest.raises(ValidationError, match="out of order"):
        approval.Proposal.model_validate(data)
    data["records"] = [{"step": "fit", "decision": "rejected", "owner": "x", "note": "n"},
                       {"step": "offer", "decision": "approved", "owner": "y"}]
    with pytest.raises(ValidationError, match="out of order"):
        approval.Proposal.model_validate(data)


def test_save_and_load_round_trip(work_dir):
    p = ready()
    p.approve(note="ok")
    path = approval.save(p)
    assert path.name == "approval-bank-managers-sell-health-cover.json"
    assert approval.load(path) == p


def test_load_ignores_unknown_fields(work_dir):
    path = work_dir / "approval-old.json"
    data = {**ready().model_dump(), "colour": "blue"}
    data["records"] = [{"step": "fit", "decision": "approved", "owner": "A", "extra": 1}]
    storage.write(path, approval.KIND, data)
    assert approval.load(path).records[0].owner == "A"


def test_a_file_of_another_kind_is_refused(work_dir):
    work_dir.mkdir(parents=True)
    path = work_dir / "approval-x.json"
    path.write_text(json.dumps({"salestrain": "plan", "schema": 1, "data": {}}))
    with pytest.raises(storage.ForeignFileError):
        approval.load(path)


def test_report_escapes_trainee_text_and_exports(tmp_path):
    p = ready()
    p.title = "<b>=HYPERLINK(x)</b>"
    p.approve()
    report = p.to_report()
    md = to_markdown(report)
    assert "\\<b\\>" in md and "Product fit" in md and "Health insurance" in md
    from openpyxl import load_workbook

    wb = load_workbook(to_xlsx(report, tmp_path / "p.xlsx"))
    cells = [c.value for ws in wb for row in ws.iter_rows() for c in row if c.value]
    assert not any(str(v).startswith("=") for v in cells)


def test_labels_follow_the_course_language():
    p = approval.example("zh")
    assert p.title == "个险渠道销售车险"
    with language("zh"):
        assert p.timeline()[0][1] == "确定适合的产品"
        assert "审批流程" in to_markdown(p.to_report())


def test_the_timeline_marks_owners_that_are_the_course_reading():
    rows = approval.example().timeline()
    steps = pingan.data().approval_steps
    for row, step in zip(rows, steps, strict=True):
        assert row[2].endswith("(course's reading)") == (not step.owner_in_deck)
    assert [s.id for s in steps if not s.owner_in_deck] == ["fit", "review"]
    assert "（本课程的解读）" in approval.example("zh").timeline("zh")[0][2]
    # a decision taken without a name is recorded under the party's plain name
    p = ready()
    assert p.approve().owner == "Integrated Development Department"
