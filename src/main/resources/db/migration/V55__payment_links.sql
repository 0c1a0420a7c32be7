-- Payment links (continuity): for each service residents pay through, the GOV.UK Pay payment link
-- a service manager points residents to while Townhall is down. GOV.UK Pay takes those payments
-- without Townhall; the static status page, which outlives Townhall, carries the links.
create table payment_link (
    service    text primary key check (service in ('COUNCIL_TAX_PAYMENTS', 'RENT_PAYMENTS', 'PCN_PAYMENTS')),
    url        text not null check (length(url) <= 300 and url ~ '^https://www\.gov\.uk/payments/[a-z0-9-]+/[a-z0-9-]+$'),
    changed_at timestamptz not null,
    changed_by text not null
);
