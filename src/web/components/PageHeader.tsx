import { Typography } from 'antd';
import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: ReactNode;
  subTitle?: ReactNode;
  /** Buttons on the right. */
  extra?: ReactNode;
}

/** Title row of a page. */
export function PageHeader({ title, subTitle, extra }: PageHeaderProps) {
  return (
    <div className="page-header">
      <div>
        <Typography.Title level={3} className="page-title">
          {title}
        </Typography.Title>
        {subTitle ? <div className="page-subtitle">{subTitle}</div> : null}
      </div>
      {extra ? <div className="page-header-extra">{extra}</div> : null}
    </div>
  );
}
