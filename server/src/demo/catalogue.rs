//! The demo shop's products and people: invented, plausible, in French and English.

pub struct Product {
    pub sku: &'static str,
    pub name_fr: &'static str,
    pub name_en: &'static str,
    pub description_fr: &'static str,
    pub description_en: &'static str,
    pub category: &'static str,
    /// Price with tax, in euros, as text so it is exact.
    pub price: &'static str,
    /// The image file under `public/demo/`.
    pub image: &'static str,
}

pub const PRODUCTS: &[Product] = &[
    Product { sku: "demo_1", name_fr: "T-shirt délavé à manches courtes", name_en: "Faded short sleeve T-shirt", description_fr: "Coupe classique, col rond, coton bio", description_en: "Regular fit, round neck, organic cotton", category: "Tops", price: "16.51", image: "tshirt.png" },
    Product { sku: "demo_2", name_fr: "Chemisier", name_en: "Blouse", description_fr: "Manches courtes, imprimé fleuri", description_en: "Short sleeves, floral print", category: "Tops", price: "26.99", image: "blouse.png" },
    Product { sku: "demo_3", name_fr: "Robe imprimée", name_en: "Printed dress", description_fr: "Robe d'été légère en viscose", description_en: "Light summer dress in viscose", category: "Dresses", price: "50.99", image: "dress.png" },
    Product { sku: "demo_4", name_fr: "Robe d'été imprimée", name_en: "Printed summer dress", description_fr: "Longue, bretelles réglables", description_en: "Long, adjustable straps", category: "Dresses", price: "30.50", image: "summer-dress.png" },
    Product { sku: "demo_5", name_fr: "Robe en mousseline imprimée", name_en: "Printed chiffon dress", description_fr: "Mousseline fluide, doublée", description_en: "Flowing chiffon, lined", category: "Dresses", price: "20.50", image: "chiffon.png" },
    Product { sku: "demo_6", name_fr: "Pull en laine mérinos", name_en: "Merino wool jumper", description_fr: "Chaud et léger, col V", description_en: "Warm and light, V neck", category: "Knitwear", price: "69.00", image: "jumper.png" },
    Product { sku: "demo_7", name_fr: "Jean droit brut", name_en: "Straight raw denim jeans", description_fr: "Denim japonais 14 oz", description_en: "14 oz Japanese denim", category: "Bottoms", price: "89.90", image: "jeans.png" },
    Product { sku: "demo_8", name_fr: "Baskets en cuir blanc", name_en: "White leather sneakers", description_fr: "Semelle cousue, fabriquées au Portugal", description_en: "Stitched sole, made in Portugal", category: "Shoes", price: "119.00", image: "sneakers.png" },
    Product { sku: "demo_9", name_fr: "Sac cabas en toile", name_en: "Canvas tote bag", description_fr: "Toile épaisse, anses en cuir", description_en: "Heavy canvas, leather handles", category: "Accessories", price: "35.00", image: "tote.png" },
    Product { sku: "demo_10", name_fr: "Écharpe en cachemire", name_en: "Cashmere scarf", description_fr: "100 % cachemire, 180 × 30 cm", description_en: "100% cashmere, 180 × 30 cm", category: "Accessories", price: "79.00", image: "scarf.png" },
    Product { sku: "demo_11", name_fr: "Casquette brodée", name_en: "Embroidered cap", description_fr: "Coton sergé, taille réglable", description_en: "Cotton twill, adjustable", category: "Accessories", price: "24.00", image: "cap.png" },
    Product { sku: "demo_12", name_fr: "Manteau en laine", name_en: "Wool coat", description_fr: "Doublé, coupe droite, mi-long", description_en: "Lined, straight cut, mid-length", category: "Outerwear", price: "189.00", image: "coat.png" },
];

pub const FRENCH_FIRST_NAMES: &[(&str, bool)] = &[
    ("Camille", false), ("Léa", false), ("Manon", false), ("Chloé", false), ("Inès", false),
    ("Élodie", false), ("Margaux", false), ("Sophie", false), ("Hélène", false), ("Zoé", false),
    ("Lucas", true), ("Hugo", true), ("Louis", true), ("Théo", true), ("Mathis", true),
    ("Jérôme", true), ("François", true), ("Antoine", true), ("Nicolas", true), ("Gaël", true),
];

pub const FRENCH_LAST_NAMES: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau",
];

pub const ENGLISH_FIRST_NAMES: &[(&str, bool)] = &[
    ("Olivia", false), ("Amelia", false), ("Isla", false), ("Emily", false), ("Grace", false),
    ("Oliver", true), ("George", true), ("Harry", true), ("Jack", true), ("Noah", true),
];

pub const ENGLISH_LAST_NAMES: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "O'Brien",
];

pub const EMAIL_DOMAINS: &[&str] = &["example.com", "example.org", "example.net"];
