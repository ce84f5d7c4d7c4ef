//! Councils: composition and conflicts checked before scoring opens, blind sheets locked on
//! submission, conflicted members kept out, results only after the secretary closes scoring.

use crate::applications::{complete_form, world, World};
use crate::attachments::download;
use crate::helpers::PASSWORD;
use domain::roles::{Role, Scope};
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};

pub(crate) async fn valid_dossier(w: &World, title: &str, team_email: Option<&str>) -> i64 {
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
pub(crate) fn entry(points: [u32; 3]) -> Value {
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

    // Invitations: sent once flags are decided; every seat must accept before constitution.
    let waiting = officer("/api/councils/constitute", json!({ "id": council })).await;
    assert_eq!(
        waiting.body["Invalid"]["problem"]["NotAccepted"]["count"], 7,
        "{:?}",
        waiting.body
    );
    let answer = |i: usize, accept: bool| {
        w.app.call_with(
            &members[i].1,
            "/api/councils/answer_invitation",
            json!({ "council_id": council, "accept": accept }),
        )
    };
    assert_eq!(
        answer(0, true).await.body["Invalid"]["problem"],
        "NotInvited"
    );
    assert_eq!(
        w.as_researcher("/api/councils/invite", json!({ "council_id": council }))
            .await
            .status,
        403
    );
    let sent = officer("/api/councils/invite", json!({ "council_id": council })).await;
    assert_eq!(sent.body, 7, "{:?}", sent.body);
    for i in 0..7 {
        assert_eq!(answer(i, i != 4).await.status, 200);
    }
    let declined = officer("/api/councils/constitute", json!({ "id": council })).await;
    assert_eq!(
        declined.body["Invalid"]["problem"]["NotAccepted"]["count"],
        1
    );
    // Member 5 changes their mind while the council is still being formed.
    assert_eq!(answer(4, true).await.status, 200);
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

#[tokio::test]
async fn a_council_can_take_a_group_of_the_calls_dossiers() {
    let w = world().await;
    let a = valid_dossier(&w, "Hồ sơ nhóm A", None).await;
    let b = valid_dossier(&w, "Hồ sơ nhóm B", None).await;
    let code_of = |id: i64| {
        let w = &w;
        async move {
            w.as_researcher("/api/applications/get", json!({ "id": id }))
                .await
                .body["receipt_code"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let code_b = code_of(b).await;
    let create = |codes: Value| {
        w.app.call_with(
            &w.officer,
            "/api/councils/create",
            json!({ "call_id": w.call_id, "name": "Hội đồng nhóm", "receipt_codes": codes }),
        )
    };
    let unknown = create(json!(["ĐX-1999-0001"])).await;
    assert_eq!(unknown.status, 422);
    assert_eq!(unknown.body["Invalid"]["field"], "receipt_codes");
    let group = create(json!([code_b.to_lowercase()])).await;
    assert_eq!(group.status, 200, "{:?}", group.body);
    let view = w
        .app
        .call_with(&w.officer, "/api/councils/get", json!({ "id": group.body }))
        .await;
    let ids: Vec<i64> = view.body["dossiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [b]);
    // Before a council already: not available for another.
    assert_eq!(create(json!([code_b])).await.status, 422);
    let rest = create(json!(null)).await;
    let view = w
        .app
        .call_with(&w.officer, "/api/councils/get", json!({ "id": rest.body }))
        .await;
    assert_eq!(view.body["dossiers"][0]["id"], a);
}
