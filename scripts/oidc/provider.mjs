// A real OpenID Connect provider for the tests' single sign-on (docs/sign-on.md): the certified
// `oidc-provider` package, run with its development sign-in form. It stands in for VNeID or a
// province's identity provider; only who may sign in is made up:
//
//   login  = [unverified:]e-mail[#name]   (any password)
//
// The whole login is the person's subject (`sub`), so two logins naming one address are two
// identities. The address is verified unless the login starts with `unverified:`.
//
//   OIDC_PORT (4400), OIDC_CLIENT_ID (stms), OIDC_CLIENT_SECRET (stms-test-secret)
//
// The client may come back to any port of 127.0.0.1 (a test server's port is chosen at start), at
// `/auth/sso/callback` only; PKCE is required of it.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 4400);
const issuer = `http://127.0.0.1:${port}`;
const clientId = process.env.OIDC_CLIENT_ID ?? 'stms';
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? 'stms-test-secret';

function person(login) {
  const verified = !login.startsWith('unverified:');
  const rest = verified ? login : login.slice('unverified:'.length);
  const [email, name] = rest.split('#');
  return { sub: login, email, email_verified: verified, ...(name ? { name } : {}) };
}

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: ['http://127.0.0.1/auth/sso/callback'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  scopes: ['openid', 'email', 'profile'],
  pkce: { required: () => true },
  cookies: { keys: ['stms-test-provider-only'] },
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return person(id); } };
  },
  // The department's own system: no consent screen, as a first-party client.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['email', 'email_verified', 'name']);
    await grant.save();
    return grant;
  },
});

const allowed = provider.Client.prototype.redirectUriAllowed;
provider.Client.prototype.redirectUriAllowed = function loopback(value) {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' && url.hostname === '127.0.0.1'
      && url.pathname === '/auth/sso/callback' && !url.search && !url.hash) {
      return true;
    }
  } catch { /* not a URL: the provider's own check refuses it */ }
  return allowed.call(this, value);
};

provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
