//! The leader's decision approving a round's ordered list (Quyết định phê duyệt danh mục nhiệm
//! vụ đặt hàng) as a PDF in the administrative form (Decree 30/2020): issuing body, number,
//! place and date, legal bases, the list with each item's method of choosing the host, the
//! recipients and the signer.

use domain::format::{format_date, format_dong};
use domain::proposal::ProposalStatus;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{reads_all, round};
use crate::db::entities::proposal;
use crate::error::{AppError, Problem};
use crate::kit::{display_names, require_user, state};
use crate::pdf::{Align, Pdf};

/// An ordered list is at most this long (a province orders tens of tasks a year).
const MAX_ITEMS: u64 = 500;

fn heading(pdf: &mut Pdf, number: &str, date: &str) {
    pdf.text(
        "UBND TỈNH SÔNG LAM\nSỞ KHOA HỌC VÀ CÔNG NGHỆ",
        12.0,
        true,
        Align::Left,
    );
    pdf.text(&format!("Số: {number}"), 12.0, false, Align::Left);
    pdf.space(6.0);
    pdf.text(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        12.0,
        true,
        Align::Centre,
    );
    pdf.text(&format!("Sông Lam, {date}"), 12.0, false, Align::Centre);
    pdf.space(8.0);
    pdf.text(
        "QUYẾT ĐỊNH\nPhê duyệt danh mục nhiệm vụ khoa học và công nghệ đặt hàng",
        13.0,
        true,
        Align::Centre,
    );
    pdf.text(
        "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        12.0,
        true,
        Align::Centre,
    );
    pdf.space(6.0);
    for basis in [
        "Căn cứ Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15 ngày 27/6/2025;",
        "Căn cứ Nghị định số 267/2025/NĐ-CP ngày 14/10/2025 của Chính phủ;",
        "Căn cứ kết quả làm việc của Hội đồng tư vấn xác định nhiệm vụ;",
        "Theo đề nghị của phòng quản lý chuyên môn,",
    ] {
        pdf.paragraph(basis);
    }
    pdf.text("QUYẾT ĐỊNH:", 12.0, true, Align::Centre);
}

/// Articles 2 and 3, the signer and the recipients.
fn closing(pdf: &mut Pdf, signer: &str) {
    pdf.heading("Điều 2.");
    pdf.paragraph("Giao phòng quản lý chuyên môn tổ chức tuyển chọn, giao trực tiếp tổ chức chủ trì thực hiện các nhiệm vụ tại Điều 1 theo quy định.");
    pdf.heading("Điều 3.");
    pdf.paragraph("Quyết định này có hiệu lực kể từ ngày ký. Các phòng, đơn vị liên quan và các tổ chức, cá nhân có đề xuất chịu trách nhiệm thi hành Quyết định này.");
    pdf.signatures(("", ""), ("GIÁM ĐỐC", signer));
    pdf.text("Nơi nhận:", 11.0, true, Align::Left);
    pdf.text(
        "- Như Điều 3;\n- UBND tỉnh (để báo cáo);\n- Lưu: VT.",
        11.0,
        false,
        Align::Left,
    );
}

pub async fn ordered_list_pdf(round_id: i32) -> Result<(String, Vec<u8>), AppError> {
    let me = require_user()?;
    if !reads_all(&me) {
        return Err(AppError::Forbidden);
    }
    let db = &state()?.db;
    let r = round(db, round_id).await?;
    let (Some(number), Some(decided_at)) = (r.decision_number.clone(), r.decided_at) else {
        return Err(AppError::invalid("round_id", Problem::ListNotIssued));
    };
    let items = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round_id))
        .filter(proposal::Column::Status.is_in([
            ProposalStatus::Ordered.code(),
            ProposalStatus::Called.code(),
        ]))
        .order_by_asc(proposal::Column::Id)
        .limit(MAX_ITEMS)
        .all(db)
        .await?;
    let signer = items.iter().filter_map(|p| p.decided_by).max();
    let names = display_names(db, signer.into_iter().collect()).await?;
    let date = format_date(decided_at);
    let (d, m, y) = (&date[0..2], &date[3..5], &date[6..]);
    let mut pdf = Pdf::new(&format!("Quyết định {number}"));
    heading(&mut pdf, &number, &format!("ngày {d} tháng {m} năm {y}"));
    pdf.heading(&format!(
        "Điều 1. Phê duyệt danh mục {} nhiệm vụ khoa học và công nghệ đặt hàng ({}) như sau:",
        items.len(),
        r.title
    ));
    let rows: Vec<Vec<String>> = items
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let w = p
                .recommendation
                .as_ref()
                .map_or(&p.form.0.wording, |r| &r.0.wording);
            vec![
                (i + 1).to_string(),
                w.title.clone(),
                format!("{}\n{}", w.objectives, w.products_text()),
                w.method.label(domain::Lang::Vi).to_string(),
                format_dong(p.form.0.budget_dong),
            ]
        })
        .collect();
    let header = [
        "STT",
        "Tên nhiệm vụ",
        "Mục tiêu, sản phẩm",
        "Phương thức",
        "Kinh phí dự kiến",
    ];
    pdf.table(&[1.0, 3.6, 4.6, 1.8, 2.2], &header.map(String::from), &rows);
    closing(
        &mut pdf,
        &signer
            .and_then(|s| names.get(&s).cloned())
            .unwrap_or_default(),
    );
    let bytes = pdf.finish().map_err(|e| {
        tracing::error!(error = %e, round = round_id, "ordered list PDF");
        AppError::Internal
    })?;
    Ok((
        format!("quyet-dinh-danh-muc-dat-hang-{round_id}.pdf"),
        bytes,
    ))
}
