/**
 * Which host names point into the machine or the local network, judged from the name alone.
 * Node code may not resolve names (no `dns`), so this sees literal IP addresses and
 * well-known local names only; a public name whose DNS answer is private is not caught here
 * (SECURITY.md says what that leaves open). `hostname` is what `new URL()` gives: IPv4 in its
 * canonical dotted form (the URL parser already turns `0x7f.1` or `2130706433` into
 * `127.0.0.1`), IPv6 in brackets.
 */

type Verdict = string | undefined;

function ipv4Octets(text: string): number[] | undefined {
	if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return undefined;
	const octets = text.split('.').map(Number);
	return octets.every((o) => o <= 255) ? octets : undefined;
}

/** Ranges from RFC 6890 that no public file host uses. */
function ipv4Verdict([a, b, c]: number[]): Verdict {
	if (a === 127) return 'a loopback address';
	if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'a private network address';
	if (a === 169 && b === 254) return 'a link-local address (where cloud metadata services answer)';
	if (a === 100 && b >= 64 && b <= 127) return 'a carrier-grade NAT address';
	if (a === 0) return 'an unspecified address';
	if (a >= 224) return 'a multicast or reserved address';
	if ((a === 192 && b === 0 && (c === 0 || c === 2)) || (a === 198 && (b === 18 || b === 19)) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) {
		return 'a reserved address';
	}
	return undefined;
}

/** The eight 16-bit groups of an IPv6 literal (without brackets), or undefined. */
function ipv6Groups(text: string): number[] | undefined {
	let body = text;
	const tail: number[] = [];
	const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(body);
	if (dotted) {
		const octets = ipv4Octets(dotted[1]);
		if (!octets) return undefined;
		tail.push((octets[0] << 8) | octets[1], (octets[2] << 8) | octets[3]);
		body = body.slice(0, -dotted[1].length);
		if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
	}
	const halves = body.split('::');
	if (halves.length > 2) return undefined;
	const parse = (part: string): number[] | undefined => {
		if (part === '') return [];
		const groups = part.split(':');
		if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
		return groups.map((g) => parseInt(g, 16));
	};
	const head = parse(halves[0]);
	const rest = halves.length === 2 ? parse(halves[1]) : [];
	if (!head || !rest) return undefined;
	const known = head.length + rest.length + tail.length;
	if (halves.length === 1) return known === 8 ? [...head, ...tail] : undefined;
	if (known > 7) return undefined;
	return [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
}

function embeddedIpv4(high: number, low: number): number[] {
	return [high >> 8, high & 0xff, low >> 8, low & 0xff];
}

function ipv6Verdict(g: number[]): Verdict {
	const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
	if (zeros(0, 8)) return 'an unspecified address';
	if (zeros(0, 7) && g[7] === 1) return 'a loopback address';
	// IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d)
	// addresses reach the IPv4 address they carry.
	if ((zeros(0, 5) && g[5] === 0xffff) || zeros(0, 6) || (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6))) {
		const inner = ipv4Verdict(embeddedIpv4(g[6], g[7]));
		return inner ? `${inner} (embedded in IPv6)` : undefined;
	}
	if (g[0] === 0x2002) {
		const inner = ipv4Verdict(embeddedIpv4(g[1], g[2]));
		return inner ? `${inner} (embedded in a 6to4 address)` : undefined;
	}
	if ((g[0] & 0xfe00) === 0xfc00) return 'a private network address (unique local IPv6)';
	if ((g[0] & 0xffc0) === 0xfe80) return 'a link-local address';
	if ((g[0] & 0xffc0) === 0xfec0) return 'a private network address (site-local IPv6)';
	if ((g[0] & 0xff00) === 0xff00) return 'a multicast address';
	return undefined;
}

/**
 * Why `hostname` is not a public internet host (a phrase such as "a loopback address"), or
 * undefined when nothing in the name says so.
 */
export function privateHostReason(hostname: string): Verdict {
	const host = hostname.trim().toLowerCase().replace(/\.$/, '');
	if (host === '') return 'an empty host name';
	if (host.startsWith('[') && host.endsWith(']')) {
		const groups = ipv6Groups(host.slice(1, -1).split('%')[0]);
		return groups ? ipv6Verdict(groups) : 'an unreadable IPv6 address';
	}
	const octets = ipv4Octets(host);
	if (octets) return ipv4Verdict(octets);
	if (host === 'localhost' || host.endsWith('.localhost')) return 'a loopback host name';
	// mDNS names and the names cloud providers give their metadata and internal services.
	if (host.endsWith('.local') || host.endsWith('.internal') || host.endsWith('.home.arpa')) return 'a local network host name';
	// A name without a dot is completed from the resolver's search domains: an internal host.
	if (!host.includes('.')) return 'a host name without a domain (resolved inside the local network)';
	return undefined;
}
