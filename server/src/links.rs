//! Signed links in emails. Every link Relance mails carries a token: HMAC-SHA256 over the link's
//! kind, its delivery and (for clicks) its destination, so a token cannot be forged, moved to
//! another delivery, turned into another kind of link, or used as an open redirect.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use hmac::{Hmac, Mac};
use rand_core::{OsRng, RngCore};
use sha2::Sha256;

use crate::db::{self, DbError, Pool};

type HmacSha256 = Hmac<Sha256>;

/// Separates our MACs from anything else the same key might ever sign.
const CONTEXT: &[u8] = b"relance-link-v1\n";

/// The MAC bytes a short link keeps: 72 bits, 12 characters.
const SHORT_MAC_BYTES: usize = 9;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// The 1x1 image that counts an open: `/t/o/{token}`.
    Open,
    /// A tracked link to a destination: `/t/c/{token}`.
    Click,
    /// Back to the cart, with the coupon: `/r/{token}`.
    Recover,
    /// The unsubscribe page and one-click endpoint: `/u/{token}`.
    Unsubscribe,
}

impl LinkKind {
    fn tag(self) -> u8 {
        match self {
            Self::Open => b'o',
            Self::Click => b'c',
            Self::Recover => b'r',
            Self::Unsubscribe => b'u',
        }
    }

    fn path(self) -> &'static str {
        match self {
            Self::Open => "/t/o/",
            Self::Click => "/t/c/",
            Self::Recover => "/r/",
            Self::Unsubscribe => "/u/",
        }
    }
}

/// What a valid token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedLink {
    pub delivery_id: String,
    /// Where a click goes; empty for other kinds.
    pub destination: String,
}

/// The path the reassurance icons' PNGs are served under (`web::icons`). They are the same for
/// every email and carry no customer data, so their addresses are not signed: one address per
/// icon and colour is what lets mail proxies and browsers cache them.
pub const ICONS_PATH: &str = "/email-icons";

/// Where emails find the reassurance icons' PNGs, from Relance's public address.
pub fn icons_url(public_url: &str) -> String {
    format!("{}{ICONS_PATH}", public_url.trim_end_matches('/'))
}

/// Makes and checks link tokens with the installation's secret key.
#[derive(Clone)]
pub struct LinkSigner {
    key: Vec<u8>,
    public_url: String,
}

impl std::fmt::Debug for LinkSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkSigner(…)")
    }
}

impl LinkSigner {
    pub fn new(key: &[u8], public_url: &str) -> Self {
        Self {
            key: key.to_vec(),
            public_url: public_url.trim_end_matches('/').to_owned(),
        }
    }

    /// Where Relance is reached from outside, without a trailing slash.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// Where emails find the reassurance icons' PNGs.
    pub fn icons_url(&self) -> String {
        icons_url(&self.public_url)
    }

    fn mac(&self, kind: LinkKind, payload: &[u8]) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes keys of any size");
        mac.update(CONTEXT);
        mac.update(&[kind.tag()]);
        mac.update(payload);
        mac
    }

    /// The token of a link of `kind` for `delivery_id` (and `destination`, for clicks).
    pub fn token(&self, kind: LinkKind, delivery_id: &str, destination: &str) -> String {
        let payload = format!("{delivery_id}\n{destination}");
        let signature = self.mac(kind, payload.as_bytes()).finalize().into_bytes();
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(payload),
            URL_SAFE_NO_PAD.encode(signature)
        )
    }

    /// The full URL of such a link.
    pub fn url(&self, kind: LinkKind, delivery_id: &str, destination: &str) -> String {
        format!(
            "{}{}{}",
            self.public_url,
            kind.path(),
            self.token(kind, delivery_id, destination)
        )
    }

    /// The short link back to the cart an SMS carries, `/m/` and 34 characters: the
    /// delivery's UUID in 22, then 72 bits of its MAC (enough against guessing, as every
    /// wrong guess costs a request). A delivery id that is not a UUID gets the long link.
    pub fn short_url(&self, delivery_id: &str) -> String {
        let Ok(id) = uuid::Uuid::parse_str(delivery_id) else {
            return self.url(LinkKind::Recover, delivery_id, "");
        };
        let signature = self.short_mac(id.as_bytes());
        format!(
            "{}/m/{}{}",
            self.public_url,
            URL_SAFE_NO_PAD.encode(id.as_bytes()),
            URL_SAFE_NO_PAD.encode(&signature[..SHORT_MAC_BYTES])
        )
    }

    /// The delivery a short link's token is for, if this installation signed it.
    pub fn verify_short(&self, token: &str) -> Option<String> {
        if token.len() != 34 || !token.is_char_boundary(22) {
            return None;
        }
        let id = URL_SAFE_NO_PAD.decode(&token[..22]).ok()?;
        let signature = URL_SAFE_NO_PAD.decode(&token[22..]).ok()?;
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes keys of any size");
        mac.update(CONTEXT);
        mac.update(b"s");
        mac.update(&id);
        // Compares the given prefix in constant time.
        mac.verify_truncated_left(&signature).ok()?;
        Some(uuid::Uuid::from_slice(&id).ok()?.to_string())
    }

    fn short_mac(&self, id: &[u8]) -> Vec<u8> {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes keys of any size");
        mac.update(CONTEXT);
        mac.update(b"s");
        mac.update(id);
        mac.finalize().into_bytes().to_vec()
    }

    /// What `token` says, if this installation signed it for a link of `kind`.
    pub fn verify(&self, kind: LinkKind, token: &str) -> Option<SignedLink> {
        let (payload, signature) = token.split_once('.')?;
        let payload = URL_SAFE_NO_PAD.decode(payload).ok()?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        // `verify_slice` compares in constant time.
        self.mac(kind, &payload).verify_slice(&signature).ok()?;
        let payload = String::from_utf8(payload).ok()?;
        let (delivery_id, destination) = payload.split_once('\n')?;
        Some(SignedLink {
            delivery_id: delivery_id.to_owned(),
            destination: destination.to_owned(),
        })
    }
}

/// A random secret Relance made for itself under `name`, made now if it is the first start.
async fn stored_secret(pool: &Pool, name: &str) -> Result<String, DbError> {
    db::secrets::stored_or_insert(pool, name, &fresh_secret(), chrono::Utc::now()).await
}

/// 32 random bytes from the operating system, URL-safe.
fn fresh_secret() -> String {
    let mut fresh = [0u8; 32];
    OsRng.fill_bytes(&mut fresh);
    URL_SAFE_NO_PAD.encode(fresh)
}

/// The link-signing key: `RELANCE_SECRET` when set, else the one made on first start and kept
/// in the database (so links in mails already sent stay valid across restarts).
pub async fn signing_key(pool: &Pool, configured: Option<&str>) -> Result<Vec<u8>, DbError> {
    if let Some(secret) = configured {
        return Ok(secret.as_bytes().to_vec());
    }
    let stored = stored_secret(pool, "link_key").await?;
    URL_SAFE_NO_PAD.decode(stored).map_err(DbError::corrupt)
}

/// The cron URL's token, shared by its handler and the Automatic sending tab (which can
/// replace it: the old one stops working at once).
#[derive(Clone)]
pub struct CronToken {
    token: std::sync::Arc<std::sync::RwLock<String>>,
}

impl CronToken {
    pub fn new(token: String) -> Self {
        Self {
            token: std::sync::Arc::new(std::sync::RwLock::new(token)),
        }
    }

    pub fn current(&self) -> String {
        self.token.read().expect("cron token lock").clone()
    }

    /// Compares digests, so the time taken says nothing about how much of the token matched.
    pub fn matches(&self, given: &str) -> bool {
        use sha2::{Digest, Sha256};
        Sha256::digest(given.as_bytes()) == Sha256::digest(self.current().as_bytes())
    }

    /// Makes a new token, stores it and uses it from now on; returns it.
    pub async fn regenerate(&self, pool: &Pool) -> Result<String, DbError> {
        let token = fresh_secret();
        db::secrets::replace(pool, CRON_TOKEN, &token, chrono::Utc::now()).await?;
        *self.token.write().expect("cron token lock") = token.clone();
        Ok(token)
    }
}

impl From<&str> for CronToken {
    fn from(token: &str) -> Self {
        Self::new(token.to_owned())
    }
}

/// The token the cron URL (`POST /api/v1/jobs/run`) asks for, made on first start.
pub async fn cron_token(pool: &Pool) -> Result<String, DbError> {
    stored_secret(pool, CRON_TOKEN).await
}

/// The name the cron token is stored under.
pub const CRON_TOKEN: &str = "cron_token";

#[cfg(test)]
mod tests {
    use super::*;

    fn signer() -> LinkSigner {
        LinkSigner::new(b"test key", "https://relance.example/")
    }

    #[test]
    fn a_token_says_its_delivery_and_destination() {
        let token = signer().token(LinkKind::Click, "d-1", "https://shop.example/p/1?x=1");
        assert_eq!(
            signer().verify(LinkKind::Click, &token),
            Some(SignedLink {
                delivery_id: "d-1".into(),
                destination: "https://shop.example/p/1?x=1".into(),
            })
        );
        assert!(signer()
            .url(LinkKind::Unsubscribe, "d-1", "")
            .starts_with("https://relance.example/u/"));
    }

    #[test]
    fn a_short_link_fits_an_sms_and_only_its_own_delivery_opens_it() {
        let id = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        let url = signer().short_url(id);
        let token = url.strip_prefix("https://relance.example/m/").unwrap();
        assert_eq!(token.len(), 34);
        assert!(url.len() <= domain::sms::LINK_MAX);
        assert_eq!(signer().verify_short(token), Some(id.to_owned()));
        let mut forged = token.to_owned();
        forged.replace_range(33.., if token.ends_with('A') { "B" } else { "A" });
        assert_eq!(signer().verify_short(&forged), None);
        let other = signer().short_url("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c");
        let other_id = &other["https://relance.example/m/".len()..][..22];
        assert_eq!(
            signer().verify_short(&format!("{other_id}{}", &token[22..])),
            None
        );
        let foreign = LinkSigner::new(b"another key", "https://relance.example");
        assert_eq!(foreign.verify_short(token), None);
        assert_eq!(signer().verify_short("short"), None);
    }

    #[test]
    fn a_tampered_moved_or_foreign_token_is_refused() {
        let token = signer().token(LinkKind::Click, "d-1", "https://shop.example/");
        let (payload, signature) = token.split_once('.').unwrap();
        let evil = URL_SAFE_NO_PAD.encode("d-1\nhttps://evil.example/");
        assert_eq!(
            signer().verify(LinkKind::Click, &format!("{evil}.{signature}")),
            None
        );
        let other = URL_SAFE_NO_PAD.encode("d-2\nhttps://shop.example/");
        assert_eq!(
            signer().verify(LinkKind::Click, &format!("{other}.{signature}")),
            None
        );
        // The same token on another kind of link (an open turned into an unsubscribe).
        assert_eq!(signer().verify(LinkKind::Unsubscribe, &token), None);
        let foreign = LinkSigner::new(b"another key", "https://relance.example");
        assert_eq!(foreign.verify(LinkKind::Click, &token), None);
        assert_eq!(signer().verify(LinkKind::Click, payload), None);
        assert_eq!(signer().verify(LinkKind::Click, "not.base64!"), None);
    }
}
