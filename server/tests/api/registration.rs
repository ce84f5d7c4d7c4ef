//! An organisation registers itself by its tax code and the department decides; staff ask to
//! join it and its representative decides (docs/registration.md). Nobody decides their own
//! request, each is decided once, and nothing an unapproved organisation does reaches anyone.

use domain::roles::{Role, Scope};
use sea_orm::EntityTrait;
use serde_json::{json, Value};

use crate::helpers::{TestApp, PASSWORD};

fn application(tax_code: &str, name: &str) -> Value {
    json!({ "application": {
        "tax_code": tax_code, "name": name, "short_name": "",
        "address": "12 Lê Lợi, Huế", "representative_title": "Giám đốc", "phone": "0234 3822 123",
    }})
}

async fn signed_in(app: &TestApp, email: &str, grants: &[(Role, Scope)]) -> (i32, reqwest::Client) {
    let id = app.user(email, grants).await;
    let c = app.new_client();
    assert_eq!(app.login_with(&c, email, PASSWORD).await.status, 200);
    (id, c)
}

async fn kinds_of(app: &TestApp, user: i32) -> Vec<String> {
    app::db::entities::notification::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.user_id == user)
        .map(|n| n.kind)
        .collect()
}

#[tokio::test]
async fn an_organisation_is_recognised_by_the_department_and_its_staff_by_its_representative() {
    let app = TestApp::spawn().await;
    let researcher = [(Role::Researcher, Scope::Global)];
    let (founder_id, founder) = signed_in(&app, "giamdoc@cnsh.vn", &researcher).await;
    let (officer_id, officer) =
        signed_in(&app, "cv@sokhcn.vn", &[(Role::Officer, Scope::Global)]).await;
    let (_, rival) = signed_in(&app, "khac@cnsh.vn", &researcher).await;

    // The tax code's check digit, and every required detail, at its field.
    for (body, field) in [
        (application("0300588568", "Công ty CNSH"), "tax_code"),
        (application("", "Công ty CNSH"), "tax_code"),
        (application("0300588569", " "), "name"),
    ] {
        let r = app
            .call_with(&founder, "/api/registration/organisations/request", body)
            .await;
        assert_eq!(r.status, 422, "{:?}", r.body);
        assert_eq!(r.body["Invalid"]["field"], field, "{:?}", r.body);
    }
    let asked = app
        .call_with(
            &founder,
            "/api/registration/organisations/request",
            application("0300588569", "Công ty CNSH"),
        )
        .await;
    assert_eq!(asked.status, 200, "{:?}", asked.body);
    let request = asked.body.as_i64().unwrap();
    // One open request a person, one tax code an organisation.
    let twice = app
        .call_with(
            &founder,
            "/api/registration/organisations/request",
            application("0101248141", "Công ty B"),
        )
        .await;
    assert_eq!(
        twice.body["Invalid"]["problem"],
        json!("RequestPending"),
        "{:?}",
        twice.body
    );
    let same = app
        .call_with(
            &rival,
            "/api/registration/organisations/request",
            application("0300588569", "Công ty C"),
        )
        .await;
    assert_eq!(
        same.body["Invalid"]["problem"],
        json!("TaxCodeTaken"),
        "{:?}",
        same.body
    );

    // Unapproved, the founder represents nothing: no dossier reaches them to confirm.
    let queue = app
        .call_with(
            &founder,
            "/api/applications/host_queue",
            json!({ "page": 1 }),
        )
        .await;
    assert_eq!(queue.status, 403, "{:?}", queue.body);
    assert_eq!(kinds_of(&app, officer_id).await, ["request_to_decide"]);

    let listed = app
        .call_with(
            &officer,
            "/api/registration/organisations/list",
            json!({ "state": "Pending", "page": 1 }),
        )
        .await;
    assert_eq!(listed.body["total"], 1, "{:?}", listed.body);
    assert_eq!(
        listed.body["items"][0]["representative_email"],
        "giamdoc@cnsh.vn"
    );
    let decide = |verdict: Value| {
        app.call_with(
            &officer,
            "/api/registration/organisations/decide",
            json!({ "id": request, "verdict": verdict }),
        )
    };
    let no_reason = decide(json!({ "Refuse": { "reason": "  " } })).await;
    assert_eq!(
        (no_reason.status, &no_reason.body["Invalid"]["field"]),
        (422, &json!("reason"))
    );
    let by_founder = app
        .call_with(
            &founder,
            "/api/registration/organisations/decide",
            json!({ "id": request, "verdict": "Approve" }),
        )
        .await;
    assert_eq!(by_founder.status, 403);
    assert_eq!(decide(json!("Approve")).await.status, 200);
    let again = decide(json!("Approve")).await;
    assert_eq!(
        again.body["Invalid"]["problem"],
        json!({ "Decide": "NotPending" })
    );

    let org = app::db::entities::organisation::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.tax_code.as_deref() == Some("0300588569"))
        .expect("the organisation is created");
    assert_eq!(org.name, "Công ty CNSH");
    let founder_row = app::db::entities::user::Entity::find_by_id(founder_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(founder_row.organisation_id, Some(org.id));
    assert_eq!(kinds_of(&app, founder_id).await, ["request_decided"]);
    // Signed in again, the founder is its representative.
    assert_eq!(
        app.login_with(&founder, "giamdoc@cnsh.vn", PASSWORD)
            .await
            .status,
        200
    );
    let queue = app
        .call_with(
            &founder,
            "/api/applications/host_queue",
            json!({ "page": 1 }),
        )
        .await;
    assert_eq!(queue.status, 200, "{:?}", queue.body);

    // Staff ask to join; another organisation's representative may not decide; its own does.
    let (staff_id, staff) = signed_in(&app, "nhanvien@cnsh.vn", &researcher).await;
    let found = app
        .call_with(
            &staff,
            "/api/registration/members/find",
            json!({ "query": "cnsh" }),
        )
        .await;
    assert_eq!(found.body[0]["id"], org.id, "{:?}", found.body);
    let join = app
        .call_with(
            &staff,
            "/api/registration/members/request",
            json!({ "organisation_id": org.id }),
        )
        .await;
    assert_eq!(join.status, 200, "{:?}", join.body);
    let join = join.body.as_i64().unwrap();
    let elsewhere = app.db_org("Viện khác").await;
    let (_, other_rep) = signed_in(
        &app,
        "daidien@vienkhac.vn",
        &[(
            Role::HostOrganisation,
            Scope::Organisation(elsewhere.into()),
        )],
    )
    .await;
    let theirs = app
        .call_with(
            &other_rep,
            "/api/registration/members/list",
            json!({ "state": "Pending", "page": 1 }),
        )
        .await;
    assert_eq!(theirs.body["total"], 0, "{:?}", theirs.body);
    let refused = app
        .call_with(
            &other_rep,
            "/api/registration/members/decide",
            json!({ "id": join, "verdict": "Approve" }),
        )
        .await;
    assert_eq!(refused.status, 403);
    let mine = app
        .call_with(
            &founder,
            "/api/registration/members/list",
            json!({ "state": "Pending", "page": 1 }),
        )
        .await;
    assert_eq!(
        mine.body["items"][0]["email"], "nhanvien@cnsh.vn",
        "{:?}",
        mine.body
    );
    let approved = app
        .call_with(
            &founder,
            "/api/registration/members/decide",
            json!({ "id": join, "verdict": "Approve" }),
        )
        .await;
    assert_eq!(approved.status, 200, "{:?}", approved.body);
    let staff_row = app::db::entities::user::Entity::find_by_id(staff_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(staff_row.organisation_id, Some(org.id));
    let more = app
        .call_with(
            &staff,
            "/api/registration/members/request",
            json!({ "organisation_id": elsewhere }),
        )
        .await;
    assert_eq!(
        more.body["Invalid"]["problem"],
        json!("AlreadyInOrganisation"),
        "{:?}",
        more.body
    );
    let standing = app
        .call_with(&staff, "/api/registration/mine", json!({}))
        .await;
    assert_eq!(
        standing.body["organisation"], "Công ty CNSH",
        "{:?}",
        standing.body
    );
    assert_eq!(standing.body["membership_request"]["state"], "Approved");
}

#[tokio::test]
async fn a_researcher_registers_as_an_expert_from_their_cv_and_the_department_accepts() {
    let w = crate::world::World::new().await;
    let app = &w.app;
    let apply = json!({ "fields": [], "keywords": "đất phèn; cải tạo đất" });
    // Without a scientific CV there is nothing to draw the entry from.
    let no_cv = app
        .call_with(&w.other, "/api/experts/apply", apply.clone())
        .await;
    assert_eq!(
        no_cv.body["Invalid"]["problem"],
        json!("NoCv"),
        "{:?}",
        no_cv.body
    );
    let applied = w.as_researcher("/api/experts/apply", apply.clone()).await;
    assert_eq!(applied.status, 200, "{:?}", applied.body);
    let id = applied.body.as_i64().unwrap();
    let twice = w.as_researcher("/api/experts/apply", apply).await;
    assert_eq!(twice.body["Invalid"]["problem"], json!("AlreadyExpert"));
    let mine = w.as_researcher("/api/experts/mine", json!({})).await;
    assert_eq!(mine.body["state"], "Pending", "{:?}", mine.body);
    assert_eq!(
        mine.body["fields"],
        json!(["Khoa học đất"]),
        "the CV's specialisation"
    );

    // Waiting, the entry is not in the database councils are chosen from.
    let listed = |q: &str| {
        app.call_with(
            &w.officer,
            "/api/experts/list",
            json!({ "query": q, "page": 1 }),
        )
    };
    assert_eq!(listed("Khoa học đất").await.body["total"], 0);
    let waiting = app
        .call_with(
            &w.officer,
            "/api/experts/applications",
            json!({ "page": 1 }),
        )
        .await;
    assert_eq!(waiting.body["total"], 1, "{:?}", waiting.body);
    let by_self = w
        .as_researcher(
            "/api/experts/decide",
            json!({ "id": id, "verdict": "Approve" }),
        )
        .await;
    assert_eq!(by_self.status, 403);
    let decide = |verdict: Value| {
        app.call_with(
            &w.officer,
            "/api/experts/decide",
            json!({ "id": id, "verdict": verdict }),
        )
    };
    let bare = decide(json!({ "Refuse": { "reason": "" } })).await;
    assert_eq!(bare.body["Invalid"]["field"], "reason", "{:?}", bare.body);
    assert_eq!(decide(json!("Approve")).await.status, 200);
    assert_eq!(listed("Khoa học đất").await.body["total"], 1);
    let mine = w.as_researcher("/api/experts/mine", json!({})).await;
    assert_eq!(mine.body["state"], "Approved");
    let session = w.as_researcher("/api/auth/session", json!({})).await;
    let me = i32::try_from(session.body["me"]["user_id"].as_i64().unwrap()).unwrap();
    assert_eq!(kinds_of(app, me).await, ["request_decided"]);
}
