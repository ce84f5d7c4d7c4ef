//! Reminders before deadlines (docs/notifications.md, "Reminders"): the worker inside the server
//! finds them at the rulebook's lead times and sends each once, in the app and by mail.

use sea_orm::EntityTrait;
use serde_json::json;

use super::SmtpSink;
use crate::world::World;

async fn reminders_of(app: &crate::helpers::TestApp, email: &str) -> Vec<String> {
    let person = app::db::entities::user::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == email)
        .unwrap();
    app::db::entities::notification::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.user_id == person.id && n.kind == "reminder")
        .map(|n| n.text_vi)
        .collect()
}

#[tokio::test]
async fn a_draft_on_a_closing_call_reminds_its_researcher_once_in_english_if_they_chose_it() {
    let sink = SmtpSink::start();
    let builder = crate::helpers::TestApp::builder().smtp(&sink.url(), 100);
    let w = World::with(builder.reminders_every(100)).await;
    let app = &w.app;
    // The researcher reads their mail in English.
    let english = app
        .call_with(&w.researcher, "/api/auth/session", json!({}))
        .await
        .body["me"]["user_id"]
        .as_i64()
        .unwrap();
    let mut person: app::db::entities::user::ActiveModel =
        app::db::entities::user::Entity::find_by_id(i32::try_from(english).unwrap())
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
    person.lang = sea_orm::Set("en".into());
    sea_orm::ActiveModelTrait::update(person, &app.db)
        .await
        .unwrap();

    // The call closes in an hour, inside the default lead of 3 days; the draft is not submitted.
    let draft = w.draft("Đề tài chưa nộp").await;
    let mails = sink.wait_for(1, 20).await;
    assert_eq!(mails[0]["rcpt_tos"], json!(["nkh@vien.vn"]), "{mails:?}");
    let subject = mails[0]["subject"].as_str().unwrap();
    assert!(
        subject.starts_with("The call «Đợt thử» closes at"),
        "{subject}"
    );
    assert!(mails[0]["text"]
        .as_str()
        .unwrap()
        .contains(&format!("/applications/{draft}")));

    // Many passes later: still one reminder, one mail; the other researcher (no draft) none.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let got = reminders_of(app, "nkh@vien.vn").await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].contains("hồ sơ của bạn chưa nộp"), "{got:?}");
    assert!(reminders_of(app, "khac@vien.vn").await.is_empty());
    assert_eq!(sink.messages().len(), 1);
    let sent = app::db::entities::reminder_sent::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!((sent[0].kind.as_str(), sent[0].stage), ("call_closing", 0));
}
