"""The corrections line's workflows (DOMAIN.md §5, §6), one table per record that moves through states: the
subject's correction, 调查评估, 外出, 电子定位, 考核奖惩, 失联, 卷宗评查 and 安置帮教. The detail pages' buttons,
the API and the history read them (core.workflow explains each column).

Who takes a step: corrections officers (access.WRITE_ROLES); what the law gives the county's corrections organ
(审批变更执行地, 解矫, 县级审批, 考核奖惩的决定和提请) only an officer of the county (`permitted=_county`); an
electronic tag only the bureau's head (access.APPROVER_ROLES at the county). The actions check the state against
the table (`LEAVE.check(leave, "withdraw")`, without the user, with the refusal declared here) and the role and
unit with their own precise refusals (access.ensure_county, ensure_head); `offered` only keeps a button off the
page while it cannot succeed.
"""

from sifa.core.workflow import Step, Workflow

from . import access
from .models import (
    SUBMITTED_KINDS,
    AbscondingStatus,
    ChangeStatus,
    InvestigationStatus,
    LeaveStatus,
    MonitorStatus,
    ReleaseStatus,
    ReviewStatus,
    SanctionStatus,
    SubjectStatus,
)

FORMS = "sifa.corrections.forms."
# A corrections officer (the detail pages let every reader in; a step needs the officer's role).
OFFICER = {"roles": access.WRITE_ROLES, "capability": "read_records"}
HEAD = {"roles": access.APPROVER_ROLES, "capability": "read_records"}


def _county(record, user) -> bool:
    return access.is_county_level(user)


def officer_step(name: str, title: str, sources, **kwargs) -> Step:
    return Step(name, title, sources, **OFFICER, **kwargs)


S = SubjectStatus
SUPERVISED = [S.ACTIVE, S.MISSING]
OPEN = [S.PENDING, S.ACTIVE, S.MISSING]

SUBJECT = Workflow(
    model="corrections.Subject", noun="社区矫正对象", states=S, list_url_name="corrections:subject_list",
    steps=[
        officer_step("residence_decide", "审批变更执行地", [S.ACTIVE], done="已审批。", form=FORMS + "ResidenceDecideForm",
                     permitted=_county, offered=lambda s: s.residence_changes.filter(
                         status=ChangeStatus.PENDING).exists()),
        officer_step("report_in", "报到接收", [S.PENDING], target=S.ACTIVE, done="已报到接收。",
                     form=FORMS + "ReportInForm"),
        officer_step("announce", "入矫宣告", [S.ACTIVE], done="已宣告。", form=FORMS + "AnnounceForm",
                     offered=lambda s: not s.announced_on, document="社区矫正宣告书"),
        officer_step("report", "登记定期报告", [S.ACTIVE], done="定期报告已登记。", form=FORMS + "ReportForm"),
        officer_step("visit", "登记走访", SUPERVISED, done="走访已登记。", form=FORMS + "VisitForm"),
        officer_step("education", "登记教育学习、公益活动", [S.ACTIVE], done="已登记。", form=FORMS + "EducationForm"),
        officer_step("check", "登记信息化核查", SUPERVISED, done="信息化核查已登记。", form=FORMS + "CheckForm"),
        officer_step("leave", "外出请假申请", [S.ACTIVE], done="外出申请已登记，待审批。", form=FORMS + "LeaveForm"),
        officer_step("team", "确定矫正小组", [S.ACTIVE], done="矫正小组已确定。", form=FORMS + "TeamForm"),
        officer_step("plan", "制定矫正方案", [S.ACTIVE], done="矫正方案已保存。", form=FORMS + "PlanForm"),
        officer_step("assign", "确定责任人和网格", [S.ACTIVE], done="已确定责任人和网格。", form=FORMS + "AssignForm"),
        officer_step("classify", "调整管理类别", [S.ACTIVE], done="管理类别已调整。", form=FORMS + "ClassifyForm"),
        officer_step("sanction", "提出考核奖惩", SUPERVISED, done="已提出，待县级决定。", form=FORMS + "SanctionForm"),
        officer_step("monitor", "提出使用电子定位装置", SUPERVISED, done="已提出，待县级司法行政部门负责人批准。",
                     form=FORMS + "MonitorProposeForm"),
        officer_step("missing", "登记失联", [S.ACTIVE], target=S.MISSING, done="已登记失联，请立即组织查找。",
                     form=FORMS + "MissingForm"),
        officer_step("residence", "变更执行地申请", [S.ACTIVE], done="变更执行地申请已登记，待县级审批。",
                     form=FORMS + "ResidenceForm"),
        officer_step("reoffence", "登记再犯罪", SUPERVISED, done="已登记再犯罪。", form=FORMS + "ReoffenceForm"),
        officer_step("review", "卷宗评查", list(S), done="评查结果已登记。", form=FORMS + "FileReviewForm"),
        officer_step("edit", "修改基本信息", [S.PENDING, S.ACTIVE], done="已修改。", form=FORMS + "EditSubjectForm"),
        officer_step("discharge", "解矫宣告（终止）", OPEN, target=[S.DISCHARGED, S.REVOKED, S.DECEASED, S.TRANSFERRED],
                     done="已办理。", form=FORMS + "DischargeForm", permitted=_county, document="解除社区矫正证明书"),
    ],
)

INVESTIGATION = Workflow(
    model="corrections.Investigation", noun="调查评估", states=InvestigationStatus,
    list_url_name="corrections:investigation_list",
    steps=[officer_step("complete", "出具评估意见", [InvestigationStatus.OPEN], target=InvestigationStatus.DONE,
                        done="评估意见已登记。", form=FORMS + "CompleteInvestigationForm", document="调查评估意见书",
                        refusal="该调查评估已出具意见。")],
)

L = LeaveStatus
LEAVE = Workflow(
    model="corrections.LeaveRequest", noun="外出申请", states=L, list_url_name="corrections:leave_list",
    steps=[
        # 外出 of more than seven days (or 经常性跨市、县活动) is reviewed by the 司法所 and decided by the county.
        officer_step("review", "司法所初审", [L.PENDING], target=L.REVIEWED, done="初审意见已登记。",
                     form=FORMS + "LeaveReviewForm", offered=lambda leave: leave.needs_county,
                     refusal="该申请当前状态为“{state}”，不能初审。"),
        officer_step("decide", "审批", [L.PENDING, L.REVIEWED], target=[L.APPROVED, L.REJECTED], done="已审批。",
                     form=FORMS + "LeaveDecideForm",
                     offered=lambda leave: leave.status == L.REVIEWED or not leave.needs_county,
                     permitted=lambda leave, user: leave.status != L.REVIEWED or access.is_county_level(user),
                     refusal="该申请当前状态为“{state}”，不能审批。"),
        officer_step("return", "销假", [L.APPROVED], target=L.RETURNED, done="已销假。", form=FORMS + "LeaveReturnForm",
                     refusal="该申请当前状态为“{state}”，不能销假。"),
        officer_step("withdraw", "撤回申请", [L.PENDING, L.REVIEWED, L.APPROVED], target=L.WITHDRAWN, done="已撤回。",
                     form=FORMS + "LeaveWithdrawForm", refusal="该申请当前状态为“{state}”，不能撤回。"),
    ],
)

M = MonitorStatus
MONITOR = Workflow(
    model="corrections.ElectronicMonitor", noun="电子定位", states=M, list_url_name="corrections:monitor_list",
    steps=[
        Step("approve", "负责人审批", [M.PROPOSED], target=[M.ACTIVE, M.REJECTED], done="已审批。",
             form=FORMS + "MonitorApproveForm", permitted=_county, refusal="该{noun}当前状态为“{state}”，不能审批。",
             **HEAD),
        Step("renew", "延长期限", [M.ACTIVE], done="已延长。", form=FORMS + "MonitorRenewForm", permitted=_county,
             refusal="只有使用中的电子定位才能延长。", **HEAD),
        officer_step("end", "解除", [M.ACTIVE], target=M.ENDED, done="已解除。", form=FORMS + "MonitorEndForm",
                     refusal="只有使用中的电子定位才能解除。"),
    ],
)

SANCTION = Workflow(
    model="corrections.RewardSanction", noun="考核奖惩", states=SanctionStatus, list_url_name="corrections:sanction_list",
    steps=[
        officer_step("decide", "县级决定（提请）", [SanctionStatus.PROPOSED],
                     target=[SanctionStatus.DECIDED, SanctionStatus.DECLINED, SanctionStatus.SUBMITTED], done="已办理。",
                     form=FORMS + "SanctionDecideForm", permitted=_county, refusal="该事项当前状态为“{state}”，不能决定。"),
        officer_step("ruling", "登记裁决结果", [SanctionStatus.SUBMITTED],
                     target=[SanctionStatus.UPHELD, SanctionStatus.DISMISSED], done="裁决结果已登记。",
                     form=FORMS + "RulingForm", permitted=_county, offered=lambda s: s.kind in SUBMITTED_KINDS,
                     refusal="只有已提请的事项才能登记裁决结果。"),
    ],
)

A = AbscondingStatus
ABSCONDING = Workflow(
    model="corrections.Absconding", noun="失联", states=A, list_url_name="corrections:absconding_list",
    steps=[
        officer_step("police", "提请公安机关协查（警矫联动）", [A.SEARCHING], done="已提请公安机关协查。",
                     form=FORMS + "PoliceForm", offered=lambda case: not case.police_requested_on,
                     refusal="对象已查找到，无需提请公安机关协查。"),
        officer_step("found", "登记查找到", [A.SEARCHING], target=A.FOUND, done="已登记查找到。", form=FORMS + "FoundForm",
                     refusal="该失联记录已登记查找到。"),
        officer_step("close", "办结", [A.FOUND], target=A.CLOSED, done="已办结。", form=FORMS + "CloseAbscondingForm",
                     refusal="查找到对象后才能办结失联记录。"),
    ],
)

FILE_REVIEW = Workflow(
    model="corrections.FileReview", noun="卷宗评查", states=ReviewStatus, list_url_name="corrections:review_list",
    steps=[officer_step("rectify", "登记整改", [ReviewStatus.RECTIFYING], target=ReviewStatus.RECTIFIED,
                        done="整改情况已登记。", form=FORMS + "RectifyForm", refusal="该卷宗无需整改或已整改完毕。")],
)

R = ReleaseStatus
AWAITING_LINK = [R.NOTIFIED, R.UNLINKED]
RELEASED = Workflow(
    model="corrections.ReleasedPerson", noun="刑满释放人员", states=R, list_url_name="corrections:released_list",
    steps=[
        officer_step("pickup", "必接必送", AWAITING_LINK, done="接回情况已登记。", form=FORMS + "PickupForm",
                     offered=lambda p: p.key_person and not p.picked_up_on),
        officer_step("link", "衔接建档", AWAITING_LINK, target=R.LINKED, done="已衔接建档。", form=FORMS + "LinkForm",
                     refusal="当前状态为“{state}”，不能衔接。"),
        officer_step("unlinked", "登记未衔接", [R.NOTIFIED], target=R.UNLINKED, done="已登记。",
                     form=FORMS + "UnlinkedForm", refusal="当前状态为“{state}”，不能登记为未衔接。"),
        officer_step("found", "恢复帮教", [R.LOST], target=R.LINKED, done="已恢复帮教。", form=FORMS + "FoundAgainForm",
                     refusal="该人员未脱管。"),
        officer_step("contact", "登记帮教", [R.LINKED], done="帮教记录已登记。", form=FORMS + "ContactForm"),
        officer_step("resettle", "登记安置", [R.LINKED], done="安置情况已登记。", form=FORMS + "ResettleForm"),
        officer_step("helpers", "帮教小组", [R.LINKED], done="帮教小组已确定。", form=FORMS + "HelpersForm"),
        officer_step("lost", "登记脱管", [R.LINKED], target=R.LOST, done="已登记脱管。", form=FORMS + "LostForm"),
        officer_step("reoffended", "登记重新犯罪", [R.LINKED, R.LOST], target=R.REOFFENDED, done="已登记。",
                     form=FORMS + "ReoffendedForm"),
        officer_step("end", "帮教期满", [R.LINKED], target=R.ENDED, done="已办理帮教期满。", form=FORMS + "EndTrackingForm"),
    ],
)
