-- Rectification plans (整顿, DOMAIN.md §3) of confirmed lagging organisations: the linked leader
-- and first secretary, tasks in the three-list form, the leader's visits, acceptance ratings and
-- clearance with its follow-up. Plan states RECTIFYING → ACCEPTED → CLEARED; the findings of the
-- organisation move alongside, only through the finding ledger. Every table carries the county's code.

CREATE TABLE rectification_plan (
    id                 bigserial     PRIMARY KEY,
    organization_id    bigint        NOT NULL REFERENCES organization (id),
    county_code        varchar(6)    NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    state              varchar(12)   NOT NULL CHECK (state IN ('RECTIFYING', 'ACCEPTED', 'CLEARED')),
    leader_name        varchar(100)  NOT NULL CHECK (length(leader_name) > 0),
    leader_title       varchar(100)  NOT NULL CHECK (length(leader_title) > 0),
    secretary_name     varchar(100),
    secretary_unit     varchar(100),
    started_on         date          NOT NULL,
    reason             varchar(500)  NOT NULL CHECK (length(reason) > 0),
    created_by         varchar(100)  NOT NULL,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    accepted_on        date,
    cleared_on         date,
    cleared_by         varchar(100),
    cleared_by_name    varchar(100),
    cleared_at         timestamptz,
    clearance_reason   varchar(500),
    follow_up_months   integer,
    follow_up_until    date,
    revision           bigint        NOT NULL DEFAULT 1 CHECK (revision >= 1),
    CHECK ((secretary_name IS NULL) = (secretary_unit IS NULL)),
    CHECK ((state = 'RECTIFYING') = (accepted_on IS NULL)),
    CHECK ((state = 'CLEARED') = (cleared_on IS NOT NULL)),
    CHECK ((state = 'CLEARED') = (follow_up_until IS NOT NULL))
);

-- one plan per organisation that is not cleared yet
CREATE UNIQUE INDEX rectification_plan_one_active ON rectification_plan (organization_id) WHERE state <> 'CLEARED';
CREATE INDEX rectification_plan_county_idx ON rectification_plan (county_code, state);

-- The findings a plan rectifies. A finding belongs to one plan. Append-only.
CREATE TABLE plan_finding (
    plan_id     bigint       NOT NULL REFERENCES rectification_plan (id),
    finding_id  bigint       NOT NULL UNIQUE REFERENCES finding (id),
    county_code varchar(6)   NOT NULL,
    attached_by varchar(100) NOT NULL,
    attached_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, finding_id)
);

CREATE TRIGGER plan_finding_append_only BEFORE UPDATE OR DELETE ON plan_finding
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Tasks in the three-list form: the problem (问题清单), the measure (任务清单), who answers for it (责任清单), by when.
CREATE TABLE rectification_task (
    id          bigserial     PRIMARY KEY,
    plan_id     bigint        NOT NULL REFERENCES rectification_plan (id),
    county_code varchar(6)    NOT NULL,
    problem     varchar(500)  NOT NULL CHECK (length(problem) > 0),
    measure     varchar(500)  NOT NULL CHECK (length(measure) > 0),
    owner       varchar(200)  NOT NULL CHECK (length(owner) > 0),
    deadline    date          NOT NULL,
    status      varchar(12)   NOT NULL CHECK (status IN ('TODO', 'IN_PROGRESS', 'DONE')),
    evidence    varchar(2000),
    done_on     date,
    created_by  varchar(100)  NOT NULL,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_by  varchar(100),
    updated_at  timestamptz,
    revision    bigint        NOT NULL DEFAULT 1 CHECK (revision >= 1),
    CHECK ((status = 'DONE') = (done_on IS NOT NULL)),
    CHECK (status <> 'DONE' OR evidence IS NOT NULL)
);

CREATE INDEX rectification_task_plan_idx ON rectification_task (plan_id, deadline);

-- The linked leader's visits. Append-only.
CREATE TABLE rectification_visit (
    id          bigserial     PRIMARY KEY,
    plan_id     bigint        NOT NULL REFERENCES rectification_plan (id),
    county_code varchar(6)    NOT NULL,
    visited_on  date          NOT NULL,
    visitor     varchar(100)  NOT NULL CHECK (length(visitor) > 0),
    note        varchar(1000),
    recorded_by varchar(100)  NOT NULL,
    recorded_at timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX rectification_visit_plan_idx ON rectification_visit (plan_id, visited_on);

CREATE TRIGGER rectification_visit_append_only BEFORE UPDATE OR DELETE ON rectification_visit
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Every acceptance rating (验收测评), passed or failed, with the pass marks it was judged by. Append-only.
CREATE TABLE rectification_acceptance (
    id                       bigserial     PRIMARY KEY,
    plan_id                  bigint        NOT NULL REFERENCES rectification_plan (id),
    county_code              varchar(6)    NOT NULL,
    result                   varchar(6)    NOT NULL CHECK (result IN ('PASSED', 'FAILED')),
    rating_points            numeric(5, 2) NOT NULL CHECK (rating_points BETWEEN 0 AND 100),
    respondents              integer       NOT NULL CHECK (respondents >= 1),
    satisfied                integer       NOT NULL CHECK (satisfied >= 0 AND satisfied <= respondents),
    min_points               numeric(5, 2) NOT NULL,
    min_satisfaction_percent numeric(5, 2) NOT NULL,
    catalogue_label          varchar(40)   NOT NULL,
    evidence                 varchar(2000) NOT NULL CHECK (length(evidence) > 0),
    reason                   varchar(500)  NOT NULL CHECK (length(reason) > 0),
    decided_by               varchar(100)  NOT NULL,
    decided_by_name          varchar(100),
    decided_at               timestamptz   NOT NULL DEFAULT now(),
    decided_on               date          NOT NULL
);

CREATE INDEX rectification_acceptance_plan_idx ON rectification_acceptance (plan_id, id);

CREATE TRIGGER rectification_acceptance_append_only BEFORE UPDATE OR DELETE ON rectification_acceptance
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
