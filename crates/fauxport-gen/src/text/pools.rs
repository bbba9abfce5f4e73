//! The per-world pools of people, companies, cities and products that text draws from.
//!
//! The pools are built once per world with the `fake` crate, driven by our own [`Rng`], so a seed
//! always yields the same pools. Rows then only index into them, which keeps the hot path free of
//! allocation-heavy fake calls.

use std::collections::BTreeSet;

use fake::Fake;
use fake::faker::address::en::CityName;
use fake::faker::company::en::CompanyName;
use fake::faker::name::en::{FirstName, LastName};

use crate::rng::{Rng, hash_str};

/// How many users a world has.
const USERS: usize = 256;
/// How many companies, cities and products a world has.
const COMPANIES: usize = 64;
const CITIES: usize = 64;
const PRODUCTS: usize = 96;

/// Domains reserved for documentation (RFC 2606), so no generated address can reach anyone.
const EMAIL_DOMAINS: [&str; 3] = ["example.com", "example.org", "example.net"];

/// Cities the `fake` crate does not invent: real places make prompts read naturally.
const REAL_CITIES: &[&str] = &[
    "Lisbon",
    "Osaka",
    "Nairobi",
    "Toronto",
    "Berlin",
    "Austin",
    "Melbourne",
    "Seoul",
    "Lagos",
    "Mexico City",
    "Reykjavik",
    "Mumbai",
    "Lyon",
    "Cape Town",
    "Vancouver",
    "Porto",
    "Kyoto",
    "Edinburgh",
    "Buenos Aires",
    "Tel Aviv",
    "Istanbul",
    "Denver",
    "Hanoi",
    "Prague",
];

const BRANDS: &[&str] = &[
    "Nimbus",
    "Aurora",
    "Kestrel",
    "Lumen",
    "Everfield",
    "Northwind",
    "Halcyon",
    "Brightline",
    "Quill",
    "Orbit",
    "Tandem",
    "Sable",
    "Juniper",
    "Vesta",
    "Corvid",
    "Pebble",
    "Atlas",
    "Moss",
];

const MODELS: &[&str] = &[
    "X2", "Pro", "Mini", "3000", "Air", "Max", "S", "Go", "Plus", "Lite", "V", "One", "Duo",
];

const PRODUCT_NOUNS: &[&str] = &[
    "air fryer",
    "standing desk",
    "noise-cancelling headphones",
    "e-bike",
    "smart thermostat",
    "espresso machine",
    "running shoes",
    "hiking backpack",
    "robot vacuum",
    "4K monitor",
    "mechanical keyboard",
    "yoga mat",
    "water bottle",
    "office chair",
    "fitness tracker",
    "blender",
    "wireless earbuds",
    "rice cooker",
    "baby monitor",
    "tent",
];

/// One user of the world.
#[derive(Debug, Clone)]
pub(super) struct Person {
    /// The given name, e.g. "Maria".
    pub(super) first: String,
    /// The full name, e.g. "Maria Okafor".
    pub(super) full: String,
    /// The e-mail address, always on a reserved example domain.
    pub(super) email: String,
}

/// Names, companies, cities and products of one world, built once from its seed.
#[derive(Debug, Clone)]
pub struct TextPools {
    pub(super) people: Vec<Person>,
    pub(super) companies: Vec<String>,
    pub(super) cities: Vec<String>,
    pub(super) products: Vec<String>,
}

impl TextPools {
    /// Builds the pools for a world seed with the `fake` crate plus our own word lists.
    ///
    /// The same seed always gives the same pools; the world holds 256 users.
    pub fn new(seed: u64) -> Self {
        let mut rng = Rng::from_key(&[seed, hash_str("fauxport-gen/text/pools")]);
        let mut taken = BTreeSet::new();
        let people = (0..USERS).map(|_| person(&mut rng, &mut taken)).collect();
        let companies = (0..COMPANIES)
            .map(|_| CompanyName().fake_with_rng::<String, _>(&mut rng))
            .collect();
        let cities = (0..CITIES)
            .map(|_| {
                if rng.chance(0.5) {
                    (*rng.pick(REAL_CITIES)).to_owned()
                } else {
                    CityName().fake_with_rng::<String, _>(&mut rng)
                }
            })
            .collect();
        let products = (0..PRODUCTS).map(|_| product(&mut rng)).collect();
        TextPools {
            people,
            companies,
            cities,
            products,
        }
    }

    /// A user e-mail from the pool, like `maria.okafor@example.com`.
    ///
    /// Domains are always `example.com`, `example.org` or `example.net`.
    pub fn email(&self, rng: &mut Rng) -> &str {
        &self.person(rng).email
    }

    /// A user of the pool.
    pub(super) fn person(&self, rng: &mut Rng) -> &Person {
        rng.pick(&self.people)
    }

    /// A company name such as "Schmidt, Wolf and Hartmann".
    pub(super) fn company(&self, rng: &mut Rng) -> &str {
        rng.pick(&self.companies).as_str()
    }

    /// A city name.
    pub(super) fn city(&self, rng: &mut Rng) -> &str {
        rng.pick(&self.cities).as_str()
    }

    /// A product name such as "Nimbus X2 air fryer".
    pub(super) fn product(&self, rng: &mut Rng) -> &str {
        rng.pick(&self.products).as_str()
    }
}

/// Draws one person with an e-mail address not yet in `taken`.
fn person(rng: &mut Rng, taken: &mut BTreeSet<String>) -> Person {
    let first: String = FirstName().fake_with_rng(&mut *rng);
    let last: String = LastName().fake_with_rng(&mut *rng);
    let (f, l) = (ascii_lower(&first), ascii_lower(&last));
    let domain = *rng.pick(&EMAIL_DOMAINS);
    let mut local = match rng.below(10) {
        0..=6 => format!("{f}.{l}"),
        7 | 8 => format!("{}{l}", f.get(..1).unwrap_or("x")),
        _ => format!("{f}_{l}{}", rng.range(10, 99)),
    };
    if local.is_empty() || local.starts_with('.') {
        local = format!("user{}", taken.len());
    }
    let mut email = format!("{local}@{domain}");
    let mut n = 2;
    while taken.contains(&email) {
        email = format!("{local}{n}@{domain}");
        n += 1;
    }
    taken.insert(email.clone());
    let full = format!("{first} {last}");
    Person { first, full, email }
}

/// Lower-case ASCII letters and digits of a name ("O'Keefe" becomes "okeefe").
fn ascii_lower(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A product such as "Kestrel Pro standing desk".
fn product(rng: &mut Rng) -> String {
    let brand = if rng.chance(0.3) {
        LastName().fake_with_rng::<String, _>(&mut *rng)
    } else {
        (*rng.pick(BRANDS)).to_owned()
    };
    format!("{brand} {} {}", rng.pick(MODELS), rng.pick(PRODUCT_NOUNS))
}

/// Lets [`Rng`] drive the `fake` crate (and anything else built on `rand_core` 0.10) while
/// keeping every draw on our own portable stream. It lives here, beside its only user, but
/// applies crate-wide.
impl rand_core::TryRng for Rng {
    type Error = core::convert::Infallible;

    #[inline]
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok((Rng::next_u64(self) >> 32) as u32)
    }

    #[inline]
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Ok(Rng::next_u64(self))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(8) {
            let bytes = Rng::next_u64(self).to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        Ok(())
    }
}
