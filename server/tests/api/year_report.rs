//! The department's year-end report (docs/programme.md, "Year-end report"): a task signed and
//! accepted this year is counted in its field and among the outcomes, in the workbook and the
//! PDF; the year before counts nothing; only the department may have it.

use crate::attachments::download;
use crate::world::World;

/// The text of one part of an .xlsx workbook (`xl/worksheets/sheet2.xml`).
fn part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The value of a numeric cell (`D2`) of a sheet's XML; none when the cell is not there.
fn cell(sheet: &str, at: &str) -> Option<i64> {
    let start = sheet.find(&format!("<c r=\"{at}\""))?;
    let rest = &sheet[start..];
    let end = rest.find("</c>")?;
    let v = rest[..end].split("<v>").nth(1)?.split("</v>").next()?;
    v.parse().ok()
}

/// The year of the server's clock, which the world holds still.
fn this_year() -> i32 {
    domain::format::year_in_vietnam(crate::world::t0())
}

#[tokio::test]
async fn a_task_signed_and_accepted_this_year_is_counted_in_its_field_and_outcomes() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, true).await;
    w.with_accepted_task(&t).await;
    let c = {
        use app::db::entities::contract;
        use sea_orm::EntityTrait;
        contract::Entity::find_by_id(t.contract as i32)
            .one(&w.app.db)
            .await
            .unwrap()
            .unwrap()
    };
    let app = &w.app;
    let y = this_year();

    let (status, bytes, disposition) =
        download(app, &f.leader, &format!("/exports/report/{y}.xlsx")).await;
    assert_eq!(status, 200);
    assert!(
        disposition.contains(&format!("bao-cao-nam-{y}.xlsx")),
        "{disposition}"
    );
    let sheets = part(&bytes, "xl/workbook.xml");
    for s in [
        "Tổng hợp",
        "Nhiệm vụ theo lĩnh vực",
        "Kết quả nghiệm thu",
        "Kết quả đăng ký",
    ] {
        assert!(sheets.contains(s), "no sheet {s}");
    }
    let strings = part(&bytes, "xl/sharedStrings.xml");
    for s in ["Cộng cấp tỉnh", "Tổng cộng", "Xuất sắc", c.field.trim()] {
        assert!(strings.contains(s), "{s} not in the workbook");
    }
    // By field: the task's line, then the provincial subtotal, then the total — the same.
    let fields = part(&bytes, "xl/worksheets/sheet2.xml");
    for row in 2..=4 {
        let at = |col: char| cell(&fields, &format!("{col}{row}"));
        assert_eq!(at('C'), Some(1), "signed, row {row}");
        assert_eq!(at('D'), Some(c.total_dong), "committed, row {row}");
        assert_eq!(
            at('E'),
            Some(0),
            "accepted this year: not running at its end"
        );
        assert_eq!(at('F'), Some(1), "accepted, row {row}");
        assert_eq!((at('G'), at('H')), (Some(0), Some(0)), "failed, terminated");
    }
    assert_eq!(cell(&fields, "C5"), None, "no grassroots line");
    // Outcomes: provincial, one Excellent of one concluded, 100 % passed; grassroots none.
    let outcomes = part(&bytes, "xl/worksheets/sheet3.xml");
    let row = |r: u32| ['B', 'C', 'D', 'E'].map(|col| cell(&outcomes, &format!("{col}{r}")));
    assert_eq!(row(2), [Some(1), Some(0), Some(0), Some(100)]);
    assert_eq!(row(3), [Some(0), Some(0), Some(0), None]);
    // The summary: the task among those contracted (its sixth line), provincial.
    let summary = part(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(cell(&summary, "B6"), Some(1));
    assert_eq!(cell(&summary, "C6"), Some(1));

    // The year before: nothing signed, nothing running, only the total line.
    let (_, before, _) = download(app, &f.leader, &format!("/exports/report/{}.xlsx", y - 1)).await;
    let fields = part(&before, "xl/worksheets/sheet2.xml");
    assert_eq!(cell(&fields, "C2"), Some(0));
    assert_eq!(cell(&fields, "E2"), Some(0));
    assert_eq!(cell(&fields, "C3"), None);

    let (status, pdf, disposition) =
        download(app, &f.leader, &format!("/exports/report/{y}.pdf")).await;
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    assert!(
        disposition.contains(&format!("bao-cao-nam-{y}.pdf")),
        "{disposition}"
    );

    // Only the department; a year the system does not keep is refused; a name that is
    // not a year and a format not offered are not there.
    let path = format!("/exports/report/{y}.pdf");
    assert_eq!(download(app, &w.researcher, &path).await.0, 403);
    assert_eq!(download(app, &t.host, &path).await.0, 403);
    let (status, body, _) = download(app, &f.leader, "/exports/report/1500.xlsx").await;
    assert_eq!(status, 422);
    assert!(String::from_utf8_lossy(&body).contains("Yêu cầu không hợp lệ"));
    for odd in [
        "/exports/report/nam.xlsx",
        &format!("/exports/report/{y}.docx"),
    ] {
        assert_eq!(download(app, &f.leader, odd).await.0, 404, "{odd}");
    }
}
