// The part of WPS 表格's JavaScript object model (ET, VBA-like and synchronous)
// this add-in uses, declared here: the published `wps-jsapi-declare` 2.2.0
// describes WPS 文字 (Writer) only, and `et-jsapi-declare` was not used (see
// docs/wps.md). Names and semantics follow the ET/VBA object model: 1-based
// Item(), Range.Value2 as a 2-D array ([row][column]) for a range of more than
// one cell and a single value for one cell.

export type EtValue = string | number | boolean | null | undefined;

export interface EtFont {
  Bold: boolean;
}

export interface EtInterior {
  /** BGR colour number, as VBA's RGB(): red + green·256 + blue·65536. */
  Color: number;
}

export interface EtRows {
  readonly Count: number;
}

export interface EtHyperlinks {
  Add(Anchor: EtRange, Address: string, SubAddress?: string, ScreenTip?: string, TextToDisplay?: string): unknown;
}

export interface EtRange {
  /** 1-based row and column of the first cell. */
  readonly Row: number;
  readonly Column: number;
  readonly Rows: EtRows;
  readonly Columns: EtRows;
  Value2: unknown;
  NumberFormat: unknown;
  /** In characters of the default font; 0 hides the column. */
  ColumnWidth: unknown;
  WrapText: unknown;
  readonly Font: EtFont;
  readonly Interior: EtInterior;
  Clear(): unknown;
  Select(): unknown;
}

export interface EtName {
  readonly Name: string;
  Visible: boolean;
}

export interface EtNames {
  readonly Count: number;
  Item(index: number | string): EtName;
  Add(Name: string, RefersTo: string, Visible?: boolean): EtName;
}

export interface EtPageSetup {
  /** 1 portrait, 2 landscape (xlLandscape). */
  Orientation: number;
  /** 9 = xlPaperA4. */
  PaperSize: number;
  PrintTitleRows: string;
  CenterFooter: string;
  /** false: fit to FitToPagesWide x FitToPagesTall pages instead of a zoom percentage. */
  Zoom: number | false;
  FitToPagesWide: number | false;
  /** false: as many pages high as it takes. */
  FitToPagesTall: number | false;
}

export interface EtWorksheet {
  Name: string;
  /** -1 visible (xlSheetVisible), 0 hidden, 2 very hidden. */
  Visible: number;
  readonly UsedRange: EtRange;
  Range(address: string): EtRange;
  readonly Names: EtNames;
  readonly PageSetup: EtPageSetup;
  readonly Hyperlinks: EtHyperlinks;
  Activate(): unknown;
}

export interface EtSheets {
  readonly Count: number;
  Item(index: number | string): EtWorksheet;
  /** Before/After: a sheet to place the new one beside; returns the new sheet. */
  Add(Before?: EtWorksheet, After?: EtWorksheet, Count?: number): EtWorksheet;
}

export interface EtWindow {
  SplitRow: number;
  SplitColumn: number;
  FreezePanes: boolean;
}

export interface EtWorkbook {
  readonly Name: string;
  readonly Worksheets: EtSheets;
}

export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook | null;
  readonly ActiveWindow: EtWindow | null;
  ScreenUpdating: boolean;
  /** -4105 automatic, -4135 manual (xlCalculationManual). */
  Calculation: number;
}

/** The add-in page's globals in WPS: Application (and its alias wps). */
export interface EtGlobal {
  Application?: EtApplication & WpsAddinRoot;
}

/** The add-in API on Application (WPS 加载项): task panes and custom functions. */
export interface WpsAddinRoot {
  CreateTaskPane(url: string, title?: string): WpsTaskPane;
  GetTaskPane(id: number): WpsTaskPane | null;
  readonly PluginStorage: { getItem(key: string): unknown; setItem(key: string, value: unknown): void };
  /** WPS 12.1.0.20540 and later: a synchronous cell function NAMESPACE.NAME. */
  AddCustomFunction?(namespace: string, name: string, fn: (...args: unknown[]) => unknown): void;
}

export interface WpsTaskPane {
  readonly ID: number;
  Visible: boolean;
  Navigate(url: string): void;
  Width: number;
}
