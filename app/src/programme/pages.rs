//! The dashboard pages: `/programme` for the department and the responsible units, and
//! `/public/programme`, its public subset (docs/programme.md). The year is in the address (a
//! GET form that works before the page wakes).

use domain::call::TaskLevel;
use domain::format::format_dong;
use domain::programme::{format_figure, Metric};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api::{programme_dashboard, public_programme, Dashboard, IndicatorView, MetricRow};
use super::chart::{ProgressBar, YearBars};
use super::durations::DurationTable;
use super::entry::{FigureEntry, PendingFigures};
use crate::i18n::{t, use_lang};

/// A figure's rows on the dashboard: all levels, then each level.
pub(super) const LEVEL_ROWS: [(Option<TaskLevel>, (&str, &str)); 3] = [
    (None, ("Tổng", "Total")),
    (Some(TaskLevel::Provincial), ("Cấp tỉnh", "Provincial")),
    (Some(TaskLevel::Grassroots), ("Cấp cơ sở", "Grassroots")),
];

fn count(n: i64) -> String {
    format_figure(n.saturating_mul(100), domain::Lang::Vi)
}

fn money(n: i64) -> String {
    format_dong(n)
}

fn target_text(i: &IndicatorView, lang: domain::Lang) -> String {
    format!(
        "{} {} {}",
        i.comparison.symbol(),
        format_figure(i.target, lang),
        lang.pick(&i.unit, &i.unit_en)
    )
}

/// The catalogue at the year: each indicator's target, its figure, how far it stands.
#[component]
fn IndicatorTable(indicators: Vec<IndicatorView>, year: i32, public: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        <table class="table" data-testid="indicators">
            <thead><tr>
                <th scope="col">{t("Chỉ tiêu", "Indicator")}</th>
                <th scope="col">{t("Mục tiêu", "Target")}</th>
                <th scope="col">{move || lang.get().pick("Số liệu mới nhất đến năm ", "Latest figure up to ").to_string() + &year.to_string()}</th>
                <th scope="col">{t("Tiến độ", "Progress")}</th>
                <th scope="col">{t("Nguồn số liệu", "Source")}</th>
            </tr></thead>
            <tbody>
                {indicators.into_iter().map(|i| {
                    let i2 = i.clone();
                    let figure = move || match i2.value {
                        Some(v) => format!(
                            "{} {} ({})",
                            format_figure(v, lang.get()),
                            lang.get().pick(&i2.unit, &i2.unit_en),
                            i2.figure_year.unwrap_or(year)
                        ),
                        None => lang.get().pick("chưa có số liệu", "no figure yet").to_string(),
                    };
                    let evidence = (!public).then_some(i.figure_id).flatten()
                        .map(|id| view! { " " <a href=format!("/files/programme/figures/{id}") rel="external" download data-testid="indicator-evidence">{t("minh chứng", "evidence")}</a> });
                    let i3 = i.clone();
                    let i4 = i.clone();
                    view! {
                        <tr data-testid="indicator" data-code=i.code.clone()>
                            <th scope="row">{move || lang.get().pick(&i3.name, &i3.name_en).to_string()}</th>
                            <td>{move || format!("{} ({})", target_text(&i4, lang.get()), i4.target_year)}</td>
                            <td data-testid="indicator-value">{figure}{evidence}</td>
                            <td>{i.progress.map(|p| view! { <ProgressBar percent=p label=format!("{p}%") /> " " {format!("{p}%")} })}</td>
                            <td>{move || i.source.label(lang.get())}{i.responsible_unit.clone().map(|u| view! { <br /><span class="muted">{u}</span> })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Where a computed figure's records are listed, when a list shows exactly them.
fn records_link(metric: Metric, year: i32, level: Option<TaskLevel>) -> Option<String> {
    let level = level
        .map(|l| format!("&level={}", l.code()))
        .unwrap_or_default();
    matches!(metric, Metric::TasksFunded | Metric::MoneyCommitted)
        .then(|| format!("/public/tasks?year={year}{level}"))
}

/// The computed figures, a row a metric and level, a column a year.
#[component]
fn MetricTable(years: Vec<i32>, metrics: Vec<MetricRow>) -> impl IntoView {
    let lang = use_lang();
    let levels = LEVEL_ROWS;
    let head = years.clone();
    view! {
        <table class="table numbers" data-testid="metrics">
            <thead><tr>
                <th scope="col">{t("Số liệu từ hệ thống", "From the system's records")}</th>
                <th scope="col">{t("Cấp", "Level")}</th>
                {head.into_iter().map(|y| view! { <th scope="col">{y.to_string()}</th> }).collect_view()}
            </tr></thead>
            <tbody>
                {metrics.into_iter().flat_map(|m| {
                    let years = years.clone();
                    levels.into_iter().map(move |(level, (vi, en))| {
                        let m = m.clone();
                        let format = if m.metric.is_money() { money } else { count };
                        let cells = years.iter().enumerate().map(|(i, y)| {
                            let text = format(m.of(level, i));
                            match records_link(m.metric, *y, level) {
                                Some(href) => view! { <td><a href=href>{text}</a></td> }.into_any(),
                                None => view! { <td>{text}</td> }.into_any(),
                            }
                        }).collect_view();
                        view! {
                            <tr data-testid="metric" data-metric=m.metric.code() data-level=level.map(|l| l.code()).unwrap_or("all")>
                                // A level's row names its figure for screen readers; the eye reads it from the row above.
                                <th scope="row" class:sub=level.is_some()><span class:sr-only=level.is_some()>{move || m.metric.label(lang.get())}</span></th>
                                <td>{move || lang.get().pick(vi, en)}</td>
                                {cells}
                            </tr>
                        }
                    }).collect::<Vec<_>>()
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The charts a leader reads at a glance: tasks contracted and money paid by year.
#[component]
fn Charts(d: Dashboard) -> impl IntoView {
    let lang = use_lang();
    let find = |metric: Metric| d.metrics.iter().find(|r| r.metric == metric).cloned();
    let series = [
        (
            Metric::TasksFunded,
            count as fn(i64) -> String,
            "chart-funded",
        ),
        (
            Metric::MoneyDisbursed,
            money as fn(i64) -> String,
            "chart-disbursed",
        ),
    ];
    let charts = series
        .into_iter()
        .filter_map(|(metric, format, testid)| {
            let row = find(metric)?;
            let years = d.years.clone();
            Some(view! {
                {move || view! {
                    <YearBars title=metric.label(lang.get()).to_string() years=years.clone()
                        provincial=row.provincial.clone() grassroots=row.grassroots.clone() format testid />
                }}
            })
        })
        .collect_view();
    view! {
        <div class="charts">{charts}</div>
        <p class="hint legend"><span class="swatch provincial"></span>{t(" cấp tỉnh ", " provincial ")}<span class="swatch grassroots"></span>{t(" cấp cơ sở", " grassroots")}</p>
    }
}

#[component]
fn YearForm(action: &'static str, year: i32) -> impl IntoView {
    let lang = use_lang();
    view! {
        <leptos_router::components::Form method="GET" action=action attr:data-testid="programme-year-form">
            <div class="inline filters">
                <label>{t("Năm", "Year")}
                    <input name="year" type="number" min="2000" max="2100" inputmode="numeric"
                        value=year.to_string() data-testid="programme-year" />
                </label>
                <button type="submit" class="button secondary">{move || lang.get().pick("Xem", "Show")}</button>
            </div>
        </leptos_router::components::Form>
    }
}

fn year_in_address() -> Memo<Option<i32>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("year").and_then(|y| y.trim().parse().ok()))
}

/// The department's dashboard, and the responsible units' own indicators with their form.
#[component]
pub fn ProgrammePage() -> impl IntoView {
    let year = year_in_address();
    let (version, bump) = signal(0u32);
    let notice: super::entry::Notice = RwSignal::new(None);
    let data = Resource::new(
        move || (year.get(), version.get()),
        |(y, _)| programme_dashboard(y),
    );
    let lang = use_lang();
    view! {
        {move || notice.get().map(|(vi, en)| view! {
            <p class="notice" role="status" data-testid="programme-notice">{move || lang.get().pick(&vi, &en).to_string()}</p>
        })}
        <Transition fallback=|| ()>
            {move || data.get().map(|r| match r { Ok(d) => {
                let mine: Vec<IndicatorView> = d.indicators.iter().filter(|i| i.mine).cloned().collect();
                let entry_years = d.entry_years;
                let pending = d.pending.clone();
                let approves = d.approves;
                let manages = d.manages;
                let catalogue = d.indicators.clone();
                view! {
                    <section class="panel">
                        <h1>{t("Chương trình hành động: chỉ tiêu và kết quả", "The action programme: indicators and results")}</h1>
                        <YearForm action="/programme" year=d.year />
                        {d.indicators.is_empty().then(|| view! {
                            <p class="muted" data-testid="no-indicators">{t("Đơn vị của bạn chưa được giao chỉ tiêu nào của chương trình.", "Your unit answers for no indicator of the programme yet.")}</p>
                        })}
                        <IndicatorTable indicators=d.indicators.clone() year=d.year public=false />
                        {d.department.then(|| view! {
                            <p><a href=format!("/exports/programme/{}.xlsx", d.year) rel="external" data-testid="programme-xlsx">{t("Tải bảng số liệu (.xlsx)", "Download the figures (.xlsx)")}</a></p>
                            <p>
                                <a href=format!("/exports/report/{}.xlsx", d.year) rel="external" data-testid="year-report-xlsx">{t("Báo cáo tổng kết năm (.xlsx)", "Year-end report (.xlsx)")}</a>" · "
                                <a href=format!("/exports/report/{}.pdf", d.year) rel="external" data-testid="year-report-pdf">{t("Báo cáo tổng kết năm (.pdf)", "Year-end report (.pdf)")}</a>
                            </p>
                        })}
                    </section>
                    {(!mine.is_empty()).then(|| view! { <FigureEntry indicators=mine years=entry_years done=bump notice /> })}
                    {approves.then(|| view! { <PendingFigures pending done=bump notice /> })}
                    {manages.then(|| view! { <super::catalogue::CatalogueEditor indicators=catalogue done=bump notice /> })}
                    <section class="panel">
                        <h2>{t("Kết quả tính từ dữ liệu của hệ thống", "Results counted from the records")}</h2>
                        <Charts d=d.clone() />
                        <MetricTable years=d.years.clone() metrics=d.metrics.clone() />
                    <DurationTable years=d.years.clone() durations=d.durations.clone() />
                    </section>
                }.into_any()
            }
            Err(e) => view! { <crate::components::ErrorBox error=Signal::derive(move || Some(e.clone())) /> }.into_any() })}
        </Transition>
    }
}

/// The public subset: the indicators marked public and the counted results.
#[component]
pub fn PublicProgrammePage() -> impl IntoView {
    let year = year_in_address();
    let data = Resource::new(move || year.get(), public_programme);
    view! {
        <Transition fallback=|| ()>
            {move || data.get().map(|r| match r { Ok(d) => view! {
                <section class="panel">
                    <h1>{t("Kết quả thực hiện chương trình KH&CN của tỉnh", "The province's S&T programme: results")}</h1>
                    <YearForm action="/public/programme" year=d.year />
                    <IndicatorTable indicators=d.indicators.clone() year=d.year public=true />
                </section>
                <section class="panel">
                    <h2>{t("Nhiệm vụ và kinh phí theo năm", "Tasks and money by year")}</h2>
                    <Charts d=d.clone() />
                    <MetricTable years=d.years.clone() metrics=d.metrics.clone() />
                    <DurationTable years=d.years.clone() durations=d.durations.clone() />
                </section>
            }.into_any(),
            Err(e) => view! { <crate::components::ErrorBox error=Signal::derive(move || Some(e.clone())) /> }.into_any() })}
        </Transition>
    }
}
