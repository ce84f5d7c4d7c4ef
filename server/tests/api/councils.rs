//! Councils: composition and conflicts checked before scoring opens, blind sheets locked on
//! submission, conflicted members kept out, results only after the secretary closes scoring.

use crate::applications::{complete_form, world, World};
use crate::helpers::PASSWORD;
use domain::roles::{Role, Scope};
use serde_json::{json, Value};

async fn valid_dossier(w: &World, title: &str, team_email: Option<&str>) -> i64 {
    let id = w.draft(title).await;
    if let Some(email) = team_email {
        let mut form = complete_form(title);
        form["team"][1]["email"] = json!(email);
        w.as_researcher("/api/applications/save", json!({ "id": id, "form": form }))
            .await;
    }
    let sub = w
        .as_researcher("/api/applications/submit", json!({ "id": id }))
        .await;
    assert_eq!(sub.status, 200, "{:?}", sub.body);
    let ok = w
        .app
        .call_with(
            &w.officer,
            "/api/applications/decide",
            json!({ "id": id, "decision": "Valid" }),
        )
        .await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    id
}

/// Whole points to the sheet's half points.
fn entry(points: [u32; 3]) -> Value {
    json!({ "scores": points.iter().map(|p| p * 2).collect::<Vec<_>>(), "comments": ["", "", ""] })
}

#[tokio::test]
async fn a_council_scores_blind_and_conflicted_members_are_left_out() {
    let w = world().await;
    let a = valid_dossier(&w, "Hồ sơ A", None).await;
    let b = valid_dossier(&w, "Hồ sơ B", Some("tv7@hd.vn")).await;

    let roles = [
        "Chair",
        "ViceChair",
        "Secretary",
        "Reviewer",
        "Reviewer",
        "Member",
        "Member",
    ];
    let mut members = Vec::new();
    for i in 1..=7 {
        let email = format!("tv{i}@hd.vn");
        w.app
            .user(&email, &[(Role::CouncilMember, Scope::Global)])
            .await;
        let c = w.app.new_client();
        assert_eq!(w.app.login_with(&c, &email, PASSWORD).await.status, 200);
        members.push((email, c));
    }
    let officer = |path: &'static str, body: Value| w.app.call_with(&w.officer, path, body);

    // Only officers form councils.
    assert_eq!(
        w.as_researcher(
            "/api/councils/create",
            json!({ "call_id": w.call_id, "name": "HĐ" })
        )
        .await
        .status,
        403
    );
    let council = officer(
        "/api/councils/create",
        json!({ "call_id": w.call_id, "name": "Hội đồng tuyển chọn số 1" }),
    )
    .await
    .body
    .as_i64()
    .unwrap();
    for (i, (email, _)) in members.iter().enumerate().take(6) {
        let added = officer(
            "/api/councils/add_member",
            json!({ "council_id": council, "email": email, "role": roles[i] }),
        )
        .await;
        assert_eq!(added.status, 200, "{:?}", added.body);
    }
    // Six members break the rulebook's 7–9: refused with the reason.
    let early = officer("/api/councils/constitute", json!({ "id": council })).await;
    assert_eq!(early.status, 422);
    assert_eq!(
        early.body["Invalid"]["problem"]["Composition"]["Size"]["actual"],
        6
    );
    officer(
        "/api/councils/add_member",
        json!({ "council_id": council, "email": "tv7@hd.vn", "role": "Member" }),
    )
    .await;
    let twice = officer(
        "/api/councils/add_member",
        json!({ "council_id": council, "email": "tv7@hd.vn", "role": "Member" }),
    )
    .await;
    assert_eq!(twice.body["Invalid"]["field"], "email");

    // Member 7 is on dossier B's team: flagged from the data; the officer must decide first.
    let view = officer("/api/councils/get", json!({ "id": council })).await;
    assert_eq!(view.body["dossiers"].as_array().unwrap().len(), 2);
    assert_eq!(view.body["composition_problems"], json!([]));
    let flags = view.body["conflicts"].as_array().unwrap().clone();
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0]["reason"], "OnTeam");
    assert_eq!(flags[0]["application_id"], b);
    let unresolved = officer("/api/councils/constitute", json!({ "id": council })).await;
    assert_eq!(unresolved.body["Invalid"]["field"], "conflicts");
    let no_note = officer(
        "/api/councils/decide_conflict",
        json!({ "conflict_id": flags[0]["id"], "confirm": true, "note": " " }),
    )
    .await;
    assert_eq!(no_note.body["Invalid"]["field"], "note");
    officer(
        "/api/councils/decide_conflict",
        json!({ "conflict_id": flags[0]["id"], "confirm": true, "note": "Thành viên nhóm thực hiện." }),
    )
    .await;
    assert_eq!(
        officer("/api/councils/constitute", json!({ "id": council }))
            .await
            .status,
        200
    );
    // Outsiders do not see the council.
    assert_eq!(
        w.as_researcher("/api/councils/get", json!({ "id": council }))
            .await
            .status,
        404
    );

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

    let scores_a: [[u32; 3]; 7] = [
        [12, 40, 28],
        [13, 42, 30],
        [11, 38, 27],
        [14, 45, 31],
        [10, 35, 25],
        [12, 41, 29],
        [13, 40, 30],
    ];
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
            assert_eq!(sealed.body["Invalid"]["problem"], "ScoringStillOpen");
        }
        let sent = call(i, "/api/councils/save_sheet", sheet(a, *points, true)).await;
        assert_eq!(sent.status, 200, "{:?}", sent.body);
    }
    let locked = call(0, "/api/councils/save_sheet", sheet(a, [1, 1, 1], true)).await;
    assert_eq!(locked.body["Invalid"]["problem"], "SheetLocked");
    for i in 0..6 {
        call(
            i,
            "/api/councils/certify",
            json!({ "council_id": council, "application_id": b }),
        )
        .await;
        let sent = call(i, "/api/councils/save_sheet", sheet(b, [10, 30, 20], true)).await;
        assert_eq!(sent.status, 200, "{:?}", sent.body);
    }

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
    let ids: Vec<i64> = officer("/api/councils/get", json!({ "id": council }))
        .await
        .body["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["user_id"].as_i64().unwrap())
        .collect();
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
    assert_eq!(
        call(6, "/api/councils/results", json!({ "id": council }))
            .await
            .status,
        200
    );
}
