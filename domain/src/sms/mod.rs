//! SMS steps: the merchant's text per language, its size as the networks count it, and the
//! message each customer gets. The editor measures with the same functions the sender uses.

mod length;
mod render;
mod text;

pub use length::{measure, Encoding, SmsLength};
pub use render::{render_sms, RenderedSms, SAMPLE_LINK};
pub use text::{sms_tags, SmsText, SmsTextError, SmsTexts, LINK_MAX, MAX_SEGMENTS, NAME_MAX};
