//! The in-memory data: partners' businesses, their invoices, and the flaky endpoint's counts.

use std::collections::HashMap;

use serde::Serialize;

/// A business, owned by one partner.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Business {
    /// `biz_acme`.
    pub(super) id: &'static str,
    /// `Acme Ltd`.
    pub(super) name: &'static str,
}

/// An invoice of a business.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Invoice {
    /// `inv_0001`.
    pub(super) id: String,
    /// The business it belongs to.
    pub(super) business_id: String,
    /// The partner's own id for it, unique within the business.
    pub(super) external_id: String,
    /// The customer billed.
    pub(super) customer_id: String,
    /// Where the invoice is sent.
    pub(super) email: String,
    /// GBP, EUR or USD.
    pub(super) currency: String,
    /// A positive decimal string, such as `"120.50"`.
    pub(super) amount: String,
}

/// What a bearer token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Credential {
    /// A partner's token, scoped to its business.
    Partner { business_id: &'static str },
    /// A token that was valid once.
    Expired,
}

/// Everything the server knows.
#[derive(Debug)]
pub(super) struct Store {
    businesses: Vec<Business>,
    invoices: Vec<Invoice>,
    flaky: HashMap<String, u32>,
}

impl Default for Store {
    fn default() -> Self {
        Self {
            businesses: vec![
                Business {
                    id: "biz_acme",
                    name: "Acme Ltd",
                },
                Business {
                    id: "biz_globex",
                    name: "Globex Corporation",
                },
            ],
            invoices: Vec::new(),
            flaky: HashMap::new(),
        }
    }
}

/// The demo's tokens: `tok_acme`, `tok_globex` and `tok_expired`.
pub(super) fn credential(token: &str) -> Option<Credential> {
    match token {
        "tok_acme" => Some(Credential::Partner {
            business_id: "biz_acme",
        }),
        "tok_globex" => Some(Credential::Partner {
            business_id: "biz_globex",
        }),
        "tok_expired" => Some(Credential::Expired),
        _ => None,
    }
}

impl Store {
    /// A business by id.
    pub(super) fn business(&self, id: &str) -> Option<&Business> {
        self.businesses.iter().find(|business| business.id == id)
    }

    /// The invoices of a business, in creation order.
    pub(super) fn invoices(&self, business_id: &str) -> impl Iterator<Item = &Invoice> {
        self.invoices
            .iter()
            .filter(move |invoice| invoice.business_id == business_id)
    }

    /// Adds an invoice and gives it the next id.
    pub(super) fn add_invoice(&mut self, mut invoice: Invoice) -> Invoice {
        invoice.id = format!("inv_{:04}", self.invoices.len() + 1);
        self.invoices.push(invoice.clone());
        invoice
    }

    /// Counts a request to the flaky endpoint under `key`; the first is 1.
    pub(super) fn count_flaky(&mut self, key: &str) -> u32 {
        let count = self.flaky.entry(key.to_owned()).or_insert(0);
        *count = count.saturating_add(1);
        *count
    }
}
