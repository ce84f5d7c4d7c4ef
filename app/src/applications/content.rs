//! The thuyết minh as it was written, read-only, for everyone who may read the dossier (the
//! officer checking it, the host organisation, the team): urgency, objectives, contents and
//! methods, products with their targets, risks, the team and the budget by line.

use domain::application::{budget_totals, ApplicationForm};
use domain::format::{format_dong, group_thousands};
use leptos::prelude::*;

use crate::i18n::{t, use_lang};

fn paragraphs(text: &str) -> impl IntoView {
    text.split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(|l| view! { <p>{l.to_string()}</p> })
        .collect_view()
}

#[component]
fn Products(form: ApplicationForm) -> impl IntoView {
    let lang = use_lang();
    let kind = move |k| {
        super::editor::PRODUCT_KINDS
            .iter()
            .find(|(x, _, _)| *x == k)
            .map_or("", |(_, vi, en)| lang.get().pick(vi, en))
    };
    view! {
        <table class="table" data-testid="content-products">
            <thead><tr><th>{t("Loại", "Kind")}</th><th>{t("Tên sản phẩm", "Product")}</th><th class="num">{t("Số lượng", "Quantity")}</th><th>{t("Yêu cầu chất lượng", "Quality target")}</th></tr></thead>
            <tbody>{form.products.into_iter().map(|p| view! {
                <tr><td>{move || kind(p.kind)}</td><td>{p.name.clone()}</td><td class="num">{p.quantity}</td><td>{p.quality_criterion.clone()}</td></tr>
            }).collect_view()}</tbody>
        </table>
    }
}

#[component]
fn Team(form: ApplicationForm) -> impl IntoView {
    let lang = use_lang();
    view! {
        <table class="table" data-testid="content-team">
            <thead><tr><th>{t("Họ và tên", "Name")}</th><th>{t("Vai trò", "Role")}</th><th class="num">{t("Số ngày công", "Working days")}</th></tr></thead>
            <tbody>{form.team.into_iter().map(|m| view! {
                <tr><td>{m.name.clone()}</td><td>{move || m.role.label(lang.get())}</td><td class="num">{m.days}</td></tr>
            }).collect_view()}</tbody>
        </table>
    }
}

#[component]
fn Budget(form: ApplicationForm) -> impl IntoView {
    let lang = use_lang();
    let totals = budget_totals(&form.budget);
    view! {
        <table class="table" data-testid="content-budget">
            <thead><tr><th>{t("Khoản chi", "Line")}</th><th>{t("Nội dung", "Description")}</th><th class="num">{t("Tổng", "Total")}</th>
                <th class="num">{t("Từ Quỹ", "From the fund")}</th><th class="num">{t("Đối ứng", "Counterpart")}</th><th>{t("Khoán chi", "Lump sum")}</th></tr></thead>
            <tbody>{form.budget.into_iter().map(|b| view! {
                <tr><td>{move || b.kind.label(lang.get())}</td><td>{b.description.clone()}</td><td class="num">{format_dong(b.amount_dong)}</td>
                    <td class="num">{format_dong(b.fund_dong)}</td><td class="num">{format_dong(b.counterpart_dong)}</td>
                    <td>{move || if b.lump_sum { lang.get().pick("Có", "Yes") } else { lang.get().pick("Không", "No") }}</td></tr>
            }).collect_view()}</tbody>
            {totals.map(|s| view! {
                <tfoot><tr><th colspan="2">{t("Cộng", "Total")}</th><th class="num" data-testid="content-budget-total">{format_dong(s.total_dong)}</th>
                    <th class="num">{format_dong(s.fund_dong)}</th><th class="num">{format_dong(s.counterpart_dong)}</th><td></td></tr></tfoot>
            })}
        </table>
    }
}

/// The dossier's content, read-only.
#[component]
pub fn Content(form: ApplicationForm) -> impl IntoView {
    let lang = use_lang();
    let contents = form.contents.clone();
    let months = form.duration_months;
    view! {
        <section class="panel" data-testid="application-content">
            <h2>{t("Thuyết minh nhiệm vụ", "Task description")}</h2>
            <dl class="facts">
                <dt>{t("Lĩnh vực", "Field")}</dt><dd>{form.field.clone()}</dd>
                <dt>{t("Thời gian thực hiện", "Duration")}</dt><dd>{move || format!("{} {}", group_thousands(months.into()), lang.get().pick("tháng", "months"))}</dd>
            </dl>
            <h3>{t("Tính cấp thiết", "Urgency")}</h3>{paragraphs(&form.urgency)}
            <h3>{t("Mục tiêu", "Objectives")}</h3><div data-testid="content-objectives">{paragraphs(&form.objectives)}</div>
            <h3>{t("Nội dung nghiên cứu", "Contents")}</h3>
            <ol>{contents.into_iter().map(|c| view! { <li><strong>{c.title.clone()}</strong>{paragraphs(&c.description)}</li> }).collect_view()}</ol>
            <h3>{t("Phương pháp nghiên cứu", "Methods")}</h3><div data-testid="content-methods">{paragraphs(&form.methods)}</div>
            <h3>{t("Sản phẩm dự kiến", "Expected products")}</h3><Products form=form.clone() />
            <h3>{t("Rủi ro và phương án xử lý", "Risks and how they are handled")}</h3>{paragraphs(&form.risk_plan)}
            {(!form.departures.is_empty()).then(|| view! { <h3>{t("Điểm khác với nhiệm vụ đặt hàng", "Where it departs from the ordered task")}</h3>{paragraphs(&form.departures)} })}
            <h3>{t("Nhóm thực hiện", "Team")}</h3><Team form=form.clone() />
            <h3>{t("Dự toán kinh phí", "Budget")}</h3><Budget form=form.clone() />
        </section>
    }
}
