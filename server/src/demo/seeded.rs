//! Ids for the demo's rows.

/// A UUID made from the seeded generator, so ids are as reproducible as the rest.
pub fn seeded_id(rng: &mut fastrand::Rng) -> String {
    uuid::Builder::from_random_bytes(rng.u128(..).to_le_bytes())
        .into_uuid()
        .to_string()
}
