//! Settlement on the execution panel: declared, approved, refunds.

use super::*;
use domain::glossary;

#[component]
#[expect(
    clippy::too_many_lines,
    reason = "one page's markup in the order it shows; the parts other pages share are components"
)]
pub(super) fn Settlement(v: ExecutionView, a: Actions) -> impl IntoView {
    let lang = use_lang();
    let id = v.contract_id;
    let may_declare = v.mine.contains(&Step::DeclareSettlement);
    let may_settle = v.mine.contains(&Step::ApproveSettlement);
    let declared = v.declared_statement;
    let may_refund = v.mine.contains(&Step::ReceiveRefund);
    if v.declaration.is_none() && v.statement.is_none() && !may_declare {
        return ().into_any();
    }
    let previous = v.declaration.clone().unwrap_or_default();
    let documented: Vec<RwSignal<String>> = v
        .lines
        .iter()
        .enumerate()
        .map(|(i, _)| {
            RwSignal::new(
                previous
                    .documented_dong
                    .get(i)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let documents = RwSignal::new(previous.documents.clone());
    let spent = RwSignal::new(if v.declaration.is_some() {
        previous.spent_dong.to_string()
    } else {
        String::new()
    });
    let not_completed = v.verdict.as_ref().is_some_and(|x| x.task == Rating::Fail)
        || v.status == domain::contract::ContractStatus::Terminated;
    let local = RwSignal::new(None::<AppError>);
    let declare_error = action_error(a.declare.value());
    let shown = Signal::derive(move || local.get().or_else(|| declare_error.get()));
    let settle_error = action_error(a.settle.value());
    let settle_key = StoredValue::new(None::<String>);
    let refund_key = StoredValue::new(None::<String>);
    let refund_amount = RwSignal::new(v.refund_outstanding_dong.to_string());
    let refund_document = RwSignal::new(String::new());
    let refund_error = action_error(a.refund.value());
    let lines = v.lines.clone();
    let reads = documented.clone();
    let preview = move || a.declare.value().get().and_then(Result::ok);
    view! {
        <section class="panel" data-testid="settlement">
            <h2>{term(glossary::SETTLEMENT)}</h2>
            {v.statement.map(|s| view! {
                <dl class="facts" data-testid="statement">
                    <dt>{term(glossary::DISBURSED)}</dt><dd>{format_dong(v.paid_dong)}</dd>
                    <dt>{t("Được quyết toán", "Settled")}</dt><dd data-testid="settled">{format_dong(s.settled_dong)}</dd>
                    <dt>{t("Phải nộp trả", "Refund due")}</dt><dd data-testid="refund">{format_dong(s.refund_dong)}</dd>
                    <dt>{t("Kinh phí cam kết chưa cấp, giải phóng về Quỹ", "Committed, never paid, released")}</dt><dd data-testid="released">{format_dong(s.release_dong)}</dd>
                    <dt>{t("Thanh toán nốt cho tổ chức chủ trì (chi dưới bốn mắt)", "Final payment owed to the host (paid under four eyes)")}</dt><dd data-testid="final-payment">{format_dong(s.final_payment_dong)}</dd>
                    <dt>{t("Còn phải nộp trả", "Still due")}</dt><dd data-testid="refund-outstanding">{format_dong(v.refund_outstanding_dong)}</dd>
                </dl>
            })}
            {(v.statement.is_none()).then(|| v.declaration.as_ref().map(|d| view! {
                <p class="hint" data-testid="declared">{t("Đã kê khai, chờ lãnh đạo phê duyệt.", "Declared, awaiting the leader's approval.")}" "{d.documents.clone()}</p>
            }))}
            {(v.statement.is_none()).then_some(v.declared_statement).flatten().map(|s| view! {
                <dl class="facts" data-testid="declared-figures">
                    <dt>{term(glossary::DISBURSED)}</dt><dd>{format_dong(v.paid_dong)}</dd>
                    <dt>{t("Được quyết toán", "Settled")}</dt><dd>{format_dong(s.settled_dong)}</dd>
                    <dt>{t("Phải nộp trả", "Refund due")}</dt><dd>{format_dong(s.refund_dong)}</dd>
                    <dt>{t("Kinh phí cam kết chưa cấp, giải phóng về Quỹ", "Committed, never paid, released")}</dt><dd>{format_dong(s.release_dong)}</dd>
                    <dt>{t("Thanh toán nốt cho tổ chức chủ trì", "Final payment owed to the host")}</dt><dd>{format_dong(s.final_payment_dong)}</dd>
                </dl>
            })}
            {may_declare.then(|| view! {
                <form data-testid="declare-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    local.set(None);
                    let mut documented_dong = Vec::new();
                    for (i, (l, s)) in lines.iter().zip(&reads).enumerate() {
                        let text = s.get_untracked();
                        let amount = if l.lump_sum || text.trim().is_empty() { Some(0) } else { number(&text) };
                        match amount {
                            Some(x) => documented_dong.push(x),
                            None => return local.set(Some(AppError::invalid(&format!("documented_dong.{i}"), crate::error::Problem::NotANumber))),
                        }
                    }
                    let spent_text = spent.get_untracked();
                    let spent_dong = if spent_text.trim().is_empty() { Some(0) } else { number(&spent_text) };
                    let Some(spent_dong) = spent_dong else {
                        return local.set(Some(AppError::invalid("spent_dong", crate::error::Problem::NotANumber)));
                    };
                    a.declare.dispatch(DeclareSettlement { contract_id: id, declaration: Declaration { documented_dong, documents: documents.get_untracked(), spent_dong } });
                }>
                    <h3>{t("Kê khai quyết toán", "Declare the settlement")}</h3>
                    <table class="table">
                        <thead><tr><th>{term(glossary::BUDGET_LINE)}</th><th class="num">{t("Theo hợp đồng", "Contracted")}</th><th>{t("Số có chứng từ (đồng)", "Documented (đồng)")}</th></tr></thead>
                        <tbody>{v.lines.iter().zip(documented).enumerate().map(|(i, (l, s))| {
                            let (kind, lump) = (l.kind, l.lump_sum);
                            view! {
                                <tr>
                                    <td>{move || kind.label(lang.get())}{format!(" — {}", l.description)}</td>
                                    <td class="num">{format_dong(l.fund_dong)}</td>
                                    <td>{if lump {
                                        view! { <span>{t("Khoán: quyết toán theo sản phẩm được nghiệm thu", "Lump-sum: settled by the accepted products")}</span> }.into_any()
                                    } else {
                                        view! {
                                            <AmountInput value=s testid=format!("documented-{i}")
                                                label=Signal::derive(move || format!("{} — {}", kind.label(lang.get()), lang.get().pick("số có chứng từ (đồng)", "documented (đồng)"))) />
                                            <FieldError error=shown field=format!("documented_dong.{i}") />
                                        }.into_any()
                                    }}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                    <label for="documents">{t("Chứng từ kèm theo (số, ngày, nội dung)", "Documents (number, date, content)")}</label>
                    <textarea id="documents" data-testid="documents" bind:value=documents></textarea>
                    <FieldError error=shown field="documents" />
                    {not_completed.then(|| view! {
                        <label for="spent-total">{t("Kinh phí đã chi thực tế (đồng)", "Actually spent (đồng)")}</label>
                        <AmountInput value=spent id="spent-total" testid="spent-total" />
                        <FieldError error=shown field="spent_dong" />
                    })}
                    <StepError error=shown />
                    <ErrorBox error=shown />
                    <button class="button" type="submit" data-testid="declare">{t("Gửi kê khai", "Send the declaration")}</button>
                </form>
                {move || preview().map(|s| view! {
                    <p class="hint" data-testid="declared-statement">{move || format!("{} {} · {} {} · {} {} · {} {}",
                        lang.get().pick("Được quyết toán", "Settled"), format_dong(s.settled_dong),
                        lang.get().pick("phải nộp trả", "refund due"), format_dong(s.refund_dong),
                        lang.get().pick("giải phóng", "released"), format_dong(s.release_dong),
                        lang.get().pick("thanh toán nốt", "final payment"), format_dong(s.final_payment_dong))}</p>
                })}
            })}
            {may_settle.then(|| view! {
                <ErrorBox error=settle_error with_fields=true />
                <button class="button" data-testid="approve-settlement" on:click=move |_| { if let Some(shown) = declared { a.settle.dispatch(ApproveSettlement { contract_id: id, key: key_for(settle_key, "settle"), shown }); } }>
                    {t("Phê duyệt quyết toán", "Approve the settlement")}
                </button>
            })}
            {may_refund.then(|| view! {
                <form data-testid="refund-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    let amount_dong = number(&refund_amount.get_untracked()).unwrap_or(0);
                    a.refund.dispatch(RecordRefund { contract_id: id, key: key_for(refund_key, "refund"), amount_dong, document: refund_document.get_untracked() });
                }>
                    <h3>{t("Ghi nhận kinh phí nộp trả", "Record the refund received")}</h3>
                    <label for="refund-amount">{t("Số tiền (đồng)", "Amount (đồng)")}</label>
                    <AmountInput value=refund_amount id="refund-amount" testid="refund-amount" />
                    <label for="refund-document">{t("Chứng từ (giấy nộp tiền, ủy nhiệm chi)", "Document (payment slip)")}</label>
                    <input id="refund-document" data-testid="refund-document" bind:value=refund_document />
                    <FieldError error=refund_error field="document" />
                    <ErrorBox error=refund_error with_fields=true />
                    <button class="button" type="submit" data-testid="record-refund">{t("Ghi nhận", "Record")}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}
