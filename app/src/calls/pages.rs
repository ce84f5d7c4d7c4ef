//! Officers' pages for calls (list, create, edit, publish) and the public page of a call.

use chrono::{Duration, Utc};
use domain::call::{CallForm, CallStatus, Formation, PriorityArea, TaskKind, TaskLevel};
use domain::format::{format_datetime, format_dong, parse_vietnam_local, vietnam_local_input};
use domain::glossary;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_navigate;

use crate::calls::api::{get_call, list_calls, CallRow, CreateCall, PublishCall, UpdateCall};
use crate::components::{action_error, route_id, ErrorBox, FieldError};
use crate::error::{AppError, Problem};
use crate::fields::AmountInput;
use crate::i18n::{t, term, terms, use_lang};
use crate::list::{query_and_page, PagedList};

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[component]
pub fn CallsPage() -> impl IntoView {
    let lang = use_lang();
    let (q, page) = query_and_page();
    let calls = Resource::new(move || (q.get(), page.get()), |(q, p)| list_calls(q, p));
    view! {
        <section class="panel">
            <div class="title-row">
                <h1>{t("Đợt tuyển chọn, giao trực tiếp", "Calls for proposals")}</h1>
                <A href="/calls/new" attr:class="button" attr:data-testid="new-call">{t("Tạo đợt mới", "New call")}</A>
            </div>
            <Form method="GET" action="">
                <div class="inline">
                    <label for="q" class="sr-only">{t("Tìm kiếm", "Search")}</label>
                    <input id="q" name="q" type="search" prop:value=move || q.get()
                        placeholder=move || lang.get().pick("Tìm theo tên đợt (có hoặc không dấu)…", "Search by title…") />
                    <button type="submit" class="button secondary">{t("Tìm", "Search")}</button>
                </div>
            </Form>
            <PagedList list=calls empty=("Chưa có đợt nào.", "No calls yet.") empty_testid="calls-empty"
                render={move |items: Vec<CallRow>| view! {
                    <table class="table" data-testid="call-list">
                        <thead><tr>
                            <th>{t("Mã", "Code")}</th>
                            <th>{t("Tên đợt", "Title")}</th>
                            <th>{t("Trạng thái", "Status")}</th>
                            <th>{term(glossary::DEADLINE)}</th>
                            <th>{term(glossary::BUDGET)}</th>
                        </tr></thead>
                        <tbody>
                            {items.into_iter().map(|c| view! {
                                <tr>
                                    <td>{c.code}</td>
                                    <td><A href=format!("/calls/{}", c.id)>{c.title}</A></td>
                                    <td>{move || c.status.label(lang.get())}</td>
                                    <td>{format_datetime(c.closes_at)}</td>
                                    <td class="num">{format_dong(c.budget_dong)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }} />
        </section>
    }
}

/// A fresh form: opens now, closes in thirty days at 17:00 Hà Nội time.
fn blank_form() -> CallForm {
    let now = Utc::now();
    let closes = (now + Duration::days(30))
        .date_naive()
        .and_hms_opt(10, 0, 0)
        .map(|t| t.and_utc());
    CallForm {
        title: String::new(),
        summary: String::new(),
        level: TaskLevel::Provincial,
        formation: Formation::Grant,
        kind: domain::call::TaskKind::Topic,
        fields: vec![],
        priority_areas: vec![],
        opens_at: now,
        closes_at: closes.unwrap_or(now + Duration::days(30)),
        budget_envelope_dong: 0,
        required_documents: vec![],
        designated_organisation_id: None,
    }
}

#[component]
pub fn NewCallPage() -> impl IntoView {
    let create = ServerAction::<CreateCall>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/calls/{id}"), Default::default());
        }
    });
    let error = action_error(create.value());
    view! {
        <section class="panel">
            <h1>{t("Tạo đợt mới", "New call")}</h1>
            <CallEditor initial=blank_form() error pending=create.pending().into()
                on_save=Callback::new(move |form| { create.dispatch(CreateCall { form }); }) />
        </section>
    }
}

#[component]
pub fn EditCallPage() -> impl IntoView {
    let id = route_id();
    let update = ServerAction::<UpdateCall>::new();
    let call = Resource::new(move || id.get(), get_call);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = update.value().get() {
            navigate(
                &format!("/calls/{}", id.get_untracked()),
                Default::default(),
            );
        }
    });
    let error = action_error(update.value());
    view! {
        <Transition fallback=|| ()>
            {move || call.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(c) => view! {
                    <section class="panel">
                        <h1>{format!("{} · ", c.code)}{t("Sửa đợt", "Edit call")}</h1>
                        <Show when=move || c.status == CallStatus::Published>
                            <p class="alert">{t(
                                "Đợt đã công bố: chỉ sửa được lời văn và gia hạn thời điểm đóng.",
                                "Published: only wording and a later closing time can change.",
                            )}</p>
                        </Show>
                        <CallEditor initial=c.form.clone() error pending=update.pending().into()
                            on_save=Callback::new(move |form| { update.dispatch(UpdateCall { id: id.get_untracked(), form }); }) />
                    </section>
                }.into_any(),
            })}
        </Transition>
    }
}

/// The one host organisation a direct assignment goes to, found by name, short name or tax code.
#[component]
fn DesignatedHost(
    designated: RwSignal<Option<i64>>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let hint = t("Tìm theo tên hoặc mã số thuế", "Search by name or tax code");
    let found = Resource::new(
        move || query.get(),
        |q| crate::admin::api::list_organisations(q, 1),
    );
    view! {
        <label for="designated-search">{t("Tổ chức chủ trì được giao trực tiếp", "Host organisation directly assigned")}</label>
        <input id="designated-search" data-testid="designated-search" placeholder=hint bind:value=query />
        <Transition fallback=|| ()>
            {move || found.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(page) => view! {
                    <select id="designated" data-testid="designated" aria-label="designated" on:change:target=move |ev| {
                        designated.set(ev.target().value().parse().ok());
                    }>
                        <option value="" selected=move || designated.get().is_none()>{t("— Chọn tổ chức —", "— Choose —")}</option>
                        {page.items.into_iter().map(|o| {
                            let id = i64::from(o.id);
                            view! { <option value=id.to_string() selected=move || designated.get() == Some(id)>{o.name}</option> }
                        }).collect_view()}
                    </select>
                }.into_any(),
            })}
        </Transition>
        <FieldError error field="designated_organisation_id" />
    }
}

#[component]
fn CallEditor(
    initial: CallForm,
    #[prop(into)] error: Signal<Option<AppError>>,
    pending: Signal<bool>,
    on_save: Callback<CallForm>,
) -> impl IntoView {
    let lang = use_lang();
    let title = RwSignal::new(initial.title.clone());
    let summary = RwSignal::new(initial.summary.clone());
    let level = RwSignal::new(initial.level);
    let formation = RwSignal::new(initial.formation);
    let kind = RwSignal::new(initial.kind);
    let fields = RwSignal::new(initial.fields.clone());
    let areas = RwSignal::new(initial.priority_areas.clone());
    let opens = RwSignal::new(vietnam_local_input(initial.opens_at));
    let closes = RwSignal::new(vietnam_local_input(initial.closes_at));
    let budget = RwSignal::new(initial.budget_envelope_dong.to_string());
    let documents = RwSignal::new(initial.required_documents.join("\n"));
    let designated = RwSignal::new(initial.designated_organisation_id);
    // Errors found in the browser before anything is sent.
    let local_error = RwSignal::new(None::<AppError>);
    let shown = Signal::derive(move || local_error.get().or_else(|| error.get()));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let bad = |f: &str| {
            Some(AppError::invalid(
                f,
                Problem::Form(domain::issue::FormProblem::Required),
            ))
        };
        let Some(opens_at) = parse_vietnam_local(&opens.get_untracked()) else {
            local_error.set(bad("opens_at"));
            return;
        };
        let Some(closes_at) = parse_vietnam_local(&closes.get_untracked()) else {
            local_error.set(bad("closes_at"));
            return;
        };
        let Ok(budget_envelope_dong) = budget
            .get_untracked()
            .replace(['.', ' '], "")
            .parse::<i64>()
        else {
            local_error.set(bad("budget_envelope_dong"));
            return;
        };
        local_error.set(None);
        on_save.run(CallForm {
            title: title.get_untracked(),
            summary: summary.get_untracked(),
            level: level.get_untracked(),
            formation: formation.get_untracked(),
            kind: kind.get_untracked(),
            fields: fields.get_untracked(),
            priority_areas: areas.get_untracked(),
            opens_at,
            closes_at,
            budget_envelope_dong,
            required_documents: lines(&documents.get_untracked()),
            designated_organisation_id: designated.get_untracked(),
        });
    };
    view! {
        <form on:submit=submit data-testid="call-form" novalidate>
            <label for="title">{t("Tên đợt", "Title")}</label>
            <input id="title" bind:value=title />
            <FieldError error=shown field="title" />
            <label for="summary">{t("Mô tả", "Summary")}</label>
            <textarea id="summary" rows="3" bind:value=summary></textarea>
            <FieldError error=shown field="summary" />
            <label for="level">{t("Cấp nhiệm vụ", "Level")}</label>
            <select id="level" on:change:target=move |ev| {
                if let Some(l) = TaskLevel::from_code(&ev.target().value()) { level.set(l) }
            }>
                {TaskLevel::ALL.iter().map(|l| view! {
                    <option value=l.code() selected=move || level.get() == *l>{move || l.label(lang.get())}</option>
                }).collect_view()}
            </select>
            <FieldError error=shown field="level" />
            <label for="kind">{t("Loại nhiệm vụ", "Task type")}</label>
            <select id="kind" data-testid="call-kind" on:change:target=move |ev| {
                if let Some(k) = TaskKind::from_code(&ev.target().value()) { kind.set(k) }
            }>
                {TaskKind::ALL.iter().map(|k| view! {
                    <option value=k.code() selected=move || kind.get() == *k>{move || k.label(lang.get())}</option>
                }).collect_view()}
            </select>
            <label for="formation">{term(glossary::FORMATION)}</label>
            <select id="formation" on:change:target=move |ev| {
                if let Some(f) = Formation::from_code(&ev.target().value()) { formation.set(f) }
            }>
                {Formation::ALL.iter().map(|f| view! {
                    <option value=f.code() selected=move || formation.get() == *f>{move || f.label(lang.get())}</option>
                }).collect_view()}
            </select>
            <Show when=move || formation.get() == Formation::OrderDirectAssignment>
                <DesignatedHost designated error=shown />
            </Show>
            <super::science_fields::ScienceFieldChoice chosen=fields />
            <FieldError error=shown field="fields" />
            <fieldset>
                <legend>{t("Lĩnh vực ưu tiên của tỉnh", "Province's priority areas")}</legend>
                {PriorityArea::ALL.iter().map(|a| {
                    let a = *a;
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || areas.get().contains(&a)
                                on:change:target=move |ev| {
                                    let on = ev.target().checked();
                                    areas.update(|v| { v.retain(|x| *x != a); if on { v.push(a) } });
                                } />
                            {move || a.label(lang.get())}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <label for="opens_at">{t("Mở nhận hồ sơ (giờ Việt Nam)", "Opens (Vietnam time)")}</label>
            <input id="opens_at" type="datetime-local" step="1" bind:value=opens />
            <FieldError error=shown field="opens_at" />
            <label for="closes_at">{t("Hạn nộp hồ sơ (giờ Việt Nam, chính xác đến giây)", "Closes (Vietnam time, to the second)")}</label>
            <input id="closes_at" type="datetime-local" step="1" bind:value=closes />
            <FieldError error=shown field="closes_at" />
            <label for="budget_envelope_dong">{t("Kinh phí dự kiến (đồng)", "Budget envelope (đồng)")}</label>
            <AmountInput value=budget id="budget_envelope_dong" testid="budget_envelope_dong" />
            <FieldError error=shown field="budget_envelope_dong" />
            <label for="required_documents">{t("Hồ sơ yêu cầu (mỗi dòng một tài liệu)", "Required documents (one per line)")}</label>
            <textarea id="required_documents" rows="4" bind:value=documents></textarea>
            <FieldError error=shown field="required_documents" />
            <FieldError error=shown field="form" />
            <ErrorBox error=shown />
            <button type="submit" class="button" data-testid="save-call" disabled=move || pending.get()>
                {t("Lưu", "Save")}
            </button>
        </form>
    }
}

#[component]
#[expect(
    clippy::too_many_lines,
    reason = "one page's markup in the order it shows; the parts other pages share are components"
)]
pub fn CallPage() -> impl IntoView {
    let lang = use_lang();
    let id = route_id();
    let publish = ServerAction::<PublishCall>::new();
    let call = Resource::new(
        move || (id.get(), publish.version().get()),
        |(id, _)| get_call(id),
    );
    let publish_error = action_error(publish.value());
    view! {
        <Transition fallback=|| ()>
            {move || call.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(c) => {
                    let draft = c.status == CallStatus::Draft;
                    let editable = c.editable;
                    let researcher = crate::use_session()
                        .info
                        .get()
                        .and_then(|r| r.ok())
                        .and_then(|s| s.me)
                        .is_some_and(|m| m.has(domain::roles::Role::Researcher));
                    let issues = c.publication_issues.clone();
                    let ready = issues.is_empty();
                    let f = c.form.clone();
                    view! {
                        <section class="panel" data-testid="call">
                            <p class="muted">{c.code.clone()}" · "<span data-testid="call-status">{move || c.status.label(lang.get())}</span></p>
                            <h1>{f.title.clone()}</h1>
                            <p>{f.summary.clone()}</p>
                            <dl class="facts" data-testid="call-facts">
                                <dt>{t("Cấp", "Level")}</dt><dd>{move || f.level.label(lang.get())}</dd>
                                <dt>{t("Loại nhiệm vụ", "Task type")}</dt><dd data-testid="call-kind">{move || f.kind.label(lang.get())}</dd>
                                <dt>{term(glossary::FORMATION)}</dt><dd>{move || f.formation.label(lang.get())}</dd>
                                {c.managing_unit.clone().map(|name| view! {
                                    <dt>{t("Đơn vị quản lý", "Managing unit")}</dt><dd data-testid="managing-unit">{name}</dd>
                                })}
                                {c.designated_organisation.clone().map(|name| view! {
                                    <dt>{t("Giao trực tiếp cho", "Directly assigned to")}</dt><dd data-testid="designated-host">{name}</dd>
                                })}
                                <dt>{terms(glossary::FIELD)}</dt><dd>{f.fields.join(", ")}</dd>
                                <dt>{t("Ưu tiên", "Priorities")}</dt>
                                <dd>{let a = f.priority_areas.clone(); move || a.iter().map(|x| x.label(lang.get())).collect::<Vec<_>>().join(", ")}</dd>
                                <dt>{t("Mở nhận hồ sơ", "Opens")}</dt><dd>{format_datetime(f.opens_at)}</dd>
                                <dt>{term(glossary::DEADLINE)}</dt><dd data-testid="call-deadline">{format_datetime(f.closes_at)}</dd>
                                <dt>{t("Kinh phí dự kiến", "Budget envelope")}</dt><dd>{format_dong(f.budget_envelope_dong)}</dd>
                                <dt>{t("Bộ quy tắc áp dụng", "Rulebook")}</dt>
                                <dd>{c.rulebook_version.map(|v| format!("v{v}")).unwrap_or_else(|| "—".into())}</dd>
                            </dl>
                            <h2>{t("Hồ sơ yêu cầu", "Required documents")}</h2>
                            <ul>{f.required_documents.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul>
                            <Show when=move || editable>
                                <A href=format!("/calls/{}/edit", c.id) attr:class="button secondary" attr:data-testid="edit-call">{t("Sửa", "Edit")}</A>
                            </Show>
                            <Show when=move || editable && !draft>
                                <A href=format!("/calls/{}/letters", c.id) attr:class="button secondary" attr:data-testid="call-letters">{t("Gửi thư cho người nộp hồ sơ", "Letters to the applicants")}</A>
                                <crate::councils::pages::NewCouncil call_id=c.id />
                            </Show>
                            <Show when=move || researcher && !draft>
                                <crate::applications::pages::StartApplication call_id=c.id />
                            </Show>
                        </section>
                        <Show when=move || editable && draft>
                            <section class="panel" data-testid="publication-check">
                                <h2>{t("Kiểm tra trước khi công bố", "Check before publishing")}</h2>
                                {if ready {
                                    view! { <p class="alert ok">{t("Đủ điều kiện công bố.", "Ready to publish.")}</p> }.into_any()
                                } else {
                                    let issues = issues.clone();
                                    view! {
                                        <ul class="issues">
                                            {issues.into_iter().map(|i| {
                                                let anchor = format!("/calls/{}/edit#{}", c.id, i.path.split('.').next().unwrap_or_default());
                                                view! { <li data-testid="publication-issue"><A href=anchor>{i.path.clone()}</A>": "{move || i.problem.message(lang.get())}</li> }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <ErrorBox error=publish_error with_fields=true />
                                <button class="button" data-testid="publish-call" disabled=move || !ready || publish.pending().get()
                                    on:click=move |_| { publish.dispatch(PublishCall { id: id.get_untracked() }); }>
                                    {t("Công bố đợt", "Publish the call")}
                                </button>
                            </section>
                        </Show>
                    }.into_any()
                }
            })}
        </Transition>
    }
}
