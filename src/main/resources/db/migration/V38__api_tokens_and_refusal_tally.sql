-- Personal API tokens for the security team's tools: one per staff member and purpose, shown
-- once, kept only as a SHA-256 hash, revocable; every use is checked against this table.
create table staff_api_token (
    id          bigint generated always as identity primary key,
    public_ref  text not null unique,
    staff_ref   text not null check (length(staff_ref) <= 64),
    label       text not null check (length(label) between 1 and 100),
    token_hash  bytea not null unique check (length(token_hash) = 32),
    created_at  timestamptz not null,
    last_used_at timestamptz,
    revoked_at  timestamptz,
    revoked_by  text
);
create index staff_api_token_staff_idx on staff_api_token (staff_ref);

-- The shield's refusals, minute by minute, by request class and reason, for the audit
-- committee's report: the shield counts them in memory for Prometheus; each instance adds what
-- it refused since it last wrote.
create table shield_refusal_tally (
    minute        timestamptz not null,
    instance      text not null check (length(instance) <= 64),
    request_class text not null check (request_class ~ '^[A-Z_]{1,20}$'),
    reason        text not null check (reason ~ '^[a-z-]{1,20}$'),
    refusals      bigint not null check (refusals >= 0),
    primary key (minute, instance, request_class, reason)
);
