//! Sign-ins refused: what the provider has not verified, a state not this browser's or used
//! already, a code that is not the sign-in's own, a disabled or already linked account, too many
//! starts from one address, a provider that is down. Each changes nothing.

use super::*;
use app::db::entities::{user, user_identity};
use domain::roles::{Role, Scope};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};

async fn counts(app: &TestApp) -> (u64, u64) {
    (
        user::Entity::find().count(&app.db).await.unwrap(),
        user_identity::Entity::find().count(&app.db).await.unwrap(),
    )
}

#[tokio::test]
async fn an_address_the_provider_has_not_verified_links_nothing_and_creates_nothing() {
    let provider = OidcProvider::start();
    let app = TestApp::builder().sign_on(&provider.issuer()).spawn().await;
    app.user("an@vien.vn", &[(Role::Officer, Scope::Global)])
        .await;
    let before = counts(&app).await;
    for login in ["unverified:an@vien.vn", "unverified:moi@vien.vn"] {
        let b = browser();
        let (to, session) = sign_in(&app, &b, login).await;
        assert_eq!(
            (to.as_str(), session),
            ("/login?error=sso_unverified", false)
        );
        assert!(me(&app, &b).await.is_none());
    }
    assert_eq!(counts(&app).await, before);
}

#[tokio::test]
async fn a_callback_finishes_only_in_the_browser_that_started_it_and_only_once() {
    let provider = OidcProvider::start();
    let app = TestApp::builder().sign_on(&provider.issuer()).spawn().await;
    let b = browser();
    let callback = to_callback(&app, &b, "chi@vien.vn").await;
    let state = state_of(&callback);
    // Someone else's browser (the link sent to a victim: login CSRF), or a forged state.
    assert_eq!(
        finish_elsewhere(&callback, None).await,
        ("/login?error=sso_expired".into(), false)
    );
    assert_eq!(
        finish_elsewhere(&callback, Some("forged")).await,
        ("/login?error=sso_expired".into(), false)
    );
    assert_eq!(counts(&app).await.1, 0);
    // The browser that started it.
    let (to, session) = finish(&b, &callback).await;
    assert_eq!((to.as_str(), session), ("/applications", true));
    // Replayed, even with the state's cookie: taken already.
    assert_eq!(
        finish_elsewhere(&callback, Some(&state)).await,
        ("/login?error=sso_expired".into(), false)
    );
    assert_eq!(counts(&app).await.1, 1);
}

#[tokio::test]
async fn a_code_does_not_finish_another_sign_in_than_its_own() {
    let provider = OidcProvider::start();
    let app = TestApp::builder().sign_on(&provider.issuer()).spawn().await;
    let victim = browser();
    let theirs = to_callback(&app, &victim, "victim@vien.vn").await;
    let attacker = browser();
    let mine = to_callback(&app, &attacker, "attacker@vien.vn").await;
    // The attacker's code with the victim's state (and cookie): the victim's PKCE verifier
    // and nonce do not fit the attacker's code.
    let code = mine
        .split(['?', '&'])
        .find(|kv| kv.starts_with("code="))
        .unwrap();
    let spliced = format!(
        "{}?{code}&state={}",
        theirs.split('?').next().unwrap(),
        state_of(&theirs)
    );
    let (to, session) = finish(&victim, &spliced).await;
    assert_eq!((to.as_str(), session), ("/login?error=sso_failed", false));
    assert!(me(&app, &victim).await.is_none());
    assert_eq!(counts(&app).await.1, 0);
}

#[tokio::test]
async fn a_disabled_or_already_linked_account_is_not_opened_by_the_provider() {
    let provider = OidcProvider::start();
    let app = TestApp::builder().sign_on(&provider.issuer()).spawn().await;
    let off = app
        .user("off@vien.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    let mut m: user::ActiveModel = user::Entity::find_by_id(off)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    m.active = Set(false);
    m.update(&app.db).await.unwrap();
    let (to, session) = sign_in(&app, &browser(), "off@vien.vn").await;
    assert_eq!((to.as_str(), session), ("/login?error=sso_disabled", false));

    // One identity of the provider holds the account; another with the same address does not
    // take it over.
    let (to, _) = sign_in(&app, &browser(), "dung@vien.vn#Lê Dũng").await;
    assert_eq!(to, "/applications");
    let before = counts(&app).await;
    let (to, session) = sign_in(&app, &browser(), "dung@vien.vn#Kẻ khác").await;
    assert_eq!((to.as_str(), session), ("/login?error=sso_linked", false));
    assert_eq!(counts(&app).await, before);
}

#[tokio::test]
async fn starts_are_throttled_per_address_and_a_provider_down_is_said_plainly() {
    let mut provider = OidcProvider::start();
    let app = TestApp::builder()
        .sign_on(&provider.issuer())
        .sign_on_attempts(domain::sign_on::AttemptPolicy {
            minutes: 10,
            per_ip: 2,
        })
        .spawn()
        .await;
    let start = format!("{}/auth/sso/start", app.base);
    let b = browser();
    for _ in 0..2 {
        let res = b.get(&start).send().await.unwrap();
        let to = res.headers()[LOCATION].to_str().unwrap().to_string();
        assert!(to.starts_with(&provider.issuer()), "{to}");
        assert!(to.contains("code_challenge_method=S256"), "{to}");
    }
    let res = b.get(&start).send().await.unwrap();
    assert_eq!(res.headers()[LOCATION], "/login?error=throttled");

    provider.stop();
    let fresh = TestApp::builder().sign_on(&provider.issuer()).spawn().await;
    let res = browser()
        .get(format!("{}/auth/sso/start", fresh.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[LOCATION], "/login?error=sso_unavailable");
}
