//! Proposals for ordered tasks (đề xuất đặt hàng nhiệm vụ, docs/lifecycle.md "Where tasks come
//! from"): what a proposer fills in and its pre-submit check, the identification council's
//! recommendation in its own wording, and one transition table from the draft to the call the
//! ordered item becomes. A proposal in the approved ordered list (danh mục đặt hàng) is that
//! list's item: its later states are the item's.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::application::{bounded_text, rows, text};
use crate::call::{codes, CallForm, Formation, PriorityArea, TaskLevel};
use crate::issue::{issue, FormProblem, Issue};
use crate::text::fold;
use crate::Lang;

/// How the host of an ordered task is chosen (NĐ 267/2025).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum HostMethod {
    /// Tuyển chọn: anyone eligible applies.
    OpenSelection,
    /// Giao trực tiếp: one named host organisation.
    DirectAssignment,
}

impl HostMethod {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            HostMethod::OpenSelection => lang.pick("Tuyển chọn", "Open selection"),
            HostMethod::DirectAssignment => lang.pick("Giao trực tiếp", "Direct assignment"),
        }
    }

    /// The formation of the call an approved item becomes.
    pub fn formation(self) -> Formation {
        match self {
            HostMethod::OpenSelection => Formation::OrderOpenSelection,
            HostMethod::DirectAssignment => Formation::OrderDirectAssignment,
        }
    }
}

/// An expected product with its measurable target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExpectedProduct {
    pub name: String,
    /// What is measured and how much, e.g. "năng suất tăng ≥ 15%".
    pub target: String,
}

/// What the identification council may reword: the task's name, objectives, products and how
/// its host is chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Wording {
    pub title: String,
    pub objectives: String,
    pub products: Vec<ExpectedProduct>,
    pub method: HostMethod,
    /// For a direct assignment: the host organisation named.
    pub designated_organisation_id: Option<i64>,
    /// Why a direct assignment (required for it).
    pub method_reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProposalForm {
    pub wording: Wording,
    /// The problem and why it is urgent (tính cấp thiết).
    pub problem: String,
    /// Keywords, separated by `;`, for finding duplicates.
    pub keywords: String,
    /// Lĩnh vực.
    pub field: String,
    pub priority_area: Option<PriorityArea>,
    pub duration_months: u32,
    /// Indicative budget from the state, đồng.
    pub budget_dong: i64,
    /// Resources from outside the state budget (counterpart funds, land, equipment…).
    pub other_resources: String,
}

/// The longest indicative duration a proposal may state, in months.
pub const MAX_DURATION_MONTHS: u32 = 60;
/// Titles are read in lists and decisions: one long sentence at most.
const MAX_TITLE_CHARS: usize = 300;

impl Wording {
    pub fn tidy(mut self) -> Wording {
        self.title = self.title.trim().to_string();
        self.objectives = self.objectives.trim().to_string();
        self.method_reason = self.method_reason.trim().to_string();
        for p in &mut self.products {
            p.name = p.name.trim().to_string();
            p.target = p.target.trim().to_string();
        }
        self.products
            .retain(|p| !p.name.is_empty() || !p.target.is_empty());
        if self.method == HostMethod::OpenSelection {
            self.designated_organisation_id = None;
        }
        self
    }

    /// Problems of the wording, paths under `prefix` (e.g. `"wording"`).
    pub fn check(&self, prefix: &str) -> Vec<Issue> {
        let mut out = Vec::new();
        let at = |f: &str| format!("{prefix}.{f}");
        bounded_text(&mut out, &at("title"), &self.title, true, MAX_TITLE_CHARS);
        text(&mut out, &at("objectives"), &self.objectives, true);
        if rows(&mut out, &at("products"), &self.products) {
            for (i, p) in self.products.iter().enumerate() {
                text(&mut out, &at(&format!("products.{i}.name")), &p.name, true);
                text(
                    &mut out,
                    &at(&format!("products.{i}.target")),
                    &p.target,
                    true,
                );
            }
        }
        if self.method == HostMethod::DirectAssignment {
            if self.designated_organisation_id.is_none() {
                out.push(issue(
                    at("designated_organisation_id"),
                    FormProblem::Required,
                ));
            }
            text(&mut out, &at("method_reason"), &self.method_reason, true);
        }
        out
    }

    /// The products as one text per line, for the diff and the call's summary.
    pub fn products_text(&self) -> String {
        self.products
            .iter()
            .map(|p| format!("{}: {}", p.name, p.target))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl ProposalForm {
    pub fn tidy(mut self) -> ProposalForm {
        self.wording = self.wording.tidy();
        self.problem = self.problem.trim().to_string();
        self.keywords = self.keywords.trim().to_string();
        self.field = self.field.trim().to_string();
        self.other_resources = self.other_resources.trim().to_string();
        self
    }

    /// What a draft needs to be saved at all: a title, and nothing unbounded (a draft may be
    /// incomplete, never too long).
    pub fn check_draft(&self) -> Vec<Issue> {
        let mut out = Vec::new();
        let w = &self.wording;
        bounded_text(&mut out, "wording.title", &w.title, true, MAX_TITLE_CHARS);
        out.extend(self.check().into_iter().filter(|i| {
            matches!(
                i.problem,
                FormProblem::TooLong { .. } | FormProblem::TooManyRows { .. }
            ) && i.path != "wording.title"
        }));
        if self.budget_dong < 0 {
            out.push(issue("budget_dong", FormProblem::AmountNotPositive));
        }
        out
    }

    /// Everything that stops the proposal from being submitted (the pre-submit check).
    pub fn check(&self) -> Vec<Issue> {
        let mut out = self.wording.check("wording");
        text(&mut out, "problem", &self.problem, true);
        text(&mut out, "keywords", &self.keywords, true);
        text(&mut out, "field", &self.field, true);
        text(&mut out, "other_resources", &self.other_resources, false);
        if self.duration_months == 0 || self.duration_months > MAX_DURATION_MONTHS {
            let max_months = MAX_DURATION_MONTHS;
            out.push(issue(
                "duration_months",
                FormProblem::DurationOutOfRange { max_months },
            ));
        }
        if self.budget_dong <= 0 {
            out.push(issue("budget_dong", FormProblem::AmountNotPositive));
        } else if self.budget_dong > crate::ledger::LIMIT_DONG {
            out.push(issue("budget_dong", FormProblem::TotalTooLarge));
        }
        out
    }

    /// The text the duplicate search reads: the title and the keywords.
    pub fn search_text(&self) -> String {
        format!("{} {}", self.wording.title, self.keywords.replace(';', " "))
    }
}

/// The identification council's conclusion on one proposal (biên bản hội đồng tư vấn xác định
/// nhiệm vụ): order it or not, and the task as the council worded it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Recommendation {
    pub order: bool,
    pub wording: Wording,
    /// The council's reasons (required when it does not recommend ordering).
    pub note: String,
}

impl Recommendation {
    pub fn tidy(mut self) -> Recommendation {
        self.wording = self.wording.tidy();
        self.note = self.note.trim().to_string();
        self
    }

    pub fn check(&self) -> Vec<Issue> {
        let mut out = if self.order {
            self.wording.check("wording")
        } else {
            Vec::new()
        };
        text(&mut out, "note", &self.note, !self.order);
        out
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ProposalStatus {
    Draft,
    Submitted,
    Withdrawn,
    /// The identification council recommends ordering it: an item of the list to approve.
    Recommended,
    NotRecommended,
    /// The leader approved the item: it is in the ordered list.
    Ordered,
    /// The leader did not approve the item.
    Declined,
    /// The ordered item became a call (tuyển chọn or giao trực tiếp).
    Called,
}

codes!(ProposalStatus {
    Draft => "draft",
    Submitted => "submitted",
    Withdrawn => "withdrawn",
    Recommended => "recommended",
    NotRecommended => "not_recommended",
    Ordered => "ordered",
    Declined => "declined",
    Called => "called",
});
codes!(HostMethod { OpenSelection => "open_selection", DirectAssignment => "direct_assignment" });

impl ProposalStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ProposalStatus::Draft => lang.pick("Bản nháp", "Draft"),
            ProposalStatus::Submitted => lang.pick("Đã gửi", "Submitted"),
            ProposalStatus::Withdrawn => lang.pick("Đã rút", "Withdrawn"),
            ProposalStatus::Recommended => lang.pick("Hội đồng đề nghị đặt hàng", "Recommended"),
            ProposalStatus::NotRecommended => {
                lang.pick("Hội đồng không đề nghị", "Not recommended")
            }
            ProposalStatus::Ordered => lang.pick("Được phê duyệt đặt hàng", "Ordered"),
            ProposalStatus::Declined => lang.pick("Không được phê duyệt", "Declined"),
            ProposalStatus::Called => {
                lang.pick("Đã tạo đợt tuyển chọn, giao trực tiếp", "Made a call")
            }
        }
    }
}

/// What is done to a proposal, and by whom (docs/lifecycle.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ProposalAction {
    /// The proposer edits the draft.
    Edit,
    /// The proposer submits it while the round is open.
    Submit,
    /// The proposer withdraws it before the council concludes.
    Withdraw,
    /// The officer records the identification council's conclusion (again, until the leader
    /// decides).
    Recommend { order: bool },
    /// The leader approves or declines the item.
    Decide { approve: bool },
    /// The officer makes the ordered item a call.
    OpenCall,
}

/// Why an action is refused in the proposal's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NotNow {
    pub status: ProposalStatus,
    pub action: ProposalAction,
}

impl NotNow {
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!(
                "Đề xuất đang ở trạng thái “{}”: không thực hiện được thao tác này.",
                self.status.label(lang)
            ),
            Lang::En => format!(
                "The proposal is “{}”: this cannot be done now.",
                self.status.label(lang)
            ),
        }
    }
}

/// The one transition table: the state after `action`, or why not.
pub fn next(status: ProposalStatus, action: ProposalAction) -> Result<ProposalStatus, NotNow> {
    use ProposalAction as A;
    use ProposalStatus as S;
    let to = match (status, action) {
        (S::Draft, A::Edit) => S::Draft,
        (S::Draft, A::Submit) => S::Submitted,
        (S::Draft | S::Submitted, A::Withdraw) => S::Withdrawn,
        (S::Submitted | S::Recommended | S::NotRecommended, A::Recommend { order }) => {
            if order {
                S::Recommended
            } else {
                S::NotRecommended
            }
        }
        (S::Recommended, A::Decide { approve: true }) => S::Ordered,
        (S::Recommended, A::Decide { approve: false }) => S::Declined,
        (S::Ordered, A::OpenCall) => S::Called,
        _ => return Err(NotNow { status, action }),
    };
    Ok(to)
}

/// A proposal round (đợt đề xuất) takes proposals from its opening to its deadline, half-open
/// to the second like a call's window.
pub fn round_open(opens_at: DateTime<Utc>, closes_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    opens_at <= now && now < closes_at
}

/// The documents a call asks for when an ordered item becomes one (TT 03/2017's B1 forms); the
/// officer edits them, like everything else, before publishing the draft.
pub const CALL_DOCUMENTS: [&str; 3] = [
    "Đơn đăng ký chủ trì (B1-1-ĐON)",
    "Thuyết minh nhiệm vụ (B1-2a-TMĐTCN)",
    "Lý lịch khoa học của chủ nhiệm và thành viên chính (B1-4-LLCN)",
];

/// How long the draft call stays open, from its making, until the officer sets the dates.
pub const CALL_WINDOW_DAYS: i64 = 30;

/// The draft call an ordered item becomes (docs/lifecycle.md): the council's wording, the
/// proposal's field, area and budget, and `basis` (the decision that ordered it) in its summary.
pub fn call_form(
    form: &ProposalForm,
    wording: &Wording,
    basis: &str,
    now: DateTime<Utc>,
) -> CallForm {
    let summary = format!(
        "Nhiệm vụ đặt hàng theo {basis}.\n\nMục tiêu: {}\n\nSản phẩm dự kiến:\n{}",
        wording.objectives,
        wording.products_text()
    );
    CallForm {
        title: wording.title.clone(),
        summary,
        level: TaskLevel::Provincial,
        formation: wording.method.formation(),
        kind: crate::call::TaskKind::Topic,
        fields: vec![form.field.clone()],
        priority_areas: form.priority_area.into_iter().collect(),
        opens_at: now,
        closes_at: now + chrono::Duration::days(CALL_WINDOW_DAYS),
        budget_envelope_dong: form.budget_dong,
        required_documents: CALL_DOCUMENTS.iter().map(|d| (*d).to_string()).collect(),
        designated_organisation_id: match wording.method {
            HostMethod::DirectAssignment => wording.designated_organisation_id,
            HostMethod::OpenSelection => None,
        },
    }
}

/// The pre-submit issue of a dossier answering an ordered task (docs/lifecycle.md): it keeps
/// the ordered name, its objectives and each ordered product (diacritics, case and spacing
/// aside), or says in `departures` where it departs and why.
pub fn order_issue(app: &crate::application::ApplicationForm, ordered: &Wording) -> Option<Issue> {
    let norm = |s: &str| fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    let title = norm(&app.title) != norm(&ordered.title);
    let objectives = !norm(&app.objectives).contains(&norm(&ordered.objectives));
    let names: Vec<String> = app.products.iter().map(|p| norm(&p.name)).collect();
    let products = ordered
        .products
        .iter()
        .any(|o| !names.iter().any(|n| n.contains(&norm(&o.name))));
    let departs = title || objectives || products;
    (departs && app.departures.trim().is_empty()).then(|| {
        issue(
            "departures",
            FormProblem::DepartsFromOrder {
                title,
                objectives,
                products,
            },
        )
    })
}

#[cfg(test)]
mod tests;
