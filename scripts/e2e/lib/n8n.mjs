// One n8n installation + user folder: CLI commands, `n8n start` / `n8n worker` services and
// the REST calls the e2e suite needs (owner setup, login, API key, executions).
// Each step says why it is needed where it is done.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run, startService } from './proc.mjs';
import { freePort, http, sleep, waitFor } from './util.mjs';
import { runtimeEnv } from './install.mjs';

export const OWNER = Object.freeze({
	email: 'owner@example.com',
	firstName: 'RunningHub',
	lastName: 'Demo',
	password: 'RunningHub-Demo1',
});

const BROWSER_ID = 'runninghub-e2e-browser';

/** Take the IRun JSON out of `n8n execute --rawOutput` stdout (first `{` line to next `}` line). */
export function parseRawOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l === '{');
	if (start < 0) return null;
	const end = lines.findIndex((l, i) => i > start && l === '}');
	if (end < 0) return null;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return null;
	}
}

export class N8n {
	/**
	 * @param {object} o
	 * @param {{bin:string}} o.install  result of ensureN8n
	 * @param {object} o.runtime        result of ensureNodeRuntime
	 * @param {string} o.userFolder     N8N_USER_FOLDER (n8n uses <it>/.n8n)
	 * @param {number} o.port           N8N_PORT of the main process
	 * @param {object} [o.env]          extra environment (queue mode, …)
	 */
	constructor({ install, runtime, userFolder, port, env = {} }) {
		this.install = install;
		this.runtime = runtime;
		this.userFolder = userFolder;
		this.port = port;
		this.extraEnv = env;
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.cookie = null;
		this.apiKey = null;
		this.major = Number(install.version.split('.')[0]);
		mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	}

	get nodesDir() {
		return path.join(this.userFolder, '.n8n', 'nodes');
	}

	env(extra = {}) {
		return runtimeEnv(this.runtime, {
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'runninghub-e2e-encryption-key-not-secret',
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			// Webhook and resume URLs (RunningHub calls these back): N8N_WEBHOOK_URL on 2.x,
			// where WEBHOOK_URL is deprecated; WEBHOOK_URL on 1.x.
			...(this.major >= 2 ? { N8N_WEBHOOK_URL: `${this.baseUrl}/` } : { WEBHOOK_URL: `${this.baseUrl}/` }),
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_RUNNERS_ENABLED: 'true',
			N8N_LOG_LEVEL: 'info', // not warn/error: `execute --rawOutput` prints through the logger
			DB_TYPE: 'sqlite',
			DB_SQLITE_POOL_SIZE: '2',
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
			// n8n >= 1.123.66 defaults to the isolated-vm expression engine, whose isolated-vm 6
			// needs Node >= 22; on Node 20 fall back to the legacy engine (older versions ignore it).
			...(Number(this.runtime.version.split('.')[0]) < 22 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			...this.extraEnv,
			...extra,
		});
	}

	/** Run an n8n CLI command; each gets its own task-broker port so it can run beside `n8n start`. */
	async cli(args, { timeoutMs = 300000, env = {} } = {}) {
		const brokerPort = await freePort();
		return run(this.runtime.bin, [this.install.bin, ...args], {
			cwd: this.userFolder,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env }),
			timeoutMs,
		});
	}

	async cliOk(args, opts) {
		const r = await this.cli(args, opts);
		if (r.code !== 0) {
			const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-30).join('\n');
			throw new Error(`n8n ${args.join(' ')} failed (exit ${r.code ?? r.signal})\n${tail}`);
		}
		return r;
	}

	writeTemp(name, data) {
		const dir = path.join(this.userFolder, 'import');
		mkdirSync(dir, { recursive: true });
		const file = path.join(dir, name);
		writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	/** `[{id,name,type,data:{plain}}]` — the CLI encrypts plain data on import. */
	importCredentials(credentials) {
		return this.cliOk(['import:credentials', `--input=${this.writeTemp('credentials.json', credentials)}`]);
	}

	importWorkflows(workflows) {
		return this.cliOk(['import:workflow', `--input=${this.writeTemp('workflows.json', workflows)}`]);
	}

	/** Activate for the next `n8n start` (2.x: publish:workflow; 1.x: update:workflow --active). */
	activateOffline(id) {
		return this.major >= 2
			? this.cliOk(['publish:workflow', `--id=${id}`])
			: this.cliOk(['update:workflow', `--id=${id}`, '--active=true']);
	}

	/** `n8n execute --id --rawOutput` → { ok, code, run (IRun or null), stdout, stderr, ms }. */
	async execute(id, opts) {
		const r = await this.cli(['execute', `--id=${id}`, '--rawOutput'], opts);
		return { ok: r.code === 0, code: r.code, run: parseRawOutput(r.stdout), stdout: r.stdout, stderr: r.stderr, ms: r.ms };
	}

	/** Start `n8n start` (or `worker`); resolves once REST routes answer (main) or the worker is ready. */
	async start({ command = 'start', logFile, env = {}, name = command, readyTimeoutMs = 120000, echo = false } = {}) {
		const brokerPort = await freePort();
		const svc = startService(name, this.runtime.bin, [this.install.bin, command], {
			cwd: this.userFolder,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env }),
			logFile,
			echo,
		});
		const started = Date.now();
		if (command === 'worker') {
			await Promise.race([svc.waitForLine(/n8n worker is now ready|Worker started execution|Worker ready/i, readyTimeoutMs), svc.exitPromise.then(() => Promise.reject(new Error(`${name} exited early:\n${svc.tail()}`)))]);
		} else {
			await this.waitReady(svc, readyTimeoutMs);
		}
		svc.readySeconds = Math.round((Date.now() - started) / 100) / 10;
		return svc;
	}

	async waitReady(svc, timeoutMs) {
		await waitFor(
			async () => {
				if (svc.exited) throw Object.assign(new Error(`n8n exited (${svc.exited.code ?? svc.exited.signal}):\n${svc.tail()}`), { fatal: true });
				const r = await http(`${this.baseUrl}/rest/settings`, { timeoutMs: 2000 });
				return r.status === 200;
			},
			{ timeoutMs, intervalMs: 250, message: `n8n REST API on ${this.baseUrl}` },
		).catch((error) => {
			throw new Error(`${error.message}\n--- n8n log tail ---\n${svc.tail()}`);
		});
		// /rest/settings answers before every controller (api-keys, modules) is mounted and
		// before startup activations are done; n8n prints this line when it is really up.
		await svc.waitForLine(/Editor is now accessible via/, timeoutMs);
	}

	headers(extra = {}) {
		const h = { 'browser-id': BROWSER_ID, ...extra };
		if (this.cookie) h.cookie = this.cookie;
		return h;
	}

	takeCookie(res) {
		const setCookie = res.headers.getSetCookie?.() || [];
		const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
	}

	/** Owner setup on a fresh instance, login otherwise. Leaves the auth cookie in this.cookie. */
	async ensureOwner(owner = OWNER) {
		const settings = await http(`${this.baseUrl}/rest/settings`, { headers: this.headers() });
		const needsSetup = settings.json?.data?.userManagement?.showSetupOnFirstLoad;
		if (needsSetup !== false) {
			const res = await http(`${this.baseUrl}/rest/owner/setup`, { method: 'POST', headers: this.headers(), body: owner });
			if (res.status === 200) {
				this.takeCookie(res);
				return 'created';
			}
			if (needsSetup === true) throw new Error(`owner setup failed: HTTP ${res.status} ${res.text.slice(0, 300)}`);
		}
		await this.login(owner);
		return 'existing';
	}

	async login(owner = OWNER) {
		const res = await http(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: this.headers(),
			body: { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password },
		});
		if (res.status !== 200) throw new Error(`login failed: HTTP ${res.status} ${res.text.slice(0, 300)}`);
		this.takeCookie(res);
	}

	async rest(method, p, body) {
		const res = await http(`${this.baseUrl}/rest${p}`, { method, headers: this.headers(), body });
		if (res.status >= 400) throw new Error(`${method} /rest${p}: HTTP ${res.status} ${res.text.slice(0, 500)}`);
		return res.json?.data ?? res.json;
	}

	/** Create a public-API key with every scope the instance offers. */
	async ensureApiKey() {
		if (this.apiKey) return this.apiKey;
		let scopes;
		try {
			scopes = await this.rest('GET', '/api-keys/scopes');
		} catch {
			scopes = undefined; // 1.x without scopes endpoint
		}
		const body = { label: `e2e-${Date.now()}`, expiresAt: null };
		if (Array.isArray(scopes)) body.scopes = scopes;
		const data = await this.rest('POST', '/api-keys', body);
		this.apiKey = data.rawApiKey || data.apiKey;
		if (!this.apiKey) throw new Error(`no API key in ${JSON.stringify(data).slice(0, 200)}`);
		return this.apiKey;
	}

	async api(method, p, body) {
		const res = await http(`${this.baseUrl}/api/v1${p}`, { method, headers: { 'X-N8N-API-KEY': this.apiKey }, body });
		if (res.status >= 400) throw new Error(`${method} /api/v1${p}: HTTP ${res.status} ${res.text.slice(0, 500)}`);
		return res.json;
	}

	/** Executions of a workflow (newest first), with data. */
	async executions(workflowId, { includeData = true, limit = 20 } = {}) {
		const r = await this.api('GET', `/executions?workflowId=${workflowId}&includeData=${includeData}&limit=${limit}`);
		return r.data || [];
	}

	async waitExecution(id, timeoutMs = 60000) {
		return waitFor(
			async () => {
				const e = await this.api('GET', `/executions/${id}?includeData=true`);
				return e && (e.finished || ['success', 'error', 'crashed', 'canceled'].includes(e.status)) ? e : null;
			},
			{ timeoutMs, intervalMs: 300, message: `execution ${id}` },
		);
	}

	/**
	 * Run a workflow from its manual trigger through the editor's endpoint (what the "Execute
	 * workflow" button does; in queue mode with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS a worker
	 * runs it) and wait for the finished execution (public API, with data).
	 */
	async runManual(wf, timeoutMs = 240000) {
		const full = await this.rest('GET', `/workflows/${wf.id}`);
		const trigger = full.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
		const started = await this.rest('POST', `/workflows/${wf.id}/run`, { workflowData: full, triggerToStartFrom: { name: trigger.name } });
		const id = started?.executionId;
		if (!id) throw new Error(`run endpoint returned no executionId: ${JSON.stringify(started).slice(0, 200)}`);
		return this.waitExecution(id, timeoutMs);
	}

	/** Activate through the public API and wait until the trigger's webhook answers (2.x activates asynchronously). */
	async activate(id) {
		await this.api('POST', `/workflows/${id}/activate`);
		await sleep(200);
	}

	async deactivate(id) {
		await this.api('POST', `/workflows/${id}/deactivate`);
	}
}
