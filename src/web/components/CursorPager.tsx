import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useT } from '../i18n';
import type { CursorPages } from '../lib/useCursorPages';

interface CursorPagerProps {
  pages: CursorPages;
  nextCursor: string | null | undefined;
  /** Total matching rows (shown when the server gives it). */
  total?: number;
  totalLabel?: string;
  isFetching?: boolean;
}

/** Previous/next buttons for cursor pages, with the total count. */
export function CursorPager({ pages, nextCursor, total, totalLabel, isFetching }: CursorPagerProps) {
  const t = useT();
  return (
    <div className="cursor-pager">
      <span data-testid="list-total" className="muted">
        {total !== undefined ? (totalLabel ?? t('common.total', { n: total })) : null}
      </span>
      <Space>
        <span className="muted">{t('common.page', { n: pages.pageNumber })}</span>
        <Button
          data-testid="page-prev"
          icon={<LeftOutlined />}
          disabled={!pages.hasPrev || isFetching}
          onClick={() => {
            pages.prev();
            scrollToTop();
          }}
        >
          {t('common.prev')}
        </Button>
        <Button
          data-testid="page-next"
          disabled={!nextCursor || isFetching}
          onClick={() => {
            if (nextCursor) {
              pages.next(nextCursor);
              scrollToTop();
            }
          }}
        >
          {t('common.next')}
          <RightOutlined />
        </Button>
      </Space>
    </div>
  );
}

function scrollToTop() {
  window.scrollTo({ top: 0, behavior: 'smooth' });
}
