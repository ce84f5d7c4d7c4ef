//! A call for proposals (đợt): what an officer fills in, the checks before publishing, and what
//! may still change once researchers are applying.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::application::{rows, text};
use crate::issue::{issue, FormProblem, Issue};
use crate::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum TaskLevel {
    Provincial,
    Grassroots,
}

/// How tasks are formed (NĐ 267/2025): a grant on a researcher's proposal, or an order by the
/// province with the host chosen by open selection or assigned directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Formation {
    Grant,
    OrderOpenSelection,
    OrderDirectAssignment,
}

/// The type of task a call funds (NĐ 08/2014 Art. 3 names them): a research topic (đề tài), a
/// pilot production project (dự án sản xuất thử nghiệm), a scientific scheme (đề án khoa học)
/// or an S&T project (dự án khoa học và công nghệ). Rulebooks may differ by type
/// (docs/rulebook.md): TT 08/2017 scores each type on its own sheet.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum TaskKind {
    #[default]
    Topic,
    PilotProduction,
    Scheme,
    Project,
}

/// The province's priority areas a call may target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum PriorityArea {
    HighTechAgricultureForestry,
    DeepProcessing,
    TourismHeritageDigitisation,
    Health,
    Education,
    DigitalTransformation,
}

/// Stable codes stored in the database and used in the API.
macro_rules! codes {
    ($t:ty { $($v:ident => $c:literal),+ $(,)? }) => {
        impl $t {
            pub const ALL: &'static [$t] = &[$(<$t>::$v),+];
            pub fn code(self) -> &'static str {
                match self { $(<$t>::$v => $c),+ }
            }
            pub fn from_code(code: &str) -> Option<$t> {
                match code { $($c => Some(<$t>::$v),)+ _ => None }
            }
        }
    };
}
pub(crate) use codes;

codes!(TaskLevel { Provincial => "provincial", Grassroots => "grassroots" });
codes!(Formation {
    Grant => "grant",
    OrderOpenSelection => "order_open_selection",
    OrderDirectAssignment => "order_direct_assignment",
});
codes!(TaskKind {
    Topic => "topic",
    PilotProduction => "pilot_production",
    Scheme => "scheme",
    Project => "project",
});
codes!(PriorityArea {
    HighTechAgricultureForestry => "hightech_agriculture_forestry",
    DeepProcessing => "deep_processing",
    TourismHeritageDigitisation => "tourism_heritage",
    Health => "health",
    Education => "education",
    DigitalTransformation => "digital_transformation",
});

/// A call is a draft until published; once published its rules are pinned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum CallStatus {
    Draft,
    Published,
}

codes!(CallStatus { Draft => "draft", Published => "published" });

impl CallStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CallStatus::Draft => lang.pick("Bản nháp", "Draft"),
            CallStatus::Published => lang.pick("Đã công bố", "Published"),
        }
    }
}

impl TaskLevel {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TaskLevel::Provincial => lang.pick("Cấp tỉnh", "Provincial"),
            TaskLevel::Grassroots => lang.pick("Cấp cơ sở", "Grassroots"),
        }
    }
}

impl Formation {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Formation::Grant => lang.pick("Tài trợ theo đề xuất", "Grant on proposal"),
            Formation::OrderOpenSelection => {
                lang.pick("Đặt hàng – tuyển chọn", "Order, open selection")
            }
            Formation::OrderDirectAssignment => {
                lang.pick("Đặt hàng – giao trực tiếp", "Order, direct assignment")
            }
        }
    }
}

impl TaskKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TaskKind::Topic => lang.pick("Đề tài", "Research topic"),
            TaskKind::PilotProduction => {
                lang.pick("Dự án sản xuất thử nghiệm", "Pilot production project")
            }
            TaskKind::Scheme => lang.pick("Đề án khoa học", "Scientific scheme"),
            TaskKind::Project => lang.pick("Dự án khoa học và công nghệ", "S&T project"),
        }
    }
}

impl PriorityArea {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PriorityArea::HighTechAgricultureForestry => lang.pick(
                "Nông, lâm nghiệp công nghệ cao",
                "High-tech agriculture and forestry",
            ),
            PriorityArea::DeepProcessing => lang.pick("Chế biến sâu", "Deep processing"),
            PriorityArea::TourismHeritageDigitisation => lang.pick(
                "Du lịch và số hóa di sản",
                "Tourism and heritage digitisation",
            ),
            PriorityArea::Health => lang.pick("Y tế", "Health"),
            PriorityArea::Education => lang.pick("Giáo dục", "Education"),
            PriorityArea::DigitalTransformation => {
                lang.pick("Chuyển đổi số", "Digital transformation")
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CallForm {
    pub title: String,
    pub summary: String,
    pub level: TaskLevel,
    pub formation: Formation,
    /// The type of task; with the level and the managing unit it chooses the rulebook the call
    /// pins. (Calls stored before types existed are research topics.)
    #[serde(default)]
    pub kind: TaskKind,
    /// Lĩnh vực, e.g. "Khoa học nông nghiệp".
    pub fields: Vec<String>,
    pub priority_areas: Vec<PriorityArea>,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub budget_envelope_dong: i64,
    pub required_documents: Vec<String>,
    /// For a direct assignment (giao trực tiếp): the one host organisation whose researchers
    /// may answer it. None for every other formation.
    #[serde(default)]
    pub designated_organisation_id: Option<i64>,
}

/// Whether a researcher of `organisation` may answer a call of `formation` (docs/lifecycle.md,
/// "Calls"): anyone, except a direct assignment, which only the designated host organisation's
/// researchers answer.
pub fn may_answer(
    formation: Formation,
    designated: Option<i64>,
    organisation: Option<i64>,
) -> bool {
    formation != Formation::OrderDirectAssignment
        || (designated.is_some() && designated == organisation)
}

/// Every problem that stops the call from being published at `now`.
pub fn check_for_publication(form: &CallForm, now: DateTime<Utc>) -> Vec<Issue> {
    let mut out = Vec::new();
    text(&mut out, "title", &form.title, true);
    text(&mut out, "summary", &form.summary, true);
    if rows(&mut out, "fields", &form.fields) {
        for (i, f) in form.fields.iter().enumerate() {
            text(&mut out, &format!("fields.{i}"), f, true);
            if !f.trim().is_empty() && crate::science_field::by_name(f).is_none() {
                out.push(issue(format!("fields.{i}"), FormProblem::NotInCatalogue));
            }
        }
    }
    if rows(&mut out, "required_documents", &form.required_documents) {
        for (i, d) in form.required_documents.iter().enumerate() {
            text(&mut out, &format!("required_documents.{i}"), d, true);
        }
    }
    if form.closes_at <= form.opens_at {
        out.push(issue("closes_at", FormProblem::ClosesBeforeOpens));
    } else if form.closes_at <= now {
        out.push(issue("closes_at", FormProblem::ClosingNotInFuture));
    }
    if form.budget_envelope_dong <= 0 {
        out.push(issue(
            "budget_envelope_dong",
            FormProblem::AmountNotPositive,
        ));
    }
    if form.formation == Formation::OrderDirectAssignment
        && form.designated_organisation_id.is_none()
    {
        out.push(issue("designated_organisation_id", FormProblem::Required));
    }
    out
}

/// What an officer may still change on a published call. Its rules (level, type, formation, pinned
/// rulebook, required documents, opening time) are fixed while researchers apply under them;
/// wording may be corrected and the deadline extended, never shortened.
pub fn published_change_allowed(before: &CallForm, after: &CallForm) -> bool {
    before.level == after.level
        && before.kind == after.kind
        && before.formation == after.formation
        && before.required_documents == after.required_documents
        && before.opens_at == after.opens_at
        && after.closes_at >= before.closes_at
        && before.budget_envelope_dong == after.budget_envelope_dong
        && before.designated_organisation_id == after.designated_organisation_id
}

/// The readable code of a call: `ĐỢT-2026-01`.
pub fn call_code(year: i32, sequence: u32) -> String {
    format!("ĐỢT-{year}-{sequence:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn a_direct_assignment_is_answered_by_its_designated_host_only() {
        let direct = Formation::OrderDirectAssignment;
        assert!(may_answer(direct, Some(7), Some(7)));
        assert!(!may_answer(direct, Some(7), Some(8)));
        assert!(!may_answer(direct, Some(7), None));
        assert!(
            !may_answer(direct, None, None),
            "never published without one"
        );
        for open in [Formation::Grant, Formation::OrderOpenSelection] {
            assert!(may_answer(open, None, None));
            assert!(may_answer(open, None, Some(8)));
        }
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let mut f = form(now);
        f.formation = direct;
        assert!(check_for_publication(&f, now)
            .iter()
            .any(|i| i.path == "designated_organisation_id"));
        f.designated_organisation_id = Some(7);
        assert!(check_for_publication(&f, now).is_empty());
    }

    fn form(now: DateTime<Utc>) -> CallForm {
        CallForm {
            title: "Tuyển chọn nhiệm vụ KH&CN cấp tỉnh năm 2027".into(),
            summary: "Nhiệm vụ phục vụ nông nghiệp công nghệ cao.".into(),
            level: TaskLevel::Provincial,
            formation: Formation::OrderOpenSelection,
            kind: TaskKind::Topic,
            fields: vec!["Khoa học nông nghiệp".into()],
            priority_areas: vec![PriorityArea::HighTechAgricultureForestry],
            opens_at: now,
            closes_at: now + Duration::days(30),
            budget_envelope_dong: 5_000_000_000,
            required_documents: vec!["Thuyết minh (mẫu B1-2a)".into()],
            designated_organisation_id: None,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 3, 0, 0).unwrap()
    }

    #[test]
    fn codes_round_trip() {
        for l in TaskLevel::ALL {
            assert_eq!(TaskLevel::from_code(l.code()), Some(*l));
        }
        for f in Formation::ALL {
            assert_eq!(Formation::from_code(f.code()), Some(*f));
            assert!(!f.label(Lang::Vi).is_empty());
        }
        for a in PriorityArea::ALL {
            assert_eq!(PriorityArea::from_code(a.code()), Some(*a));
        }
        assert_eq!(
            CallStatus::from_code("published"),
            Some(CallStatus::Published)
        );
        assert_eq!(Formation::from_code("other"), None);
    }

    #[test]
    fn a_complete_call_can_be_published() {
        assert_eq!(check_for_publication(&form(now()), now()), vec![]);
        assert_eq!(call_code(2026, 1), "ĐỢT-2026-01");
    }

    #[test]
    fn dates_and_budget_are_checked_at_the_boundary() {
        let mut f = form(now());
        f.closes_at = f.opens_at;
        assert_eq!(
            check_for_publication(&f, now())[0].problem,
            FormProblem::ClosesBeforeOpens
        );
        let mut f = form(now() - Duration::days(60));
        f.closes_at = now();
        assert_eq!(
            check_for_publication(&f, now())[0].problem,
            FormProblem::ClosingNotInFuture
        );
        f.closes_at = now() + Duration::seconds(1);
        assert_eq!(check_for_publication(&f, now()), vec![]);
        let mut f = form(now());
        f.budget_envelope_dong = 0;
        assert_eq!(
            check_for_publication(&f, now())[0].path,
            "budget_envelope_dong"
        );
        let mut f = form(now());
        f.fields.clear();
        f.required_documents = vec![" ".into()];
        let paths: Vec<String> = check_for_publication(&f, now())
            .into_iter()
            .map(|i| i.path)
            .collect();
        assert_eq!(paths, vec!["fields", "required_documents.0"]);
        // A field of science the classification does not have.
        let mut f = form(now());
        f.fields = vec!["Khoa học nông nghiệp".into(), "Nông nghiệp".into()];
        let found: Vec<(String, FormProblem)> = check_for_publication(&f, now())
            .into_iter()
            .map(|i| (i.path, i.problem))
            .collect();
        assert_eq!(
            found,
            vec![("fields.1".into(), FormProblem::NotInCatalogue)]
        );
    }

    #[test]
    fn a_published_call_keeps_its_rules() {
        let before = form(now());
        let mut wording = before.clone();
        wording.summary = "Sửa lỗi chính tả.".into();
        wording.closes_at += Duration::days(7);
        assert!(published_change_allowed(&before, &wording));
        let mut shorter = before.clone();
        shorter.closes_at -= Duration::seconds(1);
        assert!(!published_change_allowed(&before, &shorter));
        let mut docs = before.clone();
        docs.required_documents.push("Lý lịch khoa học".into());
        assert!(!published_change_allowed(&before, &docs));
        let mut formation = before.clone();
        formation.formation = Formation::Grant;
        assert!(!published_change_allowed(&before, &formation));
        let mut kind = before.clone();
        kind.kind = TaskKind::PilotProduction;
        assert!(!published_change_allowed(&before, &kind));
    }

    #[test]
    fn task_kinds_round_trip_and_default_to_a_topic() {
        for k in TaskKind::ALL {
            assert_eq!(TaskKind::from_code(k.code()), Some(*k));
        }
        let old = r#"{"title":"t","summary":"s","level":"Provincial","formation":"Grant","fields":[],"priority_areas":[],"opens_at":"2026-01-01T00:00:00Z","closes_at":"2026-02-01T00:00:00Z","budget_envelope_dong":1,"required_documents":[]}"#;
        let form: CallForm = serde_json::from_str(old).unwrap();
        assert_eq!(form.kind, TaskKind::Topic);
    }
}
