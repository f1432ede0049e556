// Legacy build step kept from the original n8n starter layout. `n8n-node build` already
// copies icons into dist/, so this file is only needed by people who build with plain
// `tsc`: `npx tsc && node gulpfile.js` (or `gulp build:icons` if gulp is installed) copies
// every SVG/PNG under icons/, nodes/ and credentials/ into dist/ with the same layout.
const fs = require('fs');
const path = require('path');

const root = __dirname;
const sources = ['icons', 'nodes', 'credentials'];

function copyIcons(done) {
	let copied = 0;
	const walk = (dir) => {
		if (!fs.existsSync(dir)) return;
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (/\.(svg|png)$/i.test(entry.name)) {
				const target = path.join(root, 'dist', path.relative(root, full));
				fs.mkdirSync(path.dirname(target), { recursive: true });
				fs.copyFileSync(full, target);
				copied++;
			}
		}
	};
	sources.forEach((s) => walk(path.join(root, s)));
	console.log(`copied ${copied} icon file(s) into dist/`);
	if (done) done();
}

exports['build:icons'] = copyIcons;
exports.default = copyIcons;

if (require.main === module) copyIcons();
