'use strict';
// The published tarball holds what n8n loads and nothing else, and the package's addresses
// agree with each other. The expected file list is derived from the source tree by the rule
// "one .js per .ts under nodes/ and credentials/, plus the codex files, the catalog and the
// two icons", not from package.json's `files`, so a wrong `files` entry fails here.
const fs = require('fs');
const path = require('path');
const { packedFiles, sourceFiles, ROOT } = require('../support/packedFiles');

const pkg = require('../../package.json');

function expectedFiles() {
	const sources = sourceFiles();
	const compiled = sources
		.filter((f) => /^(nodes|credentials)\/.+\.ts$/.test(f) && !f.endsWith('.d.ts'))
		.map((f) => `dist/${f.replace(/\.ts$/, '.js')}`);
	const json = sources.filter((f) => /^nodes\/.+\.json$/.test(f)).map((f) => `dist/${f}`);
	return [...compiled, ...json, 'dist/icons/runninghub.svg', 'dist/icons/runninghub.dark.svg', 'LICENSE.md', 'README.md', 'package.json'].sort();
}

describe('the published package', () => {
	let files;

	beforeAll(() => {
		files = packedFiles();
	}, 300000);

	it('ships exactly the built nodes, credential, codex files, catalog, icons, package.json, README and LICENSE', () => {
		expect(files).toEqual(expectedFiles());
	});

	it('ships no tests, sources, declarations, source maps, build info or screenshots', () => {
		const unwanted = files.filter((f) => /^test\/|^scripts\/|\.ts$|\.map$|tsbuildinfo|^dist\/docs\/|\.png$|^dist\/package\.json$/.test(f));
		expect(unwanted).toEqual([]);
	});

	it('contains every file package.json registers with n8n, and both icons', () => {
		const registered = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		expect(registered.filter((f) => !files.includes(f))).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(['dist/icons/runninghub.svg', 'dist/icons/runninghub.dark.svg']));
		for (const node of pkg.n8n.nodes) expect(files).toContain(node.replace(/\.js$/, '.json'));
	});
});

describe('package metadata', () => {
	const repoUrl = 'https://github.com/runninghub-n8n/n8n-nodes-runninghub';

	it('names one GitHub repository as repository, homepage and issue tracker', () => {
		expect({ repository: pkg.repository, homepage: pkg.homepage, bugs: pkg.bugs }).toEqual({
			repository: { type: 'git', url: `git+${repoUrl}.git` },
			homepage: repoUrl,
			bugs: { url: `${repoUrl}/issues` },
		});
		expect(pkg.author.url).toBe('https://github.com/runninghub-n8n');
		expect(pkg.author.name).toBeTruthy();
		expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
	});

	it('is the repository the README and CONTRIBUTING.md point to', () => {
		const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		const contributing = fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8');
		expect(readme).toContain(`${repoUrl}/issues`);
		expect(readme).toContain(`git clone ${repoUrl}.git`);
		expect(contributing).toContain(`git clone ${repoUrl}.git`);
		const otherRepos = (readme + contributing).match(/https:\/\/github\.com\/[\w.-]+\/n8n-nodes-runninghub\b/g) || [];
		expect([...new Set(otherRepos)]).toEqual([repoUrl]);
	});

	it('links each node to its README section, and every anchor exists', () => {
		const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		// GitHub's anchor rule: lower case, spaces to hyphens, punctuation other than - and _ dropped.
		const anchors = new Set(
			[...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
				m[1]
					.trim()
					.toLowerCase()
					.replace(/[^\p{L}\p{N} _-]/gu, '')
					.replace(/ /g, '-'),
			),
		);
		for (const node of pkg.n8n.nodes) {
			const codex = JSON.parse(fs.readFileSync(path.join(ROOT, node.replace(/^dist\//, '').replace(/\.js$/, '.json')), 'utf8'));
			const [primary] = codex.resources.primaryDocumentation;
			const [base, anchor] = primary.url.split('#');
			expect({ node, base }).toEqual({ node, base: repoUrl });
			expect({ node, anchor, exists: anchors.has(anchor) }).toEqual({ node, anchor, exists: true });
		}
	});
});
