//! Council members who still owe a score sheet or a ballot are reminded after the rulebook's
//! days of scoring, and again every as many days (docs/notifications.md, "Reminders"); those who
//! sent everything they may score, and those conflicted on the rest, are not.

use chrono::Duration;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::councils::entry;
use crate::helpers::TestApp;
use crate::world::{t0, World};

/// The reminders' texts each person got, by e-mail address.
async fn reminded(app: &TestApp) -> Vec<(String, String)> {
    let users = app::db::entities::user::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    let mut out: Vec<(String, String)> = app::db::entities::notification::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == "reminder")
        .filter_map(|n| {
            let who = users.iter().find(|u| u.id == n.user_id)?;
            Some((who.email.clone(), n.text_vi))
        })
        .collect();
    out.sort();
    out
}

/// Waits (a few reminder passes) until `n` reminders were sent, or ten seconds.
async fn until(app: &TestApp, n: usize) -> Vec<(String, String)> {
    for _ in 0..100 {
        let got = reminded(app).await;
        if got.len() >= n {
            return got;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    reminded(app).await
}

#[tokio::test]
async fn members_owing_score_sheets_are_reminded_after_three_days_and_again() {
    let w = World::with(TestApp::builder().reminders_every(100)).await;
    let s = w.with_constituted_council().await;
    let send = |i: usize, dossier: i64| {
        let c = s.members[i].1.clone();
        let council = s.council;
        let w = &w;
        async move {
            let on = json!({ "council_id": council, "application_id": dossier });
            w.call(&c, "/api/councils/certify", on).await;
            let sheet = json!({ "council_id": council, "application_id": dossier, "entry": entry([12, 40, 28]), "review": "", "submit": true });
            assert_eq!(
                w.call(&c, "/api/councils/save_sheet", sheet).await.status,
                200
            );
        }
    };
    // Member 7 (kept off B) sends A: done. Member 1 sends A and still owes B.
    send(6, s.a).await;
    send(0, s.a).await;
    w.app
        .clock()
        .set(t0() + Duration::days(3) - Duration::minutes(1));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(reminded(&w.app).await, vec![]);

    w.app
        .clock()
        .set(t0() + Duration::days(3) + Duration::minutes(1));
    let got = until(&w.app, 6).await;
    let who: Vec<&str> = got.iter().map(|(e, _)| e.as_str()).collect();
    assert_eq!(
        who,
        [
            "tv1@hd.vn",
            "tv2@hd.vn",
            "tv3@hd.vn",
            "tv4@hd.vn",
            "tv5@hd.vn",
            "tv6@hd.vn"
        ]
    );
    assert!(
        got[0]
            .1
            .starts_with("Hội đồng «Hội đồng tuyển chọn số 1» chấm điểm từ")
            && got[0].1.ends_with("bạn còn phiếu đánh giá chưa nộp."),
        "{got:?}"
    );
    // Many passes later: once each; three days more, once again.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(reminded(&w.app).await.len(), 6);
    w.app
        .clock()
        .set(t0() + Duration::days(6) + Duration::minutes(1));
    assert_eq!(until(&w.app, 12).await.len(), 12);
}

#[tokio::test]
async fn members_owing_ballots_on_an_identification_council_are_reminded() {
    let w = World::with(TestApp::builder().reminders_every(100)).await;
    let r = w.with_round().await;
    w.propose(&r.commune, r.id, "Chế biến sâu cà phê Đắk Lắk")
        .await;
    w.identification_panel(r.id, "a").await;
    w.app
        .clock()
        .set(t0() + Duration::days(3) + Duration::minutes(1));
    let got = until(&w.app, 5).await;
    assert_eq!(got.len(), 5, "{got:?}");
    assert!(got.iter().all(|(email, text)| email.ends_with("-a@quy.vn")
        && text.starts_with("Hội đồng «Hội đồng tư vấn a» bỏ phiếu từ")));
}
