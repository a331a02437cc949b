import { Table } from 'antd';
import type { Size } from '../../contracts/enterprises';
import { sizeKey, useLang, useT, type MessageKey } from '../i18n';
import { formatNumber } from '../lib/format';
import type { SizeBasisItem } from '../queries/reference';

const INDICATOR_KEYS: Record<SizeBasisItem['indicator'], MessageKey> = {
  employees: 'ent.basis.employees',
  revenue: 'ent.basis.revenue',
  assets: 'ent.basis.assets',
};

/** Why an enterprise has its size: one row per indicator of the 2017 size rules. */
export function SizeBasisTable({ basis }: { basis: SizeBasisItem[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <Table<SizeBasisItem>
      size="small"
      pagination={false}
      rowKey="indicator"
      dataSource={basis}
      locale={{ emptyText: t('ent.basis.empty') }}
      columns={[
        { title: t('ent.basis.indicator'), dataIndex: 'indicator', render: (value: SizeBasisItem['indicator']) => t(INDICATOR_KEYS[value]) },
        {
          title: t('ent.basis.value'),
          key: 'value',
          align: 'right',
          render: (_, row) => `${formatNumber(lang, row.value)} ${row.value === null ? '' : row.unit}`,
        },
        { title: t('ent.basis.band'), dataIndex: 'band' },
        { title: t('ent.basis.size'), dataIndex: 'size', render: (value: Size | null) => (value ? t(sizeKey(value)) : '—') },
        { title: t('ent.basis.explanation'), dataIndex: 'explanation' },
      ]}
    />
  );
}
