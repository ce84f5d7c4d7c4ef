//! Eligibility at submission (`domain::eligibility`): a leader whose task failed does not lead
//! a new one for the rulebook's years, told until when; nothing is saved half-way.

#[allow(clippy::wildcard_imports, reason = "the scenario's stages and helpers")]
use super::*;

#[tokio::test]
async fn a_leader_whose_task_failed_is_refused_a_new_one_until_the_bar_ends() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, false).await;
    // Before the verdict the same leader may submit another dossier.
    let before = w.draft("Nhiệm vụ thứ hai").await;
    let sent = w
        .as_researcher("/api/applications/submit", json!({ "id": before }))
        .await;
    assert_eq!(sent.status, 200, "{:?}", sent.body);
    w.with_verdict(&t, true).await;
    let after = w.draft("Nhiệm vụ thứ ba").await;
    let refused = w
        .as_researcher("/api/applications/submit", json!({ "id": after }))
        .await;
    assert_eq!(refused.status, 422, "{:?}", refused.body);
    assert_eq!(refused.body["Invalid"]["field"], "eligibility");
    let until = &refused.body["Invalid"]["problem"]["Ineligible"]["RecentFailure"]["until"];
    let until: chrono::DateTime<chrono::Utc> = serde_json::from_value(until.clone()).unwrap();
    assert_eq!(
        until,
        t0() + Duration::days(730),
        "two years from the verdict"
    );
    // Still a draft: nothing half-way.
    let seen = w
        .as_researcher("/api/applications/get", json!({ "id": after }))
        .await;
    assert_eq!(seen.body["status"], "Draft", "{:?}", seen.body["status"]);
    // Another researcher is not concerned.
    let id = w
        .app
        .call_with(
            &w.other,
            "/api/applications/create",
            json!({ "call_id": w.call_id }),
        )
        .await;
    assert_eq!(id.status, 200);
}
