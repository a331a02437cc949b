import { Button, Empty, Table } from 'antd';
import { useLang, useT, type MessageKey } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useChainHistory, type ChainHistoryEntry } from '../queries/chains';
import { ProblemAlert } from './ProblemAlert';

/**
 * One line saying what an entry changed: the enterprise or segment name, the segment (by its
 * current name when it still exists), the keys of a split or merge.
 */
function describe(entry: ChainHistoryEntry, segmentNames: ReadonlyMap<string, string>): string {
  const after = entry.after ?? {};
  const before = entry.before ?? {};
  const pick = (key: string) => (after[key] ?? before[key]) as string | string[] | undefined;
  const segmentName = (key: string) => segmentNames.get(key) ?? key;
  const segmentKey = pick('segmentKey') ?? pick('key');
  const parts = [pick('name'), typeof segmentKey === 'string' && segmentKey !== pick('name') ? segmentName(segmentKey) : undefined, pick('uscc')];
  const into = after.into;
  if (Array.isArray(pick('keys'))) parts.push(`${(pick('keys') as string[]).join(' + ')} → ${segmentName(String(into))}`);
  else if (Array.isArray(into)) parts.push(`→ ${(into as string[]).map(segmentName).join('、')}`);
  return parts.filter((p) => typeof p === 'string' && p).join(' · ');
}

/** 历史: the chain's audit entries, newest first. */
export function ChainHistory({ chainId, segmentNames }: { chainId: string; segmentNames: ReadonlyMap<string, string> }) {
  const t = useT();
  const lang = useLang();
  const history = useChainHistory(chainId);
  const rows = history.data?.pages.flatMap((p) => p.items) ?? [];
  if (history.error) return <ProblemAlert error={history.error} />;
  return (
    <>
      <Table<ChainHistoryEntry>
        data-testid="chain-history"
        rowKey="id"
        size="small"
        loading={history.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('chains.history.empty')} /> }}
        columns={[
          { title: t('chains.history.at'), dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(lang, at) },
          { title: t('chains.history.actor'), dataIndex: 'actor', width: 180 },
          { title: t('chains.history.action'), dataIndex: 'action', width: 130, render: (action: string) => t(`chains.history.action.${action}` as MessageKey) },
          { title: t('chains.history.detail'), key: 'detail', render: (_: unknown, entry) => describe(entry, segmentNames) },
        ]}
      />
      {history.hasNextPage ? (
        <Button style={{ marginTop: 12 }} onClick={() => history.fetchNextPage()} loading={history.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </>
  );
}
