//! Calls: who may do what, publication, the rules of a published call, search.

use crate::helpers::{TestApp, PASSWORD};
use chrono::{Duration, Utc};
use domain::roles::{Role, Scope};
use serde_json::{json, Value};

fn form(title: &str, days_open: i64) -> Value {
    let now = Utc::now();
    json!({
        "title": title,
        "summary": "Nhiệm vụ phục vụ phát triển kinh tế – xã hội của tỉnh.",
        "level": "Provincial",
        "formation": "OrderOpenSelection",
        "fields": ["Khoa học nông nghiệp"],
        "priority_areas": ["HighTechAgricultureForestry"],
        "opens_at": (now - Duration::hours(1)).to_rfc3339(),
        "closes_at": (now + Duration::days(days_open)).to_rfc3339(),
        "budget_envelope_dong": 5_000_000_000i64,
        "required_documents": ["Thuyết minh nhiệm vụ"],
    })
}

/// One account per role, each signed in with its own client; index 0 is the officer.
async fn people(app: &TestApp) -> Vec<(Role, reqwest::Client)> {
    let mut out = Vec::new();
    let org = app.db_org("Trường Đại học Hồng Đức").await;
    for role in [
        Role::Officer,
        Role::Researcher,
        Role::HostOrganisation,
        Role::CouncilMember,
        Role::Leader,
        Role::FundAccountant,
        Role::FundDirector,
        Role::Admin,
    ] {
        let scope = if role == Role::HostOrganisation {
            Scope::Organisation(org.into())
        } else {
            Scope::Global
        };
        let email = format!("{}@sokhcn.vn", role.code());
        app.user(&email, &[(role, scope)]).await;
        let client = app.new_client();
        assert_eq!(app.login_with(&client, &email, PASSWORD).await.status, 200);
        out.push((role, client));
    }
    out
}

#[tokio::test]
async fn only_officers_manage_calls_and_drafts_stay_hidden() {
    let app = TestApp::spawn().await;
    let people = people(&app).await;
    let officer = &people[0].1;
    let created = app
        .call_with(
            officer,
            "/api/calls/create",
            json!({ "form": form("Đợt thử", 30) }),
        )
        .await;
    assert_eq!(created.status, 200, "{:?}", created.body);
    let id = created.body.as_i64().unwrap();

    let anonymous = app.new_client();
    let writes = [
        ("/api/calls/list", json!({ "query": "", "page": 1 })),
        ("/api/calls/create", json!({ "form": form("Khác", 30) })),
        (
            "/api/calls/update",
            json!({ "id": id, "form": form("Đổi tên", 30) }),
        ),
        ("/api/calls/publish", json!({ "id": id })),
    ];
    for (path, body) in &writes {
        assert_eq!(
            app.call_with(&anonymous, path, body.clone()).await.status,
            401,
            "{path}"
        );
        for (role, client) in &people[1..] {
            let r = app.call_with(client, path, body.clone()).await;
            assert_eq!(r.status, 403, "{role} {path}: {:?}", r.body);
        }
    }
    // A draft is invisible to everyone but officers: 404, as if it did not exist.
    assert_eq!(
        app.call_with(&anonymous, "/api/calls/get", json!({ "id": id }))
            .await
            .status,
        404
    );
    for (role, client) in &people[1..] {
        assert_eq!(
            app.call_with(client, "/api/calls/get", json!({ "id": id }))
                .await
                .status,
            404,
            "{role}"
        );
    }
    let draft = app
        .call_with(officer, "/api/calls/get", json!({ "id": id }))
        .await;
    assert_eq!(draft.body["status"], "Draft");
    assert_eq!(draft.body["editable"], true);

    assert_eq!(
        app.call_with(officer, "/api/calls/publish", json!({ "id": id }))
            .await
            .status,
        200
    );
    for (role, client) in people
        .iter()
        .skip(1)
        .chain([(Role::Admin, anonymous)].iter())
    {
        let r = app
            .call_with(client, "/api/calls/get", json!({ "id": id }))
            .await;
        assert_eq!(r.status, 200, "{role}");
        assert_eq!(r.body["editable"], false);
    }
    // Nothing the refused calls tried was stored.
    let list = app
        .call_with(
            officer,
            "/api/calls/list",
            json!({ "query": "", "page": 1 }),
        )
        .await;
    assert_eq!(list.body["total"], 1);
    assert_eq!(list.body["items"][0]["title"], "Đợt thử");
}

#[tokio::test]
async fn publication_checks_the_call_and_pins_the_rulebook() {
    let app = TestApp::spawn().await;
    app.user("cv@sokhcn.vn", &[(Role::Officer, Scope::Global)])
        .await;
    assert_eq!(app.login("cv@sokhcn.vn").await.status, 200);

    let mut incomplete = form("Đợt thiếu hồ sơ", 30);
    incomplete["required_documents"] = json!(["  "]);
    let id = app
        .call("/api/calls/create", json!({ "form": incomplete }))
        .await
        .body
        .as_i64()
        .unwrap();
    let view = app.call("/api/calls/get", json!({ "id": id })).await;
    assert_eq!(
        view.body["publication_issues"][0]["path"],
        "required_documents"
    );
    let refused = app.call("/api/calls/publish", json!({ "id": id })).await;
    assert_eq!(refused.status, 422);
    assert_eq!(refused.body["Invalid"]["field"], "required_documents");

    let backwards = {
        let mut f = form("Đợt ngược", 30);
        f["closes_at"] = f["opens_at"].clone();
        app.call("/api/calls/create", json!({ "form": f })).await
    };
    assert_eq!(backwards.status, 422);
    assert_eq!(backwards.body["Invalid"]["field"], "closes_at");

    // Fields of science come from the classification (docs/portal.md): a name it does not
    // have is refused at `fields`; one written with other spacing or case is kept as it writes it.
    let loose = {
        let mut f = form("Đợt lĩnh vực tự do", 30);
        f["fields"] = json!(["Nông nghiệp"]);
        app.call("/api/calls/create", json!({ "form": f })).await
    };
    assert_eq!(loose.status, 422);
    assert_eq!(loose.body["Invalid"]["field"], "fields");
    assert_eq!(loose.body["Invalid"]["problem"]["Form"], "NotInCatalogue");
    let spaced = {
        let mut f = form("Đợt lĩnh vực viết khác", 30);
        f["fields"] = json!(["  trồng   trọt", "Khoa học y, dược", "Trồng trọt"]);
        app.call("/api/calls/create", json!({ "form": f })).await
    };
    assert_eq!(spaced.status, 200, "{:?}", spaced.body);
    let kept = app
        .call("/api/calls/get", json!({ "id": spaced.body }))
        .await;
    assert_eq!(
        kept.body["form"]["fields"],
        json!(["Trồng trọt", "Khoa học y, dược"])
    );

    let full = form("Đợt đầy đủ", 30);
    assert_eq!(
        app.call("/api/calls/update", json!({ "id": id, "form": full }))
            .await
            .status,
        200
    );
    assert_eq!(
        app.call("/api/calls/publish", json!({ "id": id }))
            .await
            .status,
        200
    );
    let view = app.call("/api/calls/get", json!({ "id": id })).await;
    assert_eq!(view.body["status"], "Published");
    assert_eq!(view.body["rulebook_version"], 1);
    assert!(view.body["code"].as_str().unwrap().starts_with("ĐỢT-"));
    let again = app.call("/api/calls/publish", json!({ "id": id })).await;
    assert_eq!(again.body["Invalid"]["problem"], "AlreadyPublished");

    // Open now, so it is on the public list.
    let open = app
        .call_with(
            &app.new_client(),
            "/api/public/open_calls",
            json!({ "page": 1 }),
        )
        .await;
    assert_eq!(open.body["total"], 1);
    assert_eq!(open.body["items"][0]["title"], "Đợt đầy đủ");

    // Its rules are fixed; wording and a later deadline are not.
    let mut formation = full.clone();
    formation["formation"] = json!("Grant");
    let r = app
        .call("/api/calls/update", json!({ "id": id, "form": formation }))
        .await;
    assert_eq!(r.body["Invalid"]["problem"], "PublishedCallRulesFixed");
    let mut shorter = full.clone();
    shorter["closes_at"] = json!((Utc::now() + Duration::days(3)).to_rfc3339());
    let r = app
        .call("/api/calls/update", json!({ "id": id, "form": shorter }))
        .await;
    assert_eq!(r.body["Invalid"]["problem"], "PublishedCallRulesFixed");
    let mut longer = full.clone();
    longer["closes_at"] = json!((Utc::now() + Duration::days(45)).to_rfc3339());
    longer["summary"] = json!("Sửa lời văn.");
    assert_eq!(
        app.call("/api/calls/update", json!({ "id": id, "form": longer }))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn search_ignores_diacritics_and_ranks_exact_matches_first() {
    let app = TestApp::spawn().await;
    app.user("cv@sokhcn.vn", &[(Role::Officer, Scope::Global)])
        .await;
    assert_eq!(app.login("cv@sokhcn.vn").await.status, 200);
    for title in [
        "Đường giao thông nông thôn",
        "Rừng dương ven biển",
        "Cà phê đặc sản",
    ] {
        assert_eq!(
            app.call("/api/calls/create", json!({ "form": form(title, 30) }))
                .await
                .status,
            200
        );
    }
    let titles = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["title"].as_str().unwrap().to_string())
            .collect()
    };
    let r = app
        .call("/api/calls/list", json!({ "query": "dương", "page": 1 }))
        .await;
    assert_eq!(
        titles(&r.body),
        vec!["Rừng dương ven biển", "Đường giao thông nông thôn"]
    );
    let r = app
        .call("/api/calls/list", json!({ "query": "đường", "page": 1 }))
        .await;
    assert_eq!(
        titles(&r.body),
        vec!["Đường giao thông nông thôn", "Rừng dương ven biển"]
    );
    let r = app
        .call("/api/calls/list", json!({ "query": "CA PHE", "page": 1 }))
        .await;
    assert_eq!(titles(&r.body), vec!["Cà phê đặc sản"]);
    let r = app
        .call("/api/calls/list", json!({ "query": "100%", "page": 1 }))
        .await;
    assert_eq!(r.body["total"], 0);
}

/// A direct assignment goes to one host organisation: publishing it names one, its
/// researchers apply, anyone else is refused by name (and the officer may find the host).
#[tokio::test]
async fn a_direct_assignment_is_answered_by_the_designated_host_s_researchers_only() {
    use app::db::entities::user;
    use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};
    let w = crate::world::World::new().await;
    let org = w.app.db_org("Viện Cây ăn quả miền Trung").await;
    user::Entity::update_many()
        .col_expr(user::Column::OrganisationId, Expr::value(Some(org)))
        .filter(user::Column::Email.eq("nkh@vien.vn"))
        .exec(&w.app.db)
        .await
        .unwrap();
    let found = w
        .call(
            &w.officer,
            "/api/admin/organisations/list",
            json!({ "query": "cây ăn quả", "page": 1 }),
        )
        .await;
    assert_eq!(found.body["items"][0]["id"], org, "{:?}", found.body);
    let t0 = crate::world::t0();
    let mut form = json!({
        "title": "Giao trực tiếp: giống bưởi", "summary": "Đặt hàng", "level": "Provincial",
        "formation": "OrderDirectAssignment", "fields": ["Khoa học nông nghiệp"], "priority_areas": [],
        "opens_at": (t0 - Duration::hours(1)).to_rfc3339(), "closes_at": (t0 + Duration::hours(1)).to_rfc3339(),
        "budget_envelope_dong": 1_000_000_000i64, "required_documents": ["Thuyết minh"],
    });
    let id = w
        .call(
            &w.officer,
            "/api/calls/create",
            json!({ "form": form.clone() }),
        )
        .await;
    let id = id.body.as_i64().unwrap();
    let unnamed = w
        .call(&w.officer, "/api/calls/publish", json!({ "id": id }))
        .await;
    assert!(
        unnamed
            .body
            .to_string()
            .contains("designated_organisation_id"),
        "{:?}",
        unnamed.body
    );
    form["designated_organisation_id"] = json!(org);
    let saved = w
        .call(
            &w.officer,
            "/api/calls/update",
            json!({ "id": id, "form": form }),
        )
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.body);
    assert_eq!(
        w.call(&w.officer, "/api/calls/publish", json!({ "id": id }))
            .await
            .status,
        200
    );
    let shown = w.as_researcher("/api/calls/get", json!({ "id": id })).await;
    assert_eq!(
        shown.body["designated_organisation"],
        "Viện Cây ăn quả miền Trung"
    );
    // Someone else: refused by name, nothing made.
    let other = w
        .call(
            &w.other,
            "/api/applications/create",
            json!({ "call_id": id }),
        )
        .await;
    assert_eq!(other.status, 422, "{:?}", other.body);
    assert_eq!(other.body["Invalid"]["problem"], "NotDesignatedHost");
    assert_eq!(other.body["Invalid"]["field"], "call_id");
    // The host's researcher applies and submits.
    let mine = w
        .as_researcher("/api/applications/create", json!({ "call_id": id }))
        .await;
    assert_eq!(mine.status, 200, "{:?}", mine.body);
    let a = mine.body.as_i64().unwrap();
    let body = json!({ "id": a, "form": crate::world::complete_form("Giống bưởi") });
    assert_eq!(
        w.as_researcher("/api/applications/save", body).await.status,
        200
    );
    let sent = w
        .as_researcher("/api/applications/submit", json!({ "id": a }))
        .await;
    assert_eq!(sent.status, 200, "{:?}", sent.body);
}

/// Officers creating calls in the same instant each get a call and a number of their own:
/// the loser of a race for the (year, sequence) index tries again instead of answering 500.
#[tokio::test]
async fn officers_creating_calls_at_once_each_get_their_own_number() {
    let app = TestApp::spawn().await;
    let people = people(&app).await;
    let officer = &people[0].1;
    let calls = (0..6).map(|i| {
        let body = json!({ "form": form(&format!("Đợt song song {i}"), 30) });
        app.call_with(officer, "/api/calls/create", body)
    });
    let replies = futures::future::join_all(calls).await;
    let mut codes = Vec::new();
    for r in &replies {
        assert_eq!(r.status, 200, "{:?}", r.body);
        let id = r.body.clone();
        let view = app
            .call_with(officer, "/api/calls/get", json!({ "id": id }))
            .await;
        codes.push(view.body["code"].as_str().unwrap().to_string());
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 6, "{codes:?}");
}
