-- Organisation data that screening (智能排查, DOMAIN.md §3) reads: leadership posts with their
-- holders or vacancies, meetings (三会一课 and 主题党日), the activity venue with the checklist
-- "五化六通六室七有" (docs/decisions/0008-venue-checklist.md); and the screening runs with the
-- findings they proposed (docs/decisions/0009-screening-rules.md). Every per-organisation table
-- carries the county's division code.

CREATE SEQUENCE orgdata_seq START WITH 1 INCREMENT BY 50;

-- One row per organisation and post: a holder (name + since) or a vacancy (since), never both.
-- Holder names are personal data: they are kept here only (never in the audit trail or logs).
CREATE TABLE leadership_post (
    id              bigint       PRIMARY KEY,
    organization_id bigint       NOT NULL REFERENCES organization (id),
    county_code     varchar(6)   NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    post            varchar(30)  NOT NULL CHECK (post IN ('SECRETARY', 'DEPUTY_SECRETARY', 'ORGANIZATION_COMMITTEE',
                                                          'PROPAGANDA_COMMITTEE', 'DISCIPLINE_COMMITTEE')),
    holder_name     varchar(50)  CHECK (length(holder_name) > 0),
    holder_since    date,
    vacant_since    date,
    revision        bigint       NOT NULL DEFAULT 1 CHECK (revision >= 1),
    updated_by      varchar(100) NOT NULL,
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (organization_id, post),
    CHECK ((holder_name IS NULL) = (vacant_since IS NOT NULL)),
    CHECK ((holder_name IS NULL) = (holder_since IS NULL))
);

CREATE INDEX leadership_post_vacant_idx ON leadership_post (county_code, post, vacant_since) WHERE vacant_since IS NOT NULL;

-- Meetings held. Issue 5 adds member-level attendance to these rows (by id). A meeting recorded by
-- mistake is deleted softly: it stays, with who deleted it, when and why, and is ignored elsewhere.
CREATE SEQUENCE meeting_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE meeting (
    id              bigint       PRIMARY KEY,
    organization_id bigint       NOT NULL REFERENCES organization (id),
    county_code     varchar(6)   NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    kind            varchar(20)  NOT NULL CHECK (kind IN ('BRANCH_ASSEMBLY', 'COMMITTEE', 'GROUP', 'PARTY_LECTURE', 'THEME_DAY')),
    held_on         date         NOT NULL CHECK (held_on >= DATE '2000-01-01'),
    topic           varchar(200) NOT NULL CHECK (length(topic) > 0),
    attendees       integer      NOT NULL CHECK (attendees >= 0),
    expected        integer      NOT NULL CHECK (expected >= 1 AND expected <= 10000),
    recorded_by     varchar(100) NOT NULL,
    recorded_at     timestamptz  NOT NULL DEFAULT now(),
    deleted_by      varchar(100),
    deleted_at      timestamptz,
    delete_reason   varchar(500),
    CHECK (attendees <= expected),
    CHECK ((deleted_at IS NULL) = (deleted_by IS NULL) AND (deleted_at IS NULL) = (delete_reason IS NULL))
);

CREATE INDEX meeting_org_held_idx ON meeting (organization_id, held_on DESC, id DESC) WHERE deleted_at IS NULL;

-- One activity venue per organisation, with the 24 checklist items as fields.
CREATE TABLE venue (
    organization_id   bigint       PRIMARY KEY REFERENCES organization (id),
    county_code       varchar(6)   NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    name              varchar(100) NOT NULL CHECK (length(name) > 0),
    address           varchar(200) NOT NULL CHECK (length(address) > 0),
    area_m2           numeric(6, 1) NOT NULL CHECK (area_m2 > 0),
    registered_on     date         NOT NULL,
    -- 五化
    signage           boolean      NOT NULL,
    multi_function    boolean      NOT NULL,
    rules             boolean      NOT NULL,
    service_desk      boolean      NOT NULL,
    tidy              boolean      NOT NULL,
    -- 六通
    water             boolean      NOT NULL,
    power             boolean      NOT NULL,
    road              boolean      NOT NULL,
    phone             boolean      NOT NULL,
    internet          boolean      NOT NULL,
    broadcast         boolean      NOT NULL,
    -- 六室
    office            boolean      NOT NULL,
    meeting_room      boolean      NOT NULL,
    party_room        boolean      NOT NULL,
    service_room      boolean      NOT NULL,
    library           boolean      NOT NULL,
    recreation_room   boolean      NOT NULL,
    -- 七有
    flag              boolean      NOT NULL,
    sign              boolean      NOT NULL,
    rules_on_wall     boolean      NOT NULL,
    equipment         boolean      NOT NULL,
    distance_learning boolean      NOT NULL,
    archives          boolean      NOT NULL,
    activity_log      boolean      NOT NULL,
    revision          bigint       NOT NULL DEFAULT 1 CHECK (revision >= 1),
    updated_by        varchar(100) NOT NULL,
    updated_at        timestamptz  NOT NULL DEFAULT now()
);

-- A screening run: who, when, over which organisation, judged at which day, with which cycles
-- and catalogues, and the counts per criterion. Written once, at the end of the run.
CREATE TABLE screening_run (
    id              bigint       PRIMARY KEY,
    organization_id bigint       NOT NULL REFERENCES organization (id),
    county_code     varchar(6)   NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    scope_path      varchar(200) NOT NULL,
    as_of           date         NOT NULL,
    requested_cycle_id bigint    REFERENCES cycle (id),
    cycle_ids       bigint[]     NOT NULL DEFAULT '{}',
    catalogues      varchar(40)[] NOT NULL DEFAULT '{}',
    run_by          varchar(100) NOT NULL,
    run_at          timestamptz  NOT NULL DEFAULT now(),
    duration_ms     integer      NOT NULL CHECK (duration_ms >= 0),
    examined        integer      NOT NULL CHECK (examined >= 0),
    proposed        integer      NOT NULL CHECK (proposed >= 0),
    already_proposed integer     NOT NULL CHECK (already_proposed >= 0),
    skipped         integer      NOT NULL CHECK (skipped >= 0),
    criteria        jsonb        NOT NULL
);

CREATE INDEX screening_run_scope_idx ON screening_run (scope_path text_pattern_ops, id DESC);

CREATE TRIGGER screening_run_append_only BEFORE UPDATE OR DELETE ON screening_run
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- The findings a run proposed, with the reason and the figures that triggered each.
CREATE TABLE screening_proposal (
    run_id          bigint       NOT NULL REFERENCES screening_run (id),
    finding_id      bigint       NOT NULL REFERENCES finding (id),
    organization_id bigint       NOT NULL REFERENCES organization (id),
    county_code     varchar(6)   NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    criterion_code  varchar(20)  NOT NULL,
    criterion_title varchar(200) NOT NULL,
    rule            varchar(30)  NOT NULL CHECK (rule IN ('SECRETARY_VACANCY', 'NO_MEETINGS', 'NO_VENUE', 'LOW_MASSES_SATISFACTION')),
    reason          varchar(500) NOT NULL CHECK (length(reason) > 0),
    trigger_data    jsonb        NOT NULL,
    PRIMARY KEY (run_id, finding_id)
);

CREATE TRIGGER screening_proposal_append_only BEFORE UPDATE OR DELETE ON screening_proposal
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
