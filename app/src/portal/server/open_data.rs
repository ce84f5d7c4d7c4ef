//! The open data (docs/portal.md): the public records as CSV and JSON, following the same
//! filters and order as the list, read in batches; and the records' JSON Schema.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, QuerySelect};

use super::super::api::{open_data_schema, PublicTask, TaskQuery};
use super::{filtered, records};
use crate::db::state;
use crate::error::AppError;

/// Every public record `q` asks for, read 500 at a time in the list's order.
async fn all(db: &impl ConnectionTrait, q: &TaskQuery) -> Result<Vec<PublicTask>, AppError> {
    const BATCH: u64 = 500;
    let select = filtered(q)?;
    let mut out = Vec::new();
    loop {
        let rows = select
            .clone()
            .offset(out.len() as u64)
            .limit(BATCH)
            .all(db)
            .await?;
        let n = rows.len() as u64;
        out.extend(records(db, rows).await?);
        if n < BATCH {
            return Ok(out);
        }
    }
}

pub async fn tasks_json(q: TaskQuery) -> Result<(String, Vec<u8>), AppError> {
    let db = &state()?.reader;
    let rows = all(db, &q).await?;
    let bytes = serde_json::to_vec_pretty(&rows).map_err(|e| crate::error::internal(&e))?;
    Ok(("tasks.json".into(), bytes))
}

pub async fn schema_json() -> Result<(String, Vec<u8>), AppError> {
    let schema =
        serde_json::to_vec_pretty(&open_data_schema()).map_err(|e| crate::error::internal(&e))?;
    Ok(("schema.json".into(), schema))
}

/// The CSV's columns, for people who open it in a spreadsheet: Vietnamese headers in the JSON's
/// field order (`/open-data/schema.json` names each field; docs/portal.md).
const HEADER: [&str; 15] = [
    "Số",
    "Mã hợp đồng",
    "Tên nhiệm vụ",
    "Tổ chức chủ trì",
    "Chủ nhiệm",
    "Kinh phí được cấp (đồng)",
    "Đã cấp (đồng)",
    "Tình trạng",
    "Ngày ký",
    "Kết quả nghiệm thu",
    "Số giấy chứng nhận đăng ký kết quả",
    "Kết quả",
    "Ngày thanh lý",
    "Cấp",
    "Đơn vị quản lý",
];

/// One task's CSV cells; text typed by people is kept from being read as a formula. States and
/// ratings as Vietnamese words, dates as dd/mm/yyyy in Vietnam's time, amounts in whole đồng
/// (numbers a spreadsheet sums); the JSON keeps the codes and RFC 3339 times for programs.
pub(crate) fn csv_row(r: PublicTask) -> [String; 15] {
    use domain::format::format_date;
    use domain::text::spreadsheet_safe as safe;
    use domain::Lang::Vi;
    let date = |d: Option<DateTime<Utc>>| d.map(format_date).unwrap_or_default();
    [
        r.id.to_string(),
        safe(r.code),
        safe(r.title),
        safe(r.organisation),
        safe(r.leader_name),
        r.granted_dong.to_string(),
        r.paid_dong.to_string(),
        r.status.label(Vi).into(),
        date(r.signed_at),
        r.rating.map(|r| r.label(Vi)).unwrap_or_default().into(),
        safe(r.certificate_number.unwrap_or_default()),
        safe(r.results.unwrap_or_default()),
        date(r.closed_at),
        r.level.label(Vi).into(),
        safe(r.managing_unit.unwrap_or_default()),
    ]
}

/// The records as CSV (UTF-8 with a byte-order mark so spreadsheets read the diacritics).
pub async fn tasks_csv(q: TaskQuery) -> Result<(String, Vec<u8>), AppError> {
    let db = &state()?.reader;
    let rows = all(db, &q).await?;
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let fail = |e: csv::Error| crate::error::internal(&e);
    w.write_record(HEADER).map_err(fail)?;
    for r in rows {
        w.write_record(csv_row(r)).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| crate::error::internal(e.error()))?;
    Ok(("tasks.csv".into(), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::call::TaskLevel;
    use domain::contract::ContractStatus;

    #[test]
    fn a_title_that_looks_like_a_formula_is_written_as_text() {
        let task = PublicTask {
            id: 7,
            code: "HĐ-2027-0001".into(),
            title: "=HYPERLINK(\"http://x\",\"Bấm vào\")".into(),
            organisation: "@Viện".into(),
            leader_name: "-Nguyễn".into(),
            level: TaskLevel::Grassroots,
            managing_unit: Some("=Trường".into()),
            granted_dong: 1,
            paid_dong: 0,
            status: ContractStatus::Active,
            // Half past midnight of New Year's Day in Vietnam.
            signed_at: Some("2026-12-31T17:30:00Z".parse().unwrap()),
            rating: None,
            certificate_number: None,
            results: Some("+1".into()),
            closed_at: None,
        };
        let row = csv_row(task);
        assert_eq!((row[0].as_str(), row[1].as_str()), ("7", "HĐ-2027-0001"));
        assert_eq!(row[2], "'=HYPERLINK(\"http://x\",\"Bấm vào\")");
        assert_eq!(row[3], "'@Viện");
        assert_eq!(row[4], "'-Nguyễn");
        assert_eq!(row[11], "'+1");
        assert_eq!(
            (row[13].as_str(), row[14].as_str()),
            ("Cấp cơ sở", "'=Trường")
        );
        assert_eq!(
            (row[7].as_str(), row[8].as_str()),
            (ContractStatus::Active.label(domain::Lang::Vi), "01/01/2027")
        );
    }
}
