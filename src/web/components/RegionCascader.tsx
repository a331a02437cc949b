import { useMemo } from 'react';
import { scopeTree } from '../lib/tree';
import { useRegionTree } from '../queries/reference';
import { CodeCascader, type CodeCascaderProps } from './CodeCascader';

type RegionCascaderProps = Omit<CodeCascaderProps, 'options' | 'isLoading'> & {
  /** Limit the choices to this region's subtree (a gov user's scope). */
  scope?: string | null;
};

/** Picks a GB/T 2260 region code at any level. */
export function RegionCascader({ scope, ...props }: RegionCascaderProps) {
  const { data, isLoading } = useRegionTree();
  const options = useMemo(() => scopeTree(data ?? [], scope), [data, scope]);
  return <CodeCascader {...props} options={options} isLoading={isLoading} isSearchable />;
}
