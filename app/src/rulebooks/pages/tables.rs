//! The rulebook page's tables: the coefficients and the whole-number rules it edits.

use domain::rulebook::{LabourCoefficients, Rulebook};

/// One coefficient: its path, Vietnamese and English label, and how to read it.
pub(super) type Coefficient = (
    &'static str,
    &'static str,
    &'static str,
    fn(&LabourCoefficients) -> u32,
);

/// The five coefficients.
/// A whole number of the rules for running and closing tasks: its path, labels, and how it is
/// read from and written into a rulebook.
pub(super) type TaskRule = (
    &'static str,
    &'static str,
    &'static str,
    fn(&Rulebook) -> u32,
    fn(&mut Rulebook, u32),
);

pub(super) const TASK_RULES: [TaskRule; 24] = [
    (
        "identification.council.min_members",
        "Hội đồng tư vấn xác định nhiệm vụ: số thành viên tối thiểu",
        "Identification council: fewest members",
        |r| r.identification.council.min_members,
        |r, v| r.identification.council.min_members = v,
    ),
    (
        "identification.council.max_members",
        "Hội đồng tư vấn xác định nhiệm vụ: số thành viên tối đa",
        "Identification council: most members",
        |r| r.identification.council.max_members,
        |r, v| r.identification.council.max_members = v,
    ),
    (
        "identification.order_mean_total",
        "Điểm trung bình tối thiểu để đề nghị đặt hàng",
        "Least mean score to recommend ordering",
        |r| r.identification.order_mean_total,
        |r, v| r.identification.order_mean_total = v,
    ),
    (
        "reporting.interval_months",
        "Kỳ báo cáo tiến độ (tháng)",
        "Reporting period (months)",
        |r| r.reporting.interval_months,
        |r, v| r.reporting.interval_months = v,
    ),
    (
        "reporting.grace_days",
        "Hạn nộp sau mỗi kỳ (ngày)",
        "Due after each period (days)",
        |r| r.reporting.grace_days,
        |r, v| r.reporting.grace_days = v,
    ),
    (
        "acceptance.min_members",
        "Hội đồng nghiệm thu: số thành viên tối thiểu",
        "Acceptance council: fewest members",
        |r| r.acceptance.min_members,
        |r, v| r.acceptance.min_members = v,
    ),
    (
        "acceptance.max_members",
        "Hội đồng nghiệm thu: số thành viên tối đa",
        "Acceptance council: most members",
        |r| r.acceptance.max_members,
        |r, v| r.acceptance.max_members = v,
    ),
    (
        "acceptance.quorum_permille",
        "Số phiếu tối thiểu để kết luận (‰ số thành viên)",
        "Ballots needed for a verdict (‰ of members)",
        |r| r.acceptance.quorum_permille,
        |r, v| r.acceptance.quorum_permille = v,
    ),
    (
        "acceptance.vote_permille",
        "Tỷ lệ phiếu để giữ một mức xếp loại (‰)",
        "Share of ballots a rating needs (‰)",
        |r| r.acceptance.vote_permille,
        |r, v| r.acceptance.vote_permille = v,
    ),
    (
        "settlement.subjective_spent_share_permille",
        "Nguyên nhân chủ quan: phần đã chi phải hoàn trả (‰)",
        "Subjective cause: share of spending refunded (‰)",
        |r| r.settlement.subjective_spent_share_permille,
        |r, v| r.settlement.subjective_spent_share_permille = v,
    ),
    (
        "amendment.max_extension_months",
        "Gia hạn tối đa (tháng)",
        "Longest extension (months)",
        |r| r.amendment.max_extension_months,
        |r, v| r.amendment.max_extension_months = v,
    ),
    (
        "amendment.officer_max_extension_months",
        "Chuyên viên duyệt gia hạn đến (tháng)",
        "An officer approves extensions up to (months)",
        |r| r.amendment.officer_max_extension_months,
        |r, v| r.amendment.officer_max_extension_months = v,
    ),
    (
        "amendment.officer_max_moved_permille",
        "Chuyên viên duyệt điều chuyển đến (‰ tổng kinh phí)",
        "An officer approves money moved up to (‰ of the total)",
        |r| r.amendment.officer_max_moved_permille,
        |r, v| r.amendment.officer_max_moved_permille = v,
    ),
    (
        "eligibility.failure_bar_years",
        "Không được chủ nhiệm nhiệm vụ mới sau khi không hoàn thành do lỗi chủ quan (năm; mặc định 2)",
        "No new task after one failed through the leader's doing (years; default 2)",
        |r| r.eligibility.failure_bar_years,
        |r, v| r.eligibility.failure_bar_years = v,
    ),
    (
        "eligibility.max_running_tasks",
        "Số nhiệm vụ một người chủ nhiệm cùng lúc (mặc định 3)",
        "Tasks one person leads at once (default 3)",
        |r| r.eligibility.max_running_tasks,
        |r, v| r.eligibility.max_running_tasks = v,
    ),
    (
        "eligibility.settlement_due_days",
        "Hạn quyết toán sau kết luận nghiệm thu hoặc chấm dứt (ngày; mặc định 180)",
        "Settlement due after the verdict or termination (days; default 180)",
        |r| r.eligibility.settlement_due_days,
        |r, v| r.eligibility.settlement_due_days = v,
    ),
    (
        "eligibility.refund_due_days",
        "Hạn nộp trả kinh phí sau quyết toán (ngày; mặc định 90)",
        "Refund due after the settlement (days; default 90)",
        |r| r.eligibility.refund_due_days,
        |r, v| r.eligibility.refund_due_days = v,
    ),
    (
        "reminders.call_closing_days",
        "Nhắc trước khi đợt đóng (ngày), nếu hồ sơ chưa nộp",
        "Remind before a call closes (days), if the dossier is not submitted",
        |r| r.reminders.call_closing_days,
        |r, v| r.reminders.call_closing_days = v,
    ),
    (
        "reminders.correction_days",
        "Nhắc trước hạn bổ sung hồ sơ (ngày)",
        "Remind before a correction deadline (days)",
        |r| r.reminders.correction_days,
        |r, v| r.reminders.correction_days = v,
    ),
    (
        "reminders.report_due_days",
        "Nhắc trước hạn báo cáo tiến độ (ngày)",
        "Remind before a progress report is due (days)",
        |r| r.reminders.report_due_days,
        |r, v| r.reminders.report_due_days = v,
    ),
    (
        "reminders.report_overdue_every_days",
        "Nhắc lại khi báo cáo quá hạn, mỗi (ngày)",
        "Remind of an overdue report every (days)",
        |r| r.reminders.report_overdue_every_days,
        |r, v| r.reminders.report_overdue_every_days = v,
    ),
    (
        "reminders.payment_waiting_days",
        "Nhắc khoản chi chờ duyệt sau, và lặp lại mỗi (ngày)",
        "Remind of a payment waiting after, and again every (days)",
        |r| r.reminders.payment_waiting_days,
        |r, v| r.reminders.payment_waiting_days = v,
    ),
    (
        "reminders.settlement_days",
        "Nhắc quyết toán sau nghiệm thu, và lặp lại mỗi (ngày)",
        "Remind of settlement after acceptance, and again every (days)",
        |r| r.reminders.settlement_days,
        |r, v| r.reminders.settlement_days = v,
    ),
    (
        "reminders.sheets_owed_days",
        "Nhắc thành viên hội đồng chưa nộp phiếu sau, và lặp lại mỗi (ngày)",
        "Remind council members of unsubmitted sheets or ballots after, and again every (days)",
        |r| r.reminders.sheets_owed_days,
        |r, v| r.reminders.sheets_owed_days = v,
    ),
];

pub(super) const COEFFICIENTS: [Coefficient; 5] = [
    (
        "labour.leader_permille",
        "Chủ nhiệm nhiệm vụ",
        "Task leader",
        |l| l.leader_permille,
    ),
    (
        "labour.secretary_permille",
        "Thư ký khoa học",
        "Scientific secretary",
        |l| l.secretary_permille,
    ),
    (
        "labour.main_member_permille",
        "Thành viên chính",
        "Main member",
        |l| l.main_member_permille,
    ),
    ("labour.member_permille", "Thành viên", "Member", |l| {
        l.member_permille
    }),
    (
        "labour.technician_permille",
        "Kỹ thuật viên, nhân viên hỗ trợ",
        "Technician, support",
        |l| l.technician_permille,
    ),
];
