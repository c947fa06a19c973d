//! Phone numbers as shops send them ("06 12 34 56 78", "+33 6 12…", "(514) 555-0199"),
//! checked against libphonenumber's numbering plans and written in E.164.

use domain::PhoneNumber;

/// `input` in E.164, read in `country`'s national form when it has no `+`; a message naming
/// what is wrong otherwise.
pub fn normalise(input: &str, country: Option<&str>) -> Result<PhoneNumber, String> {
    let region = country.and_then(|c| c.trim().to_ascii_uppercase().parse().ok());
    let parsed = phonenumber::parse(region, input.trim()).map_err(|_| match region {
        Some(region) => format!(
            "\"{input}\" is not a phone number of {region:?} nor an international one (+33…)"
        ),
        None => format!(
            "\"{input}\" is not a phone number in international form (+33…); send the \
                 customer's country to read national numbers"
        ),
    })?;
    if !phonenumber::is_valid(&parsed) {
        return Err(format!("\"{input}\" is not a valid phone number"));
    }
    let e164 = parsed.format().mode(phonenumber::Mode::E164).to_string();
    PhoneNumber::parse_e164(&e164).map_err(|e| e.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_and_international_forms_become_e164() {
        for (input, country) in [
            ("06 12 34 56 78", Some("FR")),
            ("+33 6 12 34 56 78", None),
            ("0033612345678", Some("fr")),
            ("+33612345678", Some("BE")),
        ] {
            assert_eq!(
                normalise(input, country).unwrap().as_str(),
                "+33612345678",
                "{input}"
            );
        }
        assert_eq!(
            normalise("(514) 555-0199", Some("CA")).map(|p| p.to_string()),
            Ok("+15145550199".into())
        );
    }

    #[test]
    fn numbers_that_no_plan_allows_are_refused_with_a_message() {
        assert!(normalise("06 12 34 56 78", None)
            .unwrap_err()
            .contains("international"));
        assert!(normalise("+33 1 23", None).is_err());
        assert!(normalise("555-625-1199", Some("US")).is_err());
        assert!(normalise("not a number", Some("FR")).is_err());
    }
}
