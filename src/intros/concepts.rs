//! The few words people use for the same thing in a need and an offer:
//! someone needs "speakers", someone else "gives talks". A need's word also
//! matches the other words of its group, at a discount, so the same word
//! still ranks first.
//!
//! Kept small and concrete on purpose: every group is a way real needs and
//! offers are phrased differently, never a loose association ("invests in
//! real estate" is not in the investor group: a landlord is no seed investor).

/// A match through a group instead of the word itself counts this much.
pub const SYNONYM_FACTOR: f32 = 0.6;

/// Groups of words meaning the same thing when one person needs it and
/// another offers it. Written as words; the index stems them.
pub const GROUPS: &[&[&str]] = &[
    &[
        "investor",
        "vc",
        "fund",
        "angel",
        "backer",
        "fundraising",
        "venture",
    ],
    &["speaker", "talk", "speaking", "keynote", "presenter"],
    &["designer", "design", "ux", "ui"],
    &[
        "engineer",
        "engineering",
        "developer",
        "programmer",
        "technical",
    ],
    &["sales", "sell", "selling", "bizdev"],
    &["mentor", "mentoring", "coach", "coaching", "advisor"],
    &["hire", "hiring", "recruiter", "recruiting", "talent"],
    &["job", "role", "position", "opening"],
    &["translation", "translator", "translate"],
    &["tax", "accountant", "accounting", "bookkeeping"],
    &["lawyer", "legal", "attorney", "counsel"],
    &["customer", "client", "buyer"],
    &["tester", "testing", "qa"],
    &["venue", "hall"],
    &["flat", "apartment", "housing", "rent", "landlord"],
    &["meetup", "event", "conference"],
    &["grant", "funding", "subsidy"],
    &["reviewer", "review", "feedback"],
    &["climate", "cleantech", "carbon", "sustainability"],
    &["photographer", "photography", "photo", "headshot"],
    &["marketing", "growth", "seo"],
    &["writer", "writing", "copywriting", "editor", "editing"],
    &["data", "analytics", "statistics"],
    &["contractor", "freelancer", "consultant"],
];

/// Words that, in two people's needs, make each a candidate for the other:
/// two people who both need a co-founder are each other's candidates.
pub const SHARED_NEEDS: &[&str] = &[
    "cofounder",
    "comaintainer",
    "collaborator",
    "partner",
    "buddy",
    "teammate",
];
