//! The whole dashboard of a year as a workbook (docs/programme.md, "Charts and export"): the
//! indicators with their targets and latest figures, then the computed figures by level and
//! year.

use domain::call::TaskLevel;
use domain::programme::format_figure;
use domain::Lang;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::super::api::Dashboard;
use crate::error::AppError;

fn xlsx(e: XlsxError) -> AppError {
    crate::error::internal(&e)
}

fn indicators(sheet: &mut Worksheet, d: &Dashboard, head: &Format) -> Result<(), XlsxError> {
    sheet.set_name("Chỉ tiêu")?;
    let title = format!(
        "Chỉ tiêu chương trình hành động, số liệu mới nhất đến năm {}",
        d.year
    );
    sheet.write_string_with_format(0, 0, title, head)?;
    let heads = [
        "Mã",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Mục tiêu",
        "Năm mục tiêu",
        "Số liệu mới nhất",
        "Năm của số liệu",
        "Tiến độ (%)",
        "Nguồn số liệu",
        "Đơn vị chịu trách nhiệm",
    ];
    for (col, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *h, head)?;
    }
    sheet.set_column_width(1, 50)?;
    for (i, ind) in d.indicators.iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_string(row, 0, &ind.code)?;
        sheet.write_string(row, 1, &ind.name)?;
        sheet.write_string(row, 2, &ind.unit)?;
        let target = format!(
            "{} {}",
            ind.comparison.symbol(),
            format_figure(ind.target, Lang::Vi)
        );
        sheet.write_string(row, 3, target)?;
        sheet.write_number(row, 4, f64::from(ind.target_year))?;
        if let Some(v) = ind.value {
            // Hundredths as a number of the sheet: exact to two decimals.
            sheet.write_number(row, 5, v as f64 / 100.0)?;
        }
        if let Some(y) = ind.figure_year {
            sheet.write_number(row, 6, f64::from(y))?;
        }
        if let Some(p) = ind.progress {
            sheet.write_number(row, 7, f64::from(p))?;
        }
        sheet.write_string(row, 8, ind.source.label(Lang::Vi))?;
        let unit = ind.responsible_unit.clone().unwrap_or_default();
        sheet.write_string(row, 9, unit)?;
    }
    Ok(())
}

/// Each figure's rows: all levels, then each level.
const LEVELS: [(Option<TaskLevel>, &str); 3] = [
    (None, "Tổng"),
    (Some(TaskLevel::Provincial), "Cấp tỉnh"),
    (Some(TaskLevel::Grassroots), "Cấp cơ sở"),
];

/// A sheet by year: its name, then a first row saying what its rows are, the level, the years.
fn by_year(
    sheet: &mut Worksheet,
    d: &Dashboard,
    head: &Format,
    names: (&str, &str),
) -> Result<(), XlsxError> {
    sheet.set_name(names.0)?;
    sheet.write_string_with_format(0, 0, names.1, head)?;
    sheet.write_string_with_format(0, 1, "Cấp", head)?;
    for (i, y) in d.years.iter().enumerate() {
        sheet.write_number_with_format(0, 2 + i as u16, f64::from(*y), head)?;
    }
    sheet.set_column_width(0, 40)?;
    Ok(())
}

fn computed(sheet: &mut Worksheet, d: &Dashboard, head: &Format) -> Result<(), XlsxError> {
    let whole = Format::new().set_num_format("#,##0");
    by_year(sheet, d, head, ("Số liệu từ hệ thống", "Số liệu"))?;
    let mut row = 1u32;
    for m in &d.metrics {
        for (level, label) in LEVELS {
            sheet.write_string(row, 0, m.metric.label(Lang::Vi))?;
            sheet.write_string(row, 1, label)?;
            for i in 0..d.years.len() {
                // Counts and đồng are whole numbers far below 2^53: exact.
                let v = m.of(level, i) as f64;
                sheet.write_number_with_format(row, 2 + i as u16, v, &whole)?;
            }
            row += 1;
        }
    }
    Ok(())
}

fn durations(sheet: &mut Worksheet, d: &Dashboard, head: &Format) -> Result<(), XlsxError> {
    by_year(sheet, d, head, ("Thời gian xử lý", "Bước (trung vị, ngày)"))?;
    let mut row = 1u32;
    for s in &d.durations {
        for (level, label) in LEVELS {
            sheet.write_string(row, 0, s.step.label(Lang::Vi))?;
            sheet.write_string(row, 1, label)?;
            for (i, days) in s.of(level).iter().enumerate() {
                if let Some(days) = days {
                    sheet.write_number(row, 2 + i as u16, *days as f64)?;
                }
            }
            row += 1;
        }
        sheet.write_string(row, 0, s.step.label(Lang::Vi))?;
        sheet.write_string(row, 1, "Số nhiệm vụ")?;
        for (i, n) in s.cases.iter().enumerate() {
            sheet.write_number(row, 2 + i as u16, f64::from(*n))?;
        }
        row += 1;
    }
    Ok(())
}

pub async fn dashboard_xlsx(year: i32) -> Result<(String, Vec<u8>), AppError> {
    crate::kit::require(
        domain::roles::Permission::ViewProgramme,
        domain::roles::Scope::Global,
    )?;
    let d = super::dashboard(Some(year), false).await?;
    let mut book = Workbook::new();
    let head = Format::new().set_bold().set_text_wrap();
    indicators(book.add_worksheet(), &d, &head).map_err(xlsx)?;
    computed(book.add_worksheet(), &d, &head).map_err(xlsx)?;
    durations(book.add_worksheet(), &d, &head).map_err(xlsx)?;
    let bytes = book.save_to_buffer().map_err(xlsx)?;
    Ok((format!("chuong-trinh-{year}.xlsx"), bytes))
}
