//! Scoring: a certified member's blind sheet, checked per criterion and locked on submission;
//! reopened only by the chair with a recorded reason; paper sheets entered by the secretary.

use super::{entry, Seated, SCORES_A};
use crate::world::World;
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};

#[tokio::test]
async fn sheets_are_blind_certified_locked_on_submission_and_reopened_only_by_the_chair() {
    let w = World::new().await;
    let Seated {
        council,
        members,
        a,
        b,
        ..
    } = w.with_constituted_council().await;
    let officer = |path: &'static str, body: Value| w.app.call_with(&w.officer, path, body);
    let call =
        |i: usize, path: &'static str, body: Value| w.app.call_with(&members[i].1, path, body);
    let sheet = |dossier: i64, points: [u32; 3], submit: bool| json!({ "council_id": council, "application_id": dossier, "entry": entry(points), "review": "", "submit": submit });
    // No sheet before certifying; a conflicted member never gets one.
    let uncertified = call(
        0,
        "/api/councils/sheet",
        json!({ "council_id": council, "application_id": a }),
    )
    .await;
    assert_eq!(uncertified.body["Invalid"]["field"], "application");
    let conflicted = call(
        6,
        "/api/councils/certify",
        json!({ "council_id": council, "application_id": b }),
    )
    .await;
    assert_eq!(conflicted.status, 422);
    assert_eq!(conflicted.body["Invalid"]["problem"], "Conflicted");

    let scores_a = SCORES_A;
    for (i, points) in scores_a.iter().enumerate() {
        let ok = call(
            i,
            "/api/councils/certify",
            json!({ "council_id": council, "application_id": a }),
        )
        .await;
        assert_eq!(ok.status, 200, "{:?}", ok.body);
        if i == 0 {
            // Out of range is refused at the criterion; nothing is saved.
            let over = call(i, "/api/councils/save_sheet", sheet(a, [12, 51, 28], false)).await;
            assert_eq!(over.body["Invalid"]["field"], "scores.1");
            // Results stay sealed while scoring is open.
            let sealed = call(i, "/api/councils/results", json!({ "id": council })).await;
            assert_eq!(
                sealed.body["Invalid"]["problem"]["Council"],
                json!({ "state": "Scoring", "action": "ReadResults" })
            );
        }
        let sent = call(i, "/api/councils/save_sheet", sheet(a, *points, true)).await;
        assert_eq!(sent.status, 200, "{:?}", sent.body);
    }
    let locked = call(0, "/api/councils/save_sheet", sheet(a, [1, 1, 1], true)).await;
    assert_eq!(locked.body["Invalid"]["problem"], "SheetLocked");
    // No constitution twice: the state table refuses it.
    let again = officer("/api/councils/constitute", json!({ "id": council })).await;
    assert_eq!(
        again.body["Invalid"]["problem"]["Council"]["state"],
        "Scoring"
    );
    let ids: Vec<i64> = officer("/api/councils/get", json!({ "id": council }))
        .await
        .body["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["user_id"].as_i64().unwrap())
        .collect();

    // Only the chair reopens a submitted sheet, and only with a reason, recorded.
    let reopen = |i: usize, uid: i64, reason: &str| {
        call(
            i,
            "/api/councils/reopen_sheet",
            json!({ "council_id": council, "application_id": a, "user_id": uid, "reason": reason }),
        )
    };
    assert_eq!(reopen(2, ids[1], "Nhầm").await.status, 403);
    assert_eq!(
        reopen(0, ids[1], "  ").await.body["Invalid"]["field"],
        "note"
    );
    assert_eq!(reopen(0, ids[1], "Ghi nhầm tiêu chí 2").await.status, 200);
    // The reopened sheet is the member's to send again: never written over from paper.
    let over = call(
        2,
        "/api/councils/enter_paper_sheet",
        json!({ "council_id": council, "application_id": a, "user_id": ids[1], "entry": entry([1, 1, 1]), "review": "" }),
    )
    .await;
    assert_eq!(
        over.body["Invalid"]["problem"], "OnlineSheetBegun",
        "{:?}",
        over.body
    );
    assert_eq!(
        reopen(0, ids[1], "Lần nữa").await.body["Invalid"]["problem"],
        "SheetNotSubmitted"
    );
    let reopened = call(
        1,
        "/api/councils/sheet",
        json!({ "council_id": council, "application_id": a }),
    )
    .await;
    assert_eq!(reopened.body["submitted_at"], Value::Null);
    let resent = call(1, "/api/councils/save_sheet", sheet(a, scores_a[1], true)).await;
    assert_eq!(resent.status, 200, "{:?}", resent.body);
    let trail = w
        .app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            w.app.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'score_sheet_reopened' AND detail LIKE '%Ghi nhầm tiêu chí 2%'",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(trail.try_get::<i64>("", "n").unwrap(), 1);

    for i in 0..5 {
        call(
            i,
            "/api/councils/certify",
            json!({ "council_id": council, "application_id": b }),
        )
        .await;
        let sent = call(i, "/api/councils/save_sheet", sheet(b, [10, 30, 20], true)).await;
        assert_eq!(sent.status, 200, "{:?}", sent.body);
    }

    // Member 6 scored dossier B on paper: the secretary enters it, marked as such.
    let paper = |i: usize, uid: i64, points: [u32; 3]| {
        call(
            i,
            "/api/councils/enter_paper_sheet",
            json!({ "council_id": council, "application_id": b, "user_id": uid, "entry": entry(points), "review": "Phiếu giấy" }),
        )
    };
    assert_eq!(paper(0, ids[5], [10, 30, 20]).await.status, 403);
    assert_eq!(
        paper(2, ids[6], [10, 30, 20]).await.body["Invalid"]["problem"],
        "Conflicted"
    );
    assert_eq!(
        paper(2, ids[0], [10, 30, 20]).await.body["Invalid"]["problem"],
        "SheetLocked"
    );
    assert_eq!(
        paper(2, ids[5], [16, 30, 20]).await.body["Invalid"]["field"],
        "scores.0"
    );
    let entered = paper(2, ids[5], [10, 30, 20]).await;
    assert_eq!(entered.status, 200, "{:?}", entered.body);
    let progress = call(0, "/api/councils/get", json!({ "id": council }))
        .await
        .body["progress"]
        .clone();
    assert!(progress
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["user_id"] == ids[5]
            && p["application_id"] == b
            && p["from_paper"] == true
            && p["submitted"] == true));
    // Ordinary members do not follow others' progress.
    assert_eq!(
        call(3, "/api/councils/get", json!({ "id": council }))
            .await
            .body["progress"],
        json!([])
    );
}
