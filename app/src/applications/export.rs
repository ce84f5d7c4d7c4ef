//! The officer's Excel export of a call's submitted dossiers (server only): one row per dossier
//! with its receipt, title, leader, host organisation, duration, budget and state, read in
//! batches so a large call never loads at once.

use domain::application::{budget_totals, ApplicationForm, TeamRole};
use domain::format::format_datetime;
use domain::lifecycle::ApplicationState;
use domain::Lang;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::applications::api::ListFilter;
use crate::applications::server::lists::filtered;
use crate::db::entities::{application, call, organisation};
use crate::db::state;
use crate::error::AppError;
use crate::kit::now;
use crate::kit::units::Reach;
use domain::roles::Permission;

/// Dossiers read from the database at a time.
const BATCH: u64 = 500;

/// The workbook's columns: Vietnamese heading and width in characters.
const COLUMNS: [(&str, f64); 12] = [
    ("STT", 6.0),
    ("Mã hồ sơ", 14.0),
    ("Tên nhiệm vụ", 60.0),
    ("Lĩnh vực", 24.0),
    ("Chủ nhiệm", 26.0),
    ("Tổ chức chủ trì", 36.0),
    ("Thời gian (tháng)", 10.0),
    ("Tổng kinh phí (đ)", 18.0),
    ("Từ Quỹ (đ)", 18.0),
    ("Đối ứng (đ)", 18.0),
    ("Trạng thái", 22.0),
    ("Nộp lúc (giờ Việt Nam)", 20.0),
];

/// The file name and content of the export of one call's dossiers, narrowed by `status` like
/// the officer's list.
#[expect(
    clippy::too_many_lines,
    reason = "one document's content from top to bottom"
)]
pub async fn applications_xlsx(
    call_id: i32,
    status: Option<String>,
) -> Result<(String, Vec<u8>), AppError> {
    let me = crate::kit::require_user()?;
    let reach = Reach::of(&me, Permission::CheckApplications)?;
    let db = &state()?.db;
    let c = call::Entity::find_by_id(call_id)
        .one(db)
        .await?
        .filter(|c| c.status == domain::call::CallStatus::Published.code())
        .ok_or(AppError::NotFound)?;
    if !me.oversees(Permission::CheckApplications, c.managing_unit_id) {
        return Err(AppError::Forbidden);
    }
    let filter = ListFilter {
        call_id: Some(call_id),
        status,
        query: String::new(),
    };
    let select = filtered(&filter, &reach)?;

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let xlsx = |e: XlsxError| crate::error::internal(&e);
    sheet.set_name("Hồ sơ").map_err(xlsx)?;
    let head = Format::new().set_bold().set_text_wrap();
    let money = Format::new().set_num_format("#,##0");
    sheet
        .write_string_with_format(0, 0, format!("{} · {}", c.code, c.title), &head)
        .map_err(xlsx)?;
    sheet
        .write_string(1, 0, format!("Xuất lúc {}", format_datetime(now()?)))
        .map_err(xlsx)?;
    const HEAD_ROW: u32 = 3;
    for (i, (name, width)) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(HEAD_ROW, i as u16, *name, &head)
            .map_err(xlsx)?;
        sheet.set_column_width(i as u16, *width).map_err(xlsx)?;
    }
    sheet.set_freeze_panes(HEAD_ROW + 1, 0).map_err(xlsx)?;

    let mut row = HEAD_ROW;
    let mut after_id = 0;
    loop {
        let batch = select
            .clone()
            .filter(application::Column::Id.gt(after_id))
            .order_by_asc(application::Column::Id)
            .limit(BATCH)
            .find_also_related(organisation::Entity)
            .all(db)
            .await?;
        let Some((last, _)) = batch.last() else { break };
        after_id = last.id;
        for (a, org) in batch {
            row += 1;
            let form: ApplicationForm = a.form.0.clone();
            let totals = budget_totals(&form.budget).unwrap_or_default();
            let leader = form
                .team
                .iter()
                .find(|m| m.role == TeamRole::Leader)
                .map(|m| m.name.clone())
                .unwrap_or_default();
            let state = ApplicationState::from_parts(&a.status, a.correction_deadline)
                .map(|s| s.label(Lang::Vi))
                .unwrap_or_default();
            let texts = [
                (1, a.receipt_code.clone().unwrap_or_default()),
                (2, form.title.clone()),
                (3, form.field.clone()),
                (4, leader),
                (5, org.map(|o| o.name).unwrap_or_default()),
                (10, state.to_string()),
                (11, a.submitted_at.map(format_datetime).unwrap_or_default()),
            ];
            sheet
                .write_number(row, 0, f64::from(row - HEAD_ROW))
                .map_err(xlsx)?;
            for (col, text) in texts {
                sheet.write_string(row, col, text).map_err(xlsx)?;
            }
            sheet
                .write_number(row, 6, f64::from(form.duration_months))
                .map_err(xlsx)?;
            // Đồng amounts are whole numbers far below 2^53, exact as Excel numbers.
            for (col, amount) in [
                (7, totals.total_dong),
                (8, totals.fund_dong),
                (9, totals.counterpart_dong),
            ] {
                sheet
                    .write_number_with_format(row, col, amount as f64, &money)
                    .map_err(xlsx)?;
            }
        }
    }
    if row > HEAD_ROW {
        sheet
            .autofilter(HEAD_ROW, 0, row, COLUMNS.len() as u16 - 1)
            .map_err(xlsx)?;
    }
    let bytes = book.save_to_buffer().map_err(xlsx)?;
    Ok((format!("ho-so-{}.xlsx", c.code), bytes))
}
