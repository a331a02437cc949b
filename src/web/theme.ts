import type { ThemeConfig } from 'antd';

/** Deep government blue used across the platform. */
export const PRIMARY_COLOR = '#1f4e9c';

/** antd theme: default algorithm, blue primary, restrained radii, CJK-first fonts. */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY_COLOR,
    colorInfo: PRIMARY_COLOR,
    colorLink: PRIMARY_COLOR,
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: {
      headerBg: PRIMARY_COLOR,
      headerHeight: 56,
      headerPadding: '0 24px',
      bodyBg: '#f2f4f8',
      siderBg: '#ffffff',
      triggerBg: '#f7f8fa',
      triggerColor: '#4a5565',
    },
    Menu: {
      itemSelectedBg: '#e8eef8',
      itemSelectedColor: PRIMARY_COLOR,
    },
    Table: {
      headerBg: '#f5f7fa',
    },
  },
};
