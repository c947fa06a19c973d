//! Code collections: codes the merchant made in the shop (a PrestaShop cart rule, a Shopify
//! discount) and imports as CSV, handed out one per reminder instead of codes Relance makes.

use serde::{Deserialize, Serialize};

/// A collection holds at most this many codes.
pub const MAX_CODES: usize = 100_000;

/// What is wrong with an imported list; lines are numbered from 1 as in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CodeListError {
    Empty,
    TooMany {
        count: usize,
    },
    /// 3 to 32 letters, digits, `-` or `_`.
    Invalid {
        line: usize,
        code: String,
    },
    Duplicate {
        line: usize,
        code: String,
    },
    /// The collection's name is empty or longer than 100 characters.
    Name,
}

/// Checked codes, upper-cased as the shop's checkout and the redeem API compare them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeList {
    pub name: String,
    pub codes: Vec<String>,
}

fn valid(code: &str) -> bool {
    (3..=32).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl CodeList {
    /// The collection `name` from a CSV or plain list: the first column of each line, a
    /// `code` header and blank lines skipped. Every problem is reported, at most 20.
    pub fn parse(name: &str, text: &str) -> Result<Self, Vec<CodeListError>> {
        let mut problems = Vec::new();
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            problems.push(CodeListError::Name);
        }
        let mut codes: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (index, line) in text.lines().enumerate() {
            let cell = line
                .split([',', ';', '\t'])
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"')
                .trim();
            if cell.is_empty() || (index == 0 && cell.eq_ignore_ascii_case("code")) {
                continue;
            }
            let code = cell.to_ascii_uppercase();
            if !valid(&code) {
                problems.push(CodeListError::Invalid {
                    line: index + 1,
                    code: cell.chars().take(40).collect(),
                });
            } else if !seen.insert(code.clone()) {
                problems.push(CodeListError::Duplicate {
                    line: index + 1,
                    code,
                });
            } else {
                codes.push(code);
            }
            if problems.len() >= 20 {
                break;
            }
        }
        let bad_lines = problems.iter().any(|p| {
            matches!(
                p,
                CodeListError::Invalid { .. } | CodeListError::Duplicate { .. }
            )
        });
        if codes.is_empty() && !bad_lines {
            problems.push(CodeListError::Empty);
        }
        if codes.len() > MAX_CODES {
            problems.push(CodeListError::TooMany { count: codes.len() });
        }
        if problems.is_empty() {
            Ok(Self {
                name: name.to_owned(),
                codes,
            })
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_gives_its_first_column_upper_cased_without_header_or_blanks() {
        let list = CodeList::parse(
            " Noël ",
            "code,value\nnoel-01,10%\n\n\"NOEL-02\";x\nnoel_03\n",
        )
        .unwrap();
        assert_eq!(list.name, "Noël");
        assert_eq!(list.codes, ["NOEL-01", "NOEL-02", "NOEL_03"]);
    }

    #[test]
    fn every_bad_line_is_reported_with_its_number() {
        assert_eq!(
            CodeList::parse("x", "AB\nGOOD-1\ngood-1\nbad code!\n"),
            Err(vec![
                CodeListError::Invalid {
                    line: 1,
                    code: "AB".into()
                },
                CodeListError::Duplicate {
                    line: 3,
                    code: "GOOD-1".into()
                },
                CodeListError::Invalid {
                    line: 4,
                    code: "bad code!".into()
                },
            ])
        );
        assert_eq!(
            CodeList::parse("", "\n\n"),
            Err(vec![CodeListError::Name, CodeListError::Empty])
        );
    }
}
