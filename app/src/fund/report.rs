//! The fund's fiscal-year report as a workbook (server only): the position at the start and
//! end of the year and what moved in between, then every transfer of the year, read in
//! batches so a year of 100,000 transfers never loads at once. The fund's book only: a managing
//! unit's own book is the unit's to report (docs/ledger.md, "Books").

use chrono::{TimeZone, Utc};
use domain::ledger::position;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::db::entities::fund_transfer;
use crate::db::ledger::{in_book, request_of, stored_and_derived};
use crate::db::state;
use crate::error::{AppError, Problem};
use crate::kit::require;
use domain::ledger::Book;
use domain::roles::{Permission, Scope};

const BATCH: u64 = 500;

/// The report of the fiscal year `year` (1 January to 31 December, Vietnam time).
#[expect(
    clippy::too_many_lines,
    reason = "one document's content from top to bottom"
)]
pub async fn fiscal_year_xlsx(year: i32) -> Result<(String, Vec<u8>), AppError> {
    require(Permission::ViewFund, Scope::Global)?;
    if !(2000..=2200).contains(&year) {
        return Err(AppError::invalid("year", Problem::NotANumber));
    }
    let db = &state()?.db;
    let vn = domain::format::vietnam_offset();
    let start = vn
        .with_ymd_and_hms(year, 1, 1, 0, 0, 0)
        .single()
        .ok_or(AppError::Internal)?
        .with_timezone(&Utc);
    let end = vn
        .with_ymd_and_hms(year, 12, 31, 23, 59, 59)
        .single()
        .ok_or(AppError::Internal)?
        .with_timezone(&Utc);
    let opening = position(
        &stored_and_derived(
            db,
            Some(start - chrono::Duration::seconds(1)),
            Some(Book::Fund),
        )
        .await?
        .1,
    );
    let closing = position(&stored_and_derived(db, Some(end), Some(Book::Fund)).await?.1);

    let xlsx = |e: XlsxError| crate::error::internal(&e);
    let mut book = Workbook::new();
    let head = Format::new().set_bold().set_text_wrap();
    let money = Format::new().set_num_format("#,##0");
    {
        let sheet = book.add_worksheet();
        sheet.set_name("Tổng hợp").map_err(xlsx)?;
        sheet
            .write_string_with_format(0, 0, format!("Báo cáo Quỹ năm {year}"), &head)
            .map_err(xlsx)?;
        for (col, h) in [
            "Chỉ tiêu (đồng)",
            "Đầu năm",
            "Cuối năm",
            "Phát sinh trong năm",
        ]
        .iter()
        .enumerate()
        {
            sheet
                .write_string_with_format(2, col as u16, *h, &head)
                .map_err(xlsx)?;
        }
        sheet.set_column_width(0, 40).map_err(xlsx)?;
        let lines = opening
            .report_lines()
            .into_iter()
            .zip(closing.report_lines());
        for (i, ((name, open), (_, close))) in lines.enumerate() {
            let row = 3 + i as u32;
            sheet.write_string(row, 0, name).map_err(xlsx)?;
            for (col, v) in [(1, open), (2, close), (3, close - open)] {
                // Đồng amounts are whole numbers far below 2^53, exact as Excel numbers.
                sheet
                    .write_number_with_format(row, col, v as f64, &money)
                    .map_err(xlsx)?;
            }
        }
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name("Giao dịch").map_err(xlsx)?;
        let columns = [
            ("Số", 8.0),
            ("Thời điểm (giờ Việt Nam)", 20.0),
            ("Ghi nợ", 22.0),
            ("Ghi có", 22.0),
            ("Số tiền (đ)", 18.0),
            ("Loại", 10.0),
            ("Khoản chờ / điều chỉnh", 12.0),
            ("Văn bản", 30.0),
            ("Ghi chú", 40.0),
        ];
        for (i, (h, w)) in columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, i as u16, *h, &head)
                .map_err(xlsx)?;
            sheet.set_column_width(i as u16, *w).map_err(xlsx)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        let mut row = 0u32;
        let mut after = 0i64;
        loop {
            let batch = fund_transfer::Entity::find()
                .filter(in_book(fund_transfer::Column::UnitId, Book::Fund))
                .filter(fund_transfer::Column::At.gte(start))
                .filter(fund_transfer::Column::At.lte(end))
                .filter(fund_transfer::Column::Id.gt(after))
                .order_by_asc(fund_transfer::Column::Id)
                .limit(BATCH)
                .all(db)
                .await?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            for t in &batch {
                row += 1;
                let r = request_of(t)?;
                sheet.write_number(row, 0, t.id as f64).map_err(xlsx)?;
                sheet
                    .write_string(row, 1, domain::format::format_datetime(t.at))
                    .map_err(xlsx)?;
                sheet
                    .write_string(row, 2, r.debit.label(domain::Lang::Vi))
                    .map_err(xlsx)?;
                sheet
                    .write_string(row, 3, r.credit.label(domain::Lang::Vi))
                    .map_err(xlsx)?;
                sheet
                    .write_number_with_format(row, 4, t.amount_dong as f64, &money)
                    .map_err(xlsx)?;
                let kind = domain::ledger::FlowKind::from_code(&t.flow);
                let kind = kind.map_or(t.flow.as_str(), |k| k.label(domain::Lang::Vi));
                sheet.write_string(row, 5, kind).map_err(xlsx)?;
                if let Some(other) = t.pending_id.or(t.corrects) {
                    sheet.write_number(row, 6, other as f64).map_err(xlsx)?;
                }
                sheet.write_string(row, 7, &t.document).map_err(xlsx)?;
                sheet.write_string(row, 8, &t.note).map_err(xlsx)?;
            }
        }
        if row > 0 {
            sheet.autofilter(0, 0, row, 8).map_err(xlsx)?;
        }
    }
    let bytes = book.save_to_buffer().map_err(xlsx)?;
    Ok((format!("bao-cao-quy-{year}.xlsx"), bytes))
}
