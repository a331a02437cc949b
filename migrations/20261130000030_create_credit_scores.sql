-- Credit scores (信用评分, issue 6 item 7): the points each factor of the SME scorecard can earn.
-- ⚠️ These weights are the platform's own choice, not policy: admins change them (audited) and
-- the scorecard shows them with every score. They always sum to 100 (checked by the service).
CREATE TABLE credit_weights (
  factor      text PRIMARY KEY CHECK (factor IN ('age','size','certifications','tier','deals','complaints','payment','receivables')),
  max_points  int NOT NULL CHECK (max_points BETWEEN 0 AND 100),
  updated_by  bigint REFERENCES users(id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO credit_weights (factor, max_points) VALUES
  ('age', 10), ('size', 10), ('certifications', 10), ('tier', 15),
  ('deals', 15), ('complaints', 10), ('payment', 15), ('receivables', 15);
