//! The cart timeline's texts about orders and what reminders earned, in both languages.

use domain::{lifecycle::OrderStatus, stats::CreditRule};

pub struct TimelineTexts {
    /// "Order 1042 (paid)".
    pub order: fn(&str, OrderStatus) -> String,
    /// The reminder (its delay, "1 hour") an order is credited to, by which rule and window.
    pub credited: fn(&str, CreditRule, u32) -> String,
    /// An order that counts for no reminder, with its status.
    pub not_credited: fn(OrderStatus) -> &'static str,
    /// The order a reminder is credited with, and why.
    pub led_to: fn(&str, CreditRule) -> String,
    /// "opened 3 Dec 2026 10:02" with the date already formatted.
    pub opened: fn(&str) -> String,
    pub clicked: fn(&str) -> String,
    /// A webhook POST: its address, attempt, status (if any) and error (if any).
    pub webhook: fn(&str, u32, Option<u16>, Option<&str>) -> String,
}

fn status_en(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::Pending => "awaiting payment",
        OrderStatus::Paid => "paid",
        OrderStatus::Cancelled => "cancelled",
        OrderStatus::Refunded => "refunded",
    }
}

fn status_fr(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::Pending => "en attente de paiement",
        OrderStatus::Paid => "payée",
        OrderStatus::Cancelled => "annulée",
        OrderStatus::Refunded => "remboursée",
    }
}

pub static EN: TimelineTexts = TimelineTexts {
    order: |id, status| format!("Order {id} ({})", status_en(status)),
    credited: |delay, rule, days| match rule {
        CreditRule::Code => format!("credited to the reminder \"{delay}\": it spent its code"),
        CreditRule::Click => {
            format!("credited to the reminder \"{delay}\": within {days} days of a click on it")
        }
        CreditRule::Send => {
            format!("credited to the reminder \"{delay}\": within {days} days of its send")
        }
    },
    not_credited: |status| match status {
        OrderStatus::Paid => "credited to no reminder",
        _ => "counts in no figure until it is paid",
    },
    led_to: |order, rule| match rule {
        CreditRule::Code => format!("credited with order {order} (its code)"),
        CreditRule::Click => format!("credited with order {order} (after a click)"),
        CreditRule::Send => format!("credited with order {order} (after its send)"),
    },
    opened: |at| format!("opened {at}"),
    clicked: |at| format!("clicked {at}"),
    webhook: |url, attempt, status, error| {
        let answer = match (status, error) {
            (Some(status), None) => format!("answered {status}, delivered"),
            (Some(status), _) => format!("answered {status}, not delivered"),
            (None, Some(error)) => format!("not delivered: {error}"),
            (None, None) => "not delivered".to_owned(),
        };
        format!("Webhook to {url} (attempt {attempt}): {answer}")
    },
};

pub static FR: TimelineTexts = TimelineTexts {
    order: |id, status| format!("Commande {id} ({})", status_fr(status)),
    credited: |delay, rule, days| match rule {
        CreditRule::Code => format!("attribuée à la relance « {delay} » : son code a été utilisé"),
        CreditRule::Click => {
            format!("attribuée à la relance « {delay} » : moins de {days} jours après un clic")
        }
        CreditRule::Send => {
            format!("attribuée à la relance « {delay} » : moins de {days} jours après son envoi")
        }
    },
    not_credited: |status| match status {
        OrderStatus::Paid => "attribuée à aucune relance",
        _ => "ne compte dans aucun chiffre tant qu'elle n'est pas payée",
    },
    led_to: |order, rule| match rule {
        CreditRule::Code => format!("commande {order} attribuée (son code)"),
        CreditRule::Click => format!("commande {order} attribuée (après un clic)"),
        CreditRule::Send => format!("commande {order} attribuée (après son envoi)"),
    },
    opened: |at| format!("ouverte le {at}"),
    clicked: |at| format!("cliquée le {at}"),
    webhook: |url, attempt, status, error| {
        let answer = match (status, error) {
            (Some(status), None) => format!("réponse {status}, livré"),
            (Some(status), _) => format!("réponse {status}, non livré"),
            (None, Some(error)) => format!("non livré : {error}"),
            (None, None) => "non livré".to_owned(),
        };
        format!("Webhook vers {url} (essai {attempt}) : {answer}")
    },
};
