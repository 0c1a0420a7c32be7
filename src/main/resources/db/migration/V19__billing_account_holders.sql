-- Who may see a council tax or rent account (ADR 0012). Knowing an account's reference and its
-- second fact (the postcode, the tenant's date of birth), which are printed on bills and letters,
-- only makes a PENDING holder; an activation code posted to the property or the tenancy's
-- correspondence address makes them ACTIVE. Many residents may hold one account (joint
-- taxpayers, joint tenants); a finance officer may remove one (REMOVED keeps the row, so the
-- weekly bound on letters still counts after a removed resident asks again).
create table billing_holder (
    id              bigint generated always as identity primary key,
    public_ref      text not null unique,
    council_tax_id  bigint references council_tax_account (id),
    rent_id         bigint references rent_account (id),
    resident_ref    text not null check (length(resident_ref) <= 64),
    status          text not null check (status in ('PENDING', 'ACTIVE', 'REMOVED')),
    requested_at    timestamptz not null,
    activated_at    timestamptz,
    removed_at      timestamptz,
    removed_by      text check (length(removed_by) <= 64),
    -- The activation code only as an HMAC under a key outside the database, bound to this row.
    code_hash       bytea check (length(code_hash) = 32),
    code_expires_at timestamptz,
    last_letter_at  timestamptz,
    check ((council_tax_id is null) <> (rent_id is null)),
    check (status <> 'ACTIVE' or activated_at is not null),
    check (status <> 'REMOVED' or removed_at is not null),
    -- A code exists only while the link waits for it: activation and removal both void it.
    check (code_hash is null or status = 'PENDING'),
    check ((code_hash is null) = (code_expires_at is null)),
    unique (council_tax_id, resident_ref),
    unique (rent_id, resident_ref)
);
create index billing_holder_resident_idx on billing_holder (resident_ref) where status <> 'REMOVED';

-- Whoever was linked under the old rule keeps the account: they become its active holders. A
-- holder's public reference is random like every other (two random UUIDs, 244 random bits).
create function pg_temp.random_ref() returns text language sql volatile as $$
    select rtrim(translate(encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'),
        'base64'), '+/', '-_'), '=')
$$;
insert into billing_holder (public_ref, council_tax_id, resident_ref, status, requested_at, activated_at)
select pg_temp.random_ref(), id, resident_ref, 'ACTIVE', now(), now() from council_tax_account where resident_ref is not null;
insert into billing_holder (public_ref, rent_id, resident_ref, status, requested_at, activated_at)
select pg_temp.random_ref(), id, resident_ref, 'ACTIVE', now(), now() from rent_account where resident_ref is not null;

-- One resident per account was the rule that let the first to link own it; holders replace it.
alter table council_tax_account drop column resident_ref;
alter table rent_account drop column resident_ref;

-- Where the housing system posts a tenant's letters: the property unless the tenancy says
-- otherwise. GOV.UK Notify needs a postcode on the last line, so a tenancy without one cannot be
-- sent an activation code and its tenant is asked to call (ADR 0012).
alter table rent_account add column correspondence_address text check (length(correspondence_address) <= 200);
alter table rent_account add column correspondence_postcode text check (correspondence_postcode ~ '^[A-Z0-9]{5,7}$');
update rent_account set correspondence_address = property_address;
alter table rent_account alter column correspondence_address set not null;
-- The demo borough's tenancies, loaded before this column existed.
update rent_account set correspondence_postcode = 'EB32CH' where demo and tenancy_ref = 'T4000123';
update rent_account set correspondence_postcode = 'EB25PL' where demo and tenancy_ref = 'T4000456';

-- Activation codes entered, counted per client address and per pending link in fixed windows.
create table billing_activation_window (
    scope        text not null check (scope in ('ADDRESS', 'LINK')),
    key          text not null check (length(key) <= 64),
    window_start timestamptz not null,
    attempts     integer not null check (attempts >= 0),
    primary key (scope, key)
);
