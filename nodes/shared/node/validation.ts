/** Checks of what a user types, the same for every platform. */

/** Something@something.tld, no spaces: what every platform accepts as an email address. */
export function isEmail(value: string): boolean {
	return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export function isIpAddress(value: string): boolean {
	const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
	if (ipv4.test(value)) return true;
	if (!value.includes(':') || !/^[0-9a-fA-F:.]+$/.test(value)) return false;
	try {
		// The URL parser accepts exactly the valid IPv6 literals.
		new URL(`http://[${value}]/`);
		return true;
	} catch {
		return false;
	}
}
