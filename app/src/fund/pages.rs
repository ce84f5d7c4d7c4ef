//! Fund pages: the position and its receipts (`/fund`), reconciliation, contracts with their
//! tranches and payments (`/contracts/{id}`), the director's queue (`/payments`), and the
//! panels a dossier's page shows (its contract and money; the officer's contract draft).

use chrono::{Duration, Utc};
use domain::contract::Tranche;
use domain::format::{format_date, format_datetime, format_dong, parse_vietnam_local};
use domain::ledger::{FlowKind, Source};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{action_error, key_for, route_id, ErrorBox, FieldError};
use crate::error::{AppError, Problem};
use crate::fields::number;
use crate::fund::api::{
    contract_of_application, fund_overview, fund_transfers, get_contract, list_contracts,
    list_payments, reconcile_fund, ApprovePayment, ContractRow, ContractView, CorrectReceipt,
    CreateContract, PaymentView, PreparePayment, RecordReceipt, RejectPayment, SignContract,
    TransferRow,
};
use crate::i18n::{t, use_lang};
use crate::list::{query_and_page, PagedList};

#[component]
pub fn FundPage() -> impl IntoView {
    let lang = use_lang();
    let receive = ServerAction::<RecordReceipt>::new();
    let as_of = RwSignal::new(String::new());
    // Reloaded after a recorded receipt only: a refused one keeps the form as typed.
    let recorded = Memo::new(move |_| receive.value().get().and_then(|r| r.ok()));
    let overview = Resource::new(
        move || (as_of.get(), recorded.get()),
        |(d, _)| fund_overview(Some(d).filter(|d| !d.is_empty())),
    );
    let (_, page) = query_and_page();
    // The statement: every transfer, or one account's.
    let account = RwSignal::new(String::new());
    let statement = Resource::new(
        move || (page.get(), recorded.get(), account.get()),
        |(p, _, a)| fund_transfers(Some(a).filter(|a| !a.is_empty()), p),
    );
    // Read without strftime, whose format parser would otherwise ship to every browser.
    let year = RwSignal::new(
        chrono::Datelike::year(&Utc::now().with_timezone(&domain::format::vietnam_offset()))
            .to_string(),
    );
    view! {
        <section class="panel" data-testid="fund">
            <h1>{t("Quỹ phát triển KH&CN tỉnh", "The provincial S&T fund")}</h1>
            <label>{t("Số liệu đến hết ngày (để trống: hiện tại)", "Figures at the end of (empty: now)")}
                <input type="date" data-testid="as-of" bind:value=as_of />
            </label>
            <Transition fallback=|| ()>
                {move || overview.get().map(|r| match r {
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                    Ok(v) => {
                        let p = v.position;
                        view! {
                            <dl class="facts" data-testid="fund-position">
                                <dt>{t("Đã nhận", "Received")}</dt><dd data-testid="received">{format_dong(p.received_dong)}</dd>
                                <dt>{t("Chưa phân bổ", "Available")}</dt><dd data-testid="available">{format_dong(p.available_dong)}</dd>
                                <dt>{t("Đã cam kết (chưa chi)", "Committed, not yet paid")}</dt><dd data-testid="committed">{format_dong(p.committed_dong)}</dd>
                                <dt>{t("Trong đó đang chờ duyệt chi", "Of which awaiting approval")}</dt><dd data-testid="pending">{format_dong(p.pending_dong)}</dd>
                                <dt>{t("Đã chi", "Paid")}</dt><dd data-testid="disbursed">{format_dong(p.disbursed_dong)}</dd>
                                {v.by_source.into_iter().map(|(s, amount)| view! {
                                    <dt>{move || format!("{} {}", lang.get().pick("Nguồn:", "Source:"), s.label(lang.get()))}</dt><dd>{format_dong(amount)}</dd>
                                }).collect_view()}
                            </dl>
                            <p><A href="/fund/reconcile" attr:data-testid="open-reconcile">{t("Đối chiếu số dư", "Reconcile balances")}</A>" · "<A href="/contracts">{t("Hợp đồng", "Contracts")}</A>" · "<A href="/payments">{t("Khoản chi", "Payments")}</A></p>
                            {v.may_receive.then(|| view! { <ReceiptForm receive /> <CorrectionForm /> })}
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
        <section class="panel">
            <h2>{t("Sổ giao dịch", "Transfers")}</h2>
            <div class="inline filters">
                <label>{t("Tài khoản", "Account")}
                    <select data-testid="statement-account" on:change:target=move |ev| account.set(ev.target().value())>
                        <option value="">{t("Mọi giao dịch", "Every transfer")}</option>
                        <option value="available">{t("Nguồn chưa phân bổ", "Available")}</option>
                        {Source::ALL.into_iter().map(|s| view! {
                            <option value=domain::ledger::Account::Source(s).code()>{move || s.label(lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{t("Báo cáo năm", "Year report")}<input class="year" inputmode="numeric" data-testid="report-year" bind:value=year /></label>
                <a class="button secondary" rel="external" download data-testid="year-report" href=move || format!("/exports/fund/years/{}/report.xlsx", year.get().trim())>{t("Tải báo cáo (.xlsx)", "Download (.xlsx)")}</a>
            </div>
            <PagedList list=statement empty=("Chưa có giao dịch nào.", "No transfer yet.") empty_testid="transfers-empty"
                render={move |items: Vec<TransferRow>| view! { <TransferTable items /> }} />
        </section>
    }
}

#[component]
fn ReceiptForm(receive: ServerAction<RecordReceipt>) -> impl IntoView {
    let lang = use_lang();
    let key = StoredValue::new(None::<String>);
    let source = RwSignal::new(0usize);
    let amount = RwSignal::new(String::new());
    let document = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let local = RwSignal::new(None::<AppError>);
    let server = action_error(receive.value());
    let error = Signal::derive(move || local.get().or(server.get()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = receive.value().get() {
            key.set_value(None);
            amount.set(String::new());
            document.set(String::new());
            note.set(String::new());
        }
    });
    view! {
        <form class="panel" data-testid="receipt-form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            local.set(None);
            let Some(amount_dong) = number(&amount.get_untracked()) else {
                return local.set(Some(AppError::invalid("amount_dong", Problem::NotANumber)));
            };
            receive.dispatch(RecordReceipt {
                key: key_for(key, "rcpt"),
                source: Source::ALL[source.get_untracked().min(3)],
                amount_dong,
                document: document.get_untracked(),
                note: note.get_untracked(),
            });
        }>
            <h2>{t("Ghi nhận tiền về Quỹ", "Record money received")}</h2>
            <label>{t("Nguồn", "Source")}
                <select data-testid="receipt-source" on:change:target=move |ev| source.set(ev.target().selected_index().max(0) as usize)>
                    {Source::ALL.into_iter().enumerate().map(|(i, s)| view! { <option selected=move || source.get() == i>{move || s.label(lang.get())}</option> }).collect_view()}
                </select>
            </label>
            <label>{t("Số tiền (đồng)", "Amount (đồng)")}<input data-testid="receipt-amount" inputmode="numeric" bind:value=amount /></label>
            <FieldError error field="amount_dong" />
            <label>{t("Văn bản (số quyết định, hợp đồng tài trợ…)", "Document (decision number, contribution agreement…)")}<input data-testid="receipt-document" bind:value=document /></label>
            <FieldError error field="document" />
            <label>{t("Ghi chú", "Note")}<input bind:value=note /></label>
            <ErrorBox error />
            <button type="submit" class="button" data-testid="record-receipt" disabled=move || receive.pending().get()>{t("Ghi nhận", "Record")}</button>
        </form>
    }
}

/// Corrects a receipt entered wrongly by a new transfer naming it.
#[component]
fn CorrectionForm() -> impl IntoView {
    let correct = ServerAction::<CorrectReceipt>::new();
    let key = StoredValue::new(None::<String>);
    let transfer = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let local = RwSignal::new(None::<AppError>);
    let server = action_error(correct.value());
    let error = Signal::derive(move || local.get().or(server.get()));
    let done = move || correct.value().get().is_some_and(|r| r.is_ok());
    Effect::new(move |_| {
        if let Some(Ok(_)) = correct.value().get() {
            key.set_value(None);
        }
    });
    view! {
        <form class="panel" data-testid="correction-form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            local.set(None);
            let Some(transfer_id) = number(&transfer.get_untracked()) else {
                return local.set(Some(AppError::invalid("transfer_id", Problem::NotANumber)));
            };
            let Some(amount_dong) = number(&amount.get_untracked()) else {
                return local.set(Some(AppError::invalid("amount_dong", Problem::NotANumber)));
            };
            correct.dispatch(CorrectReceipt { key: key_for(key, "fix"), transfer_id, amount_dong, note: note.get_untracked() });
        }>
            <h2>{t("Điều chỉnh khoản thu ghi sai", "Correct a receipt entered wrongly")}</h2>
            <p class="hint">{t("Không sửa, không xóa giao dịch: một giao dịch mới trả số tiền về nguồn và ghi rõ giao dịch được điều chỉnh.", "Nothing is edited or deleted: a new transfer returns the amount to its source and names the receipt.")}</p>
            <label>{t("Số giao dịch cần điều chỉnh", "Receipt's transfer number")}<input class="year" inputmode="numeric" bind:value=transfer /></label>
            <FieldError error field="transfer_id" />
            <label>{t("Số tiền điều chỉnh (đồng)", "Amount to take back (đồng)")}<input inputmode="numeric" bind:value=amount /></label>
            <FieldError error field="amount_dong" />
            <label>{t("Lý do", "Reason")}<input bind:value=note /></label>
            <FieldError error field="note" />
            <ErrorBox error />
            <Show when=done>
                <p class="alert ok" role="status">{t("Đã ghi giao dịch điều chỉnh.", "The correction is recorded.")}</p>
            </Show>
            <button type="submit" class="button secondary">{t("Ghi điều chỉnh", "Record the correction")}</button>
        </form>
    }
}

#[component]
fn TransferTable(items: Vec<TransferRow>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <table class="table" data-testid="transfers">
            <thead><tr>
                <th>"#"</th><th>{t("Thời điểm", "When")}</th><th>{t("Ghi nợ", "Debit")}</th><th>{t("Ghi có", "Credit")}</th>
                <th class="num">{t("Số tiền", "Amount")}</th><th>{t("Loại", "Kind")}</th><th>{t("Văn bản / ghi chú", "Document / note")}</th><th>{t("Người thực hiện", "By")}</th>
            </tr></thead>
            <tbody>
                {items.into_iter().map(|r| {
                    let (debit, credit, flow) = (r.debit, r.credit, r.flow);
                    view! {
                        <tr>
                            <td>{r.id}</td>
                            <td>{format_datetime(r.at)}</td>
                            <td>{move || debit.label(lang.get())}</td>
                            <td>{move || credit.label(lang.get())}</td>
                            <td class="num">{format_dong(r.amount_dong)}</td>
                            <td>{move || match flow {
                                FlowKind::Posted => lang.get().pick("Ghi sổ", "Posted"),
                                FlowKind::Pending => lang.get().pick("Chờ duyệt", "Pending"),
                                FlowKind::Post => lang.get().pick("Duyệt chi", "Approval"),
                                FlowKind::Void => lang.get().pick("Từ chối", "Rejection"),
                            }}{r.pending_id.map(|p| format!(" (#{p})"))}</td>
                            <td>{[r.document, r.note].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" — ")}{r.corrects.map(|c| format!(" (điều chỉnh #{c})"))}</td>
                            <td>{r.by}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn ReconcilePage() -> impl IntoView {
    let lang = use_lang();
    let rec = Resource::new(|| (), |_| reconcile_fund());
    view! {
        <section class="panel" data-testid="reconcile">
            <h1>{t("Đối chiếu số dư với sổ giao dịch", "Balances against the transfers")}</h1>
            <Transition fallback=|| ()>
                {move || rec.get().map(|r| match r {
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                    Ok(v) if v.differences.is_empty() && v.broken.is_none() => view! {
                        <p class="alert ok" data-testid="reconcile-ok">{move || match lang.get() {
                            domain::Lang::Vi => format!("Khớp: số dư của cả {} tài khoản bằng đúng số dư tính lại từ các giao dịch; tổng các tài khoản bằng 0.", v.accounts),
                            domain::Lang::En => format!("Agreed: all {} accounts' balances equal those derived from the transfers; the accounts sum to zero.", v.accounts),
                        }}</p>
                    }.into_any(),
                    Ok(v) => view! {
                        <div class="alert" role="alert" data-testid="reconcile-differences">
                            {v.broken.map(|b| view! { <p>{format!("Bất biến bị vi phạm / broken invariant: {b}")}</p> })}
                            <ul>
                                {v.differences.into_iter().map(|d| view! {
                                    <li>{move || format!("{}: {} {} / {} {}", d.account.label(lang.get()), lang.get().pick("lưu", "stored"), format_dong(d.stored.posted()), lang.get().pick("tính lại", "derived"), format_dong(d.derived.posted()))}</li>
                                }).collect_view()}
                            </ul>
                        </div>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
pub fn ContractsPage() -> impl IntoView {
    let lang = use_lang();
    let (_, page) = query_and_page();
    let list = Resource::new(move || page.get(), list_contracts);
    view! {
        <section class="panel">
            <h1>{t("Hợp đồng", "Contracts")}</h1>
            <PagedList list empty=("Chưa có hợp đồng nào.", "No contract yet.") empty_testid="contracts-empty"
                render={move |items: Vec<ContractRow>| view! {
                    <table class="table" data-testid="contract-list">
                        <thead><tr><th>{t("Số", "Number")}</th><th>{t("Nhiệm vụ", "Task")}</th><th class="num">{t("Kinh phí", "Total")}</th><th>{t("Trạng thái", "Status")}</th></tr></thead>
                        <tbody>
                            {items.into_iter().map(|c| {
                                let st = c.status;
                                view! {
                                    <tr><td><A href=format!("/contracts/{}", c.id)>{c.code}</A></td><td>{c.title}</td><td class="num">{format_dong(c.total_dong)}</td><td>{move || st.label(lang.get())}</td></tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }} />
        </section>
    }
}

#[component]
pub fn ContractPage() -> impl IntoView {
    let id = route_id();
    let sign = ServerAction::<SignContract>::new();
    let prepare = ServerAction::<PreparePayment>::new();
    let approve = ServerAction::<ApprovePayment>::new();
    let reject = ServerAction::<RejectPayment>::new();
    let contract = Resource::new(
        move || {
            (
                id.get(),
                sign.version().get(),
                prepare.version().get(),
                approve.version().get(),
                reject.version().get(),
            )
        },
        |(id, ..)| get_contract(id),
    );
    view! {
        <Transition fallback=|| ()>
            {move || contract.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(c) => view! { <Contract c sign prepare approve reject /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Contract(
    c: ContractView,
    sign: ServerAction<SignContract>,
    prepare: ServerAction<PreparePayment>,
    approve: ServerAction<ApprovePayment>,
    reject: ServerAction<RejectPayment>,
) -> impl IntoView {
    let lang = use_lang();
    let id = c.id;
    let status = c.status;
    let sign_key = StoredValue::new(None::<String>);
    let prepare_key = StoredValue::new(None::<String>);
    let evidence = RwSignal::new(String::new());
    let sign_error = action_error(sign.value());
    let prepare_error = action_error(prepare.value());
    Effect::new(move |_| {
        if let Some(Ok(_)) = prepare.value().get() {
            prepare_key.set_value(None);
        }
    });
    let live: Vec<i32> = c
        .payments
        .iter()
        .filter(|p| p.status.live())
        .map(|p| p.tranche_seq)
        .collect();
    view! {
        <section class="panel" data-testid="contract">
            <h1>{format!("{} · {}", c.code, c.title)}</h1>
            <dl class="facts">
                <dt>{t("Trạng thái", "Status")}</dt><dd data-testid="contract-status">{move || status.label(lang.get())}</dd>
                <dt>{t("Tổ chức chủ trì", "Host organisation")}</dt><dd>{c.organisation.clone()}</dd>
                <dt>{t("Chủ nhiệm", "Leader")}</dt><dd>{c.leader_name.clone()}</dd>
                <dt>{t("Kinh phí từ Quỹ", "From the fund")}</dt><dd data-testid="contract-total">{format_dong(c.total_dong)}</dd>
                <dt>{t("Đã chi", "Paid")}</dt><dd data-testid="contract-disbursed">{format_dong(c.disbursed_dong)}</dd>
                <dt>{t("Còn cam kết (gồm khoản chờ duyệt)", "Still committed (pending included)")}</dt><dd data-testid="contract-committed">{format_dong(c.committed_dong)}</dd>
                <dt>{t("Đang chờ duyệt chi", "Awaiting approval")}</dt><dd>{format_dong(c.pending_dong)}</dd>
                {c.signed_at.map(|s| view! { <dt>{t("Ký ngày", "Signed")}</dt><dd>{format_date(s)}</dd> })}
            </dl>
            {c.may_sign.then(|| view! {
                <ErrorBox error=sign_error with_fields=true />
                <button class="button" data-testid="sign-contract" on:click=move |_| { sign.dispatch(SignContract { id, key: key_for(sign_key, "sign") }); }>
                    {t("Ký hợp đồng và cam kết kinh phí", "Sign and commit the money")}
                </button>
            })}
        </section>
        <section class="panel" data-testid="contract-terms">
            <h2>{t("Các bên và nội dung hợp đồng", "Parties and terms")}</h2>
            <dl class="facts">
                <dt>{t("Bên đặt hàng, cấp kinh phí", "Ordering and funding party")}</dt><dd>{t("Sở Khoa học và Công nghệ; Quỹ phát triển KH&CN tỉnh", "The Department of Science and Technology; the provincial S&T fund")}</dd>
                <dt>{t("Bên thực hiện (tổ chức chủ trì)", "Host organisation")}</dt><dd>{c.organisation.clone()}</dd>
                <dt>{t("Chủ nhiệm nhiệm vụ", "Task leader")}</dt><dd>{c.leader_name.clone()}</dd>
                <dt>{t("Thời gian thực hiện", "Duration")}</dt><dd>{move || format!("{} {}", c.duration_months, lang.get().pick("tháng", "months"))}</dd>
            </dl>
            <h3>{t("Sản phẩm và tiêu chí nghiệm thu", "Products and acceptance criteria")}</h3>
            <table class="table">
                <thead><tr><th>{t("Sản phẩm", "Product")}</th><th class="num">{t("Số lượng", "Quantity")}</th><th>{t("Yêu cầu chất lượng", "Quality criterion")}</th></tr></thead>
                <tbody>{c.products.iter().map(|p| view! { <tr><td>{p.name.clone()}</td><td class="num">{p.quantity}</td><td>{p.quality_criterion.clone()}</td></tr> }).collect_view()}</tbody>
            </table>
            <h3>{t("Kinh phí từ Quỹ theo khoản chi", "The fund's money by budget line")}</h3>
            <table class="table" data-testid="contract-lines">
                <thead><tr><th>{t("Khoản chi", "Line")}</th><th class="num">{t("Từ Quỹ", "From the fund")}</th><th>{t("Quyết toán", "Settled by")}</th></tr></thead>
                <tbody>{c.lines.iter().map(|l| {
                    let (kind, lump) = (l.kind, l.lump_sum);
                    view! {
                        <tr>
                            <td>{move || kind.label(lang.get())}{format!(" — {}", l.description)}</td>
                            <td class="num">{format_dong(l.fund_dong)}</td>
                            <td>{move || if lump { lang.get().pick("Khoán: theo sản phẩm", "Lump-sum: by products") } else { lang.get().pick("Theo chứng từ", "By documents") }}</td>
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table>
        </section>
        <section class="panel">
            <h2>{t("Các đợt cấp kinh phí", "Tranches")}</h2>
            <table class="table" data-testid="tranches">
                <thead><tr><th>{t("Đợt", "No.")}</th><th class="num">{t("Số tiền", "Amount")}</th><th>{t("Hạn", "Due")}</th><th>{t("Điều kiện", "Condition")}</th><th></th></tr></thead>
                <tbody>
                    {c.tranches.iter().map(|(seq, tr)| {
                        let seq = *seq;
                        let open = c.may_prepare && !live.contains(&seq);
                        view! {
                            <tr data-testid=format!("tranche-{seq}")>
                                <td>{seq}</td><td class="num">{format_dong(tr.amount_dong)}</td><td>{format_date(tr.due_at)}</td><td>{tr.condition.clone()}</td>
                                <td>{open.then(|| view! {
                                    <button class="link" data-testid="prepare-payment" on:click=move |_| {
                                        prepare.dispatch(PreparePayment { key: key_for(prepare_key, "pay"), contract_id: id, tranche_seq: seq, evidence: evidence.get_untracked() });
                                    }>{t("Lập khoản chi", "Prepare payment")}</button>
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {c.may_prepare.then(|| view! {
                <label for="evidence">{t("Căn cứ chi (chứng từ, điều kiện đã đạt)", "Grounds (documents, condition met)")}</label>
                <input id="evidence" data-testid="payment-evidence" bind:value=evidence />
                <FieldError error=prepare_error field="evidence" />
                <ErrorBox error=prepare_error />
            })}
        </section>
        <section class="panel">
            <h2>{t("Khoản chi", "Payments")}</h2>
            <PaymentTable items=c.payments.clone() approve reject />
        </section>
        {(status != domain::contract::ContractStatus::Draft).then(|| view! { <crate::execution::pages::ExecutionPanel contract_id=id /> })}
        {c.may_view_ledger.then(|| view! { <ContractStatement id /> })}
    }
}

/// Every transfer of the contract's commitment, newest first.
#[component]
fn ContractStatement(id: i32) -> impl IntoView {
    let (_, page) = query_and_page();
    let list = Resource::new(
        move || page.get(),
        move |p| {
            fund_transfers(
                Some(domain::ledger::Account::Committed(id.into()).code()),
                p,
            )
        },
    );
    view! {
        <section class="panel">
            <h2>{t("Sổ chi tiết hợp đồng", "The contract's statement")}</h2>
            <PagedList list empty=("Chưa có giao dịch nào.", "No transfer yet.") empty_testid="contract-transfers-empty"
                render={move |items: Vec<TransferRow>| view! { <TransferTable items /> }} />
        </section>
    }
}

#[component]
fn PaymentTable(
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
            <thead><tr><th>{t("Hợp đồng · đợt", "Contract · tranche")}</th><th class="num">{t("Số tiền", "Amount")}</th><th>{t("Trạng thái", "Status")}</th><th>{t("Người lập", "Prepared by")}</th><th>{t("Người duyệt", "Decided by")}</th><th></th></tr></thead>
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
                                <button class="button" data-testid="approve-payment" on:click=move |_| { approve.dispatch(ApprovePayment { key: key_for(key, "ok"), payment_id: pid }); }>{t("Duyệt chi", "Approve")}</button>
                                " "
                                <button class="button secondary" data-testid="reject-payment" on:click=move |_| { reject.dispatch(RejectPayment { key: key_for(key, "no"), payment_id: pid, reason: reason.get_untracked() }); }>{t("Từ chối", "Reject")}</button>
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

/// The director's queue and every payment by state.
#[component]
pub fn PaymentsPage() -> impl IntoView {
    let approve = ServerAction::<ApprovePayment>::new();
    let reject = ServerAction::<RejectPayment>::new();
    let (_, page) = query_and_page();
    let list = Resource::new(
        move || (page.get(), approve.version().get(), reject.version().get()),
        |(p, ..)| {
            list_payments(
                Some(domain::contract::PaymentStatus::Pending.code().into()),
                p,
            )
        },
    );
    view! {
        <section class="panel">
            <h1>{t("Khoản chi chờ duyệt", "Payments awaiting approval")}</h1>
            <PagedList list empty=("Không có khoản chi nào chờ duyệt.", "No payment awaits approval.") empty_testid="payments-empty"
                render={move |items: Vec<PaymentView>| view! { <PaymentTable items approve reject /> }} />
        </section>
    }
}

/// On a dossier's page: its contract and the money paid, or for an officer the contract draft.
#[component]
pub fn ContractPanel(application_id: i32, may_draft: bool) -> impl IntoView {
    let create = ServerAction::<CreateContract>::new();
    // Reloaded once a contract is drafted; a refused draft keeps what was typed.
    let created = Memo::new(move |_| create.value().get().and_then(|r| r.ok()));
    let found = Resource::new(
        move || created.get(),
        move |_| contract_of_application(application_id),
    );
    view! {
        <Transition fallback=|| ()>
            {move || found.get().and_then(Result::ok).map(|c| match c {
                Some(id) => view! { <ContractSummary id /> }.into_any(),
                None if may_draft => view! { <ContractDraft application_id create /> }.into_any(),
                None => ().into_any(),
            })}
        </Transition>
    }
}

#[component]
fn ContractSummary(id: i32) -> impl IntoView {
    let lang = use_lang();
    let c = Resource::new(move || id, get_contract);
    view! {
        <Transition fallback=|| ()>
            {move || c.get().and_then(Result::ok).map(|c| {
                let status = c.status;
                view! {
                    <section class="panel" data-testid="task-money">
                        <h2>{t("Hợp đồng và kinh phí", "Contract and money")}</h2>
                        <p><A href=format!("/contracts/{}", c.id)>{c.code.clone()}</A>" · "{move || status.label(lang.get())}</p>
                        <dl class="facts">
                            <dt>{t("Kinh phí từ Quỹ", "From the fund")}</dt><dd>{format_dong(c.total_dong)}</dd>
                            <dt>{t("Đã nhận", "Paid")}</dt><dd data-testid="task-paid">{format_dong(c.disbursed_dong)}</dd>
                        </dl>
                    </section>
                }
            })}
        </Transition>
    }
}

#[component]
fn ContractDraft(application_id: i32, create: ServerAction<CreateContract>) -> impl IntoView {
    // Rows of (amount, due date yyyy-mm-dd, condition).
    let today = Utc::now();
    let row = |days: i64, condition: &str| {
        (
            RwSignal::new(String::new()),
            RwSignal::new(format_date_input(today + Duration::days(days))),
            RwSignal::new(condition.to_string()),
        )
    };
    let rows = RwSignal::new(vec![
        row(30, "Khi ký hợp đồng"),
        row(365, "Sau khi báo cáo giữa kỳ được chấp nhận"),
    ]);
    let local = RwSignal::new(None::<AppError>);
    let server = action_error(create.value());
    let error = Signal::derive(move || local.get().or(server.get()));
    view! {
        <form class="panel" data-testid="contract-draft" novalidate on:submit=move |ev| {
            ev.prevent_default();
            local.set(None);
            let mut tranches = Vec::new();
            for (i, (amount, due, condition)) in rows.get_untracked().into_iter().enumerate() {
                let Some(amount_dong) = number(&amount.get_untracked()) else {
                    return local.set(Some(AppError::invalid(&format!("tranches.{i}.amount_dong"), Problem::NotANumber)));
                };
                let Some(due_at) = parse_vietnam_local(&format!("{}T00:00", due.get_untracked())) else {
                    return local.set(Some(AppError::invalid(&format!("tranches.{i}.due_at"), Problem::NotANumber)));
                };
                tranches.push(Tranche { amount_dong, due_at, condition: condition.get_untracked() });
            }
            create.dispatch(CreateContract { application_id, tranches });
        }>
            <h2>{t("Lập dự thảo hợp đồng", "Draft the contract")}</h2>
            <p class="hint">{t("Các đợt cấp phải cộng đúng bằng kinh phí đề nghị từ Quỹ.", "The tranches must add up to the amount asked from the fund.")}</p>
            {move || rows.get().into_iter().enumerate().map(|(i, (amount, due, condition))| view! {
                <div class="grid-3">
                    <label>{move || format!("{} {}", use_lang().get().pick("Đợt", "Tranche"), i + 1)}<input data-testid=format!("tranche-amount-{i}") inputmode="numeric" bind:value=amount /></label>
                    <label>{t("Hạn cấp", "Due")}<input type="date" data-testid=format!("tranche-due-{i}") bind:value=due /></label>
                    <label>{t("Điều kiện", "Condition")}<input bind:value=condition /></label>
                </div>
                <FieldError error field=format!("tranches.{i}.amount_dong") />
                <FieldError error field=format!("tranches.{i}.due_at") />
            }).collect_view()}
            <FieldError error field="tranches" />
            <FieldError error field="application_id" />
            <ErrorBox error />
            <button type="submit" class="button" data-testid="create-contract">{t("Lập hợp đồng", "Draft contract")}</button>
        </form>
    }
}

fn format_date_input(at: chrono::DateTime<Utc>) -> String {
    domain::format::vietnam_local_input(at)[..10].to_string()
}
