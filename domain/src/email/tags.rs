//! The `{tags}` merchants write in their texts, and where each one may be used.

/// A tag the renderer replaces with the customer's, the cart's or the discount's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    FirstName,
    LastName,
    Gender,
    NbProduct,
    Cart,
    CartLink,
    ShopLink,
    DiscountCode,
    DiscountValue,
    DiscountExpiry,
    Unsubscribe,
    /// Products bought with the cart's or from its categories (a block, like `{cart}`).
    Recommendations,
}

impl Tag {
    pub const ALL: [Tag; 12] = [
        Tag::FirstName,
        Tag::LastName,
        Tag::Gender,
        Tag::NbProduct,
        Tag::Cart,
        Tag::CartLink,
        Tag::ShopLink,
        Tag::DiscountCode,
        Tag::DiscountValue,
        Tag::DiscountExpiry,
        Tag::Unsubscribe,
        Tag::Recommendations,
    ];

    pub fn name(&self) -> &'static str {
        match self {
            Self::FirstName => "first_name",
            Self::LastName => "last_name",
            Self::Gender => "gender",
            Self::NbProduct => "nb_product",
            Self::Cart => "cart",
            Self::CartLink => "cart_link",
            Self::ShopLink => "shop_link",
            Self::DiscountCode => "discount_code",
            Self::DiscountValue => "discount_value",
            Self::DiscountExpiry => "discount_expiry",
            Self::Unsubscribe => "unsubscribe",
            Self::Recommendations => "recommendations",
        }
    }

    /// `{first_name}`, as the merchant types it.
    pub fn token(&self) -> String {
        format!("{{{}}}", self.name())
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|tag| tag.name() == name)
    }
}

/// The text fields of a template; each accepts its own set of tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Subject,
    Body,
    DiscountText,
    ButtonText,
    UnsubscribeText,
    /// An SMS step's text: one line of plain text, links written out.
    Sms,
}

impl Field {
    /// The fields of an email template (an SMS text belongs to its step).
    pub const ALL: [Field; 5] = [
        Field::Subject,
        Field::Body,
        Field::DiscountText,
        Field::ButtonText,
        Field::UnsubscribeText,
    ];

    /// The tags this field replaces; any other `{word}` stays as typed and is warned about.
    pub fn tags(&self) -> &'static [Tag] {
        use Tag::*;
        match self {
            // Headers and buttons are plain one-line text: no links, no cart table.
            Field::Subject | Field::ButtonText => &[FirstName, LastName, Gender, NbProduct],
            Field::Body => &[
                FirstName,
                LastName,
                Gender,
                NbProduct,
                Cart,
                CartLink,
                ShopLink,
                Recommendations,
            ],
            Field::DiscountText => &[
                FirstName,
                LastName,
                Gender,
                NbProduct,
                CartLink,
                ShopLink,
                DiscountCode,
                DiscountValue,
                DiscountExpiry,
            ],
            Field::UnsubscribeText => &[FirstName, LastName, Gender, ShopLink, Unsubscribe],
            Field::Sms => &[
                FirstName,
                LastName,
                Gender,
                NbProduct,
                CartLink,
                DiscountCode,
                DiscountValue,
                DiscountExpiry,
            ],
        }
    }

    pub fn accepts(&self, tag: Tag) -> bool {
        self.tags().contains(&tag)
    }
}

/// A piece of merchant text: literal text or a `{tag}` the field accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    Text(&'a str),
    Tag(Tag),
}

/// Splits `input` into text and the tags `field` accepts. Anything else in braces, including
/// tags of other fields, stays literal text.
pub fn tokenize(input: &str, field: Field) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut rest_start = 0;
    while let Some(open) = input[rest_start..].find('{').map(|i| i + rest_start) {
        let Some(close) = input[open..].find('}').map(|i| i + open) else {
            break;
        };
        let name = &input[open + 1..close];
        match Tag::from_name(name).filter(|tag| field.accepts(*tag)) {
            Some(tag) => {
                if text_start < open {
                    tokens.push(Token::Text(&input[text_start..open]));
                }
                tokens.push(Token::Tag(tag));
                text_start = close + 1;
                rest_start = close + 1;
            }
            // Resume just after this brace: `{{first_name}` still finds the tag.
            None => rest_start = open + 1,
        }
    }
    if text_start < input.len() {
        tokens.push(Token::Text(&input[text_start..]));
    }
    tokens
}

/// Every `{word}` in `input` that `field` does not replace, in order, without repeats.
pub fn unknown_tags(input: &str, field: Field) -> Vec<String> {
    let mut unknown: Vec<String> = Vec::new();
    for token in tokenize(input, field) {
        let Token::Text(text) = token else { continue };
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let name = &after[..close];
            let looks_like_tag = !name.is_empty()
                && name.len() <= 40
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if looks_like_tag && !unknown.iter().any(|seen| seen == name) {
                unknown.push(name.to_owned());
            }
            rest = if looks_like_tag {
                &after[close + 1..]
            } else {
                after
            };
        }
    }
    unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_split_from_the_text_around_them() {
        assert_eq!(
            tokenize("Hi {first_name}, see {cart}!", Field::Body),
            vec![
                Token::Text("Hi "),
                Token::Tag(Tag::FirstName),
                Token::Text(", see "),
                Token::Tag(Tag::Cart),
                Token::Text("!"),
            ]
        );
    }

    #[test]
    fn a_tag_of_another_field_stays_literal_and_is_reported() {
        assert_eq!(
            tokenize("Code {discount_code}", Field::Body),
            vec![Token::Text("Code {discount_code}")]
        );
        assert_eq!(
            unknown_tags("Code {discount_code} {prenom} {x", Field::Body),
            vec!["discount_code", "prenom"]
        );
        assert!(unknown_tags("{discount_code}", Field::DiscountText).is_empty());
    }

    #[test]
    fn braces_that_are_not_tags_are_kept_and_not_reported() {
        assert_eq!(
            tokenize("{ a b } {{first_name}", Field::Subject),
            vec![Token::Text("{ a b } {"), Token::Tag(Tag::FirstName)]
        );
        assert!(unknown_tags("{ a b } {{first_name}", Field::Subject).is_empty());
    }
}
