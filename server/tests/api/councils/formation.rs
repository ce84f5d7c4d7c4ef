//! Forming a council: officers only, the rulebook's size, conflicts flagged from the data and
//! decided with a note, every seat's acceptance before constitution.

use super::ROLES;
use crate::world::World;
use serde_json::{json, Value};

#[tokio::test]
async fn a_council_is_constituted_only_sized_with_conflicts_decided_and_every_seat_accepted() {
    let w = World::new().await;
    let _a = w.with_valid_dossier("Hồ sơ A", None).await;
    let b = w.with_valid_dossier("Hồ sơ B", Some("tv7@hd.vn")).await;
    let members = w.with_seven_members().await;
    let roles = ROLES;
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
    // The seventh added twice at once: one seat, the other refused by name (never a 500).
    let seventh = json!({ "council_id": council, "email": "tv7@hd.vn", "role": "Member" });
    let (first, second) = tokio::join!(
        officer("/api/councils/add_member", seventh.clone()),
        officer("/api/councils/add_member", seventh)
    );
    let mut statuses = [first.status, second.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 422], "{:?} {:?}", first.body, second.body);
    let twice = if first.status == 422 { first } else { second };
    assert_eq!(twice.body["Invalid"]["field"], "email");
    assert_eq!(twice.body["Invalid"]["problem"], "AlreadyOnCouncil");

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
}
