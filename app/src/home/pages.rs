//! The home page: what the system is and the open calls for the public; the to-do list for a
//! signed-in person.

use domain::format::{format_datetime, format_dong};
use domain::glossary;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::api::Me;
use crate::components::ErrorBox;
use crate::home::api::{my_todos, open_calls, OpenCall, Todo};
use crate::i18n::{t, term, use_lang};
use crate::list::PagedList;
use crate::use_session;

#[component]
pub fn HomePage() -> impl IntoView {
    crate::components::mark_page_ready();
    let session = use_session();
    view! {
        <Transition fallback=|| ()>
            {move || session.info.get().map(|r| match r.ok().and_then(|s| s.me) {
                Some(me) => view! { <SignedInHome me /> }.into_any(),
                None => view! { <PublicIntro /> }.into_any(),
            })}
        </Transition>
        <OpenCalls />
    }
}

#[component]
fn PublicIntro() -> impl IntoView {
    view! {
        <section class="hero" data-testid="public-intro">
            <h1>{t(
                "Quản lý nhiệm vụ khoa học và công nghệ và Quỹ phát triển KH&CN của tỉnh, trực tuyến",
                "The province's science and technology tasks and S&T fund, online",
            )}</h1>
            <p>{t(
                "Từ đề xuất của nhà khoa học, đánh giá của hội đồng, phê duyệt và hợp đồng, cấp kinh phí từ Quỹ, đến nghiệm thu và quyết toán theo sản phẩm: mọi bước công khai, có dấu vết và đúng quy định.",
                "From a researcher's proposal, the council's review, approval and contract, payments from the fund, to acceptance and settlement by products: every step transparent, traceable and by the rules.",
            )}</p>
            <ul class="steps">
                <li>{t("Nộp hồ sơ trực tuyến khi đợt đang mở", "Apply online while a call is open")}</li>
                <li>{t("Hội đồng chấm điểm độc lập, có kiểm soát xung đột lợi ích", "Independent council scoring with conflict-of-interest checks")}</li>
                <li>{t("Quỹ chi trả theo nguyên tắc bốn mắt, sổ cái kép", "Fund payments under four eyes, on a double-entry ledger")}</li>
                <li>{t("Khoán chi đến sản phẩm cuối cùng, quyết toán đơn giản", "Lump-sum funding to final products, simple settlement")}</li>
            </ul>
            <A href="/login" attr:class="button">{t("Đăng nhập", "Sign in")}</A>
        </section>
    }
}

#[component]
fn SignedInHome(me: Me) -> impl IntoView {
    let lang = use_lang();
    let todos = Resource::new(|| (), |_| my_todos());
    let greeting = me.display_name.clone();
    view! {
        <section class="panel" data-testid="todos">
            <h1>{move || format!("{}, {}", lang.get().pick("Xin chào", "Hello"), greeting)}</h1>
            <h2>{t("Việc cần làm", "To do")}</h2>
            <Transition fallback=|| ()>
                {move || todos.get().map(|r| match r {
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty" data-testid="todos-empty">{t(
                            "Bạn không có việc nào cần làm lúc này.",
                            "You have nothing to do right now.",
                        )}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="todo-list">
                            {list.into_iter().map(|todo| view! { <TodoItem todo /> }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn TodoItem(todo: Todo) -> impl IntoView {
    let lang = use_lang();
    let (href, text) = match todo {
        Todo::ChangeTemporaryPassword => (
            String::from("/profile"),
            Box::new(move || {
                lang.get()
                    .pick(
                        "Đổi mật khẩu tạm thời do quản trị viên cấp",
                        "Change the temporary password your administrator gave you",
                    )
                    .to_string()
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::CreateFirstOrganisation => (
            String::from("/admin/organisations"),
            Box::new(move || {
                lang.get()
                    .pick(
                        "Tạo tổ chức đầu tiên (Sở, tổ chức chủ trì)",
                        "Create the first organisation (department, host organisations)",
                    )
                    .to_string()
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::AssignRoles {
            users_without_roles,
        } => (
            String::from("/admin/users"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => {
                    format!("Gán vai trò cho {users_without_roles} tài khoản chưa có vai trò")
                }
                domain::Lang::En => {
                    format!("Assign roles to {users_without_roles} account(s) without any")
                }
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::ConfirmApplications { count } => (
            String::from("/applications/host"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => format!("Xác nhận {count} hồ sơ của tổ chức"),
                domain::Lang::En => format!("Confirm {count} dossier(s) of your organisation"),
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::CompleteCv => (
            String::from("/profile/cv"),
            Box::new(move || {
                lang.get()
                    .pick(
                        "Hoàn thiện lý lịch khoa học (cần để nộp hồ sơ)",
                        "Complete your scientific CV (needed to submit)",
                    )
                    .to_string()
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::CorrectReturnedApplications { count } => (
            String::from("/applications"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => format!("Bổ sung {count} hồ sơ bị trả lại trước hạn"),
                domain::Lang::En => {
                    format!("Correct {count} returned application(s) before the deadline")
                }
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::CheckSubmittedApplications { count } => (
            String::from("/applications/review"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => format!("Kiểm tra tính hợp lệ của {count} hồ sơ đã nộp"),
                domain::Lang::En => {
                    format!("Check the validity of {count} submitted application(s)")
                }
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::ApprovePayments { count } => (
            String::from("/payments"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => format!("Duyệt {count} khoản chi đang chờ"),
                domain::Lang::En => format!("Approve {count} pending payment(s)"),
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::ApproveTasks { count } => (
            String::from("/tasks"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => format!("Phê duyệt {count} nhiệm vụ đã thẩm định kinh phí"),
                domain::Lang::En => format!("Approve {count} appraised task(s)"),
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::OverdueReports { count, first } => (
            format!("/contracts/{first}"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => format!("{count} nhiệm vụ quá hạn nộp báo cáo tiến độ"),
                domain::Lang::En => format!("{count} task(s) with an overdue progress report"),
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::ReviewReports { count, first } => (
            format!("/contracts/{first}"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => format!("Xem xét {count} báo cáo tiến độ"),
                domain::Lang::En => format!("Review {count} progress report(s)"),
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::CastBallots { count, first } => (
            format!("/contracts/{first}"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => format!("Bỏ phiếu nghiệm thu {count} nhiệm vụ"),
                domain::Lang::En => format!("Cast your acceptance ballot on {count} task(s)"),
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::DecideCloseouts { count, first } => (
            format!("/contracts/{first}"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => {
                    format!("Quyết định miễn trừ hoặc phê duyệt quyết toán: {count} nhiệm vụ")
                }
                domain::Lang::En => {
                    format!("Decide an exemption or approve a settlement: {count} task(s)")
                }
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::DecideAmendments { count, first } => (
            format!("/contracts/{first}"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => format!("Xem xét {count} đề nghị điều chỉnh hợp đồng"),
                domain::Lang::En => format!("Decide {count} contract amendment request(s)"),
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::ScoreApplications { count, first } => (
            format!("/councils/{first}"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => {
                    format!("Hội đồng tuyển chọn chờ bạn trả lời lời mời hoặc nộp phiếu đánh giá: {count}")
                }
                domain::Lang::En => {
                    format!("Selection councils waiting for your answer or score sheets: {count}")
                }
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::JudgeProposals { count, first } => (
            format!("/proposals/councils/{first}"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => {
                    format!(
                        "Hội đồng tư vấn xác định nhiệm vụ chờ bạn trả lời hoặc bỏ phiếu: {count}"
                    )
                }
                domain::Lang::En => {
                    format!("Identification councils waiting for your answer or ballots: {count}")
                }
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
        Todo::RecordRefunds { count, first } => (
            format!("/contracts/{first}"),
            Box::new(move || match lang.get() {
                domain::Lang::Vi => format!("Theo dõi nộp trả kinh phí: {count} nhiệm vụ"),
                domain::Lang::En => format!("Refunds due: {count} task(s)"),
            }) as Box<dyn Fn() -> String + Send + Sync>,
        ),
    };
    view! { <li data-testid="todo"><A href=href>{text}</A></li> }
}

#[component]
fn OpenCalls() -> impl IntoView {
    let (_, page) = crate::list::query_and_page();
    let calls = Resource::new(move || page.get(), open_calls);
    view! {
        <section class="panel" data-testid="open-calls">
            <h2>{t("Đợt đang nhận hồ sơ", "Calls open for proposals")}</h2>
            <PagedList list=calls
                empty=(
                    "Hiện chưa có đợt nào đang nhận hồ sơ. Thông báo đợt mới sẽ xuất hiện tại đây.",
                    "No call is open right now. New calls will appear here.",
                )
                empty_testid="open-calls-empty" render={|items: Vec<OpenCall>| view! {
                        <ul class="cards">
                            {items.into_iter().map(|c| view! {
                                <li class="card" data-testid="open-call">
                                    <p class="muted">{c.code}</p>
                                    <h3><A href=format!("/calls/{}", c.id)>{c.title}</A></h3>
                                    <p>{c.summary}</p>
                                    <dl class="facts">
                                        <dt>{term(glossary::DEADLINE)}</dt>
                                        <dd>{format_datetime(c.closes_at)}</dd>
                                        <dt>{t("Kinh phí dự kiến", "Budget envelope")}</dt>
                                        <dd>{format_dong(c.budget_dong)}</dd>
                                    </dl>
                                </li>
                            }).collect_view()}
                        </ul>
                }} />
        </section>
    }
}
