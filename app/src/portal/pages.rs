//! The public portal (`/public/tasks`): funded tasks for anyone, with links to the open data.

use domain::contract::ContractStatus;
use domain::format::{format_date, format_dong};
use domain::glossary;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::i18n::{t, term, use_lang};
use crate::list::{query_and_page, PagedList};
use crate::portal::api::{public_tasks, task_counts, LevelCounts, PublicTask};

/// The funded tasks counted by level, each count a link to the list narrowed to it.
#[component]
fn LevelFilters(counts: LevelCounts) -> impl IntoView {
    let lang = use_lang();
    let links = [
        (
            "/public/tasks",
            "level-all",
            ("Tất cả", "All"),
            counts.total,
        ),
        (
            "/public/tasks?level=provincial",
            "level-provincial",
            ("Cấp tỉnh", "Provincial"),
            counts.provincial,
        ),
        (
            "/public/tasks?level=grassroots",
            "level-grassroots",
            ("Cấp cơ sở", "Grassroots"),
            counts.grassroots,
        ),
    ];
    view! {
        <nav class="filters" aria-label=move || lang.get().pick("Lọc theo cấp nhiệm vụ", "Filter by level")>
            {links.into_iter().map(|(href, testid, (vi, en), n)| view! {
                <A href=href attr:data-testid=testid>{move || format!("{} ({n})", lang.get().pick(vi, en))}</A>" "
            }).collect_view()}
        </nav>
    }
}

#[component]
pub fn PublicTasksPage() -> impl IntoView {
    let lang = use_lang();
    let (_, page) = query_and_page();
    let query = use_query_map();
    let status = Memo::new(move |_| query.read().get("status").filter(|s| !s.is_empty()));
    let level = Memo::new(move |_| query.read().get("level").filter(|s| !s.is_empty()));
    let list = Resource::new(
        move || (page.get(), status.get(), level.get()),
        |(p, s, l)| public_tasks(p, s, l),
    );
    let counts = Resource::new(|| (), |_| task_counts());
    let filters = [
        (None, ("Tất cả", "All")),
        (Some(ContractStatus::Active), ("Đang thực hiện", "Running")),
        (Some(ContractStatus::Closed), ("Đã thanh lý", "Closed")),
        (
            Some(ContractStatus::Terminated),
            ("Đã chấm dứt", "Terminated"),
        ),
    ];
    view! {
        <section class="panel">
            <h1>{t("Nhiệm vụ KH&CN được Quỹ tài trợ", "S&T tasks funded by the fund")}</h1>
            <p class="hint">{t(
                "Công khai theo quy định: tên nhiệm vụ, tổ chức chủ trì, chủ nhiệm, kinh phí được cấp và đã cấp, tình trạng và kết quả đã đăng ký.",
                "Published as the rules ask: title, host organisation, leader, money granted and paid, status and registered results.",
            )}</p>
            <Suspense fallback=|| ()>
                {move || counts.get().and_then(Result::ok).map(|c| view! { <LevelFilters counts=c /> })}
            </Suspense>
            <nav class="filters" aria-label=move || lang.get().pick("Lọc theo tình trạng", "Filter by status")>
                {filters.into_iter().map(|(s, (vi, en))| {
                    let href = match s { Some(s) => format!("/public/tasks?status={}", s.code()), None => "/public/tasks".into() };
                    let testid = format!("filter-{}", s.map(|s| s.code()).unwrap_or("all"));
                    view! { <A href=href attr:data-testid=testid>{move || lang.get().pick(vi, en)}</A>" " }
                }).collect_view()}
            </nav>
            <PagedList list empty=("Chưa có nhiệm vụ nào.", "No task yet.") empty_testid="public-empty"
                render={move |items: Vec<PublicTask>| view! {
                    <table class="table" data-testid="public-tasks">
                        <thead><tr>
                            <th>{t("Số hợp đồng", "Contract")}</th><th>{term(glossary::TASK)}</th><th>{t("Cấp", "Level")}</th><th>{term(glossary::HOST_ORGANISATION)}</th><th>{t("Chủ nhiệm", "Leader")}</th>
                            <th class="num">{t("Được cấp", "Granted")}</th><th class="num">{term(glossary::DISBURSED)}</th><th>{term(glossary::STATUS)}</th><th>{t("Kết quả", "Results")}</th>
                        </tr></thead>
                        <tbody>{items.into_iter().map(|p| {
                            let (st, rating, level) = (p.status, p.rating, p.level);
                            view! {
                                <tr data-testid="public-task">
                                    <td>{p.code}</td><td>{p.title}</td>
                                    <td data-testid="public-level">{move || level.label(lang.get())}{p.managing_unit.map(|u| format!(" · {u}"))}</td>
                                    <td>{p.organisation}</td><td>{p.leader_name}</td>
                                    <td class="num">{format_dong(p.granted_dong)}</td><td class="num" data-testid="public-paid">{format_dong(p.paid_dong)}</td>
                                    <td data-testid="public-status">{move || st.label(lang.get())}{p.signed_at.map(|s| format!(" · {}", format_date(s)))}</td>
                                    <td>
                                        {move || rating.map(|r| format!("{}. ", r.label(lang.get())))}
                                        {p.certificate_number.map(|n| view! { <span data-testid="public-certificate">{n}</span>". " })}
                                        {p.results}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                }} />
        </section>
        <section class="panel" data-testid="open-data">
            <h2>{t("Dữ liệu mở", "Open data")}</h2>
            <p>{t(
                "Toàn bộ danh sách trên, tải về tự do: mỗi dòng một nhiệm vụ; số tiền là số nguyên đồng; thời điểm theo RFC 3339 (UTC).",
                "The whole list above, free to download: one record per task; amounts in whole đồng; times in RFC 3339 (UTC).",
            )}</p>
            <ul>
                <li><a href="/open-data/tasks.csv" rel="external" data-testid="open-data-csv">"tasks.csv"</a>" — "{t("CSV, UTF-8", "CSV, UTF-8")}</li>
                <li><a href="/open-data/tasks.json" rel="external" data-testid="open-data-json">"tasks.json"</a>" — JSON"</li>
                <li><a href="/open-data/schema.json" rel="external" data-testid="open-data-schema">"schema.json"</a>" — "{t("lược đồ JSON Schema mô tả từng trường", "the JSON Schema describing each field")}</li>
            </ul>
        </section>
    }
}
