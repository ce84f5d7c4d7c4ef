//! The thuyết minh editor: every section as structured fields, rows added and removed in place,
//! and the pinned rulebook's checks and totals recomputed in the browser as the user types.

use domain::application::{
    budget_totals, check, team_labour_dong, ApplicationForm, BudgetLine, BudgetLineKind,
    ContentItem, ExpectedProduct, ProductKind, TeamMember, TeamRole,
};
use domain::format::format_dong;
use domain::glossary;
use domain::rulebook::Rulebook;
use domain::Lang;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::applications::api::{get_application, SaveApplication};
use crate::applications::autosave::Autosave;
use crate::components::{action_error, route_id, ErrorBox, FieldError};
use crate::fields::{amount_input, anchor, remove_row, text_area, text_input, Problem, Touched};
use crate::i18n::{t, term, use_lang};
use domain::issue::Issue;
use domain::proposal::{order_issue, Wording};

type Form = RwSignal<ApplicationForm>;

fn role_label(r: TeamRole, l: Lang) -> &'static str {
    r.label(l)
}

/// The kinds in the order offered, with their labels (`BudgetLineKind::label`).
const BUDGET_KINDS: [BudgetLineKind; 11] = BudgetLineKind::ALL;

pub(crate) const PRODUCT_KINDS: [(ProductKind, &str, &str); 9] = [
    (ProductKind::Report, "Báo cáo", "Report"),
    (ProductKind::Publication, "Bài báo, công bố", "Publication"),
    (
        ProductKind::IntellectualProperty,
        "Sở hữu trí tuệ",
        "Intellectual property",
    ),
    (
        ProductKind::ProcessOrModel,
        "Quy trình, mô hình",
        "Process or model",
    ),
    (ProductKind::Prototype, "Mẫu máy, thiết bị", "Prototype"),
    (ProductKind::Software, "Phần mềm", "Software"),
    (ProductKind::Database, "Cơ sở dữ liệu", "Database"),
    (ProductKind::Training, "Đào tạo", "Training"),
    (ProductKind::Other, "Khác", "Other"),
];

#[component]
pub fn EditApplicationPage() -> impl IntoView {
    let id = route_id();
    let loaded = Resource::new(move || id.get(), get_application);
    view! {
        <Transition fallback=|| ()>
            {move || loaded.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(a) => view! { <Editor id=a.id initial=a.form rulebook=a.rulebook call=a.call_code ordered=a.ordered /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Editor(
    id: i32,
    initial: ApplicationForm,
    rulebook: Rulebook,
    call: String,
    ordered: Option<Wording>,
) -> impl IntoView {
    let lang = use_lang();
    let form: Form = RwSignal::new(initial.clone());
    let rb = rulebook.clone();
    let order = ordered.clone();
    let touched = Touched::provide();
    let issues = Memo::new(move |_| {
        form.with(|f| {
            let mut out = check(f, &rb);
            out.extend(order.as_ref().and_then(|o| order_issue(f, o)));
            out
        })
    });
    let rb2 = rulebook.clone();
    let labour = Memo::new(move |_| form.with(|f| team_labour_dong(&rb2, &f.team)));
    let totals = Memo::new(move |_| form.with(|f| budget_totals(&f.budget)));
    let save = ServerAction::<SaveApplication>::new();
    let error = action_error(save.value());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            navigate(&format!("/applications/{id}"), Default::default());
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        touched.all();
        save.dispatch(SaveApplication {
            id,
            form: form.get_untracked(),
        });
    };
    let sync_labour = move |_| {
        if let Some(amount) = labour.get_untracked() {
            form.update(|f| {
                f.budget.retain(|l| l.kind != BudgetLineKind::Labour);
                f.budget.insert(
                    0,
                    BudgetLine {
                        kind: BudgetLineKind::Labour,
                        description: lang
                            .get_untracked()
                            .pick("Tiền công lao động", "Labour")
                            .into(),
                        amount_dong: amount,
                        fund_dong: amount,
                        counterpart_dong: 0,
                        lump_sum: true,
                    },
                );
            });
        }
    };

    view! {
        <form on:submit=submit on:focusout=move |ev| touched.mark(&ev) on:change=move |ev| touched.mark(&ev) class="editor" data-testid="application-form" novalidate>
            <section class="panel">
                <p class="muted">{call}</p>
                <h1>{t("Thuyết minh nhiệm vụ", "Task description")}</h1>
                <label for="title">{term(glossary::TASK_TITLE)}</label>
                {text_input(form, "title".into(), |f| f.title.clone(), |f, v| f.title = v)}
                <label for="field">{term(glossary::FIELD)}</label>
                {text_input(form, "field".into(), |f| f.field.clone(), |f, v| f.field = v)}
                <label for="duration_months">{t("Thời gian thực hiện (tháng)", "Duration (months)")}</label>
                <input id="duration_months" data-testid="duration_months" inputmode="numeric" prop:value=move || form.with(|f| f.duration_months.to_string())
                    on:input:target=move |ev| form.update(|f| f.duration_months = ev.target().value().trim().parse().unwrap_or(0)) />
                <Problem issues path="duration_months".into() />
                <label for="urgency">{t("Tính cấp thiết", "Urgency")}</label>
                {text_area(form, "urgency".into(), |f| f.urgency.clone(), |f, v| f.urgency = v)}
                <label for="objectives">{t("Mục tiêu", "Objectives")}</label>
                {text_area(form, "objectives".into(), |f| f.objectives.clone(), |f, v| f.objectives = v)}
                <label for="methods">{t("Cách tiếp cận, phương pháp nghiên cứu", "Approach and methods")}</label>
                {text_area(form, "methods".into(), |f| f.methods.clone(), |f, v| f.methods = v)}
                <label for="risk_plan">{t("Kế hoạch quản lý rủi ro", "Risk-management plan")}</label>
                {text_area(form, "risk_plan".into(), |f| f.risk_plan.clone(), |f, v| f.risk_plan = v)}
            </section>
            {ordered.map(|o| view! { <OrderedTask ordered=o form issues /> })}

            <section class="panel" id="contents">
                <h2>{t("Nội dung nghiên cứu", "Research contents")}</h2>
                <For each=move || 0..form.with(|f| f.contents.len()) key=|i| *i let:i>
                    <div class="row">
                        <label for=anchor(&format!("contents.{i}.title"))>{move || format!("{} {}", glossary::CONTENT.pick(lang.get()), i + 1)}</label>
                        {text_input(form, format!("contents.{i}.title"), move |f| f.contents.get(i).map(|c| c.title.clone()).unwrap_or_default(), move |f, v| if let Some(c) = f.contents.get_mut(i) { c.title = v })}
                        {remove_row("contents", ("nội dung", "content"), i, move || form.update(|f| { if i < f.contents.len() { f.contents.remove(i); } }))}
                    </div>
                </For>
                <button type="button" class="button secondary" data-testid="add-content"
                    on:click=move |_| form.update(|f| f.contents.push(ContentItem::default()))>{t("+ Thêm nội dung", "+ Add content")}</button>
            </section>

            <section class="panel" id="products">
                <h2>{t("Sản phẩm dự kiến (chỉ tiêu đo được)", "Expected products (measurable targets)")}</h2>
                <For each=move || 0..form.with(|f| f.products.len()) key=|i| *i let:i>
                    <div class="row">
                        <select aria-label="Loại sản phẩm / Product kind" on:change:target=move |ev| {
                            let k = PRODUCT_KINDS.get(ev.target().selected_index().max(0) as usize).map(|p| p.0);
                            form.update(|f| if let (Some(p), Some(k)) = (f.products.get_mut(i), k) { p.kind = k });
                        }>
                            {PRODUCT_KINDS.iter().map(|(k, vi, en)| {
                                let k = *k;
                                view! { <option selected=move || form.with(|f| f.products.get(i).map(|p| p.kind) == Some(k))>{move || lang.get().pick(vi, en)}</option> }
                            }).collect_view()}
                        </select>
                        <label for=anchor(&format!("products.{i}.name"))>{t("Tên sản phẩm", "Product")}</label>
                        {text_input(form, format!("products.{i}.name"), move |f| f.products.get(i).map(|p| p.name.clone()).unwrap_or_default(), move |f, v| if let Some(p) = f.products.get_mut(i) { p.name = v })}
                        <label for=anchor(&format!("products.{i}.quantity"))>{t("Số lượng", "Quantity")}</label>
                        <input id=anchor(&format!("products.{i}.quantity")) data-testid=anchor(&format!("products.{i}.quantity")) inputmode="numeric"
                            prop:value=move || form.with(|f| f.products.get(i).map(|p| p.quantity.to_string()).unwrap_or_default())
                            on:input:target=move |ev| form.update(|f| if let Some(p) = f.products.get_mut(i) { p.quantity = ev.target().value().trim().parse().unwrap_or(0) }) />
                        <Problem issues path=format!("products.{i}.quantity") />
                        <label for=anchor(&format!("products.{i}.quality_criterion"))>{t("Chỉ tiêu chất lượng", "Quality criterion")}</label>
                        {text_input(form, format!("products.{i}.quality_criterion"), move |f| f.products.get(i).map(|p| p.quality_criterion.clone()).unwrap_or_default(), move |f, v| if let Some(p) = f.products.get_mut(i) { p.quality_criterion = v })}
                        {remove_row("products", ("sản phẩm", "product"), i, move || form.update(|f| { if i < f.products.len() { f.products.remove(i); } }))}
                    </div>
                </For>
                <button type="button" class="button secondary" data-testid="add-product"
                    on:click=move |_| form.update(|f| f.products.push(ExpectedProduct { kind: ProductKind::Report, name: String::new(), quantity: 1, quality_criterion: String::new() }))>
                    {t("+ Thêm sản phẩm", "+ Add product")}
                </button>
            </section>

            <section class="panel" id="team">
                <h2>{t("Nhóm thực hiện", "Team")}</h2>
                <Problem issues path="team".into() />
                <For each=move || 0..form.with(|f| f.team.len()) key=|i| *i let:i>
                    <div class="row">
                        <label for=anchor(&format!("team.{i}.name"))>{move || format!("{} {}", glossary::MEMBER.pick(lang.get()), i + 1)}</label>
                        {text_input(form, format!("team.{i}.name"), move |f| f.team.get(i).map(|m| m.name.clone()).unwrap_or_default(), move |f, v| if let Some(m) = f.team.get_mut(i) { m.name = v })}
                        <select aria-label="Chức danh / Position" data-testid=format!("team-role-{i}") on:change:target=move |ev| {
                            let r = TeamRole::ALL.get(ev.target().selected_index().max(0) as usize).copied();
                            form.update(|f| if let (Some(m), Some(r)) = (f.team.get_mut(i), r) { m.role = r });
                        }>
                            {TeamRole::ALL.iter().map(|r| {
                                let r = *r;
                                view! { <option selected=move || form.with(|f| f.team.get(i).map(|m| m.role) == Some(r))>{move || role_label(r, lang.get())}</option> }
                            }).collect_view()}
                        </select>
                        <label for=anchor(&format!("team.{i}.days"))>{t("Số ngày công", "Working days")}</label>
                        <input id=anchor(&format!("team.{i}.days")) data-testid=anchor(&format!("team.{i}.days")) inputmode="numeric"
                            prop:value=move || form.with(|f| f.team.get(i).map(|m| m.days.to_string()).unwrap_or_default())
                            on:input:target=move |ev| form.update(|f| if let Some(m) = f.team.get_mut(i) { m.days = ev.target().value().trim().parse().unwrap_or(0) }) />
                        <Problem issues path=format!("team.{i}.days") />
                        <label for=anchor(&format!("team.{i}.email"))>{t("Thư điện tử (nếu có tài khoản: được xem hồ sơ)", "E-mail (with an account: may read the dossier)")}</label>
                        {text_input(form, format!("team.{i}.email"), move |f| f.team.get(i).map(|m| m.email.clone()).unwrap_or_default(), move |f, v| if let Some(m) = f.team.get_mut(i) { m.email = v })}
                        <Problem issues path=format!("team.{i}.email") />
                        {remove_row("team", ("thành viên", "member"), i, move || form.update(|f| { if i < f.team.len() { f.team.remove(i); } }))}
                    </div>
                </For>
                <button type="button" class="button secondary" data-testid="add-member"
                    on:click=move |_| form.update(|f| f.team.push(TeamMember { name: String::new(), role: if f.team.is_empty() { TeamRole::Leader } else { TeamRole::Member }, days: 0, email: String::new() }))>
                    {t("+ Thêm thành viên", "+ Add member")}
                </button>
                <p data-testid="labour-total">{move || match (labour.get(), lang.get()) {
                    (Some(v), Lang::Vi) => format!("Tiền công theo hệ số × ngày công × {} /ngày: {}", format_dong(rulebook.labour_base_rate_dong_per_day), format_dong(v)),
                    (Some(v), Lang::En) => format!("Labour by coefficient × days × {} per day: {}", format_dong(rulebook.labour_base_rate_dong_per_day), format_dong(v)),
                    (None, _) => String::new(),
                }}</p>
                <button type="button" class="button secondary" data-testid="sync-labour" on:click=sync_labour>
                    {t("Đưa tiền công vào dự toán", "Put labour into the budget")}
                </button>
            </section>

            <section class="panel" id="budget">
                <h2>{t("Dự toán kinh phí (đồng)", "Budget estimate (đồng)")}</h2>
                <Problem issues path="budget".into() />
                <For each=move || 0..form.with(|f| f.budget.len()) key=|i| *i let:i>
                    <div class="row">
                        <select aria-label="Khoản chi / Line" data-testid=format!("budget-{i}-kind") on:change:target=move |ev| {
                            let k = BUDGET_KINDS.get(ev.target().selected_index().max(0) as usize).copied();
                            form.update(|f| if let (Some(l), Some(k)) = (f.budget.get_mut(i), k) { l.kind = k });
                        }>
                            {BUDGET_KINDS.iter().map(|k| {
                                let k = *k;
                                view! { <option selected=move || form.with(|f| f.budget.get(i).map(|l| l.kind) == Some(k))>{move || k.label(lang.get())}</option> }
                            }).collect_view()}
                        </select>
                        <label for=anchor(&format!("budget.{i}.description"))>{t("Diễn giải", "Description")}</label>
                        {text_input(form, format!("budget.{i}.description"), move |f| f.budget.get(i).map(|l| l.description.clone()).unwrap_or_default(), move |f, v| if let Some(l) = f.budget.get_mut(i) { l.description = v })}
                        <label for=anchor(&format!("budget.{i}.amount_dong"))>{term(glossary::TOTAL)}</label>
                        {amount_input(form, format!("budget.{i}.amount_dong"), move |f| f.budget.get(i).map_or(0, |l| l.amount_dong), move |f, v| if let Some(l) = f.budget.get_mut(i) { l.amount_dong = v })}
                        <label for=anchor(&format!("budget.{i}.fund_dong"))>{t("Từ Quỹ", "From the fund")}</label>
                        {amount_input(form, format!("budget.{i}.fund_dong"), move |f| f.budget.get(i).map_or(0, |l| l.fund_dong), move |f, v| if let Some(l) = f.budget.get_mut(i) { l.fund_dong = v })}
                        <label for=anchor(&format!("budget.{i}.counterpart_dong"))>{t("Đối ứng", "Counterpart")}</label>
                        {amount_input(form, format!("budget.{i}.counterpart_dong"), move |f| f.budget.get(i).map_or(0, |l| l.counterpart_dong), move |f, v| if let Some(l) = f.budget.get_mut(i) { l.counterpart_dong = v })}
                        <Problem issues path=format!("budget.{i}.fund_dong") />
                        <label class="check">
                            <input type="checkbox" id=anchor(&format!("budget.{i}.lump_sum")) data-testid=anchor(&format!("budget.{i}.lump_sum"))
                                prop:checked=move || form.with(|f| f.budget.get(i).is_some_and(|l| l.lump_sum))
                                on:change:target=move |ev| form.update(|f| if let Some(l) = f.budget.get_mut(i) { l.lump_sum = ev.target().checked() }) />
                            {t("Khoán chi", "Lump-sum")}
                        </label>
                        <Problem issues path=format!("budget.{i}.lump_sum") />
                        {remove_row("budget", ("dòng kinh phí", "budget line"), i, move || form.update(|f| { if i < f.budget.len() { f.budget.remove(i); } }))}
                    </div>
                </For>
                <button type="button" class="button secondary" data-testid="add-budget-line"
                    on:click=move |_| form.update(|f| f.budget.push(BudgetLine { kind: BudgetLineKind::MaterialsEnergy, description: String::new(), amount_dong: 0, fund_dong: 0, counterpart_dong: 0, lump_sum: true }))>
                    {t("+ Thêm khoản chi", "+ Add a line")}
                </button>
                <dl class="facts" data-testid="budget-totals">
                    <dt>{t("Tổng cộng", "Total")}</dt><dd>{move || totals.get().map(|t| format_dong(t.total_dong)).unwrap_or_default()}</dd>
                    <dt>{t("Từ Quỹ", "From the fund")}</dt><dd>{move || totals.get().map(|t| format_dong(t.fund_dong)).unwrap_or_default()}</dd>
                    <dt>{t("Đối ứng", "Counterpart")}</dt><dd>{move || totals.get().map(|t| format_dong(t.counterpart_dong)).unwrap_or_default()}</dd>
                    <dt>{t("Khoán chi", "Lump-sum")}</dt><dd>{move || totals.get().map(|t| format_dong(t.lump_sum_dong)).unwrap_or_default()}</dd>
                </dl>
            </section>

            <section class="panel">
                <p data-testid="issue-count">{move || match lang.get() {
                    Lang::Vi => format!("Còn {} mục cần hoàn thiện trước khi nộp.", issues.with(Vec::len)),
                    Lang::En => format!("{} item(s) to complete before submitting.", issues.with(Vec::len)),
                }}</p>
                <FieldError error field="status" />
                <ErrorBox error />
                <Autosave id form initial main=save />
                <button type="submit" class="button" data-testid="save-application" disabled=move || save.pending().get()>{t("Lưu hồ sơ", "Save")}</button>
                " "
                <A href=format!("/applications/{id}")>{t("Hủy", "Cancel")}</A>
            </section>
        </form>
    }
}

/// The task as ordered, beside the dossier that answers it, and where the dossier departs.
#[component]
fn OrderedTask(ordered: Wording, form: Form, issues: Memo<Vec<Issue>>) -> impl IntoView {
    view! {
        <section class="panel" id="departures" data-testid="ordered-task">
            <h2>{t("Nhiệm vụ đặt hàng đã được phê duyệt", "The ordered task as approved")}</h2>
            <dl class="facts">
                <dt>{t("Tên", "Title")}</dt><dd>{ordered.title.clone()}</dd>
                <dt>{t("Mục tiêu", "Objectives")}</dt><dd>{ordered.objectives.clone()}</dd>
                <dt>{t("Sản phẩm", "Products")}</dt><dd>{ordered.products_text()}</dd>
            </dl>
            <label for="departures">{t("Điểm khác với nhiệm vụ đặt hàng và lý do (nếu có)", "Where the dossier departs from the ordered task, and why (if it does)")}</label>
            {text_area(form, "departures".into(), |f| f.departures.clone(), |f, v| f.departures = v)}
            <Problem issues path="departures".into() />
        </section>
    }
}
