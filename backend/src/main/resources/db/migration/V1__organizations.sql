-- The organisation tree 市 → 县 → 乡镇 → 村/社区 (DOMAIN.md §2).
-- Stable ids: an organisation keeps its id (and its own code) for life; division codes change
-- when places merge, so they live in division_code with validity dates, and the current one is
-- copied onto organization.division_code for filtering and sorting.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SEQUENCE organization_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE organization (
    id            bigint       PRIMARY KEY,
    code          varchar(13)  NOT NULL UNIQUE CHECK (code ~ '^[A-Z][0-9]{12}$'),
    name          varchar(100) NOT NULL CHECK (length(name) > 0),
    place_name    varchar(100) NOT NULL CHECK (length(place_name) > 0),
    level         varchar(10)  NOT NULL CHECK (level IN ('CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE')),
    org_type      varchar(20)  NOT NULL CHECK (org_type IN ('PARTY_COMMITTEE', 'GENERAL_BRANCH', 'BRANCH')),
    place_type    varchar(10)  CHECK (place_type IN ('VILLAGE', 'COMMUNITY')),
    parent_id     bigint       REFERENCES organization (id),
    -- ids from the root down to this organisation, e.g. '/1/3/25/'; a subtree is a prefix match
    path          varchar(200) NOT NULL CHECK (path ~ '^(/[0-9]+)+/$'),
    depth         smallint     NOT NULL CHECK (depth BETWEEN 0 AND 3),
    -- 6-digit division code of the county (the city's own for the city): the future shard key
    county_code   varchar(6)   NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    division_code varchar(12)  NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
    graded        boolean      NOT NULL,
    version       bigint       NOT NULL DEFAULT 0,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    CHECK ((level = 'VILLAGE') = (place_type IS NOT NULL)),
    CHECK ((level = 'CITY') = (parent_id IS NULL)),
    CHECK (graded = (level = 'VILLAGE'))
);

CREATE INDEX organization_parent_idx ON organization (parent_id, division_code, id);
CREATE INDEX organization_path_idx ON organization (path text_pattern_ops);
CREATE INDEX organization_division_idx ON organization (division_code text_pattern_ops, id);
CREATE INDEX organization_county_idx ON organization (county_code);
CREATE INDEX organization_name_trgm_idx ON organization USING gin (name gin_trgm_ops);

CREATE TABLE division_code (
    organization_id bigint   NOT NULL REFERENCES organization (id),
    county_code     varchar(6) NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    code            varchar(12) NOT NULL CHECK (code ~ '^[0-9]{12}$'),
    valid_from      date     NOT NULL,
    valid_to        date,
    PRIMARY KEY (organization_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

-- at any time a code belongs to one place, and a place has one current code
CREATE UNIQUE INDEX division_code_current_code_idx ON division_code (code) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX division_code_current_org_idx ON division_code (organization_id) WHERE valid_to IS NULL;
