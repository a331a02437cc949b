import { Button, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { ENTERPRISE_TAGS, SIZES } from '../../contracts/enterprises';
import { sizeKey, tagKey, useLang, useT, type MessageKey, type Translate } from '../i18n';
import { formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/problem';
import { useEnterpriseHistory, type EnterpriseHistoryEntry } from '../queries/enterprises';

// Audit actions as the server writes them (`enterprise.create`, `enterprise.import.update`, …).
const ACTIONS: Record<string, { labelKey: MessageKey; color: string }> = {
  'enterprise.create': { labelKey: 'ent.history.action.create', color: 'green' },
  'enterprise.update': { labelKey: 'ent.history.action.update', color: 'blue' },
  'enterprise.import.create': { labelKey: 'ent.history.action.importCreate', color: 'green' },
  'enterprise.import.update': { labelKey: 'ent.history.action.importUpdate', color: 'cyan' },
};

// Labels of the fields an audit entry may carry; unknown fields show their API name.
const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'ent.name',
  uscc: 'ent.uscc',
  regionCode: 'ent.region',
  industryCode: 'ent.industry',
  size: 'ent.size',
  tags: 'ent.tags',
  products: 'ent.products',
  capabilities: 'ent.capabilities',
  certifications: 'ent.certifications',
  contacts: 'ent.contacts',
  financials: 'ent.financials',
  employees: 'ent.employees',
  revenue: 'ent.revenue',
  assets: 'ent.assets',
  year: 'ent.year',
};

const VALUE_MAX = 60;

/** The audit trail of an enterprise as a timeline: who changed which fields, from what to what. */
export function EnterpriseHistory({ uscc }: { uscc: string }) {
  const t = useT();
  const lang = useLang();
  const history = useEnterpriseHistory(uscc);

  if (history.isLoading) {
    return <Spin />;
  }
  if (history.error) {
    return <Typography.Text type="danger">{errorMessage(history.error, t)}</Typography.Text>;
  }
  const entries = history.data?.pages.flatMap((page) => page.items) ?? [];
  if (entries.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ent.history.empty')} />;
  }
  return (
    <div data-testid="history-timeline">
      <Timeline
        items={entries.map((entry) => ({
          key: String(entry.id),
          color: ACTIONS[entry.action]?.color ?? 'gray',
          content: <HistoryEntry entry={entry} time={formatDateTime(lang, entry.at)} t={t} />,
        }))}
      />
      {history.hasNextPage && (
        <Button onClick={() => history.fetchNextPage()} loading={history.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </div>
  );
}

function HistoryEntry({ entry, time, t }: { entry: EnterpriseHistoryEntry; time: string; t: Translate }) {
  const changes = changedFields(entry.before, entry.after);
  return (
    <div className="history-entry">
      <div className="history-time">{time}</div>
      <div>
        <Tag color={ACTIONS[entry.action]?.color ?? 'default'}>{actionLabel(entry.action, t)}</Tag>
        <span>{actorName(entry.actor, t)}</span>
      </div>
      {changes.length > 0 && (
        <ul className="history-changes">
          {changes.map((change) => (
            <li key={change.field}>
              <span className="history-field">{FIELD_LABELS[change.field] ? t(FIELD_LABELS[change.field]) : change.field}</span>
              {entry.before ? (
                <>
                  <span className="history-before">{show(change.field, change.before, t)}</span>
                  <span className="muted"> → </span>
                </>
              ) : null}
              <span className="history-after">{show(change.field, change.after, t)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function actionLabel(action: string, t: Translate): string {
  const known = ACTIONS[action];
  return known ? t(known.labelKey) : action;
}

function actorName(actor: EnterpriseHistoryEntry['actor'], t: Translate): string {
  if (!actor) {
    return t('ent.history.system');
  }
  if (typeof actor === 'string') {
    return actor;
  }
  return actor.displayName || actor.username || t('ent.history.system');
}

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Fields whose value differs between the two snapshots (all fields of `after` on a create). */
function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = before?.[field];
    const to = after?.[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) {
      changes.push({ field, before: from, after: to });
    }
  }
  return changes;
}

/** A snapshot value in words: tag and size codes become labels, lists of records become a count. */
function show(field: string, value: unknown, t: Translate): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return '—';
  }
  let text: string;
  if (field === 'size' && isOneOf(value, SIZES)) {
    text = t(sizeKey(value));
  } else if (field === 'tags' && Array.isArray(value)) {
    text = value.map((tag) => (isOneOf(tag, ENTERPRISE_TAGS) ? t(tagKey(tag)) : String(tag))).join('、');
  } else if (Array.isArray(value)) {
    text = value.every((item) => typeof item !== 'object') ? value.join('、') : t('ent.history.records', { n: value.length });
  } else if (typeof value === 'object') {
    text = JSON.stringify(value);
  } else {
    text = String(value);
  }
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX)}…` : text;
}

function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}
