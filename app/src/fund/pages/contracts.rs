//! Contracts: the list, a contract's page (terms, tranches, statement), the dossier's contract panel and the officer's draft.

use super::*;

#[component]
pub fn ContractsPage() -> impl IntoView {
    let lang = use_lang();
    let (_, page) = query_and_page();
    let list = Resource::new(move || page.get(), list_contracts);
    view! {
        <section class="panel">
            <h1>{terms(glossary::CONTRACT)}</h1>
            <PagedList list empty=("Chưa có hợp đồng nào.", "No contract yet.") empty_testid="contracts-empty"
                render={move |items: Vec<ContractRow>| view! {
                    <table class="table" data-testid="contract-list">
                        <thead><tr><th>{t("Số", "Number")}</th><th>{term(glossary::TASK)}</th><th class="num">{term(glossary::BUDGET)}</th><th>{t("Trạng thái", "Status")}</th></tr></thead>
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
#[expect(
    clippy::too_many_lines,
    reason = "one page's markup in the order it shows; the parts other pages share are components"
)]
pub(super) fn Contract(
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
                <dt>{term(glossary::HOST_ORGANISATION)}</dt><dd>{c.organisation.clone()}</dd>
                <dt>{t("Chủ nhiệm", "Leader")}</dt><dd>{c.leader_name.clone()}</dd>
                <dt>{t("Nguồn kinh phí", "Paid by")}</dt><dd data-testid="contract-payer">{payer(c.payer.clone())}</dd>
                <dt>{t("Kinh phí hợp đồng", "Contract total")}</dt><dd data-testid="contract-total">{format_dong(c.total_dong)}</dd>
                <dt>{term(glossary::DISBURSED)}</dt><dd data-testid="contract-disbursed">{format_dong(c.disbursed_dong)}</dd>
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
                <dt>{t("Bên đặt hàng, cấp kinh phí", "Ordering and funding party")}</dt><dd>{match c.payer.clone() {
                    None => t("Sở Khoa học và Công nghệ; Quỹ phát triển KH&CN tỉnh", "The Department of Science and Technology; the provincial S&T fund").into_any(),
                    Some(unit) => unit.into_any(),
                }}</dd>
                <dt>{t("Bên thực hiện (tổ chức chủ trì)", "Host organisation")}</dt><dd>{c.organisation.clone()}</dd>
                <dt>{t("Chủ nhiệm nhiệm vụ", "Task leader")}</dt><dd>{c.leader_name.clone()}</dd>
                <dt>{t("Thời gian thực hiện", "Duration")}</dt><dd>{move || format!("{} {}", c.duration_months, lang.get().pick("tháng", "months"))}</dd>
            </dl>
            <h3>{t("Sản phẩm và tiêu chí nghiệm thu", "Products and acceptance criteria")}</h3>
            <table class="table">
                <thead><tr><th>{term(glossary::PRODUCT)}</th><th class="num">{t("Số lượng", "Quantity")}</th><th>{t("Yêu cầu chất lượng", "Quality criterion")}</th></tr></thead>
                <tbody>{c.products.iter().map(|p| view! { <tr><td>{p.name.clone()}</td><td class="num">{p.quantity}</td><td>{p.quality_criterion.clone()}</td></tr> }).collect_view()}</tbody>
            </table>
            <h3>{t("Kinh phí từ Quỹ theo khoản chi", "The fund's money by budget line")}</h3>
            <table class="table" data-testid="contract-lines">
                <thead><tr><th>{term(glossary::BUDGET_LINE)}</th><th class="num">{t("Từ Quỹ", "From the fund")}</th><th>{term(glossary::SETTLEMENT)}</th></tr></thead>
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
                <thead><tr><th>{t("Đợt", "No.")}</th><th class="num">{term(glossary::AMOUNT)}</th><th>{t("Hạn", "Due")}</th><th>{t("Điều kiện", "Condition")}</th><ActionsHeader /></tr></thead>
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
            <h2>{t("Các lần cấp tiền", "Payments")}</h2>
            <PaymentTable items=c.payments.clone() approve reject />
            <PaymentDone approve reject />
        </section>
        {(status != domain::contract::ContractStatus::Draft).then(|| view! { <crate::execution::pages::ExecutionPanel contract_id=id /> })}
        {c.may_view_ledger.then(|| view! { <ContractStatement id unit=c.payer_unit /> })}
        <crate::audit::pages::History application_id=c.application_id />
    }
}

/// Who pays a contract, in words: the fund, or a managing unit from its own budget.
fn payer(unit: Option<String>) -> impl IntoView {
    let lang = use_lang();
    move || match (&unit, lang.get()) {
        (None, l) => l
            .pick("Quỹ phát triển KH&CN tỉnh", "The provincial S&T fund")
            .to_string(),
        (Some(u), domain::Lang::Vi) => format!("{u} (kinh phí của đơn vị)"),
        (Some(u), domain::Lang::En) => format!("{u} (the unit's own budget)"),
    }
}

/// The contract total's label, naming who pays it.
fn total_label(unit: Option<String>) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    move || match (&unit, lang.get()) {
        (None, l) => l.pick("Kinh phí từ Quỹ", "From the fund").to_string(),
        (Some(u), domain::Lang::Vi) => format!("Kinh phí của {u}"),
        (Some(u), domain::Lang::En) => format!("From {u}'s own budget"),
    }
}

/// Every transfer of the contract's commitment, newest first.
#[component]
pub(super) fn ContractStatement(id: i32, unit: Option<i32>) -> impl IntoView {
    let (_, page) = query_and_page();
    let list = Resource::new(
        move || page.get(),
        move |p| {
            fund_transfers(
                Some(domain::ledger::Account::Committed(id.into()).code()),
                p,
                unit,
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
pub(super) fn ContractSummary(id: i32) -> impl IntoView {
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
                            <dt>{total_label(c.payer.clone())}</dt><dd>{format_dong(c.total_dong)}</dd>
                            <dt>{t("Đã nhận", "Received")}</dt><dd data-testid="task-paid">{format_dong(c.disbursed_dong)}</dd>
                        </dl>
                    </section>
                }
            })}
        </Transition>
    }
}

#[component]
pub(super) fn ContractDraft(
    application_id: i32,
    create: ServerAction<CreateContract>,
) -> impl IntoView {
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
                    <label>{move || format!("{} {}", use_lang().get().pick("Đợt", "Tranche"), i + 1)}<AmountInput value=amount testid=format!("tranche-amount-{i}") /></label>
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

pub(super) fn format_date_input(at: chrono::DateTime<Utc>) -> String {
    domain::format::vietnam_local_input(at)[..10].to_string()
}
