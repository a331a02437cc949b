import { useQuery } from '@tanstack/react-query';
import type { EnterpriseSummary } from '../../contracts/enterprises';
import { apiFetch } from '../api';
import { useOffPlatformSuppliers } from '../queries/risk';
import { RemoteSearchSelect, type RemoteOptions, type RemoteSearchSelectProps } from './RemoteSearchSelect';

const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

type PickerProps = RemoteSearchSelectProps;

function useEnterpriseOptions(q: string): RemoteOptions {
  const isUscc = USCC_SHAPE.test(q.toUpperCase());
  const found = useQuery({
    queryKey: ['enterprises', 'picker', q],
    queryFn: ({ signal }) => apiFetch<{ items: EnterpriseSummary[] }>('/enterprises', { signal, query: { q, limit: 20 } }),
    enabled: q.length > 0 && !isUscc,
  });
  const options = isUscc
    ? [{ value: q.toUpperCase(), label: q.toUpperCase() }]
    : (found.data?.items ?? []).map((e) => ({ value: e.uscc, label: `${e.name}（${e.regionName}）` }));
  return { options, isFetching: found.isFetching };
}

/** Picks an enterprise of the caller's registry scope by name, pinyin initials or a typed USCC; the value is the USCC. */
export function EnterprisePicker(props: PickerProps) {
  return <RemoteSearchSelect {...props} useOptions={useEnterpriseOptions} />;
}

function useOffPlatformOptions(q: string): RemoteOptions {
  const found = useOffPlatformSuppliers(q);
  return { options: (found.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.countryCode}）` })), isFetching: found.isFetching };
}

/** Picks an off-platform (often foreign) supplier by name; the value is its id. */
export function OffPlatformPicker(props: PickerProps) {
  return <RemoteSearchSelect {...props} useOptions={useOffPlatformOptions} notFoundContent={() => undefined} />;
}
