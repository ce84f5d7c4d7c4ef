//! Payments: a contract's payments and the director's queue.

use super::*;

#[component]
pub(super) fn PaymentTable(
    items: Vec<PaymentView>,
    approve: ServerAction<ApprovePayment>,
    reject: ServerAction<RejectPayment>,
) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let approve_error = action_error(approve.value());
    let reject_error = action_error(reject.value());
    let any_decidable = items.iter().any(|p| p.may_decide);
    view! {
        {items.is_empty().then(|| view! { <p class="empty">{t("Chưa có khoản chi nào.", "No payment yet.")}</p> })}
        <table class="table" data-testid="payments">
            <thead><tr><th>{t("Hợp đồng · đợt", "Contract · tranche")}</th><th class="num">{term(glossary::AMOUNT)}</th><th>{t("Trạng thái", "Status")}</th><th>{t("Người lập", "Prepared by")}</th><th>{t("Người duyệt", "Decided by")}</th><ActionsHeader /></tr></thead>
            <tbody>
                {items.into_iter().map(|p| {
                    let pid = p.id;
                    let status = p.status;
                    let key = StoredValue::new(None::<String>);
                    view! {
                        <tr data-testid="payment">
                            <td><A href=format!("/contracts/{}", p.contract_id)>{p.contract_code.clone()}</A>{format!(" · {}", p.tranche_seq)}</td>
                            <td class="num">{format_dong(p.amount_dong)}</td>
                            <td data-testid="payment-status">{move || status.label(lang.get())}</td>
                            <td>{format!("{} · {}", p.prepared_by, format_datetime(p.prepared_at))}</td>
                            <td>{p.decided_by.clone().map(|d| format!("{d} · {}", p.decided_at.map(format_datetime).unwrap_or_default())).unwrap_or_default()}{(!p.reason.is_empty()).then(|| format!(" — {}", p.reason))}</td>
                            <td>{p.may_decide.then(|| view! {
                                <ConfirmButton id="approve-payment" class="button" label=("Duyệt chi", "Approve")
                                    question=("Duyệt và ghi sổ khoản chi này?", "Approve and post this payment?")
                                    on_confirm=move || { approve.dispatch(ApprovePayment { key: key_for(key, "ok"), payment_id: pid }); } />
                                " "
                                <ConfirmButton id="reject-payment" class="button secondary" label=("Từ chối", "Reject")
                                    question=("Từ chối khoản chi này với lý do đã nhập?", "Reject this payment with the reason given?")
                                    on_confirm=move || { reject.dispatch(RejectPayment { key: key_for(key, "no"), payment_id: pid, reason: reason.get_untracked() }); } />
                            })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        {any_decidable.then(|| view! {
            <label for="reject-reason">{t("Lý do từ chối (bắt buộc khi từ chối)", "Reason for rejecting (required to reject)")}</label>
            <input id="reject-reason" data-testid="reject-reason" bind:value=reason />
            <FieldError error=reject_error field="reason" />
        })}
        <ErrorBox error=approve_error with_fields=true />
        <ErrorBox error=reject_error />
    }
}

/// What the last approval or rejection did. Kept outside the table: the director's queue
/// empties when its last payment is decided, and the message must outlive it.
#[component]
pub(super) fn PaymentDone(
    approve: ServerAction<ApprovePayment>,
    reject: ServerAction<RejectPayment>,
) -> impl IntoView {
    view! {
        <Done value=approve.value() id="payment-approved" message=("Đã duyệt chi: khoản chi đã được ghi sổ.", "Approved: the payment is posted.") />
        <Done value=reject.value() id="payment-rejected" message=("Đã từ chối khoản chi.", "The payment was rejected.") />
    }
}

/// The director's queue and every payment by state.
#[component]
pub fn PaymentsPage() -> impl IntoView {
    let approve = ServerAction::<ApprovePayment>::new();
    let reject = ServerAction::<RejectPayment>::new();
    let (_, page) = query_and_page();
    let unit = super::position::book_in_query();
    let list = Resource::new(
        move || {
            (
                page.get(),
                approve.version().get(),
                reject.version().get(),
                unit.get(),
            )
        },
        |(p, _, _, u)| {
            list_payments(
                Some(domain::contract::PaymentStatus::Pending.code().into()),
                p,
                u,
            )
        },
    );
    view! {
        <section class="panel">
            <h1>{t("Khoản chi chờ duyệt", "Payments awaiting approval")}</h1>
            <PagedList list empty=("Không có khoản chi nào chờ duyệt.", "No payment awaits approval.") empty_testid="payments-empty"
                render={move |items: Vec<PaymentView>| view! { <PaymentTable items approve reject /> }} />
            <PaymentDone approve reject />
        </section>
    }
}
