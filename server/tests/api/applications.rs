//! Applications: the deadline to the second, who sees what, the pre-submit check, the validity
//! decision and resubmission.

use crate::world::{complete_form, t0, World};
use chrono::Duration;
use domain::application::MAX_ROWS;
use serde_json::{json, Value};

#[tokio::test]
async fn submission_holds_to_the_deadline_second() {
    let w = World::new().await;
    let a = w.draft("Hồ sơ A").await;
    let b = w.draft("Hồ sơ B").await;

    w.app.clock().set(w.closes_at - Duration::seconds(1));
    let receipt = w
        .as_researcher("/api/applications/submit", json!({ "id": a }))
        .await;
    assert_eq!(receipt.status, 200, "{:?}", receipt.body);
    assert_eq!(receipt.body["code"], "ĐX-2026-0001");
    assert_eq!(
        receipt.body["submitted_at"],
        json!(w.closes_at - Duration::seconds(1))
    );
    let twice = w
        .as_researcher("/api/applications/submit", json!({ "id": a }))
        .await;
    assert_eq!(twice.status, 422, "{:?}", twice.body);

    w.app.clock().set(w.closes_at + Duration::seconds(1));
    let late = w
        .as_researcher("/api/applications/submit", json!({ "id": b }))
        .await;
    assert_eq!(late.status, 422);
    assert!(
        late.body["Invalid"]["problem"]["Transition"]["CallClosed"].is_object(),
        "{:?}",
        late.body
    );
    let new_draft = w
        .as_researcher("/api/applications/create", json!({ "call_id": w.call_id }))
        .await;
    assert_eq!(new_draft.status, 422);
    let withdraw = w
        .as_researcher("/api/applications/withdraw", json!({ "id": a }))
        .await;
    assert_eq!(withdraw.status, 422, "withdrawal ends with the call");
}

#[tokio::test]
async fn the_pre_submit_check_refuses_incomplete_dossiers_and_changes_nothing() {
    let w = World::new().await;
    let id = w
        .as_researcher("/api/applications/create", json!({ "call_id": w.call_id }))
        .await
        .body
        .as_i64()
        .unwrap();
    let empty = w
        .as_researcher("/api/applications/submit", json!({ "id": id }))
        .await;
    assert_eq!(empty.status, 422);
    assert_eq!(empty.body["Invalid"]["field"], "title");
    let view = w
        .as_researcher("/api/applications/get", json!({ "id": id }))
        .await;
    assert!(view.body["issues"].as_array().unwrap().len() >= 10);
    assert_eq!(view.body["status"], "Draft");

    let mut broken = complete_form("Hồ sơ lệch");
    broken["budget"][1]["counterpart_dong"] = json!(1);
    w.as_researcher(
        "/api/applications/save",
        json!({ "id": id, "form": broken }),
    )
    .await;
    let r = w
        .as_researcher("/api/applications/submit", json!({ "id": id }))
        .await;
    assert_eq!(
        r.body["Invalid"]["field"], "budget.1.fund_dong",
        "{:?}",
        r.body
    );
    let view = w
        .as_researcher("/api/applications/get", json!({ "id": id }))
        .await;
    assert_eq!(view.body["status"], "Draft");
    assert_eq!(view.body["receipt_code"], Value::Null);

    let mut huge = complete_form("Quá nhiều dòng");
    huge["contents"] = json!(vec![
        json!({ "title": "x", "description": "" });
        MAX_ROWS + 1
    ]);
    let r = w
        .as_researcher("/api/applications/save", json!({ "id": id, "form": huge }))
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["Invalid"]["field"], "contents");
}

#[tokio::test]
async fn who_sees_and_decides_what() {
    let w = World::new().await;
    let id = w.draft("Ứng dụng chế phẩm sinh học").await;
    let get = json!({ "id": id });
    let anonymous = w.app.new_client();

    // A draft is its owner's alone.
    assert_eq!(
        w.app
            .call_with(&w.other, "/api/applications/get", get.clone())
            .await
            .status,
        404
    );
    assert_eq!(
        w.app
            .call_with(&w.officer, "/api/applications/get", get.clone())
            .await
            .status,
        404
    );
    assert_eq!(
        w.app
            .call_with(&anonymous, "/api/applications/get", get.clone())
            .await
            .status,
        401
    );
    let list = w
        .app
        .call_with(
            &w.officer,
            "/api/applications/list",
            json!({ "filter": { "call_id": null, "query": "" }, "page": 1 }),
        )
        .await;
    assert_eq!(list.body["total"], 0);
    let foreign_save = w
        .app
        .call_with(
            &w.other,
            "/api/applications/save",
            json!({ "id": id, "form": complete_form("Chiếm") }),
        )
        .await;
    assert_eq!(foreign_save.status, 404);
    assert_eq!(
        w.app
            .call_with(
                &w.officer,
                "/api/applications/create",
                json!({ "call_id": w.call_id })
            )
            .await
            .status,
        403
    );
    assert_eq!(
        w.app
            .call_with(&w.officer, "/api/applications/mine", json!({ "page": 1 }))
            .await
            .status,
        403
    );

    assert_eq!(
        w.as_researcher("/api/applications/submit", get.clone())
            .await
            .status,
        200
    );
    let seen = w
        .app
        .call_with(&w.officer, "/api/applications/get", get.clone())
        .await;
    assert_eq!(seen.status, 200);
    assert_eq!(seen.body["is_owner"], false);
    let list = w
        .app
        .call_with(
            &w.officer,
            "/api/applications/list",
            json!({ "filter": { "call_id": w.call_id, "query": "che pham" }, "page": 1 }),
        )
        .await;
    assert_eq!(list.body["total"], 1);
    assert_eq!(
        w.app
            .call_with(&w.other, "/api/applications/get", get.clone())
            .await
            .status,
        404
    );

    // Only officers decide, and a return needs reasons.
    let decide = |d: Value| json!({ "id": id, "decision": d });
    assert_eq!(
        w.as_researcher("/api/applications/decide", decide(json!("Valid")))
            .await
            .status,
        403
    );
    let deadline = t0() + Duration::days(3);
    let no_reason = w
        .app
        .call_with(
            &w.officer,
            "/api/applications/decide",
            decide(json!({ "Return": { "reasons": " ", "deadline": deadline } })),
        )
        .await;
    assert_eq!(no_reason.body["Invalid"]["field"], "reasons");
    let returned = w.app.call_with(&w.officer, "/api/applications/decide", decide(json!({ "Return": { "reasons": "Thiếu lý lịch khoa học của thư ký.", "deadline": deadline } }))).await;
    assert_eq!(returned.status, 200, "{:?}", returned.body);

    // Both see it on their to-do lists.
    let todos = w.as_researcher("/api/home/todos", json!({})).await;
    assert_eq!(
        todos.body,
        json!([{ "CorrectReturnedApplications": { "count": 1 } }])
    );

    // The applicant sees why, corrects after the call has closed, and resubmits in time.
    w.app.clock().set(w.closes_at + Duration::minutes(1));
    let mine = w.as_researcher("/api/applications/get", get.clone()).await;
    assert_eq!(
        mine.body["decisions"][0]["decision"]["Return"]["reasons"],
        "Thiếu lý lịch khoa học của thư ký.",
        "{:?}",
        mine.body
    );
    assert_eq!(
        w.as_researcher(
            "/api/applications/save",
            json!({ "id": id, "form": complete_form("Ứng dụng chế phẩm sinh học (bổ sung)") })
        )
        .await
        .status,
        200
    );
    let again = w
        .as_researcher("/api/applications/submit", get.clone())
        .await;
    assert_eq!(again.status, 200, "{:?}", again.body);
    assert_eq!(
        again.body["code"], "ĐX-2026-0001",
        "the receipt code is kept"
    );
    let view = w
        .app
        .call_with(&w.officer, "/api/applications/get", get.clone())
        .await;
    assert_eq!(view.body["version"], 2);

    assert_eq!(
        w.app
            .call_with(
                &w.officer,
                "/api/applications/decide",
                decide(json!("Valid"))
            )
            .await
            .status,
        200
    );
    let done = w.as_researcher("/api/applications/get", get.clone()).await;
    assert_eq!(done.body["status"], "Valid");
    let late = w
        .app
        .call_with(
            &w.officer,
            "/api/applications/decide",
            decide(json!({ "Invalid": { "reasons": "Đổi ý" } })),
        )
        .await;
    assert_eq!(late.status, 422, "a decided dossier stays decided");

    // The officer's list narrows by state; a draft or unknown state is not a filter.
    let by_status = |status: &str| {
        w.app.call_with(
            &w.officer,
            "/api/applications/list",
            json!({ "filter": { "call_id": w.call_id, "status": status, "query": "" }, "page": 1 }),
        )
    };
    assert_eq!(by_status("valid").await.body["total"], 1);
    assert_eq!(by_status("returned").await.body["total"], 0);
    for bad in ["draft", "đã nộp"] {
        let refused = by_status(bad).await;
        assert_eq!(refused.status, 422);
        assert_eq!(refused.body["Invalid"]["field"], "status");
    }
    let choices = w
        .app
        .call_with(&w.officer, "/api/calls/choices", json!({}))
        .await;
    assert_eq!(choices.body[0]["id"], w.call_id);
    assert_eq!(
        w.as_researcher("/api/calls/choices", json!({}))
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn simultaneous_submissions_get_distinct_receipts() {
    let w = World::new().await;
    let mut ids = Vec::new();
    for i in 0..8 {
        ids.push(w.draft(&format!("Hồ sơ đồng thời {i}")).await);
    }
    let calls = ids
        .iter()
        .map(|id| w.as_researcher("/api/applications/submit", json!({ "id": id })));
    let replies = futures::future::join_all(calls).await;
    let mut codes: Vec<String> = replies
        .iter()
        .map(|r| {
            assert_eq!(r.status, 200, "{:?}", r.body);
            r.body["code"].as_str().unwrap().to_string()
        })
        .collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 8, "{codes:?}");
    assert_eq!(codes[0], "ĐX-2026-0001");
    assert_eq!(codes[7], "ĐX-2026-0008");
}

#[tokio::test]
async fn team_members_with_accounts_read_but_do_not_change() {
    let w = World::new().await;
    let id = w.draft("Hồ sơ có thành viên").await;
    let mut form = complete_form("Hồ sơ có thành viên");
    form["team"][1]["email"] = json!("Khac@Vien.vn");
    let saved = w
        .as_researcher("/api/applications/save", json!({ "id": id, "form": form }))
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.body);
    let other = |path: &'static str, body: Value| w.app.call_with(&w.other, path, body);

    let seen = other("/api/applications/get", json!({ "id": id })).await;
    assert_eq!(seen.status, 200, "{:?}", seen.body);
    assert_eq!(seen.body["is_owner"], false);
    let mine = other("/api/applications/mine", json!({ "page": 1 })).await;
    assert_eq!(mine.body["total"], 1);
    assert_eq!(mine.body["items"][0]["read_only"], true);
    let theirs = w
        .as_researcher("/api/applications/mine", json!({ "page": 1 }))
        .await;
    assert_eq!(theirs.body["items"][0]["read_only"], false);
    // Reading is all: no save, no submit, no withdrawal.
    for path in ["/api/applications/submit", "/api/applications/withdraw"] {
        assert_eq!(other(path, json!({ "id": id })).await.status, 404, "{path}");
    }
    assert_eq!(
        other(
            "/api/applications/save",
            json!({ "id": id, "form": form.clone() })
        )
        .await
        .status,
        404
    );

    // Taken off the team, they lose access; a malformed e-mail is flagged at its row.
    form["team"][1]["email"] = json!("khac at vien");
    w.as_researcher("/api/applications/save", json!({ "id": id, "form": form }))
        .await;
    assert_eq!(
        other("/api/applications/get", json!({ "id": id }))
            .await
            .status,
        404
    );
    let view = w
        .as_researcher("/api/applications/get", json!({ "id": id }))
        .await;
    assert_eq!(view.body["issues"][0]["path"], "team.1.email");
}

/// Text longer than its column is refused at its field, on PostgreSQL as on SQLite; never a 500.
#[tokio::test]
async fn text_longer_than_its_column_is_refused_at_its_field() {
    let w = World::new().await;
    let id = w.draft("Hồ sơ").await;
    let form = complete_form(&"Đ".repeat(301));
    let saved = w
        .as_researcher("/api/applications/save", json!({ "id": id, "form": form }))
        .await;
    assert_eq!(saved.status, 422, "{:?}", saved.body);
    assert_eq!(saved.body["Invalid"]["field"], "title");
    assert_eq!(
        saved.body["Invalid"]["problem"]["Form"]["TooLong"]["max_chars"],
        300
    );
    let mut form = complete_form("Hồ sơ");
    form["team"][0]["name"] = json!("N".repeat(201));
    let saved = w
        .as_researcher("/api/applications/save", json!({ "id": id, "form": form }))
        .await;
    assert_eq!(
        saved.body["Invalid"]["field"], "team.0.name",
        "{:?}",
        saved.body
    );
}
