-- Issue 5: a challenge's publisher may cancel it with a reason (shown on the challenge page), and
-- set the disagreement threshold of its review (max − min of reviewers' totals above which an
-- application is flagged; 0–100, default 20 as before).
ALTER TABLE challenges ADD COLUMN cancel_reason text;
ALTER TABLE challenges ADD COLUMN cancelled_at timestamptz;
ALTER TABLE challenges ADD CONSTRAINT challenges_cancel_reason CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL AND cancelled_at IS NOT NULL));
ALTER TABLE challenges ADD CONSTRAINT challenges_disagreement_threshold_range CHECK (disagreement_threshold BETWEEN 0 AND 100);
