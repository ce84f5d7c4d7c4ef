//! Sign-ins that succeed: linking by a verified address, then by the subject; a new account.

use super::*;
use app::db::entities::{user, user_identity};
use domain::roles::{Role, Scope};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn links(app: &TestApp) -> Vec<user_identity::Model> {
    user_identity::Entity::find().all(&app.db).await.unwrap()
}

#[tokio::test]
async fn the_first_sign_in_links_the_account_of_the_verified_address_and_later_ones_the_subject() {
    let provider = OidcProvider::start();
    let app = TestApp::builder().sign_on(&provider.issuer()).spawn().await;
    let an = app
        .user("an.nguyen@vien.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    let b = browser();
    // The provider's address differs in case only: one account.
    let (to, session) = sign_in(&app, &b, "An.Nguyen@Vien.vn#Nguyễn Văn An").await;
    assert_eq!((to.as_str(), session), ("/applications", true));
    let first = me(&app, &b).await.expect("signed in");
    assert_eq!(first["user_id"], an);
    let linked = links(&app).await;
    assert_eq!(linked.len(), 1);
    assert_eq!(
        (
            linked[0].user_id,
            linked[0].issuer.as_str(),
            linked[0].subject.as_str()
        ),
        (
            an,
            provider.issuer().as_str(),
            "An.Nguyen@Vien.vn#Nguyễn Văn An"
        )
    );
    // The name the account has is kept: the provider's is only for new accounts.
    assert_eq!(first["display_name"], "Người dùng an.nguyen@vien.vn");

    // Another browser, the same identity: the link is found, nothing new is made.
    let again = browser();
    let (to, session) = sign_in(&app, &again, "An.Nguyen@Vien.vn#Nguyễn Văn An").await;
    assert_eq!((to.as_str(), session), ("/applications", true));
    assert_eq!(me(&app, &again).await.unwrap()["user_id"], an);
    assert_eq!(links(&app).await.len(), 1);
}

#[tokio::test]
async fn a_new_verified_address_gets_a_researchers_account_named_as_the_provider_says() {
    let provider = OidcProvider::start();
    let app = TestApp::builder().sign_on(&provider.issuer()).spawn().await;
    let before = user::Entity::find().count(&app.db).await.unwrap();
    let b = browser();
    let (to, session) = sign_in(&app, &b, "binh.tran@dn.vn#Trần Thị Bình").await;
    assert_eq!((to.as_str(), session), ("/applications", true));
    let me = me(&app, &b).await.expect("signed in");
    assert_eq!(me["email"], "binh.tran@dn.vn");
    assert_eq!(me["display_name"], "Trần Thị Bình");
    assert_eq!(me["must_change_password"], false);
    let grants: Vec<domain::roles::RoleGrant> =
        serde_json::from_value(me["grants"].clone()).unwrap();
    assert_eq!(
        grants,
        vec![domain::roles::RoleGrant::new(Role::Researcher, Scope::Global).unwrap()]
    );
    assert_eq!(
        user::Entity::find().count(&app.db).await.unwrap(),
        before + 1
    );
    // Nobody knows the new account's password: it opens only through the provider (or a
    // reset link sent to the address).
    let r = app
        .login_with(
            &app.new_client(),
            "binh.tran@dn.vn",
            crate::helpers::PASSWORD,
        )
        .await;
    assert_eq!(r.status, 401, "{:?}", r.body);
    let linked = user_identity::Entity::find()
        .filter(user_identity::Column::Subject.eq("binh.tran@dn.vn#Trần Thị Bình"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(linked, 1);
}

#[tokio::test]
async fn the_sign_in_page_offers_the_provider_only_when_one_is_configured() {
    let provider = OidcProvider::start();
    let with = TestApp::builder().sign_on(&provider.issuer()).spawn().await;
    let page = reqwest::get(format!("{}/login", with.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("data-testid=\"sso-login\""), "{page}");
    assert!(page.contains("Cổng định danh thử nghiệm"));
    assert!(page.contains("/auth/sso/start?next="));

    let without = TestApp::spawn().await;
    let page = reqwest::get(format!("{}/login", without.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("sso-login"));
    let res = browser()
        .get(format!("{}/auth/sso/start", without.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}
