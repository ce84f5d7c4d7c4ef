//! Amendments on the execution panel: the request form and the decisions.

use super::*;
use crate::i18n::terms;
use domain::glossary;

#[component]
#[expect(
    clippy::too_many_lines,
    reason = "one page's markup in the order it shows; the parts other pages share are components"
)]
pub(super) fn Amendments(v: ExecutionView, a: Actions) -> impl IntoView {
    let lang = use_lang();
    let id = v.contract_id;
    let may_request = v.mine.contains(&Step::RequestAmendment);
    if v.amendments.is_empty() && !may_request {
        return ().into_any();
    }
    let note = RwSignal::new(String::new());
    let decide_error = action_error(a.decide_amendment.value());
    let extension = RwSignal::new("0".to_string());
    let amounts: Vec<RwSignal<String>> = v
        .lines
        .iter()
        .map(|l| RwSignal::new(l.fund_dong.to_string()))
        .collect();
    let others = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let local = RwSignal::new(None::<AppError>);
    let request_error = action_error(a.request_amendment.value());
    let shown = Signal::derive(move || local.get().or_else(|| request_error.get()));
    let reads = amounts.clone();
    let any_decidable = v.amendments.iter().any(|x| x.may_decide);
    let version = v.version;
    view! {
        <section class="panel" data-testid="amendments">
            <h2>{terms(glossary::AMENDMENT)}</h2>
            <p data-testid="contract-version">{move || format!("{} {version}", lang.get().pick("Phiên bản hợp đồng hiện hành:", "Contract version in force:"))}</p>
            {v.amendments.iter().rev().map(|x| {
                let (aid, size, status, requested_at) = (x.id, x.size, x.status, x.requested_at);
                let r = x.request.clone();
                let base = x.baseline.clone();
                view! {
                    <article class="amendment" data-testid="amendment">
                        <h3>{move || format!("{} · {} · {}", format_datetime(requested_at), size.label(lang.get()), status.label(lang.get()))}</h3>
                        <table class="table">
                            <thead><tr><th>{term(glossary::BUDGET_LINE)}</th><th class="num">{t("Hợp đồng khi đề nghị", "Baseline")}</th><th class="num">{term(glossary::REQUESTED)}</th></tr></thead>
                            <tbody>
                                {base.lines.iter().zip(r.lines_dong.clone()).map(|(l, n)| {
                                    let kind = l.kind;
                                    let changed = n != l.fund_dong;
                                    view! {
                                        <tr class:changed=changed>
                                            <td>{move || kind.label(lang.get())}{format!(" — {}", l.description)}</td>
                                            <td class="num">{format_dong(l.fund_dong)}</td><td class="num">{format_dong(n)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                                <tr class:changed=r.extension_months != 0>
                                    <td>{t("Thời gian thực hiện (tháng)", "Duration (months)")}</td>
                                    <td class="num">{base.duration_months}</td><td class="num">{base.duration_months + r.extension_months}</td>
                                </tr>
                            </tbody>
                        </table>
                        {(!r.other_changes.is_empty()).then(|| view! { <p>{t("Thay đổi khác", "Other changes")}": "{r.other_changes.clone()}</p> })}
                        <p>{term(glossary::REASON)}": "{r.reason.clone()}</p>
                        {x.decided_by.clone().map(|d| view! { <p class="hint">{format!("{d} · {}", x.decided_at.map(format_datetime).unwrap_or_default())}{x.version.map(|v| format!(" · v{v}"))}{(!x.decision_note.is_empty()).then(|| format!(" — {}", x.decision_note))}</p> })}
                        {x.may_decide.then(|| view! {
                            <button class="button" data-testid="approve-amendment" on:click=move |_| { a.decide_amendment.dispatch(DecideAmendment { amendment_id: aid, approve: true, note: note.get_untracked() }); }>{t("Duyệt điều chỉnh", "Approve")}</button>
                            " "
                            <button class="button secondary" data-testid="reject-amendment" on:click=move |_| { a.decide_amendment.dispatch(DecideAmendment { amendment_id: aid, approve: false, note: note.get_untracked() }); }>{t("Không duyệt", "Reject")}</button>
                        })}
                    </article>
                }
            }).collect_view()}
            {any_decidable.then(|| view! {
                <label for="amendment-note">{t("Ý kiến (bắt buộc khi không duyệt)", "Note (required to reject)")}</label>
                <input id="amendment-note" data-testid="amendment-note" bind:value=note />
                <FieldError error=decide_error field="note" />
                <ErrorBox error=decide_error with_fields=true />
            })}
            {may_request.then(|| view! {
                <form data-testid="amendment-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    local.set(None);
                    let Ok(extension_months) = extension.get_untracked().trim().parse::<u32>() else {
                        return local.set(Some(AppError::invalid("extension_months", crate::error::Problem::NotANumber)));
                    };
                    let mut lines_dong = Vec::new();
                    for (i, s) in reads.iter().enumerate() {
                        match number(&s.get_untracked()) {
                            Some(n) => lines_dong.push(n),
                            None => return local.set(Some(AppError::invalid(&format!("lines_dong.{i}"), crate::error::Problem::NotANumber))),
                        }
                    }
                    a.request_amendment.dispatch(RequestAmendment { contract_id: id, request: domain::amendment::Request { extension_months, lines_dong, other_changes: others.get_untracked(), reason: reason.get_untracked() } });
                }>
                    <h3>{t("Đề nghị điều chỉnh", "Request an amendment")}</h3>
                    <label for="extension-months">{t("Gia hạn thêm (tháng)", "Extension (months)")}</label>
                    <input id="extension-months" data-testid="extension-months" inputmode="numeric" bind:value=extension />
                    <FieldError error=shown field="extension_months" />
                    {v.lines.iter().zip(amounts).enumerate().map(|(i, (l, s))| {
                        let kind = l.kind;
                        view! {
                            <label for=format!("amend-line-{i}")>{move || kind.label(lang.get())}{format!(" — {} ({})", l.description, format_dong(l.fund_dong))}</label>
                            <AmountInput value=s id=format!("amend-line-{i}") testid=format!("amend-line-{i}") />
                            <FieldError error=shown field=format!("lines_dong.{i}") />
                        }
                    }).collect_view()}
                    <FieldError error=shown field="lines_dong" />
                    <label for="other-changes">{t("Thay đổi thành viên, sản phẩm (nếu có)", "Changes of members or products (if any)")}</label>
                    <textarea id="other-changes" data-testid="other-changes" bind:value=others></textarea>
                    <FieldError error=shown field="other_changes" />
                    <label for="amendment-reason">{term(glossary::REASON)}</label>
                    <textarea id="amendment-reason" data-testid="amendment-reason" bind:value=reason></textarea>
                    <FieldError error=shown field="reason" />
                    <StepError error=shown />
                    <ErrorBox error=shown />
                    <button class="button" type="submit" data-testid="request-amendment">{t("Gửi đề nghị", "Send the request")}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}
