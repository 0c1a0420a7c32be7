-- Payments residents made through a GOV.UK Pay payment link while Townhall was down, found by
-- searching GOV.UK Pay afterwards. One row per provider payment: the primary key is GOV.UK Pay's
-- payment_id, so a payment found by two searches (the job and a finance officer's button, or two
-- instances) is applied once. APPLIED went to the account its reference names; DUPLICATE would
-- have paid an already paid parking fine again and UNMATCHED names no account: both wait, held in
-- the ledger's suspense account, for a finance officer to refund or match by hand.
create table link_payment (
    provider_payment_id text primary key check (length(provider_payment_id) between 1 and 64),
    provider            text not null,
    reference           text not null check (length(reference) <= 255),
    amount_pence        bigint not null check (amount_pence > 0),
    paid_at             timestamptz not null,
    found_at            timestamptz not null,
    outcome             text not null check (outcome in ('APPLIED', 'DUPLICATE', 'UNMATCHED')),
    purpose             text check (purpose in ('COUNCIL_TAX', 'RENT', 'PCN')),
    paying_for          text,
    check ((outcome = 'UNMATCHED') = (purpose is null))
);
create index link_payment_to_settle on link_payment (found_at) where outcome <> 'APPLIED';
