import { Button, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { useLang, useT, type MessageKey, type Translate } from '../i18n';
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

const VALUE_MAX = 80;

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
          title: formatDateTime(lang, entry.at),
          content: <HistoryEntry entry={entry} t={t} />,
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

function HistoryEntry({ entry, t }: { entry: EnterpriseHistoryEntry; t: Translate }) {
  const changes = changedFields(entry.before, entry.after);
  return (
    <div className="history-entry">
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
                  <span className="history-before">{show(change.before)}</span>
                  <span className="muted"> → </span>
                </>
              ) : null}
              <span className="history-after">{show(change.after)}</span>
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

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  const text = Array.isArray(value) && value.every((item) => typeof item !== 'object') ? value.join('、') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX)}…` : text;
}
