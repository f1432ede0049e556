// A loopback HTTP server that answers each request from a script, including real
// connection resets (socket destroyed mid-request), which nock cannot emulate faithfully
// with n8n's HTTP stack. Plain JS so it may use node:http freely.
const http = require('http');

/**
 * @param {Array<{reset?: boolean, hang?: boolean, status?: number, body?: string|object, headers?: object}>} script
 */
async function startScriptedServer(script) {
	const steps = [...script];
	const requests = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			requests.push({ method: req.method, url: req.url, headers: req.headers, body: raw });
			const step = steps.shift() ?? { status: 500, body: { code: 500, msg: 'script exhausted' } };
			if (step.hang) return; // never answer: the client's timeout must fire
			if (step.reset) {
				req.socket.destroy();
				return;
			}
			const body = typeof step.body === 'string' ? step.body : JSON.stringify(step.body ?? {});
			res.writeHead(step.status ?? 200, { 'Content-Type': 'application/json', ...(step.headers ?? {}) });
			res.end(body);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
	};
}

/** A port with nothing listening (connection refused). */
async function refusedUrl() {
	const server = http.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return `http://127.0.0.1:${port}`;
}

module.exports = { startScriptedServer, refusedUrl };
