//! `/proposals/councils/:id/ballots/:proposal`: a member judges one proposal — the proposal
//! as proposed, the rulebook's criteria, the vote to order it or not (with reasons when not) —
//! after certifying no conflict; or declares a conflict instead.

use domain::identification::Ballot;
use domain::scoring::{format_halves, parse_halves, SheetEntry};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::{action_error, ErrorBox, FieldError};
use crate::i18n::{t, use_lang};
use crate::identification::api::*;

#[component]
fn Proposal(b: BallotView) -> impl IntoView {
    let lang = use_lang();
    let f = b.form;
    let method = f.wording.method;
    view! {
        <dl class="facts" data-testid="ballot-proposal">
            <dt>{t("Tên nhiệm vụ", "Title")}</dt><dd>{f.wording.title.clone()}</dd>
            <dt>{t("Vấn đề và tính cấp thiết", "Problem and urgency")}</dt><dd>{f.problem.clone()}</dd>
            <dt>{t("Mục tiêu", "Objectives")}</dt><dd>{f.wording.objectives.clone()}</dd>
            <dt>{t("Sản phẩm dự kiến", "Expected products")}</dt>
            <dd><ul>{f.wording.products.iter().map(|x| view! { <li>{format!("{}: {}", x.name, x.target)}</li> }).collect_view()}</ul></dd>
            <dt>{t("Phương thức chọn tổ chức chủ trì", "How the host is chosen")}</dt><dd>{move || method.label(lang.get())}</dd>
            <dt>{t("Kinh phí dự kiến", "Indicative budget")}</dt><dd>{domain::format::format_dong(f.budget_dong)}</dd>
        </dl>
    }
}

#[component]
fn Declare(council_id: i32, proposal_id: i32, done: RwSignal<u32>) -> impl IntoView {
    let action = ServerAction::<DeclareProposalConflict>::new();
    let error = action_error(action.value());
    Effect::new(move |_| {
        if action.value().get().is_some_and(|r| r.is_ok()) {
            done.update(|n| *n += 1);
        }
    });
    let note = RwSignal::new(String::new());
    view! {
        <details data-testid="declare">
            <summary>{t("Khai xung đột lợi ích với đề xuất này", "Declare a conflict with this proposal")}</summary>
            <label for="declare-note">{t("Lý do (đồng tác giả, quan hệ gia đình, lợi ích kinh tế…)", "Why (co-author, relative, financial interest…)")}</label>
            <textarea id="declare-note" data-testid="declare-note" rows="2" bind:value=note></textarea>
            <FieldError error field="note" />
            <ErrorBox error />
            <button class="button secondary" data-testid="declare-conflict" on:click=move |_| { action.dispatch(DeclareProposalConflict { council_id, proposal_id, note: note.get_untracked() }); }>{t("Khai xung đột, không bỏ phiếu", "Declare; do not vote")}</button>
        </details>
    }
}

#[component]
fn Scores(
    b: BallotView,
    texts: Vec<RwSignal<String>>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let locked = b.submitted;
    b.rules.criteria.into_iter().zip(texts).enumerate().map(|(i, (c, text))| {
        let field = format!("entry.scores.{i}");
        view! {
            <div class="row">
                <label for=format!("score-{i}")>{move || format!("{} ({} {})", lang.get().pick(&c.name_vi, &c.name_en), lang.get().pick("tối đa", "max"), c.max_points)}</label>
                <input id=format!("score-{i}") data-testid=format!("score-{i}") inputmode="decimal" class="year" disabled=locked bind:value=text />
                <FieldError error field=field />
            </div>
        }
    }).collect_view()
}

#[component]
fn BallotForm(b: BallotView, done: RwSignal<u32>) -> impl IntoView {
    let (council_id, proposal_id, locked, certified) =
        (b.council_id, b.proposal_id, b.submitted, b.certified);
    let texts: Vec<RwSignal<String>> = b
        .ballot
        .entry
        .scores
        .iter()
        .map(|s| RwSignal::new(s.map(|h| format_halves(h.into())).unwrap_or_default()))
        .collect();
    let order = RwSignal::new(b.ballot.order);
    let note = RwSignal::new(b.ballot.note.clone());
    let certify = RwSignal::new(certified);
    let action = ServerAction::<SaveBallot>::new();
    let error = action_error(action.value());
    Effect::new(move |_| {
        if action.value().get().is_some_and(|r| r.is_ok()) {
            done.update(|n| *n += 1);
        }
    });
    let inputs = texts.clone();
    // An unreadable score counts as above any maximum, so the server names it.
    let inputs = StoredValue::new(inputs);
    let send = move |submit: bool| {
        let scores = inputs
            .get_value()
            .iter()
            .map(|t| {
                let v = t.get_untracked();
                (!v.trim().is_empty()).then(|| parse_halves(&v).unwrap_or(u32::MAX))
            })
            .collect();
        let ballot = Ballot {
            entry: SheetEntry {
                scores,
                comments: Vec::new(),
            },
            order: order.get_untracked(),
            note: note.get_untracked(),
        };
        action.dispatch(SaveBallot {
            council_id,
            proposal_id,
            ballot,
            certify: certify.get_untracked(),
            submit,
        });
    };
    view! {
        {locked.then(|| view! { <p class="alert ok" data-testid="ballot-locked">{t("Phiếu đã nộp, không sửa được nữa.", "The ballot is submitted and final.")}</p> })}
        <label class="check"><input type="checkbox" data-testid="certify" disabled=certified prop:checked=move || certify.get() on:change:target=move |ev| certify.set(ev.target().checked()) />
            {t("Tôi cam kết không là người đề xuất, không thuộc tổ chức đề xuất và không có lợi ích liên quan đến đề xuất này.", "I certify that I did not propose this task, do not work for its proposer and have no interest in it.")}</label>
        <FieldError error field="certify" />
        <Scores b=b.clone() texts error />
        <fieldset>
            <legend>{t("Bỏ phiếu", "Vote")}</legend>
            <label class="check"><input type="radio" name="vote" data-testid="vote-order" disabled=locked prop:checked=move || order.get() == Some(true) on:change=move |_| order.set(Some(true)) />{t("Đề nghị đặt hàng", "Order it")}</label>
            <label class="check"><input type="radio" name="vote" data-testid="vote-not" disabled=locked prop:checked=move || order.get() == Some(false) on:change=move |_| order.set(Some(false)) />{t("Không đề nghị đặt hàng", "Do not order it")}</label>
        </fieldset>
        <FieldError error field="order" />
        <label for="ballot-note">{t("Ý kiến về tên, mục tiêu, sản phẩm; lý do nếu không đề nghị", "Remarks on the wording; reasons when against")}</label>
        <textarea id="ballot-note" data-testid="ballot-note" rows="3" disabled=locked bind:value=note></textarea>
        <FieldError error field="note" />
        <ErrorBox error />
        <Show when=move || action.value().get().is_some_and(|r| r.is_ok())>
            <p class="alert ok" role="status" data-testid="ballot-saved">{t("Đã lưu phiếu.", "Ballot saved.")}</p>
        </Show>
        {(!locked).then(|| view! {
            <button class="button secondary" data-testid="save-ballot" on:click=move |_| send(false)>{t("Lưu nháp", "Save draft")}</button>" "
            <button class="button" data-testid="submit-ballot" on:click=move |_| send(true)>{t("Nộp phiếu (không sửa được nữa)", "Submit (final)")}</button>
        })}
    }
}

#[component]
pub fn BallotPage() -> impl IntoView {
    let params = use_params_map();
    let ids = Memo::new(move |_| {
        let p = params.read();
        let n = |k: &str| p.get(k).and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
        (n("id"), n("proposal"))
    });
    let done = RwSignal::new(0u32);
    let ballot = Resource::new(
        move || (ids.get(), done.get()),
        |((c, p), _)| my_ballot(c, p),
    );
    view! {
        <Transition fallback=|| ()>
            {move || ballot.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) with_fields=true /> }.into_any(),
                Ok(b) => {
                    let (cid, pid) = (b.council_id, b.proposal_id);
                    let (council_name, code) = (b.council_name.clone(), b.receipt_code.clone().unwrap_or_default());
                    let voting = b.status == domain::council::CouncilState::Scoring;
                    view! {
                        <section class="panel" data-testid="ballot">
                            <h1>{t("Phiếu đánh giá đề xuất đặt hàng", "Ballot on a proposed task")}</h1>
                            <p><A href=format!("/proposals/councils/{cid}")>{council_name}</A>{format!(" · {code}")}</p>
                            <Proposal b=b.clone() />
                            {match b.conflict.clone() {
                                Some(why) => view! { <p class="alert" data-testid="ballot-conflict">{t("Bạn không bỏ phiếu cho đề xuất này do xung đột lợi ích:", "You do not vote on this proposal (conflict of interest):")}" "{why}</p> }.into_any(),
                                None if voting => view! {
                                    <BallotForm b=b.clone() done />
                                    {(!b.submitted).then(|| view! { <Declare council_id=cid proposal_id=pid done /> })}
                                }.into_any(),
                                None => view! { <p data-testid="ballot-closed">{t("Hội đồng không nhận phiếu lúc này.", "The council takes no ballots now.")}</p> }.into_any(),
                            }}
                        </section>
                    }.into_any()
                }
            })}
        </Transition>
    }
}
