import { InfoCircleOutlined } from '@ant-design/icons';
import { Popover, Tag } from 'antd';
import type { Size } from '../../contracts/enterprises';
import { sizeKey, useT } from '../i18n';
import type { SizeBasisItem } from '../queries/reference';
import { SizeBasisTable } from './SizeBasisTable';

const SIZE_COLORS: Record<Size, string> = { large: 'geekblue', medium: 'blue', small: 'cyan', micro: 'default' };

interface SizeLabelProps {
  size: Size | null;
  /** When given, hovering shows how the size was derived. */
  basis?: SizeBasisItem[];
  category?: string | null;
}

/** An enterprise size as a tag, optionally with its basis in a popover. */
export function SizeLabel({ size, basis, category }: SizeLabelProps) {
  const t = useT();
  const tag = <Tag color={size ? SIZE_COLORS[size] : 'default'}>{size ? t(sizeKey(size)) : t('ent.sizeUnknown')}</Tag>;
  if (!basis) {
    return tag;
  }
  return (
    <Popover
      title={category ? `${t('ent.sizeBasis')} · ${category}` : t('ent.sizeBasis')}
      content={
        <div className="size-basis-popover">
          <SizeBasisTable basis={basis} />
        </div>
      }
    >
      <span className="size-label" data-testid="size-basis-trigger">
        {tag}
        <InfoCircleOutlined className="muted" />
      </span>
    </Popover>
  );
}
