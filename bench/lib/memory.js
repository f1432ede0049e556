// Memory sampling shared by the upload and download benchmarks.
const v8 = require('v8');
const vm = require('vm');

// A gc() handle without restarting node with --expose-gc.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

/** Samples rss / arrayBuffers / heapUsed every `sampleMs` until stop(). */
function memorySampler(sampleMs) {
	const samples = [];
	const take = () => {
		const m = process.memoryUsage();
		samples.push({ rss: m.rss, arrayBuffers: m.arrayBuffers, heapUsed: m.heapUsed });
	};
	take();
	const timer = setInterval(take, sampleMs);
	return {
		stop() {
			clearInterval(timer);
			take();
			return samples;
		},
	};
}

/** A few GC passes with short pauses, so a baseline is not inflated by garbage. */
async function settleGc() {
	for (let i = 0; i < 3; i++) {
		gc();
		await new Promise((resolve) => setTimeout(resolve, 30));
	}
}

module.exports = { memorySampler, settleGc };
