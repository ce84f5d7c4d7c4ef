//! A task description (thuyết minh) as structured data, and the checks a dossier must pass
//! before it can be submitted: team composition, labour from the rulebook, a budget whose lines
//! add up, products with measurable targets.

use serde::{Deserialize, Serialize};

use crate::issue::{issue, FormProblem, Issue};
use crate::rulebook::Rulebook;
use crate::Lang;

/// Working days counted per month of a task, to bound the days anyone can be paid for.
pub const WORKING_DAYS_PER_MONTH: u32 = 22;
/// Longest free text in one field: a long section of a thuyết minh, not a book.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// A task's title: it is the contract's title and heads lists and documents.
pub const MAX_TITLE_CHARS: usize = 300;
/// A person's name on the team: the task leader's becomes the contract's.
pub const MAX_NAME_CHARS: usize = 200;
/// Most rows in one list (team, contents, products, budget lines): far above real dossiers,
/// low enough that no request can make the server check millions.
pub const MAX_ROWS: usize = 200;

/// Positions on the team (TT 02/2023/TT-BKHCN).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum TeamRole {
    Leader,
    ScientificSecretary,
    MainMember,
    Member,
    Technician,
}

impl TeamRole {
    pub const ALL: [TeamRole; 5] = [
        TeamRole::Leader,
        TeamRole::ScientificSecretary,
        TeamRole::MainMember,
        TeamRole::Member,
        TeamRole::Technician,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TeamRole::Leader => lang.pick("Chủ nhiệm nhiệm vụ", "Task leader"),
            TeamRole::ScientificSecretary => lang.pick("Thư ký khoa học", "Scientific secretary"),
            TeamRole::MainMember => lang.pick("Thành viên chính", "Main member"),
            TeamRole::Member => crate::glossary::MEMBER.pick(lang),
            TeamRole::Technician => lang.pick("Kỹ thuật viên", "Technician"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TeamMember {
    pub name: String,
    pub role: TeamRole,
    /// Working days on the task.
    pub days: u32,
    /// The member's sign-in e-mail, if they have an account: they may then read the dossier.
    #[serde(default)]
    pub email: String,
}

/// Budget lines of TT 03/2023/TT-BTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum BudgetLineKind {
    Labour,
    MaterialsEnergy,
    EquipmentPurchase,
    EquipmentRental,
    Workshops,
    DomesticTravel,
    InternationalCooperation,
    OutsourcedServicesWithNorms,
    OutsourcedServicesWithoutNorms,
    Surveys,
    ManagementOther,
}

impl BudgetLineKind {
    pub const ALL: [BudgetLineKind; 11] = [
        BudgetLineKind::Labour,
        BudgetLineKind::MaterialsEnergy,
        BudgetLineKind::EquipmentPurchase,
        BudgetLineKind::EquipmentRental,
        BudgetLineKind::Workshops,
        BudgetLineKind::DomesticTravel,
        BudgetLineKind::InternationalCooperation,
        BudgetLineKind::OutsourcedServicesWithNorms,
        BudgetLineKind::OutsourcedServicesWithoutNorms,
        BudgetLineKind::Surveys,
        BudgetLineKind::ManagementOther,
    ];

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            BudgetLineKind::Labour => lang.pick("Tiền công lao động", "Labour"),
            BudgetLineKind::MaterialsEnergy => {
                lang.pick("Nguyên vật liệu, năng lượng", "Materials and energy")
            }
            BudgetLineKind::EquipmentPurchase => {
                lang.pick("Mua sắm thiết bị, tài sản", "Equipment purchase")
            }
            BudgetLineKind::EquipmentRental => lang.pick("Thuê thiết bị", "Equipment rental"),
            BudgetLineKind::Workshops => lang.pick("Hội thảo, hội nghị", "Workshops"),
            BudgetLineKind::DomesticTravel => lang.pick("Công tác trong nước", "Domestic travel"),
            BudgetLineKind::InternationalCooperation => {
                lang.pick("Hợp tác quốc tế, đoàn ra", "International cooperation")
            }
            BudgetLineKind::OutsourcedServicesWithNorms => {
                lang.pick("Thuê dịch vụ có định mức", "Services with norms")
            }
            BudgetLineKind::OutsourcedServicesWithoutNorms => {
                lang.pick("Thuê dịch vụ không có định mức", "Services without norms")
            }
            BudgetLineKind::Surveys => lang.pick("Điều tra, khảo sát", "Surveys"),
            BudgetLineKind::ManagementOther => {
                lang.pick("Quản lý chung, chi khác", "Management and other")
            }
        }
    }

    /// Lines that can never be lump-sum (khoán): asset purchases, outsourced services without
    /// norms and trips abroad are settled by documents.
    pub fn may_be_lump_sum(self) -> bool {
        !matches!(
            self,
            BudgetLineKind::EquipmentPurchase
                | BudgetLineKind::OutsourcedServicesWithoutNorms
                | BudgetLineKind::InternationalCooperation
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BudgetLine {
    pub kind: BudgetLineKind,
    pub description: String,
    pub amount_dong: i64,
    /// Part paid by the fund.
    pub fund_dong: i64,
    /// Part paid by the host or partners (vốn đối ứng).
    pub counterpart_dong: i64,
    pub lump_sum: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ProductKind {
    Report,
    Publication,
    IntellectualProperty,
    ProcessOrModel,
    Prototype,
    Software,
    Database,
    Training,
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExpectedProduct {
    pub kind: ProductKind,
    pub name: String,
    /// How many, e.g. 2 articles.
    pub quantity: u32,
    /// The measurable target that acceptance checks, e.g. "đăng trên tạp chí trong danh mục HĐGSNN".
    pub quality_criterion: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ContentItem {
    pub title: String,
    pub description: String,
}

/// The thuyết minh as the researcher fills it in. Drafts may be incomplete; [`check`] says what
/// is missing before submission.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ApplicationForm {
    pub title: String,
    pub field: String,
    pub duration_months: u32,
    pub urgency: String,
    pub objectives: String,
    pub contents: Vec<ContentItem>,
    pub methods: String,
    pub products: Vec<ExpectedProduct>,
    pub risk_plan: String,
    pub team: Vec<TeamMember>,
    pub budget: Vec<BudgetLine>,
    /// For a call made from an ordered task: where the dossier departs from the ordered name,
    /// objectives or products, and why (`proposal::order_issue`). Empty otherwise.
    #[serde(default)]
    pub departures: String,
}

/// A member's labour in đồng: coefficient × days × base rate, rounded half up to the đồng.
pub fn labour_dong(rulebook: &Rulebook, member: &TeamMember) -> Option<i64> {
    let permille = i128::from(rulebook.labour.of(member.role));
    let raw =
        permille * i128::from(member.days) * i128::from(rulebook.labour_base_rate_dong_per_day);
    i64::try_from((raw + 500) / 1000).ok()
}

/// The team's labour in đồng, or `None` if it overflows.
pub fn team_labour_dong(rulebook: &Rulebook, team: &[TeamMember]) -> Option<i64> {
    team.iter()
        .try_fold(0i64, |sum, m| sum.checked_add(labour_dong(rulebook, m)?))
}

/// Totals of a budget estimate, all in đồng.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct BudgetTotals {
    pub total_dong: i64,
    pub fund_dong: i64,
    pub counterpart_dong: i64,
    pub lump_sum_dong: i64,
    pub by_documents_dong: i64,
}

/// Sums the lines, or `None` if a sum overflows.
pub fn budget_totals(lines: &[BudgetLine]) -> Option<BudgetTotals> {
    lines.iter().try_fold(BudgetTotals::default(), |t, l| {
        Some(BudgetTotals {
            total_dong: t.total_dong.checked_add(l.amount_dong)?,
            fund_dong: t.fund_dong.checked_add(l.fund_dong)?,
            counterpart_dong: t.counterpart_dong.checked_add(l.counterpart_dong)?,
            lump_sum_dong: if l.lump_sum {
                t.lump_sum_dong.checked_add(l.amount_dong)?
            } else {
                t.lump_sum_dong
            },
            by_documents_dong: if l.lump_sum {
                t.by_documents_dong
            } else {
                t.by_documents_dong.checked_add(l.amount_dong)?
            },
        })
    })
}

pub(crate) fn text(out: &mut Vec<Issue>, path: &str, value: &str, required: bool) {
    bounded_text(out, path, value, required, MAX_TEXT_CHARS);
}

/// A text of at most `max_chars` characters (and not blank when `required`).
pub(crate) fn bounded_text(
    out: &mut Vec<Issue>,
    path: &str,
    value: &str,
    required: bool,
    max_chars: usize,
) {
    if required && value.trim().is_empty() {
        out.push(issue(path, FormProblem::Required));
    } else if value.chars().count() > max_chars {
        out.push(issue(path, FormProblem::TooLong { max_chars }));
    }
}

/// Like [`rows`], but an empty list is an issue only when `required`. True when the rows are
/// worth checking one by one.
pub(crate) fn rows_optional<T>(
    out: &mut Vec<Issue>,
    path: &str,
    list: &[T],
    required: bool,
) -> bool {
    if list.is_empty() {
        if required {
            out.push(issue(path, FormProblem::Required));
        }
        false
    } else {
        rows(out, path, list)
    }
}

pub(crate) fn rows<T>(out: &mut Vec<Issue>, path: &str, list: &[T]) -> bool {
    if list.is_empty() {
        out.push(issue(path, FormProblem::Required));
        false
    } else if list.len() > MAX_ROWS {
        out.push(issue(path, FormProblem::TooManyRows { max_rows: MAX_ROWS }));
        false
    } else {
        true
    }
}

/// Every missing or invalid item of the form, in the order the form shows them. Empty means the
/// dossier may be submitted.
pub fn check(form: &ApplicationForm, rulebook: &Rulebook) -> Vec<Issue> {
    let mut out = Vec::new();
    bounded_text(&mut out, "title", &form.title, true, MAX_TITLE_CHARS);
    text(&mut out, "field", &form.field, true);
    if form.duration_months == 0 || form.duration_months > rulebook.max_duration_months {
        out.push(issue(
            "duration_months",
            FormProblem::DurationOutOfRange {
                max_months: rulebook.max_duration_months,
            },
        ));
    }
    text(&mut out, "urgency", &form.urgency, true);
    text(&mut out, "objectives", &form.objectives, true);
    if rows(&mut out, "contents", &form.contents) {
        for (i, c) in form.contents.iter().enumerate() {
            text(&mut out, &format!("contents.{i}.title"), &c.title, true);
            text(
                &mut out,
                &format!("contents.{i}.description"),
                &c.description,
                false,
            );
        }
    }
    text(&mut out, "methods", &form.methods, true);
    if rows(&mut out, "products", &form.products) {
        for (i, p) in form.products.iter().enumerate() {
            text(&mut out, &format!("products.{i}.name"), &p.name, true);
            if p.quantity == 0 {
                out.push(issue(
                    format!("products.{i}.quantity"),
                    FormProblem::QuantityZero,
                ));
            }
            text(
                &mut out,
                &format!("products.{i}.quality_criterion"),
                &p.quality_criterion,
                true,
            );
        }
    }
    text(&mut out, "risk_plan", &form.risk_plan, true);
    check_team(&mut out, form, rulebook);
    check_budget(&mut out, form, rulebook);
    out
}

fn check_team(out: &mut Vec<Issue>, form: &ApplicationForm, _rulebook: &Rulebook) {
    if !rows(out, "team", &form.team) {
        return;
    }
    let count = |role| form.team.iter().filter(|m| m.role == role).count();
    match count(TeamRole::Leader) {
        0 => out.push(issue("team", FormProblem::NoLeader)),
        1 => {}
        _ => out.push(issue("team", FormProblem::SeveralLeaders)),
    }
    match count(TeamRole::ScientificSecretary) {
        0 => out.push(issue("team", FormProblem::NoSecretary)),
        1 => {}
        _ => out.push(issue("team", FormProblem::SeveralSecretaries)),
    }
    let max_days = form
        .duration_months
        .saturating_mul(WORKING_DAYS_PER_MONTH)
        .max(1);
    for (i, m) in form.team.iter().enumerate() {
        bounded_text(
            out,
            &format!("team.{i}.name"),
            &m.name,
            true,
            MAX_NAME_CHARS,
        );
        if !m.email.trim().is_empty() && crate::account::Email::parse(&m.email).is_err() {
            out.push(issue(format!("team.{i}.email"), FormProblem::InvalidEmail));
        }
        if m.days == 0 || m.days > max_days {
            out.push(issue(
                format!("team.{i}.days"),
                FormProblem::DaysOutOfRange { max_days },
            ));
        }
    }
}

fn check_budget(out: &mut Vec<Issue>, form: &ApplicationForm, rulebook: &Rulebook) {
    if !rows(out, "budget", &form.budget) {
        return;
    }
    for (i, l) in form.budget.iter().enumerate() {
        text(
            out,
            &format!("budget.{i}.description"),
            &l.description,
            true,
        );
        if l.amount_dong <= 0 {
            out.push(issue(
                format!("budget.{i}.amount_dong"),
                FormProblem::AmountNotPositive,
            ));
        } else if l.fund_dong < 0 || l.counterpart_dong < 0 {
            out.push(issue(
                format!("budget.{i}.fund_dong"),
                FormProblem::NegativeShare,
            ));
        } else if l.fund_dong.checked_add(l.counterpart_dong) != Some(l.amount_dong) {
            out.push(issue(
                format!("budget.{i}.fund_dong"),
                FormProblem::SplitDoesNotAddUp {
                    amount_dong: l.amount_dong,
                    fund_dong: l.fund_dong,
                    counterpart_dong: l.counterpart_dong,
                },
            ));
        }
        if l.lump_sum && !l.kind.may_be_lump_sum() {
            out.push(issue(
                format!("budget.{i}.lump_sum"),
                FormProblem::LumpSumNotAllowed,
            ));
        }
    }
    let Some(expected) = team_labour_dong(rulebook, &form.team) else {
        out.push(issue("team", FormProblem::TotalTooLarge));
        return;
    };
    let stated = form
        .budget
        .iter()
        .filter(|l| l.kind == BudgetLineKind::Labour)
        .try_fold(0i64, |s, l| s.checked_add(l.amount_dong));
    match stated {
        None => out.push(issue("budget", FormProblem::TotalTooLarge)),
        Some(stated) if stated != expected => out.push(issue(
            "budget",
            FormProblem::LabourMismatch {
                expected_dong: expected,
                stated_dong: stated,
            },
        )),
        Some(_) => {}
    }
    if budget_totals(&form.budget).is_none() {
        out.push(issue("budget", FormProblem::TotalTooLarge));
    }
}

/// Every value of the form under its path (`team.1.days` → `"60"`), in the form's order: what
/// a version comparison compares.
pub fn flatten(form: &ApplicationForm) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![
        ("title".into(), form.title.clone()),
        ("field".into(), form.field.clone()),
        ("duration_months".into(), form.duration_months.to_string()),
        ("urgency".into(), form.urgency.clone()),
        ("objectives".into(), form.objectives.clone()),
        ("methods".into(), form.methods.clone()),
        ("risk_plan".into(), form.risk_plan.clone()),
    ];
    for (i, c) in form.contents.iter().enumerate() {
        out.push((format!("contents.{i}.title"), c.title.clone()));
        out.push((format!("contents.{i}.description"), c.description.clone()));
    }
    for (i, p) in form.products.iter().enumerate() {
        out.push((format!("products.{i}.kind"), format!("{:?}", p.kind)));
        out.push((format!("products.{i}.name"), p.name.clone()));
        out.push((format!("products.{i}.quantity"), p.quantity.to_string()));
        out.push((
            format!("products.{i}.quality_criterion"),
            p.quality_criterion.clone(),
        ));
    }
    for (i, m) in form.team.iter().enumerate() {
        out.push((format!("team.{i}.name"), m.name.clone()));
        out.push((format!("team.{i}.role"), format!("{:?}", m.role)));
        out.push((format!("team.{i}.days"), m.days.to_string()));
        out.push((format!("team.{i}.email"), m.email.clone()));
    }
    for (i, l) in form.budget.iter().enumerate() {
        out.push((format!("budget.{i}.kind"), format!("{:?}", l.kind)));
        out.push((format!("budget.{i}.description"), l.description.clone()));
        out.push((format!("budget.{i}.amount_dong"), l.amount_dong.to_string()));
        out.push((format!("budget.{i}.fund_dong"), l.fund_dong.to_string()));
        out.push((
            format!("budget.{i}.counterpart_dong"),
            l.counterpart_dong.to_string(),
        ));
        out.push((format!("budget.{i}.lump_sum"), l.lump_sum.to_string()));
    }
    out
}

/// One difference between two versions: a value changed, appeared (`before` is `None`) or went
/// away (`after` is `None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Change {
    pub path: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What changed from `before` to `after`, in the order of the newer form (removed items last).
pub fn diff(before: &ApplicationForm, after: &ApplicationForm) -> Vec<Change> {
    let old = flatten(before);
    let new = flatten(after);
    let old_map: std::collections::HashMap<&str, &str> =
        old.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let new_map: std::collections::HashMap<&str, &str> =
        new.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut out: Vec<Change> = new
        .iter()
        .filter(|(k, v)| old_map.get(k.as_str()) != Some(&v.as_str()))
        .map(|(k, v)| Change {
            path: k.clone(),
            before: old_map.get(k.as_str()).map(|s| s.to_string()),
            after: Some(v.clone()),
        })
        .collect();
    out.extend(
        old.iter()
            .filter(|(k, _)| !new_map.contains_key(k.as_str()))
            .map(|(k, v)| Change {
                path: k.clone(),
                before: Some(v.clone()),
                after: None,
            }),
    );
    out
}
