// The helper servers of an e2e run (scripts/test.mjs): a real SMTP server that keeps what
// it receives (tests read it over HTTP) and a real OpenID Connect provider, both on
// loopback, for the reply-email and OIDC sign-in tests.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { getFreePort } from '../embedded-db.mjs';
import { root, UserError } from './cli.mjs';

/**
 * Starts one helper server and waits until `readyUrl` answers 200: up to 30 s, since on a
 * machine shared by several builds (load average 25+) starting Node took more than 10.
 */
async function startService(children, name, script, env, readyUrl) {
  const child = spawn(process.execPath, [path.join(root, script)], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new UserError(`${name} exited with code ${child.exitCode}`);
    const ok = await fetch(readyUrl).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new UserError(`${name} did not answer at ${readyUrl}`);
}

/**
 * Starts the mail sink and the OpenID provider for a site at `siteUrl`. Returns the
 * variables the app and the tests need, and `stop`.
 */
export async function startE2eServices(baseEnv, siteUrl) {
  const children = [];
  const stop = () => {
    for (const child of children.splice(0)) child.kill('SIGTERM');
  };
  try {
    const [smtpPort, mailHttpPort, oidcPort] = [await getFreePort(), await getFreePort(), await getFreePort()];
    const mailHttp = `http://127.0.0.1:${mailHttpPort}`;
    await startService(children, 'mail sink', 'e2e/helpers/mail-sink.mjs', { ...baseEnv, MAIL_SINK_SMTP_PORT: String(smtpPort), MAIL_SINK_HTTP_PORT: String(mailHttpPort) }, `${mailHttp}/`);
    const oidc = { OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`, OIDC_CLIENT_ID: 'quire-e2e', OIDC_CLIENT_SECRET: 'quire-e2e-secret', OIDC_NAME: 'Test OIDC' };
    await startService(children, 'OpenID provider', 'e2e/helpers/oidc-server.mjs', { ...baseEnv, ...oidc, OIDC_PORT: String(oidcPort), SITE_URL: siteUrl }, `${oidc.OIDC_ISSUER}/.well-known/openid-configuration`);
    return { env: { ...oidc, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_SINK_URL: mailHttp }, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
