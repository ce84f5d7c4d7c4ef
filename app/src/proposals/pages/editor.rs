//! The proposal form (`/proposals/new?round=…`, `/proposals/:id/edit`) and the wording fields it
//! shares with the council's conclusion.

use domain::call::PriorityArea;
use domain::proposal::{ExpectedProduct, HostMethod, ProposalForm, Wording};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::{action_error, route_id, ErrorBox, FieldError};
use crate::error::AppError;
use crate::fields::AmountInput;
use crate::i18n::{t, use_lang};
use crate::proposals::api::{get_proposal, host_choices, SaveProposal};

/// Products as the form shows them: one a line, "name | target".
pub(super) fn products_text(products: &[ExpectedProduct]) -> String {
    products
        .iter()
        .map(|p| format!("{} | {}", p.name, p.target))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn parse_products(text: &str) -> Vec<ExpectedProduct> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (name, target) = l.split_once('|').unwrap_or((l, ""));
            ExpectedProduct {
                name: name.trim().to_string(),
                target: target.trim().to_string(),
            }
        })
        .collect()
}

/// The wording's fields, bound to signals the caller reads when it sends the form.
#[derive(Clone, Copy)]
pub struct WordingSignals {
    title: RwSignal<String>,
    objectives: RwSignal<String>,
    products: RwSignal<String>,
    method: RwSignal<HostMethod>,
    host: RwSignal<Option<i64>>,
    reason: RwSignal<String>,
}

impl WordingSignals {
    pub fn new(w: &Wording) -> WordingSignals {
        WordingSignals {
            title: RwSignal::new(w.title.clone()),
            objectives: RwSignal::new(w.objectives.clone()),
            products: RwSignal::new(products_text(&w.products)),
            method: RwSignal::new(w.method),
            host: RwSignal::new(w.designated_organisation_id),
            reason: RwSignal::new(w.method_reason.clone()),
        }
    }

    pub fn read(self) -> Wording {
        Wording {
            title: self.title.get_untracked(),
            objectives: self.objectives.get_untracked(),
            products: parse_products(&self.products.get_untracked()),
            method: self.method.get_untracked(),
            designated_organisation_id: self.host.get_untracked(),
            method_reason: self.reason.get_untracked(),
        }
    }
}

/// The task's name, objectives, products and how its host is chosen. Errors are at
/// `wording.<field>`.
#[component]
pub fn WordingFields(w: WordingSignals, error: Signal<Option<AppError>>) -> impl IntoView {
    let lang = use_lang();
    let query = RwSignal::new(String::new());
    let found = Resource::new(move || query.get(), host_choices);
    view! {
        <label for="wording-title">{t("Tên nhiệm vụ", "Task title")}</label>
        <input id="wording-title" data-testid="wording-title" bind:value=w.title />
        <FieldError error field="wording.title" />
        <label for="wording-objectives">{t("Mục tiêu", "Objectives")}</label>
        <textarea id="wording-objectives" data-testid="wording-objectives" rows="3" bind:value=w.objectives></textarea>
        <FieldError error field="wording.objectives" />
        <label for="wording-products">{t("Sản phẩm dự kiến và chỉ tiêu đo được (mỗi dòng: tên | chỉ tiêu)", "Expected products and measurable targets (one a line: name | target)")}</label>
        <textarea id="wording-products" data-testid="wording-products" rows="3" bind:value=w.products></textarea>
        <FieldError error field="wording.products" />
        <label for="wording-method">{t("Phương thức chọn tổ chức chủ trì", "How the host is chosen")}</label>
        <select id="wording-method" data-testid="wording-method" on:change:target=move |ev| {
            w.method.set(if ev.target().value() == "direct_assignment" { HostMethod::DirectAssignment } else { HostMethod::OpenSelection });
        }>
            {[HostMethod::OpenSelection, HostMethod::DirectAssignment].into_iter().map(|m| view! {
                <option value=m.code() selected=move || w.method.get() == m>{move || m.label(lang.get())}</option>
            }).collect_view()}
        </select>
        <Show when=move || w.method.get() == HostMethod::DirectAssignment>
            <label for="host-search">{t("Tổ chức được giao trực tiếp (tìm theo tên)", "Host to assign directly (search by name)")}</label>
            <input id="host-search" data-testid="host-search" bind:value=query />
            <Transition fallback=|| ()>
                {move || found.get().map(|r| match r {
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                    Ok(items) => view! {
                        <select id="wording-host" data-testid="wording-host" aria-label="host" on:change:target=move |ev| w.host.set(ev.target().value().parse().ok())>
                            <option value="" selected=move || w.host.get().is_none()>{t("— Chọn tổ chức —", "— Choose —")}</option>
                            {items.into_iter().map(|o| {
                                let id = i64::from(o.id);
                                view! { <option value=id.to_string() selected=move || w.host.get() == Some(id)>{o.name}</option> }
                            }).collect_view()}
                        </select>
                    }.into_any(),
                })}
            </Transition>
            <FieldError error field="wording.designated_organisation_id" />
            <label for="wording-reason">{t("Lý do giao trực tiếp", "Why a direct assignment")}</label>
            <textarea id="wording-reason" data-testid="wording-reason" rows="2" bind:value=w.reason></textarea>
            <FieldError error field="wording.method_reason" />
        </Show>
    }
}

fn blank() -> ProposalForm {
    ProposalForm {
        wording: Wording {
            title: String::new(),
            objectives: String::new(),
            products: vec![],
            method: HostMethod::OpenSelection,
            designated_organisation_id: None,
            method_reason: String::new(),
        },
        problem: String::new(),
        keywords: String::new(),
        field: String::new(),
        priority_area: None,
        duration_months: 12,
        budget_dong: 0,
        other_resources: String::new(),
    }
}

#[component]
fn ProposalEditor(id: Option<i32>, round_id: i32, initial: ProposalForm) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SaveProposal>::new();
    let error = action_error(save.value());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = save.value().get() {
            navigate(&format!("/proposals/{id}"), Default::default());
        }
    });
    let w = WordingSignals::new(&initial.wording);
    let problem = RwSignal::new(initial.problem);
    let keywords = RwSignal::new(initial.keywords);
    let field = RwSignal::new(initial.field);
    let area = RwSignal::new(initial.priority_area);
    let months = RwSignal::new(initial.duration_months.to_string());
    let budget = RwSignal::new(initial.budget_dong.to_string());
    let other = RwSignal::new(initial.other_resources);
    let number = |s: String| s.replace(['.', ' '], "").parse::<i64>().unwrap_or(-1);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = ProposalForm {
            wording: w.read(),
            problem: problem.get_untracked(),
            keywords: keywords.get_untracked(),
            field: field.get_untracked(),
            priority_area: area.get_untracked(),
            duration_months: months.get_untracked().trim().parse().unwrap_or(0),
            budget_dong: number(budget.get_untracked()),
            other_resources: other.get_untracked(),
        };
        save.dispatch(SaveProposal { id, round_id, form });
    };
    view! {
        <form data-testid="proposal-form" novalidate on:submit=submit>
            <WordingFields w error />
            <label for="problem">{t("Vấn đề cần giải quyết và tính cấp thiết", "The problem and why it is urgent")}</label>
            <textarea id="problem" data-testid="problem" rows="4" bind:value=problem></textarea>
            <FieldError error field="problem" />
            <label for="keywords">{t("Từ khóa (cách nhau bằng dấu ;)", "Keywords (separated by ;)")}</label>
            <input id="keywords" data-testid="keywords" bind:value=keywords />
            <FieldError error field="keywords" />
            <label for="field">{t("Lĩnh vực", "Field")}</label>
            <input id="field" data-testid="field" bind:value=field />
            <FieldError error field="field" />
            <label for="area">{t("Lĩnh vực ưu tiên của tỉnh", "Province's priority area")}</label>
            <select id="area" on:change:target=move |ev| area.set(PriorityArea::from_code(&ev.target().value()))>
                <option value="" selected=move || area.get().is_none()>{t("— Không —", "— None —")}</option>
                {PriorityArea::ALL.iter().map(|a| {
                    let a = *a;
                    view! { <option value=a.code() selected=move || area.get() == Some(a)>{move || a.label(lang.get())}</option> }
                }).collect_view()}
            </select>
            <label for="months">{t("Thời gian thực hiện dự kiến (tháng)", "Indicative duration (months)")}</label>
            <input id="months" data-testid="months" inputmode="numeric" bind:value=months />
            <FieldError error field="duration_months" />
            <label for="budget">{t("Kinh phí dự kiến từ ngân sách (đồng)", "Indicative state budget (đồng)")}</label>
            <AmountInput value=budget id="budget" testid="budget" />
            <FieldError error field="budget_dong" />
            <label for="other">{t("Nguồn lực ngoài ngân sách", "Non-budget resources")}</label>
            <textarea id="other" rows="2" bind:value=other></textarea>
            <FieldError error field="round_id" />
            <FieldError error field="status" />
            <ErrorBox error />
            <button type="submit" class="button" data-testid="save-proposal" disabled=move || save.pending().get()>
                {t("Lưu bản nháp", "Save draft")}
            </button>
        </form>
    }
}

#[component]
pub fn NewProposalPage() -> impl IntoView {
    let query = use_query_map();
    let round = move || {
        query
            .read()
            .get("round")
            .and_then(|r| r.parse().ok())
            .unwrap_or(0)
    };
    view! {
        <section class="panel">
            <h1>{t("Đề xuất nhiệm vụ đặt hàng", "Propose a task to order")}</h1>
            {move || view! { <ProposalEditor id=None round_id=round() initial=blank() /> }}
        </section>
    }
}

#[component]
pub fn EditProposalPage() -> impl IntoView {
    let id = route_id();
    let proposal = Resource::new(move || id.get(), get_proposal);
    view! {
        <Transition fallback=|| ()>
            {move || proposal.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(p) => view! {
                    <section class="panel">
                        <h1>{t("Sửa đề xuất", "Edit the proposal")}</h1>
                        <ProposalEditor id=Some(p.id) round_id=p.round.id initial=p.form />
                    </section>
                }.into_any(),
            })}
        </Transition>
    }
}
