-- Council tax and rent accounts (ADR 0010). What is owed is not stored here: charges and payments
-- are journal entries in the ledger, and a balance is the sum of its account's lines.

create table council_tax_account (
    id                 bigint generated always as identity primary key,
    public_ref         text not null unique,
    account_number     text not null unique check (account_number ~ '^[0-9]{8}$'),
    property_address   text not null check (length(property_address) <= 200),
    postcode           text not null check (postcode ~ '^[A-Z0-9]{5,7}$'),
    band               char(1) not null check (band between 'A' and 'H'),
    -- The financial year the bill is for, from 1 April (Local Government Finance Act 1992).
    year_starts_on     date not null,
    annual_charge_pence bigint not null check (annual_charge_pence > 0),
    instalments        integer not null check (instalments in (10, 12)),
    first_due_on       date not null,
    resident_ref       text,
    demo               boolean not null default false
);
create index council_tax_resident_idx on council_tax_account (resident_ref);

create table rent_account (
    id                bigint generated always as identity primary key,
    public_ref        text not null unique,
    tenancy_ref       text not null unique check (tenancy_ref ~ '^T[0-9]{7}$'),
    property_address  text not null check (length(property_address) <= 200),
    -- Held to confirm that whoever links the account is the tenant; encrypted at rest would be
    -- better still, and is noted in ADR 0010.
    tenant_born_on    date not null,
    weekly_rent_pence bigint not null check (weekly_rent_pence > 0),
    tenancy_starts_on date not null,
    resident_ref      text,
    demo              boolean not null default false
);
create index rent_resident_idx on rent_account (resident_ref);

-- Attempts to link an account, counted per client address and per account reference in fixed
-- windows, so that guessing postcodes or dates of birth is slowed and seen.
create table billing_link_window (
    scope        text not null check (scope in ('ADDRESS', 'ACCOUNT')),
    key          text not null check (length(key) <= 64),
    window_start timestamptz not null,
    attempts     integer not null check (attempts >= 0),
    primary key (scope, key)
);
