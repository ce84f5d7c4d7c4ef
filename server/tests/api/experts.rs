//! The expert database: officers alone keep it; entries come by hand or from a researcher's CV;
//! search ignores diacritics; each entry shows the councils its person sat on.

use crate::world::World;
use domain::roles::{Role, Scope};
use serde_json::json;

#[tokio::test]
async fn officers_keep_the_expert_database_and_see_council_history() {
    let w = World::new().await;
    let officer =
        |path: &'static str, body: serde_json::Value| w.app.call_with(&w.officer, path, body);
    w.app
        .user("chuyengia@vien.vn", &[(Role::CouncilMember, Scope::Global)])
        .await;

    // Nothing but officers.
    for path in [
        "/api/experts/list",
        "/api/experts/save",
        "/api/experts/from_researcher",
    ] {
        let r = w
            .as_researcher(
                path,
                json!({ "query": "", "page": 1, "id": null, "form": {}, "email": "x@y.vn" }),
            )
            .await;
        assert_eq!(r.status, 403, "{path}: {:?}", r.body);
    }

    // Checked as typed: a field of expertise is required, nothing is saved otherwise.
    let form = |fields: Vec<&str>| {
        json!({ "name": "  Lê  Thị Hoa ", "email": "ChuyenGia@vien.vn", "organisation": "Viện Nông nghiệp",
                "fields": fields, "degree": "Tiến sĩ", "note": "" })
    };
    let missing = officer(
        "/api/experts/save",
        json!({ "id": null, "form": form(vec![" "]) }),
    )
    .await;
    assert_eq!(missing.status, 422);
    assert_eq!(missing.body["Invalid"]["field"], "fields");
    // Longer than its column: refused as typed on PostgreSQL as on SQLite, never a 500.
    let mut long = form(vec!["Vi sinh"]);
    long["degree"] = json!("T".repeat(101));
    let refused = officer("/api/experts/save", json!({ "id": null, "form": long })).await;
    assert_eq!(refused.status, 422, "{:?}", refused.body);
    let id = officer(
        "/api/experts/save",
        json!({ "id": null, "form": form(vec!["Bảo vệ thực vật", "Vi sinh"]) }),
    )
    .await;
    assert_eq!(id.status, 200, "{:?}", id.body);

    // From a researcher's CV; once only per account.
    let from_cv = officer(
        "/api/experts/from_researcher",
        json!({ "email": "nkh@vien.vn" }),
    )
    .await;
    assert_eq!(from_cv.status, 200, "{:?}", from_cv.body);
    let again = officer(
        "/api/experts/from_researcher",
        json!({ "email": "nkh@vien.vn" }),
    )
    .await;
    assert_eq!(again.body["Invalid"]["problem"], "AlreadyExpert");
    let no_cv = officer(
        "/api/experts/from_researcher",
        json!({ "email": "khac@vien.vn" }),
    )
    .await;
    assert_eq!(no_cv.body["Invalid"]["problem"], "NoCv");

    // Search without diacritics; the account linked by e-mail.
    let found = officer(
        "/api/experts/list",
        json!({ "query": "bao ve thuc vat", "page": 1 }),
    )
    .await;
    assert_eq!(found.body["total"], 1, "{:?}", found.body);
    let row = &found.body["items"][0];
    assert_eq!(row["form"]["name"], "Lê Thị Hoa");
    assert_eq!(row["form"]["email"], "chuyengia@vien.vn");
    assert_eq!(row["has_account"], true);
    assert_eq!(row["council_count"], 0);
    let all = officer("/api/experts/list", json!({ "query": "", "page": 1 })).await;
    assert_eq!(all.body["total"], 2);

    // Seated on a council: the history shows it.
    let council = officer(
        "/api/councils/create",
        json!({ "call_id": w.call_id, "name": "Hội đồng thử" }),
    )
    .await
    .body
    .as_i64()
    .unwrap();
    let seated = officer(
        "/api/councils/add_member",
        json!({ "council_id": council, "email": "chuyengia@vien.vn", "role": "Member" }),
    )
    .await;
    assert_eq!(seated.status, 200, "{:?}", seated.body);
    let found = officer("/api/experts/list", json!({ "query": "Hoa", "page": 1 })).await;
    assert_eq!(found.body["items"][0]["council_count"], 1);
    assert_eq!(found.body["items"][0]["councils"], json!(["Hội đồng thử"]));

    // Corrected in place.
    let fixed = officer(
        "/api/experts/save",
        json!({ "id": id.body, "form": form(vec!["Bảo vệ thực vật"]) }),
    )
    .await;
    assert_eq!(fixed.status, 200, "{:?}", fixed.body);
    let found = officer(
        "/api/experts/list",
        json!({ "query": "vi sinh", "page": 1 }),
    )
    .await;
    assert_eq!(found.body["total"], 0);
}
