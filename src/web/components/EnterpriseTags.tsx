import { Tag } from 'antd';
import type { EnterpriseTag } from '../../contracts/enterprises';
import { tagKey, useT } from '../i18n';

/** Colour of each tag; the gradient tiers go from light to gold. */
export const TAG_COLORS: Record<EnterpriseTag, string> = {
  innovative: 'cyan',
  specialized: 'blue',
  little_giant: 'gold',
  leader: 'purple',
  high_tech: 'green',
};

/** An enterprise's tags as coloured labels. */
export function EnterpriseTags({ tags }: { tags: readonly EnterpriseTag[] }) {
  const t = useT();
  if (tags.length === 0) {
    return <span className="muted">—</span>;
  }
  return (
    <span className="tag-list">
      {tags.map((tag) => (
        <Tag key={tag} color={TAG_COLORS[tag]} variant="outlined">
          {t(tagKey(tag))}
        </Tag>
      ))}
    </span>
  );
}
