//! The signature a receiver checks: `Relance-Signature: t=<unix seconds>,v1=<hex>`, the
//! HMAC-SHA256 with the shop's signing secret of `"<t>.<body>"`. The time inside the signed
//! text lets a receiver refuse a replay of an old document.

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const SIGNATURE_HEADER: &str = "Relance-Signature";

/// The header value for `body` sent at `unix_seconds`.
pub fn sign(secret: &str, unix_seconds: i64, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any size");
    mac.update(unix_seconds.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("t={unix_seconds},v1={hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_hmac_of_the_time_and_the_body() {
        // The same as `printf '1733400000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test`.
        assert_eq!(
            sign("whsec_test", 1_733_400_000, br#"{"a":1}"#),
            "t=1733400000,v1=".to_owned() + EXPECTED
        );
        assert_ne!(
            sign("other", 1_733_400_000, br#"{"a":1}"#),
            sign("whsec_test", 1_733_400_000, br#"{"a":1}"#)
        );
    }

    const EXPECTED: &str = "108b5dd44040f785abfb0b12f103788d914f1897be2dd0d5d815ea06420b8f81";
}
