//! Closing: only the secretary, only with a quorum for every dossier; then results ranked with
//! conflicted members left out, the applicant's summary naming no member, minutes and exports.

use super::{entry, Seated};
use crate::attachments::download;
use crate::world::World;
use serde_json::{json, Value};

#[tokio::test]
async fn scoring_closes_with_a_quorum_and_the_applicant_learns_no_members_name() {
    let w = World::new().await;
    let Seated {
        council,
        members,
        ids,
        a,
        b,
    } = w.with_scored_council().await;
    let officer = |path: &'static str, body: Value| w.app.call_with(&w.officer, path, body);
    let call =
        |i: usize, path: &'static str, body: Value| w.app.call_with(&members[i].1, path, body);
    let sheet = |dossier: i64, points: [u32; 3], submit: bool| json!({ "council_id": council, "application_id": dossier, "entry": entry(points), "review": "", "submit": submit });
    // The applicant learns nothing before the secretary closes scoring.
    let early = w
        .as_researcher("/api/councils/evaluation", json!({ "application_id": b }))
        .await;
    assert_eq!(early.status, 200, "{:?}", early.body);
    assert_eq!(early.body, Value::Null);

    // Only the secretary closes scoring, and only with a quorum for every dossier.
    assert_eq!(
        call(0, "/api/councils/close", json!({ "id": council }))
            .await
            .status,
        403
    );
    let no_quorum = call(2, "/api/councils/close", json!({ "id": council })).await;
    assert_eq!(
        no_quorum.body["Invalid"]["field"], "attendance",
        "{:?}",
        no_quorum.body
    );
    let mark = |i: usize, uid: i64| {
        call(
            i,
            "/api/councils/attendance",
            json!({ "council_id": council, "user_id": uid, "present": true }),
        )
    };
    assert_eq!(
        mark(0, ids[0]).await.status,
        403,
        "the chair does not keep the register"
    );
    for uid in [ids[0], ids[2], ids[3], ids[6]] {
        let marked = mark(2, uid).await;
        assert_eq!(marked.status, 200, "{:?}", marked.body);
    }
    // 4 of 7 present: short of ⌈2/3 × 7⌉ = 5 for dossier A.
    let short = call(2, "/api/councils/close", json!({ "id": council })).await;
    assert_eq!(
        short.body["Invalid"]["problem"]["Quorum"]["TooFew"]["needed"], 5,
        "{:?}",
        short.body
    );
    officer(
        "/api/councils/attendance",
        json!({ "council_id": council, "user_id": ids[4], "present": true }),
    )
    .await;
    assert_eq!(
        call(2, "/api/councils/close", json!({ "id": council }))
            .await
            .status,
        200
    );
    let late = call(3, "/api/councils/save_sheet", sheet(b, [1, 1, 1], true)).await;
    assert_eq!(late.status, 422);

    let results = officer("/api/councils/results", json!({ "id": council })).await;
    assert_eq!(results.status, 200, "{:?}", results.body);
    let r = results.body["results"].as_array().unwrap();
    assert_eq!(r[0]["dossier"]["id"], a);
    assert_eq!(r[0]["ranked"]["rank"], 1);
    assert_eq!(r[0]["outcome"]["passed"], true);
    assert_eq!(r[0]["outcome"]["counted"].as_array().unwrap().len(), 7);
    // Dossier B: six sheets of 60 each, member 7 left out, below the threshold.
    assert_eq!(
        r[1]["outcome"]["mean_total"],
        json!({ "sum": 720, "count": 6 })
    );
    assert_eq!(r[1]["outcome"]["passed"], false);
    assert_eq!(r[1]["conflicted"], json!(["Người dùng tv7@hd.vn"]));
    let lines = r[1]["sheets"].as_array().unwrap();
    assert_eq!(lines.iter().filter(|l| l["from_paper"] == true).count(), 1);
    assert_eq!(
        call(6, "/api/councils/results", json!({ "id": council }))
            .await
            .status,
        200
    );

    // The applicant's evaluation summary: figures and comments, no member's name.
    let summary = w
        .as_researcher("/api/councils/evaluation", json!({ "application_id": b }))
        .await;
    assert_eq!(summary.status, 200, "{:?}", summary.body);
    assert_eq!(summary.body["passed"], false);
    assert_eq!(summary.body["rank"], 2);
    assert_eq!(summary.body["of"], 2);
    assert_eq!(summary.body["sheets_counted"], 6);
    assert_eq!(summary.body["reviews"], json!(["Phiếu giấy"]));
    assert!(!summary.body.to_string().contains("hd.vn"));
    assert_eq!(
        call(
            3,
            "/api/councils/evaluation",
            json!({ "application_id": b })
        )
        .await
        .status,
        404,
        "a council member is not a reader of the dossier"
    );

    // The minutes and the score summary: officers, the chair and the secretary.
    let minutes = call(0, "/api/councils/minutes", json!({ "id": council })).await;
    assert_eq!(minutes.status, 200, "{:?}", minutes.body);
    assert_eq!(
        minutes.body["reopenings"][0]["reason"],
        "Ghi nhầm tiêu chí 2"
    );
    assert_eq!(
        minutes.body["results"]["results"].as_array().unwrap().len(),
        2
    );
    assert_eq!(
        call(3, "/api/councils/minutes", json!({ "id": council }))
            .await
            .status,
        403
    );
    assert_eq!(
        w.as_researcher("/api/councils/minutes", json!({ "id": council }))
            .await
            .status,
        404
    );
    let pdf_path = format!("/exports/councils/{council}/minutes.pdf");
    let (status, pdf, disposition) = download(&w.app, &w.officer, &pdf_path).await;
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(disposition.contains("bien-ban-hoi-dong"), "{disposition}");
    if let Ok(dir) = std::env::var("STMS_KEEP_PDF") {
        std::fs::write(format!("{dir}/minutes.pdf"), &pdf).unwrap();
    }
    assert_eq!(download(&w.app, &members[2].1, &pdf_path).await.0, 200);
    assert_eq!(download(&w.app, &members[3].1, &pdf_path).await.0, 403);
    let (status, xlsx, _) = download(
        &w.app,
        &w.officer,
        &format!("/exports/councils/{council}/scores.xlsx"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(xlsx.starts_with(b"PK"));
}
