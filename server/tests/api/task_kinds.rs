//! Rulebooks per task type (docs/rulebook.md): an administrator publishes a type's own line, at a
//! level or in a managing unit's line, and each call pins the most specific line there is — the
//! unit's line for its type, the unit's line, the level's line for its type, the level's line.

use crate::grassroots::{call_form, people};
use crate::helpers::TestApp;
use crate::world::t0;
use serde_json::{json, Value};

/// Publishes a call of `level` and `kind` (none: the form without a type) and returns the
/// rulebook version it pinned and the type it reads back.
async fn pinned(app: &TestApp, c: &reqwest::Client, level: &str, kind: Option<&str>) -> Value {
    let mut form = call_form(level);
    if let Some(k) = kind {
        form["kind"] = json!(k);
    }
    let id = app
        .call_with(c, "/api/calls/create", json!({ "form": form }))
        .await
        .body;
    let published = app
        .call_with(c, "/api/calls/publish", json!({ "id": id }))
        .await;
    assert_eq!(published.status, 200, "{:?}", published.body);
    let call = app
        .call_with(c, "/api/calls/get", json!({ "id": id }))
        .await;
    json!([call.body["rulebook_version"], call.body["form"]["kind"]])
}

#[tokio::test]
async fn each_call_pins_the_most_specific_line_for_its_level_unit_and_type() {
    let app = TestApp::builder().fixed_clock(t0()).spawn().await;
    let p = people(&app).await;
    let current = |level: &str, unit: Option<i32>, kind: Option<&str>| {
        let body = json!({ "level": level, "unit_id": unit, "kind": kind });
        app.call_with(&p.admin, "/api/rulebooks/current", body)
    };
    let publish = |based_on: u32, rb: Value| {
        let body = json!({ "based_on": based_on, "rulebook": rb });
        app.call_with(&p.admin, "/api/rulebooks/publish", body)
    };
    let line =
        |r: &crate::helpers::Reply| json!([r.body["own_line"], r.body["rulebook"]["version"]]);
    // No type has a line yet: the level's is shown, and is what its calls pin.
    let pilot = current("Provincial", None, Some("PilotProduction")).await;
    assert_eq!(line(&pilot), json!([false, 1]));
    let mut rb = pilot.body["rulebook"].clone();
    rb["kind"] = json!("PilotProduction");
    rb["scoring"]["pass_mean_total"] = json!(75);
    assert_eq!(publish(1, rb.clone()).await.body, json!(3));
    // The type's own line now; other types still read the level's.
    let pilot = current("Provincial", None, Some("PilotProduction")).await;
    assert_eq!(line(&pilot), json!([true, 3]));
    assert_eq!(pilot.body["rulebook"]["kind"], "PilotProduction");
    let scheme = current("Provincial", None, Some("Scheme")).await;
    assert_eq!(line(&scheme), json!([false, 1]));
    assert_eq!(
        line(&current("Provincial", None, None).await),
        json!([false, 1])
    );
    // An edit of the type's line begun before its version 3 no longer applies.
    let stale = publish(1, rb).await;
    assert_eq!(
        stale.body["Invalid"]["field"], "version",
        "{:?}",
        stale.body
    );
    // The level's line moves on (4); the type's line keeps its own version.
    let mut level = scheme.body["rulebook"].clone();
    level["max_duration_months"] = json!(30);
    assert_eq!(publish(1, level).await.body, json!(4));
    assert_eq!(
        pinned(&app, &p.officer, "Provincial", Some("PilotProduction")).await,
        json!([3, "PilotProduction"])
    );
    assert_eq!(
        pinned(&app, &p.officer, "Provincial", Some("Scheme")).await,
        json!([4, "Scheme"])
    );
    // A call sent without a type is a research topic.
    assert_eq!(
        pinned(&app, &p.officer, "Provincial", None).await,
        json!([4, "Topic"])
    );

    // Grassroots: the level's line for the type (5), then the unit's own line (6).
    let g = current("Grassroots", None, Some("PilotProduction")).await;
    let mut g = g.body["rulebook"].clone();
    g["kind"] = json!("PilotProduction");
    assert_eq!(publish(2, g.clone()).await.body, json!(5));
    let mut own = g.clone();
    own["kind"] = Value::Null;
    own["unit_id"] = json!(p.university);
    assert_eq!(publish(2, own).await.body, json!(6));
    // The unit's line comes before the level's line for the type; another unit has no line.
    let unit_pilot = current("Grassroots", Some(p.university), Some("PilotProduction")).await;
    assert_eq!(line(&unit_pilot), json!([false, 6]));
    assert_eq!(
        pinned(&app, &p.unit_officer, "Grassroots", Some("PilotProduction")).await,
        json!([6, "PilotProduction"])
    );
    assert_eq!(
        pinned(&app, &p.other_unit, "Grassroots", Some("PilotProduction")).await,
        json!([5, "PilotProduction"])
    );
    assert_eq!(
        pinned(&app, &p.other_unit, "Grassroots", Some("Topic")).await,
        json!([2, "Topic"])
    );
    // The unit's line for the type (7) comes first of all, for that type only.
    let mut unit_type = unit_pilot.body["rulebook"].clone();
    unit_type["kind"] = json!("PilotProduction");
    assert_eq!(publish(6, unit_type).await.body, json!(7));
    let unit_pilot = current("Grassroots", Some(p.university), Some("PilotProduction")).await;
    assert_eq!(line(&unit_pilot), json!([true, 7]));
    assert_eq!(
        pinned(&app, &p.unit_officer, "Grassroots", Some("PilotProduction")).await,
        json!([7, "PilotProduction"])
    );
    assert_eq!(
        pinned(&app, &p.unit_officer, "Grassroots", Some("Scheme")).await,
        json!([6, "Scheme"])
    );
}

#[tokio::test]
async fn a_published_calls_type_is_fixed() {
    let app = TestApp::builder().fixed_clock(t0()).spawn().await;
    let p = people(&app).await;
    let mut form = call_form("Provincial");
    let id = app
        .call_with(&p.officer, "/api/calls/create", json!({ "form": form }))
        .await
        .body;
    let by_id = json!({ "id": id });
    let published = app
        .call_with(&p.officer, "/api/calls/publish", by_id.clone())
        .await;
    assert_eq!(published.status, 200);
    form["kind"] = json!("Scheme");
    let changed = app
        .call_with(
            &p.officer,
            "/api/calls/update",
            json!({ "id": id, "form": form }),
        )
        .await;
    assert_eq!(changed.status, 422, "{:?}", changed.body);
    assert_eq!(
        changed.body["Invalid"]["problem"],
        "PublishedCallRulesFixed"
    );
    let call = app.call_with(&p.officer, "/api/calls/get", by_id).await;
    assert_eq!(call.body["form"]["kind"], "Topic");
}
