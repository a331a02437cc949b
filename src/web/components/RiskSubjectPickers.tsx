import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import type { EnterpriseSummary } from '../../contracts/enterprises';
import { apiFetch } from '../api';
import { useDebounced } from '../lib/useDebounced';
import { useOffPlatformSuppliers } from '../queries/risk';

const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

interface PickerProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  'data-testid'?: string;
}

/** Picks an enterprise of the caller's registry scope by name, pinyin initials or a typed USCC; the value is the USCC. */
export function EnterprisePicker({ value, onChange, placeholder, 'data-testid': testId }: PickerProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const isUscc = USCC_SHAPE.test(q.toUpperCase());
  const found = useQuery({
    queryKey: ['enterprises', 'picker', q],
    queryFn: ({ signal }) => apiFetch<{ items: EnterpriseSummary[] }>('/enterprises', { signal, query: { q, limit: 20 } }),
    enabled: q.length > 0 && !isUscc,
  });
  const options = isUscc
    ? [{ value: q.toUpperCase(), label: q.toUpperCase() }]
    : (found.data?.items ?? []).map((e) => ({ value: e.uscc, label: `${e.name}（${e.regionName}）` }));
  return (
    <Select
      data-testid={testId}
      style={{ minWidth: 320 }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(next) => onChange?.(next)}
      placeholder={placeholder}
      loading={found.isFetching}
      options={options}
      notFoundContent={null}
    />
  );
}

/** Picks an off-platform (often foreign) supplier by name; the value is its id. */
export function OffPlatformPicker({ value, onChange, placeholder, 'data-testid': testId }: PickerProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const found = useOffPlatformSuppliers(q);
  return (
    <Select
      data-testid={testId}
      style={{ minWidth: 320 }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(next) => onChange?.(next)}
      placeholder={placeholder}
      loading={found.isFetching}
      options={(found.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.countryCode}）` }))}
    />
  );
}
