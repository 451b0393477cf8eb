import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Adapter, type AdapterPayload } from 'oidc-provider';

/** A person at the test municipality's provider, with the claims it sends. */
export interface TestIdpUser {
  email: string;
  name: string;
  roles: string[];
  administration?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers Byløft's address with the provider (the redirect and post-logout addresses). Call before signing in. */
  registerClient(byloeftBase: string): void;
  /** From now on every authorization code the provider has issued reads as expired. */
  expireCodes(on: boolean): void;
  close(): Promise<void>;
}

const CLIENT_ID = 'byloeft-test';
const CLIENT_SECRET = 'byloeft-test-client-secret';

/** The provider's storage, in memory; a code can be made to read as expired (instead of waiting for it). */
function memoryAdapter(expired: { on: boolean }) {
  const store = new Map<string, AdapterPayload>();
  const byUid = new Map<string, string>();
  return class MemoryAdapter implements Adapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    upsert(id: string, payload: AdapterPayload): Promise<void> {
      store.set(this.key(id), payload);
      if (payload.uid) byUid.set(payload.uid, id);
      return Promise.resolve();
    }
    find(id: string): Promise<AdapterPayload | undefined> {
      const found = store.get(this.key(id));
      if (found && this.model === 'AuthorizationCode' && expired.on)
        return Promise.resolve({ ...found, exp: Math.floor(Date.now() / 1000) - 60 });
      return Promise.resolve(found);
    }
    findByUid(uid: string) {
      const id = byUid.get(uid);
      return id ? this.find(id) : Promise.resolve(undefined);
    }
    findByUserCode(): Promise<undefined> {
      return Promise.resolve(undefined);
    }
    consume(id: string): Promise<void> {
      const found = store.get(this.key(id));
      if (found) found.consumed = Math.floor(Date.now() / 1000);
      return Promise.resolve();
    }
    destroy(id: string): Promise<void> {
      store.delete(this.key(id));
      return Promise.resolve();
    }
    revokeByGrantId(grantId: string): Promise<void> {
      for (const [k, v] of store) if (v.grantId === grantId) store.delete(k);
      return Promise.resolve();
    }
  };
}

const page = (body: string) =>
  `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Testkommunens ` +
  `login</title></head><body><main>${body}</main></body></html>`;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A real OpenID Connect provider (oidc-provider, certified) on a loopback
 * port, as the municipality's would be: discovery, authorization code with
 * PKCE, ID tokens, userinfo, end session. Its login page asks for a user
 * name (one of `users`) and signs that person in; consent is given for the
 * test client, as a municipality does for its own applications.
 */
export async function startTestProvider(users: Record<string, TestIdpUser>): Promise<TestProvider> {
  let provider: Provider | null = null;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!provider) return void res.writeHead(503).end('not ready');
    void handle(provider, req, res).catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const expired = { on: false };

  async function handle(p: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    const interaction = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (!interaction) return p.callback()(req, res);
    const details = await p.interactionDetails(req, res);
    if (interaction[2] && req.method === 'POST') {
      const username = (await readForm(req)).get('username') ?? '';
      if (!users[username]) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end(page(`<p role="alert">Ukendt bruger</p>${form(details.uid)}`));
      }
      await p.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(form(details.uid)));
  }

  const form = (uid: string) =>
    `<h1>Testkommunens login</h1><form method="post" action="/interaction/${uid}/login">` +
    `<label for="username">Brugernavn</label><input id="username" name="username" autocomplete="username">` +
    `<button type="submit">Fortsæt</button></form>`;

  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    registerClient(byloeftBase: string) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT_ID,
            client_secret: CLIENT_SECRET,
            redirect_uris: [`${byloeftBase}/api/auth/oidc/callback`],
            post_logout_redirect_uris: [`${byloeftBase}/`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        adapter: memoryAdapter(expired),
        cookies: { keys: ['test-provider-cookie-key'] },
        claims: {
          openid: ['sub'],
          email: ['email', 'email_verified'],
          profile: ['name'],
          byloeft: ['roles', 'administration'],
        },
        scopes: ['openid', 'email', 'profile', 'byloeft'],
        features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
        interactions: { url: (_ctx, i) => `/interaction/${i.uid}` },
        // Not a path anyone would guess: Byløft must take the keys' address from discovery (jwks_uri).
        routes: { jwks: '/keys/signing' },
        findAccount: (_ctx, id) => {
          const user = users[id];
          if (!user) return undefined;
          return {
            accountId: id,
            claims: () => ({ sub: id, email_verified: true, ...user }),
          };
        },
        // The municipality's own application: consent is given, not asked.
        loadExistingGrant: async (ctx) => {
          const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
          if (grantId) return ctx.oidc.provider.Grant.find(grantId);
          const grant = new ctx.oidc.provider.Grant({
            clientId: ctx.oidc.client!.clientId,
            accountId: ctx.oidc.session!.accountId,
          });
          grant.addOIDCScope('openid email profile byloeft');
          await grant.save();
          return grant;
        },
      });
    },
    expireCodes(on: boolean) {
      expired.on = on;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
