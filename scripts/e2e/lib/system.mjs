// Debian packages the e2e needs (redis-server for queue mode, chromium for screenshots).
// Installed with apt-get when missing and running as root; otherwise a clear hint.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { run, runOk, startService } from './proc.mjs';
import { freePort, makeLogger, secondsSince } from './util.mjs';

const log = makeLogger('system');
let aptUpdated = false;

export async function which(cmd) {
	const r = await run('sh', ['-c', `command -v ${cmd}`]);
	return r.code === 0 ? r.stdout.trim() : null;
}

/** `apt-get install -y <pkgs>` (root only). Returns seconds spent. */
export async function aptInstall(pkgs, why) {
	if (process.getuid?.() !== 0) {
		throw new Error(`${why} needs ${pkgs.join(' ')}; install it with: sudo apt-get install -y ${pkgs.join(' ')}`);
	}
	if (!(await which('apt-get'))) throw new Error(`${why} needs ${pkgs.join(' ')}, and apt-get is not available here`);
	const start = Date.now();
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	if (!aptUpdated) {
		log(`apt-get update (for ${pkgs.join(', ')})`);
		await runOk('apt-get', ['update', '-qq'], { env, timeoutMs: 300000 });
		aptUpdated = true;
	}
	log(`apt-get install -y ${pkgs.join(' ')} (${why})`);
	await runOk('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { env, timeoutMs: 600000 });
	log(`installed ${pkgs.join(', ')} in ${secondsSince(start)} s`);
	return secondsSince(start);
}

export async function ensureRedisServer() {
	let bin = (await which('redis-server')) || (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null);
	if (!bin) {
		await aptInstall(['redis-server'], 'queue mode');
		bin = await which('redis-server');
	}
	return bin;
}

/** A throwaway redis-server on a free loopback port (no persistence). */
export async function startRedis(workDir) {
	const bin = await ensureRedisServer();
	const port = await freePort();
	mkdirSync(workDir, { recursive: true });
	const svc = startService('redis', bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', workDir, '--daemonize', 'no'], {
		logFile: path.join(workDir, 'redis.log'),
	});
	await svc.waitForLine(/Ready to accept connections/i, 20000);
	return { svc, port };
}

/** Chromium plus fonts: Liberation for Latin text, WenQuanYi Micro Hei (1.6 MB) so the
 * Chinese text RunningHub returns (e.g. priceText) renders instead of empty boxes. */
export async function ensureChromium() {
	const fonts = [];
	for (const pkg of ['fonts-liberation', 'fonts-wqy-microhei']) {
		if ((await run('dpkg', ['-s', pkg])).code !== 0) fonts.push(pkg);
	}
	let bin = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((c) => c && existsSync(c));
	const pkgs = [...(bin ? [] : ['chromium']), ...fonts];
	if (pkgs.length) {
		if (!bin || process.getuid?.() === 0) await aptInstall(pkgs, 'screenshots');
		else log.warn(`missing fonts (${fonts.join(', ')}); text may render as boxes`);
	}
	bin = bin || '/usr/bin/chromium';
	return bin;
}
