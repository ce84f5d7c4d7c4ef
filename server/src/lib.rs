//! The axum server: wiring only. Rules live in `domain`, pages and server functions in `app`.

pub mod backup;
pub mod config;
mod database;
pub mod demo;
mod demo_programme;
mod demo_proposals;
mod demo_task;
mod demo_units;
mod files;
mod input;
pub mod mailer;
mod request;
mod sign_in;
pub mod sign_on;

pub use database::{connect, state};
use request::{cross_site_write, RequestContext};
pub mod precompress;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use app::auth::server::{resolve, ClientIp, Principal};
use app::db::ServerState;
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRef, Request, State};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::{header, HeaderValue, Method, StatusCode};
use leptos::config::LeptosOptions;
use leptos::nonce::Nonce;
use leptos::prelude::provide_context;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use config::Config;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Largest request body accepted by server functions: JSON for forms is small. File uploads
/// have their own route, limited to the upload policy's file size plus the form around it.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The upload routes' paths (multipart server functions): a dossier's attachments, a
/// programme figure with its evidence.
const UPLOAD_PATHS: [&str; 2] = [
    "/api/applications/attachments/upload",
    "/api/programme/figures/submit",
];

/// How long the one-time setup link stays valid.
pub const SETUP_LINK_MINUTES: i64 = 60;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub server: ServerState,
    pub trust_proxy: bool,
    /// Serve `x.br` twins of the built assets (see `precompress`).
    #[from_ref(skip)]
    pub precompressed: bool,
    /// The single sign-on provider, when one is configured (docs/sign-on.md).
    #[from_ref(skip)]
    pub sign_on: Option<Arc<sign_on::Provider>>,
}

pub fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}

/// The error and all its causes on one line, for the log.
pub fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// The `GET` routes that answer with a file: attachments and evidence, exports, open data.
fn file_routes() -> Router<AppState> {
    Router::new()
        .route("/files/attachments/{id}", get(files::attachment))
        .route("/files/programme/figures/{id}", get(files::figure_evidence))
        .route("/exports/programme/{year}", get(files::programme_xlsx))
        .route("/exports/report/{year}", get(files::year_report))
        .route(
            "/exports/calls/{id}/applications.xlsx",
            get(files::applications_export),
        )
        .route("/exports/calls/{id}/approval.pdf", get(files::approval_pdf))
        .route(
            "/exports/rounds/{id}/ordered-list.pdf",
            get(files::ordered_list_pdf),
        )
        .route(
            "/exports/fund/years/{year}/report.xlsx",
            get(files::fund_year_xlsx),
        )
        .route(
            "/exports/identification/{id}/minutes.pdf",
            get(files::identification_minutes_pdf),
        )
        .route(
            "/exports/councils/{id}/minutes.pdf",
            get(files::minutes_pdf),
        )
        .route(
            "/exports/councils/{id}/scores.xlsx",
            get(files::scores_xlsx),
        )
        .route(
            "/exports/contracts/{id}/acceptance.pdf",
            get(files::acceptance_pdf),
        )
        .route("/open-data/tasks.csv", get(files::open_data_csv))
        .route("/open-data/tasks.json", get(files::open_data_json))
        .route("/open-data/schema.json", get(files::open_data_schema))
}

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    // Leptos resources spawn their futures on this executor during server rendering; a second
    // call (several servers in one test process) is a harmless error.
    let _ = any_spawner::Executor::init_tokio();
    let pkg_dir = format!(
        "{}/{}",
        state.leptos_options.site_root, state.leptos_options.site_pkg_dir
    );
    let pkg_route = format!("/{}", state.leptos_options.site_pkg_dir);
    // Built assets keep their names between builds, so browsers revalidate them (cheap 304s)
    // rather than cache them blindly.
    let static_files = Router::new()
        .fallback_service(if state.precompressed {
            ServeDir::new(&pkg_dir).precompressed_br()
        } else {
            ServeDir::new(&pkg_dir)
        })
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=0, must-revalidate"),
        ));
    let max_upload = usize::try_from(state.server.settings.uploads.max_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(64 * 1024);
    Router::new()
        .route("/healthz", get(healthz))
        .route("/early.js", get(early_script))
        .route("/login", get(page).post(sign_in::sign_in))
        .route("/auth/sso/start", get(sign_on::start))
        .route("/auth/sso/callback", get(sign_on::callback))
        .route("/api/openapi.json", get(openapi))
        .route(
            "/api/{*fn_name}",
            post(server_fn).layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES)),
        )
        .route(
            UPLOAD_PATHS[0],
            post(server_fn).layer(RequestBodyLimitLayer::new(max_upload)),
        )
        .route(
            UPLOAD_PATHS[1],
            post(server_fn).layer(RequestBodyLimitLayer::new(max_upload)),
        )
        .merge(file_routes())
        .nest(&pkg_route, static_files)
        .route("/", get(page))
        .fallback(page)
        .layer(middleware::from_fn(no_store_for_dynamic))
        .with_state(state.clone())
        .layer(middleware::from_fn_with_state(
            state.server.settings.secure_cookies,
            security_headers,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_page))
        // Brotli's default quality (11) costs milliseconds of CPU per page and far more per
        // WebAssembly chunk, on every response: quality 4 compresses nearly as well for text at
        // a small fraction of the work.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(4)))
        .layer(RequestBodyLimitLayer::new(max_upload))
        .layer(TraceLayer::new_for_http())
}

/// The API's OpenAPI 3.1 document, built once from the registry (`app::registry`).
async fn openapi() -> Response {
    static DOCUMENT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        serde_json::to_string(&app::registry::openapi::document())
            .expect("the document is plain data")
    });
    (
        [(header::CONTENT_TYPE, "application/vnd.oai.openapi+json")],
        DOCUMENT.as_str(),
    )
        .into_response()
}

/// The small script that keeps what is typed and pressed before the page wakes
/// (public/early.js, docs/browser.md): part of the binary, so every instance serves its own.
async fn early_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=0, must-revalidate"),
        ],
        include_str!("../../public/early.js"),
    )
        .into_response()
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.server.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %error_chain(&e), "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

async fn server_fn(State(state): State<AppState>, req: Request) -> Response {
    if cross_site_write(&req) {
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    // The multipart decoder cannot read a body without a boundary: refuse it here, plainly.
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data") && ct.contains("boundary="));
    if UPLOAD_PATHS.contains(&req.uri().path()) && !multipart {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Cần gửi tệp dạng multipart/form-data. / multipart/form-data with a boundary expected.",
        )
            .into_response();
    }
    let req = if multipart {
        req
    } else {
        match input::without_nul(req).await {
            Ok(r) => r,
            Err(resp) => return resp,
        }
    };
    let ctx = match RequestContext::of(&state, &req).await {
        Ok(c) => c,
        Err(resp) => return resp,
    };
    let res = leptos_axum::handle_server_fns_with_context(move || ctx.provide(), req)
        .await
        .into_response();
    bad_request_status(res).await
}

/// Arguments that fail to decode never reach the function, so nothing set the status: the
/// error comes back as 500. Such an answer is the caller's mistake and gets 400.
async fn bad_request_status(res: Response) -> Response {
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    if let Ok(app::error::AppError::BadRequest(_)) = serde_json::from_slice(&bytes) {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}

async fn page(State(state): State<AppState>, req: Request) -> Response {
    let ctx = match RequestContext::of(&state, &req).await {
        Ok(c) => c,
        Err(resp) => return resp,
    };
    let options = state.leptos_options.clone();
    // Async rendering waits for the page's data, so the status (403, 404) is known before the
    // first byte is sent.
    let handler = leptos_axum::render_app_async_with_context(
        move || ctx.provide(),
        move || app::shell(options.clone()),
    );
    handler(req).await.into_response()
}

/// Pages and API answers depend on who asks: never cache them in shared caches. (Static files
/// set their own `Cache-Control` and are left alone.)
async fn no_store_for_dynamic(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    if !res.headers().contains_key(header::CACHE_CONTROL) {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Security headers on every response, with a fresh CSP nonce for the page's inline
/// hydration script. `'wasm-unsafe-eval'` lets the browser compile the app's WebAssembly.
/// `https` says the site is served over TLS (secure cookies, an `https://` public address): then
/// browsers are also told to come back only over https (HSTS).
async fn security_headers(State(https): State<bool>, mut req: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    req.extensions_mut().insert(nonce);
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

fn internal_error_page() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Html(
            "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Lỗi hệ thống</title></head>\
             <body><h1>Đã có lỗi ngoài dự kiến</h1><p>Hệ thống gặp sự cố. Vui lòng thử lại sau ít phút.</p>\
             <p lang=\"en\">Something went wrong. Please try again in a few minutes.</p><p><a href=\"/\">Trang chủ</a></p></body></html>",
        ),
    )
        .into_response()
}

fn panic_page(err: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    let detail = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    tracing::error!(panic = %detail, "request handler panicked");
    internal_error_page()
}

/// The demo province, into an empty database.
async fn seed_demo(st: &ServerState, now: chrono::DateTime<chrono::Utc>) -> Result<(), BoxError> {
    if let Some(call_id) = demo::seed_if_empty(&st.db, now).await? {
        demo_task::seed(st, call_id).await?;
        let institute = demo::organisation_id(&st.db, demo::INSTITUTE).await?;
        demo_proposals::seed(st, institute).await?;
        let university = demo::organisation_id(&st.db, demo::UNIVERSITY).await?;
        demo_units::seed(st, university).await?;
        demo_programme::seed(st).await?;
    }
    Ok(())
}

/// A server bound and ready, with its address and the state it serves.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    pub handle: tokio::task::JoinHandle<Result<(), std::io::Error>>,
}

/// Connects, migrates, seeds or prints the setup link, binds `addr` and serves in the
/// background until `shutdown` completes.
pub async fn start(
    config: &Config,
    leptos_options: LeptosOptions,
    addr: SocketAddr,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<Running, BoxError> {
    // Bound first: the address is the base of links in mails when PUBLIC_URL is not set.
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let mut config = config.clone();
    if config.settings.public_url.is_empty() {
        config.settings.public_url = format!("http://{addr}");
    }
    let sign_on = sign_on::Provider::configured(&mut config)?;
    let config = &config;
    let mailer = mailer::Mailer::new(&config.mail)?;
    let db = connect(&config.database_url).await?;
    let server_state = state(db, config).await?;
    let now = server_state.clock.now();
    app::calls::api::server::ensure_rulebook(&server_state.db, now)
        .await
        .map_err(|e| e.to_string())?;
    if config.settings.demo {
        seed_demo(&server_state, now).await?;
    }
    if !config.settings.demo {
        if let Some(token) = app::setup::api::issue_setup_token(
            &server_state.db,
            now,
            chrono::Duration::minutes(SETUP_LINK_MINUTES),
        )
        .await
        .map_err(|e| e.to_string())?
        {
            let base = config
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{addr}"));
            println!(
                "\nChưa có tài khoản nào. Mở liên kết sau (hết hạn sau {SETUP_LINK_MINUTES} phút) để tạo quản trị viên đầu tiên:\n\
                 No account exists yet. Open this link (expires in {SETUP_LINK_MINUTES} minutes) to create the first administrator:\n\
                 {base}/setup?token={token}\n"
            );
        }
    }
    spawn_purger(server_state.clone());
    mailer::spawn(server_state.clone(), mailer, &config.mail);
    if config.precompress {
        let dir = std::path::Path::new(&leptos_options.site_root.to_string())
            .join(leptos_options.site_pkg_dir.to_string());
        // A twin older than its asset is never served: removed before the first request,
        // then every missing twin is written in the background (assets are compressed per
        // response until then).
        if let Err(e) = precompress::remove_stale(&dir) {
            tracing::warn!(error = %e, dir = %dir.display(), "stale compressed assets");
        }
        tokio::task::spawn_blocking(move || match precompress::precompress(&dir) {
            Ok(n) if n > 0 => tracing::info!(files = n, "assets precompressed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, dir = %dir.display(), "assets not precompressed"),
        });
    }
    let state = AppState {
        leptos_options,
        server: server_state,
        trust_proxy: config.trust_proxy,
        precompressed: config.precompress,
        sign_on,
    };
    let app = router(state.clone());
    let handle = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
    });
    Ok(Running {
        addr,
        state,
        handle,
    })
}

/// How often expired sessions, old sign-in failures and dead setup links are deleted.
const PURGE_EVERY: Duration = Duration::from_secs(15 * 60);

fn spawn_purger(state: ServerState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(PURGE_EVERY);
        loop {
            tick.tick().await;
            let now = state.clock.now();
            match app::auth::server::purge_expired(&state.db, &state.settings, now).await {
                Ok(n) if n > 0 => tracing::info!(rows = n, "purged expired sign-in records"),
                Ok(_) => {}
                Err(_) => tracing::warn!("purging expired sign-in records failed"),
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}

/// The binary's whole life.
pub async fn run(args: &[String]) -> Result<(), BoxError> {
    let config = Config::from_env(args)?;
    // `server backup DIR` and `server restore FOLDER` (docs/backups.md).
    match (args.get(1).map(String::as_str), args.get(2)) {
        (Some("backup"), Some(dir)) => {
            let folder = backup::backup(&config, std::path::Path::new(dir)).await?;
            println!("{}", folder.display());
            return Ok(());
        }
        (Some("restore"), Some(folder)) => {
            let files = backup::restore(&config, std::path::Path::new(folder)).await?;
            println!("restored the database and {files} files");
            return Ok(());
        }
        (Some("backup" | "restore"), None) => {
            return Err("usage: server backup DIR | server restore FOLDER".into());
        }
        _ => {}
    }
    let leptos_options = leptos::config::get_configuration(None)?.leptos_options;
    let addr = leptos_options.site_addr;
    let running = start(&config, leptos_options, addr, shutdown_signal()).await?;
    tracing::info!(addr = %running.addr, demo = config.settings.demo, "listening on http://{}", running.addr);
    if config.settings.demo {
        demo::print_accounts();
    }
    running.handle.await??;
    Ok(())
}
