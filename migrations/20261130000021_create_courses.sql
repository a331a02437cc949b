-- Training courses and bases (TL-2): large firms' courses open to (chain) SMEs, enrolment with a
-- capacity the database enforces, completion records. Forward-only.

CREATE TABLE training_courses (
  id              bigserial PRIMARY KEY,
  enterprise_id   bigint NOT NULL REFERENCES enterprises(id),   -- the providing firm
  region_code     text NOT NULL,                                -- the provider's region: scope of gov users
  chain_id        bigint REFERENCES chains(id),                 -- set: only members of this chain may enrol
  title           text NOT NULL,
  description     text NOT NULL DEFAULT '',
  field           text NOT NULL DEFAULT '',
  base_name       text NOT NULL DEFAULT '',                     -- 培训基地
  location        text NOT NULL DEFAULT '',
  mode            text NOT NULL DEFAULT 'onsite' CHECK (mode IN ('onsite','online','hybrid')),
  starts_on       date NOT NULL,                                -- business dates (Asia/Shanghai)
  ends_on         date NOT NULL,
  hours           int NOT NULL DEFAULT 0 CHECK (hours >= 0),
  fee_fen         bigint NOT NULL DEFAULT 0 CHECK (fee_fen >= 0),
  capacity        int NOT NULL CHECK (capacity > 0),
  -- Seats taken by enrolled and completed trainees; kept by the service in the enrolment's
  -- transaction with a conditional UPDATE, and never above capacity whatever happens.
  enrolled_count  int NOT NULL DEFAULT 0,
  is_active       boolean NOT NULL DEFAULT true,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on),
  CONSTRAINT training_courses_capacity CHECK (enrolled_count >= 0 AND enrolled_count <= capacity)
);
CREATE INDEX training_courses_region_idx ON training_courses (region_code text_pattern_ops, id DESC);
CREATE INDEX training_courses_enterprise_idx ON training_courses (enterprise_id, id DESC);

CREATE TABLE course_enrolments (
  id              bigserial PRIMARY KEY,
  course_id       bigint NOT NULL REFERENCES training_courses(id),
  enterprise_id   bigint NOT NULL REFERENCES enterprises(id),   -- the trainee's employer
  region_code     text NOT NULL,                                -- the course's region
  trainee_name    text NOT NULL,
  status          text NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled','completed','cancelled')),
  certificate_no  text NOT NULL DEFAULT '',
  completed_at    timestamptz,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);
-- One live seat per trainee name and employer on a course.
CREATE UNIQUE INDEX course_enrolments_once ON course_enrolments (course_id, enterprise_id, trainee_name) WHERE status <> 'cancelled';
CREATE INDEX course_enrolments_enterprise_idx ON course_enrolments (enterprise_id, id DESC);
