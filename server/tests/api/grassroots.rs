//! Grassroots tasks run by a managing unit (docs/roles.md): the administrator marks the unit and
//! grants its officer and leader; the unit's officer opens a grassroots call, checks the
//! dossiers, seats a council of three and appraises; the unit's leader approves. The department
//! sees every step and may take none; another unit neither sees nor takes any.

use crate::helpers::{Reply, TestApp, PASSWORD};
use crate::world::{complete_cv, complete_form, t0};
use chrono::Duration;
use domain::roles::{Role, Scope};
use serde_json::{json, Value};

pub(crate) async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let c = app.new_client();
    assert_eq!(app.login_with(&c, email, PASSWORD).await.status, 200);
    c
}

pub(crate) struct People {
    pub(crate) university: i32,
    pub(crate) admin: reqwest::Client,
    pub(crate) unit_officer: reqwest::Client,
    pub(crate) unit_leader: reqwest::Client,
    pub(crate) other_unit: reqwest::Client,
    pub(crate) officer: reqwest::Client,
    leader: reqwest::Client,
    researcher: reqwest::Client,
}

/// The administrator marks the university a managing unit and grants its staff, through the
/// API (a plain organisation is refused by name).
pub(crate) async fn people(app: &TestApp) -> People {
    let g = |role| [(role, Scope::Global)];
    app.user("admin@so.vn", &g(Role::Admin)).await;
    app.user("cv@so.vn", &g(Role::Officer)).await;
    app.user("ld@so.vn", &g(Role::Leader)).await;
    app.user("nkh@dh.vn", &g(Role::Researcher)).await;
    let other = app.db_unit("Bệnh viện Đa khoa tỉnh").await;
    app.user(
        "cv@bv.vn",
        &[(Role::Officer, Scope::Organisation(other.into()))],
    )
    .await;
    let admin = signed_in(app, "admin@so.vn").await;
    let university = app.db_org("Trường Đại học Hồng Đức").await;
    let unit_officer = app.user("khcn@dh.vn", &[]).await;
    let unit_leader = app.user("hieutruong@dh.vn", &[]).await;
    let grant = |user: i32, role: &str| {
        let body = json!({ "user_id": user, "role": role, "organisation_id": university });
        app.call_with(&admin, "/api/admin/roles/grant", body)
    };
    let refused = grant(unit_officer, "Officer").await;
    assert_eq!(refused.status, 422, "{:?}", refused.body);
    assert_eq!(refused.body["Invalid"]["field"], "organisation_id");
    assert_eq!(refused.body["Invalid"]["problem"], "NotManagingUnit");
    let mark = json!({ "organisation_id": university, "manages": true });
    let marked = app
        .call_with(&admin, "/api/admin/organisations/set_managing", mark)
        .await;
    assert_eq!(marked.status, 200, "{:?}", marked.body);
    assert_eq!(grant(unit_officer, "Officer").await.status, 200);
    assert_eq!(grant(unit_leader, "Leader").await.status, 200);
    // A unit with staff stays one.
    let unmark = json!({ "organisation_id": university, "manages": false });
    let kept = app
        .call_with(&admin, "/api/admin/organisations/set_managing", unmark)
        .await;
    assert_eq!(kept.body["Invalid"]["problem"], "UnitInUse");
    People {
        university,
        admin,
        unit_officer: signed_in(app, "khcn@dh.vn").await,
        unit_leader: signed_in(app, "hieutruong@dh.vn").await,
        other_unit: signed_in(app, "cv@bv.vn").await,
        officer: signed_in(app, "cv@so.vn").await,
        leader: signed_in(app, "ld@so.vn").await,
        researcher: signed_in(app, "nkh@dh.vn").await,
    }
}

pub(crate) fn call_form(level: &str) -> Value {
    json!({
        "title": "Nhiệm vụ cơ sở năm 2027", "summary": "Đề tài cấp trường", "level": level,
        "formation": "Grant", "fields": ["Khoa học nông nghiệp"], "priority_areas": [],
        "opens_at": (t0() - Duration::hours(1)).to_rfc3339(),
        "closes_at": (t0() + Duration::days(9)).to_rfc3339(),
        "budget_envelope_dong": 300_000_000i64, "required_documents": ["Thuyết minh"],
    })
}

/// The unit's officer opens and publishes a grassroots call (a provincial one is refused).
pub(crate) async fn unit_call(app: &TestApp, p: &People) -> Value {
    let provincial = json!({ "form": call_form("Provincial") });
    let refused = app
        .call_with(&p.unit_officer, "/api/calls/create", provincial)
        .await;
    assert_eq!(refused.body["Invalid"]["field"], "level");
    assert_eq!(refused.body["Invalid"]["problem"], "UnitRunsGrassroots");
    let grassroots = json!({ "form": call_form("Grassroots") });
    let id = app
        .call_with(&p.unit_officer, "/api/calls/create", grassroots)
        .await
        .body;
    // The department sees the unit's draft and may not publish it; another unit sees nothing.
    let by_id = json!({ "id": id });
    let seen = app
        .call_with(&p.officer, "/api/calls/get", by_id.clone())
        .await;
    assert_eq!(seen.status, 200);
    assert_eq!(seen.body["managing_unit"], "Trường Đại học Hồng Đức");
    assert_eq!(seen.body["editable"], false);
    let hidden = app
        .call_with(&p.other_unit, "/api/calls/get", by_id.clone())
        .await;
    assert_eq!(hidden.status, 404);
    for c in [&p.officer, &p.other_unit, &p.unit_leader] {
        let r = app.call_with(c, "/api/calls/publish", by_id.clone()).await;
        assert!(matches!(r.status, 403 | 404), "{:?}", r.body);
    }
    let published = app
        .call_with(&p.unit_officer, "/api/calls/publish", by_id.clone())
        .await;
    assert_eq!(published.status, 200, "{:?}", published.body);
    let pinned = app
        .call_with(&p.unit_officer, "/api/calls/get", by_id)
        .await;
    assert_eq!(pinned.body["rulebook_version"], 2, "the grassroots line");
    id
}

/// The researcher's dossier on the call, submitted.
pub(crate) async fn submitted(app: &TestApp, p: &People, call: &Value) -> Value {
    let cv = json!({ "cv": complete_cv() });
    assert_eq!(
        app.call_with(&p.researcher, "/api/cv/save", cv)
            .await
            .status,
        200
    );
    let id = app
        .call_with(
            &p.researcher,
            "/api/applications/create",
            json!({ "call_id": call }),
        )
        .await
        .body;
    let form = json!({ "id": id, "form": complete_form("Giống lúa chịu mặn cho xã ven biển") });
    let saved = app
        .call_with(&p.researcher, "/api/applications/save", form)
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.body);
    let sent = app
        .call_with(
            &p.researcher,
            "/api/applications/submit",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(sent.status, 200, "{:?}", sent.body);
    id
}

fn has_todo(todos: &Reply, kind: &str) -> bool {
    todos.body.to_string().contains(kind)
}

/// The unit's officer declares the dossier valid; the department and another unit cannot.
pub(crate) async fn checked(app: &TestApp, p: &People, dossier: &Value) {
    let todos = |c| app.call_with(c, "/api/home/todos", json!({}));
    assert!(has_todo(
        &todos(&p.unit_officer).await,
        "CheckSubmittedApplications"
    ));
    assert!(!has_todo(
        &todos(&p.officer).await,
        "CheckSubmittedApplications"
    ));
    let valid = json!({ "id": dossier, "decision": "Valid" });
    for c in [&p.officer, &p.other_unit] {
        let r = app
            .call_with(c, "/api/applications/decide", valid.clone())
            .await;
        assert_eq!(r.status, 403, "{:?}", r.body);
    }
    let read = json!({ "id": dossier });
    let page = app
        .call_with(&p.officer, "/api/applications/get", read.clone())
        .await;
    assert_eq!(
        (page.status, page.body["can_decide"].clone()),
        (200, json!(false))
    );
    let other = app
        .call_with(&p.other_unit, "/api/applications/get", read.clone())
        .await;
    assert_eq!(
        other.status, 404,
        "another unit's dossier does not exist for it"
    );
    let own = app
        .call_with(&p.unit_officer, "/api/applications/get", read)
        .await;
    assert_eq!(own.body["can_decide"], true);
    let decided = app
        .call_with(&p.unit_officer, "/api/applications/decide", valid)
        .await;
    assert_eq!(decided.status, 200, "{:?}", decided.body);
    let list = |c| {
        let body = json!({ "filter": { "call_id": null, "status": null, "query": "" }, "page": 1 });
        app.call_with(c, "/api/applications/list", body)
    };
    assert_eq!(list(&p.unit_officer).await.body["total"], 1);
    assert_eq!(
        list(&p.officer).await.body["total"],
        1,
        "the department sees it"
    );
    assert_eq!(list(&p.other_unit).await.body["total"], 0);
}

/// A council of three the unit's officer seats, scores and closes: it passes the dossier.
pub(crate) async fn council(app: &TestApp, p: &People, call: &Value, dossier: &Value) {
    let create = json!({ "call_id": call, "name": "Hội đồng cấp trường" });
    let refused = app
        .call_with(&p.officer, "/api/councils/create", create.clone())
        .await;
    assert_eq!(
        refused.status, 403,
        "the department does not seat a unit's council"
    );
    let council = app
        .call_with(&p.unit_officer, "/api/councils/create", create)
        .await
        .body;
    let officer = |path: &'static str, body: Value| app.call_with(&p.unit_officer, path, body);
    let mut members = Vec::new();
    for (i, role) in ["Chair", "Secretary", "Reviewer"].iter().enumerate() {
        let email = format!("hd{i}@dh.vn");
        app.user(&email, &[(Role::CouncilMember, Scope::Global)])
            .await;
        let add = json!({ "council_id": council, "email": email, "role": role });
        assert_eq!(officer("/api/councils/add_member", add).await.status, 200);
        members.push(signed_in(app, &email).await);
    }
    officer("/api/councils/invite", json!({ "council_id": council })).await;
    for c in &members {
        let yes = json!({ "council_id": council, "accept": true });
        app.call_with(c, "/api/councils/answer_invitation", yes)
            .await;
    }
    let seated = officer("/api/councils/constitute", json!({ "id": council })).await;
    assert_eq!(seated.status, 200, "{:?}", seated.body);
    let view = officer("/api/councils/get", json!({ "id": council })).await;
    for (i, c) in members.iter().enumerate() {
        let on = json!({ "council_id": council, "application_id": dossier });
        app.call_with(c, "/api/councils/certify", on).await;
        let sheet = json!({ "council_id": council, "application_id": dossier, "entry": crate::councils::entry([13, 42, 30]), "review": "", "submit": true });
        let sent = app.call_with(c, "/api/councils/save_sheet", sheet).await;
        assert_eq!(sent.status, 200, "{:?}", sent.body);
        let uid = &view.body["members"][i]["user_id"];
        let here = json!({ "council_id": council, "user_id": uid, "present": true });
        assert_eq!(officer("/api/councils/attendance", here).await.status, 200);
    }
    let closed = app
        .call_with(&members[1], "/api/councils/close", json!({ "id": council }))
        .await;
    assert_eq!(closed.status, 200, "{:?}", closed.body);
}

#[tokio::test]
async fn a_managing_unit_runs_its_grassroots_call_from_call_to_approval() {
    let app = TestApp::builder().fixed_clock(t0()).spawn().await;
    let p = people(&app).await;
    let call = unit_call(&app, &p).await;
    let dossier = submitted(&app, &p, &call).await;
    checked(&app, &p, &dossier).await;
    council(&app, &p, &call, &dossier).await;

    // The unit's officer appraises; the unit's leader approves. The department does neither.
    let appraise = json!({ "application_id": dossier, "changes": [] });
    let refused = app
        .call_with(&p.officer, "/api/tasks/appraise", appraise.clone())
        .await;
    assert_eq!(refused.status, 403);
    let appraised = app
        .call_with(&p.unit_officer, "/api/tasks/appraise", appraise)
        .await;
    assert_eq!(appraised.status, 200, "{:?}", appraised.body);
    let todos = |c| app.call_with(c, "/api/home/todos", json!({}));
    assert!(has_todo(&todos(&p.unit_leader).await, "ApproveTasks"));
    assert!(!has_todo(&todos(&p.leader).await, "ApproveTasks"));
    let decide =
        json!({ "application_id": dossier, "revision": 1, "approve": true, "reasons": "" });
    let refused = app
        .call_with(&p.leader, "/api/tasks/decide", decide.clone())
        .await;
    assert_eq!(
        refused.status, 403,
        "the department's leader does not approve a unit's task"
    );
    let approved = app
        .call_with(&p.unit_leader, "/api/tasks/decide", decide)
        .await;
    assert_eq!(approved.status, 200, "{:?}", approved.body);
    let seen = app
        .call_with(
            &p.leader,
            "/api/tasks/get",
            json!({ "application_id": dossier }),
        )
        .await;
    assert_eq!(
        seen.body["approved"], true,
        "the department sees the approval"
    );
}

/// Creates and publishes a call of `level` as `c`; answers the version it pinned.
async fn pinned(app: &TestApp, c: &reqwest::Client, level: &str) -> Value {
    let id = app
        .call_with(c, "/api/calls/create", json!({ "form": call_form(level) }))
        .await
        .body;
    let published = app
        .call_with(c, "/api/calls/publish", json!({ "id": id }))
        .await;
    assert_eq!(published.status, 200, "{:?}", published.body);
    let call = app
        .call_with(c, "/api/calls/get", json!({ "id": id }))
        .await;
    call.body["rulebook_version"].clone()
}

#[tokio::test]
async fn a_managing_unit_publishes_its_own_rulebook_and_its_calls_pin_it() {
    let app = TestApp::builder().fixed_clock(t0()).spawn().await;
    let p = people(&app).await;
    let current = |unit: Option<i32>| {
        let body = json!({ "level": "Grassroots", "unit_id": unit });
        app.call_with(&p.admin, "/api/rulebooks/current", body)
    };
    let before = current(Some(p.university)).await;
    assert_eq!(
        (
            before.body["own_line"].clone(),
            before.body["rulebook"]["version"].clone()
        ),
        (json!(false), json!(2))
    );
    let mut rb = before.body["rulebook"].clone();
    rb["council"]["max_members"] = json!(5);
    rb["unit_id"] = json!(p.university);
    let publish = |rb: Value| {
        let body = json!({ "based_on": 2, "rulebook": rb });
        app.call_with(&p.admin, "/api/rulebooks/publish", body)
    };
    // Only a managing unit has a line, and only a grassroots one.
    let plain = app.db_org("Công ty TNHH Cà phê").await;
    let mut wrong = rb.clone();
    wrong["unit_id"] = json!(plain);
    let refused = publish(wrong).await;
    assert_eq!(
        (
            refused.body["Invalid"]["field"].clone(),
            refused.body["Invalid"]["problem"].clone()
        ),
        (json!("unit_id"), json!("NotManagingUnit"))
    );
    let mut provincial = rb.clone();
    provincial["level"] = json!("Provincial");
    let refused = publish(provincial).await;
    assert_eq!(
        refused.body["Invalid"]["problem"],
        json!({ "Form": "UnitRulebookIsGrassroots" })
    );
    let published = publish(rb).await;
    assert_eq!(published.body, json!(3), "{:?}", published.body);

    let own = current(Some(p.university)).await;
    assert_eq!(
        (
            own.body["own_line"].clone(),
            own.body["rulebook"]["version"].clone()
        ),
        (json!(true), json!(3))
    );
    assert_eq!(current(None).await.body["rulebook"]["version"], 2);
    // The unit's calls pin its own line; another unit's the grassroots line; the department's
    // provincial call the provincial line.
    assert_eq!(pinned(&app, &p.unit_officer, "Grassroots").await, 3);
    assert_eq!(pinned(&app, &p.other_unit, "Grassroots").await, 2);
    assert_eq!(pinned(&app, &p.officer, "Provincial").await, 1);
}
