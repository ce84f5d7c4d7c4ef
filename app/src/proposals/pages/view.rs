//! `/proposals/:id`: a proposal as its reader sees it — its content, its pre-submit check, the
//! close tasks and proposals, the council's conclusion with its changes — and what the reader
//! may do next.

use domain::format::{format_datetime, format_dong};
use domain::similarity::{Change, EarlierKind};
use leptos::prelude::*;
use leptos_router::components::A;

use super::decide::{DecidePanel, RecommendPanel};
use crate::components::{action_error, route_id, ErrorBox};
use crate::confirm::ConfirmButton;
use crate::i18n::{t, use_lang};
use crate::proposals::api::{
    get_proposal, OpenCall, ProposalView, SubmitProposal, WithdrawProposal, WordingDiff,
};

fn field_label(field: &str) -> (&'static str, &'static str) {
    match field {
        "title" => ("Tên nhiệm vụ", "Title"),
        "objectives" => ("Mục tiêu", "Objectives"),
        "products" => ("Sản phẩm", "Products"),
        _ => ("Phương thức", "Method"),
    }
}

#[component]
fn Diff(diff: Vec<WordingDiff>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <dl class="facts" data-testid="wording-diff">
            {diff.into_iter().map(|d| {
                let (vi, en) = field_label(&d.field);
                view! {
                    <dt>{move || lang.get().pick(vi, en)}</dt>
                    <dd class="diff">{d.changes.into_iter().map(|c| match c {
                        Change::Same(s) => view! { <span>{s}</span> }.into_any(),
                        Change::Removed(s) => view! { <del data-testid="diff-removed">{s}</del> }.into_any(),
                        Change::Added(s) => view! { <ins data-testid="diff-added">{s}</ins> }.into_any(),
                    }).collect_view()}</dd>
                }
            }).collect_view()}
        </dl>
    }
}

/// The identification council the proposal sits before, and its count once closed.
#[component]
fn JudgedBy(c: crate::identification::api::JudgedBy) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="panel" data-testid="judged-by">
            <h2>{t("Hội đồng tư vấn xác định nhiệm vụ", "Identification council")}</h2>
            <p><A href=format!("/proposals/councils/{}", c.id)>{c.name.clone()}</A>" · "{move || c.status.label(lang.get())}</p>
            {c.count.map(|n| view! {
                <p data-testid="council-count">{move || match lang.get() {
                    domain::Lang::Vi => format!("Điểm trung bình {} · {} phiếu đề nghị đặt hàng, {} phiếu không đề nghị · ", n.mean, n.for_order, n.against),
                    domain::Lang::En => format!("Mean {} · {} for ordering, {} against · ", n.mean, n.for_order, n.against),
                }}<strong>{move || domain::identification::verdict_label(n.order, lang.get())}</strong></p>
            })}
        </section>
    }
}

#[component]
fn Content(p: ProposalView) -> impl IntoView {
    let lang = use_lang();
    let f = p.form.clone();
    let method = f.wording.method;
    view! {
        <dl class="facts">
            <dt>{t("Người đề xuất", "Proposed by")}</dt>
            <dd>{p.proposer.clone()}{p.organisation.clone().map(|o| format!(" – {o}"))}</dd>
            <dt>{t("Vấn đề và tính cấp thiết", "Problem and urgency")}</dt><dd>{f.problem.clone()}</dd>
            <dt>{t("Mục tiêu", "Objectives")}</dt><dd>{f.wording.objectives.clone()}</dd>
            <dt>{t("Sản phẩm dự kiến", "Expected products")}</dt>
            <dd><ul>{f.wording.products.iter().map(|x| view! { <li>{format!("{}: {}", x.name, x.target)}</li> }).collect_view()}</ul></dd>
            <dt>{t("Phương thức chọn tổ chức chủ trì", "How the host is chosen")}</dt>
            <dd data-testid="proposal-method">{move || method.label(lang.get())}{p.designated_organisation.clone().map(|o| format!(" – {o}"))}</dd>
            <dt>{t("Lĩnh vực", "Field")}</dt><dd>{f.field.clone()}</dd>
            <dt>{t("Từ khóa", "Keywords")}</dt><dd>{f.keywords.clone()}</dd>
            <dt>{t("Thời gian dự kiến", "Indicative duration")}</dt><dd>{f.duration_months}" "{t("tháng", "months")}</dd>
            <dt>{t("Kinh phí dự kiến", "Indicative budget")}</dt><dd>{format_dong(f.budget_dong)}</dd>
            <dt>{t("Nguồn lực ngoài ngân sách", "Non-budget resources")}</dt><dd>{f.other_resources.clone()}</dd>
        </dl>
    }
}

#[component]
fn Similar(p: ProposalView) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="panel" data-testid="similar">
            <h2>{t("Nhiệm vụ và đề xuất gần giống", "Close tasks and proposals")}</h2>
            {if p.similar.is_empty() {
                view! { <p class="empty">{t("Không thấy nhiệm vụ hay đề xuất nào gần giống.", "No close task or proposal found.")}</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <thead><tr><th>{t("Loại", "Kind")}</th><th>{t("Tên", "Title")}</th><th>{t("Mức giống", "Likeness")}</th></tr></thead>
                        <tbody>{p.similar.into_iter().map(|c| view! {
                            <tr data-testid="similar-row">
                                <td>{move || match c.kind {
                                    EarlierKind::Proposal => lang.get().pick("Đề xuất", "Proposal"),
                                    EarlierKind::Task => lang.get().pick("Nhiệm vụ", "Task"),
                                }}</td>
                                <td>{c.title}</td>
                                <td class="num">{format!("{}%", c.likeness / 10)}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// The proposer's draft actions: the pre-submit check, edit, submit; and withdrawing.
#[component]
fn ProposerPanel(p: ProposalView, changed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let submit = ServerAction::<SubmitProposal>::new();
    let withdraw = ServerAction::<WithdrawProposal>::new();
    crate::components::refresh_on_success(submit, changed);
    crate::components::refresh_on_success(withdraw, changed);
    let error = Signal::derive(move || {
        action_error(submit.value())
            .get()
            .or_else(|| action_error(withdraw.value()).get())
    });
    let id = p.id;
    let ready = p.issues.is_empty();
    let (edit, may_withdraw) = (p.may.edit, p.may.withdraw);
    view! {
        <section class="panel" data-testid="proposer-panel">
            <Show when=move || edit>
                <h2>{t("Kiểm tra trước khi gửi", "Check before submitting")}</h2>
                {if ready {
                    view! { <p class="alert ok">{t("Đủ nội dung để gửi.", "Ready to submit.")}</p> }.into_any()
                } else {
                    let issues = p.issues.clone();
                    view! { <ul class="issues">{issues.into_iter().map(|i| view! {
                        <li data-testid="proposal-issue">{i.path.clone()}": "{move || i.problem.message(lang.get())}</li>
                    }).collect_view()}</ul> }.into_any()
                }}
                <A href=format!("/proposals/{id}/edit") attr:class="button secondary" attr:data-testid="edit-proposal">{t("Sửa", "Edit")}</A>
                " "
                <button class="button" data-testid="submit-proposal" disabled=move || !ready || submit.pending().get()
                    on:click=move |_| { submit.dispatch(SubmitProposal { id }); }>{t("Gửi đề xuất", "Submit")}</button>
            </Show>
            <Show when=move || may_withdraw>
                " "
                <ConfirmButton id="withdraw-proposal" class="button secondary" label=("Rút đề xuất", "Withdraw")
                    question=("Rút đề xuất này? Đề xuất đã rút không được xét.", "Withdraw this proposal? A withdrawn proposal is not considered.")
                    disabled=Signal::derive(move || withdraw.pending().get())
                    on_confirm=move || { withdraw.dispatch(WithdrawProposal { id }); } />
            </Show>
            <ErrorBox error with_fields=true />
        </section>
    }
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let lang = use_lang();
    let id = route_id();
    let changed = RwSignal::new(0u32);
    let open = ServerAction::<OpenCall>::new();
    crate::components::refresh_on_success(open, changed);
    let open_error = action_error(open.value());
    let proposal = Resource::new(
        move || (id.get(), changed.get()),
        |(id, _)| get_proposal(id),
    );
    view! {
        <Transition fallback=|| ()>
            {move || proposal.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(p) => {
                    let status = p.status;
                    let pid = p.id;
                    let round_title = p.round.title.clone();
                    let (recommend, decide, make_call) = (p.may.recommend, p.may.decide, p.may.open_call);
                    view! {
                        <section class="panel" data-testid="proposal">
                            <p class="muted">
                                <A href="/proposals">{round_title}</A>
                                {p.receipt_code.clone().map(|c| format!(" · {c}"))}
                                " · "<span data-testid="proposal-status">{move || status.label(lang.get())}</span>
                                {p.submitted_at.map(|at| format!(" · {}", format_datetime(at)))}
                            </p>
                            <h1>{p.form.wording.title.clone()}</h1>
                            <Content p=p.clone() />
                        </section>
                        <ProposerPanel p=p.clone() changed />
                        <Similar p=p.clone() />
                        {p.council.clone().map(|c| view! { <JudgedBy c /> })}
                        {p.recommendation.clone().map(|rec| view! {
                            <section class="panel" data-testid="recommendation">
                                <h2>{t("Kết luận của hội đồng tư vấn xác định nhiệm vụ", "The identification council's conclusion")}</h2>
                                <p data-testid="recommendation-order">{move || if rec.order {
                                    lang.get().pick("Đề nghị đặt hàng", "Recommended for ordering")
                                } else {
                                    lang.get().pick("Không đề nghị đặt hàng", "Not recommended")
                                }}</p>
                                {(!rec.note.is_empty()).then(|| view! { <p>{rec.note.clone()}</p> })}
                                {p.recommended_host.clone().map(|h| view! { <p>{t("Tổ chức được giao:", "Host:")}" "{h}</p> })}
                                <h3>{t("Chỉnh sửa so với đề xuất", "Changes from the proposal")}</h3>
                                <Diff diff=p.diff.clone() />
                            </section>
                        })}
                        {(!p.decision_reason.is_empty()).then(|| view! {
                            <section class="panel"><h2>{t("Ý kiến của lãnh đạo", "The leader's reason")}</h2><p>{p.decision_reason.clone()}</p></section>
                        })}
                        {recommend.then(|| view! { <RecommendPanel p=p.clone() changed /> })}
                        {decide.then(|| view! { <DecidePanel id=pid changed /> })}
                        <Show when=move || make_call>
                            <section class="panel">
                                <button class="button" data-testid="open-call" disabled=move || open.pending().get()
                                    on:click=move |_| { open.dispatch(OpenCall { id: pid }); }>
                                    {t("Tạo đợt tuyển chọn / giao trực tiếp", "Make it a call")}
                                </button>
                                <ErrorBox error=open_error with_fields=true />
                            </section>
                        </Show>
                        {p.call_id.map(|c| view! {
                            <section class="panel">
                                <A href=format!("/calls/{c}") attr:class="button" attr:data-testid="ordered-call">{t("Xem đợt đã tạo", "See the call")}</A>
                            </section>
                        })}
                    }.into_any()
                }
            })}
        </Transition>
    }
}
