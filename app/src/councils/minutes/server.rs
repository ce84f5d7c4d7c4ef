//! The minutes on the server (S): the view read from the council and its sheets, the PDF and
//! the .xlsx of scores.

use super::*;
use crate::councils::server as councils;
use crate::db::entities::{audit_event, call, conflict, council, council_member};
use crate::db::state;
use crate::kit::require_user;
use crate::pdf::{Align, Pdf};
use domain::council::{CouncilAction, CouncilRole, CouncilState};
use domain::roles::Permission;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

#[expect(
    clippy::too_many_lines,
    reason = "one document's content from top to bottom"
)]
pub async fn minutes(id: i32) -> Result<MinutesView, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let c = council::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit = crate::kit::units::unit_of_call(db, c.call_id).await?;
    if !me.oversees(Permission::ManageCouncils, unit) {
        let seat = council_member::Entity::find()
            .filter(council_member::Column::CouncilId.eq(id))
            .filter(council_member::Column::UserId.eq(me.user_id))
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        if !matches!(
            CouncilRole::from_code(&seat.role),
            Some(CouncilRole::Chair | CouncilRole::Secretary)
        ) {
            return Err(AppError::Forbidden);
        }
    }
    CouncilState::from_code(&c.status)
        .ok_or(AppError::Internal)?
        .after(CouncilAction::ReadResults)
        .map_err(|e| AppError::invalid("status", crate::error::Problem::Council(e)))?;
    let view = councils::results::get(id).await?;
    let results = councils::results::results(id).await?;
    let cl = call::Entity::find_by_id(c.call_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let name_of = |uid: i32| {
        view.members
            .iter()
            .find(|m| m.user_id == uid)
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    let code_of = |aid: i32| {
        view.dossiers
            .iter()
            .find(|d| d.id == aid)
            .map(|d| d.receipt_code.clone())
            .unwrap_or_default()
    };
    let conflicts = conflict::Entity::find()
        .filter(conflict::Column::CouncilId.eq(id))
        .order_by_asc(conflict::Column::Id)
        .limit(2_000)
        .all(db)
        .await?
        .into_iter()
        .map(|f| {
            Ok(MinutesConflict {
                member: name_of(f.user_id),
                dossier: code_of(f.application_id),
                reason: f.reason.0.clone(),
                status: f.status,
                note: f.note,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let reopenings = audit_event::Entity::find()
        .filter(audit_event::Column::SubjectType.eq("council"))
        .filter(audit_event::Column::SubjectId.eq(i64::from(id)))
        .filter(audit_event::Column::Action.eq("score_sheet_reopened"))
        .order_by_asc(audit_event::Column::At)
        .limit(2_000)
        .all(db)
        .await?
        .into_iter()
        .map(|e| {
            let d: serde_json::Value = e.detail.0.clone();
            let int = |k: &str| {
                d[k].as_i64()
                    .and_then(|v| i32::try_from(v).ok())
                    .unwrap_or(0)
            };
            Ok(Reopening {
                at: e.at,
                member: name_of(int("user")),
                dossier: code_of(int("application")),
                reason: d["reason"].as_str().unwrap_or_default().to_string(),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(MinutesView {
        council_id: c.id,
        council_name: c.name,
        call_code: cl.code,
        call_title: cl.title,
        rulebook_version: c.rulebook_version,
        closed_at: c.closed_at,
        members: view.members,
        conflicts,
        reopenings,
        results,
    })
}

fn file_stem(m: &MinutesView) -> String {
    format!("hoi-dong-{}", m.council_id)
}

/// Blocks laid out as a PDF (the council's and the acceptance council's minutes).
pub fn pdf_of(title: &str, blocks: Vec<Block>) -> Result<Vec<u8>, AppError> {
    let mut pdf = Pdf::new(title);
    for b in blocks {
        match b {
            Block::Title(s) => {
                pdf.text(&s, 13.0, true, Align::Centre);
                pdf.space(8.0);
            }
            Block::Heading(s) => pdf.heading(&s),
            Block::Para(s) => pdf.paragraph(&s),
            Block::Table(w, h, rows) => pdf.table(&w, &h, &rows),
            Block::Signatures(l, r) => pdf.signatures((&l.0, &l.1), (&r.0, &r.1)),
        }
    }
    pdf.finish().map_err(|e| {
        tracing::error!(error = %e, "minutes PDF");
        AppError::Internal
    })
}

/// The minutes as a PDF, laid out from the same blocks as the printable page.
pub async fn minutes_pdf(id: i32) -> Result<(String, Vec<u8>), AppError> {
    let m = minutes(id).await?;
    let bytes = pdf_of(
        &format!("Biên bản họp {}", m.council_name),
        blocks(&m, Lang::Vi),
    )?;
    Ok((format!("bien-ban-{}.pdf", file_stem(&m)), bytes))
}

/// The score summary as a workbook: one sheet of results, one of every sheet's scores.
#[expect(
    clippy::too_many_lines,
    reason = "one document's content from top to bottom"
)]
pub async fn scores_xlsx(id: i32) -> Result<(String, Vec<u8>), AppError> {
    use rust_xlsxwriter::{Format, Workbook, XlsxError};
    let m = minutes(id).await?;
    let xlsx = |e: XlsxError| crate::error::internal(&e);
    let criteria = &m.results.criteria;
    let mut book = Workbook::new();
    let head = Format::new().set_bold().set_text_wrap();
    let points = Format::new().set_num_format("0.00");
    let as_f64 = |mean: &Mean| {
        // Half points: sum / count / 2, exact enough for a spreadsheet.
        if mean.count == 0 {
            0.0
        } else {
            mean.sum as f64 / mean.count as f64 / 2.0
        }
    };
    {
        let sheet = book.add_worksheet();
        sheet.set_name("Tổng hợp").map_err(xlsx)?;
        sheet
            .write_string_with_format(0, 0, &m.council_name, &head)
            .map_err(xlsx)?;
        let mut header = vec!["Hạng".to_string(), "Mã hồ sơ".into(), "Tên nhiệm vụ".into()];
        header.extend(
            criteria
                .iter()
                .map(|c| format!("{} ({})", c.name_vi, c.max_points)),
        );
        header.extend([
            "Điểm trung bình".into(),
            "Kết luận".into(),
            "Phiếu được tính".into(),
            "Giải thích".into(),
        ]);
        for (i, h) in header.iter().enumerate() {
            sheet
                .write_string_with_format(2, i as u16, h, &head)
                .map_err(xlsx)?;
        }
        sheet.set_column_width(2, 50).map_err(xlsx)?;
        let n = criteria.len() as u16;
        for (k, r) in m.results.results.iter().enumerate() {
            let row = 3 + k as u32;
            sheet
                .write_number(row, 0, f64::from(r.ranked.rank))
                .map_err(xlsx)?;
            sheet
                .write_string(row, 1, &r.dossier.receipt_code)
                .map_err(xlsx)?;
            sheet.write_string(row, 2, &r.dossier.title).map_err(xlsx)?;
            for (i, mean) in r.outcome.criterion_means.iter().enumerate() {
                sheet
                    .write_number_with_format(row, 3 + i as u16, as_f64(mean), &points)
                    .map_err(xlsx)?;
            }
            sheet
                .write_number_with_format(row, 3 + n, as_f64(&r.outcome.mean_total), &points)
                .map_err(xlsx)?;
            sheet
                .write_string(row, 4 + n, verdict(r.outcome.passed, Lang::Vi))
                .map_err(xlsx)?;
            sheet
                .write_number(row, 5 + n, r.outcome.counted.len() as f64)
                .map_err(xlsx)?;
            sheet
                .write_string(row, 6 + n, explain(r, criteria, Lang::Vi).join(" "))
                .map_err(xlsx)?;
        }
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name("Phiếu chấm").map_err(xlsx)?;
        let mut header = vec!["Mã hồ sơ".to_string(), "Thành viên".into()];
        header.extend(
            criteria
                .iter()
                .map(|c| format!("{} ({})", c.name_vi, c.max_points)),
        );
        header.extend(["Tổng".into(), "Được tính".into(), "Phiếu giấy".into()]);
        for (i, h) in header.iter().enumerate() {
            sheet
                .write_string_with_format(0, i as u16, h, &head)
                .map_err(xlsx)?;
        }
        let n = criteria.len() as u16;
        let mut row = 0u32;
        for r in &m.results.results {
            for s in &r.sheets {
                row += 1;
                sheet
                    .write_string(row, 0, &r.dossier.receipt_code)
                    .map_err(xlsx)?;
                sheet.write_string(row, 1, &s.member).map_err(xlsx)?;
                for (i, h) in s.scores.iter().enumerate() {
                    sheet
                        .write_number(row, 2 + i as u16, f64::from(*h) / 2.0)
                        .map_err(xlsx)?;
                }
                sheet
                    .write_number(row, 2 + n, s.total as f64 / 2.0)
                    .map_err(xlsx)?;
                sheet
                    .write_string(row, 3 + n, if s.counted { "Có" } else { "Không" })
                    .map_err(xlsx)?;
                sheet
                    .write_string(row, 4 + n, if s.from_paper { "Có" } else { "" })
                    .map_err(xlsx)?;
            }
        }
    }
    let bytes = book.save_to_buffer().map_err(xlsx)?;
    Ok((format!("bang-diem-{}.xlsx", file_stem(&m)), bytes))
}
