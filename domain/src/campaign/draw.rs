//! A stable draw among 10,000 places for a pair of ids: the same on every machine, process and
//! Rust release, so a customer stays in a rule's control group and a cart in its A/B variant.

/// FNV-1a over `scope`, a separator and `key`, then a 64-bit finaliser (SplitMix64's) so the
/// low digits are as random as the high ones. Written out rather than taken from `std`'s
/// hasher, whose output may change between Rust releases: a draw must not.
pub(crate) fn draw(scope: &str, key: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let bytes = scope
        .bytes()
        .chain(std::iter::once(0xff))
        .chain(key.bytes());
    let mut hash = bytes.fold(OFFSET, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    });
    hash ^= hash >> 30;
    hash = hash.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash ^= hash >> 27;
    hash = hash.wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^= hash >> 31;
    hash % 10_000
}
