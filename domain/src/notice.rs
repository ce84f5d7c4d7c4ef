//! Notifications (docs/notifications.md): what kinds of event reach a person, how each person
//! chooses to receive each kind (at once by mail, in a daily digest, or in the app only), which
//! kinds the rules make mandatory, and when the daily digest is due.

use chrono::{DateTime, Duration, FixedOffset, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::mail::{compose, Mail, MailProblem};
use crate::Lang;

/// An event that asks someone to act, or changes their dossier or task.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum Kind {
    /// The department's or the host's decision on a dossier: valid, invalid, returned for
    /// correction (with its deadline), confirmed or declined.
    DossierDecision,
    /// An invitation to sit on a council.
    CouncilInvitation,
    /// A payment prepared and waiting for the account holder's approval.
    PaymentToApprove,
    /// The leader's decision on a task: approved for funding, or not (with the reasons).
    TaskDecision,
    /// A seat on a task's acceptance council, whose ballot waits.
    AcceptanceBallot,
    /// An organisation asking to be recognised, or a person asking to join one's organisation.
    RequestToDecide,
    /// The answer to one's own request to register an organisation or to join one.
    RequestDecided,
    /// A deadline coming (a call closing, a correction, a progress report) or passed, a payment
    /// or a settlement waiting (domain::reminder).
    Reminder,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::DossierDecision,
        Kind::CouncilInvitation,
        Kind::PaymentToApprove,
        Kind::TaskDecision,
        Kind::AcceptanceBallot,
        Kind::RequestToDecide,
        Kind::RequestDecided,
        Kind::Reminder,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::DossierDecision => "dossier_decision",
            Kind::CouncilInvitation => "council_invitation",
            Kind::PaymentToApprove => "payment_to_approve",
            Kind::TaskDecision => "task_decision",
            Kind::AcceptanceBallot => "acceptance_ballot",
            Kind::RequestToDecide => "request_to_decide",
            Kind::RequestDecided => "request_decided",
            Kind::Reminder => "reminder",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::DossierDecision => lang.pick(
                "Quyết định về hồ sơ của tôi (hợp lệ, không hợp lệ, trả lại để bổ sung)",
                "Decisions on my dossiers (valid, invalid, returned for correction)",
            ),
            Kind::CouncilInvitation => lang.pick("Mời tham gia hội đồng", "Council invitations"),
            Kind::PaymentToApprove => lang.pick(
                "Khoản chi chờ tôi duyệt",
                "Payments waiting for my approval",
            ),
            Kind::TaskDecision => lang.pick(
                "Quyết định phê duyệt nhiệm vụ của tôi",
                "Decisions on approving my tasks",
            ),
            Kind::AcceptanceBallot => lang.pick(
                "Hội đồng nghiệm thu chờ phiếu của tôi",
                "Acceptance councils waiting for my ballot",
            ),
            Kind::RequestToDecide => lang.pick(
                "Yêu cầu đăng ký tổ chức hoặc gia nhập tổ chức chờ tôi duyệt",
                "Requests to register or join an organisation waiting for me",
            ),
            Kind::RequestDecided => lang.pick(
                "Kết quả yêu cầu đăng ký hoặc gia nhập tổ chức của tôi",
                "Answers to my requests to register or join an organisation",
            ),
            Kind::Reminder => lang.pick(
                "Nhắc hạn: đợt sắp đóng, hạn bổ sung, báo cáo tiến độ, khoản chi và quyết toán chờ",
                "Reminders: calls closing, corrections, progress reports, payments and settlements waiting",
            ),
        }
    }

    /// A decision on a dossier starts the time a researcher has to answer it (a correction
    /// deadline), and the leader's decision on a task is the answer to their application: both
    /// always reach them by mail, at once or in the digest; so does the answer to a request to
    /// register or join an organisation, which decides what the person may do.
    pub fn mandatory(self) -> bool {
        matches!(
            self,
            Kind::DossierDecision | Kind::TaskDecision | Kind::RequestDecided
        )
    }
}

/// How a person receives one kind of notification by mail (it is always in the app).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Delivery {
    Immediately,
    DailyDigest,
    Off,
}

impl Delivery {
    pub const ALL: [Delivery; 3] = [Delivery::Immediately, Delivery::DailyDigest, Delivery::Off];

    pub fn code(self) -> &'static str {
        match self {
            Delivery::Immediately => "immediately",
            Delivery::DailyDigest => "daily",
            Delivery::Off => "off",
        }
    }

    pub fn from_code(code: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Delivery::Immediately => lang.pick("Gửi thư ngay", "Mail at once"),
            Delivery::DailyDigest => {
                lang.pick("Gộp vào thư tổng hợp hằng ngày", "In a daily digest")
            }
            Delivery::Off => lang.pick(
                "Chỉ trong hệ thống, không gửi thư",
                "In the app only, no mail",
            ),
        }
    }
}

/// Why a choice is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum PreferenceProblem {
    /// The rules make this kind reach the person by mail.
    Mandatory,
}

impl PreferenceProblem {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            PreferenceProblem::Mandatory => lang.pick(
                "Loại thông báo này bắt buộc gửi thư (ngay hoặc trong thư tổng hợp), không tắt được.",
                "This kind must reach you by mail (at once or in the digest); it cannot be turned off.",
            ),
        }
    }
}

/// Checks a person's choice for a kind.
pub fn choose(kind: Kind, delivery: Delivery) -> Result<Delivery, PreferenceProblem> {
    if kind.mandatory() && delivery == Delivery::Off {
        Err(PreferenceProblem::Mandatory)
    } else {
        Ok(delivery)
    }
}

/// How a kind is delivered to someone given what they chose (nothing chosen: at once).
pub fn delivery(kind: Kind, chosen: Option<Delivery>) -> Delivery {
    match chosen {
        Some(d) => choose(kind, d).unwrap_or(Delivery::Immediately),
        None => Delivery::Immediately,
    }
}

/// The hour the daily digest goes out, Vietnamese time.
pub const DIGEST_HOUR: u32 = 7;

/// The latest digest moment at or before `now`: 07:00 in Hà Nội (UTC+7, no daylight saving).
/// Notifications waiting for the digest and made before it go out in one mail.
pub fn digest_cutoff(now: DateTime<Utc>) -> DateTime<Utc> {
    let vn = FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).unwrap());
    let local = now.with_timezone(&vn);
    let at = NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    let today = local.date_naive().and_time(at);
    let cutoff = if local.time() >= at {
        today
    } else {
        today - Duration::days(1)
    };
    cutoff.and_utc() - Duration::hours(7)
}

/// One notification's content: its text in both languages and the page it links to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub kind: Kind,
    pub vi: String,
    pub en: String,
    /// A path on the site, e.g. `/applications/12`.
    pub link: String,
}

/// The mail of one notification: Vietnamese first, English after, the link to the page.
/// The person's language first (its subject too), the other after it.
pub fn mail_of(
    n: &Notice,
    to: &str,
    name: &str,
    base: &str,
    lang: Lang,
) -> Result<Mail, MailProblem> {
    let (first, second, greeting) = match lang {
        Lang::Vi => (&n.vi, &n.en, format!("Kính gửi {name},")),
        Lang::En => (&n.en, &n.vi, format!("Dear {name},")),
    };
    let subject: String = first.chars().take(150).collect();
    compose(
        to,
        name,
        &subject.replace(['\r', '\n'], " "),
        &[greeting, first.clone(), second.clone()],
        &format!("{}{}", base.trim_end_matches('/'), n.link),
    )
}

/// The daily digest: every waiting notification of a person, in one mail, newest last.
pub fn digest_of(
    notices: &[Notice],
    to: &str,
    name: &str,
    base: &str,
) -> Result<Mail, MailProblem> {
    let base = base.trim_end_matches('/');
    let mut paragraphs = vec![
        format!("Kính gửi {name},"),
        format!(
            "Thông báo trong ngày qua ({}) / Notifications of the past day:",
            notices.len()
        ),
    ];
    paragraphs.extend(
        notices
            .iter()
            .map(|n| format!("• {}\n  {}\n  {base}{}", n.vi, n.en, n.link)),
    );
    compose(
        to,
        name,
        "Thông báo tổng hợp hằng ngày / Daily digest",
        &paragraphs,
        &format!("{base}/notifications"),
    )
}

/// A decision on the dossier `id` titled `title`, by its record's code (`valid`, `invalid`,
/// `returned`, `host_confirmed`, `host_declined`), with the reasons and the correction deadline.
pub fn dossier_decision(
    id: i32,
    title: &str,
    code: &str,
    reasons: &str,
    deadline: Option<DateTime<Utc>>,
) -> Notice {
    let (vi, en) = match code {
        "valid" => (
            format!("Hồ sơ «{title}» đã được xác nhận hợp lệ."),
            format!("Your dossier «{title}» was found valid."),
        ),
        "invalid" => (
            format!("Hồ sơ «{title}» không hợp lệ. Lý do: {reasons}"),
            format!("Your dossier «{title}» was found invalid. Reasons: {reasons}"),
        ),
        "returned" => {
            let by = deadline.map(crate::format::format_datetime).unwrap_or_default();
            (
                format!("Hồ sơ «{title}» được trả lại để sửa đổi, bổ sung; hạn nộp lại: {by}. Yêu cầu: {reasons}"),
                format!("Your dossier «{title}» was returned for correction; resubmit by {by}. Requested: {reasons}"),
            )
        }
        "host_confirmed" => (
            format!("Tổ chức chủ trì đã xác nhận hồ sơ «{title}»; hồ sơ đã được gửi tới Sở."),
            format!("The host organisation confirmed your dossier «{title}»; it went to the department."),
        ),
        _ => (
            format!("Tổ chức chủ trì không xác nhận hồ sơ «{title}». Lý do: {reasons}"),
            format!("The host organisation declined your dossier «{title}». Reasons: {reasons}"),
        ),
    };
    Notice {
        kind: Kind::DossierDecision,
        vi,
        en,
        link: format!("/applications/{id}"),
    }
}

/// The invitation to sit on council `id`.
pub fn council_invitation(id: i32, name: &str) -> Notice {
    Notice {
        kind: Kind::CouncilInvitation,
        vi: format!("Bạn được mời tham gia «{name}». Vui lòng trả lời lời mời."),
        en: format!("You are invited to sit on «{name}». Please answer the invitation."),
        link: format!("/councils/{id}"),
    }
}

/// The leader's decision on the task of dossier `id`.
pub fn task_decision(id: i32, title: &str, approved: bool, reasons: &str) -> Notice {
    let (vi, en) = if approved {
        (
            format!("Nhiệm vụ «{title}» đã được phê duyệt để ký hợp đồng thực hiện."),
            format!("The task «{title}» was approved; its contract follows."),
        )
    } else {
        (
            format!("Nhiệm vụ «{title}» không được phê duyệt. Lý do: {reasons}"),
            format!("The task «{title}» was not approved. Reasons: {reasons}"),
        )
    };
    Notice {
        kind: Kind::TaskDecision,
        vi,
        en,
        link: format!("/applications/{id}"),
    }
}

/// A seat on the acceptance council of contract `contract`, for the task `title`.
pub fn acceptance_ballot(contract: i32, title: &str) -> Notice {
    Notice {
        kind: Kind::AcceptanceBallot,
        vi: format!(
            "Bạn được cử vào hội đồng nghiệm thu nhiệm vụ «{title}». Vui lòng bỏ phiếu đánh giá."
        ),
        en: format!("You sit on the acceptance council of «{title}». Please cast your ballot."),
        link: format!("/contracts/{contract}"),
    }
}

/// A payment of `amount_dong` on contract `code` (id `contract`) waiting for approval.
pub fn payment_to_approve(contract: i32, code: &str, tranche: i32, amount_dong: i64) -> Notice {
    let amount = crate::format::format_dong(amount_dong);
    Notice {
        kind: Kind::PaymentToApprove,
        vi: format!("Khoản chi {amount} (hợp đồng {code}, đợt {tranche}) đang chờ bạn duyệt."),
        en: format!(
            "A payment of {amount} (contract {code}, tranche {tranche}) waits for your approval."
        ),
        link: format!("/contracts/{contract}"),
    }
}

/// An organisation (`name`, `tax_code`) asking the department to recognise it.
pub fn organisation_requested(name: &str, tax_code: &str) -> Notice {
    Notice {
        kind: Kind::RequestToDecide,
        vi: format!("Tổ chức «{name}» (mã số thuế {tax_code}) đăng ký và chờ duyệt."),
        en: format!("The organisation «{name}» (tax code {tax_code}) registered and waits."),
        link: "/registrations".into(),
    }
}

/// `person` asking to join `organisation` as its staff.
pub fn membership_requested(person: &str, organisation: &str) -> Notice {
    Notice {
        kind: Kind::RequestToDecide,
        vi: format!("{person} xin gia nhập «{organisation}» và chờ bạn duyệt."),
        en: format!("{person} asks to join «{organisation}» and waits for you."),
        link: "/registrations/staff".into(),
    }
}

/// `unit` entered the year's figure of `indicator`, awaiting the department's approval.
pub fn figure_submitted(unit: &str, indicator: &str, year: i32) -> Notice {
    Notice {
        kind: Kind::RequestToDecide,
        vi: format!("{unit} đã nhập số liệu năm {year} của chỉ tiêu «{indicator}», chờ duyệt."),
        en: format!("{unit} entered the {year} figure of «{indicator}», awaiting approval."),
        link: "/programme#pending".into(),
    }
}

/// The department's decision on one's figure of `indicator` for `year`.
pub fn figure_decided(indicator: &str, year: i32, approved: bool, reason: &str) -> Notice {
    let (vi, en) = if approved {
        (
            format!("Số liệu năm {year} của chỉ tiêu «{indicator}» đã được duyệt."),
            format!("The {year} figure of «{indicator}» was approved."),
        )
    } else {
        (
            format!("Số liệu năm {year} của chỉ tiêu «{indicator}» bị trả lại: {reason}"),
            format!("The {year} figure of «{indicator}» was returned: {reason}"),
        )
    };
    Notice {
        kind: Kind::RequestDecided,
        vi,
        en,
        link: "/programme".into(),
    }
}

/// The answer to a request about `organisation`: `joining` it or registering it.
pub fn request_decided(
    organisation: &str,
    joining: bool,
    approved: bool,
    reason: Option<&str>,
) -> Notice {
    let (what_vi, what_en) = if joining {
        ("gia nhập", "join")
    } else {
        ("đăng ký tổ chức", "register the organisation")
    };
    let (vi, en) = match (approved, reason) {
        (true, _) => (
            format!("Yêu cầu {what_vi} «{organisation}» của bạn đã được duyệt."),
            format!("Your request to {what_en} «{organisation}» was approved."),
        ),
        (false, r) => {
            let r = r.unwrap_or_default();
            (
                format!("Yêu cầu {what_vi} «{organisation}» của bạn không được duyệt. Lý do: {r}"),
                format!("Your request to {what_en} «{organisation}» was refused. Reason: {r}"),
            )
        }
    };
    Notice {
        kind: Kind::RequestDecided,
        vi,
        en,
        link: "/my-organisation".into(),
    }
}

/// A reminder (domain::reminder) about `subject`, whose moment is `at`, linking to `link`.
pub fn reminder(
    kind: crate::reminder::ReminderKind,
    subject: &str,
    at: &str,
    link: String,
) -> Notice {
    Notice {
        kind: Kind::Reminder,
        vi: crate::reminder::text(kind, subject, at, Lang::Vi),
        en: crate::reminder::text(kind, subject, at, Lang::En),
        link,
    }
}

/// `name` registered for the expert database and waits for the department.
pub fn expert_applied(name: &str) -> Notice {
    Notice {
        kind: Kind::RequestToDecide,
        vi: format!("{name} đăng ký vào cơ sở dữ liệu chuyên gia và chờ duyệt."),
        en: format!("{name} registered for the expert database and waits."),
        link: "/experts".into(),
    }
}

/// The department's answer to one's registration as an expert.
pub fn expert_decided(approved: bool, reason: Option<&str>) -> Notice {
    let r = reason.unwrap_or_default();
    let (vi, en) = if approved {
        (
            "Bạn đã được chấp nhận vào cơ sở dữ liệu chuyên gia.".to_string(),
            "You were accepted into the expert database.".to_string(),
        )
    } else {
        (
            format!("Đăng ký chuyên gia của bạn không được chấp nhận. Lý do: {r}"),
            format!("Your registration as an expert was refused. Reason: {r}"),
        )
    };
    Notice {
        kind: Kind::RequestDecided,
        vi,
        en,
        link: "/experts/apply".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_dossier_decision_cannot_be_turned_off_but_may_wait_for_the_digest() {
        assert_eq!(
            choose(Kind::DossierDecision, Delivery::Off),
            Err(PreferenceProblem::Mandatory)
        );
        assert_eq!(
            choose(Kind::DossierDecision, Delivery::DailyDigest),
            Ok(Delivery::DailyDigest)
        );
        assert_eq!(
            choose(Kind::CouncilInvitation, Delivery::Off),
            Ok(Delivery::Off)
        );
        assert_eq!(
            delivery(Kind::PaymentToApprove, None),
            Delivery::Immediately
        );
        assert_eq!(
            delivery(Kind::DossierDecision, Some(Delivery::Off)),
            Delivery::Immediately
        );
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(k));
        }
        for d in Delivery::ALL {
            assert_eq!(Delivery::from_code(d.code()), Some(d));
        }
    }

    #[test]
    fn the_digest_is_due_at_seven_in_the_morning_in_ha_noi() {
        // 06:59 Hà Nội on 10/03 is 23:59 UTC on 09/03: the cutoff is 07:00 on 09/03.
        let before = Utc.with_ymd_and_hms(2027, 3, 9, 23, 59, 0).unwrap();
        assert_eq!(
            digest_cutoff(before),
            Utc.with_ymd_and_hms(2027, 3, 9, 0, 0, 0).unwrap()
        );
        let at = Utc.with_ymd_and_hms(2027, 3, 10, 0, 0, 0).unwrap();
        assert_eq!(digest_cutoff(at), at);
        let later = Utc.with_ymd_and_hms(2027, 3, 10, 16, 0, 0).unwrap();
        assert_eq!(digest_cutoff(later), at);
    }

    #[test]
    fn a_notice_mail_links_to_its_page_and_keeps_text_out_of_headers() {
        let n = Notice {
            kind: Kind::DossierDecision,
            vi: "Hồ sơ bị trả lại\nBcc: x@y.vn".into(),
            en: "Returned".into(),
            link: "/applications/7".into(),
        };
        let m = mail_of(&n, "a@b.vn", "An", "http://h/", Lang::Vi).unwrap();
        assert!(!m.subject.contains('\n'));
        assert!(m.text.contains("http://h/applications/7"));
        let en = mail_of(&n, "a@b.vn", "An", "http://h/", Lang::En).unwrap();
        assert_eq!(en.subject, "Returned");
        assert!(en.text.starts_with("Dear An,"));
        assert!(en.text.find("Returned") < en.text.find("Hồ sơ bị trả lại"));
        let d = digest_of(&[n.clone(), n], "a@b.vn", "An", "http://h").unwrap();
        assert!(d.text.contains("(2)"));
        assert!(d.text.ends_with("http://h/notifications\n"));
    }
}
