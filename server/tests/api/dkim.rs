//! DKIM: with a selector and a key configured, every reminder leaves signed, and an independent
//! verifier (Debian's dkimpy, given the public key as DNS would) accepts it; a changed subject
//! fails. Message-IDs are on the sender's domain.

use std::path::Path;
use std::process::Command;

use crate::helpers::{cart_updated, TestApp};
use crate::merchant::{start_sending, step_ids};
use crate::smtp_peer::SmtpPeer;

const SELECTOR: &str = "rel2026";

/// A 2048-bit RSA key in PKCS#8 PEM, as OpenSSL 3 makes it; its public key as DNS publishes it.
fn key_pair(dir: &Path) -> (String, String) {
    let pem = dir.join("dkim.pem");
    let made = Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
        ])
        .arg(&pem)
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let public = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "openssl pkey -in '{}' -pubout -outform DER | base64 -w0",
            pem.display()
        ))
        .output()
        .unwrap();
    assert!(public.status.success());
    (
        pem.display().to_string(),
        String::from_utf8(public.stdout).unwrap(),
    )
}

/// dkimpy's verdict on `message`, with `public` published at `<SELECTOR>._domainkey.<domain>`.
fn verifies(dir: &Path, message: &str, domain: &str, public: &str) -> bool {
    let file = dir.join("message.eml");
    std::fs::write(&file, message).unwrap();
    let script = r#"
import sys, dkim
message = open(sys.argv[1], 'rb').read()
name, public = sys.argv[2], sys.argv[3]
def dns(query, timeout=5):
    if query.decode().rstrip('.') == name:
        return ('v=DKIM1; k=rsa; p=' + public).encode()
    return None
print(dkim.verify(message, dnsfunc=dns))
"#;
    let output = Command::new("/usr/bin/python3")
        .arg("-c")
        .arg(script)
        .arg(&file)
        .arg(format!("{SELECTOR}._domainkey.{domain}"))
        .arg(public)
        .output()
        .expect("Debian's python3 with python3-dkim (scripts/setup.sh installs it)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim() == "True"
}

fn header<'a>(message: &'a str, name: &str) -> &'a str {
    message
        .lines()
        .find_map(|line| line.strip_prefix(name))
        .unwrap_or_else(|| panic!("no {name} in {message}"))
}

/// The one reminder a pass at `at` sends with a fresh DKIM key and `env`; the key's folder
/// (for `verifies`), its public half and the message as received.
async fn signed_reminder(
    app: &TestApp,
    at: &str,
    env: &[(&str, &str)],
) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let (pem, public) = key_pair(dir.path());
    let peer = SmtpPeer::start(&[]).await;
    let mut env = env.to_vec();
    env.extend([
        ("RELANCE_DKIM_SELECTOR", SELECTOR),
        ("RELANCE_DKIM_KEY_FILE", &pem),
    ]);
    let summary = app.run_once_with(&peer.url(), at, &env).await;
    assert_eq!(summary["sent"], 1, "{summary}");
    let message = peer.received().remove(0).data;
    (dir, public, message)
}

#[tokio::test]
async fn the_demo_shop_s_reminder_is_signed_for_the_sender_s_domain_and_a_changed_subject_fails() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T08:30:00Z", 1))
        .await;

    let (dir, public, message) = signed_reminder(
        &app,
        "2026-11-23T10:00:00Z",
        &[("RELANCE_MAIL_FROM", "Relance <relance@relance.example>")],
    )
    .await;

    let signature = header(&message, "DKIM-Signature: ");
    assert!(signature.contains("d=relance.example"), "{signature}");
    assert!(signature.contains(&format!("s={SELECTOR}")), "{signature}");
    assert!(header(&message, "Message-ID: ").ends_with("@relance.example>"));
    assert!(verifies(dir.path(), &message, "relance.example", &public));
    let subject = header(&message, "Subject: ");
    let changed = message.replacen(subject, "Un autre sujet", 1);
    assert!(!verifies(dir.path(), &changed, "relance.example", &public));
}

#[tokio::test]
async fn a_set_up_shop_s_reminder_from_its_own_address_is_signed_for_its_domain() {
    let app = TestApp::empty().await;
    let (shop, cookie, key) = crate::setup::set_up_shop_with_key(&app).await;
    let steps = step_ids(&app, &shop).await;
    start_sending(&app, &cookie, &shop, &steps).await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T10:00:00Z", 1))
        .await;

    let (dir, public, message) = signed_reminder(
        &app,
        "2026-11-23T11:31:00Z",
        &[("RELANCE_DKIM_DOMAIN", "emilie.example")],
    )
    .await;

    // Set-up gave the shop its own sender, bonjour@emilie.example.
    assert!(header(&message, "From: ").contains("bonjour@emilie.example"));
    assert!(header(&message, "Message-ID: ").ends_with("@emilie.example>"));
    assert!(verifies(dir.path(), &message, "emilie.example", &public));
    assert!(!verifies(dir.path(), &message, "other.example", &public));
}

#[tokio::test]
async fn a_selector_without_a_key_file_stops_the_run_with_a_message() {
    let app = TestApp::spawn(Some(0)).await;
    let output = Command::new(env!("CARGO_BIN_EXE_relance"))
        .env("DATABASE_URL", &app.database_url)
        .env("RELANCE_DKIM_SELECTOR", SELECTOR)
        .env_remove("RELANCE_DKIM_KEY_FILE")
        .args(["run-once", "--at", "2026-11-23T10:00:00Z"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("RELANCE_DKIM_KEY_FILE"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
