//! The year-end report as a PDF for the department's file and its leaders: the same tables as
//! the workbook, amounts written out in đồng.

use domain::acceptance::Rating;
use domain::call::TaskLevel;
use domain::format::{format_date, format_dong, group_thousands};
use domain::year_report::{FieldLine, Outcomes};
use domain::Lang;

use super::xlsx::{level_name, FIELD_HEADS};
use super::YearReport;
use crate::error::AppError;
use crate::pdf::{Align, Pdf};

const VI: Lang = Lang::Vi;

fn strings(heads: &[&str]) -> Vec<String> {
    heads.iter().map(|h| (*h).to_string()).collect()
}

fn summary(pdf: &mut Pdf, r: &YearReport) {
    pdf.heading("1. Số liệu tổng hợp của năm");
    let rows: Vec<Vec<String>> = r
        .metrics
        .iter()
        .map(|m| {
            let shown = |v: i64| {
                if m.metric.is_money() {
                    format_dong(v)
                } else {
                    group_thousands(v)
                }
            };
            let mut row = vec![m.metric.label(VI).to_string()];
            for level in [
                None,
                Some(TaskLevel::Provincial),
                Some(TaskLevel::Grassroots),
            ] {
                row.push(shown(m.of(level, 0)));
            }
            row
        })
        .collect();
    let heads = strings(&["Số liệu", "Tổng", "Cấp tỉnh", "Cấp cơ sở"]);
    pdf.table(&[3.0, 1.6, 1.6, 1.6], &heads, &rows);
}

fn fields(pdf: &mut Pdf, r: &YearReport) {
    pdf.heading("2. Nhiệm vụ theo cấp và lĩnh vực");
    let rows: Vec<Vec<String>> = r
        .fields
        .iter()
        .map(|line| {
            let level = match line {
                FieldLine::Field(l, _, _) | FieldLine::Subtotal(l, _) => Some(*l),
                FieldLine::Total(_) => None,
            };
            let c = line.counts();
            vec![
                level_name(level).to_string(),
                line.name(VI),
                group_thousands(c.signed),
                format_dong(c.committed_dong),
                group_thousands(c.running_at_end),
                group_thousands(c.accepted),
                group_thousands(c.failed),
                group_thousands(c.terminated),
            ]
        })
        .collect();
    pdf.table(
        &[1.0, 2.2, 1.0, 1.7, 1.0, 1.0, 1.0, 0.9],
        &strings(&FIELD_HEADS),
        &rows,
    );
}

fn outcomes(pdf: &mut Pdf, r: &YearReport) {
    pdf.heading("3. Kết quả nghiệm thu trong năm");
    let mut heads = vec!["Cấp".to_string()];
    heads.extend(Rating::ALL.iter().map(|x| x.label(VI).to_string()));
    heads.push("Tỷ lệ đạt".into());
    let rows: Vec<Vec<String>> = r
        .outcomes
        .lines
        .iter()
        .map(|(level, counts)| {
            let mut row = vec![level_name(*level).to_string()];
            row.extend(counts.iter().map(|n| group_thousands(*n)));
            row.push(Outcomes::pass_percent(counts).map_or("—".into(), |p| format!("{p}%")));
            row
        })
        .collect();
    pdf.table(&[1.6, 1.0, 1.0, 1.0, 1.0], &heads, &rows);
}

fn results(pdf: &mut Pdf, r: &YearReport) {
    pdf.heading("4. Kết quả nhiệm vụ được đăng ký trong năm");
    if r.results.is_empty() {
        pdf.paragraph("Không có kết quả nào được đăng ký trong năm.");
        return;
    }
    let rows: Vec<Vec<String>> = r
        .results
        .iter()
        .enumerate()
        .map(|(i, x)| {
            vec![
                (i + 1).to_string(),
                x.code.clone(),
                x.title.clone(),
                x.level.label(VI).to_string(),
                x.certificate.clone(),
                format_date(x.at),
            ]
        })
        .collect();
    let heads = strings(&["TT", "Mã hợp đồng", "Tên nhiệm vụ", "Cấp", "Số GCN", "Ngày"]);
    pdf.table(&[0.5, 1.5, 3.5, 1.0, 1.3, 1.2], &heads, &rows);
}

/// `bao-cao-nam-2026.pdf`.
pub async fn year_report_pdf(year: i32) -> Result<(String, Vec<u8>), AppError> {
    let r = super::gather(year).await?;
    let mut pdf = Pdf::new(&format!("Báo cáo tổng kết năm {year}"));
    pdf.text(
        &format!("BÁO CÁO TỔNG KẾT NĂM {year}\nNhiệm vụ khoa học và công nghệ và Quỹ phát triển khoa học và công nghệ"),
        13.0,
        true,
        Align::Centre,
    );
    pdf.space(4.0);
    pdf.paragraph(&format!(
        "Số liệu lấy từ hệ thống, theo năm dương lịch {year} (giờ Việt Nam, từ 01/01/{year} đến hết 31/12/{year})."
    ));
    summary(&mut pdf, &r);
    fields(&mut pdf, &r);
    outcomes(&mut pdf, &r);
    results(&mut pdf, &r);
    let bytes = pdf.finish().map_err(|e| {
        tracing::error!(error = %e, "the year report's PDF could not be written");
        AppError::Internal
    })?;
    Ok((format!("bao-cao-nam-{year}.pdf"), bytes))
}
