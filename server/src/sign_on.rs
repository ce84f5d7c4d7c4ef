//! Single sign-on by OpenID Connect (docs/sign-on.md): the authorisation code flow with PKCE
//! (S256), a state bound to the browser by a cookie and kept in the database (any instance
//! finishes it, once), a nonce, and the ID token's signature, issuer, audience and expiry checked
//! by the `openidconnect` crate against the provider's published keys. Which account the
//! verified identity signs in to is `app::auth::sign_on::sign_in`.
//!
//! `GET /auth/sso/start?next=/…` sends the browser to the provider; `GET /auth/sso/callback`
//! is where it comes back. A refusal goes back to the sign-in page with its reason's code, never
//! anything the provider sent.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use serde::Deserialize;

use crate::AppState;
use app::auth::sign_on::{remember, sign_in, take, Leaving};
use domain::sign_on::Identity;

/// The browser's half of a sign-in's state: without it a callback is refused, so nobody can
/// finish a sign-in they started in someone else's browser (login CSRF).
const STATE_COOKIE: &str = "sso_state";
const CALLBACK_PATH: &str = "/auth/sso/callback";
/// The provider's metadata and keys are fetched again after this, so rotated keys are found.
const METADATA_MAX_AGE: Duration = Duration::from_secs(600);

/// The provider, from the environment (`OIDC_ISSUER_URL`, `OIDC_CLIENT_ID`,
/// `OIDC_CLIENT_SECRET`, `OIDC_PROVIDER_NAME`).
#[derive(Clone, Debug)]
pub struct SignOnConfig {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    /// Shown on the sign-in page: "Đăng nhập bằng {label}".
    pub label: String,
}

impl SignOnConfig {
    pub fn from_env() -> Option<SignOnConfig> {
        let var = |name: &str| std::env::var(name).ok().filter(|s| !s.trim().is_empty());
        Some(SignOnConfig {
            issuer: var("OIDC_ISSUER_URL")?,
            client_id: var("OIDC_CLIENT_ID")?,
            client_secret: var("OIDC_CLIENT_SECRET"),
            label: var("OIDC_PROVIDER_NAME").unwrap_or_else(|| "tài khoản định danh".into()),
        })
    }
}

/// A client of the provider as discovery makes it: the authorisation endpoint set, the token
/// and user info endpoints as the metadata says.
type Client = CoreClient<
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

/// The configured provider, its metadata fetched when first needed and kept a while.
pub struct Provider {
    config: SignOnConfig,
    issuer: IssuerUrl,
    redirect: RedirectUrl,
    http: reqwest::Client,
    metadata: Mutex<Option<(Instant, CoreProviderMetadata)>>,
}

#[derive(Debug, thiserror::Error)]
pub enum SignOnError {
    #[error("configuration: {0}")]
    Config(String),
    #[error("provider unreachable or its answer unusable: {0}")]
    Provider(String),
    #[error("the provider refused the code or sent an ID token that does not verify: {0}")]
    Rejected(String),
}

impl Provider {
    /// The provider `config` names, if any, coming back to `config.settings.public_url`; its
    /// name goes to the settings for the sign-in page.
    pub fn configured(
        config: &mut crate::Config,
    ) -> Result<Option<std::sync::Arc<Provider>>, SignOnError> {
        let Some(c) = config.sign_on.clone() else {
            return Ok(None);
        };
        config.settings.sign_on_label = Some(c.label.clone());
        let provider = Provider::new(c, &config.settings.public_url)?;
        Ok(Some(std::sync::Arc::new(provider)))
    }

    pub fn new(config: SignOnConfig, public_url: &str) -> Result<Provider, SignOnError> {
        let bad = |e: &dyn std::fmt::Display| SignOnError::Config(e.to_string());
        let issuer = IssuerUrl::new(config.issuer.clone()).map_err(|e| bad(&e))?;
        let redirect = RedirectUrl::new(format!(
            "{}{CALLBACK_PATH}",
            public_url.trim_end_matches('/')
        ))
        .map_err(|e| bad(&e))?;
        // Never follow redirects from the provider's endpoints (the crate's advice: SSRF).
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| bad(&e))?;
        Ok(Provider {
            config,
            issuer,
            redirect,
            http,
            metadata: Mutex::new(None),
        })
    }

    pub fn label(&self) -> &str {
        &self.config.label
    }

    async fn metadata(&self) -> Result<CoreProviderMetadata, SignOnError> {
        if let Ok(kept) = self.metadata.lock() {
            if let Some((at, m)) = kept.as_ref() {
                if at.elapsed() < METADATA_MAX_AGE {
                    return Ok(m.clone());
                }
            }
        }
        let fresh = CoreProviderMetadata::discover_async(self.issuer.clone(), &self.http)
            .await
            .map_err(|e| SignOnError::Provider(crate::error_chain(&e)))?;
        if let Ok(mut kept) = self.metadata.lock() {
            *kept = Some((Instant::now(), fresh.clone()));
        }
        Ok(fresh)
    }

    async fn client(&self) -> Result<Client, SignOnError> {
        Ok(CoreClient::from_provider_metadata(
            self.metadata().await?,
            ClientId::new(self.config.client_id.clone()),
            self.config.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(self.redirect.clone()))
    }

    /// Exchanges the code (with the verifier the challenge was made from) and verifies the ID
    /// token; answers what it says about the person.
    async fn identity(
        &self,
        code: String,
        verifier: String,
        nonce: String,
    ) -> Result<Identity, SignOnError> {
        let client = self.client().await?;
        let rejected =
            |e: &(dyn std::error::Error + 'static)| SignOnError::Rejected(crate::error_chain(e));
        let tokens = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| rejected(&e))?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| rejected(&e))?;
        let id_token = tokens
            .id_token()
            .ok_or_else(|| SignOnError::Rejected("no ID token".into()))?;
        let verifier = client.id_token_verifier();
        let claims = id_token
            .claims(&verifier, &Nonce::new(nonce))
            .map_err(|e| rejected(&e))?;
        if let Some(expected) = claims.access_token_hash() {
            let alg = id_token.signing_alg().map_err(|e| rejected(&e))?;
            let key = id_token.signing_key(&verifier).map_err(|e| rejected(&e))?;
            let actual = AccessTokenHash::from_token(tokens.access_token(), alg, key)
                .map_err(|e| rejected(&e))?;
            if actual != *expected {
                return Err(SignOnError::Rejected("access token hash differs".into()));
            }
        }
        let mut identity = Identity {
            subject: claims.subject().as_str().to_string(),
            email: claims.email().map(|e| e.as_str().to_string()),
            email_verified: claims.email_verified() == Some(true),
            name: claims
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_string()),
        };
        if identity.email.is_none() {
            let token = tokens.access_token().clone();
            self.complete_from_user_info(&client, token, claims.subject().clone(), &mut identity)
                .await?;
        }
        Ok(identity)
    }

    /// Many providers put the address and the name in the user info only, not in the ID token:
    /// asked with the access token, for the subject the ID token names (the crate refuses an
    /// answer about anyone else).
    async fn complete_from_user_info(
        &self,
        client: &Client,
        token: openidconnect::AccessToken,
        subject: openidconnect::SubjectIdentifier,
        identity: &mut Identity,
    ) -> Result<(), SignOnError> {
        let Ok(request) = client.user_info(token, Some(subject)) else {
            return Ok(()); // The provider has no user info endpoint.
        };
        let info: openidconnect::core::CoreUserInfoClaims = request
            .request_async(&self.http)
            .await
            .map_err(|e| SignOnError::Rejected(crate::error_chain(&e)))?;
        identity.email = info.email().map(|e| e.as_str().to_string());
        identity.email_verified = info.email_verified() == Some(true);
        identity.name = info
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_string())
            .or(identity.name.take());
        Ok(())
    }
}

#[derive(Deserialize)]
pub struct StartQuery {
    #[serde(default)]
    next: String,
}

/// Sends the browser to the provider with a fresh state, nonce and PKCE challenge.
pub async fn start(
    State(state): State<AppState>,
    Query(q): Query<StartQuery>,
    req: Request,
) -> Response {
    let Some(provider) = state.sign_on.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let next = domain::session::safe_next(&q.next)
        .unwrap_or("/")
        .to_string();
    let client = match provider.client().await {
        Ok(c) => c,
        Err(e) => return failed(&e, "sso_unavailable"),
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let ip = crate::request::client_ip(&req, state.trust_proxy);
    let st = &state.server;
    let leaving = Leaving {
        state: csrf.secret(),
        verifier: verifier.secret(),
        nonce: nonce.secret(),
        next: &next,
        ip: &ip,
    };
    match remember(
        &st.db,
        leaving,
        st.settings.sign_on_attempts,
        st.clock.now(),
    )
    .await
    {
        Ok(true) => {
            let cookie = state_cookie(csrf.secret(), &state);
            see_other(url.as_str(), &[cookie])
        }
        Ok(false) => see_other("/login?error=throttled", &[]),
        Err(e) => {
            tracing::error!(error = ?e, "single sign-on not started");
            see_other("/login?error=unavailable", &[])
        }
    }
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    /// The issuer the provider says it is (RFC 9207), against a mix-up with another provider.
    iss: Option<String>,
}

/// Where the provider sends the browser back: the state must be the one this browser started
/// (its cookie) and one still waiting (taken once); then the code is exchanged, the ID token
/// verified and the person signed in.
pub async fn callback(
    State(state): State<AppState>,
    Query(q): Query<CallbackQuery>,
    req: Request,
) -> Response {
    let Some(provider) = state.sign_on.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let clear = clear_state_cookie(&state);
    let back = |code: &str| {
        see_other(
            &format!("/login?error={code}"),
            std::slice::from_ref(&clear),
        )
    };
    let browser = app::auth::server::cookie(req.headers(), STATE_COOKIE).map(str::to_string);
    let Some(returned_state) = q.state.filter(|s| browser.as_deref() == Some(s.as_str())) else {
        return back("sso_expired");
    };
    let st = &state.server;
    let now = st.clock.now();
    let policy = st.settings.sign_on_attempts;
    let waiting = match take(&st.db, &returned_state, policy, now).await {
        Ok(Some(w)) => w,
        Ok(None) => return back("sso_expired"),
        Err(e) => return failed(&e, "unavailable"),
    };
    if let Some(error) = q.error {
        tracing::info!(error = %error.chars().take(100).collect::<String>(), "the provider refused the sign-in");
        return back("sso_denied");
    }
    if q.iss.is_some_and(|iss| iss != provider.issuer.as_str()) {
        return back("sso_failed");
    }
    let Some(code) = q.code else {
        return back("sso_failed");
    };
    let identity = match provider
        .identity(code, waiting.verifier, waiting.nonce)
        .await
    {
        Ok(i) => i,
        Err(e) => return failed(&e, "sso_failed"),
    };
    match sign_in(&st.db, provider.issuer.as_str(), &identity, now).await {
        Ok(Ok(token)) => {
            let session = app::auth::server::session_cookie(&token, &st.settings);
            see_other(&waiting.next, &[clear, session])
        }
        Ok(Err(problem)) => {
            tracing::info!(%problem, "single sign-on refused");
            back(problem.code())
        }
        Err(e) => failed(&e, "unavailable"),
    }
}

/// A failure that is not the person's doing: logged with its causes, the person sent back to
/// the sign-in page with `code`.
fn failed(e: &(dyn std::error::Error + 'static), code: &str) -> Response {
    tracing::warn!(error = %crate::error_chain(e), "single sign-on failed");
    see_other(&format!("/login?error={code}"), &[])
}

fn state_cookie(value: &str, state: &AppState) -> String {
    let minutes = state.server.settings.sign_on_attempts.minutes;
    format!(
        "{STATE_COOKIE}={value}; Path=/auth/sso; HttpOnly; SameSite=Lax; Max-Age={}{}",
        minutes * 60,
        secure(state)
    )
}

fn clear_state_cookie(state: &AppState) -> String {
    format!(
        "{STATE_COOKIE}=; Path=/auth/sso; HttpOnly; SameSite=Lax; Max-Age=0{}",
        secure(state)
    )
}

fn secure(state: &AppState) -> &'static str {
    if state.server.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    }
}

/// The sign-in form's redirect (`sign_in::see_other`), setting `cookies`.
fn see_other(to: &str, cookies: &[String]) -> Response {
    let mut headers = http::HeaderMap::new();
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(c) {
            headers.append(header::SET_COOKIE, v);
        }
    }
    crate::sign_in::see_other(to, Some(&headers))
}
