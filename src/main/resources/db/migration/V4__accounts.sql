-- Residents and staff are separate tables: a resident can never be given a staff role by a bug
-- that confuses the two, and staff sign in through their own page.
create table resident (
    id                bigint generated always as identity primary key,
    public_ref        text not null unique,
    email             text not null check (length(email) <= 254),
    email_normalised  text not null unique check (length(email_normalised) <= 254),
    full_name         text not null check (length(full_name) between 1 and 100),
    password_hash     text not null,
    email_verified_at timestamptz,
    created_at        timestamptz not null,
    demo              boolean not null default false
);

create table staff_member (
    id               bigint generated always as identity primary key,
    public_ref       text not null unique,
    email            text not null check (length(email) <= 254),
    email_normalised text not null unique check (length(email_normalised) <= 254),
    full_name        text not null check (length(full_name) between 1 and 100),
    password_hash    text,
    totp_secret      text,
    totp_enrolled_at timestamptz,
    totp_last_step   bigint,
    active           boolean not null default true,
    created_at       timestamptz not null,
    demo             boolean not null default false,
    check (totp_enrolled_at is null or totp_secret is not null)
);

create table staff_role (
    staff_id   bigint not null references staff_member (id),
    role       text not null check (role in ('PARKING_OFFICER', 'FINANCE_OFFICER', 'SERVICE_MANAGER',
                                              'SECURITY_ANALYST', 'AUDITOR', 'ADMIN')),
    granted_at timestamptz not null,
    primary key (staff_id, role)
);

create table staff_recovery_code (
    id        bigint generated always as identity primary key,
    staff_id  bigint not null references staff_member (id),
    code_hash text not null,
    used_at   timestamptz
);
create index staff_recovery_code_staff_idx on staff_recovery_code (staff_id);

-- Emailed single-use links. Only a SHA-256 of each token is kept: a copy of this table opens nothing.
create table account_token (
    token_hash   bytea primary key check (length(token_hash) = 32),
    purpose      text not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD', 'STAFF_SET_UP')),
    account_kind text not null check (account_kind in ('RESIDENT', 'STAFF')),
    account_id   bigint not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    used_at      timestamptz,
    check (expires_at > created_at)
);
create index account_token_account_idx on account_token (account_kind, account_id, purpose);

-- Failed sign-ins per account and per client address, for growing delays (not lockout).
create table sign_in_throttle (
    scope           text not null check (scope in ('ACCOUNT', 'ADDRESS')),
    key             text not null check (length(key) <= 254),
    failures        integer not null check (failures >= 0),
    last_failure_at timestamptz not null,
    blocked_until   timestamptz,
    primary key (scope, key)
);

-- Browsers a resident has signed in from. The cookie holds a random token; only its hash is here.
create table known_device (
    id                bigint generated always as identity primary key,
    resident_id       bigint not null references resident (id),
    token_hash        bytea not null unique check (length(token_hash) = 32),
    user_agent        text check (length(user_agent) <= 200),
    first_seen_at     timestamptz not null,
    last_signed_in_at timestamptz not null,
    last_address      inet
);
create index known_device_resident_idx on known_device (resident_id);
