import { Select } from 'antd';
import { useState, type CSSProperties, type ReactNode } from 'react';
import { useDebounced } from '../lib/useDebounced';

/** The found options of a search text, and whether a search is under way. */
export interface RemoteOptions {
  options: { value: string; label: string }[];
  isFetching: boolean;
}

export interface RemoteSearchSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  'data-testid'?: string;
}

/**
 * A Select whose options the server finds for the typed text (debounced): `useOptions` is a hook
 * from the trimmed search text to the options (the same hook on every render).
 */
export function RemoteSearchSelect({ value, onChange, placeholder, 'data-testid': testId, useOptions, style, notFoundContent }: RemoteSearchSelectProps & { useOptions: (q: string) => RemoteOptions; style?: CSSProperties; /** What an empty list shows for the search text (default: nothing). */ notFoundContent?: (q: string) => ReactNode }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const { options, isFetching } = useOptions(q);
  return (
    <Select
      data-testid={testId}
      style={style ?? { minWidth: 320 }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(next) => onChange?.(next)}
      placeholder={placeholder}
      loading={isFetching}
      options={options}
      notFoundContent={notFoundContent ? notFoundContent(q) : null}
    />
  );
}
