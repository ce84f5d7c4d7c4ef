//! Revising a dossier to the selection council's conclusions before appraisal (hoàn thiện hồ
//! sơ): requested once by the officer on a dossier a closed council passed, revised by its
//! researcher only, kept as a new version, and appraisal waits for it.

use crate::world::{complete_form, problem, World};
use serde_json::json;

#[tokio::test]
async fn appraisal_waits_for_the_revision_the_council_asked_for() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let unpassed = w.with_valid_dossier("Chưa qua hội đồng", None).await;
    let a = w.with_valid_dossier("Hồ sơ được tài trợ", None).await;
    let b = w.with_valid_dossier("Hồ sơ thứ hai", None).await;
    w.pass_all(&[a, b]).await;
    let ask = |id: i64, text: &str| json!({ "application_id": id, "requests": text });
    let early = w
        .call(
            &w.officer,
            "/api/applications/request_revision",
            ask(unpassed, "x"),
        )
        .await;
    assert_eq!(problem(&early), &json!("NotRecommended"));
    let by_researcher = w
        .as_researcher("/api/applications/request_revision", ask(a, "x"))
        .await;
    assert_eq!(
        (by_researcher.status, by_researcher.body),
        (403, json!("Forbidden"))
    );
    let blank = w
        .call(
            &w.officer,
            "/api/applications/request_revision",
            ask(a, " "),
        )
        .await;
    assert_eq!(blank.body["Invalid"]["field"], "requests");
    let requests = "Làm rõ phương pháp lấy mẫu; đổi tên nhiệm vụ cho sát nội dung.";
    let asked = w
        .call(
            &w.officer,
            "/api/applications/request_revision",
            ask(a, requests),
        )
        .await;
    assert_eq!(asked.status, 200, "{:?}", asked.body);
    let twice = w
        .call(
            &w.officer,
            "/api/applications/request_revision",
            ask(a, requests),
        )
        .await;
    assert_eq!(problem(&twice)["Revision"], "AlreadyRequested");
    let appraise = json!({ "application_id": a, "changes": [] });
    let waiting = w
        .call(&w.officer, "/api/tasks/appraise", appraise.clone())
        .await;
    assert_eq!(problem(&waiting)["Revision"], "Pending");

    // The researcher revises and sends; nobody else can.
    let seen = w
        .as_researcher("/api/applications/get", json!({ "id": a }))
        .await;
    assert_eq!(seen.body["revision"]["requests"], requests);
    assert_eq!(seen.body["revision"]["state"], "Requested");
    let revised = json!({ "id": a, "form": complete_form("Hồ sơ được tài trợ, đã hoàn thiện") });
    let saved = w
        .as_researcher("/api/applications/save", revised.clone())
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.body);
    let other = w
        .call(
            &w.other,
            "/api/applications/submit_revision",
            json!({ "id": a }),
        )
        .await;
    assert_eq!((other.status, other.body), (404, json!("NotFound")));
    let sent = w
        .as_researcher("/api/applications/submit_revision", json!({ "id": a }))
        .await;
    assert_eq!(sent.status, 200, "{:?}", sent.body);
    let again = w
        .as_researcher("/api/applications/submit_revision", json!({ "id": a }))
        .await;
    assert_eq!(problem(&again)["Revision"], "NotRequested");
    let late = w.as_researcher("/api/applications/save", revised).await;
    assert_eq!(late.status, 422, "no more changes once sent");

    // The officer sees what changed against the version the council reviewed.
    let versions = w
        .call(&w.officer, "/api/applications/versions", json!({ "id": a }))
        .await;
    assert_eq!(versions.body[0]["version"], sent.body);
    let changes = versions.body[0]["changes"].to_string();
    assert!(changes.contains("đã hoàn thiện"), "{changes}");
    let view = w
        .call(&w.officer, "/api/applications/get", json!({ "id": a }))
        .await;
    assert_eq!(view.body["revision"]["state"], "Revised");
    assert_eq!(view.body["can_request_revision"], false);
    w.with_approved_task(&f, a).await;

    // Two officers at once: one records the requests, the other is told so; never a 500.
    let (x, y) = futures::join!(
        w.call(
            &w.officer,
            "/api/applications/request_revision",
            ask(b, requests)
        ),
        w.call(
            &w.officer,
            "/api/applications/request_revision",
            ask(b, requests)
        ),
    );
    let mut statuses = [x.status, y.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 422], "{:?} {:?}", x.body, y.body);
}
