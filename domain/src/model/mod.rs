//! The nouns of Relance: money, addresses, languages, customers, carts and email templates.

mod cart;
mod color;
mod customer;
mod email_address;
mod error;
mod gtin;
mod language;
pub(crate) mod money;
mod origin;
mod phone;
mod shop;
pub(crate) mod template;
mod template_draft;
mod url;

pub use cart::{Cart, CartError, CartItem, NewCart, MAX_CART_ITEMS};
pub use color::HexColor;
pub use customer::{Customer, CustomerError, CustomerProfile, Gender, NewCustomer};
pub use email_address::EmailAddress;
pub use error::ParseError;
pub use gtin::{Gtin, GtinError};
pub use language::Language;
pub use money::{Currency, Money, MoneyError};
pub use origin::{Origin, MAX_ORIGINS};
pub use phone::PhoneNumber;
pub use shop::Shop;
pub use template::{
    EmailTemplate, Layout, ReassuranceIcon, ReassuranceItem, SocialLinks, Subject, TemplateContent,
    TemplateError, LINK_TEXT_MAX, SUBJECT_MAX,
};
pub use template_draft::{ContentDraft, DraftProblem, TemplateDraft};
pub use url::WebUrl;
