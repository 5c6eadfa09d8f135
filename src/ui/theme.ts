// Fluent's light theme with fonts that have Chinese glyphs on Windows, macOS
// and Linux. Only local fonts: the page loads nothing from other hosts.
import { webLightTheme, type Theme } from '@fluentui/react-components';

export const theme: Theme = {
  ...webLightTheme,
  fontFamilyBase:
    "'Segoe UI', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', system-ui, sans-serif",
  fontFamilyNumeric: "'Segoe UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', system-ui, sans-serif",
};

/** Bar colours for fund lines (chart legend and segments). */
export const LINE_COLOURS = ['#0f6cbd', '#107c10', '#ca5010', '#8764b8', '#038387', '#c239b3', '#986f0b', '#4f6bed'];
