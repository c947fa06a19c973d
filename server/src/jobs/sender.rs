//! What the engine sends with: the database, the mail transport, the sender address and the
//! link signer. Built once at start-up (`startup::engine`) and shared by every run.

use std::sync::Arc;

use crate::db::Pool;
use crate::links::LinkSigner;
use crate::mail::MailTransport;
use crate::outbound::HttpPoster;

#[derive(Clone)]
pub struct Sender {
    pub pool: Pool,
    pub mail: Arc<dyn MailTransport>,
    /// The `From` of every email, unless the shop set its own sender in Settings.
    pub mail_from: String,
    /// Signs the links of every email, and checks them when they come back.
    pub signer: LinkSigner,
    /// Webhook steps' POSTs.
    pub http: HttpPoster,
}
