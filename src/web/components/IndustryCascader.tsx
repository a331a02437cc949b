import { useIndustryTree } from '../queries/reference';
import { CodeCascader, type CodeCascaderProps } from './CodeCascader';

/** Picks a GB/T 4754 industry code at any level; searchable by code or name. */
export function IndustryCascader(props: Omit<CodeCascaderProps, 'options' | 'isLoading'>) {
  const { data, isLoading } = useIndustryTree();
  return <CodeCascader {...props} options={data ?? []} isLoading={isLoading} isSearchable />;
}
