/** The rebalance panel's styles, shared by its parts. */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    // A select is as wide as its longest option unless told otherwise: never wider than the pane.
    "& .fui-Select, & .fui-Input, & .fui-Field": { minWidth: 0, maxWidth: "100%" },
    "& select, & input": { minWidth: 0, maxWidth: "100%" },
  },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-start" },
  grow: { flexGrow: 1, flexBasis: "120px", minWidth: 0 },
  picker: { display: "flex", flexDirection: "column", minWidth: 0 },
  // Long indicator names wrap instead of widening the pane.
  option: { minWidth: 0, "& label": { overflowWrap: "anywhere", whiteSpace: "normal" } },
  reason: { display: "block", color: tokens.colorNeutralForeground3 },
  table: {
    width: "100%",
    tableLayout: "fixed",
    borderCollapse: "collapse",
    fontVariantNumeric: "tabular-nums",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": {
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXXS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      textAlign: "right",
      overflowWrap: "anywhere",
    },
    "& th:first-child, & td:first-child": { textAlign: "left" },
    "& caption": {
      textAlign: "left",
      fontWeight: tokens.fontWeightSemibold,
      paddingBottom: tokens.spacingVerticalXS,
    },
  },
  colUnit: { width: "30%" },
  colLock: { width: "36px" },
  changed: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  bound: { width: "100%", minWidth: 0 },
  fieldError: { color: tokens.colorPaletteRedForeground1, textAlign: "left" },
  chart: { width: "100%", height: "auto" },
  legend: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center" },
  swatch: {
    display: "inline-block",
    width: "10px",
    height: "10px",
    marginRight: tokens.spacingHorizontalXXS,
  },
  before: { fill: tokens.colorNeutralStrokeAccessible, backgroundColor: tokens.colorNeutralStrokeAccessible },
  after: { fill: tokens.colorBrandBackground, backgroundColor: tokens.colorBrandBackground },
  label: { fill: tokens.colorNeutralForeground2 },
  figure: { margin: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  // Apply stays at the foot of the pane while the tables scroll past, however long the split.
  bar: {
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});
