//! The year-end report as a workbook: one sheet a table, numbers as numbers.

use domain::acceptance::Rating;
use domain::call::TaskLevel;
use domain::format::format_date;
use domain::year_report::Outcomes;
use domain::Lang;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::YearReport;
use crate::error::AppError;

const VI: Lang = Lang::Vi;

/// Column heads of the table by field, shared with the PDF.
pub(super) const FIELD_HEADS: [&str; 8] = [
    "Cấp",
    "Lĩnh vực",
    "Ký hợp đồng trong năm",
    "Kinh phí cam kết (đồng)",
    "Đang thực hiện cuối năm",
    "Nghiệm thu đạt",
    "Nghiệm thu không đạt",
    "Chấm dứt",
];

pub(super) fn level_name(level: Option<TaskLevel>) -> &'static str {
    level.map_or("Tổng cộng", |l| l.label(VI))
}

fn summary(
    s: &mut Worksheet,
    r: &YearReport,
    head: &Format,
    whole: &Format,
) -> Result<(), XlsxError> {
    s.set_name("Tổng hợp")?;
    let title = format!("Báo cáo tổng kết năm {}: số liệu từ hệ thống", r.year);
    s.write_string_with_format(0, 0, title, head)?;
    for (col, h) in ["Số liệu", "Tổng", "Cấp tỉnh", "Cấp cơ sở"]
        .iter()
        .enumerate()
    {
        s.write_string_with_format(2, col as u16, *h, head)?;
    }
    s.set_column_width(0, 40)?;
    for (i, m) in r.metrics.iter().enumerate() {
        let row = 3 + i as u32;
        s.write_string(row, 0, m.metric.label(VI))?;
        for (col, level) in [
            None,
            Some(TaskLevel::Provincial),
            Some(TaskLevel::Grassroots),
        ]
        .into_iter()
        .enumerate()
        {
            // Counts and đồng are whole numbers far below 2^53: exact.
            s.write_number_with_format(row, 1 + col as u16, m.of(level, 0) as f64, whole)?;
        }
    }
    Ok(())
}

fn fields(
    s: &mut Worksheet,
    r: &YearReport,
    head: &Format,
    whole: &Format,
) -> Result<(), XlsxError> {
    s.set_name("Nhiệm vụ theo lĩnh vực")?;
    for (col, h) in FIELD_HEADS.iter().enumerate() {
        s.write_string_with_format(0, col as u16, *h, head)?;
    }
    s.set_column_width(1, 40)?;
    for (i, line) in r.fields.iter().enumerate() {
        let row = 1 + i as u32;
        let level = match line {
            domain::year_report::FieldLine::Field(l, _, _)
            | domain::year_report::FieldLine::Subtotal(l, _) => Some(*l),
            domain::year_report::FieldLine::Total(_) => None,
        };
        s.write_string(row, 0, level_name(level))?;
        s.write_string(row, 1, line.name(VI))?;
        let c = line.counts();
        let values = [
            c.signed,
            c.committed_dong,
            c.running_at_end,
            c.accepted,
            c.failed,
            c.terminated,
        ];
        for (j, v) in values.into_iter().enumerate() {
            s.write_number_with_format(row, 2 + j as u16, v as f64, whole)?;
        }
    }
    Ok(())
}

fn outcomes(s: &mut Worksheet, r: &YearReport, head: &Format) -> Result<(), XlsxError> {
    s.set_name("Kết quả nghiệm thu")?;
    s.write_string_with_format(0, 0, "Cấp", head)?;
    for (i, rating) in Rating::ALL.iter().enumerate() {
        s.write_string_with_format(0, 1 + i as u16, rating.label(VI), head)?;
    }
    s.write_string_with_format(0, 4, "Tỷ lệ đạt (%)", head)?;
    for (i, (level, counts)) in r.outcomes.lines.iter().enumerate() {
        let row = 1 + i as u32;
        s.write_string(row, 0, level_name(*level))?;
        for (j, n) in counts.iter().enumerate() {
            s.write_number(row, 1 + j as u16, *n as f64)?;
        }
        if let Some(p) = Outcomes::pass_percent(counts) {
            s.write_number(row, 4, p as f64)?;
        }
    }
    Ok(())
}

fn results(s: &mut Worksheet, r: &YearReport, head: &Format) -> Result<(), XlsxError> {
    s.set_name("Kết quả đăng ký")?;
    let heads = [
        "Mã hợp đồng",
        "Tên nhiệm vụ",
        "Cấp",
        "Số giấy chứng nhận",
        "Ngày đăng ký",
    ];
    for (col, h) in heads.iter().enumerate() {
        s.write_string_with_format(0, col as u16, *h, head)?;
    }
    s.set_column_width(1, 60)?;
    for (i, x) in r.results.iter().enumerate() {
        let row = 1 + i as u32;
        s.write_string(row, 0, &x.code)?;
        s.write_string(row, 1, &x.title)?;
        s.write_string(row, 2, x.level.label(VI))?;
        s.write_string(row, 3, &x.certificate)?;
        s.write_string(row, 4, format_date(x.at))?;
    }
    Ok(())
}

fn book(r: &YearReport) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let head = Format::new().set_bold().set_text_wrap();
    let whole = Format::new().set_num_format("#,##0");
    summary(book.add_worksheet(), r, &head, &whole)?;
    fields(book.add_worksheet(), r, &head, &whole)?;
    outcomes(book.add_worksheet(), r, &head)?;
    results(book.add_worksheet(), r, &head)?;
    book.save_to_buffer()
}

/// `bao-cao-nam-2026.xlsx`.
pub async fn year_report_xlsx(year: i32) -> Result<(String, Vec<u8>), AppError> {
    let r = super::gather(year).await?;
    let bytes = book(&r).map_err(|e| crate::error::internal(&e))?;
    Ok((format!("bao-cao-nam-{year}.xlsx"), bytes))
}
