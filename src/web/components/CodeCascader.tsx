import { Cascader } from 'antd';
import { useMemo } from 'react';
import { findPath } from '../lib/tree';
import type { TreeOption } from '../queries/reference';

export interface CodeCascaderProps {
  /** Selected code (any level of the tree). */
  value?: string;
  onChange?: (value: string | undefined) => void;
  options: TreeOption[];
  isLoading?: boolean;
  placeholder?: string;
  isSearchable?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/**
 * A Cascader over a code tree whose value is one code, not a path: any level may be picked
 * (`changeOnSelect`), and the path is looked up again from the code.
 */
export function CodeCascader({ value, onChange, options, isLoading, placeholder, isSearchable, allowClear = true, style, id, 'data-testid': testId }: CodeCascaderProps) {
  const path = useMemo(() => (value ? findPath(options, value) : []), [options, value]);
  return (
    <Cascader<TreeOption>
      id={id}
      data-testid={testId}
      style={style}
      options={options}
      loading={isLoading}
      value={path.length > 0 ? path : undefined}
      onChange={(selected) => onChange?.(selected && selected.length > 0 ? String(selected[selected.length - 1]) : undefined)}
      changeOnSelect
      allowClear={allowClear}
      placeholder={placeholder}
      displayRender={(labels) => labels.join(' / ')}
      showSearch={isSearchable ? { filter: matchesSearch, limit: 50 } : false}
    />
  );
}

function matchesSearch(input: string, path: TreeOption[]): boolean {
  const needle = input.trim().toLowerCase();
  return path.some((option) => option.label.toLowerCase().includes(needle) || option.value.toLowerCase().startsWith(needle));
}
