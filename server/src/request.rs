//! What a request brings in before any server function or page runs: who asks (session or
//! token), from which address (behind a trusted proxy, the address it appended), the page's CSP
//! nonce, and whether a cookie-carrying write comes from another site.

use super::*;

/// What a request carries into Leptos: who asks, from where, and the page's CSP nonce.
#[derive(Clone)]
pub(crate) struct RequestContext {
    pub(crate) server: ServerState,
    pub(crate) principal: Principal,
    pub(crate) ip: ClientIp,
    pub(crate) nonce: Option<Nonce>,
}

impl RequestContext {
    /// Reads what it needs from the request first: only owned values cross the await, since a
    /// borrowed request would make the handler's future `!Send`.
    pub(crate) fn of(
        state: &AppState,
        req: &Request,
    ) -> impl std::future::Future<Output = Result<RequestContext, Response>> + Send + 'static {
        let headers = req.headers().clone();
        let ip = ClientIp(client_ip(req, state.trust_proxy));
        let nonce = req.extensions().get::<Nonce>().cloned();
        let state = state.clone();
        async move { Self::resolved(state, headers, ip, nonce).await }
    }

    async fn resolved(
        state: AppState,
        headers: http::HeaderMap,
        ip: ClientIp,
        nonce: Option<Nonce>,
    ) -> Result<RequestContext, Response> {
        let principal = resolve(&state.server, &headers, state.server.clock.now())
            .await
            .map_err(|_| internal_error_page())?;
        Ok(RequestContext {
            server: state.server.clone(),
            principal,
            ip,
            nonce,
        })
    }

    pub(crate) fn provide(&self) {
        provide_context(self.server.clone());
        provide_context(self.principal.clone());
        provide_context(self.ip.clone());
        if let Some(n) = &self.nonce {
            provide_context(n.clone());
        }
    }
}

/// The client as the trusted proxy saw it: the last address of `X-Forwarded-For`, the one the
/// proxy appended. Earlier entries are whatever the client chose to send.
fn forwarded_client(header: &str) -> Option<&str> {
    header.rsplit(',').map(str::trim).find(|s| !s.is_empty())
}

pub(crate) fn client_ip(req: &Request, trust_proxy: bool) -> String {
    if trust_proxy {
        if let Some(last) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(forwarded_client)
        {
            return last.to_string();
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// A cookie-authenticated write from another site is refused: SameSite=Lax already keeps the
/// cookie off cross-site POSTs; this also covers browsers that do not honour it.
pub(crate) fn cross_site_write(req: &Request) -> bool {
    if req.method() == Method::GET || req.headers().contains_key(header::AUTHORIZATION) {
        return false;
    }
    let (Some(origin), Some(host)) = (
        req.headers()
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok()),
        req.headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok()),
    ) else {
        return false;
    };
    let origin_host = origin.split("://").nth(1).unwrap_or(origin);
    origin_host != host
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;

    #[test]
    fn the_client_is_the_address_the_proxy_appended_not_what_the_client_sent() {
        assert_eq!(forwarded_client("6.6.6.6, 10.0.0.7"), Some("10.0.0.7"));
        assert_eq!(forwarded_client("10.0.0.7"), Some("10.0.0.7"));
        assert_eq!(forwarded_client("1.2.3.4,  "), Some("1.2.3.4"));
        assert_eq!(forwarded_client(""), None);
    }
}
