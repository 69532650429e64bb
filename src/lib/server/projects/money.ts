/** Money is added in cents, as integers: 0.1 + 0.2 must make 0.30. */
export function usdToCents(value: string): bigint {
	const [whole, fraction = ''] = value.split('.');
	return BigInt(whole!) * 100n + BigInt((fraction + '00').slice(0, 2));
}

export function centsToUsd(cents: bigint): string {
	return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}
