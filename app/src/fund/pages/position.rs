//! The fund's page: its position at a date, receipts and their corrections, transfers; reconciliation.

use super::*;

/// The book a page shows, from its address (`?unit=5`: that managing unit's own; none: the
/// fund's, or a unit's staff's own unit's).
pub(super) fn book_in_query() -> Memo<Option<i32>> {
    let query = leptos_router::hooks::use_query_map();
    Memo::new(move |_| query.read().get("unit").and_then(|u| u.parse().ok()))
}

/// The page's heading: the fund's, or a managing unit's own book with what it is for.
fn book_heading(v: &FundView) -> AnyView {
    let lang = use_lang();
    let name = v
        .unit
        .and_then(|u| v.books.iter().find(|b| b.0 == u).map(|b| b.1.clone()));
    match name {
        Some(name) => view! {
            <h1 data-testid="book-title">{move || match lang.get() {
                domain::Lang::Vi => format!("Sổ kinh phí riêng: {name}"),
                domain::Lang::En => format!("Own book: {name}"),
            }}</h1>
            <p class="hint">{t("Nhiệm vụ cấp cơ sở mà quy định của đơn vị không để Quỹ cấp kinh phí được đơn vị chi từ kinh phí của mình, ghi sổ riêng: không chuyển sang sổ của Quỹ.", "Grassroots tasks the unit's rulebook does not have the fund pay are paid by the unit from its own budget, in a book of its own: nothing moves to the fund's.")}</p>
        }
        .into_any(),
        None => view! { <h1>{t("Quỹ phát triển KH&CN tỉnh", "The provincial S&T fund")}</h1> }.into_any(),
    }
}

/// The books a person reads, as tabs: the fund's and each managing unit's own.
#[component]
fn BookTabs(view: FundView) -> impl IntoView {
    let here = view.unit;
    let tab = move |href: String, label: String, current: bool, testid: String| {
        view! {
            <A href=href attr:class=if current { "tab current" } else { "tab" } attr:data-testid=testid
                attr:aria-current=current.then_some("page")>{label}</A>
        }
    };
    (view.books.len() + usize::from(view.sees_fund) > 1).then(|| {
        view! {
            <nav class="tabs" data-testid="book-tabs" aria-label="Sổ kinh phí">
                {view.sees_fund.then(|| tab("/fund".into(), "Quỹ phát triển KH&CN tỉnh".into(), here.is_none(), "book-fund".into()))}
                {view.books.into_iter().map(|(id, name)| tab(format!("/fund?unit={id}"), name, here == Some(id), format!("book-{id}"))).collect_view()}
            </nav>
        }
    })
}

#[component]
pub fn FundPage() -> impl IntoView {
    let lang = use_lang();
    let receive = ServerAction::<RecordReceipt>::new();
    let as_of = RwSignal::new(String::new());
    let unit = book_in_query();
    // Reloaded after a recorded receipt only: a refused one keeps the form as typed.
    let recorded = Memo::new(move |_| receive.value().get().and_then(|r| r.ok()));
    let overview = Resource::new(
        move || (as_of.get(), recorded.get(), unit.get()),
        |(d, _, u)| fund_overview(Some(d).filter(|d| !d.is_empty()), u),
    );
    let (_, page) = query_and_page();
    // The statement: every transfer, or one account's.
    let account = RwSignal::new(String::new());
    let statement = Resource::new(
        move || (page.get(), recorded.get(), account.get(), unit.get()),
        |(p, _, a, u)| fund_transfers(Some(a).filter(|a| !a.is_empty()), p, u),
    );
    let suffix = move || unit.get().map(|u| format!("?unit={u}")).unwrap_or_default();
    // Read without strftime, whose format parser would otherwise ship to every browser.
    let year = RwSignal::new(
        chrono::Datelike::year(&Utc::now().with_timezone(&domain::format::vietnam_offset()))
            .to_string(),
    );
    view! {
        <section class="panel" data-testid="fund">
            // The heading and the books' tabs, then the date the figures are for, kept as typed.
            <Transition fallback=|| view! { <h1>{t("Quỹ phát triển KH&CN tỉnh", "The provincial S&T fund")}</h1> }>
                {move || overview.get().map(|r| match r {
                    Err(_) => view! { <h1>{t("Quỹ phát triển KH&CN tỉnh", "The provincial S&T fund")}</h1> }.into_any(),
                    Ok(v) => view! { {book_heading(&v)} <BookTabs view=v.clone() /> }.into_any(),
                })}
            </Transition>
            <label>{t("Số liệu đến hết ngày (để trống: hiện tại)", "Figures at the end of (empty: now)")}
                <input type="date" data-testid="as-of" bind:value=as_of />
            </label>
            <Transition fallback=|| ()>
                {move || overview.get().map(|r| match r {
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                    Ok(v) => {
                        let p = v.position;
                        let by_source = if v.unit.is_some() { Vec::new() } else { v.by_source.clone() };
                        view! {
                            <dl class="facts" data-testid="fund-position">
                                <dt>{t("Đã nhận", "Received")}</dt><dd data-testid="received">{format_dong(p.received_dong)}</dd>
                                <dt>{t("Chưa phân bổ", "Available")}</dt><dd data-testid="available">{format_dong(p.available_dong)}</dd>
                                <dt>{t("Đã cam kết (chưa chi)", "Committed, not yet paid")}</dt><dd data-testid="committed">{format_dong(p.committed_dong)}</dd>
                                <dt>{t("Trong đó đang chờ duyệt chi", "Of which awaiting approval")}</dt><dd data-testid="pending">{format_dong(p.pending_dong)}</dd>
                                <dt>{t("Đã chi, chưa quyết toán", "Paid, not yet settled")}</dt><dd data-testid="disbursed">{format_dong(p.disbursed_dong)}</dd>
                                <dt>{t("Đã quyết toán (lũy kế)", "Settled (to date)")}</dt><dd data-testid="position-settled">{format_dong(p.settled_dong)}</dd>
                                <dt>{t("Phải thu hồi, chưa nộp về", "Due back, not yet received")}</dt><dd data-testid="refund-due">{format_dong(p.refund_due_dong)}</dd>
                                {by_source.into_iter().map(|(s, amount)| view! {
                                    <dt>{move || format!("{} {}", lang.get().pick("Nguồn:", "Source:"), s.label(lang.get()))}</dt><dd>{format_dong(amount)}</dd>
                                }).collect_view()}
                            </dl>
                            <p><A href=move || format!("/fund/reconcile{}", suffix()) attr:data-testid="open-reconcile">{t("Đối chiếu số dư", "Reconcile balances")}</A>" · "<A href="/contracts">{terms(glossary::CONTRACT)}</A>" · "<A href=move || format!("/payments{}", suffix())>{t("Các lần cấp tiền", "Payments")}</A></p>
                            {v.may_receive.then(|| view! { <ReceiptForm receive unit=v.unit /> <CorrectionForm /> })}
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
                        {move || statement_accounts(unit.get()).into_iter().map(|a| view! {
                            <option value=a.code()>{move || a.label(lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Show when=move || unit.get().is_none()>
                    <label>{t("Báo cáo năm", "Year report")}<input class="year" inputmode="numeric" data-testid="report-year" bind:value=year /></label>
                    <a class="button secondary" rel="external" download data-testid="year-report" href=move || format!("/exports/fund/years/{}/report.xlsx", year.get().trim())>{t("Tải báo cáo (.xlsx)", "Download (.xlsx)")}</a>
                </Show>
            </div>
            <PagedList list=statement empty=("Chưa có giao dịch nào.", "No transfer yet.") empty_testid="transfers-empty"
                render={move |items: Vec<TransferRow>| view! { <TransferTable items /> }} />
        </section>
    }
}

/// The accounts a book's statement may be narrowed to: where its money comes from and where it
/// waits to be committed.
fn statement_accounts(unit: Option<i32>) -> Vec<domain::ledger::Account> {
    use domain::ledger::Account;
    match unit {
        Some(u) => vec![
            Account::UnitAvailable(u.into()),
            Account::UnitBudget(u.into()),
        ],
        None => std::iter::once(Account::Available)
            .chain(Source::ALL.into_iter().map(Account::Source))
            .collect(),
    }
}

#[component]
pub(super) fn ReceiptForm(
    receive: ServerAction<RecordReceipt>,
    unit: Option<i32>,
) -> impl IntoView {
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
                unit,
            });
        }>
            {match unit {
                None => view! {
                    <h2>{t("Ghi nhận tiền về Quỹ", "Record money received")}</h2>
                    <label>{t("Nguồn", "Source")}
                        <select data-testid="receipt-source" on:change:target=move |ev| source.set(ev.target().selected_index().max(0) as usize)>
                            {Source::ALL.into_iter().enumerate().map(|(i, s)| view! { <option selected=move || source.get() == i>{move || s.label(lang.get())}</option> }).collect_view()}
                        </select>
                    </label>
                }.into_any(),
                Some(_) => view! {
                    <h2>{t("Ghi nhận kinh phí của đơn vị đưa vào sổ", "Record the unit's budget put into its book")}</h2>
                }.into_any(),
            }}
            <label>{t("Số tiền (đồng)", "Amount (đồng)")}<AmountInput value=amount testid="receipt-amount" /></label>
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
pub(super) fn CorrectionForm() -> impl IntoView {
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
            <label>{t("Số tiền điều chỉnh (đồng)", "Amount to take back (đồng)")}<AmountInput value=amount testid="correction-amount" /></label>
            <FieldError error field="amount_dong" />
            <label>{term(glossary::REASON)}<input bind:value=note /></label>
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
pub(super) fn TransferTable(items: Vec<TransferRow>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <table class="table" data-testid="transfers">
            <thead><tr>
                <th>"#"</th><th>{t("Thời điểm", "When")}</th><th>{t("Ghi nợ", "Debit")}</th><th>{t("Ghi có", "Credit")}</th>
                <th class="num">{term(glossary::AMOUNT)}</th><th>{t("Loại", "Kind")}</th><th>{t("Văn bản / ghi chú", "Document / note")}</th><th>{t("Người thực hiện", "By")}</th>
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
                            <td>{move || flow.label(lang.get())}{r.pending_id.map(|p| format!(" (#{p})"))}</td>
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
    let unit = book_in_query();
    let rec = Resource::new(move || unit.get(), reconcile_fund);
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
