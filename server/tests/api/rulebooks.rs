//! Rulebook versions (administrators publish; a stale edit or a slip is refused) and the host
//! organisation's confirmation a rulebook may require before the department receives a dossier.

use crate::helpers::{TestApp, PASSWORD};
use crate::world::{complete_cv, complete_form, t0};
use chrono::Duration;
use domain::roles::{Role, Scope};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::{json, Value};

async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let c = app.new_client();
    assert_eq!(app.login_with(&c, email, PASSWORD).await.status, 200);
    c
}

#[tokio::test]
async fn administrators_publish_versions_and_calls_pin_them() {
    let app = TestApp::builder().fixed_clock(t0()).spawn().await;
    app.user("admin@so.vn", &[(Role::Admin, Scope::Global)])
        .await;
    app.user("nkh@vien.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    let admin = signed_in(&app, "admin@so.vn").await;
    let researcher = signed_in(&app, "nkh@vien.vn").await;

    let current = app
        .call_with(&researcher, "/api/rulebooks/current", json!({}))
        .await;
    assert_eq!(current.status, 200);
    assert_eq!(current.body["editable"], false);
    let mut rb: Value = current.body["rulebook"].clone();
    assert_eq!(rb["version"], 1);
    rb["host_confirmation_required"] = json!(true);
    let app = &app;
    let publish = |c: &reqwest::Client, based_on: u32, rb: &Value| {
        let (c, body) = (c.clone(), json!({ "based_on": based_on, "rulebook": rb }));
        async move { app.call_with(&c, "/api/rulebooks/publish", body).await }
    };
    assert_eq!(publish(&researcher, 1, &rb).await.status, 403);
    let mut slip = rb.clone();
    slip["labour"]["member_permille"] = json!(0);
    let refused = publish(&admin, 1, &slip).await;
    assert_eq!(refused.status, 422);
    assert_eq!(refused.body["Invalid"]["field"], "labour.member_permille");
    // Version 2 is the grassroots line's default: the next provincial version is 3.
    let v3 = publish(&admin, 1, &rb).await;
    assert_eq!((v3.status, v3.body.clone()), (200, json!(3)));
    // An edit begun from version 1 no longer applies.
    let stale = publish(&admin, 1, &rb).await;
    assert_eq!(stale.status, 422);
    assert_eq!(stale.body["Invalid"]["field"], "version");
    let now = app
        .call_with(&admin, "/api/rulebooks/current", json!({}))
        .await;
    assert_eq!(now.body["rulebook"]["version"], 3);
    assert_eq!(now.body["editable"], true);
    // The grassroots line moves on its own: smaller councils by default, its own versions.
    let grassroots = json!({ "level": "Grassroots" });
    let g = app
        .call_with(&researcher, "/api/rulebooks/current", grassroots.clone())
        .await;
    assert_eq!(g.body["rulebook"]["version"], 2);
    assert_eq!(g.body["rulebook"]["level"], "Grassroots");
    assert_eq!(g.body["rulebook"]["council"]["min_members"], 3);
    let mut g = g.body["rulebook"].clone();
    g["max_duration_months"] = json!(18);
    assert_eq!(
        publish(&admin, 3, &g).await.body["Invalid"]["field"],
        "version"
    );
    assert_eq!(publish(&admin, 2, &g).await.body, json!(4));
    let provincial = app
        .call_with(&admin, "/api/rulebooks/current", json!({}))
        .await;
    assert_eq!(provincial.body["rulebook"]["version"], 3);
    assert_eq!(
        app.call_with(&app.new_client(), "/api/rulebooks/current", json!({}))
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn the_host_organisation_confirms_before_the_department_receives_a_dossier() {
    let app = TestApp::builder().fixed_clock(t0()).spawn().await;
    let university = app.db_org("Trường Đại học Nông Lâm").await;
    let institute = app.db_org("Viện Công nghệ sinh học").await;
    app.user("admin@so.vn", &[(Role::Admin, Scope::Global)])
        .await;
    app.user("cv@so.vn", &[(Role::Officer, Scope::Global)])
        .await;
    let researcher_id = app
        .user("nkh@dhnl.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    app.user(
        "chutri@dhnl.vn",
        &[(
            Role::HostOrganisation,
            Scope::Organisation(university.into()),
        )],
    )
    .await;
    app.user(
        "chutri@vien.vn",
        &[(
            Role::HostOrganisation,
            Scope::Organisation(institute.into()),
        )],
    )
    .await;
    let mut u: app::db::entities::user::ActiveModel =
        app::db::entities::user::Entity::find_by_id(researcher_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
    u.organisation_id = Set(Some(university));
    u.update(&app.db).await.unwrap();

    let admin = signed_in(&app, "admin@so.vn").await;
    let officer = signed_in(&app, "cv@so.vn").await;
    let researcher = signed_in(&app, "nkh@dhnl.vn").await;
    let host = signed_in(&app, "chutri@dhnl.vn").await;
    let other_host = signed_in(&app, "chutri@vien.vn").await;

    let mut rb = app
        .call_with(&admin, "/api/rulebooks/current", json!({}))
        .await
        .body["rulebook"]
        .clone();
    rb["host_confirmation_required"] = json!(true);
    let v2 = app
        .call_with(
            &admin,
            "/api/rulebooks/publish",
            json!({ "based_on": 1, "rulebook": rb }),
        )
        .await;
    assert_eq!(v2.status, 200);
    let pinned = v2.body.clone();

    let form = json!({
        "title": "Đợt có xác nhận", "summary": "Thử", "level": "Provincial", "formation": "Grant",
        "fields": ["Khoa học nông nghiệp"], "priority_areas": [],
        "opens_at": (t0() - Duration::hours(1)).to_rfc3339(), "closes_at": (t0() + Duration::hours(1)).to_rfc3339(),
        "budget_envelope_dong": 1_000_000_000i64, "required_documents": ["Thuyết minh"],
    });
    let call_id = app
        .call_with(&officer, "/api/calls/create", json!({ "form": form }))
        .await
        .body;
    assert_eq!(
        app.call_with(&officer, "/api/calls/publish", json!({ "id": call_id }))
            .await
            .status,
        200
    );
    let call = app
        .call_with(&officer, "/api/calls/get", json!({ "id": call_id }))
        .await;
    assert_eq!(call.body["rulebook_version"], pinned);

    app.call_with(&researcher, "/api/cv/save", json!({ "cv": complete_cv() }))
        .await;
    let id = app
        .call_with(
            &researcher,
            "/api/applications/create",
            json!({ "call_id": call_id }),
        )
        .await
        .body;
    app.call_with(
        &researcher,
        "/api/applications/save",
        json!({ "id": id, "form": complete_form("Hồ sơ cần xác nhận") }),
    )
    .await;
    let submitted = app
        .call_with(&researcher, "/api/applications/submit", json!({ "id": id }))
        .await;
    assert_eq!(submitted.status, 200, "{:?}", submitted.body);
    let get = json!({ "id": id });
    let mine = app
        .call_with(&researcher, "/api/applications/get", get.clone())
        .await;
    assert_eq!(mine.body["status"], "AwaitingHostConfirmation");

    // Not yet the department's: not listed, not readable, not decidable.
    let officer_list = || {
        app.call_with(
            &officer,
            "/api/applications/list",
            json!({ "filter": { "call_id": call_id, "query": "" }, "page": 1 }),
        )
    };
    assert_eq!(officer_list().await.body["total"], 0);
    assert_eq!(
        app.call_with(&officer, "/api/applications/get", get.clone())
            .await
            .status,
        404
    );
    assert_eq!(
        app.call_with(
            &officer,
            "/api/applications/decide",
            json!({ "id": id, "decision": "Valid" })
        )
        .await
        .status,
        404
    );

    // The host sees it in its queue; another organisation's host does not.
    let queue = app
        .call_with(&host, "/api/applications/host_queue", json!({ "page": 1 }))
        .await;
    assert_eq!(queue.body["total"], 1);
    let todos = app.call_with(&host, "/api/home/todos", json!({})).await;
    assert_eq!(
        todos.body,
        json!([{ "ConfirmApplications": { "count": 1 } }])
    );
    let foreign = app
        .call_with(
            &other_host,
            "/api/applications/host_queue",
            json!({ "page": 1 }),
        )
        .await;
    assert_eq!(foreign.body["total"], 0);
    let app = &app;
    let decide = |c: &reqwest::Client, d: Value| {
        let (c, body) = (c.clone(), json!({ "id": id, "decision": d }));
        async move {
            app.call_with(&c, "/api/applications/host_decide", body)
                .await
        }
    };
    assert_eq!(decide(&other_host, json!("Confirm")).await.status, 404);
    assert_eq!(decide(&researcher, json!("Confirm")).await.status, 403);
    assert_eq!(decide(&officer, json!("Confirm")).await.status, 403);
    let view = app
        .call_with(&host, "/api/applications/get", get.clone())
        .await;
    assert_eq!(view.body["can_host_decide"], true);

    // Declined with reasons: back to the researcher as a draft, receipt kept.
    let no_reason = decide(&host, json!({ "Decline": { "reasons": "  " } })).await;
    assert_eq!(no_reason.body["Invalid"]["field"], "reasons");
    assert_eq!(
        decide(
            &host,
            json!({ "Decline": { "reasons": "Bổ sung dự toán đối ứng." } })
        )
        .await
        .status,
        200
    );
    let back = app
        .call_with(&researcher, "/api/applications/get", get.clone())
        .await;
    assert_eq!(back.body["status"], "Draft");
    assert_eq!(
        back.body["decisions"][0]["decision"]["HostDeclined"]["reasons"],
        "Bổ sung dự toán đối ứng."
    );
    let code = back.body["receipt_code"].clone();
    assert_eq!(
        officer_list().await.body["total"],
        0,
        "a declined draft stays unseen"
    );

    // Submitted again, confirmed: now the department's, under the same receipt.
    let again = app
        .call_with(&researcher, "/api/applications/submit", get.clone())
        .await;
    assert_eq!(again.body["code"], code);
    assert_eq!(decide(&host, json!("Confirm")).await.status, 200);
    assert_eq!(decide(&host, json!("Confirm")).await.status, 422);
    assert_eq!(officer_list().await.body["total"], 1);
    let seen = app
        .call_with(&officer, "/api/applications/get", get.clone())
        .await;
    assert_eq!(seen.body["status"], "Submitted");
    assert_eq!(seen.body["decisions"][1]["decision"], "HostConfirmed");
    // Officers cannot record a host's decision themselves.
    let forged = app
        .call_with(
            &officer,
            "/api/applications/decide",
            json!({ "id": id, "decision": "HostConfirmed" }),
        )
        .await;
    assert_eq!(forged.body["Invalid"]["field"], "decision");
}

/// Seats `roles` on a new council of `call`, every invitation accepted; answers the reply to
/// constituting it.
async fn council_of(
    app: &TestApp,
    officer: &reqwest::Client,
    call: &Value,
    roles: &[&str],
    tag: &str,
) -> crate::helpers::Reply {
    let body = json!({ "call_id": call, "name": format!("Hội đồng {tag}") });
    let council = app
        .call_with(officer, "/api/councils/create", body)
        .await
        .body;
    let mut members = Vec::new();
    for (i, role) in roles.iter().enumerate() {
        let email = format!("hd{i}-{tag}@quy.vn");
        app.user(&email, &[(Role::CouncilMember, Scope::Global)])
            .await;
        let add = json!({ "council_id": council, "email": email, "role": role });
        assert_eq!(
            app.call_with(officer, "/api/councils/add_member", add)
                .await
                .status,
            200
        );
        members.push(signed_in(app, &email).await);
    }
    app.call_with(
        officer,
        "/api/councils/invite",
        json!({ "council_id": council }),
    )
    .await;
    for c in &members {
        let yes = json!({ "council_id": council, "accept": true });
        app.call_with(c, "/api/councils/answer_invitation", yes)
            .await;
    }
    app.call_with(
        officer,
        "/api/councils/constitute",
        json!({ "id": council }),
    )
    .await
}

#[tokio::test]
async fn a_grassroots_call_pins_the_grassroots_rulebook_and_seats_a_council_of_three() {
    let app = TestApp::builder().fixed_clock(t0()).spawn().await;
    app.user("cv@so.vn", &[(Role::Officer, Scope::Global)])
        .await;
    let officer = signed_in(&app, "cv@so.vn").await;
    let mut calls = Vec::new();
    for level in ["Grassroots", "Provincial"] {
        let form = json!({
            "title": format!("Đợt {level}"), "summary": "Thử", "level": level, "formation": "Grant",
            "fields": ["Khoa học nông nghiệp"], "priority_areas": [],
            "opens_at": (t0() - Duration::hours(1)).to_rfc3339(), "closes_at": (t0() + Duration::days(9)).to_rfc3339(),
            "budget_envelope_dong": 500_000_000i64, "required_documents": ["Thuyết minh"],
        });
        let id = app
            .call_with(&officer, "/api/calls/create", json!({ "form": form }))
            .await
            .body;
        let published = app
            .call_with(&officer, "/api/calls/publish", json!({ "id": id }))
            .await;
        assert_eq!(published.status, 200, "{:?}", published.body);
        let c = app
            .call_with(&officer, "/api/calls/get", json!({ "id": id }))
            .await;
        calls.push((id, c.body["rulebook_version"].clone()));
    }
    assert_eq!(
        (calls[0].1.clone(), calls[1].1.clone()),
        (json!(2), json!(1))
    );
    let three = ["Chair", "Secretary", "Reviewer"];
    let small = council_of(&app, &officer, &calls[0].0, &three, "cs").await;
    assert_eq!(small.status, 200, "{:?}", small.body);
    let refused = council_of(&app, &officer, &calls[1].0, &three, "tinh").await;
    assert_eq!(refused.status, 422);
    let size = &refused.body["Invalid"]["problem"]["Composition"]["Size"];
    assert_eq!(
        (size["min"].clone(), size["actual"].clone()),
        (json!(7), json!(3))
    );
}
