//! A server per test on port 0 with its own fresh database: SQLite by default, PostgreSQL when
//! `TEST_DATABASE_URL` points at a server (each test then creates its own database there).

use std::sync::atomic::{AtomicU64, Ordering};

use app::db::accounts::{insert_grant, insert_user, NewUser};
use domain::rate_limit::LoginThrottle;
use domain::roles::{Role, RoleGrant, Scope};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{json, Value};
use server::{Config, Running};

pub const PASSWORD: &str = "Mật khẩu đủ dài 2026";

static COUNTER: AtomicU64 = AtomicU64::new(0);

pub struct TestApp {
    pub base: String,
    pub db: DatabaseConnection,
    pub running: Running,
    /// A client that keeps cookies, like a browser.
    pub client: reqwest::Client,
    _shutdown: tokio::sync::oneshot::Sender<()>,
    pub config: Config,
}

pub struct Reply {
    pub status: u16,
    pub body: Value,
}

pub(crate) fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "stms_t{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        n
    )
}

pub(crate) async fn fresh_database_url() -> String {
    let name = unique_name();
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            let admin = Database::connect(admin_url.clone())
                .await
                .expect("connect to postgres");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            admin.close().await.ok();
            let (base, _) = admin_url
                .rsplit_once('/')
                .expect("postgres url has a database");
            format!("{base}/{name}")
        }
        _ => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            format!("sqlite://{}?mode=rwc", path.display())
        }
    }
}

pub struct Builder {
    config: Config,
    /// A standby's address with any database: the test's own database on it is the replica.
    replica: Option<String>,
}

impl TestApp {
    pub fn builder() -> Builder {
        let mut config = Config::from_env(&[]).expect("config");
        config.settings.demo = false;
        config.public_url = None;
        config.settings.public_url = String::new();
        config.trust_proxy = false;
        // Mail goes to the log unless a test starts an SMTP server (mail.rs).
        config.mail.smtp_url = None;
        config.sign_on = None;
        Builder {
            config,
            replica: None,
        }
    }

    pub async fn spawn() -> TestApp {
        TestApp::builder().spawn().await
    }

    pub fn clock(&self) -> &app::db::Clock {
        &self.running.state.server.clock
    }

    pub fn new_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap()
    }

    /// Calls a server function with a JSON body, from `client`.
    pub async fn call_with(&self, client: &reqwest::Client, path: &str, body: Value) -> Reply {
        let res = client
            .post(format!("{}{}", self.base, path))
            .json(&body)
            .send()
            .await
            .expect("request");
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply { status, body }
    }

    pub async fn call(&self, path: &str, body: Value) -> Reply {
        self.call_with(&self.client, path, body).await
    }

    /// Creates an active account with `PASSWORD` and the given global (or scoped) roles.
    pub async fn user(&self, email: &str, grants: &[(Role, Scope)]) -> i32 {
        let now = chrono::Utc::now();
        let hash = app::auth::server::hash_password(PASSWORD.into())
            .await
            .unwrap();
        let row = insert_user(
            &self.db,
            NewUser {
                email: email.into(),
                display_name: format!("Người dùng {email}"),
                password_hash: hash,
                organisation_id: None,
                must_change_password: false,
            },
            now,
        )
        .await
        .unwrap();
        for (role, scope) in grants {
            let g = RoleGrant::new(*role, *scope).unwrap();
            insert_grant(&self.db, row.id, g, row.id, now)
                .await
                .unwrap();
        }
        row.id
    }

    /// Creates an organisation directly in the database.
    /// An organisation marked as a managing unit of grassroots tasks.
    pub async fn db_unit(&self, name: &str) -> i32 {
        use sea_orm::{ActiveModelTrait, Set};
        app::db::entities::organisation::ActiveModel {
            name: Set(name.into()),
            created_at: Set(chrono::Utc::now()),
            manages_tasks: Set(true),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap()
        .id
    }

    pub async fn db_org(&self, name: &str) -> i32 {
        use sea_orm::{ActiveModelTrait, Set};
        app::db::entities::organisation::ActiveModel {
            name: Set(name.into()),
            short_name: Set(None),
            tax_code: Set(None),
            address: Set(None),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap()
        .id
    }

    pub async fn login_with(&self, client: &reqwest::Client, email: &str, password: &str) -> Reply {
        self.call_with(
            client,
            "/api/auth/login",
            json!({ "email": email, "password": password }),
        )
        .await
    }

    pub async fn login(&self, email: &str) -> Reply {
        self.login_with(&self.client, email, PASSWORD).await
    }
}

impl Builder {
    pub fn throttle(mut self, throttle: LoginThrottle) -> Builder {
        self.config.settings.throttle = throttle;
        self
    }

    /// Holds the server's clock still at `at` (move it with `TestApp::clock().set`).
    pub fn fixed_clock(mut self, at: chrono::DateTime<chrono::Utc>) -> Builder {
        self.config.clock = app::db::Clock::fixed(at);
        self
    }

    /// As if served over https (secure cookies, HSTS).
    pub fn https(mut self) -> Builder {
        self.config.settings.secure_cookies = true;
        self
    }

    pub fn uploads(mut self, policy: domain::attachment::UploadPolicy) -> Builder {
        self.config.settings.uploads = policy;
        self
    }

    /// Sends mail to a real SMTP server, looking for it every `poll_ms` and retrying after a
    /// second at first.
    pub fn smtp(mut self, url: &str, poll_ms: u64) -> Builder {
        self.config.mail.smtp_url = Some(url.into());
        self.config.mail.poll = std::time::Duration::from_millis(poll_ms);
        self.config.mail.retry.first_seconds = 1;
        self
    }

    /// Looks for reminders due every `ms` (by default every few minutes, the first that long
    /// after start: other tests' drafts on a call closing soon remind nobody mid-test).
    pub fn reminders_every(mut self, ms: u64) -> Builder {
        self.config.mail.reminders_every = std::time::Duration::from_millis(ms);
        self
    }

    /// Signs in through the OpenID Connect provider at `issuer` (the tests' `oidc-provider`).
    pub fn sign_on(mut self, issuer: &str) -> Builder {
        self.config.sign_on = Some(server::sign_on::SignOnConfig {
            issuer: issuer.into(),
            client_id: "stms".into(),
            client_secret: Some("stms-test-secret".into()),
            label: "Cổng định danh thử nghiệm".into(),
        });
        self
    }

    pub fn sign_on_attempts(mut self, policy: domain::sign_on::AttemptPolicy) -> Builder {
        self.config.settings.sign_on_attempts = policy;
        self
    }

    /// Keeps attachments in the database (`STMS_FILE_STORE=database`).
    pub fn files_in_database(mut self) -> Builder {
        self.config.files_in_database = true;
        self
    }

    pub fn mail_config(&self) -> &server::config::MailConfig {
        &self.config.mail
    }

    /// Reads the portal from the test database's copy on the standby at `admin_url`.
    pub fn replica(mut self, admin_url: &str) -> Builder {
        self.replica = Some(admin_url.into());
        self
    }

    pub async fn spawn(mut self) -> TestApp {
        self.config.database_url = fresh_database_url().await;
        if let Some(admin) = &self.replica {
            self.config.replica_url = Some(replica_of(&self.config.database_url, admin).await);
        }
        self.config.files_dir = std::env::temp_dir().join(format!("{}-files", unique_name()));
        start_with(self.config).await
    }
}

/// The same database on the standby at `admin`, once the standby has replayed its creation.
async fn replica_of(primary: &str, admin: &str) -> String {
    let (_, name) = primary.rsplit_once('/').expect("a database name");
    let (base, _) = admin.rsplit_once('/').expect("a database name");
    let url = format!("{base}/{name}");
    let t = std::time::Instant::now();
    while Database::connect(url.clone()).await.is_err() {
        assert!(
            t.elapsed().as_secs() < 20,
            "{url}: the standby has not replayed it"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    url
}

pub(crate) async fn start_with(config: Config) -> TestApp {
    let options = leptos::config::LeptosOptions::builder()
        .output_name("stms")
        .site_root("target/site")
        .build();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let running = server::start(
        &config,
        options,
        "127.0.0.1:0".parse().unwrap(),
        async move {
            let _ = rx.await;
        },
    )
    .await
    .expect("server starts");
    let base = format!("http://{}", running.addr);
    let db = running.state.server.db.clone();
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    TestApp {
        base,
        db,
        running,
        client,
        _shutdown: tx,
        config,
    }
}

impl TestApp {
    /// Stops the server (requests in flight finish) and answers where its data lives, for a
    /// process of the server to carry on with (the crash test).
    pub async fn stop(self) -> (String, std::path::PathBuf) {
        let _ = self._shutdown.send(());
        let _ = self.running.handle.await;
        let _ = self.db.close().await;
        (self.config.database_url, self.config.files_dir)
    }
}
