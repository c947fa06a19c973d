//! From what a shop sent to domain types, with every problem named by its JSON path.

use chrono::{DateTime, Duration, Utc};
use domain::lifecycle::OrderStatus;
use domain::{
    Cart, CartError, CartItem, Currency, Customer, CustomerError, EmailAddress, Gender, Language,
    Money, NewCart, NewCustomer, WebUrl,
};
use serde::Serialize;

use super::wire::{Amount, CartWire, CustomerWire, EventType, EventWire, ItemWire, OrderWire};

/// One problem in one event, as the API reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// A customer as an event describes them (the phone and address are for staff's calls).
#[derive(Debug, Clone)]
pub struct IncomingCustomer {
    pub customer: Customer,
    pub phone: Option<String>,
    pub address: Option<String>,
    /// The customer's IANA time zone, by its canonical name.
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone)]
pub struct IncomingOrder {
    pub id: String,
    pub total: Money,
    pub coupon_codes: Vec<String>,
    pub status: OrderStatus,
}

#[derive(Debug, Clone)]
pub enum EventBody {
    Updated {
        cart: Cart,
        customer: Option<IncomingCustomer>,
    },
    Deleted,
    Ordered {
        order: IncomingOrder,
        customer: Option<IncomingCustomer>,
    },
    /// An order's new status (paid, cancelled, refunded…).
    OrderStatus {
        order_id: String,
        status: OrderStatus,
    },
}

/// An event that passed every check.
#[derive(Debug, Clone)]
pub struct ValidEvent {
    pub id: String,
    pub kind: EventType,
    pub occurred_at: DateTime<Utc>,
    pub cart_id: String,
    pub body: EventBody,
}

/// How far in the future an event's time may be (clock skew), before it is refused: a time far
/// ahead would make every real later event look stale.
const MAX_CLOCK_SKEW: Duration = Duration::hours(1);
const ID_MAX: usize = 128;
const TEXT_MAX: usize = 255;

struct Errors(Vec<FieldError>);

impl Errors {
    fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    fn text(&mut self, field: &str, value: &str, max: usize, required: bool) {
        let length = value.trim().chars().count();
        if required && length == 0 {
            self.push(field, "must not be empty");
        } else if length > max {
            self.push(
                field,
                format!("has {length} characters, at most {max} are allowed"),
            );
        }
    }

    fn money(&mut self, field: &str, amount: Option<Amount>, currency: Currency) -> Option<Money> {
        let Some(Amount(value)) = amount else {
            self.push(field, "is required for cart_updated");
            return None;
        };
        Money::new(value, currency)
            .map_err(|e| self.push(field, e.to_string()))
            .ok()
    }

    fn url(&mut self, field: &str, value: Option<&str>) -> Option<WebUrl> {
        let value = value.filter(|v| !v.trim().is_empty())?;
        WebUrl::parse(value)
            .map_err(|e| self.push(field, e.message))
            .ok()
    }
}

pub fn validate(
    wire: EventWire,
    shop_currency: Currency,
    now: DateTime<Utc>,
) -> Result<ValidEvent, Vec<FieldError>> {
    let mut errors = Errors(Vec::new());
    errors.text("id", &wire.id, ID_MAX, true);
    errors.text("cart.id", &wire.cart.id, ID_MAX, true);
    if wire.occurred_at > now + MAX_CLOCK_SKEW {
        errors.push(
            "occurred_at",
            "is more than one hour in the future; check the shop's clock",
        );
    }
    let customer = wire
        .customer
        .map(|c| customer(c, &mut errors))
        .unwrap_or_default();
    let body = match wire.kind {
        EventType::CartUpdated => {
            cart(&wire.cart, &mut errors).map(|cart| EventBody::Updated { cart, customer })
        }
        EventType::CartDeleted => Some(EventBody::Deleted),
        EventType::OrderCompleted => {
            let currency = wire
                .cart
                .currency
                .as_deref()
                .and_then(|c| Currency::parse(c).ok())
                .unwrap_or(shop_currency);
            match wire.order {
                Some(order_wire) => order(order_wire, currency, &mut errors)
                    .map(|order| EventBody::Ordered { order, customer }),
                None => {
                    errors.push("order", "is required for order_completed");
                    None
                }
            }
        }
        EventType::OrderUpdated => order_update(wire.order, &mut errors),
    };
    match body {
        Some(body) if errors.0.is_empty() => Ok(ValidEvent {
            id: wire.id.trim().to_owned(),
            kind: wire.kind,
            occurred_at: wire.occurred_at,
            cart_id: wire.cart.id.trim().to_owned(),
            body,
        }),
        _ => Err(errors.0),
    }
}

fn item(
    index: usize,
    wire: &ItemWire,
    currency: Currency,
    errors: &mut Errors,
) -> Option<CartItem> {
    let path = |field: &str| format!("cart.items[{index}].{field}");
    errors.text(&path("sku"), &wire.sku, ID_MAX, true);
    errors.text(&path("name"), &wire.name, TEXT_MAX, true);
    errors.text(&path("description"), &wire.description, 1_000, false);
    if let Some(category) = &wire.category {
        errors.text(&path("category"), category, TEXT_MAX, false);
    }
    if wire.quantity == 0 {
        errors.push(path("quantity"), "must be at least 1");
    }
    let image_url = errors.url(&path("image_url"), wire.image_url.as_deref());
    let product_url = errors.url(&path("product_url"), wire.product_url.as_deref());
    // An empty barcode is "none": shops send "" for products without one.
    let ean = match wire.ean.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => domain::Gtin::parse(text)
            .map_err(|e| errors.push(path("ean"), e.to_string()))
            .ok(),
    };
    let unit_price = Money::new(wire.unit_price.0, currency)
        .map_err(|e| errors.push(path("unit_price"), e.to_string()))
        .ok()?;
    Some(CartItem {
        sku: wire.sku.trim().to_owned(),
        name: wire.name.trim().to_owned(),
        description: wire.description.trim().to_owned(),
        image_url,
        product_url,
        category: wire.category.as_ref().map(|c| c.trim().to_owned()),
        unit_price,
        quantity: wire.quantity,
        stock: wire.stock,
        ean,
    })
}

fn cart(wire: &CartWire, errors: &mut Errors) -> Option<Cart> {
    let Some(currency_text) = wire.currency.as_deref() else {
        errors.push("cart.currency", "is required for cart_updated");
        return None;
    };
    let currency = Currency::parse(currency_text)
        .map_err(|e| errors.push("cart.currency", e.message))
        .ok()?;
    let Some(items_wire) = &wire.items else {
        errors.push(
            "cart.items",
            "is required for cart_updated (an empty list for an emptied cart)",
        );
        return None;
    };
    let before = errors.0.len();
    let items: Vec<CartItem> = items_wire
        .iter()
        .enumerate()
        .filter_map(|(index, item_wire)| item(index, item_wire, currency, errors))
        .collect();
    let total_tax_incl = errors.money("cart.total_tax_incl", wire.total_tax_incl, currency);
    let total_tax_excl = errors.money("cart.total_tax_excl", wire.total_tax_excl, currency);
    let shipping = errors.money(
        "cart.shipping",
        Some(wire.shipping.unwrap_or(Amount(rust_decimal::Decimal::ZERO))),
        currency,
    );
    let url = errors.url("cart.url", wire.url.as_deref());
    if errors.0.len() > before {
        return None;
    }
    Cart::new(NewCart {
        id: wire.id.clone(),
        currency,
        items,
        total_tax_incl: total_tax_incl?,
        total_tax_excl: total_tax_excl?,
        shipping: shipping?,
        url,
    })
    .map_err(|e| {
        let field = match &e {
            CartError::InvalidId => "cart.id".to_owned(),
            CartError::EmptySku { index } => format!("cart.items[{index}].sku"),
            CartError::EmptyName { index } => format!("cart.items[{index}].name"),
            CartError::ZeroQuantity { index } => format!("cart.items[{index}].quantity"),
            CartError::ItemCurrency { index, .. } => format!("cart.items[{index}].unit_price"),
            CartError::TotalCurrency { .. } => "cart.currency".to_owned(),
            CartError::ExclAboveIncl { .. } => "cart.total_tax_excl".to_owned(),
            CartError::TooManyItems => "cart.items".to_owned(),
        };
        errors.push(field, e.to_string());
    })
    .ok()
}

fn customer(wire: CustomerWire, errors: &mut Errors) -> Option<IncomingCustomer> {
    errors.text("customer.id", &wire.id, ID_MAX, true);
    errors.text("customer.first_name", &wire.first_name, TEXT_MAX, false);
    errors.text("customer.last_name", &wire.last_name, TEXT_MAX, false);
    let phone = match wire.phone.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => crate::phone::normalise(text, wire.country.as_deref())
            .map_err(|message| errors.push("customer.phone", message))
            .ok(),
    };
    if let Some(address) = &wire.address {
        errors.text("customer.address", address, 300, false);
    }
    let time_zone = match wire.time_zone.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(name) => match name.parse::<chrono_tz::Tz>() {
            Ok(zone) => Some(zone.name().to_owned()),
            Err(_) => {
                errors.push(
                    "customer.time_zone",
                    "is not an IANA time zone such as Europe/Paris or America/Montreal",
                );
                None
            }
        },
    };
    let gender = match wire.gender.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text @ ("male" | "female" | "other")) => Gender::parse(text),
        Some(other) => {
            errors.push(
                "customer.gender",
                format!("\"{other}\" is not male, female or other"),
            );
            None
        }
    };
    let language = match wire.language.as_deref().filter(|l| !l.trim().is_empty()) {
        None => None,
        Some(code) => Language::parse(code)
            .map_err(|e| errors.push("customer.language", e.message))
            .ok(),
    };
    // Without an address there is nobody to remind: the cart stays a guest's until one comes.
    let email = match wire.email.as_deref().filter(|e| !e.trim().is_empty()) {
        None => return None,
        Some(text) => EmailAddress::parse(text)
            .map_err(|e| errors.push("customer.email", e.message))
            .ok()?,
    };
    let customer = Customer::new(
        email,
        NewCustomer {
            id: wire.id,
            first_name: wire.first_name,
            last_name: wire.last_name,
            gender,
            language,
            country: wire.country,
            groups: wire.groups,
            newsletter: wire.newsletter,
            birthdate: wire.birthdate,
            orders_count: wire.orders_count,
            last_order_at: wire.last_order_at,
            phone: phone.clone(),
            sms_consent: wire.sms_consent,
        },
    )
    .map_err(|e| {
        let field = match &e {
            CustomerError::EmptyId | CustomerError::IdTooLong => "customer.id".to_owned(),
            CustomerError::TooLong { field, .. } => format!("customer.{field}"),
            CustomerError::LastOrderWithoutOrders => "customer.last_order_at".to_owned(),
        };
        errors.push(field, e.to_string());
    })
    .ok()?;
    Some(IncomingCustomer {
        customer,
        phone: phone.map(String::from),
        address: wire
            .address
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty()),
        time_zone,
    })
}

fn order_update(wire: Option<OrderWire>, errors: &mut Errors) -> Option<EventBody> {
    let Some(wire) = wire else {
        errors.push("order", "is required for order_updated");
        return None;
    };
    errors.text("order.id", &wire.id, ID_MAX, true);
    let Some(status) = wire.status else {
        errors.push(
            "order.status",
            "is required for order_updated: pending, paid, cancelled or refunded",
        );
        return None;
    };
    Some(EventBody::OrderStatus {
        order_id: wire.id.trim().to_owned(),
        status,
    })
}

fn order(wire: OrderWire, currency: Currency, errors: &mut Errors) -> Option<IncomingOrder> {
    errors.text("order.id", &wire.id, ID_MAX, true);
    if wire.coupon_codes.len() > 20 {
        errors.push("order.coupon_codes", "at most 20 codes");
    }
    for (index, code) in wire.coupon_codes.iter().enumerate() {
        errors.text(&format!("order.coupon_codes[{index}]"), code, 64, true);
    }
    let Some(Amount(total)) = wire.total_tax_incl else {
        errors.push("order.total_tax_incl", "is required for order_completed");
        return None;
    };
    let total = Money::new(total, currency)
        .map_err(|e| errors.push("order.total_tax_incl", e.to_string()))
        .ok()?;
    Some(IncomingOrder {
        id: wire.id.trim().to_owned(),
        total,
        coupon_codes: wire
            .coupon_codes
            .iter()
            .map(|c| c.trim().to_owned())
            .collect(),
        status: wire.status.unwrap_or(OrderStatus::Paid),
    })
}
