//! The public portal (`/public/tasks`, docs/portal.md): funded tasks for anyone, searched and
//! filtered in the address (a GET form that works before the page wakes), each task its own page
//! (`task_page.rs`), and the open data following the same filters.

use domain::format::{format_date, format_dong};
use domain::glossary;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::i18n::{t, term, use_lang};
use crate::list::{query_and_page, PagedList};
use crate::portal::api::{
    public_tasks, task_counts, task_fields, FieldCount, LevelCounts, PublicTask, TaskQuery,
};

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

/// The filters in the address: what the list, its links and the open data follow.
fn query_of(map: &leptos_router::params::ParamsMap) -> TaskQuery {
    let text = |k: &str| map.get(k).filter(|v| !v.trim().is_empty());
    TaskQuery {
        q: text("q"),
        status: text("status"),
        level: text("level"),
        year: text("year").and_then(|y| y.trim().parse().ok()),
        host: text("host").and_then(|h| h.trim().parse().ok()),
        rating: text("rating"),
        field: text("field"),
        sort: text("sort"),
    }
}

/// The same filters as a query string (for the open data's links).
fn query_string(q: &TaskQuery) -> String {
    let enc = domain::session::query_value;
    let mut parts = Vec::new();
    for (k, v) in [
        ("q", q.q.clone()),
        ("status", q.status.clone()),
        ("level", q.level.clone()),
        ("year", q.year.map(|y| y.to_string())),
        ("host", q.host.map(|h| h.to_string())),
        ("rating", q.rating.clone()),
        ("field", q.field.clone()),
        ("sort", q.sort.clone()),
    ] {
        if let Some(v) = v {
            parts.push(format!("{k}={}", enc(&v)));
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// One choice list of the search form, the address's value selected.
#[component]
fn Choice(
    name: &'static str,
    label: (&'static str, &'static str),
    any: (&'static str, &'static str),
    options: Vec<(&'static str, (&'static str, &'static str))>,
    current: Memo<TaskQuery>,
    pick: fn(&TaskQuery) -> Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <label>{move || lang.get().pick(label.0, label.1)}
            <select name=name data-testid=format!("portal-{name}")>
                <option value="">{move || lang.get().pick(any.0, any.1)}</option>
                {options.into_iter().map(|(code, (vi, en))| {
                    let selected = move || pick(&current.get()).as_deref() == Some(code);
                    view! { <option value=code selected=selected>{move || lang.get().pick(vi, en)}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// The fields the funded tasks name, as a choice list (the most named first).
#[component]
fn FieldChoice(current: Memo<TaskQuery>) -> impl IntoView {
    let lang = use_lang();
    let fields = Resource::new(|| (), |_| task_fields());
    view! {
        <label>{t("Lĩnh vực", "Field")}
            <select name="field" data-testid="portal-field">
                <option value="">{move || lang.get().pick("Mọi lĩnh vực", "Any field")}</option>
                <Transition fallback=|| ()>
                    {move || fields.get().and_then(Result::ok).map(|list| {
                        // The field asked for stays a choice even when no task names it now.
                        let asked = current.get_untracked().field;
                        let mut list = list;
                        if let Some(a) = asked.filter(|a| !list.iter().any(|f| f.field == *a)) {
                            list.push(FieldCount { field: a, tasks: 0 });
                        }
                        list.into_iter().map(|f| {
                            let value = f.field.clone();
                            let selected = move || current.get().field.as_deref() == Some(value.as_str());
                            view! { <option value=f.field.clone() selected=selected>{format!("{} ({})", f.field, f.tasks)}</option> }
                        }).collect_view()
                    })}
                </Transition>
            </select>
        </label>
    }
}

#[component]
fn SearchForm(current: Memo<TaskQuery>) -> impl IntoView {
    let lang = use_lang();
    let statuses = vec![
        ("active", ("Đang thực hiện", "Running")),
        ("closed", ("Đã thanh lý", "Closed")),
        ("terminated", ("Đã chấm dứt", "Terminated")),
    ];
    let levels = vec![
        ("provincial", ("Cấp tỉnh", "Provincial")),
        ("grassroots", ("Cấp cơ sở", "Grassroots")),
    ];
    let ratings = vec![
        ("excellent", ("Xuất sắc", "Excellent")),
        ("pass", ("Đạt", "Pass")),
        ("fail", ("Không đạt", "Fail")),
    ];
    // Newest first is the list's own order: the choice "any" stands for it.
    let newest = domain::portal::Sort::Newest;
    let newest = (
        newest.label(domain::Lang::Vi),
        newest.label(domain::Lang::En),
    );
    let sorts = domain::portal::Sort::ALL
        .into_iter()
        .skip(1)
        .map(|s| {
            let label = (s.label(domain::Lang::Vi), s.label(domain::Lang::En));
            (s.code(), label)
        })
        .collect::<Vec<_>>();
    view! {
        <leptos_router::components::Form method="GET" action="/public/tasks" attr:role="search" attr:data-testid="portal-search">
            <div class="inline filters">
                <label>{t("Tìm nhiệm vụ, tổ chức, chủ nhiệm, kết quả", "Search tasks, hosts, leaders, results")}
                    <input name="q" type="search" maxlength="100" data-testid="portal-q"
                        prop:value=move || current.get().q.unwrap_or_default() />
                </label>
                <Choice name="level" label=("Cấp", "Level") any=("Mọi cấp", "Any level") options=levels current pick=|q| q.level.clone() />
                <Choice name="status" label=("Tình trạng", "Status") any=("Mọi tình trạng", "Any status") options=statuses current pick=|q| q.status.clone() />
                <Choice name="rating" label=("Nghiệm thu", "Acceptance") any=("Mọi kết quả", "Any rating") options=ratings current pick=|q| q.rating.clone() />
                <FieldChoice current />
                <label>{t("Năm ký", "Year signed")}
                    <input name="year" type="number" min="2000" max="2100" inputmode="numeric" data-testid="portal-year"
                        prop:value=move || current.get().year.map(|y| y.to_string()).unwrap_or_default() />
                </label>
                <Choice name="sort" label=("Sắp xếp", "Order") any=newest options=sorts current pick=|q| q.sort.clone() />
                {move || current.get().host.map(|h| view! { <input type="hidden" name="host" value=h.to_string() /> })}
                <button type="submit" class="button" data-testid="portal-submit">{move || lang.get().pick("Tìm", "Search")}</button>
            </div>
        </leptos_router::components::Form>
    }
}

#[component]
pub fn PublicTasksPage() -> impl IntoView {
    let (_, page) = query_and_page();
    let query = use_query_map();
    let current = Memo::new(move |_| query_of(&query.read()));
    let list = Resource::new(
        move || (page.get(), current.get()),
        |(p, q)| {
            public_tasks(
                p, q.status, q.level, q.q, q.year, q.host, q.rating, q.sort, q.field,
            )
        },
    );
    let counts = Resource::new(|| (), |_| task_counts());
    let open_data = move |file: &str| format!("/open-data/{file}{}", query_string(&current.get()));
    view! {
        <section class="panel">
            <h1>{t("Nhiệm vụ KH&CN được Quỹ tài trợ", "S&T tasks funded by the fund")}</h1>
            <p><A href="/public/programme" attr:data-testid="public-programme-link">{t("Kết quả thực hiện chương trình KH&CN của tỉnh: chỉ tiêu và số liệu theo năm", "The province's S&T programme: indicators and figures by year")}</A></p>
            <p class="hint">{t(
                "Công khai theo quy định: tên nhiệm vụ, tổ chức chủ trì, chủ nhiệm, kinh phí được cấp và đã cấp, tình trạng và kết quả đã đăng ký. Tìm không cần gõ dấu; kết quả đúng dấu xếp trước.",
                "Published as the rules ask: title, host organisation, leader, money granted and paid, status and registered results. Search without diacritics; exact matches come first.",
            )}</p>
            <Suspense fallback=|| ()>
                {move || counts.get().and_then(Result::ok).map(|c| view! { <LevelFilters counts=c /> })}
            </Suspense>
            <SearchForm current />
            <PagedList list empty=("Không có nhiệm vụ nào khớp.", "No task matches.") empty_testid="public-empty"
                render={move |items: Vec<PublicTask>| view! { <TaskTable items /> }} />
        </section>
        <section class="panel" data-testid="open-data">
            <h2>{t("Dữ liệu mở", "Open data")}</h2>
            <p>{t(
                "Danh sách trên theo đúng bộ lọc đang chọn, tải về tự do: mỗi dòng một nhiệm vụ; số tiền là số nguyên đồng; thời điểm theo RFC 3339 (UTC). Cũng có qua API công khai /api/public/tasks (tài liệu tại /api/openapi.json).",
                "The list above with the filters chosen, free to download: one record per task; amounts in whole đồng; times in RFC 3339 (UTC). Also through the public API /api/public/tasks (documented at /api/openapi.json).",
            )}</p>
            <ul>
                <li><a href=move || open_data("tasks.csv") rel="external" data-testid="open-data-csv">"tasks.csv"</a>" — "{t("CSV, UTF-8", "CSV, UTF-8")}</li>
                <li><a href=move || open_data("tasks.json") rel="external" data-testid="open-data-json">"tasks.json"</a>" — JSON"</li>
                <li><a href="/open-data/schema.json" rel="external" data-testid="open-data-schema">"schema.json"</a>" — "{t("lược đồ JSON Schema mô tả từng trường", "the JSON Schema describing each field")}</li>
            </ul>
        </section>
    }
}

#[component]
fn TaskTable(items: Vec<PublicTask>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <table class="table" data-testid="public-tasks">
            <thead><tr>
                <th>{t("Số hợp đồng", "Contract")}</th><th>{term(glossary::TASK)}</th><th>{t("Cấp", "Level")}</th><th>{term(glossary::HOST_ORGANISATION)}</th><th>{t("Chủ nhiệm", "Leader")}</th>
                <th class="num">{t("Được cấp", "Granted")}</th><th class="num">{term(glossary::DISBURSED)}</th><th>{term(glossary::STATUS)}</th><th>{t("Kết quả", "Results")}</th>
            </tr></thead>
            <tbody>{items.into_iter().map(|p| {
                let (st, rating, level) = (p.status, p.rating, p.level);
                view! {
                    <tr data-testid="public-task">
                        <td>{p.code}</td>
                        <td><A href=format!("/public/tasks/{}", p.id) attr:data-testid="public-task-link">{p.title}</A></td>
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
    }
}
