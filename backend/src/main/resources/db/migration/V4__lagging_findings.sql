-- Lagging Party organisations (后进/软弱涣散, DOMAIN.md §3): the catalogue of situations as
-- versioned data, findings with their life SUSPECTED → CONFIRMED → RECTIFYING → ACCEPTED → CLEARED
-- (or SUSPECTED → DISMISSED), every transition recorded, evidence files, and the classification
-- frozen when a cycle is locked. Every per-organisation table carries the county's division code.

CREATE SEQUENCE lagging_seq START WITH 1 INCREMENT BY 50;

-- A catalogue version: immutable once written; a change is a new version (label <org>-<year>-c<n>).
CREATE TABLE catalogue (
    id              bigint       PRIMARY KEY,
    jurisdiction_id bigint       NOT NULL REFERENCES organization (id),
    county_code     varchar(6)   NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    year            integer      NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    version_number  integer      NOT NULL CHECK (version_number >= 1),
    label           varchar(40)  NOT NULL UNIQUE,
    name            varchar(100) NOT NULL CHECK (length(name) > 0),
    based_on        varchar(40),
    definition      jsonb        NOT NULL,
    created_by      varchar(100) NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (jurisdiction_id, year, version_number)
);

CREATE TRIGGER catalogue_append_only BEFORE UPDATE OR DELETE ON catalogue
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- One organisation, one criterion. The criterion is copied from the catalogue version in force
-- when the finding was raised (catalogue_label 'DEFAULT-<year>' = the built-in default catalogue).
CREATE TABLE finding (
    id                  bigint       PRIMARY KEY,
    organization_id     bigint       NOT NULL REFERENCES organization (id),
    county_code         varchar(6)   NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    year                integer      NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    catalogue_id        bigint       REFERENCES catalogue (id),
    catalogue_label     varchar(40)  NOT NULL,
    criterion_code      varchar(20)  NOT NULL,
    criterion_title     varchar(200) NOT NULL,
    classifies_directly boolean      NOT NULL,
    state               varchar(12)  NOT NULL
        CHECK (state IN ('SUSPECTED', 'CONFIRMED', 'RECTIFYING', 'ACCEPTED', 'CLEARED', 'DISMISSED')),
    source              varchar(10)  NOT NULL CHECK (source IN ('MANUAL', 'SCREENING')),
    -- screening: what triggered the proposal; the key makes re-runs propose nothing twice
    screening_key       varchar(200) UNIQUE,
    screening_run_id    bigint,
    trigger_data        jsonb,
    raised_by           varchar(100) NOT NULL,
    raised_at           timestamptz  NOT NULL DEFAULT now(),
    confirmed_at        timestamptz,
    closed_at           timestamptz,
    state_changed_at    timestamptz  NOT NULL DEFAULT now(),
    revision            bigint       NOT NULL DEFAULT 1 CHECK (revision >= 1),
    CHECK ((source = 'SCREENING') = (screening_key IS NOT NULL))
);

-- at most one finding per organisation and criterion that is still alive
CREATE UNIQUE INDEX finding_one_alive ON finding (organization_id, criterion_code)
    WHERE state IN ('SUSPECTED', 'CONFIRMED', 'RECTIFYING', 'ACCEPTED');
CREATE INDEX finding_county_state_idx ON finding (county_code, state);
CREATE INDEX finding_org_idx ON finding (organization_id, state);

-- Every transition: who, when, why, evidence. Append-only.
CREATE TABLE finding_event (
    id             bigserial     PRIMARY KEY,
    finding_id     bigint        NOT NULL REFERENCES finding (id),
    county_code    varchar(6)    NOT NULL,
    at             timestamptz   NOT NULL DEFAULT now(),
    actor          varchar(100)  NOT NULL,
    actor_name     varchar(100),
    action         varchar(12)   NOT NULL
        CHECK (action IN ('RAISE', 'PROPOSE', 'CONFIRM', 'DISMISS', 'RECTIFY', 'ACCEPT', 'CLEAR')),
    from_state     varchar(12),
    to_state       varchar(12)   NOT NULL,
    reason         varchar(500)  NOT NULL CHECK (length(reason) > 0),
    evidence       varchar(2000),
    attachment_ids bigint[]      NOT NULL DEFAULT '{}'
);

CREATE INDEX finding_event_finding_idx ON finding_event (finding_id, id);

CREATE TRIGGER finding_event_append_only BEFORE UPDATE OR DELETE ON finding_event
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Evidence files (images, PDF), kept in the database: no file names reach a file system.
CREATE TABLE finding_attachment (
    id          bigint       PRIMARY KEY,
    finding_id  bigint       NOT NULL REFERENCES finding (id),
    county_code varchar(6)   NOT NULL,
    file_name   varchar(120) NOT NULL CHECK (length(file_name) > 0),
    media_type  varchar(40)  NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg', 'application/pdf')),
    size_bytes  integer      NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 5242880),
    sha256      char(64)     NOT NULL,
    content     bytea        NOT NULL,
    uploaded_by varchar(100) NOT NULL,
    uploaded_at timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX finding_attachment_finding_idx ON finding_attachment (finding_id);

CREATE TRIGGER finding_attachment_append_only BEFORE UPDATE OR DELETE ON finding_attachment
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- The classification of a cycle, frozen at the moment it is locked (§3): one row per lagging
-- organisation with the criteria that make it so. Append-only.
CREATE TABLE cycle_lagging (
    cycle_id        bigint        NOT NULL REFERENCES cycle (id),
    organization_id bigint        NOT NULL REFERENCES organization (id),
    county_code     varchar(6)    NOT NULL,
    criteria        varchar(20)[] NOT NULL,
    finding_ids     bigint[]      NOT NULL,
    PRIMARY KEY (cycle_id, organization_id)
);

CREATE TRIGGER cycle_lagging_append_only BEFORE UPDATE OR DELETE ON cycle_lagging
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
