//! A selection council's member finds on the home page what waits for them: the invitation to
//! answer while the council forms, then every dossier whose sheet they have not submitted
//! (those they are conflicted on left out), until the last is sent.

use super::{entry, ROLES};
use crate::world::World;
use serde_json::{json, Value};

#[tokio::test]
async fn a_member_finds_the_invitation_then_the_unsent_sheets_on_the_to_do_list() {
    let w = World::new().await;
    let a = w.with_valid_dossier("Hồ sơ A", None).await;
    let b = w.with_valid_dossier("Hồ sơ B", Some("tv7@hd.vn")).await;
    let members = w.with_seven_members().await;
    let officer = |path: &'static str, body: Value| w.call(&w.officer, path, body);
    let council = officer(
        "/api/councils/create",
        json!({ "call_id": w.call_id, "name": "Hội đồng tuyển chọn số 1" }),
    )
    .await
    .body
    .as_i64()
    .unwrap();
    for (i, (email, _)) in members.iter().enumerate() {
        let seat = json!({ "council_id": council, "email": email, "role": ROLES[i] });
        assert_eq!(officer("/api/councils/add_member", seat).await.status, 200);
    }
    let todos = |i: usize| w.call(&members[i].1, "/api/home/todos", json!({}));
    let waiting = json!([{ "ScoreApplications": { "count": 1, "first": council } }]);
    // Seated but not yet invited: nothing to do.
    assert_eq!(todos(0).await.body, json!([]));
    let view = officer("/api/councils/get", json!({ "id": council })).await;
    let flag = json!({ "conflict_id": view.body["conflicts"][0]["id"], "confirm": true, "note": "Thành viên nhóm thực hiện." });
    assert_eq!(
        officer("/api/councils/decide_conflict", flag).await.status,
        200
    );
    officer("/api/councils/invite", json!({ "council_id": council })).await;
    assert_eq!(todos(0).await.body, waiting);
    for (_, c) in &members {
        let yes = json!({ "council_id": council, "accept": true });
        w.call(c, "/api/councils/answer_invitation", yes).await;
    }
    // Answered, the council still forming: nothing until scoring opens.
    assert_eq!(todos(0).await.body, json!([]));
    let constituted = officer("/api/councils/constitute", json!({ "id": council })).await;
    assert_eq!(constituted.status, 200, "{:?}", constituted.body);
    assert_eq!(todos(0).await.body, waiting);
    assert_eq!(todos(6).await.body, waiting);

    let w = &w;
    let send = |i: usize, dossier: i64| {
        let c = members[i].1.clone();
        async move {
            let certify = json!({ "council_id": council, "application_id": dossier });
            w.call(&c, "/api/councils/certify", certify).await;
            let sheet = json!({ "council_id": council, "application_id": dossier, "entry": entry([12, 40, 28]), "review": "", "submit": false });
            assert_eq!(
                w.call(&c, "/api/councils/save_sheet", sheet.clone())
                    .await
                    .status,
                200
            );
            (c, sheet)
        }
    };
    // A sheet saved but not submitted is still owed.
    let (c, mut sheet) = send(6, a).await;
    assert_eq!(todos(6).await.body, waiting);
    sheet["submit"] = json!(true);
    assert_eq!(
        w.call(&c, "/api/councils/save_sheet", sheet).await.status,
        200
    );
    // Member 7 is kept off B (a confirmed conflict): A sent, nothing is owed.
    assert_eq!(todos(6).await.body, json!([]));
    // Member 1 sent A but owes B.
    let (c, mut sheet) = send(0, a).await;
    sheet["submit"] = json!(true);
    w.call(&c, "/api/councils/save_sheet", sheet).await;
    assert_eq!(todos(0).await.body, waiting);
    let (c, mut sheet) = send(0, b).await;
    sheet["submit"] = json!(true);
    w.call(&c, "/api/councils/save_sheet", sheet).await;
    assert_eq!(todos(0).await.body, json!([]));
}
