//! The few words the renderer writes itself (civilities, labels, dates), per language.
//! Languages without their own words here use English ones, like the content fallback.

use chrono::{DateTime, Datelike, Utc};

use crate::model::{Gender, Language};

pub struct Words {
    pub mr: &'static str,
    pub ms: &'static str,
    pub free_shipping: &'static str,
    /// Around a gift's name: "Tote bag" → "a free Tote bag", "Sac en toile en cadeau".
    pub gift: (&'static str, &'static str),
    pub view_cart: &'static str,
    pub quantity: &'static str,
    pub total: &'static str,
    /// The heading of the recommended products.
    pub recommended: &'static str,
    pub unsubscribe: &'static str,
    pub why: &'static str,
    months: [&'static str; 12],
    date: DateStyle,
}

enum DateStyle {
    /// 30 novembre 2026
    Spaced,
    /// November 30, 2026
    MonthFirst,
    /// 30. November 2026
    DayDot,
    /// 30 de noviembre de 2026
    SpanishDe,
}

const FRENCH: Words = Words {
    mr: "M.",
    ms: "Mme",
    free_shipping: "livraison offerte",
    gift: ("", " en cadeau"),
    view_cart: "votre panier",
    quantity: "Quantité",
    total: "Total",
    recommended: "Vous aimerez aussi",
    unsubscribe: "Se désinscrire",
    why: "Vous recevez cet e-mail car vous avez laissé un panier sur",
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    date: DateStyle::Spaced,
};

const ENGLISH: Words = Words {
    mr: "Mr",
    ms: "Ms",
    free_shipping: "free shipping",
    gift: ("a free ", ""),
    view_cart: "your cart",
    quantity: "Quantity",
    total: "Total",
    recommended: "You may also like",
    unsubscribe: "Unsubscribe",
    why: "You receive this email because you left a cart on",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    date: DateStyle::MonthFirst,
};

const GERMAN: Words = Words {
    mr: "Herr",
    ms: "Frau",
    free_shipping: "kostenloser Versand",
    gift: ("", " als Geschenk"),
    view_cart: "Ihr Warenkorb",
    quantity: "Menge",
    total: "Summe",
    recommended: "Das könnte Ihnen auch gefallen",
    unsubscribe: "Abmelden",
    why: "Sie erhalten diese E-Mail, weil Sie einen Warenkorb hinterlassen haben bei",
    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    date: DateStyle::DayDot,
};

const SPANISH: Words = Words {
    mr: "Sr.",
    ms: "Sra.",
    free_shipping: "envío gratuito",
    gift: ("", " de regalo"),
    view_cart: "su carrito",
    quantity: "Cantidad",
    total: "Total",
    recommended: "También te puede gustar",
    unsubscribe: "Darse de baja",
    why: "Recibe este correo porque dejó un carrito en",
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    date: DateStyle::SpanishDe,
};

const ITALIAN: Words = Words {
    mr: "Sig.",
    ms: "Sig.ra",
    free_shipping: "spedizione gratuita",
    gift: ("", " in omaggio"),
    view_cart: "il tuo carrello",
    quantity: "Quantità",
    total: "Totale",
    recommended: "Potrebbe piacerti anche",
    unsubscribe: "Annulla l'iscrizione",
    why: "Ricevi questa email perché hai lasciato un carrello su",
    months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    date: DateStyle::Spaced,
};

pub fn words(language: Language) -> &'static Words {
    match language.code() {
        "fr" => &FRENCH,
        "de" => &GERMAN,
        "es" => &SPANISH,
        "it" => &ITALIAN,
        _ => &ENGLISH,
    }
}

impl Words {
    /// A free gift in a sentence of the email.
    pub fn free_gift(&self, name: &str) -> String {
        format!("{}{name}{}", self.gift.0, self.gift.1)
    }

    /// `M.` / `Mme`; nothing when the shop does not know or the customer chose "other".
    pub fn civility(&self, gender: Option<Gender>) -> &'static str {
        match gender {
            Some(Gender::Male) => self.mr,
            Some(Gender::Female) => self.ms,
            Some(Gender::Other) | None => "",
        }
    }

    /// A calendar date as people write it in the language (the day of `at` in UTC).
    pub fn date(&self, at: DateTime<Utc>) -> String {
        let (day, month, year) = (at.day(), self.months[at.month0() as usize], at.year());
        match self.date {
            DateStyle::Spaced => format!("{day} {month} {year}"),
            DateStyle::MonthFirst => format!("{month} {day}, {year}"),
            DateStyle::DayDot => format!("{day}. {month} {year}"),
            DateStyle::SpanishDe => format!("{day} de {month} de {year}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_read_as_in_each_language() {
        let at = Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap();
        assert_eq!(words(Language::FRENCH).date(at), "3 décembre 2026");
        assert_eq!(words(Language::ENGLISH).date(at), "December 3, 2026");
        let german = Language::parse("de").unwrap();
        assert_eq!(words(german).date(at), "3. Dezember 2026");
        let dutch = Language::parse("nl").unwrap();
        assert_eq!(words(dutch).date(at), "December 3, 2026");
    }

    #[test]
    fn civility_follows_gender_and_language() {
        let french = words(Language::FRENCH);
        assert_eq!(french.civility(Some(Gender::Female)), "Mme");
        assert_eq!(french.civility(Some(Gender::Other)), "");
        assert_eq!(words(Language::ENGLISH).civility(Some(Gender::Male)), "Mr");
    }
}
