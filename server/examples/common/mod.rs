//! What the benchmarks share: the server started in their own process on a database of their
//! own, a dossier's form of a realistic size, and the percentile of a run's latencies. Each
//! benchmark uses part of it.
#![allow(dead_code, reason = "each benchmark uses part of this module")]

use std::time::Duration;

use domain::application::*;

/// The configuration from the environment without the demo; SQLite in a temporary file named
/// after `name` unless `DATABASE_URL` names a PostgreSQL database (which must be empty).
pub fn config(name: &str) -> (server::Config, &'static str) {
    let mut config = server::Config::from_env(&[]).expect("config");
    config.settings.demo = false;
    if config.database_url.starts_with("postgres") {
        return (config, "PostgreSQL");
    }
    let path = std::env::temp_dir().join(format!("stms-{name}-{}.db", std::process::id()));
    config.database_url = format!("sqlite://{}?mode=rwc", path.display());
    (config, "SQLite")
}

/// The server on port 0 in this process (migrating the database); it stops when the sender is
/// dropped or sent to.
pub async fn start(config: &server::Config) -> (server::Running, tokio::sync::oneshot::Sender<()>) {
    let options = leptos::config::LeptosOptions::builder()
        .output_name("stms")
        .site_root("target/site")
        .build();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = server::start(
        config,
        options,
        "127.0.0.1:0".parse().unwrap(),
        async move {
            let _ = stopped.await;
        },
    )
    .await
    .expect("server starts");
    (running, stop)
}

/// A submitted dossier's form of the size a real one has: `title`, in `field`, led by `leader`.
pub fn form(title: String, field: &str, leader: String) -> ApplicationForm {
    ApplicationForm {
        title,
        field: field.into(),
        duration_months: 24,
        urgency: "Cấp thiết ".repeat(40),
        objectives: "Mục tiêu ".repeat(40),
        contents: vec![
            ContentItem {
                title: "Nội dung".into(),
                description: "Mô tả ".repeat(30)
            };
            5
        ],
        methods: "Phương pháp ".repeat(30),
        products: vec![
            ExpectedProduct {
                kind: ProductKind::Report,
                name: "Báo cáo".into(),
                quantity: 1,
                quality_criterion: "Đạt".into()
            };
            3
        ],
        risk_plan: "Rủi ro ".repeat(20),
        team: vec![TeamMember {
            name: leader,
            role: TeamRole::Leader,
            days: 100,
            email: String::new(),
        }],
        budget: vec![],
        departures: String::new(),
    }
}

/// The `p` quantile of latencies sorted ascending (nearest rank).
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}
