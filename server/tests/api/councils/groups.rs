//! A council may take a group of the call's dossiers by their receipt codes.

use crate::world::World;
use serde_json::{json, Value};

#[tokio::test]
async fn a_council_can_take_a_group_of_the_calls_dossiers() {
    let w = World::new().await;
    let a = w.with_valid_dossier("Hồ sơ nhóm A", None).await;
    let b = w.with_valid_dossier("Hồ sơ nhóm B", None).await;
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
