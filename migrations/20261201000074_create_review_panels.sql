-- Review panels (评审组) of challenges (issue 5 item 1 "Review: panels"; ADR 0032): one named panel
-- per challenge with a chair and members from the expert pool. While a challenge has a panel,
-- reviewer assignment draws only from its members. Each member declares conflicts of interest
-- (none, or applicants with a reason); a declared conflict excludes the member from that
-- application's scoring.
CREATE TABLE review_panels (
  id               bigserial PRIMARY KEY,
  challenge_id     bigint NOT NULL UNIQUE REFERENCES challenges(id),
  region_code      text NOT NULL,                 -- the challenge's region (scope of gov users)
  name             text NOT NULL,
  chair_expert_id  bigint NOT NULL REFERENCES experts(id),
  state            text NOT NULL DEFAULT 'forming' CHECK (state IN ('forming','scoring','concluded')),
  created_by       bigint REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  concluded_at     timestamptz
);

-- Members of a panel (the chair is one of them). `declared_at` is null until the member declared
-- (with or without conflicts).
CREATE TABLE review_panel_members (
  panel_id     bigint NOT NULL REFERENCES review_panels(id),
  expert_id    bigint NOT NULL REFERENCES experts(id),
  declared_at  timestamptz,
  added_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (panel_id, expert_id)
);
CREATE INDEX review_panel_members_expert_idx ON review_panel_members (expert_id);

-- Conflicts a member declared against an applicant of the panel's challenge, with the reason.
CREATE TABLE review_panel_conflicts (
  panel_id       bigint NOT NULL,
  expert_id      bigint NOT NULL,
  enterprise_id  bigint NOT NULL REFERENCES enterprises(id),
  reason         text NOT NULL CHECK (length(reason) BETWEEN 2 AND 500),
  declared_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (panel_id, expert_id, enterprise_id),
  FOREIGN KEY (panel_id, expert_id) REFERENCES review_panel_members(panel_id, expert_id)
);
