//! The scientific CV: saved incomplete with what is missing, required complete to submit,
//! frozen into the submitted version for the officer.

use crate::world::{complete_cv, World};
use serde_json::json;

#[tokio::test]
async fn a_dossier_is_submitted_only_with_a_complete_cv_which_it_keeps() {
    let w = World::new().await;
    let other = |path: &'static str, body| w.app.call_with(&w.other, path, body);

    // Anyone signed in keeps a CV; anonymous callers get 401.
    assert_eq!(
        w.app
            .call_with(&w.app.new_client(), "/api/cv/mine", json!({}))
            .await
            .status,
        401
    );
    let empty = other("/api/cv/mine", json!({})).await;
    assert_eq!(empty.status, 200);
    assert_eq!(empty.body["updated_at"], json!(null));

    // A draft of the other researcher's: the check names the CV, submission is refused.
    let id = other("/api/applications/create", json!({ "call_id": w.call_id }))
        .await
        .body
        .as_i64()
        .unwrap();
    let form = crate::world::complete_form("Hồ sơ cần lý lịch");
    assert_eq!(
        other("/api/applications/save", json!({ "id": id, "form": form }))
            .await
            .status,
        200
    );
    let view = other("/api/applications/get", json!({ "id": id })).await;
    assert_eq!(
        view.body["issues"],
        json!([{ "path": "cv", "problem": "CvIncomplete" }])
    );
    let refused = other("/api/applications/submit", json!({ "id": id })).await;
    assert_eq!(refused.status, 422);
    assert_eq!(refused.body["Invalid"]["field"], "cv");

    // An incomplete CV is saved with what is missing; a year in the future is named.
    let mut cv = complete_cv();
    cv["degrees"][0]["year"] = json!(2031);
    let saved = other("/api/cv/save", json!({ "cv": cv })).await;
    assert_eq!(saved.status, 200);
    assert_eq!(saved.body[0]["path"], "degrees.0.year");
    assert_eq!(
        other("/api/applications/submit", json!({ "id": id }))
            .await
            .status,
        422
    );
    // Too long is refused outright, and nothing changes.
    let mut long = complete_cv();
    long["specialisation"] = json!("x".repeat(30_000));
    let too_long = other("/api/cv/save", json!({ "cv": long })).await;
    assert_eq!(too_long.status, 422);
    assert_eq!(too_long.body["Invalid"]["field"], "specialisation");
    let kept = other("/api/cv/mine", json!({})).await;
    assert_eq!(kept.body["cv"]["degrees"][0]["year"], 2031);

    assert_eq!(
        other("/api/cv/save", json!({ "cv": complete_cv() }))
            .await
            .body,
        json!([])
    );
    let submitted = other("/api/applications/submit", json!({ "id": id })).await;
    assert_eq!(submitted.status, 200, "{:?}", submitted.body);

    // The officer sees the CV as submitted, even after the researcher changes it.
    let mut changed = complete_cv();
    changed["specialisation"] = json!("Công nghệ sinh học");
    other("/api/cv/save", json!({ "cv": changed })).await;
    let seen = w
        .app
        .call_with(&w.officer, "/api/applications/get", json!({ "id": id }))
        .await;
    assert_eq!(seen.body["cv"]["specialisation"], "Khoa học đất");
}
