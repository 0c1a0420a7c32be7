-- Addresses and ranges security analysts block (refused before anything else) or allow (never
-- rate limited: a partner's gateway, the council's own offices). Every rule expires.
create table shield_rule (
    id          bigint generated always as identity primary key,
    public_ref  text not null unique,
    kind        text not null check (kind in ('BLOCK', 'ALLOW')),
    cidr        cidr not null,
    reason      text not null check (length(reason) between 1 and 300),
    created_by  text not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    removed_by  text,
    removed_at  timestamptz,
    check (expires_at > created_at)
);
create index shield_rule_active_idx on shield_rule (expires_at) where removed_at is null;
